//! An actor (a person, state, agency, armed group, organisation or media outlet) with its
//! roles, relations and links, and the descriptions of an actor file and of those nested
//! records.

use serde::Serialize;

use super::record::{Presence, Type, record};
use super::{Date, EntityKind, List, Loc, Markdown, Ref};

/// A role an actor holds.
#[derive(Debug, Clone)]
pub struct Role {
    /// Title as the sources give it.
    pub title: String,
    /// Of which actor.
    pub of: Option<Ref>,
    /// From.
    pub from: Option<Date>,
    /// To.
    pub to: Option<Date>,
    /// Supporting excerpts.
    pub sources: Vec<Ref>,
}

/// A typed, sourced link between two actors.
#[derive(Debug, Clone)]
pub struct Relation {
    /// One of the relation types.
    pub kind: String,
    /// The other actor.
    pub actor: Ref,
    /// From.
    pub from: Option<Date>,
    /// To.
    pub to: Option<Date>,
    /// Supporting excerpts.
    pub sources: Vec<Ref>,
    /// Note.
    pub note: Option<Markdown>,
}

/// An external link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Text.
    pub title: String,
    /// URL (http or https).
    pub url: String,
}

/// A person, state, agency, armed group, organisation or media outlet.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Id.
    pub id: String,
    /// The file.
    pub loc: Loc,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Other names, used to find mentions.
    pub aliases: Vec<String>,
    /// Country (an actor).
    pub country: Option<Ref>,
    /// Summary.
    pub summary: Option<Markdown>,
    /// Roles.
    pub roles: Vec<Role>,
    /// Relations, as written on this actor.
    pub relations: Vec<Relation>,
    /// External links.
    pub links: Vec<Link>,
}

record! {
    /// An actor (`content/actors/<id>.yaml`).
    pub static ACTOR: ActorFields = "an actor" {
        /// The display name.
        name: "name", Type::Text, Presence::Required;
        /// What the actor is; this list cannot be extended.
        kind: "kind", Type::OneOf(List::ActorKinds), Presence::Required;
        /// Other names the articles use, to find mentions of the actor.
        aliases: "aliases", Type::TextList, Presence::Optional;
        /// The actor's country (itself an actor, usually a `state`).
        country: "country", Type::Id(Some(EntityKind::Actor)), Presence::Optional;
        /// A short description.
        summary: "summary", Type::Markdown, Presence::Optional;
        /// Offices the actor holds.
        roles: "roles", Type::Records(&ROLE), Presence::Optional;
        /// Typed links to other actors.
        relations: "relations", Type::Records(&RELATION), Presence::Optional;
        /// External links.
        links: "links", Type::Records(&LINK), Presence::Optional;
        /// Left out of the site unless built with `--drafts`.
        draft: "draft", Type::Bool, Presence::Default("false");
    }
}

record! {
    /// An office an actor holds (a `roles:` item).
    pub static ROLE: RoleFields = "a role" {
        /// The office as the sources name it.
        title: "title", Type::Text, Presence::Required;
        /// Of which actor.
        of: "of", Type::Id(Some(EntityKind::Actor)), Presence::Optional;
        /// Start.
        from: "from", Type::Date, Presence::Optional;
        /// End; not earlier than `from`.
        to: "to", Type::Date, Presence::Optional;
        /// The excerpts that support it.
        sources: "sources", Type::Ids(Some(EntityKind::Excerpt)), Presence::Optional;
    }
}

record! {
    /// A typed link to another actor (a `relations:` item), shown on both actors' pages.
    pub static RELATION: RelationFields = "a relation" {
        /// The relation type.
        kind: "type", Type::OneOf(List::RelationTypes), Presence::Required;
        /// The other actor; not the actor itself.
        actor: "actor", Type::Id(Some(EntityKind::Actor)), Presence::Required;
        /// Start.
        from: "from", Type::Date, Presence::Optional;
        /// End; not earlier than `from`.
        to: "to", Type::Date, Presence::Optional;
        /// The excerpts that support it.
        sources: "sources", Type::Ids(Some(EntityKind::Excerpt)), Presence::Optional;
        /// A note.
        note: "note", Type::Markdown, Presence::Optional;
    }
}

record! {
    /// An external link (a `links:` item).
    pub static LINK: LinkFields = "a link" {
        /// The link text.
        title: "title", Type::Text, Presence::Required;
        /// The address.
        url: "url", Type::Url, Presence::Required;
    }
}
