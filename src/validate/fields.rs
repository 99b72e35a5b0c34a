//! Reading a record's fields through its description: `Obj` checks a mapping's keys against
//! the record's fields once (unknown fields with a did-you-mean, fields given twice), then
//! hands out values one described [`Field`] at a time, each read as its type says (text, a
//! date, one of a list, ids, a whole number in its range, a URL, true or false, a list of
//! records), required where the description says so. The value readers for what is not a
//! field of its own (an item of a list, a file name as an id) sit here too.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::model::{Config, Date, Field, List, Loc, Markdown, Presence, Record, Ref, Type, is_valid_id, slugify};
use crate::source::Source;
use crate::text::language;
use crate::yaml::{Key, Node, Value};

/// How messages name a reference whose value is not text, whatever its field ("`id` must be
/// text"): what is wrong is the id, not the field.
const AN_ID: &str = "id";

/// A mapping being validated as one record: checks its keys once, then hands out fields.
pub(super) struct Obj<'a> {
    /// The file.
    pub(super) source: &'a Arc<Source>,
    node: &'a Node,
    entries: &'a [(Key, Node)],
    record: &'static dyn Record,
}

impl<'a> Obj<'a> {
    /// Checks that `node` is a mapping with only `record`'s fields, each at most once.
    pub(super) fn new(
        source: &'a Arc<Source>,
        node: &'a Node,
        record: &'static dyn Record,
        diags: &mut Diagnostics,
    ) -> Option<Obj<'a>> {
        let what = record.what();
        let Value::Map(entries) = &node.value else {
            diags.push(
                Diagnostic::error(
                    "wrong-type",
                    source,
                    node.span.clone(),
                    format!("{what} must be a mapping of fields"),
                )
                .label(format!("expected `field: value` lines, found {}", node.kind())),
            );
            return None;
        };
        let allowed: Vec<&str> = record.fields().iter().map(|f| f.name()).collect();
        let mut seen: HashMap<&str, &Key> = HashMap::new();
        for (key, _) in entries {
            if !allowed.contains(&key.name.as_str()) {
                diags.push(
                    Diagnostic::error(
                        "unknown-field",
                        source,
                        key.span.clone(),
                        format!("unknown field `{}` in {what}", key.name),
                    )
                    .label(format!("expected one of: {}", allowed.join(", ")))
                    .suggest(did_you_mean(&key.name, allowed.iter().copied())),
                );
            } else if let Some(first) = seen.insert(key.name.as_str(), key) {
                let (line, _) = source.line_col(first.span.start);
                diags.push(
                    Diagnostic::error(
                        "duplicate-field",
                        source,
                        key.span.clone(),
                        format!("field `{}` is given twice", key.name),
                    )
                    .label(format!("already given on line {line}")),
                );
            }
        }
        Some(Obj {
            source,
            node,
            entries,
            record,
        })
    }

    /// An item of the list `field`, read as the record the description gives its items.
    pub(super) fn item(&self, field: &Field, node: &'a Node, diags: &mut Diagnostics) -> Option<Obj<'a>> {
        let record = field.record().expect("a list of records");
        Obj::new(self.source, node, record, diags)
    }

    /// The value of `field`, if given (even if empty).
    pub(super) fn get(&self, field: &Field) -> Option<&'a Node> {
        debug_assert!(
            self.record.has(field),
            "`{}` is not a field of {}",
            field.name(),
            self.record.what()
        );
        self.entries
            .iter()
            .find(|(k, _)| k.name == field.name())
            .map(|(_, v)| v)
    }

    /// Whether `field` is given.
    pub(super) fn has(&self, field: &Field) -> bool {
        self.get(field).is_some()
    }

    /// The value of `field`; missing or empty is an error when it is required.
    pub(super) fn value(&self, field: &Field, diags: &mut Diagnostics) -> Option<&'a Node> {
        let v = self.get(field);
        if field.presence() != Presence::Required {
            return v;
        }
        if v.is_none() || matches!(v, Some(Node { value: Value::Null, .. })) {
            let span = self
                .entries
                .first()
                .map_or(self.node.span.clone(), |(k, _)| k.span.clone());
            let name = field.name();
            diags.push(
                Diagnostic::error(
                    "missing-field",
                    self.source,
                    span,
                    format!("{} has no `{name}:`", self.record.what()),
                )
                .label(format!("`{name}` is required")),
            );
            return None;
        }
        v
    }

    fn loc(&self, node: &Node) -> Loc {
        Loc {
            source: self.source.clone(),
            span: node.span.clone(),
        }
    }

    /// A text field, with its value's node.
    pub(super) fn text_at(&self, field: &Field, diags: &mut Diagnostics) -> Option<(&'a Node, String)> {
        debug_assert!(matches!(field.ty(), Type::Text), "`{}`", field.name());
        let node = self.value(field, diags)?;
        Some((node, as_string(self.source, node, field.name(), diags)?))
    }

    /// A text field.
    pub(super) fn text(&self, field: &Field, diags: &mut Diagnostics) -> Option<String> {
        self.text_at(field, diags).map(|(_, text)| text)
    }

    /// A Markdown field.
    pub(super) fn markdown(&self, field: &Field, diags: &mut Diagnostics) -> Option<Markdown> {
        debug_assert!(matches!(field.ty(), Type::Markdown), "`{}`", field.name());
        let node = self.value(field, diags)?;
        let text = as_string(self.source, node, field.name(), diags)?;
        Some(Markdown {
            text,
            loc: self.loc(node),
        })
    }

    /// A date field.
    pub(super) fn date(&self, field: &Field, diags: &mut Diagnostics) -> Option<Date> {
        debug_assert!(matches!(field.ty(), Type::Date), "`{}`", field.name());
        let node = self.value(field, diags)?;
        as_date(self.source, node, diags)
    }

    /// A field that takes one value of a list: the dossier's list when `config` is given (with
    /// the values dossier.yaml adds), the built-in one otherwise.
    pub(super) fn one_of(&self, field: &Field, config: Option<&Config>, diags: &mut Diagnostics) -> Option<String> {
        let Type::OneOf(list) = field.ty() else {
            unreachable!("`{}` is not one of a list", field.name())
        };
        let node = self.value(field, diags)?;
        let name = field.name();
        let value = as_string(self.source, node, name, diags)?;
        let allowed = list.values(config);
        if allowed.contains(&value) {
            Some(value)
        } else {
            diags.push(
                Diagnostic::error(
                    "unknown-value",
                    self.source,
                    node.span.clone(),
                    // A setting's name is not what its values are called (`publish:` holds a
                    // publishing mode); a record's field is (`stance:`, `kind:`).
                    format!(
                        "`{value}` is not a known {}",
                        match list {
                            List::PublishModes | List::Mentions => list.noun(),
                            _ => name,
                        }
                    ),
                )
                .label(format!("expected one of: {}", allowed.join(", ")))
                .suggest(did_you_mean(&value, allowed.iter().map(String::as_str))),
            );
            None
        }
    }

    /// A field holding one id.
    pub(super) fn reference(&self, field: &Field, diags: &mut Diagnostics) -> Option<Ref> {
        debug_assert!(matches!(field.ty(), Type::Id(_)), "`{}`", field.name());
        let node = self.value(field, diags)?;
        as_ref(self.source, node, diags)
    }

    /// A list of ids; a single id is accepted as a list of one.
    pub(super) fn references(&self, field: &Field, diags: &mut Diagnostics) -> Vec<Ref> {
        debug_assert!(matches!(field.ty(), Type::Ids(_)), "`{}`", field.name());
        let Some(node) = self.get(field) else { return Vec::new() };
        match &node.value {
            Value::Seq(items) => {
                // Reserved exactly: collected from `filter_map`, a list of one or two ids took
                // room for four (192 bytes): 74 MiB at the end of a 50,000-article validation.
                let mut refs = Vec::with_capacity(items.len());
                refs.extend(items.iter().filter_map(|n| as_ref(self.source, n, diags)));
                refs
            }
            Value::Null => Vec::new(),
            _ => as_ref(self.source, node, diags).into_iter().collect(),
        }
    }

    /// Tags: ids, as a list or a single value, sorted, each once.
    pub(super) fn tags(&self, field: &Field, diags: &mut Diagnostics) -> Vec<String> {
        let mut tags: Vec<String> = self.references(field, diags).into_iter().map(|r| r.id).collect();
        tags.sort();
        tags.dedup();
        tags.shrink_to_fit();
        tags
    }

    /// A list of texts; a single text is accepted as a list of one.
    pub(super) fn texts(&self, field: &Field, diags: &mut Diagnostics) -> Vec<String> {
        debug_assert!(matches!(field.ty(), Type::TextList), "`{}`", field.name());
        let Some(node) = self.get(field) else { return Vec::new() };
        let name = field.name();
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|n| as_string(self.source, n, name, diags))
                .collect(),
            Value::Null => Vec::new(),
            _ => as_string(self.source, node, name, diags).into_iter().collect(),
        }
    }

    /// The items of a list of records (see [`Obj::item`]).
    pub(super) fn list(&self, field: &Field, diags: &mut Diagnostics) -> &'a [Node] {
        debug_assert!(field.record().is_some(), "`{}`", field.name());
        let Some(node) = self.get(field) else { return &[] };
        match &node.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            _ => {
                diags.push(
                    Diagnostic::error(
                        "wrong-type",
                        self.source,
                        node.span.clone(),
                        format!("`{}` must be a list", field.name()),
                    )
                    .label(format!(
                        "expected a list (lines starting with `- `), found {}",
                        node.kind()
                    )),
                );
                &[]
            }
        }
    }

    /// A URL field.
    pub(super) fn url(&self, field: &Field, diags: &mut Diagnostics) -> Option<String> {
        debug_assert!(matches!(field.ty(), Type::Url), "`{}`", field.name());
        let node = self.value(field, diags)?;
        let value = as_string(self.source, node, field.name(), diags)?;
        check_url(self.source, node, value, diags)
    }

    /// A language tag, in its usual case; a value that is not one is `bad-language`, with the
    /// tag meant when it is a language's name or has an underscore.
    pub(super) fn language(&self, field: &Field, diags: &mut Diagnostics) -> Option<String> {
        debug_assert!(matches!(field.ty(), Type::Language), "`{}`", field.name());
        let node = self.value(field, diags)?;
        let value = as_string(self.source, node, field.name(), diags)?;
        let value = value.trim();
        if let Some(tag) = language::parse_tag(value) {
            return Some(tag);
        }
        let d = Diagnostic::error(
            "bad-language",
            self.source,
            node.span.clone(),
            format!("`{value}` is not a language tag"),
        )
        .label("expected a BCP 47 tag such as `en`, `ur`, `ar` or `pt-BR`")
        .suggest(language::suggest_tag(value));
        diags.push(d);
        None
    }

    /// A whole number in the range the description gives.
    pub(super) fn whole(&self, field: &Field, diags: &mut Diagnostics) -> Option<u64> {
        let Type::Whole { min, max } = field.ty() else {
            unreachable!("`{}` is not a whole number", field.name())
        };
        let node = self.value(field, diags)?;
        let parsed = match &node.value {
            Value::Number(n) => n.parse::<u64>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                diags.push(wrong_value(
                    self.source,
                    node,
                    format!("`{}` must be a whole number from {min} to {max}", field.name()),
                ));
                None
            }
        }
    }

    /// `true` or `false`.
    pub(super) fn boolean(&self, field: &Field, diags: &mut Diagnostics) -> Option<bool> {
        debug_assert!(matches!(field.ty(), Type::Bool), "`{}`", field.name());
        let node = self.value(field, diags)?;
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                diags.push(wrong_value(
                    self.source,
                    node,
                    format!("`{}` must be true or false", field.name()),
                ));
                None
            }
        }
    }
}

