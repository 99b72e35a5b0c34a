//! The fast path: a `Node` tree built straight from granit-parser's events.
//!
//! serde-saphyr (the reference, and the path every error takes) drives the same parser, with the
//! same options, and turns its events into serde calls; for the ordinary shapes of a dossier file
//! that detour cost more than the parsing itself. This builder reads the events directly and
//! resolves each scalar the way serde-saphyr's untyped `deserialize_any` and our `RawVisitor`
//! do. It knows only the common shapes: one document whose root is a mapping or a list, untagged
//! and unanchored scalars, lists and mappings with scalar keys. For anything else (a syntax error,
//! a tag, an anchor or alias, a merge key, a second document, a value it cannot be sure how
//! serde-saphyr would read, a file near a budget) it returns `None` and the caller parses
//! the text again through serde-saphyr, so every error message and every rare construct keeps
//! the reference behaviour; the differential test in `yaml::tests` checks that the two agree.

use std::borrow::Cow;

use granit_parser::{Event, Parser, ScalarStyle, Span, StrInput};

use super::{Key, Limits, MAX_DEPTH, Node, Value, budget, number_as_written};
use crate::source::Source;

/// How far below each of serde-saphyr's budgets (events, values, bytes) the fast path gives up.
const BUDGET_MARGIN: usize = 16;

/// Build the tree of `text` (which sits at `base` in `source`), or `None` when serde-saphyr must
/// decide.
pub(super) fn parse(source: &Source, base: usize, text: &str, limits: Limits) -> Option<Node> {
    // Offsets and lengths go through u32 inside serde-saphyr's `Location`; stay far from that.
    if source.text.len() >= (u32::MAX / 2) as usize {
        return None;
    }
    let budget = budget(limits);
    // The options serde-saphyr gives the parser (`Options::parser_options`), so that what one
    // accepts the other accepts.
    let mut options = granit_parser::Options::default();
    options.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    options.flow_nesting_limit = budget.flow_nesting_limit;
    options.block_nesting_limit = options.block_nesting_limit.max(budget.max_depth.saturating_add(1));
    options.emit_comments = true;
    options.max_buffered_comment_events = budget.max_buffered_comment_events;
    options.strict_indentation = false;
    let (first_line, first_col) = source.line_col(base);
    let mut builder = Builder {
        parser: Parser::with_options(StrInput::new(text), options),
        source,
        first_line,
        first_col,
        // Every budget less a margin: a file that comes near one is left to serde-saphyr, which
        // enforces them (and words the message). The fast path counts events, values and bytes
        // as serde-saphyr's budget does (every parser event; each scalar, list and mapping; the
        // scalars' and comments' bytes), so the margin only has to cover a difference of a few
        // events; it is not half the budget, which made a large file (80,000 excerpts in one
        // annotation file is 96% of the default) be parsed twice.
        max_events: budget.max_events.saturating_sub(BUDGET_MARGIN),
        max_nodes: budget.max_nodes.saturating_sub(BUDGET_MARGIN),
        max_scalar_bytes: budget.max_total_scalar_bytes.saturating_sub(BUDGET_MARGIN),
        max_comment_bytes: budget.max_total_comment_bytes.saturating_sub(BUDGET_MARGIN),
        max_depth: MAX_DEPTH / 2,
        events: 0,
        nodes: 0,
        scalar_bytes: 0,
        comment_bytes: 0,
        depth: 0,
    };
    builder.document()
}

struct Builder<'a> {
    parser: Parser<'a, StrInput<'a>>,
    source: &'a Source,
    first_line: usize,
    first_col: usize,
    max_events: usize,
    max_nodes: usize,
    max_scalar_bytes: usize,
    max_comment_bytes: usize,
    max_depth: usize,
    events: usize,
    nodes: usize,
    scalar_bytes: usize,
    comment_bytes: usize,
    depth: usize,
}

/// How serde-saphyr reads an untagged plain scalar.
#[derive(Debug, PartialEq)]
enum Plain {
    Null,
    Bool(bool),
    Number,
    Str,
    /// A non-finite float, which serde-saphyr refuses: its error is its to give.
    Refused,
}

impl<'a> Builder<'a> {
    /// The next event that is not a comment, counted against the budgets; `None` on a parser
    /// error or a budget nearly spent.
    fn next(&mut self) -> Option<(Event<'a>, Span)> {
        loop {
            let (event, span) = self.parser.next_event()?.ok()?;
            self.events += 1;
            if self.events > self.max_events {
                return None;
            }
            match &event {
                Event::Comment(text, _) => {
                    self.comment_bytes += text.len();
                    if self.comment_bytes > self.max_comment_bytes {
                        return None;
                    }
                    continue;
                }
                Event::Scalar(value, ..) => {
                    self.scalar_bytes += value.len();
                    if self.scalar_bytes > self.max_scalar_bytes {
                        return None;
                    }
                    self.node_counted()?;
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => self.node_counted()?,
                _ => {}
            }
            return Some((event, span));
        }
    }

    fn node_counted(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= self.max_nodes).then_some(())
    }

