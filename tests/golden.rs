//! Golden tests: the fixture dossier in `tests/fixtures/small` is built and selected pages are
//! compared, inside `<main>` (as mdBook does, to cut layout noise), with `tests/golden/`.
//! Run with `BLESS=1` to rewrite the golden files after a deliberate change, then read the diff.

use std::path::Path;

const PAGES: &[&str] = &[
    "index.html",
    "actors/index.html",
    "actors/alpha-agency/index.html",
    "actors/beta-state/index.html",
    "actors/carol-day/index.html",
    "incidents/index.html",
    "incidents/village-raid/index.html",
    "articles/index.html",
    "articles/2020-01-02-first-report/index.html",
    "excerpts/index.html",
    "excerpts/beta-blames-alpha/index.html",
    "excerpts/alpha-denies-role/index.html",
    "tags/raids/index.html",
    "timeline/index.html",
    "graph/index.html",
    "pages/about/index.html",
    "book/index.html",
];

fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

#[test]
fn fixture_pages_match_their_golden_copies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let report = dossier::build(&root.join("tests/fixtures/small"), &site, true).unwrap();
    assert_eq!(
        report.diagnostics.items.len(),
        0,
        "{}",
        report.diagnostics.render(false)
    );
    let bless = std::env::var_os("BLESS").is_some();
    let golden = root.join("tests/golden");
    let mut failures = Vec::new();
    let mut compare = |name: &str, actual: &str| {
        let path = golden.join(name.replace('/', "__"));
        if bless {
            std::fs::create_dir_all(&golden).unwrap();
            std::fs::write(&path, actual).unwrap();
        } else {
            let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}", path.display()));
            if expected != actual {
                failures.push(name.to_string());
            }
        }
    };
    for page in PAGES {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        compare(page, main_of(&html));
    }
    // One whole <head>: title, description, canonical link, Open Graph, JSON-LD.
    let excerpt = std::fs::read_to_string(site.join("excerpts/beta-blames-alpha/index.html")).unwrap();
    let head = &excerpt[excerpt.find("<head>").unwrap()..excerpt.find("</head>").unwrap() + 7];
    compare("head-of-excerpt.html", head);
    for whole in ["dossier.json", "sitemap.xml", "atom.xml", "robots.txt"] {
        compare(whole, &std::fs::read_to_string(site.join(whole)).unwrap());
    }
    // The exports for other tools, whole (their readers are in tests/exports.rs).
    for (path, _) in dossier::render::files::exports() {
        compare(&path, &std::fs::read_to_string(site.join(&path)).unwrap());
    }
    assert!(
        failures.is_empty(),
        "pages differ from tests/golden (BLESS=1 to update): {failures:?}"
    );
}

/// The publishing modes (tests/fixtures/publish): an `excerpts` article past its share (its
/// passages with "[…]", an excerpt shown in its sentences, one left out and shown alone) and a
/// `private` one (the list of quotes, an excerpt page with the quote alone), and what
/// `dossier.json` carries of each.
#[test]
fn publishing_modes_match_their_golden_copies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let report = dossier::build(&root.join("tests/fixtures/publish"), &site, false).unwrap();
    let codes: Vec<&str> = report.diagnostics.items.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["publish-share-exceeded"],
        "{}",
        report.diagnostics.render(false)
    );
    let bless = std::env::var_os("BLESS").is_some();
    let golden = root.join("tests/golden");
    let mut failures = Vec::new();
    for page in [
        "articles/2021-03-04-wire-report/index.html",
        "excerpts/no-evidence/index.html",
        "excerpts/asked-for-a-copy/index.html",
        "articles/2021-03-05-agency-copy/index.html",
        "excerpts/checked-twice/index.html",
        "dossier.json",
    ] {
        let text = std::fs::read_to_string(site.join(page)).unwrap();
        let actual = if page.ends_with(".html") { main_of(&text) } else { &text };
        let path = golden.join(format!("publish__{}", page.replace('/', "__")));
        if bless {
            std::fs::write(&path, actual).unwrap();
        } else if std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}", path.display())) != actual {
            failures.push(page);
        }
    }
    assert!(
        failures.is_empty(),
        "pages differ from tests/golden (BLESS=1 to update): {failures:?}"
    );
}

#[test]
fn every_page_of_the_contract_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    dossier::build(&root.join("tests/fixtures/small"), &site, true).unwrap();
    for page in [
        "index.html",
        "actors/index.html",
        "incidents/index.html",
        "articles/index.html",
        "excerpts/index.html",
        "tags/index.html",
        "timeline/index.html",
        "graph/index.html",
        "search/index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        "dossier.json",
        "style.css",
        "actors/carol-day/index.html",
        "incidents/village-raid/index.html",
        "articles/2020-01-02-first-report/index.html",
        "excerpts/twelve-killed/index.html",
        "tags/raids/index.html",
        "pages/about/index.html",
    ] {
        assert!(site.join(page).is_file(), "{page} is missing");
    }
}

#[test]
fn every_internal_link_is_relative_and_resolves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    dossier::build(&root.join("tests/fixtures/small"), &site, true).unwrap();
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        for attr in ["href=\"", "src=\""] {
            for piece in html.split(attr).skip(1) {
                let url = &piece[..piece.find('"').unwrap()];
                if url.starts_with("http://") || url.starts_with("https://") || url.starts_with('#') {
                    continue;
                }
                assert!(
                    !url.starts_with('/'),
                    "root-absolute link {url} in {}",
                    entry.path().display()
                );
                let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
                let path = path.split('?').next().unwrap();
                let target = entry.path().parent().unwrap().join(path);
                if !target.is_file() {
                    broken.push(format!("{} -> {url}", entry.path().display()));
                    continue;
                }
                if !fragment.is_empty() {
                    let text = std::fs::read_to_string(&target).unwrap();
                    if !text.contains(&format!("id=\"{fragment}\"")) {
                        broken.push(format!("{} -> {url} (no such fragment)", entry.path().display()));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}
