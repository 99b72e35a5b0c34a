//! Pages at scale: a generated dossier large enough for every long list to be cut into pages
//! (220 sources, 440 excerpts, one actor quoted 220 times, one incident and one tag on
//! everything) is built with plain and with folder links, and the pages are held to what a
//! reader of a Zola or Hugo site expects: the first page at the list's own address, the next
//! ones under `page/N/`, every item on exactly one page in the order of one long list, links
//! between the pages (previous, next, numbers) that resolve, and actor and incident pages that
//! show the most recent items with a link to the whole list.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod common;
use common::{ARTICLES, generate_large as generate};

/// A generated dossier built into a temporary folder: (the folder, the site).
fn build(pretty: bool) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dossier = tmp.path().join("dossier");
    generate(&dossier, pretty);
    let site = tmp.path().join("site");
    let report = dossier::build(&dossier, &site, true).unwrap();
    assert!(
        report.diagnostics.items.is_empty(),
        "{}",
        report.diagnostics.render(false)
    );
    (tmp, site)
}

fn read(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap_or_else(|_| panic!("{rel} is missing"))
}

/// The `<main>` of a page.
fn main_of(html: &str) -> &str {
    &html[html.find("<main").unwrap()..html.find("</main>").unwrap()]
}

/// The ids of the `kind` pages (`excerpts`, `articles`) a page's `<main>` links to, in order,
/// leaving out the pictures, the pagination and anything else that is not an item link.
fn linked(html: &str, kind: &str) -> Vec<String> {
    let mut main = main_of(html).to_string();
    while let (Some(a), Some(b)) = (main.find("<svg"), main.find("</svg>")) {
        main.replace_range(a..b + "</svg>".len(), "");
    }
    let mut ids = Vec::new();
    for piece in main.split(" href=\"").skip(1) {
        let url = &piece[..piece.find('"').unwrap()];
        let rest = url.trim_start_matches("../");
        if let Some(id) = rest.strip_prefix(&format!("{kind}/")) {
            let id = id.trim_end_matches("index.html").trim_end_matches('/');
            if !id.is_empty() && !id.contains(['/', '#']) {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

/// The pages of a list whose first page is `first` (`excerpts/index.html`): every page that
/// exists, in order.
fn pages_of(site: &Path, first: &str) -> Vec<String> {
    let folder = first.strip_suffix("index.html").unwrap();
    let mut pages = vec![first.to_string()];
    for n in 2.. {
        let page = format!("{folder}page/{n}/index.html");
        if !site.join(&page).is_file() {
            break;
        }
        pages.push(page);
    }
    assert!(
        !site.join(format!("{folder}page/1/index.html")).exists(),
        "page 1 is the list's own address"
    );
    pages
}

/// Every relative link of every page resolves to a file (a folder link to its `index.html`),
/// and a fragment to an element of that page.
fn every_link_resolves(site: &Path) {
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(site) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        for piece in html.split("href=\"").skip(1) {
            let url = &piece[..piece.find('"').unwrap()];
            if url.starts_with("https://") || url.starts_with('#') {
                continue;
            }
            assert!(!url.starts_with('/'), "root-absolute link {url}");
            let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
            let mut target = entry.path().parent().unwrap().join(path.split('?').next().unwrap());
            if target.is_dir() {
                target = target.join("index.html");
            }
            if !target.is_file() {
                broken.push(format!("{} -> {url}", entry.path().display()));
            } else if !fragment.is_empty()
                && !std::fs::read_to_string(&target)
                    .unwrap()
                    .contains(&format!("id=\"{fragment}\""))
            {
                broken.push(format!("{} -> {url} (no such fragment)", entry.path().display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

fn all_excerpts() -> Vec<String> {
    (0..ARTICLES)
        .flat_map(|i| [format!("quote-{i:03}"), format!("border-{i:03}")])
        .collect()
}

#[test]
fn long_lists_are_cut_into_pages_that_hold_every_item_once() {
    for pretty in [false, true] {
        let (_tmp, site) = build(pretty);
        every_link_resolves(&site);

        // Excerpts: 440 in pages of 200, grouped by stance in the order of the stance list
        // (denial, warning, then none) across pages.
        let pages = pages_of(&site, "excerpts/index.html");
        assert_eq!(pages.len(), 3, "{pages:?}");
        let mut seen = Vec::new();
        for page in &pages {
            seen.extend(linked(&read(&site, page), "excerpts"));
        }
        let mut expected: Vec<String> = (0..ARTICLES).step_by(3).map(|i| format!("border-{i:03}")).collect();
        expected.extend((0..ARTICLES).map(|i| format!("quote-{i:03}")));
        expected.extend((0..ARTICLES).filter(|i| i % 3 != 0).map(|i| format!("border-{i:03}")));
        assert_eq!(seen, expected, "every excerpt once, in the order of one long list");

        // The second page: its place, its neighbours, the groups it continues.
        let second = read(&site, &pages[1]);
        let main = main_of(&second);
        let link = |path: &str| {
            let path = format!("excerpts/{path}");
            let path = if pretty {
                path.trim_end_matches("index.html").to_string()
            } else {
                path
            };
            format!("../../../{path}")
        };
        assert!(main.contains("201–400 of 440"), "{main}");
        assert!(main.contains(&format!("href=\"{}\" rel=\"prev\"", link("index.html"))));
        assert!(main.contains(&format!("href=\"{}\" rel=\"next\"", link("page/3/index.html"))));
        assert!(main.contains(&format!(
            "<a aria-current=\"page\" href=\"{}\">2</a>",
            link("page/2/index.html")
        )));
        assert!(main.contains("Warning <span class=\"meta\">(continued)</span>"));
        // The stance index still counts whole groups, and links to where each starts.
        assert!(main.contains("Warning</span> (220)</a>"));
        assert!(second.contains("<title>Excerpts, page 2 of 3 · Generated dossier</title>"));

        // Sources: 220 in two pages, numbered on from 201.
        let pages = pages_of(&site, "articles/index.html");
        assert_eq!(pages.len(), 2);
        let seen: Vec<String> = pages.iter().flat_map(|p| linked(&read(&site, p), "articles")).collect();
        assert_eq!(seen.len(), ARTICLES);
        assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), ARTICLES);
        assert!(read(&site, &pages[1]).contains("<ol class=\"article-list\" start=\"201\">"));

        // The timeline: 220 sources and an incident, by year then page; the picture on page 1.
        let pages = pages_of(&site, "timeline/index.html");
        assert_eq!(pages.len(), 2);
        let seen: Vec<String> = pages.iter().flat_map(|p| linked(&read(&site, p), "articles")).collect();
        assert_eq!(seen.len(), ARTICLES);
        assert!(read(&site, &pages[0]).contains("<svg"));
        assert!(!read(&site, &pages[1]).contains("<svg"));

        // A tag on every source and excerpt... on every source: 220 in two pages.
        let pages = pages_of(&site, "tags/talks/index.html");
        assert_eq!(pages.len(), 2);
        let seen: Vec<String> = pages.iter().flat_map(|p| linked(&read(&site, p), "articles")).collect();
        assert_eq!(seen.len(), ARTICLES);

        // Lists that fit stay one page, without pagination.
        assert_eq!(pages_of(&site, "actors/index.html").len(), 1);
        assert!(!read(&site, "actors/index.html").contains("class=\"pagination\""));

        // The home page lists the most recent 30 of the 221 timeline items.
        let home = read(&site, "index.html");
        assert!(home.contains("The 30 most recent of 221 incidents and sources."));

        // The feed holds the newest 100 sources.
        let feed = read(&site, "atom.xml");
        assert_eq!(feed.matches("<entry>").count(), 100);
        assert!(feed.contains("<title>Report 219</title>") && !feed.contains("<title>Report 119</title>"));

        // Every page is in the sitemap.
        let sitemap = read(&site, "sitemap.xml");
        let page2 = if pretty {
            "excerpts/page/2/"
        } else {
            "excerpts/page/2/index.html"
        };
        assert!(sitemap.contains(&format!("<loc>https://example.org/sub/path/{page2}</loc>")));
    }
}

#[test]
fn long_lists_of_an_actor_or_an_incident_show_the_most_recent_and_link_to_all() {
    let (_tmp, site) = build(false);
    let all = all_excerpts();
    let quotes: Vec<String> = all.iter().filter(|e| e.starts_with("quote-")).cloned().collect();

    // Asha Rao's 220 quotes: the page shows the last 100 and links to the whole list.
    let actor = read(&site, "actors/asha-rao/index.html");
    let shown = linked(&actor, "excerpts");
    let own: Vec<&String> = shown.iter().filter(|e| e.starts_with("quote-")).collect();
    assert_eq!(
        own.len(),
        4 + 100 + 100,
        "4 key statements, 100 in the list, the same 100 in the activity"
    );
    // The key statements (no `key:` and no responses here): the 4 most recent direct quotes.
    let newest_first: Vec<&String> = quotes.iter().rev().take(4).collect();
    assert_eq!(own[..4], newest_first[..]);
    assert_eq!(own[4..104], quotes[ARTICLES - 100..].iter().collect::<Vec<_>>()[..]);
    assert!(actor.contains(
        "<p class=\"more\">The 100 most recent of 220: <a href=\"../../actors/asha-rao/own-words/index.html\">all of them</a>.</p>"
    ));
    assert!(actor.contains(
        "The 100 most recent of 220; the groups above hold every excerpt and the list of incidents every incident."
    ));
    let pages = pages_of(&site, "actors/asha-rao/own-words/index.html");
    assert_eq!(pages.len(), 2);
    let seen: Vec<String> = pages.iter().flat_map(|p| linked(&read(&site, p), "excerpts")).collect();
    assert_eq!(seen, quotes, "the whole list, oldest first, each once");
    let full = read(&site, &pages[1]);
    assert!(full.contains("<h1>In Asha Rao’s own words</h1>"));
    assert!(full.contains("href=\"../../../../../actors/asha-rao/index.html\">Asha Rao</a>"));

    // The talks: 220 excerpts and 220 sources, both cut.
    let incident = read(&site, "incidents/the-talks/index.html");
    assert_eq!(linked(&incident, "excerpts").len(), 100);
    // (Each excerpt links to its source too: the same 100 sources.)
    assert_eq!(linked(&incident, "articles").iter().collect::<BTreeSet<_>>().len(), 100);
    for list in ["excerpts", "articles"] {
        assert!(incident.contains(&format!(
            "<a href=\"../../incidents/the-talks/{list}/index.html\">all of them</a>"
        )));
        let pages = pages_of(&site, &format!("incidents/the-talks/{list}/index.html"));
        let seen: Vec<String> = pages.iter().flat_map(|p| linked(&read(&site, p), list)).collect();
        assert_eq!(seen.len(), ARTICLES);
        assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), ARTICLES);
    }

    // The Beta State's 220 reported passages too; lists under the limit stay whole.
    assert!(site.join("actors/beta-state/reported/index.html").is_file());
    assert!(!site.join("actors/asha-rao/reported").exists());
}
