//! Staging: a build's files written as they come, then swapped in whole, or not at all.
//!
//! `Output::stage` makes the staging folder (beside the output, `.public.staging-<pid>`, or
//! inside it for a folder whose entries are replaced) and writes our marker into it first, so
//! that a killed build's folder is recognisably ours. The `Staging` it returns is a `Sink`:
//! files are written into the folder as they are put, from any thread. `finish` swaps the folder
//! in: where the system can exchange two folders in one step (`renameat2` on Linux), the output
//! is always either the complete old site or the complete new one; elsewhere the old site is
//! renamed aside, never deleted before the new one is in place, and `recover` repairs a kill
//! between the two renames. A folder that turns out not to be renamable gets its entries
//! replaced instead (`journal`). A `Staging` dropped unfinished removes its folder. The tidying
//! of what killed builds left (`remove_stale`) lives here too.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use super::journal::in_place_staging;
use super::output::Output;
use super::{IN_PLACE_OLD, IN_PLACE_STAGING, Ledger, MARKER, Sink, WriteError, err, has_pid_suffix};

/// A build's staging folder, as a `Sink`: each file put is written into it at once; `finish`
/// puts the site in place, and dropping it unfinished removes the folder, leaving the previous
/// site as it was. One at a time per `Output` (the folder is named by the process id).
pub struct Staging<'a> {
    output: &'a Output,
    /// The staging folder.
    folder: PathBuf,
    /// It is inside the output, whose entries will be replaced (rather than beside it).
    inside: bool,
    ledger: Ledger,
    /// `finish` has taken charge of the folder (moved it into place, or removed it).
    finished: bool,
}

impl Output {
    /// Start writing a new site: make the staging folder, with our marker in it. Nothing in the
    /// output changes until `Staging::finish`.
    pub fn stage(&self) -> Result<Staging<'_>, WriteError> {
        if self.staging_open.swap(true, Ordering::Relaxed) {
            return Err(err(
                &self.shown,
                "a site is already being written into this output folder",
            ));
        }
        let (folder, inside) = if self.in_place {
            (self.path.join(in_place_staging()), true)
        } else {
            let pid = std::process::id();
            (self.parent.join(format!(".{}.staging-{pid}", self.name)), false)
        };
        if let Err(e) = create_staging(&folder) {
            self.staging_open.store(false, Ordering::Relaxed);
            return Err(e);
        }
        Ok(Staging {
            output: self,
            folder,
            inside,
            ledger: Ledger::default(),
            finished: false,
        })
    }

    /// Swap the site staged beside the output (in `staging`) into place. On an error the
    /// staging folder is removed, except when the output turns out not to be renamable: then
    /// nothing was changed, and the staged site is still there, to be moved inside.
    fn swap(&self, staging: &Path) -> Result<(), Swap> {
        let (out, parent, name) = (&self.path, &self.parent, &self.name);
        let pid = std::process::id();
        // Where the system can exchange two folders in one step, the output is always either
        // the complete old site or the complete new one, even if the process is killed.
        let had_old = out.exists();
        if had_old && exchange(staging, out).is_ok() {
            // `staging` now holds the previous site.
            let _ = fs::remove_dir_all(staging);
            return Ok(());
        }
        // Otherwise the old site is moved aside, never deleted before the new one is in place;
        // a kill between the two renames is repaired by `recover` on the next run.
        let old = parent.join(format!(".{name}.old-{pid}"));
        if had_old && let Err(e) = fs::rename(out, &old) {
            if cannot_rename(&e) {
                return Err(Swap::Immovable);
            }
            let _ = fs::remove_dir_all(staging);
            return Err(Swap::Failed(err(
                &self.shown,
                format!("cannot move the previous site aside: {e}"),
            )));
        }
        if let Err(e) = fs::rename(staging, out) {
            if had_old {
                let _ = fs::rename(&old, out);
            }
            let _ = fs::remove_dir_all(staging);
            return Err(Swap::Failed(err(
                &self.shown,
                format!("cannot move the new site into place: {e}"),
            )));
        }
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }

    /// Move a site staged beside the output into the output's own staging folder, for an
    /// output that cannot be renamed after all: by rename where the two are on one file system,
    /// by copy otherwise. The folder beside is gone afterwards, whatever happens.
    fn move_inside(&self, staged: &Path) -> Result<(), WriteError> {
        let inside = self.path.join(in_place_staging());
        let moved = if fs::symlink_metadata(&inside).is_ok() {
            Err(err(
                &inside,
                "is in the way of the staging folder and was not made by dossier; not touched",
            ))
        } else if fs::rename(staged, &inside).is_ok() {
            Ok(())
        } else {
            copy_tree(staged, &inside).map_err(|e| {
                let _ = fs::remove_dir_all(&inside);
                err(&inside, format!("cannot write the staging folder: {e}"))
            })
        };
        let _ = fs::remove_dir_all(staged);
        moved
    }

    /// Put back a previous site that a killed build had moved aside but not yet replaced.
    pub(super) fn recover(&self) {
        if self.path.exists() {
            return;
        }
        let mut set_aside = self.ours_beside("old");
        set_aside.sort();
        if let Some(previous) = set_aside.pop() {
            let _ = fs::rename(previous, &self.path);
        }
    }

    /// Remove what a killed build left: beside the output, its staging folder and a set-aside
    /// old site; inside it, a staging folder and an empty folder for old entries from before the
    /// journal was written. Only entries with our name pattern (`.NAME.staging-<pid>`, ...) and
    /// our marker are ours; an empty folder with our name pattern is removed too (`rmdir`, which
    /// cannot lose anything). A user's `.NAME.staging-notes/` is never touched.
    pub(super) fn remove_stale(&self) {
        for path in self.ours_beside("staging").into_iter().chain(self.ours_beside("old")) {
            let _ = fs::remove_dir_all(path);
        }
        // A build killed between creating its staging folder and writing the marker into it
        // leaves the folder empty; `remove_dir` removes only an empty folder, so nothing is lost.
        if let Ok(entries) = fs::read_dir(&self.parent) {
            let prefix = format!(".{}.staging-", self.name);
            for entry in entries.flatten() {
                if has_pid_suffix(&entry.file_name().to_string_lossy(), &prefix) {
                    let _ = fs::remove_dir(entry.path());
                }
            }
        }
        if !fs::symlink_metadata(&self.path).is_ok_and(|m| m.is_dir()) {
            return;
        }
        let Ok(entries) = fs::read_dir(&self.path) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir && has_pid_suffix(&name, IN_PLACE_STAGING) && entry.path().join(MARKER).is_file() {
                let _ = fs::remove_dir_all(entry.path());
            } else if is_dir && (has_pid_suffix(&name, IN_PLACE_STAGING) || has_pid_suffix(&name, IN_PLACE_OLD)) {
                // Empty when a build was killed before it wrote the marker or the journal;
                // `remove_dir` removes only an empty folder.
                let _ = fs::remove_dir(entry.path());
            }
        }
    }

    /// Folders beside the output named `.NAME.<kind>-<digits>` with our marker inside.
    fn ours_beside(&self, kind: &str) -> Vec<PathBuf> {
        let prefix = format!(".{}.{kind}-", self.name);
        let Ok(entries) = fs::read_dir(&self.parent) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter(|e| {
                has_pid_suffix(&e.file_name().to_string_lossy(), &prefix)
                    && e.file_type().is_ok_and(|t| t.is_dir())
                    && e.path().join(MARKER).is_file()
            })
            .map(|e| e.path())
            .collect()
    }
}

