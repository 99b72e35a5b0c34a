//! Every input a fuzzer ever crashed on (saved under `fuzz/regressions/<target>/`) is replayed
//! through the same entry points the fuzz targets use, so a fixed crash stays fixed.

use std::path::Path;

/// A fuzz target's entry point.
type Target = fn(&[u8]);

#[test]
fn saved_fuzz_inputs_no_longer_crash() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let targets: [(&str, Target); 5] = [
        ("site", site),
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
    assert!(replayed >= 5, "only {replayed} inputs replayed");
}

/// The `site` target: the whole pipeline, and its XML outputs must parse (as in
/// `fuzz/fuzz_targets/site.rs`).
fn site(data: &[u8]) {
    for file in dossier::fuzzing::site_from_bytes(data) {
        if file.path.ends_with(".xml") {
            let text = std::str::from_utf8(&file.bytes).unwrap();
            if let Err(e) = roxmltree::Document::parse(text) {
                panic!("{} is not well-formed: {e}", file.path);
            }
        }
    }
}

#[test]
fn the_site_target_reaches_the_renderer() {
    // A fuzz target that stops at validation would find nothing in the renderer: its seed must
    // become a whole site, with excerpts, mentions and feeds.
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/site/seed-valid-site");
    let files = dossier::fuzzing::site_from_bytes(&std::fs::read(seed).unwrap());
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for wanted in [
        "articles/2020-01-01-a/index.html",
        "excerpts/e0/index.html",
        "actors/a0/index.html",
        "atom.xml",
        "pages/p/index.html",
    ] {
        assert!(paths.contains(&wanted), "{wanted} not in {paths:?}");
    }
    assert!(
        files.iter().filter(|f| f.path.starts_with("excerpts/e")).count() >= 3,
        "{paths:?}"
    );
    let article = files
        .iter()
        .find(|f| f.path == "articles/2020-01-01-a/index.html")
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .unwrap();
    assert!(article.contains("class=\"mention\""), "{article}");
    assert!(article.contains("<mark class=\"excerpt stance-"), "{article}");
}
