//! The format's lists of values: stances, relation types, incident kinds (built in, and
//! extended by dossier.yaml), actor kinds, attribution states, excerpt forms, reliability
//! grades and mention modes (closed), with the two closed lists that have their own types
//! (`Form`, `Mentions`).

use std::borrow::Cow;

use serde::Serialize;

use super::{CONFIG, Config, Field};

/// The built-in stances.
pub const STANCES: &[&str] = &[
    "statement",
    "allegation",
    "denial",
    "demand",
    "assurance",
    "commitment",
    "warning",
    "condemnation",
    "claim-of-responsibility",
    "report",
    "assessment",
];

/// The built-in relation types.
pub const RELATION_TYPES: &[&str] = &[
    "member-of",
    "leader-of",
    "spokesperson-for",
    "part-of",
    "founded-by",
    "front-for",
    "allied-with",
    "accused-of-links-to",
    "opposes",
    "negotiates-with",
];

/// The built-in incident kinds.
pub const INCIDENT_KINDS: &[&str] = &[
    "attack",
    "raid",
    "arrest",
    "airstrike",
    "clash",
    "meeting",
    "statement",
    "policy",
    "other",
];

/// Actor kinds (a closed list: templates group by them).
pub const ACTOR_KINDS: &[&str] = &["person", "state", "agency", "armed-group", "organization", "media"];

/// Attribution states of a perpetrator.
pub const ATTRIBUTION: &[&str] = &["alleged", "suspected", "claimed", "confirmed", "denied"];

/// The values of `form:`, in the order the docs give them.
pub const FORMS: &[&str] = &["direct", "reported", "own"];

/// Admiralty source reliability grades (`reliability:` of an article).
pub const RELIABILITY_GRADES: &[&str] = &["A", "B", "C", "D", "E", "F"];

/// The values of `mentions:` in dossier.yaml.
pub const MENTIONS: &[&str] = &["first", "all", "none"];

/// The values of `publish:` (dossier.yaml's default, an article's override).
pub const PUBLISH_MODES: &[&str] = &["full", "excerpts", "private"];

/// A list of values a field takes one of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// [`STANCES`], plus dossier.yaml's `stances:`.
    Stances,
    /// [`RELATION_TYPES`], plus dossier.yaml's `relation_types:`.
    RelationTypes,
    /// [`INCIDENT_KINDS`], plus dossier.yaml's `incident_kinds:`.
    IncidentKinds,
    /// [`ACTOR_KINDS`].
    ActorKinds,
    /// [`ATTRIBUTION`].
    Attribution,
    /// [`FORMS`].
    Forms,
    /// [`RELIABILITY_GRADES`].
    ReliabilityGrades,
    /// [`MENTIONS`].
    Mentions,
    /// [`PUBLISH_MODES`].
    PublishModes,
}

impl List {
    /// The built-in values.
    pub fn builtin(self) -> &'static [&'static str] {
        match self {
            List::Stances => STANCES,
            List::RelationTypes => RELATION_TYPES,
            List::IncidentKinds => INCIDENT_KINDS,
            List::ActorKinds => ACTOR_KINDS,
            List::Attribution => ATTRIBUTION,
            List::Forms => FORMS,
            List::ReliabilityGrades => RELIABILITY_GRADES,
            List::Mentions => MENTIONS,
            List::PublishModes => PUBLISH_MODES,
        }
    }

    /// The values a dossier allows: the built-in ones, and for the lists dossier.yaml extends,
    /// its additions when `config` is given.
    pub fn values(self, config: Option<&Config>) -> Cow<'_, [String]> {
        match (self, config) {
            (List::Stances, Some(c)) => Cow::Borrowed(&c.stances),
            (List::RelationTypes, Some(c)) => Cow::Borrowed(&c.relation_types),
            (List::IncidentKinds, Some(c)) => Cow::Borrowed(&c.incident_kinds),
            _ => Cow::Owned(self.builtin().iter().map(|s| s.to_string()).collect()),
        }
    }

    /// The field of dossier.yaml that adds values to this list, if any.
    pub fn extended_by(self) -> Option<&'static Field> {
        match self {
            List::Stances => Some(&CONFIG.stances),
            List::RelationTypes => Some(&CONFIG.relation_types),
            List::IncidentKinds => Some(&CONFIG.incident_kinds),
            _ => None,
        }
    }

    /// What one value is called, for an extensible list: `stance`, `relation type`.
    pub fn noun(self) -> &'static str {
        match self {
            List::Stances => "stance",
            List::RelationTypes => "relation type",
            List::IncidentKinds => "incident kind",
            List::ActorKinds => "actor kind",
            List::Attribution => "attribution state",
            List::Forms => "form",
            List::ReliabilityGrades => "reliability grade",
            List::Mentions => "mention mode",
            List::PublishModes => "publishing mode",
        }
    }
}

/// Auto-linking of actor names in article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mentions {
    /// Link the first mention of each actor in each article.
    First,
    /// Link every mention.
    All,
    /// Link none (mentions are still counted).
    None,
}

impl Mentions {
    /// Parses a value of [`MENTIONS`].
    pub fn parse(value: &str) -> Option<Mentions> {
        match value {
            "first" => Some(Mentions::First),
            "all" => Some(Mentions::All),
            "none" => Some(Mentions::None),
            _ => None,
        }
    }
}

/// How much of an article's text the site publishes (`publish:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Publish {
    /// The whole text, every excerpt highlighted in it.
    Full,
    /// Only the annotated passages, each within its sentence, up to `publish_share` of the text.
    Excerpts,
    /// No text of the article: excerpt pages show the quoted passage alone.
    Private,
}

impl Publish {
    /// Parses a value of [`PUBLISH_MODES`].
    pub fn parse(value: &str) -> Option<Publish> {
        match value {
            "full" => Some(Publish::Full),
            "excerpts" => Some(Publish::Excerpts),
            "private" => Some(Publish::Private),
            _ => None,
        }
    }

    /// The value as written in the files.
    pub fn as_str(self) -> &'static str {
        match self {
            Publish::Full => "full",
            Publish::Excerpts => "excerpts",
            Publish::Private => "private",
        }
    }
}

/// How an excerpt's passage carries a statement (`form:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// The speaker's own words, inside quotation marks in the source.
    Direct,
    /// Someone else's words (the outlet's, or the relay's) reporting what the speaker said or
    /// did. Also how an excerpt with a speaker and no `form:` is shown.
    Reported,
    /// The outlet's own statement of fact or analysis: no speaker.
    Own,
}

impl Form {
    /// The value as written in `form:`.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Direct => "direct",
            Form::Reported => "reported",
            Form::Own => "own",
        }
    }

    /// Parses a value of [`FORMS`].
    pub fn parse(value: &str) -> Option<Form> {
        match value {
            "direct" => Some(Form::Direct),
            "reported" => Some(Form::Reported),
            "own" => Some(Form::Own),
            _ => None,
        }
    }

    /// How the form is named to readers.
    pub fn label(self) -> &'static str {
        match self {
            Form::Direct => "Direct quote",
            Form::Reported => "Reported speech",
            Form::Own => "The outlet's own words",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_lists_parse_every_value_they_list() {
        for v in FORMS {
            assert_eq!(Form::parse(v).map(Form::as_str), Some(*v));
        }
        for v in MENTIONS {
            let m = Mentions::parse(v).unwrap();
            assert_eq!(serde_json::to_value(m).unwrap(), *v);
        }
    }
}
