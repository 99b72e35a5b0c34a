//! `annotations.jsonld`: every excerpt as a W3C Web Annotation (JSON-LD, context
//! `http://www.w3.org/ns/anno.jsonld`), so that annotation tools (Hypothesis and the like) can
//! import them and re-anchor each on its article.
//!
//! One `AnnotationCollection` embeds its one `AnnotationPage` (`first`), whose `items` are the
//! annotations, article by article, each article's in text order. An annotation's target is
//! the article (its `url`, else its page on the site) with two selectors: a
//! `TextQuoteSelector` (the passage, and with a fully published article up to
//! [`CONTEXT_CHARS`] characters either side) and a `TextPositionSelector`, both counted in the
//! article's *rendered text* (its Markdown body as a reader sees it, the text anchoring works
//! on: see `text::markdown::event_text`) in Unicode code points, as the Web Annotation model
//! counts. Its bodies say what the analyst says of the passage: tags (`stance:denial`,
//! `speaker:isi`, the excerpt's own tags, …), the note as a comment, and a link to the
//! excerpt's page. Written as a stream, one annotation at a time.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::export::{Stream, write_pretty};
use super::{page_iri, plain, shows_text, site_iri};
use crate::model::EntityKind;
use crate::render::site::Site;

/// The file's path in the site.
pub const PATH: &str = "annotations.jsonld";

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Characters of the article's text given either side of a passage (`prefix`, `suffix`) when
/// the article is published in full: Hypothesis records 32.
pub const CONTEXT_CHARS: usize = 32;

/// Write every excerpt as an annotation to `out`.
pub fn write(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let m = site.model;
    // Article by article, each article's excerpts in text order.
    let order: Vec<usize> = m.articles.iter().flat_map(|a| a.excerpts.iter().copied()).collect();
    let me = site_iri(site, PATH);
    let collection = Collection {
        context: CONTEXT,
        id: me.clone(),
        kind: "AnnotationCollection",
        label: format!("{}: excerpts", m.config.title),
        total: order.len(),
        first: Page {
            id: format!("{me}#items"),
            kind: "AnnotationPage",
            start_index: 0,
            items: Stream::new(order.len(), {
                let mut counted = CodePoints::default();
                move |k| annotation(site, order[k], &me, &mut counted)
            }),
        },
    };
    write_pretty(out, &collection)
}

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'a str,
    id: String,
    #[serde(rename = "type")]
    kind: &'a str,
    label: String,
    total: usize,
    first: Page<'a>,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Stream<'a>,
}

/// Where a passage lies in a text, in Unicode code points, and the text either side of it (at
/// most `context` code points each).
#[derive(Debug, PartialEq, Eq)]
pub struct Position<'t> {
    /// Code points before the passage.
    pub start: usize,
    /// `start` plus the passage's code points.
    pub end: usize,
    /// The passage.
    pub exact: &'t str,
    /// Up to `context` code points before it.
    pub prefix: &'t str,
    /// Up to `context` code points after it.
    pub suffix: &'t str,
}

/// The position of the byte range `range` of `text` in code points, with `context` code
/// points either side; `None` when the range is not on char boundaries of `text`.
pub fn position(text: &str, range: Range<usize>, context: usize) -> Option<Position<'_>> {
    position_counted(text, range, context, &mut CodePoints::default())
}

/// Code points counted from the start of one text, remembered between calls, so that the
/// passages of an article, taken in text order (as `Article::excerpts` lists them), are counted
/// in one pass over it: counting from the text's start for each passage made 80,000 excerpts of
/// a 2.6 MB article quadratic (about half of that build's time). A passage before the last one,
/// or in another text, counts from the start again.
#[derive(Default)]
struct CodePoints {
    /// The text counted in, by address and length (only compared, never read).
    text: (usize, usize),
    /// A byte offset in it, and the code points before that offset.
    byte: usize,
    count: usize,
}

impl CodePoints {
    /// The code points of `text` before byte `at` (a char boundary).
    fn before(&mut self, text: &str, at: usize) -> usize {
        let which = (text.as_ptr() as usize, text.len());
        if which != self.text || at < self.byte {
            *self = CodePoints {
                text: which,
                byte: 0,
                count: 0,
            };
        }
        self.count += text[self.byte..at].chars().count();
        self.byte = at;
        self.count
    }
}

fn position_counted<'t>(
    text: &'t str,
    range: Range<usize>,
    context: usize,
    counted: &mut CodePoints,
) -> Option<Position<'t>> {
    let exact = text.get(range.clone())?;
    let before = &text[..range.start];
    let after = &text[range.end..];
    let start = counted.before(text, range.start);
    let prefix_start = before
        .char_indices()
        .rev()
        .take(context)
        .last()
        .map_or(before.len(), |(i, _)| i);
    let suffix_end = after.char_indices().nth(context).map_or(after.len(), |(i, _)| i);
    Some(Position {
        start,
        end: start + exact.chars().count(),
        exact,
        prefix: &before[prefix_start..],
        suffix: &after[..suffix_end],
    })
}

