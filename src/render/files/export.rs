//! `dossier.json`: the whole dossier as data, every entity, excerpt and cross-reference, with
//! the article texts. Written as a stream: one entity's JSON value at a time goes through
//! serde_json's pretty printer and an escaping writer straight to the sink, so the file (88 MB
//! at 10,000 articles) is never held whole. Keys come out sorted (the top level and an actor
//! are structs with their fields in key order, whose long lists are written item by item; each
//! other entity is a `serde_json` map), so the file is the same from build to build; JSON is
//! escaped for HTML like every JSON dossier writes (`<`, `>`, `&`, U+2028 and U+2029, as
//! `jsonld::json_for_html` does).

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, Write};

use serde::{Serialize, Serializer};
use serde_json::{Value, json};

use crate::model::{Dossier, EntityKind, Link, Markdown, Publish, Ref};
use crate::render::site::Site;

/// Write the whole dossier as data to `out`: every entity, excerpt and cross-reference.
pub fn write_json(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let m = site.model;
    let export = Export {
        actors: Stream::new(m.actors.len(), |i| actor(site, i)),
        articles: Stream::new(m.articles.len(), |i| article(site, i)),
        description: md(&m.config.description),
        findings: md(&m.config.findings),
        lead: md(&m.config.lead),
        excerpts: Stream::new(m.excerpts.len(), |i| excerpt(site, i)),
        incidents: Stream::new(m.incidents.len(), |i| incident(site, i)),
        language: &m.config.language,
        pages: Stream::new(m.pages.len(), |i| page(m, i)),
        title: &m.config.title,
    };
    write_pretty(out, &export)
}

/// `value` as pretty JSON, escaped for HTML like every JSON file the site writes, then a line
/// end: how `dossier.json` and `annotations.jsonld` are written.
pub(super) fn write_pretty(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut safe = HtmlSafe::new(out);
    serde_json::to_writer_pretty(&mut safe, value).map_err(io::Error::other)?;
    safe.write_all(b"\n")?;
    safe.flush()
}

/// The top level of `dossier.json`, its fields in key order.
#[derive(Serialize)]
struct Export<'a> {
    actors: Stream<'a, ActorJson<'a>>,
    articles: Stream<'a>,
    description: Option<String>,
    excerpts: Stream<'a>,
    findings: Option<String>,
    incidents: Stream<'a>,
    lead: Option<String>,
    language: &'a str,
    pages: Stream<'a>,
    title: &'a str,
}

/// A list serialised one value at a time: `len` values, the `i`-th made by `make(i)` only when
/// it is written.
pub(super) struct Stream<'a, T = Value> {
    len: usize,
    make: RefCell<Box<dyn FnMut(usize) -> T + 'a>>,
}

impl<'a, T> Stream<'a, T> {
    pub(super) fn new(len: usize, make: impl FnMut(usize) -> T + 'a) -> Stream<'a, T> {
        Stream {
            len,
            make: RefCell::new(Box::new(make)),
        }
    }
}

impl<T: Serialize> Serialize for Stream<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut make = self.make.borrow_mut();
        serializer.collect_seq((0..self.len).map(&mut *make))
    }
}

fn ids(refs: &[Ref]) -> Vec<&str> {
    refs.iter().map(|r| r.id.as_str()).collect()
}

fn md(x: &Option<Markdown>) -> Option<String> {
    x.as_ref().map(|m| m.text.clone())
}

fn article(site: &Site, i: usize) -> Value {
    let m = site.model;
    let a = &m.articles[i];
    json!({
        "id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "author": a.author,
        "url": a.url, "retrieved": a.retrieved, "reliability": a.reliability.map(|c| c.to_string()),
        "archive_url": a.archive_url, "language": a.language, "sha256": a.sha256,
        "summary": md(&a.summary), "tags": a.tags, "note": md(&a.note),
        "publish": a.publish,
        // The Markdown as written when the article is published in full; otherwise only what
        // its mode publishes (the passages as plain text, or nothing).
        "text": match a.publish {
            Publish::Full => Some(Cow::Borrowed(a.body())),
            Publish::Excerpts => Some(site.index.published[i].text(a)),
            Publish::Private => None,
        },
        "excerpts": a.excerpts.iter().map(|&e| &m.excerpts[e].id).collect::<Vec<_>>(),
        "mentions": site.index.articles[i].actors.iter().map(|&x| &m.actors[x].id).collect::<Vec<_>>(),
    })
}

