//! The actor network: actors as nodes (sized by weight, shaped and coloured by kind), recorded
//! relations as arrows styled by family, co-occurrence in excerpts as dotted lines. This file
//! owns the network's input (`NetworkNode`, `NetworkEdge`), which edges and nodes are drawn
//! (`Graph`), and the drawing: arrowhead markers, edges, nodes, the "not linked" row, the legend
//! and the description. Where the nodes and labels go is decided by `layout.rs`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::glyph::{Glyph, Shape, legend, shape};
use super::layout::{Frame, Layout, layout_graph};
use super::markup::{F, INK, MUTED, class_token, clean_id, nothing, open_svg, put};
use super::text::{both, count, esc, join_and, one_line, text_width};

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

/// Co-occurrence edges of pairs named together more than once: grey, under the relations.
pub(super) const COOC: &str = "#a3a3a3";
/// Co-occurrence edges of pairs named together once: the faintest lines, so that the many such
/// pairs do not smother the actors they meet at.
pub(super) const COOC_ONCE: &str = "#d9d9d9";
/// The width of relation lines: wider than any co-occurrence line.
pub(super) const REL_WIDTH: f64 = 2.2;

/// A co-occurrence line's colour and width for `c` excerpts together.
pub(super) fn cooc_style(c: usize) -> (&'static str, f64) {
    if c <= 1 {
        (COOC_ONCE, 0.8)
    } else {
        (COOC, (0.8 + 0.2 * (c - 1) as f64).min(2.0))
    }
}

