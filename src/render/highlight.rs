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

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

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
    /// Whether the sanitiser ran over it (a plain block is left as it is: see `keeps_plain`).
    pub sanitized: bool,
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
    let (tags, tagged) = mention_tags(mentions);
    let mut cutter = Cutter::new(
        highlights,
        tagged.into_iter().map(|(m, t)| (m, tags[t].as_str())).collect(),
        markers,
    );

    // At most one top-level block per block end.
    let mut blocks = Vec::with_capacity(article.rendered.block_ends.len());
    let mut events: Vec<Event> = Vec::new();
    let mut block_start = 0usize;
    let mut depth = 0usize;
    let mut link_depth = 0usize;
    let mut offset = 0usize;
    // The text of the HTML block being read, cleaned as a whole when it ends.
    let mut html_block: Option<String> = None;
    let clean = raw == RawHtml::Clean;
    // Whether the block so far is plain (see `keeps_plain`): then the sanitiser would give it
    // back unchanged, and is not run.
    let mut plain = true;
    // `text` is the length of the block's rendered text: its HTML is about twice as long, and
    // is kept, so it is made in one allocation, trimmed after.
    let finish = |events: &mut Vec<Event>, plain: &mut bool, text: usize| {
        let mut html = String::with_capacity(2 * text + 64);
        pulldown_cmark::html::push_html(&mut html, events.drain(..));
        let sanitized = clean && !*plain;
        if sanitized {
            html = sanitize::sanitize_article_block(&html);
        }
        html.shrink_to_fit();
        *plain = true;
        (html, sanitized)
    };

    for event in article.events() {
        plain &= keeps_plain(&event);
        let len = event_text(&event).map_or(0, str::len);
        let start = offset;
        offset += len;
        match event {
            // The text as a slice of the article's rendered text (which it is), so that its
            // pieces are lent to the HTML writer rather than copied.
            Event::Text(text) => match article.rendered.text.get(start..offset) {
                Some(text) => cutter.cut(text, start, link_depth > 0, true, &mut events),
                None => events.push(Event::Text(text)),
            },
            Event::Code(text) => {
                let Some(text) = article.rendered.text.get(start..offset) else {
                    events.push(Event::Code(text));
                    continue;
                };
                events.push(Event::InlineHtml("<code>".into()));
                cutter.cut(text, start, link_depth > 0, false, &mut events);
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
                        let (html, sanitized) = finish(&mut events, &mut plain, offset - block_start);
                        blocks.push(Block {
                            rendered: block_start..offset,
                            html,
                            ends: std::mem::take(&mut cutter.block_ends),
                            sanitized,
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
        let (html, sanitized) = finish(&mut events, &mut plain, offset - block_start);
        blocks.push(Block {
            rendered: block_start..offset,
            html,
            ends: std::mem::take(&mut cutter.block_ends),
            sanitized,
        });
    }
    blocks
}

/// The opening tag of each actor's link (each written once, every mention of the actor lending
/// it), and the mentions in text order, each with its tag's index.
fn mention_tags(mentions: &[LinkedMention]) -> (Vec<String>, Vec<(&LinkedMention, usize)>) {
    let mut tag_of: HashMap<(&str, &str), usize> = HashMap::new();
    let mut tags: Vec<String> = Vec::new();
    let mut tagged: Vec<(&LinkedMention, usize)> = mentions
        .iter()
        .filter(|m| m.range.start < m.range.end)
        .map(|m| {
            let tag = *tag_of.entry((&m.href, &m.title)).or_insert_with(|| {
                tags.push(format!(
                    "<a class=\"mention\" href=\"{}\" title=\"{}\">",
                    attr(&m.href),
                    attr(&m.title)
                ));
                tags.len() - 1
            });
            (m, tag)
        })
        .collect();
    tagged.sort_by_key(|(m, _)| (m.range.start, m.range.end));
    (tags, tagged)
}

/// The passages of an article that its publishing mode shows (`excerpts`), each paragraph
/// (`paragraphs`: ranges of `text`, the article's rendered text, in reading order) as a `<p>`
/// block with the highlights and actor links that lie in it, marked up as [`render`] marks
/// them up, so the page's reading aids work the same. The passages are shown as plain text: the
/// article's own emphasis, links and raw HTML are left out, so nothing but the text of the
/// sentences shown (not a link's address, not the content of an HTML block) can be published.
/// `highlights` must lie inside the paragraphs.
pub fn render_passages(
    text: &str,
    paragraphs: &[Range<usize>],
    highlights: &[Highlight],
    mentions: &[LinkedMention],
    markers: Markers,
) -> Vec<Block> {
    let (tags, tagged) = mention_tags(mentions);
    let mut cutter = Cutter::new(
        highlights,
        tagged.into_iter().map(|(m, t)| (m, tags[t].as_str())).collect(),
        markers,
    );
    let mut blocks = Vec::with_capacity(paragraphs.len());
    for range in paragraphs {
        let Some(piece) = text.get(range.clone()) else {
            continue;
        };
        let mut events = vec![Event::Start(Tag::Paragraph)];
        cutter.cut(piece, range.start, false, true, &mut events);
        cutter.flush_markers(&mut events);
        events.push(Event::End(TagEnd::Paragraph));
        let mut html = String::with_capacity(2 * piece.len() + 64);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        blocks.push(Block {
            rendered: range.clone(),
            html,
            ends: std::mem::take(&mut cutter.block_ends),
            sanitized: false,
        });
    }
    blocks
}

/// Whether a block made of such events stays *plain*: text, breaks within a paragraph and the
/// simplest elements, for which pulldown-cmark's HTML (with dossier's highlights, reference
/// numbers and actor links, whose attributes are escaped as the sanitiser's serialiser escapes
/// them) is exactly what the sanitiser would give back. Anything that carries content-made
/// markup or URLs (raw HTML, links, images, heading ids and classes, footnotes) or that the
/// serialiser writes differently (line breaks, rules, tables, task boxes, code blocks, a
/// no-break space) is not plain, and its block goes through the sanitiser. A unit test and a
/// property test hold plain blocks to "sanitising changes nothing".
fn keeps_plain(event: &Event) -> bool {
    match event {
        // A byte search first: most text has no 0xA0 byte at all.
        Event::Text(t) | Event::Code(t) => !(t.as_bytes().contains(&0xA0) && t.contains('\u{a0}')),
        Event::SoftBreak => true,
        Event::Start(tag) => match tag {
            Tag::Heading { id, classes, attrs, .. } => id.is_none() && classes.is_empty() && attrs.is_empty(),
            // A plain web link: the scheme is one the sanitiser keeps, and the address is
            // written by pulldown-cmark as the serialiser would write it.
            Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                title,
                ..
            } => {
                title.is_empty()
                    && (dest_url.starts_with("https://") || dest_url.starts_with("http://"))
                    && dest_url
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$()*+,;=%".contains(&b))
            }
            Tag::Paragraph
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::BlockQuote(None)
            | Tag::List(_)
            | Tag::Item => true,
            _ => false,
        },
        Event::End(end) => matches!(
            end,
            TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::BlockQuote(None)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::Link
        ),
        _ => false,
    }
}

/// An attribute value as dossier writes it in article text: escaped as the sanitiser's HTML
/// serialiser escapes it (`&`, `"`, `<`, `>` and the no-break space; not `'`, since values are
/// double-quoted), so a block is the same whether the sanitiser ran over it or not.
fn attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
    out
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
    /// Mentions in text order, each with its link's opening tag.
    mentions: Vec<(&'h LinkedMention, &'h str)>,
    started: Vec<bool>,
    markers: Markers,
    pending: Vec<usize>,
    block_ends: Vec<usize>,
    /// Buffers of [`Cutter::cut`], kept between calls: the boundaries in a text, the
    /// mentions in it, the highlights covering a piece.
    cuts: Vec<usize>,
    here: Vec<(&'h LinkedMention, &'h str)>,
    covering: Vec<usize>,
}

impl<'h> Cutter<'h> {
    fn new(highlights: &'h [Highlight], mentions: Vec<(&'h LinkedMention, &'h str)>, markers: Markers) -> Self {
        // Highlights in nesting order: earlier start first, longer first, so outer marks open
        // first.
        let mut order: Vec<usize> = (0..highlights.len()).collect();
        order.sort_by_key(|&i| (highlights[i].range.start, std::cmp::Reverse(highlights[i].range.end), i));
        Cutter {
            highlights,
            order,
            next: 0,
            active: Vec::new(),
            mentions,
            started: vec![false; highlights.len()],
            markers,
            pending: Vec::new(),
            block_ends: Vec::new(),
            cuts: Vec::new(),
            here: Vec::new(),
            covering: Vec::new(),
        }
    }

    fn flush_markers(&mut self, events: &mut Vec<Event>) {
        for i in self.pending.drain(..) {
            let h = &self.highlights[i];
            events.push(Event::InlineHtml(CowStr::from(format!(
                "<sup class=\"excerpt-ref\"><a href=\"{}\" title=\"{}\" aria-label=\"{}\">{}</a></sup>",
                attr(&h.href),
                attr(&h.title),
                attr(&format!("Excerpt {}: {}", h.number, h.title)),
                h.number
            ))));
        }
    }

    /// Cut one text event (rendered range `start..start + text.len()`) at every boundary and
    /// wrap its pieces. Text that no highlight covers and no mention is in goes through as it
    /// is.
    fn cut<'a>(&mut self, text: &'a str, start: usize, in_link: bool, allow_mentions: bool, events: &mut Vec<Event<'a>>)
    where
        'h: 'a,
    {
        let end = start + text.len();
        let hl = self.highlights;
        while self.next < self.order.len() && hl[self.order[self.next]].range.start < end {
            self.active.push(self.order[self.next]);
            self.next += 1;
        }
        self.active.retain(|&i| hl[i].range.end > start);
        let (lo, hi) = if in_link || !allow_mentions {
            (0, 0)
        } else {
            (
                self.mentions.partition_point(|(m, _)| m.range.start < start),
                self.mentions.partition_point(|(m, _)| m.range.start < end),
            )
        };
        if self.active.is_empty() && lo == hi {
            events.push(Event::Text(CowStr::Borrowed(text)));
            if !in_link {
                self.flush_markers(events);
            }
            return;
        }
        let mut cuts = std::mem::take(&mut self.cuts);
        let mut here = std::mem::take(&mut self.here);
        let mut covering = std::mem::take(&mut self.covering);
        cuts.clear();
        cuts.extend([start, end]);
        for &i in &self.active {
            for b in [hl[i].range.start, hl[i].range.end] {
                if b > start && b < end {
                    cuts.push(b);
                }
            }
        }
        // Mentions must not overlap one another; the first in text order wins.
        here.clear();
        for &(m, tag) in &self.mentions[lo..hi] {
            if m.range.end <= end && here.last().is_none_or(|(last, _)| last.range.end <= m.range.start) {
                here.push((m, tag));
            }
        }
        for (m, _) in &here {
            cuts.push(m.range.start);
            cuts.push(m.range.end);
        }
        cuts.sort_unstable();
        cuts.dedup();
        // The highlights covering the current piece, in nesting order, kept up to date at each
        // boundary (a highlight covers a piece iff it starts at or before it and ends after its
        // start, since no boundary of it lies inside a piece); the ones starting inside this
        // text come in `active`'s order, which is the nesting order, so each joins at the end.
        let active = std::mem::take(&mut self.active);
        covering.clear();
        covering.extend(
            active
                .iter()
                .copied()
                .filter(|&i| hl[i].range.start <= start && hl[i].range.end > start),
        );
        let mut starting = active
            .iter()
            .copied()
            .filter(|&i| hl[i].range.start > start && hl[i].range.end > hl[i].range.start)
            .peekable();
        // The mention the current piece is in, if any: `here` is in text order and its
        // mentions do not overlap.
        let mut next_mention = 0;
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a > start {
                covering.retain(|&i| hl[i].range.end != a);
            }
            while let Some(&i) = starting.peek()
                && hl[i].range.start <= a
            {
                covering.push(i);
                starting.next();
            }
            while here.get(next_mention).is_some_and(|(m, _)| m.range.end <= a) {
                next_mention += 1;
            }
            let Some(piece) = text.get(a - start..b - start) else {
                continue;
            };
            let mention = here
                .get(next_mention)
                .filter(|(m, _)| m.range.start <= a && m.range.end >= b);
            if let Some(&(m, tag)) = mention
                && m.range.start == a
            {
                events.push(Event::InlineHtml(CowStr::Borrowed(tag)));
            }
            for &i in &covering {
                let h = &hl[i];
                let id = if self.started[i] {
                    String::new()
                } else {
                    self.started[i] = true;
                    format!(" id=\"x-{}\"", attr(&h.id))
                };
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<mark class=\"{}\"{id} data-excerpt=\"{}\">",
                    attr(&h.class),
                    attr(&h.id)
                ))));
            }
            events.push(Event::Text(CowStr::Borrowed(piece)));
            for _ in &covering {
                events.push(Event::InlineHtml("</mark>".into()));
            }
            let closes_mention = mention.is_some_and(|(m, _)| m.range.end == b);
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
        self.active = active;
        self.cuts = cuts;
        self.here = here;
        self.covering = covering;
    }
}

