//! The output folder: where it really is, whether it may be written, and its lock.
//!
//! `Output::open` resolves the path the user gave (`.`, `X/.`, `X/..`, links on the way),
//! refuses an output inside one of the dossier's input folders (each build would read the last
//! site as input) or one that holds the dossier (replacing it would delete it), refuses a folder
//! dossier did not create (not absent, not empty, no marker), finds whether it is a mount point
//! (it cannot be renamed) or the folder the build runs in (it should not be), takes the lock, and
//! finishes or tidies what a killed build left. Everything else about writing starts from an
//! open `Output`.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::lock::Lock;
use super::{IN_PLACE_LOCK, JOURNAL, LOST_FOUND, MARKER, Sink, WriteError, err};
use crate::render::OutputFile;

/// Check that `out` may be replaced: absent, an empty folder, or one of ours. At a mount point,
/// our own lock file and the volume's `lost+found` do not count; a folder with our journal is
/// ours, half-way through a replacement (the journal is checked before it is acted on).
fn check_output(out: &Path, shown: &Path, mount_point: bool) -> Result<(), WriteError> {
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
            if out.join(MARKER).is_file() || out.join(JOURNAL).is_file() {
                return Ok(());
            }
            let entries = fs::read_dir(out).map_err(|e| err(shown, format!("cannot read the output folder: {e}")))?;
            let foreign = entries.flatten().any(|e| {
                let name = e.file_name();
                !(mount_point && (name == IN_PLACE_LOCK || name == LOST_FOUND))
            });
            if !foreign {
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
/// Opening it finds where the folder really is (`.`, `X/.` and `X/..` resolved), refuses one
/// inside the dossier's input folders, waits for any other build into the same folder (an
/// advisory lock, held until the `Output` is dropped), finishes or tidies what a killed build
/// left, and refuses a folder dossier did not create. Holding the lock is what makes the
/// tidying safe: a staging folder exists only while its builder holds the lock, so one found
/// while we hold it belongs to a build that is gone.
pub struct Output {
    /// The path as the user gave it, for messages.
    pub(super) shown: PathBuf,
    /// The output folder: absolute, with no `.`, `..` or link before its last component.
    pub(super) path: PathBuf,
    /// The folder that holds it, where the staging folder goes.
    pub(super) parent: PathBuf,
    /// Its name.
    pub(super) name: String,
    /// It is a mount point (it cannot be renamed; its lock and working entries live inside it).
    pub(super) mount_point: bool,
    /// Its entries are replaced rather than the folder itself: a mount point, or the folder the
    /// build runs in (so that the user's shell is not left in a deleted folder).
    pub(super) in_place: bool,
    /// A `Staging` is open (its folder is named by our pid, so there is one at a time).
    pub(super) staging_open: AtomicBool,
    _lock: Lock,
}

impl Output {
    /// Lock `out` for this build (waiting, with a message, while another build holds it), clean
    /// up after killed builds, and check that the folder may be replaced. `dossier` is the
    /// dossier folder and `inputs` its input folders (name, canonical path): the output may be
    /// in none of them, and may not hold the dossier.
    pub fn open(out: &Path, dossier: &Path, inputs: &[(String, PathBuf)]) -> Result<Output, WriteError> {
        let path = resolve(out).map_err(|e| err(out, format!("cannot find where the output folder is: {e}")))?;
        refuse_placement(out, &path, dossier, inputs)?;
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return Err(err(out, "the root of the file system cannot be the output folder"));
        };
        let (parent, name) = (parent.to_path_buf(), name.to_string_lossy().into_owned());
        let is_dir = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        let mount_point = is_dir && is_mount_point(&path);
        // Refuse a foreign folder before waiting for anything.
        check_output(&path, out, mount_point)?;
        fs::create_dir_all(&parent).map_err(|e| err(&parent, format!("cannot create the folder: {e}")))?;
        // A mount point is never renamed, so its lock can live inside it (its parent, often `/`,
        // may not be writable); any other output's lock lives beside it, as it may be swapped.
        let lock_path = if mount_point {
            path.join(IN_PLACE_LOCK)
        } else {
            parent.join(format!(".{name}.lock"))
        };
        let lock = Lock::acquire(&lock_path, out)?;
        let output = Output {
            shown: out.to_path_buf(),
            in_place: mount_point || (is_dir && is_current_dir(&path)),
            path,
            parent,
            name,
            mount_point,
            staging_open: AtomicBool::new(false),
            _lock: lock,
        };
        output.finish_interrupted()?;
        output.recover();
        output.remove_stale();
        check_output(&output.path, &output.shown, mount_point)?;
        Ok(output)
    }

    /// Write `files` through a `Staging` sink (`stage`): a staging folder and an atomic swap of
    /// the folder, or, where the folder cannot or should not be renamed, a replacement of its
    /// entries under a journal. Nothing changes in the output unless every file was written.
    pub fn write_site(&self, files: &[OutputFile]) -> Result<(), WriteError> {
        let staging = self.stage()?;
        for f in files {
            staging.put(&f.path, &f.bytes)?;
        }
        staging.finish().map(drop)
    }
}

/// Refuse an output inside one of the dossier's input folders (each build would read the last
/// site as input, and grow), or one that holds the dossier (replacing it would delete it).
fn refuse_placement(shown: &Path, path: &Path, dossier: &Path, inputs: &[(String, PathBuf)]) -> Result<(), WriteError> {
    // The innermost input folder that holds the output names the problem best.
    if let Some((name, folder)) = inputs
        .iter()
        .filter(|(_, folder)| path.starts_with(folder))
        .max_by_key(|(_, folder)| folder.components().count())
    {
        let resolved = if *folder == dossier.join(name) {
            String::new()
        } else {
            format!(" (which is {})", folder.display())
        };
        return Err(err(
            shown,
            format!(
                "the output folder is inside {name}/ of the dossier{resolved}; each build would read the previous \
                 site as input. Choose an output folder outside content/, templates/, static/ and themes/ \
                 (the default is public/ in the dossier folder)"
            ),
        ));
    }
    if dossier.starts_with(path) {
        return Err(err(
            shown,
            "the output folder holds the dossier folder; replacing the site would delete the dossier. \
             Choose an output folder beside the dossier or inside it (the default is public/ in the dossier folder)",
        ));
    }
    Ok(())
}

/// The absolute path `out` names, with `.` and `..` resolved the way the system resolves them:
/// each folder on the way is followed if it is a link (so `link/..` is the link target's
/// parent), but not the last component, the output itself (a link there is refused).
fn resolve(out: &Path) -> std::io::Result<PathBuf> {
    let absolute = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()?.join(out)
    };
    let parts: Vec<Component> = absolute.components().collect();
    let mut path = PathBuf::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            Component::Prefix(_) | Component::RootDir => path.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                path.pop();
            }
            Component::Normal(name) => {
                path.push(name);
                let last = i + 1 == parts.len();
                if !last && fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                    path = path.canonicalize()?;
                }
            }
        }
    }
    Ok(path)
}

