//! The `dossier` binary: the command line in `cli/`, one file per command. Exit codes (see
//! `cli`): 0 success, 1 an invalid dossier (or warnings under `--strict`), 2 a usage error
//! (clap's), 3 a failure of the environment or a refusal to overwrite.

mod cli;

/// mimalloc instead of glibc's allocator: a build makes and frees millions of small strings and
/// values (page contexts, template values) on several threads, and glibc's malloc spent a
/// growing share of the build in its bins as the dossier grew (see ARCHITECTURE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
