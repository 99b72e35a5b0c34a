//! Full-text search: the documents of the dossier and the index file the browser searches.
//!
//! Search runs entirely in the reader's browser, with no server and no `fetch()`: the build
//! writes `search-index.js` (a script that assigns `window.DOSSIER_SEARCH`) and `search.js` (the
//! interface), and the search page loads both with `<script src>`, which works at a domain root,
//! under a sub-path and from `file://` alike. One document is made per actor, incident, article,
//! excerpt and page, holding its title, its site path, a short meta line and the plain text to
//! search; the index is just these documents, as compact JSON arrays. An inverted index was
//! considered and rejected: the client needs the full text anyway to cut snippets, so a term
//! table would only add bytes, while a query over the example's 199 documents takes about a
//! millisecond once their word lists are built (tens of milliseconds, once, on the first query).
//! The client folds case and accents, splits words, and matches every query word as the prefix
//! of a word (see `assets/search.js`).
//!
//! Size budget (`budget`): an article may cost its Markdown body and title plus 1 KB, each of its
//! excerpts its quote and note plus 300 bytes, and each actor, incident and page the text of its
//! fields plus 300 bytes (for the title, path, meta line and JSON). The example dossier (5
//! articles, 109 excerpts, 54 actors, 30 incidents, 1 page) makes a 119 KB index against a 149 KB
//! budget. Output is deterministic: same dossier, byte-identical file.

use serde::Serialize;

use crate::index::Index;
use crate::model::{Dossier, EntityKind, Form, Markdown};
use crate::render::entity_path;
use crate::render::markdown::{Resolve, to_plain_resolved};
use crate::text::words::{collapse, label, truncate};

/// The kinds of document, in ranking order (the client ranks by this order after the field).
pub const KINDS: [&str; 5] = ["actor", "incident", "article", "excerpt", "page"];

/// The contents of `search.js`, the browser side (no dependencies, no `fetch()`).
pub const SEARCH_JS: &str = include_str!("assets/search.js");

/// One searchable document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// `"actor"`, `"incident"`, `"article"`, `"excerpt"` or `"page"`.
    pub kind: &'static str,
    /// What the result links with: a name, a title, or an excerpt's passage (shortened).
    pub title: String,
    /// The site path of the entity's page, e.g. `actors/isi/index.html`.
    pub url: String,
    /// A short line shown under the title: kind label, date, outlet or speaker (an actor's
    /// aliases too, `also ISI, the agency`, so that they rank like the meta line).
    pub meta: String,
    /// The text searched (and cut into snippets), white space collapsed, leading with what
    /// describes the entity: an actor's summary, name, aliases and role titles; an incident's
    /// summary, title and location; an article's full rendered text, title, outlet and author;
    /// an excerpt's passage, note, speaker and stance; a page's text. Unlabelled `[[id]]` links
    /// read as the entity's name.
    pub text: String,
}

