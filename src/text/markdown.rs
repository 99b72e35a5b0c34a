//! Markdown as dossier reads it: the one set of parser options, and an article's *rendered
//! text*, what a reader sees with the Markdown syntax removed.
//!
//! Anchoring searches the rendered text, the article renderer highlights in it, the index finds
//! actor names in it and search indexes it; they agree because they all use [`event_text`], the
//! single rule for how far each parser event moves the rendered-text offset.
//!
//! An article is parsed once per build ([`ParsedArticle::parse`]): its events are kept, without
//! borrowing the source (text is a range of the rendered text, which is made of it), so every
//! later stage walks the same events instead of parsing again.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

/// The Markdown options used everywhere in dossier (rendering and anchoring
/// must agree): tables, footnotes, strikethrough and heading attributes; not
/// smart punctuation (the rendered text keeps the author's characters).
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What one parser event contributes to the rendered text:
/// `Text(t)` and `Code(t)` give `t`; `SoftBreak` and `HardBreak` give `"\n"`;
/// the `End` of a block-level tag (paragraph, heading, item, block quote, code
/// block, HTML block, table, table head, row and cell, list, footnote
/// definition, definition list parts, metadata block) gives `"\n"`;
/// everything else (`Start` tags, inline `End` tags, `Html`, `InlineHtml`,
/// `FootnoteReference`, `Rule`, `TaskListMarker`, math) gives `None`.
///
/// The article renderer walks the same events in the same order and uses this
/// to keep its own rendered-text offset in step with [`RenderedText`], so this
/// function is the single source of truth.
pub fn event_text<'a>(event: &'a Event<'a>) -> Option<&'a str> {
    match event {
        Event::Text(t) | Event::Code(t) => Some(&**t),
        Event::SoftBreak | Event::HardBreak => Some("\n"),
        Event::End(end) => match end {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_) => Some("\n"),
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image => None,
        },
        Event::Start(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::Html(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::Rule
        | Event::TaskListMarker(_) => None,
    }
}

/// One event's share of the rendered text: 20 bytes, offsets in 32 bits like [`Kept`]'s (a
/// 20 MB article has about 800,000 of them, and every article keeps its own for the build).
#[derive(Debug, Clone, Copy)]
pub struct TextSpan {
    rendered: Span,
    source: Span,
    event: u32,
}

impl TextSpan {
    /// Byte range in [`RenderedText::text`].
    pub fn rendered(&self) -> Range<usize> {
        self.rendered.range()
    }

    /// Byte range of the event in the Markdown source, as reported by the parser (for a
    /// block's closing `"\n"`, the whole block). Text event text may differ from these bytes
    /// (entities, escapes), so positions inside a span are approximate.
    pub fn source(&self) -> Range<usize> {
        self.source.range()
    }

    /// Index of the event in `Parser::new_ext(md, markdown_options()).into_offset_iter()`.
    pub fn event(&self) -> usize {
        self.event as usize
    }
}

/// The rendered text of an article and where each piece of it comes from.
#[derive(Debug, Clone)]
pub struct RenderedText {
    /// The concatenation of [`event_text`] over all events.
    pub text: String,
    /// One span per event that contributes non-empty text, in order; their
    /// `rendered` ranges are contiguous and cover `text`.
    pub spans: Vec<TextSpan>,
    /// The end offset (after its closing `"\n"`) of every block: paragraph,
    /// heading, list item, table cell and the like, in order. A `"\n"` not at
    /// one of these offsets is a line break inside a block.
    pub block_ends: Vec<usize>,
}

/// Renders `markdown` to its rendered text (see [`event_text`]), keeping the
/// source range and event index of every piece. For an article, use
/// [`ParsedArticle::parse`], which keeps the events as well.
pub fn rendered_text(markdown: &str) -> RenderedText {
    ParsedArticle::parse(markdown).rendered
}

/// How many articles have been parsed by this process: a build parses each one once (a test
/// holds it to that).
pub fn article_parses() -> usize {
    ARTICLE_PARSES.load(Ordering::Relaxed)
}

static ARTICLE_PARSES: AtomicUsize = AtomicUsize::new(0);

/// A parser event, kept after the parse without borrowing the source: 12 bytes (a 20 MB
/// article has about 1.5 million events, kept for the whole build). A tag that carries data (a
/// link's address, a heading's id, ...) is kept in [`ParsedArticle::tags`].
#[derive(Debug, Clone, Copy)]
enum Kept {
    /// Text: a range of the rendered text.
    Text(Span),
    /// Inline code: a range of the rendered text.
    Code(Span),
    /// Raw HTML (a line of an HTML block): a range of [`ParsedArticle::markup`].
    Html(Span),
    /// Inline raw HTML: a range of the markup.
    InlineHtml(Span),
    /// A footnote reference's label: a range of the markup.
    FootnoteReference(Span),
    /// Inline math: a range of the markup.
    InlineMath(Span),
    /// Display math: a range of the markup.
    DisplayMath(Span),
    /// The start of a tag that carries nothing but its kind (most of them: paragraphs,
    /// emphasis, items, ...).
    Open(PlainTag),
    /// The start of any other tag: its index in [`ParsedArticle::tags`].
    Start(u32),
    /// The end of a tag.
    End(TagEnd),
    /// A soft line break.
    SoftBreak,
    /// A hard line break.
    HardBreak,
    /// A thematic break.
    Rule,
    /// A task list marker.
    TaskListMarker(bool),
}

/// A byte range of the rendered text or the markup, in 32 bits. An article is at most
/// `max_file_size_mb` (4096 at most) of Markdown; an offset past 4 GiB would be clamped, and its
/// text read as empty, never a panic.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn of(range: Range<usize>) -> Span {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            start: at(range.start),
            end: at(range.end),
        }
    }

    fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A tag that carries nothing but its kind, so it is kept in the event itself.
