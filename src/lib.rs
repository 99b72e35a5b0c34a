//! dossier: turns a folder of annotated news articles into a cross-linked static site.
//!
//! The pipeline runs one way: `load` (the only reader of the dossier folder) → `validate`
//! (raw records to the model, every problem collected) → `index` (cross-references, warnings)
//! → `render` (pages as bytes) → `write` (staging folder, atomic swap). `build` and `check`
//! are the same pipeline stopped at different points; see ARCHITECTURE.md.

pub mod anchor;
pub mod diag;
#[doc(hidden)]
pub mod fuzzing;
pub mod index;
pub mod load;
pub mod model;
pub mod quotes;
pub mod render;
pub mod source;
pub mod validate;
pub mod wikilink;
pub mod write;
pub mod yaml;

use std::path::{Path, PathBuf};

use diag::Diagnostics;

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
}

/// Everything a run produces in memory: the validated dossier, its index, and the site's files.
pub struct Built {
    /// The model.
    pub model: model::Dossier,
    /// The index.
    pub index: index::Index,
    /// The rendered files (when rendering was asked for and succeeded).
    pub files: Vec<render::OutputFile>,
}

/// Run the pipeline in memory: load, validate, index, and (when `render_site`) render.
/// Returns the diagnostics, and the result when the dossier is valid.
pub fn run(dir: &Path, render_site: bool) -> Result<(Option<Built>, Diagnostics), Failure> {
    let (raw, mut diags) = load::load(dir).map_err(Failure::Load)?;
    let (model, d) = validate::validate(&raw);
    diags.extend(d);
    // Warnings need a valid dossier to mean anything, so they wait until the errors are fixed.
    let Some(model) = model.filter(|_| diags.error_count() == 0) else {
        diags.sort();
        return Ok((None, diags));
    };
    let (index, d) = index::build(&model);
    diags.extend(d);
    let templates = match render::Templates::new(&raw, model.config.theme.as_deref()) {
        Ok(t) => Some(t),
        Err(ds) => {
            for d in ds {
                diags.push(d);
            }
            None
        }
    };
    let mut files = Vec::new();
    if let Some(templates) = &templates
        && render_site
    {
        let (f, d) = render::render(&model, &index, templates);
        diags.extend(d);
        files = f;
        // A static file with the path of a generated one (a hand-written robots.txt, say)
        // replaces it, as in Hugo and Zola; a note says so, so it is never a surprise.
        for (path, bytes) in &templates.static_files {
            if let Some(generated) = files.iter_mut().find(|f| &f.path == path) {
                diags.push(diag::Diagnostic::global(
                    diag::Severity::Note,
                    "static-replaces-page",
                    format!("static/{path} replaces the generated {path}"),
                ));
                generated.bytes = bytes.clone();
            } else {
                files.push(render::OutputFile {
                    path: path.clone(),
                    bytes: bytes.clone(),
                });
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    diags.sort();
    if diags.error_count() > 0 {
        return Ok((None, diags));
    }
    Ok((Some(Built { model, index, files }), diags))
}

/// `dossier check`: every check, nothing written.
pub fn check(dir: &Path) -> Result<Report, Failure> {
    let (built, diagnostics) = run(dir, false)?;
    Ok(Report {
        counts: built.as_ref().map(counts),
        diagnostics,
        ..Report::default()
    })
}

/// `dossier build`: check, render and write the site into `out`. Nothing is written when the
/// dossier is invalid (or when `strict` and there are warnings).
pub fn build(dir: &Path, out: &Path, strict: bool) -> Result<Report, Failure> {
    // Refuse an output folder in the wrong place or not ours before doing any work; wait for
    // any other build into it.
    let inputs = load::input_folders(dir).map_err(Failure::Load)?;
    let output = write::Output::open(out, &inputs.root, &inputs.folders).map_err(Failure::Write)?;
    let (built, diagnostics) = run(dir, true)?;
    let mut report = Report {
        counts: built.as_ref().map(counts),
        diagnostics,
        ..Report::default()
    };
    let Some(built) = built else { return Ok(report) };
    if report.diagnostics.fails(strict) {
        return Ok(report);
    }
    if built.model.config.base_url.is_none() {
        report.diagnostics.push(
            diag::Diagnostic::global(
                diag::Severity::Note,
                "no-base-url",
                "dossier.yaml has no `base_url`: sitemap.xml, atom.xml and canonical links are not written",
            )
            .help("set `base_url: \"https://your.host/path/\"` to the address the site will be published at"),
        );
    }
    let index_bytes = built
        .files
        .iter()
        .find(|f| f.path == "search-index.js")
        .map_or(0, |f| f.bytes.len());
    report.search_index = Some((index_bytes, render::search::budget(&built.model)));
    output.write_site(&built.files).map_err(Failure::Write)?;
    report.files_written = built.files.len();
    report.output = Some(out.to_path_buf());
    Ok(report)
}

fn counts(b: &Built) -> [usize; 4] {
    [
        b.model.articles.len(),
        b.model.actors.len(),
        b.model.incidents.len(),
        b.model.excerpts.len(),
    ]
}
