//! An excerpt: an anchored passage of an article and what the analyst says of it, and the
//! descriptions of an annotation file and of its excerpts.

use std::ops::Range;

use super::record::{Presence, Type, record};
use super::{Date, EntityKind, Form, List, Loc, Markdown, Ref};

/// An anchored passage of an article and what the analyst says of it.
#[derive(Debug, Clone)]
pub struct Excerpt {
    /// Id.
    pub id: String,
    /// The article (index into `Dossier::articles`).
    pub article: usize,
    /// The quote as written in the annotation.
    pub quote: String,
    /// The anchored range in the article's rendered text.
    pub range: Range<usize>,
    /// 1-based line in the article file where the passage starts.
    pub line: usize,
    /// Whose statement the passage carries.
    pub speaker: Option<Ref>,
    /// How the passage carries it: the speaker's own words, reported speech, or the
    /// outlet's own words.
    pub form: Form,
    /// Through whom the statement is known (a spokesperson, a ministry, a person recounting
    /// a call), when not directly from the speaker.
    pub via: Option<Ref>,
    /// The passage lies inside quotation marks in the article (apart from attributions between
    /// two quotations). With `form: direct` always; with `via` and reported speech, the words
    /// are the relay's own.
    pub quoted: bool,
    /// Stance.
    pub stance: Option<String>,
    /// Actors it concerns.
    pub actors: Vec<Ref>,
    /// Incidents it concerns.
    pub incidents: Vec<Ref>,
    /// Tags.
    pub tags: Vec<String>,
    /// Admiralty information credibility, 1-6.
    pub credibility: Option<u8>,
    /// When it was said, if not the publication date.
    pub said_on: Option<Date>,
    /// Excerpts it answers.
    pub responds_to: Vec<Ref>,
    /// Marked by the analyst as one of the key statements of its speaker (`key: true`): shown
    /// first on the speaker's page.
    pub key: bool,
    /// Commentary.
    pub note: Option<Markdown>,
    /// The words as first said, when the article's passage is a translation, with their
    /// language (a BCP 47 tag): both or neither.
    pub original: Option<Original>,
    /// Where the excerpt is defined (its `quote:` entry).
    pub loc: Loc,
}

/// The words of a translated quote as first said, and their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Original {
    /// The words.
    pub text: String,
    /// Their language, a BCP 47 tag in its usual case.
    pub language: String,
}

impl Excerpt {
    /// Whose exact words the passage is, if anyone's: the speaker's for a direct quote, the
    /// relay's for reported speech that the article prints inside quotation marks ("“The FM
    /// assured me …,” Bolton said"). Only then may the site put the passage in quotation marks
    /// after a name.
    pub fn words_of(&self) -> Option<&Ref> {
        match self.form {
            Form::Direct => self.speaker.as_ref(),
            Form::Reported if self.quoted => self.via.as_ref(),
            _ => None,
        }
    }
}

record! {
    /// An annotation file (`content/articles/<id>.yaml`, beside its article).
    pub static ANNOTATIONS: AnnotationFields = "an annotations file" {
        /// The passages of the article and what you say about each.
        excerpts: "excerpts", Type::Records(&EXCERPT), Presence::Optional;
    }
}

record! {
    /// An excerpt: a passage of the article (an `excerpts:` item of its annotation file).
    pub static EXCERPT: ExcerptFields = "an excerpt" {
        /// The exact words of the passage, as a reader sees them.
        quote: "quote", Type::Text, Presence::Required;
        /// Text immediately before the passage, to choose between several matches.
        prefix: "prefix", Type::Text, Presence::Optional;
        /// Text immediately after the passage, to choose between several matches.
        suffix: "suffix", Type::Text, Presence::Optional;
        /// The excerpt's id; by default made from the quote's first words.
        id: "id", Type::Id(None), Presence::Optional;
        /// Whose statement the passage carries.
        speaker: "speaker", Type::Id(Some(EntityKind::Actor)), Presence::Optional;
        /// How the passage carries the statement: the speaker's own words, reported speech, or the outlet's own words.
        form: "form", Type::OneOf(List::Forms), Presence::Conditional("yes, when there is a `speaker`");
        /// Through whom the statement is known (a spokesperson, a ministry's statement); only with a `speaker`.
        via: "via", Type::Id(Some(EntityKind::Actor)), Presence::Optional;
        /// What kind of statement it is.
        stance: "stance", Type::OneOf(List::Stances), Presence::Optional;
        /// The actors the passage concerns.
        actors: "actors", Type::Ids(Some(EntityKind::Actor)), Presence::Optional;
        /// The incidents the passage concerns.
        incidents: "incidents", Type::Ids(Some(EntityKind::Incident)), Presence::Optional;
        /// Tags.
        tags: "tags", Type::Ids(None), Presence::Optional;
        /// How credible the claim is, on the Admiralty scale (1 confirmed, 6 cannot be judged).
        credibility: "credibility", Type::Whole { min: 1, max: 6 }, Presence::Optional;
        /// When it was said, if not on the publication date.
        said_on: "said_on", Type::Date, Presence::Optional;
        /// The excerpts this one answers, such as the allegation a denial answers.
        responds_to: "responds_to", Type::Ids(Some(EntityKind::Excerpt)), Presence::Optional;
        /// A key statement of its speaker (or, without a speaker, of the actors it concerns): shown first on their pages.
        key: "key", Type::Bool, Presence::Default("false");
        /// Last resort to choose between several matches: take the n-th.
        occurrence: "occurrence", Type::Whole { min: 1, max: 1_000_000 }, Presence::Optional;
        /// Your commentary.
        note: "note", Type::Markdown, Presence::Optional;
        /// For a passage translated from another language, the words as first said.
        original: "original", Type::Text, Presence::Optional;
        /// The language of `original`.
        original_language: "original_language", Type::Language, Presence::Conditional("yes, with `original`");
    }
}
