//! Index: every cross-reference of the dossier, followed both ways.
//!
//! Validation made sure each reference resolves; this stage turns the references into the
//! lists pages show: what an actor said and what concerns them, incidents by role, relations on
//! both actors' pages, related incidents and `responds_to` in both directions, wikilink
//! backlinks, tags, actor mentions found in article text (aho-corasick, leftmost-longest, whole
//! words), and co-occurrence of actors in excerpts. It also emits the format's warnings (an
//! actor nobody mentions, an article without annotations, an incident without sources, a name
//! two actors share), since they need the finished index (`dossier check`, which shows them
//! and nothing else, gets the same from [`warnings_only`] without one), and decides what of
//! each article the publishing modes let the site publish (`published.rs`), warning when an
//! article's excerpts pass the share allowed. Pure: model in, index and diagnostics out.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use pulldown_cmark::{Event, Tag, TagEnd};
use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Dossier, EntityKind, all_markdown};
use crate::text::markdown::ParsedArticle;
use crate::text::wikilink;

mod published;
pub use published::Published;

/// A relation as seen from one actor's page.
#[derive(Debug, Clone)]
pub struct RelationView {
    /// Index of the actor whose file states the relation.
    pub subject: usize,
    /// Index of the relation in that actor's `relations`.
    pub relation: usize,
    /// The actor at the other end.
    pub other: usize,
    /// Whether this actor is the subject (`true`) or the object (`false`).
    pub outgoing: bool,
}

/// Cross-references of one actor.
#[derive(Debug, Clone, Default)]
pub struct ActorLinks {
    /// Excerpts the actor speaks or that concern them, each once, in dossier order.
    pub excerpts: Vec<usize>,
    /// Excerpts the actor speaks.
    pub spoken: Vec<usize>,
    /// Excerpts whose statement the actor relayed (`via:`).
    pub relayed: Vec<usize>,
    /// Excerpts that concern the actor (listed in `actors:`).
    pub concerning: Vec<usize>,
    /// Incidents where the actor is a perpetrator, with the perpetrator entry's index.
    pub perpetrator_of: Vec<(usize, usize)>,
    /// Incidents that target the actor.
    pub target_of: Vec<usize>,
    /// Incidents that involve the actor otherwise.
    pub involved_in: Vec<usize>,
    /// Relations, both directions.
    pub relations: Vec<RelationView>,
    /// Actors with roles `of` this actor: (actor, role index).
    pub role_holders: Vec<(usize, usize)>,
    /// Actors whose `country` is this actor.
    pub nationals: Vec<usize>,
    /// Articles that mention the actor, with the number of mentions.
    pub mentioned_in: Vec<(usize, usize)>,
    /// Actors most often named in the same excerpts, with the number of shared excerpts.
    pub seen_with: Vec<(usize, usize)>,
}

/// Cross-references of one incident.
#[derive(Debug, Clone, Default)]
pub struct IncidentLinks {
    /// Excerpts about it (its `incidents:` lists it, or it cites them as sources).
    pub excerpts: Vec<usize>,
    /// Articles containing those excerpts.
    pub articles: Vec<usize>,
    /// Related incidents, both directions.
    pub related: Vec<usize>,
}

/// An actor name found in an article's rendered text: 12 bytes, in 32 bits like the parse's
/// offsets (a 20 MB article names its actors 270,000 times).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    start: u32,
    end: u32,
    actor: u32,
}

impl Mention {
    fn new(range: Range<usize>, actor: usize) -> Mention {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Mention {
            start: at(range.start),
            end: at(range.end),
            actor: at(actor),
        }
    }

    /// Byte range in the article's rendered text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The actor.
    pub fn actor(&self) -> usize {
        self.actor as usize
    }
}

/// Cross-references of one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleLinks {
    /// Every actor mention, in text order.
    pub mentions: Vec<Mention>,
    /// Actors mentioned or named in its excerpts.
    pub actors: Vec<usize>,
    /// Incidents its excerpts concern.
    pub incidents: Vec<usize>,
}

/// Something that links to an entity with a `[[wikilink]]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Backlink {
    /// What kind of entity links.
    pub kind: EntityKind,
    /// Its id.
    pub id: String,
}

