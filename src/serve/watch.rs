//! Watching the dossier's files for `serve`: notify (inotify, FSEvents, ReadDirectoryChangesW)
//! through notify-debouncer-full, which merges the events of one file (and pairs the two halves
//! of a rename); then a quiet period of our own, so that every change made in one go (an
//! editor's atomic save: write a temporary file, rename it over the real one; a formatter
//! rewriting a file several times; `git checkout` touching many) gives one rebuild.
//!
//! Only what the build reads is watched: `dossier.yaml` (the dossier folder itself, not
//! recursively, so `public/` and anything else beside the inputs never wakes us), and
//! `content/`, `templates/`, `themes/` and `static/` recursively, each watched again when it is
//! created anew. A change counts when it touches a path the loader would read: editors' swap
//! files, `~` backups, `.#` lock files and other hidden files are skipped by `load` and ignored
//! here (see [`relevant`]).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// The folders (under the dossier folder) whose files the build reads.
pub const INPUT_FOLDERS: [&str; 4] = ["content", "templates", "themes", "static"];

/// How long notify-debouncer-full holds a file's events to merge them.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// How long no relevant event must come before a rebuild starts: a save in several writes, or
/// many saves in a row, end in one rebuild.
const SETTLE: Duration = Duration::from_millis(50);

/// The dossier folder, watched.
pub struct Watch {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    root: PathBuf,
    /// The input folders watched now.
    watched: Vec<PathBuf>,
}

impl Watch {
    /// Start watching the dossier folder `root`.
    pub fn new(root: &Path) -> notify::Result<Watch> {
        let (tx, events) = channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, tx)?;
        debouncer.watch(root, RecursiveMode::NonRecursive)?;
        let mut watch = Watch {
            debouncer,
            events,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        watch.sync_folders();
        Ok(watch)
    }

    /// Watch each input folder that exists and is not watched yet; forget those that are gone
    /// (a folder deleted and made again is a new folder to the kernel).
    fn sync_folders(&mut self) {
        for name in INPUT_FOLDERS {
            let path = self.root.join(name);
            let here = path.is_dir();
            let known = self.watched.contains(&path);
            if here && !known {
                if self.debouncer.watch(&path, RecursiveMode::Recursive).is_ok() {
                    self.watched.push(path);
                }
            } else if !here && known {
                let _ = self.debouncer.unwatch(&path);
                self.watched.retain(|p| p != &path);
            }
        }
    }

    /// Wait for the next change to the dossier's inputs, and until it has settled. Returns the
    /// paths changed (relative to the dossier folder, sorted, without repeats), or `None` when
    /// watching stopped. Errors of the watcher (a lost event queue) count as a change of
    /// everything: a rebuild is never wrong, only sometimes unneeded.
    pub fn next_change(&mut self) -> Option<Vec<String>> {
        let mut changed: Vec<String> = Vec::new();
        // Block until something relevant arrives.
        loop {
            let batch = self.events.recv().ok()?;
            self.take(batch, &mut changed);
            if !changed.is_empty() {
                break;
            }
        }
        // Then until nothing relevant has come for `SETTLE`.
        loop {
            match self.events.recv_timeout(SETTLE) {
                Ok(batch) => {
                    let before = changed.len();
                    self.take(batch, &mut changed);
                    if changed.len() == before {
                        // Irrelevant events do not hold the rebuild back... unless they keep
                        // coming; the relevant ones are what must settle.
                        continue;
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }

    fn take(&mut self, batch: DebounceEventResult, changed: &mut Vec<String>) {
        let events = match batch {
            Ok(events) => events,
            Err(_) => {
                changed.push(String::from("*"));
                return;
            }
        };
        let mut folders_moved = false;
        for event in events {
            if event.need_rescan() {
                changed.push(String::from("*"));
            }
            // Reading a file is an event too (inotify's IN_OPEN, IN_CLOSE_NOWRITE): every
            // rebuild would wake the next one. Closing a file written still counts.
            if let EventKind::Access(kind) = event.kind
                && kind != AccessKind::Close(AccessMode::Write)
            {
                continue;
            }
            for path in &event.paths {
                let Ok(rel) = path.strip_prefix(&self.root) else {
                    continue;
                };
                let rel = rel.to_string_lossy().replace('\\', "/");
                if INPUT_FOLDERS.contains(&rel.as_str()) {
                    folders_moved = true;
                }
                if relevant(&rel) {
                    changed.push(rel);
                }
            }
        }
        if folders_moved {
            self.sync_folders();
        }
    }
}

/// Whether a change to `rel` (a path relative to the dossier folder, `/`-separated) can change
/// the site: `dossier.yaml`, or a file in an input folder that `load` reads. Hidden files and
/// folders (`.name.swp`, `.#name` locks, `.git`), `~` backups (all skipped by `load`) and the
/// temporary files editors write before renaming them over the real file are not.
pub fn relevant(rel: &str) -> bool {
    if rel == "dossier.yaml" || rel == "*" {
        return true;
    }
    let mut parts = rel.split('/');
    if !parts.next().is_some_and(|first| INPUT_FOLDERS.contains(&first)) {
        return false;
    }
    !rel.split('/').any(|part| part.starts_with('.') || part.ends_with('~')) && !temporary(rel)
}

/// The names editors give the files they write before renaming them (or check writability
/// with): vim's `4913`, `name.swp`/`.swx`/`.swo`, Kate's `.kate-swp`, JetBrains'
/// `___jb_tmp___`/`___jb_old___`, and `*.tmp`.
fn temporary(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name == "4913"
        || [
            ".swp",
            ".swx",
            ".swo",
            ".kate-swp",
            ".tmp",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|end| name.ends_with(end))
}

#[cfg(test)]
mod tests {
    use super::relevant;

    #[test]
    fn what_the_build_reads_is_relevant() {
        for rel in [
            "dossier.yaml",
            "content",
            "content/articles/a.md",
            "content/articles/sub/a.yaml",
            "templates/page.html",
            "themes/briefing/static/style.css",
            "static/logo.svg",
        ] {
            assert!(relevant(rel), "{rel}");
        }
    }

    #[test]
    fn editor_leftovers_and_other_folders_are_not() {
        for rel in [
            "public/index.html",
            "README.md",
            "dossier.yaml~",
            ".dossier.yaml.swp",
            "content/articles/.a.md.swp",
            "content/articles/.#a.md",
            "content/articles/a.md~",
            "content/articles/4913",
            "content/articles/a.md.tmp",
            "content/articles/a.md___jb_tmp___",
            "content/.git/index",
            "static/.DS_Store",
        ] {
            assert!(!relevant(rel), "{rel}");
        }
    }
}
