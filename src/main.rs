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
    short_purge_delay();
    cli::main()
}

/// mimalloc's `purge_delay` option (`MIMALLOC_PURGE_DELAY`): its index in `mi_option_t`
/// (mimalloc.h of mimalloc 3, which the `mimalloc` crate builds without its `v2` feature);
/// libmimalloc-sys names no constant for it. The test below checks it against the default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long memory freed by a thread stays with mimalloc before it goes back to Linux: 10 ms
/// (mimalloc 2's default) instead of mimalloc 3's 1 s. A build is a few seconds of stages that
/// each free what the next does not need; with 1 s, on a fast machine, little of it went back
/// before the build ended, so peak memory depended on the machine's speed: the 20 MB article
/// peaked at 211 MiB where a machine three times slower saw 184 MiB, and at 141 MiB with 10 ms
/// for the same time; 10,000 articles at 204 MiB instead of 221, 50,000 at 942 instead of 972
/// (docs/performance.md). `MIMALLOC_PURGE_DELAY` (or its old name `MIMALLOC_RESET_DELAY`) in the
/// environment still decides when it is set.
fn short_purge_delay() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() && std::env::var_os("MIMALLOC_RESET_DELAY").is_none() {
        // SAFETY: mi_option_set stores a number in mimalloc's table of options; an index out of
        // range is ignored by mimalloc itself.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `MI_OPTION_PURGE_DELAY` is mimalloc's purge delay: it reads mimalloc 3's default (1 s)
    /// until `short_purge_delay` sets it to 10 ms; a newer mimalloc that renumbered its options
    /// fails here instead of silently setting another option. A delay set in the environment is
    /// left as it is.
    #[test]
    fn the_purge_delay_is_shortened_unless_the_environment_sets_it() {
        let from_env =
            std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() || std::env::var_os("MIMALLOC_RESET_DELAY").is_some();
        // SAFETY: reading and setting an option of mimalloc's table (see `short_purge_delay`).
        let get = || unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        let before = get();
        short_purge_delay();
        if from_env {
            assert_eq!(get(), before, "the environment's purge delay was overridden");
        } else {
            assert_eq!(
                before, 1000,
                "option {MI_OPTION_PURGE_DELAY} is not mimalloc 3's purge_delay"
            );
            assert_eq!(get(), 10);
        }
    }
}
