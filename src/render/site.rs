//! The site being rendered: the model and index, what every page shares (each excerpt's
//! passage, the labels of every listed value), the URL policy, and the builders of the shared
//! view shapes (`ActorRef`, `ExcerptRef`, …) that every page kind uses.
//!
//! URLs are made here and only here: a site path is `actors/<id>/index.html`, or
//! `actors/<id>/` with `pretty_urls`, so the links in every page, picture, search result and
//! Markdown field come out in the dossier's link style with no rewriting of finished HTML.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::index::Index;
use crate::model::*;
use crate::render::markdown::{Resolve, to_html};
use crate::render::views::*;
use crate::text::language;
use crate::text::words::{collapse, label};

/// What every page shares, computed once before any page is rendered.
pub struct Shared {
    /// The passage of every excerpt as the reader sees it (white space collapsed), when that is
    /// not already its text in the article's rendered text (see [`Site::text`]): most passages
    /// are, and a copy of each cost 20 MiB of a 50,000-article build's peak.
    texts: Vec<Option<Box<str>>>,
    /// The label of every stance, kind and relation type that can occur.
    labels: HashMap<String, String>,
    /// The first and last date of the dossier (incidents and articles), the axis of every
    /// actor's activity strip; none when it has no dates. Found once: per page it made the
    /// actor pages quadratic (every actor scanned every article).
    pub span: Option<(Date, Date)>,
}

impl Shared {
    /// Computes what every page shares.
    pub fn new(model: &Dossier) -> Self {
        let c = &model.config;
        let labels = c
            .stances
            .iter()
            .chain(&c.incident_kinds)
            .chain(&c.relation_types)
            .map(String::as_str)
            .chain(ACTOR_KINDS.iter().copied())
            .map(|v| (v.to_string(), label(v)))
            .collect();
        Shared {
            texts: excerpt_texts(model),
            labels,
            span: dossier_span(model),
        }
    }

    /// The passage of excerpt `e` of `model` (the model these were made from) as the reader
    /// sees it.
    pub fn text<'a>(&'a self, model: &'a Dossier, e: usize) -> &'a str {
        match &self.texts[e] {
            Some(collapsed) => collapsed,
            None => passage(model, e),
        }
    }
}

/// The first and last date of the dossier (incidents and articles).
fn dossier_span(model: &Dossier) -> Option<(Date, Date)> {
    let dates = model
        .incidents
        .iter()
        .flat_map(|x| [Some(x.date), x.end])
        .flatten()
        .chain(model.articles.iter().map(|a| a.published));
    let (mut lo, mut hi): (Option<Date>, Option<Date>) = (None, None);
    for d in dates {
        lo = Some(lo.map_or(d, |l| if d.earliest() < l.earliest() { d } else { l }));
        hi = Some(hi.map_or(d, |h| if d.latest() > h.latest() { d } else { h }));
    }
    lo.zip(hi)
}

/// Everything a page renderer needs.
#[derive(Clone, Copy)]
pub struct Site<'a> {
    /// The dossier.
    pub model: &'a Dossier,
    /// Its index.
    pub index: &'a Index,
    /// What every page shares.
    pub shared: &'a Shared,
}

