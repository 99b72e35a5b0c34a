//! An incident (an attack, raid, arrest, meeting, ...) with its casualty figures and
//! perpetrators, and the descriptions of an incident file and of those nested records.

use super::record::{Presence, Type, record};
use super::{Date, EntityKind, List, Loc, Markdown, Ref};

/// A casualty figure with its own sources.
#[derive(Debug, Clone)]
pub struct Casualty {
    /// Killed.
    pub killed: Option<u64>,
    /// Injured.
    pub injured: Option<u64>,
    /// Note (e.g. "more than 300").
    pub note: Option<String>,
    /// Supporting excerpts.
    pub sources: Vec<Ref>,
}

/// Who is said to have done it, and how firmly.
#[derive(Debug, Clone)]
pub struct Perpetrator {
    /// The actor.
    pub actor: Ref,
    /// alleged | suspected | claimed | confirmed | denied (none: stated without qualification).
    pub status: Option<String>,
    /// Supporting excerpts.
    pub sources: Vec<Ref>,
}

/// An attack, raid, arrest, meeting, ...
#[derive(Debug, Clone)]
pub struct Incident {
    /// Id.
    pub id: String,
    /// The file.
    pub loc: Loc,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: String,
    /// Date.
    pub date: Date,
    /// End date.
    pub end: Option<Date>,
    /// Location.
    pub location: Option<String>,
    /// Casualty figures.
    pub casualties: Vec<Casualty>,
    /// Perpetrators.
    pub perpetrators: Vec<Perpetrator>,
    /// Targets.
    pub targets: Vec<Ref>,
    /// Other actors involved.
    pub actors: Vec<Ref>,
    /// Related incidents (as written here; the index adds the reverse).
    pub related: Vec<Ref>,
    /// Summary.
    pub summary: Option<Markdown>,
    /// List it right after this incident (an ordering hint among overlapping dates).
    pub sort_after: Option<Ref>,
    /// List it right before this incident.
    pub sort_before: Option<Ref>,
    /// The date it is listed at: its own, or with a hint, the date of the incident it is
    /// listed next to (set when the incidents are put in order).
    pub placed: Date,
}

record! {
    /// An incident (`content/incidents/<id>.yaml`).
    pub static INCIDENT: IncidentFields = "an incident" {
        /// The name of the incident.
        title: "title", Type::Text, Presence::Required;
        /// What kind of incident it is.
        kind: "kind", Type::OneOf(List::IncidentKinds), Presence::Required;
        /// When it happened (or began).
        date: "date", Type::Date, Presence::Required;
        /// When it ended; not earlier than `date`.
        end: "end", Type::Date, Presence::Optional;
        /// Where.
        location: "location", Type::Text, Presence::Optional;
        /// Casualty figures, each with its own sources.
        casualties: "casualties", Type::Records(&CASUALTY), Presence::Optional;
        /// Who is said to have done it: an actor id alone, or an actor with how firm the attribution is.
        perpetrators: "perpetrators", Type::IdsOrRecords(EntityKind::Actor, &PERPETRATOR), Presence::Optional;
        /// Who it was aimed at.
        targets: "targets", Type::Ids(Some(EntityKind::Actor)), Presence::Optional;
        /// Other actors involved.
        actors: "actors", Type::Ids(Some(EntityKind::Actor)), Presence::Optional;
        /// Related incidents; shown on both incidents' pages.
        related: "related", Type::Ids(Some(EntityKind::Incident)), Presence::Optional;
        /// A description.
        summary: "summary", Type::Markdown, Presence::Optional;
        /// List it right after this incident, when the dates alone cannot say which came first.
        sort_after: "sort_after", Type::Id(Some(EntityKind::Incident)), Presence::Optional;
        /// List it right before this incident, when the dates alone cannot say which came first.
        sort_before: "sort_before", Type::Id(Some(EntityKind::Incident)), Presence::Optional;
        /// Left out of the site unless built with `--drafts`.
        draft: "draft", Type::Bool, Presence::Default("false");
    }
}

record! {
    /// A casualty figure (a `casualties:` item); it needs `killed:` or `injured:` or both.
    pub static CASUALTY: CasualtyFields = "a casualty figure" {
        /// People killed.
        killed: "killed", Type::Whole { min: 0, max: 10_000_000 }, Presence::Conditional("one of the two");
        /// People injured.
        injured: "injured", Type::Whole { min: 0, max: 10_000_000 }, Presence::Conditional("one of the two");
        /// A qualification, for example "more than 300".
        note: "note", Type::Text, Presence::Optional;
        /// The excerpts that give the figure.
        sources: "sources", Type::Ids(Some(EntityKind::Excerpt)), Presence::Optional;
    }
}

record! {
    /// Who is said to have done an incident, and how firmly (a `perpetrators:` item that is not an id alone).
    pub static PERPETRATOR: PerpetratorFields = "a perpetrator" {
        /// Who.
        actor: "actor", Type::Id(Some(EntityKind::Actor)), Presence::Required;
        /// How firm the attribution is; without it, the attribution is stated without qualification.
        status: "status", Type::OneOf(List::Attribution), Presence::Optional;
        /// The excerpts that make the attribution.
        sources: "sources", Type::Ids(Some(EntityKind::Excerpt)), Presence::Optional;
    }
}
