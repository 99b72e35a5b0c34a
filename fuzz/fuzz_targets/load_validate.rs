//! Front matter, YAML loading and the whole pipeline after it: the input is split at NUL bytes
//! into an article (Markdown with front matter), its annotations, an actor and an incident,
//! which go through validate, index and render exactly as files from disk would.
#![no_main]

use dossier::fuzzing::pipeline_from_parts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    pipeline_from_parts(data);
});