    /// One document whose root is a list or a mapping, then the end of the stream.
    fn document(&mut self) -> Option<Node> {
        let (Event::StreamStart, _) = self.next()? else {
            return None;
        };
        let (Event::DocumentStart(_, None), _) = self.next()? else {
            return None;
        };
        let (event, span) = self.next()?;
        if !matches!(event, Event::SequenceStart(..) | Event::MappingStart(..)) {
            return None;
        }
        let root = self.node(event, span)?;
        let (Event::DocumentEnd, _) = self.next()? else {
            return None;
        };
        let (Event::StreamEnd, _) = self.next()? else {
            return None;
        };
        match self.parser.next_event() {
            None => Some(root),
            Some(_) => None,
        }
    }

    /// Where serde-saphyr's `Location` for this span puts the node in the file, and the span's
    /// length in bytes: `location_from_span`, then `parse_with`'s `to_offset`.
    fn place(&self, span: &Span) -> Option<(usize, usize)> {
        let line = u32::try_from(span.start.line()).ok()?;
        let column = u32::try_from(span.start.col() + 1).ok()?;
        let len = match (span.start.byte_offset(), span.end.byte_offset()) {
            (Some(start), Some(end)) => end.saturating_sub(start),
            _ => return None,
        };
        let start = super::to_offset(self.source, self.first_line, self.first_col, line.into(), column.into());
        Some((start, len))
    }

    fn node(&mut self, event: Event<'a>, span: Span) -> Option<Node> {
        let (start, len) = self.place(&span)?;
        let value = match event {
            Event::Scalar(text, style, 0, None) => self.scalar(text, style, start, len)?,
            Event::SequenceStart(_, 0, None) => {
                self.enter()?;
                let mut items = Vec::new();
                loop {
                    match self.next()? {
                        (Event::SequenceEnd, _) => break,
                        (event, span) => items.push(self.node(event, span)?),
                    }
                }
                self.depth -= 1;
                Value::Seq(items)
            }
            Event::MappingStart(_, 0, None) => {
                self.enter()?;
                let mut entries = Vec::new();
                loop {
                    let (key, key_span) = match self.next()? {
                        (Event::MappingEnd, _) => break,
                        (Event::Scalar(text, style, 0, None), span) => (self.key(text, style)?, span),
                        _ => return None,
                    };
                    let (kstart, _) = self.place(&key_span)?;
                    let key = Key {
                        span: kstart..kstart + key.len(),
                        name: key,
                    };
                    let (event, span) = self.next()?;
                    entries.push((key, self.node(event, span)?));
                }
                self.depth -= 1;
                Value::Map(entries)
            }
            // A tag, an anchor, an alias, or an event that has no place here.
            _ => return None,
        };
        let end = match &value {
            Value::Str(s) | Value::Number(s) => start + len.max(s.len().min(1)),
            _ => start + len,
        };
        Some(Node {
            value,
            span: start..end,
        })
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= self.max_depth).then_some(())
    }

    fn scalar(&self, text: Cow<'a, str>, style: ScalarStyle, start: usize, len: usize) -> Option<Value> {
        if style != ScalarStyle::Plain {
            return Some(Value::Str(text.into_owned()));
        }
        Some(match classify(&text) {
            Plain::Null => Value::Null,
            Plain::Bool(b) => Value::Bool(b),
            Plain::Str => Value::Str(text.into_owned()),
            // `number_as_written` with the text the parser read: the same as long as the span
            // holds exactly that text, which a one-line plain scalar does.
            Plain::Number => {
                if self.source.text.get(start..start + len) != Some(&*text) {
                    return None;
                }
                Value::Number(number_as_written(String::new(), &self.source.text, start..start + len))
            }
            Plain::Refused => return None,
        })
    }

    /// A mapping key as `KeyText` reads it. A number key is the parsed number's text, which
    /// equals the written one only for a plain decimal integer; others are left to serde-saphyr.
    fn key(&self, text: Cow<'a, str>, style: ScalarStyle) -> Option<String> {
        if style != ScalarStyle::Plain {
            return Some(text.into_owned());
        }
        match classify(&text) {
            Plain::Null => Some("null".into()),
            Plain::Bool(b) => Some(b.to_string()),
            Plain::Str if text == "<<" => None,
            Plain::Str => Some(text.into_owned()),
            Plain::Number if canonical_integer(&text) => Some(text.into_owned()),
            Plain::Number | Plain::Refused => None,
        }
    }
}

