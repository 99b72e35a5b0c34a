//! Full-text search: the documents of the dossier and the sharded index the browser searches.
//!
//! Search runs entirely in the reader's browser, with no server and no `fetch()`: every file of
//! the index is a script, loaded with `<script src>`, which works at a domain root, under a
//! sub-path and from `file://` alike. One document is made per actor, incident, article,
//! excerpt and page, holding its title, its site path, a short meta line, the names it goes by
//! and its text as its page reads (`SearchDoc`): a result is ranked first by a match in a name
//! or title, and shows a snippet of that text, never the index's fields run together. A
//! single file of every document's text worked for the example (119 KB) but not at
//! scale (46 MB at 10,000 articles, loaded by every search), so the index is inverted and split
//! (`write_index`), as Pagefind splits its index by term: a small manifest
//! (`search-index.js`, which the search page loads); term files, each holding the words of one
//! prefix with the documents each is in and its best field there (a short prefix with too
//! many words gets a merged list of the documents any of them is in, so a one-letter query
//! loads one file of at most a few bytes per document); document files, loaded only for the
//! results shown, for their titles, links and snippets; phrase files, to rank a title equal to
//! the query first. Documents are numbered in the ranking's last order (kind, then title), so
//! the client ranks with numbers alone; a query at 10,000 articles loads under 130 KB before
//! its first ten results and under 450 KB for all fifty (docs/performance.md). Folding and
//! word splitting here (`fold`, `words`) are search.js's, letter for letter (the Latin, Greek and Cyrillic table generated from
//! deunicode; a test compares every character of the BMP in Node): a query word is folded by
//! the browser, the words it is looked up among by the build.
//!
//! Size budget (`budget`): the whole index may cost, per article, its Markdown body and title
//! plus a third plus 1 KB; per excerpt, its quote and note plus a third plus 400 bytes; per
//! actor, incident and page, the text of its fields plus a third plus 400 bytes. The example
//! dossier (5 articles, 109 excerpts, 54 actors, 30 incidents, 1 page) makes a 159 KiB index in
//! 54 files against a 214 KiB budget. What a query loads is bounded by `Shape` instead. Output
//! is deterministic: same dossier, byte-identical files, whatever the number of threads.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Dossier, EntityKind, Form, Markdown};
use crate::render::markdown::Resolve;
use crate::render::site::Site;
use crate::text::wikilink::field_options;
use crate::text::words::{collapse, truncate};

/// The kinds of document, in ranking order (the client ranks by this order after the field).
pub const KINDS: [&str; 5] = ["actor", "incident", "article", "excerpt", "page"];

/// The contents of `search.js`, the browser side (no dependencies, no `fetch()`).
pub const SEARCH_JS: &str = include_str!("assets/search.js");

/// One searchable document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchDoc {
    /// `"actor"`, `"incident"`, `"article"`, `"excerpt"` or `"page"`.
    pub kind: &'static str,
    /// What the result links with: a name, a title, or an excerpt's passage (shortened). Only
    /// searched through `names`.
    pub title: String,
    /// The site path of the entity's page, e.g. `actors/isi/index.html`.
    pub url: String,
    /// A short line shown under the title, and searched: the kind's label, date, outlet or
    /// speaker; an actor's offices and aliases (`also ISI, the agency`).
    pub meta: String,
    /// What the page says, shown in snippets and searched: an actor's or incident's summary, an
    /// article's text, an excerpt's passage then its note, a page's text. Each part is one line
    /// (parts are joined by `\n`, so that a snippet never runs one into the next), white space
    /// collapsed, wikilinks read as the page shows them, a citation link such as `(source)` left
    /// out.
    pub text: String,
    /// The names the entity goes by, searched as its title (the best field): an actor's name and
    /// aliases, an incident's, article's or page's title. An excerpt has none: its passage is
    /// text, so a quote that mentions a name ranks below the name.
    pub names: Vec<String>,
    /// Byte ranges of `text` shown but not searched: the titles of the articles, incidents and
    /// excerpts it links to, which would make every summary that cites an article a result for
    /// the article's words.
    pub unindexed: Vec<(usize, usize)>,
    /// Whether the first line of `text` is the passage the title shows the start of (an
    /// excerpt), so that a snippet does not repeat it.
    pub passage: bool,
    /// The language of the passage an excerpt's title shows, or of an article's text, when it
    /// is not the site's: its tag, and `rtl` or `ltr` when it runs the other way from the
    /// site's. The result marks that element with `lang` (and `dir`), as the pages do.
    pub lang: Option<(String, Option<&'static str>)>,
}

/// Build the documents of a dossier, in a fixed order: actors, incidents, articles, excerpts,
/// pages, each in model order. Names, passages and URLs are the site's (`Site`), so a result
/// reads and links as the pages do. A site's index makes them one at a time instead
/// (`SiteDocuments`), never holding them all.
pub fn documents(site: &Site) -> Vec<SearchDoc> {
    (0..document_count(site.model)).map(|n| document(site, n)).collect()
}

/// How many documents a dossier has: one per actor, incident, article, excerpt and page.
pub fn document_count(model: &Dossier) -> usize {
    model.actors.len() + model.incidents.len() + model.articles.len() + model.excerpts.len() + model.pages.len()
}

/// The `n`th document of `documents`.
pub fn document(site: &Site, n: usize) -> SearchDoc {
    let model = site.model;
    let mut n = n;
    for (count, make) in [
        (model.actors.len(), actor_document as fn(&Site, usize) -> SearchDoc),
        (model.incidents.len(), incident_document),
        (model.articles.len(), article_document),
        (model.excerpts.len(), excerpt_document),
        (model.pages.len(), page_document),
    ] {
        if n < count {
            return make(site, n);
        }
        n -= count;
    }
    SearchDoc::default()
}

/// An actor's document: its summary; its kind, country, offices and aliases as the meta line.
fn actor_document(site: &Site, i: usize) -> SearchDoc {
    let model = site.model;
    let a = &model.actors[i];
    let names = Names(site);
    let mut text = Text::default();
    text.push_md(a.summary.as_ref(), site);
    let mut meta = vec![site.label(&a.kind).into_owned()];
    if let Some(country) = a.country.as_ref().and_then(|c| names.name(&c.id)) {
        meta.push(country);
    }
    // Offices as the actor's page lists them ("Commander of US Central Command"), without
    // the country the line already names.
    let mut roles: Vec<String> = Vec::new();
    for role in &a.roles {
        let mut title = collapse(&role.title);
        if let Some(of) = role
            .of
            .as_ref()
            .filter(|o| a.country.as_ref().is_none_or(|c| c.id != o.id))
            && let Some(name) = names.name(&of.id)
            && !fold(&title).contains(&fold(&name))
        {
            title = format!("{title} of {name}");
        }
        if !title.is_empty() && !roles.contains(&title) {
            roles.push(title);
        }
    }
    if !roles.is_empty() {
        meta.push(roles.join(", "));
    }
    if !a.aliases.is_empty() {
        let aliases: Vec<String> = a.aliases.iter().map(|x| collapse(x)).collect();
        meta.push(format!("also {}", aliases.join(", ")));
    }
    SearchDoc {
        kind: "actor",
        title: a.name.clone(),
        url: site.url(EntityKind::Actor, &a.id),
        meta: meta.join(" · "),
        names: std::iter::once(&a.name)
            .chain(&a.aliases)
            .map(|n| collapse(n))
            .collect(),
        ..text.finish()
    }
}

/// An incident's document: its summary; its kind, dates and place as the meta line.
fn incident_document(site: &Site, i: usize) -> SearchDoc {
    let model = site.model;
    let x = &model.incidents[i];
    let mut text = Text::default();
    text.push_md(x.summary.as_ref(), site);
    let date = match x.end {
        Some(end) => format!("{} – {}", x.date.human(), end.human()),
        None => x.date.human(),
    };
    let mut meta = vec![site.label(&x.kind).into_owned(), date];
    if let Some(l) = &x.location {
        meta.push(collapse(l));
    }
    SearchDoc {
        kind: "incident",
        title: x.title.clone(),
        url: site.url(EntityKind::Incident, &x.id),
        meta: meta.join(" · "),
        names: vec![collapse(&x.title)],
        ..text.finish()
    }
}

/// An article's document: what its publishing mode publishes of its text.
fn article_document(site: &Site, ai: usize) -> SearchDoc {
    let model = site.model;
    let a = &model.articles[ai];
    let mut text = Text::default();
    // Only what the article's publishing mode publishes.
    text.push(&site.index.published[ai].text(a));
    let mut meta = vec![collapse(&a.outlet), a.published.human()];
    if let Some(author) = &a.author {
        meta.push(collapse(author));
    }
    SearchDoc {
        kind: "article",
        title: a.title.clone(),
        url: site.url(EntityKind::Article, &a.id),
        meta: meta.join(" · "),
        names: vec![collapse(&a.title)],
        lang: lang_of(site, a.language.as_deref()),
        ..text.finish()
    }
}

/// An excerpt's document: its passage then its note; whose words they are as the meta line.
fn excerpt_document(site: &Site, i: usize) -> SearchDoc {
    let model = site.model;
    let e = &model.excerpts[i];
    let names = Names(site);
    let passage = collapse(site.text(i));
    let speaker = e.speaker.as_ref().and_then(|s| names.name(&s.id));
    let stance = e.stance.as_deref().map(|s| site.label(s).into_owned());
    let mut text = Text::default();
    text.push(&passage);
    text.line();
    text.push_md(e.note.as_ref(), site);
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
    SearchDoc {
        kind: "excerpt",
        title: match e.words_of() {
            Some(_) => format!("“{}”", truncate(&passage, 80)),
            None => truncate(&passage, 80),
        },
        url: site.url(EntityKind::Excerpt, &e.id),
        meta: meta.join(" · "),
        passage: true,
        lang: lang_of(site, model.articles.get(e.article).and_then(|a| a.language.as_deref())),
        ..text.finish()
    }
}

