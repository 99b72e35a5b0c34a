//! The dossier's timeline: incidents and source articles on two lanes over a broken date axis,
//! 720 units wide, its height growing with the rows needed. This file owns the timeline's input
//! (`TimelineMark`), its lanes, rows and vertical layout, its legend items, each mark's tooltip
//! and the picture's description; the axis itself is drawn by `axis.rs` and the marks are placed
//! on it by `marks.rs`.

use std::fmt::Write as _;

use super::MarkKind;
use super::axis::{Axis, Break, Geometry, Label, YEAR, break_list, draw_axis, draw_labels, place_labels};
use super::counts::{Counts, draw_counts, months_per_bar, period_word};
use super::glyph::{Glyph, bar, legend, shape};
use super::marks::{Extent, Placed, first_and_last, order_by_extent, pack};
use super::markup::{F, INK, MUTED, clean_id, extra_classes, nothing, open_svg, put};
use super::text::{count, esc, human, marks_phrase};
use crate::model::Date;

/// One item on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineMark {
    /// When it happened (or was published). A partial date is drawn as a bar over its month or
    /// year.
    pub date: Date,
    /// When it ended, for an incident lasting several days: drawn as a bar from `date` to `end`.
    pub end: Option<Date>,
    /// Which lane it goes on.
    pub kind: MarkKind,
    /// Its title, e.g. "Mumbai attacks".
    pub title: String,
    /// What follows the title in the tooltip, e.g. "26 November 2008, attack" or the outlet. The
    /// date is added when the subtitle does not already contain it.
    pub subtitle: String,
    /// The link, already relative to the page, e.g. `../incidents/x/index.html`.
    pub href: String,
    /// Extra CSS classes for the mark's link (space-separated), e.g. `kind-attack`.
    pub class: String,
}

/// Timeline viewBox width.
const TL_W: f64 = 720.0;
/// Left edge of the axis (room for the lane labels).
const TL_LEFT: f64 = 84.0;
/// Right margin.
const TL_RIGHT: f64 = 12.0;
/// Height of a row within a lane.
const TL_ROW: f64 = 14.0;
/// Padding above and below the rows of a lane.
const TL_LANE_PAD: f64 = 5.0;
/// Most rows in a lane before marks may overlap.
const TL_MAX_ROWS: usize = 12;
/// A lane with more marks than this counts them per period instead (see `counts.rs`): single
/// marks would overlap into a smear, and the picture's size would grow with the dossier.
pub const TL_MARKS_MAX: usize = 400;
/// The height of the bars of a counted lane, at their highest.
const TL_COUNT_H: f64 = 60.0;
/// The timeline's axis: a break is 34 wide; a stretch at least 64.
const TL_GEOMETRY: Geometry = Geometry {
    break_w: 34.0,
    min_w: 64.0,
    pad: 8.0,
    gap: YEAR,
};

/// The full timeline picture: incidents and sources on two lanes over a dated horizontal axis,
/// 720 units wide (the height grows with the rows needed). `id` prefixes every id inside the
/// SVG so several pictures can live on one page.
///
/// A day is a point (a circle for an incident, a diamond for a source); a date known only to
/// the month or year is a light bar over that month or year; a mark with an `end` is a bar from
/// `date` to `end` (solid when both are days, light otherwise). Marks that would overlap stack in rows. Stretches of more than
/// a year with nothing in them are cut out of the axis and shown as a labelled break. Each mark
/// is a link to `href` with a `<title>` (title, subtitle and date).
pub fn timeline(marks: &[TimelineMark], id: &str) -> String {
    timeline_with_periods(marks, id, None)
}

