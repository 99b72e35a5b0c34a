//! Pictures drawn at build time as static SVG, no JavaScript: the dossier's timeline of
//! incidents and source articles, the network of actors, and the small activity strip on each
//! actor page.
//!
//! This module owns the geometry and the markup of those pictures and nothing else. Callers (the
//! page renderers) gather the marks, nodes and edges, with every `href` already relative to the
//! page, and inline the returned `<svg>` element in the page. Every function is pure and
//! deterministic: identical input gives byte-identical output (no hash-map iteration, no
//! randomness, no platform maths beyond IEEE `+ - * / sqrt`, every number printed with at most
//! one decimal).
//!
//! Accessibility: each picture is named and described by its own `<title>` and `<desc>`
//! (`aria-labelledby`); every mark and node is an `<a xlink:href>` (not `href`: some crawlers read an SVG link's `.href` as a string and fail) whose `<title>` names it (its
//! tooltip and accessible name); the decoration (axis, legend) is `aria-hidden`. Colours are set
//! as presentation attributes, so a page without CSS still shows a legible picture (text contrast
//! at least 7:1 on white), and class names let a theme restyle everything. Kinds are told apart by
//! shape and dash pattern as well as by colour. Each picture scales with its container
//! (`viewBox`, `width="100%"`, `height="auto"`).

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use crate::model::Date;

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/// What a timeline or activity mark stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    /// An incident: the "Incidents" lane, drawn as a circle.
    Incident,
    /// A source article (or an excerpt of one): the "Sources" lane, drawn as a diamond.
    Article,
}

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

/// One actor in the network picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkNode {
    /// The actor's id (used for a stable layout order).
    pub id: String,
    /// Its name, the node's label.
    pub name: String,
    /// `person`, `state`, `agency`, `armed-group`, `organization` or `media` (anything else is
    /// drawn as "other").
    pub kind: String,
    /// The link to the actor page, already relative to the page.
    pub href: String,
    /// Excerpts plus mentions: the node's size.
    pub weight: usize,
}

/// What an edge of the network stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EdgeKind {
    /// A recorded relation, by relation type id (e.g. `founded-by`): an arrow from `from` to `to`.
    Relation(String),
    /// The two actors appear together in this many excerpts: an undirected dotted line.
    CoOccurrence(usize),
}

/// One edge of the network picture; `from` and `to` index the node slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkEdge {
    /// The source node (index into the nodes).
    pub from: usize,
    /// The target node (index into the nodes).
    pub to: usize,
    /// Relation or co-occurrence.
    pub kind: EdgeKind,
    /// The edge's tooltip, e.g. "Haqqani network founded by Jalaluddin Haqqani" (one is made up
    /// when empty).
    pub label: String,
}

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

// ---------------------------------------------------------------------------------------------
// Shared helpers: numbers, escaping, ids, text widths
// ---------------------------------------------------------------------------------------------

/// Main text (15.9:1 on white).
const INK: &str = "#222";
/// Secondary text (8.5:1 on white).
const MUTED: &str = "#4d4d4d";
/// Axis lines and ticks.
const RULE: &str = "#767676";
/// Incidents.
const INCIDENT: &str = "#b3261e";
/// Sources.
const SOURCE: &str = "#1f4e79";
/// Co-occurrence edges.
const COOC: &str = "#8c8c8c";

/// Write formatted text to a `String` (which cannot fail).
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {
        let _ = write!($out, $($arg)*);
    };
}

/// A coordinate as written in the SVG: at most one decimal, never `-0`, never NaN.
#[derive(Clone, Copy)]
struct F(f64);

impl fmt::Display for F {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let s = format!("{v:.1}");
        let s = s.strip_suffix(".0").unwrap_or(&s);
        f.write_str(if s == "-0" { "0" } else { s })
    }
}

/// Text escaped for XML and HTML alike (`& < > " '`); control characters and whitespace runs
/// become single spaces.
fn esc(s: &str) -> String {
    let words: Vec<&str> = s
        .split(|c: char| c.is_control() || c.is_whitespace() || is_nonchar(c))
        .filter(|w| !w.is_empty())
        .collect();
    crate::render::markdown::escape_attr(&words.join(" "))
}

/// Unicode noncharacters, which HTML reports as errors.
fn is_nonchar(c: char) -> bool {
    let u = c as u32;
    (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE
}

/// The id prefix made safe for `id` and `aria-labelledby`: ASCII letters, digits, `-` and `_`,
/// starting with a letter.
fn clean_id(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "svg-");
    }
    out
}

/// A CSS class token made safe (`[A-Za-z0-9_-]`), or `None` when nothing is left.
fn class_token(s: &str) -> Option<String> {
    let t: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let t = t.trim_matches('-').to_string();
    (!t.is_empty()).then_some(t)
}

/// Extra classes, each made safe, joined with spaces (with a leading space when not empty).
fn extra_classes(s: &str) -> String {
    s.split_whitespace()
        .filter_map(class_token)
        .map(|t| format!(" {t}"))
        .collect()
}

/// About how wide `s` is in a sans-serif face at `size` (an estimate for layout: no font
/// metrics at build time).
fn text_width(s: &str, size: f64) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | '\'' | '|' | '!' | ':' | ';' | '‘' | '’' => 0.28,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' | 'I' => 0.36,
            'm' | 'w' => 0.84,
            'M' | 'W' => 0.9,
            '–' | '—' => 0.75,
            'A'..='Z' => 0.69,
            '0'..='9' => 0.56,
            _ => 0.56,
        })
        .sum();
    em * size
}

/// `"a, b and c"`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `"1 incident"`, `"3 incidents"`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Two counted phrases joined by "and", leaving out one that counts zero (but not both).
fn both(a: String, na: usize, b: String, nb: usize) -> String {
    match (na, nb) {
        (_, 0) => a,
        (0, _) => b,
        _ => format!("{a} and {b}"),
    }
}

/// " on 11 September 2011", " in September 2011" or " from 2008 to March 2019".
fn when_phrase(first: &Date, last: &Date) -> String {
    let (a, b) = (human(first), human(last));
    if a != b {
        format!(" from {a} to {b}")
    } else if precision(first) == Precision::Day {
        format!(" on {a}")
    } else {
        format!(" in {a}")
    }
}

/// The opening `<svg>` tag with its `<title>` and `<desc>`, then a white backing (so the
/// colours keep their contrast on any page background; a theme may restyle `.svg-bg`).
fn open_svg(out: &mut String, id: &str, class: &str, size: (f64, f64), title: &str, desc: &str) {
    put!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"svg-picture {class}\" viewBox=\"0 0 {w} {h}\" \
         width=\"100%\" font-family=\"sans-serif\" font-size=\"12\" \
         aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title>\
         <desc id=\"{id}-desc\">{}</desc><rect class=\"svg-bg\" width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>",
        esc(title),
        esc(desc),
        w = F(size.0),
        h = F(size.1),
    );
}

/// The small picture for empty input: a title, a description and the words "Nothing to draw".
fn nothing(id: &str, class: &str, title: &str, desc: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"svg-picture {class} svg-empty\" \
         viewBox=\"0 0 320 32\" width=\"320\" height=\"32\" font-family=\"sans-serif\" font-size=\"13\" \
         aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title>\
         <desc id=\"{id}-desc\">{}</desc><rect class=\"svg-bg\" width=\"320\" height=\"32\" fill=\"#fff\"/>\
         <text x=\"8\" y=\"21\" fill=\"{MUTED}\">Nothing to draw</text></svg>",
        esc(title),
        esc(desc)
    )
}

/// A date for readers, never panicking on a malformed month.
fn human(d: &Date) -> String {
    if d.month.is_none_or(|m| (1..=12).contains(&m)) && (d.month.is_some() || d.day.is_none()) {
        d.human()
    } else {
        d.iso()
    }
}

/// cos and sin by Taylor series, so that the layout has the same bits on every platform (libm's
/// `sin` and `cos` may differ in the last place between platforms).
fn cos_sin(a: f64) -> (f64, f64) {
    let tau = 2.0 * std::f64::consts::PI;
    let mut x = a % tau;
    if x > std::f64::consts::PI {
        x -= tau;
    } else if x < -std::f64::consts::PI {
        x += tau;
    }
    let (mut c, mut s) = (0.0, 0.0);
    let (mut tc, mut ts) = (1.0, x);
    for k in 0..24 {
        c += tc;
        s += ts;
        let k = k as f64;
        tc *= -x * x / ((2.0 * k + 1.0) * (2.0 * k + 2.0));
        ts *= -x * x / ((2.0 * k + 2.0) * (2.0 * k + 3.0));
    }
    (c, s)
}

// ---------------------------------------------------------------------------------------------
// Time and the broken axis
// ---------------------------------------------------------------------------------------------

/// Days in a year, as in `Date::axis_days`.
const YEAR: f64 = 365.2425;
/// Days in a month, as in `Date::axis_days`.
const MONTH: f64 = YEAR / 12.0;
/// Short month names for axis labels.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Precision {
    Day,
    Month,
    Year,
}

fn precision(d: &Date) -> Precision {
    match (d.month, d.day) {
        (Some(_), Some(_)) => Precision::Day,
        (Some(_), None) => Precision::Month,
        _ => Precision::Year,
    }
}

/// Where the period a date names starts, in days on the same scale as `Date::axis_days`.
fn start_of(d: &Date) -> f64 {
    let y = d.year as f64 * YEAR;
    match (d.month, d.day) {
        (Some(m), Some(day)) => y + (m as f64 - 1.0) * MONTH + day as f64 - 1.0,
        (Some(m), None) => y + (m as f64 - 1.0) * MONTH,
        _ => y,
    }
}

