//! Where the network's nodes and labels go: a deterministic Fruchterman–Reingold force layout
//! (fixed start on an ellipse, fixed number of iterations, platform-independent trigonometry),
//! fitted into the picture's `Frame` (wide and growing with the nodes, or a phone's narrow
//! portrait box), nodes pushed apart, each name placed beside its node, and the area cropped to
//! what is drawn. Only geometry: the drawing is in `network.rs`.
//!
//! A name is placed only where it overlaps no other name and no node, and where it is nearer
//! its own node than any other (so that a reader never reads it as a neighbour's), preferring
//! places that hide the fewest lines; the heaviest actors choose first, and a name that fits
//! nowhere is left out for the picture to list in words. So at scale the names shown are
//! chosen, not all.
//!
//! Every step compares all pairs of nodes, so the work is quadratic in the nodes laid out; it
//! stays bounded because `network.rs` never lays out more than `NET_MAX_NODES` (the most
//! connected actors, past that). `Layout::work` counts the comparisons, for the test that holds
//! this bound.

use std::collections::BTreeMap;

use super::network::{EdgeKind, Graph, NET_FONT, NET_MARGIN, kind_style};
use super::text::{text_width, wrap_name};

/// Least network width.
const NET_MIN_W: f64 = 560.0;
/// Greatest network width.
const NET_MAX_W: f64 = 1100.0;

/// A node's size from its weight.
fn node_radius(weight: usize) -> f64 {
    (5.0 + 1.5 * (weight as f64).sqrt()).min(16.0)
}

