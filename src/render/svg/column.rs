//! The labelled timeline: every incident and source on one vertical line, in listing order,
//! each named in visible text (no hovering needed), drawn at a given width so that one drawing
//! fits a desktop column and another a phone (the page shows one by a CSS media query).
//!
//! Time runs down. A year opens with its heading; a stretch of more than a year with nothing
//! in it is a break in the line, labelled. Items of the same date form one group under one date
//! label ("September 2011 · 11 items"). What is drawn tells certainty apart from duration:
//! - a day is a filled mark (a circle for an incident, a diamond for a source);
//! - a date known only to the month or year is a hollow mark, and a dotted, open-ended range
//!   beside the line spans every row that falls inside that month or year: "somewhere in here";
//! - an incident lasting several days (`end`, both dates exact) is a solid bar with end caps
//!   over its mark, and its date label gives both days.

use std::fmt::Write as _;

use super::MarkKind;
use super::markup::{F, INK, MUTED, RULE, clean_id, extra_classes, nothing, open_svg, put};
use super::text::{esc, text_width};
use super::timeline::TimelineMark;
use crate::model::{Date, MONTHS};

/// The most items the labelled timeline draws; a larger dossier gets the counted overview.
pub const COLUMN_MAX: usize = 400;

/// How a labelled timeline is laid out: its width and text size, in viewBox units.
#[derive(Debug, Clone, Copy)]
pub struct ColumnStyle {
    /// The viewBox width.
    pub width: f64,
    /// The width of the date column, left of the line.
    pub date_w: f64,
    /// The size of every text (names and dates alike).
    pub size: f64,
    /// Whether dates are written short ("26 Nov") under a year heading.
    pub short_dates: bool,
    /// The class that tells the drawing apart, for the CSS that shows one of them.
    pub class: &'static str,
}

/// For a desktop column (about 1000 CSS px wide): text at about 14 CSS px.
pub const WIDE: ColumnStyle = ColumnStyle {
    width: 960.0,
    date_w: 230.0,
    size: 14.0,
    short_dates: false,
    class: "svg-column-wide",
};

/// For a phone (about 360 CSS px wide): text at 13 units, about 13 CSS px.
pub const NARROW: ColumnStyle = ColumnStyle {
    width: 360.0,
    date_w: 78.0,
    size: 13.0,
    short_dates: true,
    class: "svg-column-narrow",
};

/// One line of the drawing, top to bottom.
enum Row {
    /// A year's heading.
    Year(i16),
    /// A stretch with nothing in it, with its words ("nothing in 2012–2018").
    Gap(String),
    /// An item, by index.
    Item(usize),
}

