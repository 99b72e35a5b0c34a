//! The briefing book (`book/index.html`): the whole dossier as one document to print or to
//! read through. A title page and contents, then numbered sections: the lead and findings, the
//! timeline as a table, the actors by kind, the incidents, and the sources with their
//! excerpts.
//!
//! Paper has no links, so every reference inside the book is a link to its section *and* the
//! section's number ("see §4.2"); the numbers are made here, once, so the contents, the
//! sections and every reference agree. Wikilinks in the Markdown fields follow the same rule
//! (see [`Resolve::reference`]); one to a free page, which the book does not hold, links to the
//! site's page.
//!
//! Sources: whatever an article's publishing mode, the book prints its data (title, outlet,
//! dates, address, grades, the analyst's summary and note) and each excerpt's passage, never
//! the article's text. An excerpt's passage is what `private` mode itself still shows (a short
//! quotation on the excerpt's page), so the book publishes nothing a mode withholds, and one
//! rule holds for every mode.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::diag::Diagnostic;
use crate::model::{ACTOR_KINDS, Markdown, Ref};
use crate::render::markdown::{Resolve, to_html};
use crate::render::pages::timeline::timeline_entries;
use crate::render::pages::{Page, meta};
use crate::render::site::{Site, plural_kind, relation_phrases};
use crate::render::templates::shorten;
use crate::render::views::*;

/// Where the book is.
pub const BOOK: &str = "book/index.html";

/// The most excerpts a book is made of: about 600 printed pages (the example's 109 excerpts
/// take 66). Past it the page says so instead, and stays small: nobody prints a 10,000-article
/// dossier, and the site's largest page would otherwise grow with the whole dossier.
pub const BOOK_MAX_EXCERPTS: usize = 1000;

/// How long an excerpt's passage may be where a reference names it, in characters.
const LABEL_LENGTH: usize = 60;

/// `book/index.html`.
pub fn book(site: &Site) -> Result<Page, Diagnostic> {
    let m = site.model;
    let c = &m.config;
    let meta = || {
        meta(
            "Briefing book",
            "The whole dossier as one numbered document to print: findings, timeline, actors, incidents and sources.",
        )
    };
    if m.excerpts.len() > BOOK_MAX_EXCERPTS {
        let view = BookView {
            description_html: None,
            too_large: Some(BOOK_MAX_EXCERPTS),
            first_date: None,
            last_date: None,
            contents: Vec::new(),
            summary: None,
            timeline: None,
            actors: None,
            incidents: None,
            sources: None,
        };
        return Page::new(BOOK.to_string(), "book.html", meta(), &view);
    }
    let numbers = Numbers::new(site);
    let book = Book {
        site,
        numbers: &numbers,
    };
    let refs = |list: &[Ref]| -> Vec<BookRef> { list.iter().filter_map(|r| numbers.get(&r.id)).collect() };
    let mut contents = Vec::new();
    let mut entry = |number: &str, title: &str, anchor: &str, level: usize| {
        contents.push(BookEntry {
            number: number.to_string(),
            title: title.to_string(),
            anchor: anchor.to_string(),
            level,
        })
    };

    let summary = numbers.summary.map(|n| {
        let number = n.to_string();
        entry(&number, "Lead and findings", "summary", 1);
        BookSummary {
            number,
            lead_html: book.md(&c.lead),
            findings_html: book.md(&c.findings),
        }
    });

    let entries = timeline_entries(site);
    let timeline = numbers.timeline.map(|n| {
        let number = n.to_string();
        entry(&number, "Timeline", "timeline", 1);
        BookTimeline {
            number,
            rows: entries
                .iter()
                .map(|&(date, (article, i))| {
                    let (kind, what, id) = if article {
                        let a = &m.articles[i];
                        ("article", Cow::Borrowed(a.outlet.as_str()), a.id.as_str())
                    } else {
                        let x = &m.incidents[i];
                        ("incident", site.label(&x.kind), x.id.as_str())
                    };
                    BookTimelineRow {
                        kind,
                        date: date.iso(),
                        date_human: date.human(),
                        what,
                        item: numbers.get(id).expect("every incident and source is numbered"),
                    }
                })
                .collect(),
        }
    });

    let actors = numbers.actors.map(|n| {
        let number = n.to_string();
        entry(&number, "Actors", "actors", 1);
        let groups = numbers
            .actor_groups
            .iter()
            .enumerate()
            .map(|(g, (kind, list))| {
                let number = format!("{n}.{}", g + 1);
                let label = plural_kind(kind);
                let anchor = format!("actors-{kind}");
                entry(&number, &label, &anchor, 2);
                BookActorGroup {
                    number,
                    anchor,
                    label,
                    actors: list.iter().map(|&a| book.actor(a, &refs)).collect(),
                }
            })
            .collect();
        BookActors { number, groups }
    });

    let incidents = numbers.incidents.map(|n| {
        let number = n.to_string();
        entry(&number, "Incidents", "incidents", 1);
        let incidents = (0..m.incidents.len())
            .map(|xi| {
                let x = book.incident(xi, &refs);
                entry(&x.number, x.incident.title, &x.anchor, 2);
                x
            })
            .collect();
        BookIncidents { number, incidents }
    });

    let sources = numbers.sources.map(|n| {
        let number = n.to_string();
        entry(&number, "Sources", "sources", 1);
        let sources = (0..m.articles.len())
            .map(|ai| {
                let s = book.source(ai, &refs);
                entry(&s.number, s.title, &s.anchor, 2);
                s
            })
            .collect();
        BookSources { number, sources }
    });

    let view = BookView {
        description_html: book.md(&c.description),
        too_large: None,
        first_date: numbers.span.map(|(first, _)| first.human()),
        last_date: numbers.span.map(|(_, last)| last.human()),
        contents,
        summary,
        timeline,
        actors,
        incidents,
        sources,
    };
    Page::new(BOOK.to_string(), "book.html", meta(), &view)
}