/// How a swap failed.
enum Swap {
    /// The folder cannot be renamed (busy: a mount point), and nothing was changed.
    Immovable,
    /// Any other failure, reported as is.
    Failed(WriteError),
}

/// Does this error mean "this folder cannot be renamed" (a mount point, or another file system)?
fn cannot_rename(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ResourceBusy | std::io::ErrorKind::CrossesDevices
    )
}

impl Sink for Staging<'_> {
    /// The number of files now in place.
    type Finished = usize;

    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let target = self.ledger.admit(&self.folder, &self.folder, path)?;
        let written = (|| {
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir).map_err(|e| err(dir, format!("cannot create the folder: {e}")))?;
            }
            let mut file = fs::File::create(&target).map_err(|e| err(&target, format!("cannot write: {e}")))?;
            file.write_all(bytes)
                .map_err(|e| err(&target, format!("cannot write: {e}")))
        })();
        written.map_err(|e| self.ledger.fail(e))
    }

    fn put_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), WriteError> {
        let target = self.ledger.admit(&self.folder, &self.folder, path)?;
        let written = (|| {
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir).map_err(|e| err(dir, format!("cannot create the folder: {e}")))?;
            }
            let file = fs::File::create(&target).map_err(|e| err(&target, format!("cannot write: {e}")))?;
            let mut file = std::io::BufWriter::with_capacity(1 << 16, file);
            write(&mut file)
                .and_then(|()| file.flush())
                .map_err(|e| err(&target, format!("cannot write: {e}")))
        })();
        written.map_err(|e| self.ledger.fail(e))
    }

    fn finish(mut self) -> Result<usize, WriteError> {
        let count = self.ledger.complete(&self.output.shown)?;
        // From here on the folder is moved into place or removed by what is called below.
        self.finished = true;
        if self.inside {
            self.output.replace_entries()?;
            return Ok(count);
        }
        match self.output.swap(&self.folder) {
            Ok(()) => {}
            Err(Swap::Failed(e)) => return Err(e),
            // A mount point that `is_mount_point` did not see: its entries are replaced.
            Err(Swap::Immovable) => {
                self.output.move_inside(&self.folder)?;
                self.output.replace_entries()?;
            }
        }
        Ok(count)
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.folder);
        }
        self.output.staging_open.store(false, Ordering::Relaxed);
    }
}