#[derive(Debug, Clone, Copy)]
enum PlainTag {
    Paragraph,
    BlockQuote(Option<BlockQuoteKind>),
    HtmlBlock,
    BulletList,
    Item,
    TableHead,
    TableRow,
    TableCell,
    Emphasis,
    Strong,
    Strikethrough,
    Superscript,
    Subscript,
    DefinitionList,
    DefinitionListTitle,
    DefinitionListDefinition,
    MetadataBlock(MetadataBlockKind),
}

impl PlainTag {
    /// The plain tag `tag` is, if it is one.
    fn of(tag: &Tag) -> Option<PlainTag> {
        Some(match tag {
            Tag::Paragraph => PlainTag::Paragraph,
            Tag::BlockQuote(kind) => PlainTag::BlockQuote(*kind),
            Tag::HtmlBlock => PlainTag::HtmlBlock,
            Tag::List(None) => PlainTag::BulletList,
            Tag::Item => PlainTag::Item,
            Tag::TableHead => PlainTag::TableHead,
            Tag::TableRow => PlainTag::TableRow,
            Tag::TableCell => PlainTag::TableCell,
            Tag::Emphasis => PlainTag::Emphasis,
            Tag::Strong => PlainTag::Strong,
            Tag::Strikethrough => PlainTag::Strikethrough,
            Tag::Superscript => PlainTag::Superscript,
            Tag::Subscript => PlainTag::Subscript,
            Tag::DefinitionList => PlainTag::DefinitionList,
            Tag::DefinitionListTitle => PlainTag::DefinitionListTitle,
            Tag::DefinitionListDefinition => PlainTag::DefinitionListDefinition,
            Tag::MetadataBlock(kind) => PlainTag::MetadataBlock(*kind),
            _ => return None,
        })
    }

    /// The tag again.
    fn tag(self) -> Tag<'static> {
        match self {
            PlainTag::Paragraph => Tag::Paragraph,
            PlainTag::BlockQuote(kind) => Tag::BlockQuote(kind),
            PlainTag::HtmlBlock => Tag::HtmlBlock,
            PlainTag::BulletList => Tag::List(None),
            PlainTag::Item => Tag::Item,
            PlainTag::TableHead => Tag::TableHead,
            PlainTag::TableRow => Tag::TableRow,
            PlainTag::TableCell => Tag::TableCell,
            PlainTag::Emphasis => Tag::Emphasis,
            PlainTag::Strong => Tag::Strong,
            PlainTag::Strikethrough => Tag::Strikethrough,
            PlainTag::Superscript => Tag::Superscript,
            PlainTag::Subscript => Tag::Subscript,
            PlainTag::DefinitionList => Tag::DefinitionList,
            PlainTag::DefinitionListTitle => Tag::DefinitionListTitle,
            PlainTag::DefinitionListDefinition => Tag::DefinitionListDefinition,
            PlainTag::MetadataBlock(kind) => Tag::MetadataBlock(kind),
        }
    }
}

