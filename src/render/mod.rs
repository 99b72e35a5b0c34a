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

pub use site::{entity_path, excerpt_name};
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
    /// Every generated file's path and the unit that makes it (a file a static file replaces
    /// included), in no order: what `serve` needs to render one file on demand.
    pub plan: Plan,
}

/// Paths of files and the unit that makes each, in the order noted: all the paths in one
/// string, 24 bytes a file besides the path's own (one `String` a path, with its allocation,
/// was about 90 bytes, for each of the 346,000 files of a 50,000-article site).
#[derive(Debug, Default)]
pub struct Plan {
    paths: String,
    ends: Vec<usize>,
    units: Vec<Unit>,
}

impl Plan {
    /// Notes that `unit` makes the file at `path`.
    fn push(&mut self, path: &str, unit: Unit) {
        self.paths.push_str(path);
        self.ends.push(self.paths.len());
        self.units.push(unit);
    }

    /// Every path and its unit, in the order noted.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Unit)> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .zip(&self.units)
            .map(|((start, &end), &unit)| (&self.paths[start..end], unit))
    }
}

/// A part of the site made at once, for rendering on demand (`serve`): the pages of one list
/// (by its place in `lists`), of one actor, incident or free page, an article's page with its
/// excerpts' pages (they share one rendering of its text), or a group of the other files. A
/// unit is named by position in the model, so a unit of an older model may name a different
/// entity, or none, in a newer one: [`render_unit`] then makes other files, or none, which
/// the caller must check (see `serve::rebuild`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    List(usize),
    Actor(usize),
    Incident(usize),
    Article(usize),
    FreePage(usize),
    /// `search-index.js` and `search-index/`.
    Search,
    /// `dossier.json`.
    Export,
    /// The small fixed files and `atom.xml`.
    Small,
    /// The sitemaps: they list every page, so only a whole render makes them.
    Sitemaps,
}

/// Render every page of the site and the site's other files, and put each into `sink` as soon
/// as it is made: pages are rendered in parallel and never held all at once. A failure to put
/// a file stops rendering; a page that fails to render is a diagnostic, and the site is then
/// not to be published.
pub fn render(model: &Dossier, index: &Index, templates: &Templates, sink: &dyn Sink) -> Result<Rendered, WriteError> {
    let rendering = Rendering::new(model, templates, sink);
    rendering.exports(model, index)?;
    rendering.rest(model, index)
}

/// A whole render in two steps, [`render`] for a caller that changes the model in between:
/// first the exports (`dossier.json` and the files for other tools), the only files that read
/// an article's Markdown as written; then every other file. `build` lets go of the articles'
/// file texts between the two (`Dossier::release_article_texts`), which the pages, search and
/// feeds never read (they take an article's text from its parse): 138 MB at 50,000 articles.
pub struct Rendering<'r> {
    shared: Shared,
    templates: &'r Templates,
    out: Output<'r>,
}

impl<'r> Rendering<'r> {
    /// A render of `model` into `sink`: what every page shares is computed here, once.
    pub fn new(model: &Dossier, templates: &'r Templates, sink: &'r dyn Sink) -> Rendering<'r> {
        Rendering {
            shared: Shared::new(model),
            templates,
            out: Output::new(sink, &templates.static_files),
        }
    }

    /// The first step: the exports.
    pub fn exports(&self, model: &Dossier, index: &Index) -> Result<(), WriteError> {
        let site = Site {
            model,
            index,
            shared: &self.shared,
        };
        exports(&site, &self.out)
    }

    /// The second step: every page, the search index, the small files, the sitemaps and feed,
    /// and the static files. `model` is the one [`Rendering::new`] and `exports` were given,
    /// with at most its file texts let go of.
    pub fn rest(self, model: &Dossier, index: &Index) -> Result<Rendered, WriteError> {
        let Rendering { shared, templates, out } = self;
        let site = Site {
            model,
            index,
            shared: &shared,
        };
        let frame = Frame::new(&site);
        let emit = |unit: Unit, page: Result<Page, Diagnostic>| -> Result<(), WriteError> {
            match page.and_then(|p| frame.render(p, templates)) {
                Ok(made) => {
                    out.note(made.path(), unit);
                    out.put_page(made)
                }
                Err(d) => {
                    out.diagnose(d);
                    Ok(())
                }
            }
        };

        each_page(&site, &emit)?;
        let search_index_bytes = other_files(&site, &out, None)?;
        // The static files (theme, then the dossier's `static/`).
        for (path, bytes) in &templates.static_files {
            out.sink.put(path, bytes)?;
            out.files.fetch_add(1, Ordering::Relaxed);
        }
        let mut diagnostics = out.diagnostics.into_inner().unwrap_or_else(|e| e.into_inner());
        diagnostics.sort();
        Ok(Rendered {
            diagnostics,
            files: out.files.load(Ordering::Relaxed),
            search_index_bytes,
            plan: out.plan.into_inner().unwrap_or_else(|e| e.into_inner()),
        })
    }
}