/// The cross-reference index.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// id -> what it names and its position in its kind's list of the model, for every entity
    /// (one table: two of them, each with its own copy of every id, cost 28 MiB more of a
    /// 50,000-article build's peak).
    ids: HashMap<Box<str>, (EntityKind, usize)>,
    /// Per actor, parallel to `Dossier::actors`.
    pub actors: Vec<ActorLinks>,
    /// Per incident.
    pub incidents: Vec<IncidentLinks>,
    /// Per excerpt: the excerpts that respond to it.
    pub responded_by: Vec<Vec<usize>>,
    /// Per article.
    pub articles: Vec<ArticleLinks>,
    /// Tag -> (articles, excerpts).
    pub tags: BTreeMap<String, (Vec<usize>, Vec<usize>)>,
    /// Target id -> who links to it.
    pub backlinks: BTreeMap<String, BTreeSet<Backlink>>,
    /// Per article: what of its text the site publishes (its publishing mode applied).
    pub published: Vec<Published>,
}

impl Index {
    /// Position of an id in its kind's list (ids are unique, so no kind is needed).
    pub fn pos(&self, id: &str) -> Option<usize> {
        self.entity(id).map(|(_, pos)| pos)
    }

    /// What an id names.
    pub fn kind(&self, id: &str) -> Option<EntityKind> {
        self.entity(id).map(|(kind, _)| kind)
    }

    /// What an id names, and its position in that kind's list.
    pub fn entity(&self, id: &str) -> Option<(EntityKind, usize)> {
        self.ids.get(id).copied()
    }
}

/// Build the index of a valid dossier, with the format's warnings.
pub fn build(model: &Dossier) -> (Index, Diagnostics) {
    build_with(model, None)
}

/// The mentions found in each article's text by the last index, kept by `serve` between
/// rebuilds: an article with the same parse (validation shares the parse of an unchanged article
/// from one run to the next) under the same actor names gets its mentions back unsearched. Holds
/// each parse it remembers, so that its address names it.
#[derive(Default)]
pub struct MentionCache {
    names: u64,
    found: HashMap<usize, (Arc<ParsedArticle>, Vec<Mention>)>,
}

/// [`build`], taking each unchanged article's mentions from `cache`, and leaving this run's there.
pub fn build_reusing(model: &Dossier, cache: &mut MentionCache) -> (Index, Diagnostics) {
    build_with(model, Some(cache))
}

/// Every id of the dossier, what it names and its position in its kind's list. Ids are one
/// namespace (validation refuses a clash), so none is inserted twice; were one, the first in
/// the order of `model::entities` would win, as in `id_table`.
fn id_positions(model: &Dossier) -> HashMap<Box<str>, (EntityKind, usize)> {
    let mut ids = HashMap::with_capacity(
        model.actors.len() + model.incidents.len() + model.articles.len() + model.pages.len() + model.excerpts.len(),
    );
    let mut add = |kind: EntityKind, list: &mut dyn Iterator<Item = &String>| {
        for (pos, id) in list.enumerate() {
            ids.entry(Box::from(id.as_str())).or_insert((kind, pos));
        }
    };
    add(EntityKind::Actor, &mut model.actors.iter().map(|a| &a.id));
    add(EntityKind::Incident, &mut model.incidents.iter().map(|x| &x.id));
    add(EntityKind::Article, &mut model.articles.iter().map(|a| &a.id));
    add(EntityKind::Page, &mut model.pages.iter().map(|p| &p.id));
    add(EntityKind::Excerpt, &mut model.excerpts.iter().map(|e| &e.id));
    ids
}

