//! Entry-by-entry replacement of a folder that cannot be renamed, under a journal.
//!
//! A mount point cannot be renamed, and the folder the build runs in should not be (the user's
//! shell would be left in a deleted folder). Its site is staged inside it
//! (`.dossier-staging-<pid>`, the same file system, so entries move by rename); then a journal
//! (`.dossier-journal`) is written, the old entries are moved into a folder of their own
//! (`.dossier-old-<pid>`), the journal notes it, the new entries are moved in, and the leftovers
//! and the journal are removed. A build killed in between leaves the journal, and the next build
//! completes the replacement, or undoes it if the new site is gone (`finish_interrupted`); an
//! error in between puts the old site back. A journal is plain text, so whoever finds it knows
//! what happened, and nothing acts on one that does not parse exactly.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::output::Output;
use super::{
    IN_PLACE_LOCK, IN_PLACE_OLD, IN_PLACE_STAGING, JOURNAL, LOST_FOUND, MARKER, WriteError, err, has_pid_suffix,
    shown_folder,
};

impl Output {
    /// Replace the output's entries one by one with those of the site staged inside it, in the
    /// folder `in_place_staging` names (see the module's overview). On an error the staging
    /// folder is removed and the previous site is put back.
    pub(super) fn replace_entries(&self) -> Result<(), WriteError> {
        let mut journal = Journal {
            phase: Phase::Aside,
            staging: in_place_staging(),
            old: format!("{IN_PLACE_OLD}{}", std::process::id()),
        };
        let (staging, old) = (self.path.join(&journal.staging), self.path.join(&journal.old));
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
    pub(super) fn finish_interrupted(&self) -> Result<(), WriteError> {
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
}

/// The name of this build's staging folder inside an output whose entries it replaces.
pub(super) fn in_place_staging() -> String {
    format!("{IN_PLACE_STAGING}{}", std::process::id())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::tests::{contents, lay_out, pairs};

    fn journal(phase: Phase, pid: u32) -> Journal {
        Journal {
            phase,
            staging: format!("{IN_PLACE_STAGING}{pid}"),
            old: format!("{IN_PLACE_OLD}{pid}"),
        }
    }

    #[test]
    fn an_interrupted_replacement_is_completed_or_undone_by_the_next_build() {
        let tmp = tempfile::tempdir().unwrap();
        let dossier = tmp.path().join("dossier");
        let new_site = pairs(&[(MARKER, "new"), ("a", "new a"), ("b/index.html", "new b")]);
        let old_site = pairs(&[(MARKER, "old"), ("a", "old a"), ("b/index.html", "old b")]);

        // A build killed half-way, with its journal in `phase`: the next one finishes the job.
        let next_build = |name: &str, phase: Phase, pid: u32, files: &[(&str, &str)]| {
            let out = tmp.path().join(name);
            lay_out(&out, files);
            journal(phase, pid).write(&out).unwrap();
            drop(Output::open(&out, &dossier, &[]).unwrap());
            contents(&out)
        };
        // Killed while moving the new entries in: completed.
        let after = next_build(
            "in",
            Phase::In,
            7,
            &[
                ("a", "new a"),
                (".dossier-staging-7/b/index.html", "new b"),
                (".dossier-staging-7/.dossier-output", "new"),
                (".dossier-old-7/a", "old a"),
                (".dossier-old-7/b/index.html", "old b"),
                (".dossier-old-7/.dossier-output", "old"),
            ],
        );
        assert_eq!(after, new_site);
        // Killed while moving the old entries aside, the new site complete: completed.
        let after = next_build(
            "aside",
            Phase::Aside,
            8,
            &[
                ("a", "old a"),
                (".dossier-output", "old"),
                (".dossier-old-8/b/index.html", "old b"),
                (".dossier-staging-8/a", "new a"),
                (".dossier-staging-8/b/index.html", "new b"),
                (".dossier-staging-8/.dossier-output", "new"),
            ],
        );
        assert_eq!(after, new_site);
        // The same with the new site gone: undone, the old site whole again.
        let after = next_build(
            "gone",
            Phase::Aside,
            9,
            &[
                ("a", "old a"),
                (".dossier-output", "old"),
                (".dossier-old-9/b/index.html", "old b"),
            ],
        );
        assert_eq!(after, old_site);

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
}
