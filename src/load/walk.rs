//! Walking a folder of the dossier: every file under it, sorted, with the symlink policy.
//!
//! walkdir does the walking, sorted by file name so that every later stage sees the same order
//! on every machine. A link is followed only when it leads to a file inside the dossier folder;
//! a link to a folder, out of the dossier or nowhere is reported as a warning and skipped.
//! Special files (FIFOs, devices, sockets) are handed on so that the reader refuses them by name
//! rather than letting them vanish without a word. Paths in messages are relative to the
//! dossier folder and `/`-separated (`relative`), as the user sees them.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, Severity};

/// Every file under `dir`, sorted, following symlinks only when they resolve inside `root`.
pub(super) fn walk(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return files;
    }
    for entry in WalkDir::new(dir).sort_by_file_name().follow_links(false) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| relative(root, dir));
                diags.push(Diagnostic::global(
                    Severity::Error,
                    "unreadable",
                    format!("{path}: cannot be read: {e}"),
                ));
                continue;
            }
        };
        // The folder walked itself was resolved and checked by `input_folders`, link or not.
        if entry.depth() == 0 {
            continue;
        }
        let path = entry.path();
        if entry.path_is_symlink() {
            match path.canonicalize() {
                // A link to a special file is handed on too: the reader refuses it by name.
                Ok(target) if target.starts_with(root) && !target.is_dir() => files.push(path.to_path_buf()),
                Ok(target) if target.starts_with(root) => diags.push(Diagnostic::global(
                    Severity::Warning,
                    "symlink-not-followed",
                    format!(
                        "{}: a link to a folder; not followed (link the files instead)",
                        relative(root, path)
                    ),
                )),
                Ok(_) => diags.push(Diagnostic::global(
                    Severity::Warning,
                    "symlink-not-followed",
                    format!(
                        "{}: points outside the dossier folder; not followed",
                        relative(root, path)
                    ),
                )),
                Err(e) => diags.push(Diagnostic::global(
                    Severity::Warning,
                    "symlink-not-followed",
                    format!("{}: a broken link ({e}); not followed", relative(root, path)),
                )),
            }
        } else if !entry.file_type().is_dir() {
            // Regular files, and special files (FIFOs, devices, sockets), which the reader
            // refuses by name rather than letting them vanish without a word.
            files.push(path.to_path_buf());
        }
    }
    files
}

/// Path relative to the dossier root, `/`-separated.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Hidden files (or files in hidden folders) and editor backups (`name~`) are nobody's content,
/// templates or assets: editors and version control leave them everywhere.
pub(super) fn is_hidden(rel: &str) -> bool {
    rel.split('/').any(|part| part.starts_with('.')) || rel.ends_with('~')
}
