//! Highlighting article bodies: the verbatim text with every excerpt highlighted and actor
//! names linked.
//!
//! Excerpts may overlap or nest, and may cross emphasis and links, so a highlight cannot be one
//! element. The body's events are walked in step with the anchoring module's rendered text
//! (`anchor::event_text` is the shared rule for how far each event moves the offset), and every
//! Text event is cut at each highlight and mention boundary. Each piece is wrapped in one
//! `<mark>` per excerpt covering it, opened and closed inside the piece, so the marks always nest
//! properly whatever the excerpts do. An excerpt's numbered reference link is placed where it
//! ends, but after any enclosing link closes, because links cannot nest. The output is cut into
//! top-level blocks so the article page can set each block's notes beside it and an excerpt page
//! can show just the paragraph its quote is in.
//!
//! Raw HTML in a body is cleaned *before* dossier's own markup goes in beside it, so content
//! cannot pass for a highlight (`RawHtml::Clean`): an HTML block is sanitised on its own, an
//! inline `<mark>` is dropped and any other inline tag loses the attributes dossier's markup
//! uses (`id`, `data-*`, the classes of highlights and mentions), and only then is each block
//! sanitised once more with dossier's markup allowed where dossier put it. A dossier that says
//! `trust_html: true` gets its raw HTML untouched (`RawHtml::Trusted`).

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::render::markdown::escape_attr;
use crate::render::sanitize;
use crate::text::markdown::{ParsedArticle, event_text};

/// One excerpt to highlight.
#[derive(Debug, Clone)]
pub struct Highlight {
    /// Range in the rendered text.
    pub range: Range<usize>,
    /// Excerpt id (the first piece gets `id="x-<id>"`).
    pub id: String,
    /// CSS classes, e.g. `stance-denial`.
    pub class: String,
    /// Link to the excerpt's page, relative to the page being rendered.
    pub href: String,
    /// The number shown in the reference link.
    pub number: usize,
    /// Tooltip and accessible name of the reference link.
    pub title: String,
}

/// One actor name to link.
#[derive(Debug, Clone)]
pub struct LinkedMention {
    /// Range in the rendered text.
    pub range: Range<usize>,
    /// Link to the actor's page.
    pub href: String,
    /// Actor's name, for the title attribute.
    pub title: String,
}

/// A top-level block of the body.
#[derive(Debug, Clone)]
pub struct Block {
    /// The block's range in the rendered text.
    pub rendered: Range<usize>,
    /// Its HTML.
    pub html: String,
    /// Highlights (indexes into the input) that end in this block, in order.
    pub ends: Vec<usize>,
}

/// Whether reference links are placed after each highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markers {
    /// Numbered links to the excerpt pages (the article page).
    Numbered,
    /// None (an excerpt page showing its paragraph).
    Off,
}

/// What to do with raw HTML in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawHtml {
    /// Clean it (the default): see the module documentation.
    Clean,
    /// Pass it through untouched (`trust_html: true`).
    Trusted,
}