/// Build the documents of a dossier, in a fixed order: actors, incidents, articles, excerpts,
/// pages, each in model order. `excerpt_texts` are the passages as shown (parallel to
/// `model.excerpts`; an excerpt without one falls back to its quote).
pub fn documents(model: &Dossier, index: &Index, excerpt_texts: &[String]) -> Vec<SearchDoc> {
    let names = Names {
        model,
        index,
        excerpt_texts,
    };
    let mut docs = Vec::with_capacity(
        model.actors.len() + model.incidents.len() + model.articles.len() + model.excerpts.len() + model.pages.len(),
    );

    // Each text leads with what describes the entity (summary, body, passage), so that a snippet
    // cut where nothing matched shows that, and ends with the names it is known by.
    for a in &model.actors {
        let mut text = Words::default();
        text.push_md(a.summary.as_ref(), &names);
        text.push(&a.name);
        for alias in &a.aliases {
            text.push(alias);
        }
        let mut roles: Vec<&str> = Vec::new();
        for role in &a.roles {
            if !roles.contains(&role.title.as_str()) {
                roles.push(&role.title);
                text.push(&role.title);
            }
        }
        let mut meta = vec![label(&a.kind)];
        if let Some(country) = a.country.as_ref().and_then(|c| names.name(&c.id)) {
            meta.push(country);
        }
        if !a.aliases.is_empty() {
            let aliases: Vec<String> = a.aliases.iter().map(|x| collapse(x)).collect();
            meta.push(format!("also {}", aliases.join(", ")));
        }
        docs.push(SearchDoc {
            kind: "actor",
            title: a.name.clone(),
            url: entity_path(EntityKind::Actor, &a.id),
            meta: meta.join(" · "),
            text: text.finish(),
        });
    }

    for x in &model.incidents {
        let mut text = Words::default();
        text.push_md(x.summary.as_ref(), &names);
        text.push(&x.title);
        if let Some(l) = &x.location {
            text.push(l);
        }
        let date = match x.end {
            Some(end) => format!("{} – {}", x.date.human(), end.human()),
            None => x.date.human(),
        };
        let mut meta = vec![label(&x.kind), date];
        if let Some(l) = &x.location {
            meta.push(collapse(l));
        }
        docs.push(SearchDoc {
            kind: "incident",
            title: x.title.clone(),
            url: entity_path(EntityKind::Incident, &x.id),
            meta: meta.join(" · "),
            text: text.finish(),
        });
    }

    for a in &model.articles {
        let mut text = Words::default();
        text.push(&a.text.rendered.text);
        text.push(&a.title);
        text.push(&a.outlet);
        if let Some(author) = &a.author {
            text.push(author);
        }
        let mut meta = vec![collapse(&a.outlet), a.published.human()];
        if let Some(author) = &a.author {
            meta.push(collapse(author));
        }
        docs.push(SearchDoc {
            kind: "article",
            title: a.title.clone(),
            url: entity_path(EntityKind::Article, &a.id),
            meta: meta.join(" · "),
            text: text.finish(),
        });
    }

    for (i, e) in model.excerpts.iter().enumerate() {
        let passage = collapse(excerpt_texts.get(i).unwrap_or(&e.quote));
        let speaker = e.speaker.as_ref().and_then(|s| names.name(&s.id));
        let stance = e.stance.as_deref().map(label);
        let mut text = Words::default();
        text.push(&passage);
        text.push_md(e.note.as_ref(), &names);
        if let Some(s) = &speaker {
            text.push(s);
        }
        if let Some(s) = &stance {
            text.push(s);
        }
        // Reported speech and the outlet's words are never shown as someone's quote.
        let form = match (e.form, &speaker) {
            (Form::Direct, Some(_)) => "direct quote",
            (_, Some(_)) => "reported speech",
            (_, None) => "the outlet's own words",
        };
        let mut meta: Vec<String> = stance.into_iter().chain([form.to_string()]).chain(speaker).collect();
        if let Some(v) = e.via.as_ref().and_then(|v| names.name(&v.id)) {
            meta.push(format!("via {v}"));
        }
        if let Some(a) = model.articles.get(e.article) {
            meta.push(format!(
                "{}, {}",
                collapse(&a.outlet),
                e.said_on.unwrap_or(a.published).human()
            ));
        }
        docs.push(SearchDoc {
            kind: "excerpt",
            title: match e.words_of() {
                Some(_) => format!("“{}”", truncate(&passage, 80)),
                None => truncate(&passage, 80),
            },
            url: entity_path(EntityKind::Excerpt, &e.id),
            meta: meta.join(" · "),
            text: text.finish(),
        });
    }

    for p in &model.pages {
        let mut text = Words::default();
        text.push_md(Some(&p.body), &names);
        docs.push(SearchDoc {
            kind: "page",
            title: p.title.clone(),
            url: entity_path(EntityKind::Page, &p.id),
            meta: String::new(),
            text: text.finish(),
        });
    }
    docs
}

