//! `csv/*.csv`: the dossier as spreadsheet tables (actors, articles, excerpts, incidents,
//! relations), one row per entity or relation, a header row first.
//!
//! RFC 4180: fields separated by commas, records ended by CRLF, a field in double quotes when
//! it holds a comma, a quote, CR or LF (a quote inside doubled). Each file starts with a UTF-8
//! byte order mark: Excel opens a double-clicked CSV file without one in the system's legacy
//! code page, which garbles every accented name; LibreOffice, pandas and Python's
//! `encoding="utf-8-sig"` read the mark as what it is. A cell whose text starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return gets a leading `'`, so that a spreadsheet shows it as
//! text instead of running it as a formula (OWASP's advice on CSV injection): the cells hold
//! article text and names, which an attacker may have written. Lists in a cell are joined
//! with `; `. Written as a stream, one row at a time.

use std::io::{self, Write};

use super::{page_iri, plain};
use crate::model::{Date, EntityKind, Ref};
use crate::render::site::Site;

/// The tables' folder in the site.
pub const FOLDER: &str = "csv";

/// The tables, by file name, each with the function that writes it.
pub const TABLES: &[(&str, super::WriteExport)] = &[
    ("actors.csv", actors),
    ("articles.csv", articles),
    ("excerpts.csv", excerpts),
    ("incidents.csv", incidents),
    ("relations.csv", relations),
];

/// The UTF-8 byte order mark each table starts with.
pub const BOM: &str = "\u{feff}";

