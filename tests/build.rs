//! The build as a user runs it: determinism, safety of the previous site and of foreign
//! folders, and the command line's exit codes and help.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small")
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// A short summary of a snapshot (path, size, hash of each file) that prints readably.
fn digest(files: &BTreeMap<String, Vec<u8>>) -> Vec<(String, usize, u64)> {
    use std::hash::{Hash, Hasher};
    files
        .iter()
        .map(|(k, v)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            v.hash(&mut h);
            (k.clone(), v.len(), h.finish())
        })
        .collect()
}

fn copy_fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), tmp.path());
    tmp
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    dossier::build(&fixture(), &a, false).unwrap();
    dossier::build(&fixture(), &b, false).unwrap();
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(sa.len() > 20);
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{k} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_intact() {
    let dossier = copy_fixture();
    let out = dossier.path().join("public");
    dossier::build(dossier.path(), &out, false).unwrap();
    let before = snapshot(&out);

    // An invalid dossier: nothing is written.
    let actor = dossier.path().join("content/actors/beta-state.yaml");
    std::fs::write(&actor, "name: \"Beta State\"\nkind: stat\n").unwrap();
    let report = dossier::build(dossier.path(), &out, false).unwrap();
    assert_eq!(report.diagnostics.error_count(), 1);
    assert_eq!(report.files_written, 0);
    assert_eq!(snapshot(&out), before);

    // A template that fails while rendering: nothing is written either.
    std::fs::write(&actor, "name: \"Beta State\"\nkind: state\n").unwrap();
    std::fs::create_dir_all(dossier.path().join("templates")).unwrap();
    std::fs::write(
        dossier.path().join("templates/actor.html"),
        "{{ actor.name | no_such_filter }}",
    )
    .unwrap();
    let report = dossier::build(dossier.path(), &out, false).unwrap();
    assert!(
        report.diagnostics.error_count() >= 1,
        "{}",
        report.diagnostics.render(false)
    );
    assert_eq!(snapshot(&out), before);
    // No staging folder is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dossier.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_warning_under_strict_writes_nothing() {
    let dossier = copy_fixture();
    std::fs::write(
        dossier.path().join("content/actors/nobody.yaml"),
        "name: \"Nobody Else\"\nkind: person\n",
    )
    .unwrap();
    let out = dossier.path().join("public");
    let report = dossier::build(dossier.path(), &out, true).unwrap();
    assert_eq!(report.diagnostics.warning_count(), 1);
    assert!(!out.exists());
    let report = dossier::build(dossier.path(), &out, false).unwrap();
    assert!(report.files_written > 0);
}

#[test]
fn a_foreign_folder_is_never_deleted_or_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("mine");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("thesis.txt"), "years of work").unwrap();
    let err = dossier::build(&fixture(), &out, false).unwrap_err();
    assert!(err.to_string().contains("was not created by dossier"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("thesis.txt")).unwrap(),
        "years of work"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);

    // A file in the way is refused too.
    let file = tmp.path().join("notes.txt");
    std::fs::write(&file, "keep").unwrap();
    assert!(dossier::build(&fixture(), &file, false).is_err());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep");

    // An empty folder, and a folder we made, may be replaced.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    dossier::build(&fixture(), &empty, false).unwrap();
    assert!(empty.join(".dossier-output").is_file());
    dossier::build(&fixture(), &empty, false).unwrap();
}

#[test]
fn leftovers_of_a_killed_build_are_cleaned_up() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    // A killed build's staging folder: our name pattern, and the marker every build writes first.
    let stale = tmp.path().join(".public.staging-99999");
    std::fs::create_dir(&stale).unwrap();
    std::fs::write(stale.join(".dossier-output"), "").unwrap();
    std::fs::write(stale.join("index.html"), "half").unwrap();
    dossier::build(&fixture(), &out, false).unwrap();
    assert!(!stale.exists());
    assert!(out.join("index.html").is_file());
}

#[test]
fn check_writes_nothing_and_build_never_writes_into_content() {
    let dossier = copy_fixture();
    let before = snapshot(dossier.path());
    dossier::check(dossier.path()).unwrap();
    assert_eq!(snapshot(dossier.path()), before);
    dossier::build(dossier.path(), &dossier.path().join("public"), false).unwrap();
    let after: BTreeMap<_, _> = snapshot(dossier.path())
        .into_iter()
        .filter(|(k, _)| !k.starts_with("public"))
        .collect();
    assert_eq!(after, before);
}

fn dossier_cmd() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

