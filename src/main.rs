//! The `dossier` binary: the command line in `cli/`, one file per command. Exit codes (see
//! `cli`): 0 success, 1 an invalid dossier (or warnings under `--strict`), 2 a usage error
//! (clap's), 3 a failure of the environment or a refusal to overwrite.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
