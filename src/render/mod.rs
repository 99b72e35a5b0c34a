//! Render: the model and index in, every output file (path and bytes) out.
//!
//! Each page kind has its file in `pages/`, which builds the page's typed context (`views`:
//! only the data that page shows); one Tera template renders it. Every internal URL is
//! relative: a page knows its depth and prefixes site paths with `root` (`../../` on an entity
//! page), so the output works at a domain root, under a sub-path and from disk alike, and
//! every URL is made in `site` in the dossier's link style (`pretty_urls`). An article's text is
//! rendered once, for its page and its excerpts' pages together. The feeds, the data export and
//! the icon are in `files/`; the search index in `search`; the pictures in `svg/`. Static files
//! (theme, then the dossier's) are part of the output here too, replacing a generated file of
//! the same path with a note. Pages render in parallel; the list of files is sorted, so output
//! is deterministic. Nothing here touches the file system: `write` does.

pub mod files;
pub mod highlight;
pub mod jsonld;
pub mod markdown;
pub mod pages;
pub mod sanitize;
pub mod search;
pub mod site;
pub mod svg;
pub mod templates;
pub mod views;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::json;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::index::Index;
use crate::model::*;
use markdown::{to_html, to_plain_resolved};
use pages::Page;
use site::{Shared, Site};
use views::{Counts, PageLink, SiteView, StanceView};

pub use site::{entity_path, excerpt_name, excerpt_texts};
pub use templates::Templates;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Render every page of the site, and the site's other files.
pub fn render(model: &Dossier, index: &Index, templates: &Templates) -> (Vec<OutputFile>, Diagnostics) {
    let shared = Shared::new(model);
    let site = Site {
        model,
        index,
        shared: &shared,
    };
    let mut diags = Diagnostics::default();

    // The pages, each built and rendered in parallel.
    let mut built: Vec<Result<Page, Diagnostic>> = vec![
        pages::home::home(&site),
        pages::lists::actors(&site),
        pages::lists::incidents(&site),
        pages::lists::articles(&site),
        pages::lists::excerpts(&site),
        pages::timeline::timeline(&site),
        pages::graph::graph(&site),
        pages::page::search(),
        pages::lists::tags(&site),
        pages::page::not_found(),
    ];
    built.par_extend(
        (0..model.actors.len())
            .into_par_iter()
            .map(|i| pages::actor::actor(&site, i)),
    );
    built.par_extend(
        (0..model.incidents.len())
            .into_par_iter()
            .map(|i| pages::incident::incident(&site, i)),
    );
    built.par_extend(
        (0..model.articles.len())
            .into_par_iter()
            .flat_map_iter(|i| pages::article::article_and_excerpts(&site, i)),
    );
    built.par_extend(
        (0..model.pages.len())
            .into_par_iter()
            .map(|i| pages::page::free_page(&site, i)),
    );
    built.par_extend(
        index
            .tags
            .par_iter()
            .map(|(tag, (articles, excerpts))| pages::lists::tag(&site, tag, articles, excerpts)),
    );
    let frame = Frame::new(&site);
    let results: Vec<Result<OutputFile, Diagnostic>> = built
        .into_par_iter()
        .map(|page| frame.render(page?, templates))
        .collect();
    let mut files = Vec::with_capacity(results.len() + 8);
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }

    // The other files.
    let mut docs = search::documents(model, index, &shared.texts);
    if model.config.pretty_urls {
        for d in &mut docs {
            if let Some(folder) = d.url.strip_suffix("index.html") {
                d.url = folder.to_string();
            }
        }
    }
    let file = |path: &str, bytes: Vec<u8>| OutputFile {
        path: path.into(),
        bytes,
    };
    files.push(file("search-index.js", search::index_js(&docs).into_bytes()));
    files.push(file("favicon.svg", files::FAVICON.as_bytes().to_vec()));
    files.push(file("search.js", search::SEARCH_JS.as_bytes().to_vec()));
    files.push(file("dossier.json", files::export::export_json(&site)));
    files.push(file("robots.txt", files::feeds::robots(model).into_bytes()));
    if let Some(base) = &model.config.base_url {
        let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        files.push(file(
            "sitemap.xml",
            files::feeds::sitemap(base, &paths, model.config.pretty_urls).into_bytes(),
        ));
        files.push(file("atom.xml", files::feeds::atom(&site, base).into_bytes()));
    }
    add_static_files(&mut files, &templates.static_files, &mut diags);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, diags)
}