/// The number of every section and of everything a reference can point to.
struct Numbers<'a> {
    summary: Option<usize>,
    timeline: Option<usize>,
    actors: Option<usize>,
    incidents: Option<usize>,
    sources: Option<usize>,
    /// The kinds of actor the dossier has, in the order of [`ACTOR_KINDS`], each with its
    /// actors by name.
    actor_groups: Vec<(&'static str, Vec<usize>)>,
    /// Actors, incidents, sources and excerpts by id.
    refs: HashMap<&'a str, BookRef>,
    /// The first and the last date of the incidents and sources.
    span: Option<(crate::model::Date, crate::model::Date)>,
}

impl<'a> Numbers<'a> {
    fn new(site: &Site<'a>) -> Numbers<'a> {
        let m = site.model;
        let mut next = 0;
        let mut section = |present: bool| {
            present.then(|| {
                next += 1;
                next
            })
        };
        let summary = section(m.config.lead.is_some() || m.config.findings.is_some());
        let timeline = section(!m.incidents.is_empty() || !m.articles.is_empty());
        let actors = section(!m.actors.is_empty());
        let incidents = section(!m.incidents.is_empty());
        let sources = section(!m.articles.is_empty());
        let mut refs = HashMap::new();
        let actor_groups: Vec<(&'static str, Vec<usize>)> = ACTOR_KINDS
            .iter()
            .map(|&kind| {
                let mut list: Vec<usize> = (0..m.actors.len()).filter(|&a| m.actors[a].kind == kind).collect();
                list.sort_by(|&a, &b| {
                    let (a, b) = (&m.actors[a], &m.actors[b]);
                    a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id))
                });
                (kind, list)
            })
            .filter(|(_, list)| !list.is_empty())
            .collect();
        if let Some(n) = actors {
            for (g, (_, list)) in actor_groups.iter().enumerate() {
                for (k, &a) in list.iter().enumerate() {
                    let a = &m.actors[a];
                    refs.insert(
                        a.id.as_str(),
                        book_ref(&a.name, format!("{n}.{}.{}", g + 1, k + 1), "actor", &a.id),
                    );
                }
            }
        }
        if let Some(n) = incidents {
            for (k, x) in m.incidents.iter().enumerate() {
                refs.insert(
                    x.id.as_str(),
                    book_ref(&x.title, format!("{n}.{}", k + 1), "incident", &x.id),
                );
            }
        }
        if let Some(n) = sources {
            for (k, a) in m.articles.iter().enumerate() {
                let number = format!("{n}.{}", k + 1);
                for (j, &e) in a.excerpts.iter().enumerate() {
                    let ex = &m.excerpts[e];
                    let text = shorten(site.text(e), LABEL_LENGTH, "…");
                    let label = if ex.words_of().is_some() {
                        format!("“{text}”")
                    } else {
                        text
                    };
                    refs.insert(
                        ex.id.as_str(),
                        book_ref(&label, format!("{number}.{}", j + 1), "excerpt", &ex.id),
                    );
                }
                refs.insert(a.id.as_str(), book_ref(&a.title, number, "source", &a.id));
            }
        }
        let dates = m
            .incidents
            .iter()
            .flat_map(|x| std::iter::once(x.date).chain(x.end))
            .chain(m.articles.iter().map(|a| a.published));
        let span = dates.fold(
            None,
            |span: Option<(crate::model::Date, crate::model::Date)>, d| match span {
                None => Some((d, d)),
                Some((first, last)) => Some((first.min(d), last.max(d))),
            },
        );
        Numbers {
            summary,
            timeline,
            actors,
            incidents,
            sources,
            actor_groups,
            refs,
            span,
        }
    }