/// Where the period a date names ends (a day, a month or a year after its start).
fn end_of(d: &Date) -> f64 {
    start_of(d)
        + match precision(d) {
            Precision::Day => 1.0,
            Precision::Month => MONTH,
            Precision::Year => YEAR,
        }
}

/// A month on the axis as "March 2019", from its index (12 × year + month − 1).
fn month_name(index: i64) -> String {
    format!(
        "{} {}",
        crate::model::MONTHS[index.rem_euclid(12) as usize],
        index.div_euclid(12)
    )
}

/// How a dated item is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Extent {
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
    fn class(self) -> &'static str {
        match self {
            Extent::Day => "tl-day",
            Extent::Period => "tl-period",
            Extent::Month => "tl-month",
            Extent::Year => "tl-year",
            Extent::Range => "tl-range",
        }
    }

    /// Whether the bar stands for uncertainty (drawn light) rather than duration.
    fn is_partial(self) -> bool {
        matches!(self, Extent::Month | Extent::Year | Extent::Range)
    }
}

/// A dated item on the time scale: `[start, end)` in days.
#[derive(Debug, Clone, Copy)]
struct Placed {
    start: f64,
    end: f64,
    extent: Extent,
}

impl Placed {
    fn of(date: &Date, end: Option<&Date>) -> Placed {
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
}

/// The sizes that shape a broken axis.
struct Geometry {
    /// Width of the gap drawn for an axis break.
    break_w: f64,
    /// Least width of one stretch of axis.
    min_w: f64,
    /// Blank axis at each end of a stretch, so marks at its edges are not cut.
    pad: f64,
    /// A stretch longer than this (days) with nothing in it becomes a break.
    gap: f64,
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

/// A time axis broken where nothing happens for a long time. Each stretch is linear and covers
/// whole months; stretches share one scale except that a short one is widened to a least width.
#[derive(Debug, Clone)]
struct Axis {
    segs: Vec<Segment>,
    pad: f64,
}

impl Axis {
    /// The axis for these `[start, end)` intervals between pixels `left` and `right`. `anchors`
    /// are instants the axis must reach (the ends of a span) without claiming room: a stretch
    /// holding only anchors gets the least width. The break threshold doubles until the
    /// stretches fit.
    fn fit(intervals: &[(f64, f64)], anchors: &[f64], left: f64, right: f64, g: &Geometry) -> Axis {
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
    fn x(&self, t: f64) -> f64 {
        // A day of slack: a month's start computed from a date may differ in the last bits from
        // the stretch's start computed from a month index.
        let i = self.segs.partition_point(|s| s.t0 <= t + 1.0).saturating_sub(1);
        let s = &self.segs[i];
        let t = t.clamp(s.t0, s.t1);
        s.x0 + (t - s.t0) * (s.x1 - s.x0) / (s.t1 - s.t0)
    }

    /// The breaks: (centre x, label, full description).
    fn breaks(&self) -> Vec<(f64, String, String)> {
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
                let full = format!(
                    "Axis break: nothing from {} to {}",
                    month_name(a),
                    month_name((b - 1).max(a))
                );
                (cx, label, full)
            })
            .collect()
    }

