//! The presentation files: the theme named in `dossier.yaml` must be a built-in theme or a
//! folder in `themes/`; the templates and static files are passed on as they are (they are
//! trusted, like code: see docs/security.md). Whether the templates compile is for rendering to
//! say.

use crate::diag::{Diagnostic, Diagnostics, Severity, did_you_mean};
use crate::load::RawDossier;
use crate::model::{Assets, BUILTIN_THEMES, Config, Theme};

/// The dossier's assets, with its theme resolved.
pub fn validate_assets(raw: &RawDossier, config: &Config, diags: &mut Diagnostics) -> Assets {
    let name = config.theme.as_deref().unwrap_or(BUILTIN_THEMES[0]);
    let theme = if let Some(own) = raw.themes.get(name) {
        // The dossier's own theme folder shadows a built-in theme of the same name.
        Theme::Own {
            name: name.to_string(),
            templates: own.templates.clone(),
            static_files: own.static_files.clone(),
        }
    } else if BUILTIN_THEMES.contains(&name) {
        Theme::Builtin(name.to_string())
    } else {
        let known: Vec<&str> = BUILTIN_THEMES
            .iter()
            .copied()
            .chain(raw.themes.keys().map(String::as_str))
            .collect();
        diags.push(
            Diagnostic::global(
                Severity::Error,
                "unknown-theme",
                format!("dossier.yaml: there is no theme `{name}`"),
            )
            .help(format!("the themes are: {}", known.join(", ")))
            .suggest(did_you_mean(name, known.iter().copied())),
        );
        Theme::Builtin(BUILTIN_THEMES[0].to_string())
    };
    Assets {
        templates: raw.templates.clone(),
        theme,
        static_files: raw.static_files.clone(),
    }
}