/// A free page's document: its text.
fn page_document(site: &Site, i: usize) -> SearchDoc {
    let model = site.model;
    let p = &model.pages[i];
    let mut text = Text::default();
    text.push_md(Some(&p.body), site);
    SearchDoc {
        kind: "page",
        title: p.title.clone(),
        url: site.url(EntityKind::Page, &p.id),
        meta: String::new(),
        names: vec![collapse(&p.title)],
        ..text.finish()
    }
}

/// A document's language when it is not the site's, as the pages mark it.
fn lang_of(site: &Site, tag: Option<&str>) -> Option<(String, Option<&'static str>)> {
    site.lang(tag).map(|l| (l.tag.to_string(), l.dir))
}

/// The index's entry point, at the root of the site: a script that assigns
/// `window.DOSSIER_SEARCH` (the manifest). The search page loads it with `search.js`.
pub const MANIFEST: &str = "search-index.js";

/// The folder of the index's other files, loaded on demand by `search.js`.
pub const DIR: &str = "search-index/";

/// The sizes that shape the index (`Shape::default()` for a site; tests use small ones to
/// exercise every kind of file on a few documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// A prefix's words and their postings share one term file up to about this many bytes;
    /// a prefix with more is split by its next letter and gets a merged list of its own.
    pub term_file: usize,
    /// Documents per file: as many of a kind as make about this many bytes on average.
    pub doc_file: usize,
    /// Title phrases per file: about this many bytes.
    pub phrase_file: usize,
    /// A document's text is shipped (to cut snippets from) up to this many bytes; every word
    /// of it is searched all the same.
    pub text_cap: usize,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            term_file: 48 * 1024,
            doc_file: 8 * 1024,
            phrase_file: 16 * 1024,
            text_cap: 16 * 1024,
        }
    }
}

/// What `write_index` wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files written, the manifest included.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: usize,
    /// The size of the manifest (`search-index.js`), which every search loads first.
    pub manifest: usize,
    /// The largest file and its size.
    pub largest: (String, usize),
}

/// Write the search index of `docs` through `put` (path, bytes), in a fixed order: the document
/// files, the term files, the phrase files, then the manifest (`search-index.js`).
///
/// Documents are numbered in the order of the client's last ranking keys (kind in `KINDS`
/// order, then folded title, then `docs` order), so that equal scores rank by number. The files:
///
/// - `search-index/d<n>.js`: rows `[kind, title, url, meta, text]` of consecutive documents
///   (the text cut at `text_cap` for snippets), loaded for the results shown;
/// - `search-index/t<n>.js`: for a prefix of folded words, either its words with their
///   postings (`{"w": [...], "p": [...]}`, words in UTF-16 order), or, for a prefix whose words
///   are too many for one file, a merged list (`{"m": ...}`) giving each document the best
///   weight of any word with that prefix, the longer prefixes cut further (see `split_terms`);
///   a query word loads exactly one of these (the manifest's `terms`: `[key, file, 0]` for
///   words, `[key, file, 1, rest]` for a merged list that serves every query word from `key`
///   to `key + rest`);
/// - `search-index/p<n>.js`: folded title phrases and their documents, by hash (FNV-1a over
///   UTF-16 units, modulo the number of files), to rank a title equal to the query first.
///
/// A posting list is a string of variable-length base-32 numbers (`0`–`v` end a number, `w`–`_`
/// continue it, least significant digit first), one per document: `(gap << 2) | field` in a
/// word's list (field 0 title, 1 meta line, 2 text: the best field the word is in), `(gap << 3)
/// | code` in a merged list (code 0–5: text, text exactly, meta, meta exactly, title, title
/// exactly, "exactly" meaning the word is `key + rest`), `gap` alone in a phrase's list; `gap` is the number of documents skipped since
/// the previous one. Every file is one line of JavaScript; the JSON in it is escaped as in
/// every JSON dossier writes (`<`, `>`, `&`, U+2028, U+2029). Deterministic: the same
/// documents give the same bytes, whatever the number of threads.
pub fn write_index<E>(
    docs: Vec<SearchDoc>,
    shape: &Shape,
    put: &mut dyn FnMut(String, Vec<u8>) -> Result<(), E>,
) -> Result<Summary, E> {
    write_index_of(&docs, shape, put)
}

/// The documents an index is made of, each made when it is asked for: a site's
/// (`SiteDocuments`) or those of a list.
pub trait Documents: Sync {
    /// How many.
    fn count(&self) -> usize;
    /// The `n`th.
    fn get(&self, n: usize) -> Cow<'_, SearchDoc>;
}

impl Documents for Vec<SearchDoc> {
    fn count(&self) -> usize {
        self.len()
    }
    fn get(&self, n: usize) -> Cow<'_, SearchDoc> {
        Cow::Borrowed(&self[n])
    }
}

/// A site's documents (`documents`), made one at a time: `write_index_of` makes each twice
/// (once to plan the files, once to write them) rather than hold them all, which at 10,000
/// articles took about 80 MB, a fifth of a build's peak memory.
pub struct SiteDocuments<'s, 'a>(pub &'s Site<'a>);

impl Documents for SiteDocuments<'_, '_> {
    fn count(&self) -> usize {
        document_count(self.0.model)
    }
    fn get(&self, n: usize) -> Cow<'_, SearchDoc> {
        Cow::Owned(document(self.0, n))
    }
}

