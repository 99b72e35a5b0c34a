//! Markdown as dossier reads it: the one set of parser options, and an article's *rendered
//! text*, what a reader sees with the Markdown syntax removed.
//!
//! Anchoring searches the rendered text, the article renderer highlights in it, the index finds
//! actor names in it and search indexes it; they agree because they all use [`event_text`], the
//! single rule for how far each parser event moves the rendered-text offset.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, TagEnd};

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

/// One event's share of the rendered text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSpan {
    /// Byte range in [`RenderedText::text`].
    pub rendered: Range<usize>,
    /// Byte range of the event in the Markdown source, as reported by the
    /// parser (for a block's closing `"\n"`, the whole block). Text event
    /// text may differ from these bytes (entities, escapes), so positions
    /// inside a span are approximate.
    pub source: Range<usize>,
    /// Index of the event in
    /// `Parser::new_ext(md, markdown_options()).into_offset_iter()`.
    pub event: usize,
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
/// source range and event index of every piece.
pub fn rendered_text(markdown: &str) -> RenderedText {
    let mut text = String::with_capacity(markdown.len());
    let mut spans = Vec::new();
    let mut block_ends = Vec::new();
    let events = Parser::new_ext(markdown, markdown_options()).into_offset_iter();
    for (index, (event, source)) in events.enumerate() {
        if let Some(piece) = event_text(&event)
            && !piece.is_empty()
        {
            let start = text.len();
            text.push_str(piece);
            spans.push(TextSpan {
                rendered: start..text.len(),
                source,
                event: index,
            });
            if matches!(event, Event::End(_)) && block_ends.last() != Some(&text.len()) {
                block_ends.push(text.len());
            }
        }
    }
    RenderedText {
        text,
        spans,
        block_ends,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                assert_eq!(span.event, i);
                assert_eq!(span.rendered, offset..offset + t.len());
                assert_eq!(span.source, source);
                assert_eq!(&rendered.text[span.rendered.clone()], t);
                offset += t.len();
            }
        }
        assert!(spans.next().is_none());
        assert_eq!(offset, rendered.text.len());
    }
}
