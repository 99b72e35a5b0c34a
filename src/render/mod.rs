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
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde_json::json;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::index::Index;
use crate::model::*;
use crate::write::{Sink, WriteError};
use markdown::{to_html, to_plain_resolved};
use pages::Page;
use pages::paginate::Pages;
use site::{Shared, Site};
use views::{Counts, PageLink, SiteView, StanceView};

pub use site::{entity_path, excerpt_name, excerpt_texts};
pub use templates::Templates;

/// One output file (a rendered page, before it is put into the sink).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// What rendering produced, besides the files it put.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Problems found while rendering (a template that fails on a page, a static file that
    /// replaces a generated one).
    pub diagnostics: Diagnostics,
    /// How many files were put.
    pub files: usize,
    /// The size of the search index (`search-index.js` and `search-index/`), in bytes.
    pub search_index_bytes: usize,
}

/// Render every page of the site and the site's other files, and put each into `sink` as soon
/// as it is made: pages are rendered in parallel and never held all at once. A failure to put
/// a file stops rendering; a page that fails to render is a diagnostic, and the site is then
/// not to be published.
pub fn render(model: &Dossier, index: &Index, templates: &Templates, sink: &dyn Sink) -> Result<Rendered, WriteError> {
    let shared = Shared::new(model);
    let site = Site {
        model,
        index,
        shared: &shared,
    };
    let out = Output {
        sink,
        statics: &templates.static_files,
        diagnostics: Mutex::new(Diagnostics::default()),
        pages: Mutex::new(Vec::new()),
        files: AtomicUsize::new(0),
    };
    let frame = Frame::new(&site);
    let emit = |page: Result<Page, Diagnostic>| -> Result<(), WriteError> {
        match page.and_then(|p| frame.render(p, templates)) {
            Ok(file) => {
                out.page(&file.path);
                out.put(&file.path, file.bytes)
            }
            Err(d) => {
                out.diagnose(d);
                Ok(())
            }
        }
    };

    each_page(&site, &emit)?;

    // The other files.
    let docs = search::documents(&site);
    let search_index = search::write_index(docs, &search::Shape::default(), &mut |path, bytes| {
        out.put(&path, bytes)
    })?;
    let search_index_bytes = search_index.bytes;
    out.put("favicon.svg", files::FAVICON.as_bytes().to_vec())?;
    out.put("search.js", search::SEARCH_JS.as_bytes().to_vec())?;
    out.put("reader.js", files::READER_JS.as_bytes().to_vec())?;
    out.put_stream("dossier.json", &mut |w| files::export::write_json(&site, w))?;
    out.put("robots.txt", files::feeds::robots(model).into_bytes())?;
    if let Some(base) = &model.config.base_url {
        let pages = std::mem::take(&mut *out.pages.lock().unwrap_or_else(|e| e.into_inner()));
        for (path, text) in files::feeds::sitemaps(base, &pages, model.config.pretty_urls) {
            out.put(&path, text.into_bytes())?;
        }
        out.put("atom.xml", files::feeds::atom(&site, base).into_bytes())?;
    }
    // The static files (theme, then the dossier's `static/`).
    for (path, bytes) in &templates.static_files {
        sink.put(path, bytes)?;
        out.files.fetch_add(1, Ordering::Relaxed);
    }
    let mut diagnostics = out.diagnostics.into_inner().unwrap_or_else(|e| e.into_inner());
    diagnostics.sort();
    Ok(Rendered {
        diagnostics,
        files: out.files.load(Ordering::Relaxed),
        search_index_bytes,
    })
}

/// Every page of the site, made in parallel and handed to `emit` as soon as it is made (an
/// article's page and its excerpts' pages together, since they share one rendering of its
/// text; a long list's pages one at a time). Stops at the first error `emit` returns.
fn each_page<E: Send>(site: &Site, emit: &(dyn Fn(Result<Page, Diagnostic>) -> Result<(), E> + Sync)) -> Result<(), E> {
    let model = site.model;
    let all = |pages: Pages| (0..pages.count).into_par_iter().try_for_each(|k| emit(pages.make(k)));
    let mut lists = vec![
        Pages::one(|| pages::home::home(site)),
        pages::lists::actors(site),
        pages::lists::incidents(site),
        pages::lists::articles(site),
        pages::lists::excerpts(site),
        pages::timeline::timeline(site),
        Pages::one(|| pages::graph::graph(site)),
        Pages::one(pages::page::search),
        pages::lists::tags(site),
        Pages::one(pages::page::not_found),
    ];
    lists.extend(
        site.index
            .tags
            .iter()
            .map(|(tag, (articles, excerpts))| pages::lists::tag(site, tag, articles, excerpts)),
    );
    lists.into_par_iter().try_for_each(all)?;
    (0..model.actors.len())
        .into_par_iter()
        .try_for_each(|i| all(pages::actor::actor(site, i)))?;
    (0..model.incidents.len())
        .into_par_iter()
        .try_for_each(|i| all(pages::incident::incident(site, i)))?;
    (0..model.articles.len())
        .into_par_iter()
        .try_for_each(|i| pages::article::article_and_excerpts(site, i, emit))?;
    (0..model.pages.len())
        .into_par_iter()
        .try_for_each(|i| emit(pages::page::free_page(site, i)))
}

