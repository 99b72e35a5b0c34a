//! dossier.yaml: the settings, with the defaults where it says nothing, and the extended
//! stance, relation-type and incident-kind lists every other file is checked against.

use std::sync::Arc;

use super::fields::Obj;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::YamlFile;
use crate::model::*;
use crate::source::Source;
use crate::yaml::Node;

/// The settings of dossier.yaml; the defaults where there is no file or it says nothing.
pub(super) fn validate_config(file: Option<&YamlFile>, diags: &mut Diagnostics) -> Config {
    let mut config = Config {
        title: String::from("Untitled dossier"),
        description: None,
        lead: None,
        findings: None,
        language: "en".into(),
        base_url: None,
        theme: None,
        mentions: Mentions::First,
        pretty_urls: false,
        trust_html: false,
        publish: Publish::Full,
        publish_share: 25,
        drafts: false,
        stances: STANCES.iter().map(|s| s.to_string()).collect(),
        relation_types: RELATION_TYPES.iter().map(|s| s.to_string()).collect(),
        incident_kinds: INCIDENT_KINDS.iter().map(|s| s.to_string()).collect(),
    };
    let Some(file) = file else { return config };
    let Some(root) = &file.root else { return config };
    let Some(obj) = Obj::new(&file.source, root, &CONFIG, diags) else {
        return config;
    };
    let ConfigFields {
        title,
        description,
        lead,
        findings,
        language,
        base_url,
        theme,
        mentions,
        pretty_urls,
        trust_html,
        publish,
        publish_share,
        max_file_size_mb,
        max_yaml_nodes,
        stances,
        relation_types,
        incident_kinds,
    } = &CONFIG;
    if let Some(t) = obj.text(title, diags) {
        config.title = t;
    }
    config.description = obj.markdown(description, diags);
    config.lead = obj.markdown(lead, diags);
    config.findings = obj.markdown(findings, diags);
    if let Some(l) = obj.language(language, diags) {
        config.language = l;
    }
    if let Some(url) = obj.url(base_url, diags)
        && let Some(node) = obj.get(base_url)
    {
        config.base_url = check_base_url(&file.source, node, &url, diags);
    }
    config.theme = obj.text(theme, diags);
    if let Some(m) = obj.one_of(mentions, None, diags).and_then(|m| Mentions::parse(&m)) {
        config.mentions = m;
    }
    for (field, flag) in [
        (pretty_urls, &mut config.pretty_urls),
        (trust_html, &mut config.trust_html),
    ] {
        if let Some(b) = obj.boolean(field, diags) {
            *flag = b;
        }
    }
    if let Some(p) = obj.one_of(publish, None, diags).and_then(|p| Publish::parse(&p)) {
        config.publish = p;
    }
    if let Some(share) = obj.whole(publish_share, diags) {
        config.publish_share = share as u8;
    }
    // Used by `load` (and `yaml::Limits::from_config`), which read them before validation
    // because they govern reading; checked here.
    obj.whole(max_file_size_mb, diags);
    obj.whole(max_yaml_nodes, diags);
    for (field, list) in [
        (stances, &mut config.stances),
        (relation_types, &mut config.relation_types),
        (incident_kinds, &mut config.incident_kinds),
    ] {
        for r in obj.references(field, diags) {
            if !list.contains(&r.id) {
                list.push(r.id);
            }
        }
    }
    config
}

/// A `base_url` given on the command line (`build --base-url`), checked as dossier.yaml's is:
/// the URL to publish at, or what is wrong with it (for the usage error).
pub fn base_url_flag(value: &str) -> Result<String, String> {
    let source = Source::new("--base-url", value);
    let node = Node {
        value: crate::yaml::Value::Str(value.to_string()),
        span: 0..value.len(),
    };
    let mut diags = Diagnostics::default();
    match check_base_url(&source, &node, value.trim(), &mut diags) {
        Some(url) => Ok(url),
        None => Err(diags.items.first().map_or_else(
            || "not a valid URL".to_string(),
            |d| format!("{} ({})", d.message, d.label),
        )),
    }
}

/// `base_url` is where the site will live: every page address is appended to it (in feeds,
/// the sitemap and canonical links), so it must be a real http(s) URL without credentials, query
/// or fragment. It is returned as the URL parser writes it (`<` percent-encoded, host lower
/// case), ending with `/`.
fn check_base_url(source: &Arc<Source>, node: &Node, value: &str, diags: &mut Diagnostics) -> Option<String> {
    let bad = |why: &str, label: &str| {
        Diagnostic::error("bad-url", source, node.span.clone(), format!("`base_url` {why}"))
            .label(label.to_string())
            .help("write the address the site will be published at, like `base_url: \"https://example.org/dossier/\"`")
    };
    let mut url = match url::Url::parse(value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => u,
        Ok(_) | Err(_) => {
            diags.push(bad("is not a valid http(s) URL", "expected scheme://host/path"));
            return None;
        }
    };
    if !url.username().is_empty() || url.password().is_some() {
        diags.push(bad(
            "must not carry a user name or password",
            "this would be published in every page",
        ));
        return None;
    }
    if url.query().is_some() || url.fragment().is_some() {
        diags.push(bad(
            "cannot have a query (`?…`) or a fragment (`#…`)",
            "page addresses are appended to it, so it must end with its path",
        ));
        return None;
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Some(url.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The defaults the description documents (and docs/format.md, tested against it) are the
    /// ones that apply.
    #[test]
    fn the_described_defaults_apply() {
        let config = validate_config(None, &mut Diagnostics::default());
        let default = |field: &Field| match field.presence() {
            Presence::Default(value) => value,
            other => panic!("`{}` has no default: {other:?}", field.name()),
        };
        assert_eq!(config.language, default(&CONFIG.language));
        assert_eq!(Mentions::parse(default(&CONFIG.mentions)), Some(config.mentions));
        assert_eq!(config.pretty_urls.to_string(), default(&CONFIG.pretty_urls));
        assert_eq!(config.trust_html.to_string(), default(&CONFIG.trust_html));
        assert_eq!(
            (crate::load::MAX_FILE_BYTES / (1024 * 1024)).to_string(),
            default(&CONFIG.max_file_size_mb)
        );
        assert_eq!(crate::yaml::MAX_NODES.to_string(), default(&CONFIG.max_yaml_nodes));
        assert_eq!(config.theme, None);
        assert_eq!(
            crate::render::templates::THEMES[0].name,
            default(&CONFIG.theme),
            "the theme used without `theme:`"
        );
    }
}