/// [`timeline()`], where a lane of more than [`TL_MARKS_MAX`] marks is drawn as counts per
/// month, quarter or year (bars whose height is the count; items dated only to a year as a light
/// band over it), each bar linked to `period(first day of the period)` when given. The size of
/// the picture then depends on the number of periods, not of marks. With `period`, items of
/// one lane with the same date are also drawn as one mark marked "×n" (class `tl-group`),
/// linked to `period(date)` and titled with every name, instead of a stack of identical marks.
pub fn timeline_with_periods(marks: &[TimelineMark], id: &str, period: Option<&dyn Fn(Date) -> String>) -> String {
    let id = clean_id(id);
    let title = "Timeline of incidents and sources";
    if marks.is_empty() {
        return nothing(
            &id,
            "svg-timeline",
            title,
            "Nothing to draw: there are no dated incidents or sources.",
        );
    }
    let placed: Vec<Placed> = marks.iter().map(|m| Placed::of(&m.date, m.end.as_ref())).collect();
    let intervals: Vec<(f64, f64)> = placed.iter().map(|p| (p.start, p.end)).collect();
    let axis = Axis::fit(&intervals, &[], TL_LEFT, TL_W - TL_RIGHT, &TL_GEOMETRY);
    let shapes: Vec<(f64, f64)> = placed.iter().map(|p| p.x_span(&axis)).collect();
    let extents: Vec<(f64, f64)> = shapes
        .iter()
        .zip(&placed)
        .map(|(&(a, b), p)| match p.extent {
            Extent::Day => (a - 6.0, b + 6.0),
            _ => (a - 1.0, b.max(a + 3.0) + 1.0),
        })
        .collect();

    let lanes = [(MarkKind::Incident, "Incidents"), (MarkKind::Article, "Sources")];
    let months = months_per_bar(&axis);
    let counted: Vec<Option<Counts>> = lanes
        .iter()
        .map(|(kind, _)| {
            let of_kind = || marks.iter().filter(|m| m.kind == *kind);
            (of_kind().count() > TL_MARKS_MAX).then(|| Counts::of(of_kind().map(|m| &m.date), months))
        })
        .collect();
    let mut lane_orders = Vec::new();
    let mut group_of: Vec<Vec<usize>> = vec![Vec::new(); marks.len()];
    let mut rows_of = vec![0; marks.len()];
    let mut lane_heights = Vec::new();
    for (li, (kind, _)) in lanes.iter().enumerate() {
        if counted[li].is_some() {
            lane_orders.push(Vec::new());
            lane_heights.push(TL_COUNT_H + 2.0 * TL_LANE_PAD);
            continue;
        }
        let all = order_by_extent((0..marks.len()).filter(|&i| marks[i].kind == *kind), &extents);
        // Items of the same date are one mark, linked to where the list names them all, when
        // there is such a place (`period`): not a stack of identical bars.
        let mut order: Vec<usize> = Vec::with_capacity(all.len());
        for &i in &all {
            match order.last() {
                Some(&g) if period.is_some() && (marks[g].date, marks[g].end) == (marks[i].date, marks[i].end) => {
                    group_of[g].push(i)
                }
                _ => {
                    group_of[i].push(i);
                    order.push(i);
                }
            }
        }
        let (rows, n) = pack(&extents, &order, TL_MAX_ROWS);
        for &i in &order {
            rows_of[i] = rows[i];
        }
        lane_orders.push(order);
        lane_heights.push(2.0 * TL_LANE_PAD + n as f64 * TL_ROW);
    }

    // Legend items present in the data (of the lanes drawn mark by mark).
    let single = |i: usize| counted[if marks[i].kind == MarkKind::Incident { 0 } else { 1 }].is_none();
    let has = |f: &dyn Fn(usize) -> bool| (0..marks.len()).any(|i| single(i) && f(i));
    let mut items = Vec::new();
    if has(&|i| marks[i].kind == MarkKind::Incident && placed[i].extent == Extent::Day) {
        items.push((MarkKind::Incident.glyph(), "Incident, exact day".to_string()));
    }
    if has(&|i| marks[i].kind == MarkKind::Article && placed[i].extent == Extent::Day) {
        items.push((MarkKind::Article.glyph(), "Source, exact day".to_string()));
    }
    if has(&|i| placed[i].extent == Extent::Period) {
        items.push((Glyph::Bar(MUTED, false), "Lasted several days".to_string()));
    }
    if has(&|i| placed[i].extent.is_partial()) {
        items.push((Glyph::Bar(MUTED, true), "Somewhere in this month or year".to_string()));
    }
    for (li, (kind, _)) in lanes.iter().enumerate() {
        if counted[li].is_some() {
            let what = if *kind == MarkKind::Incident {
                "Incidents"
            } else {
                "Sources"
            };
            items.push((
                Glyph::Bar(kind.color(), false),
                format!("{what} per {} (height: how many)", period_word(months)),
            ));
        }
    }

    // Vertical layout.
    let mut body = String::new();
    let legend_bottom = legend(&mut body, &items, TL_LEFT, 18.0, TL_W - TL_RIGHT, 11.0);
    let lanes_top = legend_bottom + 8.0;
    let mut lane_tops = Vec::new();
    let mut y = lanes_top;
    for &h in &lane_heights {
        lane_tops.push(y);
        y += h;
    }
    let axis_y = y + 8.0;
    let (ticks, labels) = axis.ticks(true, 1, 0);
    let has_months = labels.iter().any(|l| l.row == 0);
    let month_base = axis_y + 18.0;
    let year_base = if has_months { axis_y + 32.0 } else { axis_y + 19.0 };
    let break_base = year_base + 15.0;
    let breaks = axis.breaks();
    let height = if breaks.is_empty() {
        year_base + 9.0
    } else {
        break_base + 8.0
    };

    // Lanes: bands and labels (decoration), then the marks.
    let mut deco = String::from("<g class=\"tl-lanes\" aria-hidden=\"true\">");
    for (li, (kind, name)) in lanes.iter().enumerate() {
        let class = kind.class();
        let top = lane_tops[li];
        let h = lane_heights[li];
        put!(
            deco,
            "<rect class=\"tl-lane {class}-lane\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            F(TL_LEFT - 4.0),
            F(top),
            F(TL_W - TL_RIGHT - TL_LEFT + 8.0),
            F(h),
            if li == 0 { "#f6f6f6" } else { "#fff" }
        );
        put!(
            deco,
            "<text class=\"tl-lane-label\" x=\"6\" y=\"{}\" font-weight=\"bold\" fill=\"{INK}\">{name}</text>",
            F(top + TL_LANE_PAD + TL_ROW / 2.0 + 4.0)
        );
    }
    deco.push_str("</g>");

    let mut marks_svg = String::from("<g class=\"tl-marks\">");
    for (li, (kind, _)) in lanes.iter().enumerate() {
        let (color, class) = (kind.color(), kind.class());
        if let Some(c) = &counted[li] {
            let (one, many) = if *kind == MarkKind::Incident {
                ("incident", "incidents")
            } else {
                ("source", "sources")
            };
            let base = lane_tops[li] + TL_LANE_PAD + TL_COUNT_H;
            draw_counts(
                &mut marks_svg,
                &axis,
                c,
                (base, TL_COUNT_H),
                (color, class),
                (one, many),
                period,
            );
            continue;
        }
        for &i in &lane_orders[li] {
            let m = &marks[i];
            let p = placed[i];
            let cy = lane_tops[li] + TL_LANE_PAD + rows_of[i] as f64 * TL_ROW + TL_ROW / 2.0;
            let group = &group_of[i];
            let (href, tip, grouped) = match period {
                Some(link) if group.len() > 1 => {
                    let (one, many) = if *kind == MarkKind::Incident {
                        ("incident", "incidents")
                    } else {
                        ("source", "sources")
                    };
                    let names: Vec<&str> = group.iter().map(|&g| marks[g].title.trim()).collect();
                    let tip = format!(
                        "{}: {}: {}",
                        human(&m.date),
                        count(group.len(), one, many),
                        names.join("; ")
                    );
                    (link(m.date), tip, " tl-group")
                }
                _ => (m.href.clone(), mark_title(m), ""),
            };
            put!(
                marks_svg,
                "<a xlink:href=\"{}\" class=\"tl-mark {class} {}{grouped}{}\"><title>{}</title>",
                esc(&href),
                p.extent.class(),
                extra_classes(&m.class),
                esc(&tip)
            );
            let (a, b) = shapes[i];
            match p.extent {
                Extent::Day => shape(&mut marks_svg, m.kind.shape(), a, cy, 4.5, color),
                e if e.is_partial() => {
                    // Somewhere in the dotted range: a hollow mark in its middle.
                    bar(&mut marks_svg, a, b, cy, 8.0, color, true);
                    put!(
                        marks_svg,
                        "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#fff\" stroke=\"{color}\" stroke-width=\"1.5\"/>",
                        F((a + b) / 2.0),
                        F(cy)
                    );
                }
                _ => bar(&mut marks_svg, a, b, cy, 8.0, color, false),
            }
            if !grouped.is_empty() {
                put!(
                    marks_svg,
                    "<text x=\"{}\" y=\"{}\" font-size=\"11\" font-weight=\"bold\" fill=\"{INK}\">×{}</text>",
                    F(b.max(a + 4.5) + 3.0),
                    F(cy + 4.0),
                    group.len()
                );
            }
            marks_svg.push_str("</a>");
        }
    }
    marks_svg.push_str("</g>");

    let mut axis_svg = String::from("<g class=\"tl-axis\" aria-hidden=\"true\">");
    draw_axis(&mut axis_svg, &axis, &ticks, axis_y, Some(lanes_top));
    let placed_labels = place_labels(labels, &[10.0, 12.0], 4.0, TL_W - 4.0);
    draw_labels(
        &mut axis_svg,
        &placed_labels,
        &[(month_base, 10.0, false), (year_base, 12.0, true)],
    );
    let break_labels: Vec<Label> = breaks
        .iter()
        .map(|b| Label::new(b.x, true, b.label.clone(), 0, 0))
        .collect();
    let placed_breaks = place_labels(break_labels, &[10.0], 4.0, TL_W - 4.0);
    for (x, text, _) in &placed_breaks {
        put!(
            axis_svg,
            "<text class=\"axis-break-label\" x=\"{}\" y=\"{}\" font-size=\"10\" font-style=\"italic\" fill=\"{MUTED}\">{}</text>",
            F(*x),
            F(break_base),
            esc(text)
        );
    }
    axis_svg.push_str("</g>");

    let mut desc = timeline_desc(marks, &placed, &breaks);
    for (li, (kind, _)) in lanes.iter().enumerate() {
        if counted[li].is_some() {
            let (lane, what) = if *kind == MarkKind::Incident {
                ("upper", "incidents")
            } else {
                ("lower", "sources")
            };
            put!(
                desc,
                " There are too many {what} to draw one by one: the {lane} lane counts them per {} (the \
                 height of a bar is how many), items dated only to a year as a light band over it.",
                period_word(months)
            );
        }
    }
    let mut out = String::with_capacity(512 + marks.len() * 260);
    open_svg(&mut out, &id, "svg-timeline", (TL_W, height), title, &desc);
    out.push_str(&body);
    out.push_str(&deco);
    out.push_str(&axis_svg);
    out.push_str(&marks_svg);
    out.push_str("</svg>");
    out
}

