//! The dossier's presentation files: its template overrides, the theme it chose (built in or
//! its own `themes/<name>/`), and its static files. Validated like the rest (the theme must
//! exist), and handed to rendering as they are: templates and static files are trusted.

use std::collections::BTreeMap;

/// The built-in themes, the first being the default; their files are compiled into the binary
/// (see `render::templates`, which a test keeps in step with this list).
pub const BUILTIN_THEMES: &[&str] = &["briefing", "newsprint"];

/// The theme a dossier uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Theme {
    /// One of [`BUILTIN_THEMES`].
    Builtin(String),
    /// The dossier's own `themes/<name>/` folder (which shadows a built-in theme of the same
    /// name).
    Own {
        /// Its name.
        name: String,
        /// Its templates: name → text.
        templates: BTreeMap<String, String>,
        /// Its static files: relative path → bytes.
        static_files: BTreeMap<String, Vec<u8>>,
    },
}

/// The presentation files of a dossier.
#[derive(Debug, Clone)]
pub struct Assets {
    /// The dossier's `templates/`: name → text.
    pub templates: BTreeMap<String, String>,
    /// The theme.
    pub theme: Theme,
    /// The dossier's `static/`: relative path → bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
}

impl Default for Assets {
    fn default() -> Self {
        Assets {
            templates: BTreeMap::new(),
            theme: Theme::Builtin(BUILTIN_THEMES[0].to_string()),
            static_files: BTreeMap::new(),
        }
    }
}
