//! The whole dossier: its lists of entities, the one namespace their ids share, and every
//! Markdown field it holds (what wikilinks are checked and followed in).

use std::collections::HashMap;

use serde::Serialize;

use super::Assets;
use super::{Actor, Article, Config, Excerpt, Incident, Loc, Markdown, Page};

/// The whole validated dossier. Every list is sorted (articles by date then id, incidents in
/// listing order (by date, a partial date after the days it contains, then id, moved by
/// `sort_after`/`sort_before`), the rest by id) so everything downstream is deterministic.
#[derive(Debug, Clone)]
pub struct Dossier {
    /// Settings.
    pub config: Config,
    /// Articles.
    pub articles: Vec<Article>,
    /// Excerpts, grouped by article, in text order.
    pub excerpts: Vec<Excerpt>,
    /// Actors.
    pub actors: Vec<Actor>,
    /// Incidents.
    pub incidents: Vec<Incident>,
    /// Pages.
    pub pages: Vec<Page>,
    /// Templates, theme and static files.
    pub assets: Assets,
}

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// An article.
    Article,
    /// An excerpt.
    Excerpt,
    /// An actor.
    Actor,
    /// An incident.
    Incident,
    /// A page.
    Page,
}

impl EntityKind {
    /// The output folder of this kind's pages.
    pub fn folder(self) -> &'static str {
        match self {
            EntityKind::Article => "articles",
            EntityKind::Excerpt => "excerpts",
            EntityKind::Actor => "actors",
            EntityKind::Incident => "incidents",
            EntityKind::Page => "pages",
        }
    }

    /// A word for messages.
    pub fn noun(self) -> &'static str {
        match self {
            EntityKind::Article => "article",
            EntityKind::Excerpt => "excerpt",
            EntityKind::Actor => "actor",
            EntityKind::Incident => "incident",
            EntityKind::Page => "page",
        }
    }
}

/// Every id of the dossier and what it names. Ids are one namespace; where validation found
/// two entities with one id (a `duplicate-id` error), the first in the order of [`entities`]
/// wins, as in the error, so that the clash does not also make references to the id look like
/// the wrong kind.
pub fn id_table(model: &Dossier) -> HashMap<&str, EntityKind> {
    let mut ids = HashMap::with_capacity(
        model.actors.len() + model.incidents.len() + model.articles.len() + model.excerpts.len(),
    );
    for (id, kind, _) in entities(model) {
        ids.entry(id).or_insert(kind);
    }
    ids
}

/// Every entity's id, kind and where it is defined (its file, or an excerpt's `quote:`), in a
/// fixed order: actors, incidents, articles, pages, excerpts.
pub fn entities(model: &Dossier) -> impl Iterator<Item = (&str, EntityKind, Loc)> {
    (model
        .actors
        .iter()
        .map(|a| (a.id.as_str(), EntityKind::Actor, a.loc.clone())))
    .chain(
        model
            .incidents
            .iter()
            .map(|i| (i.id.as_str(), EntityKind::Incident, i.loc.clone())),
    )
    .chain(
        model
            .articles
            .iter()
            .map(|a| (a.id.as_str(), EntityKind::Article, Loc::file(&a.source))),
    )
    .chain(
        model
            .pages
            .iter()
            .map(|p| (p.id.as_str(), EntityKind::Page, Loc::file(&p.source))),
    )
    .chain(
        model
            .excerpts
            .iter()
            .map(|e| (e.id.as_str(), EntityKind::Excerpt, e.loc.clone())),
    )
}

/// Every Markdown field of the dossier, with the entity it belongs to (`None` for the
/// dossier's own `description`, `lead` and `findings`). Article bodies are not among them: they are verbatim sources,
/// where `[[x]]` is text. A test in `validate` holds this list to the described Markdown
/// fields.
pub fn all_markdown(model: &Dossier) -> Vec<(Option<(EntityKind, &str)>, &Markdown)> {
    let mut out: Vec<(Option<(EntityKind, &str)>, &Markdown)> = Vec::new();
    let c = &model.config;
    out.extend(
        c.description
            .iter()
            .chain(&c.lead)
            .chain(&c.findings)
            .map(|md| (None, md)),
    );
    for a in &model.articles {
        let owner = Some((EntityKind::Article, a.id.as_str()));
        out.extend(a.summary.iter().chain(&a.note).map(|md| (owner, md)));
    }
    for e in &model.excerpts {
        out.extend(e.note.iter().map(|md| (Some((EntityKind::Excerpt, e.id.as_str())), md)));
    }
    for a in &model.actors {
        let owner = Some((EntityKind::Actor, a.id.as_str()));
        out.extend(a.summary.iter().map(|md| (owner, md)));
        out.extend(a.relations.iter().filter_map(|r| r.note.as_ref()).map(|md| (owner, md)));
    }
    for i in &model.incidents {
        out.extend(
            i.summary
                .iter()
                .map(|md| (Some((EntityKind::Incident, i.id.as_str())), md)),
        );
    }
    for p in &model.pages {
        out.push((Some((EntityKind::Page, p.id.as_str())), &p.body));
    }
    out
}
