//! dossier: turns a folder of annotated news articles into a cross-linked static site.
//!
//! The pipeline runs one way: `load` (the only reader of the dossier folder) → `validate`
//! (raw records to the model, every problem collected) → `index` (cross-references, warnings)
//! → `render` (pages as bytes) → `write` (staging folder, atomic swap). `build` and `check`
//! are the same pipeline stopped at different points; see ARCHITECTURE.md.

pub mod diag;
#[doc(hidden)]
pub mod fuzzing;
pub mod index;
pub mod load;
pub mod model;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod source;
pub mod text;
pub mod validate;
pub mod write;
pub mod yaml;

use std::path::{Path, PathBuf};

use diag::Diagnostics;
use write::Sink as _;

/// What stopped a run, apart from diagnostics in the content.
#[derive(Debug)]
pub enum Failure {
    /// The dossier folder could not be read.
    Load(load::LoadError),
    /// The site could not be written (or writing was refused to protect a folder).
    Write(write::WriteError),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Load(e) => e.fmt(f),
            Failure::Write(e) => e.fmt(f),
        }
    }
}

/// The outcome of `check` or `build`.
#[derive(Debug, Default)]
pub struct Report {
    /// Every diagnostic, sorted.
    pub diagnostics: Diagnostics,
    /// Files written (zero for `check` or a failed build).
    pub files_written: usize,
    /// Where the site went.
    pub output: Option<PathBuf>,
    /// Counts of the dossier: articles, actors, incidents, excerpts.
    pub counts: Option<[usize; 4]>,
    /// Size of the search index written, and its budget (see docs/format.md).
    pub search_index: Option<(usize, usize)>,
    /// How long each stage took.
    pub timings: Timings,
}

/// How long each stage of a run took, in order (`--timings`). Wall-clock figures, printed for
/// people profiling a dossier; nothing depends on them, so output stays deterministic. With
/// each stage, the process's resident memory after it (Linux only), which shows what a stage
/// keeps.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, std::time::Duration, Option<u64>)>);

impl Timings {
    /// Runs `f` as the stage `name` and records how long it took.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let started = std::time::Instant::now();
        let value = f();
        self.0.push((name, started.elapsed(), resident_bytes()));
        value
    }
}

/// The resident set size of this process, from `/proc/self/statm` (pages of 4 KiB).
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: std::time::Duration = self.0.iter().map(|(_, d, _)| *d).sum();
        write!(f, "timings:")?;
        for (name, d, resident) in &self.0 {
            write!(f, " {name} {:.0} ms", d.as_secs_f64() * 1000.0)?;
            if let Some(bytes) = resident {
                write!(f, " ({} MiB)", bytes / (1024 * 1024))?;
            }
            write!(f, ",")?;
        }
        write!(f, " total {:.0} ms", total.as_secs_f64() * 1000.0)
    }
}

/// A dossier that passed validation: the model, its index, and its compiled templates.
pub struct Checked {
    /// The model.
    pub model: model::Dossier,
    /// The index.
    pub index: index::Index,
    /// The templates (built-in, theme and the dossier's), compiled.
    pub templates: render::Templates,
}

/// Everything a run produces in memory: the validated dossier, its index, and the site's files.
pub struct Built {
    /// The model.
    pub model: model::Dossier,
    /// The index.
    pub index: index::Index,
    /// The rendered files, sorted by path (when rendering was asked for and succeeded).
    pub files: Vec<render::OutputFile>,
}

/// Load, validate, index, and compile the templates: everything but rendering. Returns the
/// diagnostics, and the checked dossier when it is valid.
pub fn check_dossier(dir: &Path) -> Result<(Option<Checked>, Diagnostics), Failure> {
    check_dossier_timed(dir, &mut Timings::default())
}

/// [`check_dossier`], recording how long each stage took.
pub fn check_dossier_timed(dir: &Path, timings: &mut Timings) -> Result<(Option<Checked>, Diagnostics), Failure> {
    check_dossier_with(dir, timings, None, false, false)
}

