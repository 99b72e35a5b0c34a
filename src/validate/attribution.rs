//! Who said it: an excerpt's `speaker`, `form` and `via` checked against each other, and its
//! passage against the article's quotation marks: a direct quote must lie inside them, a quoted
//! passage given as someone's reported speech is noted, and a quotation the article attributes
//! to someone else is a warning.

use std::ops::Range;
use std::sync::Arc;

use super::fields::Obj;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;
use crate::source::Source;
use crate::text::anchor::ArticleText;
use crate::text::quotes::{Coverage, QuotationMarks};
use crate::yaml::Node;

/// Whom an excerpt attributes its passage to, as written.
pub(super) struct Attribution<'r> {
    pub(super) speaker: Option<&'r Ref>,
    pub(super) via: Option<&'r Ref>,
    pub(super) form: Option<Form>,
}

/// An anchored passage and how much of it lies inside quotation marks.
pub(super) struct Passage<'t> {
    pub(super) article: &'t Arc<Source>,
    pub(super) body_line: usize,
    pub(super) text: &'t ArticleText,
    pub(super) marks: &'t QuotationMarks,
    pub(super) range: Range<usize>,
    pub(super) coverage: Coverage,
}

impl Passage<'_> {
    /// `path:line` of a rendered-text offset in the article.
    fn at(&self, offset: usize) -> String {
        format!(
            "{}:{}",
            self.article.path,
            self.body_line + self.text.source_line(offset)
        )
    }

    /// A short, display-ready piece of the rendered text.
    fn words(&self, range: Range<usize>) -> String {
        let text = self.text.rendered().text.get(range).unwrap_or("");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() > 60 {
            format!("{}…", text.chars().take(60).collect::<String>())
        } else {
            text
        }
    }
}

/// Checks an excerpt's `speaker`, `form` and `via` against each other and its passage
/// against the article's quotation marks; returns the form it is shown with. An excerpt with
/// a speaker and no form is shown as reported speech, never as a direct quote.
pub(super) fn check_form(
    e: &Obj,
    who: Attribution,
    passage: Passage,
    quote_node: &Node,
    diags: &mut Diagnostics,
) -> Form {
    let source = e.source;
    let span_of = |field: &Field| e.get(field).map_or(quote_node.span.clone(), |n| n.span.clone());
    if let (Some(speaker), Some(via)) = (who.speaker, who.via)
        && speaker.id == via.id
    {
        diags.push(
            Diagnostic::error(
                "via-is-speaker",
                source,
                span_of(&EXCERPT.via),
                "`via:` names the speaker itself",
            )
            .label("expected the actor who relayed the speaker's statement")
            .help("remove `via:` when the statement is known from the speaker directly"),
        );
    }
    // Presence, not validity: a malformed id has its own error already.
    let has_speaker = e.has(&EXCERPT.speaker);
    let quoted = passage.coverage == Coverage::Inside;
    let form = match who.form {
        Some(Form::Own) => {
            for field in [&EXCERPT.speaker, &EXCERPT.via] {
                if e.has(field) {
                    diags.push(
                        Diagnostic::error(
                            "own-with-speaker",
                            source,
                            span_of(field),
                            format!("an excerpt in the outlet's own words (`form: own`) has no `{}:`", field.name()),
                        )
                        .label("`form: own` is a statement of the outlet, not of an actor")
                        .help("for the outlet's report of what the speaker said or did, use `form: reported`; otherwise remove this field"),
                    );
                }
            }
            Form::Own
        }
        Some(form) => {
            if !has_speaker {
                diags.push(
                    Diagnostic::error(
                        "speaker-required",
                        source,
                        span_of(&EXCERPT.form),
                        format!("`form: {}` needs a `speaker:`", form.as_str()),
                    )
                    .label("whose statement does this passage carry?")
                    .help("name the actor with `speaker:`, or use `form: own` for the outlet's own words"),
                );
            }
            form
        }
        None if has_speaker => {
            let guess = if quoted {
                "it lies inside quotation marks in the article: if these are the speaker's own words, `form: direct`"
            } else {
                "it is not inside quotation marks in the article: probably `form: reported`"
            };
            diags.push(
                Diagnostic::warning(
                    "missing-form",
                    source,
                    quote_node.span.clone(),
                    "this excerpt has a speaker but no `form:`",
                )
                .label("say whether the passage is the speaker's own words or reported speech")
                .help(format!(
                    "{guess}; until it says, the site shows it as reported speech, never as a quote"
                )),
            );
            Form::Reported
        }
        None => Form::Own,
    };
    if !has_speaker && who.form != Some(Form::Own) && e.has(&EXCERPT.via) {
        diags.push(
            Diagnostic::error(
                "speaker-required",
                source,
                span_of(&EXCERPT.via),
                "`via:` needs a `speaker:`",
            )
            .label("`via:` names who relayed the speaker's statement")
            .help("name the actor whose statement it is with `speaker:`"),
        );
    }
    match (&passage.coverage, form) {
        (Coverage::Inside | Coverage::Bridged { .. }, Form::Direct) => {
            let ids: Vec<&str> = [who.speaker, who.via]
                .into_iter()
                .flatten()
                .map(|r| r.id.as_str())
                .collect();
            let rendered = &passage.text.rendered().text;
            let attribution = passage
                .marks
                .attributions(rendered, passage.range.clone())
                .into_iter()
                .find_map(|a| {
                    rendered
                        .get(a.clone())
                        .and_then(|t| second_speaker(t, &ids))
                        .map(|n| (a, n))
                });
            if let Some((at, name)) = attribution {
                diags.push(
                    Diagnostic::warning(
                        "quote-attributed-to-another",
                        source,
                        quote_node.span.clone(),
                        format!("the article attributes this quotation to {name}, not to the speaker"),
                    )
                    .label("a direct quote is the speaker's own words")
                    .help(format!("{}: \"{}\"", passage.at(at.start), passage.words(at.clone())))
                    .help(format!("if {name} said it, correct `speaker:`; if the passage spans quotations of two people, split it into one excerpt per speaker")),
                );
            }
        }
        (Coverage::Outside | Coverage::Partly { .. }, Form::Direct) => {
            let (message, where_) = match &passage.coverage {
                Coverage::Partly { outside } => (
                    "part of this passage is not inside quotation marks",
                    format!(
                        "{}: these words are outside quotation marks: \"{}\"",
                        passage.at(outside.start),
                        passage.words(outside.clone())
                    ),
                ),
                _ => (
                    "this passage is not inside quotation marks",
                    format!(
                        "{}: the passage is the outlet's text, outside any quotation marks",
                        passage.at(passage.range.start)
                    ),
                ),
            };
            diags.push(
                Diagnostic::error("direct-outside-quotes", source, quote_node.span.clone(), format!("{message} in {}", passage.article.path))
                    .label("marked `form: direct`: the speaker's own words, which the article puts in quotation marks")
                    .help(where_)
                    .help("if these are the outlet's words reporting what the speaker said, use `form: reported`; if only part of the passage is quoted, shorten `quote:` to the words inside the marks"),
            );
        }
        (_, Form::Reported | Form::Own) if quoted && who.via.is_none() => {
            let (now, suggestion) = match (who.form, has_speaker) {
                (None, true) => return form,
                (Some(Form::Own) | None, _) => (
                    "it is given as the outlet's own words",
                    "if these are an actor's own words, give `speaker:` and `form: direct`",
                ),
                _ => (
                    "it is marked `form: reported`",
                    "if these are the speaker's own words, use `form: direct`; if someone relays them, name them with `via:`",
                ),
            };
            diags.push(
                Diagnostic::note(
                    "quoted-not-direct",
                    source,
                    quote_node.span.clone(),
                    format!("this passage lies inside quotation marks in {}", passage.article.path),
                )
                .label(now)
                .help(suggestion),
            );
        }
        _ => {}
    }
    form
}

