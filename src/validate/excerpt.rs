//! An annotation file's excerpts: each one's fields, its quote anchored in the article's text
//! (`anchoring.rs` words the failures), and its attribution checked against the article's
//! quotation marks (`attribution.rs`). Also the default id of an excerpt, and the ids an
//! annotation file declares even when it fails validation.

use std::ops::Range;
use std::sync::Arc;

use super::anchoring::anchor_diagnostic;
use super::attribution::{Attribution, Passage, check_form};
use super::fields::Obj;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::YamlFile;
use crate::model::*;
use crate::source::Source;
use crate::text::anchor::{AnchorError, ArticleText, MAX_DETAILED_FAILURES, Selector};
use crate::text::quotes::{Coverage, QuotationMarks};
use crate::yaml::{Node, Value};

/// The article an annotation file's excerpts are anchored in.
struct Body<'t> {
    /// Its file.
    article: &'t Arc<Source>,
    /// The line before the body's first, in the file.
    body_line: usize,
    /// Its rendered text.
    text: &'t ArticleText,
    /// Its quotation marks: read once, on the first excerpt that anchors, in the paragraphs
    /// that `passages` reach into.
    marks: Option<QuotationMarks>,
    /// Where its excerpts' quotes were found.
    passages: Vec<Range<usize>>,
}

/// The excerpts of an annotation file, anchored in `text` (the body of `article`, which starts
/// after line `body_line`), and the ids of those whose quote could not be anchored.
pub(super) fn validate_excerpts(
    file: &YamlFile,
    text: &ArticleText,
    body_line: usize,
    article: &Arc<Source>,
    config: &Config,
    diags: &mut Diagnostics,
) -> (Vec<Excerpt>, Vec<String>) {
    let Some(root) = &file.root else {
        return Default::default();
    };
    if matches!(root.value, Value::Null) {
        return Default::default();
    }
    let Some(obj) = Obj::new(&file.source, root, &ANNOTATIONS, diags) else {
        return Default::default();
    };
    let AnnotationFields { excerpts } = &ANNOTATIONS;
    let mut body = Body {
        article,
        body_line,
        text,
        marks: None,
        passages: Vec::new(),
    };
    // Every excerpt's fields first, then all quotes anchored in one pass over the article.
    let items: Vec<Obj> = obj
        .list(excerpts, diags)
        .iter()
        .filter_map(|node| obj.item(excerpts, node, diags))
        .collect();
    let fields: Vec<(&Obj, Fields)> = items
        .iter()
        .filter_map(|e| Some((e, read_fields(e, config, diags)?)))
        .collect();
    let selectors: Vec<Selector> = fields.iter().map(|(_, f)| f.selector()).collect();
    let anchored = text.anchor_all(&selectors);
    body.passages = anchored.iter().filter_map(|r| r.as_ref().ok().cloned()).collect();
    let mut out = Vec::with_capacity(fields.len());
    let mut unanchored = Vec::new();
    let mut failures = 0;
    for ((e, fields), range) in fields.into_iter().zip(anchored) {
        // `anchor_all` details the first failures only.
        let detailed = failures < MAX_DETAILED_FAILURES;
        failures += usize::from(range.is_err());
        if let Some(excerpt) = excerpt(e, fields, range, detailed, &mut body, &mut unanchored, diags) {
            out.push(excerpt);
        }
    }
    (out, unanchored)
}

/// An excerpt's fields as read, before its quote is anchored.
struct Fields<'a> {
    quote_node: &'a Node,
    quote: String,
    prefix: Option<String>,
    suffix: Option<String>,
    occurrence: Option<usize>,
    explicit_id: bool,
    id: Option<String>,
    speaker: Option<Ref>,
    via: Option<Ref>,
    form: Option<Form>,
    stance: Option<String>,
    actors: Vec<Ref>,
    incidents: Vec<Ref>,
    tags: Vec<String>,
    credibility: Option<u8>,
    said_on: Option<Date>,
    responds_to: Vec<Ref>,
    key: bool,
    note: Option<Markdown>,
    original: Option<Original>,
}

impl Fields<'_> {
    fn selector(&self) -> Selector<'_> {
        Selector {
            quote: &self.quote,
            prefix: self.prefix.as_deref(),
            suffix: self.suffix.as_deref(),
            occurrence: self.occurrence,
        }
    }
}

/// Reads an excerpt's fields; `None` without a quote.
fn read_fields<'a>(e: &Obj<'a>, config: &Config, diags: &mut Diagnostics) -> Option<Fields<'a>> {
    let ExcerptFields {
        quote,
        prefix,
        suffix,
        id,
        speaker,
        form,
        via,
        stance,
        actors,
        incidents,
        tags,
        credibility,
        said_on,
        responds_to,
        key,
        occurrence,
        note,
        original,
        original_language,
    } = &EXCERPT;
    let (quote_node, quote) = e.text_at(quote, diags)?;
    let prefix = e.text(prefix, diags);
    let suffix = e.text(suffix, diags);
    let occurrence = e.whole(occurrence, diags).map(|n| n as usize);
    let explicit_id = e.has(id);
    let id = if explicit_id {
        e.reference(id, diags).map(|r| r.id)
    } else {
        Some(default_excerpt_id(&quote))
    };
    Some(Fields {
        quote_node,
        quote,
        prefix,
        suffix,
        occurrence,
        explicit_id,
        id,
        speaker: e.reference(speaker, diags),
        via: e.reference(via, diags),
        form: e.one_of(form, None, diags).and_then(|f| Form::parse(&f)),
        stance: e.one_of(stance, Some(config), diags),
        actors: e.references(actors, diags),
        incidents: e.references(incidents, diags),
        tags: e.tags(tags, diags),
        credibility: e.whole(credibility, diags).map(|n| n as u8),
        said_on: e.date(said_on, diags),
        responds_to: e.references(responds_to, diags),
        key: e.boolean(key, diags).unwrap_or(false),
        note: e.markdown(note, diags),
        original: read_original(e, original, original_language, diags),
    })
}

