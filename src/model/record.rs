//! The description of the format: each record kind (dossier.yaml, an actor, an incident, an
//! article's front matter, an annotation file, an excerpt, and the nested role, relation, link,
//! casualty figure and perpetrator) as one list of fields, each with its name, the type of its
//! value, whether it is required, and a one-line doc.
//!
//! Validation reads fields only through these descriptions (its allow-list of field names is
//! the description's list), docs/format.md's field tables are tested against them, and
//! `schema::json_schema` turns them into JSON Schemas for editors. A description is written
//! once, with `record!`, beside the model type it becomes; the macro makes a struct with one
//! [`Field`] per field, so that a validator that destructures it without `..` cannot forget a
//! field (the compiler names a missing one, and an unread one is an unused variable, an error
//! in `validate`).

use std::fmt;

use super::{EntityKind, List};

/// One field of a record: what the format says of it.
#[derive(Debug)]
pub struct Field {
    pub(in crate::model) name: &'static str,
    pub(in crate::model) ty: Type,
    pub(in crate::model) presence: Presence,
    pub(in crate::model) doc: &'static str,
}

/// What a field's value is.
#[derive(Debug, Clone, Copy)]
pub enum Type {
    /// Text: a YAML string (numbers and `true`/`false` are read as their text).
    Text,
    /// A list of texts; one text alone is a list of one.
    TextList,
    /// Text read as Markdown, with wikilinks.
    Markdown,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    Date,
    /// An absolute http(s) URL.
    Url,
    /// A BCP 47 language tag (`en`, `ur`, `pt-BR`).
    Language,
    /// `true` or `false`.
    Bool,
    /// A whole number from `min` to `max`.
    Whole {
        /// The smallest value.
        min: u64,
        /// The largest value.
        max: u64,
    },
    /// One value of a list.
    OneOf(List),
    /// One id: of an entity of this kind, or (`None`) an id that names nothing else (an
    /// excerpt's own id).
    Id(Option<EntityKind>),
    /// A list of ids (one id alone is a list of one, an empty value an empty list): of entities
    /// of this kind, or (`None`) names in the form of ids (tags, added list values).
    Ids(Option<EntityKind>),
    /// A list of records of this kind (mappings).
    Records(&'static dyn Record),
    /// A list whose items are either the id of an entity of this kind alone or a record of
    /// this kind (perpetrators).
    IdsOrRecords(EntityKind, &'static dyn Record),
}

/// Whether a field must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always: missing or empty is a `missing-field` error.
    Required,
    /// Never.
    Optional,
    /// Never; without it, this value applies (as YAML writes it).
    Default(&'static str),
    /// In some cases, which validation checks itself; the text says which, as docs/format.md
    /// does.
    Conditional(&'static str),
}

impl Field {
    /// The name, as written in files.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// What its value is.
    pub const fn ty(&self) -> Type {
        self.ty
    }

    /// Whether it must be given.
    pub const fn presence(&self) -> Presence {
        self.presence
    }

    /// Whether a file without it is an error.
    pub fn is_required(&self) -> bool {
        self.presence == Presence::Required
    }

    /// What it means, in one line.
    pub fn doc(&self) -> &'static str {
        self.doc.trim()
    }

    /// The kind of entity its ids must name, for a field of ids.
    pub fn refers_to(&self) -> Option<EntityKind> {
        match self.ty {
            Type::Id(kind) | Type::Ids(kind) => kind,
            Type::IdsOrRecords(kind, _) => Some(kind),
            _ => None,
        }
    }

    /// The record each item is, for a list of records.
    pub fn record(&self) -> Option<&'static dyn Record> {
        match self.ty {
            Type::Records(record) | Type::IdsOrRecords(_, record) => Some(record),
            _ => None,
        }
    }
}

/// A record kind of the format: a mapping of fields. Made by `record!`.
pub trait Record: Sync + fmt::Debug {
    /// How messages name one: `an excerpt`, `dossier.yaml`.
    fn what(&self) -> &'static str;
    /// What it is, in one line.
    fn doc(&self) -> &'static str;
    /// Its fields, in the order messages list them (`expected one of: …`).
    fn fields(&self) -> &'static [&'static Field];
}

