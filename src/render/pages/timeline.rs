//! The timeline page, and the time line of incidents and articles that the home page shows
//! too: as a list and as a picture.

use std::ops::Range;

use crate::model::{Date, EntityKind};
use crate::render::pages::paginate::{Cut, Pages, page_path, paged_title, paginator, slices};
use crate::render::pages::{Page, meta};
use crate::render::site::Site;
use crate::render::svg;
use crate::render::views::{DatedArticle, TimelineItem, TimelineView, Year};

/// An incident (`false`) or an article (`true`) by position, in timeline order.
pub type Entry = (bool, usize);

/// Every incident and article, by date (on the same date, incidents first in their own order,
/// then articles by id). An incident is listed at its `placed` date, so an ordering hint holds
/// here too.
pub fn timeline_entries(site: &Site) -> Vec<(Date, Entry)> {
    let m = site.model;
    let mut entries: Vec<(Date, Entry)> = m
        .incidents
        .iter()
        .enumerate()
        .map(|(i, x)| (x.placed, (false, i)))
        .collect();
    entries.extend(m.articles.iter().enumerate().map(|(i, a)| (a.published, (true, i))));
    entries.sort_by(|a, b| {
        a.0.cmp(&b.0).then(a.1.0.cmp(&b.1.0)).then_with(|| match a.1 {
            (true, i) => m.articles[i].id.cmp(&m.articles[b.1.1].id),
            (false, i) => i.cmp(&b.1.1),
        })
    });
    entries
}

/// An entry of the timeline as a template shows it.
pub fn timeline_item<'a>(site: &Site<'a>, (article, i): Entry) -> TimelineItem<'a> {
    if article {
        let a = &site.model.articles[i];
        TimelineItem::Article(DatedArticle {
            article: site.article_ref(i),
            date: a.published.iso(),
            date_human: a.published.human(),
        })
    } else {
        TimelineItem::Incident(site.incident_ref(i))
    }
}

/// The timeline picture of every incident and article, for a page at `root`. When a lane is
/// counted per period (a large dossier), each period links to the timeline page that lists its
/// first item.
pub fn timeline_svg(site: &Site, root: &str) -> String {
    let m = site.model;
    let marks: Vec<svg::TimelineMark> = (0..m.incidents.len())
        .map(|x| incident_mark(site, x, root))
        .chain((0..m.articles.len()).map(|a| article_mark(site, a, root)))
        .collect();
    let entries = timeline_entries(site);
    let cut = Cut::new(entries.len());
    let period = |first: Date| {
        let i = entries.partition_point(|(d, _)| *d < first);
        let page = cut.page_of(i.min(entries.len().saturating_sub(1)));
        let year: String = first.iso().chars().take(4).collect();
        format!("{root}{}#y{year}", site.link(&page_path(TIMELINE, page)))
    };
    svg::timeline_with_periods(&marks, "tl", Some(&period))
}

/// The labelled timeline of every incident and article, in listing order, for a page at
/// `root`: two drawings, one for a desktop column (`svg-column-wide`) and one for a phone
/// (`svg-column-narrow`), of which the theme's CSS shows one. Past [`svg::COLUMN_MAX`] items,
/// the counted overview of [`timeline_svg`] instead.
pub fn timeline_columns(site: &Site, root: &str) -> String {
    let entries = timeline_entries(site);
    if entries.len() > svg::COLUMN_MAX {
        return timeline_svg(site, root);
    }
    let marks: Vec<svg::TimelineMark> = entries
        .iter()
        .map(|&(_, (article, i))| {
            if article {
                article_mark(site, i, root)
            } else {
                incident_mark(site, i, root)
            }
        })
        .collect();
    let mut out = svg::timeline_column(&marks, "tl", svg::WIDE);
    out.push_str(&svg::timeline_column(&marks, "tln", svg::NARROW));
    out
}

/// Incident `x` as a mark of the timeline pictures, linked from a page at `root`.
fn incident_mark(site: &Site, x: usize, root: &str) -> svg::TimelineMark {
    let x = &site.model.incidents[x];
    svg::TimelineMark {
        date: x.date,
        end: x.end,
        kind: svg::MarkKind::Incident,
        title: x.title.clone(),
        subtitle: format!("{}, {}", x.date.human(), site.label(&x.kind).to_lowercase()),
        href: format!("{root}{}", site.url(EntityKind::Incident, &x.id)),
        class: format!("kind-{}", x.kind),
    }
}

/// Article `a` as a mark of the timeline pictures, linked from a page at `root`.
fn article_mark(site: &Site, a: usize, root: &str) -> svg::TimelineMark {
    let a = &site.model.articles[a];
    svg::TimelineMark {
        date: a.published,
        end: None,
        kind: svg::MarkKind::Article,
        title: a.title.clone(),
        subtitle: format!("{}, {}", a.outlet, a.published.human()),
        href: format!("{root}{}", site.url(EntityKind::Article, &a.id)),
        class: String::new(),
    }
}

/// The timeline's first page.
const TIMELINE: &str = "timeline/index.html";

/// `timeline/index.html` and its further pages: the items by year, and the picture (on the
/// first page).
pub fn timeline<'a>(site: &'a Site<'a>) -> Pages<'a> {
    let entries = timeline_entries(site);
    // The years, each a run of entries.
    let mut years: Vec<(String, Range<usize>)> = Vec::new();
    for (n, (d, _)) in entries.iter().enumerate() {
        let year: String = d.iso().chars().take(4).collect();
        match years.last_mut() {
            Some((y, run)) if *y == year => run.end = n + 1,
            _ => years.push((year, n..n + 1)),
        }
    }
    let sizes: Vec<usize> = years.iter().map(|y| y.1.len()).collect();
    let cut = Cut::new(entries.len());
    let first = TIMELINE;
    Pages::new(cut.pages(), move |k| {
        let view = TimelineView {
            years: slices(&sizes, cut.range(k))
                .into_iter()
                .map(|(y, range)| {
                    let (year, run) = &years[y];
                    Year {
                        year: year.clone(),
                        items: entries[run.start + range.start..run.start + range.end]
                            .iter()
                            .map(|&(_, e)| timeline_item(site, e))
                            .collect(),
                        continued: range.start > 0,
                    }
                })
                .collect(),
            timeline_svg: (k == 0).then(|| timeline_columns(site, "../")),
            paginator: paginator(site, first, &cut, k),
        };
        Page::new(
            page_path(first, k),
            "timeline.html",
            meta(
                paged_title("Timeline", &cut, k),
                "Incidents and articles on one dated axis.",
            ),
            &view,
        )
    })
}