/// Render the files of one unit into `sink` (for `serve`, which renders a page when it is
/// asked for): the same bytes a whole render gives them, from the same makers. A unit past the
/// end of the model makes nothing; `Unit::Sitemaps` makes nothing either (only a whole render
/// knows every page). Static files are not put: the caller serves them as they are. The
/// diagnostics are those of the unit's pages (a template that fails on one).
pub fn render_unit(
    model: &Dossier,
    index: &Index,
    templates: &Templates,
    shared: &Shared,
    unit: Unit,
    sink: &dyn Sink,
) -> Result<Diagnostics, WriteError> {
    let site = Site { model, index, shared };
    let none = BTreeMap::new();
    let out = Output::new(sink, &none);
    let frame = Frame::new(&site);
    let emit = |page: Result<Page, Diagnostic>| -> Result<(), WriteError> {
        match page.and_then(|p| frame.render(p, templates)) {
            Ok(made) => out.put_page(made),
            Err(d) => {
                out.diagnose(d);
                Ok(())
            }
        }
    };
    let all = |pages: Pages| (0..pages.count).into_par_iter().try_for_each(|k| emit(pages.make(k)));
    match unit {
        Unit::List(j) => {
            if let Some(pages) = lists(&site).into_iter().nth(j) {
                all(pages)?
            }
        }
        Unit::Actor(i) if i < model.actors.len() => all(pages::actor::actor(&site, i))?,
        Unit::Incident(i) if i < model.incidents.len() => all(pages::incident::incident(&site, i))?,
        Unit::Article(i) if i < model.articles.len() => pages::article::article_and_excerpts(&site, i, &emit)?,
        Unit::FreePage(i) if i < model.pages.len() => emit(pages::page::free_page(&site, i))?,
        Unit::Search | Unit::Export | Unit::Small => {
            other_files(&site, &out, Some(unit))?;
        }
        _ => {}
    }
    let mut diagnostics = out.diagnostics.into_inner().unwrap_or_else(|e| e.into_inner());
    diagnostics.sort();
    Ok(diagnostics)
}

/// The site's files that are not pages (of `only`, or all but the exports, which a whole render
/// writes first), put through `out`; the sitemaps list the pages `out` has noted, so a whole
/// render makes them after every page. Returns the
/// size of the search index when it was made.
fn other_files(site: &Site, out: &Output, only: Option<Unit>) -> Result<usize, WriteError> {
    let model = site.model;
    let want = |unit: Unit| only.is_none_or(|o| o == unit);
    let mut search_index_bytes = 0;
    if want(Unit::Search) {
        let docs = search::SiteDocuments(site);
        let search_index = search::write_index_of(&docs, &search::Shape::default(), &mut |path, bytes| {
            out.note(&path, Unit::Search);
            out.put(&path, bytes)
        })?;
        search_index_bytes = search_index.bytes;
    }
    let small = |path: &str, bytes: Vec<u8>| {
        out.note(path, Unit::Small);
        out.put(path, bytes)
    };
    if want(Unit::Small) {
        small("favicon.svg", files::FAVICON.as_bytes().to_vec())?;
        small("search.js", search::SEARCH_JS.as_bytes().to_vec())?;
        small("reader.js", files::READER_JS.as_bytes().to_vec())?;
    }
    // A whole render writes the exports first (`Rendering::exports`).
    if only == Some(Unit::Export) {
        exports(site, out)?;
    }
    if want(Unit::Small) {
        small("robots.txt", files::feeds::robots(model).into_bytes())?;
    }
    if let Some(base) = &model.config.base_url {
        if only.is_none() {
            // The pages noted so far are borrowed, not copied (346,000 paths at 50,000
            // articles), and the sitemaps noted after.
            let noted = out.take_plan();
            let pages = noted
                .iter()
                .filter(|&(_, unit)| is_page(unit))
                .map(|(path, _)| path)
                .collect();
            let mut sitemaps = Vec::new();
            files::feeds::sitemaps(base, pages, model.config.pretty_urls, &mut |path, text| {
                out.put(&path, text.into_bytes())?;
                sitemaps.push(path);
                Ok(())
            })?;
            out.give_back_plan(noted, sitemaps);
        }
        if want(Unit::Small) {
            small("atom.xml", files::feeds::atom(site, base).into_bytes())?;
        }
    }
    Ok(search_index_bytes)
}