/// A value that is not what its field takes, quoted (its text, or what it is).
fn wrong_value(source: &Arc<Source>, node: &Node, message: String) -> Diagnostic {
    let found = match node.scalar_text() {
        Some(t) => format!("`{t}`"),
        None => node.kind().to_string(),
    };
    Diagnostic::error("wrong-type", source, node.span.clone(), message).label(format!("found {found}"))
}

pub(super) fn as_string(source: &Arc<Source>, node: &Node, name: &str, diags: &mut Diagnostics) -> Option<String> {
    match &node.value {
        Value::Str(s) | Value::Number(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        _ => {
            diags.push(
                Diagnostic::error(
                    "wrong-type",
                    source,
                    node.span.clone(),
                    format!("`{name}` must be text"),
                )
                .label(format!("expected text, found {}", node.kind())),
            );
            None
        }
    }
}

fn as_date(source: &Arc<Source>, node: &Node, diags: &mut Diagnostics) -> Option<Date> {
    let text = match node.scalar_text() {
        Some(t) => t.trim().to_string(),
        None => {
            diags.push(
                Diagnostic::error(
                    "bad-date",
                    source,
                    node.span.clone(),
                    "a date must be YYYY-MM-DD, YYYY-MM or YYYY",
                )
                .label(format!("found {}", node.kind())),
            );
            return None;
        }
    };
    match Date::parse(&text) {
        Ok(d) => Some(d),
        Err(why) => {
            diags.push(
                Diagnostic::error(
                    "bad-date",
                    source,
                    node.span.clone(),
                    format!("`{text}` is not a valid date"),
                )
                .label(why)
                .help("write dates as YYYY-MM-DD, or YYYY-MM / YYYY when the source is no more precise"),
            );
            None
        }
    }
}

/// A reference: one id, where it is written.
pub(super) fn as_ref(source: &Arc<Source>, node: &Node, diags: &mut Diagnostics) -> Option<Ref> {
    let id = as_string(source, node, AN_ID, diags)?;
    if !is_valid_id(&id) {
        diags.push(
            Diagnostic::error("bad-id", source, node.span.clone(), format!("`{id}` is not a valid id"))
                .label("ids are lowercase letters, digits and single hyphens, at most 80 bytes")
                .help(format!("the nearest valid id is `{}`", slugify(&id))),
        );
        return None;
    }
    Some(Ref {
        id,
        loc: Loc {
            source: source.clone(),
            span: node.span.clone(),
        },
    })
}

fn check_url(source: &Arc<Source>, node: &Node, value: String, diags: &mut Diagnostics) -> Option<String> {
    let lower = value.trim().to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && lower.len() > "https://".len()
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Some(value.trim().to_string())
    } else {
        diags.push(
            Diagnostic::error(
                "bad-url",
                source,
                node.span.clone(),
                format!("`{value}` is not an http(s) URL"),
            )
            .label("expected an absolute URL starting with https:// or http://"),
        );
        None
    }
}

/// Whether a file's name (its id) is a valid id; reports it with the name to rename it to.
pub(super) fn check_file_id(source: &Arc<Source>, stem: &str, diags: &mut Diagnostics) -> bool {
    if is_valid_id(stem) {
        return true;
    }
    diags.push(
        Diagnostic::error(
            "bad-id",
            source,
            0..0,
            format!("the file name `{stem}` is not a valid id"),
        )
        .label("ids are lowercase letters, digits and single hyphens, at most 80 bytes")
        .help(format!(
            "rename the file to `{}`",
            source.path.replace(stem, &slugify(stem))
        )),
    );
    false
}
