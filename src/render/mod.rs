//! Render: the model and index in, every output file (path and bytes) out.
//!
//! Each page gets its own small context built here (only the data that page shows: large
//! cloned contexts are what make Tera sites slow), then one Tera template renders it. Every
//! internal URL is relative: a page knows its depth and prefixes site paths with `root`
//! (`../../` on an entity page), so the output works at a domain root, under a sub-path and from
//! disk alike. Pages render in parallel; the list of files is sorted, so output is
//! deterministic. Nothing here touches the file system: `write` does.

pub mod article;
pub mod markdown;
pub mod sanitize;
pub mod search;
pub mod svg;
pub mod templates;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::diag::Diagnostics;
use crate::index::Index;
use crate::model::*;
use markdown::{Resolve, to_html, to_plain_resolved};

pub use templates::Templates;

/// The site icon: a plain document mark, so browsers do not ask the host for /favicon.ico.
const FAVICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect x=\"2\" y=\"1\" width=\"12\" height=\"14\" rx=\"1\" fill=\"#1f4e79\"/><path d=\"M5 5h6M5 8h6M5 11h4\" stroke=\"#fff\" stroke-width=\"1.2\"/></svg>\n";

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Rendering settings that are not part of the dossier.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {}

/// The site path of an entity's page.
pub fn entity_path(kind: EntityKind, id: &str) -> String {
    format!("{}/{id}/index.html", kind.folder())
}

/// Everything a page renderer needs.
pub struct Site<'a> {
    /// The dossier.
    pub model: &'a Dossier,
    /// Its index.
    pub index: &'a Index,
    /// The passage of every excerpt as the reader sees it (white space collapsed).
    pub texts: Vec<String>,
    /// Per article, its body rendered once with every highlight and no markers, cut into
    /// blocks: excerpt pages take their paragraph from here instead of rendering the article
    /// again each (which would make a long article's build quadratic).
    pub excerpt_blocks: Vec<Vec<article::Block>>,
}

impl Resolve for Site<'_> {
    fn trust_html(&self) -> bool {
        self.model.config.trust_html
    }

    fn resolve(&self, id: &str) -> Option<(String, String)> {
        let kind = *self.index.kinds.get(id)?;
        let pos = self.index.pos(id)?;
        let name = match kind {
            EntityKind::Actor => self.model.actors[pos].name.clone(),
            EntityKind::Incident => self.model.incidents[pos].title.clone(),
            EntityKind::Article => self.model.articles[pos].title.clone(),
            EntityKind::Excerpt => excerpt_name(&self.model.excerpts[pos], &self.texts[pos]),
            EntityKind::Page => self.model.pages[pos].title.clone(),
        };
        Some((entity_path(kind, id), name))
    }
}

/// Human labels of the Admiralty credibility grades.
pub fn credibility_label(grade: u8) -> &'static str {
    match grade {
        1 => "confirmed by other sources",
        2 => "probably true",
        3 => "possibly true",
        4 => "doubtful",
        5 => "improbable",
        _ => "truth cannot be judged",
    }
}

/// Human labels of the Admiralty source reliability grades.
pub fn reliability_label(grade: char) -> &'static str {
    match grade {
        'A' => "completely reliable",
        'B' => "usually reliable",
        'C' => "fairly reliable",
        'D' => "not usually reliable",
        'E' => "unreliable",
        _ => "reliability cannot be judged",
    }
}

/// How a relation reads from each end: (from the subject, from the object).
pub fn relation_phrases(kind: &str) -> (String, String) {
    let (out, inc) = match kind {
        "member-of" => ("member of", "has as member"),
        "leader-of" => ("leader of", "led by"),
        "spokesperson-for" => ("spokesperson for", "has as spokesperson"),
        "part-of" => ("part of", "includes"),
        "founded-by" => ("founded by", "founder of"),
        "front-for" => ("front for", "has as front"),
        "allied-with" => ("allied with", "allied with"),
        "accused-of-links-to" => ("accused of links to", "said to be linked to"),
        "opposes" => ("opposes", "opposed by"),
        "negotiates-with" => ("negotiates with", "negotiates with"),
        other => {
            let words = other.replace('-', " ");
            return (words.clone(), format!("{words} (inverse)"));
        }
    };
    (out.to_string(), inc.to_string())
}

