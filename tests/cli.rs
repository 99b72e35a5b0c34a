//! The command line as a user meets it, through the real binary: `init` and `new` (the files
//! they write build, refusals leave everything as it was), the shared flags (`--quiet`,
//! `--verbose`, `--color` with NO_COLOR and CLICOLOR_FORCE, `--message-format json|github`),
//! `build --base-url`, exit codes, completions and the manual page.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dossier() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    // The tests decide colour themselves.
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    cmd
}

fn run(args: &[&str], dir: &Path) -> Output {
    dossier().args(args).current_dir(dir).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small")
}

/// A copy of the small fixture dossier with an unknown field in an excerpt (line 8, column 5).
fn broken_dossier() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let case =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diagnostics/unknown-field.case"))
            .unwrap();
    common::materialise(&case, tmp.path());
    tmp
}

/// Every file under `dir` with its bytes, to see that a refusal changed nothing.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            files.push((entry.path().to_path_buf(), std::fs::read(entry.path()).unwrap()));
        }
    }
    files
}

#[test]
fn init_makes_a_dossier_that_builds_strict_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let made = run(&["init", "brief"], tmp.path());
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    assert!(
        stderr(&made).contains("made a new dossier in brief"),
        "{}",
        stderr(&made)
    );
    let brief = tmp.path().join("brief");
    for path in [
        "dossier.yaml",
        "content/articles/2024-01-15-sample-report.md",
        "content/articles/2024-01-15-sample-report.yaml",
        "content/actors/example-ministry.yaml",
        "content/incidents/2024-01-15-review-announced.yaml",
        "content/pages/about.md",
        "schemas/actor.schema.json",
    ] {
        assert!(brief.join(path).is_file(), "{path}");
    }
    let actor = std::fs::read_to_string(brief.join("content/actors/example-ministry.yaml")).unwrap();
    assert!(actor.starts_with("# yaml-language-server: $schema=../../schemas/actor.schema.json\n"));

    let built = run(&["build", "--strict", "brief"], tmp.path());
    let err = stderr(&built);
    assert_eq!(built.status.code(), Some(0), "{err}");
    assert!(!err.contains("warning"), "{err}");
    assert!(err.contains("(1 articles, 1 actors, 1 incidents, 2 excerpts)"), "{err}");
    for page in [
        "articles/2024-01-15-sample-report/index.html",
        "actors/example-ministry/index.html",
        "incidents/2024-01-15-review-announced/index.html",
        "excerpts/ministry-promises-findings/index.html",
        "pages/about/index.html",
    ] {
        assert!(brief.join("public").join(page).is_file(), "{page}");
    }
}

#[test]
fn init_refuses_a_folder_with_anything_in_it_unless_forced_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let before = snapshot(tmp.path());
    let refused = run(&["init", "."], tmp.path());
    assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("is not empty"), "{}", stderr(&refused));
    assert_eq!(snapshot(tmp.path()), before, "a refusal writes nothing");

    // A file of a dossier is in the way: `--force` keeps it.
    std::fs::write(tmp.path().join("dossier.yaml"), "title: \"Mine\"\n").unwrap();
    let forced = run(&["init", "--force", "."], tmp.path());
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(
        stderr(&forced).contains("kept ./dossier.yaml as it was"),
        "{}",
        stderr(&forced)
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("dossier.yaml")).unwrap(),
        "title: \"Mine\"\n"
    );
    assert_eq!(std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(), "mine");
    assert!(tmp.path().join("content/actors/example-ministry.yaml").is_file());

    // A file where the folder should be.
    let file = tmp.path().join("notes.txt");
    let not_a_folder = run(&["init", file.to_str().unwrap()], tmp.path());
    assert_eq!(not_a_folder.status.code(), Some(3));
}

