//! `followthemoney.jsonl`: the dossier as FollowTheMoney entities (the data model of Aleph,
//! OpenAleph and OpenSanctions), one JSON object a line: `{"id", "schema", "properties"}`,
//! every property a list of strings.
//!
//! Actors are `Person` (kind `person`), `PublicBody` (`state`, `agency`) or `Organization`
//! (`armed-group`, `organization`, `media`); incidents are `Event` (the actors involved in
//! `involved`; perpetrators, targets and casualty figures in `notes`, since FtM has no place
//! for an attribution's firmness); articles are `Article` (the body, `bodyText`, only when
//! the article is published in full); each excerpt is a `Note` on its article and on the
//! entities it concerns, its passage as `description`. Links: a relation is a `Membership`
//! (`member-of`, `part-of`), a `Directorship` (`leader-of`), a `Representation`
//! (`spokesperson-for`) or an `UnknownLink` (the rest, and any whose ends the specific schema
//! does not allow), its type in `role`; a role `of` an organisation is a `Membership` with the
//! title as `role`; an actor's mentions in an article are a `Documentation` of the article.
//!
//! Ids are stable, made from the dossier's ids (`actor.isi`, `excerpt.isi-denies`,
//! `relation.isi.0`, `documentation.<article>.<actor>`), which FtM's id pattern allows. Written
//! as a stream, one entity at a time; keys are sorted. An entity's page on the site is its
//! `sourceUrl` when the dossier has a `base_url` (FtM URLs are absolute).

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::export::HtmlSafe;
use super::{absolute_page_iri, plain, shows_text};
use crate::model::{Actor, Date, EntityKind};
use crate::render::site::Site;

/// The file's path in the site.
pub const PATH: &str = "followthemoney.jsonl";

/// The FtM schema of an actor of `kind`.
pub fn actor_schema(kind: &str) -> &'static str {
    match kind {
        "person" => "Person",
        "state" | "agency" => "PublicBody",
        _ => "Organization",
    }
}

/// An entity being built: its id, schema and properties.
struct Entity {
    id: String,
    schema: &'static str,
    properties: Map<String, Value>,
}

impl Entity {
    fn new(id: String, schema: &'static str) -> Entity {
        Entity {
            id,
            schema,
            properties: Map::new(),
        }
    }

    /// Adds values to a property; empty values are left out.
    fn add<S: AsRef<str>>(&mut self, prop: &str, values: impl IntoIterator<Item = S>) -> &mut Entity {
        let values: Vec<Value> = values
            .into_iter()
            .map(|v| v.as_ref().trim().to_string())
            .filter(|v| !v.is_empty())
            .map(Value::String)
            .collect();
        if !values.is_empty() {
            match self.properties.get_mut(prop) {
                Some(Value::Array(list)) => list.extend(values),
                _ => {
                    self.properties.insert(prop.into(), Value::Array(values));
                }
            }
        }
        self
    }

    fn one(&mut self, prop: &str, value: impl AsRef<str>) -> &mut Entity {
        self.add(prop, [value])
    }

    fn write(self, out: &mut dyn Write) -> io::Result<()> {
        let line = json!({"id": self.id, "schema": self.schema, "properties": self.properties});
        serde_json::to_writer(&mut *out, &line).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }
}

fn actor_id(id: &str) -> String {
    format!("actor.{id}")
}

fn date(d: &Option<Date>) -> Option<String> {
    d.map(|d| d.iso())
}

/// Write every entity and link to `out`.
pub fn write(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    // Escaped for HTML like every JSON file the site writes (see `export::HtmlSafe`).
    let mut safe = HtmlSafe::new(out);
    entities(site, &mut safe)?;
    safe.flush()
}