fn label(kind: &str) -> String {
    let words = kind.replace('-', " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn plural_kind(kind: &str) -> String {
    match kind {
        "person" => "People".into(),
        "state" => "States".into(),
        "agency" => "Agencies".into(),
        "armed-group" => "Armed groups".into(),
        "organization" => "Organizations".into(),
        "media" => "Media".into(),
        other => label(other),
    }
}

/// Percent-encode text for a `#:~:text=` fragment (everything but unreserved characters, and
/// `-`, `,` and `&`, which the fragment syntax uses).
fn fragment_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'~' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `#:~:text=` link to a passage: the whole quote when short, otherwise its first and last
/// words as a range, which browsers match across elements.
pub fn text_fragment_url(url: &str, quote: &str) -> String {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let base = url.split('#').next().unwrap_or(url);
    if words.len() <= 8 {
        format!("{base}#:~:text={}", fragment_encode(&words.join(" ")))
    } else {
        format!(
            "{base}#:~:text={},{}",
            fragment_encode(&words[..4].join(" ")),
            fragment_encode(&words[words.len() - 4..].join(" "))
        )
    }
}

impl<'a> Site<'a> {
    fn md(&self, md: &Option<Markdown>, root: &str) -> Option<String> {
        md.as_ref().map(|m| to_html(&m.text, root, self))
    }

    fn actor_ref(&self, a: usize) -> Value {
        let a = &self.model.actors[a];
        json!({"id": a.id, "name": a.name, "kind": a.kind, "kind_label": label(&a.kind), "url": entity_path(EntityKind::Actor, &a.id)})
    }

    fn actor_ref_id(&self, id: &str) -> Value {
        self.index.pos(id).map_or(Value::Null, |p| self.actor_ref(p))
    }

    fn incident_ref(&self, x: usize) -> Value {
        let x = &self.model.incidents[x];
        json!({
            "id": x.id, "title": x.title, "kind": x.kind, "kind_label": label(&x.kind),
            "date": x.date.iso(), "date_human": x.date.human(),
            "end": x.end.map(|d| d.iso()), "end_human": x.end.map(|d| d.human()),
            "location": x.location,
            "url": entity_path(EntityKind::Incident, &x.id),
        })
    }

    fn article_ref(&self, a: usize) -> Value {
        let a = &self.model.articles[a];
        json!({
            "id": a.id, "title": a.title, "outlet": a.outlet, "author": a.author,
            "published": a.published.iso(), "published_human": a.published.human(),
            "reliability": a.reliability.map(|c| c.to_string()),
            "reliability_label": a.reliability.map(reliability_label),
            "url": entity_path(EntityKind::Article, &a.id),
            "excerpt_count": a.excerpts.len(),
        })
    }

    fn excerpt_ref(&self, e: usize, text: &str) -> Value {
        let ex = &self.model.excerpts[e];
        let article = &self.model.articles[ex.article];
        let number = article.excerpts.iter().position(|&i| i == e).unwrap_or(0) + 1;
        json!({
            "id": ex.id,
            "text": text,
            "number": number,
            "stance": ex.stance,
            "stance_label": ex.stance.as_deref().map(label),
            "speaker": ex.speaker.as_ref().map_or(Value::Null, |s| self.actor_ref_id(&s.id)),
            "form": ex.form,
            "form_label": ex.form.label(),
            "via": ex.via.as_ref().map_or(Value::Null, |v| self.actor_ref_id(&v.id)),
            "words_of": ex.words_of().map_or(Value::Null, |w| self.actor_ref_id(&w.id)),
            "credibility": ex.credibility,
            "credibility_label": ex.credibility.map(credibility_label),
            "said_on": ex.said_on.map(|d| d.iso()),
            "said_on_human": ex.said_on.map(|d| d.human()),
            "date_human": ex.said_on.unwrap_or(article.published).human(),
            "article": {"id": article.id, "title": article.title, "outlet": article.outlet,
                        "published_human": article.published.human(),
                        "url": entity_path(EntityKind::Article, &article.id)},
            "line": ex.line,
            "url": entity_path(EntityKind::Excerpt, &ex.id),
        })
    }

    fn refs_of(&self, refs: &[Ref], texts: &[String]) -> Vec<Value> {
        refs.iter()
            .filter_map(|r| {
                let p = self.index.pos(&r.id)?;
                Some(match self.index.kinds.get(&r.id)? {
                    EntityKind::Actor => self.actor_ref(p),
                    EntityKind::Incident => self.incident_ref(p),
                    EntityKind::Article => self.article_ref(p),
                    EntityKind::Excerpt => self.excerpt_ref(p, &texts[p]),
                    EntityKind::Page => json!({"id": r.id, "title": self.model.pages[p].title,
                                              "url": entity_path(EntityKind::Page, &r.id)}),
                })
            })
            .collect()
    }

    /// Whose statement an excerpt carries and in whose words, for a reader: "direct quote of
    /// X", "reported speech of X, via Y", "the outlet's own words".
    fn attribution(&self, e: usize) -> String {
        let ex = &self.model.excerpts[e];
        let name = |r: &Option<Ref>| {
            r.as_ref()
                .and_then(|r| self.index.pos(&r.id))
                .map(|p| self.model.actors[p].name.as_str())
        };
        let relay = name(&ex.via).map(|v| format!(", via {v}")).unwrap_or_default();
        match (ex.form, name(&ex.speaker)) {
            (Form::Direct, Some(s)) => format!("direct quote of {s}{relay}"),
            (_, Some(s)) => format!("reported speech of {s}{relay}"),
            (_, None) => "the outlet's own words".to_string(),
        }
    }

    fn backlinks(&self, id: &str) -> Vec<Value> {
        let Some(set) = self.index.backlinks.get(id) else {
            return Vec::new();
        };
        set.iter()
            .filter_map(|b| {
                let (url, name) = self.resolve(&b.id)?;
                Some(json!({"kind": b.kind.noun(), "id": b.id, "name": name, "url": url}))
            })
            .collect()
    }
}

/// Render every page of the site.
pub fn render(model: &Dossier, index: &Index, templates: &Templates) -> (Vec<OutputFile>, Diagnostics) {
    // The passage of every excerpt as shown, computed once (one parse per article).
    let rendered: Vec<crate::anchor::RenderedText> = model
        .articles
        .par_iter()
        .map(|a| crate::anchor::rendered_text(a.body()))
        .collect();
    let texts: Vec<String> = model
        .excerpts
        .iter()
        .map(|e| {
            rendered[e.article]
                .text
                .get(e.range.clone())
                .unwrap_or(&e.quote)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    drop(rendered);
    let mut site = Site {
        model,
        index,
        texts,
        excerpt_blocks: Vec::new(),
    };
    site.excerpt_blocks = (0..model.articles.len())
        .into_par_iter()
        .map(|ai| {
            let highlights = article_highlights(&site, ai);
            let mut blocks = article::render(model.articles[ai].body(), &highlights, &[], article::Markers::Off);
            if !model.config.trust_html {
                for b in &mut blocks {
                    b.html = sanitize::sanitize(&b.html);
                }
            }
            blocks
        })
        .collect();
    let site = site;
    let texts = &site.texts;

    let mut pages: Vec<(String, &'static str, Value)> = vec![
        ("index.html".into(), "index.html", home(&site)),
        ("actors/index.html".into(), "actors.html", actors_list(&site)),
        ("incidents/index.html".into(), "incidents.html", incidents_list(&site)),
        ("articles/index.html".into(), "articles.html", articles_list(&site)),
        (
            "excerpts/index.html".into(),
            "excerpts.html",
            excerpts_list(&site, texts),
        ),
        ("timeline/index.html".into(), "timeline.html", timeline(&site)),
        ("graph/index.html".into(), "graph.html", graph(&site)),
        (
            "search/index.html".into(),
            "search.html",
            page_only("Search", "Search actors, incidents, articles and excerpts."),
        ),
        ("tags/index.html".into(), "tags.html", tags_list(&site)),
        (
            "404.html".into(),
            "404.html",
            page_only("Page not found", "This page does not exist."),
        ),
    ];
    let entity_pages: Vec<(String, &'static str, Value)> = (0..model.actors.len())
        .into_par_iter()
        .map(|i| {
            (
                entity_path(EntityKind::Actor, &model.actors[i].id),
                "actor.html",
                actor_page(&site, i, texts),
            )
        })
        .chain((0..model.incidents.len()).into_par_iter().map(|i| {
            (
                entity_path(EntityKind::Incident, &model.incidents[i].id),
                "incident.html",
                incident_page(&site, i, texts),
            )
        }))
        .chain((0..model.articles.len()).into_par_iter().map(|i| {
            (
                entity_path(EntityKind::Article, &model.articles[i].id),
                "article.html",
                article_page(&site, i, texts),
            )
        }))
        .chain((0..model.excerpts.len()).into_par_iter().map(|i| {
            (
                entity_path(EntityKind::Excerpt, &model.excerpts[i].id),
                "excerpt.html",
                excerpt_page(&site, i, texts),
            )
        }))
        .chain((0..model.pages.len()).into_par_iter().map(|i| {
            (
                entity_path(EntityKind::Page, &model.pages[i].id),
                "page.html",
                free_page(&site, i),
            )
        }))
        .collect();
    pages.extend(entity_pages);
    for tag in index.tags.keys() {
        pages.push((
            format!("tags/{tag}/index.html"),
            "tag.html",
            tag_page(&site, tag, texts),
        ));
    }

    // The site object differs by depth only in the links of its description.
    let site_ctx: Vec<Value> = (0..3).map(|depth| site_context(&site, &"../".repeat(depth))).collect();
    let results: Vec<Result<OutputFile, crate::diag::Diagnostic>> = pages
        .into_par_iter()
        .map(|(path, template, mut ctx)| {
            let depth = path.matches('/').count();
            // The 404 page is served at any depth by web hosts, so it links absolutely when it can.
            let root = match (&model.config.base_url, path.as_str()) {
                (Some(base), "404.html") => base.clone(),
                _ => "../".repeat(depth),
            };
            if let Value::Object(map) = &mut ctx {
                if !map.contains_key("jsonld") {
                    let kind = if path == "index.html" { "WebSite" } else { "WebPage" };
                    let title = map
                        .get("page")
                        .and_then(|p| p.get("title"))
                        .cloned()
                        .unwrap_or(Value::Null);
                    map.insert("jsonld".into(), ld(json!({"@type": kind, "name": title}), &site, &path));
                }
                map.insert("site".into(), site_ctx[depth.min(2)].clone());
                map.insert("root".into(), Value::String(root));
                map.insert("path".into(), Value::String(path.clone()));
                map.insert(
                    "canonical".into(),
                    model.config.base_url.as_ref().map_or(Value::Null, |b| {
                        Value::String(absolute_url(b, &path, model.config.pretty_urls))
                    }),
                );
            }
            templates.render(template, &ctx).map(|html| OutputFile {
                path,
                bytes: html.into_bytes(),
            })
        })
        .collect();
    let mut diags = Diagnostics::default();
    let mut files = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    if model.config.pretty_urls {
        for f in &mut files {
            if f.path.ends_with(".html") {
                f.bytes = folder_links(&String::from_utf8_lossy(&f.bytes)).into_bytes();
            }
        }
    }
    let mut docs = search::documents(model, index, texts);
    if model.config.pretty_urls {
        for d in &mut docs {
            if let Some(folder) = d.url.strip_suffix("index.html") {
                d.url = folder.to_string();
            }
        }
    }
    let search_index = search::index_js(&docs);
    files.push(OutputFile {
        path: "search-index.js".into(),
        bytes: search_index.into_bytes(),
    });
    files.push(OutputFile {
        path: "favicon.svg".into(),
        bytes: FAVICON.as_bytes().to_vec(),
    });
    files.push(OutputFile {
        path: "search.js".into(),
        bytes: search::SEARCH_JS.as_bytes().to_vec(),
    });
    files.push(OutputFile {
        path: "dossier.json".into(),
        bytes: export_json(&site, texts),
    });
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: robots(model).into_bytes(),
    });
    if let Some(base) = &model.config.base_url {
        files.push(OutputFile {
            path: "sitemap.xml".into(),
            bytes: sitemap(base, &files, model.config.pretty_urls).into_bytes(),
        });
        files.push(OutputFile {
            path: "atom.xml".into(),
            bytes: atom(&site, base).into_bytes(),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, diags)
}

fn site_context(site: &Site, root: &str) -> Value {
    let c = &site.model.config;
    json!({
        "title": c.title,
        "description_html": c.description.as_ref().map(|d| to_html(&d.text, root, site)),
        "description": c.description.as_ref().map(|d| to_plain_resolved(&d.text, site)),
        "language": c.language,
        "base_url": c.base_url,
        "pages": site.model.pages.iter().map(|p| json!({"id": p.id, "title": p.title, "url": entity_path(EntityKind::Page, &p.id)})).collect::<Vec<_>>(),
        "stances": c.stances.iter().map(|s| json!({"id": s, "label": label(s)})).collect::<Vec<_>>(),
        "counts": {
            "articles": site.model.articles.len(),
            "actors": site.model.actors.len(),
            "incidents": site.model.incidents.len(),
            "excerpts": site.model.excerpts.len(),
        },
    })
}

/// The absolute URL of a page, in the dossier's link style.
fn absolute_url(base: &str, path: &str, pretty: bool) -> String {
    let path = if pretty {
        path.strip_suffix("index.html").unwrap_or(path)
    } else {
        path
    };
    format!("{base}{path}")
}

/// schema.org JSON-LD for a page, as text safe to put inside `<script type="application/ld+json">`.
fn ld(mut value: Value, site: &Site, path: &str) -> Value {
    if let (Value::Object(map), Some(base)) = (&mut value, &site.model.config.base_url) {
        map.insert(
            "url".into(),
            json!(absolute_url(base, path, site.model.config.pretty_urls)),
        );
    }
    if let Value::Object(map) = &mut value {
        map.insert("@context".into(), json!("https://schema.org"));
    }
    Value::String(json_for_html(&value, false))
}

/// JSON that is safe to embed in HTML or to serve next to it: `<`, `>` and `&` are written as
/// `\u003c`, `\u003e` and `\u0026` (the same value to any JSON parser), so no text from the
/// content can ever read as markup, whatever a consumer does with the file.
pub fn json_for_html(value: &Value, pretty: bool) -> String {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    let text = text.unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn actor_ld(a: &Actor) -> Value {
    let kind = if a.kind == "person" { "Person" } else { "Organization" };
    json!({"@type": kind, "name": a.name, "alternateName": a.aliases})
}

/// The context of a page that shows nothing but its template (search, 404).
fn page_only(title: &str, description: &str) -> Value {
    json!({ "page": page_meta(title, description) })
}

fn page_meta(title: &str, description: &str) -> Value {
    json!({"title": title, "description": description})
}

fn home(site: &Site) -> Value {
    let m = site.model;
    let mut key: Vec<usize> = (0..m.actors.len()).collect();
    let weight = |a: usize| {
        let l = &site.index.actors[a];
        l.excerpts.len() + l.mentioned_in.iter().map(|x| x.1).sum::<usize>()
    };
    key.sort_by(|&a, &b| weight(b).cmp(&weight(a)).then(m.actors[a].name.cmp(&m.actors[b].name)));
    key.truncate(12);
    let mut latest: Vec<usize> = (0..m.articles.len()).collect();
    latest.reverse();
    latest.truncate(10);
    json!({
        "page": page_meta(&m.config.title, &m.config.description.as_ref().map(|d| to_plain_resolved(&d.text, site)).unwrap_or_default()),
        "timeline": timeline_items(site),
        "timeline_svg": timeline_svg(site, ""),
        "key_actors": key.iter().map(|&a| {
            let mut v = site.actor_ref(a);
            v["excerpt_count"] = json!(site.index.actors[a].excerpts.len());
            v
        }).collect::<Vec<_>>(),
        "latest_articles": latest.iter().map(|&a| site.article_ref(a)).collect::<Vec<_>>(),
    })
}

fn actors_list(site: &Site) -> Value {
    let mut groups = Vec::new();
    for kind in ACTOR_KINDS {
        let actors: Vec<Value> = site
            .model
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == *kind)
            .map(|(i, _)| {
                let l = &site.index.actors[i];
                let mut v = site.actor_ref(i);
                v["excerpt_count"] = json!(l.excerpts.len());
                v["mention_count"] = json!(l.mentioned_in.iter().map(|x| x.1).sum::<usize>());
                v
            })
            .collect();
        if !actors.is_empty() {
            groups.push(json!({"kind": kind, "label": plural_kind(kind), "actors": actors}));
        }
    }
    json!({"page": page_meta("Actors", "Every actor in the dossier, by kind."), "groups": groups})
}

fn incidents_list(site: &Site) -> Value {
    let items: Vec<Value> = (0..site.model.incidents.len())
        .map(|i| {
            let mut v = site.incident_ref(i);
            v["excerpt_count"] = json!(site.index.incidents[i].excerpts.len());
            v
        })
        .collect();
    json!({"page": page_meta("Incidents", "Every incident in date order."), "incidents": items})
}

fn articles_list(site: &Site) -> Value {
    let items: Vec<Value> = (0..site.model.articles.len())
        .map(|i| {
            let mut v = site.article_ref(i);
            v["mention_count"] = json!(site.index.articles[i].mentions.len());
            v
        })
        .collect();
    json!({"page": page_meta("Sources", "Every source article, by date."), "articles": items})
}

fn excerpts_list(site: &Site, texts: &[String]) -> Value {
    let mut groups = Vec::new();
    for stance in &site.model.config.stances {
        let items: Vec<Value> = (0..site.model.excerpts.len())
            .filter(|&e| site.model.excerpts[e].stance.as_deref() == Some(stance))
            .map(|e| site.excerpt_ref(e, &texts[e]))
            .collect();
        if !items.is_empty() {
            groups.push(json!({"stance": stance, "label": label(stance), "excerpts": items}));
        }
    }
    let none: Vec<Value> = (0..site.model.excerpts.len())
        .filter(|&e| site.model.excerpts[e].stance.is_none())
        .map(|e| site.excerpt_ref(e, &texts[e]))
        .collect();
    if !none.is_empty() {
        groups.push(json!({"stance": "none", "label": "No stance given", "excerpts": none}));
    }
    json!({"page": page_meta("Excerpts", "Every annotated passage, grouped by stance."), "groups": groups})
}

fn timeline_items(site: &Site) -> Vec<Value> {
    let mut items: Vec<(Date, u8, String, Value)> = Vec::new();
    for (i, x) in site.model.incidents.iter().enumerate() {
        let mut v = site.incident_ref(i);
        v["type"] = json!("incident");
        items.push((x.date, 0, x.id.clone(), v));
    }
    for (i, a) in site.model.articles.iter().enumerate() {
        let mut v = site.article_ref(i);
        v["type"] = json!("article");
        v["date"] = json!(a.published.iso());
        v["date_human"] = json!(a.published.human());
        items.push((a.published, 1, a.id.clone(), v));
    }
    items.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    items.into_iter().map(|x| x.3).collect()
}

/// The timeline picture of every incident and article, for a page at `root`.
fn timeline_svg(site: &Site, root: &str) -> String {
    let mut marks = Vec::new();
    for x in &site.model.incidents {
        marks.push(svg::TimelineMark {
            date: x.date,
            end: x.end,
            kind: svg::MarkKind::Incident,
            title: x.title.clone(),
            subtitle: format!("{}, {}", x.date.human(), label(&x.kind).to_lowercase()),
            href: format!("{root}{}", entity_path(EntityKind::Incident, &x.id)),
            class: format!("kind-{}", x.kind),
        });
    }
    for a in &site.model.articles {
        marks.push(svg::TimelineMark {
            date: a.published,
            end: None,
            kind: svg::MarkKind::Article,
            title: a.title.clone(),
            subtitle: format!("{}, {}", a.outlet, a.published.human()),
            href: format!("{root}{}", entity_path(EntityKind::Article, &a.id)),
            class: String::new(),
        });
    }
    svg::timeline(&marks, "tl")
}

fn timeline(site: &Site) -> Value {
    let items = timeline_items(site);
    let mut years: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for item in items {
        let year = item["date"].as_str().unwrap_or("").chars().take(4).collect::<String>();
        years.entry(year).or_default().push(item);
    }
    let years: Vec<Value> = years
        .into_iter()
        .map(|(y, items)| json!({"year": y, "items": items}))
        .collect();
    json!({"page": page_meta("Timeline", "Incidents and articles on one dated axis."), "years": years,
        "timeline_svg": timeline_svg(site, "../")})
}

fn graph(site: &Site) -> Value {
    let mut relations = Vec::new();
    for (ai, a) in site.model.actors.iter().enumerate() {
        for rel in &a.relations {
            let (phrase, _) = relation_phrases(&rel.kind);
            relations.push(json!({
                "from": site.actor_ref(ai), "to": site.actor_ref_id(&rel.actor.id),
                "type": rel.kind, "label": phrase,
                "sources": rel.sources.iter().map(|s| json!({"id": s.id, "url": entity_path(EntityKind::Excerpt, &s.id)})).collect::<Vec<_>>(),
            }));
        }
    }
    let mut cooccurrence = Vec::new();
    for (ai, l) in site.index.actors.iter().enumerate() {
        for &(b, n) in &l.seen_with {
            if ai < b {
                cooccurrence.push(json!({"a": site.actor_ref(ai), "b": site.actor_ref(b), "count": n}));
            }
        }
    }
    let nodes: Vec<svg::NetworkNode> = site
        .model
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| svg::NetworkNode {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.clone(),
            href: format!("../{}", entity_path(EntityKind::Actor, &a.id)),
            weight: site.index.actors[i].excerpts.len()
                + site.index.actors[i].mentioned_in.iter().map(|x| x.1).sum::<usize>(),
        })
        .collect();
    let mut edges = Vec::new();
    for (ai, a) in site.model.actors.iter().enumerate() {
        for rel in &a.relations {
            if let Some(other) = site.index.pos(&rel.actor.id) {
                let (phrase, _) = relation_phrases(&rel.kind);
                edges.push(svg::NetworkEdge {
                    from: ai,
                    to: other,
                    kind: svg::EdgeKind::Relation(rel.kind.clone()),
                    label: format!("{} {phrase} {}", a.name, site.model.actors[other].name),
                });
            }
        }
    }
    for (ai, l) in site.index.actors.iter().enumerate() {
        for &(b, n) in &l.seen_with {
            if ai < b {
                edges.push(svg::NetworkEdge {
                    from: ai,
                    to: b,
                    kind: svg::EdgeKind::CoOccurrence(n),
                    label: String::new(),
                });
            }
        }
    }
    json!({"page": page_meta("Network", "How the actors are related, and who is named together."), "relations": relations, "cooccurrence": cooccurrence,
        "network_svg": svg::network(&nodes, &edges, "net")})
}

fn tags_list(site: &Site) -> Value {
    let tags: Vec<Value> = site
        .index
        .tags
        .iter()
        .map(|(t, (a, e))| json!({"tag": t, "url": format!("tags/{t}/index.html"), "count": a.len() + e.len()}))
        .collect();
    json!({"page": page_meta("Tags", "Every tag."), "tags": tags})
}

fn tag_page(site: &Site, tag: &str, texts: &[String]) -> Value {
    let (articles, excerpts) = &site.index.tags[tag];
    json!({
        "page": page_meta(&format!("Tag: {tag}"), &format!("Everything tagged {tag}.")),
        "tag": tag,
        "articles": articles.iter().map(|&a| site.article_ref(a)).collect::<Vec<_>>(),
        "excerpts": excerpts.iter().map(|&e| site.excerpt_ref(e, &texts[e])).collect::<Vec<_>>(),
    })
}

/// The first and last date of the dossier (incidents and articles), the axis of every strip.
fn dossier_span(model: &Dossier) -> Option<(Date, Date)> {
    let dates = model
        .incidents
        .iter()
        .flat_map(|x| [Some(x.date), x.end])
        .flatten()
        .chain(model.articles.iter().map(|a| a.published));
    let (mut lo, mut hi): (Option<Date>, Option<Date>) = (None, None);
    for d in dates {
        lo = Some(lo.map_or(d, |l| if d.earliest() < l.earliest() { d } else { l }));
        hi = Some(hi.map_or(d, |h| if d.latest() > h.latest() { d } else { h }));
    }
    lo.zip(hi)
}

fn actor_page(site: &Site, ai: usize, texts: &[String]) -> Value {
    let a = &site.model.actors[ai];
    let l = &site.index.actors[ai];
    let root = "../../";
    let ex = |list: &[usize]| list.iter().map(|&e| site.excerpt_ref(e, &texts[e])).collect::<Vec<_>>();
    // What the actor said in their own words, what they are reported to have said, and what
    // others say about them: three lists, so that reported speech is never read as a quote.
    let (own_words, reported): (Vec<usize>, Vec<usize>) = l
        .spoken
        .iter()
        .partition(|&&e| site.model.excerpts[e].form == Form::Direct);
    let about: Vec<usize> = l
        .concerning
        .iter()
        .copied()
        .filter(|e| !l.spoken.contains(e) && !l.relayed.contains(e))
        .collect();
    let relations: Vec<Value> = l
        .relations
        .iter()
        .map(|rv| {
            let rel = &site.model.actors[rv.subject].relations[rv.relation];
            let (out, inc) = relation_phrases(&rel.kind);
            json!({
                "type": rel.kind,
                "phrase": if rv.outgoing { out } else { inc },
                "outgoing": rv.outgoing,
                "other": site.actor_ref(rv.other),
                "from": rel.from.map(|d| d.human()), "to": rel.to.map(|d| d.human()),
                "sources": site.refs_of(&rel.sources, texts),
                "note_html": site.md(&rel.note, root),
            })
        })
        .collect();
    let roles: Vec<Value> = a
        .roles
        .iter()
        .map(|r| {
            json!({
                "title": r.title,
                "of": r.of.as_ref().map_or(Value::Null, |o| site.actor_ref_id(&o.id)),
                "from": r.from.map(|d| d.human()), "to": r.to.map(|d| d.human()),
                "sources": site.refs_of(&r.sources, texts),
            })
        })
        .collect();
    let perpetrator: Vec<Value> = l
        .perpetrator_of
        .iter()
        .map(|&(xi, pi)| {
            let p = &site.model.incidents[xi].perpetrators[pi];
            json!({"incident": site.incident_ref(xi), "status": p.status, "sources": site.refs_of(&p.sources, texts)})
        })
        .collect();
    let mut activity: Vec<(Date, Value)> = Vec::new();
    for &e in &l.excerpts {
        let ex = &site.model.excerpts[e];
        let d = ex.said_on.unwrap_or(site.model.articles[ex.article].published);
        activity.push((d, json!({"date": d.iso(), "date_human": d.human(), "type": "excerpt", "title": texts[e], "quoted": ex.words_of().is_some(), "url": entity_path(EntityKind::Excerpt, &ex.id)})));
    }
    let mut inc: Vec<usize> = l
        .perpetrator_of
        .iter()
        .map(|x| x.0)
        .chain(l.target_of.iter().copied())
        .chain(l.involved_in.iter().copied())
        .collect();
    inc.sort_unstable();
    inc.dedup();
    for &xi in &inc {
        let x = &site.model.incidents[xi];
        activity.push((x.date, json!({"date": x.date.iso(), "date_human": x.date.human(), "type": "incident", "title": x.title, "url": entity_path(EntityKind::Incident, &x.id)})));
    }
    activity.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1["url"].as_str().cmp(&b.1["url"].as_str()))
    });
    let strip_marks: Vec<svg::ActivityMark> = activity
        .iter()
        .map(|(d, v)| svg::ActivityMark {
            date: *d,
            kind: if v["type"] == "incident" {
                svg::MarkKind::Incident
            } else {
                svg::MarkKind::Article
            },
            title: match v["quoted"].as_bool() {
                Some(true) => format!("“{}”", v["title"].as_str().unwrap_or("")),
                _ => v["title"].as_str().unwrap_or("").to_string(),
            },
            href: format!("../../{}", v["url"].as_str().unwrap_or("")),
        })
        .collect();
    let activity_svg = dossier_span(site.model).map(|span| svg::activity_strip(&strip_marks, span, "strip"));
    let ld_value = ld(actor_ld(a), site, &entity_path(EntityKind::Actor, &a.id));
    json!({
        "jsonld": ld_value,
        "page": page_meta(&a.name, &a.summary.as_ref().map(|s| to_plain_resolved(&s.text, site)).unwrap_or_else(|| format!("{} in the dossier", label(&a.kind)))),
        "actor": {
            "id": a.id, "name": a.name, "kind": a.kind, "kind_label": label(&a.kind),
            "aliases": a.aliases,
            "country": a.country.as_ref().map_or(Value::Null, |c| site.actor_ref_id(&c.id)),
            "summary_html": site.md(&a.summary, root),
            "roles": roles,
            "links": a.links,
        },
        "relations": relations,
        "role_holders": l.role_holders.iter().map(|&(h, r)| json!({"actor": site.actor_ref(h), "title": site.model.actors[h].roles[r].title})).collect::<Vec<_>>(),
        "nationals": l.nationals.iter().map(|&n| site.actor_ref(n)).collect::<Vec<_>>(),
        "own_words": ex(&own_words),
        "reported": ex(&reported),
        "relayed": ex(&l.relayed),
        "concerning": ex(&about),
        "incidents": {
            "perpetrator": perpetrator,
            "target": l.target_of.iter().map(|&x| site.incident_ref(x)).collect::<Vec<_>>(),
            "involved": l.involved_in.iter().map(|&x| site.incident_ref(x)).collect::<Vec<_>>(),
        },
        "articles": l.mentioned_in.iter().map(|&(art, n)| json!({"article": site.article_ref(art), "mentions": n})).collect::<Vec<_>>(),
        "seen_with": l.seen_with.iter().take(10).map(|&(b, n)| json!({"actor": site.actor_ref(b), "count": n})).collect::<Vec<_>>(),
        "activity": activity.into_iter().map(|x| x.1).collect::<Vec<_>>(),
        "activity_svg": activity_svg,
        "backlinks": site.backlinks(&a.id),
    })
}

