//! Diagnostics: problems in the user's content, collected and rendered.
//!
//! A pass never stops at the first problem: it pushes `Diagnostic`s into a `Diagnostics` list and
//! carries on, so one run of `dossier check` reports everything. Each diagnostic points at a
//! `Source` and a byte span; rendering (through annotate-snippets, the same renderer Tera and
//! serde-saphyr use) shows `path:line:column`, the offending line with a caret, what was
//! expected, and a did-you-mean. Failures of the environment (an unreadable folder, a refused
//! output folder) are not diagnostics but `PathError`s (a `load::LoadError` or a
//! `write::WriteError`, which stop the run as a `Failure`), because they are not the user's
//! content.
//!
//! `diag/format.rs` writes them for machines: JSON lines shaped like cargo's, and GitHub Actions
//! annotations (`--message-format json|github`).
//!
//! Everything printed comes from the user's files, file names included, so it is printed through
//! `printable`: a control character (ESC, a newline in a file name, ...) is shown as an escape
//! such as `\u{1b}` (in a snippet of a file, as one visible character such as `␛`, so columns
//! stay right), never sent to the terminal, where it could hide the rest of the output or fake
//! a line of its own.

mod format;

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};
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
                format!("{}:{line}:{col}", printable(&source.path))
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
        let message = printable(&self.message);
        let label = printable(&self.label);
        let path = self.location.as_ref().map(|(source, _)| printable(&source.path));
        let title = level.primary_title(message.as_ref()).id(self.code);
        let snippet: Cow<str>;
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
                let span;
                (snippet, span) = printable_snippet(text, start..end);
                report.push(
                    title.element(
                        Snippet::source(snippet.as_ref())
                            .line_start(first)
                            .path(path.as_deref().unwrap_or(""))
                            .annotation(AnnotationKind::Primary.span(span).label(label.as_ref())),
                    ),
                );
            }
            None => report.push(Group::with_title(title)),
        }
        let helps: Vec<Cow<str>> = self.help.iter().map(|h| printable_lines(h)).collect();
        for help in &helps {
            report.push(Group::with_title(Level::HELP.secondary_title(help.as_ref())));
        }
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        renderer.render(&report).to_string()
    }
}

/// Whether a character must not reach a terminal as it is: C0 controls, DEL, C1 controls (one of
/// them, U+009B, starts an escape sequence like ESC [ does) and the bidirectional overrides,
/// which reorder what follows them.
fn unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// Text from the user's files made safe to print on one line: every control character, line
/// breaks included, written as an escape (`\n`, `\u{1b}`).
pub fn printable(text: &str) -> Cow<'_, str> {
    escape_where(text, unprintable)
}

/// Like `printable`, but keeping line breaks (and tabs): for help text of several lines.
fn printable_lines(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| unprintable(c) && c != '\n' && c != '\t')
}

/// `text` with every character for which `bad` holds written as an escape.
fn escape_where(text: &str, bad: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The lines of a snippet made printable: line breaks and tabs kept, and every other control
/// character replaced by one visible character (its Unicode "control picture", such as `␛` for
/// ESC, or `�`), so that line numbers and the column the header gives stay right. The span is
/// moved to the same characters in the new text.
fn printable_snippet(text: &str, span: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    let bad = |c: char| unprintable(c) && c != '\n' && c != '\t';
    if !text.chars().any(bad) {
        return (Cow::Borrowed(text), span);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let (mut start, mut end) = (None, None);
    for (i, c) in text.char_indices() {
        if i == span.start {
            start = Some(out.len());
        }
        if i == span.end {
            end = Some(out.len());
        }
        out.push(match c {
            c if !bad(c) => c,
            '\u{7f}' => '\u{2421}',
            c if c < ' ' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            _ => '\u{fffd}',
        });
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (Cow::Owned(out), start..end)
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

/// A failure of the environment rather than of the content: a path, and what happened to it
/// (an unreadable dossier folder, an output folder refused or not writable). It stops the run;
/// `load::LoadError` and `write::WriteError` are this type, and `Failure` (src/lib.rs) says
/// which stage it came from.
#[derive(Debug, Clone)]
pub struct PathError {
    /// The path concerned.
    pub path: PathBuf,
    /// What happened, for the user: the end of a sentence that starts with the path.
    pub message: String,
}

impl PathError {
    /// A failure at `path`.
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        PathError {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
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

/// A count as people write it: `19,999`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
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
    fn control_characters_never_reach_the_terminal() {
        // A file name that hides the rest of the output (ESC [8m) and fakes a line of its own.
        let src = Source::new(
            "content/actors/a\u{1b}[8m\nok: 0 errors\u{9b}2J.yaml",
            "name: x\nkind: \u{202e}\u{7}person\n",
        );
        let at = src.text.find("person").unwrap();
        let d = Diagnostic::error("unknown-value", &src, at..at + 6, "unknown kind `\u{1b}[31mperson`")
            .label("expected \u{1b}]0;title\u{7}")
            .help("first line\nsecond line \u{1b}[1A");
        let text = d.render(false);
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        assert!(!text.contains('\u{202e}'), "{text:?}");
        assert!(
            text.contains(" --> content/actors/a\\u{1b}[8m\\nok: 0 errors\\u{9b}2J.yaml:2:9"),
            "{text}"
        );
        // In the snippet each control character is one visible character, so the column in the
        // header stays right and the caret still points at `person`.
        assert!(text.contains("2 | kind: �␇person"), "{text}");
        assert!(
            text.contains("  |         ^^^^^^ expected \\u{1b}]0;title\\u{7}"),
            "{text}"
        );
        assert!(
            text.contains("error[unknown-value]: unknown kind `\\u{1b}[31mperson`"),
            "{text}"
        );
        // A help line may have several lines (ours do); each is indented under `help:`.
        assert!(
            text.contains("help: first line\n      second line \\u{1b}[1A"),
            "{text}"
        );
        assert_eq!(
            d.position(),
            "content/actors/a\\u{1b}[8m\\nok: 0 errors\\u{9b}2J.yaml:2:9"
        );
        // Global diagnostics carry the path in their message.
        let g = Diagnostic::global(Severity::Warning, "unknown-file", "content/x\ny\u{1b}.txt: ignored");
        assert!(g.render(false).contains("content/x\\ny\\u{1b}.txt: ignored"));
    }

    #[test]
    fn did_you_mean_finds_typos_and_ignores_strangers() {
        let known = ["actors", "speaker", "stance"];
        assert_eq!(did_you_mean("acters", known), Some("actors".into()));
        assert_eq!(did_you_mean("stnace", known), Some("stance".into()));
        assert_eq!(did_you_mean("zzz", known), None);
    }
}