/// The tooltip of a timeline mark: "Title (subtitle, date)".
fn mark_title(m: &TimelineMark) -> String {
    let mut when = human(&m.date);
    if let Some(e) = &m.end
        && e > &m.date
    {
        when = format!("{when} to {}", human(e));
    }
    let sub = m.subtitle.trim();
    let detail = if sub.is_empty() {
        when
    } else if sub.contains(&human(&m.date)) {
        sub.to_string()
    } else {
        format!("{sub}, {when}")
    };
    format!("{} ({detail})", m.title.trim())
}

/// The timeline's description: what is drawn, over which dates, and how.
fn timeline_desc(marks: &[TimelineMark], placed: &[Placed], breaks: &[Break]) -> String {
    let (first, last) = first_and_last(placed);
    let to = marks[last]
        .end
        .as_ref()
        .filter(|e| **e > marks[last].date)
        .unwrap_or(&marks[last].date);
    let mut d = marks_phrase(
        marks.iter().map(|m| m.kind),
        ("source article", "source articles"),
        &marks[first].date,
        to,
    );
    d.push_str(", on a time axis running left to right; incidents on the upper lane, sources on the lower.");
    if !breaks.is_empty() {
        put!(
            d,
            " The axis is cut where more than a year passed with nothing to show ({}).",
            break_list(breaks)
        );
    }
    if placed.iter().any(|p| p.extent.is_partial()) {
        d.push_str(" Items dated only to a month or a year are bars spanning that month or year.");
    }
    d
}

