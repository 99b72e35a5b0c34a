//! YAML, behind one door.
//!
//! serde-saphyr's API moves fast, so it is used here and nowhere else. A file is parsed into a
//! small tree of `Node`s that carry their byte span in the file, and validation walks that tree
//! by hand. Walking a tree (rather than deriving `Deserialize` for the model) is what lets one
//! run report every unknown field, every bad reference and every bad date of a file, each at its
//! own line and column, instead of stopping at serde's first error. Budgets against alias bombs
//! and deep nesting are set here too.
//!
//! Going through serde to get that tree (every value's location deserialised as a map, then
//! converted) cost as much as parsing, so `parse_with` first tries `fast`, which builds the tree
//! straight from the events of granit-parser, the parser under serde-saphyr, and knows the
//! ordinary shapes only. Whatever it is not sure to read exactly as serde-saphyr does (any error,
//! tag, anchor, alias, merge key, second document, or a file near a budget) it hands back, and
//! serde-saphyr, the reference, reads the text as before: every message and every limit stays
//! serde-saphyr's. `differential` holds the two paths to the same trees.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Budget, DuplicateKeyPolicy, Location, Options, Spanned};

use crate::diag::Diagnostic;
use crate::source::Source;

mod fast;

#[cfg(test)]
mod differential;

/// A YAML value with the byte span it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Byte span in the file (for a collection, where it starts).
    pub span: Range<usize>,
}

/// The shapes a YAML value can take. Scalars keep their text so that `2008` (an integer to
/// YAML) can still be read as a year.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer or a float, as written in the file (`0000` stays `0000`).
    Number(String),
    /// A string.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in file order, keys with their own spans.
    Map(Vec<(Key, Node)>),
}

/// A mapping key and its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key as text.
    pub name: String,
    /// Byte span of the key.
    pub span: Range<usize>,
}

impl Node {
    /// What kind of value this is, for "expected a list, found a string" messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The scalar's text, for strings and numbers (YAML reads `2008` and `3` as numbers).
    pub fn scalar_text(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) | Value::Number(s) => Some(s),
            _ => None,
        }
    }
}

/// Values (scalars, lists and mappings) one YAML file may hold unless `max_yaml_nodes` in
/// dossier.yaml says otherwise: far above any real dossier file (the example's largest
/// annotation file has under 2,000), far below what would exhaust memory.
pub const MAX_NODES: usize = 250_000;

/// The values `max_yaml_nodes` may take.
pub const MAX_NODES_SETTING: std::ops::RangeInclusive<u64> = 100..=10_000_000;

/// Real dossier files nest a few levels; serde's recursion takes tens of KiB of stack per level
/// in a debug build, where 60 levels overflowed a 2 MiB thread stack.
const MAX_DEPTH: usize = 32;
const MAX_ALIASES: usize = 100;
const MAX_ANCHORS: usize = 1_000;
const MAX_REPLAYED: usize = 100_000;
const MAX_SCALAR_MIB: usize = 64;

/// The YAML limits a dossier may change (in dossier.yaml; the file itself is read under the
/// defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Values one file may hold.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_nodes: MAX_NODES }
    }
}

impl Limits {
    /// The limits dossier.yaml sets (`max_yaml_nodes`), read before validation because they
    /// govern loading; a bad value is reported by validation and the default applies.
    pub fn from_config(config: &Node) -> Limits {
        let mut limits = Limits::default();
        if let Value::Map(entries) = &config.value
            && let Some((_, node)) = entries.iter().find(|(k, _)| k.name == "max_yaml_nodes")
            && let Value::Number(text) = &node.value
            && let Ok(n) = text.parse::<u64>()
            && MAX_NODES_SETTING.contains(&n)
        {
            limits.max_nodes = n as usize;
        }
        limits
    }
}

/// Limits that keep a hostile file from exhausting memory or time.
fn budget(limits: Limits) -> Budget {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ANCHORS;
    budget.max_nodes = limits.max_nodes;
    // Every value is one or two parser events (a list or mapping has an end too), so the event
    // budget follows the value budget and is never the one that trips first.
    budget.max_events = limits.max_nodes.saturating_mul(3).max(budget.max_events);
    budget.max_recorded_anchor_events = MAX_REPLAYED;
    budget.max_total_scalar_bytes = MAX_SCALAR_MIB * 1024 * 1024;
    budget
}