    /// The ticks (x, major) and the labels of the axis: year labels in `year_row` (priority 0 at
    /// year starts, 1 at the start of a stretch), month labels (priority 2, when a stretch is
    /// short and there is room, as initials too when `initials`) in `month_row`.
    fn ticks(&self, initials: bool, year_row: usize, month_row: usize) -> (Vec<(f64, bool)>, Vec<Label>) {
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
struct Label {
    x: f64,
    middle: bool,
    text: String,
    row: usize,
    prio: u8,
}

impl Label {
    fn new(x: f64, middle: bool, text: String, row: usize, prio: u8) -> Label {
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
fn place_labels(mut labels: Vec<Label>, sizes: &[f64], min_x: f64, max_x: f64) -> Vec<(f64, String, usize)> {
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

/// Pack extents `[a, b]` into rows so that none overlap, visiting them in `order`; past
/// `max_rows` an item goes to the row that frees up first. Returns each item's row and the
/// number of rows.
fn pack(extents: &[(f64, f64)], order: &[usize], max_rows: usize) -> (Vec<usize>, usize) {
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
fn order_by_extent(idx: impl Iterator<Item = usize>, extents: &[(f64, f64)]) -> Vec<usize> {
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

/// Draw the axis lines, ticks and break glyphs at `y`; `guides` draws the breaks' dashed lines
/// up to `guide_top`.
fn draw_axis(out: &mut String, axis: &Axis, ticks: &[(f64, bool)], y: f64, guide_top: Option<f64>) {
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
    for (cx, _, full) in axis.breaks() {
        put!(out, "<g class=\"axis-break\"><title>{}</title>", esc(&full));
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
fn draw_labels(out: &mut String, labels: &[(f64, String, usize)], rows: &[(f64, f64, bool)]) {
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

// ---------------------------------------------------------------------------------------------
// Glyphs and legends
// ---------------------------------------------------------------------------------------------

/// A node shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Circle,
    Square,
    Diamond,
    Triangle,
    Hexagon,
    InvTriangle,
}

/// Write a filled shape centred on (x, y) with "radius" r, with a white outline.
fn shape(out: &mut String, s: Shape, x: f64, y: f64, r: f64, fill: &str) {
    let end = format!(" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"1\"/>");
    match s {
        Shape::Circle => {
            put!(out, "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{end}", F(x), F(y), F(r));
        }
        Shape::Square => {
            let h = r * 0.9;
            put!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{end}",
                F(x - h),
                F(y - h),
                F(2.0 * h),
                F(2.0 * h)
            );
        }
        Shape::Diamond => {
            let h = r * 1.2;
            put!(
                out,
                "<path d=\"M{} {}L{} {}L{} {}L{} {}Z\"{end}",
                F(x),
                F(y - h),
                F(x + h),
                F(y),
                F(x),
                F(y + h),
                F(x - h),
                F(y)
            );
        }
        Shape::Triangle | Shape::InvTriangle => {
            let h = r * 1.25;
            let dir = if s == Shape::Triangle { 1.0 } else { -1.0 };
            let half = h * 0.866_025_403_784_438_6;
            put!(
                out,
                "<path d=\"M{} {}L{} {}L{} {}Z\"{end}",
                F(x),
                F(y - dir * h),
                F(x + half),
                F(y + dir * h / 2.0),
                F(x - half),
                F(y + dir * h / 2.0)
            );
        }
        Shape::Hexagon => {
            let h = r * 1.1;
            let half = h * 0.866_025_403_784_438_6;
            put!(
                out,
                "<path d=\"M{} {}L{} {}L{} {}L{} {}L{} {}L{} {}Z\"{end}",
                F(x - h),
                F(y),
                F(x - h / 2.0),
                F(y - half),
                F(x + h / 2.0),
                F(y - half),
                F(x + h),
                F(y),
                F(x + h / 2.0),
                F(y + half),
                F(x - h / 2.0),
                F(y + half)
            );
        }
    }
}

/// A bar from x0 to x1 centred on y: solid, or light with an outline for a partial date.
fn bar(out: &mut String, x0: f64, x1: f64, y: f64, h: f64, color: &str, light: bool) {
    let w = (x1 - x0).max(3.0);
    let fill = if light { tint(color) } else { color.to_string() };
    put!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"{fill}\"",
        F(x0),
        F(y - h / 2.0),
        F(w),
        F(h)
    );
    if light {
        put!(out, " stroke=\"{color}\"");
    }
    out.push_str("/>");
}

/// A colour `#rrggbb` mixed with three parts of white: the opaque fill of a light bar (opaque,
/// so that stacked bars do not darken into a solid one).
fn tint(hex: &str) -> String {
    let h = hex.trim_start_matches('#');
    let full: String = if h.len() == 3 {
        h.chars().flat_map(|c| [c, c]).collect()
    } else {
        h.to_string()
    };
    let channel = |i: usize| {
        full.get(i..i + 2)
            .and_then(|c| u32::from_str_radix(c, 16).ok())
            .unwrap_or(0)
    };
    let mix = |c: u32| (c + 3 * 255 + 2) / 4;
    format!("#{:02x}{:02x}{:02x}", mix(channel(0)), mix(channel(2)), mix(channel(4)))
}

/// What a legend item shows.
enum Glyph {
    Shape(Shape, &'static str),
    Bar(&'static str, bool),
    Line {
        color: &'static str,
        dash: Option<&'static str>,
        width: f64,
        marker: Option<String>,
    },
}

/// Lay out legend items left to right from (x0, y) (first baseline), wrapping at `max_x`;
/// returns the y below the last row.
fn legend(out: &mut String, items: &[(Glyph, String)], x0: f64, y: f64, max_x: f64, size: f64) -> f64 {
    let row_h = size + 9.0;
    let (mut x, mut y) = (x0, y);
    out.push_str("<g class=\"legend\" aria-hidden=\"true\">");
    for (glyph, text) in items {
        let gw = match glyph {
            Glyph::Line { .. } => 30.0,
            Glyph::Bar(..) => 20.0,
            Glyph::Shape(..) => 12.0,
        };
        let w = gw + 5.0 + text_width(text, size);
        if x > x0 && x + w > max_x {
            x = x0;
            y += row_h;
        }
        let cy = y - size * 0.35;
        match glyph {
            Glyph::Shape(s, c) => shape(out, *s, x + 6.0, cy, 5.0, c),
            Glyph::Bar(c, light) => bar(out, x, x + gw, cy, 8.0, c, *light),
            Glyph::Line {
                color,
                dash,
                width,
                marker,
            } => {
                put!(
                    out,
                    "<path d=\"M{} {}H{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{}\"",
                    F(x),
                    F(cy),
                    F(x + gw - 2.0),
                    F(*width)
                );
                if let Some(d) = dash {
                    put!(out, " stroke-dasharray=\"{d}\"");
                }
                if let Some(m) = marker {
                    put!(out, " marker-end=\"url(#{m})\"");
                }
                out.push_str("/>");
            }
        }
        put!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{INK}\">{}</text>",
            F(x + gw + 5.0),
            F(y),
            F(size),
            esc(text)
        );
        x += w + 16.0;
    }
    out.push_str("</g>");
    y + row_h - size
}

// ---------------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------------

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
/// the month or year is a light bar over that month or year; an incident with an `end` is a
/// solid bar from `date` to `end`. Marks that would overlap stack in rows. Stretches of more than
/// a year with nothing in them are cut out of the axis and shown as a labelled break. Each mark
/// is a link to `href` with a `<title>` (title, subtitle and date).
pub fn timeline(marks: &[TimelineMark], id: &str) -> String {
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
    // Pixel extents: a point's centre twice, or a bar's ends.
    let shapes: Vec<(f64, f64)> = placed
        .iter()
        .map(|p| match p.extent {
            Extent::Day => {
                let c = axis.x(p.start + 0.5);
                (c, c)
            }
            _ => (axis.x(p.start), axis.x(p.end)),
        })
        .collect();
    let extents: Vec<(f64, f64)> = shapes
        .iter()
        .zip(&placed)
        .map(|(&(a, b), p)| match p.extent {
            Extent::Day => (a - 6.0, b + 6.0),
            _ => (a - 1.0, b.max(a + 3.0) + 1.0),
        })
        .collect();

    let lanes = [
        (MarkKind::Incident, "Incidents", INCIDENT, "tl-incident"),
        (MarkKind::Article, "Sources", SOURCE, "tl-article"),
    ];
    let mut lane_orders = Vec::new();
    let mut rows_of = vec![0; marks.len()];
    let mut lane_rows = Vec::new();
    for (kind, ..) in &lanes {
        let order = order_by_extent((0..marks.len()).filter(|&i| marks[i].kind == *kind), &extents);
        let (rows, n) = pack(&extents, &order, TL_MAX_ROWS);
        for &i in &order {
            rows_of[i] = rows[i];
        }
        lane_orders.push(order);
        lane_rows.push(n);
    }

    // Legend items present in the data.
    let has = |f: &dyn Fn(usize) -> bool| (0..marks.len()).any(f);
    let mut items = Vec::new();
    if has(&|i| marks[i].kind == MarkKind::Incident && placed[i].extent == Extent::Day) {
        items.push((Glyph::Shape(Shape::Circle, INCIDENT), "Incident, exact day".to_string()));
    }
    if has(&|i| marks[i].kind == MarkKind::Article && placed[i].extent == Extent::Day) {
        items.push((Glyph::Shape(Shape::Diamond, SOURCE), "Source, exact day".to_string()));
    }
    if has(&|i| placed[i].extent == Extent::Period) {
        items.push((Glyph::Bar(MUTED, false), "Several days".to_string()));
    }
    if has(&|i| placed[i].extent.is_partial()) {
        items.push((Glyph::Bar(MUTED, true), "Month or year only".to_string()));
    }

    // Vertical layout.
    let mut body = String::new();
    let legend_bottom = legend(&mut body, &items, TL_LEFT, 18.0, TL_W - TL_RIGHT, 11.0);
    let lanes_top = legend_bottom + 8.0;
    let mut lane_tops = Vec::new();
    let mut y = lanes_top;
    for &n in &lane_rows {
        lane_tops.push(y);
        y += 2.0 * TL_LANE_PAD + n as f64 * TL_ROW;
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
    for (li, (_, name, _, class)) in lanes.iter().enumerate() {
        let top = lane_tops[li];
        let h = 2.0 * TL_LANE_PAD + lane_rows[li] as f64 * TL_ROW;
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
    for (li, (_, _, color, class)) in lanes.iter().enumerate() {
        for &i in &lane_orders[li] {
            let m = &marks[i];
            let p = placed[i];
            let cy = lane_tops[li] + TL_LANE_PAD + rows_of[i] as f64 * TL_ROW + TL_ROW / 2.0;
            put!(
                marks_svg,
                "<a xlink:href=\"{}\" class=\"tl-mark {class} {}{}\"><title>{}</title>",
                esc(&m.href),
                p.extent.class(),
                extra_classes(&m.class),
                esc(&mark_title(m))
            );
            let (a, b) = shapes[i];
            match p.extent {
                Extent::Day => {
                    let s = if m.kind == MarkKind::Incident {
                        Shape::Circle
                    } else {
                        Shape::Diamond
                    };
                    shape(&mut marks_svg, s, a, cy, 4.5, color);
                }
                e => bar(&mut marks_svg, a, b, cy, 8.0, color, e.is_partial()),
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
        .map(|(cx, label, _)| Label::new(*cx, true, label.clone(), 0, 0))
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

    let desc = timeline_desc(marks, &placed, &breaks);
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
fn timeline_desc(marks: &[TimelineMark], placed: &[Placed], breaks: &[(f64, String, String)]) -> String {
    let incidents = marks.iter().filter(|m| m.kind == MarkKind::Incident).count();
    let sources = marks.len() - incidents;
    let first = (0..marks.len())
        .min_by(|&a, &b| placed[a].start.total_cmp(&placed[b].start))
        .unwrap_or(0);
    let last = (0..marks.len())
        .max_by(|&a, &b| placed[a].end.total_cmp(&placed[b].end).then(b.cmp(&a)))
        .unwrap_or(0);
    let to = marks[last]
        .end
        .as_ref()
        .filter(|e| **e > marks[last].date)
        .unwrap_or(&marks[last].date);
    let mut d = both(
        count(incidents, "incident", "incidents"),
        incidents,
        count(sources, "source article", "source articles"),
        sources,
    );
    d.push_str(&when_phrase(&marks[first].date, to));
    d.push_str(", on a time axis running left to right; incidents on the upper lane, sources on the lower.");
    if !breaks.is_empty() {
        let gaps: Vec<String> = breaks.iter().map(|b| b.1.clone()).collect();
        put!(
            d,
            " The axis is cut where more than a year passed with nothing to show ({}).",
            gaps.join("; ")
        );
    }
    if placed.iter().any(|p| p.extent.is_partial()) {
        d.push_str(" Items dated only to a month or a year are bars spanning that month or year.");
    }
    d
}

// ---------------------------------------------------------------------------------------------
// Activity strip
// ---------------------------------------------------------------------------------------------

/// Strip viewBox width.
const ST_W: f64 = 600.0;
/// Strip viewBox height.
const ST_H: f64 = 72.0;
/// The strip's axis line.
const ST_AXIS_Y: f64 = 52.0;
/// The strip's text size.
const ST_FONT: f64 = 12.0;
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
/// `<title>`. Years without any of the actor's activity for more than a year are cut out of the
/// axis as labelled breaks, so the axis always runs from the span's start to its end but the
/// actor's own clusters get room.
pub fn activity_strip(marks: &[ActivityMark], span: (Date, Date), id: &str) -> String {
    let id = clean_id(id);
    let title = "Activity over the dossier's span";
    let (s0, s1) = if span.0 <= span.1 { span } else { (span.1, span.0) };
    if marks.is_empty() {
        return nothing(
            &id,
            "svg-strip",
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
    let axis = Axis::fit(
        &intervals,
        &[start_of(&s0), end_of(&s1)],
        10.0,
        ST_W - 10.0,
        &ST_GEOMETRY,
    );

    let shapes: Vec<(f64, f64)> = placed
        .iter()
        .map(|p| match p.extent {
            Extent::Day => {
                let c = axis.x(p.start + 0.5);
                (c, c)
            }
            _ => (axis.x(p.start), axis.x(p.end)),
        })
        .collect();
    let extents: Vec<(f64, f64)> = shapes
        .iter()
        .map(|&(a, b)| {
            let c = (a + b) / 2.0;
            (a.min(c - 6.0), b.max(c + 6.0))
        })
        .collect();
    let order = order_by_extent(0..marks.len(), &extents);
    let (rows, _) = pack(&extents, &order, 3);

    let mut out = String::with_capacity(1024 + marks.len() * 200);
    let incidents = marks.iter().filter(|m| m.kind == MarkKind::Incident).count();
    let first = (0..marks.len())
        .min_by(|&a, &b| placed[a].start.total_cmp(&placed[b].start))
        .unwrap_or(0);
    let last = (0..marks.len())
        .max_by(|&a, &b| placed[a].end.total_cmp(&placed[b].end).then(b.cmp(&a)))
        .unwrap_or(0);
    let sources = marks.len() - incidents;
    let mut desc = both(
        count(incidents, "incident", "incidents"),
        incidents,
        count(sources, "source excerpt", "source excerpts"),
        sources,
    );
    desc.push_str(&when_phrase(&marks[first].date, &marks[last].date));
    put!(
        desc,
        ", on an axis from {} to {} (the dossier's span).",
        human(&s0),
        human(&s1)
    );
    let breaks = axis.breaks();
    if !breaks.is_empty() {
        let gaps: Vec<String> = breaks.iter().map(|b| b.1.clone()).collect();
        put!(desc, " The axis is cut where nothing happened ({}).", gaps.join("; "));
    }
    open_svg(&mut out, &id, "svg-strip", (ST_W, ST_H), title, &desc);

    // Legend, top right.
    let mut items = vec![
        (Glyph::Shape(Shape::Circle, INCIDENT), "incident".to_string()),
        (Glyph::Shape(Shape::Diamond, SOURCE), "source excerpt".to_string()),
    ];
    if placed.iter().any(|p| p.extent.is_partial()) {
        items.push((Glyph::Bar(MUTED, true), "month or year only".to_string()));
    }
    let legend_w: f64 = items
        .iter()
        .map(|(g, t)| {
            let gw = if matches!(g, Glyph::Bar(..)) { 20.0 } else { 12.0 };
            gw + 5.0 + text_width(t, ST_FONT - 1.0) + 16.0
        })
        .sum::<f64>()
        - 16.0;
    legend(&mut out, &items, ST_W - 8.0 - legend_w, 13.0, ST_W, ST_FONT - 1.0);

    let (ticks, mut labels) = axis.ticks(false, 0, 0);
    for (cx, label, _) in &breaks {
        labels.push(Label::new(*cx, true, label.clone(), 0, 3));
    }
    out.push_str("<g class=\"strip-axis\" aria-hidden=\"true\">");
    draw_axis(&mut out, &axis, &ticks, ST_AXIS_Y, None);
    let placed_labels = place_labels(labels, &[ST_FONT], 2.0, ST_W - 2.0);
    draw_labels(&mut out, &placed_labels, &[(ST_AXIS_Y + 16.0, ST_FONT, false)]);
    out.push_str("</g><g class=\"strip-marks\">");
    for &i in &order {
        let m = &marks[i];
        let p = placed[i];
        let cy = ST_AXIS_Y - 8.0 - rows[i] as f64 * 10.0;
        let (kind_class, what, color, s) = match m.kind {
            MarkKind::Incident => ("tl-incident", "Incident", INCIDENT, Shape::Circle),
            MarkKind::Article => ("tl-article", "Source", SOURCE, Shape::Diamond),
        };
        put!(
            out,
            "<a xlink:href=\"{}\" class=\"strip-mark {kind_class} {}\"><title>{}</title>",
            esc(&m.href),
            p.extent.class(),
            esc(&format!("{what}: {} ({})", m.title.trim(), human(&m.date)))
        );
        let (a, b) = shapes[i];
        if p.extent != Extent::Day {
            bar(&mut out, a, b, cy, 6.0, color, true);
        }
        let r = if p.extent == Extent::Day { 4.0 } else { 3.0 };
        shape(&mut out, s, (a + b) / 2.0, cy, r, color);
        out.push_str("</a>");
    }
    out.push_str("</g></svg>");
    out
}

// ---------------------------------------------------------------------------------------------
// Network
// ---------------------------------------------------------------------------------------------

/// How a node kind is drawn: (layout rank, colour, shape, legend name).
fn kind_style(kind: &str) -> (u8, &'static str, Shape, &'static str) {
    match kind {
        "person" => (0, "#6a3d9a", Shape::Circle, "Person"),
        "state" => (1, "#1f4e79", Shape::Square, "State"),
        "agency" => (2, "#00695c", Shape::Diamond, "Agency"),
        "armed-group" => (3, "#b3261e", Shape::Triangle, "Armed group"),
        "organization" => (4, "#8a5a00", Shape::Hexagon, "Organization"),
        "media" => (5, "#4d4d4d", Shape::InvTriangle, "Media"),
        _ => (6, "#767676", Shape::Circle, "Other"),
    }
}

/// A family of relation types, drawn alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    Structure,
    Cooperation,
    Allegation,
    Hostility,
    Other,
}

impl Family {
    fn of(rel: &str) -> Family {
        match rel {
            "member-of" | "leader-of" | "spokesperson-for" | "part-of" | "founded-by" | "front-for" => {
                Family::Structure
            }
            "allied-with" | "negotiates-with" => Family::Cooperation,
            "accused-of-links-to" => Family::Allegation,
            "opposes" => Family::Hostility,
            _ => Family::Other,
        }
    }

    /// (class suffix, colour, dash pattern, legend name).
    fn style(self) -> (&'static str, &'static str, Option<&'static str>, &'static str) {
        match self {
            Family::Structure => ("structure", "#1f4e79", None, "Membership, leadership, founding"),
            Family::Cooperation => ("cooperation", "#2e6b30", Some("10 3"), "Alliance, negotiation"),
            Family::Allegation => ("allegation", "#8a5a00", Some("5 3"), "Alleged links"),
            Family::Hostility => ("hostility", "#b3261e", Some("8 3 2 3"), "Opposition"),
            Family::Other => ("other", "#4d4d4d", Some("1 2"), "Other relation"),
        }
    }
}

/// Least network width.
const NET_MIN_W: f64 = 560.0;
/// Greatest network width.
const NET_MAX_W: f64 = 1100.0;
/// Node label font size.
const NET_FONT: f64 = 11.0;

/// A node's size from its weight.
fn node_radius(weight: usize) -> f64 {
    (5.0 + 1.5 * (weight as f64).sqrt()).min(16.0)
}

/// A name on one or two lines (split at the space nearest the middle when long).
fn wrap_name(name: &str) -> Vec<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if text_width(&name, NET_FONT) <= 110.0 || !name.contains(' ') {
        return vec![name];
    }
    let mid = name.chars().count() / 2;
    let best = name
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(b, _)| b)
        .min_by_key(|&b| (name[..b].chars().count() as i64 - mid as i64).abs())
        .unwrap_or(0);
    vec![name[..best].to_string(), name[best + 1..].to_string()]
}

/// Deterministic Fruchterman–Reingold layout in `[0, w] × [0, h]`: nodes start on an ellipse
/// in `order`, then a fixed number of cooling iterations (capped so 200 nodes take well under a
/// second) of pairwise repulsion, attraction along `links` (a, b, weight) and a weak pull to
/// the centre.
fn force_layout(n: usize, order: &[usize], links: &[(usize, usize, f64)], w: f64, h: f64) -> Vec<(f64, f64)> {
    let mut p = vec![(w / 2.0, h / 2.0); n];
    if n <= 1 {
        return p;
    }
    for (rank, &i) in order.iter().enumerate() {
        let (c, s) = cos_sin(2.0 * std::f64::consts::PI * rank as f64 / n as f64);
        p[i] = (w / 2.0 + 0.4 * w * c, h / 2.0 + 0.4 * h * s);
    }
    let k = (w * h / n as f64).sqrt() * 0.75;
    let iters = (12_000_000 / (n * n)).clamp(60, 300);
    let mut temp = w.min(h) / 8.0;
    let cool = temp / (iters as f64 + 1.0);
    let gravity = 5.0 * k / w.min(h);
    let mut disp = vec![(0.0f64, 0.0f64); n];
    for _ in 0..iters {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in i + 1..n {
                let (mut dx, mut dy) = (p[i].0 - p[j].0, p[i].1 - p[j].1);
                let mut d2 = dx * dx + dy * dy;
                if d2 < 1e-4 {
                    dx = if (i + j) % 2 == 0 { 0.01 } else { -0.01 };
                    dy = 0.01;
                    d2 = 2e-4;
                }
                let f = k * k / d2;
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(a, b, wt) in links {
            let (dx, dy) = (p[a].0 - p[b].0, p[a].1 - p[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d / k * wt;
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for i in 0..n {
            let (dx, dy) = (w / 2.0 - p[i].0, h / 2.0 - p[i].1);
            disp[i].0 += dx * gravity;
            disp[i].1 += dy * gravity;
            let len = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1).sqrt();
            if len > 0.0 {
                let step = len.min(temp) / len;
                p[i].0 = (p[i].0 + disp[i].0 * step).clamp(0.0, w);
                p[i].1 = (p[i].1 + disp[i].1 * step).clamp(0.0, h);
            }
        }
        temp = (temp - cool).max(0.5);
    }
    p
}

/// Fit positions into `[x0, x1] × [y0, y1]` (shrinking evenly when needed, never enlarging,
/// centred), then push apart nodes closer than their radii plus `sep`.
fn fit_and_separate(p: &mut [(f64, f64)], radii: &[f64], area: (f64, f64, f64, f64), sep: f64) {
    let (x0, y0, x1, y1) = area;
    let (mut lx, mut ly, mut hx, mut hy) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for &(x, y) in p.iter() {
        lx = lx.min(x);
        ly = ly.min(y);
        hx = hx.max(x);
        hy = hy.max(y);
    }
    let sx = if hx - lx > 1e-6 { (x1 - x0) / (hx - lx) } else { 1.0 };
    let sy = if hy - ly > 1e-6 { (y1 - y0) / (hy - ly) } else { 1.0 };
    let scale = sx.min(sy).min(1.0);
    let (cx, cy) = ((lx + hx) / 2.0, (ly + hy) / 2.0);
    let (ax, ay) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    for q in p.iter_mut() {
        q.0 = ax + (q.0 - cx) * scale;
        q.1 = ay + (q.1 - cy) * scale;
    }
    let n = p.len();
    for _ in 0..40 {
        let mut moved = false;
        for i in 0..n {
            for j in i + 1..n {
                let min = radii[i] + radii[j] + sep;
                let (mut dx, mut dy) = (p[j].0 - p[i].0, p[j].1 - p[i].1);
                let mut d = (dx * dx + dy * dy).sqrt();
                if d >= min {
                    continue;
                }
                if d < 1e-6 {
                    dx = 1.0;
                    dy = if (i + j) % 2 == 0 { 0.5 } else { -0.5 };
                    d = (dx * dx + dy * dy).sqrt();
                }
                let push = (min - d) / 2.0 / d;
                p[i].0 = (p[i].0 - dx * push).clamp(x0, x1);
                p[i].1 = (p[i].1 - dy * push).clamp(y0, y1);
                p[j].0 = (p[j].0 + dx * push).clamp(x0, x1);
                p[j].1 = (p[j].1 + dy * push).clamp(y0, y1);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

/// A rectangle (x, y, w, h).
type Rect = (f64, f64, f64, f64);

fn overlap(a: Rect, b: Rect) -> f64 {
    let w = (a.0 + a.2).min(b.0 + b.2) - a.0.max(b.0);
    let h = (a.1 + a.3).min(b.1 + b.3) - a.1.max(b.1);
    if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
}

/// Place each node's label box (w × h) beside its node, trying eight positions and keeping the
/// one that overlaps other labels and nodes least (heaviest nodes first).
fn place_node_labels(p: &[(f64, f64)], radii: &[f64], sizes: &[(f64, f64)], prio: &[usize], bounds: Rect) -> Vec<Rect> {
    let n = p.len();
    let nodes: Vec<Rect> = (0..n)
        .map(|i| (p[i].0 - radii[i], p[i].1 - radii[i], 2.0 * radii[i], 2.0 * radii[i]))
        .collect();
    let mut placed: Vec<Option<Rect>> = vec![None; n];
    for &i in prio {
        let (x, y) = p[i];
        let r = radii[i] + 2.0;
        let (w, h) = sizes[i];
        let candidates = [
            (x + r, y - h / 2.0),
            (x - r - w, y - h / 2.0),
            (x - w / 2.0, y + r),
            (x - w / 2.0, y - r - h),
            (x + r * 0.7, y + r * 0.7),
            (x + r * 0.7, y - r * 0.7 - h),
            (x - r * 0.7 - w, y + r * 0.7),
            (x - r * 0.7 - w, y - r * 0.7 - h),
        ];
        let mut best: Option<(f64, Rect)> = None;
        for (ci, &(cx, cy)) in candidates.iter().enumerate() {
            let rect = (cx, cy, w, h);
            let mut score = ci as f64 * 0.5;
            let outside = w * h - overlap(rect, bounds);
            score += outside * 50.0;
            for (j, other) in placed.iter().enumerate() {
                if let Some(o) = other
                    && j != i
                {
                    score += overlap(rect, *o) * 10.0;
                }
            }
            for (j, node) in nodes.iter().enumerate() {
                if j != i {
                    score += overlap(rect, *node) * 10.0;
                }
            }
            if best.is_none_or(|(s, _)| score < s) {
                best = Some((score, rect));
            }
        }
        placed[i] = best.map(|(_, r)| r);
    }
    placed
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or((p[i].0, p[i].1, sizes[i].0, sizes[i].1)))
        .collect()
}

/// The drawable parts of a network: the valid edges, and which nodes are drawn where.
struct Graph<'a> {
    nodes: &'a [NetworkNode],
    /// Edges whose ends exist and differ, in input order.
    edges: Vec<&'a NetworkEdge>,
    /// Nodes with at least one edge (indices into `nodes`), in input order.
    connected: Vec<usize>,
    /// Index into `nodes` → index into `connected`.
    local: BTreeMap<usize, usize>,
    /// Nodes without edges but with some weight: drawn in a row below the graph.
    isolated: Vec<usize>,
    /// How many nodes are left out (no edges, weight 0).
    omitted: usize,
    /// Edges per node.
    degree: Vec<usize>,
}

impl<'a> Graph<'a> {
    fn new(nodes: &'a [NetworkNode], edges: &'a [NetworkEdge]) -> Graph<'a> {
        let n = nodes.len();
        let edges: Vec<&NetworkEdge> = edges
            .iter()
            .filter(|e| e.from < n && e.to < n && e.from != e.to)
            .collect();
        let mut degree = vec![0usize; n];
        for e in &edges {
            degree[e.from] += 1;
            degree[e.to] += 1;
        }
        let connected: Vec<usize> = (0..n).filter(|&i| degree[i] > 0).collect();
        let local = connected.iter().enumerate().map(|(l, &g)| (g, l)).collect();
        let isolated: Vec<usize> = (0..n).filter(|&i| degree[i] == 0 && nodes[i].weight > 0).collect();
        let omitted = n - connected.len() - isolated.len();
        Graph {
            nodes,
            edges,
            connected,
            local,
            isolated,
            omitted,
            degree,
        }
    }

    /// The relation families present, in order.
    fn families(&self) -> Vec<Family> {
        let mut f: Vec<Family> = self
            .edges
            .iter()
            .filter_map(|e| match &e.kind {
                EdgeKind::Relation(r) => Some(Family::of(r)),
                EdgeKind::CoOccurrence(_) => None,
            })
            .collect();
        f.sort();
        f.dedup();
        f
    }

    /// The relation types present (of one family, or all), for readers: "founded by".
    fn relation_types(&self, family: Option<Family>) -> Vec<String> {
        let mut types: Vec<String> = self
            .edges
            .iter()
            .filter_map(|e| match &e.kind {
                EdgeKind::Relation(r) if family.is_none_or(|f| Family::of(r) == f) => Some(r.replace('-', " ")),
                _ => None,
            })
            .collect();
        types.sort();
        types.dedup();
        types
    }

    fn has_cooccurrence(&self) -> bool {
        self.edges.iter().any(|e| matches!(e.kind, EdgeKind::CoOccurrence(_)))
    }
}

/// Where the connected nodes and their labels go (indices into `Graph::connected`).
struct Layout {
    width: f64,
    /// Height of the graph area (0 when no node is connected).
    height: f64,
    pos: Vec<(f64, f64)>,
    radii: Vec<f64>,
    /// Each node's name, on one or two lines.
    names: Vec<Vec<String>>,
    /// Each node's label box.
    labels: Vec<Rect>,
}

/// Margin around the network.
const NET_MARGIN: f64 = 12.0;

/// Lay out the connected nodes: force-directed positions fitted to the area, pushed apart,
/// labels placed, then the area cropped to what is drawn.
fn layout_graph(g: &Graph) -> Layout {
    let nc = g.connected.len();
    let width = if nc == 0 {
        NET_MIN_W
    } else {
        (120.0 * (nc as f64).sqrt()).clamp(NET_MIN_W, NET_MAX_W)
    };
    let mut layout = Layout {
        width,
        height: 0.0,
        pos: Vec::new(),
        radii: Vec::new(),
        names: Vec::new(),
        labels: Vec::new(),
    };
    if nc == 0 {
        return layout;
    }
    let area_h = (width * 0.72).round();
    let nodes = g.nodes;
    // Start on an ellipse ordered by kind then id.
    let mut order: Vec<usize> = (0..nc).collect();
    order.sort_by(|&a, &b| {
        let (na, nb) = (&nodes[g.connected[a]], &nodes[g.connected[b]]);
        kind_style(&na.kind)
            .0
            .cmp(&kind_style(&nb.kind).0)
            .then(na.id.cmp(&nb.id))
            .then(a.cmp(&b))
    });
    // One spring per linked pair, stronger for relations and frequent co-occurrence.
    let mut pair_weight: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for e in &g.edges {
        let (a, b) = (g.local[&e.from], g.local[&e.to]);
        let wt = match &e.kind {
            EdgeKind::Relation(_) => 1.0,
            EdgeKind::CoOccurrence(c) => 0.4 + 0.1 * (*c).min(6) as f64,
        };
        let slot = pair_weight.entry((a.min(b), a.max(b))).or_insert(0.0);
        *slot = (*slot + wt).min(1.6);
    }
    let links: Vec<(usize, usize, f64)> = pair_weight.iter().map(|(&(a, b), &w)| (a, b, w)).collect();
    let radii: Vec<f64> = g.connected.iter().map(|&i| node_radius(nodes[i].weight)).collect();
    let mut pos = force_layout(nc, &order, &links, width, area_h);
    let area = (
        NET_MARGIN + 40.0,
        NET_MARGIN + 16.0,
        width - NET_MARGIN - 40.0,
        area_h - NET_MARGIN - 16.0,
    );
    fit_and_separate(&mut pos, &radii, area, 22.0);
    let names: Vec<Vec<String>> = g.connected.iter().map(|&i| wrap_name(&nodes[i].name)).collect();
    let sizes: Vec<(f64, f64)> = names
        .iter()
        .map(|lines| {
            let w = lines.iter().map(|l| text_width(l, NET_FONT)).fold(0.0, f64::max) + 4.0;
            (w, lines.len() as f64 * (NET_FONT + 1.0) + 3.0)
        })
        .collect();
    // Heaviest, then best linked, nodes choose their label places first.
    let mut prio: Vec<usize> = (0..nc).collect();
    prio.sort_by(|&a, &b| {
        let (ga, gb) = (g.connected[a], g.connected[b]);
        nodes[gb]
            .weight
            .cmp(&nodes[ga].weight)
            .then(g.degree[gb].cmp(&g.degree[ga]))
            .then(a.cmp(&b))
    });
    let bounds = (2.0, 2.0, width - 4.0, area_h - 4.0);
    let mut labels = place_node_labels(&pos, &radii, &sizes, &prio, bounds);
    // Crop the area to what is drawn.
    let top = (0..nc)
        .map(|i| (pos[i].1 - radii[i] * 1.25).min(labels[i].1))
        .fold(f64::INFINITY, f64::min);
    let bottom = (0..nc)
        .map(|i| (pos[i].1 + radii[i] * 1.25).max(labels[i].1 + labels[i].3))
        .fold(f64::NEG_INFINITY, f64::max);
    let dy = NET_MARGIN - top;
    for p in &mut pos {
        p.1 += dy;
    }
    for l in &mut labels {
        l.1 += dy;
    }
    layout.height = (bottom + dy + NET_MARGIN).round();
    layout.pos = pos;
    layout.radii = radii;
    layout.names = names;
    layout.labels = labels;
    layout
}

/// The actor network: relations as arrows (solid or dashed per family of relation types, with
/// arrowheads), co-occurrence in excerpts as thin grey dotted lines whose width grows with the
/// count, nodes sized by weight, shaped and coloured by kind, labelled with names, each a link
/// to the actor page. The layout is a deterministic force-directed one (fixed start, fixed
/// iterations). Nodes without edges are drawn in a row below the graph ("Not linked"), except
/// those of weight 0, which are left out. The legend is inside the SVG, at the bottom. The
/// viewBox is 560–1100 units wide (growing with the number of nodes); its height follows.
pub fn network(nodes: &[NetworkNode], edges: &[NetworkEdge], id: &str) -> String {
    let id = clean_id(id);
    let title = "Network of actors";
    let g = Graph::new(nodes, edges);
    if g.connected.is_empty() && g.isolated.is_empty() {
        return nothing(
            &id,
            "svg-network",
            title,
            "Nothing to draw: no actors with links or activity.",
        );
    }
    let layout = layout_graph(&g);
    let mut body = String::new();
    draw_markers(&mut body, &id, &g.families());
    draw_edges(&mut body, &id, &g, &layout);
    draw_nodes(&mut body, &g, &layout);
    let y = draw_isolated(&mut body, &g, layout.width, layout.height);
    let bottom = network_legend(&mut body, &id, &g, y + 26.0, layout.width);
    let mut out = String::with_capacity(body.len() + 1024);
    let size = (layout.width, (bottom + 8.0).round());
    open_svg(&mut out, &id, "svg-network", size, title, &network_desc(&g));
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

/// One arrowhead marker per relation family drawn.
fn draw_markers(out: &mut String, id: &str, families: &[Family]) {
    if families.is_empty() {
        return;
    }
    out.push_str("<defs>");
    for f in families {
        let (name, color, ..) = f.style();
        put!(
            out,
            "<marker id=\"{id}-arrow-{name}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" \
             markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0 1L10 5L0 9Z\" \
             fill=\"{color}\"/></marker>"
        );
    }
    out.push_str("</defs>");
}

/// The edges, each a group with its `<title>`, a wide invisible path (easier to hover) and the
/// visible one: co-occurrences first, under the relations. Several edges between one pair bend
/// apart.
fn draw_edges(out: &mut String, id: &str, g: &Graph, layout: &Layout) {
    let mut per_pair: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (ei, e) in g.edges.iter().enumerate() {
        per_pair
            .entry((e.from.min(e.to), e.from.max(e.to)))
            .or_default()
            .push(ei);
    }
    let mut offset = vec![0.0; g.edges.len()];
    for list in per_pair.values() {
        let k = list.len() as f64;
        for (j, &ei) in list.iter().enumerate() {
            offset[ei] = (j as f64 - (k - 1.0) / 2.0) * 14.0;
        }
    }
    let (pos, radii) = (&layout.pos, &layout.radii);
    let mut cooc = String::new();
    let mut rels = String::new();
    for (ei, e) in g.edges.iter().enumerate() {
        let (a, b) = (g.local[&e.from], g.local[&e.to]);
        let (pa, pb) = (pos[a], pos[b]);
        // The bend is measured on the pair's canonical direction, so A→B and B→A bend apart.
        let (ca, cb) = if e.from < e.to { (pa, pb) } else { (pb, pa) };
        let (dx, dy) = (cb.0 - ca.0, cb.1 - ca.1);
        let len = (dx * dx + dy * dy).sqrt().max(0.01);
        let (nx, ny) = (-dy / len, dx / len);
        let mid = ((pa.0 + pb.0) / 2.0, (pa.1 + pb.1) / 2.0);
        let ctrl = (mid.0 + nx * offset[ei] * 2.0, mid.1 + ny * offset[ei] * 2.0);
        let curved = offset[ei].abs() > 1e-9;
        let toward = |from: (f64, f64), to: (f64, f64), by: f64| {
            let (ux, uy) = (to.0 - from.0, to.1 - from.1);
            let l = (ux * ux + uy * uy).sqrt().max(0.01);
            (from.0 + ux / l * by, from.1 + uy / l * by)
        };
        let arrow = matches!(e.kind, EdgeKind::Relation(_));
        let s = toward(pa, if curved { ctrl } else { pb }, radii[a] * 1.1 + 1.0);
        let t = toward(
            pb,
            if curved { ctrl } else { pa },
            radii[b] * 1.1 + if arrow { 2.0 } else { 1.0 },
        );
        let d = if curved {
            format!(
                "M{} {}Q{} {} {} {}",
                F(s.0),
                F(s.1),
                F(ctrl.0),
                F(ctrl.1),
                F(t.0),
                F(t.1)
            )
        } else {
            format!("M{} {}L{} {}", F(s.0), F(s.1), F(t.0), F(t.1))
        };
        let hit = format!("<path d=\"{d}\" fill=\"none\" stroke=\"#fff\" stroke-opacity=\"0\" stroke-width=\"8\"/>");
        let (from_name, to_name) = (g.nodes[e.from].name.trim(), g.nodes[e.to].name.trim());
        match &e.kind {
            EdgeKind::Relation(rel) => {
                let (fname, color, dash, _) = Family::of(rel).style();
                let label = if e.label.trim().is_empty() {
                    format!("{from_name} {} {to_name}", rel.replace('-', " "))
                } else {
                    e.label.clone()
                };
                put!(
                    rels,
                    "<g class=\"net-edge net-rel rel-{} fam-{fname}\"><title>{}</title>{hit}\
                     <path d=\"{d}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\"",
                    class_token(rel).unwrap_or_else(|| "other".into()),
                    esc(&label)
                );
                if let Some(dash) = dash {
                    put!(rels, " stroke-dasharray=\"{dash}\"");
                }
                put!(rels, " marker-end=\"url(#{id}-arrow-{fname})\"/></g>");
            }
            EdgeKind::CoOccurrence(c) => {
                let label = if e.label.trim().is_empty() {
                    format!(
                        "{from_name} and {to_name} appear together in {}",
                        count(*c, "excerpt", "excerpts")
                    )
                } else {
                    e.label.clone()
                };
                let w = (0.8 + 0.5 * (*c).saturating_sub(1) as f64).min(4.0);
                put!(
                    cooc,
                    "<g class=\"net-edge cooc\"><title>{}</title>{hit}<path d=\"{d}\" fill=\"none\" \
                     stroke=\"{COOC}\" stroke-width=\"{}\" stroke-dasharray=\"2 3\"/></g>",
                    esc(&label),
                    F(w)
                );
            }
        }
    }
    out.push_str("<g class=\"net-edges\">");
    out.push_str(&cooc);
    out.push_str(&rels);
    out.push_str("</g>");
}

/// The connected nodes, in input order: each a link holding its shape and its label (on a
/// white backing, over the edges).
fn draw_nodes(out: &mut String, g: &Graph, layout: &Layout) {
    out.push_str("<g class=\"net-nodes\">");
    for (l, &i) in g.connected.iter().enumerate() {
        let node = &g.nodes[i];
        let (_, color, s, kind_name) = kind_style(&node.kind);
        open_node(out, node, kind_name);
        shape(out, s, layout.pos[l].0, layout.pos[l].1, layout.radii[l], color);
        let (bx, by, bw, bh) = layout.labels[l];
        put!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"#fff\" fill-opacity=\"0.85\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{INK}\">",
            F(bx),
            F(by),
            F(bw),
            F(bh),
            F(bx + 2.0),
            F(by + NET_FONT),
            F(NET_FONT)
        );
        for (li, line) in layout.names[l].iter().enumerate() {
            if li == 0 {
                out.push_str(&esc(line));
            } else {
                put!(
                    out,
                    "<tspan x=\"{}\" dy=\"{}\">{}</tspan>",
                    F(bx + 2.0),
                    F(NET_FONT + 1.0),
                    esc(line)
                );
            }
        }
        out.push_str("</text></a>");
    }
    out.push_str("</g>");
}

/// The nodes without edges, flowing in rows below the graph from `y`; returns the y of the
/// last row.
fn draw_isolated(out: &mut String, g: &Graph, width: f64, y: f64) -> f64 {
    if g.isolated.is_empty() {
        return y;
    }
    let mut y = y + 18.0;
    put!(
        out,
        "<text class=\"net-isolated-heading\" x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{MUTED}\" \
         aria-hidden=\"true\">Not linked to other actors:</text><g class=\"net-isolated\">",
        F(NET_MARGIN),
        F(y)
    );
    y += 18.0;
    let mut x = NET_MARGIN;
    for &i in &g.isolated {
        let node = &g.nodes[i];
        let (_, color, s, kind_name) = kind_style(&node.kind);
        let name = node.name.split_whitespace().collect::<Vec<_>>().join(" ");
        let w = 18.0 + text_width(&name, NET_FONT);
        if x > NET_MARGIN && x + w > width - NET_MARGIN {
            x = NET_MARGIN;
            y += 20.0;
        }
        open_node(out, node, kind_name);
        shape(out, s, x + 6.0, y - 4.0, 5.0, color);
        put!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{INK}\">{}</text></a>",
            F(x + 15.0),
            F(y),
            F(NET_FONT),
            esc(&name)
        );
        x += w + 14.0;
    }
    out.push_str("</g>");
    y
}

/// The legend from baseline `y`: node kinds drawn, then edge kinds; returns its bottom.
fn network_legend(out: &mut String, id: &str, g: &Graph, y: f64, width: f64) -> f64 {
    let mut kinds: Vec<(u8, &'static str, Shape, &'static str)> = g
        .connected
        .iter()
        .chain(&g.isolated)
        .map(|&i| kind_style(&g.nodes[i].kind))
        .collect();
    kinds.sort_by_key(|k| k.0);
    kinds.dedup_by_key(|k| k.0);
    let mut items: Vec<(Glyph, String)> = kinds
        .iter()
        .map(|&(_, color, s, name)| (Glyph::Shape(s, color), name.to_string()))
        .collect();
    for f in g.families() {
        let (fname, color, dash, label) = f.style();
        let types = g.relation_types(Some(f));
        let text = if types.len() <= 3 {
            format!("{label} ({})", types.join(", "))
        } else {
            label.to_string()
        };
        let marker = Some(format!("{id}-arrow-{fname}"));
        items.push((
            Glyph::Line {
                color,
                dash,
                width: 1.6,
                marker,
            },
            text,
        ));
    }
    if g.has_cooccurrence() {
        items.push((
            Glyph::Line {
                color: COOC,
                dash: Some("2 3"),
                width: 1.8,
                marker: None,
            },
            "Together in excerpts (thicker: more)".to_string(),
        ));
    }
    legend(out, &items, NET_MARGIN, y, width - NET_MARGIN, 11.0)
}

/// The network's description: counts, relation types, how to read arrows, what is left out.
fn network_desc(g: &Graph) -> String {
    let rel_count = g
        .edges
        .iter()
        .filter(|e| matches!(e.kind, EdgeKind::Relation(_)))
        .count();
    let cooc_count = g.edges.len() - rel_count;
    let mut desc = count(g.connected.len() + g.isolated.len(), "actor", "actors");
    if !g.connected.is_empty() {
        put!(
            desc,
            ": {} linked by {}",
            g.connected.len(),
            both(
                count(rel_count, "relation", "relations"),
                rel_count,
                count(cooc_count, "co-occurrence in excerpts", "co-occurrences in excerpts"),
                cooc_count
            )
        );
    }
    if !g.isolated.is_empty() {
        put!(
            desc,
            "{} {} not linked, listed below the graph",
            if g.connected.is_empty() { ":" } else { ", and" },
            g.isolated.len()
        );
    }
    desc.push('.');
    let types = g.relation_types(None);
    if !types.is_empty() {
        put!(
            desc,
            " Relation types: {}. An arrow points from an actor to the one its relation names (A → B reads \
             \"A founded by B\").",
            join_and(&types)
        );
    }
    if g.omitted > 0 {
        put!(
            desc,
            " {} with no links and no activity {} not drawn.",
            count(g.omitted, "actor", "actors"),
            if g.omitted == 1 { "is" } else { "are" }
        );
    }
    desc.push_str(" Each actor links to its page.");
    desc
}

/// Open a node's link with its tooltip.
fn open_node(out: &mut String, node: &NetworkNode, kind_name: &str) {
    let kind = class_token(&node.kind).unwrap_or_else(|| "other".into());
    put!(
        out,
        "<a xlink:href=\"{}\" class=\"net-node kind-{kind}\"><title>{}</title>",
        esc(&node.href),
        esc(&format!("{} ({})", node.name.trim(), kind_name.to_lowercase()))
    );
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn tm(d: &str, kind: MarkKind, title: &str, href: &str) -> TimelineMark {
        TimelineMark {
            date: date(d),
            end: None,
            kind,
            title: title.into(),
            subtitle: String::new(),
            href: href.into(),
            class: "kind-attack".into(),
        }
    }

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

    /// A small well-formedness check: tags balance, attributes are quoted, `&` starts an
    /// entity, no raw `<` in text or attributes, one root, ids unique, every `url(#x)` and
    /// `aria-labelledby` id exists.
    fn check_xml(s: &str) {
        let mut stack: Vec<String> = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        let mut refs: Vec<String> = Vec::new();
        let mut roots = 0;
        let b = s.as_bytes();
        let mut i = 0;
        let check_text = |t: &str| {
            assert!(!t.contains('<'), "raw < in {t:?}");
            let mut rest = t;
            while let Some(p) = rest.find('&') {
                rest = &rest[p + 1..];
                let end = rest.find(';').unwrap_or_else(|| panic!("bare & in {t:?}"));
                let ent = &rest[..end];
                assert!(
                    matches!(ent, "amp" | "lt" | "gt" | "quot" | "#39"),
                    "unknown entity &{ent}; in {t:?}"
                );
            }
        };
        while i < b.len() {
            if b[i] != b'<' {
                let next = s[i..].find('<').map_or(s.len(), |p| i + p);
                let text = &s[i..next];
                assert!(
                    !stack.is_empty() || text.trim().is_empty(),
                    "text outside the root: {text:?}"
                );
                check_text(text);
                i = next;
                continue;
            }
            let close = s[i..].find('>').expect("unclosed tag") + i;
            let tag = &s[i + 1..close];
            i = close + 1;
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack.pop().unwrap_or_else(|| panic!("stray </{name}>"));
                assert_eq!(open, name, "mismatched </{name}>");
                continue;
            }
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
            let name = &tag[..name_end];
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
                "bad tag name {name:?}"
            );
            // Attributes: name="value" pairs.
            let mut rest = tag[name_end..].trim_start();
            let mut seen: Vec<&str> = Vec::new();
            while !rest.is_empty() {
                let eq = rest
                    .find('=')
                    .unwrap_or_else(|| panic!("attribute without value in <{tag}>"));
                let attr = &rest[..eq];
                assert!(
                    attr.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'),
                    "bad attribute name {attr:?}"
                );
                assert!(!seen.contains(&attr), "duplicate attribute {attr}");
                seen.push(attr);
                let after = &rest[eq + 1..];
                assert!(after.starts_with('"'), "unquoted attribute {attr} in <{tag}>");
                let end = after[1..].find('"').expect("unterminated attribute") + 1;
                let value = &after[1..end];
                check_text(value);
                assert!(!value.contains('>'), "raw > in attribute");
                if attr == "id" {
                    assert!(!ids.iter().any(|x| x == value), "duplicate id {value}");
                    ids.push(value.to_string());
                }
                if attr == "aria-labelledby" {
                    refs.extend(value.split(' ').map(String::from));
                }
                if let Some(p) = value.strip_prefix("url(#") {
                    refs.push(p.trim_end_matches(')').to_string());
                }
                rest = after[end + 1..].trim_start();
            }
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                stack.push(name.to_string());
            }
        }
        assert!(stack.is_empty(), "unclosed: {stack:?}");
        assert_eq!(roots, 1, "exactly one root element");
        for r in refs {
            assert!(ids.contains(&r), "reference to a missing id {r}");
        }
        assert!(s.starts_with("<svg ") && s.ends_with("</svg>"));
    }

    /// Values of attribute `attr` on elements whose class contains `class`.
    fn attr_of_class(s: &str, tag: &str, class: &str, attr: &str) -> Vec<f64> {
        let mut out = Vec::new();
        let open = format!("<{tag} ");
        for (p, _) in s.match_indices(&open) {
            let end = s[p..].find('>').unwrap() + p;
            let t = &s[p..end];
            if t.contains(class) {
                let key = format!(" {attr}=\"");
                let a = t.find(&key).unwrap() + key.len();
                let v = &t[a..a + t[a..].find('"').unwrap()];
                out.push(v.parse().unwrap());
            }
        }
        out
    }

    fn network_sample() -> (Vec<NetworkNode>, Vec<NetworkEdge>) {
        let kinds = ["person", "state", "agency", "armed-group", "organization", "media"];
        let nodes: Vec<NetworkNode> = (0..12)
            .map(|i| NetworkNode {
                id: format!("actor-{i:02}"),
                name: format!("Actor number {i} with a long name"),
                kind: kinds[i % kinds.len()].into(),
                href: format!("../actors/actor-{i:02}/index.html"),
                weight: i * 2,
            })
            .collect();
        let mut edges = vec![
            NetworkEdge {
                from: 1,
                to: 2,
                kind: EdgeKind::Relation("founded-by".into()),
                label: "Actor 1 founded by Actor 2".into(),
            },
            NetworkEdge {
                from: 2,
                to: 1,
                kind: EdgeKind::Relation("opposes".into()),
                label: String::new(),
            },
            NetworkEdge {
                from: 1,
                to: 2,
                kind: EdgeKind::CoOccurrence(3),
                label: String::new(),
            },
            NetworkEdge {
                from: 3,
                to: 4,
                kind: EdgeKind::Relation("accused-of-links-to".into()),
                label: String::new(),
            },
            NetworkEdge {
                from: 4,
                to: 5,
                kind: EdgeKind::Relation("allied-with".into()),
                label: String::new(),
            },
            NetworkEdge {
                from: 6,
                to: 7,
                kind: EdgeKind::Relation("custom-type".into()),
                label: String::new(),
            },
        ];
        for i in 5..10 {
            edges.push(NetworkEdge {
                from: i,
                to: i + 1,
                kind: EdgeKind::CoOccurrence(i - 4),
                label: String::new(),
            });
        }
        (nodes, edges)
    }

    #[test]
    fn numbers_have_one_decimal_and_no_negative_zero() {
        assert_eq!(F(1.0).to_string(), "1");
        assert_eq!(F(1.25).to_string(), "1.2");
        assert_eq!(F(-0.04).to_string(), "0");
        assert_eq!(F(-3.46).to_string(), "-3.5");
        assert_eq!(F(f64::NAN).to_string(), "0");
    }

    #[test]
    fn escaping_and_ids() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(esc(" a\n\tb\u{0}c "), "a b c");
        assert_eq!(clean_id("tl"), "tl");
        assert_eq!(clean_id("1 x\"y"), "svg-1-x-y");
        assert_eq!(extra_classes("kind-attack  <b>"), " kind-attack b");
    }

    #[test]
    fn tints_are_opaque_mixes_with_white() {
        assert_eq!(tint("#000000"), "#bfbfbf");
        assert_eq!(tint("#fff"), "#ffffff");
        assert_eq!(tint(INCIDENT), "#ecc9c7");
    }

    #[test]
    fn cos_sin_matches_std() {
        for i in -20..20 {
            let a = i as f64 * 0.7;
            let (c, s) = cos_sin(a);
            assert!((c - a.cos()).abs() < 1e-12 && (s - a.sin()).abs() < 1e-12, "{a}");
        }
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
            "Several days",
            "Month or year only",
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
    fn hostile_text_is_escaped() {
        let mut m = tm(
            "2011-09-11",
            MarkKind::Incident,
            "<script>alert(\"x\")</script>",
            "a\"b<c>&d",
        );
        m.subtitle = "O'Reilly & <b>".into();
        m.class = "\"><script>".into();
        let s = timeline(&[m.clone()], "x\"<y>");
        check_xml(&s);
        assert!(!s.contains("<script>") && !s.contains("\"x\"") && !s.contains("O'Reilly"));
        assert!(s.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
        assert!(s.contains("href=\"a&quot;b&lt;c&gt;&amp;d\""));

        let nodes = vec![
            NetworkNode {
                id: "a".into(),
                name: "<script>'".into(),
                kind: "<b>".into(),
                href: "\"'".into(),
                weight: 1,
            },
            NetworkNode {
                id: "b".into(),
                name: "B & \"C\"".into(),
                kind: "state".into(),
                href: "b".into(),
                weight: 1,
            },
        ];
        let edges = vec![NetworkEdge {
            from: 0,
            to: 1,
            kind: EdgeKind::Relation("<x>".into()),
            label: "<script>".into(),
        }];
        let s = network(&nodes, &edges, "net");
        check_xml(&s);
        assert!(!s.contains("<script>") && !s.contains("'\""));

        let a = ActivityMark {
            date: date("2011"),
            kind: MarkKind::Article,
            title: "<script>\"".into(),
            href: "<x>".into(),
        };
        let s = activity_strip(&[a], (date("2008"), date("2019-03")), "st");
        check_xml(&s);
        assert!(!s.contains("<script>") && !s.contains("<x>"));
    }

    #[test]
    fn partial_dates_are_bars_as_wide_as_their_month_or_year() {
        // One stretch, June to September 2011: a month is a quarter of the axis.
        let marks = [
            tm("2011-06-15", MarkKind::Incident, "a", "a"),
            tm("2011-09", MarkKind::Incident, "b", "b"),
        ];
        let s = timeline(&marks, "t");
        let axis = attr_of_class(&s, "line", "axis-line", "x1")[0];
        let axis_end = attr_of_class(&s, "line", "axis-line", "x2")[0];
        let inner = axis_end - axis - 2.0 * TL_GEOMETRY.pad;
        // The mark's bar is the rectangle inside its link.
        let at = s.find("tl-month").unwrap();
        let bar = &s[at..];
        assert!(bar[bar.find('>').unwrap()..].starts_with("><title>b (September 2011)</title><rect "));
        let w: f64 = {
            let p = bar.find("width=\"").unwrap() + 7;
            bar[p..p + bar[p..].find('"').unwrap()].parse().unwrap()
        };
        assert!((w - inner / 4.0).abs() <= 0.15, "month bar {w} vs axis {inner}");

        // 2008 and June 2009: eighteen months, of which the year bar takes twelve.
        let marks = [
            tm("2008", MarkKind::Incident, "a", "a"),
            tm("2009-06-01", MarkKind::Incident, "b", "b"),
        ];
        let s = timeline(&marks, "t");
        let axis = attr_of_class(&s, "line", "axis-line", "x1")[0];
        let axis_end = attr_of_class(&s, "line", "axis-line", "x2")[0];
        let inner = axis_end - axis - 2.0 * TL_GEOMETRY.pad;
        let at = s.find("tl-year").unwrap();
        let bar = &s[at..];
        let p = bar.find("width=\"").unwrap() + 7;
        let w: f64 = bar[p..p + bar[p..].find('"').unwrap()].parse().unwrap();
        assert!((w - inner * 12.0 / 18.0).abs() <= 0.15, "year bar {w} vs axis {inner}");
        let x: f64 = {
            let p = bar.find(" x=\"").unwrap() + 4;
            bar[p..p + bar[p..].find('"').unwrap()].parse().unwrap()
        };
        assert!((x - (axis + TL_GEOMETRY.pad)).abs() <= 0.15, "the year starts the axis");
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

    #[test]
    fn empty_and_single_day_inputs() {
        for s in [
            timeline(&[], "t"),
            network(&[], &[], "n"),
            activity_strip(&[], (date("2008"), date("2019")), "a"),
        ] {
            check_xml(&s);
            assert!(s.contains("Nothing to draw"));
        }
        let one = [tm("2011-09-11", MarkKind::Incident, "a", "a")];
        let s = timeline(&one, "t");
        check_xml(&s);
        assert!(s.contains("1 incident on 11 September 2011,"), "{s}");
        let same: Vec<TimelineMark> = (0..3)
            .map(|i| tm("2011-09-11", MarkKind::Article, "x", &format!("{i}")))
            .collect();
        check_xml(&timeline(&same, "t"));
    }

    #[test]
    fn a_thousand_marks_are_fast() {
        let marks: Vec<TimelineMark> = (0..1000)
            .map(|i| {
                let d = format!("{}-{:02}-{:02}", 1990 + (i * 7) % 30, 1 + i % 12, 1 + i % 28);
                let kind = if i % 3 == 0 {
                    MarkKind::Article
                } else {
                    MarkKind::Incident
                };
                tm(&d, kind, &format!("m{i}"), &format!("h{i}"))
            })
            .collect();
        let t = std::time::Instant::now();
        let s = timeline(&marks, "t");
        check_xml(&s);
        assert_eq!(s.matches("<a xlink:href=").count(), 1000);
        let acts: Vec<ActivityMark> = marks
            .iter()
            .map(|m| ActivityMark {
                date: m.date,
                kind: m.kind,
                title: m.title.clone(),
                href: m.href.clone(),
            })
            .collect();
        let s = activity_strip(&acts, (date("1990"), date("2019")), "a");
        check_xml(&s);
        assert!(t.elapsed().as_secs_f64() < 2.0);
    }

    #[test]
    fn network_is_deterministic_well_formed_and_has_a_legend() {
        let (nodes, edges) = network_sample();
        let a = network(&nodes, &edges, "net");
        assert_eq!(a, network(&nodes.clone(), &edges.clone(), "net"));
        check_xml(&a);
        // Every drawn node is a link to its page; actor 0 (weight 0, no edges) is left out and
        // actor 11 (no edges) is in the "not linked" row.
        for node in &nodes[1..] {
            assert!(
                a.contains(&format!("<a xlink:href=\"{}\" class=\"net-node kind-", node.href)),
                "{}",
                node.id
            );
        }
        assert!(!a.contains("actor-00"));
        assert!(a.contains("Not linked to other actors"));
        assert!(a.contains("1 actor with no links and no activity is not drawn"));
        // Edge classes, titles and markers.
        assert!(a.contains(
            "class=\"net-edge net-rel rel-founded-by fam-structure\"><title>Actor 1 founded by Actor 2</title>"
        ));
        assert!(a.contains("rel-opposes fam-hostility"));
        assert!(a.contains("class=\"net-edge cooc\"><title>Actor number 1 with a long name and Actor number 2 with a long name appear together in 3 excerpts</title>"));
        assert!(a.contains("marker-end=\"url(#net-arrow-structure)\""));
        assert!(a.contains("stroke-dasharray=\"2 3\""));
        // The legend names kinds and edge families.
        assert!(a.contains("class=\"legend\""));
        for text in [
            "Person",
            "State",
            "Armed group",
            "Media",
            "Opposition",
            "Alleged links",
            "Together in excerpts",
        ] {
            assert!(a.contains(&format!(">{text}")), "legend lacks {text}");
        }
        assert!(a.contains("Membership, leadership, founding (founded by)"));
        // Parallel edges between 1 and 2 are bent apart.
        assert!(a.matches("Q").count() >= 6);
    }

    #[test]
    fn network_ignores_bad_edges_and_lays_out_200_nodes_quickly() {
        let nodes: Vec<NetworkNode> = (0..200)
            .map(|i| NetworkNode {
                id: format!("n{i:03}"),
                name: format!("Node {i}"),
                kind: ["person", "state", "agency"][i % 3].into(),
                href: format!("n{i}"),
                weight: i % 17,
            })
            .collect();
        let mut edges: Vec<NetworkEdge> = (0..400)
            .map(|i| NetworkEdge {
                from: (i * 7) % 200,
                to: (i * 13 + 1) % 200,
                kind: if i % 2 == 0 {
                    EdgeKind::Relation("member-of".into())
                } else {
                    EdgeKind::CoOccurrence(i % 5)
                },
                label: String::new(),
            })
            .collect();
        edges.push(NetworkEdge {
            from: 5,
            to: 500,
            kind: EdgeKind::CoOccurrence(1),
            label: String::new(),
        });
        edges.push(NetworkEdge {
            from: 5,
            to: 5,
            kind: EdgeKind::CoOccurrence(1),
            label: String::new(),
        });
        let t = std::time::Instant::now();
        let s = network(&nodes, &edges, "big");
        let elapsed = t.elapsed().as_secs_f64();
        check_xml(&s);
        assert!(elapsed < 5.0, "took {elapsed}s");
        assert!(!s.contains("NaN"));
    }

    #[test]
    fn network_with_only_unlinked_nodes() {
        let nodes = vec![NetworkNode {
            id: "a".into(),
            name: "Alone".into(),
            kind: "media".into(),
            href: "a".into(),
            weight: 3,
        }];
        let s = network(&nodes, &[], "n");
        check_xml(&s);
        assert!(s.contains("<a xlink:href=\"a\" class=\"net-node kind-media\"><title>Alone (media)</title>"));
    }

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
