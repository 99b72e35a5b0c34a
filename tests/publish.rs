//! Publishing modes (issue 14): the example dossier built in each mode publishes nothing its
//! mode withholds. Every output file is searched (tags stripped, attribute values apart, HTML
//! entities and JSON escapes decoded, folded as anchoring folds, in lower case) for every
//! withheld sentence: in `excerpts` mode every sentence not among the passages shown, in
//! `private` mode every sentence; in both, less the sentences whose words lie wholly inside an
//! excerpt's passage (an excerpt's page always shows its quote), sentences too short to tell
//! apart from published text (under five words: "He said."), and sentences the analyst's own
//! Markdown repeats word for word (a note that quotes a dateline is the analyst's writing).
//! A sentence is searched for by its words: without the quotation marks around it and the stop
//! that ends it (an excerpt that leaves out the full stop publishes the sentence's words).

use std::collections::BTreeSet;
use std::path::Path;

use aho_corasick::AhoCorasick;
use dossier::text::fold::fold;
use dossier::text::sentences::article_sentences;

mod common;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the example with `extra` put first in its dossier.yaml, built into memory.
fn build(extra: &str) -> dossier::Built {
    build_with(extra, |_| {})
}

/// The same, after `edit` changed the copy.
fn build_with(extra: &str, edit: impl FnOnce(&Path)) -> dossier::Built {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&root().join("content"), &tmp.path().join("content"));
    let yaml = std::fs::read_to_string(root().join("dossier.yaml")).unwrap();
    std::fs::write(tmp.path().join("dossier.yaml"), format!("{extra}\n{yaml}")).unwrap();
    edit(tmp.path());
    let (built, diags) = dossier::run(tmp.path(), true).unwrap();
    built.unwrap_or_else(|| panic!("{}", diags.render(false)))
}

/// Folded as anchoring folds, in lower case.
fn folded(s: &str) -> String {
    fold(s).text.to_lowercase()
}

/// Quotation marks and brackets around a sentence, which are not its words (an excerpt page
/// puts its own quotation marks around someone's words).
fn is_wrapping(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '(' | ')' | '[' | ']'
    )
}

/// A sentence a build must not publish.
struct Withheld {
    /// Its article.
    article: String,
    /// Its words, as written.
    words: String,
    /// Its words, folded: what is searched for.
    folded: String,
}

/// The sentences a build must not publish: the article's text the
/// mode withholds, less what the analyst's own Markdown (summaries, notes, pages) says in the
/// same words (the analyst's writing is published as written, whatever the mode).
fn withheld(built: &dossier::Built) -> Vec<Withheld> {
    let model = &built.model;
    let analyst: Vec<String> = dossier::model::all_markdown(model)
        .into_iter()
        .map(|(_, md)| folded(&md.text))
        .collect();
    let mut out = Vec::new();
    for (ai, a) in model.articles.iter().enumerate() {
        let published = &built.index.published[ai];
        let text = &a.text.rendered.text;
        for s in article_sentences(&a.text.rendered) {
            let sentence = &text[s.clone()];
            let words = sentence
                .trim_start_matches(is_wrapping)
                .trim_end_matches(|c| is_wrapping(c) || matches!(c, '.' | '!' | '?' | '…' | ','));
            let start = s.start + (sentence.len() - sentence.trim_start_matches(is_wrapping).len());
            let words_range = start..start + words.len();
            let in_quote = a.excerpts.iter().any(|&e| {
                let r = &model.excerpts[e].range;
                r.start <= words_range.start && words_range.end <= r.end
            });
            if published.shows(&s) || in_quote || words.split_whitespace().count() < 5 {
                continue;
            }
            let folded_words = folded(words);
            if analyst.iter().any(|md| md.contains(&folded_words)) {
                continue;
            }
            out.push(Withheld {
                article: a.id.clone(),
                folded: folded_words,
                words: words.to_string(),
            });
        }
    }
    out
}

/// Decode HTML character references (named ones dossier and its templates write, and every
/// numeric one).
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "hellip" => Some('…'),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                _ => {
                    let n = name.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decode JSON (and JavaScript) string escapes wherever they occur: `\uXXXX` (surrogate pairs
/// too), `\n`, `\t`, `\"`, `\/`, `\\`.
fn decode_json_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let Ok(mut code) = u32::from_str_radix(&hex, 16) else {
                    out.push_str("\\u");
                    out.push_str(&hex);
                    continue;
                };
                if (0xD800..0xDC00).contains(&code) {
                    let mut look = chars.clone();
                    if look.next() == Some('\\') && look.next() == Some('u') {
                        let low: String = look.by_ref().take(4).collect();
                        if let Ok(low) = u32::from_str_radix(&low, 16)
                            && (0xDC00..0xE000).contains(&low)
                        {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            chars = look;
                        }
                    }
                }
                out.extend(char::from_u32(code));
            }
            Some('n') | Some('r') | Some('t') => out.push(' '),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Text with every tag removed (a tag inside a sentence, `<mark>`, `<a>`, must not hide it),
/// and apart, the values of the tags' attributes (a `title` carries text too).
fn strip_tags(s: &str) -> (String, Vec<String>) {
    let mut text = String::with_capacity(s.len());
    let mut attributes = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(end) = tail.find('>') else {
            text.push_str(tail);
            rest = "";
            break;
        };
        let tag = &tail[..end];
        for quote in ['"', '\''] {
            let mut parts = tag.split(quote);
            parts.next();
            while let (Some(value), _) = (parts.next(), parts.next()) {
                attributes.push(value.to_string());
            }
        }
        rest = &tail[end + 1..];
    }
    text.push_str(rest);
    (text, attributes)
}