impl<'a> Site<'a> {
    /// The label of a listed value (`armed-group` → `Armed group`).
    pub fn label(&self, value: &'a str) -> Cow<'a, str> {
        match self.shared.labels.get(value) {
            Some(l) => Cow::Borrowed(l),
            None => Cow::Owned(label(value)),
        }
    }

    /// The site path of a page in the dossier's link style: `actors/isi/index.html`, or
    /// `actors/isi/` with `pretty_urls` (`""` for the home page).
    pub fn link(&self, path: &str) -> String {
        if self.model.config.pretty_urls {
            path.strip_suffix("index.html").unwrap_or(path).to_string()
        } else {
            path.to_string()
        }
    }

    /// The site path of an entity's page, in the dossier's link style.
    pub fn url(&self, kind: EntityKind, id: &str) -> String {
        self.link(&entity_path(kind, id))
    }

    /// The site path of a tag's page.
    pub fn tag_url(&self, tag: &str) -> String {
        self.link(&format!("tags/{tag}/index.html"))
    }

    /// Links from a page at `root` to the list pages.
    pub fn urls(&self, root: &str) -> Urls {
        let to = |path: &str| {
            let link = self.link(path);
            // The home page from itself, with folder links: "./", not an empty link.
            if link.is_empty() && root.is_empty() {
                "./".to_string()
            } else {
                format!("{root}{link}")
            }
        };
        Urls {
            home: to("index.html"),
            actors: to("actors/index.html"),
            incidents: to("incidents/index.html"),
            articles: to("articles/index.html"),
            excerpts: to("excerpts/index.html"),
            timeline: to("timeline/index.html"),
            graph: to("graph/index.html"),
            search: to("search/index.html"),
            tags: to("tags/index.html"),
            book: to("book/index.html"),
        }
    }

    /// A Markdown field as HTML, for a page at `root`.
    pub fn md(&self, md: &Option<Markdown>, root: &str) -> Option<String> {
        md.as_ref().map(|m| to_html(&m.text, root, self))
    }

    /// An actor.
    pub fn actor_ref(&self, a: usize) -> ActorRef<'a> {
        let a = &self.model.actors[a];
        ActorRef {
            id: &a.id,
            name: &a.name,
            kind: &a.kind,
            kind_label: self.label(&a.kind),
            url: self.url(EntityKind::Actor, &a.id),
        }
    }

