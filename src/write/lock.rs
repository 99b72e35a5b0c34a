//! The advisory lock that makes builds into one output folder take turns.
//!
//! `flock` on a file beside the output (inside it for a mount point), through `File::lock`: the
//! kernel releases it when its holder exits, however it exits, so a killed build never leaves
//! the folder locked. A build that finds the lock held says so once on stderr, naming the
//! holder's pid, and waits. The lock file is never opened through a symbolic link.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{WriteError, err, shown_folder};

/// An advisory lock on a file beside the output (`flock` on Unix, through `File::lock`): the
/// kernel releases it when its holder exits, however it exits. The holder writes its pid into
/// the file for the waiting message, and removes the file as it lets go, so nothing is left
/// behind; a waiter that then finds the file gone or replaced starts over on the new one.
pub(super) struct Lock {
    path: PathBuf,
    _file: fs::File,
}

impl Lock {
    pub(super) fn acquire(path: &Path, output: &Path) -> Result<Lock, WriteError> {
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
