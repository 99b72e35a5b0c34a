//! Article rendering with highlights and mentions at arbitrary (overlapping, nested) ranges.
#![no_main]

use dossier::fuzzing::highlights_from_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    highlights_from_bytes(data);
});