/// Make a new staging folder with our marker in it (so that a killed build's folder is
/// recognisably ours); nothing is left if that fails.
fn create_staging(staging: &Path) -> Result<(), WriteError> {
    if fs::symlink_metadata(staging).is_ok() {
        // Ours would have been removed as stale: this one is someone else's.
        return Err(err(
            staging,
            "is in the way of the staging folder and was not made by dossier; not touched",
        ));
    }
    fs::create_dir(staging).map_err(|e| err(staging, format!("cannot create the staging folder: {e}")))?;
    let marked = fs::write(
        staging.join(MARKER),
        "This folder was written by `dossier build`; the next build replaces it.\n",
    );
    marked.map_err(|e| {
        let _ = fs::remove_dir_all(staging);
        err(staging, format!("cannot write the marker: {e}"))
    })
}

/// Copy the files and folders under `from` into the new folder `to`.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Exchange two folders atomically (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call, and
    // renameat2 does not retain them.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "no atomic exchange here",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::tests::{contents, lay_out, pairs};

    const OLD_SITE: &[(&str, &str)] = &[(MARKER, "old"), ("a/index.html", "old a"), ("index.html", "old")];

    /// A folder `public` holding an old site, and the dossier folder beside it.
    fn with_old_site() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        lay_out(&out, OLD_SITE);
        let dossier = tmp.path().join("dossier");
        (tmp, out, dossier)
    }

    #[test]
    fn a_failed_build_through_the_sink_leaves_the_previous_site_as_it_was() {
        let (tmp, out, dossier) = with_old_site();
        let before = contents(tmp.path());
        // Beside the output (swapped in) and inside it (entries replaced): the same promise.
        for in_place in [false, true] {
            let mut output = Output::open(&out, &dossier, &[]).unwrap();
            output.in_place = in_place;
            // Rendering failed after some files were put: the sink is dropped unfinished.
            let staging = output.stage().unwrap();
            assert!(staging.folder.join(MARKER).is_file());
            assert_eq!(staging.folder.starts_with(&out), in_place);
            staging.put("index.html", b"new").unwrap();
            staging.put("b/index.html", b"new b").unwrap();
            drop(staging);
            // Writing failed half-way (a file where a folder must go): `finish` refuses.
            let staging = output.stage().unwrap();
            staging.put("index.html", b"new").unwrap();
            staging.put("a", b"new a").unwrap();
            let failed = staging.put("a/index.html", b"new a").unwrap_err();
            assert!(failed.message.contains("cannot create the folder"), "{failed}");
            let refused = staging.finish().unwrap_err();
            assert!(refused.message.contains("previous site is left as it was"), "{refused}");
            drop(output);
            assert_eq!(contents(tmp.path()), before, "in place: {in_place}");
        }
    }

    #[test]
    fn a_finished_staging_replaces_the_site_and_leaves_nothing_behind() {
        let new_site = pairs(&[(MARKER, ""), ("b/index.html", "new b"), ("index.html", "new")]);
        for in_place in [false, true] {
            let (tmp, out, dossier) = with_old_site();
            let mut output = Output::open(&out, &dossier, &[]).unwrap();
            output.in_place = in_place;
            let staging = output.stage().unwrap();
            // One at a time: the folder is named by the process id.
            assert!(output.stage().is_err());
            staging.put("index.html", b"new").unwrap();
            staging.put("b/index.html", b"new b").unwrap();
            assert_eq!(staging.finish().unwrap(), 2);
            // The next build may stage again.
            drop(output.stage().unwrap());
            drop(output);
            let mut site = contents(&out);
            site.iter_mut()
                .filter(|(p, _)| p == MARKER)
                .for_each(|(_, text)| text.clear());
            assert_eq!(site, new_site, "in place: {in_place}");
            let beside: Vec<_> = fs::read_dir(tmp.path())
                .unwrap()
                .flatten()
                .map(|e| e.file_name())
                .collect();
            assert_eq!(beside, ["public"], "in place: {in_place}");
        }
    }

    #[test]
    fn a_site_staged_beside_an_output_that_cannot_be_renamed_is_moved_inside() {
        // What `finish` does when renaming the output reports it busy (a mount point that
        // `is_mount_point` did not see): the staged site moves inside and replaces the entries.
        let (tmp, out, dossier) = with_old_site();
        let output = Output::open(&out, &dossier, &[]).unwrap();
        let mut staging = output.stage().unwrap();
        staging.put("index.html", b"new").unwrap();
        staging.put("b/index.html", b"new b").unwrap();
        staging.finished = true;
        output.move_inside(&staging.folder).unwrap();
        output.replace_entries().unwrap();
        drop(staging);
        drop(output);
        let site: Vec<String> = contents(&out).into_iter().map(|(p, _)| p).collect();
        assert_eq!(site, [MARKER, "b/index.html", "index.html"]);
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);

        // Across file systems the staged folder is copied, files and folders alike.
        let copy = tmp.path().join("copy");
        copy_tree(&out, &copy).unwrap();
        assert_eq!(contents(&copy), contents(&out));
    }
}