fn build_with(model: &Dossier, cache: Option<&mut MentionCache>) -> (Index, Diagnostics) {
    let mut index = Index {
        ids: id_positions(model),
        actors: vec![ActorLinks::default(); model.actors.len()],
        incidents: vec![IncidentLinks::default(); model.incidents.len()],
        responded_by: vec![Vec::new(); model.excerpts.len()],
        articles: vec![ArticleLinks::default(); model.articles.len()],
        ..Index::default()
    };
    let pos = |id: &str| index.ids[id].1;

    // Excerpts: speakers, concerned actors, incidents, responses, co-occurrence.
    let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut incident_excerpts: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); model.incidents.len()];
    for (ei, e) in model.excerpts.iter().enumerate() {
        let mut named: BTreeSet<usize> = BTreeSet::new();
        if let Some(s) = &e.speaker {
            let a = pos(&s.id);
            index.actors[a].spoken.push(ei);
            named.insert(a);
        }
        if let Some(v) = &e.via {
            let a = pos(&v.id);
            index.actors[a].relayed.push(ei);
            named.insert(a);
        }
        for r in &e.actors {
            let a = pos(&r.id);
            // Excerpts come in order, so a repeat can only be the last one pushed (a scan of the
            // whole list made this quadratic in an actor's excerpts).
            if index.actors[a].concerning.last() != Some(&ei) {
                index.actors[a].concerning.push(ei);
            }
            named.insert(a);
        }
        let named: Vec<usize> = named.into_iter().collect();
        for (i, &a) in named.iter().enumerate() {
            for &b in &named[i + 1..] {
                *pairs.entry((a, b)).or_default() += 1;
            }
        }
        for r in &e.incidents {
            incident_excerpts[pos(&r.id)].insert(ei);
        }
        for r in &e.responds_to {
            let target = pos(&r.id);
            if index.responded_by[target].last() != Some(&ei) {
                index.responded_by[target].push(ei);
            }
        }
        let article = &mut index.articles[e.article];
        for &a in &named {
            if !article.actors.contains(&a) {
                article.actors.push(a);
            }
        }
        for r in &e.incidents {
            let x = pos(&r.id);
            if !article.incidents.contains(&x) {
                article.incidents.push(x);
            }
        }
        for t in &e.tags {
            index.tags.entry(t.clone()).or_default().1.push(ei);
        }
    }
    for ((a, b), n) in pairs {
        index.actors[a].seen_with.push((b, n));
        index.actors[b].seen_with.push((a, n));
    }
    for links in &mut index.actors {
        let mut all: Vec<usize> = links
            .spoken
            .iter()
            .chain(&links.relayed)
            .chain(&links.concerning)
            .copied()
            .collect();
        all.sort_unstable();
        all.dedup();
        links.excerpts = all;
        links
            .seen_with
            .sort_by(|x, y| y.1.cmp(&x.1).then(model.actors[x.0].name.cmp(&model.actors[y.0].name)));
    }

    // Actors: relations both ways, role holders, nationals.
    for (ai, a) in model.actors.iter().enumerate() {
        for (ri, rel) in a.relations.iter().enumerate() {
            let other = pos(&rel.actor.id);
            index.actors[ai].relations.push(RelationView {
                subject: ai,
                relation: ri,
                other,
                outgoing: true,
            });
            index.actors[other].relations.push(RelationView {
                subject: ai,
                relation: ri,
                other: ai,
                outgoing: false,
            });
        }
        for (ri, role) in a.roles.iter().enumerate() {
            if let Some(of) = &role.of {
                index.actors[pos(&of.id)].role_holders.push((ai, ri));
            }
        }
        if let Some(c) = &a.country {
            index.actors[pos(&c.id)].nationals.push(ai);
        }
    }

    // Incidents: actors by role, excerpts (cited or citing), related both ways.
    for (xi, x) in model.incidents.iter().enumerate() {
        for (pi, p) in x.perpetrators.iter().enumerate() {
            index.actors[pos(&p.actor.id)].perpetrator_of.push((xi, pi));
            for s in &p.sources {
                incident_excerpts[xi].insert(pos(&s.id));
            }
        }
        for c in &x.casualties {
            for s in &c.sources {
                incident_excerpts[xi].insert(pos(&s.id));
            }
        }
        for t in &x.targets {
            let a = pos(&t.id);
            if index.actors[a].target_of.last() != Some(&xi) {
                index.actors[a].target_of.push(xi);
            }
        }
        for t in &x.actors {
            let a = pos(&t.id);
            if index.actors[a].involved_in.last() != Some(&xi) {
                index.actors[a].involved_in.push(xi);
            }
        }
        for r in &x.related {
            let other = pos(&r.id);
            if other != xi {
                if !index.incidents[xi].related.contains(&other) {
                    index.incidents[xi].related.push(other);
                }
                if !index.incidents[other].related.contains(&xi) {
                    index.incidents[other].related.push(xi);
                }
            }
        }
    }
    for (xi, excerpts) in incident_excerpts.into_iter().enumerate() {
        let links = &mut index.incidents[xi];
        links.excerpts = excerpts.into_iter().collect();
        let articles: BTreeSet<usize> = links.excerpts.iter().map(|&e| model.excerpts[e].article).collect();
        links.articles = articles.into_iter().collect();
        links.related.sort_unstable(); // the incidents' own order, which `validate` set
    }

    // Mentions of actor names in article text.
    let finder = MentionFinder::new(model);
    let mentions: Vec<Vec<Mention>> = match cache {
        None => model.articles.par_iter().map(|a| finder.find(&a.text)).collect(),
        Some(cache) => {
            let old = match cache.names == finder.names {
                true => std::mem::take(&mut cache.found),
                false => HashMap::new(),
            };
            let found: Vec<Vec<Mention>> = model
                .articles
                .par_iter()
                .map(|a| match old.get(&(Arc::as_ptr(&a.text) as usize)) {
                    Some((text, found)) if Arc::ptr_eq(text, &a.text) => found.clone(),
                    _ => finder.find(&a.text),
                })
                .collect();
            cache.names = finder.names;
            cache.found = model
                .articles
                .iter()
                .zip(&found)
                .map(|(a, f)| (Arc::as_ptr(&a.text) as usize, (a.text.clone(), f.clone())))
                .collect();
            found
        }
    };
    for (ai, found) in mentions.into_iter().enumerate() {
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for m in &found {
            *counts.entry(m.actor()).or_default() += 1;
        }
        for (&actor, &n) in &counts {
            index.actors[actor].mentioned_in.push((ai, n));
            if !index.articles[ai].actors.contains(&actor) {
                index.articles[ai].actors.push(actor);
            }
        }
        index.articles[ai].mentions = found;
        index.articles[ai]
            .actors
            .sort_by(|&x, &y| model.actors[x].name.cmp(&model.actors[y].name));
        index.articles[ai].incidents.sort_unstable(); // the incidents' own order, which `validate` set
    }

    // Tags of articles.
    for (ai, a) in model.articles.iter().enumerate() {
        for t in &a.tags {
            index.tags.entry(t.clone()).or_default().0.push(ai);
        }
    }

    // Wikilink backlinks.
    for (owner, md) in all_markdown(model) {
        let Some((kind, id)) = owner else { continue };
        for link in wikilink::find(&md.text) {
            if link.id != id {
                index.backlinks.entry(link.id).or_default().insert(Backlink {
                    kind,
                    id: id.to_string(),
                });
            }
        }
    }

    let (published, share_warnings) = published::published(model);
    index.published = published;
    let usage = Usage {
        actors: index
            .actors
            .iter()
            .map(|links| {
                !links.spoken.is_empty()
                    || !links.relayed.is_empty()
                    || !links.concerning.is_empty()
                    || !links.mentioned_in.is_empty()
                    || !links.perpetrator_of.is_empty()
                    || !links.target_of.is_empty()
                    || !links.involved_in.is_empty()
            })
            .collect(),
        incidents: index.incidents.iter().map(|links| !links.excerpts.is_empty()).collect(),
    };
    let mut diags = warnings(model, &usage);
    for d in share_warnings {
        diags.push(d);
    }
    (index, diags)
}

