//! An incident's page: what happened, its casualty figures and perpetrators with their
//! sources, the excerpts and articles about it, and related incidents.

use serde_json::json;

use crate::diag::Diagnostic;
use crate::model::EntityKind;
use crate::render::markdown::to_plain_resolved;
use crate::render::pages::paginate::Pages;
use crate::render::pages::section::{self, FullLists, Items, Section, recent};
use crate::render::pages::{Page, meta};
use crate::render::site::{Site, entity_path};
use crate::render::views::*;

/// `incidents/<id>/index.html`, and the full lists of its long lists (see `section`).
pub fn incident<'a>(site: &'a Site<'a>, xi: usize) -> Pages<'a> {
    let x = &site.model.incidents[xi];
    let l = &site.index.incidents[xi];
    let sections = vec![
        Section {
            slug: "excerpts",
            title: format!("Excerpts about {}", x.title),
            items: Items::Excerpts(l.excerpts.clone()),
        },
        Section {
            slug: "articles",
            title: format!("Sources that cite {}", x.title),
            items: Items::Articles(l.articles.iter().map(|&a| (a, None)).collect()),
        },
    ];
    let path = entity_path(EntityKind::Incident, &x.id);
    let of = SectionOf {
        kind: "incident",
        id: &x.id,
        name: &x.title,
        url: site.url(EntityKind::Incident, &x.id),
    };
    let full = FullLists::new(of, &path, sections);
    Pages::new(1 + full.count, move |k| match k {
        0 => incident_page(site, xi, &full),
        k => full.page(site, k - 1),
    })
}

/// `incidents/<id>/index.html`, its long lists cut (see `full`).
fn incident_page(site: &Site, xi: usize, full: &FullLists) -> Result<Page, Diagnostic> {
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
        excerpts: site.excerpt_refs(recent(&l.excerpts)),
        articles: recent(&l.articles).iter().map(|&a| site.article_ref(a)).collect(),
        related: l.related.iter().map(|&r| site.incident_ref(r)).collect(),
        backlinks: site.backlinks(&x.id),
        more: IncidentMore {
            excerpts: section::more(l.excerpts.len(), full.url(site, "excerpts")),
            articles: section::more(l.articles.len(), full.url(site, "articles")),
        },
    };
    let description = x
        .summary
        .as_ref()
        .map(|s| to_plain_resolved(&s.text, site))
        .unwrap_or_else(|| format!("{}, {}", site.label(&x.kind), x.date.human()));
    let path = entity_path(EntityKind::Incident, &x.id);
    Ok(Page::new(path, "incident.html", meta(&x.title, description), &view)?.with_jsonld(event))
}
