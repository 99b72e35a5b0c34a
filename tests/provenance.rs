//! Provenance of every source (issue 14, item 2), on the fixture `tests/fixtures/provenance`
//! (a made-up dossier with an Urdu article, archive links, a quote translated from Urdu, and
//! drafts): the text's SHA-256 as anchored, the archive link and the languages on the pages
//! and in dossier.json, and drafts left out unless `--drafts`, through the library and the
//! real binary.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/provenance")
}

/// The pages and files of the fixture built in memory, with or without its drafts.
fn built(drafts: bool) -> dossier::Built {
    let (built, diags) = dossier::run_drafts(&fixture(), true, drafts).unwrap();
    built.unwrap_or_else(|| panic!("{}", diags.render(false)))
}

fn file<'a>(built: &'a dossier::Built, path: &str) -> Option<&'a str> {
    built
        .files
        .iter()
        .find(|f| f.path == path)
        .map(|f| std::str::from_utf8(&f.bytes).unwrap())
}

/// The SHA-256 of the one article of a dossier whose article file is `bytes`.
fn sha256_of_article(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    common::materialise("=== dossier.yaml\ntitle: T\n", dir.path());
    let articles = dir.path().join("content/articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("a.md"), bytes).unwrap();
    let (checked, diags) = dossier::check_dossier(dir.path()).unwrap();
    let checked = checked.unwrap_or_else(|| panic!("{}", diags.render(false)));
    checked.model.articles[0].sha256.clone()
}

const ARTICLE: &str =
    "---\ntitle: A\noutlet: O\npublished: 2020\n---\nThe agency denied any role.\n\nOfficials said otherwise.\n";

#[test]
fn the_fingerprint_is_the_sha256_of_the_text_as_anchored() {
    // Known answer: the body is "abc\n" (the front matter is not part of it), whose SHA-256
    // is `printf 'abc\n' | sha256sum`.
    assert_eq!(
        sha256_of_article(b"---\ntitle: A\noutlet: O\npublished: 2020\n---\nabc\n"),
        "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb"
    );
    let lf = sha256_of_article(ARTICLE.as_bytes());
    // The same text saved on Windows (CRLF, with a byte-order mark) or with bare CRs.
    let crlf = format!("\u{feff}{}", ARTICLE.replace('\n', "\r\n"));
    assert_eq!(sha256_of_article(crlf.as_bytes()), lf);
    assert_eq!(sha256_of_article(ARTICLE.replace('\n', "\r").as_bytes()), lf);
    // The front matter is not the text: an archive link added leaves it as it was.
    let archived = ARTICLE.replace(
        "published: 2020\n",
        "published: 2020\narchive_url: \"https://archive.ph/x\"\n",
    );
    assert_eq!(sha256_of_article(archived.as_bytes()), lf);
    // One word changed changes it.
    assert_ne!(sha256_of_article(ARTICLE.replace("denied", "rejected").as_bytes()), lf);
}

#[test]
fn dossier_json_carries_the_provenance_of_each_article_and_excerpt() {
    let built = built(false);
    let json: serde_json::Value = serde_json::from_str(file(&built, "dossier.json").unwrap()).unwrap();
    let article = |id: &str| {
        json["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("no article {id}"))
            .clone()
    };
    let urdu = article("2021-03-06-urdu-report");
    assert_eq!(urdu["language"], "ur");
    assert_eq!(urdu["archive_url"], "https://archive.ph/AbCdE");
    let english = article("2021-03-05-ministry-statement");
    assert_eq!(english["language"], serde_json::Value::Null);
    let sha = english["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    assert!(sha.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    let excerpt = json["excerpts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "party-says-no-reason")
        .unwrap();
    assert_eq!(excerpt["original"], "اس بندش کی کوئی وجہ نہیں ہے");
    assert_eq!(excerpt["original_language"], "ur");
}

#[test]
fn text_in_another_language_is_marked_with_its_language_and_direction() {
    let built = built(false);
    let urdu = file(&built, "articles/2021-03-06-urdu-report/index.html").unwrap();
    // The site is in English: the page is, and the article's text is marked.
    assert!(
        urdu.contains("<html lang=\"en\">"),
        "the page keeps the site's language"
    );
    assert!(urdu.contains("<div class=\"text\" lang=\"ur\" dir=\"rtl\">"));
    assert!(urdu.contains("<a href=\"https://archive.ph/AbCdE\" rel=\"noopener\">Archived copy</a>"));
    // The fingerprint, short and whole.
    let json: serde_json::Value = serde_json::from_str(file(&built, "dossier.json").unwrap()).unwrap();
    let sha = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "2021-03-06-urdu-report")
        .unwrap()["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(urdu.contains(&format!("<code>{}…</code>", &sha[..12])));
    assert!(urdu.contains(&format!("<code class=\"sha256\">{sha}</code>")));

    // An English article's text is not marked.
    let english = file(&built, "articles/2021-03-05-ministry-statement/index.html").unwrap();
    assert!(english.contains("<div class=\"text\">"));
    assert!(!english.contains(" lang=\"ur\""));

    // The Urdu passage is marked on its page, in its paragraph, and where it is quoted.
    let excerpt = file(&built, "excerpts/urdu-party-no-reason/index.html").unwrap();
    assert!(excerpt.contains("“<span lang=\"ur\" dir=\"rtl\">اس بندش کی کوئی وجہ نہیں ہے</span>”"));
    assert!(excerpt.contains("<blockquote lang=\"ur\" dir=\"rtl\">"));
    let incident = file(&built, "incidents/bridge-closure/index.html").unwrap();
    assert!(incident.contains("<span lang=\"ur\" dir=\"rtl\">اس بندش"), "{incident}");

    // A quote translated from Urdu: the translation unmarked, the original marked, both shown,
    // and the archived copy beside the original link and in the citation.
    let translated = file(&built, "excerpts/party-says-no-reason/index.html").unwrap();
    assert!(translated.contains("“the closure has no reason”"));
    assert!(translated.contains(
        "Translated from Urdu; as first said:</figcaption><blockquote lang=\"ur\" dir=\"rtl\">اس بندش کی کوئی وجہ نہیں ہے</blockquote>"
    ));
    assert!(translated.contains("Archived copy</a>"));
    assert!(translated.contains(
        "(archived: https://web.archive.org/web/20210305120000/https://example.org/news/bridge) Translated from Urdu."
    ));
    // The same in the pages' JSON-LD.
    assert!(urdu.contains("\"archivedAt\":\"https://archive.ph/AbCdE\""));
    assert!(urdu.contains("\"inLanguage\":\"ur\""));
    assert!(translated.contains(
        "\"translationOfWork\":{\"@type\":\"CreativeWork\",\"inLanguage\":\"ur\",\"text\":\"اس بندش کی کوئی وجہ نہیں ہے\"}"
    ), "{translated}");
}

/// Search results mark an Urdu passage (an excerpt's title) and an Urdu article's snippet: the
/// document files carry the tag and direction of the two Urdu documents, and of no other.
#[test]
fn search_documents_carry_the_language_of_their_text() {
    let built = built(false);
    let marked: usize = built
        .files
        .iter()
        .filter(|f| f.path.starts_with("search-index/"))
        .map(|f| {
            std::str::from_utf8(&f.bytes)
                .unwrap()
                .matches(",[\"ur\",\"rtl\"]]")
                .count()
        })
        .sum();
    assert_eq!(marked, 2, "the Urdu article and its excerpt");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let published = built(false);
    let with_drafts = built(true);
    let draft_pages = [
        "articles/2021-03-07-unconfirmed/index.html",
        "excerpts/secret-source-says-ordered/index.html",
        "actors/secret-source/index.html",
        "pages/notes/index.html",
    ];
    for page in draft_pages {
        assert!(file(&published, page).is_none(), "{page} is published without --drafts");
        assert!(file(&with_drafts, page).is_some(), "{page} is missing with --drafts");
    }
    let json = file(&published, "dossier.json").unwrap();
    assert!(!json.contains("secret-source"), "a draft in dossier.json");
    assert!(!file(&published, "index.html").unwrap().contains("Working notes"));
    assert!(file(&with_drafts, "index.html").unwrap().contains("Working notes"));
}

/// `build --drafts`, `check --drafts` through the real binary; `draft-reference` when a
/// published file names a draft.
#[test]
fn the_drafts_flag_of_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), dir.path());
    let dossier = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let out = dir.path().join("public");
    let out_arg = out.to_str().unwrap();

    let plain = dossier(&["build", "-q", "-o", out_arg]);
    assert_eq!(
        plain.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
    assert!(out.join("articles/2021-03-06-urdu-report/index.html").is_file());
    assert!(!out.join("articles/2021-03-07-unconfirmed/index.html").exists());

    let drafts = dossier(&["build", "-q", "--drafts", "-o", out_arg]);
    assert_eq!(
        drafts.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&drafts.stderr)
    );
    assert!(out.join("articles/2021-03-07-unconfirmed/index.html").is_file());

    let check = dossier(&["check", "--drafts"]);
    assert!(
        String::from_utf8_lossy(&check.stderr).contains("ok: 3 articles, 3 actors, 1 incidents, 4 excerpts"),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // A published incident that cites the draft article's excerpt.
    let incident = dir.path().join("content/incidents/bridge-closure.yaml");
    let text = std::fs::read_to_string(&incident).unwrap();
    std::fs::write(&incident, text.replace("hill-party]", "hill-party, secret-source]")).unwrap();
    let refused = dossier(&["check"]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("error[draft-reference]: `secret-source` is a draft, left out of the site"),
        "{stderr}"
    );
    assert!(
        stderr.contains("publish it (remove `draft: true`) or build with --drafts"),
        "{stderr}"
    );
    // With the drafts, the same reference is fine.
    assert_eq!(dossier(&["check", "--drafts"]).status.code(), Some(0));
}

/// `serve --drafts`: the rebuilder serves the drafts, and without the flag it does not.
#[test]
fn serve_builds_drafts_only_when_asked() {
    for drafts in [false, true] {
        let mut rebuilder = dossier::serve::Rebuilder::new(&fixture(), drafts);
        let outcome = rebuilder.rebuild().unwrap();
        let site = outcome.site.expect("the fixture builds");
        assert_eq!(
            site.contains("articles/2021-03-07-unconfirmed/index.html"),
            drafts,
            "drafts: {drafts}"
        );
        assert!(site.contains("articles/2021-03-06-urdu-report/index.html"));
    }
}
