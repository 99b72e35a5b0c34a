//! The `dossier` command line: parse flags, call the pipeline, print, set the exit code.
//! Exit codes: 0 valid (and written), 1 invalid dossier (or warnings under `--strict`),
//! 2 a failure of the environment or a refusal to overwrite a folder.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Build a cross-linked static site from a folder of annotated news articles.
#[derive(Parser)]
#[command(name = "dossier", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the dossier, then write the site (default: DIR/public).
    Build {
        /// The dossier folder (with dossier.yaml and content/).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Run every check and write nothing.
    Check {
        /// The dossier folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Build { dir, output, strict } => {
            let out = output.unwrap_or_else(|| dir.join("public"));
            let started = std::time::Instant::now();
            match dossier::build(&dir, &out, strict) {
                Ok(report) => {
                    eprint!("{}", report.diagnostics.render(color));
                    let failed = report.diagnostics.fails(strict);
                    summary(&report.diagnostics, strict);
                    if failed {
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
                Err(e) => {
                    eprintln!("error: {}", dossier::diag::printable(&e.to_string()));
                    ExitCode::from(2)
                }
            }
        }
        Command::Check { dir, strict } => match dossier::check(&dir) {
            Ok(report) => {
                eprint!("{}", report.diagnostics.render(color));
                summary(&report.diagnostics, strict);
                if report.diagnostics.fails(strict) {
                    ExitCode::from(1)
                } else {
                    if let Some([a, ac, i, e]) = report.counts {
                        eprintln!("ok: {a} articles, {ac} actors, {i} incidents, {e} excerpts");
                    }
                    ExitCode::SUCCESS
                }
            }
            Err(e) => {
                eprintln!("error: {}", dossier::diag::printable(&e.to_string()));
                ExitCode::from(2)
            }
        },
    }
}

fn summary(d: &dossier::diag::Diagnostics, strict: bool) {
    let (e, w) = (d.error_count(), d.warning_count());
    // Notes are printed with the diagnostics but never counted.
    if e + w > 0 {
        let strict_note = if strict && w > 0 {
            " (--strict: warnings count as errors)"
        } else {
            ""
        };
        eprintln!(
            "{e} error{}, {w} warning{}{strict_note}",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        );
    }
}