    /// An actor by id, if it exists.
    pub fn actor_ref_id(&self, id: &str) -> Option<ActorRef<'a>> {
        self.index.pos(id).map(|p| self.actor_ref(p))
    }

    /// An incident.
    pub fn incident_ref(&self, x: usize) -> IncidentRef<'a> {
        let x = &self.model.incidents[x];
        IncidentRef {
            id: &x.id,
            title: &x.title,
            kind: &x.kind,
            kind_label: self.label(&x.kind),
            date: x.date.iso(),
            date_human: x.date.human(),
            end: x.end.map(|d| d.iso()),
            end_human: x.end.map(|d| d.human()),
            location: x.location.as_deref(),
            url: self.url(EntityKind::Incident, &x.id),
        }
    }

    /// An article.
    pub fn article_ref(&self, a: usize) -> ArticleRef<'a> {
        let a = &self.model.articles[a];
        ArticleRef {
            id: &a.id,
            title: &a.title,
            outlet: &a.outlet,
            author: a.author.as_deref(),
            published: a.published.iso(),
            published_human: a.published.human(),
            reliability: a.reliability.map(|c| c.to_string()),
            reliability_label: a.reliability.map(reliability_label),
            url: self.url(EntityKind::Article, &a.id),
            excerpt_count: a.excerpts.len(),
        }
    }

    /// An excerpt.
    pub fn excerpt_ref(&self, e: usize) -> ExcerptRef<'a> {
        let model = self.model;
        let ex = &model.excerpts[e];
        let article = &model.articles[ex.article];
        // An article's excerpts are in model order (validate pushes them in turn).
        let number = article.excerpts.binary_search(&e).unwrap_or(0) + 1;
        let actor = |r: &Option<Ref>| r.as_ref().and_then(|r| self.actor_ref_id(&r.id));
        ExcerptRef {
            id: &ex.id,
            text: self.text(e),
            number,
            stance: ex.stance.as_deref(),
            stance_label: ex.stance.as_deref().map(|s| self.label(s)),
            speaker: actor(&ex.speaker),
            form: ex.form,
            form_label: ex.form.label(),
            via: actor(&ex.via),
            words_of: ex.words_of().and_then(|w| self.actor_ref_id(&w.id)),
            credibility: ex.credibility,
            credibility_label: ex.credibility.map(credibility_label),
            said_on: ex.said_on.map(|d| d.iso()),
            said_on_human: ex.said_on.map(|d| d.human()),
            date_human: ex.said_on.unwrap_or(article.published).human(),
            article: ExcerptArticle {
                id: &article.id,
                title: &article.title,
                outlet: &article.outlet,
                published_human: article.published.human(),
                url: self.url(EntityKind::Article, &article.id),
            },
            line: ex.line,
            url: self.url(EntityKind::Excerpt, &ex.id),
            lang: self.lang(article.language.as_deref()),
            original: ex.original.as_ref().map(|o| OriginalView {
                text: &o.text,
                language: &o.language,
                language_name: language::name(&o.language).unwrap_or_else(|| o.language.clone()),
                lang: self.lang(Some(&o.language)),
            }),
        }
    }

    /// The `lang` (and `dir`) of text in the language `tag`, when it is not the site's.
    pub fn lang(&self, tag: Option<&'a str>) -> Option<LangView<'a>> {
        let tag = tag?;
        let site = &self.model.config.language;
        if language::same_language(tag, site) {
            return None;
        }
        let rtl = language::is_rtl(tag);
        Some(LangView {
            tag,
            dir: (rtl != language::is_rtl(site)).then_some(if rtl { "rtl" } else { "ltr" }),
        })
    }

    /// Excerpts by position.
    pub fn excerpt_refs(&self, list: &[usize]) -> Vec<ExcerptRef<'a>> {
        list.iter().map(|&e| self.excerpt_ref(e)).collect()
    }

    /// The passage of an excerpt as the reader sees it.
    pub fn text(&self, e: usize) -> &'a str {
        self.shared.text(self.model, e)
    }

    /// Whatever the ids of a list name, each in its own shape; ids that name nothing are left
    /// out.
    pub fn refs_of(&self, refs: &[Ref]) -> Vec<SourceRef<'a>> {
        refs.iter()
            .filter_map(|r| {
                let (kind, p) = self.index.entity(&r.id)?;
                Some(match kind {
                    EntityKind::Actor => SourceRef::Actor(self.actor_ref(p)),
                    EntityKind::Incident => SourceRef::Incident(self.incident_ref(p)),
                    EntityKind::Article => SourceRef::Article(self.article_ref(p)),
                    EntityKind::Excerpt => SourceRef::Excerpt(Box::new(self.excerpt_ref(p))),
                    EntityKind::Page => SourceRef::Page(self.page_link(p)),
                })
            })
            .collect()
    }

    /// A free page.
    pub fn page_link(&self, p: usize) -> PageLink<'a> {
        let p = &self.model.pages[p];
        PageLink {
            id: &p.id,
            title: &p.title,
            url: self.url(EntityKind::Page, &p.id),
        }
    }

    /// Tags and their pages.
    pub fn tag_links(&self, tags: &'a [String]) -> Vec<TagLink<'a>> {
        tags.iter()
            .map(|t| TagLink {
                tag: t,
                url: self.tag_url(t),
            })
            .collect()
    }

    /// What links to `id` with a wikilink.
    pub fn backlinks(&self, id: &str) -> Vec<Backlink<'a>> {
        let Some(set) = self.index.backlinks.get(id) else {
            return Vec::new();
        };
        set.iter()
            .filter_map(|b| {
                let (url, name) = self.resolve(&b.id)?;
                let p = self.index.pos(&b.id)?;
                let id: &'a str = match b.kind {
                    EntityKind::Actor => &self.model.actors[p].id,
                    EntityKind::Incident => &self.model.incidents[p].id,
                    EntityKind::Article => &self.model.articles[p].id,
                    EntityKind::Excerpt => &self.model.excerpts[p].id,
                    EntityKind::Page => &self.model.pages[p].id,
                };
                Some(Backlink {
                    kind: b.kind.noun(),
                    id,
                    name,
                    url,
                })
            })
            .collect()
    }

    /// Whose statement an excerpt carries and in whose words, for a reader: "direct quote of
    /// X", "reported speech of X, via Y", "the outlet's own words".
    pub fn attribution(&self, e: usize) -> String {
        let ex = &self.model.excerpts[e];
        let relay = self.name(&ex.via).map(|v| format!(", via {v}")).unwrap_or_default();
        match (ex.form, self.name(&ex.speaker)) {
            (Form::Direct, Some(s)) => format!("direct quote of {s}{relay}"),
            (_, Some(s)) => format!("reported speech of {s}{relay}"),
            (_, None) => "the outlet's own words".to_string(),
        }
    }

    /// The name of the actor a reference names.
    pub fn name(&self, r: &Option<Ref>) -> Option<&'a str> {
        let p = self.index.pos(&r.as_ref()?.id)?;
        Some(&self.model.actors[p].name)
    }
}