/// [`check_dossier_timed`], with the files marked `draft: true` checked and kept (`drafts`,
/// the `--drafts` flag) or left out.
pub fn check_dossier_drafts(
    dir: &Path,
    timings: &mut Timings,
    drafts: bool,
) -> Result<(Option<Checked>, Diagnostics), Failure> {
    check_dossier_with(dir, timings, None, drafts, false)
}

/// [`check_dossier`] for `serve`, which checks the same dossier again after every change:
/// content files whose text did not change are not parsed again ([`load::load_reusing`]), nor
/// articles whose files did not change validated again ([`validate::validate_reusing`]).
pub fn check_dossier_reusing(
    dir: &Path,
    cache: &mut Reuse,
    timings: &mut Timings,
) -> Result<(Option<Checked>, Diagnostics), Failure> {
    let drafts = cache.drafts;
    check_dossier_with(dir, timings, Some(cache), drafts, false)
}

/// What [`check_dossier_reusing`] keeps from one check of a dossier to the next: each content
/// file's parse and each article's validation, keyed by content.
#[derive(Default)]
pub struct Reuse {
    pub parses: load::ParseCache,
    pub articles: validate::ArticleCache,
    pub mentions: index::MentionCache,
    /// Whether drafts are built (`serve --drafts`); the articles' cache keys include it.
    pub drafts: bool,
}

/// The pipeline up to rendering. With `release_annotations` (for `build`, which renders once
/// and keeps nothing), the annotation files' texts are let go of once validated
/// ([`model::Dossier::release_annotation_texts`]): the index never reads them.
fn check_dossier_with(
    dir: &Path,
    timings: &mut Timings,
    mut cache: Option<&mut Reuse>,
    drafts: bool,
    release_annotations: bool,
) -> Result<(Option<Checked>, Diagnostics), Failure> {
    let (model, mut diags) = validated(dir, timings, cache.as_deref_mut(), drafts)?;
    let Some(mut model) = model else {
        return Ok((None, diags));
    };
    if release_annotations {
        model.release_annotation_texts();
    }
    let (index, d) = timings.time("index", || match cache {
        Some(cache) => index::build_reusing(&model, &mut cache.mentions),
        None => index::build(&model),
    });
    diags.extend(d);
    let templates = checked_templates(&model, timings, &mut diags);
    diags.sort();
    match templates {
        Some(templates) if diags.error_count() == 0 => Ok((
            Some(Checked {
                model,
                index,
                templates,
            }),
            diags,
        )),
        _ => Ok((None, diags)),
    }
}

/// Load and validate: the model when the dossier has no errors (its warnings wait for a valid
/// dossier to mean anything), and the diagnostics so far, unsorted.
fn validated(
    dir: &Path,
    timings: &mut Timings,
    cache: Option<&mut Reuse>,
    drafts: bool,
) -> Result<(Option<model::Dossier>, Diagnostics), Failure> {
    let (raw, mut diags, cache) = match cache {
        Some(cache) => {
            let (raw, diags) = timings
                .time("load", || load::load_reusing(dir, &mut cache.parses))
                .map_err(Failure::Load)?;
            (raw, diags, Some(&mut cache.articles))
        }
        None => {
            let (raw, diags) = timings
                .time("load", || load::load_deferring(dir))
                .map_err(Failure::Load)?;
            (raw, diags, None)
        }
    };
    let (model, d) = timings.time("validate", || match cache {
        Some(cache) => validate::validate_reusing(raw, cache, drafts),
        None => validate::validate_drafts(raw, drafts),
    });
    diags.extend(d);
    let Some(model) = model.filter(|_| diags.error_count() == 0) else {
        diags.sort();
        return Ok((None, diags));
    };
    Ok((Some(model), diags))
}

/// The templates (the theme's and the dossier's), compiled; their errors go to `diags`.
fn checked_templates(
    model: &model::Dossier,
    timings: &mut Timings,
    diags: &mut Diagnostics,
) -> Option<render::Templates> {
    match timings.time("templates", || render::Templates::new(&model.assets)) {
        Ok(t) => Some(t),
        Err(ds) => {
            for d in ds {
                diags.push(d);
            }
            None
        }
    }
}

