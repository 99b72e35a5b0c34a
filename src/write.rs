//! Write: put the rendered files on disk without ever losing the previous site.
//!
//! The site is written into a staging folder beside the output (`.public.staging-<pid>`), and
//! only when every file is written is it swapped into place: the old output is renamed aside,
//! the staging folder renamed to the output, the old one removed. A failed or killed build
//! therefore leaves the previous site complete (at worst a stale staging folder remains, which
//! the next build removes). The tool never deletes or replaces a folder it did not create: an
//! output folder must be absent, empty, or carry the marker file `.dossier-output` that every
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
pub fn check_output(out: &Path) -> Result<(), WriteError> {
    match fs::symlink_metadata(out) {
        Err(_) => Ok(()),
        Ok(m) if m.file_type().is_symlink() => {
            Err(err(out, "the output path is a symbolic link; refusing to replace it"))
        }
        Ok(m) if !m.is_dir() => Err(err(
            out,
            "the output path exists and is not a folder; refusing to replace it",
        )),
        Ok(_) => {
            if out.join(MARKER).is_file() {
                return Ok(());
            }
            let mut entries = fs::read_dir(out).map_err(|e| err(out, format!("cannot read the output folder: {e}")))?;
            if entries.next().is_none() {
                Ok(())
            } else {
                Err(err(
                    out,
                    format!(
                        "the output folder exists, is not empty and was not created by dossier (it has no {MARKER} file); \
                         refusing to replace it. Choose another folder with -o, or empty this one yourself"
                    ),
                ))
            }
        }
    }
}

/// Write `files` to `out` through a staging folder and an atomic swap.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    check_output(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| err(&parent, format!("cannot create the folder: {e}")))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    recover(&parent, &name, out);
    remove_stale(&parent, &name);
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| err(&staging, format!("cannot remove an old staging folder: {e}")))?;
    }
    fs::create_dir(&staging).map_err(|e| err(&staging, format!("cannot create the staging folder: {e}")))?;
    let result = (|| {
        for f in files {
            let target = safe_join(&staging, &f.path).ok_or_else(|| {
                err(
                    &staging,
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
        fs::write(
            staging.join(MARKER),
            "This folder was written by `dossier build`; the next build replaces it.\n",
        )
        .map_err(|e| err(&staging, format!("cannot write the marker: {e}")))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    // Swap. Where the system can exchange two folders in one step, the output is always
    // either the complete old site or the complete new one, even if the process is killed.
    let had_old = out.exists();
    if had_old && exchange(&staging, out).is_ok() {
        // `staging` now holds the previous site.
        let _ = fs::remove_dir_all(&staging);
        return Ok(());
    }
    // Otherwise the old site is moved aside, never deleted before the new one is in place; a
    // kill between the two renames is repaired by `recover` on the next run.
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if had_old {
        fs::rename(out, &old).map_err(|e| err(out, format!("cannot move the previous site aside: {e}")))?;
    }
    if let Err(e) = fs::rename(&staging, out) {
        if had_old {
            let _ = fs::rename(&old, out);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(err(out, format!("cannot move the new site into place: {e}")));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
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

/// Put back a previous site that a killed build had moved aside but not yet replaced.
fn recover(parent: &Path, name: &str, out: &Path) {
    if out.exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else { return };
    let mut set_aside: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&format!(".{name}.old-")))
                && p.join(MARKER).is_file()
        })
        .collect();
    set_aside.sort();
    if let Some(previous) = set_aside.pop() {
        let _ = fs::rename(previous, out);
    }
}

/// Remove what a killed build left beside the output: staging folders (ours by their name,
/// and never the only copy of anything) and set-aside old sites that carry our marker.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let staging = file_name.starts_with(&format!(".{name}.staging-"));
        let old = file_name.starts_with(&format!(".{name}.old-")) && entry.path().join(MARKER).is_file();
        if (staging || old) && entry.path().is_dir() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
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