/// Deterministic Fruchterman–Reingold layout in `[0, w] × [0, h]`: nodes start on an ellipse
/// in `order`, then a fixed number of cooling iterations (capped so 200 nodes take well under a
/// second) of pairwise repulsion, attraction along `links` (a, b, weight) and a weak pull to
/// the centre.
fn force_layout(
    n: usize,
    order: &[usize],
    mass: &[f64],
    links: &[(usize, usize, f64)],
    (w, h): (f64, f64),
    work: &mut u64,
) -> Vec<(f64, f64)> {
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
    let gravity = 8.0 * k / w.min(h);
    let mut disp = vec![(0.0f64, 0.0f64); n];
    for _ in 0..iters {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        *work += (n * (n - 1) / 2 + links.len()) as u64;
        for i in 0..n {
            for j in i + 1..n {
                let (mut dx, mut dy) = (p[i].0 - p[j].0, p[i].1 - p[j].1);
                let mut d2 = dx * dx + dy * dy;
                if d2 < 1e-4 {
                    dx = if (i + j) % 2 == 0 { 0.01 } else { -0.01 };
                    dy = 0.01;
                    d2 = 2e-4;
                }
                let f = k * k * mass[i] * mass[j] / d2;
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

/// Fit positions into `[x0, x1] × [y0, y1]` (shrinking evenly when needed, enlarging by at
/// most half, centred), then push apart nodes closer than their radii plus `sep`.
fn fit_and_separate(p: &mut [(f64, f64)], radii: &[f64], area: (f64, f64, f64, f64), sep: f64, work: &mut u64) {
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
    let scale = sx.min(sy).min(1.5);
    let (cx, cy) = ((lx + hx) / 2.0, (ly + hy) / 2.0);
    let (ax, ay) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    for q in p.iter_mut() {
        q.0 = ax + (q.0 - cx) * scale;
        q.1 = ay + (q.1 - cy) * scale;
    }
    let n = p.len();
    for _ in 0..40 {
        let mut moved = false;
        *work += (n * n.saturating_sub(1) / 2) as u64;
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
pub(super) type Rect = (f64, f64, f64, f64);

/// A line between two points, and how much hiding it matters.
type Segment = ((f64, f64), (f64, f64), f64);

/// Whether two rectangles overlap, or come closer than `pad`.
pub(super) fn overlaps(a: Rect, b: Rect, pad: f64) -> bool {
    a.0 < b.0 + b.2 + pad && b.0 < a.0 + a.2 + pad && a.1 < b.1 + b.3 + pad && b.1 < a.1 + a.3 + pad
}

/// The distance from a rectangle to a point (0 inside).
pub(super) fn rect_distance(r: Rect, p: (f64, f64)) -> f64 {
    let dx = (r.0 - p.0).max(p.0 - (r.0 + r.2)).max(0.0);
    let dy = (r.1 - p.1).max(p.1 - (r.1 + r.3)).max(0.0);
    (dx * dx + dy * dy).sqrt()
}

/// How far a node's shape reaches from its centre: the largest of the shapes (a triangle) is
/// 1.25 times the radius.
pub(super) fn reach(radius: f64) -> f64 {
    radius * 1.25
}

/// Whether the segment a–b crosses or touches the rectangle (Liang–Barsky clipping).
fn segment_hits(a: (f64, f64), b: (f64, f64), r: Rect) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - r.0),
        (dx, r.0 + r.2 - a.0),
        (-dy, a.1 - r.1),
        (dy, r.1 + r.3 - a.1),
    ] {
        if p.abs() < 1e-12 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// Whether a label box may stand for node `i`: inside `bounds`, clear of every label already
/// placed and of every other node's shape, and nearer its own node than any other, measured
/// both from the centres and from the shapes' edges (so a reader never takes it for a
/// neighbour's name).
fn label_fits(i: usize, rect: Rect, p: &[(f64, f64)], radii: &[f64], placed: &[Option<Rect>], bounds: Rect) -> bool {
    if rect.0 < bounds.0
        || rect.1 < bounds.1
        || rect.0 + rect.2 > bounds.0 + bounds.2
        || rect.1 + rect.3 > bounds.1 + bounds.3
    {
        return false;
    }
    if placed.iter().flatten().any(|o| overlaps(rect, *o, 1.0)) {
        return false;
    }
    // Another node must be clearly further: by a margin and by half as far again.
    let own = rect_distance(rect, p[i]);
    let own_edge = (own - reach(radii[i])).max(0.0);
    (0..p.len()).filter(|&j| j != i).all(|j| {
        let d = rect_distance(rect, p[j]);
        d > own * 1.25 + 4.0 && d - reach(radii[j]) > own_edge * 1.5 + 6.0
    })
}

/// The places tried for a label box (w × h) beside a node at (x, y) reaching `r`, most
/// natural first: right, left, below, above, then the corners and the sides' ends, close to
/// the node then further out (the nearest-node rule still holds a far name to its own).
fn label_candidates((x, y): (f64, f64), r: f64, (w, h): (f64, f64)) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(48);
    for gap in [2.0, 6.0, 11.0] {
        let r = r + gap;
        let d = r * 0.75;
        out.extend([
            (x + r, y - h / 2.0),
            (x - r - w, y - h / 2.0),
            (x - w / 2.0, y + r),
            (x - w / 2.0, y - r - h),
            (x + d, y + d * 0.6),
            (x + d, y - d * 0.6 - h),
            (x - d - w, y + d * 0.6),
            (x - d - w, y - d * 0.6 - h),
            (x + r, y - h + 3.0),
            (x + r, y - 3.0),
            (x - r - w, y - h + 3.0),
            (x - r - w, y - 3.0),
            (x - r, y + r),
            (x + r - w, y + r),
            (x - r, y - r - h),
            (x + r - w, y - r - h),
        ]);
    }
    out
}

/// Place each node's name beside it, heaviest nodes first (`prio`): of the places and of the
/// name's whole forms (the first `whole[i]` of `variants`: one line or two, each with its box
/// size) that fit (see `label_fits`), the one crossing the fewest lines (`segments`, each with
/// its weight: a relation counts more than a co-occurrence); only when no whole form fits, a
/// short one (the variants after). A name that fits nowhere is left out (`None`): the picture
/// lists it in words rather than let it overlap or mislead.
#[allow(clippy::too_many_arguments)]
pub(super) fn place_labels(
    p: &[(f64, f64)],
    radii: &[f64],
    variants: &[Vec<(f64, f64)>],
    whole: &[usize],
    prio: &[usize],
    segments: &[Segment],
    bounds: Rect,
    work: &mut u64,
) -> Vec<Option<(usize, Rect)>> {
    let n = p.len();
    let mut placed: Vec<Option<Rect>> = vec![None; n];
    let mut chosen: Vec<Option<(usize, Rect)>> = vec![None; n];
    for &i in prio {
        let mut best: Option<(f64, usize, Rect)> = None;
        for (vi, &size) in variants[i].iter().enumerate() {
            if vi == whole[i] && best.is_some() {
                break;
            }
            for (ci, (cx, cy)) in label_candidates(p[i], reach(radii[i]), size).into_iter().enumerate() {
                let rect = (cx, cy, size.0, size.1);
                *work += (2 * n + segments.len()) as u64;
                if !label_fits(i, rect, p, radii, &placed, bounds) {
                    continue;
                }
                let crossed: f64 = segments
                    .iter()
                    .filter(|(a, b, _)| segment_hits(*a, *b, rect))
                    .map(|s| s.2)
                    .sum();
                let score = crossed + ci as f64 * 0.15 + vi as f64 * 0.5;
                if best.is_none_or(|(s, ..)| score < s) {
                    best = Some((score, vi, rect));
                }
            }
        }
        if let Some((_, vi, rect)) = best {
            placed[i] = Some(rect);
            chosen[i] = Some((vi, rect));
        }
    }
    chosen
}

/// How a network is framed: its width (or none, to grow with the nodes), the names' font size,
/// the widest a name may be on one line, and the room kept at the sides for names.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub(super) width: Option<f64>,
    pub(super) font: f64,
    pub(super) label_max: f64,
    pub(super) side: f64,
}

impl Frame {
    /// The whole network, for a wide screen.
    pub(super) const WIDE: Frame = Frame {
        width: None,
        font: NET_FONT,
        label_max: 110.0,
        side: 40.0,
    };

    /// The strongest part of the network, for a phone: a narrow portrait box whose names stay
    /// at least 12 CSS px in a column of about 350 px.
    pub(super) const PHONE: Frame = Frame {
        width: Some(340.0),
        font: 13.0,
        label_max: 120.0,
        side: 24.0,
    };
}

/// Where the connected nodes and their labels go (indices into `Graph::connected`).
pub(super) struct Layout {
    pub(super) width: f64,
    /// Height of the graph area (0 when no node is connected).
    pub(super) height: f64,
    pub(super) pos: Vec<(f64, f64)>,
    pub(super) radii: Vec<f64>,
    /// Each node's name, on one or two lines, as drawn (a person's surname alone where the
    /// whole name fits nowhere).
    pub(super) names: Vec<Vec<String>>,
    /// Each node's label box; none for a node whose name could not be placed clear of the
    /// others (see `place_labels`).
    pub(super) labels: Vec<Option<Rect>>,
    /// Pairs of nodes (or of a label and a node or a line) compared while laying out: the work,
    /// which `NET_MAX_NODES` bounds.
    pub(super) work: u64,
}

/// Lay out the connected nodes: force-directed positions fitted to the area, pushed apart,
/// labels placed, then the area cropped to what is drawn.
pub(super) fn layout_graph(g: &Graph, frame: Frame) -> Layout {
    let nc = g.connected.len();
    let width = frame.width.unwrap_or(if nc == 0 {
        NET_MIN_W
    } else {
        (120.0 * (nc as f64).sqrt()).clamp(NET_MIN_W, NET_MAX_W)
    });
    let mut layout = Layout {
        width,
        height: 0.0,
        pos: Vec::new(),
        radii: Vec::new(),
        names: Vec::new(),
        labels: Vec::new(),
        work: 0,
    };
    if nc == 0 {
        return layout;
    }
    // A wide picture is landscape; a narrow one (a phone's) is portrait.
    let area_h = if frame.width.is_some() {
        (width * (0.9 + 0.04 * nc as f64).min(1.5)).round()
    } else {
        (width * 0.72).round()
    };
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
    // One spring per linked pair, stronger for relations and frequent co-occurrence; a pair
    // named together once pulls weakly, so that the many such pairs do not crush everyone
    // into the few most named actors.
    let mut pair_weight: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for e in &g.edges {
        let (a, b) = (g.local[&e.from], g.local[&e.to]);
        let wt = match &e.kind {
            EdgeKind::Relation(_) => 1.0,
            EdgeKind::CoOccurrence(c) => 0.15 + 0.15 * (*c).min(6) as f64,
        };
        let slot = pair_weight.entry((a.min(b), a.max(b))).or_insert(0.0);
        *slot = (*slot + wt).min(1.6);
    }
    let links: Vec<(usize, usize, f64)> = pair_weight.iter().map(|(&(a, b), &w)| (a, b, w)).collect();
    let radii: Vec<f64> = g.connected.iter().map(|&i| node_radius(nodes[i].weight)).collect();
    let mut work = 0;
    // The most linked actors push harder (as in ForceAtlas2), so that they stand apart with
    // room for their names instead of meeting in a knot.
    let mass: Vec<f64> = g
        .connected
        .iter()
        .map(|&i| (1.0 + (g.degree[i] as f64).sqrt()) / 2.0)
        .collect();
    let mut pos = force_layout(nc, &order, &mass, &links, (width, area_h), &mut work);
    let area = (
        NET_MARGIN + frame.side,
        NET_MARGIN + 16.0,
        width - NET_MARGIN - frame.side,
        area_h - NET_MARGIN - 16.0,
    );
    fit_and_separate(&mut pos, &radii, area, 22.0, &mut work);
    let line_h = frame.font + 1.0;
    let size_of = |lines: &[String]| {
        let w = lines.iter().map(|l| text_width(l, frame.font)).fold(0.0, f64::max) + 4.0;
        (w, lines.len() as f64 * line_h + 3.0)
    };
    // Each name's forms: as it reads best first (one line, or two when wide), then the other.
    let forms: Vec<Vec<Vec<String>>> = g
        .connected
        .iter()
        .map(|&i| {
            let name = &nodes[i].name;
            let wrapped = wrap_name(name, frame.font, frame.label_max);
            let one = wrap_name(name, frame.font, f64::INFINITY);
            let two = wrap_name(name, frame.font, 0.0);
            let mut forms = vec![wrapped];
            for f in [one, two] {
                if !forms.contains(&f) {
                    forms.push(f);
                }
            }
            // Last, a person's surname alone, when no other actor drawn shares it ("Gokhale"):
            // the only short form, a single word on one line where every whole form has a space.
            if let Some(short) = surname(name).filter(|_| nodes[i].kind == "person")
                && g.connected
                    .iter()
                    .filter(|&&j| surname(&nodes[j].name) == Some(short))
                    .count()
                    == 1
            {
                forms.push(vec![short.to_string()]);
            }
            forms
        })
        .collect();
    let variants: Vec<Vec<(f64, f64)>> = forms.iter().map(|f| f.iter().map(|l| size_of(l)).collect()).collect();
    let whole: Vec<usize> = forms.iter().map(|f| f.len() - shortened(f)).collect();
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
    // The lines a name should not hide: relations most, then frequent co-occurrences.
    let segments: Vec<Segment> = g
        .edges
        .iter()
        .map(|e| {
            let wt = match &e.kind {
                EdgeKind::Relation(_) => 3.0,
                EdgeKind::CoOccurrence(1) => 0.3,
                EdgeKind::CoOccurrence(_) => 1.0,
            };
            (pos[g.local[&e.from]], pos[g.local[&e.to]], wt)
        })
        .collect();
    let bounds = (2.0, 2.0, width - 4.0, area_h - 4.0);
    let chosen = place_labels(&pos, &radii, &variants, &whole, &prio, &segments, bounds, &mut work);
    let names: Vec<Vec<String>> = chosen
        .iter()
        .zip(&forms)
        .map(|(c, f)| f[c.map_or(0, |c| c.0)].clone())
        .collect();
    let mut labels: Vec<Option<Rect>> = chosen.iter().map(|c| c.map(|c| c.1)).collect();
    // Crop the area to what is drawn.
    let top = (0..nc)
        .map(|i| {
            let node = pos[i].1 - reach(radii[i]);
            labels[i].map_or(node, |l| node.min(l.1))
        })
        .fold(f64::INFINITY, f64::min);
    let bottom = (0..nc)
        .map(|i| {
            let node = pos[i].1 + reach(radii[i]);
            labels[i].map_or(node, |l| node.max(l.1 + l.3))
        })
        .fold(f64::NEG_INFINITY, f64::max);
    let dy = NET_MARGIN - top;
    for p in &mut pos {
        p.1 += dy;
    }
    for l in labels.iter_mut().flatten() {
        l.1 += dy;
    }
    layout.height = (bottom + dy + NET_MARGIN).round();
    layout.pos = pos;
    layout.radii = radii;
    layout.names = names;
    layout.labels = labels;
    layout.work = work;
    layout
}

/// How many of a name's forms are short (a surname: one word, where the whole forms have a
/// space), at the end of the list.
fn shortened(forms: &[Vec<String>]) -> usize {
    let spaced = |f: &Vec<String>| f.len() > 1 || f[0].contains(' ');
    usize::from(forms.len() > 1 && spaced(&forms[0]) && !spaced(&forms[forms.len() - 1]))
}

/// The last word of a name of several words.
fn surname(name: &str) -> Option<&str> {
    let mut words = name.split_whitespace();
    let last = words.next_back()?;
    words.next().map(|_| last)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cos_sin_matches_std() {
        for i in -20..20 {
            let a = i as f64 * 0.7;
            let (c, s) = cos_sin(a);
            assert!((c - a.cos()).abs() < 1e-12 && (s - a.sin()).abs() < 1e-12, "{a}");
        }
    }
}
