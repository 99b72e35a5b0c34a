//! One rebuild of the site in memory, and what is kept from one rebuild to the next.
//!
//! A rebuild runs the same pipeline as `build` (`check_dossier`, then `render`), so the site
//! served is, file for file, the one a build would write; only the sink differs. A rebuild that
//! fails keeps the last site that built (the server shows it under the error overlay).
//!
//! Rendering is about four fifths of a whole build, and an open page that reloads asks for one
//! file, so a rebuild after a change to the content only (the templates and static files hashing
//! as in the last whole render, `Templates::fingerprint`) renders nothing: it keeps the checked
//! model and renders a file when it is asked for, with the unit that made that path in the last
//! whole render (`render::Unit`: an article's page with its excerpts' pages, one actor's pages,
//! one list...), and keeps the bytes. The unit is named by position, so in the new model it may
//! make other paths: a path that its unit no longer makes, a path the last whole render did not
//! have, and the sitemaps are found by rendering the whole site once (as a rebuild did before),
//! so what is served is always what a fresh build gives. A change to the templates or static
//! files renders the whole site at once, as before, and gives the next plan.
//!
//! Validation keeps each article's result between rebuilds, keyed by the content of its files
//! and the settings (`validate::ArticleCache`), and each content file's parse keyed by its text
//! (`load::ParseCache`), so only the files that changed are parsed, and only the articles that
//! changed anchored, again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::diag::Diagnostics;
use crate::render::Unit;
use crate::render::site::Shared;
use crate::write::{Memory, Sink};
use crate::{Checked, Failure, Reuse};

/// Which unit made each generated path in the last whole render.
type Plan = HashMap<String, Unit>;

/// The site in memory: path (as in `render::OutputFile::path`) -> bytes, whole or made on demand.
pub struct SiteFiles {
    /// The files known so far: `None` for a path known to have no file.
    made: Mutex<HashMap<String, Option<Arc<[u8]>>>>,
    /// Where the files not yet made come from; `None` when `made` holds the whole site.
    source: Option<Source>,
    /// The whole site, once it had to be rendered at once.
    whole: OnceLock<HashMap<String, Arc<[u8]>>>,
}

/// A checked dossier whose pages are rendered when asked for.
struct Source {
    checked: Arc<Checked>,
    shared: Shared,
    plan: Arc<Plan>,
}

impl SiteFiles {
    /// A site rendered whole.
    fn whole(files: Vec<(String, Vec<u8>)>) -> SiteFiles {
        SiteFiles {
            made: Mutex::new(files.into_iter().map(|(p, b)| (p, Some(Arc::from(b)))).collect()),
            source: None,
            whole: OnceLock::new(),
        }
    }

    /// A site rendered on demand from `checked`, by the units of `plan`. Its static files are
    /// served as they are, as in a whole render (they replace a generated file of their path).
    fn on_demand(checked: Checked, plan: Arc<Plan>) -> SiteFiles {
        let made = checked
            .templates
            .static_files
            .iter()
            .map(|(p, b)| (p.clone(), Some(Arc::from(b.as_slice()))))
            .collect();
        SiteFiles {
            made: Mutex::new(made),
            source: Some(Source {
                shared: Shared::new(&checked.model),
                checked: Arc::new(checked),
                plan,
            }),
            whole: OnceLock::new(),
        }
    }

    /// The file at `path` when it is known without rendering anything: `Some(None)` when there
    /// is no such file, `None` when it must be rendered first ([`SiteFiles::get`]).
    pub fn ready(&self, path: &str) -> Option<Option<Arc<[u8]>>> {
        if let Some(known) = self.made.lock().unwrap_or_else(|e| e.into_inner()).get(path) {
            return Some(known.clone());
        }
        if self.source.is_none() {
            return Some(None);
        }
        self.whole.get().map(|whole| whole.get(path).cloned())
    }

    /// The file at `path`, rendered if need be (this may take a while: call it off the
    /// server's threads).
    pub fn get(&self, path: &str) -> Option<Arc<[u8]>> {
        if let Some(known) = self.ready(path) {
            return known;
        }
        let source = self.source.as_ref()?;
        if let Some(&unit) = source.plan.get(path).filter(|u| **u != Unit::Sitemaps) {
            let memory = Memory::new();
            let c = &source.checked;
            let made = crate::render::render_unit(&c.model, &c.index, &c.templates, &source.shared, unit, &memory)
                .ok()
                .and_then(|_| memory.finish().ok());
            if let Some(files) = made {
                let mut known = self.made.lock().unwrap_or_else(|e| e.into_inner());
                for (p, bytes) in files {
                    // A static file of the same path replaces the generated one.
                    known.entry(p).or_insert_with(|| Some(Arc::from(bytes)));
                }
                if let Some(found) = known.get(path) {
                    return found.clone();
                }
            }
        }
        // The unit no longer makes that path, or no unit did: only the whole site says.
        self.whole_site().get(path).cloned()
    }