/// The readings of a file a reader or a program could take text from, each folded.
fn readings(contents: &str) -> Vec<String> {
    let mut out = Vec::new();
    // JSON escapes first (an escaped tag inside JSON), then tags, then entities; and tags and
    // entities first (JSON inside an HTML attribute or script), then escapes.
    for json_first in [true, false] {
        let s = if json_first {
            decode_json_escapes(contents)
        } else {
            contents.to_string()
        };
        let (text, attributes) = strip_tags(&s);
        let text = decode_entities(&text);
        out.push(folded(&if json_first { text } else { decode_json_escapes(&text) }));
        out.extend(
            attributes
                .iter()
                .map(|a| folded(&decode_json_escapes(&decode_entities(a)))),
        );
    }
    out
}

/// Every (file, article, sentence) where a withheld sentence is found in the files.
fn leaks<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    withheld: &[Withheld],
) -> Vec<(String, String, String)> {
    let finder = AhoCorasick::new(withheld.iter().map(|w| w.folded.as_str())).unwrap();
    let mut found = BTreeSet::new();
    for (path, bytes) in files {
        let Ok(contents) = std::str::from_utf8(bytes) else {
            continue;
        };
        for reading in readings(contents) {
            for m in finder.find_overlapping_iter(&reading) {
                let w = &withheld[m.pattern().as_usize()];
                found.insert((path.to_string(), w.article.clone(), w.folded.clone()));
            }
        }
    }
    found.into_iter().collect()
}

fn files(built: &dossier::Built) -> impl Iterator<Item = (&str, &[u8])> {
    built.files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice()))
}

