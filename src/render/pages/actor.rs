//! An actor's page: who they are, their roles and relations, what they said in their own
//! words, what they are reported to have said, what the sources say about them, their
//! incidents, the articles that mention them, and their activity over time.

use std::collections::HashSet;

use crate::diag::Diagnostic;
use crate::model::{Date, EntityKind, Form};
use crate::render::jsonld;
use crate::render::markdown::to_plain_resolved;
use crate::render::pages::paginate::Pages;
use crate::render::pages::section::{self, FullLists, Items, Section, recent};
use crate::render::pages::{Page, meta};
use crate::render::site::{Site, entity_path, relation_phrases};
use crate::render::svg;
use crate::render::views::*;

/// How many actors "often seen with" lists.
const SEEN_WITH: usize = 10;

/// How many key statements lead an actor's page.
const KEY_STATEMENTS: usize = 4;

/// `actors/<id>/index.html`, and the full lists of its long lists (see `section`).
pub fn actor<'a>(site: &'a Site<'a>, ai: usize) -> Pages<'a> {
    let model = site.model;
    let a = &model.actors[ai];
    let l = &site.index.actors[ai];
    // What the actor said in their own words, what they are reported to have said, and what
    // others say about them: three lists, so that reported speech is never read as a quote.
    let (own_words, reported): (Vec<usize>, Vec<usize>) =
        l.spoken.iter().partition(|&&e| model.excerpts[e].form == Form::Direct);
    let elsewhere: HashSet<usize> = l.spoken.iter().chain(&l.relayed).copied().collect();
    let about: Vec<usize> = l
        .concerning
        .iter()
        .copied()
        .filter(|e| !elsewhere.contains(e))
        .collect();
    let name = &a.name;
    let sections = vec![
        Section {
            slug: "own-words",
            title: format!("In {name}’s own words"),
            items: Items::Excerpts(own_words),
        },
        Section {
            slug: "reported",
            title: format!("What {name} is reported to have said or done"),
            items: Items::Excerpts(reported),
        },
        Section {
            slug: "relayed",
            title: format!("Statements {name} relayed"),
            items: Items::Excerpts(l.relayed.clone()),
        },
        Section {
            slug: "about",
            title: format!("What the sources say about {name}"),
            items: Items::Excerpts(about),
        },
        Section {
            slug: "articles",
            title: format!("Articles that mention {name}"),
            items: Items::Articles(l.mentioned_in.iter().map(|&(x, n)| (x, Some(n))).collect()),
        },
    ];
    let path = entity_path(EntityKind::Actor, &a.id);
    let of = SectionOf {
        kind: "actor",
        id: &a.id,
        name,
        url: site.url(EntityKind::Actor, &a.id),
    };
    let full = FullLists::new(of, &path, sections.clone());
    Pages::new(1 + full.count, move |k| match k {
        0 => actor_page(site, ai, &sections, &full),
        k => full.page(site, k - 1),
    })
}

