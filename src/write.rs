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
//!
//! A folder that cannot be renamed (a mount point, such as a Docker volume `-o /out`) or should
//! not be (the folder the build runs in, `-o .`) keeps its identity: the site is staged inside
//! it and its entries are replaced one by one under a journal (`.dossier-journal`), which the
//! next build reads to complete a replacement that a kill interrupted, so the folder is never
//! left as an unannounced mix of two sites. The output path is resolved first (`.`, `X/.`,
//! `X/..`), and an output inside the dossier's input folders, or holding the dossier, is refused.
//! The waiting and recovery messages are printed here, as they happen.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

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

/// Names of dossier's working entries inside an output folder whose entries it replaces one by
/// one (`Output::replace_entries`); the pid follows the two folder prefixes.
const IN_PLACE_STAGING: &str = ".dossier-staging-";
const IN_PLACE_OLD: &str = ".dossier-old-";
/// The journal of an entry-by-entry replacement, and the lock file of a mount point.
const JOURNAL: &str = ".dossier-journal";
const IN_PLACE_LOCK: &str = ".dossier-lock";
/// The folder `fsck` keeps at the root of a volume: never moved, and not counted as content.
const LOST_FOUND: &str = "lost+found";

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
    shown: PathBuf,
    /// The output folder: absolute, with no `.`, `..` or link before its last component.
    path: PathBuf,
    /// The folder that holds it, where the staging folder goes.
    parent: PathBuf,
    /// Its name.
    name: String,
    /// It is a mount point (it cannot be renamed; its lock and working entries live inside it).
    mount_point: bool,
    /// Its entries are replaced rather than the folder itself: a mount point, or the folder the
    /// build runs in (so that the user's shell is not left in a deleted folder).
    in_place: bool,
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
            _lock: lock,
        };
        output.finish_interrupted()?;
        output.recover();
        output.remove_stale();
        check_output(&output.path, &output.shown, mount_point)?;
        Ok(output)
    }

    /// Write `files`: through a staging folder and an atomic swap of the folder, or, where the
    /// folder cannot or should not be renamed, by replacing its entries under a journal.
    pub fn write_site(&self, files: &[OutputFile]) -> Result<(), WriteError> {
        if !self.in_place {
            match self.swap(files) {
                Ok(()) => return Ok(()),
                Err(Swap::Failed(e)) => return Err(e),
                // A mount point that `is_mount_point` did not see: its entries are replaced.
                Err(Swap::Immovable) => {}
            }
        }
        self.replace_entries(files)
    }

    /// Write the site beside the output and swap it in.
    fn swap(&self, files: &[OutputFile]) -> Result<(), Swap> {
        let (out, parent, name) = (&self.path, &self.parent, &self.name);
        let pid = std::process::id();
        let staging = parent.join(format!(".{name}.staging-{pid}"));
        write_staging(&staging, files).map_err(Swap::Failed)?;
        // Where the system can exchange two folders in one step, the output is always either
        // the complete old site or the complete new one, even if the process is killed.
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
            if cannot_rename(&e) {
                return Err(Swap::Immovable);
            }
            return Err(Swap::Failed(err(
                &self.shown,
                format!("cannot move the previous site aside: {e}"),
            )));
        }
        if let Err(e) = fs::rename(&staging, out) {
            if had_old {
                let _ = fs::rename(&old, out);
            }
            let _ = fs::remove_dir_all(&staging);
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

    /// Replace the output's entries one by one, for a folder that cannot be renamed. The site is
    /// written into a staging folder inside the output (the same file system, so entries move by
    /// rename); then a journal is written, the old entries are moved into a folder of their own,
    /// the journal notes it, the new entries are moved in, and the leftovers and the journal are
    /// removed. A build killed in between leaves the journal, and the next build completes the
    /// replacement (`finish_interrupted`); an error in between puts the old site back.
    fn replace_entries(&self, files: &[OutputFile]) -> Result<(), WriteError> {
        let pid = std::process::id();
        let mut journal = Journal {
            phase: Phase::Aside,
            staging: format!("{IN_PLACE_STAGING}{pid}"),
            old: format!("{IN_PLACE_OLD}{pid}"),
        };
        let (staging, old) = (self.path.join(&journal.staging), self.path.join(&journal.old));
        write_staging(&staging, files)?;
        let started = fs::create_dir(&old).and_then(|()| journal.write(&self.path));
        if let Err(e) = started {
            let _ = fs::remove_dir_all(&staging);
            let _ = fs::remove_dir(&old);
            let _ = fs::remove_file(self.path.join(format!("{JOURNAL}.tmp")));
            return Err(err(&self.shown, format!("cannot start replacing the site: {e}")));
        }
        if let Err(e) = self.complete(&mut journal) {
            return Err(match self.roll_back(&journal) {
                Ok(()) => err(
                    &self.shown,
                    format!("cannot replace the site: {e}; the previous site is back in place"),
                ),
                Err(undo) => err(
                    &self.shown,
                    format!(
                        "cannot replace the site: {e}, nor put the previous one back: {undo}. The folder holds parts \
                         of two sites, as {JOURNAL} in it says; the next build completes the replacement"
                    ),
                ),
            });
        }
        Ok(())
    }

    /// Carry a replacement through from the phase its journal records, then tidy up.
    fn complete(&self, journal: &mut Journal) -> std::io::Result<()> {
        let (staging, old) = (self.path.join(&journal.staging), self.path.join(&journal.old));
        if journal.phase == Phase::Aside {
            for name in self.site_entries(&self.path, journal)? {
                fs::rename(self.path.join(&name), old.join(&name))?;
            }
            journal.phase = Phase::In;
            journal.write(&self.path)?;
        }
        if staging.exists() {
            for name in self.site_entries(&staging, journal)? {
                let target = self.path.join(&name);
                if fs::symlink_metadata(&target).is_ok() {
                    return Err(std::io::Error::other(format!(
                        "{} is in the way of the new site's entry of that name",
                        target.display()
                    )));
                }
                fs::rename(staging.join(&name), target)?;
            }
        }
        let _ = fs::remove_dir_all(&staging);
        let _ = fs::remove_dir_all(&old);
        fs::remove_file(self.path.join(JOURNAL))
    }

    /// Undo a replacement that could not be completed: the new entries back into the staging
    /// folder, the old ones back into place, then remove the staging folder and the journal.
    fn roll_back(&self, journal: &Journal) -> std::io::Result<()> {
        let (staging, old) = (self.path.join(&journal.staging), self.path.join(&journal.old));
        if journal.phase == Phase::In {
            fs::create_dir_all(&staging)?;
            for name in self.site_entries(&self.path, journal)? {
                fs::rename(self.path.join(&name), staging.join(&name))?;
            }
        }
        if old.exists() {
            for name in self.site_entries(&old, journal)? {
                fs::rename(old.join(&name), self.path.join(&name))?;
            }
            fs::remove_dir(&old)?;
        }
        let _ = fs::remove_dir_all(&staging);
        fs::remove_file(self.path.join(JOURNAL))
    }

    /// The entries of `dir` that belong to a site, sorted: all but the replacement's own working
    /// entries, the lock, and a volume's `lost+found`.
    fn site_entries(&self, dir: &Path, journal: &Journal) -> std::io::Result<Vec<std::ffi::OsString>> {
        let mut names: Vec<std::ffi::OsString> = fs::read_dir(dir)?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<std::io::Result<_>>()?;
        names.retain(|name| {
            let text = name.to_string_lossy();
            !(text == journal.staging
                || text == journal.old
                || text.starts_with(JOURNAL)
                || text == IN_PLACE_LOCK
                || (self.mount_point && text == LOST_FOUND))
        });
        names.sort();
        Ok(names)
    }

    /// Complete (or, if its new site is gone, undo) a replacement that a killed build left
    /// half-way, as its journal says. A journal that does not parse is not acted on.
    fn finish_interrupted(&self) -> Result<(), WriteError> {
        let path = self.path.join(JOURNAL);
        if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            return Ok(());
        }
        let mut journal = Journal::read(&path).map_err(|why| {
            err(
                &path,
                format!(
                    "{why}. This folder may hold parts of two sites; check it, then remove the file to build again"
                ),
            )
        })?;
        let new_site_whole = self.path.join(&journal.staging).join(MARKER).is_file();
        let outcome = if journal.phase == Phase::Aside && !new_site_whole {
            self.roll_back(&journal).map(|()| "put back the previous site of")
        } else {
            self.complete(&mut journal).map(|()| "completed")
        };
        match outcome {
            Ok(what) => {
                eprintln!(
                    "{}: {what} a build that was stopped while it replaced the site's entries",
                    shown_folder(&self.shown)
                );
                Ok(())
            }
            Err(e) => Err(err(
                &self.shown,
                format!(
                    "a build was stopped while it replaced the site's entries, and finishing it failed: {e}. \
                     The folder holds parts of two sites, as {JOURNAL} in it says"
                ),
            )),
        }
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

    /// Remove what a killed build left: beside the output, its staging folder and a set-aside
    /// old site; inside it, a staging folder and an empty folder for old entries from before the
    /// journal was written. Only entries with our name pattern (`.NAME.staging-<pid>`, ...) and
    /// our marker are ours; an empty folder with our name pattern is removed too (`rmdir`, which
    /// cannot lose anything). A user's `.NAME.staging-notes/` is never touched.
    fn remove_stale(&self) {
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

/// `name` is `prefix` followed by a pid (one or more digits).
fn has_pid_suffix(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Where an entry-by-entry replacement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Old entries are being moved into the old folder.
    Aside,
    /// New entries are being moved in from the staging folder.
    In,
}

/// The journal of an entry-by-entry replacement: which phase, and the names of its two working
/// folders inside the output. Plain text, so that whoever finds it knows what happened.
struct Journal {
    phase: Phase,
    staging: String,
    old: String,
}

impl Journal {
    const HEADER: &str = "dossier-journal 1";

    /// Write it in one step (a temporary file renamed over the journal).
    fn write(&self, dir: &Path) -> std::io::Result<()> {
        let phase = match self.phase {
            Phase::Aside => "aside",
            Phase::In => "in",
        };
        let text = format!(
            "{}\nphase: {phase}\nstaging: {}\nold: {}\n\n\
             A build was replacing the site in this folder entry by entry when it stopped, so the folder may\n\
             hold parts of two sites. The next `dossier build` into this folder completes the replacement.\n",
            Self::HEADER,
            self.staging,
            self.old
        );
        let tmp = dir.join(format!("{JOURNAL}.tmp"));
        let mut file = fs::File::create(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::rename(&tmp, dir.join(JOURNAL))
    }

    /// Read one back; a journal that is not exactly ours is an error, never a guess.
    fn read(path: &Path) -> Result<Journal, String> {
        let text = fs::read_to_string(path).map_err(|e| format!("cannot read this journal: {e}"))?;
        let mut lines = text.lines();
        let field = |line: Option<&str>, key: &str| line.and_then(|l| l.strip_prefix(key)).map(str::to_string);
        let parsed = (|| {
            (lines.next()? == Self::HEADER).then_some(())?;
            let phase = match field(lines.next(), "phase: ")?.as_str() {
                "aside" => Phase::Aside,
                "in" => Phase::In,
                _ => return None,
            };
            let staging = field(lines.next(), "staging: ").filter(|n| has_pid_suffix(n, IN_PLACE_STAGING))?;
            let old = field(lines.next(), "old: ").filter(|n| has_pid_suffix(n, IN_PLACE_OLD))?;
            Some(Journal { phase, staging, old })
        })();
        parsed.ok_or_else(|| "not a journal that this version of dossier wrote".to_string())
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

    /// Lay out files (`path` -> text) under `dir`.
    fn lay_out(dir: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    }

    /// Every file under `dir`, with its text.
    fn contents(dir: &Path) -> Vec<(String, String)> {
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

    fn journal(phase: Phase, pid: u32) -> Journal {
        Journal {
            phase,
            staging: format!("{IN_PLACE_STAGING}{pid}"),
            old: format!("{IN_PLACE_OLD}{pid}"),
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn an_interrupted_replacement_is_completed_or_undone_by_the_next_build() {
        let tmp = tempfile::tempdir().unwrap();
        let dossier = tmp.path().join("dossier");
        let new_site = pairs(&[(MARKER, "new"), ("a", "new a"), ("b/index.html", "new b")]);
        let old_site = pairs(&[(MARKER, "old"), ("a", "old a"), ("b/index.html", "old b")]);

        // Killed while moving the new entries in: completed.
        let out = tmp.path().join("in");
        lay_out(
            &out,
            &[
                ("a", "new a"),
                (".dossier-staging-7/b/index.html", "new b"),
                (".dossier-staging-7/.dossier-output", "new"),
                (".dossier-old-7/a", "old a"),
                (".dossier-old-7/b/index.html", "old b"),
                (".dossier-old-7/.dossier-output", "old"),
            ],
        );
        journal(Phase::In, 7).write(&out).unwrap();
        drop(Output::open(&out, &dossier, &[]).unwrap());
        assert_eq!(contents(&out), new_site);

        // Killed while moving the old entries aside, the new site complete: completed.
        let out = tmp.path().join("aside");
        lay_out(
            &out,
            &[
                ("a", "old a"),
                (".dossier-output", "old"),
                (".dossier-old-8/b/index.html", "old b"),
                (".dossier-staging-8/a", "new a"),
                (".dossier-staging-8/b/index.html", "new b"),
                (".dossier-staging-8/.dossier-output", "new"),
            ],
        );
        journal(Phase::Aside, 8).write(&out).unwrap();
        drop(Output::open(&out, &dossier, &[]).unwrap());
        assert_eq!(contents(&out), new_site);

        // The same with the new site gone: undone, the old site whole again.
        let out = tmp.path().join("gone");
        lay_out(
            &out,
            &[
                ("a", "old a"),
                (".dossier-output", "old"),
                (".dossier-old-9/b/index.html", "old b"),
            ],
        );
        journal(Phase::Aside, 9).write(&out).unwrap();
        drop(Output::open(&out, &dossier, &[]).unwrap());
        assert_eq!(contents(&out), old_site);

        // An error while moving new entries in: `roll_back` puts the old site back.
        let out = tmp.path().join("error");
        lay_out(&out, &[(MARKER, "old")]);
        let output = Output::open(&out, &dossier, &[]).unwrap();
        fs::remove_file(out.join(MARKER)).unwrap();
        lay_out(
            &out,
            &[
                ("a", "new a"),
                (".dossier-staging-5/b/index.html", "new b"),
                (".dossier-old-5/a", "old a"),
                (".dossier-old-5/b/index.html", "old b"),
                (".dossier-old-5/.dossier-output", "old"),
            ],
        );
        let j = journal(Phase::In, 5);
        j.write(&out).unwrap();
        output.roll_back(&j).unwrap();
        assert_eq!(contents(&out), old_site);
        drop(output);

        // A journal this tool did not write is never acted on.
        let out = tmp.path().join("forged");
        lay_out(&out, &[(MARKER, "old"), ("a", "old a")]);
        fs::write(
            out.join(JOURNAL),
            "dossier-journal 1\nphase: in\nstaging: ../../elsewhere\nold: .dossier-old-1\n",
        )
        .unwrap();
        let refused = Output::open(&out, &dossier, &[]).err().unwrap();
        assert!(
            refused
                .message
                .contains("not a journal that this version of dossier wrote"),
            "{refused}"
        );
        assert_eq!(contents(&out).len(), 3);
    }

    #[test]
    fn safe_join_refuses_escapes() {
        let base = Path::new("/out");
        assert_eq!(safe_join(base, "a/b.html"), Some(PathBuf::from("/out/a/b.html")));
        assert_eq!(safe_join(base, "../x"), None);
        assert_eq!(safe_join(base, "/etc/passwd"), None);
        assert_eq!(safe_join(base, "a/../../x"), None);
    }
}
