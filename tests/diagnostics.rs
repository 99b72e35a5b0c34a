//! Data-driven diagnostics tests: each `tests/diagnostics/*.case` file describes a small broken
//! dossier (`=== path` sections) and, under `=== expected`, the exact text `dossier check`
//! prints for it. Run with `BLESS=1` to rewrite the expected sections after a deliberate change
//! of wording (and read the diff before committing it).

mod common;

use std::path::{Path, PathBuf};

/// Every `tests/diagnostics/*.case` file, in name order.
fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diagnostics");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_diagnostic_case_prints_its_expected_text() {
    let cases = cases();
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

/// `dossier check` stops short of the index and takes the warnings from
/// `index::warnings_only`; a build takes them from the index. Both must say the same, on every
/// case above (errors, each warning, templates) and on the example dossier.
#[test]
fn check_gives_the_diagnostics_the_whole_pipeline_gives() {
    let cases = cases();
    let mut compared = 0;
    let mut warned = 0;
    let mut compare = |root: &Path, name: &str| {
        let Ok((checked, whole)) = dossier::check_dossier(root) else {
            assert!(dossier::check(root).is_err(), "{name}: only check failed");
            return;
        };
        let report = dossier::check(root).unwrap();
        assert_eq!(report.diagnostics.render(false), whole.render(false), "{name}");
        assert_eq!(report.counts.is_some(), checked.is_some(), "{name}");
        compared += 1;
        warned += usize::from(checked.is_some() && whole.warning_count() > 0);
    };
    for case in &cases {
        let tmp = tempfile::tempdir().unwrap();
        common::materialise(&std::fs::read_to_string(case).unwrap(), tmp.path());
        compare(tmp.path(), &case.display().to_string());
    }
    compare(Path::new(env!("CARGO_MANIFEST_DIR")), "the example");
    assert!(compared > cases.len() / 2, "{compared} of {} compared", cases.len());
    assert!(warned >= 4, "only {warned} valid dossiers with warnings compared");
}
