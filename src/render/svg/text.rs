//! Words in and around the pictures: escaping caller text for XML, estimating how wide a text
//! is (no font metrics at build time, so labels are placed by estimate), and the phrases of the
//! pictures' descriptions ("3 incidents and 2 source articles from 2008 to March 2019"). Kept
//! apart so that every picture escapes and words its descriptions the same way.

use super::MarkKind;
use super::marks::{Precision, precision};
use crate::model::Date;

/// Text escaped for XML and HTML alike (`& < > " '`) on one line: runs of whitespace, control
/// characters and noncharacters become single spaces, none at either end.
pub(super) fn esc(s: &str) -> String {
    let words: Vec<&str> = s
        .split(|c: char| c.is_control() || c.is_whitespace() || is_nonchar(c))
        .filter(|w| !w.is_empty())
        .collect();
    crate::render::markdown::escape_attr(&words.join(" "))
}

/// Unicode noncharacters, which HTML reports as errors.
fn is_nonchar(c: char) -> bool {
    let u = c as u32;
    (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE
}

/// About how wide `s` is in a sans-serif face at `size` (an estimate for layout: no font
/// metrics at build time).
pub(super) fn text_width(s: &str, size: f64) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | '\'' | '|' | '!' | ':' | ';' | '‘' | '’' => 0.28,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' | 'I' => 0.36,
            'm' | 'w' => 0.84,
            'M' | 'W' => 0.9,
            '–' | '—' => 0.75,
            'A'..='Z' => 0.69,
            '0'..='9' => 0.56,
            _ => 0.56,
        })
        .sum();
    em * size
}

/// `"a, b and c"`.
pub(super) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `"1 incident"`, `"3 incidents"`.
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Two counted phrases joined by "and", leaving out one that counts zero (but not both).
pub(super) fn both(a: String, na: usize, b: String, nb: usize) -> String {
    match (na, nb) {
        (_, 0) => a,
        (0, _) => b,
        _ => format!("{a} and {b}"),
    }
}

/// What a dated picture shows and when: "22 incidents and 5 source articles from 2008 to March
/// 2019", "1 incident on 11 September 2011" (a kind with none is left out). `source` names a
/// source, singular and plural.
pub(super) fn marks_phrase(
    kinds: impl Iterator<Item = MarkKind>,
    source: (&str, &str),
    first: &Date,
    last: &Date,
) -> String {
    let (mut incidents, mut sources) = (0, 0);
    for kind in kinds {
        match kind {
            MarkKind::Incident => incidents += 1,
            MarkKind::Article => sources += 1,
        }
    }
    let mut phrase = both(
        count(incidents, "incident", "incidents"),
        incidents,
        count(sources, source.0, source.1),
        sources,
    );
    phrase.push_str(&when_phrase(first, last));
    phrase
}

/// " on 11 September 2011", " in September 2011" or " from 2008 to March 2019".
fn when_phrase(first: &Date, last: &Date) -> String {
    let (a, b) = (human(first), human(last));
    if a != b {
        format!(" from {a} to {b}")
    } else if precision(first) == Precision::Day {
        format!(" on {a}")
    } else {
        format!(" in {a}")
    }
}

/// A date for readers, never panicking on a malformed month.
pub(super) fn human(d: &Date) -> String {
    if d.month.is_none_or(|m| (1..=12).contains(&m)) && (d.month.is_some() || d.day.is_none()) {
        d.human()
    } else {
        d.iso()
    }
}

/// `s` on one line: whitespace runs become single spaces, none at either end.
pub(super) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name on one or two lines: split at the space nearest the middle when it is wider than
/// `max_width` at `size`.
pub(super) fn wrap_name(name: &str, size: f64, max_width: f64) -> Vec<String> {
    let name = one_line(name);
    if text_width(&name, size) <= max_width || !name.contains(' ') {
        return vec![name];
    }
    let mid = name.chars().count() / 2;
    let best = name
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(b, _)| b)
        .min_by_key(|&b| (name[..b].chars().count() as i64 - mid as i64).abs())
        .unwrap_or(0);
    vec![name[..best].to_string(), name[best + 1..].to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(esc(" a\n\tb\u{0}c "), "a b c");
    }
}
