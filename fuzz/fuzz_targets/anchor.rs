//! Quote anchoring: the input is split at NUL bytes into an article body, a quote, a prefix, a
//! suffix and an occurrence; anchoring must return a range inside the rendered text or an error.
#![no_main]

use dossier::fuzzing::anchor_from_parts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    anchor_from_parts(data);
});
