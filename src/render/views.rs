//! The typed contexts of the templates: what each page shows, named as docs/templates.md names
//! them, borrowing from the model wherever they can.
//!
//! Every struct here is serialised straight into the template engine's values (no
//! `serde_json::Value` tree in between). The shared shapes come first (`ActorRef`,
//! `IncidentRef`, `ArticleRef`, `ExcerptRef`, `Backlink`, `TagLink`, `TimelineItem`), then the
//! variables every page has (`SiteView`, `Urls`, `PageMeta`), then one struct per template.
//! A test holds the field names to the tables of docs/templates.md, so the documentation and
//! the code cannot drift apart.

use std::borrow::Cow;

use serde::Serialize;

use crate::model::{Form, Link};

/// An actor, as lists and links show it.
#[derive(Debug, Clone, Serialize)]
pub struct ActorRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub kind_label: Cow<'a, str>,
    pub url: String,
}

/// An incident, as lists and links show it.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub kind: &'a str,
    pub kind_label: Cow<'a, str>,
    pub date: String,
    pub date_human: String,
    pub end: Option<String>,
    pub end_human: Option<String>,
    pub location: Option<&'a str>,
    pub url: String,
}

/// An article, as lists and links show it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub outlet: &'a str,
    pub author: Option<&'a str>,
    pub published: String,
    pub published_human: String,
    pub reliability: Option<String>,
    pub reliability_label: Option<&'static str>,
    pub url: String,
    pub excerpt_count: usize,
}

/// The article an excerpt is from, as an excerpt carries it (smaller than an `ArticleRef`).
#[derive(Debug, Clone, Serialize)]
pub struct ExcerptArticle<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub outlet: &'a str,
    pub published_human: String,
    pub url: String,
}

/// A language other than the site's, for a `lang` attribute (`tag`) and, when it runs the
/// other way from the site's, a `dir` attribute (`rtl` or `ltr`). Absent where text is in the
/// site's language.
#[derive(Debug, Clone, Serialize)]
pub struct LangView<'a> {
    pub tag: &'a str,
    pub dir: Option<&'static str>,
}

/// The words of a translated quote as first said.
#[derive(Debug, Clone, Serialize)]
pub struct OriginalView<'a> {
    pub text: &'a str,
    /// The tag, always.
    pub language: &'a str,
    /// Its English name (`Urdu`), or the tag for a language dossier has no name for.
    pub language_name: String,
    pub lang: Option<LangView<'a>>,
}

/// An excerpt, as lists, notes and links show it.
#[derive(Debug, Clone, Serialize)]
pub struct ExcerptRef<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub number: usize,
    pub stance: Option<&'a str>,
    pub stance_label: Option<Cow<'a, str>>,
    pub speaker: Option<ActorRef<'a>>,
    pub form: Form,
    pub form_label: &'static str,
    pub via: Option<ActorRef<'a>>,
    pub words_of: Option<ActorRef<'a>>,
    pub credibility: Option<u8>,
    pub credibility_label: Option<&'static str>,
    pub said_on: Option<String>,
    pub said_on_human: Option<String>,
    pub date_human: String,
    pub article: ExcerptArticle<'a>,
    pub line: usize,
    pub url: String,
    pub lang: Option<LangView<'a>>,
    pub original: Option<OriginalView<'a>>,
}

/// Something that links to a page's subject with a wikilink.
#[derive(Debug, Clone, Serialize)]
pub struct Backlink<'a> {
    pub kind: &'static str,
    pub id: &'a str,
    pub name: String,
    pub url: String,
}

/// A tag and its page.
#[derive(Debug, Clone, Serialize)]
pub struct TagLink<'a> {
    pub tag: &'a str,
    pub url: String,
}

/// An incident or an article on a time line; `type` tells which.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum TimelineItem<'a> {
    Incident(IncidentRef<'a>),
    Article(DatedArticle<'a>),
}

impl TimelineItem<'_> {
    /// Its date, ISO form.
    pub fn date(&self) -> &str {
        match self {
            TimelineItem::Incident(x) => &x.date,
            TimelineItem::Article(a) => &a.date,
        }
    }
}