/// The format's warnings of a valid dossier without its index, for `dossier check`, which
/// shows them and nothing else: the same diagnostics [`build`] gives (a test compares the two
/// on every diagnostics case and the example), from the few facts they read. What actors
/// excerpts and incidents name and which incidents have sources come straight from the model;
/// the actors' names are searched for in the articles only when some actor is named nowhere
/// else, with the index's own finder (a name found inside a longer one is not a mention). At
/// 10,000 articles it takes 16 ms where the index took 130 ms, a seventh of `check`.
pub fn warnings_only(model: &Dossier) -> Diagnostics {
    let actors = positions(model.actors.iter().map(|a| &a.id));
    let incidents = positions(model.incidents.iter().map(|x| &x.id));
    let mut usage = Usage {
        actors: vec![false; model.actors.len()],
        incidents: vec![false; model.incidents.len()],
    };
    // A reference resolves (validation saw to it); `get` only spares an index that could fail.
    let mark = |used: &mut [bool], positions: &HashMap<&str, usize>, r: &crate::model::Ref| {
        if let Some(&i) = positions.get(r.id.as_str()) {
            used[i] = true;
        }
    };
    for e in &model.excerpts {
        for r in e.speaker.iter().chain(&e.via).chain(&e.actors) {
            mark(&mut usage.actors, &actors, r);
        }
        for r in &e.incidents {
            mark(&mut usage.incidents, &incidents, r);
        }
    }
    for (xi, x) in model.incidents.iter().enumerate() {
        for r in x
            .perpetrators
            .iter()
            .map(|p| &p.actor)
            .chain(&x.targets)
            .chain(&x.actors)
        {
            mark(&mut usage.actors, &actors, r);
        }
        if x.perpetrators.iter().any(|p| !p.sources.is_empty()) || x.casualties.iter().any(|c| !c.sources.is_empty()) {
            usage.incidents[xi] = true;
        }
    }
    if usage.actors.contains(&false) {
        let finder = MentionFinder::new(model);
        let found: Vec<Vec<usize>> = model
            .articles
            .par_iter()
            .map(|a| finder.find(&a.text).iter().map(Mention::actor).collect())
            .collect();
        for actor in found.into_iter().flatten() {
            usage.actors[actor] = true;
        }
    }
    let (_, share_warnings) = published::published(model);
    let mut diags = warnings(model, &usage);
    for d in share_warnings {
        diags.push(d);
    }
    diags
}