/// `original` and `original_language`, which go together: the words without their language is
/// an error (the page could not mark them for a browser or a screen reader), the language
/// without the words a warning (it says nothing).
fn read_original(e: &Obj, original: &Field, original_language: &Field, diags: &mut Diagnostics) -> Option<Original> {
    let text = e.text(original, diags);
    let language = e.language(original_language, diags);
    match (text, e.get(original), e.get(original_language)) {
        (Some(text), _, Some(_)) => Some(Original {
            text,
            language: language?,
        }),
        (Some(_), Some(node), None) => {
            diags.push(
                Diagnostic::error(
                    "missing-field",
                    e.source,
                    node.span.clone(),
                    format!(
                        "an excerpt with `{}:` has no `{}:`",
                        original.name(),
                        original_language.name()
                    ),
                )
                .label(format!(
                    "`{}` is required with `{}`",
                    original_language.name(),
                    original.name()
                ))
                .help(format!(
                    "give the language the words were said in, as a tag: `{}: ur`",
                    original_language.name()
                )),
            );
            None
        }
        (None, None, Some(node)) => {
            diags.push(
                Diagnostic::warning(
                    "original-language-alone",
                    e.source,
                    node.span.clone(),
                    format!(
                        "`{}` without `{}` says nothing",
                        original_language.name(),
                        original.name()
                    ),
                )
                .label(format!(
                    "the language of an `{}:` that this excerpt does not have",
                    original.name()
                ))
                .help(format!(
                    "add the words as first said under `{}:`, or remove this line",
                    original.name()
                )),
            );
            None
        }
        _ => None,
    }
}

/// One excerpt, if its quote anchored (`range`); the id of one that did not goes to
/// `unanchored`. `detailed`: whether anchoring gave the failure its detail.
fn excerpt(
    e: &Obj,
    fields: Fields,
    range: Result<std::ops::Range<usize>, AnchorError>,
    detailed: bool,
    body: &mut Body,
    unanchored: &mut Vec<String>,
    diags: &mut Diagnostics,
) -> Option<Excerpt> {
    let Fields {
        quote_node,
        quote,
        prefix: _,
        suffix: _,
        occurrence: _,
        explicit_id,
        id,
        speaker,
        via,
        form,
        stance,
        actors,
        incidents,
        tags,
        credibility,
        said_on,
        responds_to,
        key,
        note,
        original,
    } = fields;
    let text = body.text;
    let range = match range {
        Ok(r) => r,
        Err(err) => {
            let span = quote_node.span.clone();
            let mut d = anchor_diagnostic(e.source, span, body.article, body.body_line, &quote, err, detailed);
            if let Some(id) = &id {
                if !explicit_id && d.code == "quote-not-found" {
                    d = d.help(format!(
                        "this excerpt has no `id:`, so its id (`{id}`) is made from the quote's first words and changes with them; an explicit `id:` keeps links to the excerpt working while its quote is corrected"
                    ));
                }
                // The excerpt still exists: references to it are not reported again.
                unanchored.push(id.clone());
            }
            diags.push(d);
            return None;
        }
    };
    let line = body.body_line + text.source_line(range.start);
    let id = id?;
    let marks = body.marks.get_or_insert_with(|| {
        let rendered = text.rendered();
        QuotationMarks::around(&rendered.text, &rendered.block_ends, Some(&body.passages))
    });
    let coverage = marks.coverage(&text.rendered().text, range.clone());
    let quoted = matches!(coverage, Coverage::Inside | Coverage::Bridged { .. });
    let form = check_form(
        e,
        Attribution {
            speaker: speaker.as_ref(),
            via: via.as_ref(),
            form,
        },
        Passage {
            article: body.article,
            body_line: body.body_line,
            text,
            marks,
            range: range.clone(),
            coverage,
        },
        quote_node,
        diags,
    );
    Some(Excerpt {
        id,
        article: 0,
        quote,
        range,
        line,
        speaker,
        form,
        via,
        quoted,
        stance,
        actors,
        incidents,
        tags,
        credibility,
        said_on,
        responds_to,
        key,
        note,
        original,
        loc: Loc {
            source: e.source.clone(),
            span: quote_node.span.clone(),
        },
    })
}

/// The default id of an excerpt without `id:`: the first six words of its quote.
pub fn default_excerpt_id(quote: &str) -> String {
    let words: Vec<&str> = quote.split_whitespace().take(6).collect();
    slugify(&words.join(" "))
}

/// The excerpt ids an annotation file declares (explicit or default), read leniently: the
/// file may have failed validation.
pub(super) fn excerpt_ids_in(file: &YamlFile) -> Vec<String> {
    let Some(Node {
        value: Value::Map(entries),
        ..
    }) = file.root.as_deref()
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in entries {
        if k.name != ANNOTATIONS.excerpts.name() {
            continue;
        }
        let Value::Seq(items) = &v.value else { continue };
        for item in items {
            let Value::Map(fields) = &item.value else { continue };
            let get = |field: &Field| {
                fields
                    .iter()
                    .find(|(k, _)| k.name == field.name())
                    .and_then(|(_, v)| v.scalar_text())
            };
            if let Some(id) = get(&EXCERPT.id) {
                out.push(id.to_string());
            } else if let Some(q) = get(&EXCERPT.quote) {
                out.push(default_excerpt_id(q));
            }
        }
    }
    out
}