/// A cell as written: defused (see [`defuse`]), then quoted when RFC 4180 requires it.
pub fn cell(text: &str) -> String {
    let text = defuse(text);
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

/// A cell's text with a leading `'` when it starts with a character that makes a spreadsheet
/// read it as a formula: `=`, `+`, `-`, `@`, tab, carriage return.
pub fn defuse(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Writes rows of cells to a sink.
struct Table<'w> {
    out: &'w mut dyn Write,
}

impl<'w> Table<'w> {
    /// Starts a table: the byte order mark and the header row.
    fn new(out: &'w mut dyn Write, header: &[&str]) -> io::Result<Table<'w>> {
        out.write_all(BOM.as_bytes())?;
        let mut table = Table { out };
        table.row(header.iter().map(|h| h.to_string()))?;
        Ok(table)
    }

    fn row(&mut self, cells: impl IntoIterator<Item = String>) -> io::Result<()> {
        let line: Vec<String> = cells.into_iter().map(|c| cell(&c)).collect();
        self.out.write_all(line.join(",").as_bytes())?;
        self.out.write_all(b"\r\n")
    }

    fn end(self) -> io::Result<()> {
        self.out.flush()
    }
}

fn ids(refs: &[Ref]) -> String {
    refs.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join("; ")
}

fn date(d: &Option<Date>) -> String {
    d.map(|d| d.iso()).unwrap_or_default()
}

fn opt<T: ToString>(x: &Option<T>) -> String {
    x.as_ref().map(T::to_string).unwrap_or_default()
}

fn actors(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let m = site.model;
    let mut t = Table::new(
        out,
        &[
            "id",
            "name",
            "kind",
            "aliases",
            "country",
            "roles",
            "summary",
            "excerpts",
            "articles_mentioning",
            "page",
        ],
    )?;
    for (i, a) in m.actors.iter().enumerate() {
        let l = &site.index.actors[i];
        let roles = a
            .roles
            .iter()
            .map(|r| match &r.of {
                Some(of) => format!("{} of {}", r.title, of.id),
                None => r.title.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        t.row([
            a.id.clone(),
            a.name.clone(),
            a.kind.clone(),
            a.aliases.join("; "),
            opt(&a.country.as_ref().map(|c| &c.id)),
            roles,
            plain(site, &a.summary).unwrap_or_default(),
            l.excerpts.len().to_string(),
            l.mentioned_in.len().to_string(),
            page_iri(site, EntityKind::Actor, &a.id),
        ])?;
    }
    t.end()
}

fn articles(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let m = site.model;
    let mut t = Table::new(
        out,
        &[
            "id",
            "title",
            "outlet",
            "published",
            "author",
            "url",
            "retrieved",
            "reliability",
            "publish",
            "tags",
            "excerpts",
            "summary",
            "note",
            "page",
        ],
    )?;
    for a in &m.articles {
        t.row([
            a.id.clone(),
            a.title.clone(),
            a.outlet.clone(),
            a.published.iso(),
            opt(&a.author),
            opt(&a.url),
            date(&a.retrieved),
            opt(&a.reliability),
            a.publish.as_str().to_string(),
            a.tags.join("; "),
            a.excerpts.len().to_string(),
            plain(site, &a.summary).unwrap_or_default(),
            plain(site, &a.note).unwrap_or_default(),
            page_iri(site, EntityKind::Article, &a.id),
        ])?;
    }
    t.end()
}

fn excerpts(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let m = site.model;
    let mut t = Table::new(
        out,
        &[
            "id",
            "article",
            "outlet",
            "published",
            "said_on",
            "speaker",
            "form",
            "via",
            "quoted",
            "stance",
            "actors",
            "incidents",
            "tags",
            "credibility",
            "key",
            "responds_to",
            "passage",
            "note",
            "article_url",
            "page",
        ],
    )?;
    for (i, e) in m.excerpts.iter().enumerate() {
        let a = &m.articles[e.article];
        t.row([
            e.id.clone(),
            a.id.clone(),
            a.outlet.clone(),
            a.published.iso(),
            date(&e.said_on),
            opt(&e.speaker.as_ref().map(|s| &s.id)),
            if e.speaker.is_some() {
                e.form.as_str().to_string()
            } else {
                String::new()
            },
            opt(&e.via.as_ref().map(|v| &v.id)),
            e.quoted.to_string(),
            opt(&e.stance),
            ids(&e.actors),
            ids(&e.incidents),
            e.tags.join("; "),
            opt(&e.credibility),
            e.key.to_string(),
            ids(&e.responds_to),
            // The passage itself, which every publishing mode publishes.
            site.text(i).to_string(),
            plain(site, &e.note).unwrap_or_default(),
            opt(&a.url),
            page_iri(site, EntityKind::Excerpt, &e.id),
        ])?;
    }
    t.end()
}

fn incidents(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let m = site.model;
    let mut t = Table::new(
        out,
        &[
            "id",
            "title",
            "kind",
            "date",
            "end",
            "location",
            "casualties",
            "perpetrators",
            "targets",
            "actors",
            "related",
            "excerpts",
            "summary",
            "page",
        ],
    )?;
    for (i, x) in m.incidents.iter().enumerate() {
        let l = &site.index.incidents[i];
        let casualties = x.casualties.iter().map(casualty).collect::<Vec<_>>().join("; ");
        let perpetrators = x
            .perpetrators
            .iter()
            .map(|p| match &p.status {
                Some(s) => format!("{} ({s})", p.actor.id),
                None => p.actor.id.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        t.row([
            x.id.clone(),
            x.title.clone(),
            x.kind.clone(),
            x.date.iso(),
            date(&x.end),
            opt(&x.location),
            casualties,
            perpetrators,
            ids(&x.targets),
            ids(&x.actors),
            l.related
                .iter()
                .map(|&r| m.incidents[r].id.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            l.excerpts
                .iter()
                .map(|&e| m.excerpts[e].id.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            plain(site, &x.summary).unwrap_or_default(),
            page_iri(site, EntityKind::Incident, &x.id),
        ])?;
    }
    t.end()
}

/// A casualty figure in words: `12 killed, 30 injured (more than)`.
fn casualty(c: &crate::model::Casualty) -> String {
    let mut parts = Vec::new();
    if let Some(k) = c.killed {
        parts.push(format!("{k} killed"));
    }
    if let Some(n) = c.injured {
        parts.push(format!("{n} injured"));
    }
    let mut s = parts.join(", ");
    if let Some(note) = &c.note {
        s.push_str(&format!(" ({note})"));
    }
    s
}

fn relations(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let m = site.model;
    let mut t = Table::new(out, &["actor", "type", "other", "from", "to", "sources", "note"])?;
    for a in &m.actors {
        for r in &a.relations {
            t.row([
                a.id.clone(),
                r.kind.clone(),
                r.actor.id.clone(),
                date(&r.from),
                date(&r.to),
                ids(&r.sources),
                plain(site, &r.note).unwrap_or_default(),
            ])?;
        }
    }
    t.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_cells_are_defused_and_quoted() {
        assert_eq!(
            cell("=HYPERLINK(\"http://evil\",\"x\")"),
            "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""
        );
        assert_eq!(cell("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@SUM(1)"), "'@SUM(1)");
        assert_eq!(cell("\t=1"), "'\t=1");
        assert_eq!(cell("\r=1"), "\"'\r=1\"");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(cell("plain text = fine"), "plain text = fine");
        assert_eq!(cell("2008-11-26"), "2008-11-26");
        assert_eq!(cell(""), "");
    }
}