/// An article on a time line: an `ArticleRef` with its publication date as `date`.
#[derive(Debug, Clone, Serialize)]
pub struct DatedArticle<'a> {
    #[serde(flatten)]
    pub article: ArticleRef<'a>,
    pub date: String,
    pub date_human: String,
}

/// A shared shape with counts added (`excerpt_count`, `mention_count`).
#[derive(Debug, Clone, Serialize)]
pub struct Counted<T> {
    #[serde(flatten)]
    pub item: T,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt_count: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mention_count: Option<usize>,
}

/// An excerpt with its note, as the notes beside an article and an excerpt's page show it.
#[derive(Debug, Clone, Serialize)]
pub struct NotedExcerpt<'a> {
    #[serde(flatten)]
    pub excerpt: ExcerptRef<'a>,
    pub note_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<&'a str>,
}

// ---------------------------------------------------------------------------------------------
// Variables on every page.

/// `site`: the dossier's settings and totals.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description_html: Option<String>,
    pub description: Option<String>,
    pub language: &'a str,
    pub dir: Option<&'static str>,
    pub base_url: Option<&'a str>,
    pub pages: Vec<PageLink<'a>>,
    pub stances: Vec<StanceView<'a>>,
    pub counts: Counts,
}

/// A free page in the site's navigation.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
}

/// A stance and its label.
#[derive(Debug, Clone, Serialize)]
pub struct StanceView<'a> {
    pub id: &'a str,
    pub label: Cow<'a, str>,
}

/// The dossier's totals.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Counts {
    pub articles: usize,
    pub actors: usize,
    pub incidents: usize,
    pub excerpts: usize,
}

/// `urls`: links from the current page to the site's list pages, in the dossier's link style
/// (`../actors/index.html`, or `../actors/` with `pretty_urls`).
#[derive(Debug, Clone, Serialize)]
pub struct Urls {
    pub home: String,
    pub actors: String,
    pub incidents: String,
    pub articles: String,
    pub excerpts: String,
    pub timeline: String,
    pub graph: String,
    pub search: String,
    pub tags: String,
    pub book: String,
}

/// `page`: the page's title and a one-line description.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
}

/// `paginator`: where a page of a long list is among the list's pages (none when the list fits
/// on one page). The URLs are site paths, like every `url`.
#[derive(Debug, Clone, Serialize)]
pub struct Paginator {
    pub current_index: usize,
    pub number_pagers: usize,
    pub paginate_by: usize,
    pub total_items: usize,
    pub first_item: usize,
    pub last_item: usize,
    pub first: String,
    pub last: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pagers: Vec<Pager>,
}

/// A page number to link to: the first, the last, and those near the current page.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub number: usize,
    pub url: String,
    pub current: bool,
    pub gap_before: bool,
}

/// A long list on an actor's or incident's page cut to its most recent items: how many are
/// shown, how many there are, and the first page of the full list (none for the activity,
/// whose items are all in the other lists).
#[derive(Debug, Clone, Serialize)]
pub struct More {
    pub shown: usize,
    pub total: usize,
    pub url: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// One context per template.

/// `index.html`.
#[derive(Debug, Serialize)]
pub struct HomeView<'a> {
    /// `lead` of dossier.yaml (else its `description`), as HTML.
    pub lead_html: Option<String>,
    /// `findings` of dossier.yaml, as HTML.
    pub findings_html: Option<String>,
    /// The incidents with the most excerpts, in date order.
    pub key_incidents: Vec<Counted<IncidentRef<'a>>>,
    pub timeline: Vec<TimelineItem<'a>>,
    pub timeline_total: usize,
    pub timeline_svg: String,
    pub key_actors: Vec<Counted<ActorRef<'a>>>,
    pub latest_articles: Vec<ArticleRef<'a>>,
}

/// `actors.html`.
#[derive(Debug, Serialize)]
pub struct ActorsView<'a> {
    pub groups: Vec<ActorGroup<'a>>,
    pub paginator: Option<Paginator>,
}

/// One kind of actor on `actors.html`.
#[derive(Debug, Serialize)]
pub struct ActorGroup<'a> {
    pub kind: &'a str,
    pub label: Cow<'a, str>,
    pub actors: Vec<Counted<ActorRef<'a>>>,
    pub count: usize,
    pub continued: bool,
}

