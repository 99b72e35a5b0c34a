//! TEMPORARY stub of quote anchoring, replaced by the full module.
use pulldown_cmark::{Event, Parser, TagEnd};
use std::ops::Range;

pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}
pub fn event_text<'a>(event: &'a Event<'a>) -> Option<&'a str> {
    match event {
        Event::Text(t) | Event::Code(t) => Some(t),
        Event::SoftBreak | Event::HardBreak => Some("\n"),
        Event::End(t)
            if !matches!(
                t,
                TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Image
                    | TagEnd::Superscript
                    | TagEnd::Subscript
            ) =>
        {
            Some("\n")
        }
        _ => None,
    }
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSpan {
    pub rendered: Range<usize>,
    pub source: Range<usize>,
    pub event: usize,
}
#[derive(Debug, Clone)]
pub struct RenderedText {
    pub text: String,
    pub spans: Vec<TextSpan>,
}
pub fn rendered_text(markdown: &str) -> RenderedText {
    let mut text = String::new();
    let mut spans = Vec::new();
    for (i, (ev, src)) in Parser::new_ext(markdown, markdown_options())
        .into_offset_iter()
        .enumerate()
    {
        if let Some(t) = event_text(&ev) {
            let s = text.len();
            text.push_str(t);
            spans.push(TextSpan {
                rendered: s..text.len(),
                source: src,
                event: i,
            });
        }
    }
    RenderedText { text, spans }
}
pub struct Selector<'a> {
    pub quote: &'a str,
    pub prefix: Option<&'a str>,
    pub suffix: Option<&'a str>,
    pub occurrence: Option<usize>,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub text: String,
    pub line: usize,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub line: usize,
    pub context: String,
    pub shortest_prefix: Option<String>,
    pub occurrence: usize,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorError {
    EmptyQuote,
    NotFound { closest: Option<Passage> },
    Ambiguous { candidates: Vec<Candidate> },
    NoneMatchSelector { matches: Vec<Candidate> },
    StillAmbiguous { candidates: Vec<Candidate> },
    OccurrenceOutOfRange { occurrence: usize, matches: usize },
}
pub struct ArticleText {
    r: RenderedText,
    lines: Vec<usize>,
}
impl ArticleText {
    pub fn new(markdown: &str) -> Self {
        let mut lines = vec![0];
        lines.extend(markdown.match_indices('\n').map(|(i, _)| i + 1));
        ArticleText {
            r: rendered_text(markdown),
            lines,
        }
    }
    pub fn rendered(&self) -> &RenderedText {
        &self.r
    }
    pub fn anchor(&self, s: &Selector) -> Result<Range<usize>, AnchorError> {
        let q = s.quote.trim();
        if q.is_empty() {
            return Err(AnchorError::EmptyQuote);
        }
        let all: Vec<usize> = self.r.text.match_indices(q).map(|(i, _)| i).collect();
        match all.len() {
            0 => Err(AnchorError::NotFound { closest: None }),
            1 => Ok(all[0]..all[0] + q.len()),
            _ => match s.occurrence {
                Some(n) if n <= all.len() && n > 0 => Ok(all[n - 1]..all[n - 1] + q.len()),
                _ => Err(AnchorError::Ambiguous { candidates: vec![] }),
            },
        }
    }
    pub fn source_line(&self, off: usize) -> usize {
        let src = self
            .r
            .spans
            .iter()
            .find(|s| s.rendered.contains(&off))
            .map_or(0, |s| s.source.start);
        self.lines.partition_point(|&l| l <= src)
    }
}