/// Render a body with highlights and mentions into top-level blocks. Linear in the size of the
/// body plus the number of highlights and mentions: highlights are swept in order of their
/// start, and mentions (in text order) are found by binary search.
pub fn render(
    article: &ParsedArticle,
    highlights: &[Highlight],
    mentions: &[LinkedMention],
    markers: Markers,
    raw: RawHtml,
) -> Vec<Block> {
    // Highlights in nesting order: earlier start first, longer first, so outer marks open first.
    let mut order: Vec<usize> = (0..highlights.len()).collect();
    order.sort_by_key(|&i| (highlights[i].range.start, std::cmp::Reverse(highlights[i].range.end), i));
    let mut sorted_mentions: Vec<&LinkedMention> = mentions.iter().filter(|m| m.range.start < m.range.end).collect();
    sorted_mentions.sort_by_key(|m| (m.range.start, m.range.end));
    let mut cutter = Cutter {
        highlights,
        order,
        next: 0,
        active: Vec::new(),
        mentions: sorted_mentions,
        started: vec![false; highlights.len()],
        markers,
        pending: Vec::new(),
        block_ends: Vec::new(),
    };

    let mut blocks = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut block_start = 0usize;
    let mut depth = 0usize;
    let mut link_depth = 0usize;
    let mut offset = 0usize;
    // The text of the HTML block being read, cleaned as a whole when it ends.
    let mut html_block: Option<String> = None;
    let clean = raw == RawHtml::Clean;
    let finish = |events: &mut Vec<Event>| {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.drain(..));
        if clean {
            html = sanitize::sanitize_article_block(&html);
        }
        html
    };

    for (event, _) in article.events() {
        let len = event_text(&event).map_or(0, str::len);
        let start = offset;
        offset += len;
        match event {
            Event::Text(text) => cutter.cut(&text, start, link_depth > 0, true, &mut events),
            Event::Code(text) => {
                events.push(Event::InlineHtml("<code>".into()));
                cutter.cut(&text, start, link_depth > 0, false, &mut events);
                events.push(Event::InlineHtml("</code>".into()));
            }
            Event::Html(h) if clean => match &mut html_block {
                Some(buf) => buf.push_str(&h),
                None => events.push(Event::Html(sanitize::sanitize(&h).into())),
            },
            Event::InlineHtml(h) if clean => {
                events.push(Event::Html(sanitize::clean_inline_tag(&h).into_owned().into()))
            }
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Html(h)),
            Event::Start(tag) => {
                if clean && matches!(tag, Tag::HtmlBlock) {
                    html_block = Some(String::new());
                }
                if matches!(tag, Tag::Link { .. }) {
                    link_depth += 1;
                }
                if is_block(&tag) {
                    if depth == 0 {
                        block_start = start;
                    }
                    depth += 1;
                }
                events.push(Event::Start(tag));
            }
            Event::End(tag) => {
                if tag == TagEnd::HtmlBlock
                    && let Some(buf) = html_block.take()
                {
                    events.push(Event::Html(sanitize::sanitize(&buf).into()));
                }
                events.push(Event::End(tag));
                if tag == TagEnd::Link {
                    link_depth = link_depth.saturating_sub(1);
                    if link_depth == 0 {
                        cutter.flush_markers(&mut events);
                    }
                }
                if is_block_end(&tag) {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        cutter.flush_markers(&mut events);
                        let html = finish(&mut events);
                        blocks.push(Block {
                            rendered: block_start..offset,
                            html,
                            ends: std::mem::take(&mut cutter.block_ends),
                        });
                    }
                }
            }
            other => events.push(other),
        }
    }
    if let Some(buf) = html_block.take() {
        events.push(Event::Html(sanitize::sanitize(&buf).into()));
    }
    if !events.is_empty() {
        cutter.flush_markers(&mut events);
        let html = finish(&mut events);
        blocks.push(Block {
            rendered: block_start..offset,
            html,
            ends: std::mem::take(&mut cutter.block_ends),
        });
    }
    blocks
}

fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// The sweep state: which highlights are open, which have started, which markers wait.
struct Cutter<'h> {
    highlights: &'h [Highlight],
    /// Highlight indexes in nesting order.
    order: Vec<usize>,
    /// Next position in `order` not yet active.
    next: usize,
    /// Highlights that may cover the current text, in nesting order.
    active: Vec<usize>,
    mentions: Vec<&'h LinkedMention>,
    started: Vec<bool>,
    markers: Markers,
    pending: Vec<usize>,
    block_ends: Vec<usize>,
}

