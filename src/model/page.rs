//! A free page (`content/pages/<id>.md`: "About", "Method"), and the description of its front
//! matter.

use std::sync::Arc;

use super::Markdown;
use super::record::{Presence, Type, record};
use crate::source::Source;

/// A free page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The `.md` file.
    pub source: Arc<Source>,
    /// Body as Markdown.
    pub body: Markdown,
}

record! {
    /// The front matter of a free page (`content/pages/<id>.md`); the body is Markdown.
    pub static PAGE: PageFields = "a page's front matter" {
        /// The page title.
        title: "title", Type::Text, Presence::Required;
        /// Left out of the site unless built with `--drafts`.
        draft: "draft", Type::Bool, Presence::Default("false");
    }
}