    /// The whole site, rendered once when first needed.
    fn whole_site(&self) -> &HashMap<String, Arc<[u8]>> {
        self.whole.get_or_init(|| {
            let Some(source) = &self.source else {
                return HashMap::new();
            };
            let c = &source.checked;
            crate::render::render_to_memory(&c.model, &c.index, &c.templates)
                .map(|(files, _)| files.into_iter().map(|f| (f.path, Arc::from(f.bytes))).collect())
                .unwrap_or_default()
        })
    }

    /// Whether the site has a file at `path` (rendering it if need be).
    pub fn contains(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Every path of the site, sorted (rendering the whole site if need be).
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = match self.source {
            None => self
                .made
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .keys()
                .cloned()
                .collect(),
            Some(_) => self.whole_site().keys().cloned().collect(),
        };
        paths.sort();
        paths
    }

    /// The number of files: of the site when it was rendered whole, else of the last whole
    /// render's plan and the static files (what the site has unless the change added or removed
    /// pages).
    pub fn len(&self) -> usize {
        match &self.source {
            None => self.made.lock().unwrap_or_else(|e| e.into_inner()).len(),
            Some(source) => {
                let statics = &source.checked.templates.static_files;
                source.plan.keys().filter(|p| !statics.contains_key(*p)).count() + statics.len()
            }
        }
    }

    /// Whether the site has no file.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether pages are rendered when asked for (the rebuild rendered none).
    pub fn on_demand_pages(&self) -> bool {
        self.source.is_some()
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
    /// How long each stage of the check took (`serve -v` prints them).
    pub timings: crate::Timings,
}

/// The dossier being served, and what is kept between its rebuilds.
pub struct Rebuilder {
    dir: PathBuf,
    /// The fingerprint of the templates of the last whole render that had no error, and its
    /// plan: a rebuild with the same templates renders on demand by that plan.
    last: Option<(u64, Arc<Plan>)>,
    /// Each content file's parse and each article's validation, by content.
    reuse: Reuse,
}

impl Rebuilder {
    /// A rebuilder for the dossier folder `dir`, building its drafts when `drafts`.
    pub fn new(dir: &Path, drafts: bool) -> Rebuilder {
        Rebuilder {
            dir: dir.to_path_buf(),
            last: None,
            reuse: Reuse {
                drafts,
                ..Reuse::default()
            },
        }
    }

    /// Rebuild the site from the files as they are now.
    pub fn rebuild(&mut self) -> Result<Outcome, Failure> {
        let started = Instant::now();
        let mut timings = crate::Timings::default();
        let (checked, mut diagnostics) = crate::check_dossier_reusing(&self.dir, &mut self.reuse, &mut timings)?;
        let counts = checked.as_ref().map(|c| crate::counts(&c.model));
        let Some(checked) = checked else {
            return Ok(Outcome {
                site: None,
                diagnostics,
                counts,
                elapsed: started.elapsed(),
                timings,
            });
        };
        if let Some((fingerprint, plan)) = &self.last
            && *fingerprint == checked.templates.fingerprint
        {
            // The notes a whole render gives about static files replacing generated ones.
            for path in checked.templates.static_files.keys().filter(|p| plan.contains_key(*p)) {
                diagnostics.push(crate::render::replaced_note(path));
            }
            diagnostics.sort();
            let site = (diagnostics.error_count() == 0).then(|| Arc::new(SiteFiles::on_demand(checked, plan.clone())));
            return Ok(Outcome {
                site,
                diagnostics,
                counts,
                elapsed: started.elapsed(),
                timings,
            });
        }
        let memory = Memory::new();
        let rendered = timings
            .time("render", || {
                crate::render::render(&checked.model, &checked.index, &checked.templates, &memory)
            })
            .map_err(Failure::Write)?;
        let files = memory.finish().map_err(Failure::Write)?;
        diagnostics.extend(rendered.diagnostics);
        diagnostics.sort();
        let fingerprint = checked.templates.fingerprint;
        crate::drop_aside(checked);
        let site = (diagnostics.error_count() == 0).then(|| {
            self.last = Some((
                fingerprint,
                Arc::new(
                    rendered
                        .plan
                        .iter()
                        .map(|(path, unit)| (path.to_string(), unit))
                        .collect(),
                ),
            ));
            Arc::new(SiteFiles::whole(files.into_iter().collect()))
        });
        Ok(Outcome {
            site,
            diagnostics,
            counts,
            elapsed: started.elapsed(),
            timings,
        })
    }
}
