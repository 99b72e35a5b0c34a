//! The command line: flags (clap), one file per command, printing and exit codes. No logic of
//! the pipeline lives here: each command calls `dossier::check`, `dossier::build`, … and says
//! what happened.
//!
//! Exit codes: 0 valid (and written), 1 invalid dossier (or warnings under `--strict`), 2 a
//! failure of the environment or a refusal to overwrite a folder.

mod build;
mod check;
mod serve;

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
    Build(build::Args),
    /// Run every check and write nothing.
    Check(check::Args),
    /// Build in memory, serve on 127.0.0.1, rebuild and reload open pages on every change.
    Serve(serve::Args),
}

/// Parse the command line and run the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Build(args) => build::run(args, color),
        Command::Check(args) => check::run(args, color),
        Command::Serve(args) => serve::run(args, color),
    }
}

/// A failure of the environment: the message, exit code 2.
fn failure(e: &dossier::Failure) -> ExitCode {
    eprintln!("error: {}", dossier::diag::printable(&e.to_string()));
    ExitCode::from(2)
}

/// The summary line after the diagnostics: "2 errors, 1 warning".
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

/// The dossier folder argument every command takes.
fn default_dir() -> PathBuf {
    PathBuf::from(".")
}
