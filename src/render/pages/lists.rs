//! The list pages: actors by kind, incidents, sources, excerpts by stance, tags, and each
//! tag's page; each cut into pages of `paginate::PER_PAGE` items when longer (see `paginate`).

use crate::model::ACTOR_KINDS;
use crate::render::pages::paginate::{Cut, Pages, group_starts, page_path, paged_title, paginator, slices};
use crate::render::pages::{Page, meta};
use crate::render::site::{Site, plural_kind};
use crate::render::views::*;

/// `actors/index.html` and its further pages.
pub fn actors<'a>(site: &'a Site<'a>) -> Pages<'a> {
    let groups: Vec<(&'static str, Vec<usize>)> = ACTOR_KINDS
        .iter()
        .map(|&kind| {
            let list = (0..site.model.actors.len())
                .filter(|&i| site.model.actors[i].kind == kind)
                .collect();
            (kind, list)
        })
        .filter(|(_, list): &(_, Vec<usize>)| !list.is_empty())
        .collect();
    let sizes: Vec<usize> = groups.iter().map(|g| g.1.len()).collect();
    let cut = Cut::new(sizes.iter().sum());
    let first = "actors/index.html";
    Pages::new(cut.pages(), move |k| {
        let groups = slices(&sizes, cut.range(k))
            .into_iter()
            .map(|(g, range)| {
                let (kind, list) = &groups[g];
                ActorGroup {
                    kind,
                    label: plural_kind(kind).into(),
                    actors: list[range.clone()]
                        .iter()
                        .map(|&i| {
                            let l = &site.index.actors[i];
                            Counted {
                                item: site.actor_ref(i),
                                excerpt_count: Some(l.excerpts.len()),
                                mention_count: Some(l.mentioned_in.iter().map(|x| x.1).sum()),
                            }
                        })
                        .collect(),
                    count: list.len(),
                    continued: range.start > 0,
                }
            })
            .collect();
        Page::new(
            page_path(first, k),
            "actors.html",
            meta(paged_title("Actors", &cut, k), "Every actor in the dossier, by kind."),
            &ActorsView {
                groups,
                paginator: paginator(site, first, &cut, k),
            },
        )
    })
}

/// `incidents/index.html` and its further pages.
pub fn incidents<'a>(site: &'a Site<'a>) -> Pages<'a> {
    let cut = Cut::new(site.model.incidents.len());
    let first = "incidents/index.html";
    Pages::new(cut.pages(), move |k| {
        let incidents = cut
            .range(k)
            .map(|i| Counted {
                item: site.incident_ref(i),
                excerpt_count: Some(site.index.incidents[i].excerpts.len()),
                mention_count: None,
            })
            .collect();
        Page::new(
            page_path(first, k),
            "incidents.html",
            meta(paged_title("Incidents", &cut, k), "Every incident in date order."),
            &IncidentsView {
                incidents,
                paginator: paginator(site, first, &cut, k),
            },
        )
    })
}

/// `articles/index.html` and its further pages.
pub fn articles<'a>(site: &'a Site<'a>) -> Pages<'a> {
    let cut = Cut::new(site.model.articles.len());
    let first = "articles/index.html";
    Pages::new(cut.pages(), move |k| {
        let articles = cut
            .range(k)
            .map(|i| Counted {
                item: site.article_ref(i),
                excerpt_count: None,
                mention_count: Some(site.index.articles[i].mentions.len()),
            })
            .collect();
        Page::new(
            page_path(first, k),
            "articles.html",
            meta(paged_title("Sources", &cut, k), "Every source article, by date."),
            &ArticlesView {
                articles,
                paginator: paginator(site, first, &cut, k),
            },
        )
    })
}

/// `excerpts/index.html` and its further pages: by stance, in the order of the stance list,
/// then those without one.
pub fn excerpts<'a>(site: &'a Site<'a>) -> Pages<'a> {
    let model = site.model;
    let mut by_stance: Vec<Vec<usize>> = vec![Vec::new(); model.config.stances.len() + 1];
    for (e, ex) in model.excerpts.iter().enumerate() {
        let slot = ex
            .stance
            .as_deref()
            .and_then(|s| model.config.stances.iter().position(|x| x == s))
            .unwrap_or(model.config.stances.len());
        by_stance[slot].push(e);
    }
    let groups: Vec<(&'a str, Vec<usize>)> = model
        .config
        .stances
        .iter()
        .map(String::as_str)
        .chain(["none"])
        .zip(by_stance)
        .filter(|(_, list)| !list.is_empty())
        .collect();
    let sizes: Vec<usize> = groups.iter().map(|g| g.1.len()).collect();
    let cut = Cut::new(sizes.iter().sum());
    let starts = group_starts(&sizes, &cut);
    let first = "excerpts/index.html";
    let label = move |stance: &'a str| {
        if stance == "none" {
            "No stance given".into()
        } else {
            site.label(stance)
        }
    };
    Pages::new(cut.pages(), move |k| {
        let here = slices(&sizes, cut.range(k));
        let stance_index = groups
            .iter()
            .enumerate()
            .map(|(g, (stance, list))| StanceEntry {
                stance,
                label: label(stance),
                count: list.len(),
                url: (!here.iter().any(|(h, _)| *h == g)).then(|| site.link(&page_path(first, starts[g]))),
            })
            .collect();
        let groups = here
            .into_iter()
            .map(|(g, range)| {
                let (stance, list) = &groups[g];
                StanceGroup {
                    stance,
                    label: label(stance),
                    excerpts: site.excerpt_refs(&list[range.clone()]),
                    count: list.len(),
                    continued: range.start > 0,
                }
            })
            .collect();
        Page::new(
            page_path(first, k),
            "excerpts.html",
            meta(
                paged_title("Excerpts", &cut, k),
                "Every annotated passage, grouped by stance.",
            ),
            &ExcerptsView {
                groups,
                stance_index,
                paginator: paginator(site, first, &cut, k),
            },
        )
    })
}

/// `tags/index.html` and its further pages.
pub fn tags<'a>(site: &'a Site<'a>) -> Pages<'a> {
    let cut = Cut::new(site.index.tags.len());
    let first = "tags/index.html";
    Pages::new(cut.pages(), move |k| {
        let range = cut.range(k);
        let tags = site
            .index
            .tags
            .iter()
            .skip(range.start)
            .take(range.len())
            .map(|(t, (a, e))| TagCount {
                tag: t,
                url: site.tag_url(t),
                count: a.len() + e.len(),
            })
            .collect();
        Page::new(
            page_path(first, k),
            "tags.html",
            meta(paged_title("Tags", &cut, k), "Every tag."),
            &TagsView {
                tags,
                paginator: paginator(site, first, &cut, k),
            },
        )
    })
}

/// `tags/<tag>/index.html` and its further pages, for a tag of the index and the articles and
/// excerpts it is on: the sources first, then the excerpts, cut as one list.
pub fn tag<'a>(site: &'a Site<'a>, tag: &'a str, articles: &'a [usize], excerpts: &'a [usize]) -> Pages<'a> {
    let sizes = [articles.len(), excerpts.len()];
    let cut = Cut::new(articles.len() + excerpts.len());
    let first = format!("tags/{tag}/index.html");
    Pages::new(cut.pages(), move |k| {
        let (mut a, mut e) = (0..0, 0..0);
        for (g, range) in slices(&sizes, cut.range(k)) {
            if g == 0 {
                a = range;
            } else {
                e = range;
            }
        }
        let view = TagView {
            tag,
            articles: articles[a].iter().map(|&a| site.article_ref(a)).collect(),
            excerpts: site.excerpt_refs(&excerpts[e]),
            article_count: articles.len(),
            excerpt_count: excerpts.len(),
            paginator: paginator(site, &first, &cut, k),
        };
        Page::new(
            page_path(&first, k),
            "tag.html",
            meta(
                paged_title(&format!("Tag: {tag}"), &cut, k),
                format!("Everything tagged {tag}."),
            ),
            &view,
        )
    })
}