fn incident_page(site: &Site, xi: usize, texts: &[String]) -> Value {
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
    let ld_value = ld(event, site, &entity_path(EntityKind::Incident, &x.id));
    json!({
        "jsonld": ld_value,
        "page": page_meta(&x.title, &x.summary.as_ref().map(|s| to_plain_resolved(&s.text, site)).unwrap_or_else(|| format!("{}, {}", label(&x.kind), x.date.human()))),
        "incident": site.incident_ref(xi),
        "summary_html": site.md(&x.summary, root),
        "casualties": x.casualties.iter().map(|c| json!({"killed": c.killed, "injured": c.injured, "note": c.note, "sources": site.refs_of(&c.sources, texts)})).collect::<Vec<_>>(),
        "perpetrators": x.perpetrators.iter().map(|p| json!({"actor": site.actor_ref_id(&p.actor.id), "status": p.status, "sources": site.refs_of(&p.sources, texts)})).collect::<Vec<_>>(),
        "targets": site.refs_of(&x.targets, texts),
        "actors": site.refs_of(&x.actors, texts),
        "excerpts": l.excerpts.iter().map(|&e| site.excerpt_ref(e, &texts[e])).collect::<Vec<_>>(),
        "articles": l.articles.iter().map(|&a| site.article_ref(a)).collect::<Vec<_>>(),
        "related": l.related.iter().map(|&r| site.incident_ref(r)).collect::<Vec<_>>(),
        "backlinks": site.backlinks(&x.id),
    })
}

