//! `dossier build`: check, then write the site.

use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `dossier build`.
#[derive(clap::Args)]
pub struct Args {
    /// The dossier folder (with dossier.yaml and content/).
    #[arg(default_value_os_t = super::default_dir())]
    dir: PathBuf,
    /// Output folder.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Print how long each stage took (load, validate, index, templates, render and write...).
    #[arg(long)]
    timings: bool,
}

/// Run `dossier build`.
pub fn run(args: Args, color: bool) -> ExitCode {
    let Args {
        dir,
        output,
        strict,
        timings,
    } = args;
    let out = output.unwrap_or_else(|| dir.join("public"));
    let started = std::time::Instant::now();
    let report = match dossier::build(&dir, &out, strict) {
        Ok(report) => report,
        Err(e) => return super::failure(&e),
    };
    eprint!("{}", report.diagnostics.render(color));
    if timings {
        eprintln!("{}", report.timings);
    }
    super::summary(&report.diagnostics, strict);
    if report.diagnostics.fails(strict) {
        eprintln!("nothing written; the previous site (if any) is unchanged");
        return ExitCode::from(1);
    }
    if let Some([a, ac, i, e]) = report.counts {
        eprintln!(
            "built {} files into {} in {} ms ({a} articles, {ac} actors, {i} incidents, {e} excerpts)",
            report.files_written,
            out.display(),
            started.elapsed().as_millis()
        );
    }
    if let Some((bytes, budget)) = report.search_index {
        eprintln!(
            "search index: {:.1} KiB (budget {:.1} KiB, {}%)",
            bytes as f64 / 1024.0,
            budget as f64 / 1024.0,
            (bytes * 100).checked_div(budget).unwrap_or(0)
        );
    }
    ExitCode::SUCCESS
}