impl Cutter<'_> {
    fn flush_markers(&mut self, events: &mut Vec<Event>) {
        for i in self.pending.drain(..) {
            let h = &self.highlights[i];
            events.push(Event::InlineHtml(CowStr::from(format!(
                "<sup class=\"excerpt-ref\"><a href=\"{}\" title=\"{}\" aria-label=\"{}\">{}</a></sup>",
                escape_attr(&h.href),
                escape_attr(&h.title),
                escape_attr(&format!("Excerpt {}: {}", h.number, h.title)),
                h.number
            ))));
        }
    }

    /// Cut one text event (rendered range `start..start + text.len()`) at every boundary and
    /// wrap its pieces.
    fn cut(&mut self, text: &str, start: usize, in_link: bool, allow_mentions: bool, events: &mut Vec<Event>) {
        let end = start + text.len();
        let hl = self.highlights;
        while self.next < self.order.len() && hl[self.order[self.next]].range.start < end {
            self.active.push(self.order[self.next]);
            self.next += 1;
        }
        self.active.retain(|&i| hl[i].range.end > start);
        let mut cuts = vec![start, end];
        for &i in &self.active {
            for b in [hl[i].range.start, hl[i].range.end] {
                if b > start && b < end {
                    cuts.push(b);
                }
            }
        }
        let here: Vec<&LinkedMention> = if in_link || !allow_mentions {
            Vec::new()
        } else {
            let lo = self.mentions.partition_point(|m| m.range.start < start);
            let hi = self.mentions.partition_point(|m| m.range.start < end);
            self.mentions[lo..hi]
                .iter()
                .copied()
                .filter(|m| m.range.end <= end)
                .collect()
        };
        // Mentions must not overlap one another; the first in text order wins.
        let mut here_kept: Vec<&LinkedMention> = Vec::new();
        for m in here {
            if here_kept.last().is_none_or(|last| last.range.end <= m.range.start) {
                here_kept.push(m);
            }
        }
        for m in &here_kept {
            cuts.push(m.range.start);
            cuts.push(m.range.end);
        }
        cuts.sort_unstable();
        cuts.dedup();
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let Some(piece) = text.get(a - start..b - start) else {
                continue;
            };
            let mention = here_kept.iter().find(|m| m.range.start <= a && m.range.end >= b);
            if let Some(m) = mention
                && m.range.start == a
            {
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<a class=\"mention\" href=\"{}\" title=\"{}\">",
                    escape_attr(&m.href),
                    escape_attr(&m.title)
                ))));
            }
            let covering: Vec<usize> = self
                .active
                .iter()
                .copied()
                .filter(|&i| hl[i].range.start <= a && hl[i].range.end >= b)
                .collect();
            for &i in &covering {
                let h = &hl[i];
                let id = if self.started[i] {
                    String::new()
                } else {
                    self.started[i] = true;
                    format!(" id=\"x-{}\"", escape_attr(&h.id))
                };
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<mark class=\"{}\"{id} data-excerpt=\"{}\">",
                    escape_attr(&h.class),
                    escape_attr(&h.id)
                ))));
            }
            events.push(Event::Text(CowStr::from(piece.to_string())));
            for _ in &covering {
                events.push(Event::InlineHtml("</mark>".into()));
            }
            let closes_mention = mention.is_some_and(|m| m.range.end == b);
            if closes_mention {
                events.push(Event::InlineHtml("</a>".into()));
            }
            for &i in &covering {
                if hl[i].range.end == b {
                    self.block_ends.push(i);
                    if self.markers == Markers::Numbered {
                        self.pending.push(i);
                    }
                }
            }
            if !in_link && mention.is_none_or(|_| closes_mention) {
                self.flush_markers(events);
            }
        }
    }
}

/// The paragraph (or paragraphs) of an excerpt as its own page shows them, from the article
/// page's rendering of a block: only this excerpt's highlight, no reference numbers. Actor
/// links stay, as on the article page.
pub fn paragraph_of(html: &str, id: &str) -> String {
    keep_only_marks_of(&without_markers(html), id)
}