/// `actors/<id>/index.html`, its lists being `sections` (cut when long, see `full`).
fn actor_page<'a>(site: &Site<'a>, ai: usize, sections: &[Section], full: &FullLists) -> Result<Page, Diagnostic> {
    let model = site.model;
    let a = &model.actors[ai];
    let l = &site.index.actors[ai];
    let root = "../../";
    let excerpts = |n: usize| match &sections[n].items {
        Items::Excerpts(list) => site.excerpt_refs(recent(list)),
        Items::Articles(_) => Vec::new(),
    };
    let more = |n: usize| section::more(sections[n].items.len(), full.url(site, sections[n].slug));
    let relations = l
        .relations
        .iter()
        .map(|rv| {
            let rel = &model.actors[rv.subject].relations[rv.relation];
            let (out, inc) = relation_phrases(&rel.kind);
            RelationView {
                kind: &rel.kind,
                phrase: if rv.outgoing { out } else { inc },
                outgoing: rv.outgoing,
                other: site.actor_ref(rv.other),
                from: rel.from.map(|d| d.human()),
                to: rel.to.map(|d| d.human()),
                sources: site.refs_of(&rel.sources),
                note_html: site.md(&rel.note, root),
            }
        })
        .collect();
    let roles = a
        .roles
        .iter()
        .map(|r| RoleView {
            title: &r.title,
            of: r.of.as_ref().and_then(|o| site.actor_ref_id(&o.id)),
            from: r.from.map(|d| d.human()),
            to: r.to.map(|d| d.human()),
            sources: site.refs_of(&r.sources),
        })
        .collect();
    let perpetrator = l
        .perpetrator_of
        .iter()
        .map(|&(xi, pi)| {
            let p = &model.incidents[xi].perpetrators[pi];
            PerpetratorOf {
                incident: site.incident_ref(xi),
                status: p.status.as_deref(),
                sources: site.refs_of(&p.sources),
            }
        })
        .collect();
    let mut incident_list: Vec<(usize, ActorIncident)> = l
        .perpetrator_of
        .iter()
        .map(|&(xi, pi)| {
            (
                xi,
                "perpetrator",
                model.incidents[xi].perpetrators[pi].status.as_deref(),
            )
        })
        .chain(l.target_of.iter().map(|&xi| (xi, "target", None)))
        .chain(l.involved_in.iter().map(|&xi| (xi, "involved", None)))
        .map(|(xi, part, status)| {
            (
                xi,
                ActorIncident {
                    incident: site.incident_ref(xi),
                    part,
                    status,
                },
            )
        })
        .collect();
    // Incidents are in date order in the model: their positions sort them by date.
    incident_list.sort_by_key(|(xi, _)| *xi);
    let incident_count = incident_list.len();
    let (key, key_rule) = key_statements(site, ai);
    let mut role_holders: Vec<(usize, usize)> = l.role_holders.clone();
    // Office holders by when they held the office (undated last), then by name.
    role_holders.sort_by(|&(h1, r1), &(h2, r2)| {
        let from = |h: usize, r: usize| model.actors[h].roles[r].from.map(|d| d.earliest());
        (from(h1, r1).is_none(), from(h1, r1), &model.actors[h1].name).cmp(&(
            from(h2, r2).is_none(),
            from(h2, r2),
            &model.actors[h2].name,
        ))
    });
    let activity = activity(site, ai);
    let activity_svg = svg_of_activity(site, &activity);
    let neighbourhood_svg = svg_of_neighbourhood(site, ai);
    let activity_total = activity.len();
    let activity_from = activity_total - recent(&activity).len();
    let description = a
        .summary
        .as_ref()
        .map(|s| to_plain_resolved(&s.text, site))
        .unwrap_or_else(|| format!("{} in the dossier", site.label(&a.kind)));
    let view = ActorView {
        actor: ActorDetail {
            id: &a.id,
            name: &a.name,
            kind: &a.kind,
            kind_label: site.label(&a.kind),
            aliases: &a.aliases,
            country: a.country.as_ref().and_then(|c| site.actor_ref_id(&c.id)),
            summary_html: site.md(&a.summary, root),
            roles,
            links: &a.links,
        },
        relations,
        role_holders: role_holders
            .iter()
            .map(|&(h, r)| {
                let role = &model.actors[h].roles[r];
                RoleHolder {
                    actor: site.actor_ref(h),
                    title: &role.title,
                    from: role.from.map(|d| d.human()),
                    to: role.to.map(|d| d.human()),
                }
            })
            .collect(),
        nationals: l.nationals.iter().map(|&n| site.actor_ref(n)).collect(),
        key_statements: site.excerpt_refs(&key),
        key_rule,
        incident_list: incident_list.into_iter().map(|(_, x)| x).collect(),
        counts: ActorCounts {
            own_words: sections[0].items.len(),
            reported: sections[1].items.len(),
            relayed: sections[2].items.len(),
            concerning: sections[3].items.len(),
            articles: sections[4].items.len(),
            incidents: incident_count,
        },
        own_words: excerpts(0),
        reported: excerpts(1),
        relayed: excerpts(2),
        concerning: excerpts(3),
        incidents: ActorIncidents {
            perpetrator,
            target: l.target_of.iter().map(|&x| site.incident_ref(x)).collect(),
            involved: l.involved_in.iter().map(|&x| site.incident_ref(x)).collect(),
        },
        articles: recent(&l.mentioned_in)
            .iter()
            .map(|&(art, n)| ArticleMentions {
                article: site.article_ref(art),
                mentions: n,
            })
            .collect(),
        seen_with: l
            .seen_with
            .iter()
            .take(SEEN_WITH)
            .map(|&(b, n)| SeenWith {
                actor: site.actor_ref(b),
                count: n,
            })
            .collect(),
        activity: activity.into_iter().skip(activity_from).map(|(_, item)| item).collect(),
        activity_svg,
        neighbourhood_svg,
        backlinks: site.backlinks(&a.id),
        more: ActorMore {
            own_words: more(0),
            reported: more(1),
            relayed: more(2),
            concerning: more(3),
            articles: more(4),
            activity: section::more(activity_total, None),
        },
    };
    let path = entity_path(EntityKind::Actor, &a.id);
    let ld = jsonld::actor(a);
    Ok(Page::new(path, "actor.html", meta(&a.name, description), &view)?.with_jsonld(ld))
}

/// The few statements that lead an actor's page, and the rule that chose them: those the
/// analyst marked `key: true`; else those that drew the most responses; else the most recent
/// direct quotes (then reported speech). Drawn from what the actor said, or, for an actor who
/// says nothing in the dossier, from what the sources say about them. Newest first.
fn key_statements(site: &Site, ai: usize) -> (Vec<usize>, &'static str) {
    let model = site.model;
    let l = &site.index.actors[ai];
    let pool = if l.spoken.is_empty() { &l.concerning } else { &l.spoken };
    let responses = |e: usize| site.index.responded_by[e].len();
    let marked: Vec<usize> = pool.iter().rev().copied().filter(|&e| model.excerpts[e].key).collect();
    if !marked.is_empty() {
        return (
            marked.into_iter().take(KEY_STATEMENTS).collect(),
            "Marked as key by the analyst.",
        );
    }
    let mut ranked: Vec<usize> = pool.iter().rev().copied().collect();
    // A stable sort keeps the newest first among equals.
    ranked.sort_by_key(|&e| (std::cmp::Reverse(responses(e)), model.excerpts[e].form != Form::Direct));
    ranked.truncate(KEY_STATEMENTS);
    let rule = if ranked.first().is_some_and(|&e| responses(e) > 0) {
        "The statements that drew the most responses in the sources, then the latest direct quotes."
    } else if ranked.first().is_some_and(|&e| model.excerpts[e].form == Form::Direct) {
        "The latest direct quotes."
    } else {
        "The latest passages."
    };
    (ranked, rule)
}

