//! The exports for other tools (`annotations.jsonld`, `csv/`, `graph.graphml`,
//! `followthemoney.jsonl`, `incidents.ics`): each read by a real library of its format (the
//! `csv` crate here; PyLD, networkx, followthemoney and icalendar through tests/exports.py),
//! positions checked against the article's rendered text, hostile spreadsheet cells defused,
//! and no article text beyond an excerpt's own passage published by an article that is not
//! published in full.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds `dir` into a new temporary folder; returns it and the site's path.
fn build(dir: &Path) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    dossier::build(dir, &site, false).unwrap_or_else(|e| panic!("build of {} failed: {e:?}", dir.display()));
    (out, site)
}

/// A copy of the small fixture with `extra` appended to its dossier.yaml.
fn small_with(extra: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&root().join("tests/fixtures/small"), tmp.path());
    let yaml = tmp.path().join("dossier.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}{extra}")).unwrap();
    tmp
}

/// Runs tests/exports.py on a built site: a missing python3 or package fails the test.
fn consumers(site: &Path, base: &str) {
    let out = Command::new("python3")
        .arg(root().join("tests/exports.py"))
        .arg(site)
        .arg(root().join("tests/fixtures/jsonld/anno.jsonld"))
        .arg(base)
        .output()
        .expect("python3 is needed to run tests/exports.py (.ci/run installs its packages)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "tests/exports.py failed on {}:\n{stdout}\n{stderr}",
        site.display()
    );
    assert!(stdout.contains("exports read by their consumers"), "{stdout}");
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn annotation_items(site: &Path) -> Vec<Value> {
    json(&site.join("annotations.jsonld"))["first"]["items"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn the_small_fixtures_exports_are_read_by_their_consumers() {
    let (_out, site) = build(&root().join("tests/fixtures/small"));
    consumers(&site, "https://example.org/briefing/annotations.jsonld");
}

#[test]
fn the_examples_exports_are_read_by_their_consumers() {
    // The example has no base_url: its exports' addresses are relative to the site's root,
    // where the exports lie, and resolve against wherever it is published.
    let (_out, site) = build(&root());
    consumers(&site, "https://example.net/dossier/annotations.jsonld");
}

#[test]
fn text_positions_count_code_points_of_the_rendered_text() {
    let dir = tempfile::tempdir().unwrap();
    common::materialise(
        "=== dossier.yaml\ntitle: \"T\"\n\
         === content/actors/zoe.yaml\nname: \"Zoë Ångström\"\nkind: person\n\
         === content/articles/a.md\n---\ntitle: \"À propos\"\noutlet: \"Le Monde\"\npublished: 2020-01-02\n---\n\
         # Tête\n\nZoë Ångström 😀 said: “Ça *va* très bien,” à Paris.\n\nAnd then — she left 🚀 for Zürich.\n\
         === content/articles/a.yaml\nexcerpts:\n  - id: ca-va\n    quote: \"Ça va très bien\"\n    speaker: zoe\n    form: direct\n  - id: left\n    quote: \"she left 🚀 for Zürich\"\n",
        dir.path(),
    );
    let (_out, site) = build(dir.path());
    let source = std::fs::read_to_string(dir.path().join("content/articles/a.md")).unwrap();
    let body = &source[source.find("\n---\n").unwrap() + 5..];
    let rendered = dossier::text::markdown::rendered_text(body).text;
    let chars: Vec<char> = rendered.chars().collect();
    let items = annotation_items(&site);
    assert_eq!(items.len(), 2);
    for a in &items {
        let selectors = a["target"]["selector"].as_array().unwrap();
        let quote = &selectors[0];
        let pos = &selectors[1];
        assert_eq!(pos["type"], "TextPositionSelector");
        let (start, end) = (
            pos["start"].as_u64().unwrap() as usize,
            pos["end"].as_u64().unwrap() as usize,
        );
        let at = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
        assert_eq!(at(start..end), quote["exact"].as_str().unwrap(), "{a}");
        let prefix = quote["prefix"].as_str().unwrap();
        let suffix = quote["suffix"].as_str().unwrap();
        assert_eq!(at(start - prefix.chars().count()..start), prefix);
        assert_eq!(at(end..end + suffix.chars().count()), suffix);
        assert!(
            prefix.chars().count() == 32 || start == prefix.chars().count(),
            "{prefix:?}"
        );
        // No source URL: the target is the article's page on the site.
        assert_eq!(a["target"]["source"], "articles/a/index.html");
    }
    // Code points, not bytes or UTF-16 units: the rocket is one.
    let left = &items[1]["target"]["selector"];
    assert_eq!(left[0]["exact"], "she left 🚀 for Zürich");
    assert_eq!(
        left[1]["end"].as_u64().unwrap() - left[1]["start"].as_u64().unwrap(),
        "she left 🚀 for Zürich".chars().count() as u64
    );
}

/// Sentences of the small fixture's article that no excerpt holds.
const WITHHELD: &[&str] = &[
    "a spokesman said",
    "Officials in Beta State",
    "said Carol Day",
    "on the\nvillage",
];

fn export_texts(site: &Path) -> Vec<(String, String)> {
    dossier::render::files::exports()
        .into_iter()
        .map(|(path, _)| {
            let text = std::fs::read_to_string(site.join(&path)).unwrap();
            // JSON escapes decoded (a newline is `\n` in JSON text), iCalendar folding undone.
            let decoded = text.replace("\\n", "\n").replace("\\\"", "\"").replace("\r\n ", "");
            (path, decoded)
        })
        .collect()
}

#[test]
fn exports_publish_no_article_text_that_the_mode_withholds() {
    // Full: the article's text is there (so the search below can find it).
    let (_full, site) = build(&root().join("tests/fixtures/small"));
    let everything: String = export_texts(&site).into_iter().map(|(_, t)| t).collect();
    for w in WITHHELD {
        assert!(everything.contains(w), "{w:?} is not in the exports of a full article");
    }
    for mode in ["private", "excerpts"] {
        let dir = small_with(&format!("publish: {mode}\n"));
        let (_out, site) = build(dir.path());
        for (path, text) in export_texts(&site) {
            for w in WITHHELD {
                assert!(!text.contains(w), "{mode}: {path} publishes {w:?}");
            }
        }
        for a in annotation_items(&site) {
            let quote = &a["target"]["selector"][0];
            assert_eq!(quote["type"], "TextQuoteSelector");
            assert!(
                quote.get("prefix").is_none() && quote.get("suffix").is_none(),
                "{mode}: {quote}"
            );
            assert!(quote["exact"].as_str().is_some_and(|e| !e.is_empty()));
        }
        let ftm = std::fs::read_to_string(site.join("followthemoney.jsonl")).unwrap();
        assert!(
            !ftm.contains("bodyText"),
            "{mode}: the article's body is in followthemoney.jsonl"
        );
        // The passages themselves are published, and the files still read.
        assert!(ftm.contains("We demand evidence"));
        consumers(&site, "https://example.org/briefing/annotations.jsonld");
    }
}

#[test]
fn an_article_override_withholds_its_text_in_a_full_dossier() {
    let dir = small_with("");
    let md = dir.path().join("content/articles/2020-01-02-first-report.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(
        &md,
        text.replacen("reliability: B\n", "reliability: B\npublish: private\n", 1),
    )
    .unwrap();
    let (_out, site) = build(dir.path());
    for (path, text) in export_texts(&site) {
        for w in WITHHELD {
            assert!(!text.contains(w), "{path} publishes {w:?}");
        }
    }
}

/// Reads a table with the csv crate, checking its byte order mark and line ends.
fn table(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "{} has no byte order mark",
        path.display()
    );
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.ends_with("\r\n"), "records end with CRLF");
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_tables_parse_and_hold_one_row_per_entity() {
    let (_out, site) = build(&root().join("tests/fixtures/small"));
    let data = json(&site.join("dossier.json"));
    for (file, list, key) in [
        ("actors.csv", "actors", "id"),
        ("articles.csv", "articles", "id"),
        ("excerpts.csv", "excerpts", "id"),
        ("incidents.csv", "incidents", "id"),
    ] {
        let (header, rows) = table(&site.join("csv").join(file));
        assert_eq!(header[0], key);
        let ids: Vec<&str> = data[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        let got: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(got, ids, "{file}");
        assert!(rows.iter().all(|r| r.len() == header.len()), "{file}: ragged rows");
    }
    let (header, rows) = table(&site.join("csv/excerpts.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let denies = rows.iter().find(|r| r[0] == "alpha-denies-role").unwrap();
    assert_eq!(
        denies[col("passage")],
        "denied on Monday that it had \"any role\" in the raid"
    );
    assert_eq!(denies[col("speaker")], "alpha-agency");
    assert_eq!(denies[col("stance")], "denial");
    let (header, rows) = table(&site.join("csv/relations.csv"));
    assert_eq!(header, ["actor", "type", "other", "from", "to", "sources", "note"]);
    assert_eq!(
        rows,
        [[
            "alpha-agency",
            "accused-of-links-to",
            "beta-state",
            "",
            "",
            "beta-blames-alpha",
            ""
        ]]
    );
}

#[test]
fn hostile_csv_cells_are_defused() {
    let dir = tempfile::tempdir().unwrap();
    common::materialise(
        "=== dossier.yaml\ntitle: \"T\"\n\
         === content/actors/evil.yaml\nname: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"\nkind: person\naliases: [\"+cmd|' /C calc'!A0\"]\nsummary: \"@SUM(A1:A9)\"\n\
         === content/articles/a.md\n---\ntitle: \"-2+3\"\noutlet: \"\\t=1+1\"\npublished: 2020-01-02\n---\n\
         The sign read =SUM(1,2) in red, said +cmd|' /C calc'!A0.\n\
         === content/articles/a.yaml\nexcerpts:\n  - id: sign\n    quote: \"=SUM(1,2) in red\"\n    note: \"@evil\"\n",
        dir.path(),
    );
    let (_out, site) = build(dir.path());
    let (header, rows) = table(&site.join("csv/actors.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows[0][col("name")], "'=HYPERLINK(\"http://evil.example\",\"x\")");
    assert_eq!(rows[0][col("aliases")], "'+cmd|' /C calc'!A0");
    assert_eq!(rows[0][col("summary")], "'@SUM(A1:A9)");
    let (header, rows) = table(&site.join("csv/articles.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows[0][col("title")], "'-2+3");
    assert_eq!(rows[0][col("outlet")], "'\t=1+1");
    let (header, rows) = table(&site.join("csv/excerpts.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows[0][col("passage")], "'=SUM(1,2) in red");
    assert_eq!(rows[0][col("note")], "'@evil");
    // No cell of any table starts with a formula character.
    for (name, _) in dossier::render::files::tables::TABLES {
        let (_, rows) = table(&site.join("csv").join(name));
        for cell in rows.iter().flatten() {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{name}: {cell:?}");
        }
    }
}
