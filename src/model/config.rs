//! The settings of `dossier.yaml`, and the description of the file's fields.

use super::record::{Presence, Type, record};
use super::{List, Markdown, Mentions, Publish};

/// The settings in `dossier.yaml`.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// Markdown description.
    pub description: Option<Markdown>,
    /// The home page's opening paragraph(s), in Markdown.
    pub lead: Option<Markdown>,
    /// The briefing's findings, in Markdown (usually a list), shown first on the home page.
    pub findings: Option<Markdown>,
    /// The site's language (a BCP 47 tag) for `<html lang>`.
    pub language: String,
    /// Absolute URL of the published site, with a trailing slash.
    pub base_url: Option<String>,
    /// Theme name.
    pub theme: Option<String>,
    /// How actor names in article text are linked.
    pub mentions: Mentions,
    /// Links to folders (`actors/isi/`) instead of files (`actors/isi/index.html`). Off by
    /// default: folder links show a directory listing when the site is opened from disk.
    pub pretty_urls: bool,
    /// Pass raw HTML in content through unsanitised (off by default: content is untrusted).
    pub trust_html: bool,
    /// How much of each article's text is published, unless its front matter says otherwise.
    pub publish: Publish,
    /// In `excerpts` mode, the most of an article's text (in percent of its characters) that
    /// its published passages may take.
    pub publish_share: u8,
    /// Whether files marked `draft: true` are built (`--drafts`); not a field of dossier.yaml.
    pub drafts: bool,
    /// The full stance list (built-in plus extensions).
    pub stances: Vec<String>,
    /// The full relation type list.
    pub relation_types: Vec<String>,
    /// The full incident kind list.
    pub incident_kinds: Vec<String>,
}

record! {
    /// The settings of the dossier (`dossier.yaml`).
    pub static CONFIG: ConfigFields = "dossier.yaml" {
        /// The site title.
        title: "title", Type::Text, Presence::Required;
        /// Shown on the home page and used as its meta description.
        description: "description", Type::Markdown, Presence::Optional;
        /// The home page's opening paragraph, in Markdown with wikilinks; without it the home page opens with the description.
        lead: "lead", Type::Markdown, Presence::Optional;
        /// What the dossier found, in Markdown with wikilinks (usually a list, each finding citing its excerpts): shown first on the home page.
        findings: "findings", Type::Markdown, Presence::Optional;
        /// The site's language, a BCP 47 tag (`en`, `fr`, `ur`), for `<html lang>` (and `dir="rtl"` for a right-to-left script).
        language: "language", Type::Language, Presence::Default("en");
        /// The http(s) address the site will be published at, used for absolute links (feeds, sitemap, canonical links).
        base_url: "base_url", Type::Url, Presence::Optional;
        /// The theme: `briefing`, `newsprint`, or the name of a folder in `themes/`.
        theme: "theme", Type::Text, Presence::Default("briefing");
        /// How actor names in article text are linked: the first mention in each article, all, or none.
        mentions: "mentions", Type::OneOf(List::Mentions), Presence::Default("first");
        /// Link to folders (`actors/x/`) instead of files (`actors/x/index.html`).
        pretty_urls: "pretty_urls", Type::Bool, Presence::Default("false");
        /// Pass raw HTML in the content through without cleaning it; only for content you wrote or checked yourself.
        trust_html: "trust_html", Type::Bool, Presence::Default("false");
        /// How much of each article's text the site publishes: `full` (all of it), `excerpts` (only the annotated passages, each in its sentence) or `private` (none: excerpt pages show the quote alone). An article's front matter may override it.
        publish: "publish", Type::OneOf(List::PublishModes), Presence::Default("full");
        /// In `excerpts` mode, the most of an article's text, in percent, that its published passages may take.
        publish_share: "publish_share", Type::Whole { min: 1, max: 100 }, Presence::Default("25");
        /// The largest file, in MiB, that is read.
        max_file_size_mb: "max_file_size_mb", Type::Whole { min: 1, max: 4096 }, Presence::Default("64");
        /// The most values (scalars, lists and mappings, keys included) one YAML file or front matter may hold.
        max_yaml_nodes: "max_yaml_nodes",
            Type::Whole {
                min: *crate::yaml::MAX_NODES_SETTING.start(),
                max: *crate::yaml::MAX_NODES_SETTING.end(),
            },
            Presence::Default("250000");
        /// Stances to add to the built-in list.
        stances: "stances", Type::Ids(None), Presence::Optional;
        /// Relation types to add to the built-in list.
        relation_types: "relation_types", Type::Ids(None), Presence::Optional;
        /// Incident kinds to add to the built-in list.
        incident_kinds: "incident_kinds", Type::Ids(None), Presence::Optional;
    }
}
