//! `dossier.json`: the whole dossier as data, every entity, excerpt and cross-reference, with
//! the article texts. Keys come out sorted (`serde_json` maps), so the file is the same from
//! build to build; JSON is escaped for HTML like every JSON dossier writes.

use serde_json::json;

use crate::model::{Markdown, Ref};
use crate::render::jsonld::json_for_html;
use crate::render::site::Site;

/// The whole dossier as data: every entity, excerpt and cross-reference.
pub fn export_json(site: &Site) -> Vec<u8> {
    let texts = &site.shared.texts;
    let m = site.model;
    let ids = |refs: &[Ref]| refs.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    let md = |x: &Option<Markdown>| x.as_ref().map(|m| m.text.clone());
    let value = json!({
        "title": m.config.title,
        "description": md(&m.config.description),
        "language": m.config.language,
        "articles": m.articles.iter().enumerate().map(|(i, a)| json!({
            "id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "author": a.author,
            "url": a.url, "retrieved": a.retrieved, "reliability": a.reliability.map(|c| c.to_string()),
            "summary": md(&a.summary), "tags": a.tags, "note": md(&a.note),
            "text": a.body(),
            "excerpts": a.excerpts.iter().map(|&e| m.excerpts[e].id.clone()).collect::<Vec<_>>(),
            "mentions": site.index.articles[i].actors.iter().map(|&x| m.actors[x].id.clone()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "excerpts": m.excerpts.iter().enumerate().map(|(i, e)| json!({
            "id": e.id, "article": m.articles[e.article].id, "quote": e.quote, "text": texts[i],
            "line": e.line,
            "speaker": e.speaker.as_ref().map(|s| s.id.clone()), "form": e.form,
            "via": e.via.as_ref().map(|v| v.id.clone()), "quoted": e.quoted, "stance": e.stance,
            "actors": ids(&e.actors), "incidents": ids(&e.incidents), "tags": e.tags,
            "credibility": e.credibility, "said_on": e.said_on, "responds_to": ids(&e.responds_to),
            "responded_by": site.index.responded_by[i].iter().map(|&r| m.excerpts[r].id.clone()).collect::<Vec<_>>(),
            "note": md(&e.note),
        })).collect::<Vec<_>>(),
        "actors": m.actors.iter().enumerate().map(|(i, a)| json!({
            "id": a.id, "name": a.name, "kind": a.kind, "aliases": a.aliases,
            "country": a.country.as_ref().map(|c| c.id.clone()), "summary": md(&a.summary),
            "roles": a.roles.iter().map(|r| json!({"title": r.title, "of": r.of.as_ref().map(|o| o.id.clone()), "from": r.from, "to": r.to, "sources": ids(&r.sources)})).collect::<Vec<_>>(),
            "relations": a.relations.iter().map(|r| json!({"type": r.kind, "actor": r.actor.id, "from": r.from, "to": r.to, "sources": ids(&r.sources), "note": md(&r.note)})).collect::<Vec<_>>(),
            "links": a.links,
            "mentioned_in": site.index.actors[i].mentioned_in.iter().map(|&(x, n)| json!({"article": m.articles[x].id, "count": n})).collect::<Vec<_>>(),
            "seen_with": site.index.actors[i].seen_with.iter().map(|&(x, n)| json!({"actor": m.actors[x].id, "count": n})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "incidents": m.incidents.iter().enumerate().map(|(i, x)| json!({
            "id": x.id, "title": x.title, "kind": x.kind, "date": x.date, "end": x.end, "location": x.location,
            "casualties": x.casualties.iter().map(|c| json!({"killed": c.killed, "injured": c.injured, "note": c.note, "sources": ids(&c.sources)})).collect::<Vec<_>>(),
            "perpetrators": x.perpetrators.iter().map(|p| json!({"actor": p.actor.id, "status": p.status, "sources": ids(&p.sources)})).collect::<Vec<_>>(),
            "targets": ids(&x.targets), "actors": ids(&x.actors),
            "related": site.index.incidents[i].related.iter().map(|&r| m.incidents[r].id.clone()).collect::<Vec<_>>(),
            "excerpts": site.index.incidents[i].excerpts.iter().map(|&e| m.excerpts[e].id.clone()).collect::<Vec<_>>(),
            "summary": md(&x.summary),
        })).collect::<Vec<_>>(),
        "pages": m.pages.iter().map(|p| json!({"id": p.id, "title": p.title, "body": p.body.text})).collect::<Vec<_>>(),
    });
    let mut text = json_for_html(&value, true);
    text.push('\n');
    text.into_bytes()
}