#[test]
fn every_new_kind_writes_a_file_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), tmp.path());
    let dir = tmp.path().to_str().unwrap();
    for args in [
        &["new", "actor", "asha-rao", "--dir", dir][..],
        &["new", "incident", "2021-03-04-border-clash", "--dir", dir],
        &["new", "page", "method", "--dir", dir],
        &["new", "article", "2021-03-05-wire-report", "--dir", dir],
    ] {
        let made = run(args, tmp.path());
        assert_eq!(made.status.code(), Some(0), "{args:?}: {}", stderr(&made));
    }
    let incident = std::fs::read_to_string(tmp.path().join("content/incidents/2021-03-04-border-clash.yaml")).unwrap();
    assert!(
        incident.starts_with("# yaml-language-server: $schema=../../schemas/incident.schema.json\n"),
        "{incident}"
    );
    assert!(incident.contains("\ntitle: \"Border clash\"\n"), "{incident}");
    assert!(incident.contains("\ndate: 2021-03-04\n"), "{incident}");
    assert!(incident.contains("\n# perpetrators:\n"), "{incident}");
    let actor = std::fs::read_to_string(tmp.path().join("content/actors/asha-rao.yaml")).unwrap();
    assert!(actor.contains("\nname: \"Asha Rao\"\nkind: person\n") || actor.contains("name: \"Asha Rao\""));
    // `new` wrote the schemas the lines point at.
    assert!(tmp.path().join("schemas/incident.schema.json").is_file());

    let built = run(&["build", dir], tmp.path());
    let err = stderr(&built);
    assert_eq!(built.status.code(), Some(0), "{err}");
    assert!(err.contains("(2 articles, 4 actors, 2 incidents, 4 excerpts)"), "{err}");
    assert!(tmp.path().join("public/pages/method/index.html").is_file());
    assert!(
        tmp.path()
            .join("public/incidents/2021-03-04-border-clash/index.html")
            .is_file()
    );
}

#[test]
fn new_article_from_a_copy_fills_the_front_matter_from_flags() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), tmp.path());
    std::fs::write(
        tmp.path().join("copy.txt"),
        "\u{feff}The agency said \"no\".\r\n\r\nSecond paragraph.",
    )
    .unwrap();
    let made = run(
        &[
            "new",
            "article",
            "2021-01-01-copy",
            "--from",
            "copy.txt",
            "--title",
            "A \"quoted\" title",
            "--outlet",
            "The Wire",
            "--published",
            "2020-12-31",
            "--url",
            "https://example.org/copy",
        ],
        tmp.path(),
    );
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let md = std::fs::read_to_string(tmp.path().join("content/articles/2021-01-01-copy.md")).unwrap();
    assert!(md.starts_with("---\n"), "{md}");
    for line in [
        "\ntitle: \"A \\\"quoted\\\" title\"\n",
        "\noutlet: \"The Wire\"\n",
        "\npublished: 2020-12-31\n",
        "\nurl: \"https://example.org/copy\"\n",
        "\n---\nThe agency said \"no\".\n\nSecond paragraph.\n",
    ] {
        assert!(md.contains(line), "{line:?} in:\n{md}");
    }
    let yaml = std::fs::read_to_string(tmp.path().join("content/articles/2021-01-01-copy.yaml")).unwrap();
    assert!(yaml.starts_with("# yaml-language-server: $schema=../../schemas/annotations.schema.json\n"));
    assert!(yaml.contains("\nexcerpts:\n"), "{yaml}");

    // From stdin.
    let mut child = dossier()
        .args([
            "new",
            "article",
            "2021-01-02-piped",
            "--title",
            "Piped",
            "--outlet",
            "Wire",
            "--from",
            "-",
        ])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"Text from a pipe.").unwrap();
    let piped = child.wait_with_output().unwrap();
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    let md = std::fs::read_to_string(tmp.path().join("content/articles/2021-01-02-piped.md")).unwrap();
    assert!(
        md.contains("\npublished: 2021-01-02\n") && md.ends_with("---\nText from a pipe.\n"),
        "{md}"
    );

    let built = run(&["build", "."], tmp.path());
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let page = std::fs::read_to_string(tmp.path().join("public/articles/2021-01-01-copy/index.html")).unwrap();
    assert!(page.contains("Second paragraph."));
}

#[test]
fn new_refuses_to_overwrite_bad_ids_and_folders_that_are_not_dossiers() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), tmp.path());
    let before = snapshot(tmp.path());
    // The article exists: neither its .md nor its .yaml is touched, nothing else is written.
    let existing = run(&["new", "article", "2020-01-02-first-report"], tmp.path());
    assert_eq!(existing.status.code(), Some(3), "{}", stderr(&existing));
    assert!(stderr(&existing).contains("already exists; dossier does not overwrite it"));
    let actor = run(&["new", "actor", "beta-state"], tmp.path());
    assert_eq!(actor.status.code(), Some(3));
    assert_eq!(snapshot(tmp.path()), before);

    let bad = run(&["new", "actor", "Beta State"], tmp.path());
    assert_eq!(bad.status.code(), Some(2), "a bad id is a usage error");
    assert!(
        stderr(&bad).contains("the nearest valid id is `beta-state`"),
        "{}",
        stderr(&bad)
    );
    let bad_date = run(&["new", "article", "x", "--published", "2020-02-30"], tmp.path());
    assert_eq!(bad_date.status.code(), Some(2));

    let empty = tempfile::tempdir().unwrap();
    let nowhere = run(&["new", "page", "about"], empty.path());
    assert_eq!(nowhere.status.code(), Some(3));
    assert!(stderr(&nowhere).contains("is not a dossier"), "{}", stderr(&nowhere));
    assert!(snapshot(empty.path()).is_empty());
}