fn article_highlights(site: &Site, ai: usize) -> Vec<article::Highlight> {
    let texts = &site.texts;
    let a = &site.model.articles[ai];
    a.excerpts
        .iter()
        .enumerate()
        .map(|(n, &e)| {
            let ex = &site.model.excerpts[e];
            let stance = ex.stance.clone().unwrap_or_else(|| "none".into());
            let stance_label = if ex.stance.is_some() {
                label(&stance)
            } else {
                "Excerpt".to_string()
            };
            let title = format!("{stance_label}, {}: {}", site.attribution(e), texts[e]);
            article::Highlight {
                range: ex.range.clone(),
                id: ex.id.clone(),
                class: format!("excerpt stance-{stance}"),
                href: format!("../../{}", entity_path(EntityKind::Excerpt, &ex.id)),
                number: n + 1,
                title,
            }
        })
        .collect()
}

fn article_page(site: &Site, ai: usize, texts: &[String]) -> Value {
    let a = &site.model.articles[ai];
    let l = &site.index.articles[ai];
    let root = "../../";
    let highlights = article_highlights(site, ai);
    let mut linked = std::collections::BTreeSet::new();
    let mentions: Vec<article::LinkedMention> = l
        .mentions
        .iter()
        .filter(|m| match site.model.config.mentions {
            Mentions::None => false,
            Mentions::All => true,
            Mentions::First => linked.insert(m.actor),
        })
        .map(|m| {
            let actor = &site.model.actors[m.actor];
            article::LinkedMention {
                range: m.range.clone(),
                href: format!("../../{}", entity_path(EntityKind::Actor, &actor.id)),
                title: actor.name.clone(),
            }
        })
        .collect();
    let mut blocks = article::render(a.body(), &highlights, &mentions, article::Markers::Numbered);
    if !site.model.config.trust_html {
        for b in &mut blocks {
            b.html = sanitize::sanitize(&b.html);
        }
    }
    let blocks: Vec<Value> = blocks
        .into_iter()
        .map(|b| {
            let notes: Vec<Value> = b
                .ends
                .iter()
                .map(|&h| {
                    let e = a.excerpts[highlights[h].number - 1];
                    let mut v = site.excerpt_ref(e, &texts[e]);
                    v["note_html"] = json!(site.md(&site.model.excerpts[e].note, root));
                    v
                })
                .collect();
            json!({"html": b.html, "notes": notes})
        })
        .collect();
    let mut news = json!({"@type": "NewsArticle", "headline": a.title, "datePublished": a.published.iso(),
        "publisher": {"@type": "Organization", "name": a.outlet}});
    if let Some(author) = &a.author {
        news["author"] = json!({"@type": "Person", "name": author});
    }
    if let Some(url) = &a.url {
        news["isBasedOn"] = json!(url);
    }
    let ld_value = ld(news, site, &entity_path(EntityKind::Article, &a.id));
    json!({
        "jsonld": ld_value,
        "page": page_meta(&a.title, &a.summary.as_ref().map(|s| to_plain_resolved(&s.text, site)).unwrap_or_else(|| format!("{}, {}", a.outlet, a.published.human()))),
        "article": {
            "id": a.id, "title": a.title, "outlet": a.outlet, "author": a.author,
            "published": a.published.iso(), "published_human": a.published.human(),
            "url": a.url,
            "retrieved": a.retrieved.map(|d| d.iso()), "retrieved_human": a.retrieved.map(|d| d.human()),
            "reliability": a.reliability.map(|c| c.to_string()),
            "reliability_label": a.reliability.map(reliability_label),
            "summary_html": site.md(&a.summary, root),
            "note_html": site.md(&a.note, root),
            "tags": a.tags.iter().map(|t| json!({"tag": t, "url": format!("tags/{t}/index.html")})).collect::<Vec<_>>(),
        },
        "blocks": blocks,
        "excerpts": a.excerpts.iter().map(|&e| site.excerpt_ref(e, &texts[e])).collect::<Vec<_>>(),
        "actors": l.actors.iter().map(|&x| site.actor_ref(x)).collect::<Vec<_>>(),
        "incidents": l.incidents.iter().map(|&x| site.incident_ref(x)).collect::<Vec<_>>(),
        "backlinks": site.backlinks(&a.id),
    })
}

