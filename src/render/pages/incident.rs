//! An incident's page: what happened, its casualty figures and perpetrators with their
//! sources, the excerpts and articles about it, and related incidents.

use serde_json::json;

use crate::diag::Diagnostic;
use crate::model::EntityKind;
use crate::render::markdown::to_plain_resolved;
use crate::render::pages::{Page, meta};
use crate::render::site::{Site, entity_path};
use crate::render::views::*;

/// `incidents/<id>/index.html`.
pub fn incident(site: &Site, xi: usize) -> Result<Page, Diagnostic> {
    let x = &site.model.incidents[xi];
    let l = &site.index.incidents[xi];
    let root = "../../";
    let mut event = json!({"@type": "Event", "name": x.title, "startDate": x.date.iso()});
    if let Some(end) = x.end {
        event["endDate"] = json!(end.iso());
    }
    if let Some(place) = &x.location {
        event["location"] = json!({"@type": "Place", "name": place});
    }
    let view = IncidentView {
        incident: site.incident_ref(xi),
        summary_html: site.md(&x.summary, root),
        casualties: x
            .casualties
            .iter()
            .map(|c| CasualtyView {
                killed: c.killed,
                injured: c.injured,
                note: c.note.as_deref(),
                sources: site.refs_of(&c.sources),
            })
            .collect(),
        perpetrators: x
            .perpetrators
            .iter()
            .map(|p| PerpetratorView {
                actor: site.actor_ref_id(&p.actor.id),
                status: p.status.as_deref(),
                sources: site.refs_of(&p.sources),
            })
            .collect(),
        targets: site.refs_of(&x.targets),
        actors: site.refs_of(&x.actors),
        excerpts: site.excerpt_refs(&l.excerpts),
        articles: l.articles.iter().map(|&a| site.article_ref(a)).collect(),
        related: l.related.iter().map(|&r| site.incident_ref(r)).collect(),
        backlinks: site.backlinks(&x.id),
    };
    let description = x
        .summary
        .as_ref()
        .map(|s| to_plain_resolved(&s.text, site))
        .unwrap_or_else(|| format!("{}, {}", site.label(&x.kind), x.date.human()));
    let path = entity_path(EntityKind::Incident, &x.id);
    Ok(Page::new(path, "incident.html", meta(&x.title, description), &view)?.with_jsonld(event))
}