#[test]
fn the_command_line_reports_through_exit_codes() {
    let dossier = copy_fixture();
    let ok = dossier_cmd().args(["check"]).arg(dossier.path()).output().unwrap();
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stderr).contains("ok: 1 articles, 3 actors, 1 incidents, 4 excerpts"));

    // build with the default output DIR/public, run from inside the dossier folder.
    let built = dossier_cmd().arg("build").current_dir(dossier.path()).output().unwrap();
    assert_eq!(
        built.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(dossier.path().join("public/index.html").is_file());

    std::fs::write(
        dossier.path().join("content/actors/beta-state.yaml"),
        "nme: \"Beta\"\nkind: state\n",
    )
    .unwrap();
    let bad = dossier_cmd().arg("check").arg(dossier.path()).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("content/actors/beta-state.yaml:1:1"), "{stderr}");
    assert!(stderr.contains("did you mean `name`?"), "{stderr}");

    let missing = dossier_cmd().args(["check", "/no/such/folder"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(3));
}

#[test]
fn timings_name_every_stage_and_change_nothing_else() {
    let dossier = copy_fixture();
    let plain = dossier_cmd().arg("check").arg(dossier.path()).output().unwrap();
    let timed = dossier_cmd()
        .args(["check", "--timings"])
        .arg(dossier.path())
        .output()
        .unwrap();
    assert_eq!(timed.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&timed.stderr);
    let line = stderr.lines().find(|l| l.starts_with("timings:")).expect(&stderr);
    // `check` stops short of the index: its warnings are a stage of their own.
    for stage in ["load", "validate", "warnings", "templates", "total"] {
        assert!(line.contains(&format!(" {stage} ")), "{stage} in {line}");
    }
    assert!(!line.contains(" index "), "{line}");
    let without: Vec<&str> = stderr.lines().filter(|l| !l.starts_with("timings:")).collect();
    assert_eq!(without.join("\n") + "\n", String::from_utf8_lossy(&plain.stderr));

    let out = dossier.path().join("site");
    let built = dossier_cmd()
        .args(["build", "--timings", "-o"])
        .arg(&out)
        .arg(dossier.path())
        .output()
        .unwrap();
    assert_eq!(built.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&built.stderr);
    let line = stderr.lines().find(|l| l.starts_with("timings:")).expect(&stderr);
    assert!(
        line.contains(" index ") && line.contains(" render and write ") && line.contains(" publish "),
        "{line}"
    );
}

#[test]
fn every_command_has_help() {
    for args in [vec!["--help"], vec!["build", "--help"], vec!["check", "--help"]] {
        let out = dossier_cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Usage: dossier"), "{text}");
    }
    let out = dossier_cmd().args(["build", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("--strict"));
}

#[test]
fn folder_style_links_when_asked_for() {
    let dossier = copy_fixture();
    let config = dossier.path().join("dossier.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}pretty_urls: true\n")).unwrap();
    let out = dossier.path().join("public");
    dossier::build(dossier.path(), &out, true).unwrap();
    let actor = std::fs::read_to_string(out.join("actors/alpha-agency/index.html")).unwrap();
    assert!(actor.contains("href=\"../../actors/beta-state/\""), "{actor}");
    assert!(!actor.contains("index.html\""), "{actor}");
}

#[test]
fn a_missing_base_url_is_a_note_that_never_fails_the_build() {
    let dossier = copy_fixture();
    let config = dossier.path().join("dossier.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("base_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&config, without).unwrap();
    let out = dossier.path().join("public");
    let report = dossier::build(dossier.path(), &out, true).unwrap();
    let text = report.diagnostics.render(false);
    assert!(text.contains("note[no-base-url]"), "{text}");
    assert!(report.files_written > 0);
    assert!(!out.join("sitemap.xml").exists() && !out.join("atom.xml").exists());
}