/// Every page's whole template context, as its template gets it (path, template, context),
/// sorted by path: for tests that hold the documented variables to the code, and for tools.
pub fn contexts(model: &Dossier, index: &Index) -> Vec<(String, &'static str, tera::Context)> {
    let shared = Shared::new(model);
    let site = Site {
        model,
        index,
        shared: &shared,
    };
    let frame = Frame::new(&site);
    let all = Mutex::new(Vec::new());
    let collect = |page: Result<Page, Diagnostic>| -> Result<(), ()> {
        if let Ok(page) = page {
            all.lock().unwrap_or_else(|e| e.into_inner()).push(frame.context(page));
        }
        Ok(())
    };
    let _ = each_page(&site, &collect);
    let mut all = all.into_inner().unwrap_or_else(|e| e.into_inner());
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

/// Render the site into memory: every file, sorted by path, and the diagnostics. For `serve`,
/// tests and fuzzing; a build streams into its staging folder instead.
pub fn render_to_memory(
    model: &Dossier,
    index: &Index,
    templates: &Templates,
) -> Result<(Vec<OutputFile>, Diagnostics), WriteError> {
    let memory = crate::write::Memory::new();
    let rendered = render(model, index, templates, &memory)?;
    let files = memory
        .finish()?
        .into_iter()
        .map(|(path, bytes)| OutputFile { path, bytes })
        .collect();
    Ok((files, rendered.diagnostics))
}

/// Where rendered files go: the sink, except a generated file that a static file (theme, then
/// the dossier's `static/`) replaces, as in Hugo and Zola. A note says so, so it is never a
/// surprise; replacing one of dossier's scripts is a warning: it runs on every page that loads
/// it.
struct Output<'a> {
    sink: &'a dyn Sink,
    statics: &'a BTreeMap<String, Vec<u8>>,
    diagnostics: Mutex<Diagnostics>,
    /// The paths of the pages, for the sitemap.
    pages: Mutex<Vec<String>>,
    files: AtomicUsize,
}

impl Output<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        if self.replaced(path) {
            return Ok(());
        }
        self.sink.put(path, &bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// `put` for a file written piece by piece (see `Sink::put_stream`).
    fn put_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), WriteError> {
        if self.replaced(path) {
            return Ok(());
        }
        self.sink.put_stream(path, write)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Whether a static file replaces the generated file at `path` (saying so).
    fn replaced(&self, path: &str) -> bool {
        if self.statics.contains_key(path) {
            let script = path.ends_with(".js");
            self.diagnose(Diagnostic::global(
                if script { Severity::Warning } else { Severity::Note },
                if script {
                    "static-replaces-script"
                } else {
                    "static-replaces-page"
                },
                format!("static/{path} replaces the generated {path}"),
            ));
            return true;
        }
        false
    }

    fn page(&self, path: &str) {
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
    }

    fn diagnose(&self, d: Diagnostic) {
        self.diagnostics.lock().unwrap_or_else(|e| e.into_inner()).push(d);
    }
}

/// The deepest page: the further pages of an actor's full list
/// (`actors/<id>/<list>/page/<n>/index.html`).
const MAX_DEPTH: usize = 5;

/// What every page has besides its own view (`site`, `root`, `path`, `canonical`, `jsonld`,
/// `urls`), prepared once per depth.
struct Frame<'s, 'a> {
    site: &'s Site<'a>,
    /// `site`, for pages at each depth up to `MAX_DEPTH` (its description's links differ by
    /// depth).
    site_views: Vec<tera::Value>,
}

impl<'s, 'a> Frame<'s, 'a> {
    fn new(site: &'s Site<'a>) -> Self {
        let site_views = (0..=MAX_DEPTH)
            .map(|depth| tera::Value::from_serializable(&site_view(site, &"../".repeat(depth))))
            .collect();
        Frame { site, site_views }
    }

    /// Renders one page with its template.
    fn render(&self, page: Page, templates: &Templates) -> Result<OutputFile, Diagnostic> {
        let (path, template, context) = self.context(page);
        let html = templates.render(template, &context)?;
        Ok(OutputFile {
            path,
            bytes: html.into_bytes(),
        })
    }

    /// A page's whole template context: its own view and what every page has.
    fn context(&self, page: Page) -> (String, &'static str, tera::Context) {
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
        context.insert_value("site", self.site_views[depth.min(MAX_DEPTH)].clone());
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
        (path, page.template, context)
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