/// The contents of `search-index.js`: `window.DOSSIER_SEARCH = {...};` where the object is
/// `{"v":1,"kinds":[...],"docs":[[kind, title, url, meta, text], ...]}` (`kind` an index into
/// `kinds`). The JSON is escaped to stay valid JavaScript in any engine and inert in any HTML
/// context: `<`, `>` and `&` become `\u003c`, `\u003e` and `\u0026` (so no `</script` or `<!--`
/// appears, as in every JSON output of dossier), U+2028 and U+2029 become
/// `\u2028` and `\u2029`. Deterministic.
pub fn index_js(docs: &[SearchDoc]) -> String {
    #[derive(Serialize)]
    struct Payload<'a> {
        v: u32,
        kinds: Vec<&'a str>,
        docs: Vec<(usize, &'a str, &'a str, &'a str, &'a str)>,
    }
    let mut kinds: Vec<&str> = KINDS.to_vec();
    let mut rows = Vec::with_capacity(docs.len());
    for d in docs {
        let k = match kinds.iter().position(|k| *k == d.kind) {
            Some(k) => k,
            None => {
                kinds.push(d.kind);
                kinds.len() - 1
            }
        };
        rows.push((k, d.title.as_str(), d.url.as_str(), d.meta.as_str(), d.text.as_str()));
    }
    let payload = Payload {
        v: 1,
        kinds,
        docs: rows,
    };
    // The same escaping as every other JSON dossier writes (`<`, `>`, `&`, U+2028, U+2029).
    let value = serde_json::to_value(&payload).unwrap_or_default();
    let json = crate::render::jsonld::json_for_html(&value, false);
    let mut out = String::with_capacity(json.len() + 32);
    out.push_str("window.DOSSIER_SEARCH = ");
    out.push_str(&json);
    out.push_str(";\n");
    out
}

/// The size `index_js` may reach for a dossier (the budget stated in the docs): each article its
/// Markdown body and title plus 1 KB; each excerpt its quote and note plus 300 bytes; each actor,
/// incident and page the text of its fields (name and aliases, title and location, summary or
/// body) plus 300 bytes. The example dossier's index uses about four fifths of it.
pub fn budget(model: &Dossier) -> usize {
    let md = |m: &Option<Markdown>| m.as_ref().map_or(0, |m| m.text.len());
    let articles: usize = model
        .articles
        .iter()
        .map(|a| a.body().len() + a.title.len() + 1024)
        .sum();
    let excerpts: usize = model.excerpts.iter().map(|e| e.quote.len() + md(&e.note) + 300).sum();
    let actors: usize = model
        .actors
        .iter()
        .map(|a| a.name.len() + a.aliases.iter().map(String::len).sum::<usize>() + md(&a.summary) + 300)
        .sum();
    let incidents: usize = model
        .incidents
        .iter()
        .map(|x| x.title.len() + x.location.as_ref().map_or(0, String::len) + md(&x.summary) + 300)
        .sum();
    let pages: usize = model
        .pages
        .iter()
        .map(|p| p.title.len() + p.body.text.len() + 300)
        .sum();
    articles + excerpts + actors + incidents + pages
}

/// Display names of ids, for meta lines and for `[[id]]` links in Markdown fields.
struct Names<'a> {
    model: &'a Dossier,
    index: &'a Index,
    excerpt_texts: &'a [String],
}

impl Resolve for Names<'_> {
    fn resolve(&self, id: &str) -> Option<(String, String)> {
        let kind = *self.index.kinds.get(id)?;
        Some((entity_path(kind, id), self.name(id)?))
    }
}

impl Names<'_> {
    fn name(&self, id: &str) -> Option<String> {
        let pos = self.index.pos(id)?;
        let m = self.model;
        Some(match self.index.kinds.get(id)? {
            EntityKind::Actor => m.actors.get(pos)?.name.clone(),
            EntityKind::Incident => m.incidents.get(pos)?.title.clone(),
            EntityKind::Article => m.articles.get(pos)?.title.clone(),
            EntityKind::Excerpt => {
                let e = m.excerpts.get(pos)?;
                let text = self.excerpt_texts.get(pos).unwrap_or(&e.quote);
                crate::render::excerpt_name(e, &collapse(text))
            }
            EntityKind::Page => m.pages.get(pos)?.title.clone(),
        })
    }
}

/// Text accumulated word by word, white space collapsed as it goes.
#[derive(Default)]
struct Words(String);

impl Words {
    fn push(&mut self, text: &str) {
        for w in text.split_whitespace() {
            if !self.0.is_empty() {
                self.0.push(' ');
            }
            self.0.push_str(w);
        }
    }