#[test]
fn exit_codes_keep_usage_errors_apart() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(run(&["check", "--no-such-flag"], tmp.path()).status.code(), Some(2));
    assert_eq!(run(&["no-such-command"], tmp.path()).status.code(), Some(2));
    assert_eq!(run(&["check", "missing-folder"], tmp.path()).status.code(), Some(3));
    let broken = broken_dossier();
    assert_eq!(run(&["check", "."], broken.path()).status.code(), Some(1));
    assert_eq!(run(&["check", "."], &fixture()).status.code(), Some(0));
    // The output folder refused: a folder of someone else's files.
    let out = tmp.path().join("mine");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "x").unwrap();
    let refused = run(
        &["build", fixture().to_str().unwrap(), "-o", out.to_str().unwrap()],
        tmp.path(),
    );
    assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
}

#[test]
fn json_messages_are_shaped_like_cargos() {
    let broken = broken_dossier();
    let out = run(&["check", "--message-format", "json", "."], broken.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(v["level"], "error");
    assert_eq!(v["code"], "unknown-field");
    assert_eq!(v["message"], "unknown field `acters` in an excerpt");
    let span = &v["spans"][0];
    assert_eq!(span["file"], "content/articles/2020-01-02-report.yaml");
    assert_eq!((span["line"].as_u64(), span["column"].as_u64()), (Some(8), Some(5)));
    assert_eq!(
        (span["line_end"].as_u64(), span["column_end"].as_u64()),
        (Some(8), Some(11))
    );
    assert!(
        span["label"]
            .as_str()
            .unwrap()
            .starts_with("expected one of: quote, prefix")
    );
    assert_eq!(v["help"], serde_json::json!(["did you mean `actors`?"]));
    assert!(
        v["rendered"]
            .as_str()
            .unwrap()
            .contains("--> content/articles/2020-01-02-report.yaml:8:5")
    );
    // Nothing human on stdout; the summary stays on stderr.
    assert!(!stderr(&out).contains("error[unknown-field]"));
    assert!(stderr(&out).contains("1 error, 0 warnings"));

    // From another folder, the path is one the caller can open.
    let parent = broken.path().parent().unwrap();
    let name = broken.path().file_name().unwrap().to_str().unwrap();
    let out = run(&["check", "--message-format=json", name], parent);
    let v: serde_json::Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(
        v["spans"][0]["file"],
        format!("{name}/content/articles/2020-01-02-report.yaml")
    );

    // A failure of the environment is a JSON line too.
    let out = run(&["check", "--message-format", "json", "missing"], parent);
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!((v["level"].as_str(), v["code"].is_null()), (Some("error"), true));
    assert!(v["message"].as_str().unwrap().starts_with("missing: "), "{v}");
}

#[test]
fn github_messages_are_workflow_commands() {
    let broken = broken_dossier();
    let out = run(&["check", "--message-format", "github", "."], broken.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "::error file=content/articles/2020-01-02-report.yaml,line=8,col=5,endLine=8,endColumn=11,\
         title=dossier unknown-field::unknown field `acters` in an excerpt%0Aexpected one of: quote, \
         prefix, suffix, id, speaker, form, via, stance, actors, incidents, tags, credibility, said_on, \
         responds_to, key, occurrence, note, original, original_language%0Ahelp: did you mean `actors`?\n"
    );
}

#[test]
fn colour_follows_the_flag_then_no_color_and_clicolor_force() {
    let broken = broken_dossier();
    let esc = |o: &Output| stderr(o).contains('\u{1b}');
    let check = |flags: &[&str], env: &[(&str, &str)]| {
        let mut cmd = dossier();
        cmd.arg("check").args(flags).arg(".").current_dir(broken.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };
    // Not a terminal: plain, unless forced.
    assert!(!esc(&check(&[], &[])));
    assert!(esc(&check(&["--color", "always"], &[])));
    assert!(esc(&check(&[], &[("CLICOLOR_FORCE", "1")])));
    assert!(!esc(&check(&["--color", "never"], &[("CLICOLOR_FORCE", "1")])));
    assert!(esc(&check(&["--color=always"], &[("NO_COLOR", "1")])), "the flag wins");
    let styled = check(&["--color", "always"], &[]);
    let plain = check(&["--color", "never"], &[]);
    assert!(stderr(&plain).contains("error[unknown-field]: unknown field `acters` in an excerpt"));
    // Colour changes nothing but the escapes.
    let stripped = String::from_utf8(anstream::adapter::strip_bytes(&styled.stderr).into_vec()).unwrap();
    assert_eq!(stripped, stderr(&plain));
}

#[test]
fn quiet_and_verbose() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let fixture = fixture();
    let quiet = run(
        &["-q", "build", fixture.to_str().unwrap(), "-o", site.to_str().unwrap()],
        tmp.path(),
    );
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(stderr(&quiet), "", "nothing but errors and warnings");
    let verbose = run(&["check", "-v", fixture.to_str().unwrap()], tmp.path());
    let err = stderr(&verbose);
    assert!(
        err.contains("timings: load ") && err.contains("ok: 1 articles"),
        "{err}"
    );
    let normal = run(&["check", fixture.to_str().unwrap()], tmp.path());
    assert!(!stderr(&normal).contains("timings:"));
    // A build that is not on a terminal draws no progress.
    let built = run(
        &["build", fixture.to_str().unwrap(), "-o", site.to_str().unwrap()],
        tmp.path(),
    );
    assert!(
        !stderr(&built).contains('\r') && !stderr(&built).contains("files ("),
        "{}",
        stderr(&built)
    );
    // Errors still show under --quiet.
    let broken = broken_dossier();
    let q = run(&["check", "--quiet", "."], broken.path());
    assert_eq!(q.status.code(), Some(1));
    assert!(stderr(&q).starts_with("error[unknown-field]"), "{}", stderr(&q));
    assert!(!stderr(&q).contains("1 error, 0 warnings"));
    assert_eq!(run(&["check", "-q", "-v", "."], broken.path()).status.code(), Some(2));
}

#[test]
fn base_url_flag_overrides_dossier_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let f = fixture();
    let built = run(
        &[
            "build",
            f.to_str().unwrap(),
            "-o",
            site.to_str().unwrap(),
            "--base-url",
            "https://preview.example.net/pr-7",
        ],
        tmp.path(),
    );
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://preview.example.net/pr-7/actors/alpha-agency/index.html</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("example.org/briefing"));
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("https://preview.example.net/pr-7/"));
    let bad = run(
        &[
            "build",
            f.to_str().unwrap(),
            "-o",
            site.to_str().unwrap(),
            "--base-url",
            "ftp://x",
        ],
        tmp.path(),
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("`base_url` is not a valid http(s) URL"),
        "{}",
        stderr(&bad)
    );
    // Without a base_url in dossier.yaml, the flag gives one.
    let init = tempfile::tempdir().unwrap();
    assert!(run(&["init", "."], init.path()).status.success());
    let b = run(&["build", ".", "--base-url", "https://x.example/"], init.path());
    assert!(!stderr(&b).contains("no-base-url"), "{}", stderr(&b));
    assert!(init.path().join("public/sitemap.xml").is_file());
}