/// How a node kind is drawn: (layout rank, colour, shape, legend name).
pub(super) fn kind_style(kind: &str) -> (u8, &'static str, Shape, &'static str) {
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
pub(super) enum Family {
    Structure,
    Cooperation,
    Allegation,
    Hostility,
    Other,
}

impl Family {
    pub(super) fn of(rel: &str) -> Family {
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
    pub(super) fn style(self) -> (&'static str, &'static str, Option<&'static str>, &'static str) {
        match self {
            Family::Structure => ("structure", "#1f4e79", None, "Membership, leadership, founding"),
            Family::Cooperation => ("cooperation", "#2e6b30", Some("10 3"), "Alliance, negotiation"),
            Family::Allegation => ("allegation", "#8a5a00", Some("5 3"), "Alleged links"),
            Family::Hostility => ("hostility", "#b3261e", Some("8 3 2 3"), "Opposition"),
            Family::Other => ("other", "#4d4d4d", Some("1 2"), "Other relation"),
        }
    }
}

/// Node label font size.
pub(super) const NET_FONT: f64 = 11.0;

/// Margin around the network.
pub(super) const NET_MARGIN: f64 = 12.0;

/// The most actors the network draws. Past this the picture is of the `NET_MAX_NODES` most
/// connected actors (those with the most relations and co-occurrences) and says so, so the
/// layout's work (quadratic in the nodes drawn) and the picture's size stay bounded whatever
/// the dossier's size. The example dossier's 54 actors are all drawn.
pub const NET_MAX_NODES: usize = 150;

/// The most co-occurrence lines drawn (four per node drawn, at most): past this, those of the
/// pairs named together most often, so that the picture stays legible and small (2,800 lines
/// among 150 actors would make a megabyte of grey).
const NET_MAX_COOC: usize = 4 * NET_MAX_NODES;

/// Which of `nodes` a network of these nodes and `edges` draws in its graph area, by index:
/// `None` when it draws every linked node (up to [`NET_MAX_NODES`]), else the chosen ones.
/// The choice: most edges first, then the greater weight, then the id.
pub fn network_choice(nodes: &[NetworkNode], edges: &[NetworkEdge]) -> Option<Vec<usize>> {
    let degree = degrees(nodes.len(), edges);
    let mut linked: Vec<usize> = (0..nodes.len()).filter(|&i| degree[i] > 0).collect();
    if linked.len() <= NET_MAX_NODES {
        return None;
    }
    linked.sort_by(|&a, &b| {
        degree[b]
            .cmp(&degree[a])
            .then(nodes[b].weight.cmp(&nodes[a].weight))
            .then(nodes[a].id.cmp(&nodes[b].id))
            .then(a.cmp(&b))
    });
    linked.truncate(NET_MAX_NODES);
    linked.sort_unstable();
    Some(linked)
}

/// Edges per node, counting only edges whose ends exist and differ.
fn degrees(n: usize, edges: &[NetworkEdge]) -> Vec<usize> {
    let mut degree = vec![0usize; n];
    for e in edges.iter().filter(|e| e.from < n && e.to < n && e.from != e.to) {
        degree[e.from] += 1;
        degree[e.to] += 1;
    }
    degree
}

/// The drawable parts of a network: the valid edges, and which nodes are drawn where.
pub(super) struct Graph<'a> {
    pub(super) nodes: &'a [NetworkNode],
    /// Edges whose ends exist and differ, in input order.
    pub(super) edges: Vec<&'a NetworkEdge>,
    /// Nodes with at least one edge (indices into `nodes`), in input order.
    pub(super) connected: Vec<usize>,
    /// Index into `nodes` → index into `connected`.
    pub(super) local: BTreeMap<usize, usize>,
    /// Nodes without edges but with some weight: drawn in a row below the graph.
    isolated: Vec<usize>,
    /// How many nodes are left out (no edges, weight 0).
    omitted: usize,
    /// Edges per node.
    pub(super) degree: Vec<usize>,
    /// When only the most connected nodes are drawn: how many nodes have links in all.
    chosen_of: Option<usize>,
    /// Linked nodes left out to keep the picture within `NET_MAX_NODES` (or unlinked ones past
    /// what the row below the graph shows).
    left_out: usize,
    /// Co-occurrences between drawn nodes left out past `NET_MAX_COOC`.
    cooc_left_out: usize,
}

impl<'a> Graph<'a> {
    fn new(nodes: &'a [NetworkNode], edges: &'a [NetworkEdge]) -> Graph<'a> {
        let n = nodes.len();
        let degree = degrees(n, edges);
        let linked = degree.iter().filter(|&&d| d > 0).count();
        let choice = network_choice(nodes, edges);
        let connected: Vec<usize> = match &choice {
            Some(chosen) => chosen.clone(),
            None => (0..n).filter(|&i| degree[i] > 0).collect(),
        };
        let mut drawn = vec![false; n];
        for &i in &connected {
            drawn[i] = true;
        }
        let mut edges: Vec<&NetworkEdge> = edges
            .iter()
            .filter(|e| e.from < n && e.to < n && e.from != e.to && drawn[e.from] && drawn[e.to])
            .collect();
        // Past NET_MAX_COOC co-occurrences, those in the most excerpts (the first among equals).
        let cooc = |e: &NetworkEdge| match e.kind {
            EdgeKind::CoOccurrence(c) => Some(c),
            EdgeKind::Relation(_) => None,
        };
        let mut counts: Vec<usize> = edges.iter().filter_map(|e| cooc(e)).collect();
        let cooc_left_out = counts.len().saturating_sub(NET_MAX_COOC);
        if cooc_left_out > 0 {
            counts.sort_unstable_by(|a, b| b.cmp(a));
            let least = counts[NET_MAX_COOC - 1];
            let mut at_least = counts[..NET_MAX_COOC].iter().filter(|&&c| c == least).count();
            edges.retain(|e| match cooc(e) {
                Some(c) if c > least => true,
                Some(c) if c == least && at_least > 0 => {
                    at_least -= 1;
                    true
                }
                Some(_) => false,
                None => true,
            });
        }
        let local = connected.iter().enumerate().map(|(l, &g)| (g, l)).collect();
        // The unlinked nodes fill what room is left, the heaviest first; none when the linked
        // ones were chosen.
        let mut isolated: Vec<usize> = (0..n).filter(|&i| degree[i] == 0 && nodes[i].weight > 0).collect();
        let unlinked = isolated.len();
        let room = if choice.is_some() {
            0
        } else {
            NET_MAX_NODES.saturating_sub(connected.len())
        };
        if isolated.len() > room {
            isolated.sort_by(|&a, &b| nodes[b].weight.cmp(&nodes[a].weight).then(a.cmp(&b)));
            isolated.truncate(room);
            isolated.sort_unstable();
        }
        let omitted = n - linked - unlinked;
        Graph {
            nodes,
            edges,
            cooc_left_out,
            left_out: linked - connected.len() + unlinked - isolated.len(),
            chosen_of: choice.map(|_| linked),
            connected,
            local,
            isolated,
            omitted,
            degree,
        }
    }

    /// The relation type ids of the relation edges, in edge order.
    fn relations(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.edges.iter().filter_map(|e| match &e.kind {
            EdgeKind::Relation(r) => Some(r.as_str()),
            EdgeKind::CoOccurrence(_) => None,
        })
    }

    /// The relation families present, in order.
    fn families(&self) -> Vec<Family> {
        let mut f: Vec<Family> = self.relations().map(Family::of).collect();
        f.sort();
        f.dedup();
        f
    }

    /// The relation types present (of one family, or all), for readers: "founded by".
    fn relation_types(&self, family: Option<Family>) -> Vec<String> {
        let mut types: Vec<String> = self
            .relations()
            .filter(|r| family.is_none_or(|f| Family::of(r) == f))
            .map(relation_words)
            .collect();
        types.sort();
        types.dedup();
        types
    }
}

