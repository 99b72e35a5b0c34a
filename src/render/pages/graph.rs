//! The network page: every stated relation, every pair of actors named together (most often
//! first: the strongest shown, the rest folded away), and the picture of both, twice: the whole
//! network for a wide screen and its strongest part drawn for a phone. At scale (more linked
//! actors than the picture draws, see `svg::NET_MAX_NODES`) the page is about the most
//! connected actors: the picture draws them, the lists keep to them, and the pairs are cut to
//! the `PAIRS` named together most often.

use crate::diag::Diagnostic;
use crate::model::EntityKind;
use crate::render::pages::{Page, meta};
use crate::render::site::{Site, relation_phrases};
use crate::render::svg;
use crate::render::views::{GraphView, IdUrl, Pair, StatedRelation};

/// Pairs as the page lists them, actor indices and their count.
fn pairs<'a>(site: &Site<'a>, list: &[(usize, usize, usize)]) -> Vec<Pair<'a>> {
    list.iter()
        .map(|&(a, b, count)| Pair {
            a: site.actor_ref(a),
            b: site.actor_ref(b),
            count,
        })
        .collect()
}

/// Up to this many pairs named together are listed; past it, the `PAIRS` most frequent.
const PAIRS: usize = 300;

/// At most this many pairs are shown before the rest is folded away (only pairs named together
/// more than once are shown).
const PAIRS_SHOWN: usize = 30;

/// Up to this many pairs, all are shown.
const PAIRS_WHOLE: usize = 12;

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
            relations.push((
                ai,
                site.index.pos(&rel.actor.id),
                StatedRelation {
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
                },
            ));
        }
    }
    let mut cooccurrence = Vec::new();
    for (ai, l) in site.index.actors.iter().enumerate() {
        for &(b, n) in &l.seen_with {
            if ai < b {
                cooccurrence.push((ai, b, n));
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
    // At scale, the lists keep to the actors drawn.
    let choice = svg::network_choice(&nodes, &edges);
    let drawn = |a: usize| choice.as_ref().is_none_or(|c| c.binary_search(&a).is_ok());
    let relations: Vec<StatedRelation> = relations
        .into_iter()
        .filter(|(from, to, _)| drawn(*from) && to.is_none_or(drawn))
        .map(|(_, _, r)| r)
        .collect();
    cooccurrence.retain(|&(a, b, _)| drawn(a) && drawn(b));
    let cooccurrence_total = cooccurrence.len();
    // Most often first (India and Pakistan before a pair named together once), then in actor
    // order.
    cooccurrence.sort_by(|x, y| y.2.cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    cooccurrence.truncate(PAIRS);
    // A short list is shown whole; a long one folds away its weakest pairs.
    let shown = if cooccurrence.len() <= PAIRS_WHOLE {
        cooccurrence.len()
    } else {
        cooccurrence.iter().take(PAIRS_SHOWN).take_while(|p| p.2 > 1).count()
    };
    let more = cooccurrence.split_off(shown);
    let network_note = choice.as_ref().map(|c| {
        format!(
            "The picture and the lists below show the {} most connected of the {} actors (those with the \
             most relations and co-occurrences); every actor’s page lists its own.",
            c.len(),
            model.actors.len()
        )
    });
    let picture = svg::network_picture(&nodes, &edges, "net");
    let phone = svg::network_phone(&nodes, &edges, "net-phone");
    let view = GraphView {
        relations,
        cooccurrence: pairs(site, &cooccurrence),
        cooccurrence_more_once: more.iter().filter(|p| p.2 == 1).count(),
        cooccurrence_more_max: more.iter().map(|p| p.2).max().unwrap_or(0),
        cooccurrence_more: pairs(site, &more),
        cooccurrence_total,
        network_svg: picture.svg,
        network_unnamed: picture.unnamed.iter().map(|&a| site.actor_ref(a)).collect(),
        network_phone_svg: phone.svg,
        network_phone_unnamed: phone.unnamed.iter().map(|&a| site.actor_ref(a)).collect(),
        network_note,
    };
    Page::new(
        "graph/index.html".into(),
        "graph.html",
        meta("Network", "How the actors are related, and who is named together."),
        &view,
    )
}
