//! Helpers shared by the integration tests: materialise a dossier described in one text file.

use std::path::Path;

#[allow(dead_code)]
/// Write the files of a multi-file case (`=== path` headers) under `dir`. Returns the text of
/// the `=== expected` section, if any.
pub fn materialise(case: &str, dir: &Path) -> Option<String> {
    let mut expected = None;
    for section in case.split("\n=== ").map(|s| s.trim_start_matches("=== ")) {
        let (header, body) = section.split_once('\n').unwrap_or((section, ""));
        let header = header.trim();
        if header.is_empty() || header.starts_with('#') {
            continue;
        }
        if header == "expected" {
            expected = Some(body.to_string());
            continue;
        }
        let path = dir.join(header);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    expected
}

/// Copy a folder recursively.
#[allow(dead_code)]
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
