//! The home page: the timeline, the key actors and the latest sources.

use crate::diag::Diagnostic;
use crate::render::markdown::to_plain_resolved;
use crate::render::pages::timeline::{timeline_entries, timeline_item, timeline_svg};
use crate::render::pages::{Page, meta};
use crate::render::site::Site;
use crate::render::views::{Counted, HomeView};

/// How many actors the home page lists.
const KEY_ACTORS: usize = 12;
/// How many incidents the home page lists.
const KEY_INCIDENTS: usize = 8;
/// How many sources the home page lists.
const LATEST_ARTICLES: usize = 10;
/// The home page lists the whole timeline up to this many items (the example dossier's 35
/// fit); a longer one is cut to its most recent `HOME_TIMELINE_RECENT`, the rest being on the
/// timeline's own pages.
const HOME_TIMELINE_MAX: usize = 60;
/// How many of the most recent items the home page lists from a long timeline.
const HOME_TIMELINE_RECENT: usize = 30;

/// `index.html`.
pub fn home(site: &Site) -> Result<Page, Diagnostic> {
    let m = site.model;
    // Ranked by the count the page shows next to each (excerpts), so that the order and the
    // numbers agree; mentions in the text break ties.
    let weight = |a: usize| {
        let l = &site.index.actors[a];
        (l.excerpts.len(), l.mentioned_in.iter().map(|x| x.1).sum::<usize>())
    };
    let mut key: Vec<usize> = (0..m.actors.len()).collect();
    key.sort_by(|&a, &b| weight(b).cmp(&weight(a)).then(m.actors[a].name.cmp(&m.actors[b].name)));
    key.truncate(KEY_ACTORS);
    let mut incidents: Vec<usize> = (0..m.incidents.len()).collect();
    incidents.sort_by_key(|&x| std::cmp::Reverse(site.index.incidents[x].excerpts.len()));
    incidents.truncate(KEY_INCIDENTS);
    // Back in date order (the model's order), so that the list reads as a story.
    incidents.sort_unstable();
    let entries = timeline_entries(site);
    let shown = if entries.len() > HOME_TIMELINE_MAX {
        &entries[entries.len() - HOME_TIMELINE_RECENT..]
    } else {
        &entries[..]
    };
    let c = &m.config;
    let view = HomeView {
        lead_html: site.md(if c.lead.is_some() { &c.lead } else { &c.description }, ""),
        findings_html: site.md(&c.findings, ""),
        key_incidents: incidents
            .iter()
            .map(|&x| Counted {
                item: site.incident_ref(x),
                excerpt_count: Some(site.index.incidents[x].excerpts.len()),
                mention_count: None,
            })
            .collect(),
        timeline: shown.iter().map(|&(_, e)| timeline_item(site, e)).collect(),
        timeline_total: entries.len(),
        timeline_svg: timeline_svg(site, ""),
        key_actors: key
            .iter()
            .map(|&a| Counted {
                item: site.actor_ref(a),
                excerpt_count: Some(site.index.actors[a].excerpts.len()),
                mention_count: None,
            })
            .collect(),
        latest_articles: (0..m.articles.len())
            .rev()
            .take(LATEST_ARTICLES)
            .map(|a| site.article_ref(a))
            .collect(),
    };
    let description = m
        .config
        .description
        .as_ref()
        .map(|d| to_plain_resolved(&d.text, site))
        .unwrap_or_default();
    Page::new(
        "index.html".into(),
        "index.html",
        meta(&m.config.title, description),
        &view,
    )
}