fn assert_nothing_withheld_is_published(mode: &str, at_least: usize) {
    let built = build(&format!("publish: {mode}"));
    let withheld = withheld(&built);
    assert!(
        withheld.len() >= at_least,
        "{mode}: only {} withheld sentences",
        withheld.len()
    );
    assert!(built.files.len() > 200, "{}", built.files.len());
    let leaks = leaks(files(&built), &withheld);
    assert!(
        leaks.is_empty(),
        "{mode}: {} withheld sentences published:\n{}",
        leaks.len(),
        leaks
            .iter()
            .take(20)
            .map(|(f, a, s)| format!("{f} ({a}): {s}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn excerpts_mode_publishes_only_the_passages() {
    assert_nothing_withheld_is_published("excerpts", 40);
}

#[test]
fn private_mode_publishes_no_text() {
    assert_nothing_withheld_is_published("private", 55);
}

/// The check can fail: a withheld sentence planted in an HTML page (a tag inside it, an
/// apostrophe as an entity), in a JSON string (escaped), or in an attribute is found.
#[test]
fn the_leak_check_finds_a_planted_sentence() {
    let built = build("publish: private");
    let withheld = withheld(&built);
    // One with an apostrophe, to be written as a character reference, if there is one.
    let sentence = withheld
        .iter()
        .find(|w| w.words.contains(['\'', '’']))
        .or(withheld.first())
        .expect("a withheld sentence");
    let (article, sentence) = (&sentence.article, sentence.words.as_str());
    assert!(leaks(files(&built), &withheld).is_empty());
    let mut words = sentence.split(' ');
    let first = words.next().unwrap();
    let html = format!(
        "<p><mark class=\"x\">{first}</mark> {}</p>",
        words
            .collect::<Vec<_>>()
            .join(" ")
            .replace('\'', "&#39;")
            .replace('’', "&#x2019;")
    );
    let json = serde_json::to_string(&serde_json::json!({ "text": sentence }))
        .unwrap()
        .replace('e', "\\u0065");
    let attribute = format!("<a title=\"{}\">x</a>", sentence.replace('"', "&quot;"));
    for (name, planted) in [("page.html", html), ("data.json", json), ("attr.html", attribute)] {
        let found = leaks([(name, planted.as_bytes())], &withheld);
        assert_eq!(found.len(), 1, "{name}: {planted}");
        assert_eq!(&found[0].1, article);
    }
}

/// The same check on the site built in `full` mode finds every sentence `private` withholds.
#[test]
fn the_leak_check_finds_the_text_of_a_full_site() {
    let withheld = withheld(&build("publish: private"));
    let full = build("publish: full");
    let found: BTreeSet<String> = leaks(files(&full), &withheld).into_iter().map(|(_, _, s)| s).collect();
    assert_eq!(found.len(), withheld.len());
}

/// In `excerpts` mode the article page shows passages with "[…]" between them, highlighted,
/// with the notice and the excerpts left out to keep to the share; an excerpt left out shows
/// its quote alone. In `private` mode the article page lists the quotes and the excerpt page
/// says why it shows the quote alone.
#[test]
fn pages_say_what_each_mode_shows() {
    let built = build("publish: excerpts");
    let page = |path: &str| {
        let f = built
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path}"));
        String::from_utf8(f.bytes.clone()).unwrap()
    };
    let model = &built.model;
    let ai = (0..model.articles.len())
        .find(|&ai| built.index.published[ai].left_out().next().is_some())
        .expect("an article past its share");
    let a = &model.articles[ai];
    let html = page(&format!("articles/{}/index.html", a.id));
    assert!(html.contains("class=\"publish-notice\""), "{html}");
    assert!(html.contains("<p class=\"omission\""));
    assert!(html.contains("Excerpts not shown in the text"));
    let published = &built.index.published[ai];
    let shown = a.excerpts[published.shown.iter().position(|s| *s).unwrap()];
    let left = a.excerpts[published.left_out().next().unwrap()];
    // The passage shown is highlighted; the one left out is listed (the target of links to it).
    assert!(html.contains(&format!("id=\"x-{}\" data-excerpt=", model.excerpts[shown].id)));
    assert!(!html.contains(&format!("id=\"x-{}\" data-excerpt=", model.excerpts[left].id)));
    assert!(html.contains(&format!("<li id=\"x-{}\"", model.excerpts[left].id)));
    let shown_page = page(&format!("excerpts/{}/index.html", model.excerpts[shown].id));
    assert!(shown_page.contains("In its sentences"), "{shown_page}");
    let left_page = page(&format!("excerpts/{}/index.html", model.excerpts[left].id));
    assert!(left_page.contains("shown alone, as quoted above"), "{left_page}");

    let built = build("publish: private");
    let a = &built.model.articles[0];
    let f = built
        .files
        .iter()
        .find(|f| f.path == format!("articles/{}/index.html", a.id))
        .unwrap();
    let html = String::from_utf8(f.bytes.clone()).unwrap();
    assert!(html.contains("The text of this article is not published here"));
    assert!(!html.contains("<div class=\"block\">"));
    let e = &built.model.excerpts[a.excerpts[0]];
    assert!(html.contains(&format!("id=\"x-{}\"", e.id)));
    let f = built
        .files
        .iter()
        .find(|f| f.path == format!("excerpts/{}/index.html", e.id))
        .unwrap();
    let html = String::from_utf8(f.bytes.clone()).unwrap();
    assert!(html.contains("this short quotation is shown as fair use"), "{html}");
}

/// An article's front matter overrides the dossier's mode, and the share cap holds: what an
/// `excerpts` article shows is at most `publish_share` of its sentences' characters.
#[test]
fn the_share_is_capped_and_an_article_may_override_the_mode() {
    let article = "content/articles/2009-01-07-us-says-mumbai-attacks-originated-in-pakistan.md";
    let built = build_with("publish: excerpts\npublish_share: 40", |dir| {
        let text = std::fs::read_to_string(dir.join(article)).unwrap();
        std::fs::write(dir.join(article), text.replacen("---\n", "---\npublish: full\n", 1)).unwrap();
    });
    for (ai, a) in built.model.articles.iter().enumerate() {
        let p = &built.index.published[ai];
        if article.contains(&a.id) {
            assert!(p.is_full());
            let page = built
                .files
                .iter()
                .find(|f| f.path == format!("articles/{}/index.html", a.id))
                .unwrap();
            assert!(!String::from_utf8_lossy(&page.bytes).contains("publish-notice"));
            continue;
        }
        let sentences = article_sentences(&a.text.rendered);
        let total: usize = sentences
            .iter()
            .map(|s| a.text.rendered.text[s.clone()].chars().count())
            .sum();
        let shown: usize = p
            .passages
            .iter()
            .flatten()
            .map(|r| {
                sentences
                    .iter()
                    .filter(|s| r.start <= s.start && s.end <= r.end)
                    .map(|s| a.text.rendered.text[s.clone()].chars().count())
                    .sum::<usize>()
            })
            .sum();
        assert!(shown * 100 <= total * 40, "{}: {shown} of {total}", a.id);
        assert!(shown > 0, "{}", a.id);
    }
}
