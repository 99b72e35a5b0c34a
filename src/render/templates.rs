//! Templates: built-in, theme and dossier templates merged by name, compiled once.
//!
//! The built-in templates in the repository's `templates/` folder and the built-in themes in
//! `themes/` are compiled into the binary (`include_str!`), so `dossier` needs no files beside
//! it. A template name is looked up in the dossier's `templates/`, then the theme's
//! `templates/`, then the built-in set; merging by name before compiling gives exactly that
//! order and lets a user override one block by extending `base.html`. Static files merge the
//! same way (theme, then the dossier's `static/` on top).

use std::collections::BTreeMap;

use tera::{Context, Tera};

use crate::diag::{Diagnostic, Severity};
use crate::model::{Assets, Theme};

/// The built-in templates, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("actors.html", include_str!("../../templates/actors.html")),
    ("actor.html", include_str!("../../templates/actor.html")),
    ("incidents.html", include_str!("../../templates/incidents.html")),
    ("incident.html", include_str!("../../templates/incident.html")),
    ("articles.html", include_str!("../../templates/articles.html")),
    ("article.html", include_str!("../../templates/article.html")),
    (
        "article_passages.html",
        include_str!("../../templates/article_passages.html"),
    ),
    ("excerpts.html", include_str!("../../templates/excerpts.html")),
    ("excerpt.html", include_str!("../../templates/excerpt.html")),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("timeline.html", include_str!("../../templates/timeline.html")),
    ("graph.html", include_str!("../../templates/graph.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("section.html", include_str!("../../templates/section.html")),
    ("pagination.html", include_str!("../../templates/pagination.html")),
    ("book.html", include_str!("../../templates/book.html")),
];

/// A built-in theme: templates and static files.
pub struct BuiltinTheme {
    /// Name, as `theme:` in dossier.yaml.
    pub name: &'static str,
    /// Templates overriding the built-in ones.
    pub templates: &'static [(&'static str, &'static str)],
    /// Static files.
    pub static_files: &'static [(&'static str, &'static [u8])],
}

/// The built-in themes. The first is the default.
pub const THEMES: &[BuiltinTheme] = &[
    BuiltinTheme {
        name: "briefing",
        templates: &[],
        static_files: &[("style.css", include_bytes!("../../themes/briefing/static/style.css"))],
    },
    BuiltinTheme {
        name: "newsprint",
        templates: &[],
        static_files: &[("style.css", include_bytes!("../../themes/newsprint/static/style.css"))],
    },
];

/// Compiled templates and the static files that go with them.
pub struct Templates {
    tera: Tera,
    /// Static files to copy: relative path -> bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// A hash of every template's text and every static file: equal fingerprints render the
    /// same model to the same bytes, which `serve` relies on to render pages on demand after a
    /// change to the content only (a hash of this process, never stored).
    pub fingerprint: u64,
    /// What a page's template gets as `body_html` in place of an article's text when the
    /// templates only ever show it whole (see [`shows_body_whole`]): a comment that no text can
    /// contain (a random number of this process), at which the rendered page is cut for the
    /// text to be written between its two parts.
    body_slot: Option<String>,
}

impl Templates {
    /// Merge and compile the templates of a dossier (its theme already chosen by validation).
    /// A template that does not compile is a diagnostic.
    pub fn new(assets: &Assets) -> Result<Templates, Vec<Diagnostic>> {
        let mut names: BTreeMap<String, String> = BUILTIN.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let mut static_files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        match &assets.theme {
            Theme::Own {
                templates,
                static_files: files,
                ..
            } => {
                names.extend(templates.clone());
                static_files.extend(files.clone());
            }
            Theme::Builtin(name) => {
                if let Some(builtin) = THEMES.iter().find(|t| t.name == name) {
                    names.extend(builtin.templates.iter().map(|(n, t)| (n.to_string(), t.to_string())));
                    static_files.extend(builtin.static_files.iter().map(|(n, b)| (n.to_string(), b.to_vec())));
                }
            }
        }
        names.extend(assets.templates.clone());
        static_files.extend(assets.static_files.clone());
        let mut tera = Tera::new();
        tera.register_filter("truncate", truncate_at_word);
        if let Err(e) = tera.add_raw_templates(names.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
            return Err(vec![template_diagnostic(
                "a template does not compile",
                &error_chain(&e),
            )]);
        }
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            names.hash(&mut h);
            static_files.hash(&mut h);
            h.finish()
        };
        let body_slot = names.values().all(|t| shows_body_whole(t)).then(|| {
            use std::hash::BuildHasher;
            let random = std::collections::hash_map::RandomState::new();
            format!(
                "<!--dossier:body_html:{:016x}{:016x}-->",
                random.hash_one(1u8),
                random.hash_one(2u8)
            )
        });
        Ok(Templates {
            tera,
            static_files,
            fingerprint,
            body_slot,
        })
    }

    /// What to give a template as `body_html` in place of the text, which is then written where
    /// it appears in the page; `None` when the templates use `body_html` otherwise than to show
    /// it whole, so it must be given as it is.
    pub fn body_slot(&self) -> Option<&str> {
        self.body_slot.as_deref()
    }

    /// Render one template with a context.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| template_diagnostic(&format!("the template `{name}` failed to render"), &error_chain(&e)))
    }
}

