//! An actor's neighbourhood, for its page: the actor and its direct neighbours, drawn as a fan
//! from the actor on the left to one row per neighbour on the right (relations first, then the
//! actors most often named with it, at most `NEIGHBOURS_MAX`). Each row names the neighbour
//! and says, in words, how the two are linked ("founded by", "named together in 12
//! excerpts"), so the picture reads without hovering, and the lines are styled as in the
//! network (coloured arrows for relations, grey lines for co-occurrence). It is drawn 340 units
//! wide with text at 12.5 units or more, so on a phone (a column of about 350 CSS px) no text is
//! under 12 px and nothing scrolls sideways.

use std::fmt::Write as _;

use super::glyph::shape;
use super::markup::{F, INK, MUTED, class_token, clean_id, open_svg, put};
use super::network::{Family, NetworkNode, REL_WIDTH, cooc_style, draw_markers, kind_style};
use super::text::{count, esc, one_line, text_width, wrap_name};

/// The most neighbours drawn.
pub const NEIGHBOURS_MAX: usize = 12;

/// A stated relation between the actor and a neighbour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeighbourRelation {
    /// The relation type id (`founded-by`).
    pub kind: String,
    /// The relation as read from the actor ("founded by", or "founder of" when the neighbour
    /// states it).
    pub phrase: String,
    /// Whether the actor states it (the arrow points to the neighbour), or the neighbour does
    /// (the arrow points to the actor).
    pub outgoing: bool,
}

/// One neighbour of the actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbour {
    /// The neighbour (its `weight` is not used).
    pub node: NetworkNode,
    /// The relations between the two, in either direction.
    pub relations: Vec<NeighbourRelation>,
    /// In how many excerpts the two are named together.
    pub together: usize,
}

/// The picture's width.
const W: f64 = 340.0;
/// Names' font size.
const NAME_FONT: f64 = 13.0;
/// The font size of the words under each name.
const WORDS_FONT: f64 = 12.5;
/// Where the neighbours' nodes stand, and where their text starts.
const ROW_X: f64 = 132.0;
const TEXT_X: f64 = 144.0;

/// The neighbours drawn, in order: those with a stated relation first (the most relations,
/// then the most excerpts together), then those most often named with the actor; ties by name.
fn chosen(neighbours: &[Neighbour]) -> Vec<&Neighbour> {
    let mut list: Vec<&Neighbour> = neighbours
        .iter()
        .filter(|n| !n.relations.is_empty() || n.together > 0)
        .collect();
    list.sort_by(|a, b| {
        a.relations
            .is_empty()
            .cmp(&b.relations.is_empty())
            .then(b.relations.len().cmp(&a.relations.len()))
            .then(b.together.cmp(&a.together))
            .then(a.node.name.cmp(&b.node.name))
            .then(a.node.id.cmp(&b.node.id))
    });
    list.truncate(NEIGHBOURS_MAX);
    list
}

/// How a neighbour is linked, in words: "founded by; named together in 3 excerpts".
fn link_words(n: &Neighbour) -> String {
    let mut parts: Vec<String> = n.relations.iter().map(|r| one_line(&r.phrase)).collect();
    parts.dedup();
    if n.together > 0 {
        parts.push(format!(
            "named together in {}",
            count(n.together, "excerpt", "excerpts")
        ));
    }
    let mut words = parts.join("; ");
    if let Some(first) = words.get(..1) {
        let upper = first.to_uppercase();
        words.replace_range(..1, &upper);
    }
    words
}