/// `write_index` of documents made on demand: the same files.
pub fn write_index_of<E>(
    docs: &dyn Documents,
    shape: &Shape,
    put: &mut dyn FnMut(String, Vec<u8>) -> Result<(), E>,
) -> Result<Summary, E> {
    let mut summary = Summary::default();
    let mut emit = |path: String, text: String| -> Result<(), E> {
        summary.files += 1;
        summary.bytes += text.len();
        if text.len() > summary.largest.1 {
            summary.largest = (path.clone(), text.len());
        }
        if path == MANIFEST {
            summary.manifest = text.len();
        }
        put(path, text.into_bytes())
    };

    // What the plan needs of each document: its kind, the client's ranking key (kind, then
    // folded title, compared as the client compares strings: in UTF-16 code units) and the
    // size of its row. The title is kept in UTF-8, half the size of its UTF-16 (at 10,000
    // articles the plan's titles were the peak of the build's live memory), and encoded when
    // compared.
    let count = docs.count();
    let plan: Vec<(&'static str, Box<str>, usize)> = (0..count)
        .into_par_iter()
        .map(|n| {
            let d = docs.get(n);
            (d.kind, fold(&d.title).into_boxed_str(), row_bytes(&d, shape.text_cap))
        })
        .collect();

    // The kinds (unknown ones after `KINDS`, in order of appearance) and the documents' order.
    let mut kinds: Vec<&'static str> = KINDS.to_vec();
    for (kind, _, _) in &plan {
        if !kinds.contains(kind) {
            kinds.push(kind);
        }
    }
    let kind_of = |d: &SearchDoc| kinds.iter().position(|k| *k == d.kind).unwrap_or(0);
    let rank = |kind: &str| KINDS.iter().position(|k| *k == kind).unwrap_or(KINDS.len());
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by(|&a, &b| {
        rank(plan[a].0)
            .cmp(&rank(plan[b].0))
            .then_with(|| plan[a].1.encode_utf16().cmp(plan[b].1.encode_utf16()))
            .then(a.cmp(&b))
    });

    // The document files: per kind (rank), a fixed number of documents per file.
    let mut segments: Vec<(usize, usize, usize)> = Vec::new(); // (first id, per file, first file)
    let mut ends = vec![false; count]; // whether a document is the last of its file
    {
        let mut at = 0;
        let mut files = 0;
        while at < order.len() {
            let r = rank(plan[order[at]].0);
            let end = at + order[at..].iter().take_while(|&&i| rank(plan[i].0) == r).count();
            let bytes: usize = order[at..end].iter().map(|&i| plan[i].2).sum();
            let per = (shape.doc_file * (end - at) / bytes.max(1)).clamp(1, 64);
            segments.push((at, per, files));
            for id in (at..end).skip(per - 1).step_by(per) {
                ends[id] = true;
            }
            ends[end - 1] = true;
            files += (end - at).div_ceil(per);
            at = end;
        }
    }
    drop(plan);

    // Words, document by document in id order (made and folded in parallel, a chunk at a
    // time), each appended to its posting list; the document files as their documents go by.
    let mut postings: HashMap<Box<str>, Postings> = HashMap::new();
    // Each phrase with its hash (which picks its file) and its documents.
    let mut phrases: HashMap<String, (u32, Vec<u32>)> = HashMap::new();
    let mut rows: Vec<Cow<SearchDoc>> = Vec::new();
    let mut doc_file = 0;
    for (chunk_start, chunk) in order.chunks(1024).enumerate().map(|(k, c)| (k * 1024, c)) {
        let made: Vec<(Cow<SearchDoc>, DocWords)> = chunk
            .par_iter()
            .map(|&i| {
                let d = docs.get(i);
                let words = DocWords::of(&d);
                (d, words)
            })
            .collect();
        for (k, (doc, words)) in made.into_iter().enumerate() {
            let id = (chunk_start + k) as u32;
            for &(s, e, field) in &words.words {
                let word = &words.buf[s as usize..e as usize];
                match postings.get_mut(word) {
                    Some(p) => p.push(id, field as u64, 2),
                    None => {
                        let mut p = Postings::default();
                        p.push(id, field as u64, 2);
                        postings.insert(word.into(), p);
                    }
                }
            }
            for phrase in words.phrases {
                match phrases.get_mut(&phrase) {
                    Some((_, ids)) => ids.push(id),
                    None => {
                        let hash = phrase_hash(&phrase);
                        phrases.insert(phrase, (hash, vec![id]));
                    }
                }
            }
            rows.push(doc);
            if ends[id as usize] {
                let json = doc_rows_json(&rows, kind_of, shape.text_cap);
                emit(format!("{DIR}d{doc_file}.js"), shard_js(&format!("d{doc_file}"), &json))?;
                doc_file += 1;
                rows.clear();
            }
        }
    }
    drop(order);

    // The phrase files, before the term files: the phrases are freed before the words are
    // gathered and sorted, when the table of words and its sorted list are both held.
    let phrase_bytes: usize = phrases.iter().map(|(p, (_, ids))| p.len() + 8 + 2 * ids.len()).sum();
    let buckets = phrase_bytes.div_ceil(shape.phrase_file.max(1)).max(1);
    for n in 0..buckets {
        // Taken out of the table file by file, not sorted into buckets all at once: that
        // held every phrase's entry twice over.
        let mut list: Vec<(String, Vec<u32>)> = phrases
            .extract_if(|_, (hash, _)| *hash as usize % buckets == n)
            .map(|(phrase, (_, ids))| (phrase, ids))
            .collect();
        list.sort_unstable();
        let mut json = String::from("[");
        for (k, (phrase, ids)) in list.iter().enumerate() {
            if k > 0 {
                json.push(',');
            }
            let mut p = Postings::default();
            for &id in ids {
                p.push(id, 0, 0);
            }
            json.push('[');
            json.push_str(&serde_json::to_string(phrase).unwrap_or_default());
            json.push_str(",\"");
            json.push_str(p.as_str());
            json.push_str("\"]");
        }
        json.push(']');
        emit(
            format!("{DIR}p{n}.js"),
            shard_js(&format!("p{n}"), &format!("\"p\":{json}")),
        )?;
    }

    // The term files: the prefix tree of the words, cut where a prefix's files would grow
    // past `term_file`.
    let mut words: Vec<(Box<str>, Postings)> = Vec::with_capacity(postings.len());
    words.extend(postings);
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut terms: Vec<(String, usize, Option<String>)> = Vec::new();
    let mut scratch = Merge::new(count);
    // Each term file is put as soon as it is made: held to the end, on top of every posting
    // list, they added 40 MiB to a 50,000-article build's peak.
    let mut term_files = 0;
    let mut term_file = |json: String| -> Result<usize, E> {
        let n = term_files;
        emit(format!("{DIR}t{n}.js"), shard_js(&format!("t{n}"), &json))?;
        term_files += 1;
        Ok(n)
    };
    split_terms(&words, "", shape, &mut scratch, &mut terms, &mut term_file)?;
    drop(words);

    // The manifest.
    #[derive(Serialize)]
    #[serde(untagged)]
    enum TermEntry<'a> {
        Words(&'a str, usize, u8),
        Merged(&'a str, usize, u8, &'a str),
    }
    #[derive(Serialize)]
    struct Manifest<'a> {
        v: u32,
        kinds: &'a [&'a str],
        count: usize,
        dir: &'a str,
        terms: Vec<TermEntry<'a>>,
        docs: &'a [(usize, usize, usize)],
        phrases: usize,
    }
    let manifest = Manifest {
        v: 2,
        kinds: &kinds,
        count,
        dir: DIR,
        terms: terms
            .iter()
            .map(|(key, n, shared)| match shared {
                Some(rest) => TermEntry::Merged(key, *n, 1, rest),
                None => TermEntry::Words(key, *n, 0),
            })
            .collect(),
        docs: &segments,
        phrases: buckets,
    };
    let json = escape_for_html(&serde_json::to_string(&manifest).unwrap_or_default());
    emit(MANIFEST.to_string(), format!("window.DOSSIER_SEARCH = {json};\n"))?;
    Ok(summary)
}

/// All the files of the index of `docs`, in the order `write_index` writes them: for tests and
/// tools.
pub fn index_files(docs: Vec<SearchDoc>, shape: &Shape) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let _ = write_index::<()>(docs, shape, &mut |path, bytes| {
        files.push((path, String::from_utf8(bytes).unwrap_or_default()));
        Ok(())
    });
    files
}

/// A shard: `window.DOSSIER_SEARCH_SHARD({"k":"<name>",<fields>});`, the call `search.js`
/// listens to.
fn shard_js(name: &str, fields: &str) -> String {
    format!(
        "window.DOSSIER_SEARCH_SHARD({{\"k\":\"{name}\",{}}});\n",
        escape_for_html(fields)
    )
}

/// JSON text escaped to stay inert in HTML and valid JavaScript: the escaping of every JSON
/// output of dossier.
fn escape_for_html(json: &str) -> String {
    crate::render::jsonld::escape_json_for_html(json)
}

/// About how many bytes a document's row takes in its file.
fn row_bytes(d: &SearchDoc, cap: usize) -> usize {
    d.title.len() + d.url.len() + d.meta.len() + d.text.len().min(cap) + 16 + 10 * d.unindexed.len()
}

/// The `"d": [...]` field of a document file: rows `[kind, title, url, meta, text]`, and, when
/// needed, a sixth element, `1` when the text's first line is the passage the title shows the
/// start of (else `0`), and a seventh, the `unindexed` ranges of the text shipped, as UTF-16
/// offsets `[start, end, start, end, ...]` (a snippet is not centred on a word there), and an
/// eighth for a document in another language than the site's, `[tag, dir]`.
fn doc_rows_json(rows: &[Cow<SearchDoc>], kind_of: impl Fn(&SearchDoc) -> usize, cap: usize) -> String {
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Row<'a> {
        Plain(usize, &'a str, &'a str, &'a str, Cow<'a, str>),
        Passage(usize, &'a str, &'a str, &'a str, Cow<'a, str>, u8),
        Unindexed(usize, &'a str, &'a str, &'a str, Cow<'a, str>, u8, Vec<usize>),
        /// A document in another language than the site's: `[tag, dir]`, `dir` null when it
        /// runs as the site's does.
        Lang(
            usize,
            &'a str,
            &'a str,
            &'a str,
            Cow<'a, str>,
            u8,
            Vec<usize>,
            (&'a str, Option<&'static str>),
        ),
    }
    let rows: Vec<Row> = rows
        .iter()
        .map(|d| {
            let d: &SearchDoc = d;
            let (kind, title, url, meta, text) = (
                kind_of(d),
                d.title.as_str(),
                d.url.as_str(),
                d.meta.as_str(),
                capped(&d.text, cap),
            );
            // What of the text is shipped: all of it, or its beginning and " …".
            let shipped = match &text {
                Cow::Borrowed(_) => d.text.len(),
                Cow::Owned(cut) => cut.len().saturating_sub(" …".len()),
            };
            let skip: Vec<usize> = d
                .unindexed
                .iter()
                .filter(|&&(s, e)| s < e && e <= shipped && d.text.is_char_boundary(s) && d.text.is_char_boundary(e))
                .flat_map(|&(s, e)| [utf16_len(&d.text[..s]), utf16_len(&d.text[..e])])
                .collect();
            let passage = u8::from(d.passage);
            if let Some((tag, dir)) = &d.lang {
                Row::Lang(kind, title, url, meta, text, passage, skip, (tag, *dir))
            } else if !skip.is_empty() {
                Row::Unindexed(kind, title, url, meta, text, passage, skip)
            } else if d.passage {
                Row::Passage(kind, title, url, meta, text, passage)
            } else {
                Row::Plain(kind, title, url, meta, text)
            }
        })
        .collect();
    format!("\"d\":{}", serde_json::to_string(&rows).unwrap_or_default())
}

/// The length of a text in UTF-16 units (JavaScript's `length`).
fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The text shipped for snippets: all of it up to `cap` bytes, else its beginning cut at a
/// space, with an ellipsis.
fn capped(text: &str, cap: usize) -> Cow<'_, str> {
    if text.len() <= cap {
        return Cow::Borrowed(text);
    }
    let mut end = cap;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let end = match text[..end].rfind(' ') {
        Some(i) if i > end / 2 => i,
        _ => end,
    };
    Cow::Owned(format!("{} …", &text[..end]))
}

