//! `dossier check`: every check, nothing written.

use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `dossier check`.
#[derive(clap::Args)]
pub struct Args {
    /// The dossier folder.
    #[arg(default_value_os_t = super::default_dir())]
    dir: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Print how long each stage took (load, validate, index, templates, render and write...).
    #[arg(long)]
    timings: bool,
}

/// Run `dossier check`.
pub fn run(args: Args, color: bool) -> ExitCode {
    let report = match dossier::check(&args.dir) {
        Ok(report) => report,
        Err(e) => return super::failure(&e),
    };
    eprint!("{}", report.diagnostics.render(color));
    if args.timings {
        eprintln!("{}", report.timings);
    }
    super::summary(&report.diagnostics, args.strict);
    if report.diagnostics.fails(args.strict) {
        return ExitCode::from(1);
    }
    if let Some([a, ac, i, e]) = report.counts {
        eprintln!("ok: {a} articles, {ac} actors, {i} incidents, {e} excerpts");
    }
    ExitCode::SUCCESS
}