#[test]
fn schema_completions_and_manual_page() {
    let tmp = tempfile::tempdir().unwrap();
    let schema = run(&["schema"], tmp.path());
    assert_eq!(schema.status.code(), Some(0));
    assert!(stderr(&schema).contains("wrote 4 JSON Schemas into schemas"));
    assert!(tmp.path().join("schemas/annotations.schema.json").is_file());
    std::fs::write(tmp.path().join("file"), "").unwrap();
    assert_eq!(run(&["schema", "--out", "file"], tmp.path()).status.code(), Some(3));

    let bash = run(&["completions", "bash"], tmp.path());
    assert_eq!(bash.status.code(), Some(0));
    let script = stdout(&bash);
    for word in [
        "_dossier()",
        "build",
        "check",
        "init",
        "schema",
        "--message-format",
        "--base-url",
    ] {
        assert!(script.contains(word), "{word}");
    }
    let zsh = stdout(&run(&["completions", "zsh"], tmp.path()));
    assert!(zsh.starts_with("#compdef dossier"), "{}", &zsh[..40.min(zsh.len())]);
    assert_eq!(run(&["completions", "tcsh"], tmp.path()).status.code(), Some(2));

    let man = stdout(&run(&["man"], tmp.path()));
    assert!(man.contains(".TH dossier 1"), "{}", &man[..200.min(man.len())]);
    assert!(man.contains("build") && man.contains("\\-\\-color"), "{man}");
    let pages = run(&["man", "--out", "man"], tmp.path());
    assert_eq!(pages.status.code(), Some(0));
    assert!(tmp.path().join("man/dossier.1").is_file());
    assert!(tmp.path().join("man/dossier-build.1").is_file());
}