/// Run the pipeline in memory: load, validate, index, and (when `render_site`) render into a
/// map. Returns the diagnostics, and the result when the dossier is valid.
pub fn run(dir: &Path, render_site: bool) -> Result<(Option<Built>, Diagnostics), Failure> {
    run_drafts(dir, render_site, false)
}

/// [`run`], with the files marked `draft: true` built (`drafts`) or left out.
pub fn run_drafts(dir: &Path, render_site: bool, drafts: bool) -> Result<(Option<Built>, Diagnostics), Failure> {
    let (checked, mut diags) = check_dossier_drafts(dir, &mut Timings::default(), drafts)?;
    let Some(Checked {
        model,
        index,
        templates,
    }) = checked
    else {
        return Ok((None, diags));
    };
    let mut files = Vec::new();
    if render_site {
        let (rendered, d) = render::render_to_memory(&model, &index, &templates).map_err(Failure::Write)?;
        diags.extend(d);
        diags.sort();
        if diags.error_count() > 0 {
            return Ok((None, diags));
        }
        files = rendered;
    }
    Ok((Some(Built { model, index, files }), diags))
}

/// `dossier check`: every check, nothing written.
pub fn check(dir: &Path) -> Result<Report, Failure> {
    check_drafts(dir, false)
}

/// `dossier check [--drafts]`: [`check`], with the files marked `draft: true` checked too.
///
/// It stops short of the index, which only rendering reads: the warnings come from
/// [`index::warnings_only`], the same ones a build gives.
pub fn check_drafts(dir: &Path, drafts: bool) -> Result<Report, Failure> {
    let mut timings = Timings::default();
    let (model, mut diagnostics) = validated(dir, &mut timings, None, drafts)?;
    let mut counts = None;
    if let Some(model) = model {
        diagnostics.extend(timings.time("warnings", || index::warnings_only(&model)));
        let templates = checked_templates(&model, &mut timings, &mut diagnostics);
        if templates.is_some() && diagnostics.error_count() == 0 {
            counts = Some(self::counts(&model));
        }
        drop_aside(model);
    }
    diagnostics.sort();
    Ok(Report {
        counts,
        diagnostics,
        timings,
        ..Report::default()
    })
}

/// `dossier build`: check, render and write the site into `out`. Pages stream into a staging
/// folder as they are rendered; the site is swapped in only when the whole build succeeded.
/// Nothing reaches the output when the dossier is invalid (or when `strict` and there are
/// warnings).
pub fn build(dir: &Path, out: &Path, strict: bool) -> Result<Report, Failure> {
    build_with(
        dir,
        out,
        &BuildOptions {
            strict,
            ..BuildOptions::default()
        },
    )
}

/// How `build_with` builds: what `dossier build`'s flags change.
#[derive(Default)]
pub struct BuildOptions<'a> {
    /// Warnings fail the build.
    pub strict: bool,
    /// The address to publish at instead of dossier.yaml's `base_url` (`--base-url`), already
    /// checked and normalised by [`validate::base_url_flag`].
    pub base_url: Option<String>,
    /// Build the files marked `draft: true` too (`--drafts`).
    pub drafts: bool,
    /// Told of each stage as it starts and of each file written (a progress bar).
    pub progress: Option<&'a (dyn Fn(Progress) + Sync)>,
}

/// What a build tells its `progress` callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// A stage starts: `check`, `render and write`, `publish`.
    Stage(&'static str),
    /// One more file of the site is written.
    File,
}

/// A sink that tells `progress` of every file it passes on.
struct Counted<'a> {
    inner: &'a dyn write::Sink,
    progress: &'a (dyn Fn(Progress) + Sync),
}

