//! Long lists on an actor's or an incident's page, at scale: past `LONG` items the page shows
//! the `RECENT` most recent and links to the whole list on pages of its own
//! (`actors/<id>/<list>/index.html`, then `…/page/2/index.html`, …), rendered by
//! `section.html`. The thresholds are well above anything in the example dossier, whose pages
//! show every list whole.

use crate::diag::Diagnostic;
use crate::render::pages::paginate::{Cut, page_path, paged_title, paginator};
use crate::render::pages::{Page, meta};
use crate::render::site::Site;
use crate::render::views::{Counted, More, SectionOf, SectionView};

/// A list longer than this is cut on its actor's or incident's page.
pub const LONG: usize = 150;
/// How many of a cut list's most recent items the page still shows.
pub const RECENT: usize = 100;

/// What a list holds.
#[derive(Debug, Clone)]
pub enum Items {
    /// Excerpts, by position.
    Excerpts(Vec<usize>),
    /// Articles, by position, with how often they mention the actor (none for an incident).
    Articles(Vec<(usize, Option<usize>)>),
}

#[allow(clippy::len_without_is_empty)]
impl Items {
    /// How many items.
    pub fn len(&self) -> usize {
        match self {
            Items::Excerpts(v) => v.len(),
            Items::Articles(v) => v.len(),
        }
    }
}

/// One long list of an entity's page, shown whole on pages of its own.
#[derive(Debug, Clone)]
pub struct Section {
    /// Its folder under the entity's (`own-words`), and its name in `section`.
    pub slug: &'static str,
    /// Its heading, e.g. "What the sources say about Pakistan".
    pub title: String,
    pub items: Items,
}

/// The most recent part of a list (lists are in dossier order, oldest first) when the list is
/// long, else the whole.
pub fn recent<T>(list: &[T]) -> &[T] {
    if list.len() > LONG {
        &list[list.len() - RECENT..]
    } else {
        list
    }
}

/// The `more` entry of a list of `total` items with its full list at `url`: none when whole.
pub fn more(total: usize, url: Option<String>) -> Option<More> {
    (total > LONG).then_some(More {
        shown: RECENT,
        total,
        url,
    })
}

/// The full lists of one actor or incident: the long ones among its lists, each cut into
/// pages.
pub struct FullLists<'a> {
    of: SectionOf<'a>,
    /// The entity page's folder (`actors/isi/`).
    folder: String,
    sections: Vec<(Section, Cut)>,
    /// How many pages in all.
    pub count: usize,
}

impl<'a> FullLists<'a> {
    /// The full lists of the entity at `path` (`actors/isi/index.html`), for the long lists of
    /// `sections`.
    pub fn new(of: SectionOf<'a>, path: &str, sections: Vec<Section>) -> FullLists<'a> {
        let sections: Vec<(Section, Cut)> = sections
            .into_iter()
            .filter(|s| s.items.len() > LONG)
            .map(|s| {
                let cut = Cut::new(s.items.len());
                (s, cut)
            })
            .collect();
        FullLists {
            of,
            folder: path.strip_suffix("index.html").unwrap_or(path).to_string(),
            count: sections.iter().map(|(_, c)| c.pages()).sum(),
            sections,
        }
    }

    /// The first page of the full list `slug`, as a link, if that list is long.
    pub fn url(&self, site: &Site, slug: &str) -> Option<String> {
        self.sections
            .iter()
            .any(|(s, _)| s.slug == slug)
            .then(|| site.link(&self.first(slug)))
    }

    fn first(&self, slug: &str) -> String {
        format!("{}{slug}/index.html", self.folder)
    }

    /// Page `k` (from 0) of all the full lists' pages, one list after the other.
    pub fn page(&self, site: &Site<'a>, mut k: usize) -> Result<Page, Diagnostic> {
        let mut at = 0;
        while at + 1 < self.sections.len() && k >= self.sections[at].1.pages() {
            k -= self.sections[at].1.pages();
            at += 1;
        }
        let (section, cut) = &self.sections[at];
        let first = self.first(section.slug);
        let range = cut.range(k);
        let (excerpts, articles) = match &section.items {
            Items::Excerpts(list) => (site.excerpt_refs(&list[range]), Vec::new()),
            Items::Articles(list) => (
                Vec::new(),
                list[range]
                    .iter()
                    .map(|&(a, n)| Counted {
                        item: site.article_ref(a),
                        excerpt_count: None,
                        mention_count: n,
                    })
                    .collect(),
            ),
        };
        let view = SectionView {
            of: SectionOf {
                kind: self.of.kind,
                id: self.of.id,
                name: self.of.name,
                url: self.of.url.clone(),
            },
            section: section.slug,
            title: section.title.clone(),
            excerpts,
            articles,
            paginator: paginator(site, &first, cut, k),
        };
        Page::new(
            page_path(&first, k),
            "section.html",
            meta(
                paged_title(&section.title, cut, k),
                format!("{}: all {} of them, oldest first.", section.title, cut.total),
            ),
            &view,
        )
    }
}
