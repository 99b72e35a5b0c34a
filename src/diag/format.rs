//! Diagnostics for machines: `--message-format json` (one JSON object a line, shaped like
//! cargo's: `level`, `code`, `message`, `spans` with `file`, `line`, `column`, `line_end`,
//! `column_end`, `label`, then `help` and the human `rendered` text) and `--message-format
//! github` (GitHub Actions workflow commands, `::error file=…,line=…::message`, which the Actions
//! runner shows as annotations on the pull request's files).
//!
//! Paths are the file's path in the dossier joined to `base`, the dossier folder as given on
//! the command line, so that a tool running in the current folder (or a CI job at the root of
//! the repository) finds the file.

use serde_json::json;

use super::{Diagnostic, Severity};

impl Severity {
    /// `error`, `warning` or `note`, as the JSON says it.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// `path` inside the dossier joined to `base` (`.` and an empty base add nothing).
fn joined(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    if base.is_empty() || base == "." {
        path.to_string()
    } else {
        format!("{base}/{path}")
    }
}

impl Diagnostic {
    /// The diagnostic as one line of JSON (no line break at the end).
    pub fn to_json(&self, base: &str) -> String {
        let spans: Vec<serde_json::Value> = match &self.location {
            Some((source, span)) => {
                let (line, column) = source.line_col(span.start);
                let (line_end, column_end) = source.line_col(span.end.max(span.start));
                vec![json!({
                    "file": joined(base, &source.path),
                    "line": line,
                    "column": column,
                    "line_end": line_end,
                    "column_end": column_end,
                    "byte_start": span.start,
                    "byte_end": span.end.max(span.start),
                    "label": self.label,
                })]
            }
            None => Vec::new(),
        };
        json!({
            "level": self.severity.name(),
            "code": self.code,
            "message": self.message,
            "spans": spans,
            "help": self.help,
            "rendered": self.render(false),
        })
        .to_string()
    }

    /// The diagnostic as a GitHub Actions workflow command (one line, no line break at the end):
    /// `::error file=content/a.yaml,line=3,col=5,endLine=3,endColumn=11,title=unknown-field::…`.
    /// The message carries the label and the help lines on lines of their own.
    pub fn to_github(&self, base: &str) -> String {
        let command = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut properties = Vec::new();
        if let Some((source, span)) = &self.location {
            let (line, column) = source.line_col(span.start);
            let (line_end, column_end) = source.line_col(span.end.max(span.start));
            properties.push(format!("file={}", property(&joined(base, &source.path))));
            properties.push(format!("line={line}"));
            properties.push(format!("col={column}"));
            properties.push(format!("endLine={line_end}"));
            properties.push(format!("endColumn={column_end}"));
        }
        properties.push(format!("title={}", property(&format!("dossier {}", self.code))));
        let mut message = self.message.clone();
        if !self.label.is_empty() {
            message.push_str(&format!("\n{}", self.label));
        }
        for help in &self.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        format!("::{command} {}::{}", properties.join(","), data(&message))
    }
}

/// A workflow command's message: `%`, CR and LF escaped, as the Actions runner reads them.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value: as `data`, and `:` and `,` escaped too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::source::Source;

    fn typo() -> Diagnostic {
        let src: Arc<Source> = Source::new(
            "content/articles/a.yaml",
            "excerpts:\n  - quote: x\n    acters: [india]\n",
        );
        let at = src.text.find("acters").unwrap();
        Diagnostic::error("unknown-field", &src, at..at + 6, "unknown field `acters`")
            .label("expected one of: actors, speaker")
            .suggest(Some("actors".into()))
    }

    #[test]
    fn json_has_cargo_shaped_fields() {
        let line = typo().to_json("briefs/one");
        assert!(!line.contains('\n'), "{line}");
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["level"], "error");
        assert_eq!(v["code"], "unknown-field");
        assert_eq!(v["message"], "unknown field `acters`");
        let span = &v["spans"][0];
        assert_eq!(span["file"], "briefs/one/content/articles/a.yaml");
        assert_eq!((span["line"].as_u64(), span["column"].as_u64()), (Some(3), Some(5)));
        assert_eq!(
            (span["line_end"].as_u64(), span["column_end"].as_u64()),
            (Some(3), Some(11))
        );
        assert_eq!(span["label"], "expected one of: actors, speaker");
        assert_eq!(v["help"], json!(["did you mean `actors`?"]));
        assert!(v["rendered"].as_str().unwrap().starts_with("error[unknown-field]"));
        let global = Diagnostic::global(Severity::Note, "no-base-url", "no base_url").to_json(".");
        let v: serde_json::Value = serde_json::from_str(&global).unwrap();
        assert_eq!(
            (v["level"].as_str(), v["spans"].as_array().map(Vec::len)),
            (Some("note"), Some(0))
        );
    }

    #[test]
    fn github_annotations_escape_what_the_runner_reads() {
        assert_eq!(
            typo().to_github("."),
            "::error file=content/articles/a.yaml,line=3,col=5,endLine=3,endColumn=11,\
             title=dossier unknown-field::unknown field `acters`%0Aexpected one of: actors, speaker\
             %0Ahelp: did you mean `actors`?"
        );
        let g = Diagnostic::global(Severity::Warning, "x", "100% done,\nreally").to_github(".");
        assert_eq!(g, "::warning title=dossier x::100%25 done,%0Areally");
    }
}
