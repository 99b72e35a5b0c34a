//! `content/`, sorted into records by folder.
//!
//! The folder a file sits in says what it is: `content/articles/**/*.md` an article (and a
//! `.yaml` or `.yml` beside it its annotations, paired by path without extension),
//! `content/actors/`, `content/incidents/` YAML records, `content/pages/**/*.md` pages. Anything
//! else is reported as not part of the format; hidden files and editor backups are skipped
//! without a word. The files are read and parsed in parallel (on a warm cache reading is
//! CPU work too: a dossier of 10,000 articles has over 20,000 files), and the records are kept
//! in walk order.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::front::{parse_markdown, parse_yaml};
use super::read::{Resolver, read_text_in};
use super::walk::{is_hidden, relative, walk};
use super::{MarkdownFile, RawDossier, YamlFile};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::yaml;

/// Each content file's parse from the last load, by a hash of its section, path, text and the
/// YAML limits (`serve` loads the same dossier after every change, and only the parsing of an
/// unchanged file is skipped). The trees are shared (`Arc`), so keeping them costs no copy.
///
/// A file whose metadata (device, inode, size, modification and change times) is what it was
/// at the last load is not even read again, as git trusts its index: unless it was modified
/// less than [`SETTLE`] before it was looked at, since a second write within the file system's
/// clock tick could keep the same times (git's "racily clean" rule).
#[derive(Default)]
pub struct ParseCache {
    parsed: HashMap<u64, (Parsed, Diagnostics)>,
    stamps: HashMap<PathBuf, (Stamp, u64)>,
}

/// How long after its last modification a file's metadata is trusted to tell a change.
const SETTLE: std::time::Duration = std::time::Duration::from_secs(2);

/// What the file system says about a file, enough to tell that it has not changed.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
    changed: (i64, i64),
    /// The hash of the section and YAML limits the file was parsed under.
    settings: u64,
}

impl Stamp {
    /// The file's stamp, when it can be trusted (the file is settled); follows a symbolic link,
    /// so a link pointed elsewhere changes it.
    #[cfg(unix)]
    fn of(path: &Path, settings: u64) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok();
        let settled = modified
            .and_then(|m| std::time::SystemTime::now().duration_since(m).ok())
            .is_some_and(|age| age >= SETTLE);
        settled.then_some(Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            modified,
            changed: (meta.ctime(), meta.ctime_nsec()),
            settings,
        })
    }

    #[cfg(not(unix))]
    fn of(_: &Path, _: u64) -> Option<Stamp> {
        None
    }
}

pub(super) fn load_content(
    root: &Path,
    limit: u64,
    yaml_limits: yaml::Limits,
    raw: &mut RawDossier,
    diags: &mut Diagnostics,
    cache: Option<&mut ParseCache>,
    defer: bool,
) {
    // Every content file, sorted; read and parsed in parallel, kept in walk order.
    let mut files: Vec<(Section, PathBuf)> = Vec::new();
    for path in walk(root, &root.join("content"), diags) {
        let rel = relative(root, &path);
        let section = classify(&rel);
        match section {
            Section::Ignored => continue,
            Section::Unknown => {
                diags.push(
                    Diagnostic::global(
                        Severity::Warning,
                        "unknown-file",
                        format!("{rel}: not part of the dossier format; ignored"),
                    )
                    .help("articles go in content/articles/*.md (+ .yaml annotations), actors in content/actors/*.yaml, incidents in content/incidents/*.yaml, pages in content/pages/*.md"),
                );
                continue;
            }
            _ => {}
        }
        files.push((section, path));
    }
    let resolver = Resolver::new(root);
    let old = cache.as_ref().map(|c| &c.parsed);
    let old_stamps = cache.as_ref().map(|c| &c.stamps);
    // What a file's parse depends on besides its text: its section and the YAML limits.
    let limits = format!("{yaml_limits:?}");
    let settings_of = |section: Section| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (section as u8, &limits).hash(&mut h);
        h.finish()
    };
    #[allow(clippy::type_complexity)]
    let parsed: Vec<(
        Section,
        Option<Parsed>,
        Diagnostics,
        Option<u64>,
        Option<(PathBuf, Stamp)>,
    )> = files
        .into_par_iter()
        .map(|(section, path)| {
            let mut d = Diagnostics::default();
            let settings = settings_of(section);
            let stamp = old_stamps.and_then(|_| Stamp::of(&path, settings));
            if let Some(stamp) = stamp
                && let Some((was, key)) = old_stamps.and_then(|s| s.get(&path))
                && *was == stamp
                && let Some((parsed, kept)) = old.and_then(|o| o.get(key))
            {
                return (
                    section,
                    Some(parsed.clone()),
                    kept.clone(),
                    Some(*key),
                    Some((path, stamp)),
                );
            }
            let Some(source) = read_text_in(&resolver, &path, limit, &mut d) else {
                return (section, None, d, None, None);
            };
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let pair_key = path.with_extension("").to_string_lossy().into_owned();
            let key = old.map(|_| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                (settings, source.digest()).hash(&mut h);
                h.finish()
            });
            let stamp = stamp.map(|s| (path, s));
            if let Some((parsed, kept)) = key.and_then(|k| old.and_then(|o| o.get(&k))) {
                d.extend(kept.clone());
                return (section, Some(parsed.clone()), d, key, stamp);
            }
            let parsed = match section {
                Section::Annotations if defer => Parsed::Yaml(
                    YamlFile {
                        source,
                        stem,
                        root: None,
                        deferred: Some(yaml_limits),
                    },
                    pair_key,
                ),
                Section::Article | Section::Page => {
                    Parsed::Markdown(parse_markdown(source, stem, pair_key, yaml_limits, &mut d))
                }
                _ => Parsed::Yaml(parse_yaml(source, stem, yaml_limits, &mut d), pair_key),
            };
            (section, Some(parsed), d, key, stamp)
        })
        .collect();
    let mut new = HashMap::new();
    let mut new_stamps = HashMap::new();
    for (section, parsed, d, key, stamp) in parsed {
        if let (Some(key), Some(parsed)) = (key, &parsed)
            && cache.is_some()
        {
            new.insert(key, (parsed.clone(), d.clone()));
            if let Some((path, stamp)) = stamp {
                new_stamps.insert(path, (stamp, key));
            }
        }
        diags.extend(d);
        let Some(parsed) = parsed else { continue };
        match (section, parsed) {
            (Section::Article, Parsed::Markdown(m)) => raw.articles.push(m),
            (Section::Page, Parsed::Markdown(m)) => raw.pages.push(m),
            (Section::Annotations, Parsed::Yaml(y, key)) => {
                if let Some(first) = raw.annotations.get(&key) {
                    diags.push(
                        Diagnostic::error(
                            "duplicate-annotations",
                            &y.source,
                            0..0,
                            "two annotation files for one article",
                        )
                        .label(format!("{} annotates the same article", first.source.path))
                        .help("keep the excerpts in one file: either .yaml or .yml"),
                    );
                    continue;
                }
                raw.annotations.insert(key, y);
            }
            (Section::Actor, Parsed::Yaml(y, _)) => raw.actors.push(y),
            (Section::Incident, Parsed::Yaml(y, _)) => raw.incidents.push(y),
            _ => {}
        }
    }
    // Only this load's files are kept: a deleted or changed file is forgotten.
    if let Some(cache) = cache {
        cache.parsed = new;
        cache.stamps = new_stamps;
    }
}