/// Verbs that attribute speech, as in `…,” Palladino said. “…`.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "stated",
    "states",
    "tweeted",
    "wrote",
    "writes",
    "according",
    "insisted",
    "noted",
    "warned",
    "declared",
    "replied",
    "explained",
    "continued",
    "quoted",
];

/// Capitalised words that are not names.
const NOT_NAMES: &[&str] = &[
    "I", "He", "She", "They", "We", "It", "The", "A", "An", "His", "Her", "Their", "In", "On", "But", "And",
];

/// The name an attribution of a quotation gives, when it names someone and none of the names
/// is part of `ids` (the speaker's and the relay's ids): `”, Palladino said` for a quote of
/// Pompeo gives `Palladino`; `”, he said` and `”, Bolton said in a tweet` for a quote of
/// `john-bolton` give nothing. A guess from capitalised words, so only ever a warning.
fn second_speaker<'t>(gap: &'t str, ids: &[&str]) -> Option<&'t str> {
    let words: Vec<&str> = gap
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let verb = words
        .iter()
        .position(|w| SPEECH_VERBS.contains(&w.to_lowercase().as_str()))?;
    let is_name = |w: &str| w.len() > 1 && w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&w);
    // The subject: the capitalised words right before the verb ("Robert Palladino said"), or
    // right after it ("said Palladino"). A pronoun or a common noun ("he said", "the
    // statement said") names nobody.
    let before: Vec<&str> = words[..verb].iter().rev().take_while(|w| is_name(w)).copied().collect();
    let subject: Vec<&str> = if before.is_empty() {
        words[verb + 1..].iter().take_while(|w| is_name(w)).copied().collect()
    } else {
        before
    };
    let known = |w: &str| {
        let w = w.to_lowercase();
        ids.iter().any(|id| id.split('-').any(|part| part == w))
    };
    if subject.iter().any(|n| known(n)) {
        return None;
    }
    subject.first().copied()
}