/// `actor.html`.
#[derive(Debug, Serialize)]
pub struct ActorView<'a> {
    pub actor: ActorDetail<'a>,
    pub relations: Vec<RelationView<'a>>,
    pub role_holders: Vec<RoleHolder<'a>>,
    pub nationals: Vec<ActorRef<'a>>,
    pub key_statements: Vec<ExcerptRef<'a>>,
    pub key_rule: &'static str,
    pub incident_list: Vec<ActorIncident<'a>>,
    pub counts: ActorCounts,
    pub own_words: Vec<ExcerptRef<'a>>,
    pub reported: Vec<ExcerptRef<'a>>,
    pub relayed: Vec<ExcerptRef<'a>>,
    pub concerning: Vec<ExcerptRef<'a>>,
    pub incidents: ActorIncidents<'a>,
    pub articles: Vec<ArticleMentions<'a>>,
    pub seen_with: Vec<SeenWith<'a>>,
    pub activity: Vec<Activity<'a>>,
    pub activity_svg: Option<String>,
    pub neighbourhood_svg: Option<String>,
    pub backlinks: Vec<Backlink<'a>>,
    pub more: ActorMore,
}

/// The lists of an actor's page cut to their most recent items (each none when whole).
#[derive(Debug, Default, Serialize)]
pub struct ActorMore {
    pub own_words: Option<More>,
    pub reported: Option<More>,
    pub relayed: Option<More>,
    pub concerning: Option<More>,
    pub articles: Option<More>,
    pub activity: Option<More>,
}

/// `actor` on `actor.html`.
#[derive(Debug, Serialize)]
pub struct ActorDetail<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub kind_label: Cow<'a, str>,
    pub aliases: &'a [String],
    pub country: Option<ActorRef<'a>>,
    pub summary_html: Option<String>,
    pub roles: Vec<RoleView<'a>>,
    pub links: &'a [Link],
}

/// A role of an actor.
#[derive(Debug, Serialize)]
pub struct RoleView<'a> {
    pub title: &'a str,
    pub of: Option<ActorRef<'a>>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sources: Vec<SourceRef<'a>>,
}

/// A relation as seen from one of its actors.
#[derive(Debug, Serialize)]
pub struct RelationView<'a> {
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub phrase: String,
    pub outgoing: bool,
    pub other: ActorRef<'a>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sources: Vec<SourceRef<'a>>,
    pub note_html: Option<String>,
}

/// An actor holding a role of another, and when.
#[derive(Debug, Serialize)]
pub struct RoleHolder<'a> {
    pub actor: ActorRef<'a>,
    pub title: &'a str,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// How many items each list of an actor's page holds in all (the page may show fewer).
#[derive(Debug, Serialize)]
pub struct ActorCounts {
    pub own_words: usize,
    pub reported: usize,
    pub relayed: usize,
    pub concerning: usize,
    pub articles: usize,
    pub incidents: usize,
}

/// One of an actor's incidents, in date order, with the part the actor plays in it.
#[derive(Debug, Serialize)]
pub struct ActorIncident<'a> {
    pub incident: IncidentRef<'a>,
    /// "perpetrator", "target" or "involved".
    pub part: &'static str,
    /// For a perpetrator: alleged, suspected, claimed, confirmed...
    pub status: Option<&'a str>,
}

/// An actor's incidents, by the part the actor plays.
#[derive(Debug, Serialize)]
pub struct ActorIncidents<'a> {
    pub perpetrator: Vec<PerpetratorOf<'a>>,
    pub target: Vec<IncidentRef<'a>>,
    pub involved: Vec<IncidentRef<'a>>,
}

/// An incident that names an actor as a perpetrator.
#[derive(Debug, Serialize)]
pub struct PerpetratorOf<'a> {
    pub incident: IncidentRef<'a>,
    pub status: Option<&'a str>,
    pub sources: Vec<SourceRef<'a>>,
}

/// An article that mentions an actor, and how often.
#[derive(Debug, Serialize)]
pub struct ArticleMentions<'a> {
    pub article: ArticleRef<'a>,
    pub mentions: usize,
}