/// Each id's position in its list.
fn positions<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<&'a str, usize> {
    ids.enumerate().map(|(i, id)| (id.as_str(), i)).collect()
}

/// What the format's warnings read of the index: whether each actor is named anywhere (by an
/// excerpt, an incident or an article's text) and whether each incident has a source.
struct Usage {
    actors: Vec<bool>,
    incidents: Vec<bool>,
}

fn warnings(model: &Dossier, usage: &Usage) -> Diagnostics {
    let mut diags = shared_names(model);
    for (ai, a) in model.actors.iter().enumerate() {
        if !usage.actors[ai] {
            diags.push(
                Diagnostic::warning("unused-actor", &a.loc.source, 0..0, format!("the actor `{}` has no excerpts and no mentions", a.id))
                    .label("no excerpt names this actor, no incident involves them, and no article mentions their name or aliases")
                    .help("add the actor to an excerpt's `speaker:` or `actors:`, or add the names articles use to `aliases:`"),
            );
        }
    }
    for a in &model.articles {
        if a.excerpts.is_empty() {
            diags.push(
                Diagnostic::warning(
                    "unannotated-article",
                    &a.source,
                    0..0,
                    format!("the article `{}` has no annotations", a.id),
                )
                .label(format!(
                    "no excerpts: add {} with `excerpts:`",
                    a.source.path.replace(".md", ".yaml")
                )),
            );
        }
    }
    for (xi, x) in model.incidents.iter().enumerate() {
        if !usage.incidents[xi] {
            diags.push(
                Diagnostic::warning(
                    "unsourced-incident",
                    &x.loc.source,
                    0..0,
                    format!("the incident `{}` has no sources", x.id),
                )
                .label("no excerpt lists it in `incidents:`, and none of its figures or perpetrators cite `sources:`"),
            );
        }
    }
    diags
}