/// FNV-1a (32 bits) over the UTF-16 units of a text: the phrase files' hash, the same in
/// `search.js`.
pub fn phrase_hash(text: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for u in text.encode_utf16() {
        h ^= u32::from(u);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The digits of posting lists: the first 32 end a number, the last 32 continue it.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// A posting list as it is written: documents in increasing order, each `(gap << shift) | code`.
#[derive(Debug, Clone, Default)]
struct Postings {
    bytes: Vec<u8>,
    /// The id after the last document pushed.
    next: u32,
}

impl Postings {
    fn push(&mut self, id: u32, code: u64, shift: u32) {
        let mut v = (u64::from(id - self.next) << shift) | code;
        while v >= 32 {
            self.bytes.push(DIGITS[32 + (v & 31) as usize]);
            v >>= 5;
        }
        self.bytes.push(DIGITS[v as usize]);
        self.next = id + 1;
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes).unwrap_or_default()
    }

    /// The (id, code) pairs of a list written with `shift`.
    fn decode(&self, shift: u32, mut each: impl FnMut(u32, u64)) {
        let mut next: u64 = 0;
        let mut acc: u64 = 0;
        let mut at = 0;
        for &b in &self.bytes {
            let d = digit(b);
            if d >= 32 {
                acc |= (d - 32) << at;
                at += 5;
            } else {
                acc |= d << at;
                let id = next + (acc >> shift);
                each(id as u32, acc & ((1 << shift) - 1));
                next = id + 1;
                acc = 0;
                at = 0;
            }
        }
    }
}

fn digit(b: u8) -> u64 {
    match b {
        b'0'..=b'9' => u64::from(b - b'0'),
        b'a'..=b'z' => u64::from(b - b'a') + 10,
        b'A'..=b'Z' => u64::from(b - b'A') + 36,
        b'-' => 62,
        _ => 63,
    }
}

/// Scratch space for merged lists: the best code (+1) of each document, and which were set.
struct Merge {
    best: Vec<u8>,
    touched: Vec<u32>,
}

impl Merge {
    fn new(count: usize) -> Self {
        Merge {
            best: vec![0; count],
            touched: Vec::new(),
        }
    }

    /// The merged list of `words` (all beginning with `shared`): each document once, with the
    /// best of its words' weights (`code`: field, and whether the word is `shared` itself).
    fn list(&mut self, words: &[(Box<str>, Postings)], shared: &str) -> Postings {
        for (word, p) in words {
            let exact = u8::from(&**word == shared);
            p.decode(2, |id, field| {
                let code = (2 - field as u8) * 2 + exact + 1;
                let slot = &mut self.best[id as usize];
                if *slot == 0 {
                    self.touched.push(id);
                }
                if code > *slot {
                    *slot = code;
                }
            });
        }
        self.touched.sort_unstable();
        let mut out = Postings::default();
        for &id in &self.touched {
            out.push(id, u64::from(self.best[id as usize] - 1), 3);
            self.best[id as usize] = 0;
        }
        self.touched.clear();
        out
    }
}

/// The bytes a word and its postings take in a term file.
fn term_bytes(word: &str, p: &Postings) -> usize {
    word.len() + p.bytes.len() + 6
}

/// Cut the words under `prefix` (sorted, all beginning with it, those equal to it left out) by
/// their next letter: each group that fits `term_file` becomes a term file of words, keyed by
/// its prefix; a larger one a merged list, keyed by its prefix and covering the longest prefix
/// its words share (so that one long frequent word makes one merged list, not one per letter),
/// then is cut again after that shared prefix. Manifest entries: `(key, file, merged, shared
/// prefix beyond the key)`. Each file's fields go to `file`, which puts it and returns its
/// number.
fn split_terms<E>(
    words: &[(Box<str>, Postings)],
    prefix: &str,
    shape: &Shape,
    merge: &mut Merge,
    terms: &mut Vec<(String, usize, Option<String>)>,
    file: &mut dyn FnMut(String) -> Result<usize, E>,
) -> Result<(), E> {
    let mut at = words.iter().take_while(|(w, _)| &**w == prefix).count();
    while at < words.len() {
        let Some(c) = words[at].0[prefix.len()..].chars().next() else {
            break;
        };
        let mut key = String::with_capacity(prefix.len() + c.len_utf8());
        key.push_str(prefix);
        key.push(c);
        let end = at + words[at..].iter().take_while(|(w, _)| w.starts_with(&key)).count();
        let group = &words[at..end];
        let bytes: usize = group.iter().map(|(w, p)| term_bytes(w, p)).sum();
        if bytes <= shape.term_file {
            let mut list: Vec<&(Box<str>, Postings)> = group.iter().collect();
            // The client bisects with JavaScript's `<`: UTF-16 order.
            list.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            let ws: Vec<&str> = list.iter().map(|(w, _)| &**w).collect();
            let ps: Vec<&str> = list.iter().map(|(_, p)| p.as_str()).collect();
            let n = file(format!(
                "\"w\":{},\"p\":{}",
                serde_json::to_string(&ws).unwrap_or_default(),
                serde_json::to_string(&ps).unwrap_or_default()
            ))?;
            terms.push((key, n, None));
        } else {
            let shared = common_prefix(&group[0].0, &group[group.len() - 1].0);
            let merged = merge.list(group, shared);
            let n = file(format!("\"m\":\"{}\"", merged.as_str()))?;
            terms.push((key.clone(), n, Some(shared[key.len()..].to_string())));
            split_terms(group, shared, shape, merge, terms, file)?;
        }
        at = end;
    }
    Ok(())
}

/// The longest common prefix of two words, at a character boundary.
fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let end = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    &a[..end]
}

/// The distinct folded words of a document with the best field each is in (0 a name or title,
/// 1 meta line, 2 text), as spans of one buffer, and its title phrases (each name's words
/// joined by spaces, when no word repeats in it).
struct DocWords {
    buf: String,
    words: Vec<(u32, u32, u8)>,
    phrases: Vec<String>,
}

impl DocWords {
    fn of(doc: &SearchDoc) -> Self {
        let names: usize = doc.names.iter().map(|n| n.len() + 1).sum();
        let mut buf = String::with_capacity(doc.text.len() + names + doc.meta.len());
        let mut spans: Vec<(u32, u32, u8)> = Vec::new();
        let mut phrases = Vec::new();
        for name in &doc.names {
            let from = spans.len();
            fold_words(name, &mut |_, s, e| spans.push((s, e, 0)), &mut buf);
            let title: Vec<&str> = spans[from..]
                .iter()
                .map(|&(s, e, _)| &buf[s as usize..e as usize])
                .collect();
            let mut distinct = title.clone();
            distinct.sort_unstable();
            distinct.dedup();
            if !title.is_empty() && distinct.len() == title.len() {
                let phrase = title.join(" ");
                if !phrases.contains(&phrase) {
                    phrases.push(phrase);
                }
            }
        }
        fold_words(&doc.meta, &mut |_, s, e| spans.push((s, e, 1)), &mut buf);
        // The text's words are most of a document's and repeat: each is kept once, as it is
        // folded (a 20 MB text has 3 million words but tens of thousands of distinct ones), so
        // that the sort below is of distinct words.
        let mut seen: HashSet<String> = HashSet::new();
        let mut text_word = |buf: &mut String, s: u32, e: u32| {
            let word = &buf[s as usize..e as usize];
            if seen.contains(word) {
                buf.truncate(s as usize);
            } else {
                seen.insert(word.to_string());
                spans.push((s, e, 2));
            }
        };
        let mut at = 0;
        for &(start, end) in &doc.unindexed {
            let (start, end) = (start.min(doc.text.len()), end.min(doc.text.len()));
            if start >= at && doc.text.is_char_boundary(start) && doc.text.is_char_boundary(end) {
                fold_words(&doc.text[at..start], &mut text_word, &mut buf);
                at = end;
            }
        }
        fold_words(&doc.text[at..], &mut text_word, &mut buf);
        let word = |s: &(u32, u32, u8)| &buf[s.0 as usize..s.1 as usize];
        spans.sort_unstable_by(|a, b| word(a).cmp(word(b)).then(a.2.cmp(&b.2)));
        spans.dedup_by(|b, a| word(a) == word(b));
        DocWords {
            buf,
            words: spans,
            phrases,
        }
    }
}

/// Fold `text` for search (see `fold`) and split it into words, appending each word to `buf`
/// and reporting its span there (to a caller that may take it out of `buf` again).
fn fold_words(text: &str, each: &mut dyn FnMut(&mut String, u32, u32), buf: &mut String) {
    let mut start: Option<usize> = None;
    for c in text.chars() {
        fold_char(c, &mut |f| {
            if is_word(f) {
                if start.is_none() {
                    start = Some(buf.len());
                }
                buf.push(f);
            } else if let Some(s) = start.take() {
                let e = buf.len() as u32;
                each(buf, s as u32, e);
            }
        });
    }
    if let Some(s) = start {
        let e = buf.len() as u32;
        each(buf, s as u32, e);
    }
}

/// A text folded for search as `search.js` folds it: lower case; Latin, Greek and Cyrillic
/// letters spelled as dossier's ids spell them (the `SPELLED` table, generated from
/// deunicode); other letters decomposed (NFD) with their combining marks removed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut |f| out.push(f));
    }
    out
}

/// The words of a text, folded, in order (as `search.js`'s `words(fold(text))`).
pub fn words(text: &str) -> Vec<String> {
    let mut buf = String::new();
    let mut spans = Vec::new();
    fold_words(text, &mut |_, s, e| spans.push((s as usize, e as usize)), &mut buf);
    spans.into_iter().map(|(s, e)| buf[s..e].to_string()).collect()
}

/// The letters spelled out (search.js's `SPELLED`), from the same source.
fn spelled() -> &'static HashMap<char, String> {
    static TABLE: OnceLock<HashMap<char, String>> = OnceLock::new();
    TABLE.get_or_init(|| crate::model::search_fold_table().into_iter().collect())
}