/// The actor and its direct neighbours (stated relations, in either direction, and the actors
/// named with it in excerpts) as a small picture; none when it has no neighbour.
fn svg_of_neighbourhood(site: &Site, ai: usize) -> Option<String> {
    let model = site.model;
    let l = &site.index.actors[ai];
    let node = |i: usize| {
        let a = &model.actors[i];
        svg::NetworkNode {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.clone(),
            href: format!("../../{}", site.url(EntityKind::Actor, &a.id)),
            weight: 0,
        }
    };
    // One entry per neighbour, in the order first met (the picture orders them).
    let mut neighbours: Vec<svg::Neighbour> = Vec::new();
    let mut at: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut entry = |other: usize, neighbours: &mut Vec<svg::Neighbour>| -> usize {
        *at.entry(other).or_insert_with(|| {
            neighbours.push(svg::Neighbour {
                node: node(other),
                relations: Vec::new(),
                together: 0,
            });
            neighbours.len() - 1
        })
    };
    for rv in &l.relations {
        if rv.other == ai {
            continue;
        }
        let rel = &model.actors[rv.subject].relations[rv.relation];
        let (out, inc) = relation_phrases(&rel.kind);
        let k = entry(rv.other, &mut neighbours);
        neighbours[k].relations.push(svg::NeighbourRelation {
            kind: rel.kind.clone(),
            phrase: if rv.outgoing { out } else { inc },
            outgoing: rv.outgoing,
        });
    }
    for &(b, n) in &l.seen_with {
        if b != ai {
            let k = entry(b, &mut neighbours);
            neighbours[k].together = n;
        }
    }
    svg::neighbourhood(&node(ai), &neighbours, "neighbourhood")
}

/// The actor's excerpts and incidents, by date then page: each once.
fn activity<'a>(site: &Site<'a>, ai: usize) -> Vec<(Date, Activity<'a>)> {
    let model = site.model;
    let l = &site.index.actors[ai];
    // Each with its listing key: the date it is listed at, then 0 for an excerpt or 1 + the
    // incident's position (the incidents' own order, ordering hints included).
    let mut activity: Vec<((Date, usize), (Date, Activity))> = Vec::new();
    for &e in &l.excerpts {
        let ex = &model.excerpts[e];
        let d = ex.said_on.unwrap_or(model.articles[ex.article].published);
        activity.push((
            (d, 0),
            (
                d,
                Activity {
                    date: d.iso(),
                    date_human: d.human(),
                    kind: "excerpt",
                    title: site.text(e),
                    quoted: Some(ex.words_of().is_some()),
                    url: site.url(EntityKind::Excerpt, &ex.id),
                },
            ),
        ));
    }
    let mut incidents: Vec<usize> = l
        .perpetrator_of
        .iter()
        .map(|x| x.0)
        .chain(l.target_of.iter().copied())
        .chain(l.involved_in.iter().copied())
        .collect();
    incidents.sort_unstable();
    incidents.dedup();
    for xi in incidents {
        let x = &model.incidents[xi];
        activity.push((
            (x.placed, xi + 1),
            (
                x.date,
                Activity {
                    date: x.date.iso(),
                    date_human: x.date.human(),
                    kind: "incident",
                    title: &x.title,
                    quoted: None,
                    url: site.url(EntityKind::Incident, &x.id),
                },
            ),
        ));
    }
    activity.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.1.url.cmp(&b.1.1.url)));
    let activity: Vec<(Date, Activity)> = activity.into_iter().map(|(_, item)| item).collect();
    activity
}

/// The activity as a strip over the dossier's whole span of dates; none when the dossier has
/// no dates at all.
fn svg_of_activity(site: &Site, activity: &[(Date, Activity)]) -> Option<String> {
    let marks: Vec<svg::ActivityMark> = activity
        .iter()
        .map(|(d, item)| svg::ActivityMark {
            date: *d,
            kind: if item.kind == "incident" {
                svg::MarkKind::Incident
            } else {
                svg::MarkKind::Article
            },
            title: match item.quoted {
                Some(true) => format!("“{}”", item.title),
                _ => item.title.to_string(),
            },
            href: format!("../../{}", item.url),
        })
        .collect();
    // Two drawings, one for a desktop and one for a phone; the theme's CSS shows one.
    site.shared
        .span
        .map(|span| svg::activity_strip(&marks, span, "strip") + &svg::activity_strip_narrow(&marks, span, "stripn"))
}