/// The HTML without the reference numbers after each highlight (`<sup class="excerpt-ref">`,
/// which dossier writes and content cannot forge).
fn without_markers(html: &str) -> String {
    const OPEN: &str = "<sup class=\"excerpt-ref\">";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find("</sup>").map_or(after.len(), |e| e + "</sup>".len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Keep only the marks of one excerpt in rendered HTML (marks always nest properly, so a stack
/// of open marks says which closing tag belongs to which). Used by excerpt pages, which show
/// their paragraph from a rendering of the whole article with every highlight.
pub fn keep_only_marks_of(html: &str, id: &str) -> String {
    let wanted = format!("data-excerpt=\"{}\"", escape_attr(id));
    let mut out = String::with_capacity(html.len());
    let mut stack: Vec<bool> = Vec::new();
    let mut rest = html;
    loop {
        let open = ["<mark ", "<mark>"].iter().filter_map(|t| rest.find(t)).min();
        let close = rest.find("</mark>");
        match (open, close) {
            (Some(o), c) if c.is_none_or(|c| o < c) => {
                out.push_str(&rest[..o]);
                let tag_end = rest[o..].find('>').map_or(rest.len(), |e| o + e + 1);
                let tag = &rest[o..tag_end];
                // A mark from the content itself (no data-excerpt) is kept as it is.
                let keep = tag.contains(&wanted) || !tag.contains("data-excerpt=");
                if keep {
                    out.push_str(tag);
                }
                stack.push(keep);
                rest = &rest[tag_end..];
            }
            (_, Some(c)) => {
                out.push_str(&rest[..c]);
                if stack.pop().unwrap_or(true) {
                    out.push_str("</mark>");
                }
                rest = &rest[c + "</mark>".len()..];
            }
            _ => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::anchor::{ArticleText, Selector};

    fn hl(text: &ArticleText, quote: &str, id: &str, n: usize) -> Highlight {
        let range = text
            .anchor(&Selector {
                quote,
                prefix: None,
                suffix: None,
                occurrence: None,
            })
            .unwrap();
        Highlight {
            range,
            id: id.into(),
            class: "hl".into(),
            href: format!("e/{id}"),
            number: n,
            title: id.into(),
        }
    }

    fn html(blocks: &[Block]) -> String {
        blocks.iter().map(|b| b.html.as_str()).collect()
    }

    #[test]
    fn a_highlight_across_emphasis_is_split_at_element_boundaries() {
        let body = "He said *very* clearly that.\n";
        let t = ArticleText::new(body);
        let h = [hl(&t, "said very clearly", "a", 1)];
        let out = html(&render(
            &ParsedArticle::parse(body),
            &h,
            &[],
            Markers::Numbered,
            RawHtml::Clean,
        ));
        assert_eq!(
            out,
            "<p>He <mark class=\"hl\" id=\"x-a\" data-excerpt=\"a\">said </mark><em><mark class=\"hl\" data-excerpt=\"a\">very</mark></em><mark class=\"hl\" data-excerpt=\"a\"> clearly</mark><sup class=\"excerpt-ref\"><a href=\"e/a\" title=\"a\" aria-label=\"Excerpt 1: a\">1</a></sup> that.</p>\n"
        );
    }

    #[test]
    fn overlapping_and_nested_highlights_nest_properly() {
        let body = "one two three four five\n";
        let t = ArticleText::new(body);
        let h = [
            hl(&t, "one two three", "a", 1),
            hl(&t, "three four", "b", 2),
            hl(&t, "two", "c", 3),
        ];
        let out = html(&render(
            &ParsedArticle::parse(body),
            &h,
            &[],
            Markers::Off,
            RawHtml::Clean,
        ));
        assert_eq!(
            out,
            "<p><mark class=\"hl\" id=\"x-a\" data-excerpt=\"a\">one </mark>\
<mark class=\"hl\" data-excerpt=\"a\"><mark class=\"hl\" id=\"x-c\" data-excerpt=\"c\">two</mark></mark>\
<mark class=\"hl\" data-excerpt=\"a\"> </mark>\
<mark class=\"hl\" data-excerpt=\"a\"><mark class=\"hl\" id=\"x-b\" data-excerpt=\"b\">three</mark></mark>\
<mark class=\"hl\" data-excerpt=\"b\"> four</mark> five</p>\n"
        );
    }

    #[test]
    fn markers_inside_a_link_wait_until_it_closes() {
        let body = "See [the report](http://x) now.\n";
        let t = ArticleText::new(body);
        let h = [hl(&t, "the report", "a", 1)];
        let out = html(&render(
            &ParsedArticle::parse(body),
            &h,
            &[],
            Markers::Numbered,
            RawHtml::Clean,
        ));
        assert!(out.contains("</mark></a><sup class=\"excerpt-ref\">"), "{out}");
    }

    #[test]
    fn mentions_are_linked_and_highlights_nest_inside() {
        let body = "Qureshi said no.\n";
        let t = ArticleText::new(body);
        let h = [hl(&t, "Qureshi said", "a", 1)];
        let m = [LinkedMention {
            range: 0..7,
            href: "q".into(),
            title: "Shah Mehmood Qureshi".into(),
        }];
        let out = html(&render(
            &ParsedArticle::parse(body),
            &h,
            &m,
            Markers::Off,
            RawHtml::Clean,
        ));
        assert_eq!(
            out,
            "<p><a class=\"mention\" href=\"q\" title=\"Shah Mehmood Qureshi\"><mark class=\"hl\" id=\"x-a\" data-excerpt=\"a\">Qureshi</mark></a><mark class=\"hl\" data-excerpt=\"a\"> said</mark> no.</p>\n"
        );
    }

    #[test]
    fn blocks_carry_their_ranges_and_ending_highlights() {
        let body = "First para.\n\nSecond para here.\n";
        let t = ArticleText::new(body);
        let h = [hl(&t, "Second para", "a", 1)];
        let blocks = render(&ParsedArticle::parse(body), &h, &[], Markers::Off, RawHtml::Clean);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].ends, vec![0]);
        assert!(blocks[1].rendered.contains(&h[0].range.start));
    }

    #[test]
    fn only_one_excerpts_marks_are_kept() {
        let body = "one two three four five\n";
        let t = ArticleText::new(body);
        let h = [hl(&t, "one two three", "a", 1), hl(&t, "three four", "b", 2)];
        let all = html(&render(
            &ParsedArticle::parse(body),
            &h,
            &[],
            Markers::Off,
            RawHtml::Clean,
        ));
        let only_b = keep_only_marks_of(&all, "b");
        assert_eq!(
            only_b,
            "<p>one two <mark class=\"hl\" id=\"x-b\" data-excerpt=\"b\">three</mark><mark class=\"hl\" data-excerpt=\"b\"> four</mark> five</p>\n"
        );
    }

    #[test]
    fn raw_html_in_a_body_reaches_the_sanitiser_without_moving_offsets() {
        let body = "a <b>bold</b> claim\n";
        let t = ArticleText::new(body);
        let h = [hl(&t, "bold claim", "a", 1)];
        let out = html(&render(
            &ParsedArticle::parse(body),
            &h,
            &[],
            Markers::Off,
            RawHtml::Clean,
        ));
        assert!(
            out.contains("<b><mark class=\"hl\" id=\"x-a\" data-excerpt=\"a\">bold</mark></b>"),
            "{out}"
        );
    }

    #[test]
    fn content_cannot_forge_a_highlight() {
        let forged = r#"<mark id="x-a" data-excerpt="a" class="excerpt stance-allegation">Forged</mark>"#;
        let body = format!("He said no {forged} here.\n\n{forged}\n\n<div>{forged}</div>\n\n## H {{#x-a .excerpt}}\n");
        let t = ArticleText::new(&body);
        let h = [hl(&t, "said no", "a", 1)];
        let out = html(&render(
            &ParsedArticle::parse(&body),
            &h,
            &[],
            Markers::Off,
            RawHtml::Clean,
        ));
        assert_eq!(out.matches("id=\"x-a\"").count(), 1, "{out}");
        assert_eq!(out.matches("<mark").count(), 1, "{out}");
        assert!(!out.contains("stance-") && !out.contains("class=\"excerpt"), "{out}");
        let only_a = keep_only_marks_of(&out, "a");
        assert!(
            only_a
                .starts_with("<p>He <mark class=\"hl\" id=\"x-a\" data-excerpt=\"a\">said no</mark> Forged here.</p>"),
            "{only_a}"
        );
        // Trusted HTML is the author's own: it passes untouched.
        let trusted = html(&render(
            &ParsedArticle::parse(&body),
            &h,
            &[],
            Markers::Off,
            RawHtml::Trusted,
        ));
        assert_eq!(trusted.matches("id=\"x-a\"").count(), 5, "{trusted}");
    }

    #[test]
    fn an_inline_tag_over_two_lines_is_cleaned_not_lost() {
        let body = "a <span\ntitle=\"t\" id=\"x-a\" class=\"mention\">b</span> c\n";
        let out = html(&render(
            &ParsedArticle::parse(body),
            &[],
            &[],
            Markers::Off,
            RawHtml::Clean,
        ));
        assert_eq!(out, "<p>a <span title=\"t\">b</span> c</p>\n");
    }
}