#[cfg(test)]
mod tests {
    use super::super::testing::{attr_of_class, check_xml, date, number_attr, tm};
    use super::*;

    /// The example dossier's dates.
    fn sample_marks() -> Vec<TimelineMark> {
        let incidents = [
            "2008",
            "2008-11-26",
            "2008-11-29",
            "2008-11-29",
            "2008-12",
            "2008-12",
            "2008-12",
            "2009-01",
            "2009-01-05",
            "2009-01-05",
            "2011-05-02",
            "2011-09",
            "2011-09",
            "2011-09",
            "2011-09-11",
            "2011-09-13",
            "2019-02-14",
            "2019-02-26",
            "2019-02-27",
            "2019-02-27",
            "2019-03",
            "2019-03-11",
        ];
        let articles = ["2008-11-29", "2008-12", "2009-01-07", "2011-09", "2019-03"];
        let mut v: Vec<TimelineMark> = incidents
            .iter()
            .enumerate()
            .map(|(i, d)| {
                tm(
                    d,
                    MarkKind::Incident,
                    &format!("Incident {i}"),
                    &format!("../incidents/i{i}/index.html"),
                )
            })
            .collect();
        v[1].end = Some(date("2008-11-29"));
        v.extend(articles.iter().enumerate().map(|(i, d)| {
            let mut m = tm(
                d,
                MarkKind::Article,
                &format!("Article {i}"),
                &format!("../articles/a{i}/index.html"),
            );
            m.subtitle = "AFP".into();
            m.class = String::new();
            m
        }));
        v
    }