/// The folded form of one character, character by character (search.js's `foldChar`).
fn fold_char(c: char, out: &mut dyn FnMut(char)) {
    if c.is_ascii() {
        out(c.to_ascii_lowercase());
        return;
    }
    let table = spelled();
    let mut lower = c.to_lowercase();
    if let (Some(l), None) = (lower.next(), lower.next())
        && let Some(s) = table.get(&l)
    {
        s.chars().for_each(&mut *out);
        return;
    }
    for x in c.to_lowercase().nfd() {
        if is_mark(x) {
            continue;
        }
        match table.get(&x) {
            Some(s) => s.chars().for_each(&mut *out),
            None => out(x),
        }
    }
}

/// The combining marks search removes (search.js's `MARKS`).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036f | 0x0483..=0x0489 | 0x0591..=0x05bd | 0x05bf | 0x05c1 | 0x05c2 | 0x05c4
        | 0x05c5 | 0x05c7 | 0x0610..=0x061a | 0x064b..=0x065f | 0x0670 | 0x1ab0..=0x1aff
        | 0x1dc0..=0x1dff | 0x20d0..=0x20ff | 0xfe20..=0xfe2f)
}

/// Whether a folded character belongs to a word (search.js's `isWordCode`, which looks at
/// UTF-16 units: both halves of a character beyond the BMP count as word units).
fn is_word(c: char) -> bool {
    let c = c as u32;
    if c < 128 {
        return (48..=57).contains(&c) || (97..=122).contains(&c) || (65..=90).contains(&c);
    }
    if c < 0xc0 {
        return c == 0xaa || c == 0xb5 || c == 0xba;
    }
    if c > 0xffff {
        return true;
    }
    !(c == 0xd7
        || c == 0xf7
        || (0x2000..=0x2bff).contains(&c)
        || (0x2e00..=0x2e7f).contains(&c)
        || (0x3000..=0x303f).contains(&c)
        || (0xfe10..=0xfe1f).contains(&c)
        || (0xfe30..=0xfe6f).contains(&c)
        || c == 0xfeff
        || c >= 0xfff0
        || ((0xff00..=0xff65).contains(&c)
            && !((0xff10..=0xff19).contains(&c) || (0xff21..=0xff3a).contains(&c) || (0xff41..=0xff5a).contains(&c)))
        || matches!(c, 0x060c | 0x061b | 0x061f | 0x066a..=0x066d | 0x06d4)
        || matches!(c, 0x0964 | 0x0965 | 0x0e2f | 0x0e5a | 0x0e5b))
}

/// The size the whole index (every file `write_index` writes) may reach for a dossier (the
/// budget stated in the docs): the text of each entity and a third more for its words in the
/// term files, plus a fixed part for its title, link, meta line and postings: each article its
/// Markdown body and title, plus a third, plus 1 KB; each excerpt its quote and note, plus a
/// third, plus 400 bytes; each actor, incident and page the text of its fields (name and
/// aliases, title and location, summary or body), plus a third, plus 400 bytes. The example
/// dossier's index uses about three quarters of it. A query loads only a small part of the
/// index (see `Shape`): the budget bounds what a site publishes, not what a reader loads.
pub fn budget(model: &Dossier) -> usize {
    let md = |m: &Option<Markdown>| m.as_ref().map_or(0, |m| m.text.len());
    let more = |text: usize| text + text / 3;
    let articles: usize = model
        .articles
        .iter()
        .map(|a| more(a.body().len() + a.title.len()) + 1024)
        .sum();
    let excerpts: usize = model
        .excerpts
        .iter()
        .map(|e| more(e.quote.len() + md(&e.note)) + 400)
        .sum();
    let actors: usize = model
        .actors
        .iter()
        .map(|a| more(a.name.len() + a.aliases.iter().map(String::len).sum::<usize>() + md(&a.summary)) + 400)
        .sum();
    let incidents: usize = model
        .incidents
        .iter()
        .map(|x| more(x.title.len() + x.location.as_ref().map_or(0, String::len) + md(&x.summary)) + 400)
        .sum();
    let pages: usize = model
        .pages
        .iter()
        .map(|p| more(p.title.len() + p.body.text.len()) + 400)
        .sum();
    articles + excerpts + actors + incidents + pages
}

/// Display names of ids, for meta lines and for `[[id]]` links in Markdown fields: the site's.
struct Names<'s, 'a>(&'s Site<'a>);

impl Names<'_, '_> {
    fn name(&self, id: &str) -> Option<String> {
        self.0.resolve(id).map(|(_, name)| name)
    }
}

/// A document's text built as its page reads: white space collapsed as it goes, its parts
/// (`line`) joined by `\n`, the ranges not to search noted.
#[derive(Default)]
struct Text {
    out: String,
    /// White space seen since the last character written.
    space: bool,
    /// A new part asked for since the last character written.
    line: bool,
    /// Inside parentheses that held only citation links so far: where the `(` is, to drop
    /// them whole if they close with nothing else in them.
    cites: Option<usize>,
    unindexed: Vec<(usize, usize)>,
}