/// The static files (theme, then the dossier's `static/`) join the output. One with the path of
/// a generated file (a hand-written robots.txt, say) replaces it, as in Hugo and Zola; a note
/// says so, so it is never a surprise. Replacing one of dossier's scripts is a warning: it runs
/// on every page that loads it.
fn add_static_files(files: &mut Vec<OutputFile>, statics: &BTreeMap<String, Vec<u8>>, diags: &mut Diagnostics) {
    for (path, bytes) in statics {
        if let Some(generated) = files.iter_mut().find(|f| &f.path == path) {
            let script = path.ends_with(".js");
            diags.push(Diagnostic::global(
                if script { Severity::Warning } else { Severity::Note },
                if script {
                    "static-replaces-script"
                } else {
                    "static-replaces-page"
                },
                format!("static/{path} replaces the generated {path}"),
            ));
            generated.bytes = bytes.clone();
        } else {
            files.push(OutputFile {
                path: path.clone(),
                bytes: bytes.clone(),
            });
        }
    }
}

/// What every page has besides its own view (`site`, `root`, `path`, `canonical`, `jsonld`,
/// `urls`), prepared once per depth.
struct Frame<'s, 'a> {
    site: &'s Site<'a>,
    /// `site`, for pages at depth 0, 1 and 2 (its description's links differ by depth).
    site_views: Vec<tera::Value>,
}

impl<'s, 'a> Frame<'s, 'a> {
    fn new(site: &'s Site<'a>) -> Self {
        let site_views = (0..3)
            .map(|depth| tera::Value::from_serializable(&site_view(site, &"../".repeat(depth))))
            .collect();
        Frame { site, site_views }
    }

    /// Renders one page with its template.
    fn render(&self, page: Page, templates: &Templates) -> Result<OutputFile, Diagnostic> {
        let config = &self.site.model.config;
        let path = page.path;
        let depth = path.matches('/').count();
        // The 404 page is served at any depth by web hosts, so it links absolutely when it can.
        let root = match (&config.base_url, path.as_str()) {
            (Some(base), "404.html") => base.clone(),
            _ => "../".repeat(depth),
        };
        let jsonld = page.jsonld.unwrap_or_else(|| {
            let kind = if path == "index.html" { "WebSite" } else { "WebPage" };
            json!({"@type": kind, "name": page.meta.title})
        });
        let mut context = page.context;
        context.insert("page", &page.meta);
        context.insert("jsonld", &jsonld::ld_text(jsonld, self.site, &path));
        context.insert_value("site", self.site_views[depth.min(2)].clone());
        context.insert("urls", &self.site.urls(&root));
        context.insert("root", &root);
        context.insert(
            "canonical",
            &config
                .base_url
                .as_ref()
                .map(|b| jsonld::absolute_url(b, &path, config.pretty_urls)),
        );
        context.insert("path", &path);
        let html = templates.render(page.template, &context)?;
        Ok(OutputFile {
            path,
            bytes: html.into_bytes(),
        })
    }
}

/// `site`, for a page at `root`.
fn site_view<'a>(site: &Site<'a>, root: &str) -> SiteView<'a> {
    let m = site.model;
    let c = &m.config;
    SiteView {
        title: &c.title,
        description_html: c.description.as_ref().map(|d| to_html(&d.text, root, site)),
        description: c.description.as_ref().map(|d| to_plain_resolved(&d.text, site)),
        language: &c.language,
        base_url: c.base_url.as_deref(),
        pages: (0..m.pages.len()).map(|p| site.page_link(p)).collect::<Vec<PageLink>>(),
        stances: c
            .stances
            .iter()
            .map(|s| StanceView {
                id: s,
                label: site.label(s),
            })
            .collect(),
        counts: Counts {
            articles: m.articles.len(),
            actors: m.actors.len(),
            incidents: m.incidents.len(),
            excerpts: m.excerpts.len(),
        },
    }
}
