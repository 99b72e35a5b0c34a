//! Write: put the rendered files on disk without ever losing the previous site.
//!
//! Builds into one output folder take turns: an advisory lock on `.public.lock` beside the
//! output (released by the kernel if the holder dies) makes a second build wait, saying so on
//! stderr, for as long as the first one runs. The site is written into a staging folder beside
//! the output (`.public.staging-<pid>`, our marker written first), and only when every file is
//! written is it swapped into place: the old output is renamed aside, the staging folder renamed
//! to the output, the old one removed. A failed or killed build therefore leaves the previous
//! site complete (at worst a stale staging folder remains, which the next build removes: only
//! folders with our name pattern and marker, found while holding the lock, so never a running
//! build's and never a user's). The tool never deletes or replaces a folder it did not create:
//! an output folder must be absent, empty, or carry the marker file `.dossier-output` that every
//! build writes; anything else is refused with a clear message.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

/// The marker file that says "dossier made this folder; it may replace it".
pub const MARKER: &str = ".dossier-output";

/// A refusal or failure to write the site.
#[derive(Debug)]
pub struct WriteError {
    /// The path concerned.
    pub path: PathBuf,
    /// What happened, for the user.
    pub message: String,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

fn err(path: &Path, message: impl Into<String>) -> WriteError {
    WriteError {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// Check that `out` may be replaced: absent, an empty folder, or one of ours.
fn check_output(out: &Path, shown: &Path) -> Result<(), WriteError> {
    match fs::symlink_metadata(out) {
        Err(_) => Ok(()),
        Ok(m) if m.file_type().is_symlink() => {
            Err(err(shown, "the output path is a symbolic link; refusing to replace it"))
        }
        Ok(m) if !m.is_dir() => Err(err(
            shown,
            "the output path exists and is not a folder; refusing to replace it",
        )),
        Ok(_) => {
            if out.join(MARKER).is_file() {
                return Ok(());
            }
            let mut entries =
                fs::read_dir(out).map_err(|e| err(shown, format!("cannot read the output folder: {e}")))?;
            if entries.next().is_none() {
                Ok(())
            } else {
                Err(err(
                    shown,
                    format!(
                        "the output folder exists, is not empty and was not created by dossier (it has no {MARKER} file); \
                         refusing to replace it. Choose another folder with -o, or empty this one yourself"
                    ),
                ))
            }
        }
    }
}

/// An output folder, locked for this build: the only way to write a site.
///
/// Opening it waits for any other build into the same folder (an advisory lock on the file
/// `.NAME.lock` beside the folder, held until the `Output` is dropped), then tidies what a killed
/// build left, then refuses a folder dossier did not create. Holding the lock is what makes the
/// tidying safe: a staging folder exists only while its builder holds the lock, so one found
/// while we hold it belongs to a build that is gone.
pub struct Output {
    /// The path as the user gave it, for messages.
    shown: PathBuf,
    /// The output folder.
    path: PathBuf,
    /// The folder that holds it, where the staging folder goes.
    parent: PathBuf,
    /// Its name.
    name: String,
    _lock: Lock,
}

impl Output {
    /// Lock `out` for this build (waiting, with a message, while another build holds it), clean
    /// up after killed builds, and check that the folder may be replaced.
    pub fn open(out: &Path) -> Result<Output, WriteError> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        // Refuse a foreign folder before waiting for anything.
        check_output(out, out)?;
        fs::create_dir_all(&parent).map_err(|e| err(&parent, format!("cannot create the folder: {e}")))?;
        let lock = Lock::acquire(&parent.join(format!(".{name}.lock")), out)?;
        let output = Output {
            shown: out.to_path_buf(),
            path: out.to_path_buf(),
            parent,
            name,
            _lock: lock,
        };
        output.recover();
        output.remove_stale();
        check_output(&output.path, &output.shown)?;
        Ok(output)
    }

    /// Write `files` through a staging folder and an atomic swap.
    pub fn write_site(&self, files: &[OutputFile]) -> Result<(), WriteError> {
        let (out, parent, name) = (&self.path, &self.parent, &self.name);
        let pid = std::process::id();
        let staging = parent.join(format!(".{name}.staging-{pid}"));
        write_staging(&staging, files)?;
        // Swap. Where the system can exchange two folders in one step, the output is always
        // either the complete old site or the complete new one, even if the process is killed.
        let had_old = out.exists();
        if had_old && exchange(&staging, out).is_ok() {
            // `staging` now holds the previous site.
            let _ = fs::remove_dir_all(&staging);
            return Ok(());
        }
        // Otherwise the old site is moved aside, never deleted before the new one is in place;
        // a kill between the two renames is repaired by `recover` on the next run.
        let old = parent.join(format!(".{name}.old-{pid}"));
        if had_old && let Err(e) = fs::rename(out, &old) {
            let _ = fs::remove_dir_all(&staging);
            return Err(err(&self.shown, format!("cannot move the previous site aside: {e}")));
        }
        if let Err(e) = fs::rename(&staging, out) {
            if had_old {
                let _ = fs::rename(&old, out);
            }
            let _ = fs::remove_dir_all(&staging);
            return Err(err(&self.shown, format!("cannot move the new site into place: {e}")));
        }
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }

    /// Put back a previous site that a killed build had moved aside but not yet replaced.
    fn recover(&self) {
        if self.path.exists() {
            return;
        }
        let mut set_aside = self.ours_beside("old");
        set_aside.sort();
        if let Some(previous) = set_aside.pop() {
            let _ = fs::rename(previous, &self.path);
        }
    }

    /// Remove what a killed build left beside the output: its staging folder and a set-aside
    /// old site. Only folders named `.NAME.staging-<pid>` or `.NAME.old-<pid>` that carry our
    /// marker are ours; a user's `.NAME.staging-notes/` is never touched.
    fn remove_stale(&self) {
        for path in self.ours_beside("staging").into_iter().chain(self.ours_beside("old")) {
            let _ = fs::remove_dir_all(path);
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
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_prefix(&prefix)
                    .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
                    && e.file_type().is_ok_and(|t| t.is_dir())
                    && e.path().join(MARKER).is_file()
            })
            .map(|e| e.path())
            .collect()
    }
}

/// Write every file into a new staging folder, our marker first (so that a killed build's
/// folder is recognisably ours). On any error the staging folder is removed.
fn write_staging(staging: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    if fs::symlink_metadata(staging).is_ok() {
        // Ours would have been removed as stale: this one is someone else's.
        return Err(err(
            staging,
            "is in the way of the staging folder and was not made by dossier; not touched",
        ));
    }
    fs::create_dir(staging).map_err(|e| err(staging, format!("cannot create the staging folder: {e}")))?;
    let result = (|| {
        fs::write(
            staging.join(MARKER),
            "This folder was written by `dossier build`; the next build replaces it.\n",
        )
        .map_err(|e| err(staging, format!("cannot write the marker: {e}")))?;
        for f in files {
            let target = safe_join(staging, &f.path).ok_or_else(|| {
                err(
                    staging,
                    format!("refusing to write outside the output folder: {}", f.path),
                )
            })?;
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir).map_err(|e| err(dir, format!("cannot create the folder: {e}")))?;
            }
            let mut file = fs::File::create(&target).map_err(|e| err(&target, format!("cannot write: {e}")))?;
            file.write_all(&f.bytes)
                .map_err(|e| err(&target, format!("cannot write: {e}")))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(staging);
    }
    result
}

/// An advisory lock on a file beside the output (`flock` on Unix, through `File::lock`): the
/// kernel releases it when its holder exits, however it exits. The holder writes its pid into
/// the file for the waiting message, and removes the file as it lets go, so nothing is left
/// behind; a waiter that then finds the file gone or replaced starts over on the new one.
struct Lock {
    path: PathBuf,
    _file: fs::File,
}

impl Lock {
    fn acquire(path: &Path, output: &Path) -> Result<Lock, WriteError> {
        let mut announced = false;
        loop {
            let mut file = open_lock_file(path).map_err(|e| err(path, format!("cannot create the lock file: {e}")))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    if !announced {
                        announced = true;
                        let mut holder = String::new();
                        let _ = std::io::Read::read_to_string(&mut file, &mut holder);
                        let holder = holder
                            .trim()
                            .parse::<u32>()
                            .map(|pid| format!(" (pid {pid})"))
                            .unwrap_or_default();
                        eprintln!(
                            "waiting for another build of {} to finish{holder}…",
                            shown_folder(output)
                        );
                    }
                    file.lock().map_err(|e| err(path, format!("cannot lock: {e}")))?;
                }
                Err(fs::TryLockError::Error(e)) => return Err(err(path, format!("cannot lock: {e}"))),
            }
            if !still_at(&file, path) {
                continue;
            }
            let written = file
                .set_len(0)
                .and_then(|()| file.write_all(format!("{}\n", std::process::id()).as_bytes()));
            written.map_err(|e| err(path, format!("cannot write the lock file: {e}")))?;
            return Ok(Lock {
                path: path.to_path_buf(),
                _file: file,
            });
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held; the lock itself goes when the file is closed, right after.
        let _ = fs::remove_file(&self.path);
    }
}

/// Open (or create) a lock file, never through a symbolic link: a planted
/// `.public.lock -> ~/.bashrc` must not be truncated.
fn open_lock_file(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// Is `file` still the file at `path` (not removed or replaced by a previous holder)?
fn still_at(file: &fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// An output folder as a user names it in messages: `public/`.
fn shown_folder(path: &Path) -> String {
    let text = path.display().to_string();
    if text.ends_with('/') { text } else { format!("{text}/") }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_join_refuses_escapes() {
        let base = Path::new("/out");
        assert_eq!(safe_join(base, "a/b.html"), Some(PathBuf::from("/out/a/b.html")));
        assert_eq!(safe_join(base, "../x"), None);
        assert_eq!(safe_join(base, "/etc/passwd"), None);
        assert_eq!(safe_join(base, "a/../../x"), None);
    }
}