/// A ready-to-copy citation of an excerpt. Quotation marks go around the passage only when it
/// is the speaker's own words; otherwise the passage is the outlet's (or the relay's), and the
/// citation says so.
fn citation(site: &Site, e: usize, text: &str) -> String {
    let ex = &site.model.excerpts[e];
    let a = &site.model.articles[ex.article];
    let name = |r: &Option<Ref>| {
        r.as_ref()
            .and_then(|r| site.index.pos(&r.id))
            .map(|p| site.model.actors[p].name.as_str())
    };
    let author = a.author.as_ref().map(|x| format!(" by {x}")).unwrap_or_default();
    let url = a.url.as_ref().map(|u| format!(" {u}")).unwrap_or_default();
    // The outlet is named once: after "quoted in" the title, or before "reporting".
    let source = format!("“{}”{author}, {}.{url}", a.title, a.published.human());
    match (ex.form, name(&ex.speaker)) {
        (Form::Direct, Some(speaker)) => {
            let relay = name(&ex.via).map(|v| format!(", relayed by {v}")).unwrap_or_default();
            format!(
                "“{text}” — {speaker}{relay}, quoted in “{}”{author}, {}, {}.{url}",
                a.title,
                a.outlet,
                a.published.human()
            )
        }
        // The relay's own words, which the article quotes.
        (Form::Reported, Some(speaker)) if ex.words_of().is_some() => format!(
            "“{text}” — {}, reporting {speaker}, quoted in “{}”{author}, {}, {}.{url}",
            name(&ex.via).unwrap_or_default(),
            a.title,
            a.outlet,
            a.published.human()
        ),
        (_, Some(speaker)) => {
            let relay = name(&ex.via).map(|v| format!(" via {v}")).unwrap_or_default();
            format!("{} — {}, reporting {speaker}{relay}: {source}", extract(text), a.outlet)
        }
        (_, None) => format!("{} — {}: {source}", extract(text), a.outlet),
    }
}

