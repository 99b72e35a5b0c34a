//! Write: put the rendered files on disk without ever losing the previous site.
//!
//! Builds into one output folder take turns: an advisory lock on `.public.lock` beside the
//! output (released by the kernel if the holder dies) makes a second build wait, saying so on
//! stderr, for as long as the first one runs (`lock`). The site is written into a staging folder
//! beside the output (`.public.staging-<pid>`, our marker written first), and only when every file
//! is written is it swapped into place: the old output is renamed aside, the staging folder
//! renamed to the output, the old one removed (`swap`). A failed or killed build therefore leaves
//! the previous site complete (at worst a stale staging folder remains, which the next build
//! removes: only folders with our name pattern and marker, found while holding the lock, so never
//! a running build's and never a user's). The tool never deletes or replaces a folder it did not
//! create: an output folder must be absent, empty, or carry the marker file `.dossier-output`
//! that every build writes; anything else is refused with a clear message (`output`).
//!
//! A folder that cannot be renamed (a mount point, such as a Docker volume `-o /out`) or should
//! not be (the folder the build runs in, `-o .`) keeps its identity: the site is staged inside
//! it and its entries are replaced one by one under a journal (`.dossier-journal`), which the
//! next build reads to complete a replacement that a kill interrupted, so the folder is never
//! left as an unannounced mix of two sites (`journal`). The output path is resolved first (`.`,
//! `X/.`, `X/..`), and an output inside the dossier's input folders, or holding the dossier, is
//! refused. The waiting and recovery messages are printed here, as they happen.
//!
//! Files reach the site through a `Sink`, one file at a time, from any number of threads:
//! `Staging` (a build's staging folder, from `Output::stage`, published by `finish` and removed
//! if dropped unfinished) or `Memory` (a map from path to bytes, for tests and the coming
//! `serve`). Both refuse a path that could land outside the site, and a path given twice.

mod journal;
mod lock;
mod memory;
mod output;
mod swap;

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

pub use memory::Memory;
pub use output::Output;
pub use swap::Staging;

/// The marker file that says "dossier made this folder; it may replace it".
pub const MARKER: &str = ".dossier-output";

/// Names of dossier's working entries inside an output folder whose entries it replaces one by
/// one (`Output::replace_entries`); the pid follows the two folder prefixes.
const IN_PLACE_STAGING: &str = ".dossier-staging-";
const IN_PLACE_OLD: &str = ".dossier-old-";
/// The journal of an entry-by-entry replacement, and the lock file of a mount point.
const JOURNAL: &str = ".dossier-journal";
const IN_PLACE_LOCK: &str = ".dossier-lock";
/// The folder `fsck` keeps at the root of a volume: never moved, and not counted as content.
const LOST_FOUND: &str = "lost+found";

/// A refusal or failure to write the site.
pub type WriteError = crate::diag::PathError;

fn err(path: &Path, message: impl Into<String>) -> WriteError {
    WriteError::new(path, message)
}

/// Where the files of a site go as they are made: a build's staging folder (`Staging`), or
/// memory (`Memory`).
///
/// `put` may be called from many threads at once, in any order; each path at most once. A site
/// is published only by `finish`, and only if every `put` succeeded; a sink dropped without
/// `finish` (a build that failed or was abandoned) publishes nothing and leaves no trace, so the
/// previous site stays as it was.
pub trait Sink: Sync {
    /// What `finish` hands back: for a staging folder, the number of files now in place; for
    /// memory, the files.
    type Finished
    where
        Self: Sized;

    /// Put one file of the site at `path`: relative, `/`-separated, as in `OutputFile::path`
    /// (`articles/x/index.html`). Refused: an empty, `.` or `..` component, a backslash or a
    /// colon, a path given twice, and the names of dossier's own working files (`.dossier-…`) at
    /// the top. Any refusal or failure also makes `finish` refuse.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError>;

    /// Put one file at `path` that `write` writes piece by piece, for a file too large to hold
    /// whole (`dossier.json`): the staging folder streams it to disk. The same refusals as
    /// `put`; an error of `write` is an error of the put. By default the pieces are gathered
    /// and `put`.
    fn put_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), WriteError> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| err(Path::new(path), format!("cannot write: {e}")))?;
        self.put(path, &bytes)
    }

    /// Every file is in: publish the site.
    fn finish(self) -> Result<Self::Finished, WriteError>
    where
        Self: Sized;
}

/// Join a relative, `/`-separated path under a folder, refusing anything that could escape it.
pub fn safe_join(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut out = base.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains('\\') || part.contains(':') {
            return None;
        }
        out.push(part);
    }
    Some(out)
}

/// What a sink has been given so far: each path once, and whether any `put` failed (then the
/// site is incomplete and `finish` must refuse to publish it). Shared by both sinks, so that a
/// path refused on disk is refused in memory too.
///
/// A path is kept as a 128-bit hash of it (two SipHash keys chosen at random for the process),
/// not as a string: 16 bytes instead of about 100 with the set's own, for each of the 346,000
/// files of a 50,000-article site. Two paths with the same hash would be refused as the same;
/// at a million files the chance of that is about one in 10^27.
#[derive(Default)]
struct Ledger {
    paths: Mutex<HashSet<u128>>,
    keys: (RandomState, RandomState),
    failed: AtomicBool,
}