/// A name or alias that two actors claim: mention finding gives it to the first (by id), so
/// the other never gets the mentions a reader would expect. One warning per later claim, at
/// the name in the later file, naming both files.
fn shared_names(model: &Dossier) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let mut owner: BTreeMap<&str, usize> = BTreeMap::new();
    for (ai, a) in model.actors.iter().enumerate() {
        let mut own: BTreeSet<&str> = BTreeSet::new();
        for (n, name) in std::iter::once(&a.name).chain(&a.aliases).enumerate() {
            let name = name.trim();
            if name.is_empty() || !own.insert(name) {
                continue;
            }
            let first = *owner.entry(name).or_insert(ai);
            if first == ai {
                continue;
            }
            let other = &model.actors[first];
            let text = &a.loc.source.text;
            // Point at the alias (or the name) in this file: after `aliases:` for an alias.
            let from = if n == 0 { 0 } else { text.find("aliases").unwrap_or(0) };
            let span = text[from..]
                .find(name)
                .map_or(0..0, |i| from + i..from + i + name.len());
            diags.push(
                Diagnostic::warning(
                    "shared-alias",
                    &a.loc.source,
                    span,
                    format!("`{name}` is a name of two actors: `{}` and `{}`", other.id, a.id),
                )
                .label(format!(
                    "mentions of it link to `{}` ({}) only",
                    other.id, other.loc.source.path
                ))
                .help(format!(
                    "keep `{name}` on one actor: remove it from {} or from {}",
                    other.loc.source.path, a.loc.source.path
                )),
            );
        }
    }
    diags
}

/// Finds actor names and aliases in article text.
struct MentionFinder<'a> {
    /// Built when first needed (`serve` may find every article's mentions in its cache).
    automaton: std::sync::OnceLock<Option<AhoCorasick>>,
    patterns: Vec<&'a str>,
    /// Pattern index -> actor index.
    actor_of: Vec<usize>,
    /// A hash of the patterns and their actors: what the mentions found depend on.
    names: u64,
}

impl<'a> MentionFinder<'a> {
    fn new(model: &'a Dossier) -> Self {
        let mut patterns: Vec<&str> = Vec::new();
        let mut actor_of = Vec::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for (ai, a) in model.actors.iter().enumerate() {
            for name in std::iter::once(&a.name).chain(&a.aliases) {
                let name = name.trim();
                // The first actor (by id) to claim a name keeps it: a name shared by two actors
                // cannot say which one a text means.
                if !name.is_empty() && seen.insert(name) {
                    patterns.push(name);
                    actor_of.push(ai);
                }
            }
        }
        let names = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (&patterns, &actor_of).hash(&mut h);
            h.finish()
        };
        MentionFinder {
            automaton: std::sync::OnceLock::new(),
            patterns,
            actor_of,
            names,
        }
    }

    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&self.patterns)
                    .ok()
            })
            .as_ref()
    }

    /// Mentions in the rendered text of an article body: whole words only, and never inside a
    /// link, code or heading, where a second link would be invalid or unwanted.
    fn find(&self, article: &ParsedArticle) -> Vec<Mention> {
        let Some(ac) = self.automaton() else { return Vec::new() };
        let rendered = &article.rendered;
        let linkable = linkable_events(article);
        let mut out = Vec::new();
        for span in &rendered.spans {
            if !linkable.get(span.event()).copied().unwrap_or(false) {
                continue;
            }
            let text = &rendered.text[span.rendered()];
            for m in ac.find_iter(text) {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                if word(before) || word(after) {
                    continue;
                }
                let at = span.rendered().start;
                out.push(Mention::new(
                    at + m.start()..at + m.end(),
                    self.actor_of[m.pattern().as_usize()],
                ));
            }
        }
        out
    }
}

/// For each event of an article, whether a Text event there may carry a mention link.
pub fn linkable_events(article: &ParsedArticle) -> Vec<bool> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for event in article.events() {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::Heading { .. }) => depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock | TagEnd::Heading(_)) => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
        out.push(depth == 0 && matches!(event, Event::Text(_)));
    }
    out
}

/// The names the articles use at least [`MIN_MENTIONS`](crate::text::unlinked::MIN_MENTIONS)
/// times that match no actor's name or alias (`dossier check --unlinked`; see
/// [`unlinked`](crate::text::unlinked) for what counts as a name), each with the articles it is
/// found in (positions in `model.articles`).
pub fn unlinked_names(model: &Dossier) -> Vec<crate::text::unlinked::Unlinked> {
    let texts: Vec<&str> = model.articles.iter().map(|a| a.text.rendered.text.as_str()).collect();
    let known: Vec<&str> = model
        .actors
        .iter()
        .flat_map(|a| std::iter::once(&a.name).chain(&a.aliases))
        .map(String::as_str)
        .collect();
    crate::text::unlinked::find(&texts, &known)
}
