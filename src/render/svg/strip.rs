//! The activity strip on each actor page: a small picture (600 × 72) of the actor's dated
//! incidents and source excerpts over the dossier's whole span, on a broken date axis. This file
//! owns the strip's input (`ActivityMark`), its legend, marks, tooltips and description; the axis
//! is drawn by `axis.rs` and the marks are placed on it by `marks.rs`.

use std::fmt::Write as _;

use super::MarkKind;
use super::axis::{Axis, Geometry, Label, YEAR, break_list, draw_axis, draw_labels, place_labels};
use super::counts::{Counts, draw_counts, months_per_bar, period_word};
use super::glyph::{Glyph, bar, legend, legend_width, shape};
use super::marks::{Extent, Placed, end_of, first_and_last, order_by_extent, pack, start_of};
use super::markup::{MUTED, clean_id, nothing, open_svg, put};
use super::text::{esc, human, marks_phrase};
use crate::model::Date;

/// One dated item on an actor's activity strip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityMark {
    /// When.
    pub date: Date,
    /// An incident (circle) or a source excerpt (diamond).
    pub kind: MarkKind,
    /// Its title (the tooltip adds the kind and the date).
    pub title: String,
    /// The link, already relative to the page.
    pub href: String,
}

/// Strip viewBox width, for a desktop column.
const ST_W: f64 = 600.0;
/// Strip viewBox width for a phone (about 360 CSS px): drawn at this width, its text is not
/// scaled below [`ST_NARROW_FONT`] CSS px.
const ST_NARROW_W: f64 = 360.0;
/// The narrow strip's text size.
const ST_NARROW_FONT: f64 = 13.0;
/// Strip viewBox height.
const ST_H: f64 = 72.0;
/// The strip's axis line.
const ST_AXIS_Y: f64 = 52.0;
/// The strip's text size.
const ST_FONT: f64 = 12.0;
/// A kind with more marks than this is counted per period (see `counts.rs`) instead of drawn
/// mark by mark.
pub const ST_MARKS_MAX: usize = 300;
/// The height of the strip's count bars, at their highest.
const ST_COUNT_H: f64 = 24.0;
/// The strip's axis: a break is 26 wide; a stretch at least 40.
const ST_GEOMETRY: Geometry = Geometry {
    break_w: 26.0,
    min_w: 40.0,
    pad: 6.0,
    gap: YEAR,
};

/// A small strip (600 × 72 viewBox) of an actor's dated activity over the dossier's whole
/// `span`: incidents as circles, source excerpts as diamonds (a light bar under the shape when
/// the date is only a month or a year), stacked in up to three rows, each a link with a
/// `<title>`. Stretches of more than a year without any of the actor's activity are cut out of
/// the axis as labelled breaks, so the axis always runs from the span's start to its end but the
/// actor's own clusters get room.
pub fn activity_strip(marks: &[ActivityMark], span: (Date, Date), id: &str) -> String {
    strip_at(marks, span, id, (ST_W, ST_FONT), "svg-strip-wide")
}

/// The same strip drawn for a phone: 360 units wide with text at 13, so that shown at a
/// phone's width no text is under 12 CSS px and the whole span fits without scrolling (class
/// `svg-strip-narrow`; the page shows one of the two by a CSS media query).
pub fn activity_strip_narrow(marks: &[ActivityMark], span: (Date, Date), id: &str) -> String {
    strip_at(marks, span, id, (ST_NARROW_W, ST_NARROW_FONT), "svg-strip-narrow")
}

