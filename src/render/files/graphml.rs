//! `graph.graphml`: the actor network as GraphML, for Gephi, networkx, Cytoscape and yEd.
//!
//! One directed graph: a node per actor (`label`, `kind`, `country`, `excerpts`, `page`) and
//! three kinds of edge, told apart by the edge attribute `kind`: `relation` (a typed relation,
//! from the actor whose file states it to the other; `relation` holds its type), `role` (an
//! office held, from the holder to the actor it is `of`; `relation` holds the title) and
//! `co-mention` (two actors named in the same excerpts, `weight` the number of excerpts; the
//! link has no direction and is written once, from the actor first in the dossier's order).
//! Written by hand (the format is a dozen elements), every value XML-escaped; streamed, one
//! element at a time.

use std::io::{self, Write};

use super::page_iri;
use crate::model::{Date, EntityKind};
use crate::render::files::feeds::xml_escape;
use crate::render::site::Site;

/// The file's path in the site.
pub const PATH: &str = "graph.graphml";

/// The attributes: (id, for, name, type).
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("label", "node", "label", "string"),
    ("kind", "node", "kind", "string"),
    ("country", "node", "country", "string"),
    ("excerpts", "node", "excerpts", "int"),
    ("page", "node", "page", "string"),
    ("edge_kind", "edge", "kind", "string"),
    ("relation", "edge", "relation", "string"),
    ("from", "edge", "from", "string"),
    ("to", "edge", "to", "string"),
    ("sources", "edge", "sources", "string"),
    ("weight", "edge", "weight", "double"),
];

/// Write the actor network to `out`.
pub fn write(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let m = site.model;
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    )?;
    for (id, what, name, kind) in KEYS {
        writeln!(
            out,
            "  <key id=\"{id}\" for=\"{what}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        )?;
    }
    writeln!(out, "  <graph id=\"actors\" edgedefault=\"directed\">")?;
    for (i, a) in m.actors.iter().enumerate() {
        let mut data = vec![("label", a.name.clone()), ("kind", a.kind.clone())];
        if let Some(c) = &a.country {
            data.push(("country", c.id.clone()));
        }
        data.push(("excerpts", site.index.actors[i].excerpts.len().to_string()));
        data.push(("page", page_iri(site, EntityKind::Actor, &a.id)));
        element(out, &format!("node id=\"{}\"", xml_escape(&a.id)), "node", &data)?;
    }
    let date = |d: &Option<Date>| d.map(|d| d.iso());
    for a in &m.actors {
        for (n, r) in a.relations.iter().enumerate() {
            let mut data = vec![("edge_kind", "relation".to_string()), ("relation", r.kind.clone())];
            data.extend(date(&r.from).map(|d| ("from", d)));
            data.extend(date(&r.to).map(|d| ("to", d)));
            if !r.sources.is_empty() {
                let ids: Vec<&str> = r.sources.iter().map(|s| s.id.as_str()).collect();
                data.push(("sources", ids.join(" ")));
            }
            edge(out, &format!("relation-{}-{n}", a.id), &a.id, &r.actor.id, &data)?;
        }
        for (n, r) in a.roles.iter().enumerate() {
            let Some(of) = &r.of else { continue };
            let mut data = vec![("edge_kind", "role".to_string()), ("relation", r.title.clone())];
            data.extend(date(&r.from).map(|d| ("from", d)));
            data.extend(date(&r.to).map(|d| ("to", d)));
            if !r.sources.is_empty() {
                let ids: Vec<&str> = r.sources.iter().map(|s| s.id.as_str()).collect();
                data.push(("sources", ids.join(" ")));
            }
            edge(out, &format!("role-{}-{n}", a.id), &a.id, &of.id, &data)?;
        }
    }
    for (i, a) in m.actors.iter().enumerate() {
        for &(j, n) in &site.index.actors[i].seen_with {
            if j > i {
                let b = &m.actors[j].id;
                let data = [("edge_kind", "co-mention".to_string()), ("weight", n.to_string())];
                edge(out, &format!("co-mention-{}-{b}", a.id), &a.id, b, &data)?;
            }
        }
    }
    out.write_all(b"  </graph>\n</graphml>\n")?;
    out.flush()
}

fn edge(out: &mut dyn Write, id: &str, source: &str, target: &str, data: &[(&str, String)]) -> io::Result<()> {
    let open = format!(
        "edge id=\"{}\" source=\"{}\" target=\"{}\"",
        xml_escape(id),
        xml_escape(source),
        xml_escape(target)
    );
    element(out, &open, "edge", data)
}

fn element(out: &mut dyn Write, open: &str, name: &str, data: &[(&str, String)]) -> io::Result<()> {
    writeln!(out, "    <{open}>")?;
    for (key, value) in data {
        writeln!(out, "      <data key=\"{key}\">{}</data>", xml_escape(value))?;
    }
    writeln!(out, "    </{name}>")
}