/// An actor named together with another, and how often.
#[derive(Debug, Serialize)]
pub struct SeenWith<'a> {
    pub actor: ActorRef<'a>,
    pub count: usize,
}

/// An excerpt or an incident on an actor's time line.
#[derive(Debug, Serialize)]
pub struct Activity<'a> {
    pub date: String,
    pub date_human: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quoted: Option<bool>,
    pub url: String,
}

/// A reference to something by id in a `sources:`, `targets:` or similar list: whatever it
/// names, in its own shape.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum SourceRef<'a> {
    Actor(ActorRef<'a>),
    Incident(IncidentRef<'a>),
    Article(ArticleRef<'a>),
    Excerpt(Box<ExcerptRef<'a>>),
    Page(PageLink<'a>),
}

/// `incidents.html`.
#[derive(Debug, Serialize)]
pub struct IncidentsView<'a> {
    pub incidents: Vec<Counted<IncidentRef<'a>>>,
    pub paginator: Option<Paginator>,
}

/// `incident.html`.
#[derive(Debug, Serialize)]
pub struct IncidentView<'a> {
    pub incident: IncidentRef<'a>,
    pub summary_html: Option<String>,
    pub casualties: Vec<CasualtyView<'a>>,
    pub perpetrators: Vec<PerpetratorView<'a>>,
    pub targets: Vec<SourceRef<'a>>,
    pub actors: Vec<SourceRef<'a>>,
    pub excerpts: Vec<ExcerptRef<'a>>,
    pub articles: Vec<ArticleRef<'a>>,
    pub related: Vec<IncidentRef<'a>>,
    pub backlinks: Vec<Backlink<'a>>,
    pub more: IncidentMore,
}

/// The lists of an incident's page cut to their most recent items (each none when whole).
#[derive(Debug, Default, Serialize)]
pub struct IncidentMore {
    pub excerpts: Option<More>,
    pub articles: Option<More>,
}

/// A casualty figure.
#[derive(Debug, Serialize)]
pub struct CasualtyView<'a> {
    pub killed: Option<u64>,
    pub injured: Option<u64>,
    pub note: Option<&'a str>,
    pub sources: Vec<SourceRef<'a>>,
}

/// A perpetrator of an incident.
#[derive(Debug, Serialize)]
pub struct PerpetratorView<'a> {
    pub actor: Option<ActorRef<'a>>,
    pub status: Option<&'a str>,
    pub sources: Vec<SourceRef<'a>>,
}

/// `articles.html`.
#[derive(Debug, Serialize)]
pub struct ArticlesView<'a> {
    pub articles: Vec<Counted<ArticleRef<'a>>>,
    pub paginator: Option<Paginator>,
}

/// `article.html`.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    pub article: ArticleDetail<'a>,
    /// The text shown, as HTML: its top-level blocks, each with the notes of the excerpts that
    /// end in it (see `pages::article::body_html`); empty in `private` mode.
    pub body_html: String,
    /// Its publishing mode: `full`, `excerpts` (`body_html` is the passages shown) or `private`
    /// (no text).
    pub publish: &'static str,
    /// In `excerpts` mode, the share of the text shown, in percent.
    pub share_shown: usize,
    /// In `excerpts` mode, whether text is left out after the last passage.
    pub omitted_after: bool,
    /// In `excerpts` mode, the excerpts left out of the passages to keep to `publish_share`.
    pub left_out: Vec<ExcerptRef<'a>>,
    /// The stances its excerpts take, in the dossier's order of stances.
    pub stances: Vec<StanceView<'a>>,
    /// How many of its excerpts are highlighted at rest (the others show on hover or with the
    /// "highlight every excerpt" switch).
    pub highlighted_at_rest: usize,
    /// How many excerpts it has.
    pub excerpt_count: usize,
    /// In `private` mode, its excerpts (the page lists them as quotes); empty otherwise.
    pub excerpts: Vec<ExcerptRef<'a>>,
    pub actors: Vec<ActorRef<'a>>,
    pub incidents: Vec<IncidentRef<'a>>,
    pub backlinks: Vec<Backlink<'a>>,
}

