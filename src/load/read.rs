//! Reading one file of the dossier: regular files only, a byte cap, UTF-8 text.
//!
//! A path handed here must resolve inside the dossier folder and be a regular file, checked by
//! type before opening (opening a FIFO waits for a writer, a device never ends) and again on what
//! was opened. The size limit holds on the bytes actually read, never only on the size the
//! metadata claims (`/proc` files and devices report 0). Text is UTF-8, with the byte offset of
//! the first bad byte otherwise; a BOM is dropped and CRLF (or a lone CR) becomes LF, so that
//! offsets and lines agree in every later stage. Every refusal becomes a diagnostic.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::walk::relative;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::source::Source;

/// Read one file of the dossier, or diagnose why not: it must resolve inside the dossier, be a
/// regular file (a FIFO would block the build forever, a device never ends), and be no larger
/// than `limit`, which is enforced on the bytes actually read (devices and `/proc` files report
/// a size of 0), never only on the size the metadata gives.
pub(super) fn read_bytes(root: &Path, path: &Path, limit: u64, diags: &mut Diagnostics) -> Option<Vec<u8>> {
    read_bytes_in(&Resolver::new(root), path, limit, diags)
}

/// Where the files of one dossier really are. A dossier's thousands of files sit in a few
/// folders, so each folder is resolved once (`canonicalize` costs a system call per path
/// component), and a file itself only when it is a link.
pub(super) struct Resolver<'a> {
    root: &'a Path,
    folders: Mutex<HashMap<PathBuf, PathBuf>>,
}

impl<'a> Resolver<'a> {
    /// A resolver for the dossier folder `root` (canonical).
    pub(super) fn new(root: &'a Path) -> Self {
        Resolver {
            root,
            folders: Mutex::new(HashMap::new()),
        }
    }

    /// The canonical path of `path`, as `Path::canonicalize` gives it.
    fn real(&self, path: &Path) -> std::io::Result<PathBuf> {
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return path.canonicalize();
        };
        if name == ".." || parent.as_os_str().is_empty() {
            return path.canonicalize();
        }
        let known = self
            .folders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(parent)
            .cloned();
        let folder = match known {
            Some(folder) => folder,
            None => {
                let folder = parent.canonicalize()?;
                self.folders
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(parent.to_path_buf(), folder.clone());
                folder
            }
        };
        let joined = folder.join(name);
        if std::fs::symlink_metadata(&joined)?.file_type().is_symlink() {
            joined.canonicalize()
        } else {
            Ok(joined)
        }
    }
}

/// [`read_bytes`] with a resolver shared by the files of one load.
pub(super) fn read_bytes_in(resolver: &Resolver, path: &Path, limit: u64, diags: &mut Diagnostics) -> Option<Vec<u8>> {
    let rel = relative(resolver.root, path);
    match read_regular(resolver, path, limit) {
        Ok(bytes) => Some(bytes),
        Err(Refusal::TooLarge(size)) => {
            let size = size.map_or_else(|| "more".to_string(), |n| format!("{n} bytes, more"));
            diags.push(
                Diagnostic::global(
                    Severity::Error,
                    "file-too-large",
                    format!(
                        "{rel}: {size} than the limit of {} MiB for one file",
                        limit / (1024 * 1024)
                    ),
                )
                .help(if rel == "dossier.yaml" {
                    "dossier.yaml holds settings only, in at most 1 MiB"
                } else {
                    "raise the limit with `max_file_size_mb:` in dossier.yaml if the file is meant to be this large"
                }),
            );
            None
        }
        Err(Refusal::Unreadable(why)) => {
            diags.push(Diagnostic::global(
                Severity::Error,
                "unreadable",
                format!("{rel}: {why}"),
            ));
            None
        }
    }
}

/// Why a file was not read.
enum Refusal {
    /// Larger than the limit (the size, when the file system gave a true one).
    TooLarge(Option<u64>),
    /// Anything else, as the end of a sentence that starts with the file's path.
    Unreadable(String),
}