/// A sentence for a breached budget: what the file does, and the limit.
fn breach_message(breach: &BudgetBreach, limits: Limits) -> (String, Option<String>) {
    let n = |n: usize| crate::diag::thousands(n);
    match breach {
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => (
            format!(
                "the file holds more than {} YAML values, the limit for one file",
                n(limits.max_nodes)
            ),
            Some(format!(
                "if the file is meant to be this large, raise the limit with `max_yaml_nodes:` in dossier.yaml (up to {})",
                n(*MAX_NODES_SETTING.end() as usize)
            )),
        ),
        BudgetBreach::Depth { .. } => (
            format!("lists and mappings are nested more than {MAX_DEPTH} levels deep"),
            None,
        ),
        BudgetBreach::Aliases { .. } => (
            format!("the file uses more than {} aliases (`*name`)", n(MAX_ALIASES)),
            None,
        ),
        BudgetBreach::Anchors { .. } => (
            format!("the file defines more than {} anchors (`&name`)", n(MAX_ANCHORS)),
            None,
        ),
        BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => (
            format!(
                "its aliases would repeat more than {} values (an \"alias bomb\")",
                n(MAX_REPLAYED)
            ),
            None,
        ),
        BudgetBreach::ScalarBytes { .. } => (format!("its values hold more than {MAX_SCALAR_MIB} MiB of text"), None),
        BudgetBreach::Documents { .. } => ("the file holds too many YAML documents (`---`)".into(), None),
        _ => ("the file exceeds a limit of the YAML parser".into(), None),
    }
}

/// The budget breach behind an error, through the wrappers that add snippets or alias context.
fn breach_of(err: &serde_saphyr::Error) -> Option<&BudgetBreach> {
    let mut err = err;
    loop {
        match err {
            serde_saphyr::Error::Budget { breach, .. } => return Some(breach),
            serde_saphyr::Error::WithSnippet { error, .. } | serde_saphyr::Error::AliasError { error, .. } => {
                err = error
            }
            _ => return None,
        }
    }
}

/// Parse YAML text that sits at `base` bytes into `source` (front matter starts after `---`),
/// under the default limits.
pub fn parse(source: &Arc<Source>, base: usize, text: &str) -> Result<Node, Diagnostic> {
    parse_with(source, base, text, Limits::default())
}

/// Parse YAML text that sits at `base` bytes into `source` (front matter starts after `---`).
/// An empty document is `Null`. A syntax error, or a limit exceeded, becomes one diagnostic at
/// its position.
pub fn parse_with(source: &Arc<Source>, base: usize, text: &str, limits: Limits) -> Result<Node, Diagnostic> {
    if let Some(node) = fast::parse(source, base, text, limits) {
        return Ok(node);
    }
    parse_with_serde(source, base, text, limits)
}

/// The reference path: serde-saphyr, which also words every error and enforces every limit.
fn parse_with_serde(source: &Arc<Source>, base: usize, text: &str, limits: Limits) -> Result<Node, Diagnostic> {
    let mut options = Options::default();
    options.budget = Some(budget(limits));
    // Duplicate keys reach validation, which reports them with both lines.
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    let parsed: Result<Option<Spanned<RawValue>>, _> = serde_saphyr::from_str_with_options(text, options);
    let (first_line, first_col) = source.line_col(base);
    let to_offset = |loc: &Location| -> usize { to_offset(source, first_line, first_col, loc.line(), loc.column()) };
    match parsed {
        Ok(Some(root)) => Ok(convert(root, &to_offset, &source.text)),
        Ok(None) => Ok(Node {
            value: Value::Null,
            span: base..base,
        }),
        Err(err) => {
            let at = err.location().map_or(base, |l| to_offset(&l));
            if let Some(breach) = breach_of(&err) {
                let (message, help) = breach_message(breach, limits);
                let d = Diagnostic::error("yaml-limit", source, at..at, message).label("the YAML parser stopped here");
                return Err(match help {
                    Some(h) if source.path != "dossier.yaml" => d.help(h),
                    _ => d,
                });
            }
            let message = first_line_of_message(&err.to_string());
            let d = Diagnostic::error("yaml-syntax", source, at..at, format!("invalid YAML: {message}"));
            // The usual way to get here: a quote that itself contains `"`, written in `"…"`.
            Err(if message.contains("after double-quoted scalar") {
                d.label("the double-quoted value ended at the `\"` just before this")
                    .help("a value that contains `\"` (a quotation inside a quote) goes in single quotes: quote: 'He called it \"a positive step\"'")
                    .help("or escape each inner mark as `\\\"`, or write the value as a block scalar: `quote: >-` with the text on the next line, indented")
            } else {
                d.label("the YAML parser stopped here")
            })
        }
    }
}