/// `article` on `article.html`.
#[derive(Debug, Serialize)]
pub struct ArticleDetail<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub outlet: &'a str,
    pub author: Option<&'a str>,
    pub published: String,
    pub published_human: String,
    pub url: Option<&'a str>,
    pub archive_url: Option<&'a str>,
    pub lang: Option<LangView<'a>>,
    pub sha256: &'a str,
    pub retrieved: Option<String>,
    pub retrieved_human: Option<String>,
    pub reliability: Option<String>,
    pub reliability_label: Option<&'static str>,
    pub summary_html: Option<String>,
    pub note_html: Option<String>,
    pub tags: Vec<TagLink<'a>>,
}

/// `excerpts.html`.
#[derive(Debug, Serialize)]
pub struct ExcerptsView<'a> {
    pub groups: Vec<StanceGroup<'a>>,
    pub stance_index: Vec<StanceEntry<'a>>,
    pub paginator: Option<Paginator>,
}

/// The excerpts of one stance (on a page of a long list, the part on that page).
#[derive(Debug, Serialize)]
pub struct StanceGroup<'a> {
    pub stance: &'a str,
    pub label: Cow<'a, str>,
    pub excerpts: Vec<ExcerptRef<'a>>,
    pub count: usize,
    pub continued: bool,
}

/// A stance in the index at the top of the excerpts list: how many excerpts take it, and the
/// page its group starts on when that is another page.
#[derive(Debug, Serialize)]
pub struct StanceEntry<'a> {
    pub stance: &'a str,
    pub label: Cow<'a, str>,
    pub count: usize,
    pub url: Option<String>,
}

/// `excerpt.html`.
#[derive(Debug, Serialize)]
pub struct ExcerptView<'a> {
    pub excerpt: NotedExcerpt<'a>,
    /// The paragraph of the article where the passage starts (1-based; headings, list items
    /// and table cells count as paragraphs).
    pub paragraph: usize,
    /// The passage in its paragraph; none when the article's publishing mode does not show it.
    pub context_html: Option<String>,
    /// The article's publishing mode.
    pub publish: &'static str,
    pub article: ArticleRef<'a>,
    pub article_url: Option<&'a str>,
    pub source_link: Option<String>,
    pub archive_url: Option<&'a str>,
    pub lang: Option<LangView<'a>>,
    pub citation: String,
    pub actors: Vec<SourceRef<'a>>,
    pub incidents: Vec<SourceRef<'a>>,
    pub tags: Vec<TagLink<'a>>,
    pub responds_to: Vec<SourceRef<'a>>,
    pub responded_by: Vec<ExcerptRef<'a>>,
    pub backlinks: Vec<Backlink<'a>>,
}

/// `tags.html`.
#[derive(Debug, Serialize)]
pub struct TagsView<'a> {
    pub tags: Vec<TagCount<'a>>,
    pub paginator: Option<Paginator>,
}

/// A tag and how many articles and excerpts carry it.
#[derive(Debug, Serialize)]
pub struct TagCount<'a> {
    pub tag: &'a str,
    pub url: String,
    pub count: usize,
}

/// `tag.html`.
#[derive(Debug, Serialize)]
pub struct TagView<'a> {
    pub tag: &'a str,
    pub articles: Vec<ArticleRef<'a>>,
    pub excerpts: Vec<ExcerptRef<'a>>,
    pub article_count: usize,
    pub excerpt_count: usize,
    pub paginator: Option<Paginator>,
}

/// `timeline.html`.
#[derive(Debug, Serialize)]
pub struct TimelineView<'a> {
    pub years: Vec<Year<'a>>,
    pub timeline_svg: Option<String>,
    pub paginator: Option<Paginator>,
}

/// The items of one year (on a page of a long timeline, the part on that page).
#[derive(Debug, Serialize)]
pub struct Year<'a> {
    pub year: String,
    pub items: Vec<TimelineItem<'a>>,
    pub continued: bool,
}

