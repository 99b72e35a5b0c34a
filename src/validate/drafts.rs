//! Drafts: a content file with `draft: true` (an article, with its annotation file; an actor;
//! an incident; a page) is left out before validation unless the run asks for drafts
//! (`--drafts`), as Zola and Hugo do. A draft left out is read only as far as its `draft:`
//! line: its other fields are not checked (`check --drafts` checks them), so a half-written
//! draft never stops a build. Its ids (the file's, and an article's excerpts') are kept, so
//! that a published file that names one gets `draft-reference`, naming the draft, instead of
//! `unknown-id`.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::excerpt::excerpt_ids_in;
use crate::diag::Diagnostic;
use crate::load::{MarkdownFile, YamlFile};
use crate::model::*;
use crate::source::Source;
use crate::yaml::{Node, Value};

/// A draft left out of the run: what it is and where its `draft: true` is.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    /// What it is: an excerpt is one of a draft article.
    kind: EntityKind,
    /// The draft's file.
    source: Arc<Source>,
    /// The `draft` key in it.
    span: std::ops::Range<usize>,
}

/// The drafts left out, by id.
pub(super) type Drafts = BTreeMap<String, Draft>;

/// The span of the `draft` key of `root` when its value is `true`.
fn draft_key(root: Option<&Node>, field: &Field) -> Option<std::ops::Range<usize>> {
    let Node {
        value: Value::Map(entries),
        ..
    } = root?
    else {
        return None;
    };
    entries
        .iter()
        .find(|(k, v)| k.name == field.name() && matches!(v.value, Value::Bool(true)))
        .map(|(k, _)| k.span.clone())
}

/// Moves the files of `files` whose `field` is `true` out, records each in `drafts` as a draft of
/// `kind`, and returns them. `parts` gives a file's tree, source and id.
fn take_drafts<F>(
    files: &mut Vec<F>,
    field: &Field,
    kind: EntityKind,
    drafts: &mut Drafts,
    parts: impl Fn(&F) -> (Option<&Node>, &Arc<Source>, &str),
) -> Vec<F> {
    let mut taken = Vec::new();
    for file in std::mem::take(files) {
        let (root, source, id) = parts(&file);
        match draft_key(root, field) {
            Some(span) => {
                let draft = Draft {
                    kind,
                    source: source.clone(),
                    span,
                };
                drafts.insert(id.to_string(), draft);
                taken.push(file);
            }
            None => files.push(file),
        }
    }
    taken
}

/// The content files in, with the drafts taken out of them unless `include`.
pub(super) struct Content<'a> {
    pub articles: &'a mut Vec<MarkdownFile>,
    pub annotations: &'a mut BTreeMap<String, YamlFile>,
    /// Where the diagnostics of a draft's annotation file go, when it is parsed here (its parse
    /// was deferred by `load`).
    pub diags: &'a mut crate::diag::Diagnostics,
    pub actors: &'a mut Vec<YamlFile>,
    pub incidents: &'a mut Vec<YamlFile>,
    pub pages: &'a mut Vec<MarkdownFile>,
}

/// Takes the drafts out of `content` (unless `include`) and returns them by id.
pub(super) fn set_aside(content: Content, include: bool) -> Drafts {
    let mut drafts = Drafts::new();
    if include {
        return drafts;
    }
    fn md(f: &MarkdownFile) -> (Option<&Node>, &Arc<Source>, &str) {
        (f.front.as_deref(), &f.source, &f.stem)
    }
    fn yaml(f: &YamlFile) -> (Option<&Node>, &Arc<Source>, &str) {
        (f.root.as_deref(), &f.source, &f.stem)
    }
    for article in take_drafts(content.articles, &ARTICLE.draft, EntityKind::Article, &mut drafts, md) {
        let Some(annotations) = content.annotations.remove(&article.pair_key) else {
            continue;
        };
        let annotations = annotations.parsed(content.diags);
        let Some(draft) = drafts.get(&article.stem).cloned() else {
            continue;
        };
        for id in excerpt_ids_in(&annotations) {
            drafts.entry(id).or_insert(Draft {
                kind: EntityKind::Excerpt,
                ..draft.clone()
            });
        }
    }
    take_drafts(content.pages, &PAGE.draft, EntityKind::Page, &mut drafts, md);
    take_drafts(content.actors, &ACTOR.draft, EntityKind::Actor, &mut drafts, yaml);
    take_drafts(
        content.incidents,
        &INCIDENT.draft,
        EntityKind::Incident,
        &mut drafts,
        yaml,
    );
    drafts
}

/// The error for a reference (at `source`, `span`) from a published file to the draft `id`.
pub(super) fn draft_reference(
    id: &str,
    draft: &Draft,
    source: &Arc<Source>,
    span: std::ops::Range<usize>,
) -> Diagnostic {
    let (line, col) = draft.source.line_col(draft.span.start);
    let whose = match draft.kind {
        EntityKind::Excerpt => format!("an excerpt of the draft article at {}:{line}:{col}", draft.source.path),
        kind => format!("the draft {} at {}:{line}:{col}", kind.noun(), draft.source.path),
    };
    Diagnostic::error(
        "draft-reference",
        source,
        span,
        format!("`{id}` is a draft, left out of the site"),
    )
    .label(format!("names {whose}"))
    .help("publish it (remove `draft: true`) or build with --drafts")
}
