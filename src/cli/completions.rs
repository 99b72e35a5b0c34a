//! `dossier completions SHELL` and `dossier man`: shell completion scripts (clap_complete) and
//! manual pages (clap_mangen), both generated from the clap definition of the command line, so
//! they list exactly the commands and flags there are.

use std::path::PathBuf;
use std::process::ExitCode;

use clap_complete::Shell;

use super::Output;

/// Flags of `dossier completions`.
#[derive(clap::Args)]
pub struct Args {
    /// The shell: bash, elvish, fish, powershell or zsh.
    #[arg(value_enum)]
    shell: Shell,
}

/// Flags of `dossier man`.
#[derive(clap::Args)]
pub struct ManArgs {
    /// Write `dossier.1` and one page per command (`dossier-build.1`, …) into this folder
    /// instead of printing `dossier.1`.
    #[arg(short, long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Print the completion script for `shell` on stdout.
pub fn run(args: Args, mut command: clap::Command) -> ExitCode {
    clap_complete::generate(args.shell, &mut command, "dossier", &mut std::io::stdout());
    ExitCode::SUCCESS
}

/// Print the manual page, or write every page into a folder.
pub fn man(args: ManArgs, command: clap::Command, out: &Output) -> ExitCode {
    let result = match &args.out {
        None => clap_mangen::Man::new(command).render(&mut std::io::stdout()),
        Some(dir) => std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(command, dir)),
    };
    match (result, &args.out) {
        (Ok(()), Some(dir)) => {
            out.status(format_args!("wrote the manual pages into {}", dir.display()));
            ExitCode::SUCCESS
        }
        (Ok(()), None) => ExitCode::SUCCESS,
        (Err(e), _) => out.failure(format_args!("cannot write the manual page: {e}")),
    }
}
