//! The pages that are mostly their template: free pages (about, method), search and 404.

use crate::diag::Diagnostic;
use crate::model::EntityKind;
use crate::render::markdown::{to_html, to_plain_resolved};
use crate::render::pages::{Page, meta};
use crate::render::site::{Site, entity_path};
use crate::render::views::{Empty, FreePageView};
use crate::text::words::truncate;

/// `pages/<id>/index.html`.
pub fn free_page(site: &Site, pi: usize) -> Result<Page, Diagnostic> {
    let p = &site.model.pages[pi];
    let view = FreePageView {
        body_html: to_html(&p.body.text, "../../", site),
        backlinks: site.backlinks(&p.id),
    };
    let description = truncate(&to_plain_resolved(&p.body.text, site), 160);
    Page::new(
        entity_path(EntityKind::Page, &p.id),
        "page.html",
        meta(&p.title, description),
        &view,
    )
}

/// `search/index.html`.
pub fn search() -> Result<Page, Diagnostic> {
    Page::new(
        "search/index.html".into(),
        "search.html",
        meta("Search", "Search actors, incidents, articles and excerpts."),
        &Empty {},
    )
}

/// `404.html`.
pub fn not_found() -> Result<Page, Diagnostic> {
    Page::new(
        "404.html".into(),
        "404.html",
        meta("Page not found", "This page does not exist."),
        &Empty {},
    )
}