/// The labelled timeline of `marks`, which come in listing order (as the list beside it).
pub fn timeline_column(marks: &[TimelineMark], id: &str, style: ColumnStyle) -> String {
    let id = clean_id(id);
    let title = "Timeline of incidents and sources, with their names";
    if marks.is_empty() {
        return nothing(
            &id,
            "svg-timeline svg-column",
            title,
            "Nothing to draw: there are no dated incidents or sources.",
        );
    }
    let s = style;
    let line_h = s.size * 1.35;
    let pad = s.size * 0.45;

    // The partial dates drawn as ranges, each with the rows inside it; nested ranges (a month
    // inside a year) get their own column, the widest outermost.
    let mut partials: Vec<Date> = marks.iter().map(|m| m.date).filter(|d| d.day.is_none()).collect();
    partials.sort();
    partials.dedup();
    partials.sort_by_key(|d| d.month.is_some());
    let depth: Vec<usize> = partials
        .iter()
        .map(|p| partials.iter().filter(|q| *q != p && contains(q, p)).count())
        .collect();
    let columns = depth.iter().max().map_or(0, |d| d + 1);
    let range_w = 9.0;
    let spine = s.date_w + 10.0 + columns as f64 * range_w + 6.0;
    let text_x = spine + 14.0;
    let text_w = s.width - text_x - 6.0;

    // Rows.
    let mut rows: Vec<Row> = Vec::new();
    let mut names: Vec<Vec<String>> = Vec::with_capacity(marks.len());
    let mut last: Option<&Date> = None;
    let mut year = None;
    for (i, m) in marks.iter().enumerate() {
        if let Some(prev) = last {
            let (from, to) = (prev.latest().0, m.date.earliest().0);
            if to > from + 1 {
                let words = if to == from + 2 {
                    format!("nothing in {}", from + 1)
                } else {
                    format!("nothing in {}–{}", from + 1, to - 1)
                };
                rows.push(Row::Gap(words));
            }
        }
        if year != Some(m.date.year) {
            year = Some(m.date.year);
            rows.push(Row::Year(m.date.year));
        }
        let mut name = m.title.clone();
        if m.kind == MarkKind::Article {
            name = format!("Source: {name}");
        }
        names.push(wrap(&name, s.size, text_w));
        rows.push(Row::Item(i));
        last = Some(&m.date);
    }

    // Groups of items of the same date, each with the lines of its date label; a label taller
    // than its group's names makes the group's last row taller.
    let mut groups: Vec<(usize, usize, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < marks.len() {
        let same = |j: usize| marks[j].date == marks[i].date && marks[j].end == marks[i].end;
        let mut j = i + 1;
        while j < marks.len() && same(j) {
            j += 1;
        }
        let mut lines = wrap(&date_label(&marks[i], s.short_dates), s.size, s.date_w - 6.0);
        if j - i > 1 {
            lines.push(format!("{} items", j - i));
        }
        groups.push((i, j, lines));
        i = j;
    }
    let item_h = |i: usize| names[i].len() as f64 * line_h + pad * 2.0;
    let mut extra = vec![0.0; marks.len()];
    for (i, j, lines) in &groups {
        let need = lines.len() as f64 * line_h + pad * 2.0;
        let have: f64 = (*i..*j).map(item_h).sum();
        if need > have {
            extra[j - 1] = need - have;
        }
    }

    // Heights.
    let legend_h = legend_height(marks, s);
    let mut tops = Vec::with_capacity(rows.len());
    let mut y = legend_h + 6.0;
    for r in &rows {
        tops.push(y);
        y += match r {
            Row::Year(_) => s.size * 2.4,
            Row::Gap(_) => s.size * 2.2,
            Row::Item(i) => item_h(*i) + extra[*i],
        };
    }
    let height = y + 8.0;
    // The centre of each item's first line.
    let mut item_y = vec![0.0; marks.len()];
    let mut item_bottom = vec![0.0; marks.len()];
    for (r, &top) in rows.iter().zip(&tops) {
        if let Row::Item(i) = r {
            item_y[*i] = top + pad + line_h / 2.0;
            item_bottom[*i] = top + pad * 2.0 + names[*i].len() as f64 * line_h;
        }
    }

    let mut out = String::with_capacity(1024 + marks.len() * 400);
    let desc = column_desc(marks);
    let class = format!("svg-timeline svg-column {}", s.class);
    open_svg(&mut out, &id, &class, (s.width, height), title, &desc);
    legend(&mut out, marks, s);

    // The line, broken at the gaps.
    let mut deco = String::from("<g class=\"tl-line\" aria-hidden=\"true\">");
    let mut seg_top = legend_h + 6.0;
    for (r, &top) in rows.iter().zip(&tops) {
        match r {
            Row::Gap(words) => {
                line(&mut deco, spine, seg_top, top + 4.0, RULE, None);
                let mid = top + s.size * 1.1;
                put!(
                    deco,
                    "<text class=\"tl-gap\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" fill=\"{MUTED}\">//</text>",
                    F(spine),
                    F(mid + s.size * 0.35),
                    F(s.size)
                );
                put!(
                    deco,
                    "<text class=\"tl-gap\" x=\"{}\" y=\"{}\" font-size=\"{}\" font-style=\"italic\" fill=\"{MUTED}\">{}</text>",
                    F(text_x),
                    F(mid + s.size * 0.35),
                    F(s.size),
                    esc(words)
                );
                seg_top = top + s.size * 2.2 - 4.0;
            }
            Row::Year(y) => {
                put!(
                    deco,
                    "<text class=\"tl-year\" x=\"4\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"{INK}\">{y}</text>",
                    F(top + s.size * 1.6),
                    F(s.size * 1.2)
                );
                put!(
                    deco,
                    "<line x1=\"4\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ddd\"/>",
                    F(top + s.size * 2.1),
                    F(s.width - 4.0),
                    F(top + s.size * 2.1)
                );
            }
            Row::Item(_) => {}
        }
    }
    line(&mut deco, spine, seg_top, height - 8.0, RULE, None);
    deco.push_str("</g>");
    out.push_str(&deco);

    // The ranges of partial dates: dotted, open at both ends, spanning the rows inside them.
    let mut ranges = String::from("<g class=\"tl-ranges\" aria-hidden=\"true\">");
    for (p, d) in partials.iter().zip(&depth) {
        let inside: Vec<usize> = (0..marks.len())
            .filter(|&i| marks[i].date == *p || contains(p, &marks[i].date))
            .collect();
        let (Some(&first), Some(&last)) = (inside.first(), inside.last()) else {
            continue;
        };
        let x = s.date_w + 10.0 + *d as f64 * range_w + range_w / 2.0;
        let (y0, y1) = (item_y[first] - line_h / 2.0, item_bottom[last] - pad);
        let color = if marks.iter().any(|m| m.date == *p && m.kind == MarkKind::Incident) {
            MarkKind::Incident.color()
        } else {
            MarkKind::Article.color()
        };
        put!(
            ranges,
            "<rect class=\"tl-range\" x=\"{}\" y=\"{}\" width=\"5\" height=\"{}\" fill=\"{color}\" fill-opacity=\"0.12\"/>",
            F(x - 2.5),
            F(y0),
            F((y1 - y0).max(4.0))
        );
        line(&mut ranges, x, y0, y1, color, Some("2 3"));
        // Each item dated to this period points at the range.
        for &i in inside.iter().filter(|&&i| marks[i].date == *p) {
            put!(
                ranges,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{color}\" stroke-dasharray=\"2 2\"/>",
                F(x),
                F(item_y[i]),
                F(spine - 6.0),
                F(item_y[i])
            );
        }
    }
    ranges.push_str("</g>");
    out.push_str(&ranges);

    // Date labels: once per group of items of the same date.
    let mut dates = String::from("<g class=\"tl-dates\" aria-hidden=\"true\">");
    for (i, j, lines) in &groups {
        let (i, j) = (*i, *j);
        let n = j - i;
        let x = s.date_w;
        for (k, l) in lines.iter().enumerate() {
            put!(
                dates,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"{}\" fill=\"{}\"{}>{}</text>",
                F(x),
                F(item_y[i] + s.size * 0.35 + k as f64 * line_h),
                F(s.size),
                if k < lines.len() - usize::from(n > 1) {
                    INK
                } else {
                    MUTED
                },
                if marks[i].date.day.is_none() {
                    " font-style=\"italic\""
                } else {
                    ""
                },
                esc(l)
            );
        }
        if n > 1 {
            // The group's bracket, right of the dates.
            let (y0, y1) = (item_y[i] - line_h / 2.0 + 2.0, item_bottom[j - 1] - pad - 2.0);
            put!(
                dates,
                "<path class=\"tl-bracket\" d=\"M{a} {y0}H{b}V{y1}H{a}\" fill=\"none\" stroke=\"{MUTED}\"/>",
                a = F(x + 2.0),
                b = F(x + 5.0),
                y0 = F(y0),
                y1 = F(y1)
            );
        }
    }
    dates.push_str("</g>");
    out.push_str(&dates);

    // The items: a link around each mark and its name.
    out.push_str("<g class=\"tl-marks\">");
    for (i, m) in marks.iter().enumerate() {
        let color = m.kind.color();
        let exact = m.date.day.is_some() && m.end.is_none_or(|e| e.day.is_some());
        let extent = if !exact {
            "tl-partial"
        } else if m.end.is_some_and(|e| e > m.date) {
            "tl-period"
        } else {
            "tl-day"
        };
        put!(
            out,
            "<a xlink:href=\"{}\" class=\"tl-mark {} {extent}{}\"><title>{}</title>",
            esc(&m.href),
            m.kind.class(),
            extra_classes(&m.class),
            esc(&mark_title(m))
        );
        let cy = item_y[i];
        if extent == "tl-period" {
            // A solid bar with end caps: it lasted this long.
            let (y0, y1) = (
                cy - line_h / 2.0 + 1.0,
                (item_bottom[i] - pad - 1.0).max(cy + line_h / 2.0),
            );
            put!(
                out,
                "<path d=\"M{l} {y0}H{r}M{c} {y0}V{y1}M{l} {y1}H{r}\" stroke=\"{color}\" stroke-width=\"2\" fill=\"none\"/>\
                 <rect x=\"{bx}\" y=\"{y0}\" width=\"4\" height=\"{h}\" fill=\"{color}\"/>",
                l = F(spine - 5.0),
                r = F(spine + 5.0),
                c = F(spine),
                bx = F(spine - 2.0),
                y0 = F(y0),
                y1 = F(y1),
                h = F(y1 - y0)
            );
        } else {
            mark(&mut out, m.kind, spine, cy, exact, color);
        }
        for (k, l) in names[i].iter().enumerate() {
            put!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text>",
                F(text_x),
                F(cy + s.size * 0.35 + k as f64 * line_h),
                F(s.size),
                if m.kind == MarkKind::Article {
                    MarkKind::Article.color()
                } else {
                    INK
                },
                esc(l)
            );
        }
        out.push_str("</a>");
    }
    out.push_str("</g></svg>");
    out
}