/// The byte offset in `source` of a parser position (1-based line, 1-based column in characters)
/// in YAML text that starts at `first_line`:`first_col` of the file.
fn to_offset(source: &Source, first_line: usize, first_col: usize, line: u64, column: u64) -> usize {
    let line_in_file = first_line + (line as usize).saturating_sub(1);
    let col = if line <= 1 {
        first_col + (column as usize).saturating_sub(1)
    } else {
        column as usize
    };
    source.offset_of(line_in_file, col)
}

/// serde-saphyr's messages may carry their own snippet; keep only the first sentence, ours shows
/// the line.
fn first_line_of_message(message: &str) -> String {
    let mut line = message.lines().next().unwrap_or("").trim();
    line = line.strip_prefix("error: ").unwrap_or(line);
    // Drop a leading "line X column Y: " or trailing " at line X column Y": our header has it.
    if line.starts_with("line ")
        && let Some(i) = line.find(": ")
    {
        line = &line[i + 2..];
    }
    match line.find(" at line ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    }
}

/// A number as written in the file (`0000`, `0999`, `0x1F`), which the parser would turn into
/// `0`, `999`, `31`: a year must be read from its text. Falls back to the parsed number when the
/// span does not hold a plain number (an alias `*a`, say).
fn number_as_written(parsed: String, text: &str, span: Range<usize>) -> String {
    match text.get(span) {
        Some(t) if !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || "+-._".contains(c)) => t.to_string(),
        _ => parsed,
    }
}

fn convert(raw: Spanned<RawValue>, to_offset: &dyn Fn(&Location) -> usize, text: &str) -> Node {
    let start = to_offset(&raw.referenced);
    let len = raw.referenced.span().byte_len().unwrap_or(0) as usize;
    let value = match raw.value {
        RawValue::Null => Value::Null,
        RawValue::Bool(b) => Value::Bool(b),
        RawValue::Number(n) => Value::Number(number_as_written(n, text, start..start + len)),
        RawValue::Str(s) => Value::Str(s),
        RawValue::Seq(items) => Value::Seq(items.into_iter().map(|i| convert(i, to_offset, text)).collect()),
        RawValue::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let kstart = to_offset(&k.referenced);
                    let key = Key {
                        span: kstart..kstart + k.value.len(),
                        name: k.value,
                    };
                    (key, convert(v, to_offset, text))
                })
                .collect(),
        ),
    };
    let end = match &value {
        Value::Str(s) | Value::Number(s) => start + len.max(s.len().min(1)),
        _ => start + len,
    };
    Node {
        value,
        span: start..end,
    }
}

