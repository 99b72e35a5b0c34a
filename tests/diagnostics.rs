//! Data-driven diagnostics tests: each `tests/diagnostics/*.case` file describes a small broken
//! dossier (`=== path` sections) and, under `=== expected`, the exact text `dossier check`
//! prints for it. Run with `BLESS=1` to rewrite the expected sections after a deliberate change
//! of wording (and read the diff before committing it).

mod common;

use std::path::Path;

#[test]
fn every_diagnostic_case_prints_its_expected_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diagnostics");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 30,
        "expected a case per diagnostic kind, found {}",
        cases.len()
    );
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let text = std::fs::read_to_string(case).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let expected = common::materialise(&text, tmp.path()).unwrap_or_default();
        let actual = match dossier::check(tmp.path()) {
            Ok(report) => {
                let mut out = report.diagnostics.render(false);
                out.push_str(&format!(
                    "{} error(s), {} warning(s)\n",
                    report.diagnostics.error_count(),
                    report.diagnostics.warning_count()
                ));
                out
            }
            Err(e) => format!("failure: {e}\n"),
        };
        if bless {
            let head = text.split("\n=== expected").next().unwrap();
            std::fs::write(case, format!("{head}\n=== expected\n{actual}")).unwrap();
        } else if actual.trim_end() != expected.trim_end() {
            failures.push(format!(
                "{}\n--- expected\n{}\n--- actual\n{}",
                case.display(),
                expected.trim_end(),
                actual.trim_end()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
