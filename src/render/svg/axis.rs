//! The broken time axis shared by the timeline and the activity strip: days mapped to x, cut
//! where nothing happens for a long time (an axis break, drawn as a labelled gap), with year and
//! month ticks and labels placed so they never overlap. It owns the time scale (days since year
//! 0, a mean Gregorian year), fitting the stretches into the width, and drawing the axis; what
//! is drawn on it lives in `marks.rs`.

use std::fmt::Write as _;

use super::markup::{F, INK, MUTED, RULE, put};
use super::text::{count, esc, text_width};

/// Days in a year on the axis's time scale, which counts days from the start of year 0 with
/// every year the mean Gregorian year and every month a twelfth of it: leap years and month
/// lengths shift a mark by at most a day or two, which no reader can see, and every month and
/// year gets the same width.
pub(super) const YEAR: f64 = 365.2425;
/// Days in a month on the axis's time scale.
pub(super) const MONTH: f64 = YEAR / 12.0;
/// Short month names for axis labels.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A month on the axis as "March 2019", from its index (12 × year + month − 1).
fn month_name(index: i64) -> String {
    format!(
        "{} {}",
        crate::model::MONTHS[index.rem_euclid(12) as usize],
        index.div_euclid(12)
    )
}

/// The sizes that shape a broken axis.
pub(super) struct Geometry {
    /// Width of the gap drawn for an axis break.
    pub(super) break_w: f64,
    /// Least width of one stretch of axis.
    pub(super) min_w: f64,
    /// Blank axis at each end of a stretch, so marks at its edges are not cut.
    pub(super) pad: f64,
    /// A stretch longer than this (days) with nothing in it becomes a break.
    pub(super) gap: f64,
}

/// One unbroken stretch of the axis: days `t0..t1` drawn from `x0` to `x1` (its line runs from
/// `x0 - pad` to `x1 + pad`).
#[derive(Debug, Clone, Copy)]
struct Segment {
    t0: f64,
    t1: f64,
    x0: f64,
    x1: f64,
}

impl Segment {
    fn first_month(&self) -> i64 {
        (self.t0 / MONTH).round() as i64
    }

    fn end_month(&self) -> i64 {
        (self.t1 / MONTH).round() as i64
    }

    fn px_per_month(&self) -> f64 {
        (self.x1 - self.x0) / (self.end_month() - self.first_month()).max(1) as f64
    }
}

/// A cut in the axis where nothing happens for a long time.
pub(super) struct Break {
    /// The centre of the gap.
    pub(super) x: f64,
    /// What the gap leaves out, short: "2012–2018", "2010" or "5 months".
    pub(super) label: String,
    /// Its tooltip: "Axis break: nothing from October 2011 to January 2019".
    pub(super) title: String,
}

/// The breaks' labels listed for a description: "2010; 2012–2018".
pub(super) fn break_list(breaks: &[Break]) -> String {
    let labels: Vec<&str> = breaks.iter().map(|b| b.label.as_str()).collect();
    labels.join("; ")
}

/// A time axis broken where nothing happens for a long time. Each stretch is linear and covers
/// whole months; stretches share one scale except that a short one is widened to a least width.
#[derive(Debug, Clone)]
pub(super) struct Axis {
    segs: Vec<Segment>,
    pad: f64,
}

impl Axis {
    /// The axis for these `[start, end)` intervals between pixels `left` and `right`. `anchors`
    /// are instants the axis must reach (the ends of a span) without claiming room: a stretch
    /// holding only anchors gets the least width. The break threshold doubles until the
    /// stretches fit.
    pub(super) fn fit(intervals: &[(f64, f64)], anchors: &[f64], left: f64, right: f64, g: &Geometry) -> Axis {
        let mut all: Vec<(f64, f64)> = intervals.to_vec();
        all.extend(anchors.iter().map(|&t| (t, t)));
        all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut gap = g.gap;
        loop {
            let spans = clusters(&all, gap);
            // A stretch's claim on the width: its duration, or nothing when it holds only anchors.
            let claims: Vec<f64> = spans
                .iter()
                .map(|&(t0, t1)| {
                    let used = anchors.is_empty() || intervals.iter().any(|&(a, b)| b >= t0 - 1.0 && a <= t1 + 1.0);
                    if used { t1 - t0 } else { 0.0 }
                })
                .collect();
            if let Some(axis) = Axis::lay(&spans, &claims, left, right, g) {
                return axis;
            }
            gap *= 2.0;
        }
    }

