//! Wikilink parsing and Markdown field rendering on arbitrary text.
#![no_main]

use dossier::fuzzing::wikilinks_from_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    wikilinks_from_bytes(data);
});
