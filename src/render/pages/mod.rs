//! One file per kind of page: each builds the typed context of its template (see `views`) and
//! says where the page goes. Rendering and writing happen in `render`; nothing here touches
//! the template engine's output or the file system.

pub mod actor;
pub mod article;
pub mod book;
pub mod graph;
pub mod home;
pub mod incident;
pub mod lists;
pub mod page;
pub mod paginate;
pub mod section;
pub mod timeline;

use serde::Serialize;

use crate::diag::{Diagnostic, Severity};
use crate::render::views::PageMeta;

/// A page ready to render: its output path (file form, `actors/isi/index.html`), template,
/// title and description, schema.org description, and its own variables.
pub struct Page {
    /// The output path.
    pub path: String,
    /// The template that renders it.
    pub template: &'static str,
    /// `page`.
    pub meta: PageMeta,
    /// The schema.org description; `None` gives the default (`WebSite` or `WebPage` with the
    /// title).
    pub jsonld: Option<serde_json::Value>,
    /// The variables of the page's own view.
    pub context: tera::Context,
    /// An article's text, which the template gets as `body_html` (see `article::Body`).
    pub body: Option<article::Body>,
}

impl Page {
    /// A page of `template` at `path` showing `view`.
    pub fn new(
        path: String,
        template: &'static str,
        meta: PageMeta,
        view: &impl Serialize,
    ) -> Result<Page, Diagnostic> {
        let context = tera::Context::from_serialize(view)
            .map_err(|e| Diagnostic::global(Severity::Error, "template", format!("{template}: {e}")))?;
        Ok(Page {
            path,
            template,
            meta,
            jsonld: None,
            context,
            body: None,
        })
    }

    /// The same page with its schema.org description.
    pub fn with_jsonld(mut self, jsonld: serde_json::Value) -> Page {
        self.jsonld = Some(jsonld);
        self
    }

    /// The same page with an article's text, which its template gets as `body_html`.
    pub fn with_body(mut self, body: article::Body) -> Page {
        self.body = Some(body);
        self
    }
}

/// `page` for a title and a description.
pub fn meta(title: impl Into<String>, description: impl Into<String>) -> PageMeta {
    PageMeta {
        title: title.into(),
        description: description.into(),
    }
}
