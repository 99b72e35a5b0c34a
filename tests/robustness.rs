//! Bad input of every kind gets diagnostics, never a panic: invalid UTF-8, symlinks out of the
//! folder, BOM and CRLF, and (property test) arbitrary text in every kind of file.

mod common;

use std::path::Path;

use proptest::prelude::*;

const BASE: &str = "=== dossier.yaml
title: \"Case\"
=== content/articles/2020-01-02-report.md
---
title: \"A report\"
outlet: \"Wire\"
published: 2020-01-02
---
The agency denied any role in the raid.
=== content/articles/2020-01-02-report.yaml
excerpts:
  - quote: \"denied any role\"
    speaker: the-agency
    form: reported
    stance: denial
=== content/actors/the-agency.yaml
name: \"The Agency\"
kind: agency
";

fn base() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::materialise(BASE, tmp.path());
    tmp
}

#[test]
fn the_base_case_is_valid() {
    let tmp = base();
    let report = dossier::check(tmp.path()).unwrap();
    assert_eq!(
        report.diagnostics.items.len(),
        0,
        "{}",
        report.diagnostics.render(false)
    );
}

#[test]
fn invalid_utf8_names_the_file_and_byte_offset() {
    let tmp = base();
    std::fs::write(
        tmp.path().join("content/actors/bad.yaml"),
        b"name: \"Caf\xe9\"\nkind: person\n",
    )
    .unwrap();
    let report = dossier::check(tmp.path()).unwrap();
    let text = report.diagnostics.render(false);
    assert!(
        text.contains("error[invalid-utf8]: content/actors/bad.yaml: not valid UTF-8 at byte 10"),
        "{text}"
    );
}

#[test]
fn a_bom_and_crlf_line_endings_are_accepted() {
    let tmp = base();
    let article = "\u{feff}---\r\ntitle: \"A report\"\r\noutlet: \"Wire\"\r\npublished: 2020-01-02\r\n---\r\nThe agency denied any role in the raid.\r\n";
    std::fs::write(tmp.path().join("content/articles/2020-01-02-report.md"), article).unwrap();
    std::fs::write(
        tmp.path().join("content/actors/the-agency.yaml"),
        "\u{feff}name: \"The Agency\"\r\nkind: agency\r\n",
    )
    .unwrap();
    let report = dossier::check(tmp.path()).unwrap();
    assert_eq!(
        report.diagnostics.items.len(),
        0,
        "{}",
        report.diagnostics.render(false)
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_dossier_are_not_followed() {
    let tmp = base();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.yaml");
    std::fs::write(&secret, "name: \"Secret\"\nkind: person\n").unwrap();
    std::os::unix::fs::symlink(&secret, tmp.path().join("content/actors/secret.yaml")).unwrap();
    // A link that stays inside the dossier is followed.
    std::os::unix::fs::symlink(
        tmp.path().join("content/actors/the-agency.yaml"),
        tmp.path().join("content/actors/agency-link.yaml"),
    )
    .unwrap();
    let (built, diags) = dossier::run(tmp.path(), false).unwrap();
    let text = diags.render(false);
    assert!(
        text.contains(
            "warning[symlink-not-followed]: content/actors/secret.yaml: points outside the dossier folder; not followed"
        ),
        "{text}"
    );
    let model = built.expect("still valid").model;
    assert!(model.actors.iter().all(|a| a.id != "secret"));
    assert!(model.actors.iter().any(|a| a.id == "agency-link"));
}

#[test]
fn a_missing_or_foreign_folder_is_a_clear_failure() {
    let err = dossier::check(Path::new("/no/such/dossier")).unwrap_err();
    assert!(err.to_string().contains("cannot open the dossier folder"), "{err}");
    let empty = tempfile::tempdir().unwrap();
    let err = dossier::check(empty.path()).unwrap_err();
    assert!(err.to_string().contains("is not a dossier"), "{err}");
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![
        // YAML-ish and Markdown-ish fragments, recombined.
        proptest::collection::vec(
            prop_oneof![
                Just("---\n".to_string()),
                Just("title: x\n".to_string()),
                Just("kind: agency\n".to_string()),
                Just("excerpts:\n  - quote: \"".to_string()),
                Just("[[".to_string()),
                Just("]]".to_string()),
                Just("&a [*a, *a]\n".to_string()),
                Just("*emph* `code` [link](u)\n".to_string()),
                Just("published: 2020-02-30\n".to_string()),
                Just("\u{feff}\r\n\t".to_string()),
                "[ -~]{0,12}",
                "\\PC{0,6}",
            ],
            0..12
        )
        .prop_map(|v| v.concat()),
        "\\PC{0,80}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
    #[test]
    fn no_input_panics(actor in arbitrary_text(), article in arbitrary_text(), notes in arbitrary_text(), config in arbitrary_text()) {
        let tmp = base();
        std::fs::write(tmp.path().join("content/actors/the-agency.yaml"), actor).unwrap();
        std::fs::write(tmp.path().join("content/articles/2020-01-02-report.md"), article).unwrap();
        std::fs::write(tmp.path().join("content/articles/2020-01-02-report.yaml"), notes).unwrap();
        std::fs::write(tmp.path().join("dossier.yaml"), config).unwrap();
        let result = dossier::run(tmp.path(), true);
        prop_assert!(result.is_ok());
        let (_, diags) = result.unwrap();
        // Every diagnostic renders.
        let _ = diags.render(false);
    }
}

#[test]
fn files_over_the_size_limit_are_refused_and_the_limit_is_a_setting() {
    let tmp = base();
    let big = format!(
        "---\ntitle: \"Big\"\noutlet: \"Wire\"\npublished: 2020-01-03\n---\n{}\n",
        "word ".repeat(300_000)
    );
    std::fs::write(tmp.path().join("content/articles/2020-01-03-big.md"), &big).unwrap();
    std::fs::write(
        tmp.path().join("dossier.yaml"),
        "title: \"Case\"\nmax_file_size_mb: 1\n",
    )
    .unwrap();
    let report = dossier::check(tmp.path()).unwrap();
    let text = report.diagnostics.render(false);
    assert!(
        text.contains(
            "error[file-too-large]: content/articles/2020-01-03-big.md: 1500059 bytes, more than the limit of 1 MiB"
        ),
        "{text}"
    );
    assert!(text.contains("max_file_size_mb"), "{text}");
    std::fs::write(
        tmp.path().join("dossier.yaml"),
        "title: \"Case\"\nmax_file_size_mb: 2\n",
    )
    .unwrap();
    let report = dossier::check(tmp.path()).unwrap();
    assert_eq!(
        report.diagnostics.error_count(),
        0,
        "{}",
        report.diagnostics.render(false)
    );
}

#[test]
fn deep_nesting_and_alias_bombs_are_refused_with_the_file_named() {
    let tmp = base();
    let deep = format!("name: {}x{}\nkind: agency\n", "[".repeat(500), "]".repeat(500));
    std::fs::write(tmp.path().join("content/actors/deep.yaml"), deep).unwrap();
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..20 {
        let prev = if i == 0 { "a".to_string() } else { format!("l{}", i - 1) };
        bomb.push_str(&format!(
            "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    std::fs::write(tmp.path().join("content/actors/bomb.yaml"), bomb).unwrap();
    let report = dossier::check(tmp.path()).unwrap();
    let text = report.diagnostics.render(false);
    assert!(text.contains("--> content/actors/deep.yaml:"), "{text}");
    assert!(text.contains("--> content/actors/bomb.yaml:"), "{text}");
    assert_eq!(report.diagnostics.error_count(), 2, "{text}");
}