/// A network picture and what it could not name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkPicture {
    /// The `<svg>` element.
    pub svg: String,
    /// The nodes drawn without their name (indices into the nodes given, heaviest first): their
    /// names would have overlapped another or sat nearer another node. The page lists them.
    pub unnamed: Vec<usize>,
}

/// The actor network: relations as arrows (solid or dashed per family of relation types, with
/// arrowheads, drawn wide and in colour over everything else), co-occurrence in excerpts as
/// grey lines whose width grows with the count (pairs named together once: the faintest), nodes
/// sized by weight, shaped and coloured by kind, labelled with names where a name fits (see
/// `layout.rs`), each a link to the actor page. The layout is a deterministic force-directed
/// one (fixed start, fixed iterations). Nodes without edges are drawn in a row below the graph
/// ("Not linked"), except those of weight 0, which are left out. The legend is inside the SVG,
/// at the bottom. The viewBox is 560–1100 units wide (growing with the number of nodes); its
/// height follows.
pub fn network(nodes: &[NetworkNode], edges: &[NetworkEdge], id: &str) -> String {
    network_picture(nodes, edges, id).svg
}

/// [`network()`], with the nodes it could not name.
pub fn network_picture(nodes: &[NetworkNode], edges: &[NetworkEdge], id: &str) -> NetworkPicture {
    draw_network(nodes, edges, id, Frame::WIDE, None)
}

/// The most actors the phone's network draws.
pub const NET_PHONE_NODES: usize = 14;