fn annotation(site: &Site, i: usize, me: &str, counted: &mut CodePoints) -> Value {
    let m = site.model;
    let e = &m.excerpts[i];
    let a = &m.articles[e.article];
    let text = &a.text.rendered.text;
    let context = if shows_text(a) { CONTEXT_CHARS } else { 0 };
    let mut selectors = Vec::new();
    if let Some(p) = position_counted(text, e.range.clone(), context, counted) {
        let mut quote = Map::new();
        quote.insert("type".into(), json!("TextQuoteSelector"));
        quote.insert("exact".into(), json!(p.exact));
        // Text around the passage only when the article's text is published: in `excerpts`
        // and `private` mode the passage is all that leaves the dossier.
        if context > 0 {
            quote.insert("prefix".into(), json!(p.prefix));
            quote.insert("suffix".into(), json!(p.suffix));
        }
        selectors.push(Value::Object(quote));
        selectors.push(json!({"type": "TextPositionSelector", "start": p.start, "end": p.end}));
    } else {
        selectors.push(json!({"type": "TextQuoteSelector", "exact": e.quote}));
    }
    let source = a
        .url
        .clone()
        .unwrap_or_else(|| page_iri(site, EntityKind::Article, &a.id));

    let tag = |value: String| json!({"type": "TextualBody", "purpose": "tagging", "value": value});
    let mut body = Vec::new();
    if let Some(s) = &e.stance {
        body.push(tag(format!("stance:{s}")));
    }
    if let Some(s) = &e.speaker {
        body.push(tag(format!("speaker:{}", s.id)));
        body.push(tag(format!("form:{}", e.form.as_str())));
    }
    if let Some(v) = &e.via {
        body.push(tag(format!("via:{}", v.id)));
    }
    body.extend(e.actors.iter().map(|r| tag(format!("actor:{}", r.id))));
    body.extend(e.incidents.iter().map(|r| tag(format!("incident:{}", r.id))));
    if let Some(c) = e.credibility {
        body.push(tag(format!("credibility:{c}")));
    }
    if e.key {
        body.push(tag("key".into()));
    }
    body.extend(e.tags.iter().map(|t| tag(t.clone())));
    if let Some(note) = plain(site, &e.note) {
        body.push(json!({"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": note}));
    }
    body.push(json!({
        "type": "SpecificResource", "purpose": "linking",
        "source": page_iri(site, EntityKind::Excerpt, &e.id),
    }));
    json!({
        "id": format!("{me}#{}", e.id),
        "type": "Annotation",
        "motivation": "classifying",
        "body": body,
        "target": {"type": "SpecificResource", "source": source, "selector": selectors},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_on_from_the_last_passage_gives_what_counting_from_the_start_gives() {
        let text = "Ünïcode — “quoted” text, then “more” and ‘the end’ of it";
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut counted = CodePoints::default();
        // In text order, then backwards, then in another text.
        let order = starts.iter().chain(starts.iter().rev());
        for &at in order {
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            let counted = position_counted(text, at..end, 3, &mut counted).unwrap();
            assert_eq!(counted, position(text, at..end, 3).unwrap(), "at byte {at}");
            assert_eq!(counted.start, text[..at].chars().count());
        }
        let other = text.replace('Ü', "UU").replace('—', "-");
        let p = position_counted(&other, 5..6, 0, &mut counted).unwrap();
        assert_eq!((p.exact, p.start), ("c", 4));
    }

    #[test]
    fn positions_count_code_points_and_context_stops_at_the_ends() {
        let text = "Ünïcode — “quoted” text";
        let start = text.find('“').unwrap();
        let end = text.find('”').unwrap() + '”'.len_utf8();
        let p = position(text, start..end, 4).unwrap();
        assert_eq!(p.exact, "“quoted”");
        assert_eq!((p.start, p.end), (10, 18));
        assert_eq!(
            text.chars().skip(p.start).take(p.end - p.start).collect::<String>(),
            p.exact
        );
        assert_eq!(p.prefix, "e — ");
        assert_eq!(p.suffix, " tex");
        let p = position(text, 0..2, 32).unwrap();
        assert_eq!((p.exact, p.prefix, p.start, p.end), ("Ü", "", 0, 1));
        assert_eq!(p.suffix, &text[2..]);
        assert_eq!(position(text, 0..1, 3), None, "not a char boundary");
        let p = position(text, 0..2, 0).unwrap();
        assert_eq!((p.prefix, p.suffix), ("", ""));
    }
}