/// Whether a template uses `body_html` only to show it as it is, so that the page is the same
/// whether the template is given the text or a stand-in that the text is put in place of
/// afterwards: every mention of `body_html` is `{{ body_html | safe }}` (spaces and `-` aside),
/// none is inside what captures output to change or reuse it (a `filter` section, a `set`
/// block, a component's body) and none of those holds an `include`, a `block` or `super()`,
/// which could bring one in; and `__tera_context`, which shows every variable, is not used. Any
/// doubt is a no: a template read wrongly here is only rendered the slower way. Whether a page
/// shows it once is seen on the rendered page.
pub fn shows_body_whole(template: &str) -> bool {
    if template.contains("__tera_context") {
        return false;
    }
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let mut shown = 0;
    // Open captures: `filter` sections, `set` blocks, components' bodies.
    let mut captures = 0usize;
    let mut at = 0;
    while let Some(found) = template[at..].find(['{']) {
        let open = at + found;
        let rest = &template[open..];
        let close = if rest.starts_with("{{") {
            "}}"
        } else if rest.starts_with("{%") {
            "%}"
        } else {
            at = open + 1;
            continue;
        };
        let Some(len) = rest[2..].find(close) else {
            break;
        };
        let tag = rest[2..2 + len].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let inner = squash(tag);
        at = open + 2 + len + 2;
        if close == "}}" {
            if inner == "body_html|safe" && captures == 0 {
                shown += 1;
            } else if captures > 0 && inner.contains("super(") {
                return false;
            }
            continue;
        }
        let word = tag
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '<' || c == '/'))
            .next()
            .unwrap_or("");
        match word {
            "raw" => match template[at..]
                .find("endraw")
                .and_then(|e| template[at + e..].find("%}").map(|c| e + c))
            {
                // What a `raw` block holds is text, however it reads.
                Some(end) => at += end + 2,
                None => break,
            },
            "filter" => captures += 1,
            "set" | "set_global" if !inner.contains('=') => captures += 1,
            "endfilter" | "endset" => match captures.checked_sub(1) {
                Some(c) => captures = c,
                None => return false,
            },
            _ if word.starts_with("</") => match captures.checked_sub(1) {
                Some(c) => captures = c,
                None => return false,
            },
            _ if word.starts_with('<') && !inner.ends_with("/>") => captures += 1,
            "include" | "block" if captures > 0 => return false,
            _ => {}
        }
    }
    // Every mention is one of those shown whole.
    template.matches("body_html").count() == shown
}