impl Ledger {
    /// Accept `path` for a new file under `base` (the folder the site is staged in, or none for
    /// memory), or say why not; a refusal marks the site incomplete.
    fn admit(&self, base: &Path, shown: &Path, path: &str) -> Result<PathBuf, WriteError> {
        let refused = |message: String| {
            self.failed.store(true, Ordering::Relaxed);
            Err(err(shown, message))
        };
        let Some(target) = safe_join(base, path) else {
            return refused(format!("refusing to write outside the output folder: {path}"));
        };
        // The top of the output holds dossier's own marker, journal, lock and working folders.
        if path.split('/').next().is_some_and(|top| top.starts_with(".dossier-")) {
            return refused(format!(
                "refusing to write a file with the name of dossier's own: {path}"
            ));
        }
        let key = (u128::from(self.keys.0.hash_one(path)) << 64) | u128::from(self.keys.1.hash_one(path));
        let mut paths = self.paths.lock().unwrap_or_else(PoisonError::into_inner);
        if !paths.insert(key) {
            drop(paths);
            return refused(format!("two files of the site have the same path: {path}"));
        }
        Ok(target)
    }

    /// Note a failure of `put` after the path was accepted, and pass the error on.
    fn fail(&self, e: WriteError) -> WriteError {
        self.failed.store(true, Ordering::Relaxed);
        e
    }

    /// The number of files put, or an error if any `put` failed.
    fn complete(&self, shown: &Path) -> Result<usize, WriteError> {
        if self.failed.load(Ordering::Relaxed) {
            return Err(err(
                shown,
                "some files of the site could not be written; the previous site is left as it was",
            ));
        }
        Ok(self.paths.lock().unwrap_or_else(PoisonError::into_inner).len())
    }
}

/// `name` is `prefix` followed by a pid (one or more digits).
fn has_pid_suffix(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// An output folder as a user names it in messages: `public/`.
fn shown_folder(path: &Path) -> String {
    let text = path.display().to_string();
    if text.ends_with('/') { text } else { format!("{text}/") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// Lay out files (`path` -> text) under `dir`.
    pub(super) fn lay_out(dir: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    }

    /// Every file under `dir`, with its text.
    pub(super) fn contents(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                (rel, fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// `(path, text)` pairs, owned.
    pub(super) fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn safe_join_refuses_escapes() {
        let base = Path::new("/out");
        assert_eq!(safe_join(base, "a/b.html"), Some(PathBuf::from("/out/a/b.html")));
        assert_eq!(safe_join(base, "../x"), None);
        assert_eq!(safe_join(base, "/etc/passwd"), None);
        assert_eq!(safe_join(base, "a/../../x"), None);
    }

    /// Every sink refuses the same paths, and a refusal makes `finish` refuse.
    fn refuses_unsafe_paths(sink: &impl Sink) {
        for bad in [
            "../x",
            "/etc/passwd",
            "a/../../x",
            "a//b",
            "./a",
            "a\\..\\..\\x",
            "C:/x",
            "",
            ".dossier-output",
            ".dossier-journal",
            ".dossier-staging-1/x",
        ] {
            let refused = sink.put(bad, b"x").expect_err(bad);
            assert!(refused.message.contains(bad), "{refused}");
        }
        sink.put("a/index.html", b"a").unwrap();
        let twice = sink.put("a/index.html", b"b").unwrap_err();
        assert!(
            twice.message.contains("two files of the site have the same path"),
            "{twice}"
        );
    }

    #[test]
    fn both_sinks_refuse_paths_outside_the_site_and_then_publish_nothing() {
        let memory = Memory::new();
        refuses_unsafe_paths(&memory);
        assert!(memory.finish().is_err());

        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        lay_out(&out, &[(MARKER, ""), ("index.html", "old")]);
        let before = contents(tmp.path());
        let output = Output::open(&out, &tmp.path().join("dossier"), &[]).unwrap();
        let staging = output.stage().unwrap();
        refuses_unsafe_paths(&staging);
        let refused = staging.finish().unwrap_err();
        assert!(refused.message.contains("previous site is left as it was"), "{refused}");
        drop(output);
        // Nothing was written outside the staging folder, and it is gone: only the old site.
        assert_eq!(contents(tmp.path()), before);
    }

    #[test]
    fn files_put_from_many_threads_at_once_all_land() {
        let files: Vec<(String, String)> = (0..400)
            .map(|i| (format!("d{}/e{}/f{i}.html", i % 7, i % 3), format!("file {i}")))
            .collect();
        let put_all = |sink: &(dyn Sink + '_)| {
            std::thread::scope(|scope| {
                for chunk in files.chunks(50) {
                    scope.spawn(move || {
                        for (path, text) in chunk {
                            sink.put(path, text.as_bytes()).unwrap();
                        }
                    });
                }
            });
        };

        let memory = Memory::new();
        put_all(&memory);
        let in_memory = memory.finish().unwrap();
        let expected: Vec<(String, Vec<u8>)> = files.iter().map(|(p, t)| (p.clone(), t.clone().into_bytes())).collect();
        assert_eq!(in_memory.into_iter().collect::<Vec<_>>(), {
            let mut e = expected.clone();
            e.sort();
            e
        });

        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let output = Output::open(&out, &tmp.path().join("dossier"), &[]).unwrap();
        let staging = output.stage().unwrap();
        put_all(&staging);
        assert_eq!(staging.finish().unwrap(), files.len());
        drop(output);
        let mut on_disk = contents(&out);
        on_disk.retain(|(path, _)| path != MARKER);
        let mut expected = files.clone();
        expected.sort();
        assert_eq!(on_disk, expected);
        // Nothing beside the output but the output.
        let beside: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(beside, ["public"]);
    }
}