/// `graph.html`.
#[derive(Debug, Serialize)]
pub struct GraphView<'a> {
    pub relations: Vec<StatedRelation<'a>>,
    pub cooccurrence: Vec<Pair<'a>>,
    pub cooccurrence_more: Vec<Pair<'a>>,
    pub cooccurrence_more_once: usize,
    pub cooccurrence_more_max: usize,
    pub cooccurrence_total: usize,
    pub network_svg: String,
    pub network_unnamed: Vec<ActorRef<'a>>,
    pub network_phone_svg: String,
    pub network_phone_unnamed: Vec<ActorRef<'a>>,
    pub network_note: Option<String>,
}

/// A relation as stated in an actor's file.
#[derive(Debug, Serialize)]
pub struct StatedRelation<'a> {
    pub from: ActorRef<'a>,
    pub to: Option<ActorRef<'a>>,
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub label: String,
    pub sources: Vec<IdUrl<'a>>,
}

/// An id and its page.
#[derive(Debug, Serialize)]
pub struct IdUrl<'a> {
    pub id: &'a str,
    pub url: String,
}

/// Two actors named together, and how often.
#[derive(Debug, Serialize)]
pub struct Pair<'a> {
    pub a: ActorRef<'a>,
    pub b: ActorRef<'a>,
    pub count: usize,
}

/// `section.html`: the whole of one long list of an actor's or an incident's page.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    pub of: SectionOf<'a>,
    pub section: &'static str,
    pub title: String,
    pub excerpts: Vec<ExcerptRef<'a>>,
    pub articles: Vec<Counted<ArticleRef<'a>>>,
    pub paginator: Option<Paginator>,
}

/// The actor or incident whose list a `section.html` page shows.
#[derive(Debug, Serialize)]
pub struct SectionOf<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
}

/// `page.html`.
#[derive(Debug, Serialize)]
pub struct FreePageView<'a> {
    pub body_html: String,
    pub backlinks: Vec<Backlink<'a>>,
}

/// `search.html` and `404.html`: nothing but the variables every page has.
#[derive(Debug, Serialize)]
pub struct Empty {}

// ---------------------------------------------------------------------------------------------
// book.html (the briefing book): every section numbered, every cross-reference a link within
// the page with the section's number beside it, so that it works on paper.

/// `book.html`.
#[derive(Debug, Serialize)]
pub struct BookView<'a> {
    /// `description` of dossier.yaml, its wikilinks to the book's sections.
    pub description_html: Option<String>,
    /// The most excerpts a book holds, when the dossier has more (then every section is
    /// none).
    pub too_large: Option<usize>,
    /// The first and last date of the dossier's incidents and sources (none when it has none).
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// The table of contents: the numbered sections and their subsections.
    pub contents: Vec<BookEntry>,
    /// Section "lead and findings" (none when dossier.yaml has neither).
    pub summary: Option<BookSummary>,
    pub timeline: Option<BookTimeline<'a>>,
    pub actors: Option<BookActors<'a>>,
    pub incidents: Option<BookIncidents<'a>>,
    pub sources: Option<BookSources<'a>>,
}

/// A line of the book's table of contents.
#[derive(Debug, Serialize)]
pub struct BookEntry {
    pub number: String,
    pub title: String,
    pub anchor: String,
    pub level: usize,
}

/// A reference to a numbered part of the book: its label, its section number and its id in
/// the page.
#[derive(Debug, Clone, Serialize)]
pub struct BookRef {
    pub label: String,
    pub number: String,
    pub anchor: String,
}

/// The book's lead and findings.
#[derive(Debug, Serialize)]
pub struct BookSummary {
    pub number: String,
    pub lead_html: Option<String>,
    pub findings_html: Option<String>,
}

/// The book's timeline: incidents and sources in date order.
#[derive(Debug, Serialize)]
pub struct BookTimeline<'a> {
    pub number: String,
    pub rows: Vec<BookTimelineRow<'a>>,
}

/// A row of the book's timeline.
#[derive(Debug, Serialize)]
pub struct BookTimelineRow<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub date: String,
    pub date_human: String,
    /// The incident's kind, or the source's outlet.
    pub what: Cow<'a, str>,
    pub item: BookRef,
}

/// The book's actors, by kind.
#[derive(Debug, Serialize)]
pub struct BookActors<'a> {
    pub number: String,
    pub groups: Vec<BookActorGroup<'a>>,
}

