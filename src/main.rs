//! The `dossier` binary: the command line in `cli/`, one file per command. Exit codes (see
//! `cli`): 0 valid (and written), 1 invalid dossier (or warnings under `--strict`), 2 a failure
//! of the environment or a refusal to overwrite a folder.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
