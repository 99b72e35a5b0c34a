//! Dated marks on the time axis, shared by the timeline and the activity strip: how precise a
//! date is, which days it covers (a day, a month, a year or a range), whether it is drawn as a
//! point or a bar and in which colour and shape, and how marks that would overlap are stacked
//! into rows.

use super::MarkKind;
use super::axis::{Axis, MONTH, YEAR};
use super::glyph::{Glyph, Shape};
use super::markup::{INCIDENT, SOURCE};
use crate::model::Date;

impl MarkKind {
    /// The colour of the kind's marks.
    pub(super) fn color(self) -> &'static str {
        match self {
            MarkKind::Incident => INCIDENT,
            MarkKind::Article => SOURCE,
        }
    }

    /// The shape of a mark of this kind: a circle for an incident, a diamond for a source.
    pub(super) fn shape(self) -> Shape {
        match self {
            MarkKind::Incident => Shape::Circle,
            MarkKind::Article => Shape::Diamond,
        }
    }

    /// The CSS class of the kind's marks, on the timeline and on the strip alike.
    pub(super) fn class(self) -> &'static str {
        match self {
            MarkKind::Incident => "tl-incident",
            MarkKind::Article => "tl-article",
        }
    }

    /// The kind's legend glyph.
    pub(super) fn glyph(self) -> Glyph {
        Glyph::Shape(self.shape(), self.color())
    }
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Precision {
    Day,
    Month,
    Year,
}

/// How precise a date is: to the day, the month or the year.
pub(super) fn precision(d: &Date) -> Precision {
    match (d.month, d.day) {
        (Some(_), Some(_)) => Precision::Day,
        (Some(_), None) => Precision::Month,
        _ => Precision::Year,
    }
}

/// Where the period a date names starts, in days on the axis's time scale (see `YEAR`).
pub(super) fn start_of(d: &Date) -> f64 {
    let y = d.year as f64 * YEAR;
    match (d.month, d.day) {
        (Some(m), Some(day)) => y + (m as f64 - 1.0) * MONTH + day as f64 - 1.0,
        (Some(m), None) => y + (m as f64 - 1.0) * MONTH,
        _ => y,
    }
}

/// Where the period a date names ends (a day, a month or a year after its start).
pub(super) fn end_of(d: &Date) -> f64 {
    start_of(d)
        + match precision(d) {
            Precision::Day => 1.0,
            Precision::Month => MONTH,
            Precision::Year => YEAR,
        }
}

/// How a dated item is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Extent {
    /// A known day: a point.
    Day,
    /// Known first and last days: a solid bar.
    Period,
    /// Known only to the month: a light bar over the month.
    Month,
    /// Known only to the year: a light bar over the year.
    Year,
    /// A range with a partial end: a light bar from the start of one to the end of the other.
    Range,
}

impl Extent {
    pub(super) fn class(self) -> &'static str {
        match self {
            Extent::Day => "tl-day",
            Extent::Period => "tl-period",
            Extent::Month => "tl-month",
            Extent::Year => "tl-year",
            Extent::Range => "tl-range",
        }
    }

    /// Whether the bar stands for uncertainty (drawn light) rather than duration.
    pub(super) fn is_partial(self) -> bool {
        matches!(self, Extent::Month | Extent::Year | Extent::Range)
    }
}

/// A dated item on the time scale: `[start, end)` in days.
#[derive(Debug, Clone, Copy)]
pub(super) struct Placed {
    pub(super) start: f64,
    pub(super) end: f64,
    pub(super) extent: Extent,
}

impl Placed {
    pub(super) fn of(date: &Date, end: Option<&Date>) -> Placed {
        let start = start_of(date);
        let mut placed = Placed {
            start,
            end: end_of(date),
            extent: match precision(date) {
                Precision::Day => Extent::Day,
                Precision::Month => Extent::Month,
                Precision::Year => Extent::Year,
            },
        };
        if let Some(e) = end {
            let stop = end_of(e);
            if stop > placed.end + 1e-6 {
                placed.end = stop;
                placed.extent = if precision(date) == Precision::Day && precision(e) == Precision::Day {
                    Extent::Period
                } else {
                    Extent::Range
                };
            }
        }
        placed
    }

    /// Where the item is drawn on `axis`, in pixels: a point's centre twice, or a bar's ends.
    pub(super) fn x_span(&self, axis: &Axis) -> (f64, f64) {
        match self.extent {
            Extent::Day => {
                let c = axis.x(self.start + 0.5);
                (c, c)
            }
            _ => (axis.x(self.start), axis.x(self.end)),
        }
    }
}

/// The item that starts first and the one that ends last (the earlier in the list among
/// equals), for a description's "from ... to ..."; `(0, 0)` when there are none.
pub(super) fn first_and_last(placed: &[Placed]) -> (usize, usize) {
    let first = (0..placed.len())
        .min_by(|&a, &b| placed[a].start.total_cmp(&placed[b].start))
        .unwrap_or(0);
    let last = (0..placed.len())
        .max_by(|&a, &b| placed[a].end.total_cmp(&placed[b].end).then(b.cmp(&a)))
        .unwrap_or(0);
    (first, last)
}

/// Pack extents `[a, b]` into rows so that none overlap, visiting them in `order`; past
/// `max_rows` an item goes to the row that frees up first. Returns each item's row and the
/// number of rows.
pub(super) fn pack(extents: &[(f64, f64)], order: &[usize], max_rows: usize) -> (Vec<usize>, usize) {
    let mut row_of = vec![0; extents.len()];
    let mut ends: Vec<f64> = Vec::new();
    for &i in order {
        let (a, b) = extents[i];
        let r = match ends.iter().position(|&e| e + 2.0 <= a) {
            Some(r) => r,
            None if ends.len() < max_rows.max(1) => {
                ends.push(f64::NEG_INFINITY);
                ends.len() - 1
            }
            None => (0..ends.len())
                .min_by(|&x, &y| ends[x].total_cmp(&ends[y]))
                .unwrap_or(0),
        };
        ends[r] = ends[r].max(b);
        row_of[i] = r;
    }
    (row_of, ends.len().max(1))
}

/// Indices sorted by extent (start, end, index).
pub(super) fn order_by_extent(idx: impl Iterator<Item = usize>, extents: &[(f64, f64)]) -> Vec<usize> {
    let mut v: Vec<usize> = idx.collect();
    v.sort_by(|&i, &j| {
        extents[i]
            .0
            .total_cmp(&extents[j].0)
            .then(extents[i].1.total_cmp(&extents[j].1))
            .then(i.cmp(&j))
    });
    v
}
