//! A source article (a `.md` file: front matter, then the text as published), and the
//! description of its front matter.

use std::sync::Arc;

use super::record::{Presence, Type, record};
use super::{Date, List, Markdown, Publish};
use crate::source::Source;
use crate::text::markdown::ParsedArticle;

/// A source article.
#[derive(Debug, Clone)]
pub struct Article {
    /// Id (file stem).
    pub id: String,
    /// The `.md` file.
    pub source: Arc<Source>,
    /// Byte offset of the body in the file.
    pub body_start: usize,
    /// Title.
    pub title: String,
    /// Who published it.
    pub outlet: String,
    /// Publication date.
    pub published: Date,
    /// Author.
    pub author: Option<String>,
    /// Original URL (http or https).
    pub url: Option<String>,
    /// An archived copy of the original (Wayback Machine, archive.today, perma.cc).
    pub archive_url: Option<String>,
    /// The language of its text (a BCP 47 tag in its usual case), when given.
    pub language: Option<String>,
    /// When it was retrieved.
    pub retrieved: Option<Date>,
    /// Admiralty source reliability, A-F.
    pub reliability: Option<char>,
    /// Summary.
    pub summary: Option<Markdown>,
    /// Tags.
    pub tags: Vec<String>,
    /// Editorial note.
    pub note: Option<Markdown>,
    /// How much of its text is published: its front matter's `publish:`, else dossier.yaml's.
    pub publish: Publish,
    /// The SHA-256 of its body as anchored (BOM dropped, line endings made LF), in lower-case
    /// hex: a reader compares it between two publications to tell whether the copy changed.
    pub sha256: String,
    /// The body, parsed once: its rendered text and events, for every later stage.
    pub text: Arc<ParsedArticle>,
    /// Excerpts of this article, in text order (indexes into `Dossier::excerpts`).
    pub excerpts: Vec<usize>,
    /// Whether an annotation sidecar exists.
    pub annotated: bool,
}

impl Article {
    /// The verbatim body text; empty once `build` has let go of the file's text
    /// (`Dossier::release_article_texts`).
    pub fn body(&self) -> &str {
        self.source.text.get(self.body_start..).unwrap_or_default()
    }
}

/// The SHA-256 of an article's body as the loader gives it (BOM dropped, CRLF and CR made LF,
/// which is the text quotes are anchored in), in lower-case hex.
pub fn body_sha256(body: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(body.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

record! {
    /// The front matter of an article (`content/articles/<id>.md`).
    pub static ARTICLE: ArticleFields = "an article's front matter" {
        /// The headline.
        title: "title", Type::Text, Presence::Required;
        /// Who published it.
        outlet: "outlet", Type::Text, Presence::Required;
        /// The publication date.
        published: "published", Type::Date, Presence::Required;
        /// The byline.
        author: "author", Type::Text, Presence::Optional;
        /// Where the original is.
        url: "url", Type::Url, Presence::Optional;
        /// An archived copy of the original (Wayback Machine, archive.today or perma.cc), shown beside it.
        archive_url: "archive_url", Type::Url, Presence::Optional;
        /// The language the text is in, when it is not the site's `language` (marks the text and its quotes for browsers and screen readers; right-to-left scripts are laid out so).
        language: "language", Type::Language, Presence::Optional;
        /// When you copied it.
        retrieved: "retrieved", Type::Date, Presence::Optional;
        /// How reliable the source is, on the Admiralty scale (A reliable, F cannot be judged).
        reliability: "reliability", Type::OneOf(List::ReliabilityGrades), Presence::Optional;
        /// Your summary.
        summary: "summary", Type::Markdown, Presence::Optional;
        /// Tags; each tag gets a page listing what carries it.
        tags: "tags", Type::Ids(None), Presence::Optional;
        /// An editorial note, for example what you removed from the copy.
        note: "note", Type::Markdown, Presence::Optional;
        /// How much of this article's text the site publishes (`full`, `excerpts` or `private`), overriding dossier.yaml's `publish`.
        publish: "publish", Type::OneOf(List::PublishModes), Presence::Optional;
        /// Left out of the site (with its annotations) unless built with `--drafts`.
        draft: "draft", Type::Bool, Presence::Default("false");
    }
}