/// Whether the period `outer` holds every day of `inner` (and is not the same date).
fn contains(outer: &Date, inner: &Date) -> bool {
    outer != inner && outer.earliest() <= inner.earliest() && inner.latest() <= outer.latest()
}

/// A vertical line, dashed when `dash` is given.
fn line(out: &mut String, x: f64, y0: f64, y1: f64, color: &str, dash: Option<&str>) {
    if y1 <= y0 {
        return;
    }
    put!(
        out,
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{color}\"{}/>",
        F(y0),
        F(y1),
        dash.map(|d| format!(" stroke-dasharray=\"{d}\"")).unwrap_or_default(),
        x = F(x)
    );
}

/// A mark on the line: filled for a day, hollow for a partial date.
fn mark(out: &mut String, kind: MarkKind, x: f64, y: f64, exact: bool, color: &str) {
    let (fill, stroke) = if exact { (color, "#fff") } else { ("#fff", color) };
    let width = if exact { 1.0 } else { 2.0 };
    let paint = format!(" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"/>");
    if kind == MarkKind::Incident {
        put!(out, "<circle cx=\"{}\" cy=\"{}\" r=\"5\"{paint}", F(x), F(y));
    } else {
        put!(
            out,
            "<path d=\"M{x} {t}L{r} {y}L{x} {b}L{l} {y}Z\"{paint}",
            x = F(x),
            y = F(y),
            t = F(y - 6.0),
            b = F(y + 6.0),
            l = F(x - 6.0),
            r = F(x + 6.0)
        );
    }
}

/// The legend's entries that the drawing uses.
fn legend_items(marks: &[TimelineMark]) -> Vec<(&'static str, &'static str)> {
    let mut items = Vec::new();
    let partial = |m: &TimelineMark| m.date.day.is_none() || m.end.is_some_and(|e| e.day.is_none());
    let period = |m: &TimelineMark| !partial(m) && m.end.is_some_and(|e| e > m.date);
    let day = |m: &TimelineMark| !partial(m) && !period(m);
    if marks.iter().any(|m| m.kind == MarkKind::Incident && day(m)) {
        items.push(("day-incident", "Incident on a known day"));
    }
    if marks.iter().any(|m| m.kind == MarkKind::Article && day(m)) {
        items.push(("day-article", "Source on a known day"));
    }
    if marks.iter().any(period) {
        items.push(("period", "Lasted several days (first to last day)"));
    }
    if marks.iter().any(partial) {
        items.push((
            "partial",
            "Only the month or year is known: somewhere in the dotted range",
        ));
    }
    items
}

/// How tall the legend is at `s`.
fn legend_height(marks: &[TimelineMark], s: ColumnStyle) -> f64 {
    let line_h = s.size * 1.35;
    let rows: usize = legend_items(marks)
        .iter()
        .map(|(_, t)| wrap(t, s.size, s.width - 40.0).len())
        .sum();
    8.0 + rows as f64 * line_h + 8.0
}

/// The legend, one entry a line (so that it is never cut at a phone's width).
fn legend(out: &mut String, marks: &[TimelineMark], s: ColumnStyle) {
    let line_h = s.size * 1.35;
    out.push_str("<g class=\"legend\" aria-hidden=\"true\">");
    let mut y = 8.0 + line_h / 2.0;
    for (glyph, text) in legend_items(marks) {
        let x = 18.0;
        match glyph {
            "day-incident" => mark(out, MarkKind::Incident, x, y, true, MarkKind::Incident.color()),
            "day-article" => mark(out, MarkKind::Article, x, y, true, MarkKind::Article.color()),
            "period" => {
                put!(
                    out,
                    "<path d=\"M{l} {t}H{r}M{x} {t}V{b}M{l} {b}H{r}\" stroke=\"{INK}\" stroke-width=\"2\" fill=\"none\"/>",
                    l = F(x - 5.0),
                    r = F(x + 5.0),
                    x = F(x),
                    t = F(y - 7.0),
                    b = F(y + 7.0)
                );
            }
            _ => {
                line(out, x - 9.0, y - 8.0, y + 8.0, INK, Some("2 3"));
                mark(out, MarkKind::Incident, x + 3.0, y, false, INK);
            }
        }
        for (k, l) in wrap(text, s.size, s.width - 40.0).iter().enumerate() {
            put!(
                out,
                "<text x=\"36\" y=\"{}\" font-size=\"{}\" fill=\"{INK}\">{}</text>",
                F(y + s.size * 0.35 + k as f64 * line_h),
                F(s.size),
                esc(l)
            );
            if k > 0 {
                y += line_h;
            }
        }
        y += line_h;
    }
    out.push_str("</g>");
}

/// An item's date as its label says it: "26 November 2008", "27 February – 1 March 2019",
/// "Sometime in September 2011", "Sometime in 2008"; short forms ("26 Nov") under a year
/// heading at phone width.
fn date_label(m: &TimelineMark, short: bool) -> String {
    let day = |d: &Date| match (d.month, d.day) {
        (Some(mo), Some(da)) => {
            let month = MONTHS[usize::from(mo.clamp(1, 12)) - 1];
            if short {
                format!("{da} {}", &month[..3])
            } else {
                format!("{da} {month}")
            }
        }
        (Some(mo), None) => {
            let month = MONTHS[usize::from(mo.clamp(1, 12)) - 1];
            if short {
                month[..3].to_string()
            } else {
                month.to_string()
            }
        }
        _ => d.year.to_string(),
    };
    let with_year = |d: &Date, text: String| {
        if short || d.month.is_none() {
            text
        } else {
            format!("{text} {}", d.year)
        }
    };
    let start = &m.date;
    let mut label = match m.end.filter(|e| e > start) {
        Some(e) if e.year == start.year => format!("{} – {}", day(start), with_year(&e, day(&e))),
        Some(e) => format!("{} – {}", with_year(start, day(start)), with_year(&e, day(&e))),
        None => with_year(start, day(start)),
    };
    if start.day.is_none() {
        label = if start.month.is_none() {
            format!("Sometime in {}", start.year)
        } else {
            format!("Sometime in {label}")
        };
    }
    label
}

/// The tooltip: "Title (subtitle)".
fn mark_title(m: &TimelineMark) -> String {
    let sub = m.subtitle.trim();
    if sub.is_empty() {
        m.title.trim().to_string()
    } else {
        format!("{} ({sub})", m.title.trim())
    }
}

/// Words split into lines no wider than `max` at `size` (a word longer than a line is left
/// whole).
fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if !cur.is_empty() && text_width(&candidate, size) > max {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        } else {
            cur = candidate;
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// The description: what is listed and how it is drawn.
fn column_desc(marks: &[TimelineMark]) -> String {
    let incidents = marks.iter().filter(|m| m.kind == MarkKind::Incident).count();
    let sources = marks.len() - incidents;
    let mut d = format!(
        "{incidents} incident{} and {sources} source{} in date order, top to bottom, each named beside its mark.",
        if incidents == 1 { "" } else { "s" },
        if sources == 1 { "" } else { "s" }
    );
    d.push_str(
        " A filled mark is a known day; a hollow mark is a date known only to the month or year, \
         with a dotted range over the items of that month or year; a bar with end caps lasted several days.",
    );
    d
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check_xml, date, tm};
    use super::*;

    fn sample() -> Vec<TimelineMark> {
        let mut v = vec![
            tm("2008-11-26", MarkKind::Incident, "Mumbai attacks", "a"),
            tm("2008", MarkKind::Incident, "Arrest of Lakhvi", "b"),
            tm("2008-12", MarkKind::Incident, "Raids", "c"),
            tm("2011-09-13", MarkKind::Incident, "Embassy attack", "d"),
        ];
        for k in 0..11 {
            v.push(tm(
                "2011-09",
                MarkKind::Incident,
                &format!("September item {k}"),
                &format!("s{k}"),
            ));
        }
        let mut pilot = tm("2019-02-27", MarkKind::Incident, "Pilot captured and returned", "p");
        pilot.end = Some(date("2019-03-01"));
        v.push(pilot);
        let mut article = tm("2019-03", MarkKind::Article, "A report", "r");
        article.class = String::new();
        v.push(article);
        v
    }

    #[test]
    fn every_item_is_named_in_visible_text() {
        for style in [WIDE, NARROW] {
            let s = timeline_column(&sample(), "tl", style);
            check_xml(&s);
            for m in sample() {
                // The name is text of the drawing, not only the link's tooltip.
                let shown = format!(">{}</text>", m.title);
                let wrapped_first = m.title.split_whitespace().next().unwrap();
                assert!(
                    s.contains(&shown) || s.contains(&format!(">{wrapped_first} ")),
                    "{} not shown",
                    m.title
                );
            }
            assert_eq!(s.matches("<a xlink:href=").count(), sample().len());
            assert!(!s.contains("NaN"));
        }
    }

    #[test]
    fn same_date_items_are_one_group_and_partial_dates_are_ranges() {
        let s = timeline_column(&sample(), "tl", WIDE);
        assert_eq!(
            s.matches(">Sometime in September 2011</text>").count(),
            1,
            "one label for the group"
        );
        assert!(s.contains(">11 items</text>"));
        assert_eq!(s.matches("class=\"tl-bracket\"").count(), 1);
        // 2008, December 2008, September 2011 and March 2019: four dotted ranges.
        assert_eq!(s.matches("class=\"tl-range\"").count(), 4);
        assert_eq!(s.matches("tl-partial").count(), 14);
        assert_eq!(s.matches("tl-period").count(), 1, "only the pilot lasted several days");
        assert!(s.contains(">27 February – 1 March 2019</text>"));
        assert!(s.contains(">nothing in 2009–2010</text>"));
        let narrow = timeline_column(&sample(), "tl", NARROW);
        assert!(narrow.contains(">26 Nov</text>"));
    }

    #[test]
    fn no_text_is_smaller_than_a_phone_can_read() {
        let s = timeline_column(&sample(), "tl", NARROW);
        for part in s.split("font-size=\"").skip(1) {
            let size: f64 = part[..part.find('"').unwrap()].parse().unwrap();
            assert!(size >= 12.0, "text at {size}");
        }
        // And it is drawn for a phone's width.
        assert!(s.contains("viewBox=\"0 0 360 "));
    }

    #[test]
    fn deterministic() {
        assert_eq!(
            timeline_column(&sample(), "t", WIDE),
            timeline_column(&sample(), "t", WIDE)
        );
    }
}