impl Resolve for Site<'_> {
    fn trust_html(&self) -> bool {
        self.model.config.trust_html
    }

    fn resolve(&self, id: &str) -> Option<(String, String)> {
        let (kind, pos) = self.index.entity(id)?;
        let name = match kind {
            EntityKind::Actor => self.model.actors[pos].name.clone(),
            EntityKind::Incident => self.model.incidents[pos].title.clone(),
            EntityKind::Article => self.model.articles[pos].title.clone(),
            EntityKind::Excerpt => excerpt_name(&self.model.excerpts[pos], self.text(pos)),
            EntityKind::Page => self.model.pages[pos].title.clone(),
        };
        Some((self.url(kind, id), name))
    }

    fn preview(&self, id: &str) -> Option<String> {
        let (kind, pos) = self.index.entity(id)?;
        Some(match kind {
            EntityKind::Actor => self.actor_preview(pos),
            EntityKind::Incident => {
                let x = &self.model.incidents[pos];
                let place = x.location.as_ref().map(|l| format!(", {l}")).unwrap_or_default();
                format!("{} — {}, {}{place}", x.title, self.label(&x.kind), x.date.human())
            }
            EntityKind::Article => {
                let a = &self.model.articles[pos];
                format!("{} — {}, {}", a.title, a.outlet, a.published.human())
            }
            EntityKind::Excerpt => self.excerpt_preview(pos),
            EntityKind::Page => self.model.pages[pos].title.clone(),
        })
    }
}

/// How long a preview's passage or summary may be, in characters.
const PREVIEW_LENGTH: usize = 220;

impl Site<'_> {
    /// An actor in one line: name, kind, and the first sentence of the summary.
    pub fn actor_preview(&self, a: usize) -> String {
        let actor = &self.model.actors[a];
        let summary = actor
            .summary
            .as_ref()
            .map(|s| crate::render::markdown::to_plain_resolved(&s.text, self))
            .map(|s| {
                let first = s.find(". ").map_or(s.as_str(), |end| &s[..=end]);
                format!(" {}", crate::render::templates::shorten(first, PREVIEW_LENGTH, "…"))
            })
            .unwrap_or_default();
        format!("{} — {}.{summary}", actor.name, self.label(&actor.kind))
    }

    /// An excerpt in one line: its stance, whose words they are, and the passage (in quotation
    /// marks only when they are someone's exact words).
    pub fn excerpt_preview(&self, e: usize) -> String {
        let ex = &self.model.excerpts[e];
        let stance = ex
            .stance
            .as_deref()
            .map(|s| format!("{}, ", self.label(s)))
            .unwrap_or_default();
        let text = crate::render::templates::shorten(self.text(e), PREVIEW_LENGTH, "…");
        let text = if ex.words_of().is_some() {
            format!("“{text}”")
        } else {
            text
        };
        format!("{stance}{}: {text}", self.attribution(e))
    }
}

/// The site path of an entity's page, in the file form (`actors/isi/index.html`).
pub fn entity_path(kind: EntityKind, id: &str) -> String {
    format!("{}/{id}/index.html", kind.folder())
}

/// The passage of every excerpt as the reader sees it, white space collapsed: computed once
/// per build, from each article's one parse.
fn excerpt_texts(model: &Dossier) -> Vec<Option<Box<str>>> {
    (0..model.excerpts.len())
        .map(|e| {
            let text = passage(model, e);
            (!is_collapsed(text)).then(|| collapse(text).into_boxed_str())
        })
        .collect()
}

/// An excerpt's passage in its article's rendered text, white space as it is there.
fn passage(model: &Dossier, e: usize) -> &str {
    let e = &model.excerpts[e];
    let rendered = &model.articles[e.article].text.rendered.text;
    rendered.get(e.range.clone()).unwrap_or(&e.quote)
}

/// Whether `collapse` would give `text` back as it is: no white space at either end, and
/// none inside but single spaces.
fn is_collapsed(text: &str) -> bool {
    let mut after_space = true;
    for c in text.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || text.is_empty()
}