/// On a terminal (a pseudo-terminal made by util-linux's `script`), a build that runs past the
/// delay shows its progress line, and clears it; one that ends before shows none. The delay is
/// set (`DOSSIER_PROGRESS_AFTER_MS`) far below the example's build time (several seconds in a
/// debug build) and far above the small fixture's (a fraction of one), so that a busy machine
/// does not decide the outcome.
#[test]
fn a_long_build_on_a_terminal_shows_its_progress() {
    let tmp = tempfile::tempdir().unwrap();
    let on_tty = |dossier: &Path, out: &str, after_ms: &str| {
        let line = format!(
            "{} build {} -o {}",
            env!("CARGO_BIN_EXE_dossier"),
            dossier.display(),
            tmp.path().join(out).display()
        );
        let o = Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .env_remove("NO_COLOR")
            .env("DOSSIER_PROGRESS_AFTER_MS", after_ms)
            .output()
            .expect("util-linux's script");
        assert!(o.status.success(), "{}", stdout(&o));
        stdout(&o)
    };
    let long = on_tty(Path::new(env!("CARGO_MANIFEST_DIR")), "long", "100");
    assert!(long.contains("files written, "), "{long}");
    assert!(long.contains("\u{1b}[2K"), "the line is cleared: {long}");
    let quick = on_tty(&fixture(), "quick", "20000");
    assert!(!quick.contains("files written, "), "{quick}");
    assert!(quick.contains("built "), "{quick}");
}

/// `check --unlinked` lists the names the articles use three times or more that match no actor,
/// most used first, with their articles and the command that adds each; as JSON lines too.
#[test]
fn check_unlinked_lists_names_that_match_no_actor() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), tmp.path());
    let article = tmp.path().join("content/articles/2020-01-02-first-report.md");
    let mut text = std::fs::read_to_string(&article).unwrap();
    text.push_str(
        "\nThe Delta Front said nothing. Officials said the Delta Front had left; Beta State \
         Minister Erin Holt said the Delta Front would return. In Monday's statement, Erin Holt \
         repeated it. Erin Holt also said so. Monday came. The Echo Group spoke twice: Echo Group.\n",
    );
    std::fs::write(&article, text).unwrap();
    let dir = tmp.path().to_str().unwrap();

    let o = run(&["check", "--unlinked", dir], tmp.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = format!(
        "2 names in the articles match no actor (each used 3 times or more):\n\
         \n    3  Delta Front\n       in 2020-01-02-first-report\n       dossier new actor delta-front --dir {dir}\n\
         \n    3  Erin Holt\n       in 2020-01-02-first-report\n       dossier new actor erin-holt --dir {dir}\n"
    );
    assert_eq!(stdout(&o), expected);

    // From inside the dossier, the suggestion needs no --dir.
    let o = run(&["check", "--unlinked"], tmp.path());
    assert!(
        stdout(&o).contains("       dossier new actor delta-front\n"),
        "{}",
        stdout(&o)
    );

    let o = run(&["--message-format", "json", "check", "--unlinked", "."], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["reason"] == "unlinked-name")
        .collect();
    assert_eq!(lines.len(), 2, "{}", stdout(&o));
    assert_eq!(lines[0]["name"], "Delta Front");
    assert_eq!(lines[0]["count"], 3);
    assert_eq!(lines[0]["articles"], serde_json::json!(["2020-01-02-first-report"]));
    assert_eq!(lines[0]["suggestion"], "dossier new actor delta-front");

    // Plain `check` lists nothing; once an actor has the name, `--unlinked` drops it.
    assert!(!stdout(&run(&["check", "."], tmp.path())).contains("Delta Front"));
    std::fs::write(
        tmp.path().join("content/actors/delta-front.yaml"),
        "name: \"Delta Front\"\nkind: armed-group\n",
    )
    .unwrap();
    let o = run(&["check", "--unlinked", "."], tmp.path());
    assert!(!stdout(&o).contains("Delta Front"), "{}", stdout(&o));
    assert!(stdout(&o).contains("    3  Erin Holt\n"), "{}", stdout(&o));
}