/// The actors of one kind.
#[derive(Debug, Serialize)]
pub struct BookActorGroup<'a> {
    pub number: String,
    pub anchor: String,
    pub label: String,
    pub actors: Vec<BookActor<'a>>,
}

/// An actor in the book.
#[derive(Debug, Serialize)]
pub struct BookActor<'a> {
    pub number: String,
    pub anchor: String,
    pub name: &'a str,
    pub kind_label: Cow<'a, str>,
    pub aliases: &'a [String],
    pub country: Option<BookRef>,
    pub summary_html: Option<String>,
    pub roles: Vec<BookRole<'a>>,
    pub relations: Vec<BookRelation>,
    pub incidents: Vec<BookPart>,
    /// The excerpts that carry its statements, and those that concern it.
    pub statements: Vec<BookRef>,
    pub concerning: Vec<BookRef>,
}

/// A role of an actor, in the book.
#[derive(Debug, Serialize)]
pub struct BookRole<'a> {
    pub title: &'a str,
    pub of: Option<BookRef>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sources: Vec<BookRef>,
}

/// A relation as seen from one of its actors, in the book.
#[derive(Debug, Serialize)]
pub struct BookRelation {
    pub phrase: String,
    pub other: BookRef,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sources: Vec<BookRef>,
    pub note_html: Option<String>,
}

/// An incident an actor takes part in, and the part (perpetrator, target, involved).
#[derive(Debug, Serialize)]
pub struct BookPart {
    pub incident: BookRef,
    pub part: &'static str,
    pub status: Option<String>,
}

/// The book's incidents, in date order.
#[derive(Debug, Serialize)]
pub struct BookIncidents<'a> {
    pub number: String,
    pub incidents: Vec<BookIncident<'a>>,
}

/// An incident in the book.
#[derive(Debug, Serialize)]
pub struct BookIncident<'a> {
    pub number: String,
    pub anchor: String,
    pub incident: IncidentRef<'a>,
    pub summary_html: Option<String>,
    pub casualties: Vec<BookCasualty<'a>>,
    pub perpetrators: Vec<BookPerpetrator<'a>>,
    pub targets: Vec<BookRef>,
    pub actors: Vec<BookRef>,
    pub excerpts: Vec<BookExcerpt<'a>>,
    pub related: Vec<BookRef>,
}

/// A casualty figure, in the book.
#[derive(Debug, Serialize)]
pub struct BookCasualty<'a> {
    pub killed: Option<u64>,
    pub injured: Option<u64>,
    pub note: Option<&'a str>,
    pub sources: Vec<BookRef>,
}

/// A perpetrator of an incident, in the book.
#[derive(Debug, Serialize)]
pub struct BookPerpetrator<'a> {
    pub actor: BookRef,
    pub status: Option<&'a str>,
    pub sources: Vec<BookRef>,
}

/// An excerpt in the book: its passage as an `ExcerptRef` shows it (in quotation marks only
/// when they are someone's exact words), with its number in the book.
#[derive(Debug, Serialize)]
pub struct BookExcerpt<'a> {
    #[serde(flatten)]
    pub excerpt: ExcerptRef<'a>,
    pub section: String,
    pub anchor: String,
    pub note_html: Option<String>,
    pub concerns: Vec<BookRef>,
    pub responds_to: Vec<BookRef>,
}

/// The book's sources, in date order: each one's data and its excerpts, never its text.
#[derive(Debug, Serialize)]
pub struct BookSources<'a> {
    pub number: String,
    pub sources: Vec<BookSource<'a>>,
}

/// A source in the book.
#[derive(Debug, Serialize)]
pub struct BookSource<'a> {
    pub number: String,
    pub anchor: String,
    pub title: &'a str,
    pub outlet: &'a str,
    pub author: Option<&'a str>,
    pub published: String,
    pub published_human: String,
    pub url: Option<&'a str>,
    pub retrieved_human: Option<String>,
    pub reliability: Option<String>,
    pub reliability_label: Option<&'static str>,
    pub summary_html: Option<String>,
    pub note_html: Option<String>,
    pub tags: &'a [String],
    pub excerpts: Vec<BookExcerpt<'a>>,
}
