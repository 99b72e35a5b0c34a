//! Glyphs and legends: the node and mark shapes (circle, square, diamond, triangles, hexagon),
//! the bars for periods and partial dates, and the in-picture legend that explains them. Kinds
//! are told apart by shape and dash pattern as well as colour, so this is where that promise is
//! kept for every picture.

use std::fmt::Write as _;

use super::markup::{F, INK, put};
use super::text::{esc, text_width};

/// The shape of a network node or of a timeline or strip mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Circle,
    Square,
    Diamond,
    Triangle,
    Hexagon,
    InvTriangle,
}

/// Write a filled shape centred on (x, y) with "radius" r, with a white outline.
pub(super) fn shape(out: &mut String, s: Shape, x: f64, y: f64, r: f64, fill: &str) {
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

/// A bar from x0 to x1 centred on y. Solid, with end caps, for a real duration ("it lasted
/// this long"); for a partial date light and dotted, with open ends ("somewhere in here"), so
/// that uncertainty never looks like duration.
pub(super) fn bar(out: &mut String, x0: f64, x1: f64, y: f64, h: f64, color: &str, light: bool) {
    let w = (x1 - x0).max(3.0);
    if light {
        put!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{color}\" stroke-dasharray=\"2 2\"/>",
            F(x0),
            F(y - h / 2.0),
            F(w),
            F(h),
            tint(color)
        );
        return;
    }
    put!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{color}\"/>\
         <path d=\"M{l} {t}V{b}M{r} {t}V{b}\" stroke=\"{color}\" stroke-width=\"1.5\"/>",
        F(x0),
        F(y - h / 4.0),
        F(w),
        F(h / 2.0),
        l = F(x0),
        r = F(x0 + w),
        t = F(y - h / 2.0 - 1.0),
        b = F(y + h / 2.0 + 1.0)
    );
}

/// A colour `#rrggbb` mixed with five parts of white: the opaque fill of a light bar (opaque,
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
    let mix = |c: u32| (c + 5 * 255 + 3) / 6;
    format!("#{:02x}{:02x}{:02x}", mix(channel(0)), mix(channel(2)), mix(channel(4)))
}

/// What a legend item shows.
pub(super) enum Glyph {
    Shape(Shape, &'static str),
    Bar(&'static str, bool),
    Line {
        color: &'static str,
        dash: Option<&'static str>,
        width: f64,
        marker: Option<String>,
    },
}

impl Glyph {
    /// How wide the glyph is drawn in a legend.
    fn width(&self) -> f64 {
        match self {
            Glyph::Line { .. } => 30.0,
            Glyph::Bar(..) => 20.0,
            Glyph::Shape(..) => 12.0,
        }
    }
}

/// How wide `legend` draws these items on one row, from the first glyph to the end of the last
/// text (for aligning a legend to the right).
pub(super) fn legend_width(items: &[(Glyph, String)], size: f64) -> f64 {
    items
        .iter()
        .map(|(g, t)| g.width() + 5.0 + text_width(t, size) + 16.0)
        .sum::<f64>()
        - 16.0
}

/// Lay out legend items left to right from (x0, y) (first baseline), wrapping at `max_x`;
/// returns the y below the last row.
pub(super) fn legend(out: &mut String, items: &[(Glyph, String)], x0: f64, y: f64, max_x: f64, size: f64) -> f64 {
    let row_h = size + 9.0;
    let (mut x, mut y) = (x0, y);
    out.push_str("<g class=\"legend\" aria-hidden=\"true\">");
    for (glyph, text) in items {
        let gw = glyph.width();
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

#[cfg(test)]
mod tests {
    use super::super::markup::INCIDENT;
    use super::*;

    #[test]
    fn tints_are_opaque_mixes_with_white() {
        assert_eq!(tint("#000000"), "#d5d5d5");
        assert_eq!(tint("#fff"), "#ffffff");
        assert_eq!(tint(INCIDENT), "#f2dbda");
    }
}