/// How an excerpt is named in a link or a list: someone's exact words (see
/// [`Excerpt::words_of`]) in quotation marks; any other passage as an extract (see
/// [`extract`]), never in quotation marks, which would make the outlet's words someone's quote.
pub fn excerpt_name(e: &Excerpt, text: &str) -> String {
    match e.words_of() {
        Some(_) => format!("“{text}”"),
        None => extract(text),
    }
}

/// A passage cut out of a sentence, marked as such: `…` where it starts or ends mid-sentence.
pub fn extract(text: &str) -> String {
    let starts_mid = text.chars().next().is_some_and(char::is_lowercase);
    let ends_mid = !text.ends_with(['.', '!', '?', '"', '”', '’', '…']);
    format!(
        "{}{text}{}",
        if starts_mid { "…" } else { "" },
        if ends_mid { "…" } else { "" }
    )
}

/// Human labels of the Admiralty credibility grades.
pub fn credibility_label(grade: u8) -> &'static str {
    match grade {
        1 => "confirmed by other sources",
        2 => "probably true",
        3 => "possibly true",
        4 => "doubtful",
        5 => "improbable",
        _ => "truth cannot be judged",
    }
}

/// Human labels of the Admiralty source reliability grades.
pub fn reliability_label(grade: char) -> &'static str {
    match grade {
        'A' => "completely reliable",
        'B' => "usually reliable",
        'C' => "fairly reliable",
        'D' => "not usually reliable",
        'E' => "unreliable",
        _ => "reliability cannot be judged",
    }
}

/// How a relation reads from each end: (from the subject, from the object).
pub fn relation_phrases(kind: &str) -> (String, String) {
    let (out, inc) = match kind {
        "member-of" => ("member of", "has as member"),
        "leader-of" => ("leader of", "led by"),
        "spokesperson-for" => ("spokesperson for", "has as spokesperson"),
        "part-of" => ("part of", "includes"),
        "founded-by" => ("founded by", "founder of"),
        "front-for" => ("front for", "has as front"),
        "allied-with" => ("allied with", "allied with"),
        "accused-of-links-to" => ("accused of links to", "said to be linked to"),
        "opposes" => ("opposes", "opposed by"),
        "negotiates-with" => ("negotiates with", "negotiates with"),
        other => {
            let words = other.replace('-', " ");
            return (words.clone(), format!("{words} (inverse)"));
        }
    };
    (out.to_string(), inc.to_string())
}

/// The plural label of an actor kind, for the actors page.
pub fn plural_kind(kind: &str) -> String {
    match kind {
        "person" => "People".into(),
        "state" => "States".into(),
        "agency" => "Agencies".into(),
        "armed-group" => "Armed groups".into(),
        "organization" => "Organizations".into(),
        "media" => "Media".into(),
        other => label(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_collapsed` says yes exactly when `collapse` gives the text back unchanged, so a
    /// passage is kept as a copy only when its copy differs.
    #[test]
    fn a_passage_is_copied_only_when_collapsing_changes_it() {
        for text in [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\nb",
            "a\tb",
            "a\u{a0}b",
            "a\u{2003}b",
            "\u{3000}",
            "one two three",
            "one two three ",
            "é ü",
            "a \n b",
        ] {
            assert_eq!(is_collapsed(text), collapse(text) == text, "{text:?}");
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (checked, _) = crate::check_dossier(dir).expect("the example loads");
        let model = checked.expect("the example is valid").model;
        let shared = Shared::new(&model);
        for e in 0..model.excerpts.len() {
            let whole = collapse(passage(&model, e));
            assert_eq!(shared.text(&model, e), whole);
        }
    }

    #[test]
    fn relations_read_from_both_ends() {
        assert_eq!(
            relation_phrases("founded-by"),
            ("founded by".into(), "founder of".into())
        );
        assert_eq!(relation_phrases("backs").0, "backs");
    }

    #[test]
    fn extracts_say_where_they_were_cut() {
        assert_eq!(extract("urged India to act"), "…urged India to act…");
        assert_eq!(extract("Pakistan urged India."), "Pakistan urged India.");
    }
}