fn excerpt(site: &Site, i: usize) -> Value {
    let m = site.model;
    let e = &m.excerpts[i];
    json!({
        "id": e.id, "article": m.articles[e.article].id, "quote": e.quote, "text": site.text(i),
        "line": e.line,
        "speaker": e.speaker.as_ref().map(|s| &s.id), "form": e.form,
        "via": e.via.as_ref().map(|v| &v.id), "quoted": e.quoted, "stance": e.stance,
        "actors": ids(&e.actors), "incidents": ids(&e.incidents), "tags": e.tags,
        "credibility": e.credibility, "said_on": e.said_on, "responds_to": ids(&e.responds_to),
        "key": e.key,
        "responded_by": site.index.responded_by[i].iter().map(|&r| &m.excerpts[r].id).collect::<Vec<_>>(),
        "note": md(&e.note),
        "original": e.original.as_ref().map(|o| &o.text),
        "original_language": e.original.as_ref().map(|o| &o.language),
    })
}

/// An actor as `dossier.json` writes it: the fields of a `serde_json` map, in its key order.
/// A struct and not a map because an actor's mentions are written as they are read: a name
/// found in most articles has tens of thousands, and as a tree of maps they took about 37 MB
/// of a 50,000-article build for the moment that actor was written, its peak.
#[derive(Serialize)]
struct ActorJson<'a> {
    aliases: &'a [String],
    country: Option<&'a str>,
    id: &'a str,
    kind: &'a str,
    links: &'a [Link],
    mentioned_in: Counts<'a>,
    name: &'a str,
    relations: Vec<Value>,
    roles: Vec<Value>,
    seen_with: Counts<'a>,
    summary: Option<String>,
}

/// Articles an actor is mentioned in, or actors seen with it, and how many times each: written
/// one at a time as `{"article": …, "count": …}` or `{"actor": …, "count": …}`.
struct Counts<'a> {
    model: &'a Dossier,
    items: &'a [(usize, usize)],
    of: EntityKind,
}

/// One value of [`Counts`]: a struct's fields, written as a map's, in key order.
#[derive(Serialize)]
#[serde(untagged)]
enum Counted<'a> {
    Article { article: &'a str, count: usize },
    Actor { actor: &'a str, count: usize },
}

impl Serialize for Counts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let m = self.model;
        serializer.collect_seq(self.items.iter().map(|&(x, count)| match self.of {
            EntityKind::Article => Counted::Article {
                article: &m.articles[x].id,
                count,
            },
            _ => Counted::Actor {
                actor: &m.actors[x].id,
                count,
            },
        }))
    }
}

fn actor<'a>(site: &Site<'a>, i: usize) -> ActorJson<'a> {
    let m = site.model;
    let a = &m.actors[i];
    let l = &site.index.actors[i];
    ActorJson {
        aliases: &a.aliases,
        country: a.country.as_ref().map(|c| c.id.as_str()),
        id: &a.id,
        kind: &a.kind,
        links: &a.links,
        mentioned_in: Counts {
            model: m,
            items: &l.mentioned_in,
            of: EntityKind::Article,
        },
        name: &a.name,
        relations: a.relations.iter().map(|r| json!({"type": r.kind, "actor": r.actor.id, "from": r.from, "to": r.to, "sources": ids(&r.sources), "note": md(&r.note)})).collect(),
        roles: a.roles.iter().map(|r| json!({"title": r.title, "of": r.of.as_ref().map(|o| &o.id), "from": r.from, "to": r.to, "sources": ids(&r.sources)})).collect(),
        seen_with: Counts {
            model: m,
            items: &l.seen_with,
            of: EntityKind::Actor,
        },
        summary: md(&a.summary),
    }
}