impl write::Sink for Counted<'_> {
    type Finished = ();

    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), write::WriteError> {
        self.inner.put(path, bytes)?;
        (self.progress)(Progress::File);
        Ok(())
    }

    fn put_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), write::WriteError> {
        self.inner.put_stream(path, write)?;
        (self.progress)(Progress::File);
        Ok(())
    }

    fn finish(self) -> Result<(), write::WriteError> {
        Ok(())
    }
}

/// [`build`], with the options of `dossier build`.
pub fn build_with(dir: &Path, out: &Path, options: &BuildOptions) -> Result<Report, Failure> {
    let strict = options.strict;
    let progress = |p: Progress| {
        if let Some(f) = options.progress {
            f(p)
        }
    };
    // Refuse an output folder in the wrong place or not ours before doing any work; wait for
    // any other build into it.
    let inputs = load::input_folders(dir).map_err(Failure::Load)?;
    let output = write::Output::open(out, &inputs.root, &inputs.folders).map_err(Failure::Write)?;
    let mut timings = Timings::default();
    progress(Progress::Stage("check"));
    let (mut checked, diagnostics) = check_dossier_with(dir, &mut timings, None, options.drafts, true)?;
    let mut report = Report {
        counts: checked.as_ref().map(|c| counts(&c.model)),
        diagnostics,
        ..Report::default()
    };
    if let (Some(checked), Some(url)) = (&mut checked, &options.base_url) {
        checked.model.config.base_url = Some(url.clone());
    }
    let Some(mut checked) = checked else { return Ok(report) };
    if report.diagnostics.fails(strict) {
        return Ok(report);
    }
    // Rendering reads no file's text but an article's body: let the others go (the actor and
    // incident files; the annotation files' went after validation); the diagnostics above
    // keep the ones they show.
    checked.model.release_texts();
    // Sized now: it reads the articles' Markdown, which goes once the exports are written.
    let budget = render::search::budget(&checked.model);
    let staging = output.stage().map_err(Failure::Write)?;
    progress(Progress::Stage("render and write"));
    let counted;
    let sink: &dyn write::Sink = match options.progress {
        Some(progress) => {
            counted = Counted {
                inner: &staging,
                progress,
            };
            &counted
        }
        None => &staging,
    };
    let Checked {
        model,
        index,
        templates,
    } = &mut checked;
    let rendered = timings
        .time("render and write", || {
            let rendering = render::Rendering::new(model, templates, sink);
            rendering.exports(model, index)?;
            // Only the exports read an article's Markdown as written: let the files' texts go
            // (138 MB at 50,000 articles); the pages take an article's text from its parse.
            model.release_article_texts();
            rendering.rest(model, index)
        })
        .map_err(Failure::Write)?;
    report.diagnostics.extend(rendered.diagnostics);
    report.diagnostics.sort();
    if report.diagnostics.fails(strict) {
        // Dropping the staging folder unfinished publishes nothing.
        return Ok(report);
    }
    if checked.model.config.base_url.is_none() {
        report.diagnostics.push(
            diag::Diagnostic::global(
                diag::Severity::Note,
                "no-base-url",
                "dossier.yaml has no `base_url`: sitemap.xml, atom.xml and canonical links are not written",
            )
            .help("set `base_url: \"https://your.host/path/\"` to the address the site will be published at"),
        );
    }
    report.search_index = Some((rendered.search_index_bytes, budget));
    progress(Progress::Stage("publish"));
    report.files_written = timings.time("publish", || staging.finish()).map_err(Failure::Write)?;
    report.output = Some(out.to_path_buf());
    drop_aside(checked);
    report.timings = timings;
    Ok(report)
}

/// Frees a large value on another thread: a dossier of 10,000 articles is millions of small
/// allocations, and the caller (a command about to print and exit, or `serve` about to answer)
/// need not wait for them.
fn drop_aside<T: Send + 'static>(value: T) {
    // Without a thread to be had, the closure, and the value in it, is dropped right here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

fn counts(m: &model::Dossier) -> [usize; 4] {
    [m.articles.len(), m.actors.len(), m.incidents.len(), m.excerpts.len()]
}