/// How an excerpt is named in a link or a list: someone's exact words (see
/// [`Excerpt::words_of`]) in quotation marks; any other passage as an extract (see
/// [`extract`]), never in quotation marks, which would make the outlet's words someone's quote.
pub fn excerpt_name(e: &Excerpt, text: &str) -> String {
    match e.words_of() {
        Some(_) => format!("“{text}”"),
        None => extract(text),
    }
}

/// A passage cut out of a sentence, marked as such: `…` where it starts or ends mid-sentence.
fn extract(text: &str) -> String {
    let starts_mid = text.chars().next().is_some_and(char::is_lowercase);
    let ends_mid = !text.ends_with(['.', '!', '?', '"', '”', '’', '…']);
    format!(
        "{}{text}{}",
        if starts_mid { "…" } else { "" },
        if ends_mid { "…" } else { "" }
    )
}

fn excerpt_page(site: &Site, e: usize, texts: &[String]) -> Value {
    let ex = &site.model.excerpts[e];
    let ai = ex.article;
    let a = &site.model.articles[ai];
    let root = "../../";
    let context: String = site.excerpt_blocks[ai]
        .iter()
        .filter(|b| b.rendered.start < ex.range.end && b.rendered.end > ex.range.start)
        .map(|b| article::keep_only_marks_of(&b.html, &ex.id))
        .collect();
    let mut v = site.excerpt_ref(e, &texts[e]);
    v["note_html"] = json!(site.md(&ex.note, root));
    v["quote"] = json!(ex.quote);
    let ld_value = ld(excerpt_ld(site, e), site, &entity_path(EntityKind::Excerpt, &ex.id));
    json!({
        "jsonld": ld_value,
        "page": page_meta(&match ex.words_of() {
            Some(_) => format!("“{}”", truncate(&texts[e], 70)),
            None => truncate(&texts[e], 70),
        }, &format!("Excerpt from {}, {}", a.title, a.outlet)),
        "excerpt": v,
        "context_html": context,
        "article": site.article_ref(ai),
        "article_url": a.url,
        "source_link": a.url.as_ref().map(|u| text_fragment_url(u, &texts[e])),
        "citation": citation(site, e, &texts[e]),
        "actors": site.refs_of(&ex.actors, texts),
        "incidents": site.refs_of(&ex.incidents, texts),
        "tags": ex.tags.iter().map(|t| json!({"tag": t, "url": format!("tags/{t}/index.html")})).collect::<Vec<_>>(),
        "responds_to": site.refs_of(&ex.responds_to, texts),
        "responded_by": site.index.responded_by[e].iter().map(|&r| site.excerpt_ref(r, &texts[r])).collect::<Vec<_>>(),
        "backlinks": site.backlinks(&ex.id),
    })
}