fn incident(site: &Site, i: usize) -> Value {
    let m = site.model;
    let x = &m.incidents[i];
    let l = &site.index.incidents[i];
    json!({
        "id": x.id, "title": x.title, "kind": x.kind, "date": x.date, "end": x.end, "location": x.location,
        "casualties": x.casualties.iter().map(|c| json!({"killed": c.killed, "injured": c.injured, "note": c.note, "sources": ids(&c.sources)})).collect::<Vec<_>>(),
        "perpetrators": x.perpetrators.iter().map(|p| json!({"actor": p.actor.id, "status": p.status, "sources": ids(&p.sources)})).collect::<Vec<_>>(),
        "targets": ids(&x.targets), "actors": ids(&x.actors),
        "related": l.related.iter().map(|&r| &m.incidents[r].id).collect::<Vec<_>>(),
        "excerpts": l.excerpts.iter().map(|&e| &m.excerpts[e].id).collect::<Vec<_>>(),
        "summary": md(&x.summary),
    })
}

fn page(m: &Dossier, i: usize) -> Value {
    let p = &m.pages[i];
    json!({"id": p.id, "title": p.title, "body": p.body.text})
}

/// A writer that escapes, in the JSON text going through it, what could read as markup or end
/// a script line: `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`, and U+2028, U+2029 as
/// `\u2028`, `\u2029` (the same value to any JSON parser). JSON text has these characters only
/// inside strings, where the escapes mean the same. Runs of other bytes are copied whole; the
/// start of a U+2028 or U+2029 cut between two writes is held back until the next.
pub(super) struct HtmlSafe<'w> {
    out: &'w mut dyn Write,
    held: Vec<u8>,
}

impl<'w> HtmlSafe<'w> {
    pub(super) fn new(out: &'w mut dyn Write) -> HtmlSafe<'w> {
        HtmlSafe { out, held: Vec::new() }
    }

    fn escape(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut copied = 0;
        let mut i = 0;
        while i < bytes.len() {
            let escape: Option<(&[u8], usize)> = match bytes[i] {
                b'<' => Some((b"\\u003c", 1)),
                b'>' => Some((b"\\u003e", 1)),
                b'&' => Some((b"\\u0026", 1)),
                0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => Some((b"\\u2028", 3)),
                0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => Some((b"\\u2029", 3)),
                _ => None,
            };
            match escape {
                Some((with, len)) => {
                    self.out.write_all(&bytes[copied..i])?;
                    self.out.write_all(with)?;
                    i += len;
                    copied = i;
                }
                None => i += 1,
            }
        }
        self.out.write_all(&bytes[copied..])
    }
}

impl Write for HtmlSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let joined;
        let bytes = if self.held.is_empty() {
            buf
        } else {
            let mut v = std::mem::take(&mut self.held);
            v.extend_from_slice(buf);
            joined = v;
            &joined[..]
        };
        // A write that ends inside E2 80 A8 or E2 80 A9 keeps its last byte or two for the next.
        let keep = if bytes.ends_with(&[0xE2, 0x80]) {
            2
        } else if bytes.ends_with(&[0xE2]) {
            1
        } else {
            0
        };
        let (now, later) = bytes.split_at(bytes.len() - keep);
        self.escape(now)?;
        self.held = later.to_vec();
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        let held = std::mem::take(&mut self.held);
        self.out.write_all(&held)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::jsonld::json_for_html;

    #[test]
    fn the_stream_escapes_as_json_for_html_does_whatever_the_cuts() {
        let value = json!({"a": "<script>&\u{2028}x\u{2029}é – ok", "b": ["\u{2028}", ">"]});
        let expected = json_for_html(&value, true);
        let text = serde_json::to_string_pretty(&value).unwrap();
        let bytes = text.as_bytes();
        // Every way of cutting the text in two writes, and byte by byte.
        for cut in 0..=bytes.len() {
            let mut out = Vec::new();
            let mut safe = HtmlSafe::new(&mut out);
            safe.write_all(&bytes[..cut]).unwrap();
            safe.write_all(&bytes[cut..]).unwrap();
            safe.flush().unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "cut at {cut}");
        }
        let mut out = Vec::new();
        let mut safe = HtmlSafe::new(&mut out);
        for b in bytes {
            safe.write_all(std::slice::from_ref(b)).unwrap();
        }
        safe.flush().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