/// The HTML of the paragraphs an excerpt page shows past which it shows a window of the text
/// around the passage instead (see [`context_of`]).
pub const MAX_CONTEXT_HTML: usize = 64 * 1024;

/// Chars of the article's text shown on each side of a passage whose paragraph is too long
/// to be shown whole (see [`context_of`]).
const CONTEXT_WINDOW_CHARS: usize = 400;

/// What an excerpt page shows around its passage (`highlight`, anchored in `text`, the
/// article's rendered text): the block or blocks of the article page's rendering (`blocks`, in
/// text order) that the passage lies in, with only this excerpt's highlight (see
/// [`paragraph_of`]). Blocks of more than [`MAX_CONTEXT_HTML`] bytes of HTML in all (a whole
/// article written as one paragraph) would make every excerpt page of the article that large:
/// then the page shows the passage with a few hundred characters of plain text on each side
/// instead, marked `…` where it is cut.
///
/// The blocks are found by binary search, and the cost is that of the blocks shown, so an
/// article's excerpt pages cost its length plus its number of excerpts in all. The window never
/// leaves `shown`, the part of the text the article's publishing mode publishes around the
/// passage (the whole text in `full` mode, the passage's paragraph in `excerpts` mode).
pub fn context_of(blocks: &[Block], text: &str, highlight: &Highlight, shown: Range<usize>) -> String {
    let range = &highlight.range;
    let first = blocks.partition_point(|b| b.rendered.end <= range.start);
    let around: Vec<&Block> = blocks[first..]
        .iter()
        .take_while(|b| b.rendered.start < range.end)
        .filter(|b| b.rendered.end > range.start)
        .collect();
    let size: usize = around.iter().map(|b| b.html.len()).sum();
    if size <= MAX_CONTEXT_HTML {
        return around.iter().map(|b| paragraph_of(&b.html, &highlight.id)).collect();
    }
    let floor = |mut at: usize| {
        while at > 0 && !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let (start, end) = (floor(range.start.min(text.len())), floor(range.end.min(text.len())));
    let (lo, hi) = (floor(shown.start.min(start)), floor(shown.end.min(text.len()).max(end)));
    let before = text[lo..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_WINDOW_CHARS - 1)
        .map_or(lo, |(i, _)| lo + i);
    let after = text[end..hi]
        .char_indices()
        .nth(CONTEXT_WINDOW_CHARS)
        .map_or(hi, |(i, _)| end + i);
    // Cut at white space, so no word is shown in part.
    let before = match text[before..start].find(char::is_whitespace) {
        Some(i) if before > lo => before + i,
        _ => before,
    };
    let after = match text[end..after].rfind(char::is_whitespace) {
        Some(i) if after < hi => end + i,
        _ => after,
    };
    // White space runs as one space, as the browser shows them.
    let squash = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if !c.is_whitespace() {
                out.push(c);
            } else if !out.ends_with(' ') {
                out.push(' ');
            }
        }
        attr(&out)
    };
    format!(
        "<p>{}{}<mark class=\"{}\" id=\"x-{}\" data-excerpt=\"{}\">{}</mark>{}{}</p>\n",
        if before > 0 { "…" } else { "" },
        squash(&text[before..start]).trim_start(),
        attr(&highlight.class),
        attr(&highlight.id),
        attr(&highlight.id),
        squash(&text[start..end]),
        squash(&text[end..after]).trim_end(),
        if after < text.len() { "…" } else { "" },
    )
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
/// their paragraph from a rendering of the whole article with every highlight. One pass over
/// the HTML, from one `<` to the next.
pub fn keep_only_marks_of(html: &str, id: &str) -> String {
    let wanted = format!("data-excerpt=\"{}\"", escape_attr(id));
    let mut out = String::with_capacity(html.len());
    let mut stack: Vec<bool> = Vec::new();
    // `html[..copied]` is in `out` (or left out); the next `<` is looked for from `at`.
    let (mut copied, mut at) = (0, 0);
    while let Some(found) = html[at..].find('<') {
        let lt = at + found;
        let tail = &html[lt..];
        if tail.starts_with("<mark ") || tail.starts_with("<mark>") {
            out.push_str(&html[copied..lt]);
            let tag_end = tail.find('>').map_or(html.len(), |e| lt + e + 1);
            let tag = &html[lt..tag_end];
            // A mark from the content itself (no data-excerpt) is kept as it is.
            let keep = tag.contains(&wanted) || !tag.contains("data-excerpt=");
            if keep {
                out.push_str(tag);
            }
            stack.push(keep);
            (copied, at) = (tag_end, tag_end);
        } else if tail.starts_with("</mark>") {
            out.push_str(&html[copied..lt]);
            if stack.pop().unwrap_or(true) {
                out.push_str("</mark>");
            }
            let end = lt + "</mark>".len();
            (copied, at) = (end, end);
        } else {
            at = lt + 1;
        }
    }
    out.push_str(&html[copied..]);
    out
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
    fn an_excerpt_page_shows_its_paragraph_or_a_window_of_a_huge_one() {
        let body = "First para.\n\nSecond *para* here.\n";
        let t = ArticleText::new(body);
        let h = [hl(&t, "para here", "a", 1), hl(&t, "First", "b", 2)];
        let parsed = ParsedArticle::parse(body);
        let blocks = render(&parsed, &h, &[], Markers::Numbered, RawHtml::Clean);
        let text = &parsed.rendered.text;
        assert_eq!(
            context_of(&blocks, text, &h[0], 0..usize::MAX),
            paragraph_of(&blocks[1].html, "a")
        );
        assert_eq!(
            context_of(&blocks, text, &h[1], 0..usize::MAX),
            "<p><mark class=\"hl\" id=\"x-b\" data-excerpt=\"b\">First</mark> para.</p>\n"
        );

        // One paragraph of 200,000 words: a window of it, cut at words.
        let words: Vec<String> = (0..200_000).map(|i| format!("w{i}")).collect();
        let body = format!("{} <b>&</b>\n", words.join(" "));
        let t = ArticleText::new(&body);
        let h = [hl(&t, "w100000 w100001", "a", 1)];
        let parsed = ParsedArticle::parse(&body);
        let blocks = render(&parsed, &h, &[], Markers::Numbered, RawHtml::Clean);
        assert!(blocks[0].html.len() > MAX_CONTEXT_HTML);
        let window = context_of(&blocks, &parsed.rendered.text, &h[0], 0..usize::MAX);
        assert!(window.len() < 2 * 4 * CONTEXT_WINDOW_CHARS, "{}", window.len());
        assert!(window.starts_with("<p>…w"), "{window}");
        assert!(window.ends_with(" w100050…</p>\n"), "{window}");
        assert!(
            window.contains(" w99999 <mark class=\"hl\" id=\"x-a\" data-excerpt=\"a\">w100000 w100001</mark> w100002 "),
            "{window}"
        );
        // The end of the article: no `…` after it, and text is escaped.
        let h = [hl(&t, "w199999", "z", 1)];
        let window = context_of(&blocks, &parsed.rendered.text, &h[0], 0..usize::MAX);
        assert!(window.ends_with("w199999</mark> &amp;</p>\n"), "{window}");
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

    /// Highlights and mentions at the given fractions of an article's rendered text.
    fn marks_at(parsed: &ParsedArticle, cuts: &[(u8, u8)]) -> (Vec<Highlight>, Vec<LinkedMention>) {
        let text = &parsed.rendered.text;
        let snap = |b: u8| {
            let mut at = (b as usize * text.len()) / 255;
            while at < text.len() && !text.is_char_boundary(at) {
                at += 1;
            }
            at.min(text.len())
        };
        let (mut highlights, mut mentions) = (Vec::new(), Vec::new());
        for (i, &(a, b)) in cuts.iter().enumerate() {
            let (a, b) = (snap(a), snap(b));
            let range = a.min(b)..a.max(b);
            if i % 3 == 2 {
                mentions.push(LinkedMention {
                    range,
                    href: "../../actors/o'neil/index.html".into(),
                    title: "O'Neil <\"the\"> & co".into(),
                });
            } else {
                highlights.push(Highlight {
                    range,
                    id: format!("e{i}"),
                    class: "excerpt stance-denial".into(),
                    href: format!("../../excerpts/e{i}/index.html"),
                    number: i + 1,
                    title: format!("Denial, reported speech of O'Neil: it's \"{i}\" <b> & more"),
                });
            }
        }
        (highlights, mentions)
    }

    #[test]
    fn a_plain_block_is_what_the_sanitiser_would_make_of_it() {
        let parsed = ParsedArticle::parse("O'Neil said \"it's 5 < 6 & 7 > 3\", *firmly*.\n\n- one\n- two\n");
        let (h, m) = marks_at(&parsed, &[(0, 120), (30, 200), (10, 60)]);
        let blocks = render(&parsed, &h, &m, Markers::Numbered, RawHtml::Clean);
        assert!(blocks.iter().all(|b| !b.sanitized));
        for b in &blocks {
            assert_eq!(sanitize::sanitize_article_block(&b.html), b.html);
        }
        // What carries content-made markup or URLs goes through the sanitiser.
        for md in [
            "[a](javascript:x)",
            "<span>x</span>",
            "# T {#x-e0}",
            "a\u{a0}b",
            "a  \nb",
            "---",
        ] {
            let parsed = ParsedArticle::parse(md);
            let blocks = render(&parsed, &[], &[], Markers::Numbered, RawHtml::Clean);
            assert!(blocks.iter().any(|b| b.sanitized), "{md:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]
        /// Each highlight's marks hold exactly its passage, however the highlights and
        /// mentions overlap, nest or share boundaries.
        #[test]
        fn each_highlight_marks_exactly_its_passage(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "a", "bb", "c&d", "*em*", "**st**", "[l](http://x)", "`co`", "\n", "\n\n", "é",
            ]), 1..40),
            cuts in proptest::collection::vec((0u8..=255, 0u8..=255), 0..12),
        ) {
            let md = words.join(" ");
            let parsed = ParsedArticle::parse(&md);
            let (h, m) = marks_at(&parsed, &cuts);
            let html: String = render(&parsed, &h, &m, Markers::Numbered, RawHtml::Clean)
                .iter()
                .map(|b| b.html.as_str())
                .collect();
            let visible = |s: &str| -> String {
                s.replace("&amp;", "&").chars().filter(|c| !c.is_whitespace()).collect()
            };
            for x in &h {
                let only = keep_only_marks_of(&html, &x.id);
                // The text inside this highlight's marks (they never nest in themselves).
                let mut inside = String::new();
                let mut rest = only.as_str();
                while let Some(open) = rest.find(&format!("data-excerpt=\"{}\">", x.id)) {
                    rest = &rest[open..];
                    rest = &rest[rest.find('>').unwrap() + 1..];
                    let close = rest.find("</mark>").unwrap();
                    let mut piece = &rest[..close];
                    // Strip the tags of a mention link or emphasis inside the piece.
                    let mut text = String::new();
                    while let Some(lt) = piece.find('<') {
                        text.push_str(&piece[..lt]);
                        piece = &piece[piece[lt..].find('>').map_or(piece.len(), |e| lt + e + 1)..];
                    }
                    text.push_str(piece);
                    inside.push_str(&text);
                    rest = &rest[close..];
                }
                let passage = &parsed.rendered.text[x.range.clone()];
                proptest::prop_assert_eq!(visible(&inside), visible(passage), "{:?} in {:?}", x.range, md);
            }
        }

        /// Leaving a plain block unsanitised loses nothing: the sanitiser would give it back
        /// byte for byte.
        #[test]
        fn plain_blocks_are_fixed_points_of_the_sanitiser(
            tokens in proptest::collection::vec(proptest::sample::select(vec![
                "word", "O'Neil", "\"quoted\"", "it's", "a & b", "1 < 2", "x > y", "*em*", "**strong**",
                "~~gone~~", "`co'de`", "\n", "\n\n", "\n\n- item\n", "\n\n1. first\n", "\n\n> quote\n",
                "\n\n## Heading\n\n", "[link](http://x/a?b=1&c=2)", "<i>html</i>", "\u{a0}", "caf\u{e9}",
                "\u{201c}curly\u{201d}", "\\*esc\\*", "&amp;", "&quot;", "&#39;", "  \nbr",
                "[a](https://x.org/p?q=1&r=2#f)", "[b](http://x/it's(1))", "[c](https://x/%20y)",
                "[d](javascript:alert(1))", "[e](https://x \"t\")", "[f](https://x/a\u{e9})", "[g](<https://x/a b>)",
                "<https://auto.link/x>", "[h](/rel)", "[i][r]\n\n[r]: https://r/", "[j](https://x/a\"b)",
            ]), 1..40),
            cuts in proptest::collection::vec((0u8..=255, 0u8..=255), 0..8),
        ) {
            let md = tokens.join(" ");
            let parsed = ParsedArticle::parse(&md);
            let (h, m) = marks_at(&parsed, &cuts);
            for b in render(&parsed, &h, &m, Markers::Numbered, RawHtml::Clean) {
                if !b.sanitized {
                    proptest::prop_assert_eq!(sanitize::sanitize_article_block(&b.html), b.html, "{:?}", md);
                }
            }
        }
    }
}