    /// Share the width among the stretches, in proportion to their claims but at least `min_w`
    /// each (water-filling); `None` when they cannot fit.
    fn lay(spans: &[(f64, f64)], dur: &[f64], left: f64, right: f64, g: &Geometry) -> Option<Axis> {
        let n = spans.len();
        let avail = right - left - (n - 1) as f64 * g.break_w - n as f64 * 2.0 * g.pad;
        if n > 1 && avail < n as f64 * g.min_w {
            return None;
        }
        let avail = avail.max(1.0);
        let mut fixed = vec![false; n];
        let share = |fixed: &[bool]| {
            let free = (0..n).filter(|&i| !fixed[i]).map(|i| dur[i]).sum::<f64>();
            let room = avail - g.min_w * fixed.iter().filter(|&&f| f).count() as f64;
            (room, free)
        };
        let (room, free) = loop {
            let (room, free) = share(&fixed);
            let mut changed = false;
            for i in 0..n {
                if !fixed[i] && (free <= 0.0 || room * dur[i] / free < g.min_w) {
                    fixed[i] = true;
                    changed = true;
                }
            }
            if !changed || fixed.iter().all(|&f| f) {
                break share(&fixed);
            }
        };
        let all_fixed = fixed.iter().all(|&f| f);
        let mut x = left;
        let segs = spans
            .iter()
            .enumerate()
            .map(|(i, &(t0, t1))| {
                let w = if all_fixed {
                    avail / n as f64
                } else if fixed[i] {
                    g.min_w
                } else {
                    room * dur[i] / free
                };
                let seg = Segment {
                    t0,
                    t1,
                    x0: x + g.pad,
                    x1: x + g.pad + w,
                };
                x += w + 2.0 * g.pad + g.break_w;
                seg
            })
            .collect();
        Some(Axis { segs, pad: g.pad })
    }

    /// The x of day `t` (clamped into the stretch it belongs to).
    pub(super) fn x(&self, t: f64) -> f64 {
        // A day of slack: a month's start computed from a date may differ in the last bits from
        // the stretch's start computed from a month index.
        let i = self.segs.partition_point(|s| s.t0 <= t + 1.0).saturating_sub(1);
        let s = &self.segs[i];
        let t = t.clamp(s.t0, s.t1);
        s.x0 + (t - s.t0) * (s.x1 - s.x0) / (s.t1 - s.t0)
    }

    /// Where `[t0, t1)` is drawn, kept inside the stretch of `t0` (so a period running past a
    /// break does not cross it).
    pub(super) fn span_x(&self, t0: f64, t1: f64) -> (f64, f64) {
        let i = self.segs.partition_point(|s| s.t0 <= t0 + 1.0).saturating_sub(1);
        let s = &self.segs[i];
        let at = |t: f64| s.x0 + (t.clamp(s.t0, s.t1) - s.t0) * (s.x1 - s.x0) / (s.t1 - s.t0);
        (at(t0), at(t1))
    }

    /// The fewest units a month gets in any stretch.
    pub(super) fn min_px_per_month(&self) -> f64 {
        self.segs
            .iter()
            .map(Segment::px_per_month)
            .fold(f64::INFINITY, f64::min)
    }

    /// The axis breaks, left to right.
    pub(super) fn breaks(&self) -> Vec<Break> {
        self.segs
            .windows(2)
            .map(|w| {
                let cx = (w[0].x1 + w[1].x0) / 2.0;
                let (a, b) = (w[0].end_month(), w[1].first_month());
                let first_full = (a + 11).div_euclid(12);
                let last_full = b.div_euclid(12) - 1;
                let label = if first_full < last_full {
                    format!("{first_full}–{last_full}")
                } else if first_full == last_full {
                    first_full.to_string()
                } else {
                    count((b - a).max(0) as usize, "month", "months")
                };
                let title = format!(
                    "Axis break: nothing from {} to {}",
                    month_name(a),
                    month_name((b - 1).max(a))
                );
                Break { x: cx, label, title }
            })
            .collect()
    }