/// Words on lines no wider than `max` at `size` (a word wider than a line stays whole).
fn wrap_words(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), size) <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// The actor's neighbourhood (see the module's description), or `None` when it has no
/// neighbour.
pub fn neighbourhood(centre: &NetworkNode, neighbours: &[Neighbour], id: &str) -> Option<String> {
    let id = clean_id(id);
    let drawn = chosen(neighbours);
    if drawn.is_empty() {
        return None;
    }
    let text_w = W - TEXT_X - 4.0;
    // Each row: its name lines, its words lines, its height.
    let rows: Vec<(Vec<String>, Vec<String>, f64)> = drawn
        .iter()
        .map(|n| {
            let name = wrap_name(&n.node.name, NAME_FONT, text_w);
            let words = wrap_words(&link_words(n), WORDS_FONT, text_w);
            let h = name.len() as f64 * (NAME_FONT + 3.0) + words.len() as f64 * (WORDS_FONT + 3.0) + 10.0;
            (name, words, h)
        })
        .collect();
    let rows_h: f64 = rows.iter().map(|r| r.2).sum();
    let centre_name = wrap_name(&centre.name, NAME_FONT, 90.0);
    let centre_w = centre_name.iter().map(|l| text_width(l, NAME_FONT)).fold(0.0, f64::max);
    let cx = (centre_w / 2.0 + 4.0).max(34.0);
    let centre_h = 2.0 * 16.0 + 8.0 + centre_name.len() as f64 * (NAME_FONT + 3.0);
    let height = (rows_h + 16.0).max(centre_h + 16.0).round();
    let cy = (height / 2.0 - 10.0).max(24.0);

    let mut body = String::new();
    // One arrowhead per family drawn, pointing along the line.
    let mut families: Vec<Family> = drawn
        .iter()
        .flat_map(|n| n.relations.iter().map(|r| Family::of(&r.kind)))
        .collect();
    families.sort();
    families.dedup();
    draw_markers(&mut body, &id, &families);
    let centre_r = 14.0;
    let row_r = 7.0;
    let mut lines = String::new();
    let mut nodes = String::new();
    let mut y = 8.0;
    for (n, (name, words, h)) in drawn.iter().zip(&rows) {
        let ny = y + 5.0 + NAME_FONT * 0.65;
        // The line: from the actor to the neighbour, or back for a relation the neighbour states.
        let (sx, sy) = (cx + centre_r + 2.0, cy);
        let (tx, ty) = (ROW_X - row_r - 3.0, ny);
        let bend = (tx - sx) * 0.5;
        let path_out = format!(
            "M{} {}C{} {} {} {} {} {}",
            F(sx),
            F(sy),
            F(sx + bend),
            F(sy),
            F(tx - bend),
            F(ty),
            F(tx),
            F(ty)
        );
        let path_in = format!(
            "M{} {}C{} {} {} {} {} {}",
            F(tx),
            F(ty),
            F(tx - bend),
            F(ty),
            F(sx + bend),
            F(sy),
            F(sx),
            F(sy)
        );
        match n.relations.first() {
            Some(r) => {
                let (fname, color, dash, _) = Family::of(&r.kind).style();
                put!(
                    lines,
                    "<path class=\"net-edge net-rel rel-{} fam-{fname}\" d=\"{}\" fill=\"none\" stroke=\"{color}\" \
                     stroke-width=\"{}\"",
                    class_token(&r.kind).unwrap_or_else(|| "other".into()),
                    if r.outgoing { &path_out } else { &path_in },
                    F(REL_WIDTH)
                );
                if let Some(d) = dash {
                    put!(lines, " stroke-dasharray=\"{d}\"");
                }
                put!(lines, " marker-end=\"url(#{id}-arrow-{fname})\"/>");
            }
            None => {
                let (color, w) = cooc_style(n.together);
                put!(
                    lines,
                    "<path class=\"net-edge cooc\" d=\"{path_out}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{}\"/>",
                    F(w.max(1.2))
                );
            }
        }
        // The row: a link holding the node, the name and the words.
        let (_, color, s, kind_name) = kind_style(&n.node.kind);
        let kind = class_token(&n.node.kind).unwrap_or_else(|| "other".into());
        put!(
            nodes,
            "<a xlink:href=\"{}\" class=\"net-node kind-{kind}\"><title>{}</title>",
            esc(&n.node.href),
            esc(&format!("{} ({})", n.node.name.trim(), kind_name.to_lowercase()))
        );
        shape(&mut nodes, s, ROW_X, ny, row_r, color);
        let mut ty = y + 5.0 + NAME_FONT;
        for line in name {
            put!(
                nodes,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{INK}\">{}</text>",
                F(TEXT_X),
                F(ty),
                F(NAME_FONT),
                esc(line)
            );
            ty += NAME_FONT + 3.0;
        }
        for line in words {
            put!(
                nodes,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{MUTED}\">{}</text>",
                F(TEXT_X),
                F(ty - 1.0),
                F(WORDS_FONT),
                esc(line)
            );
            ty += WORDS_FONT + 3.0;
        }
        nodes.push_str("</a>");
        y += h;
    }
    body.push_str("<g class=\"net-edges\">");
    body.push_str(&lines);
    body.push_str("</g><g class=\"net-nodes\">");
    // The actor itself: its shape, larger, its name under it (the page's own; not a link).
    let (_, color, s, _) = kind_style(&centre.kind);
    body.push_str("<g class=\"net-centre\">");
    shape(&mut body, s, cx, cy, centre_r, color);
    let mut ty = cy + centre_r * 1.25 + 4.0 + NAME_FONT;
    for line in &centre_name {
        put!(
            body,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
            F(cx),
            F(ty),
            F(NAME_FONT),
            esc(line)
        );
        ty += NAME_FONT + 3.0;
    }
    body.push_str("</g>");
    body.push_str(&nodes);
    body.push_str("</g>");

    let name = one_line(&centre.name);
    let mut desc = format!("{} to {name}: ", count(drawn.len(), "actor linked", "actors linked"));
    let parts: Vec<String> = drawn
        .iter()
        .map(|n| format!("{} ({})", one_line(&n.node.name), link_words(n).to_lowercase()))
        .collect();
    desc.push_str(&parts.join(", "));
    desc.push('.');
    let linked = neighbours
        .iter()
        .filter(|n| !n.relations.is_empty() || n.together > 0)
        .count();
    if linked > drawn.len() {
        put!(
            desc,
            " Actors with a stated relation come first, then those most often named with {name}; {} more {} \
             listed on the page.",
            linked - drawn.len(),
            if linked - drawn.len() == 1 { "is" } else { "are" }
        );
    }
    desc.push_str(" Each actor links to its page.");
    let mut out = String::with_capacity(body.len() + 512);
    open_svg(
        &mut out,
        &id,
        "svg-network svg-neighbourhood",
        (W, height),
        &format!("Actors linked to {name}"),
        &desc,
    );
    out.push_str(&body);
    out.push_str("</svg>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_xml;
    use super::*;

    fn node(i: usize, kind: &str) -> NetworkNode {
        NetworkNode {
            id: format!("a{i:02}"),
            name: format!("Actor {i} of the long name"),
            kind: kind.into(),
            href: format!("../a{i:02}/"),
            weight: 0,
        }
    }

    #[test]
    fn relations_come_first_then_the_most_named_with_it_bounded() {
        let centre = node(0, "state");
        let mut neighbours: Vec<Neighbour> = (1..=20)
            .map(|i| Neighbour {
                node: node(i, "person"),
                relations: Vec::new(),
                together: i,
            })
            .collect();
        neighbours[0].relations.push(NeighbourRelation {
            kind: "founded-by".into(),
            phrase: "founded by".into(),
            outgoing: true,
        });
        neighbours[1].relations.push(NeighbourRelation {
            kind: "opposes".into(),
            phrase: "opposed by".into(),
            outgoing: false,
        });
        let s = neighbourhood(&centre, &neighbours, "nb").unwrap();
        check_xml(&s);
        assert_eq!(s, neighbourhood(&centre, &neighbours, "nb").unwrap());
        assert_eq!(s.matches("class=\"net-node ").count(), NEIGHBOURS_MAX);
        // The related ones first, then 20, 19, … excerpts together; 1 to 10 are left out.
        let order: Vec<usize> = s
            .split("<title>Actor ")
            .skip(1)
            .map(|t| t[..t.find(' ').unwrap()].parse().unwrap())
            .collect();
        assert_eq!(order, vec![2, 1, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11]);
        assert!(
            s.contains(">Founded by; named together in<"),
            "the words wrap under the name"
        );
        assert!(s.contains("Actor 1 of the long name (founded by; named together in 1 excerpt)"));
        assert!(s.contains("Actor 20 of the long name (named together in 20 excerpts)"));
        assert!(s.contains("marker-end=\"url(#nb-arrow-structure)\""));
        assert!(s.contains("8 more are listed on the page"));
        // Nothing under 12.5 units: 12 CSS px or more in a column of 340 px.
        for size in s.split("font-size=\"").skip(1) {
            let size: f64 = size[..size.find('"').unwrap()].parse().unwrap();
            assert!(size >= 12.0, "text at {size}");
        }
        // No text runs out of the picture (by estimate).
        for t in s.split("<text x=\"").skip(1) {
            let x: f64 = t[..t.find('"').unwrap()].parse().unwrap();
            let text = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            if !t.contains("text-anchor") {
                assert!(x + text_width(text, NAME_FONT) <= W + 1.0, "{text} runs out");
            }
        }
    }

    #[test]
    fn no_neighbour_no_picture() {
        let lonely = Neighbour {
            node: node(1, "person"),
            relations: Vec::new(),
            together: 0,
        };
        assert_eq!(neighbourhood(&node(0, "state"), &[lonely], "nb"), None);
        assert_eq!(neighbourhood(&node(0, "state"), &[], "nb"), None);
    }
}
