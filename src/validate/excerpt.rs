//! An annotation file's excerpts: each one's fields, its quote anchored in the article's text
//! (`anchoring.rs` words the failures), and its attribution checked against the article's
//! quotation marks (`attribution.rs`). Also the default id of an excerpt, and the ids an
//! annotation file declares even when it fails validation.

use std::sync::Arc;

use super::anchoring::anchor_diagnostic;
use super::attribution::{Attribution, Passage, check_form};
use super::fields::Obj;
use crate::diag::Diagnostics;
use crate::load::YamlFile;
use crate::model::*;
use crate::source::Source;
use crate::text::anchor::{ArticleText, Selector};
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
    /// Its quotation marks: read once, on the first excerpt that anchors.
    marks: Option<QuotationMarks>,
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
    };
    let mut out = Vec::new();
    let mut unanchored = Vec::new();
    for node in obj.list(excerpts, diags) {
        if let Some(e) = obj.item(excerpts, node, diags)
            && let Some(excerpt) = excerpt(&e, &mut body, config, &mut unanchored, diags)
        {
            out.push(excerpt);
        }
    }
    (out, unanchored)
}

/// One excerpt, if its quote anchors; the id of one that does not goes to `unanchored`.
fn excerpt(
    e: &Obj,
    body: &mut Body,
    config: &Config,
    unanchored: &mut Vec<String>,
    diags: &mut Diagnostics,
) -> Option<Excerpt> {
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
        occurrence,
        note,
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
    let speaker = e.reference(speaker, diags);
    let via = e.reference(via, diags);
    let form = e.one_of(form, None, diags).and_then(|f| Form::parse(&f));
    let stance = e.one_of(stance, Some(config), diags);
    let actors = e.references(actors, diags);
    let incidents = e.references(incidents, diags);
    let tags = e.tags(tags, diags);
    let credibility = e.whole(credibility, diags).map(|n| n as u8);
    let said_on = e.date(said_on, diags);
    let responds_to = e.references(responds_to, diags);
    let note = e.markdown(note, diags);

    let selector = Selector {
        quote: &quote,
        prefix: prefix.as_deref(),
        suffix: suffix.as_deref(),
        occurrence,
    };
    let text = body.text;
    let range = match text.anchor(&selector) {
        Ok(r) => r,
        Err(err) => {
            let span = quote_node.span.clone();
            let mut d = anchor_diagnostic(e.source, span, body.article, body.body_line, &quote, err);
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
        QuotationMarks::new(&rendered.text, &rendered.block_ends)
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
        note,
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
    }) = &file.root
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
