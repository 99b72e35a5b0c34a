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
    no_huge_pages();
    cli::main()
}

/// Asks Linux not to back this process's memory with 2 MiB transparent huge pages. mimalloc's
/// memory got them on kernels that give them out, and a huge page is resident whole however
/// little of it is in use: a 20 MB article's build peaked at about 240 MiB with them and 180
/// without, for the same time (docs/performance.md). `MIMALLOC_ALLOW_THP=0` does the same,
/// but only from the environment. Refusal is harmless: memory is then as before.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes one integer argument and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