/// The network for a phone: the [`NET_PHONE_NODES`] most connected actors (a relation counts as
/// three excerpts together, a co-occurrence as its excerpts), drawn in a narrow portrait box
/// 340 units wide with names at 13 units, so that at a phone's width (a column of about 350
/// CSS px) no text is smaller than 12 px; no "not linked" row. `unnamed` as in
/// [`network_picture()`].
pub fn network_phone(nodes: &[NetworkNode], edges: &[NetworkEdge], id: &str) -> NetworkPicture {
    let n = nodes.len();
    let valid = |e: &&NetworkEdge| e.from < n && e.to < n && e.from != e.to;
    let mut strength = vec![0usize; n];
    for e in edges.iter().filter(valid) {
        let s = match e.kind {
            EdgeKind::Relation(_) => 3,
            EdgeKind::CoOccurrence(c) => c,
        };
        strength[e.from] += s;
        strength[e.to] += s;
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| strength[i] > 0).collect();
    let linked = order.len();
    order.sort_by(|&a, &b| {
        strength[b]
            .cmp(&strength[a])
            .then(nodes[b].weight.cmp(&nodes[a].weight))
            .then(nodes[a].id.cmp(&nodes[b].id))
            .then(a.cmp(&b))
    });
    order.truncate(NET_PHONE_NODES);
    let mut chosen = vec![false; n];
    for &i in &order {
        chosen[i] = true;
    }
    // Only nodes linked to another chosen one: the phone draws no "not linked" row.
    let inside: Vec<&NetworkEdge> = edges
        .iter()
        .filter(valid)
        .filter(|e| chosen[e.from] && chosen[e.to])
        .collect();
    let mut kept: Vec<usize> = inside.iter().flat_map(|e| [e.from, e.to]).collect();
    kept.sort_unstable();
    kept.dedup();
    let at: BTreeMap<usize, usize> = kept.iter().enumerate().map(|(l, &g)| (g, l)).collect();
    let sub_nodes: Vec<NetworkNode> = kept.iter().map(|&i| nodes[i].clone()).collect();
    let sub_edges: Vec<NetworkEdge> = inside
        .iter()
        .map(|e| NetworkEdge {
            from: at[&e.from],
            to: at[&e.to],
            kind: e.kind.clone(),
            label: e.label.clone(),
        })
        .collect();
    let note = (kept.len() < linked).then(|| {
        format!(
            "The {} most connected of the {linked} linked actors (those with the most relations and \
             excerpts shared with others), drawn for a narrow screen.",
            kept.len()
        )
    });
    let mut picture = draw_network(&sub_nodes, &sub_edges, id, Frame::PHONE, note);
    for u in &mut picture.unnamed {
        *u = kept[*u];
    }
    picture
}

/// Draw a network in `frame`, its description led by `note`.
fn draw_network(
    nodes: &[NetworkNode],
    edges: &[NetworkEdge],
    id: &str,
    frame: Frame,
    note: Option<String>,
) -> NetworkPicture {
    let id = clean_id(id);
    let title = "Network of actors";
    let g = Graph::new(nodes, edges);
    if g.connected.is_empty() && g.isolated.is_empty() {
        let svg = nothing(
            &id,
            "svg-network",
            title,
            "Nothing to draw: no actors with links or activity.",
        );
        return NetworkPicture {
            svg,
            unnamed: Vec::new(),
        };
    }
    let layout = layout_graph(&g, frame);
    let mut body = String::new();
    draw_markers(&mut body, &id, &g.families());
    draw_edges(&mut body, &id, &g, &layout);
    draw_nodes(&mut body, &g, &layout, frame.font);
    let y = if frame.width.is_some() {
        layout.height
    } else {
        draw_isolated(&mut body, &g, layout.width, layout.height)
    };
    let legend_font = frame.font.clamp(11.0, 12.5);
    let bottom = network_legend(&mut body, &id, &g, y + 26.0, layout.width, legend_font);
    let mut out = String::with_capacity(body.len() + 1024);
    let size = (layout.width, (bottom + 8.0).round());
    let mut unnamed: Vec<usize> = (0..g.connected.len())
        .filter(|&l| layout.labels[l].is_none())
        .map(|l| g.connected[l])
        .collect();
    unnamed.sort_by(|&a, &b| nodes[b].weight.cmp(&nodes[a].weight).then(a.cmp(&b)));
    let mut desc = note.map(|n| format!("{n} ")).unwrap_or_default();
    desc.push_str(&network_desc(&g, &unnamed));
    let class = if frame.width.is_some() {
        "svg-network svg-network-narrow"
    } else {
        "svg-network"
    };
    open_svg(&mut out, &id, class, size, title, &desc);
    out.push_str(&body);
    out.push_str("</svg>");
    NetworkPicture { svg: out, unnamed }
}