impl Text {
    fn push(&mut self, text: &str) {
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if c.is_whitespace() {
                self.space = true;
                rest = &rest[c.len_utf8()..];
                continue;
            }
            // A word: past its first character, outside citations, `put` only appends, so
            // the rest is appended whole (an article's text is most of the index's text).
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            if self.cites.is_none() {
                self.put(c);
                self.out.push_str(&rest[c.len_utf8()..end]);
            } else {
                rest[..end].chars().for_each(|c| self.put(c));
            }
            rest = &rest[end..];
        }
    }

    fn put(&mut self, c: char) {
        if let Some(open) = self.cites {
            match c {
                // "(source)", "(sources 1, 2)": nothing is left to read in them.
                ')' => {
                    self.out.truncate(open);
                    self.out.truncate(self.out.trim_end().len());
                    self.cites = None;
                    self.space = false;
                    return;
                }
                ',' | ';' => return,
                _ => {
                    // Something else follows the citations: keep the bracket and go on.
                    self.cites = None;
                    if self.out.ends_with('(') {
                        self.space = false;
                    }
                }
            }
        }
        if !self.out.is_empty() {
            if self.line {
                self.out.push('\n');
            } else if self.space {
                self.out.push(' ');
            }
        }
        self.space = false;
        self.line = false;
        self.out.push(c);
    }

    /// Start a new part (an excerpt's note after its passage).
    fn line(&mut self) {
        if !self.out.is_empty() {
            self.line = true;
        }
    }

    /// A citation left out: on the page it is a link to an excerpt labelled "source" or a
    /// number, which means nothing in a snippet. The brackets around it go too when nothing
    /// else is in them.
    fn cite(&mut self) {
        if self.cites.is_some() {
            return;
        }
        let lower = self.out.to_lowercase();
        for opening in ["(", "(source", "(sources", "(see"] {
            if lower.ends_with(opening) && lower.len() == self.out.len() {
                self.cites = Some(self.out.len() - opening.len());
                return;
            }
        }
        // "…, [[x|source]])": the separator before it goes with it.
        if self.out.ends_with([',', ';']) {
            self.out.pop();
            self.space = false;
        }
    }

    /// The plain text of a Markdown field as its page shows it: a wikilink without a label reads
    /// as the entity's name; a citation (a link to an excerpt labelled "source" or a number) is
    /// left out. The names of the articles, incidents, excerpts and pages it links to without a
    /// label are shown but not searched (see `SearchDoc::unindexed`); an actor's name is
    /// searched (a summary that names an actor mentions them), and so is a label (the author's
    /// words).
    fn push_md(&mut self, md: Option<&Markdown>, site: &Site) {
        let Some(md) = md else {
            return;
        };
        // Inside a link: the links opened (labels are not nested, but be safe), and the label
        // of a link to an excerpt, held until it is known whether it is a citation.
        let mut skip = 0usize;
        let mut label: Option<String> = None;
        for event in Parser::new_ext(&md.text, field_options()) {
            if let Some(l) = &mut label {
                match event {
                    Event::Text(t) | Event::Code(t) => l.push_str(&t),
                    Event::SoftBreak | Event::HardBreak => l.push(' '),
                    Event::End(TagEnd::Link) => {
                        let l = label.take().unwrap_or_default();
                        let marker = l.trim().to_lowercase();
                        if matches!(marker.as_str(), "source" | "sources")
                            || (!marker.is_empty() && marker.chars().all(|c| c.is_ascii_digit()))
                        {
                            self.cite();
                        } else {
                            self.push(&l);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            if skip > 0 {
                match event {
                    Event::Start(Tag::Link { .. }) => skip += 1,
                    Event::End(TagEnd::Link) => skip -= 1,
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(Tag::Link {
                    link_type: LinkType::WikiLink { has_pothole },
                    dest_url,
                    ..
                }) => {
                    let id = dest_url.trim();
                    match site.index.kind(id) {
                        Some(kind) if !has_pothole => {
                            if let Some((_, name)) = site.resolve(id) {
                                let start = self.out.len();
                                self.push(&name);
                                if kind != EntityKind::Actor {
                                    self.unindexed.push((start, self.out.len()));
                                }
                                skip = 1;
                            }
                        }
                        Some(EntityKind::Excerpt) => label = Some(String::new()),
                        // A label: the author's words, searched like the rest.
                        _ => {}
                    }
                }
                Event::Text(t) | Event::Code(t) => self.push(&t),
                Event::SoftBreak
                | Event::HardBreak
                | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => self.space = true,
                _ => {}
            }
        }
    }

    /// The document's `text` and `unindexed`, the rest to fill in.
    fn finish(self) -> SearchDoc {
        SearchDoc {
            text: self.out,
            unindexed: self.unindexed,
            ..SearchDoc::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::path::Path;

    use super::*;
    use crate::index::Index;
    use crate::render::site::entity_path;

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
        let shared = crate::render::site::Shared::new(&model.0);
        documents(&Site {
            model: &model.0,
            index: &model.1,
            shared: &shared,
        })
    }

    /// The files of an index by path, for reading back.
    type Files = std::collections::BTreeMap<String, String>;

    fn files_of(docs: Vec<SearchDoc>, shape: &Shape) -> Files {
        index_files(docs, shape).into_iter().collect()
    }

    /// The JSON inside a file of the index (`window.X = ...;` or `window.X(...);`), parsed.
    fn parse(js: &str) -> serde_json::Value {
        let json = js
            .strip_prefix("window.DOSSIER_SEARCH = ")
            .and_then(|j| j.strip_suffix(";\n"))
            .or_else(|| {
                js.strip_prefix("window.DOSSIER_SEARCH_SHARD(")
                    .and_then(|j| j.strip_suffix(");\n"))
            })
            .unwrap_or_else(|| panic!("not a file of the index: {js}"));
        serde_json::from_str(json).expect("valid JSON")
    }

    fn postings(list: &str) -> Postings {
        Postings {
            bytes: list.as_bytes().to_vec(),
            next: 0,
        }
    }

    /// The documents of an index, by number: (kind, title, url, meta, text).
    fn read_docs(files: &Files) -> Vec<[String; 5]> {
        let m = parse(&files[MANIFEST]);
        let kinds = m["kinds"].as_array().unwrap();
        let mut out = Vec::new();
        let mut n = 0;
        while let Some(js) = files.get(&format!("{DIR}d{n}.js")) {
            let v = parse(js);
            assert_eq!(v["k"], format!("d{n}"));
            for row in v["d"].as_array().unwrap() {
                let s = |i: usize| row[i].as_str().unwrap().to_string();
                let kind = kinds[row[0].as_u64().unwrap() as usize].as_str().unwrap().to_string();
                out.push([kind, s(1), s(2), s(3), s(4)]);
            }
            n += 1;
        }
        assert_eq!(out.len() as u64, m["count"].as_u64().unwrap());
        out
    }

    /// What the client finds for one query word (search.js's `matchesOf`, written again):
    /// document number → weight.
    fn lookup(files: &Files, term: &str) -> std::collections::BTreeMap<u32, u8> {
        let m = parse(&files[MANIFEST]);
        let entries: Vec<(String, u64, Option<String>)> = m["terms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let key = t[0].as_str().unwrap().to_string();
                let shared = (t[2] == 1).then(|| format!("{key}{}", t[3].as_str().unwrap()));
                (key, t[1].as_u64().unwrap(), shared)
            })
            .collect();
        let mut out = std::collections::BTreeMap::new();
        let letters: Vec<(usize, char)> = term.char_indices().collect();
        for k in (1..=letters.len()).rev() {
            let prefix = &term[..letters.get(k).map_or(term.len(), |l| l.0)];
            let Some((_, n, shared)) = entries.iter().find(|e| e.0 == prefix) else {
                continue;
            };
            let v = parse(&files[&format!("{DIR}t{n}.js")]);
            assert_eq!(v["k"], format!("t{n}"));
            match shared {
                Some(shared) if shared.starts_with(term) => {
                    let exact = shared == term;
                    postings(v["m"].as_str().unwrap()).decode(3, |id, code| {
                        let code = if exact { code } else { code & !1 };
                        out.insert(id, [2, 3, 4, 5, 8, 9][code as usize]);
                    });
                }
                Some(_) => {}
                None => {
                    let words = v["w"].as_array().unwrap();
                    let lists = v["p"].as_array().unwrap();
                    for (w, p) in words.iter().zip(lists) {
                        let w = w.as_str().unwrap();
                        if !w.starts_with(term) {
                            continue;
                        }
                        postings(p.as_str().unwrap()).decode(2, |id, field| {
                            let weight = [8, 4, 2][field as usize] + u8::from(w == term);
                            let best = out.entry(id).or_insert(0);
                            *best = (*best).max(weight);
                        });
                    }
                }
            }
            return out;
        }
        out
    }

    /// What the old client computed for one query word over whole documents: the weight of the
    /// first field where some word begins with it (names, meta line, the text but for its
    /// unindexed ranges), plus 1 if that field holds it whole.
    fn weight(doc: &SearchDoc, term: &str) -> Option<u8> {
        let mut text = doc.text.clone();
        for &(s, e) in &doc.unindexed {
            text.replace_range(s..e, &" ".repeat(e - s));
        }
        for (f, text) in [&doc.names.join(" "), &doc.meta, &text].into_iter().enumerate() {
            let ws = words(text);
            if ws.iter().any(|w| w.starts_with(term)) {
                return Some([8, 4, 2][f] + u8::from(ws.iter().any(|w| w == term)));
            }
        }
        None
    }

    /// Every word of the documents, every prefix of the first `cut` letters of each, and some
    /// that match nothing: the query words to try.
    fn probes(docs: &[SearchDoc], cut: usize) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for d in docs {
            for w in words(&format!("{} {} {}", d.title, d.meta, d.text)) {
                let letters: Vec<char> = w.chars().collect();
                for k in 1..=letters.len().min(cut) {
                    all.push(letters[..k].iter().collect());
                }
                all.push(w);
            }
        }
        all.extend(["zzzz", "qx", "é", "a", "0"].map(String::from));
        all.sort();
        all.dedup();
        all
    }

    /// Check every probe against the documents (`docs`, found by their URLs among those read
    /// back from the index).
    fn assert_lookups_agree(files: &Files, docs: &[SearchDoc], probes: &[String]) {
        let back = read_docs(files);
        let docs: Vec<&SearchDoc> = back
            .iter()
            .map(|b| docs.iter().find(|d| d.url == b[2]).unwrap())
            .collect();
        for term in probes {
            let want: std::collections::BTreeMap<u32, u8> = docs
                .iter()
                .enumerate()
                .filter_map(|(id, d)| weight(d, term).map(|w| (id as u32, w)))
                .collect();
            assert_eq!(lookup(files, term), want, "query word {term:?}");
        }
    }

    /// A small shape, so that a few documents make every kind of file.
    const TINY: Shape = Shape {
        term_file: 64,
        doc_file: 600,
        phrase_file: 120,
        text_cap: 1 << 20,
    };

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
                 summary: |\n  Foreign minister of [[pakistan]]; see [[bolton-call|the call]].\n\n  He spoke **firmly**\n  ([[fm-assured-me|source]]), as [[assurance]] reports ([[fm-assured-me|1]], [[deal-firmly|2]]).\n  Also [[bolton-call]] ([[fm-assured-me|source]], [[bolton-call]]); [[deal-firmly|his words]]\n  and [[deal-firmly]].\n",
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
    fn documents_carry_titles_meta_lines_and_the_text_their_pages_show() {
        let docs = docs_of(&load(&small()));
        let q = &docs[1];
        assert_eq!(q.title, "Shah Mehmood Qureshi");
        assert_eq!(q.names, ["Shah Mehmood Qureshi", "FM Qureshi"]);
        assert_eq!(q.meta, "Person · Pakistan · Foreign Minister · also FM Qureshi");
        // The summary as the page reads it: no names, aliases or offices appended, no citation
        // links ("(source)", "(sources 1, 2)"), the linked article's and incident's titles kept
        // but not searched.
        assert_eq!(
            q.text,
            "Foreign minister of Pakistan; see the call. He spoke firmly, as Pakistan assures US reports. \
             Also Phone call between Qureshi and Bolton (Phone call between Qureshi and Bolton); his words \
             and …with all terrorists…."
        );
        let unindexed: Vec<&str> = q.unindexed.iter().map(|&(s, e)| q.text[s..e].trim()).collect();
        assert_eq!(
            unindexed,
            [
                "Pakistan assures US",
                "Phone call between Qureshi and Bolton",
                "Phone call between Qureshi and Bolton",
                "…with all terrorists…"
            ]
        );
        assert!(!q.passage);
        assert_eq!(docs[0].meta, "State · also Islamabad");
        assert_eq!(docs[0].names, ["Pakistan", "Islamabad"]);
        let x = &docs[2];
        assert_eq!(x.title, "Phone call between Qureshi and Bolton");
        assert_eq!(x.names, [x.title.as_str()]);
        assert_eq!(x.meta, "Meeting · 11 March 2019 – 12 March 2019 · Washington");
        assert_eq!(x.text, "A call.");
        let a = &docs[3];
        assert_eq!(a.meta, "The Daily Example · 11 March 2019 · A. Writer");
        assert_eq!(a.names, ["Pakistan assures US"]);
        assert_eq!(
            a.text,
            "Heading The FM assured me that Pakistan would deal firmly with all terrorists. one two"
        );
        let e = &docs[4];
        // No `form:` with a speaker is reported speech: no quotation marks in the title.
        assert_eq!(e.title, "The FM assured me");
        assert!(e.names.is_empty(), "an excerpt's passage is text, not a name");
        assert!(e.passage);
        assert_eq!(
            e.meta,
            "Assurance · reported speech · Shah Mehmood Qureshi · The Daily Example, 11 March 2019"
        );
        // The passage, then the note on a line of its own.
        assert_eq!(
            e.text,
            "The FM assured me\nSaid by Shah Mehmood Qureshi in Phone call between Qureshi and Bolton."
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
                !d.text.contains("  ") && !d.text.contains('*') && !d.text.contains("source"),
                "{d:?}"
            );
        }
    }

    #[test]
    fn the_titles_a_text_links_to_are_shown_but_not_searched() {
        let docs = docs_of(&load(&small()));
        let files = files_of(docs.clone(), &TINY);
        let found = |term: &str| -> Vec<String> {
            let back = read_docs(&files);
            lookup(&files, term)
                .keys()
                .map(|&id| back[id as usize][2].clone())
                .collect()
        };
        // "assures" is in the article's title and in Qureshi's summary as a link to it: only
        // the article is found.
        assert_eq!(found("assures"), ["articles/assurance/index.html"]);
        // An actor's name in a summary is a mention: it is searched.
        assert!(found("pakistan").contains(&"actors/shah-mehmood-qureshi/index.html".to_string()));
        // The note's link to the incident is not searched either: "bolton" finds the incident
        // by its title, not the excerpt whose note links to it.
        assert_eq!(found("bolton"), ["incidents/bolton-call/index.html"]);
        // The ranges are shipped as UTF-16 offsets, and the passage flag with them.
        let rows: Vec<serde_json::Value> = files
            .iter()
            .filter(|(p, _)| p.starts_with("search-index/d"))
            .flat_map(|(_, js)| parse(js)["d"].as_array().unwrap().clone())
            .collect();
        let q = rows.iter().find(|r| r[1] == "Shah Mehmood Qureshi").unwrap();
        assert_eq!(q.as_array().unwrap().len(), 7, "{q}");
        assert_eq!(q[5], 0);
        let text: Vec<u16> = q[4].as_str().unwrap().encode_utf16().collect();
        let offsets: Vec<usize> = q[6]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(
            String::from_utf16(&text[offsets[0]..offsets[1]]).unwrap().trim(),
            "Pakistan assures US"
        );
        let e = rows.iter().find(|r| r[1] == "The FM assured me").unwrap();
        assert_eq!(e[5], 1, "{e}");
        let page = rows.iter().find(|r| r[1] == "About").unwrap();
        assert_eq!(page.as_array().unwrap().len(), 5, "{page}");
        // UTF-16 offsets past characters outside the BMP.
        let doc = SearchDoc {
            kind: "actor",
            title: "X".into(),
            url: "actors/x/index.html".into(),
            text: "𝐀 é Title rest".into(),
            unindexed: vec![(8, 13)],
            ..Default::default()
        };
        assert_eq!(&doc.text[8..13], "Title");
        let json = doc_rows_json(&[Cow::Owned(doc)], |_| 0, 1 << 20);
        assert!(json.ends_with(",0,[5,10]]]"), "{json}");
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
    fn every_query_word_finds_what_a_scan_of_the_documents_finds() {
        // Small files: prefixes split into merged lists and further files, several levels deep.
        let docs = docs_of(&load(&synthetic(3)));
        let probes = probes(&docs, 4);
        let files = files_of(docs.clone(), &TINY);
        let m = parse(&files[MANIFEST]);
        let terms = m["terms"].as_array().unwrap();
        let merged: Vec<&serde_json::Value> = terms.iter().filter(|t| t[2] == 1).collect();
        assert!(merged.len() > 5 && terms.len() > 2 * merged.len(), "{terms:?}");
        assert!(
            merged.iter().any(|t| t[0].as_str().unwrap().chars().count() >= 2),
            "some prefix is split two letters deep: {terms:?}"
        );
        assert!(
            merged.iter().any(|t| t[3].as_str().unwrap().chars().count() >= 3),
            "a merged list serves a longer shared prefix: {terms:?}"
        );
        assert_lookups_agree(&files, &docs, &probes);
        // Default sizes: one file per first letter or so.
        let files = files_of(docs.clone(), &Shape::default());
        assert_lookups_agree(&files, &docs, &probes);
    }

    #[test]
    fn documents_are_numbered_by_kind_then_folded_title() {
        let docs = docs_of(&load(&synthetic(2)));
        let files = files_of(docs.clone(), &TINY);
        let back = read_docs(&files);
        assert_eq!(back.len(), docs.len());
        let rank = |k: &str| KINDS.iter().position(|x| *x == k).unwrap();
        let key = |d: &[String; 5]| (rank(&d[0]), fold(&d[1]).encode_utf16().collect::<Vec<u16>>());
        for pair in back.windows(2) {
            assert!(key(&pair[0]) <= key(&pair[1]), "{:?} before {:?}", pair[0], pair[1]);
        }
        // Every document is there once, whole.
        let mut urls: Vec<&str> = back.iter().map(|d| d[2].as_str()).collect();
        urls.sort_unstable();
        urls.dedup();
        assert_eq!(urls.len(), docs.len());
        for d in &docs {
            let b = back.iter().find(|b| b[2] == d.url).unwrap();
            assert_eq!([&b[0], &b[1], &b[3], &b[4]], [d.kind, &d.title, &d.meta, &d.text]);
        }
        // Several files per kind, each listed in the manifest's segments.
        let m = parse(&files[MANIFEST]);
        let segments = m["docs"].as_array().unwrap();
        assert_eq!(segments.len(), 5, "{segments:?}");
        assert!(files.keys().filter(|p| p.starts_with("search-index/d")).count() > 10);
    }

    #[test]
    fn a_title_phrase_is_found_in_its_file() {
        let docs = docs_of(&load(&small()));
        let files = files_of(docs.clone(), &TINY);
        let m = parse(&files[MANIFEST]);
        let buckets = m["phrases"].as_u64().unwrap() as u32;
        assert!(buckets > 1);
        let back = read_docs(&files);
        let mut phrases = 0;
        for (id, b) in back.iter().enumerate() {
            let d = docs.iter().find(|d| d.url == b[2]).unwrap();
            // Each name of a document (an actor's aliases too); an excerpt has none.
            for name in &d.names {
                let phrase = words(name).join(" ");
                let v = parse(&files[&format!("{DIR}p{}.js", phrase_hash(&phrase) % buckets)]);
                let entry = v["p"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|e| e[0] == phrase.as_str())
                    .unwrap_or_else(|| panic!("{phrase}"));
                let mut ids = Vec::new();
                postings(entry[1].as_str().unwrap()).decode(0, |i, _| ids.push(i));
                assert!(ids.contains(&(id as u32)), "{phrase}: {ids:?}");
                phrases += 1;
            }
        }
        assert_eq!(
            phrases, 7,
            "2 + 2 actor names, an incident's, an article's and a page's title"
        );
        let all: usize = (0..buckets)
            .map(|n| parse(&files[&format!("{DIR}p{n}.js")])["p"].as_array().unwrap().len())
            .sum();
        assert_eq!(all, 7, "no phrase for an excerpt");
        // search.js hashes the same way (the value below is computed by it in search.test.mjs).
        assert_eq!(phrase_hash("shah mehmood qureshi"), 0xfffe_7e7d);
        assert_eq!(phrase_hash("北京 𝐀"), 0x9414_46b7);
    }

    #[test]
    fn long_texts_are_shipped_cut_but_searched_whole() {
        let long = format!("{} needle", "word ".repeat(5000));
        let docs = vec![SearchDoc {
            kind: "article",
            title: "Long".into(),
            url: "articles/long/index.html".into(),
            text: long.clone(),
            names: vec!["Long".into()],
            unindexed: vec![(0, 4), (long.len() - 6, long.len())],
            ..Default::default()
        }];
        let files = files_of(docs, &Shape::default());
        let back = read_docs(&files);
        assert!(
            back[0][4].len() <= Shape::default().text_cap + 4,
            "{}",
            back[0][4].len()
        );
        assert!(back[0][4].ends_with("word …"));
        assert_eq!(lookup(&files, "needl").get(&0), None, "an unindexed range at the end");
        let rows = parse(&files["search-index/d0.js"]);
        assert_eq!(rows["d"][0][6], serde_json::json!([0, 4]), "only the ranges shipped");
        assert_eq!(capped("abc def", 5), "abc …");
        assert_eq!(capped("abcdefgh", 5), "abcde …");
        assert_eq!(capped("éé", 3), "é …");
    }

    #[test]
    fn folding_agrees_with_the_browser_and_with_ids() {
        assert_eq!(fold("ZÜRICH São Łódź Straße"), "zurich sao lodz strasse");
        assert_eq!(fold("ẞ Ж Ω"), "ss zh o");
        assert_eq!(fold("北京"), "北京");
        assert_eq!(fold("e\u{301}"), "e");
        assert_eq!(
            words("  “Qureshi,” qureshi — Bolton's! "),
            ["qureshi", "qureshi", "bolton", "s"]
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/slug-corpus.json");
        let corpus: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for pair in corpus["agree"].as_array().unwrap() {
            let (name, slug) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            assert_eq!(words(name).join("-"), slug, "{name}");
        }
    }

    /// Every character of the Basic Multilingual Plane (and a few beyond), folded and split by
    /// this module and by search.js in Node: the index's words and the query's must agree.
    #[test]
    #[ignore = "needs node"]
    fn the_browser_folds_every_character_as_the_index_does() {
        let probes: Vec<String> = (0x20u32..0x3_0000)
            .filter(|&c| c < 0x1_0000 || c % 97 == 0)
            .filter_map(char::from_u32)
            .map(|c| format!("a{c}b {c}{c}"))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("probes.json");
        std::fs::write(&input, serde_json::to_string(&probes).unwrap()).unwrap();
        let script = format!(
            "const fs = require('fs'); const vm = require('vm'); const ctx = vm.createContext({{}});\
             vm.runInContext(fs.readFileSync({js:?}, 'utf8'), ctx);\
             const S = ctx.DossierSearch; const probes = JSON.parse(fs.readFileSync({input:?}, 'utf8'));\
             process.stdout.write(JSON.stringify(probes.map(p => S.words(S.fold(p)))));",
            js = concat!(env!("CARGO_MANIFEST_DIR"), "/src/render/assets/search.js"),
            input = input.display().to_string(),
        );
        let out = std::process::Command::new("node")
            .args(["-e", &script])
            .output()
            .expect("node runs (install nodejs)");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let browser: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
        let mut differ = Vec::new();
        for (probe, theirs) in probes.iter().zip(&browser) {
            let ours = words(probe);
            if &ours != theirs {
                differ.push(format!("{probe:?}: index {ours:?}, browser {theirs:?}"));
            }
        }
        assert!(
            differ.is_empty(),
            "{} of {} characters fold differently, e.g.:\n{}",
            differ.len(),
            probes.len(),
            differ[..differ.len().min(20)].join("\n")
        );
    }

    /// The indexes search.test.mjs runs against: those of the sets of documents in
    /// tests/fixtures/search/docs.json, written next to it (`BLESS=1` rewrites them).
    #[test]
    fn the_browser_tests_run_against_the_index_as_built() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
        let sets: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("docs.json")).unwrap()).unwrap();
        let mut stale = Vec::new();
        for (name, set) in sets["sets"].as_object().unwrap() {
            let n = |k: &str| set["shape"][k].as_u64().unwrap() as usize;
            let shape = Shape {
                term_file: n("term_file"),
                doc_file: n("doc_file"),
                phrase_file: n("phrase_file"),
                text_cap: n("text_cap"),
            };
            let docs: Vec<SearchDoc> = set["docs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    let s = |i: usize| d[i].as_str().unwrap().to_string();
                    let more = &d[5];
                    let kind = KINDS.iter().find(|k| **k == s(0)).unwrap();
                    SearchDoc {
                        kind,
                        title: s(1),
                        url: s(2),
                        meta: s(3),
                        text: s(4),
                        names: match more["names"].as_array() {
                            Some(names) => names.iter().map(|n| n.as_str().unwrap().to_string()).collect(),
                            None if *kind == "excerpt" => Vec::new(),
                            None => vec![s(1)],
                        },
                        passage: more["passage"] == true,
                        unindexed: more["unindexed"]
                            .as_array()
                            .map(|r| {
                                r.iter()
                                    .map(|p| (p[0].as_u64().unwrap() as usize, p[1].as_u64().unwrap() as usize))
                                    .collect()
                            })
                            .unwrap_or_default(),
                        lang: more["lang"].as_array().map(|l| {
                            let dir = match l[1].as_str() {
                                Some("rtl") => Some("rtl"),
                                Some("ltr") => Some("ltr"),
                                _ => None,
                            };
                            (l[0].as_str().unwrap().to_string(), dir)
                        }),
                    }
                })
                .collect();
            let files = index_files(docs, &shape);
            let lines: Vec<String> = files
                .iter()
                .map(|(p, t)| {
                    format!(
                        "  {}: {}",
                        serde_json::to_string(p).unwrap(),
                        serde_json::to_string(t).unwrap()
                    )
                })
                .collect();
            let want = format!("{{\n{}\n}}\n", lines.join(",\n"));
            let path = dir.join(format!("{name}.json"));
            if std::env::var_os("BLESS").is_some() {
                std::fs::write(&path, &want).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
                stale.push(path.display().to_string());
            }
        }
        assert!(
            stale.is_empty(),
            "the index files search.test.mjs reads are out of date ({stale:?}): run BLESS=1 cargo test --lib render::search"
        );
    }

    #[test]
    fn the_index_is_deterministic_whatever_the_threads() {
        let big = synthetic(4);
        let model = load(&big);
        let with = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| index_files(docs_of(&model), &TINY))
        };
        let one = with(1);
        assert_eq!(one, with(2));
        assert_eq!(one, with(3));
        assert_eq!(index_files(docs_of(&load(&big)), &TINY), one);
        // The order of the files: documents, phrases, terms, the manifest last.
        let kinds: String = one
            .iter()
            .map(|(p, _)| {
                if p == MANIFEST {
                    'm'
                } else {
                    p.as_bytes()[DIR.len()] as char
                }
            })
            .collect();
        assert!(kinds.starts_with('d') && kinds.ends_with('m'), "{kinds}");
        let mut sorted: Vec<char> = kinds.chars().collect();
        sorted.dedup();
        assert_eq!(sorted, ['d', 'p', 't', 'm']);
        let m = parse(&one.last().unwrap().1);
        // A dossier with nothing to search: an empty phrase file and the manifest.
        let empty = index_files(Vec::new(), &TINY);
        assert_eq!(
            empty.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
            ["search-index/p0.js", MANIFEST]
        );
        assert_eq!(m["v"], 2);
        assert_eq!(m["kinds"], serde_json::json!(KINDS));
        assert_eq!(m["dir"], DIR);
    }

    #[test]
    fn hostile_text_is_escaped_and_every_file_stays_valid_javascript() {
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
            names: vec![format!("{hostile}{control}")],
            ..Default::default()
        });
        let files = files_of(all, &TINY);
        assert!(files.len() > 4);
        for (path, js) in &files {
            assert!(!js.contains('<'), "{path}: {js}");
            assert!(!js.contains('\u{2028}') && !js.contains('\u{2029}'), "{path}: {js}");
            assert!(
                !js.chars().any(|c| c.is_control() && c != '\n' && c != '\u{7f}'),
                "{path}: {js}"
            );
            assert_eq!(js.matches('\n').count(), 1, "{path}: one line");
            parse(js);
        }
        let back = read_docs(&files);
        assert_eq!(back[0][1], hostile, "the text survives the round trip");
        let other = back.iter().find(|d| d[0] == "other").expect("an unknown kind is kept");
        assert_eq!(other[4], format!("{control}{hostile}"));
        assert_eq!(
            parse(&files[MANIFEST])["kinds"][5],
            "other",
            "an unknown kind is appended"
        );
        assert_eq!(back.last().unwrap()[0], "other", "and ranks after the known kinds");
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

    /// What keeps every file small at any scale: a file of words stays within `term_file`, a
    /// merged list within about a byte or two per document, a document file within its share
    /// of `doc_file` (64 documents at most), a phrase file near `phrase_file`, and the manifest
    /// within a line per file of words or merged list.
    #[test]
    fn no_file_of_the_index_outgrows_its_shape() {
        let docs = docs_of(&load(&synthetic(20)));
        let count = docs.len();
        let shape = Shape {
            term_file: 512,
            doc_file: 4096,
            phrase_file: 1024,
            text_cap: 1 << 20,
        };
        let files = files_of(docs, &shape);
        let m = parse(&files[MANIFEST]);
        let entries = m["terms"].as_array().unwrap().len();
        assert!(files[MANIFEST].len() < 300 + 40 * entries, "{}", files[MANIFEST].len());
        let mut kinds = std::collections::BTreeMap::new();
        for (path, js) in &files {
            let v = parse(js);
            let (kind, limit) = if path == MANIFEST {
                continue;
            } else if v.get("m").is_some() {
                ("merged", 2 * count + 64)
            } else if v.get("w").is_some() {
                ("words", shape.term_file + 64)
            } else if let Some(rows) = v.get("d") {
                assert!(rows.as_array().unwrap().len() <= 64);
                ("documents", 3 * shape.doc_file)
            } else {
                ("phrases", 4 * shape.phrase_file)
            };
            assert!(js.len() <= limit, "{path} ({kind}): {} bytes > {limit}", js.len());
            let (n, largest) = kinds.entry(kind).or_insert((0, 0));
            *n += 1;
            *largest = js.len().max(*largest);
        }
        eprintln!("{count} documents: {kinds:?} (files, largest)");
        assert!(
            kinds.len() == 4 && kinds.values().all(|(n, _)| *n > 3),
            "every kind of file, several times: {kinds:?}"
        );
    }

    /// The size of the index of `docs` with the default shape (every file).
    fn index_size(docs: Vec<SearchDoc>) -> Summary {
        write_index(docs, &Shape::default(), &mut |_, _| Ok::<(), ()>(())).unwrap()
    }

    #[test]
    fn the_index_stays_within_its_budget() {
        for n in [1, 5, 20] {
            let model = load(&synthetic(n));
            let docs = docs_of(&model);
            assert_eq!(docs.iter().filter(|d| d.kind == "excerpt").count(), 8 * n);
            let size = index_size(docs).bytes;
            let budget = budget(&model.0);
            eprintln!("{n} articles: index {size} bytes, budget {budget}");
            assert!(size <= budget, "{n} articles: index {size} bytes > budget {budget}");
            // Not far under either, or the budget would say nothing about the size.
            assert!(size * 2 > budget, "{n} articles: index {size} bytes, budget {budget}");
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
        let count = docs.len();
        let size = index_size(docs);
        let budget = budget(&model.0);
        eprintln!("example: {count} documents, index {size:?}, budget {budget}");
        assert!(size.bytes <= budget, "index {} bytes > budget {budget}", size.bytes);
        assert_eq!(size, index_size(docs_of(&model)));
    }

    #[test]
    fn the_browser_side_is_embedded_and_builds_no_markup_from_data() {
        assert!(SEARCH_JS.contains("DOSSIER_SEARCH"));
        assert!(SEARCH_JS.contains("DOSSIER_SEARCH_SHARD"));
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
