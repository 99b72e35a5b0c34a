//! The list pages: actors by kind, incidents, sources, excerpts by stance, tags, and each
//! tag's page.

use crate::diag::Diagnostic;
use crate::model::ACTOR_KINDS;
use crate::render::pages::{Page, meta};
use crate::render::site::{Site, plural_kind};
use crate::render::views::*;

/// `actors/index.html`.
pub fn actors(site: &Site) -> Result<Page, Diagnostic> {
    let mut groups = Vec::new();
    for &kind in ACTOR_KINDS {
        let actors: Vec<Counted<ActorRef>> = (0..site.model.actors.len())
            .filter(|&i| site.model.actors[i].kind == kind)
            .map(|i| {
                let l = &site.index.actors[i];
                Counted {
                    item: site.actor_ref(i),
                    excerpt_count: Some(l.excerpts.len()),
                    mention_count: Some(l.mentioned_in.iter().map(|x| x.1).sum()),
                }
            })
            .collect();
        if !actors.is_empty() {
            groups.push(ActorGroup {
                kind,
                label: plural_kind(kind).into(),
                actors,
            });
        }
    }
    Page::new(
        "actors/index.html".into(),
        "actors.html",
        meta("Actors", "Every actor in the dossier, by kind."),
        &ActorsView { groups },
    )
}

/// `incidents/index.html`.
pub fn incidents(site: &Site) -> Result<Page, Diagnostic> {
    let incidents = (0..site.model.incidents.len())
        .map(|i| Counted {
            item: site.incident_ref(i),
            excerpt_count: Some(site.index.incidents[i].excerpts.len()),
            mention_count: None,
        })
        .collect();
    Page::new(
        "incidents/index.html".into(),
        "incidents.html",
        meta("Incidents", "Every incident in date order."),
        &IncidentsView { incidents },
    )
}

/// `articles/index.html`.
pub fn articles(site: &Site) -> Result<Page, Diagnostic> {
    let articles = (0..site.model.articles.len())
        .map(|i| Counted {
            item: site.article_ref(i),
            excerpt_count: None,
            mention_count: Some(site.index.articles[i].mentions.len()),
        })
        .collect();
    Page::new(
        "articles/index.html".into(),
        "articles.html",
        meta("Sources", "Every source article, by date."),
        &ArticlesView { articles },
    )
}

/// `excerpts/index.html`: by stance, in the order of the stance list, then those without one.
pub fn excerpts(site: &Site) -> Result<Page, Diagnostic> {
    let model = site.model;
    let of = |stance: Option<&str>| -> Vec<usize> {
        (0..model.excerpts.len())
            .filter(|&e| model.excerpts[e].stance.as_deref() == stance)
            .collect()
    };
    let mut groups = Vec::new();
    for stance in &model.config.stances {
        let list = of(Some(stance));
        if !list.is_empty() {
            groups.push(StanceGroup {
                stance,
                label: site.label(stance),
                excerpts: site.excerpt_refs(&list),
            });
        }
    }
    let none = of(None);
    if !none.is_empty() {
        groups.push(StanceGroup {
            stance: "none",
            label: "No stance given".into(),
            excerpts: site.excerpt_refs(&none),
        });
    }
    Page::new(
        "excerpts/index.html".into(),
        "excerpts.html",
        meta("Excerpts", "Every annotated passage, grouped by stance."),
        &ExcerptsView { groups },
    )
}

/// `tags/index.html`.
pub fn tags(site: &Site) -> Result<Page, Diagnostic> {
    let tags = site
        .index
        .tags
        .iter()
        .map(|(t, (a, e))| TagCount {
            tag: t,
            url: site.tag_url(t),
            count: a.len() + e.len(),
        })
        .collect();
    Page::new(
        "tags/index.html".into(),
        "tags.html",
        meta("Tags", "Every tag."),
        &TagsView { tags },
    )
}

/// `tags/<tag>/index.html`, for a tag of the index and the articles and excerpts it is on.
pub fn tag<'a>(site: &Site<'a>, tag: &'a str, articles: &[usize], excerpts: &[usize]) -> Result<Page, Diagnostic> {
    let view = TagView {
        tag,
        articles: articles.iter().map(|&a| site.article_ref(a)).collect(),
        excerpts: site.excerpt_refs(excerpts),
    };
    Page::new(
        format!("tags/{tag}/index.html"),
        "tag.html",
        meta(format!("Tag: {tag}"), format!("Everything tagged {tag}.")),
        &view,
    )
}
