//! Load: walk the dossier folder and turn files into raw, unvalidated records.
//!
//! This is one of the three modules that touch the file system (with `write` and `serve`). It
//! walks `content/` with walkdir, sorted by file name so every later stage sees the same order;
//! reads each file (regular files only, never more bytes than the size limit however large the
//! file claims to be; UTF-8 only, BOM dropped, CRLF turned into LF); splits Markdown
//! front matter from the body; and parses YAML into span-carrying `yaml::Node`s. It does not
//! judge what the records say: that is `validate`. Walk errors and unreadable files become
//! diagnostics, never silently skipped. Symbolic links are followed only when they stay inside
//! the dossier folder; a top-level input folder (`content`, `static`, `templates`, `themes` and
//! each theme's folders) that resolves outside it stops the load with a `LoadError`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::source::Source;
use crate::yaml::{self, Node};

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
    /// Its tree (`None` when it failed to parse; the diagnostic is already recorded).
    pub root: Option<Node>,
}

/// A Markdown file with YAML front matter.
#[derive(Debug, Clone)]
pub struct MarkdownFile {
    /// The file.
    pub source: Arc<Source>,
    /// The id it gives (file stem).
    pub stem: String,
    /// Front matter (`None` when missing or broken; diagnosed).
    pub front: Option<Node>,
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

/// A failure of the environment rather than of the content.
#[derive(Debug)]
pub struct LoadError {
    /// The path.
    pub path: PathBuf,
    /// What happened.
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// The folders a dossier reads from, each resolved (links followed) and known to lie inside the
/// dossier folder.
#[derive(Debug, Clone)]
pub struct InputFolders {
    /// The dossier folder, canonical.
    pub root: PathBuf,
    /// Each input folder that exists, as named in the dossier (`static`,
    /// `themes/briefing/templates`) with the canonical path it resolves to: `content`,
    /// `templates`, `static`, `themes`, and each theme's folder, `templates` and `static`.
    pub folders: Vec<(String, PathBuf)>,
    /// The names of the folders under `themes/`, sorted.
    pub themes: Vec<String>,
}

/// Find the dossier's input folders and refuse any that resolves outside the dossier folder: a
/// link there would publish (or read) files the dossier does not hold, and following one into
/// `/proc` never ends. Links that stay inside the dossier are fine. The folder itself must exist
/// and contain `dossier.yaml` or `content/`.
pub fn input_folders(dir: &Path) -> Result<InputFolders, LoadError> {
    let meta = std::fs::metadata(dir).map_err(|e| LoadError {
        path: dir.to_path_buf(),
        message: format!("cannot open the dossier folder: {e}"),
    })?;
    if !meta.is_dir() {
        return Err(LoadError {
            path: dir.to_path_buf(),
            message: "is not a folder".into(),
        });
    }
    if !dir.join("dossier.yaml").exists() && !dir.join("content").is_dir() {
        return Err(LoadError {
            path: dir.to_path_buf(),
            message: "is not a dossier: it has neither dossier.yaml nor a content/ folder".into(),
        });
    }
    let root = dir.canonicalize().map_err(|e| LoadError {
        path: dir.to_path_buf(),
        message: e.to_string(),
    })?;
    let mut folders = Vec::new();
    for name in ["content", "templates", "static", "themes"] {
        if let Some(real) = resolve_input(&root, name)? {
            folders.push((name.to_string(), real));
        }
    }
    let mut themes = Vec::new();
    if let Some((_, themes_dir)) = folders.iter().find(|(name, _)| name == "themes")
        && themes_dir.is_dir()
    {
        let mut names: Vec<String> = std::fs::read_dir(themes_dir)
            .map_err(|e| LoadError {
                path: root.join("themes"),
                message: format!("cannot be read: {e}"),
            })?
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        names.sort();
        for name in names {
            let theme = format!("themes/{name}");
            match resolve_input(&root, &theme)? {
                Some(real) if real.is_dir() => folders.push((theme.clone(), real)),
                _ => continue,
            }
            for part in ["templates", "static"] {
                let rel = format!("{theme}/{part}");
                if let Some(real) = resolve_input(&root, &rel)? {
                    folders.push((rel, real));
                }
            }
            themes.push(name);
        }
    }
    Ok(InputFolders { root, folders, themes })
}

/// Where the input folder `rel` (relative to the canonical `root`) really is, or `None` when
/// there is nothing there; an error when it resolves outside `root` or nowhere.
fn resolve_input(root: &Path, rel: &str) -> Result<Option<PathBuf>, LoadError> {
    let path = root.join(rel);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(LoadError {
                path,
                message: format!("cannot be read: {e}"),
            });
        }
        Ok(_) => {}
    }
    let real = path.canonicalize().map_err(|e| LoadError {
        path: path.clone(),
        message: format!("a symbolic link that leads nowhere ({e}); refusing it"),
    })?;
    if !real.starts_with(root) {
        return Err(LoadError {
            message: format!(
                "resolves to {}, outside the dossier folder {}; refusing to read it. \
                 Copy or move the folder into the dossier (links that stay inside it are fine)",
                real.display(),
                root.display()
            ),
            path,
        });
    }
    Ok(Some(real))
}

