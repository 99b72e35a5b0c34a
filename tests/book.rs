//! The briefing book (`book/index.html`, issue 14) of the example dossier: every actor,
//! incident, source and excerpt has its numbered section, every reference within the book
//! goes to an id of the page and gives that section's number, and no article's text is
//! reprinted (only its excerpts' passages), whatever the publishing mode.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn example_book() -> (dossier::Built, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (built, diags) = dossier::run(root, true).unwrap();
    let built = built.unwrap_or_else(|| panic!("{}", diags.render(false)));
    let html = built
        .files
        .iter()
        .find(|f| f.path == "book/index.html")
        .map(|f| String::from_utf8(f.bytes.clone()).unwrap())
        .expect("book/index.html");
    (built, html)
}

/// The values of `attr="…"` in `html`.
fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// The page's text: tags removed, the entities the templates write decoded, white space
/// collapsed.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_entity_has_a_numbered_section_and_every_reference_resolves() {
    let (built, html) = example_book();
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let ids: BTreeSet<&str> = attrs(&html, "id").into_iter().collect();
    let m = &built.model;
    for a in &m.actors {
        assert!(ids.contains(format!("actor-{}", a.id).as_str()), "actor {}", a.id);
    }
    for x in &m.incidents {
        assert!(ids.contains(format!("incident-{}", x.id).as_str()), "incident {}", x.id);
    }
    for a in &m.articles {
        assert!(ids.contains(format!("source-{}", a.id).as_str()), "source {}", a.id);
    }
    for e in &m.excerpts {
        assert!(ids.contains(format!("excerpt-{}", e.id).as_str()), "excerpt {}", e.id);
    }
    // Every link within the page lands on an id of the page.
    let fragments: Vec<&str> = attrs(main, "href").into_iter().filter(|h| h.starts_with('#')).collect();
    assert!(fragments.len() > 500, "{} links within the book", fragments.len());
    for f in &fragments {
        assert!(ids.contains(&f[1..]), "a link to {f}, which is no id of the page");
    }
    // The section numbers, and the number each id stands at.
    let mut number_of: BTreeMap<String, String> = BTreeMap::new();
    for (i, _) in main.match_indices("<span class=\"num\">") {
        let rest = &main[i + "<span class=\"num\">".len()..];
        let number = &rest[..rest.find('<').unwrap()];
        // The id of the element the number heads: the nearest `id="…"` before it.
        let before = &main[..i];
        let id_at = before.rfind(" id=\"").unwrap();
        let id = &before[id_at + 5..];
        let id = &id[..id.find('"').unwrap()];
        number_of.entry(id.to_string()).or_insert_with(|| number.to_string());
    }
    for (heading, number) in [
        ("summary-title", "1"),
        ("timeline-title", "2"),
        ("actors-title", "3"),
        ("actors-person", "3.1"),
        ("incidents-title", "4"),
        ("sources-title", "5"),
        ("incident-2008-11-26-mumbai-attacks", "4.1"),
    ] {
        assert_eq!(number_of.get(heading).map(String::as_str), Some(number), "{heading}");
    }
    // Every "see §n" next to a link names the number of the section the link goes to.
    let mut checked = 0;
    for (i, _) in main.match_indices("<a href=\"#") {
        let rest = &main[i + "<a href=\"#".len()..];
        let target = &rest[..rest.find('"').unwrap()];
        let after_link = &rest[rest.find("</a>").unwrap() + 4..];
        let Some(see) = after_link.strip_prefix(" <span class=\"see\">(see §").or_else(|| {
            after_link
                .strip_prefix(" (see §")
                .or_else(|| after_link.strip_prefix(", see §"))
        }) else {
            continue;
        };
        let cited = &see[..see.find([')', '<', ' ', ';', ',']).unwrap_or(see.len())];
        let cited = cited.trim_end_matches('.');
        assert_eq!(
            number_of.get(target).map(String::as_str),
            Some(cited),
            "a reference to #{target} says §{cited}"
        );
        checked += 1;
    }
    assert!(checked > 400, "{checked} references checked");
    // Wikilinks in the findings go to the book's own sections.
    assert!(main.contains("(<a href=\"#excerpt-indian-leaders-blame-pakistan-based-groups\""));
    assert!(
        main.contains(", see §5.1."),
        "a reference right after an opening parenthesis"
    );
}

#[test]
fn no_article_text_is_reprinted_beyond_its_excerpts() {
    let (built, html) = example_book();
    let book = text_of(&html);
    let m = &built.model;
    let mut checked = 0;
    for a in &m.articles {
        let rendered = &a.text.rendered;
        let starts = std::iter::once(0).chain(rendered.block_ends.iter().copied());
        // Every paragraph of the article that no excerpt covers whole, in plain text.
        for (start, end) in starts.zip(rendered.block_ends.iter().copied()) {
            let paragraph = rendered.text[start..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if paragraph.chars().count() < 80 {
                continue;
            }
            let covered = a
                .excerpts
                .iter()
                .any(|&e| m.excerpts[e].quote.split_whitespace().collect::<Vec<_>>().join(" ") == paragraph);
            if covered {
                continue;
            }
            assert!(
                !book.contains(&paragraph),
                "the book reprints a paragraph of {}: {paragraph}",
                a.id
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked} paragraphs checked");
    // Each excerpt's passage is there, as the reader sees it.
    let shared = dossier::render::site::Shared::new(m);
    for (e, ex) in m.excerpts.iter().enumerate() {
        assert!(book.contains(shared.text(m, e)), "excerpt {} missing", ex.id);
    }
}

#[test]
fn the_book_is_linked_from_every_page_and_deterministic() {
    let (built, html) = example_book();
    let home = built.files.iter().find(|f| f.path == "index.html").unwrap();
    let home = String::from_utf8_lossy(&home.bytes);
    assert!(home.contains("<a href=\"book/index.html\">Briefing book (print)</a>"));
    let (_, again) = example_book();
    assert_eq!(html, again);
}