    #[test]
    fn timeline_is_deterministic_and_well_formed() {
        let marks = sample_marks();
        let a = timeline(&marks, "tl");
        let b = timeline(&marks.clone(), "tl");
        assert_eq!(a, b);
        check_xml(&a);
        assert!(a.contains("aria-labelledby=\"tl-title tl-desc\""));
        assert!(a.contains("<title id=\"tl-title\">") && a.contains("<desc id=\"tl-desc\">"));
        assert!(
            a.contains("22 incidents and 5 source articles from 2008 to March 2019"),
            "{a}"
        );
        assert!(!a.contains("NaN") && !a.contains("inf"));
        // The legend, inside the picture and hidden from assistive technology.
        assert!(a.contains("<g class=\"legend\" aria-hidden=\"true\">"));
        for text in [
            "Incident, exact day",
            "Source, exact day",
            "Lasted several days",
            "Somewhere in this month or year",
        ] {
            assert!(a.contains(&format!(">{text}</text>")), "legend lacks {text}");
        }
        assert!(a.contains(">Incidents</text>") && a.contains(">Sources</text>"));
    }

    #[test]
    fn every_timeline_mark_is_a_link_with_a_title() {
        let marks = sample_marks();
        let s = timeline(&marks, "tl");
        for m in &marks {
            let link = format!("<a xlink:href=\"{}\" class=\"tl-mark ", m.href);
            let at = s.find(&link).unwrap_or_else(|| panic!("no link for {}", m.href));
            let rest = &s[at..];
            assert!(
                rest[rest.find('>').unwrap()..].starts_with("><title>"),
                "link without title"
            );
            assert!(rest.contains(&m.title));
        }
        assert_eq!(s.matches("<a xlink:href=").count(), marks.len());
        assert!(s.contains("Article 0 (AFP, 29 November 2008)"));
        assert!(s.contains("Incident 1 (26 November 2008 to 29 November 2008)"));
        assert!(s.contains("tl-incident tl-period kind-attack"));
    }

