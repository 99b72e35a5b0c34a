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
//! (`aria-labelledby`); every mark and node is an `<a xlink:href>` (not `href`: some crawlers
//! read an SVG link's `.href` as a string and fail) whose `<title>` names it (its tooltip and
//! accessible name); the decoration (axis, legend) is `aria-hidden`. Colours are set as
//! presentation attributes, so a page without CSS still shows a legible picture (text contrast
//! at least 7:1 on white), and class names let a theme restyle everything. Kinds are told apart
//! by shape and dash pattern as well as by colour. Each picture scales with its container
//! (a `viewBox`, `width="100%"` and no fixed height); only the small "Nothing to draw" picture
//! has a fixed size.
//!
//! Where things are:
//! - `timeline.rs`: the timeline ([`timeline()`], [`TimelineMark`]); `column.rs`: the labelled
//!   timeline, one item a line, drawn for a desktop and for a phone ([`timeline_column()`]);
//! - `strip.rs`: the activity strip on actor pages ([`activity_strip()`], [`ActivityMark`]);
//! - `network.rs`: the actor network ([`network()`], [`NetworkNode`], [`NetworkEdge`],
//!   [`EdgeKind`]), its phone version ([`network_phone()`]), with its force layout and label
//!   placement in `layout.rs`;
//! - `neighbourhood.rs`: an actor's neighbours on its page ([`neighbourhood()`]);
//! - `axis.rs`: the broken date axis shared by the timeline and the strip, and `marks.rs`: how a
//!   dated mark sits on it (point or bar) and how overlapping marks stack in rows;
//! - `glyph.rs`: shapes, bars and legends; `markup.rs`: the `<svg>` frame, numbers, colours,
//!   safe ids and classes; `text.rs`: escaping, text widths and the descriptions' phrases.

mod axis;
mod column;
mod counts;
mod glyph;
mod layout;
mod marks;
mod markup;
mod neighbourhood;
mod network;
mod strip;
#[cfg(test)]
mod testing;
mod text;
mod timeline;

pub use column::{COLUMN_MAX, ColumnStyle, NARROW, WIDE, timeline_column};
pub use neighbourhood::{NEIGHBOURS_MAX, Neighbour, NeighbourRelation, neighbourhood};
pub use network::{
    EdgeKind, NET_MAX_NODES, NET_PHONE_NODES, NetworkEdge, NetworkNode, NetworkPicture, network, network_choice,
    network_phone, network_picture,
};
pub use strip::{ActivityMark, activity_strip, activity_strip_narrow};
pub use timeline::{TL_MARKS_MAX, TimelineMark, timeline, timeline_with_periods};

/// What a timeline or activity mark stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    /// An incident: the "Incidents" lane, drawn as a circle.
    Incident,
    /// A source article (or an excerpt of one): the "Sources" lane, drawn as a diamond.
    Article,
}

#[cfg(test)]
mod tests {
    use super::testing::{check_xml, date, tm};
    use super::*;
    use crate::model::Date;

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

    /// `n` marks over 30 years, one in three a source.
    fn many_marks(n: usize) -> Vec<TimelineMark> {
        (0..n)
            .map(|i| {
                let d = format!("{}-{:02}-{:02}", 1990 + (i * 7) % 30, 1 + i % 12, 1 + i % 28);
                let kind = if i % 3 == 0 {
                    MarkKind::Article
                } else {
                    MarkKind::Incident
                };
                tm(&d, kind, &format!("m{i}"), &format!("h{i}"))
            })
            .collect()
    }

    /// The counts in the titles of a picture's count bars (`tl-count`), summed.
    fn counted(s: &str) -> usize {
        s.split("class=\"tl-count ")
            .skip(1)
            .map(|bar| {
                let title = &bar[bar.find("<title>").unwrap() + 7..bar.find("</title>").unwrap()];
                let words: Vec<&str> = title.split_whitespace().collect();
                let n = words.iter().rposition(|w| w.ends_with(':')).unwrap() + 1;
                words[n].parse::<usize>().unwrap()
            })
            .sum()
    }

    #[test]
    fn up_to_the_limit_every_mark_is_drawn_past_it_each_lane_is_counted() {
        // 400 marks: all drawn, each a link.
        let marks = many_marks(TL_MARKS_MAX);
        let s = timeline(&marks, "t");
        check_xml(&s);
        assert_eq!(s.matches("<a xlink:href=").count(), TL_MARKS_MAX);
        assert!(!s.contains("tl-count"));

        // 1,000 marks: 666 incidents, counted per period; 334 sources, each drawn.
        let marks = many_marks(1000);
        let s = timeline(&marks, "t");
        check_xml(&s);
        assert_eq!(s.matches("class=\"tl-mark ").count(), 334);
        assert_eq!(counted(&s), 666, "every incident is in one bar");
        assert!(s.contains("There are too many incidents to draw one by one: the upper lane counts them per"));
        assert!(s.contains(">Incidents per "));
        // With links, each bar links to its period.
        let link = |d: Date| format!("p/{}", d.iso());
        let s = timeline_with_periods(&marks, "t", Some(&link));
        check_xml(&s);
        assert!(s.contains("<a xlink:href=\"p/"));

        // The picture's size depends on the periods, not the marks: 50 times the marks, about
        // the same size once both lanes are counted.
        let s1 = timeline(&many_marks(2_000), "t");
        let s50 = timeline(&many_marks(100_000), "t");
        check_xml(&s50);
        assert_eq!(counted(&s50), 100_000);
        assert!(s50.len() < s1.len() * 3 / 2, "{} vs {}", s50.len(), s1.len());
        assert!(s50.len() < 100_000, "{} bytes", s50.len());

        let acts = |marks: &[TimelineMark]| -> Vec<ActivityMark> {
            marks
                .iter()
                .map(|m| ActivityMark {
                    date: m.date,
                    kind: m.kind,
                    title: m.title.clone(),
                    href: m.href.clone(),
                })
                .collect()
        };
        let span = (date("1990"), date("2019"));
        let s = activity_strip(&acts(&many_marks(300)), span, "a");
        check_xml(&s);
        assert_eq!(s.matches("<a xlink:href=").count(), 300);
        let s = activity_strip(&acts(&many_marks(1000)), span, "a");
        check_xml(&s);
        // 666 incidents and 334 source excerpts, both past the strip's limit of 300.
        assert_eq!(counted(&s), 1000);
        assert!(!s.contains("<a xlink:href="));
        assert!(s.contains("The source excerpts are too many to draw one by one"));
    }
}