/// Is `path` the folder this process runs in?
fn is_current_dir(path: &Path) -> bool {
    match (
        std::env::current_dir().and_then(|d| d.canonicalize()),
        path.canonicalize(),
    ) {
        (Ok(here), Ok(there)) => here == there,
        _ => false,
    }
}

/// Is the folder `path` a mount point (the root of a mounted file system, a bind mount
/// included)? Such a folder cannot be renamed.
fn is_mount_point(path: &Path) -> bool {
    #[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
    if let Some(answer) = statx_mount_root(path) {
        return answer;
    }
    // Elsewhere (or on kernels before 5.8): a different device from the parent's. This misses a
    // bind mount within one file system; `Swap::Immovable` catches that case when renaming.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(path), fs::metadata(path.join(".."))) {
            (Ok(a), Ok(b)) => a.dev() != b.dev() || a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// `STATX_ATTR_MOUNT_ROOT` of `path` (Linux 5.8 and later), when the kernel reports it.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn statx_mount_root(path: &Path) -> Option<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c_path = CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut buf = std::mem::MaybeUninit::<libc::statx>::zeroed();
    // SAFETY: `c_path` is a valid NUL-terminated string and `buf` a writable statx buffer, both
    // alive for the call; statx keeps neither.
    let rc = unsafe {
        libc::statx(
            libc::AT_FDCWD,
            c_path.as_ptr(),
            libc::AT_SYMLINK_NOFOLLOW,
            libc::STATX_TYPE,
            buf.as_mut_ptr(),
        )
    };
    if rc != 0 {
        return None;
    }
    // SAFETY: statx succeeded, so it filled the buffer (which was zeroed to begin with).
    let buf = unsafe { buf.assume_init() };
    let bit = libc::STATX_ATTR_MOUNT_ROOT as u64;
    (buf.stx_attributes_mask & bit != 0).then_some(buf.stx_attributes & bit != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_and_dot_dot_in_the_output_path_are_resolved() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        fs::create_dir_all(base.join("a/b")).unwrap();
        assert_eq!(resolve(&base.join("a/.")).unwrap(), base.join("a"));
        assert_eq!(resolve(&base.join("a/b/..")).unwrap(), base.join("a"));
        assert_eq!(
            resolve(&base.join("a/./b/../../new/site")).unwrap(),
            base.join("new/site")
        );
        #[cfg(unix)]
        {
            // A link on the way is followed before `..`, as the system does; the last
            // component, the output itself, is not.
            std::os::unix::fs::symlink(base.join("a/b"), base.join("link")).unwrap();
            assert_eq!(resolve(&base.join("link/..")).unwrap(), base.join("a"));
            assert_eq!(resolve(&base.join("link")).unwrap(), base.join("link"));
        }
    }
}