    /// The plain text of a Markdown field, an unlabelled `[[id]]` read as the entity's name
    /// (what the page shows), not as its id.
    fn push_md(&mut self, md: Option<&Markdown>, names: &Names) {
        if let Some(md) = md {
            self.push(&to_plain_resolved(&md.text, names));
        }
    }

    fn finish(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::path::Path;

    use super::*;

    /// Load a dossier made of `files` (path, text) through the real pipeline.
    fn load(files: &[(String, String)]) -> (Dossier, Index) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        load_dir(dir.path())
    }

    fn load_dir(dir: &Path) -> (Dossier, Index) {
        match crate::run(dir, false) {
            Ok((Some(built), _)) => (built.model, built.index),
            Ok((None, diags)) => panic!("the dossier is invalid:\n{}", diags.render(false)),
            Err(e) => panic!("{e}"),
        }
    }

    fn file(path: &str, text: &str) -> (String, String) {
        (path.to_string(), text.to_string())
    }

    /// A YAML double-quoted scalar (JSON strings are valid YAML).
    fn y(text: &str) -> String {
        serde_json::to_string(text).unwrap()
    }

    fn docs_of(model: &(Dossier, Index)) -> Vec<SearchDoc> {
        documents(&model.0, &model.1, &crate::render::excerpt_texts(&model.0))
    }

    /// The JSON inside `index_js`'s output, parsed.
    fn parse(js: &str) -> serde_json::Value {
        let json = js
            .strip_prefix("window.DOSSIER_SEARCH = ")
            .and_then(|j| j.trim_end().strip_suffix(';'))
            .expect("window.DOSSIER_SEARCH = ...;");
        serde_json::from_str(json).expect("valid JSON")
    }

    /// One of each kind, with the fields search reads.
    fn small() -> Vec<(String, String)> {
        vec![
            file("dossier.yaml", "title: \"Small\"\n"),
            file(
                "content/actors/pakistan.yaml",
                "name: \"Pakistan\"\nkind: state\naliases: [\"Islamabad\"]\nsummary: \"A state.\"\n",
            ),
            file(
                "content/actors/shah-mehmood-qureshi.yaml",
                "name: \"Shah Mehmood Qureshi\"\nkind: person\naliases: [\"FM Qureshi\"]\ncountry: pakistan\n\
                 roles:\n  - title: \"Foreign Minister\"\n    of: pakistan\n  - title: \"Foreign Minister\"\n    from: 2018\n\
                 summary: |\n  Foreign minister of [[pakistan]]; see [[bolton-call|the call]].\n\n  He spoke **firmly**.\n",
            ),
            file(
                "content/incidents/bolton-call.yaml",
                "title: \"Phone call between Qureshi and Bolton\"\nkind: meeting\ndate: 2019-03-11\nend: 2019-03-12\n\
                 location: \"Washington\"\nactors: [shah-mehmood-qureshi]\nsummary: \"A *call*.\"\n",
            ),
            file(
                "content/articles/assurance.md",
                "---\ntitle: \"Pakistan assures US\"\noutlet: \"The Daily Example\"\npublished: 2019-03-11\n\
                 author: \"A. Writer\"\n---\n# Heading\n\nThe FM assured me that Pakistan would deal   firmly\n\
                 with all terrorists.\n\n* one\n* two\n",
            ),
            file(
                "content/articles/assurance.yaml",
                "excerpts:\n  - id: fm-assured-me\n    quote: \"The FM assured me\"\n    speaker: shah-mehmood-qureshi\n\
                 \x20   stance: assurance\n    incidents: [bolton-call]\n\
                 \x20   note: \"Said by [[shah-mehmood-qureshi]] in [[bolton-call]].\"\n\
                 \x20 - id: deal-firmly\n    quote: \"with all terrorists\"\n",
            ),
            file(
                "content/pages/about.md",
                "---\ntitle: \"About\"\n---\nAbout *this* dossier.\n\n```\ncode\n```\n",
            ),
        ]
    }

