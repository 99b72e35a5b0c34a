//! One rebuild of the site in memory, and what is kept from one rebuild to the next.
//!
//! A rebuild runs the same pipeline as `build` (`check_dossier`, then `render::render` into a
//! `Memory` sink), so the site served is, file for file, the one a build would write; only the
//! sink differs. A rebuild that fails keeps the last site that built (the server shows it under
//! the error overlay).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::Failure;
use crate::diag::Diagnostics;

/// The site in memory: path (as in `render::OutputFile::path`) -> bytes.
#[derive(Default)]
pub struct SiteFiles {
    files: HashMap<String, Arc<[u8]>>,
}

impl SiteFiles {
    /// The file at `path` when it is known without rendering anything: `Some(None)` when there
    /// is no such file, `None` when it must be rendered first ([`SiteFiles::get`]).
    pub fn ready(&self, path: &str) -> Option<Option<Arc<[u8]>>> {
        Some(self.files.get(path).cloned())
    }

    /// The file at `path`, rendered if need be (this may take a while: call it off the
    /// server's threads).
    pub fn get(&self, path: &str) -> Option<Arc<[u8]>> {
        self.files.get(path).cloned()
    }

    /// Whether the site has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Every path of the site, sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self.files.keys().cloned().collect();
        paths.sort();
        paths
    }

    /// The number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the site has no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// What one rebuild gave.
pub struct Outcome {
    /// The new site, when the dossier built.
    pub site: Option<Arc<SiteFiles>>,
    /// Every diagnostic of the rebuild, sorted.
    pub diagnostics: Diagnostics,
    /// Counts of the dossier (articles, actors, incidents, excerpts), when it validated.
    pub counts: Option<[usize; 4]>,
    /// How long the rebuild took.
    pub elapsed: Duration,
}

/// The dossier being served, and what is kept between its rebuilds.
pub struct Rebuilder {
    dir: PathBuf,
}

impl Rebuilder {
    /// A rebuilder for the dossier folder `dir`.
    pub fn new(dir: &Path) -> Rebuilder {
        Rebuilder { dir: dir.to_path_buf() }
    }

    /// Rebuild the site from the files as they are now.
    pub fn rebuild(&mut self) -> Result<Outcome, Failure> {
        let started = Instant::now();
        let (checked, mut diagnostics) = crate::check_dossier(&self.dir)?;
        let counts = checked.as_ref().map(|c| crate::counts(&c.model));
        let Some(checked) = checked else {
            return Ok(Outcome {
                site: None,
                diagnostics,
                counts,
                elapsed: started.elapsed(),
            });
        };
        let (files, d) = crate::render::render_to_memory(&checked.model, &checked.index, &checked.templates)
            .map_err(Failure::Write)?;
        diagnostics.extend(d);
        diagnostics.sort();
        crate::drop_aside(checked);
        let site = (diagnostics.error_count() == 0).then(|| {
            Arc::new(SiteFiles {
                files: files.into_iter().map(|f| (f.path, Arc::from(f.bytes))).collect(),
            })
        });
        Ok(Outcome {
            site,
            diagnostics,
            counts,
            elapsed: started.elapsed(),
        })
    }
}