/// `0` or a decimal integer without a sign or leading zeros that fits any integer type: its
/// parsed value prints as it is written.
fn canonical_integer(t: &str) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t);
    t == "0"
        || (!digits.is_empty()
            && digits.len() <= 18
            && !digits.starts_with('0')
            && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// serde-saphyr 2.1's reading of an untagged plain scalar under our options
/// (`Deserializer::deserialize_any`): null, then a YAML 1.1 boolean, then an integer, then a
/// float, else a string.
fn classify(value: &str) -> Plain {
    // `scalar_is_nullish`: exact spellings, untrimmed.
    if matches!(value, "" | "~" | "null" | "Null" | "NULL") {
        return Plain::Null;
    }
    let t = value.trim_matches([' ', '\t', '\r', '\n']);
    // `parse_yaml11_bool`.
    for (word, b) in [
        ("true", true),
        ("yes", true),
        ("y", true),
        ("on", true),
        ("false", false),
        ("no", false),
        ("n", false),
        ("off", false),
    ] {
        if t.eq_ignore_ascii_case(word) {
            return Plain::Bool(b);
        }
    }
    // Every number starts with a digit or a `.` after an optional sign; what does not is a
    // string (Rust's float parser takes `inf` and `nan`, which serde-saphyr keeps as strings).
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    if !unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return Plain::Str;
    }
    if integer(t) {
        return Plain::Number;
    }
    // `try_parse_float_incl_overflow`: YAML's `.inf` / `.nan` spellings, then Rust's parser;
    // a non-finite result is an error in serde-saphyr.
    if matches!(unsigned, ".nan" | ".NaN" | ".NAN" | ".inf" | ".Inf" | ".INF") {
        return Plain::Refused;
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Plain::Number,
        Ok(_) => Plain::Refused,
        Err(_) => Plain::Str,
    }
}

/// `parse_int_signed::<i64>` for a leading `-` (never with a redundant leading zero), else
/// `parse_int_unsigned::<u64>`, without legacy octal.
fn integer(t: &str) -> bool {
    let (negative, rest) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (radix, digits) = if let Some(d) = rest.strip_prefix("0x").or_else(|| rest.strip_prefix("0X")) {
        (16, d)
    } else if let Some(d) = rest.strip_prefix("0o").or_else(|| rest.strip_prefix("0O")) {
        (8, d)
    } else if let Some(d) = rest.strip_prefix("0b").or_else(|| rest.strip_prefix("0B")) {
        (2, d)
    } else {
        if rest.starts_with('0') && rest != "0" {
            return false;
        }
        (10, rest)
    };
    let Some(magnitude) = digits_value(digits, radix) else {
        return false;
    };
    if negative {
        magnitude <= i64::MAX as u128 + 1
    } else {
        magnitude <= u64::MAX as u128
    }
}

/// The value of `digits` in `radix`, underscores allowed between digits (`parse_digits_u128`).
fn digits_value(digits: &str, radix: u32) -> Option<u128> {
    let bytes = digits.as_bytes();
    let mut value: u128 = 0;
    let mut saw = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let prev_ok = i > 0 && bytes[i - 1] != b'_';
            let next_ok = i + 1 < bytes.len() && bytes[i + 1] != b'_';
            if !prev_ok || !next_ok {
                return None;
            }
            continue;
        }
        let d = (b as char).to_digit(radix)?;
        value = value.checked_mul(u128::from(radix))?.checked_add(u128::from(d))?;
        saw = true;
    }
    saw.then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_are_read_as_serde_saphyr_reads_them() {
        for (text, plain) in [
            ("", Plain::Null),
            ("~", Plain::Null),
            ("NULL", Plain::Null),
            ("nULL", Plain::Str),
            ("Yes", Plain::Bool(true)),
            ("OFF", Plain::Bool(false)),
            ("2008", Plain::Number),
            ("0000", Plain::Number),
            ("-0999", Plain::Number),
            ("0x1F", Plain::Number),
            ("1_000", Plain::Number),
            ("1__000", Plain::Str),
            ("-1.50", Plain::Number),
            ("1e3", Plain::Number),
            (".5", Plain::Number),
            ("2008-05-01", Plain::Str),
            ("1e999", Plain::Refused),
            ("-.inf", Plain::Refused),
            (".nan", Plain::Refused),
            ("inf", Plain::Str),
            ("nan", Plain::Str),
            ("18446744073709551616", Plain::Number),
        ] {
            assert_eq!(classify(text), plain, "{text}");
        }
    }
}
