//! Every input a fuzzer ever crashed on (saved under `fuzz/regressions/<target>/`) is replayed
//! through the same entry points the fuzz targets use, so a fixed crash stays fixed.

use std::path::Path;

/// A fuzz target's entry point.
type Target = fn(&[u8]);

#[test]
fn saved_fuzz_inputs_no_longer_crash() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let targets: [(&str, Target); 4] = [
        ("load_validate", dossier::fuzzing::pipeline_from_parts),
        ("anchor", dossier::fuzzing::anchor_from_parts),
        ("wikilink", dossier::fuzzing::wikilinks_from_bytes),
        ("highlight", dossier::fuzzing::highlights_from_bytes),
    ];
    let mut replayed = 0;
    for (target, run) in targets {
        let dir = root.join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            run(&std::fs::read(&file).unwrap());
            replayed += 1;
        }
    }
    // The seeds below are always there, so this test can never pass vacuously.
    assert!(replayed >= 4, "only {replayed} inputs replayed");
}