/// The schema.org description of an excerpt: a `Quotation` (with its speaker as `creator`)
/// only for the speaker's own words; reported speech is a `Claim` by the speaker that appears
/// in the article; the outlet's own words are part of the article, by its publisher.
fn excerpt_ld(site: &Site, e: usize) -> Value {
    let ex = &site.model.excerpts[e];
    let a = &site.model.articles[ex.article];
    let article = json!({"@type": "NewsArticle", "headline": a.title, "datePublished": a.published.iso(),
        "publisher": {"@type": "Organization", "name": a.outlet}});
    let actor = |r: &Option<Ref>| {
        r.as_ref()
            .and_then(|r| site.index.pos(&r.id))
            .map(|p| actor_ld(&site.model.actors[p]))
    };
    let text = &site.texts[e];
    let mut v = match ex.form {
        Form::Direct => json!({"@type": "Quotation", "text": text, "isPartOf": article}),
        Form::Reported => json!({"@type": "Claim", "text": text, "appearance": article}),
        Form::Own => json!({"@type": "CreativeWork", "text": text, "isPartOf": article,
            "author": {"@type": "Organization", "name": a.outlet}}),
    };
    match ex.form {
        Form::Direct => v["creator"] = actor(&ex.speaker).unwrap_or(Value::Null),
        Form::Reported => v["author"] = actor(&ex.speaker).unwrap_or(Value::Null),
        Form::Own => {}
    }
    if let Some(relay) = actor(&ex.via) {
        v["contributor"] = relay;
    }
    if let Value::Object(map) = &mut v {
        map.retain(|_, x| !x.is_null());
    }
    v
}