/// The parser-facing twin of `Value`, whose children carry serde-saphyr locations.
enum RawValue {
    Null,
    Bool(bool),
    Number(String),
    Str(String),
    Seq(Vec<Spanned<RawValue>>),
    Map(Vec<(Spanned<String>, Spanned<RawValue>)>),
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v.to_string()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawValue, E> {
        Ok(RawValue::Number(v.to_string()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawValue, E> {
        Ok(RawValue::Number(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v.to_string()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<RawValue, E> {
        Ok(RawValue::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawValue, E> {
        Ok(RawValue::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        RawValue::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawValue>>()? {
            items.push(item);
        }
        Ok(RawValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let value = map.next_value::<Spanned<RawValue>>()?;
            let key = Spanned::new(key.value.0, key.referenced, key.defined);
            entries.push((key, value));
        }
        Ok(RawValue::Map(entries))
    }
}

/// A mapping key of any scalar type, as text.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match RawValue::deserialize(d)? {
            RawValue::Str(s) | RawValue::Number(s) => Ok(KeyText(s)),
            RawValue::Bool(b) => Ok(KeyText(b.to_string())),
            RawValue::Null => Ok(KeyText("null".into())),
            RawValue::Seq(_) | RawValue::Map(_) => Err(de::Error::custom("a mapping key must be a plain scalar")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Node, Diagnostic> {
        let src = Source::new("t.yaml", text);
        parse(&src, 0, text)
    }

    #[test]
    fn keys_and_values_carry_their_spans() {
        let text = "name: \"Lashkar\"\nkind: armed-group\naliases: [LeT, Lashkar]\nyear: 2008\n";
        let node = parse_str(text).unwrap();
        let Value::Map(entries) = &node.value else {
            panic!("{node:?}")
        };
        let (k, v) = &entries[1];
        assert_eq!(k.name, "kind");
        assert_eq!(&text[k.span.clone()], "kind");
        assert_eq!(v.value, Value::Str("armed-group".into()));
        assert_eq!(&text[v.span.start..v.span.start + 5], "armed");
        let Value::Seq(items) = &entries[2].1.value else {
            panic!()
        };
        assert_eq!(&text[items[1].span.start..items[1].span.start + 7], "Lashkar");
        assert_eq!(entries[3].1.scalar_text(), Some("2008"));
    }

    #[test]
    fn syntax_errors_point_at_their_line() {
        let err = parse_str("a: 1\nb: [unclosed\nc: 2\n").unwrap_err();
        let text = err.render(false);
        assert!(text.contains("invalid YAML"), "{text}");
        assert!(text.contains("t.yaml:"), "{text}");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..20 {
            let prev = if i == 0 { "a".to_string() } else { format!("l{}", i - 1) };
            bomb.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let err = parse_str(&bomb).unwrap_err();
        assert_eq!(err.code, "yaml-limit");
        assert_eq!(
            err.message,
            "its aliases would repeat more than 100,000 values (an \"alias bomb\")"
        );
    }

    #[test]
    fn too_many_values_is_a_sentence_with_the_limit_and_the_setting() {
        let text = "excerpts:\n".to_string() + &"  - {id: a, quote: b}\n".repeat(300);
        let src = Source::new("content/articles/a.yaml", text.clone());
        let err = parse_with(&src, 0, &text, Limits { max_nodes: 1_000 }).unwrap_err();
        assert_eq!(err.code, "yaml-limit");
        assert_eq!(
            err.message,
            "the file holds more than 1,000 YAML values, the limit for one file"
        );
        assert_eq!(
            err.help,
            [
                "if the file is meant to be this large, raise the limit with `max_yaml_nodes:` in dossier.yaml (up to 10,000,000)"
            ]
        );
        assert!(!err.render(false).contains("Nodes {"));
        assert!(parse_with(&src, 0, &text, Limits { max_nodes: 2_000 }).is_ok());
        // The default, and the message the issue saw as `Nodes { nodes: 250001 }`.
        let (message, _) = breach_message(&BudgetBreach::Nodes { nodes: 250_001 }, Limits::default());
        assert_eq!(
            message,
            "the file holds more than 250,000 YAML values, the limit for one file"
        );
        let config = parse_str("max_yaml_nodes: 400000\n").unwrap();
        assert_eq!(Limits::from_config(&config), Limits { max_nodes: 400_000 });
        let config = parse_str("max_yaml_nodes: 5\n").unwrap();
        assert_eq!(Limits::from_config(&config), Limits::default());
    }

    #[test]
    fn deep_nesting_is_a_sentence_too() {
        // 60 levels overflowed the 2 MiB stack of a test thread in a debug build before the
        // limit was lowered to 32.
        for n in [33, 60, 100] {
            let err = parse_str(&format!("a: {}{}", "[".repeat(n), "]".repeat(n))).unwrap_err();
            assert_eq!(err.message, "lists and mappings are nested more than 32 levels deep");
        }
        assert!(parse_str(&format!("a: {}{}", "[".repeat(31), "]".repeat(31))).is_ok());
    }

    #[test]
    fn numbers_keep_the_text_they_were_written_with() {
        let node = parse_str("a: 0000\nb: 0999\nc: 2008\nd: 0x1F\ne: &n 7\nf: *n\ng: -1.50\n").unwrap();
        let Value::Map(entries) = &node.value else { panic!() };
        let texts: Vec<&str> = entries.iter().map(|(_, v)| v.scalar_text().unwrap()).collect();
        assert_eq!(texts, ["0000", "0999", "2008", "0x1F", "7", "7", "-1.50"]);
    }

    #[test]
    fn empty_document_is_null() {
        assert_eq!(parse_str("").unwrap().value, Value::Null);
    }
}