/// `dossier.json` and the exports for other tools (docs/format.md, "Exports"), each streamed.
fn exports(site: &Site, out: &Output) -> Result<(), WriteError> {
    out.note("dossier.json", Unit::Export);
    out.put_stream("dossier.json", &mut |w| files::export::write_json(site, w))?;
    for (path, write) in files::exports() {
        out.note(&path, Unit::Export);
        out.put_stream(&path, &mut |w| write(site, w))?;
    }
    Ok(())
}

/// The lists of the site (home, the lists of each kind, the timeline, the graph, search, the
/// tags, 404, the briefing book, then one per tag), in the order `Unit::List` counts them.
fn lists<'a>(site: &'a Site<'a>) -> Vec<Pages<'a>> {
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
        Pages::one(|| pages::book::book(site)),
    ];
    lists.extend(
        site.index
            .tags
            .iter()
            .map(|(tag, (articles, excerpts))| pages::lists::tag(site, tag, articles, excerpts)),
    );
    lists
}

/// Every page of the site, made in parallel and handed to `emit` with its unit as soon as it
/// is made (an article's page and its excerpts' pages together, since they share one rendering
/// of its text; a long list's pages one at a time). Stops at the first error `emit` returns.
fn each_page<E: Send>(
    site: &Site,
    emit: &(dyn Fn(Unit, Result<Page, Diagnostic>) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let model = site.model;
    let all = |unit: Unit, pages: Pages| {
        (0..pages.count)
            .into_par_iter()
            .try_for_each(|k| emit(unit, pages.make(k)))
    };
    lists(site)
        .into_par_iter()
        .enumerate()
        .try_for_each(|(j, pages)| all(Unit::List(j), pages))?;
    (0..model.actors.len())
        .into_par_iter()
        .try_for_each(|i| all(Unit::Actor(i), pages::actor::actor(site, i)))?;
    (0..model.incidents.len())
        .into_par_iter()
        .try_for_each(|i| all(Unit::Incident(i), pages::incident::incident(site, i)))?;
    (0..model.articles.len())
        .into_par_iter()
        .try_for_each(|i| pages::article::article_and_excerpts(site, i, &|page| emit(Unit::Article(i), page)))?;
    (0..model.pages.len())
        .into_par_iter()
        .try_for_each(|i| emit(Unit::FreePage(i), pages::page::free_page(site, i)))
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
    let collect = |_: Unit, page: Result<Page, Diagnostic>| -> Result<(), ()> {
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
    /// Every generated file's path and unit (the pages' paths make the sitemap).
    plan: Mutex<Plan>,
    files: AtomicUsize,
}

impl<'a> Output<'a> {
    fn new(sink: &'a dyn Sink, statics: &'a BTreeMap<String, Vec<u8>>) -> Output<'a> {
        Output {
            sink,
            statics,
            diagnostics: Mutex::new(Diagnostics::default()),
            plan: Mutex::new(Plan::default()),
            files: AtomicUsize::new(0),
        }
    }

    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        if self.replaced(path) {
            return Ok(());
        }
        self.sink.put(path, &bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// `put` for a rendered page: an article's text is written straight into its file, between
    /// the template's output before and after it.
    fn put_page(&self, made: Made) -> Result<(), WriteError> {
        match made {
            Made::Whole(file) => self.put(&file.path, file.bytes),
            Made::Around { path, head, body, tail } => self.put_stream(&path, &mut |w| {
                w.write_all(head.as_bytes())?;
                body.write(w)?;
                w.write_all(tail.as_bytes())
            }),
        }
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
            self.diagnose(replaced_note(path));
            return true;
        }
        false
    }

    /// Notes that `unit` makes the file at `path`.
    fn note(&self, path: &str, unit: Unit) {
        self.plan.lock().unwrap_or_else(|e| e.into_inner()).push(path, unit);
    }

    /// What has been noted so far, taken out to be read without a copy; see `give_back_plan`.
    fn take_plan(&self) -> Plan {
        std::mem::take(&mut *self.plan.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Puts back what `take_plan` took, with the sitemaps at `sitemaps`.
    fn give_back_plan(&self, mut noted: Plan, sitemaps: Vec<String>) {
        let mut plan = self.plan.lock().unwrap_or_else(|e| e.into_inner());
        for (path, unit) in plan.iter() {
            noted.push(path, unit);
        }
        for path in &sitemaps {
            noted.push(path, Unit::Sitemaps);
        }
        *plan = noted;
    }

    fn diagnose(&self, d: Diagnostic) {
        self.diagnostics.lock().unwrap_or_else(|e| e.into_inner()).push(d);
    }
}

/// Whether the files of `unit` are pages (what the sitemaps list).
fn is_page(unit: Unit) -> bool {
    !matches!(unit, Unit::Search | Unit::Export | Unit::Small | Unit::Sitemaps)
}

/// What a whole render says of a static file that replaces the generated file at `path`.
pub fn replaced_note(path: &str) -> Diagnostic {
    let script = path.ends_with(".js");
    Diagnostic::global(
        if script { Severity::Warning } else { Severity::Note },
        if script {
            "static-replaces-script"
        } else {
            "static-replaces-page"
        },
        format!("static/{path} replaces the generated {path}"),
    )
}

/// A rendered page: whole, or its template's output before and after an article's text, which
/// is written between them straight into the page's file (see `Frame::render`).
enum Made {
    Whole(OutputFile),
    Around {
        path: String,
        head: String,
        body: pages::article::Body,
        tail: String,
    },
}

impl Made {
    fn path(&self) -> &str {
        match self {
            Made::Whole(file) => &file.path,
            Made::Around { path, .. } => path,
        }
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

    /// Renders one page with its template. An article's text (`body_html`) is not given to
    /// Tera, which would copy it and then hold the whole page as well: the template gets a
    /// stand-in, and where it shows once in the page, the text goes there when the page is
    /// written. When the templates use `body_html` in another way (see
    /// `templates::shows_body_whole`), or show it more than once, the page is rendered with the
    /// text itself: the bytes are the same either way.
    fn render(&self, mut page: Page, templates: &Templates) -> Result<Made, Diagnostic> {
        let body = page.body.take();
        let (path, template, mut context) = self.frame(page);
        let whole = |path, html: String| {
            Made::Whole(OutputFile {
                path,
                bytes: html.into_bytes(),
            })
        };
        let Some(body) = body else {
            return Ok(whole(path, templates.render(template, &context)?));
        };
        if let Some(slot) = templates.body_slot() {
            context.insert("body_html", slot);
            let mut html = templates.render(template, &context)?;
            let mut at = html.match_indices(slot).map(|(at, _)| at);
            match (at.next(), at.next()) {
                // Not shown: the page does not depend on it.
                (None, _) => return Ok(whole(path, html)),
                (Some(at), None) => {
                    let tail = html.split_off(at + slot.len());
                    html.truncate(at);
                    return Ok(Made::Around {
                        path,
                        head: html,
                        body,
                        tail,
                    });
                }
                _ => {}
            }
        }
        context.insert("body_html", &body.into_html());
        Ok(whole(path, templates.render(template, &context)?))
    }

    /// A page's whole template context: its own view and what every page has (an article's
    /// text included, as `body_html`).
    fn context(&self, mut page: Page) -> (String, &'static str, tera::Context) {
        if let Some(body) = page.body.take() {
            page.context.insert("body_html", &body.into_html());
        }
        self.frame(page)
    }

    /// A page's template context but for an article's text: its own view and what every page
    /// has.
    fn frame(&self, page: Page) -> (String, &'static str, tera::Context) {
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
        dir: crate::text::language::is_rtl(&c.language).then_some("rtl"),
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