    #[test]
    fn every_kind_has_a_document_with_its_site_path_in_fixed_order() {
        let docs = docs_of(&load(&small()));
        let got: Vec<(&str, &str)> = docs.iter().map(|d| (d.kind, d.url.as_str())).collect();
        assert_eq!(
            got,
            [
                ("actor", "actors/pakistan/index.html"),
                ("actor", "actors/shah-mehmood-qureshi/index.html"),
                ("incident", "incidents/bolton-call/index.html"),
                ("article", "articles/assurance/index.html"),
                ("excerpt", "excerpts/fm-assured-me/index.html"),
                ("excerpt", "excerpts/deal-firmly/index.html"),
                ("page", "pages/about/index.html"),
            ]
        );
        let kinds = [
            EntityKind::Actor,
            EntityKind::Incident,
            EntityKind::Article,
            EntityKind::Excerpt,
            EntityKind::Page,
        ];
        for d in &docs {
            let kind = kinds.iter().find(|k| k.noun() == d.kind).unwrap();
            let id = d.url.split('/').nth(1).unwrap();
            assert_eq!(d.url, entity_path(*kind, id));
        }
    }

    #[test]
    fn documents_carry_titles_meta_lines_and_plain_text() {
        let docs = docs_of(&load(&small()));
        let q = &docs[1];
        assert_eq!(q.title, "Shah Mehmood Qureshi");
        assert_eq!(q.meta, "Person · Pakistan · also FM Qureshi");
        assert_eq!(
            q.text,
            "Foreign minister of Pakistan; see the call. He spoke firmly. Shah Mehmood Qureshi FM Qureshi Foreign Minister"
        );
        assert_eq!(docs[0].meta, "State · also Islamabad");
        let x = &docs[2];
        assert_eq!(x.title, "Phone call between Qureshi and Bolton");
        assert_eq!(x.meta, "Meeting · 11 March 2019 – 12 March 2019 · Washington");
        assert_eq!(x.text, "A call. Phone call between Qureshi and Bolton Washington");
        let a = &docs[3];
        assert_eq!(a.meta, "The Daily Example · 11 March 2019 · A. Writer");
        assert_eq!(
            a.text,
            "Heading The FM assured me that Pakistan would deal firmly with all terrorists. one two Pakistan assures US The Daily Example A. Writer"
        );
        let e = &docs[4];
        // No `form:` with a speaker is reported speech: no quotation marks in the title.
        assert_eq!(e.title, "The FM assured me");
        assert_eq!(
            e.meta,
            "Assurance · reported speech · Shah Mehmood Qureshi · The Daily Example, 11 March 2019"
        );
        assert_eq!(
            e.text,
            "The FM assured me Said by Shah Mehmood Qureshi in Phone call between Qureshi and Bolton. Shah Mehmood Qureshi Assurance"
        );
        assert_eq!(
            docs[5].meta,
            "the outlet's own words · The Daily Example, 11 March 2019"
        );
        assert_eq!(docs[5].text, "with all terrorists");
        let p = &docs[6];
        assert_eq!((p.title.as_str(), p.meta.as_str()), ("About", ""));
        assert_eq!(p.text, "About this dossier. code");
        for d in &docs {
            assert!(
                !d.text.contains("  ") && !d.text.contains('\n') && !d.text.contains('*'),
                "{d:?}"
            );
        }
    }

    #[test]
    fn long_passages_make_short_titles() {
        let words = "word ".repeat(60);
        let mut files = vec![file("dossier.yaml", "title: \"T\"\n")];
        files.push(file(
            "content/articles/a.md",
            &format!("---\ntitle: \"A\"\noutlet: \"O\"\npublished: 2020\n---\n{words}\n"),
        ));
        files.push(file(
            "content/articles/a.yaml",
            &format!("excerpts:\n  - id: long\n    quote: {}\n", y(words.trim())),
        ));
        let docs = docs_of(&load(&files));
        let title = &docs[1].title;
        assert!(title.chars().count() <= 83, "{title}");
        assert!(title.ends_with("word…"), "{title}");
        assert!(!title.contains('“'), "the outlet's own words are not a quote: {title}");
        assert_eq!(docs[1].text, words.trim());
        assert_eq!(docs[1].meta, "the outlet's own words · O, 2020");
    }

