//! The validated dossier: the types every later stage works on, and the description of the
//! format they are read from.
//!
//! Values here have passed validation: ids are well formed and unique, references resolve,
//! dates are real calendar dates, every quote is anchored. Each value keeps where it came from
//! (`Loc`) so that later passes (the index's warnings) can still point at the file. Nothing here
//! does I/O or knows about HTML.
//!
//! One file per record kind holds its type and the description of its fields (`record!`, see
//! `record.rs`): `config.rs` (dossier.yaml), `article.rs`, `excerpt.rs` (and the annotation
//! file), `actor.rs` (and roles, relations, links), `incident.rs` (and casualty figures,
//! perpetrators), `page.rs`. `dossier.rs` holds the whole (`Dossier`, the id namespace, its
//! Markdown fields); `date.rs`, `ids.rs` and `lists.rs` the values; `schema.rs` turns the
//! descriptions into JSON Schemas.

mod actor;
mod article;
mod assets;
mod config;
mod date;
mod dossier;
mod excerpt;
mod ids;
mod incident;
mod lists;
mod page;
mod record;
pub mod schema;
mod texts;

#[cfg(test)]
mod format_docs;

use std::ops::Range;
use std::sync::Arc;

use crate::source::Source;

pub use actor::*;
pub use article::*;
pub use assets::*;
pub use config::*;
pub use date::*;
pub use dossier::*;
pub use excerpt::*;
pub use ids::*;
pub use incident::*;
pub use lists::*;
pub use page::*;
pub use record::{Field, Presence, Record, Type, records};

/// Where a value came from: a file and a byte span in it.
#[derive(Debug, Clone)]
pub struct Loc {
    /// The file.
    pub source: Arc<Source>,
    /// The bytes.
    pub span: Range<usize>,
}

impl Loc {
    /// A whole file, pointed at by its start (where messages about the file itself go).
    pub fn file(source: &Arc<Source>) -> Loc {
        Loc {
            source: source.clone(),
            span: 0..0,
        }
    }
}

/// A Markdown field and where its text starts, so a broken `[[link]]` inside it can be located.
#[derive(Debug, Clone)]
pub struct Markdown {
    /// The Markdown text.
    pub text: String,
    /// The field's value in its file.
    pub loc: Loc,
}

/// A reference to another entity by id, with where it was written.
#[derive(Debug, Clone)]
pub struct Ref {
    /// The id referred to.
    pub id: String,
    /// Where.
    pub loc: Loc,
}