fn read_regular(resolver: &Resolver, path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    use std::io::Read;
    let cannot = |e: std::io::Error| Refusal::Unreadable(format!("cannot be read: {e}"));
    // The walk follows only links that stay inside the dossier; dossier.yaml and any other path
    // handed here is held to the same rule.
    let real = resolver.real(path).map_err(cannot)?;
    if !real.starts_with(resolver.root) {
        return Err(Refusal::Unreadable(format!(
            "a symbolic link to {}, outside the dossier folder; not read",
            real.display()
        )));
    }
    // Refuse special files before opening them: opening a FIFO waits for a writer.
    let meta = std::fs::metadata(&real).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Refusal::Unreadable(format!(
            "not a regular file ({}); not read",
            file_kind(&meta)
        )));
    }
    let file = open_nonblocking(&real).map_err(cannot)?;
    // Checked again on what was opened, in case the path changed in between.
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(Refusal::Unreadable(format!(
            "not a regular file ({}); not read",
            file_kind(&meta)
        )));
    }
    if meta.len() > limit {
        return Err(Refusal::TooLarge(Some(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // At most one byte past the limit is ever read, whatever the metadata said.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge(None));
    }
    Ok(bytes)
}

/// Open for reading without waiting: on Linux with `O_NONBLOCK`, so that even a FIFO swapped in
/// after the type check cannot block the build (it has no effect on regular files).
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// What kind of thing a non-regular file is, in words.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// Read a text file: UTF-8 (with byte offset of the first bad byte otherwise), BOM removed,
/// CRLF and lone CR normalised to LF so that offsets and lines agree everywhere after.
pub(super) fn read_text(root: &Path, path: &Path, limit: u64, diags: &mut Diagnostics) -> Option<Arc<Source>> {
    read_text_in(&Resolver::new(root), path, limit, diags)
}

/// [`read_text`] with a resolver shared by the files of one load.
pub(super) fn read_text_in(
    resolver: &Resolver,
    path: &Path,
    limit: u64,
    diags: &mut Diagnostics,
) -> Option<Arc<Source>> {
    let bytes = read_bytes_in(resolver, path, limit, diags)?;
    let rel = relative(resolver.root, path);
    match decode_text_owned(bytes) {
        Ok(text) => Some(Source::new(rel, text)),
        Err(offset) => {
            diags.push(
                Diagnostic::global(
                    Severity::Error,
                    "invalid-utf8",
                    format!("{rel}: not valid UTF-8 at byte {offset}"),
                )
                .help("save the file as UTF-8 (most editors have an \"encoding\" menu)"),
            );
            None
        }
    }
}

/// Decode file bytes as dossier text, or the byte offset of the first invalid UTF-8 byte.
pub fn decode_text(bytes: &[u8]) -> Result<String, usize> {
    decode_text_owned(bytes.to_vec())
}

/// [`decode_text`], keeping the bytes as the text when they need no change (UTF-8 without a
/// BOM or a carriage return: nearly every file), instead of holding the file twice while it
/// is copied.
pub fn decode_text_owned(bytes: Vec<u8>) -> Result<String, usize> {
    let mut text = String::from_utf8(bytes).map_err(|e| e.utf8_error().valid_up_to())?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_decoding_accepts_bom_and_crlf_and_locates_bad_bytes() {
        assert_eq!(decode_text(b"\xef\xbb\xbfa\r\nb").unwrap(), "a\nb");
        assert_eq!(decode_text(b"ab\xffcd").unwrap_err(), 2);
        assert_eq!(decode_text(b"\xef\xbb\xbf\xef\xbb\xbfa").unwrap(), "\u{feff}a");
        assert_eq!(decode_text(b"a\rb\r\n").unwrap(), "a\nb\n");
        assert_eq!(decode_text_owned(b"plain".to_vec()).unwrap(), "plain");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_size_limit_holds_on_the_bytes_read_not_the_size_claimed() {
        // /proc files claim a size of 0; the limit must still stop the read.
        let status = Path::new("/proc/self/status");
        assert_eq!(std::fs::metadata(status).unwrap().len(), 0);
        assert!(matches!(
            read_regular(&Resolver::new(Path::new("/")), status, 16),
            Err(Refusal::TooLarge(None))
        ));
        assert!(read_regular(&Resolver::new(Path::new("/")), status, 1 << 20).is_ok_and(|b| b.len() > 16));
        // Outside the dossier folder, nothing is read at all.
        assert!(matches!(
            read_regular(&Resolver::new(Path::new("/nonexistent-dossier")), status, 1 << 20),
            Err(Refusal::Unreadable(why)) if why.contains("outside the dossier folder")
        ));
    }
}