    #[test]
    fn partial_dates_are_bars_as_wide_as_their_month_or_year() {
        // One stretch, June to September 2011: a month is a quarter of the axis.
        let marks = [
            tm("2011-06-15", MarkKind::Incident, "a", "a"),
            tm("2011-09", MarkKind::Incident, "b", "b"),
        ];
        let s = timeline(&marks, "t");
        let (_, inner) = inner_axis(&s);
        // The mark's bar is the rectangle inside its link.
        let bar = &s[s.find("tl-month").unwrap()..];
        assert!(bar[bar.find('>').unwrap()..].starts_with("><title>b (September 2011)</title><rect "));
        let w = number_attr(bar, "width");
        assert!((w - inner / 4.0).abs() <= 0.15, "month bar {w} vs axis {inner}");

        // 2008 and June 2009: eighteen months, of which the year bar takes twelve.
        let marks = [
            tm("2008", MarkKind::Incident, "a", "a"),
            tm("2009-06-01", MarkKind::Incident, "b", "b"),
        ];
        let s = timeline(&marks, "t");
        let (start, inner) = inner_axis(&s);
        let bar = &s[s.find("tl-year").unwrap()..];
        let w = number_attr(bar, "width");
        assert!((w - inner * 12.0 / 18.0).abs() <= 0.15, "year bar {w} vs axis {inner}");
        let x = number_attr(bar, "x");
        assert!((x - start).abs() <= 0.15, "the year starts the axis");
    }

    /// Where the marks of a one-stretch timeline may start, and how wide that stretch is (its
    /// line less the padding at each end).
    fn inner_axis(s: &str) -> (f64, f64) {
        let x1 = attr_of_class(s, "line", "axis-line", "x1")[0];
        let x2 = attr_of_class(s, "line", "axis-line", "x2")[0];
        (x1 + TL_GEOMETRY.pad, x2 - x1 - 2.0 * TL_GEOMETRY.pad)
    }

    #[test]
    fn long_gaps_become_labelled_axis_breaks() {
        let s = timeline(&sample_marks(), "tl");
        assert_eq!(s.matches("class=\"axis-line\"").count(), 3, "three stretches");
        assert_eq!(s.matches("class=\"axis-break\"").count(), 2);
        assert!(s.contains(">2010</text>"), "the skipped year is labelled");
        assert!(s.contains(">2012–2018</text>"), "the skipped years are labelled");
        assert!(s.contains("Axis break: nothing from October 2011 to January 2019"));
        for y in ["2008", "2011", "2019"] {
            assert!(s.contains(&format!(">{y}</text>")), "year {y} labelled");
        }
        // Month labels for short stretches.
        assert!(s.contains(">Sep</text>") || s.contains(">S</text>"));

        // No break for items less than a year apart.
        let s = timeline(
            &[
                tm("2011-01-01", MarkKind::Incident, "a", "a"),
                tm("2011-11-30", MarkKind::Article, "b", "b"),
            ],
            "t",
        );
        assert_eq!(s.matches("class=\"axis-line\"").count(), 1);
        assert!(!s.contains("axis-break"));
    }

    #[test]
    fn same_date_items_are_one_mark_when_the_list_can_name_them() {
        let mut marks: Vec<TimelineMark> = (0..3)
            .map(|i| tm("2011-09", MarkKind::Incident, &format!("m{i}"), &format!("h{i}")))
            .collect();
        marks.push(tm("2011-09-13", MarkKind::Incident, "embassy", "e"));
        let link = |d: Date| format!("timeline/index.html#y{}", d.year);
        let s = timeline_with_periods(&marks, "t", Some(&link));
        check_xml(&s);
        assert_eq!(s.matches("<a xlink:href=").count(), 2, "one group and one day");
        assert!(
            s.contains("<a xlink:href=\"timeline/index.html#y2011\" class=\"tl-mark tl-incident tl-month tl-group")
        );
        assert!(s.contains("<title>September 2011: 3 incidents: m0; m1; m2</title>"));
        assert!(s.contains(">×3</text>"));
        // The partial date is dotted and open, with a hollow mark: not a solid bar.
        assert!(s.contains("stroke-dasharray=\"2 2\""));
        assert!(s.contains("r=\"3\" fill=\"#fff\""));
    }

    #[test]
    fn overlapping_marks_stack_in_rows() {
        let marks: Vec<TimelineMark> = (0..5)
            .map(|i| tm("2019-02-27", MarkKind::Incident, &format!("m{i}"), &format!("h{i}")))
            .collect();
        let s = timeline(&marks, "t");
        check_xml(&s);
        let mut ys = attr_of_class(&s, "circle", "fill=\"#b3261e\" stroke", "cy");
        // The legend circle is first; the rest are the marks.
        ys.remove(0);
        ys.sort_by(f64::total_cmp);
        ys.dedup();
        assert_eq!(ys.len(), 5, "five rows for five marks on one day");
    }
}