/// Tera's `truncate`, cut at a word boundary: "Inter-Services Intelligence" shortened to 20
/// characters reads "Inter-Services…", not "Inter-Services Inte…". Falls back to the exact cut
/// when the text has no space in the second half of the kept part (one long word).
fn truncate_at_word(val: &str, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let length = kwargs.must_get::<usize>("length")?;
    let end = kwargs.get::<&str>("end")?.unwrap_or("…");
    Ok(shorten(val, length, end))
}

/// `text` cut to at most `length` characters (plus `end`) at a word boundary; whole when short.
pub fn shorten(text: &str, length: usize, end: &str) -> String {
    let Some((cut, _)) = text.char_indices().nth(length) else {
        return text.to_string();
    };
    let kept = &text[..cut];
    let at_word = match kept.rfind(char::is_whitespace) {
        Some(space) if kept[..space].chars().count() >= length / 2 => &kept[..space],
        _ => kept,
    };
    let at_word =
        at_word.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | '“' | '"'));
    format!("{at_word}{end}")
}

/// Tera's errors carry their own snippet (template, line, column); keep it, as help lines.
fn template_diagnostic(headline: &str, tera_text: &str) -> Diagnostic {
    let text = tera_text.strip_prefix("error: ").unwrap_or(tera_text).trim_end();
    Diagnostic::global(Severity::Error, "template", headline).help(text.to_string())
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_cuts_at_a_word() {
        assert_eq!(shorten("Inter-Services Intelligence", 20, "…"), "Inter-Services…");
        assert_eq!(shorten("the talks concluded, both said", 16, "…"), "the talks…");
        assert_eq!(shorten("short", 20, "…"), "short");
        assert_eq!(shorten("Supercalifragilistic", 5, "…"), "Super…");
        assert_eq!(shorten("Lo, and behold the long word", 4, "…"), "Lo…");
    }

    #[test]
    fn the_text_is_streamed_only_where_templates_show_it_whole() {
        for (name, text) in BUILTIN {
            assert!(shows_body_whole(text), "{name}");
        }
        for whole in [
            "{{ body_html | safe }}",
            "a{{-body_html|safe-}}b{% if x %}{{ body_html  |  safe }}{% endif %}",
            "{% set x = 1 %}{% filter upper %}{{ x }}{% endfilter %}{{ body_html | safe }}",
            "{% raw %}{% filter upper %}{% endraw %}{{ body_html | safe }}",
            "{{ <c a={x} /> }}{{ body_html | safe }}",
        ] {
            assert!(shows_body_whole(whole), "{whole}");
        }
        for not in [
            "{{ body_html }}",
            "{{ body_html | safe | upper }}",
            "{{ body_html | length }}{{ body_html | safe }}",
            "{% if body_html %}{{ body_html | safe }}{% endif %}",
            "{# body_html #}{{ body_html | safe }}",
            "{% set b = body_html %}",
            "{% filter upper %}{{ body_html | safe }}{% endfilter %}",
            "{%- filter upper -%}{% include \"x.html\" %}{% endfilter %}",
            "{% set b %}{{ body_html | safe }}{% endset %}{{ b }}",
            "{% set b | upper %}{% block content %}{% endblock %}{% endset %}",
            "{% <card> %}{{ body_html | safe }}{% </card> %}",
            "{% block c %}{% filter upper %}{{ super() }}{% endfilter %}{% endblock %}",
            "{% raw %}{{ body_html | safe }}{% endraw %}",
            "{{ __tera_context }}{{ body_html | safe }}",
            "{% endfilter %}{{ body_html | safe }}",
            "{{ <c b={body_html} /> }}",
        ] {
            assert!(!shows_body_whole(not), "{not}");
        }
    }

    #[test]
    fn the_built_in_themes_are_the_models_list() {
        let names: Vec<&str> = THEMES.iter().map(|t| t.name).collect();
        assert_eq!(names, crate::model::BUILTIN_THEMES);
    }
}
