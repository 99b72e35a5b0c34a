//! Long lists cut into pages, the way Zola and Hugo cut them: the first page keeps the list's
//! own address (`excerpts/index.html`), the next ones follow at `excerpts/page/2/index.html`,
//! `excerpts/page/3/index.html`, … (folder links with `pretty_urls`), each with a `paginator`
//! (previous, next, first, last and a window of page numbers). A list that fits on one page is
//! one page without a paginator, exactly as before pagination existed, so a small dossier's
//! pages do not change.
//!
//! Lists shown in groups (excerpts by stance, actors by kind, the timeline by year, a tag's
//! sources then excerpts) are cut as one sequence: a page shows the part of each group that
//! falls on it, so every item is on exactly one page and in the same order as on one long page.
//!
//! Also here: `Pages`, the pages of one kind made one at a time (each page's context is built
//! only when that page is rendered, so a list of 250,000 excerpts is never held at once).

use std::ops::Range;

use crate::diag::Diagnostic;
use crate::render::pages::Page;
use crate::render::site::Site;
use crate::render::views::{Pager, Paginator};

/// How many items a page of a list shows. Every list of the example dossier fits on one page.
pub const PER_PAGE: usize = 200;

/// Page numbers shown on each side of the current one (the first and last are always shown).
const WINDOW: usize = 2;

/// How a list of `total` items is cut into pages of `per_page`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    pub total: usize,
    pub per_page: usize,
}

impl Cut {
    /// `total` items in pages of [`PER_PAGE`].
    pub fn new(total: usize) -> Cut {
        Cut {
            total,
            per_page: PER_PAGE,
        }
    }

    /// How many pages: at least one, even for an empty list.
    pub fn pages(&self) -> usize {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }

    /// The items on page `k` (counted from 0).
    pub fn range(&self, k: usize) -> Range<usize> {
        let per = self.per_page.max(1);
        (k * per).min(self.total)..((k + 1) * per).min(self.total)
    }

    /// The page (from 0) that holds item `i`.
    pub fn page_of(&self, i: usize) -> usize {
        i / self.per_page.max(1)
    }
}

/// The path of page `k` (from 0) of a list whose first page is `first` (`excerpts/index.html`,
/// `tags/raids/index.html`): `first` itself, then `…/page/2/index.html` and on.
pub fn page_path(first: &str, k: usize) -> String {
    if k == 0 {
        return first.to_string();
    }
    let folder = first.strip_suffix("index.html").unwrap_or(first);
    format!("{folder}page/{}/index.html", k + 1)
}

/// The part of each group that falls in `range` of the whole sequence (the groups one after
/// the other, `sizes` long): (group, range inside that group), for the groups that have items
/// there, in order.
pub fn slices(sizes: &[usize], range: Range<usize>) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (g, &n) in sizes.iter().enumerate() {
        let (a, b) = (range.start.max(start), range.end.min(start + n));
        if a < b {
            out.push((g, a - start..b - start));
        }
        start += n;
    }
    out
}

/// Where each group starts: (page from 0, whether an earlier group's items come before it on
/// that page).
pub fn group_starts(sizes: &[usize], cut: &Cut) -> Vec<usize> {
    let mut start = 0;
    sizes
        .iter()
        .map(|&n| {
            let page = cut.page_of(start);
            start += n;
            page
        })
        .collect()
}

/// The `paginator` of page `k` of a list cut by `cut` whose first page is `first`: none when
/// the list fits on one page.
pub fn paginator(site: &Site, first: &str, cut: &Cut, k: usize) -> Option<Paginator> {
    let n = cut.pages();
    if n <= 1 {
        return None;
    }
    let url = |k: usize| site.link(&page_path(first, k));
    let mut pagers = Vec::new();
    let mut last_shown: Option<usize> = None;
    for p in 0..n {
        let near = p.abs_diff(k) <= WINDOW;
        if p == 0 || p + 1 == n || near {
            pagers.push(Pager {
                number: p + 1,
                url: url(p),
                current: p == k,
                gap_before: last_shown.is_some_and(|l| l + 1 < p),
            });
            last_shown = Some(p);
        }
    }
    let range = cut.range(k);
    Some(Paginator {
        current_index: k + 1,
        number_pagers: n,
        paginate_by: cut.per_page,
        total_items: cut.total,
        first_item: range.start + 1,
        last_item: range.end,
        first: url(0),
        last: url(n - 1),
        previous: (k > 0).then(|| url(k - 1)),
        next: (k + 1 < n).then(|| url(k + 1)),
        pagers,
    })
}

/// A page's title with its place in the list: "Excerpts", then "Excerpts, page 2 of 9".
pub fn paged_title(title: &str, cut: &Cut, k: usize) -> String {
    if k == 0 {
        title.to_string()
    } else {
        format!("{title}, page {} of {}", k + 1, cut.pages())
    }
}

/// A page maker: the page (from 0) it makes.
type Make<'a> = Box<dyn Fn(usize) -> Result<Page, Diagnostic> + Send + Sync + 'a>;

/// The pages of one kind (a list and its further pages, an actor and its full lists), made one
/// at a time when rendered: `count` pages, the `k`-th made by `make(k)`.
pub struct Pages<'a> {
    pub count: usize,
    make: Make<'a>,
}

impl<'a> Pages<'a> {
    /// `count` pages made by `make`.
    pub fn new(count: usize, make: impl Fn(usize) -> Result<Page, Diagnostic> + Send + Sync + 'a) -> Pages<'a> {
        Pages {
            count,
            make: Box::new(make),
        }
    }

    /// One page, made by `make`.
    pub fn one(make: impl Fn() -> Result<Page, Diagnostic> + Send + Sync + 'a) -> Pages<'a> {
        Pages::new(1, move |_| make())
    }

    /// Makes page `k`.
    pub fn make(&self, k: usize) -> Result<Page, Diagnostic> {
        (self.make)(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_cut_into_whole_pages() {
        let cut = Cut { total: 5, per_page: 2 };
        assert_eq!(cut.pages(), 3);
        assert_eq!((0..3).map(|k| cut.range(k)).collect::<Vec<_>>(), [0..2, 2..4, 4..5]);
        assert_eq!(Cut { total: 0, per_page: 2 }.pages(), 1);
        assert_eq!(Cut { total: 4, per_page: 2 }.pages(), 2);
        assert_eq!(cut.page_of(3), 1);
    }

    #[test]
    fn later_pages_live_under_page_n() {
        assert_eq!(page_path("excerpts/index.html", 0), "excerpts/index.html");
        assert_eq!(page_path("excerpts/index.html", 1), "excerpts/page/2/index.html");
        assert_eq!(page_path("tags/raids/index.html", 9), "tags/raids/page/10/index.html");
    }

    #[test]
    fn groups_are_cut_as_one_sequence() {
        // Groups of 3, 0 and 4 items, pages of 2: every item once, in order.
        let sizes = [3, 0, 4];
        let cut = Cut { total: 7, per_page: 2 };
        let pages: Vec<_> = (0..cut.pages()).map(|k| slices(&sizes, cut.range(k))).collect();
        assert_eq!(
            pages,
            [
                vec![(0, 0..2)],
                vec![(0, 2..3), (2, 0..1)],
                vec![(2, 1..3)],
                vec![(2, 3..4)]
            ]
        );
        assert_eq!(group_starts(&sizes, &cut), [0, 1, 1]);
    }
}
