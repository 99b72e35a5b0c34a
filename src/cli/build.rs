//! `dossier build`: check, then write the site, with a progress bar on a terminal for builds
//! that take over a second.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Output;

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
    /// Publish at this address instead of dossier.yaml's `base_url` (for a preview deploy).
    #[arg(long, value_name = "URL", value_parser = dossier::validate::base_url_flag)]
    base_url: Option<String>,
    /// Build the files marked `draft: true` too (for a preview; without it they are left out).
    #[arg(long)]
    drafts: bool,
    /// Print how long each stage took (load, validate, index, templates, render and write...).
    #[arg(long)]
    timings: bool,
}

/// How long a build runs before its progress is shown: a quick build prints no bar at all.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// [`SHOW_AFTER`], or `DOSSIER_PROGRESS_AFTER_MS` when set (the tests set it, so that whether
/// the bar shows does not depend on how busy the machine is).
fn show_after() -> Duration {
    std::env::var("DOSSIER_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(SHOW_AFTER, Duration::from_millis)
}

/// A spinner with the stage and the number of files written, drawn on stderr once the build
/// has run for [`SHOW_AFTER`] (a timer thread reveals it, so a long check shows it too), and
/// only on a terminal: indicatif draws nothing when stderr is not one.
struct Bar(ProgressBar);

impl Bar {
    fn new() -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({pos} files written, {elapsed})").expect("a valid template"),
        );
        let shown = bar.clone();
        // Not joined: a build that ends first leaves it asleep, and the process exits anyway.
        let _ = std::thread::Builder::new().spawn(move || {
            std::thread::sleep(show_after());
            if !shown.is_finished() {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Bar(bar)
    }

    fn tell(&self, progress: dossier::Progress) {
        match progress {
            dossier::Progress::Stage(name) => self.0.set_message(name),
            dossier::Progress::File => self.0.inc(1),
        }
    }
}

/// Run `dossier build`.
pub fn run(args: Args, out: &Output) -> ExitCode {
    let Args {
        dir,
        output,
        strict,
        base_url,
        drafts,
        timings,
    } = args;
    let target = output.unwrap_or_else(|| dir.join("public"));
    let started = Instant::now();
    let bar = out.progress().then(Bar::new);
    let tell = |p: dossier::Progress| {
        if let Some(bar) = &bar {
            bar.tell(p);
        }
    };
    let options = dossier::BuildOptions {
        strict,
        base_url,
        drafts,
        progress: Some(&tell),
    };
    let result = dossier::build_with(&dir, &target, &options);
    if let Some(bar) = &bar {
        bar.0.finish_and_clear();
    }
    let report = match result {
        Ok(report) => report,
        Err(e) => return out.failure(&e),
    };
    out.diagnostics(&report.diagnostics, &dir.to_string_lossy());
    if timings || out.verbose() {
        out.always(&report.timings);
    }
    out.summary(&report.diagnostics, strict);
    if report.diagnostics.fails(strict) {
        out.status("nothing written; the previous site (if any) is unchanged");
        return ExitCode::from(super::INVALID);
    }
    if let Some([a, ac, i, e]) = report.counts {
        out.status(format_args!(
            "built {} files into {} in {} ms ({a} articles, {ac} actors, {i} incidents, {e} excerpts)",
            report.files_written,
            target.display(),
            started.elapsed().as_millis()
        ));
    }
    if let Some((bytes, budget)) = report.search_index {
        out.status(format_args!(
            "search index: {:.1} KiB (budget {:.1} KiB, {}%)",
            bytes as f64 / 1024.0,
            budget as f64 / 1024.0,
            (bytes * 100).checked_div(budget).unwrap_or(0)
        ));
    }
    ExitCode::SUCCESS
}