    #[test]
    fn the_index_is_deterministic() {
        let a = index_js(&docs_of(&load(&small())));
        let b = index_js(&docs_of(&load(&small())));
        assert_eq!(a, b);
        let big = synthetic(4);
        assert_eq!(index_js(&docs_of(&load(&big))), index_js(&docs_of(&load(&big))));
        let v = parse(&a);
        assert_eq!(v["v"], 1);
        assert_eq!(v["kinds"], serde_json::json!(KINDS));
        assert_eq!(
            v["docs"][1],
            serde_json::json!([
                0,
                "Shah Mehmood Qureshi",
                "actors/shah-mehmood-qureshi/index.html",
                "Person · Pakistan · also FM Qureshi",
                "Foreign minister of Pakistan; see the call. He spoke firmly. Shah Mehmood Qureshi FM Qureshi Foreign Minister"
            ])
        );
        let kinds: Vec<u64> = v["docs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d[0].as_u64().unwrap())
            .collect();
        assert_eq!(kinds, [0, 0, 1, 2, 3, 3, 4]);
    }

    #[test]
    fn hostile_text_is_escaped_and_the_file_stays_valid_javascript() {
        let hostile = "</script><script>alert(\"x\")</script> <!-- 'q' \\ \u{2028}line\u{2029}para";
        let files = vec![
            file("dossier.yaml", "title: \"T\"\n"),
            file(
                "content/actors/evil.yaml",
                &format!(
                    "name: {h}\nkind: person\naliases: [{h}]\nsummary: {s}\n",
                    h = y(hostile),
                    s = y(&format!("{hostile} [[evil]] `<b>`"))
                ),
            ),
            file(
                "content/pages/p.md",
                &format!("---\ntitle: {}\n---\n{hostile} &lt;i&gt;\n", y(hostile)),
            ),
        ];
        let docs = docs_of(&load(&files));
        assert_eq!(docs[0].title, hostile);
        assert!(
            docs[0].text.contains("`<b>`") || docs[0].text.contains("<b>"),
            "{}",
            docs[0].text
        );
        let mut all = docs.clone();
        let control: String = "\u{0}\u{1}\u{1f}\u{7f}\t\r\n".into();
        all.push(SearchDoc {
            kind: "other",
            title: format!("{hostile}{control}"),
            url: "x/index.html".into(),
            meta: hostile.into(),
            text: format!("{control}{hostile}"),
        });
        let js = index_js(&all);
        assert!(!js.contains('<'), "{js}");
        assert!(!js.contains('\u{2028}') && !js.contains('\u{2029}'), "{js}");
        assert!(!js.contains("</script") && !js.contains("<!--"));
        assert!(
            !js.chars().any(|c| c.is_control() && c != '\n' && c != '\u{7f}'),
            "{js}"
        );
        assert!(js.starts_with("window.DOSSIER_SEARCH = {") && js.ends_with("};\n"));
        assert_eq!(js.matches('\n').count(), 1, "one line");
        let v = parse(&js);
        assert_eq!(v["docs"][0][1], hostile, "the text survives the round trip");
        assert_eq!(v["docs"][2][4], format!("{control}{hostile}"));
        assert_eq!(v["kinds"][5], "other", "an unknown kind is appended");
        assert_eq!(v["docs"][2][0], 5);
    }

    /// A dossier of `n` articles of about 3 KB with 8 excerpts each, 3n actors, 2n incidents and
    /// a page: deterministic pseudo-random prose.
    fn synthetic(n: usize) -> Vec<(String, String)> {
        const WORDS: &[&str] = &[
            "the",
            "minister",
            "said",
            "Pakistan",
            "India",
            "talks",
            "would",
            "resume",
            "after",
            "attack",
            "officials",
            "in",
            "Islamabad",
            "told",
            "reporters",
            "that",
            "evidence",
            "was",
            "handed",
            "over",
            "“firmly”",
            "Zürich",
            "security",
            "council",
            "of",
            "a",
            "and",
            "on",
            "Monday",
            "week",
            "\"quoted\"",
        ];
        let mut seed: u64 = 42;
        let mut next = move |k: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % k
        };
        let mut prose = |len: usize| {
            let mut out = String::new();
            while out.len() < len {
                let sentence: Vec<&str> = (0..8 + next(12)).map(|_| WORDS[next(WORDS.len())]).collect();
                out.push_str(&sentence.join(" "));
                out.push_str(if next(5) == 0 { ".\n\n" } else { ". " });
            }
            out.trim_end().to_string()
        };
        let mut files = vec![file("dossier.yaml", "title: \"Synthetic\"\n")];
        for i in 0..3 * n {
            files.push(file(
                &format!("content/actors/actor-{i}.yaml"),
                &format!(
                    "name: \"Actor Number {i}\"\nkind: person\naliases: [\"A{i}\"]\nsummary: {}\n",
                    y(&format!("{} See [[actor-{}]].", prose(250), (i + 1) % (3 * n)))
                ),
            ));
        }
        for i in 0..2 * n {
            files.push(file(
                &format!("content/incidents/incident-{i}.yaml"),
                &format!(
                    "title: \"Incident {i}\"\nkind: attack\ndate: 2019-02-14\nlocation: \"Pulwama\"\nsummary: {}\n",
                    y(&prose(400))
                ),
            ));
        }
        for i in 0..n {
            let body = prose(3000);
            let text = crate::text::markdown::rendered_text(&body).text;
            let mut sidecar = String::from("excerpts:\n");
            let quotes = text
                .split(". ")
                .map(str::trim)
                .filter(|s| s.len() > 20 && !s.contains('\n') && text.matches(*s).count() == 1)
                .take(8);
            for (k, q) in quotes.enumerate() {
                let _ = write!(
                    sidecar,
                    "  - id: excerpt-{i}-{k}\n    quote: {}\n    speaker: actor-{}\n    stance: statement\n    note: {}\n",
                    y(q),
                    k % (3 * n),
                    y(&prose(80))
                );
            }
            files.push(file(
                &format!("content/articles/article-{i}.md"),
                &format!(
                    "---\ntitle: \"Article {i}\"\noutlet: \"Wire\"\npublished: 2019-03-0{}\n---\n{body}\n",
                    1 + i % 9
                ),
            ));
            files.push(file(&format!("content/articles/article-{i}.yaml"), &sidecar));
        }
        files.push(file(
            "content/pages/about.md",
            &format!("---\ntitle: \"About\"\n---\n{}\n", prose(2000)),
        ));
        files
    }

