//! Load: walk the dossier folder and turn files into raw, unvalidated records.
//!
//! This is one of the two stages that touch the file system (the other is `write`). It finds
//! the input folders and refuses any that leads outside the dossier (`roots`); walks `content/`
//! with walkdir, sorted by file name so every later stage sees the same order (`walk`), and
//! sorts its files into records by folder (`content`); reads each file (`read`: regular files
//! only, never more bytes than the size limit however large the file claims to be; UTF-8 only,
//! BOM dropped, CRLF turned into LF); splits Markdown front matter from the body and parses YAML
//! into span-carrying `yaml::Node`s (`front`; for `check` and `build`, an article's annotation
//! file is left for validation to parse with its article, so that its tree lives no longer
//! than that: `load_deferring`); and reads the dossier's own templates, themes and
//! static files (`assets`). It does not judge what the records say: that is `validate`. Walk
//! errors and unreadable files become diagnostics, never silently skipped. Symbolic links are
//! followed only when they stay inside the dossier folder; a top-level input folder (`content`,
//! `static`, `templates`, `themes` and each theme's folders) that resolves outside it stops the
//! load with a `LoadError`.

mod assets;
mod content;
mod front;
mod read;
mod roots;
mod walk;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::source::Source;
use crate::yaml::{self, Node};

pub use content::ParseCache;
pub use front::{parse_markdown, parse_yaml};
pub use read::decode_text;
pub use roots::{InputFolders, input_folders};
pub use walk::relative;

/// Files larger than this are refused unless `max_file_size_mb` in dossier.yaml says otherwise:
/// a dossier file is an article or a few hundred lines of YAML, and a multi-gigabyte file is a
/// mistake (or an attack) that would exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// dossier.yaml itself is read before its limit is known, under this fixed limit.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// A YAML file, parsed.
#[derive(Debug, Clone)]
pub struct YamlFile {
    /// The file.
    pub source: Arc<Source>,
    /// The id it gives (file stem).
    pub stem: String,
    /// Its tree (`None` when it failed to parse, the diagnostic already recorded, or when its
    /// parse was deferred).
    pub root: Option<Arc<Node>>,
    /// `Some` (the limits to parse it under) when the file was read but not parsed yet: an
    /// article's annotation file in a one-shot run ([`load_deferring`]), which validation parses
    /// with its article ([`YamlFile::parsed`]) so that the trees of every annotation file (at
    /// 10,000 articles, 150 MiB, more than the model) are never in memory at once.
    pub deferred: Option<yaml::Limits>,
}

/// A Markdown file with YAML front matter.
#[derive(Debug, Clone)]
pub struct MarkdownFile {
    /// The file.
    pub source: Arc<Source>,
    /// The id it gives (file stem).
    pub stem: String,
    /// Front matter (`None` when missing or broken; diagnosed).
    pub front: Option<Arc<Node>>,
    /// Byte offset where the body starts.
    pub body_start: usize,
    /// Path without extension, to pair an article with its annotation sidecar.
    pub pair_key: String,
}

/// Everything under a dossier folder, before validation.
#[derive(Debug, Clone, Default)]
pub struct RawDossier {
    /// `dossier.yaml`, when present.
    pub config: Option<YamlFile>,
    /// `content/articles/**/*.md`.
    pub articles: Vec<MarkdownFile>,
    /// `content/articles/**/*.yaml`, by pair key.
    pub annotations: BTreeMap<String, YamlFile>,
    /// `content/actors/**/*.yaml`.
    pub actors: Vec<YamlFile>,
    /// `content/incidents/**/*.yaml`.
    pub incidents: Vec<YamlFile>,
    /// `content/pages/**/*.md`.
    pub pages: Vec<MarkdownFile>,
    /// `templates/**` of the dossier: name (relative path) -> text.
    pub templates: BTreeMap<String, String>,
    /// `themes/<name>/` folders of the dossier, by theme name: templates and static files.
    pub themes: BTreeMap<String, Theme>,
    /// `static/**` of the dossier: relative path -> bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
}

/// A theme's files.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Templates: name -> text.
    pub templates: BTreeMap<String, String>,
    /// Static files: relative path -> bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
}

/// A failure of the environment rather than of the content: the dossier folder (or one of its
/// input folders) cannot be read, or may not be.
pub type LoadError = crate::diag::PathError;

/// Load a dossier folder. The folder itself must exist and contain `dossier.yaml` or `content/`,
/// and its input folders must lie inside it (`input_folders`); anything wrong inside is a
/// diagnostic.
pub fn load(dir: &Path) -> Result<(RawDossier, Diagnostics), LoadError> {
    load_with(dir, None, false)
}

/// [`load`], leaving the annotation files of articles unparsed (`deferred`) for validation to
/// parse each with its article: what `check` and `build` do, which need no tree after it.
pub fn load_deferring(dir: &Path) -> Result<(RawDossier, Diagnostics), LoadError> {
    load_with(dir, None, true)
}

/// [`load`], parsing again only the content files whose text changed since the last load with
/// `cache` (for `serve`; see [`ParseCache`]).
pub fn load_reusing(dir: &Path, cache: &mut ParseCache) -> Result<(RawDossier, Diagnostics), LoadError> {
    load_with(dir, Some(cache), false)
}

fn load_with(dir: &Path, cache: Option<&mut ParseCache>, defer: bool) -> Result<(RawDossier, Diagnostics), LoadError> {
    let inputs = input_folders(dir)?;
    let root = inputs.root;
    let mut diags = Diagnostics::default();
    let mut raw = RawDossier::default();

    let config_path = root.join("dossier.yaml");
    if config_path.exists() {
        if let Some(source) = read::read_text(&root, &config_path, MAX_CONFIG_BYTES, &mut diags) {
            raw.config = Some(parse_yaml(
                source,
                "dossier".into(),
                yaml::Limits::default(),
                &mut diags,
            ));
        }
    } else {
        diags.push(Diagnostic::global(
            Severity::Error,
            "missing-config",
            "dossier.yaml is missing: a dossier needs at least `title:` in dossier.yaml",
        ));
    }

    let limit = raw.config.as_ref().and_then(configured_limit).unwrap_or(MAX_FILE_BYTES);
    let yaml_limits = raw
        .config
        .as_ref()
        .and_then(|c| c.root.as_ref())
        .map(|n| yaml::Limits::from_config(n))
        .unwrap_or_default();
    content::load_content(&root, limit, yaml_limits, &mut raw, &mut diags, cache, defer);
    assets::load_assets(&root, &inputs.themes, limit, &mut raw, &mut diags);
    Ok((raw, diags))
}

/// `max_file_size_mb` from dossier.yaml, read before validation because it governs loading
/// (validation checks the value and reports a bad one).
fn configured_limit(config: &YamlFile) -> Option<u64> {
    let yaml::Value::Map(entries) = &config.root.as_ref()?.value else {
        return None;
    };
    let field = &crate::model::CONFIG.max_file_size_mb;
    let (_, node) = entries.iter().find(|(k, _)| k.name == field.name())?;
    let yaml::Value::Number(text) = &node.value else {
        return None;
    };
    let mb: u64 = text.parse().ok()?;
    let crate::model::Type::Whole { min, max } = field.ty() else {
        return None;
    };
    (min..=max).contains(&mb).then_some(mb * 1024 * 1024)
}