    /// The ticks (x, major) and the labels of the axis: year labels in `year_row` (priority 0 at
    /// year starts, 1 at the start of a stretch), month labels (priority 2, when a stretch is
    /// short and there is room, as initials too when `initials`) in `month_row`.
    pub(super) fn ticks(&self, initials: bool, year_row: usize, month_row: usize) -> (Vec<(f64, bool)>, Vec<Label>) {
        let mut ticks = Vec::new();
        let mut labels = Vec::new();
        for s in &self.segs {
            let (i0, i1) = (s.first_month(), s.end_month());
            let pm = s.px_per_month();
            let step = [1i64, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
                .into_iter()
                .find(|&st| st as f64 * pm * 12.0 >= 38.0)
                .unwrap_or(1000);
            let show_months = i1 - i0 <= 36 && pm >= 5.0;
            let year_ticks = pm * 12.0 >= 4.0;
            for i in i0..=i1 {
                let x = s.x0 + (i - i0) as f64 * pm;
                if i.rem_euclid(12) == 0 {
                    let year = i.div_euclid(12);
                    if year % step == 0 {
                        ticks.push((x, true));
                        if i < i1 {
                            labels.push(Label::new(x, false, year.to_string(), year_row, 0));
                        }
                    } else if year_ticks {
                        ticks.push((x, false));
                    }
                } else if show_months {
                    ticks.push((x, false));
                }
                if show_months && i < i1 {
                    let name = MONTHS[i.rem_euclid(12) as usize];
                    let text = if pm >= 24.0 {
                        Some(name.to_string())
                    } else if initials && pm >= 9.0 {
                        Some(name[..1].to_string())
                    } else {
                        None
                    };
                    if let Some(text) = text {
                        labels.push(Label::new(x + pm / 2.0, true, text, month_row, 2));
                    }
                }
            }
            if i0.rem_euclid(12) != 0 || i0.div_euclid(12) % step != 0 {
                labels.push(Label::new(s.x0, false, i0.div_euclid(12).to_string(), year_row, 1));
            }
        }
        (ticks, labels)
    }
}

/// Merge sorted intervals closer than `gap` into stretches, each widened to whole months.
fn clusters(sorted: &[(f64, f64)], gap: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for &(a, b) in sorted {
        match out.last_mut() {
            Some(last) if a - last.1 <= gap => last.1 = last.1.max(b),
            _ => out.push((a, b.max(a))),
        }
    }
    out.into_iter()
        .map(|(a, b)| {
            let i0 = (a / MONTH + 1e-6).floor();
            let mut i1 = (b / MONTH - 1e-6).ceil();
            if i1 <= i0 {
                i1 = i0 + 1.0;
            }
            (i0 * MONTH, i1 * MONTH)
        })
        .collect()
}

/// A text label on the axis; `prio` 0 is placed first.
#[derive(Debug, Clone)]
pub(super) struct Label {
    x: f64,
    middle: bool,
    text: String,
    pub(super) row: usize,
    prio: u8,
}

impl Label {
    pub(super) fn new(x: f64, middle: bool, text: String, row: usize, prio: u8) -> Label {
        Label {
            x,
            middle,
            text,
            row,
            prio,
        }
    }
}

/// Keep the labels that fit without overlapping, best priority first, each shifted inside
/// `[min_x, max_x]`; returns (left x, text, row) sorted by row and x.
pub(super) fn place_labels(mut labels: Vec<Label>, sizes: &[f64], min_x: f64, max_x: f64) -> Vec<(f64, String, usize)> {
    labels.sort_by(|a, b| a.prio.cmp(&b.prio).then(a.row.cmp(&b.row)).then(a.x.total_cmp(&b.x)));
    let mut placed: Vec<(f64, f64, usize, String)> = Vec::new();
    for l in labels {
        let size = sizes.get(l.row).copied().unwrap_or(11.0);
        let w = text_width(&l.text, size);
        let left = if l.middle { l.x - w / 2.0 } else { l.x };
        let left = left.min(max_x - w).max(min_x);
        let clear = placed
            .iter()
            .all(|&(a, b, row, _)| row != l.row || left > b + 5.0 || left + w < a - 5.0);
        if clear {
            placed.push((left, left + w, l.row, l.text));
        }
    }
    placed.sort_by(|a, b| a.2.cmp(&b.2).then(a.0.total_cmp(&b.0)));
    placed.into_iter().map(|(a, _, row, t)| (a, t, row)).collect()
}

/// Draw the axis lines, ticks and break glyphs at `y`; with `guide_top`, each break also gets a
/// dashed line from there down to the axis.
pub(super) fn draw_axis(out: &mut String, axis: &Axis, ticks: &[(f64, bool)], y: f64, guide_top: Option<f64>) {
    for s in &axis.segs {
        put!(
            out,
            "<line class=\"axis-line\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{RULE}\"/>",
            F(s.x0 - axis.pad),
            F(y),
            F(s.x1 + axis.pad),
            F(y)
        );
    }
    if !ticks.is_empty() {
        out.push_str("<path class=\"axis-ticks\" stroke=\"");
        out.push_str(RULE);
        out.push_str("\" d=\"");
        for &(x, major) in ticks {
            put!(out, "M{} {}v{}", F(x), F(y), if major { 6 } else { 3 });
        }
        out.push_str("\"/>");
    }
    for Break { x: cx, title, .. } in axis.breaks() {
        put!(out, "<g class=\"axis-break\"><title>{}</title>", esc(&title));
        if let Some(top) = guide_top {
            put!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#bbb\" stroke-dasharray=\"2 3\"/>",
                F(cx),
                F(top),
                F(cx),
                F(y - 8.0)
            );
        }
        put!(
            out,
            "<path d=\"M{} {}l4 -12M{} {}l4 -12\" stroke=\"{MUTED}\" stroke-width=\"1.5\" fill=\"none\"/></g>",
            F(cx - 5.0),
            F(y + 6.0),
            F(cx + 1.0),
            F(y + 6.0)
        );
    }
}

/// Draw placed labels: `rows[i]` is (baseline y, font size, bold).
pub(super) fn draw_labels(out: &mut String, labels: &[(f64, String, usize)], rows: &[(f64, f64, bool)]) {
    for (x, text, row) in labels {
        let (y, size, bold) = rows[*row];
        put!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{} fill=\"{}\">{}</text>",
            F(*x),
            F(y),
            F(size),
            if bold { " font-weight=\"bold\"" } else { "" },
            if bold { INK } else { MUTED },
            esc(text)
        );
    }
}