    /// The reference to what `id` names, when the book holds it.
    fn get(&self, id: &str) -> Option<BookRef> {
        self.refs.get(id).cloned()
    }
}

fn book_ref(label: &str, number: String, kind: &str, id: &str) -> BookRef {
    BookRef {
        label: label.to_string(),
        number,
        anchor: format!("{kind}-{id}"),
    }
}

/// The site seen from the book: links go to the book's own sections.
struct Book<'s, 'a> {
    site: &'s Site<'a>,
    numbers: &'s Numbers<'a>,
}

impl Resolve for Book<'_, '_> {
    fn trust_html(&self) -> bool {
        self.site.trust_html()
    }

    fn resolve(&self, id: &str) -> Option<(String, String)> {
        let (url, name) = self.site.resolve(id)?;
        Some(match self.numbers.refs.get(id) {
            Some(r) => (format!("#{}", r.anchor), name),
            // A free page: the book does not hold it, the site does.
            None => (format!("../{url}"), name),
        })
    }

    fn preview(&self, id: &str) -> Option<String> {
        self.site.preview(id)
    }

    fn reference(&self, id: &str) -> Option<String> {
        self.numbers.refs.get(id).map(|r| format!("see §{}", r.number))
    }
}

impl<'a> Book<'_, 'a> {
    /// A Markdown field, its wikilinks to the book's sections.
    fn md(&self, md: &Option<Markdown>) -> Option<String> {
        md.as_ref().map(|m| to_html(&m.text, "", self))
    }

    fn actor(&self, ai: usize, refs: &dyn Fn(&[Ref]) -> Vec<BookRef>) -> BookActor<'a> {
        let site = self.site;
        let m = site.model;
        let a = &m.actors[ai];
        let l = &site.index.actors[ai];
        let r = self.numbers.get(&a.id).expect("every actor is numbered");
        let get = |id: &str| self.numbers.get(id);
        let mut incidents: Vec<(usize, BookPart)> = l
            .perpetrator_of
            .iter()
            .map(|&(xi, pi)| (xi, "perpetrator", m.incidents[xi].perpetrators[pi].status.clone()))
            .chain(l.target_of.iter().map(|&xi| (xi, "target", None)))
            .chain(l.involved_in.iter().map(|&xi| (xi, "involved", None)))
            .filter_map(|(xi, part, status)| {
                Some((
                    xi,
                    BookPart {
                        incident: get(&m.incidents[xi].id)?,
                        part,
                        status,
                    },
                ))
            })
            .collect();
        // Incidents are in date order in the model.
        incidents.sort_by_key(|(xi, _)| *xi);
        let spoken: HashSet<usize> = l.spoken.iter().chain(&l.relayed).copied().collect();
        let excerpt = |e: usize| get(&m.excerpts[e].id);
        BookActor {
            number: r.number,
            anchor: r.anchor,
            name: &a.name,
            kind_label: site.label(&a.kind),
            aliases: &a.aliases,
            country: a.country.as_ref().and_then(|c| get(&c.id)),
            summary_html: self.md(&a.summary),
            roles: a
                .roles
                .iter()
                .map(|role| BookRole {
                    title: &role.title,
                    of: role.of.as_ref().and_then(|o| get(&o.id)),
                    from: role.from.map(|d| d.human()),
                    to: role.to.map(|d| d.human()),
                    sources: refs(&role.sources),
                })
                .collect(),
            relations: l
                .relations
                .iter()
                .filter_map(|rv| {
                    let rel = &m.actors[rv.subject].relations[rv.relation];
                    let (out, inc) = relation_phrases(&rel.kind);
                    Some(BookRelation {
                        phrase: if rv.outgoing { out } else { inc },
                        other: get(&m.actors[rv.other].id)?,
                        from: rel.from.map(|d| d.human()),
                        to: rel.to.map(|d| d.human()),
                        sources: refs(&rel.sources),
                        note_html: self.md(&rel.note),
                    })
                })
                .collect(),
            incidents: incidents.into_iter().map(|(_, p)| p).collect(),
            statements: l.spoken.iter().filter_map(|&e| excerpt(e)).collect(),
            concerning: l
                .concerning
                .iter()
                .filter(|e| !spoken.contains(e))
                .filter_map(|&e| excerpt(e))
                .collect(),
        }
    }

    fn incident(&self, xi: usize, refs: &dyn Fn(&[Ref]) -> Vec<BookRef>) -> BookIncident<'a> {
        let site = self.site;
        let x = &site.model.incidents[xi];
        let l = &site.index.incidents[xi];
        let r = self.numbers.get(&x.id).expect("every incident is numbered");
        BookIncident {
            number: r.number,
            anchor: r.anchor,
            incident: site.incident_ref(xi),
            summary_html: self.md(&x.summary),
            casualties: x
                .casualties
                .iter()
                .map(|c| BookCasualty {
                    killed: c.killed,
                    injured: c.injured,
                    note: c.note.as_deref(),
                    sources: refs(&c.sources),
                })
                .collect(),
            perpetrators: x
                .perpetrators
                .iter()
                .filter_map(|p| {
                    Some(BookPerpetrator {
                        actor: self.numbers.get(&p.actor.id)?,
                        status: p.status.as_deref(),
                        sources: refs(&p.sources),
                    })
                })
                .collect(),
            targets: refs(&x.targets),
            actors: refs(&x.actors),
            excerpts: l.excerpts.iter().map(|&e| self.excerpt(e, refs)).collect(),
            related: l
                .related
                .iter()
                .filter_map(|&r| self.numbers.get(&site.model.incidents[r].id))
                .collect(),
        }
    }

    fn source(&self, ai: usize, refs: &dyn Fn(&[Ref]) -> Vec<BookRef>) -> BookSource<'a> {
        let site = self.site;
        let a = &site.model.articles[ai];
        let r = self.numbers.get(&a.id).expect("every source is numbered");
        BookSource {
            number: r.number,
            anchor: r.anchor,
            title: &a.title,
            outlet: &a.outlet,
            author: a.author.as_deref(),
            published: a.published.iso(),
            published_human: a.published.human(),
            url: a.url.as_deref(),
            retrieved_human: a.retrieved.map(|d| d.human()),
            reliability: a.reliability.map(|c| c.to_string()),
            reliability_label: a.reliability.map(crate::render::site::reliability_label),
            summary_html: self.md(&a.summary),
            note_html: self.md(&a.note),
            tags: &a.tags,
            excerpts: a.excerpts.iter().map(|&e| self.excerpt(e, refs)).collect(),
        }
    }

    fn excerpt(&self, e: usize, refs: &dyn Fn(&[Ref]) -> Vec<BookRef>) -> BookExcerpt<'a> {
        let ex = &self.site.model.excerpts[e];
        let r = self.numbers.get(&ex.id).expect("every excerpt is numbered");
        let mut concerns = refs(&ex.actors);
        concerns.extend(refs(&ex.incidents));
        BookExcerpt {
            excerpt: self.site.excerpt_ref(e),
            section: r.number,
            anchor: r.anchor,
            note_html: self.md(&ex.note),
            concerns,
            responds_to: refs(&ex.responds_to),
        }
    }
}
