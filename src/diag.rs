//! Diagnostics: problems in the user's content, collected and rendered.
//!
//! A pass never stops at the first problem: it pushes `Diagnostic`s into a `Diagnostics` list and
//! carries on, so one run of `dossier check` reports everything. Each diagnostic points at a
//! `Source` and a byte span; rendering (through annotate-snippets, the same renderer Tera and
//! serde-saphyr use) shows `path:line:column`, the offending line with a caret, what was
//! expected, and a did-you-mean. Failures of the environment (an unreadable folder) are not
//! diagnostics but `BuildError`s, because they are not the user's content.

use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::source::Source;

/// How bad a problem is. Warnings never fail a build unless `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The dossier is invalid; nothing is written.
    Error,
    /// Worth fixing; fails only under `--strict`.
    Warning,
    /// Worth knowing; never fails, not even under `--strict` (a choice the dossier may make on
    /// purpose, such as publishing without `base_url`).
    Note,
}

/// One problem in the user's content.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable short name (`unknown-field`, `unknown-id`, ...), documented in docs/format.md.
    pub code: &'static str,
    /// The file and span the problem is in, when it has one.
    pub location: Option<(Arc<Source>, Range<usize>)>,
    /// The headline: what is wrong.
    pub message: String,
    /// The label under the caret: what was expected.
    pub label: String,
    /// Extra lines: a did-you-mean, the closest passage, the candidates.
    pub help: Vec<String>,
}

impl Diagnostic {
    /// A new error at a span of a source.
    pub fn error(code: &'static str, source: &Arc<Source>, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            location: Some((source.clone(), span)),
            message: message.into(),
            label: String::new(),
            help: Vec::new(),
        }
    }

    /// A new warning at a span of a source.
    pub fn warning(code: &'static str, source: &Arc<Source>, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, source, span, message)
        }
    }

    /// A new note at a span of a source: worth knowing, never a failure.
    pub fn note(code: &'static str, source: &Arc<Source>, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(code, source, span, message)
        }
    }

    /// A problem that belongs to no file (a missing folder, say).
    pub fn global(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            location: None,
            message: message.into(),
            label: String::new(),
            help: Vec::new(),
        }
    }

    /// Set the label shown under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Add a help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// Add a did-you-mean line when a close candidate exists.
    pub fn suggest(self, suggestion: Option<String>) -> Self {
        match suggestion {
            Some(s) => self.help(format!("did you mean `{s}`?")),
            None => self,
        }
    }

    /// `path:line:column`, or an empty string for a global problem.
    pub fn position(&self) -> String {
        match &self.location {
            Some((source, span)) => {
                let (line, col) = source.line_col(span.start);
                format!("{}:{line}:{col}", source.path)
            }
            None => String::new(),
        }
    }

    /// Render rustc-style: headline, `--> path:line:col`, the line with a caret, help lines.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let title = level.primary_title(self.message.as_str()).id(self.code);
        let mut report: Vec<Group> = Vec::new();
        match &self.location {
            Some((source, span)) => {
                let (line, _) = source.line_col(span.start);
                // Show only the lines the span covers (plus the snippet's own context), so a
                // diagnostic in a 20 MB article does not hand the whole file to the renderer.
                let first = line.saturating_sub(1).max(1);
                let (last_line, _) = source.line_col(span.end.max(span.start));
                let last = (last_line + 1).min(source.line_count());
                let window = source.line_range(first).start..source.line_range(last).end;
                let window = window.start..window.end.max(window.start);
                let text = &source.text[window.clone()];
                // Spans come from several parsers; snap them to character boundaries here, once,
                // because the renderer slices the text with them.
                let start = floor_char(text, span.start.clamp(window.start, window.end) - window.start);
                let end = ceil_char(text, span.end.clamp(window.start, window.end) - window.start);
                let end = if end <= start { next_char(text, start) } else { end };
                report.push(
                    title.element(
                        Snippet::source(text)
                            .line_start(first)
                            .path(source.path.as_str())
                            .annotation(AnnotationKind::Primary.span(start..end).label(self.label.as_str())),
                    ),
                );
            }
            None => report.push(Group::with_title(title)),
        }
        for help in &self.help {
            report.push(Group::with_title(Level::HELP.secondary_title(help.as_str())));
        }
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        renderer.render(&report).to_string()
    }
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

/// The diagnostics of a run, in the order they were found; sorted before printing.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    /// Everything found so far.
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Add one.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Add many.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// Whether the run fails: any error, or any warning under `--strict`.
    pub fn fails(&self, strict: bool) -> bool {
        self.error_count() > 0 || (strict && self.warning_count() > 0)
    }

    /// Sort by file, then position, then message, so output does not depend on the order in
    /// which parallel passes finished.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.location.as_ref().map(|(s, r)| (s.path.clone(), r.start)),
                    d.severity,
                    d.message.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
    }

    /// Render every diagnostic and a closing summary line.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&d.render(color));
            out.push_str("\n\n");
        }
        out
    }
}

/// The closest known name to `wanted`, if it is close enough to be a plausible typo.
pub fn did_you_mean<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for k in known {
        let score = strsim::normalized_damerau_levenshtein(wanted, k);
        let contains = !wanted.is_empty() && (k.contains(wanted) || wanted.contains(k));
        let score = if contains { score.max(0.75) } else { score };
        if score >= 0.6 && best.is_none_or(|(b, bk)| score > b || (score == b && k < bk)) {
            best = Some((score, k));
        }
    }
    best.map(|(_, k)| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_column_caret_and_help() {
        let src = Source::new(
            "content/articles/a.yaml",
            "excerpts:\n  - quote: x\n    acters: [india]\n",
        );
        let at = src.text.find("acters").unwrap();
        let d = Diagnostic::error("unknown-field", &src, at..at + 6, "unknown field `acters`")
            .label("expected one of `actors`, `speaker`")
            .suggest(Some("actors".into()));
        let text = d.render(false);
        assert!(text.contains("error[unknown-field]: unknown field `acters`"), "{text}");
        assert!(text.contains("--> content/articles/a.yaml:3:5"), "{text}");
        assert!(text.contains("3 |     acters: [india]"), "{text}");
        assert!(text.contains("^^^^^^ expected one of"), "{text}");
        assert!(text.contains("help: did you mean `actors`?"), "{text}");
        assert_eq!(d.position(), "content/articles/a.yaml:3:5");
    }

    #[test]
    fn spans_inside_a_character_are_snapped_not_trusted() {
        let src = Source::new("a.yaml", ": 🠀\n");
        for span in [2..3, 3..4, 4..5, 2..6, 6..6] {
            let d = Diagnostic::error("x", &src, span, "m");
            assert!(d.render(false).contains("a.yaml:1:"));
        }
    }

    #[test]
    fn did_you_mean_finds_typos_and_ignores_strangers() {
        let known = ["actors", "speaker", "stance"];
        assert_eq!(did_you_mean("acters", known), Some("actors".into()));
        assert_eq!(did_you_mean("stnace", known), Some("stance".into()));
        assert_eq!(did_you_mean("zzz", known), None);
    }
}
