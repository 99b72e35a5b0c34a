//! Where the network's nodes and labels go: a deterministic Fruchterman–Reingold force layout
//! (fixed start on an ellipse, fixed number of iterations, platform-independent trigonometry),
//! fitted into the picture, nodes pushed apart, each label placed beside its node where it
//! overlaps least, and the area cropped to what is drawn. Only geometry: the drawing is in
//! `network.rs`.
//!
//! Every step compares all pairs of nodes, so the work is quadratic in the nodes laid out; it
//! stays bounded because `network.rs` never lays out more than `NET_MAX_NODES` (the most
//! connected actors, past that). `Layout::work` counts the pair comparisons, for the test that
//! holds this bound. Past `NET_LABEL_ALL` nodes the names are chosen: heaviest first, each only
//! where it overlaps no name or node already placed.

use std::collections::BTreeMap;

use super::network::{EdgeKind, Graph, NET_FONT, NET_MARGIN, kind_style};
use super::text::{text_width, wrap_name};

/// Least network width.
const NET_MIN_W: f64 = 560.0;
/// Greatest network width.
const NET_MAX_W: f64 = 1100.0;
/// A node label wider than this goes on two lines.
const NET_LABEL_MAX: f64 = 110.0;
/// Up to this many nodes every node is named; past it, only names that fit without overlap.
const NET_LABEL_ALL: usize = 60;

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
    let gravity = 5.0 * k / w.min(h);
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

fn overlap(a: Rect, b: Rect) -> f64 {
    let w = (a.0 + a.2).min(b.0 + b.2) - a.0.max(b.0);
    let h = (a.1 + a.3).min(b.1 + b.3) - a.1.max(b.1);
    if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
}

/// Place each node's label box (w × h) beside its node, trying eight positions and keeping the
/// one that overlaps other labels and nodes least (heaviest nodes first). With `choose`, a label
/// that cannot be placed clear of every label and node already there is left out.
fn place_node_labels(
    p: &[(f64, f64)],
    radii: &[f64],
    sizes: &[(f64, f64)],
    prio: &[usize],
    bounds: Rect,
    choose: bool,
    work: &mut u64,
) -> Vec<Option<Rect>> {
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
        *work += (candidates.len() * 2 * n) as u64;
        for (ci, &(cx, cy)) in candidates.iter().enumerate() {
            let rect = (cx, cy, w, h);
            let position = ci as f64 * 0.5;
            let mut score = position;
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
            if choose && score > position {
                continue;
            }
            if best.is_none_or(|(s, _)| score < s) {
                best = Some((score, rect));
            }
        }
        placed[i] = best.map(|(_, r)| r);
    }
    placed
}

/// Where the connected nodes and their labels go (indices into `Graph::connected`).
pub(super) struct Layout {
    pub(super) width: f64,
    /// Height of the graph area (0 when no node is connected).
    pub(super) height: f64,
    pub(super) pos: Vec<(f64, f64)>,
    pub(super) radii: Vec<f64>,
    /// Each node's name, on one or two lines.
    pub(super) names: Vec<Vec<String>>,
    /// Each node's label box; none for a node whose name was left out (see `NET_LABEL_ALL`).
    pub(super) labels: Vec<Option<Rect>>,
    /// Pairs of nodes (or of a label and a node) compared while laying out: the work, which
    /// `NET_MAX_NODES` bounds.
    pub(super) work: u64,
}

/// Lay out the connected nodes: force-directed positions fitted to the area, pushed apart,
/// labels placed, then the area cropped to what is drawn.
pub(super) fn layout_graph(g: &Graph) -> Layout {
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
        work: 0,
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
    let mut work = 0;
    let mut pos = force_layout(nc, &order, &links, (width, area_h), &mut work);
    let area = (
        NET_MARGIN + 40.0,
        NET_MARGIN + 16.0,
        width - NET_MARGIN - 40.0,
        area_h - NET_MARGIN - 16.0,
    );
    fit_and_separate(&mut pos, &radii, area, 22.0, &mut work);
    let names: Vec<Vec<String>> = g
        .connected
        .iter()
        .map(|&i| wrap_name(&nodes[i].name, NET_FONT, NET_LABEL_MAX))
        .collect();
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
    let choose = nc > NET_LABEL_ALL;
    let mut labels = place_node_labels(&pos, &radii, &sizes, &prio, bounds, choose, &mut work);
    if !choose {
        for (i, l) in labels.iter_mut().enumerate() {
            l.get_or_insert((pos[i].0, pos[i].1, sizes[i].0, sizes[i].1));
        }
    }
    // Crop the area to what is drawn.
    let top = (0..nc)
        .map(|i| {
            let node = pos[i].1 - radii[i] * 1.25;
            labels[i].map_or(node, |l| node.min(l.1))
        })
        .fold(f64::INFINITY, f64::min);
    let bottom = (0..nc)
        .map(|i| {
            let node = pos[i].1 + radii[i] * 1.25;
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