/// One file's text, parsed as its section asks (YAML files keep their pair key).
#[derive(Clone)]
enum Parsed {
    Markdown(MarkdownFile),
    Yaml(YamlFile, String),
}

/// What a file of `content/` is, by the folder it is in and its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Article,
    Annotations,
    Actor,
    Incident,
    Page,
    Unknown,
    Ignored,
}

/// The section of the file at `rel` (relative to the dossier folder: `content/...`).
fn classify(rel: &str) -> Section {
    if is_hidden(rel) {
        return Section::Ignored;
    }
    let parts: Vec<&str> = rel.split('/').collect();
    let name = parts.last().copied().unwrap_or("");
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let is_yaml = ext == "yaml" || ext == "yml";
    match (parts.get(1).copied(), ext) {
        (Some("articles"), "md") => Section::Article,
        (Some("articles"), _) if is_yaml => Section::Annotations,
        (Some("actors"), _) if is_yaml => Section::Actor,
        (Some("incidents"), _) if is_yaml => Section::Incident,
        (Some("pages"), "md") => Section::Page,
        _ => Section::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// A load that reuses the last one's parses gives what a load from scratch gives.
    #[test]
    fn a_second_load_reusing_parses_is_a_fresh_load() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let show = |loaded: (RawDossier, Diagnostics)| format!("{loaded:#?}");
        let fresh = show(crate::load::load(dir).unwrap());
        let mut cache = ParseCache::default();
        assert_eq!(show(crate::load::load_reusing(dir, &mut cache).unwrap()), fresh);
        assert!(!cache.parsed.is_empty());
        assert_eq!(show(crate::load::load_reusing(dir, &mut cache).unwrap()), fresh);
    }

    /// A settled file whose metadata is unchanged is taken from the cache unread; any write
    /// changes its change time, so a rewrite of the same length with its modification time put
    /// back is still seen.
    #[test]
    fn an_unchanged_settled_file_is_not_read_again_and_a_rewrite_is_seen() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::write(root.join("dossier.yaml"), "title: T\n").unwrap();
        std::fs::create_dir_all(root.join("content/actors")).unwrap();
        let actor = root.join("content/actors/alpha.yaml");
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let write = |text: &str| {
            std::fs::write(&actor, text).unwrap();
            std::fs::File::options()
                .write(true)
                .open(&actor)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        };
        write("name: Alpha\nkind: state\n");
        let mut cache = ParseCache::default();
        let (first, _) = crate::load::load_reusing(root, &mut cache).unwrap();
        assert_eq!(cache.stamps.len(), 1, "a settled file's stamp is kept");
        let (again, _) = crate::load::load_reusing(root, &mut cache).unwrap();
        assert!(
            Arc::ptr_eq(&first.actors[0].source, &again.actors[0].source),
            "unchanged: the same source, not read again"
        );
        write("name: Gamma\nkind: state\n");
        let (changed, _) = crate::load::load_reusing(root, &mut cache).unwrap();
        assert!(changed.actors[0].source.text.contains("Gamma"), "the rewrite is read");
    }

    #[test]
    fn files_are_classified_by_folder() {
        assert_eq!(classify("content/articles/x.md"), Section::Article);
        assert_eq!(classify("content/articles/2008/x.yaml"), Section::Annotations);
        assert_eq!(classify("content/actors/x.yml"), Section::Actor);
        assert_eq!(classify("content/incidents/x.yaml"), Section::Incident);
        assert_eq!(classify("content/pages/about.md"), Section::Page);
        assert_eq!(classify("content/notes.txt"), Section::Unknown);
        assert_eq!(classify("content/actors/.x.yaml.swp"), Section::Ignored);
    }
}
