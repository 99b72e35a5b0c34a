//! `dossier check`: every check, nothing written.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Output;

/// Flags of `dossier check`.
#[derive(clap::Args)]
pub struct Args {
    /// The dossier folder.
    #[arg(default_value_os_t = super::default_dir())]
    dir: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Check the files marked `draft: true` too (without it they are left out, unchecked).
    #[arg(long)]
    drafts: bool,
    /// Print how long each stage took (load, validate, index, templates, render and write...).
    #[arg(long)]
    timings: bool,
}

/// Run `dossier check`.
pub fn run(args: Args, out: &Output) -> ExitCode {
    let report = match dossier::check_drafts(&args.dir, args.drafts) {
        Ok(report) => report,
        Err(e) => return out.failure(&e),
    };
    out.diagnostics(&report.diagnostics, &args.dir.to_string_lossy());
    if args.timings || out.verbose() {
        out.always(&report.timings);
    }
    out.summary(&report.diagnostics, args.strict);
    if report.diagnostics.fails(args.strict) {
        return ExitCode::from(super::INVALID);
    }
    if let Some([a, ac, i, e]) = report.counts {
        out.status(format_args!(
            "ok: {a} articles, {ac} actors, {i} incidents, {e} excerpts"
        ));
    }
    ExitCode::SUCCESS
}