/// Load a dossier folder. The folder itself must exist and contain `dossier.yaml` or `content/`,
/// and its input folders must lie inside it (`input_folders`); anything wrong inside is a
/// diagnostic.
pub fn load(dir: &Path) -> Result<(RawDossier, Diagnostics), LoadError> {
    let inputs = input_folders(dir)?;
    let root = inputs.root;
    let mut diags = Diagnostics::default();
    let mut raw = RawDossier::default();

    let config_path = root.join("dossier.yaml");
    if config_path.exists() {
        if let Some(source) = read_text(&root, &config_path, MAX_CONFIG_BYTES, &mut diags) {
            raw.config = Some(parse_yaml(source, "dossier".into(), &mut diags));
        }
    } else {
        diags.push(Diagnostic::global(
            Severity::Error,
            "missing-config",
            "dossier.yaml is missing: a dossier needs at least `title:` in dossier.yaml",
        ));
    }

    let limit = raw.config.as_ref().and_then(configured_limit).unwrap_or(MAX_FILE_BYTES);
    // Read every content file first (I/O, sequential and sorted), then parse in parallel.
    let mut texts: Vec<(Section, Arc<Source>, PathBuf)> = Vec::new();
    for path in walk(&root, &root.join("content"), &mut diags) {
        let rel = relative(&root, &path);
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
        if let Some(source) = read_text(&root, &path, limit, &mut diags) {
            texts.push((section, source, path));
        }
    }
    let parsed: Vec<(Section, Parsed, Diagnostics)> = texts
        .into_par_iter()
        .map(|(section, source, path)| {
            let mut d = Diagnostics::default();
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let pair_key = path.with_extension("").to_string_lossy().into_owned();
            let parsed = match section {
                Section::Article | Section::Page => Parsed::Markdown(parse_markdown(source, stem, pair_key, &mut d)),
                _ => Parsed::Yaml(parse_yaml(source, stem, &mut d), pair_key),
            };
            (section, parsed, d)
        })
        .collect();
    for (section, parsed, d) in parsed {
        diags.extend(d);
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

    raw.templates = read_tree_text(&root, &root.join("templates"), limit, &mut diags);
    // Every folder read below was resolved and checked by `input_folders`; the walks go through
    // the names in the dossier, so that messages show the paths the user sees.
    for name in inputs.themes {
        let theme_dir = root.join("themes").join(&name);
        let theme = Theme {
            templates: read_tree_text(&root, &theme_dir.join("templates"), limit, &mut diags),
            static_files: read_tree_bytes(&root, &theme_dir.join("static"), limit, &mut diags),
        };
        raw.themes.insert(name, theme);
    }
    raw.static_files = read_tree_bytes(&root, &root.join("static"), limit, &mut diags);
    Ok((raw, diags))
}

/// `max_file_size_mb` from dossier.yaml, read before validation because it governs loading
/// (validation checks the value and reports a bad one).
fn configured_limit(config: &YamlFile) -> Option<u64> {
    let yaml::Value::Map(entries) = &config.root.as_ref()?.value else {
        return None;
    };
    let (_, node) = entries.iter().find(|(k, _)| k.name == "max_file_size_mb")?;
    let yaml::Value::Number(text) = &node.value else {
        return None;
    };
    let mb: u64 = text.parse().ok()?;
    (1..=4096).contains(&mb).then_some(mb * 1024 * 1024)
}

enum Parsed {
    Markdown(MarkdownFile),
    Yaml(YamlFile, String),
}

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

fn classify(rel: &str) -> Section {
    let parts: Vec<&str> = rel.split('/').collect();
    let name = parts.last().copied().unwrap_or("");
    // Hidden files and editor droppings are nobody's content.
    if name.starts_with('.') || name.ends_with('~') || parts.iter().any(|p| p.starts_with('.')) {
        return Section::Ignored;
    }
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

/// Every file under `dir`, sorted, following symlinks only when they resolve inside `root`.
fn walk(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
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

/// Read one file of the dossier, or diagnose why not: it must resolve inside the dossier, be a
/// regular file (a FIFO would block the build forever, a device never ends), and be no larger
/// than `limit`, which is enforced on the bytes actually read (devices and `/proc` files report
/// a size of 0), never only on the size the metadata gives.
fn read_bytes(root: &Path, path: &Path, limit: u64, diags: &mut Diagnostics) -> Option<Vec<u8>> {
    let rel = relative(root, path);
    match read_regular(root, path, limit) {
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

fn read_regular(root: &Path, path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    use std::io::Read;
    let cannot = |e: std::io::Error| Refusal::Unreadable(format!("cannot be read: {e}"));
    // The walk follows only links that stay inside the dossier; dossier.yaml and any other path
    // handed here is held to the same rule.
    let real = path.canonicalize().map_err(cannot)?;
    if !real.starts_with(root) {
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
fn read_text(root: &Path, path: &Path, limit: u64, diags: &mut Diagnostics) -> Option<Arc<Source>> {
    let bytes = read_bytes(root, path, limit, diags)?;
    let rel = relative(root, path);
    match decode_text(&bytes) {
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
    let text = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text.to_string())
    }
}

fn read_tree_text(root: &Path, dir: &Path, limit: u64, diags: &mut Diagnostics) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for path in walk(root, dir, diags) {
        let name = relative(dir, &path);
        if classify_hidden(&name) {
            continue;
        }
        if let Some(source) = read_text(root, &path, limit, diags) {
            out.insert(name, source.text.clone());
        }
    }
    out
}

fn read_tree_bytes(root: &Path, dir: &Path, limit: u64, diags: &mut Diagnostics) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for path in walk(root, dir, diags) {
        let name = relative(dir, &path);
        if classify_hidden(&name) {
            continue;
        }
        if let Some(bytes) = read_bytes(root, &path, limit, diags) {
            out.insert(name, bytes);
        }
    }
    out
}

/// Hidden files and editor backups are nobody's templates or assets.
fn classify_hidden(name: &str) -> bool {
    name.split('/').any(|p| p.starts_with('.')) || name.ends_with('~')
}

/// Parse a YAML file of the dossier (public for the fuzz targets).
pub fn parse_yaml(source: Arc<Source>, stem: String, diags: &mut Diagnostics) -> YamlFile {
    let text = source.text.clone();
    let root = match yaml::parse(&source, 0, &text) {
        Ok(n) => Some(n),
        Err(d) => {
            diags.push(d);
            None
        }
    };
    YamlFile { source, stem, root }
}

/// Split `---\n<yaml>\n---\n<body>`. The front matter is required: an article without it has no
/// title, outlet or date.
pub fn parse_markdown(source: Arc<Source>, stem: String, pair_key: String, diags: &mut Diagnostics) -> MarkdownFile {
    let text = source.text.as_str();
    let mut file = MarkdownFile {
        source: source.clone(),
        stem,
        front: None,
        body_start: 0,
        pair_key,
    };
    let Some(after_open) = text.strip_prefix("---\n") else {
        diags.push(
            Diagnostic::error("missing-front-matter", &source, 0..0, "missing front matter")
                .label("expected `---` on the first line, then YAML fields, then `---`")
                .help("start the file with:\n---\ntitle: \"...\"\n---"),
        );
        return file;
    };
    let open_len = text.len() - after_open.len();
    let mut offset = open_len;
    let mut close = None;
    for line in after_open.split_inclusive('\n') {
        let trimmed = line.trim_end_matches('\n');
        if trimmed == "---" || trimmed == "..." {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = close else {
        diags.push(
            Diagnostic::error(
                "unclosed-front-matter",
                &source,
                0..3,
                "the front matter is never closed",
            )
            .label("opened here")
            .help("end the front matter with a line of three dashes: ---"),
        );
        return file;
    };
    file.body_start = body_start;
    match yaml::parse(&source, open_len, &text[open_len..yaml_end]) {
        Ok(n) => file.front = Some(n),
        Err(d) => diags.push(d),
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_decoding_accepts_bom_and_crlf_and_locates_bad_bytes() {
        assert_eq!(decode_text(b"\xef\xbb\xbfa\r\nb").unwrap(), "a\nb");
        assert_eq!(decode_text(b"ab\xffcd").unwrap_err(), 2);
    }

    #[test]
    fn front_matter_is_split_from_the_body() {
        let src = Source::new("a.md", "---\ntitle: T\n---\nBody text.\n");
        let mut d = Diagnostics::default();
        let f = parse_markdown(src.clone(), "a".into(), "a".into(), &mut d);
        assert!(d.items.is_empty());
        assert_eq!(&src.text[f.body_start..], "Body text.\n");
        assert!(f.front.is_some());
    }

    #[test]
    fn unclosed_front_matter_is_diagnosed() {
        let src = Source::new("a.md", "---\ntitle: T\nBody\n");
        let mut d = Diagnostics::default();
        parse_markdown(src, "a".into(), "a".into(), &mut d);
        assert_eq!(d.items[0].code, "unclosed-front-matter");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_size_limit_holds_on_the_bytes_read_not_the_size_claimed() {
        // /proc files claim a size of 0; the limit must still stop the read.
        let status = Path::new("/proc/self/status");
        assert_eq!(std::fs::metadata(status).unwrap().len(), 0);
        assert!(matches!(
            read_regular(Path::new("/"), status, 16),
            Err(Refusal::TooLarge(None))
        ));
        assert!(read_regular(Path::new("/"), status, 1 << 20).is_ok_and(|b| b.len() > 16));
        // Outside the dossier folder, nothing is read at all.
        assert!(matches!(
            read_regular(Path::new("/nonexistent-dossier"), status, 1 << 20),
            Err(Refusal::Unreadable(why)) if why.contains("outside the dossier folder")
        ));
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