/// The strip at a width and text size, with a class telling the drawing apart.
fn strip_at(marks: &[ActivityMark], span: (Date, Date), id: &str, (w, font): (f64, f64), class: &str) -> String {
    let id = clean_id(id);
    let title = "Activity over the dossier's span";
    let (s0, s1) = if span.0 <= span.1 { span } else { (span.1, span.0) };
    if marks.is_empty() {
        return nothing(
            &id,
            &format!("svg-strip {class}"),
            title,
            &format!(
                "Nothing to draw: no dated activity between {} and {}.",
                human(&s0),
                human(&s1)
            ),
        );
    }
    let placed: Vec<Placed> = marks.iter().map(|m| Placed::of(&m.date, None)).collect();
    let intervals: Vec<(f64, f64)> = placed.iter().map(|p| (p.start, p.end)).collect();
    let axis = Axis::fit(&intervals, &[start_of(&s0), end_of(&s1)], 10.0, w - 10.0, &ST_GEOMETRY);

    let shapes: Vec<(f64, f64)> = placed.iter().map(|p| p.x_span(&axis)).collect();
    let extents: Vec<(f64, f64)> = shapes
        .iter()
        .map(|&(a, b)| {
            let c = (a + b) / 2.0;
            (a.min(c - 6.0), b.max(c + 6.0))
        })
        .collect();
    // A kind with too many marks is counted per period; the other is drawn mark by mark.
    let months = months_per_bar(&axis);
    let counted: Vec<(MarkKind, Counts)> = [MarkKind::Article, MarkKind::Incident]
        .into_iter()
        .filter(|&k| marks.iter().filter(|m| m.kind == k).count() > ST_MARKS_MAX)
        .map(|k| {
            (
                k,
                Counts::of(marks.iter().filter(|m| m.kind == k).map(|m| &m.date), months),
            )
        })
        .collect();
    let single = |i: &usize| counted.iter().all(|(k, _)| *k != marks[*i].kind);
    let order = order_by_extent((0..marks.len()).filter(single), &extents);
    let (rows, _) = pack(&extents, &order, 3);

    let mut out = String::with_capacity(1024 + marks.len() * 200);
    let (first, last) = first_and_last(&placed);
    let mut desc = marks_phrase(
        marks.iter().map(|m| m.kind),
        ("source excerpt", "source excerpts"),
        &marks[first].date,
        &marks[last].date,
    );
    put!(
        desc,
        ", on an axis from {} to {} (the dossier's span).",
        human(&s0),
        human(&s1)
    );
    let breaks = axis.breaks();
    if !breaks.is_empty() {
        put!(
            desc,
            " The axis is cut where nothing happened ({}).",
            break_list(&breaks)
        );
    }
    for (kind, _) in &counted {
        put!(
            desc,
            " The {} are too many to draw one by one: bars count them per {}.",
            if *kind == MarkKind::Incident {
                "incidents"
            } else {
                "source excerpts"
            },
            period_word(months)
        );
    }
    open_svg(&mut out, &id, &format!("svg-strip {class}"), (w, ST_H), title, &desc);

    // Legend, top right.
    let mut items = Vec::new();
    for kind in [MarkKind::Incident, MarkKind::Article] {
        let name = if kind == MarkKind::Incident {
            "incident"
        } else {
            "source excerpt"
        };
        if counted.iter().any(|(k, _)| *k == kind) {
            items.push((Glyph::Bar(kind.color(), false), format!("{name}s (count)")));
        } else {
            items.push((kind.glyph(), name.to_string()));
        }
    }
    if order.iter().any(|&i| placed[i].extent.is_partial()) {
        items.push((Glyph::Bar(MUTED, true), "month or year only".to_string()));
    }
    let legend_w = legend_width(&items, font);
    legend(&mut out, &items, w - 8.0 - legend_w, 13.0, w, font);

    let (ticks, mut labels) = axis.ticks(false, 0, 0);
    for b in &breaks {
        labels.push(Label::new(b.x, true, b.label.clone(), 0, 3));
    }
    out.push_str("<g class=\"strip-axis\" aria-hidden=\"true\">");
    draw_axis(&mut out, &axis, &ticks, ST_AXIS_Y, None);
    let placed_labels = place_labels(labels, &[font], 2.0, w - 2.0);
    draw_labels(&mut out, &placed_labels, &[(ST_AXIS_Y + 16.0, font, false)]);
    out.push_str("</g><g class=\"strip-marks\">");
    for (kind, c) in &counted {
        let (one, many) = if *kind == MarkKind::Incident {
            ("incident", "incidents")
        } else {
            ("source excerpt", "source excerpts")
        };
        draw_counts(
            &mut out,
            &axis,
            c,
            (ST_AXIS_Y - 1.0, ST_COUNT_H),
            (kind.color(), kind.class()),
            (one, many),
            None,
        );
    }
    for &i in &order {
        let m = &marks[i];
        let p = placed[i];
        let cy = ST_AXIS_Y - 8.0 - rows[i] as f64 * 10.0;
        let what = match m.kind {
            MarkKind::Incident => "Incident",
            MarkKind::Article => "Source",
        };
        let color = m.kind.color();
        put!(
            out,
            "<a xlink:href=\"{}\" class=\"strip-mark {} {}\"><title>{}</title>",
            esc(&m.href),
            m.kind.class(),
            p.extent.class(),
            esc(&format!("{what}: {} ({})", m.title.trim(), human(&m.date)))
        );
        let (a, b) = shapes[i];
        if p.extent != Extent::Day {
            bar(&mut out, a, b, cy, 6.0, color, true);
        }
        let r = if p.extent == Extent::Day { 4.0 } else { 3.0 };
        shape(&mut out, m.kind.shape(), (a + b) / 2.0, cy, r, color);
        out.push_str("</a>");
    }
    out.push_str("</g></svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check_xml, date};
    use super::*;

    #[test]
    fn activity_strip_marks_are_links_with_shapes_by_kind() {
        let marks = vec![
            ActivityMark {
                date: date("2008-11-26"),
                kind: MarkKind::Incident,
                title: "Mumbai attacks".into(),
                href: "../../incidents/m/index.html".into(),
            },
            ActivityMark {
                date: date("2008-12"),
                kind: MarkKind::Article,
                title: "Crackdown".into(),
                href: "../../articles/c/index.html".into(),
            },
            ActivityMark {
                date: date("2011-09-13"),
                kind: MarkKind::Article,
                title: "Haqqani".into(),
                href: "../../articles/h/index.html".into(),
            },
        ];
        let span = (date("2008"), date("2019-03"));
        let s = activity_strip(&marks, span, "strip");
        assert_eq!(s, activity_strip(&marks, span, "strip"));
        check_xml(&s);
        assert!(s.contains("viewBox=\"0 0 600 72\""));
        for m in &marks {
            assert!(s.contains(&format!("<a xlink:href=\"{}\"", m.href)));
        }
        assert!(s.contains("<title>Incident: Mumbai attacks (26 November 2008)</title><circle"));
        assert!(s.contains("<title>Source: Haqqani (13 September 2011)</title><path"));
        assert!(s.contains("tl-article tl-month\"><title>Source: Crackdown (December 2008)</title><rect"));
        assert!(s.contains("class=\"axis-break\""));
        assert!(s.contains(">2019</text>"));
        assert!(s.contains("1 incident and 2 source excerpts from 26 November 2008 to 13 September 2011"));
        // Span given backwards and all on one day still work.
        let one = [marks[0].clone()];
        check_xml(&activity_strip(&one, (date("2008-11-26"), date("2008-11-26")), "s"));
        check_xml(&activity_strip(&one, (date("2019"), date("2008")), "s"));
    }
}