#[cfg(unix)]
#[test]
fn a_build_killed_part_way_leaves_the_previous_site_complete() {
    let dossier = copy_fixture();
    let out = dossier.path().join("public");
    dossier::build(dossier.path(), &out, false).unwrap();
    let before = snapshot(&out);
    // Make the next build write many files, so that it can be caught while writing them.
    for i in 0..1500 {
        std::fs::write(
            dossier.path().join(format!("content/actors/filler-{i}.yaml")),
            format!("name: \"Filler {i}\"\nkind: person\n"),
        )
        .unwrap();
    }
    // The complete new site, for comparison: a kill may land after the swap, and then the
    // output must be exactly this.
    let reference_dir = tempfile::tempdir().unwrap();
    let reference = reference_dir.path().join("site");
    dossier::build(dossier.path(), &reference, false).unwrap();
    let (old_digest, new_digest) = (digest(&before), digest(&snapshot(&reference)));
    let mut caught = 0;
    for delay_ms in [0u64, 5, 20, 60, 150] {
        let mut child = dossier_cmd()
            .arg("build")
            .arg(dossier.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let staging = dossier.path().join(format!(".public.staging-{}", child.id()));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !staging.exists() && std::time::Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        // SIGKILL: no destructor, no cleanup runs.
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            // It finished first: the new site must then be complete; start again from the old one.
            assert!(out.join("actors/filler-1499/index.html").is_file());
            std::fs::remove_dir_all(&out).unwrap();
            dossier::build(&fixture(), &out, false).unwrap();
            continue;
        }
        caught += 1;
        // Killed: the output is exactly the previous site, or exactly the new one.
        let now = digest(&snapshot(&out));
        assert!(
            now == old_digest || now == new_digest,
            "after a kill {delay_ms} ms into writing the output is neither site"
        );
        if now == new_digest {
            std::fs::remove_dir_all(&out).unwrap();
            dossier::build(&fixture(), &out, false).unwrap();
            assert_eq!(digest(&snapshot(&out)), old_digest);
        }
    }
    assert!(
        caught >= 2,
        "the build finished before it could be killed; make it bigger"
    );
    // The next build succeeds and leaves nothing behind.
    let report = dossier::build(dossier.path(), &out, false).unwrap();
    assert!(report.files_written > before.len());
    let leftovers: Vec<_> = std::fs::read_dir(dossier.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_static_file_replaces_a_generated_one_with_a_note() {
    let dossier = copy_fixture();
    std::fs::create_dir_all(dossier.path().join("static")).unwrap();
    std::fs::write(dossier.path().join("static/robots.txt"), "User-agent: *\nDisallow: /\n").unwrap();
    let out = dossier.path().join("public");
    let report = dossier::build(dossier.path(), &out, true).unwrap();
    let text = report.diagnostics.render(false);
    assert!(
        text.contains("note[static-replaces-page]: static/robots.txt replaces the generated robots.txt"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("robots.txt")).unwrap(),
        "User-agent: *\nDisallow: /\n"
    );
}

#[test]
fn trusted_html_passes_through_and_untrusted_does_not() {
    let dossier = copy_fixture();
    let page = dossier.path().join("content/pages/about.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\n<span onclick=\"go()\">raw</span>\n")).unwrap();
    let out = dossier.path().join("public");
    dossier::build(dossier.path(), &out, true).unwrap();
    let html = std::fs::read_to_string(out.join("pages/about/index.html")).unwrap();
    assert!(html.contains("<span>raw</span>") && !html.contains("onclick"), "{html}");

    let config = dossier.path().join("dossier.yaml");
    let settings = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{settings}trust_html: true\n")).unwrap();
    dossier::build(dossier.path(), &out, true).unwrap();
    let html = std::fs::read_to_string(out.join("pages/about/index.html")).unwrap();
    assert!(html.contains("<span onclick=\"go()\">raw</span>"), "{html}");

    std::fs::write(
        &config,
        format!("{settings}trust_html: yes please\nmax_file_size_mb: \"2\"\n"),
    )
    .unwrap();
    let report = dossier::check(dossier.path()).unwrap();
    let text = report.diagnostics.render(false);
    assert!(text.contains("`trust_html` must be true or false"), "{text}");
    assert!(
        text.contains("`max_file_size_mb` must be a whole number from 1 to 4096"),
        "{text}"
    );
}

/// The article page's text as the page shows it, through a dossier template for `article.html`.
fn article_text_through(dossier: &Path, template: &str) -> String {
    std::fs::create_dir_all(dossier.join("templates")).unwrap();
    std::fs::write(dossier.join("templates/article.html"), template).unwrap();
    let out = dossier.join("public");
    let report = dossier::build(dossier, &out, false).unwrap();
    assert_eq!(
        report.diagnostics.error_count(),
        0,
        "{}",
        report.diagnostics.render(false)
    );
    let pages: Vec<String> = snapshot(&out)
        .into_iter()
        .filter(|(path, _)| path.starts_with("articles/") && path.matches('/').count() == 2 && !path.contains("page/"))
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect();
    assert_eq!(pages.len(), 1, "one article page");
    pages.into_iter().next().unwrap()
}

#[test]
fn an_articles_text_reaches_the_page_whatever_the_template_does_with_it() {
    let dossier = copy_fixture();
    let dossier = dossier.path();
    // Shown whole once: the text is written straight into the page, around the template.
    let plain = article_text_through(dossier, "<main>{{ body_html | safe }}</main>");
    let text = plain
        .strip_prefix("<main>")
        .and_then(|t| t.strip_suffix("</main>"))
        .unwrap();
    assert!(text.starts_with("<div class=\"block\">") && text.len() > 500, "{text}");
    // Twice, measured, changed by a filter, or not at all: the template gets the text itself,
    // and the page is what it makes of it.
    assert_eq!(
        article_text_through(dossier, "{{- body_html | safe }}<hr>{{ body_html | safe -}}"),
        format!("{text}<hr>{text}")
    );
    assert_eq!(
        article_text_through(dossier, "{{ body_html | safe }}|{{ body_html | length }}"),
        format!("{text}|{}", text.chars().count())
    );
    assert_eq!(
        article_text_through(dossier, "{% filter upper %}{{ body_html | safe }}{% endfilter %}"),
        text.to_uppercase()
    );
    assert_eq!(
        article_text_through(
            dossier,
            "{% if publish == \"private\" %}{{ body_html | safe }}{% endif %}-"
        ),
        "-"
    );
    assert!(article_text_through(dossier, "{{ body_html }}").starts_with("&lt;div class=&quot;block&quot;&gt;"));
}
