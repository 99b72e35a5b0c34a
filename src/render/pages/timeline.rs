//! The timeline page, and the time line of incidents and articles that the home page shows
//! too: as a list and as a picture.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::model::{Date, EntityKind};
use crate::render::pages::{Page, meta};
use crate::render::site::Site;
use crate::render::svg;
use crate::render::views::{DatedArticle, TimelineItem, TimelineView, Year};

/// Every incident and article, by date (on the same date, incidents first, then by id).
pub fn timeline_items<'a>(site: &Site<'a>) -> Vec<TimelineItem<'a>> {
    let mut items: Vec<(Date, u8, &str, TimelineItem)> = Vec::new();
    for (i, x) in site.model.incidents.iter().enumerate() {
        items.push((x.date, 0, &x.id, TimelineItem::Incident(site.incident_ref(i))));
    }
    for (i, a) in site.model.articles.iter().enumerate() {
        let item = TimelineItem::Article(DatedArticle {
            article: site.article_ref(i),
            date: a.published.iso(),
            date_human: a.published.human(),
        });
        items.push((a.published, 1, &a.id, item));
    }
    items.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    items.into_iter().map(|x| x.3).collect()
}

/// The timeline picture of every incident and article, for a page at `root`.
pub fn timeline_svg(site: &Site, root: &str) -> String {
    let mut marks = Vec::new();
    for x in &site.model.incidents {
        marks.push(svg::TimelineMark {
            date: x.date,
            end: x.end,
            kind: svg::MarkKind::Incident,
            title: x.title.clone(),
            subtitle: format!("{}, {}", x.date.human(), site.label(&x.kind).to_lowercase()),
            href: format!("{root}{}", site.url(EntityKind::Incident, &x.id)),
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
            href: format!("{root}{}", site.url(EntityKind::Article, &a.id)),
            class: String::new(),
        });
    }
    svg::timeline(&marks, "tl")
}

/// `timeline/index.html`: the items by year, and the picture.
pub fn timeline(site: &Site) -> Result<Page, Diagnostic> {
    let mut years: BTreeMap<String, Vec<TimelineItem>> = BTreeMap::new();
    for item in timeline_items(site) {
        let year: String = item.date().chars().take(4).collect();
        years.entry(year).or_default().push(item);
    }
    let view = TimelineView {
        years: years.into_iter().map(|(year, items)| Year { year, items }).collect(),
        timeline_svg: timeline_svg(site, "../"),
    };
    Page::new(
        "timeline/index.html".into(),
        "timeline.html",
        meta("Timeline", "Incidents and articles on one dated axis."),
        &view,
    )
}
