//! The network page: every stated relation, every pair of actors named together, and the
//! picture of both.

use crate::diag::Diagnostic;
use crate::model::EntityKind;
use crate::render::pages::{Page, meta};
use crate::render::site::{Site, relation_phrases};
use crate::render::svg;
use crate::render::views::{GraphView, IdUrl, Pair, StatedRelation};

/// `graph/index.html`.
pub fn graph(site: &Site) -> Result<Page, Diagnostic> {
    let model = site.model;
    let mut relations = Vec::new();
    let mut edges = Vec::new();
    for (ai, a) in model.actors.iter().enumerate() {
        for rel in &a.relations {
            let (phrase, _) = relation_phrases(&rel.kind);
            if let Some(other) = site.index.pos(&rel.actor.id) {
                edges.push(svg::NetworkEdge {
                    from: ai,
                    to: other,
                    kind: svg::EdgeKind::Relation(rel.kind.clone()),
                    label: format!("{} {phrase} {}", a.name, model.actors[other].name),
                });
            }
            relations.push(StatedRelation {
                from: site.actor_ref(ai),
                to: site.actor_ref_id(&rel.actor.id),
                kind: &rel.kind,
                label: phrase,
                sources: rel
                    .sources
                    .iter()
                    .map(|s| IdUrl {
                        id: &s.id,
                        url: site.url(EntityKind::Excerpt, &s.id),
                    })
                    .collect(),
            });
        }
    }
    let mut cooccurrence = Vec::new();
    for (ai, l) in site.index.actors.iter().enumerate() {
        for &(b, n) in &l.seen_with {
            if ai < b {
                cooccurrence.push(Pair {
                    a: site.actor_ref(ai),
                    b: site.actor_ref(b),
                    count: n,
                });
                edges.push(svg::NetworkEdge {
                    from: ai,
                    to: b,
                    kind: svg::EdgeKind::CoOccurrence(n),
                    label: String::new(),
                });
            }
        }
    }
    let nodes: Vec<svg::NetworkNode> = model
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| svg::NetworkNode {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.clone(),
            href: format!("../{}", site.url(EntityKind::Actor, &a.id)),
            weight: site.index.actors[i].excerpts.len()
                + site.index.actors[i].mentioned_in.iter().map(|x| x.1).sum::<usize>(),
        })
        .collect();
    let view = GraphView {
        relations,
        cooccurrence,
        network_svg: svg::network(&nodes, &edges, "net"),
    };
    Page::new(
        "graph/index.html".into(),
        "graph.html",
        meta("Network", "How the actors are related, and who is named together."),
        &view,
    )
}