    #[test]
    fn the_index_stays_within_its_budget() {
        for n in [1, 5, 20] {
            let model = load(&synthetic(n));
            let docs = docs_of(&model);
            assert_eq!(docs.iter().filter(|d| d.kind == "excerpt").count(), 8 * n);
            let js = index_js(&docs);
            let budget = budget(&model.0);
            eprintln!("{n} articles: index {} bytes, budget {budget}", js.len());
            assert!(
                js.len() <= budget,
                "{n} articles: index {} bytes > budget {budget}",
                js.len()
            );
            // Not far under either, or the budget would say nothing about the size.
            assert!(
                js.len() * 2 > budget,
                "{n} articles: index {} bytes, budget {budget}",
                js.len()
            );
        }
    }

    #[test]
    fn the_example_dossier_stays_within_its_budget() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        if !dir.join("content").is_dir() || !dir.join("dossier.yaml").is_file() {
            return;
        }
        let model = load_dir(dir);
        let docs = docs_of(&model);
        let js = index_js(&docs);
        let budget = budget(&model.0);
        eprintln!(
            "example: {} documents, index {} bytes, budget {budget}",
            docs.len(),
            js.len()
        );
        assert!(js.len() <= budget, "index {} bytes > budget {budget}", js.len());
        assert_eq!(js, index_js(&docs_of(&model)));
    }

    #[test]
    fn the_browser_side_is_embedded_and_builds_no_markup_from_data() {
        assert!(SEARCH_JS.contains("DOSSIER_SEARCH"));
        assert!(SEARCH_JS.contains("search-results"));
        for banned in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "fetch(",
            "eval(",
        ] {
            assert!(!SEARCH_JS.contains(banned), "{banned}");
        }
    }
}