impl dyn Record + '_ {
    /// Whether `field` is one of this record's fields (the very one, not a namesake of another
    /// record).
    pub fn has(&self, field: &Field) -> bool {
        self.fields().iter().any(|f| std::ptr::eq(*f, field))
    }

    /// The field of this name.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields().iter().copied().find(|f| f.name == name)
    }
}

/// Every record kind, the files' own first (dossier.yaml, actor, incident, article front
/// matter, annotation file, page front matter), then the nested ones.
pub fn records() -> [&'static dyn Record; 12] {
    use super::*;
    [
        &CONFIG,
        &ACTOR,
        &INCIDENT,
        &ARTICLE,
        &ANNOTATIONS,
        &PAGE,
        &EXCERPT,
        &ROLE,
        &RELATION,
        &LINK,
        &CASUALTY,
        &PERPETRATOR,
    ]
}

/// Describes a record kind: a struct `$Fields` with one [`Field`] per field, its one value
/// `$NAME`, and its [`Record`] implementation. Each field is written
/// `/// doc` then `ident: "name", Type, Presence;` (the ident differs from the name only where
/// the name is a Rust keyword: `kind: "type"`).
macro_rules! record {
    (
        #[doc = $doc:literal]
        $vis:vis static $NAME:ident: $Fields:ident = $what:literal {
            $(
                #[doc = $fdoc:literal]
                $field:ident: $name:literal, $ty:expr, $presence:expr;
            )*
        }
    ) => {
        #[doc = $doc]
        #[doc = ""]
        #[doc = "The fields, as described in [`"]
        #[doc = stringify!($NAME)]
        #[doc = "`]."]
        #[derive(Debug)]
        $vis struct $Fields {
            $(
                #[doc = concat!("`", $name, "`:", $fdoc)]
                pub $field: $crate::model::Field,
            )*
        }

        #[doc = $doc]
        $vis static $NAME: $Fields = $Fields {
            $(
                $field: $crate::model::Field {
                    name: $name,
                    ty: $ty,
                    presence: $presence,
                    doc: $fdoc,
                },
            )*
        };

        impl $crate::model::Record for $Fields {
            fn what(&self) -> &'static str {
                $what
            }

            fn doc(&self) -> &'static str {
                $doc.trim()
            }

            fn fields(&self) -> &'static [&'static $crate::model::Field] {
                static FIELDS: &[&$crate::model::Field] = &[$(&$NAME.$field),*];
                FIELDS
            }
        }
    };
}
pub(in crate::model) use record;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_is_listed_once_and_its_nested_records_too() {
        let all = records();
        for (i, r) in all.iter().enumerate() {
            assert!(!r.fields().is_empty(), "{}", r.what());
            for other in &all[i + 1..] {
                assert!(!std::ptr::addr_eq(*r, *other), "{} listed twice", r.what());
            }
            for f in r.fields() {
                if let Some(nested) = f.record() {
                    assert!(
                        all.iter().any(|r| std::ptr::addr_eq(*r, nested)),
                        "{}: the record of `{}` is not in records()",
                        r.what(),
                        f.name()
                    );
                }
            }
        }
    }

    #[test]
    fn field_names_are_unique_and_documented() {
        for r in records() {
            let mut names: Vec<&str> = r.fields().iter().map(|f| f.name()).collect();
            names.sort_unstable();
            let count = names.len();
            names.dedup();
            assert_eq!(names.len(), count, "{}: a field is described twice", r.what());
            for f in r.fields() {
                assert!(
                    !f.doc().is_empty() && !f.doc().contains('\n'),
                    "{}: `{}`",
                    r.what(),
                    f.name()
                );
                assert!(std::ptr::eq(r.field(f.name()).unwrap(), *f));
                assert!(r.has(f));
            }
        }
    }
}