/// One arrowhead marker per relation family drawn.
pub(super) fn draw_markers(out: &mut String, id: &str, families: &[Family]) {
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
    let mut cooc_once = String::new();
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
        let label = edge_title(g, e);
        match &e.kind {
            EdgeKind::Relation(rel) => {
                let (fname, color, dash, _) = Family::of(rel).style();
                put!(
                    rels,
                    "<g class=\"net-edge net-rel rel-{} fam-{fname}\"><title>{}</title>{hit}\
                     <path d=\"{d}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{}\"",
                    class_token(rel).unwrap_or_else(|| "other".into()),
                    esc(&label),
                    F(REL_WIDTH)
                );
                if let Some(dash) = dash {
                    put!(rels, " stroke-dasharray=\"{dash}\"");
                }
                put!(rels, " marker-end=\"url(#{id}-arrow-{fname})\"/></g>");
            }
            EdgeKind::CoOccurrence(c) => {
                let (color, w) = cooc_style(*c);
                let once = if *c <= 1 { " cooc-once" } else { "" };
                put!(
                    if *c <= 1 { &mut cooc_once } else { &mut cooc },
                    "<g class=\"net-edge cooc{once}\"><title>{}</title>{hit}<path d=\"{d}\" fill=\"none\" \
                     stroke=\"{color}\" stroke-width=\"{}\"/></g>",
                    esc(&label),
                    F(w)
                );
            }
        }
    }
    out.push_str("<g class=\"net-edges\">");
    out.push_str(&cooc_once);
    out.push_str(&cooc);
    out.push_str(&rels);
    out.push_str("</g>");
}

/// An edge's tooltip: its label, or one made from the two names ("A founded by B", "A and B
/// appear together in 3 excerpts").
fn edge_title(g: &Graph, e: &NetworkEdge) -> String {
    if !e.label.trim().is_empty() {
        return e.label.clone();
    }
    let (from, to) = (g.nodes[e.from].name.trim(), g.nodes[e.to].name.trim());
    match &e.kind {
        EdgeKind::Relation(rel) => format!("{from} {} {to}", relation_words(rel)),
        EdgeKind::CoOccurrence(c) => {
            format!(
                "{from} and {to} appear together in {}",
                count(*c, "excerpt", "excerpts")
            )
        }
    }
}

/// A relation type id for readers: `founded-by` is "founded by".
fn relation_words(rel: &str) -> String {
    rel.replace('-', " ")
}

