//! Writing SVG: the shared vocabulary every picture uses to put markup on the page. It owns the
//! `put!` macro, how a number is printed (`F`: at most one decimal, never `-0` or NaN, so output
//! is byte-stable), the palette (chosen for at least 7:1 contrast on white), ids and class names
//! made safe from caller input, the opening `<svg>` frame with its `<title>` and `<desc>`, and
//! the small picture drawn for empty input. Kept apart so that every picture writes its frame,
//! numbers and colours the same way.

use std::fmt::{self, Write as _};

use super::text::esc;

/// Main text (15.9:1 on white).
pub(super) const INK: &str = "#222";
/// Secondary text (8.5:1 on white).
pub(super) const MUTED: &str = "#4d4d4d";
/// Axis lines and ticks.
pub(super) const RULE: &str = "#767676";
/// Incidents.
pub(super) const INCIDENT: &str = "#b3261e";
/// Sources.
pub(super) const SOURCE: &str = "#1f4e79";

/// Write formatted text to a `String` (which cannot fail).
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {
        let _ = write!($out, $($arg)*);
    };
}
pub(super) use put;

/// A coordinate as written in the SVG: at most one decimal, never `-0`, never NaN.
#[derive(Clone, Copy)]
pub(super) struct F(pub(super) f64);

impl fmt::Display for F {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let s = format!("{v:.1}");
        let s = s.strip_suffix(".0").unwrap_or(&s);
        f.write_str(if s == "-0" { "0" } else { s })
    }
}

/// The id prefix made safe for `id` and `aria-labelledby`: ASCII letters, digits, `-` and `_`,
/// starting with a letter.
pub(super) fn clean_id(id: &str) -> String {
    let mut out = safe_chars(id);
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "svg-");
    }
    out
}

/// A CSS class token made safe (`[A-Za-z0-9_-]`), or `None` when nothing is left.
pub(super) fn class_token(s: &str) -> Option<String> {
    let t = safe_chars(s).trim_matches('-').to_string();
    (!t.is_empty()).then_some(t)
}

/// `s` with every character other than ASCII letters, digits, `-` and `_` replaced by `-`.
fn safe_chars(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Extra classes, each made safe, joined with spaces (with a leading space when not empty).
pub(super) fn extra_classes(s: &str) -> String {
    s.split_whitespace()
        .filter_map(class_token)
        .map(|t| format!(" {t}"))
        .collect()
}

/// The opening `<svg>` tag with its `<title>` and `<desc>`, then a white backing (so the
/// colours keep their contrast on any page background; a theme may restyle `.svg-bg`).
pub(super) fn open_svg(out: &mut String, id: &str, class: &str, size: (f64, f64), title: &str, desc: &str) {
    put!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"svg-picture {class}\" viewBox=\"0 0 {w} {h}\" \
         width=\"100%\" font-family=\"sans-serif\" font-size=\"12\" \
         aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title>\
         <desc id=\"{id}-desc\">{}</desc><rect class=\"svg-bg\" width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>",
        esc(title),
        esc(desc),
        w = F(size.0),
        h = F(size.1),
    );
}

/// The small picture for empty input: a title, a description and the words "Nothing to draw".
pub(super) fn nothing(id: &str, class: &str, title: &str, desc: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"svg-picture {class} svg-empty\" \
         viewBox=\"0 0 320 32\" width=\"320\" height=\"32\" font-family=\"sans-serif\" font-size=\"13\" \
         aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title>\
         <desc id=\"{id}-desc\">{}</desc><rect class=\"svg-bg\" width=\"320\" height=\"32\" fill=\"#fff\"/>\
         <text x=\"8\" y=\"21\" fill=\"{MUTED}\">Nothing to draw</text></svg>",
        esc(title),
        esc(desc)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_one_decimal_and_no_negative_zero() {
        assert_eq!(F(1.0).to_string(), "1");
        assert_eq!(F(1.25).to_string(), "1.2");
        assert_eq!(F(-0.04).to_string(), "0");
        assert_eq!(F(-3.46).to_string(), "-3.5");
        assert_eq!(F(f64::NAN).to_string(), "0");
    }

    #[test]
    fn ids_and_classes() {
        assert_eq!(clean_id("tl"), "tl");
        assert_eq!(clean_id("1 x\"y"), "svg-1-x-y");
        assert_eq!(extra_classes("kind-attack  <b>"), " kind-attack b");
    }
}
