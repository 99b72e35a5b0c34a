//! The command line: flags (clap), one file per command, printing and exit codes. No logic of
//! the pipeline lives here: each command calls `dossier::check`, `dossier::build`, … and says
//! what happened, through [`Output`] (`output.rs`), which holds the flags every command shares
//! (`--quiet`, `--verbose`, `--color`, `--message-format`).
//!
//! Exit codes: 0 success (a valid dossier, and written), 1 an invalid dossier (or warnings under
//! `--strict`), 2 a usage error (clap's: an unknown flag, a missing argument), 3 a failure of the
//! environment or a refusal (a folder that cannot be read, an output folder or file that is not
//! ours to replace).

mod build;
mod check;
mod completions;
mod init;
mod new;
mod output;
mod schema;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

pub use output::Output;

/// Exit code of an invalid dossier (or of warnings under `--strict`).
pub const INVALID: u8 = 1;
/// Exit code of a failure of the environment or a refusal to overwrite; clap's usage errors
/// exit with 2.
pub const FAILURE: u8 = 3;

/// Build a cross-linked static site from a folder of annotated news articles.
#[derive(Parser)]
#[command(name = "dossier", version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    global: output::Global,
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
    /// Create a new dossier that builds at once.
    Init(init::Args),
    /// Create a correctly shaped article, actor, incident or page file.
    New(new::Args),
    /// Write the JSON Schemas of the dossier's YAML files, for editors.
    Schema(schema::Args),
    /// Print a shell completion script.
    Completions(completions::Args),
    /// Print the manual page (roff), or write one per command into a folder.
    Man(completions::ManArgs),
}

/// Parse the command line and run the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Output::new(&cli.global);
    match cli.command {
        Command::Build(args) => build::run(args, &out),
        Command::Check(args) => check::run(args, &out),
        Command::Serve(args) => serve::run(args, &out),
        Command::Init(args) => init::run(args, &out),
        Command::New(args) => new::run(args, &out),
        Command::Schema(args) => schema::run(args, &out),
        Command::Completions(args) => completions::run(args, Cli::command()),
        Command::Man(args) => completions::man(args, Cli::command(), &out),
    }
}

/// The dossier folder argument every command takes.
fn default_dir() -> PathBuf {
    PathBuf::from(".")
}
