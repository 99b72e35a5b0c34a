//! The input folders of a dossier, found and checked before anything is read.
//!
//! A dossier reads from `content/`, `templates/`, `static/`, `themes/` and each theme's folder,
//! `templates/` and `static/`. Each may be a symbolic link, but only to a place inside the dossier
//! folder: a link out of it would publish (or read) files the dossier does not hold, and
//! following one into `/proc` never ends. walkdir follows the link it starts from, so every such
//! folder is resolved and checked here, once, before the walks; `write` uses the same list to
//! refuse an output folder inside one of them.

use std::path::{Path, PathBuf};

use super::LoadError;

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
