//! The site's files that are not pages: the feeds and maps for machines (`sitemap.xml`,
//! `atom.xml`, `robots.txt`), the data exports (`dossier.json`, and for other tools
//! `annotations.jsonld`, `csv/`, `graph.graphml`, `followthemoney.jsonl`, `incidents.ics`) and
//! the icon.
//!
//! Every export publishes what the article's publishing mode allows and no more: an
//! excerpt's own passage always (a short quotation), text of the article around it only
//! when the article is published in full (`Publish::Full`, see [`shows_text`]).

pub mod annotations;
pub mod calendar;
pub mod export;
pub mod feeds;
pub mod ftm;
pub mod graphml;
pub mod tables;

use crate::model::{Article, EntityKind, Markdown, Publish};
use crate::render::jsonld::absolute_url;
use crate::render::markdown::to_plain_resolved;
use crate::render::site::{Site, entity_path};

/// The reading aids every page loads (previews of links on hover and focus, keys to move
/// between excerpts); the pages read the same without them.
pub const READER_JS: &str = include_str!("../assets/reader.js");

/// The site icon: a plain document mark, so browsers do not ask the host for /favicon.ico.
pub const FAVICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect x=\"2\" y=\"1\" width=\"12\" height=\"14\" rx=\"1\" fill=\"#1f4e79\"/><path d=\"M5 5h6M5 8h6M5 11h4\" stroke=\"#fff\" stroke-width=\"1.2\"/></svg>\n";

/// What writes one export: the site in, the file's bytes out, piece by piece.
pub type WriteExport = fn(&Site, &mut dyn std::io::Write) -> std::io::Result<()>;

/// The exports for other tools (besides `dossier.json`), by path, each with its writer, in the
/// order a build writes them.
pub fn exports() -> Vec<(String, WriteExport)> {
    let mut all: Vec<(String, WriteExport)> = vec![
        (annotations::PATH.into(), annotations::write),
        (graphml::PATH.into(), graphml::write),
        (ftm::PATH.into(), ftm::write),
        (calendar::PATH.into(), calendar::write),
    ];
    for (name, write) in tables::TABLES {
        all.push((format!("{}/{name}", tables::FOLDER), *write));
    }
    all
}

/// Whether an export may carry the text of `article` beyond its excerpts' own passages
/// (context around a quote, the body): only when the article is published in full.
pub fn shows_text(article: &Article) -> bool {
    article.publish == Publish::Full
}

/// The address of a file of the site as exports write it: absolute with a `base_url`, else
/// relative to the site's root (where every export lies, so it resolves from the export).
pub fn site_iri(site: &Site, path: &str) -> String {
    match &site.model.config.base_url {
        Some(base) => absolute_url(base, path, site.model.config.pretty_urls),
        None => site.link(path),
    }
}

/// The address of an entity's page, as [`site_iri`].
pub fn page_iri(site: &Site, kind: EntityKind, id: &str) -> String {
    site_iri(site, &entity_path(kind, id))
}

/// The absolute address of an entity's page, when the dossier has a `base_url` (formats whose
/// URLs must be absolute leave the page out without one).
pub fn absolute_page_iri(site: &Site, kind: EntityKind, id: &str) -> Option<String> {
    site.model.config.base_url.as_ref().map(|_| page_iri(site, kind, id))
}

/// A Markdown field as plain text, wikilinks as their names.
pub fn plain(site: &Site, md: &Option<Markdown>) -> Option<String> {
    md.as_ref().map(|m| to_plain_resolved(&m.text, site).trim().to_string())
}