/// A kept tag lent out: a link's or an image's strings borrowed rather than copied, since
/// every later stage walks the events again.
fn lend<'a>(tag: &'a Tag<'static>) -> Tag<'a> {
    let borrow = |s: &'a CowStr<'static>| CowStr::Borrowed(s);
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type: *link_type,
            dest_url: borrow(dest_url),
            title: borrow(title),
            id: borrow(id),
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type: *link_type,
            dest_url: borrow(dest_url),
            title: borrow(title),
            id: borrow(id),
        },
        other => other.clone(),
    }
}

/// The size of the pieces a long article is parsed in (see [`pieces`]).
const PIECE: usize = 256 * 1024;

/// Where `markdown` can be parsed in pieces of about `piece` bytes that give, one after the
/// other, exactly the events of parsing it whole: pulldown-cmark builds a tree of the whole
/// text before it hands out the first event, about six times the text's size (126 MB for a
/// 20 MB article), while a piece's tree is freed before the next piece is parsed.
///
/// The events, the rendered text and the text events' source ranges are the same; the source
/// range of a block that closes at a cut (given with its closing `"\n"`) may end before the
/// blank lines there where the whole parse ends it after them, or the reverse, which no stage
/// reads (a position in a closing `"\n"` is taken at its range's start).
///
/// A piece ends at blank lines that are followed by a line starting with a letter: such a
/// line begins a paragraph outside every container (a list item goes on only with an indented
/// line, a block quote only with `>`, indented code ends), and nothing before it continues
/// past it, given what the text must not hold for the split to be safe at all: link reference
/// or footnote definitions (`]:`, which apply to the whole text), code fences (``` and ~~~,
/// whose content may hold blank lines and lines starting with a letter), and the HTML blocks
/// that run over blank lines (`<script`, `<pre`, `<style`, `<textarea`, `<!…`, `<?…`). A text
/// that holds any of these, or is shorter than `piece`, is one piece.
fn pieces(markdown: &str, piece: usize) -> Vec<Range<usize>> {
    let whole: Vec<Range<usize>> = std::iter::once(0..markdown.len()).collect();
    if markdown.len() <= piece || markdown.contains("]:") || markdown.contains("```") || markdown.contains("~~~") {
        return whole;
    }
    let bytes = markdown.as_bytes();
    let long_html = ["script", "pre", "style", "textarea"];
    for (at, _) in markdown.match_indices('<') {
        let rest = &bytes[at + 1..];
        if rest.first().is_some_and(|b| *b == b'!' || *b == b'?')
            || long_html
                .iter()
                .any(|tag| rest.len() >= tag.len() && rest[..tag.len()].eq_ignore_ascii_case(tag.as_bytes()))
        {
            return whole;
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    // Where the blank lines just before this line begin (the cut: a block's source range
    // then ends where it ends when the text is parsed whole, not after the blank lines).
    let mut blanks_from = None;
    let mut at = 0;
    for line in markdown.split_inclusive('\n') {
        if let Some(cut) = blanks_from.filter(|cut| cut - start >= piece && *cut > start)
            && line.chars().next().is_some_and(char::is_alphabetic)
        {
            out.push(start..cut);
            start = cut;
        }
        if line.trim().is_empty() {
            blanks_from = blanks_from.or(Some(at));
        } else {
            blanks_from = None;
        }
        at += line.len();
    }
    out.push(start..markdown.len());
    out
}

/// An article's body, parsed once: its rendered text and every parser event, in order, as
/// `Parser::new_ext(body, markdown_options())` gives them. An event's source range is kept
/// only for the events that make rendered text (in [`RenderedText::spans`]); no stage needs
/// the others.
#[derive(Debug, Clone)]
pub struct ParsedArticle {
    /// The rendered text.
    pub rendered: RenderedText,
    /// The events.
    events: Vec<Kept>,
    /// The tags of `Kept::Start` events, in order.
    tags: Vec<Tag<'static>>,
    /// The text of events that are not part of the rendered text (raw HTML and the like).
    markup: String,
}

impl ParsedArticle {
    /// Parses `markdown` (an article body).
    pub fn parse(markdown: &str) -> ParsedArticle {
        ParsedArticle::parse_in_pieces(markdown, PIECE)
    }

    /// Parses `markdown`, in pieces of about `piece` bytes where [`pieces`] finds it safe.
    fn parse_in_pieces(markdown: &str, piece: usize) -> ParsedArticle {
        ARTICLE_PARSES.fetch_add(1, Ordering::Relaxed);
        let mut text = String::with_capacity(markdown.len());
        // Room for what prose usually makes (an event per 4 bytes or more, a text span per 8),
        // reserved once: grown by doubling instead, a large article's vectors were copied at
        // each doubling and the copies stayed with the allocator (the 20 MB article's `check`
        // peaked at 189–193 MiB that way, 171–186 MiB this way). Pages never written are not
        // resident, and `shrink_to_fit` below gives back the rest.
        const ROOM: usize = 1 << 24;
        let mut spans = Vec::with_capacity((markdown.len() / 8).min(ROOM));
        let mut block_ends = Vec::new();
        let mut events = Vec::with_capacity((markdown.len() / 4).min(ROOM));
        let mut tags = Vec::new();
        let mut markup = String::new();
        let keep = |markup: &mut String, s: &str| {
            let start = markup.len();
            markup.push_str(s);
            Span::of(start..markup.len())
        };
        let all = pieces(markdown, piece).into_iter().flat_map(|at| {
            Parser::new_ext(&markdown[at.clone()], markdown_options())
                .into_offset_iter()
                .map(move |(event, source)| (event, source.start + at.start..source.end + at.start))
        });
        for (index, (event, source)) in all.enumerate() {
            let start = text.len();
            if let Some(piece) = event_text(&event) {
                text.push_str(piece);
                if !piece.is_empty() {
                    spans.push(TextSpan {
                        rendered: Span::of(start..text.len()),
                        source: Span::of(source.clone()),
                        event: u32::try_from(index).unwrap_or(u32::MAX),
                    });
                    if matches!(event, Event::End(_)) && block_ends.last() != Some(&text.len()) {
                        block_ends.push(text.len());
                    }
                }
            }
            let kept = match event {
                Event::Text(_) => Kept::Text(Span::of(start..text.len())),
                Event::Code(_) => Kept::Code(Span::of(start..text.len())),
                Event::Html(s) => Kept::Html(keep(&mut markup, &s)),
                Event::InlineHtml(s) => Kept::InlineHtml(keep(&mut markup, &s)),
                Event::FootnoteReference(s) => Kept::FootnoteReference(keep(&mut markup, &s)),
                Event::InlineMath(s) => Kept::InlineMath(keep(&mut markup, &s)),
                Event::DisplayMath(s) => Kept::DisplayMath(keep(&mut markup, &s)),
                Event::Start(tag) => match PlainTag::of(&tag) {
                    Some(plain) => Kept::Open(plain),
                    None => {
                        tags.push(tag.into_static());
                        Kept::Start(u32::try_from(tags.len() - 1).unwrap_or(u32::MAX))
                    }
                },
                Event::End(end) => Kept::End(end),
                Event::SoftBreak => Kept::SoftBreak,
                Event::HardBreak => Kept::HardBreak,
                Event::Rule => Kept::Rule,
                Event::TaskListMarker(done) => Kept::TaskListMarker(done),
            };
            events.push(kept);
        }
        // The vectors grew by doubling; an article is kept for the whole build.
        text.shrink_to_fit();
        spans.shrink_to_fit();
        events.shrink_to_fit();
        tags.shrink_to_fit();
        ParsedArticle {
            rendered: RenderedText {
                text,
                spans,
                block_ends,
            },
            events,
            tags,
            markup,
        }
    }

    /// The events again, as the parser gave them.
    pub fn events(&self) -> impl Iterator<Item = Event<'_>> {
        let text = |r: &Span| CowStr::Borrowed(self.rendered.text.get(r.range()).unwrap_or(""));
        let markup = |r: &Span| CowStr::Borrowed(self.markup.get(r.range()).unwrap_or(""));
        self.events.iter().map(move |kept| match kept {
            Kept::Text(r) => Event::Text(text(r)),
            Kept::Code(r) => Event::Code(text(r)),
            Kept::Html(r) => Event::Html(markup(r)),
            Kept::InlineHtml(r) => Event::InlineHtml(markup(r)),
            Kept::FootnoteReference(r) => Event::FootnoteReference(markup(r)),
            Kept::InlineMath(r) => Event::InlineMath(markup(r)),
            Kept::DisplayMath(r) => Event::DisplayMath(markup(r)),
            Kept::Open(plain) => Event::Start(plain.tag()),
            Kept::Start(n) => match self.tags.get(*n as usize) {
                Some(tag) => Event::Start(lend(tag)),
                // Only past 4 billion tags, which no article of at most 4 GiB has.
                None => Event::Start(Tag::Paragraph),
            },
            Kept::End(end) => Event::End(*end),
            Kept::SoftBreak => Event::SoftBreak,
            Kept::HardBreak => Event::HardBreak,
            Kept::Rule => Event::Rule,
            Kept::TaskListMarker(done) => Event::TaskListMarker(*done),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_event_is_small() {
        assert!(std::mem::size_of::<Kept>() <= 12, "{}", std::mem::size_of::<Kept>());
    }

    #[test]
    fn kept_events_are_the_parsers_events() {
        let md = "# Title {#t}\n\nSome **bold** [link](http://x \"t\") `code` <span>html</span>[^1].\n\n\
                  <div>\nblock\n</div>\n\n- [x] done\n\n---\n\n| a | b |\n|---|---|\n| c | d |\n\n[^1]: note\n";
        let parsed = ParsedArticle::parse(md);
        let again: Vec<Event> = Parser::new_ext(md, markdown_options()).collect();
        let kept: Vec<Event> = parsed.events().collect();
        assert_eq!(kept, again);
    }

    proptest::proptest! {
        #[test]
        fn kept_events_equal_the_parsers_on_any_input(md in "([a-z *_`#>\\-\\[\\]()!<>/|:\n\"'&;]|\\\\|[0-9]\\.|\\[\\^[a-z]\\]){0,80}") {
            let parsed = ParsedArticle::parse(&md);
            let again: Vec<Event> = Parser::new_ext(&md, markdown_options()).collect();
            let kept: Vec<Event> = parsed.events().collect();
            proptest::prop_assert_eq!(kept, again);
        }
    }

    /// A line of an article for the piecewise parse's test: every kind of block that a blank
    /// line and a line starting with a letter could split.
    fn any_line() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::prop_oneof![
            proptest::strategy::Just(String::new()),
            proptest::strategy::Just("   ".to_string()),
            "[A-Za-zé][a-z *_`]{0,12}",
            "(- |\\* |1\\. |2\\) |> |>> |    |  |- > |> - )[a-z *_]{0,10}",
            "(# |## )[a-z]{1,8}",
            "\\| [a-z]{1,3} \\| [a-z]{1,3} \\|",
            proptest::strategy::Just("|---|---|".to_string()),
            proptest::strategy::Just("===".to_string()),
            proptest::strategy::Just("---".to_string()),
            "<(div|span|p)>[a-z]{0,4}",
            "[a-z]{1,4}\\*\\*[a-z]{1,4}",
        ]
    }

    proptest::proptest! {
        #[test]
        fn a_text_parsed_in_pieces_gives_what_it_gives_parsed_whole(
            lines in proptest::collection::vec(any_line(), 0..60),
            piece in 1usize..40,
        ) {
            let md = lines.join("\n");
            let whole = ParsedArticle::parse_in_pieces(&md, usize::MAX);
            let pieces = ParsedArticle::parse_in_pieces(&md, piece);
            proptest::prop_assert_eq!(pieces.events().collect::<Vec<_>>(), whole.events().collect::<Vec<_>>());
            proptest::prop_assert_eq!(&pieces.rendered.text, &whole.rendered.text);
            // Every span alike, but where a block closes at a cut: its source range (the whole
            // block's) may end before or after the blank lines there, which nothing reads (a
            // position in a block's closing "\n" is its range's start).
            let key = |s: &TextSpan, whole: &ParsedArticle| {
                let closes = whole.events().nth(s.event()).is_some_and(|e| matches!(e, Event::End(_)));
                (s.rendered(), s.event(), s.source().start, (!closes).then_some(s.source().end))
            };
            proptest::prop_assert_eq!(
                pieces.rendered.spans.iter().map(|s| key(s, &whole)).collect::<Vec<_>>(),
                whole.rendered.spans.iter().map(|s| key(s, &whole)).collect::<Vec<_>>()
            );
            proptest::prop_assert_eq!(&pieces.rendered.block_ends, &whole.rendered.block_ends);
        }
    }

    #[test]
    fn a_long_text_is_parsed_in_pieces_only_where_it_is_safe() {
        let para = "Words of a paragraph.\n\n";
        let md = para.repeat(10);
        let cuts = pieces(&md, 50);
        assert!(cuts.len() > 2, "{cuts:?}");
        assert_eq!(cuts.first().map(|r| r.start), Some(0));
        assert_eq!(cuts.last().map(|r| r.end), Some(md.len()));
        assert!(cuts.windows(2).all(|w| w[0].end == w[1].start));
        for unsafe_text in [
            "[a]: /u\n\n",
            "```\n\n",
            "~~~\n",
            "<!-- x\n\n",
            "<PRE>\n\n",
            "<Script>",
            "<?php\n",
        ] {
            let md = format!("{}{unsafe_text}{}", para.repeat(5), para.repeat(5));
            assert_eq!(
                pieces(&md, 50).as_slice(),
                std::slice::from_ref(&(0..md.len())),
                "{unsafe_text:?}"
            );
        }
        assert_eq!(
            pieces(&md, md.len()).as_slice(),
            std::slice::from_ref(&(0..md.len())),
            "short enough"
        );
    }

    #[test]
    fn rendered_text_excludes_markdown_syntax_urls_and_html() {
        let md = "# Title {#anchor}\n\nSome **bold** and _it_ with [a link](http://example.com/path \"t\") \
                  and <span class=\"c\">inline html</span>.\n\n<div class=\"box\">\n\n> quoted\n\n- item\n\n\
                  | a | b |\n|---|---|\n| c | d |\n\n![alt text](img.png)\n\n---\n";
        let text = rendered_text(md).text;
        let folded = crate::text::fold::fold(&text).text;
        assert_eq!(
            folded.trim(),
            "Title Some bold and it with a link and inline html. quoted item a b c d alt text"
        );
        for syntax in [
            "#",
            "**",
            "_it_",
            "http",
            "example.com",
            "<span",
            "</span>",
            "class",
            "<div",
            ">",
            "|",
            "---",
            "{#",
            "png",
            "![",
        ] {
            assert!(!text.contains(syntax), "{syntax:?} in {text:?}");
        }
    }

    #[test]
    fn event_text_contract() {
        assert_eq!(event_text(&Event::Text("abc".into())), Some("abc"));
        assert_eq!(event_text(&Event::Code("x()".into())), Some("x()"));
        assert_eq!(event_text(&Event::SoftBreak), Some("\n"));
        assert_eq!(event_text(&Event::HardBreak), Some("\n"));
        for end in [
            TagEnd::Paragraph,
            TagEnd::Heading(pulldown_cmark::HeadingLevel::H2),
            TagEnd::Item,
            TagEnd::BlockQuote(None),
            TagEnd::CodeBlock,
            TagEnd::TableCell,
            TagEnd::TableRow,
            TagEnd::TableHead,
            TagEnd::List(false),
        ] {
            assert_eq!(event_text(&Event::End(end)), Some("\n"), "{end:?}");
        }
        for end in [
            TagEnd::Emphasis,
            TagEnd::Strong,
            TagEnd::Link,
            TagEnd::Strikethrough,
            TagEnd::Image,
        ] {
            assert_eq!(event_text(&Event::End(end)), None, "{end:?}");
        }
        assert_eq!(event_text(&Event::Start(pulldown_cmark::Tag::Paragraph)), None);
        assert_eq!(event_text(&Event::Html("<div>".into())), None);
        assert_eq!(event_text(&Event::InlineHtml("<b>".into())), None);
        assert_eq!(event_text(&Event::FootnoteReference("1".into())), None);
        assert_eq!(event_text(&Event::Rule), None);
        assert_eq!(event_text(&Event::TaskListMarker(true)), None);
    }

    #[test]
    fn spans_follow_the_parser_events() {
        let md = "# Head\n\nPara *em* [l](u) `c`\nsoft  \nhard\n\n- a\n- b\n\n```\ncode\n```\n";
        let rendered = rendered_text(md);
        let mut offset = 0;
        let mut spans = rendered.spans.iter();
        for (i, (event, source)) in Parser::new_ext(md, markdown_options()).into_offset_iter().enumerate() {
            if let Some(t) = event_text(&event).filter(|t| !t.is_empty()) {
                let span = spans.next().expect("a span per text event");
                assert_eq!(span.event(), i);
                assert_eq!(span.rendered(), offset..offset + t.len());
                assert_eq!(span.source(), source);
                assert_eq!(&rendered.text[span.rendered()], t);
                offset += t.len();
            }
        }
        assert!(spans.next().is_none());
        assert_eq!(offset, rendered.text.len());
    }
}