/// The connected nodes, in input order: each a link holding its shape and its label (on a
/// white backing, over the edges).
fn draw_nodes(out: &mut String, g: &Graph, layout: &Layout, font: f64) {
    out.push_str("<g class=\"net-nodes\">");
    for (l, &i) in g.connected.iter().enumerate() {
        let node = &g.nodes[i];
        let (_, color, s, kind_name) = kind_style(&node.kind);
        open_node(out, node, kind_name);
        shape(out, s, layout.pos[l].0, layout.pos[l].1, layout.radii[l], color);
        let Some((bx, by, bw, bh)) = layout.labels[l] else {
            out.push_str("</a>");
            continue;
        };
        put!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"#fff\" fill-opacity=\"0.85\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{INK}\">",
            F(bx),
            F(by),
            F(bw),
            F(bh),
            F(bx + 2.0),
            F(by + font),
            F(font)
        );
        for (li, line) in layout.names[l].iter().enumerate() {
            if li == 0 {
                out.push_str(&esc(line));
            } else {
                put!(
                    out,
                    "<tspan x=\"{}\" dy=\"{}\">{}</tspan>",
                    F(bx + 2.0),
                    F(font + 1.0),
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
        let name = one_line(&node.name);
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
fn network_legend(out: &mut String, id: &str, g: &Graph, y: f64, width: f64, size: f64) -> f64 {
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
        let long = format!("{label} ({})", types.join(", "));
        // The types too, when they are few and the line fits the picture.
        let text = if types.len() <= 3 && 40.0 + text_width(&long, size) < width - 2.0 * NET_MARGIN {
            long
        } else {
            label.to_string()
        };
        let marker = Some(format!("{id}-arrow-{fname}"));
        items.push((
            Glyph::Line {
                color,
                dash,
                width: REL_WIDTH,
                marker,
            },
            text,
        ));
    }
    let counts = || {
        g.edges.iter().filter_map(|e| match e.kind {
            EdgeKind::CoOccurrence(c) => Some(c),
            EdgeKind::Relation(_) => None,
        })
    };
    if counts().any(|c| c > 1) {
        items.push((
            Glyph::Line {
                color: COOC,
                dash: None,
                width: 2.0,
                marker: None,
            },
            "Named together in excerpts (thicker: more)".to_string(),
        ));
    }
    if counts().any(|c| c <= 1) {
        items.push((
            Glyph::Line {
                color: COOC_ONCE,
                dash: None,
                width: 1.0,
                marker: None,
            },
            "Named together once".to_string(),
        ));
    }
    legend(out, &items, NET_MARGIN, y, width - NET_MARGIN, size)
}

/// The network's description: counts, relation types, how to read arrows, what is left out
/// (actors past `NET_MAX_NODES`, `unnamed` nodes without their name shown).
fn network_desc(g: &Graph, unnamed: &[usize]) -> String {
    let rel_count = g.relations().count();
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
    if g.left_out > 0 {
        put!(
            desc,
            " To keep the picture legible, {} {} not drawn",
            count(g.left_out, "actor", "actors"),
            if g.left_out == 1 { "is" } else { "are" }
        );
        match g.chosen_of {
            Some(linked) => {
                put!(
                    desc,
                    ": these are the {} most connected of the {linked} with links (the most relations \
                     and co-occurrences).",
                    g.connected.len()
                );
            }
            None => desc.push_str(" (the unlinked actors with the least activity)."),
        }
    }
    if g.cooc_left_out > 0 {
        put!(
            desc,
            " Of the {} co-occurrences between them, only the {NET_MAX_COOC} in the most excerpts are drawn.",
            g.cooc_left_out + NET_MAX_COOC
        );
    }
    if !unnamed.is_empty() {
        // Up to a dozen named here; past that, counted (at scale, the page lists them).
        let names: Vec<String> = unnamed.iter().take(12).map(|&i| one_line(&g.nodes[i].name)).collect();
        let rest = unnamed.len() - names.len();
        put!(
            desc,
            " Names are shown where they overlap nothing and sit nearest their own node, the most active \
             actors first; {} drawn without {}: {}{}.",
            count(unnamed.len(), "node is", "nodes are"),
            if unnamed.len() == 1 { "its name" } else { "their names" },
            join_and(&names),
            if rest > 0 {
                format!(" and {rest} more")
            } else {
                String::new()
            }
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

#[cfg(test)]
mod tests {
    use super::super::layout::{Rect, overlaps, reach, rect_distance};
    use super::super::testing::check_xml;
    use super::*;

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
        // Co-occurrences are plain grey lines, faintest for a pair named together once.
        assert!(a.contains("class=\"net-edge cooc cooc-once\"><title>Actor number 5 with a long name and Actor number 6 with a long name appear together in 1 excerpt</title>"));
        assert!(a.contains(&format!("stroke=\"{COOC_ONCE}\" stroke-width=\"0.8\"")));
        // The legend names kinds and edge families.
        assert!(a.contains("class=\"legend\""));
        for text in [
            "Person",
            "State",
            "Armed group",
            "Media",
            "Opposition",
            "Alleged links",
            "Named together in excerpts (thicker: more)",
            "Named together once",
        ] {
            assert!(a.contains(&format!(">{text}")), "legend lacks {text}");
        }
        assert!(a.contains("Membership, leadership, founding (founded by)"));
        // Parallel edges between 1 and 2 are bent apart.
        assert!(a.matches("Q").count() >= 6);
    }

    #[test]
    fn network_ignores_bad_edges_and_lays_out_200_nodes() {
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
        let s = network(&nodes, &edges, "big");
        check_xml(&s);
        assert!(!s.contains("NaN"));
    }

    /// `n` actors: every one linked to the next two (co-occurrence), the first 20 hubs linked
    /// to every tenth actor as well (relations), so the hubs are the most connected.
    fn big_network(n: usize) -> (Vec<NetworkNode>, Vec<NetworkEdge>) {
        let nodes: Vec<NetworkNode> = (0..n)
            .map(|i| NetworkNode {
                id: format!("a{i:05}"),
                name: format!("Actor {i}"),
                kind: ["person", "state", "agency", "armed-group"][i % 4].into(),
                href: format!("a{i}"),
                weight: 1 + i % 7,
            })
            .collect();
        let mut edges = Vec::new();
        for i in 0..n {
            for d in [1, 2] {
                edges.push(NetworkEdge {
                    from: i,
                    to: (i + d) % n,
                    kind: EdgeKind::CoOccurrence(1 + i % 3),
                    label: String::new(),
                });
            }
        }
        for hub in 0..20 {
            for other in (hub + 10..n).step_by(10) {
                edges.push(NetworkEdge {
                    from: other,
                    to: hub,
                    kind: EdgeKind::Relation("member-of".into()),
                    label: String::new(),
                });
            }
        }
        (nodes, edges)
    }

    #[test]
    fn the_layout_work_is_bounded_whatever_the_number_of_actors() {
        // The most the layout can do with NET_MAX_NODES nodes: at most 300 force iterations over
        // every pair and every link, 40 rounds of pushing pairs apart, 48 label places in 4
        // forms each checked against every label, node and line.
        let k = NET_MAX_NODES as u64;
        let pairs = k * (k - 1) / 2;
        let lines = (NET_MAX_COOC + 2 * NET_MAX_NODES) as u64;
        let bound = 300 * (pairs + pairs) + 40 * pairs + k * 4 * 48 * (2 * k + lines);
        let mut works = Vec::new();
        for n in [100, 1_000, 10_000] {
            let (nodes, edges) = big_network(n);
            let g = Graph::new(&nodes, &edges);
            let layout = layout_graph(&g, Frame::WIDE);
            assert!(layout.work > 0);
            assert!(
                layout.work <= bound,
                "{n} actors: {} pair comparisons, more than {bound}",
                layout.work
            );
            works.push(layout.work);
            assert_eq!(g.connected.len(), n.min(NET_MAX_NODES));
        }
        // Quadratic work would grow 100 times from 1,000 to 10,000 actors; bounded, it barely
        // grows (only the names tried differ, a short form being tried where no whole one fits).
        assert!(works[2] < works[1] * 3 / 2, "{works:?}");

        // The hubs are among those drawn, and the picture says what it leaves out.
        let (nodes, edges) = big_network(10_000);
        let chosen = network_choice(&nodes, &edges).expect("a choice at 10,000 actors");
        assert_eq!(chosen.len(), NET_MAX_NODES);
        assert!((0..20).all(|hub| chosen.contains(&hub)));
        let s = network(&nodes, &edges, "big");
        check_xml(&s);
        assert_eq!(s.matches("class=\"net-node ").count(), NET_MAX_NODES);
        let desc = &s[s.find("<desc").unwrap()..s.find("</desc>").unwrap()];
        assert!(
            desc.contains(&format!(
                "To keep the picture legible, {} actors are not drawn: these are the {NET_MAX_NODES} most \
             connected of the 10000 with links",
                10_000 - NET_MAX_NODES
            )),
            "{desc}"
        );
        assert!(desc.contains("Names are shown where they overlap nothing"), "{desc}");
        assert!(s.len() < 1_000_000, "{} bytes", s.len());
    }

    /// Every placed name of a layout: clear of every other name and node, and nearer its own
    /// node than any other (from the centres, and from the shapes' edges).
    fn assert_names_are_clear(layout: &Layout) {
        let named: Vec<(usize, Rect)> = layout
            .labels
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.map(|l| (i, l)))
            .collect();
        for (x, &(i, a)) in named.iter().enumerate() {
            for &(_, b) in &named[x + 1..] {
                assert!(!overlaps(a, b, 0.0), "names overlap: {a:?} {b:?}");
            }
            let own = rect_distance(a, layout.pos[i]);
            let own_edge = (own - reach(layout.radii[i])).max(0.0);
            for j in (0..layout.pos.len()).filter(|&j| j != i) {
                let (p, r) = (layout.pos[j], reach(layout.radii[j]));
                assert!(
                    !overlaps(a, (p.0 - r, p.1 - r, 2.0 * r, 2.0 * r), 0.0),
                    "name {i} over node {j}"
                );
                let d = rect_distance(a, p);
                assert!(d > own && d - r > own_edge, "name {i} is as near node {j} as its own");
            }
        }
    }

    #[test]
    fn names_never_overlap_and_sit_nearest_their_own_node() {
        // At scale: names chosen, many left out, every one shown clear.
        let (nodes, edges) = big_network(NET_MAX_NODES);
        let g = Graph::new(&nodes, &edges);
        let layout = layout_graph(&g, Frame::WIDE);
        let named = layout.labels.iter().flatten().count();
        assert!(named > 10 && named < NET_MAX_NODES, "{named} names");
        assert_names_are_clear(&layout);
        // A small network names nearly everyone, and the same way each time.
        for n in [12, 30, 50] {
            let (nodes, edges) = big_network(n);
            let frames = if n <= NET_PHONE_NODES {
                vec![Frame::WIDE, Frame::PHONE]
            } else {
                vec![Frame::WIDE]
            };
            for frame in frames {
                let layout = layout_graph(&Graph::new(&nodes, &edges), frame);
                assert_names_are_clear(&layout);
                let named = layout.labels.iter().flatten().count();
                assert!(named * 10 >= n * 7, "{n} nodes, {named} named");
                let again = layout_graph(&Graph::new(&nodes, &edges), frame);
                assert_eq!(layout.labels, again.labels);
                assert_eq!(layout.pos, again.pos);
            }
        }
        // The names left out are said: in the picture's description, and to the caller.
        let (nodes, edges) = big_network(NET_MAX_NODES);
        let picture = network_picture(&nodes, &edges, "n");
        assert!(!picture.unnamed.is_empty());
        assert!(picture.svg.contains("drawn without their names: "));
        assert_eq!(picture, network_picture(&nodes, &edges, "n"));
    }

    #[test]
    fn the_phone_network_draws_the_most_connected_part_with_large_names() {
        let (nodes, edges) = big_network(60);
        let phone = network_phone(&nodes, &edges, "p");
        check_xml(&phone.svg);
        assert_eq!(phone.svg.matches("class=\"net-node ").count(), NET_PHONE_NODES);
        assert!(phone.svg.contains("viewBox=\"0 0 340 "));
        assert!(phone.svg.contains("most connected of the 60 linked actors"));
        // No text under 12.5 units: 12 CSS px or more in a column of 340 px.
        for size in phone.svg.split("font-size=\"").skip(1) {
            let size: f64 = size[..size.find('"').unwrap()].parse().unwrap();
            assert!(size >= 12.0, "text at {size}");
        }
        assert!(!phone.svg.contains("Not linked"));
        for u in &phone.unnamed {
            assert!(*u < nodes.len());
        }
    }

    #[test]
    fn past_the_limit_only_the_strongest_co_occurrences_are_drawn() {
        // 150 actors, every pair named together (11,175 pairs), in 1 to 9 excerpts.
        let (nodes, _) = big_network(NET_MAX_NODES);
        let mut edges = Vec::new();
        for a in 0..NET_MAX_NODES {
            for b in a + 1..NET_MAX_NODES {
                edges.push(NetworkEdge {
                    from: a,
                    to: b,
                    kind: EdgeKind::CoOccurrence(1 + (a * 7 + b) % 9),
                    label: String::new(),
                });
            }
        }
        let g = Graph::new(&nodes, &edges);
        assert_eq!(g.edges.len(), NET_MAX_COOC);
        let weakest_drawn = g.edges.iter().filter_map(|e| match e.kind {
            EdgeKind::CoOccurrence(c) => Some(c),
            EdgeKind::Relation(_) => None,
        });
        assert!(weakest_drawn.min() == Some(9), "the pairs in 9 excerpts come first");
        let s = network(&nodes, &edges, "dense");
        check_xml(&s);
        assert_eq!(s.matches("class=\"net-edge cooc\"").count(), NET_MAX_COOC);
        assert!(s.contains(&format!(
            "Of the 11175 co-occurrences between them, only the {NET_MAX_COOC} in the most excerpts are drawn."
        )));
        assert!(s.len() < 500_000, "{} bytes", s.len());
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
}