fn truncate(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        let cut: String = text.chars().take(n).collect();
        format!("{}…", cut.trim_end())
    }
}

fn free_page(site: &Site, pi: usize) -> Value {
    let p = &site.model.pages[pi];
    json!({
        "page": page_meta(&p.title, &truncate(&to_plain_resolved(&p.body.text, site), 160)),
        "body_html": to_html(&p.body.text, "../../", site),
        "backlinks": site.backlinks(&p.id),
    })
}

/// Rewrite relative links to `…/index.html` as links to the folder (`…/`), for hosts that
/// serve `index.html` for a folder. External links are left alone.
fn folder_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = ["href=\"", "action=\""]
            .iter()
            .filter_map(|a| rest.find(a).map(|i| i + a.len()))
            .min();
        let Some(i) = next else { break };
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        let url = &tail[..end];
        if url.contains("://") || url.starts_with("mailto:") {
            out.push_str(url);
        } else {
            let (path, fragment) = url.split_once('#').map_or((url, None), |(p, f)| (p, Some(f)));
            let path = match path.strip_suffix("index.html") {
                Some("") => "./",
                Some(p) if p.ends_with('/') => p,
                _ => path,
            };
            out.push_str(path);
            if let Some(f) = fragment {
                out.push('#');
                out.push_str(f);
            }
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

fn robots(model: &Dossier) -> String {
    match &model.config.base_url {
        Some(b) => format!("User-agent: *\nAllow: /\nSitemap: {b}sitemap.xml\n"),
        None => "User-agent: *\nAllow: /\n".into(),
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn sitemap(base: &str, files: &[OutputFile], pretty: bool) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut paths: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.ends_with("index.html"))
        .collect();
    paths.sort_unstable();
    for p in paths {
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            xml_escape(&absolute_url(base, p, pretty))
        ));
    }
    out.push_str("</urlset>\n");
    out
}

fn atom(site: &Site, base: &str) -> String {
    let m = site.model;
    let updated = m
        .articles
        .iter()
        .map(|a| a.published)
        .max()
        .map(feed_date)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>{}</title>\n  <id>{base}</id>\n  <link href=\"{base}\"/>\n  <link rel=\"self\" href=\"{base}atom.xml\"/>\n  <updated>{updated}</updated>\n",
        xml_escape(&m.config.title)
    );
    for a in m.articles.iter().rev() {
        let url = absolute_url(base, &entity_path(EntityKind::Article, &a.id), m.config.pretty_urls);
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
            xml_escape(&a.title),
            xml_escape(&url),
            xml_escape(&url),
            feed_date(a.published),
            xml_escape(a.author.as_deref().unwrap_or(&a.outlet)),
            xml_escape(&a.summary.as_ref().map(|s| to_plain_resolved(&s.text, site)).unwrap_or_else(|| format!("{}, {}", a.outlet, a.published.human()))),
        ));
    }
    out.push_str("</feed>\n");
    out
}

fn feed_date(d: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        d.year,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1)
    )
}

/// The whole dossier as data: every entity, excerpt and cross-reference.
fn export_json(site: &Site, texts: &[String]) -> Vec<u8> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fragments_encode_and_shorten() {
        assert_eq!(
            text_fragment_url("https://x.org/a#top", "a-b, c"),
            "https://x.org/a#:~:text=a%2Db%2C%20c"
        );
        let long = "one two three four five six seven eight nine ten";
        assert_eq!(
            text_fragment_url("https://x.org/a", long),
            "https://x.org/a#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten"
        );
    }

    #[test]
    fn folder_links_drop_index_html_but_not_external_links() {
        assert_eq!(
            folder_links(
                r#"<a href="../../actors/x/index.html#r">a</a> <a href="index.html">h</a> <a href="https://x.org/index.html">e</a>"#
            ),
            r#"<a href="../../actors/x/#r">a</a> <a href="./">h</a> <a href="https://x.org/index.html">e</a>"#
        );
    }

    #[test]
    fn relations_read_from_both_ends() {
        assert_eq!(
            relation_phrases("founded-by"),
            ("founded by".into(), "founder of".into())
        );
        assert_eq!(relation_phrases("backs").0, "backs");
    }
}