fn entities(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let m = site.model;
    let schema_of = |id: &str| {
        site.index
            .pos(id)
            .map(|p| actor_schema(&m.actors[p].kind))
            .unwrap_or("Organization")
    };
    for a in &m.actors {
        actor(site, a).write(out)?;
    }
    for a in &m.actors {
        for (n, r) in a.relations.iter().enumerate() {
            let other = schema_of(&r.actor.id);
            let (schema, from, to) = match r.kind.as_str() {
                "member-of" | "part-of" if other != "Person" => ("Membership", "member", "organization"),
                "leader-of" if other != "Person" => ("Directorship", "director", "organization"),
                "spokesperson-for" => ("Representation", "agent", "client"),
                _ => ("UnknownLink", "subject", "object"),
            };
            let mut e = Entity::new(format!("relation.{}.{n}", a.id), schema);
            e.one(from, actor_id(&a.id))
                .one(to, actor_id(&r.actor.id))
                .one("role", site.label(&r.kind))
                .add("startDate", date(&r.from))
                .add("endDate", date(&r.to))
                .add("summary", plain(site, &r.note));
            e.write(out)?;
        }
        for (n, r) in a.roles.iter().enumerate() {
            let Some(of) = &r.of else { continue };
            if schema_of(&of.id) == "Person" {
                continue;
            }
            let mut e = Entity::new(format!("role.{}.{n}", a.id), "Membership");
            e.one("member", actor_id(&a.id))
                .one("organization", actor_id(&of.id))
                .one("role", &r.title)
                .add("startDate", date(&r.from))
                .add("endDate", date(&r.to));
            e.write(out)?;
        }
    }
    for x in &m.incidents {
        let mut e = Entity::new(format!("incident.{}", x.id), "Event");
        e.one("name", &x.title)
            .one("date", x.date.iso())
            .add("endDate", date(&x.end))
            .add("location", &x.location)
            .add("summary", plain(site, &x.summary))
            .one("keywords", &x.kind)
            .add("sourceUrl", absolute_page_iri(site, EntityKind::Incident, &x.id));
        let involved = x
            .perpetrators
            .iter()
            .map(|p| &p.actor)
            .chain(&x.targets)
            .chain(&x.actors)
            .map(|r| actor_id(&r.id));
        let mut involved: Vec<String> = involved.collect();
        involved.sort();
        involved.dedup();
        e.add("involved", involved);
        for p in &x.perpetrators {
            let status = p.status.as_deref().unwrap_or("stated");
            e.one(
                "notes",
                format!("Perpetrator ({status}): {}", name_of(site, &p.actor.id)),
            );
        }
        for t in &x.targets {
            e.one("notes", format!("Target: {}", name_of(site, &t.id)));
        }
        for c in &x.casualties {
            let mut s = Vec::new();
            s.extend(c.killed.map(|k| format!("{k} killed")));
            s.extend(c.injured.map(|k| format!("{k} injured")));
            let note = c.note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default();
            e.one("notes", format!("Casualties: {}{note}", s.join(", ")));
        }
        e.write(out)?;
    }
    for a in &m.articles {
        let mut e = Entity::new(format!("article.{}", a.id), "Article");
        e.one("title", &a.title)
            .one("name", &a.title)
            .one("publisher", &a.outlet)
            .one("publishedAt", a.published.iso())
            .add("author", &a.author)
            .add("sourceUrl", &a.url)
            .add("retrievedAt", date(&a.retrieved))
            .add("summary", plain(site, &a.summary))
            .add("keywords", &a.tags);
        if shows_text(a) {
            e.one("bodyText", a.text.rendered.text.as_str());
        }
        e.write(out)?;
    }
    // An actor's mentions in an article: the document documents the actor.
    for (i, actor) in m.actors.iter().enumerate() {
        for &(x, n) in &site.index.actors[i].mentioned_in {
            let a = &m.articles[x];
            let mut d = Entity::new(format!("documentation.{}.{}", a.id, actor.id), "Documentation");
            d.one("document", format!("article.{}", a.id))
                .one("entity", actor_id(&actor.id))
                .one("role", format!("mentioned {n} time{}", if n == 1 { "" } else { "s" }));
            d.write(out)?;
        }
    }
    for (i, x) in m.excerpts.iter().enumerate() {
        let a = &m.articles[x.article];
        let mut e = Entity::new(format!("excerpt.{}", x.id), "Note");
        let passage = site.text(i);
        e.one("name", crate::text::words::truncate(passage, 200))
            .one("description", passage)
            .one("entity", format!("article.{}", a.id))
            .add(
                "entity",
                x.speaker.iter().chain(&x.via).chain(&x.actors).map(|r| actor_id(&r.id)),
            )
            .add("entity", x.incidents.iter().map(|r| format!("incident.{}", r.id)))
            .add("summary", plain(site, &x.note))
            .add("keywords", &x.stance)
            .add("keywords", &x.tags)
            .add("sourceUrl", absolute_page_iri(site, EntityKind::Excerpt, &x.id));
        if let Some(s) = &x.speaker {
            e.one("notes", format!("{}: {}", x.form.label(), name_of(site, &s.id)));
        }
        dedup(&mut e, "entity");
        e.write(out)?;
    }
    out.flush()
}

/// Removes repeated values of a property (an actor both speaker and concerned).
fn dedup(e: &mut Entity, prop: &str) {
    if let Some(Value::Array(list)) = e.properties.get_mut(prop) {
        let mut seen = std::collections::HashSet::new();
        list.retain(|v| seen.insert(v.clone()));
    }
}

fn name_of(site: &Site, id: &str) -> String {
    site.index
        .pos(id)
        .and_then(|p| site.model.actors.get(p))
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}

fn actor(site: &Site, a: &Actor) -> Entity {
    let mut e = Entity::new(actor_id(&a.id), actor_schema(&a.kind));
    e.one("name", &a.name)
        .add("alias", &a.aliases)
        .add("summary", plain(site, &a.summary))
        .add("sourceUrl", absolute_page_iri(site, EntityKind::Actor, &a.id));
    if a.kind == "person" {
        e.add("position", a.roles.iter().map(|r| r.title.as_str()));
    }
    for l in &a.links {
        e.one("website", &l.url);
    }
    e
}
