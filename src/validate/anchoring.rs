//! The words of anchoring's failures: a quote not found (with the closest passage), found
//! several times (each match with the shortest `prefix:` that picks it, or its `occurrence:`),
//! not found with its prefix or suffix, or an occurrence out of range.

use std::ops::Range;
use std::sync::Arc;

use crate::diag::{Diagnostic, thousands};
use crate::source::Source;
use crate::text::anchor::{AnchorError, Candidate, MAX_DETAILED_FAILURES};

/// Each listed match with how to pick it; and, when anchoring listed only the first (at most
/// `anchor::MAX_LISTED_CANDIDATES`, though it counts every match), says so. Anchoring lists none
/// after the first `anchor::MAX_DETAILED_FAILURES` failures of an article.
fn with_candidates(
    mut d: Diagnostic,
    candidates: &[Candidate],
    total: usize,
    article: &Arc<Source>,
    body_line: usize,
) -> Diagnostic {
    if candidates.is_empty() {
        return d.help(undetailed("the matches are listed"));
    }
    for c in candidates {
        d = d.help(candidate_help(c, article, body_line));
    }
    if candidates.len() < total {
        d.help(format!(
            "only the first {} of the {} matches are listed",
            thousands(candidates.len()),
            thousands(total)
        ))
    } else {
        d
    }
}

/// Why an error has no detail: `what` is done for the first failures of an article only.
fn undetailed(what: &str) -> String {
    format!(
        "{what} only for the first {MAX_DETAILED_FAILURES} quotes of an article that fail to anchor: fix those first"
    )
}

fn candidate_help(c: &Candidate, article: &Arc<Source>, body_line: usize) -> String {
    let line = body_line + c.line;
    match &c.shortest_prefix {
        Some(p) => format!(
            "{}:{line}: …{}… (pick it with `prefix: \"{}\"`)",
            article.path,
            c.context,
            p.replace('"', "\\\"")
        ),
        None => format!(
            "{}:{line}: …{}… (pick it with `occurrence: {}`)",
            article.path, c.context, c.occurrence
        ),
    }
}

/// The error for a quote that could not be anchored: what did not match, and where the
/// passage may be (the closest passage, or each match with the `prefix:` or `occurrence:` that
/// picks it). `detailed` is false for the failures of an article after the first
/// `MAX_DETAILED_FAILURES`, for which anchoring looked for neither.
pub(super) fn anchor_diagnostic(
    source: &Arc<Source>,
    span: Range<usize>,
    article: &Arc<Source>,
    body_line: usize,
    quote: &str,
    err: AnchorError,
    detailed: bool,
) -> Diagnostic {
    let short: String = if quote.chars().count() > 60 {
        format!("{}…", quote.chars().take(60).collect::<String>())
    } else {
        quote.to_string()
    };
    match err {
        AnchorError::EmptyQuote => Diagnostic::error("empty-quote", source, span, "the quote is empty")
            .label("expected the exact words of a passage of the article"),
        AnchorError::NotFound { closest } => {
            let d = Diagnostic::error("quote-not-found", source, span, format!("quote not found in {}", article.path))
                .label("this text does not occur in the article (matching is exact, apart from spaces, quote marks and dashes)");
            match closest {
                Some(p) => d.help(format!(
                    "the closest passage is at {}:{}: \"{}\"",
                    article.path,
                    body_line + p.line,
                    p.text
                )),
                None if detailed => d,
                None => d.help(undetailed("the closest passage is looked for")),
            }
        }
        AnchorError::Ambiguous { candidates, total } => {
            let lines: Vec<String> = candidates.iter().map(|c| (body_line + c.line).to_string()).collect();
            let label = if lines.is_empty() {
                "add `prefix:`, `suffix:` or `occurrence:` to pick one".to_string()
            } else {
                format!(
                    "matches on lines {}; add `prefix:`, `suffix:` or `occurrence:` to pick one",
                    lines.join(", ")
                )
            };
            let d = Diagnostic::error(
                "ambiguous-quote",
                source,
                span,
                format!(
                    "the quote \"{short}\" occurs {} times in {}",
                    thousands(total),
                    article.path
                ),
            )
            .label(label);
            with_candidates(d, &candidates, total, article, body_line)
        }
        AnchorError::NoneMatchSelector { matches, total } => {
            let d = Diagnostic::error(
                "selector-matches-nothing",
                source,
                span,
                "the quote occurs in the article, but never with this prefix/suffix",
            )
            .label("check `prefix:` and `suffix:` against the article text");
            with_candidates(d, &matches, total, article, body_line)
        }
        AnchorError::StillAmbiguous { candidates, total } => {
            let d = Diagnostic::error(
                "ambiguous-quote",
                source,
                span,
                format!(
                    "with its prefix/suffix, the quote still matches {} places",
                    thousands(total)
                ),
            )
            .label("lengthen `prefix:` or `suffix:`, or add `occurrence:`");
            with_candidates(d, &candidates, total, article, body_line)
        }
        AnchorError::OccurrenceOutOfRange { occurrence, matches } => Diagnostic::error(
            "occurrence-out-of-range",
            source,
            span,
            format!("`occurrence: {occurrence}` but the quote matches only {matches} time(s)"),
        )
        .label(format!("expected an occurrence from 1 to {matches}")),
    }
}
