//! The dossier's own templates, themes and static files.
//!
//! `templates/**` (text, by path relative to the folder: the template's name), `static/**`
//! (bytes, copied into the site as they are) and, for each folder under `themes/`, its
//! `templates/` and `static/`. Every folder read here was resolved and checked by
//! `input_folders`; the walks go through the names in the dossier, so that messages show the
//! paths the user sees. Hidden files and editor backups are skipped.

use std::collections::BTreeMap;
use std::path::Path;

use super::read::{read_bytes, read_text};
use super::walk::{is_hidden, relative, walk};
use super::{RawDossier, Theme};
use crate::diag::Diagnostics;

/// Read the templates, the themes named in `themes` and the static files into `raw`.
pub(super) fn load_assets(root: &Path, themes: &[String], limit: u64, raw: &mut RawDossier, diags: &mut Diagnostics) {
    let text = |path: &Path, diags: &mut Diagnostics| read_text(root, path, limit, diags).map(|s| s.text.clone());
    let bytes = |path: &Path, diags: &mut Diagnostics| read_bytes(root, path, limit, diags);
    raw.templates = read_tree(root, &root.join("templates"), diags, text);
    for name in themes {
        let theme_dir = root.join("themes").join(name);
        let theme = Theme {
            templates: read_tree(root, &theme_dir.join("templates"), diags, text),
            static_files: read_tree(root, &theme_dir.join("static"), diags, bytes),
        };
        raw.themes.insert(name.clone(), theme);
    }
    raw.static_files = read_tree(root, &root.join("static"), diags, bytes);
}

/// Every file under `dir` that is not hidden, by path relative to `dir`, read by `read`.
fn read_tree<T>(
    root: &Path,
    dir: &Path,
    diags: &mut Diagnostics,
    read: impl Fn(&Path, &mut Diagnostics) -> Option<T>,
) -> BTreeMap<String, T> {
    let mut out = BTreeMap::new();
    for path in walk(root, dir, diags) {
        let name = relative(dir, &path);
        if is_hidden(&name) {
            continue;
        }
        if let Some(value) = read(&path, diags) {
            out.insert(name, value);
        }
    }
    out
}
