//! An article: its front matter, and its excerpts (from the annotation file beside it)
//! anchored in its text.

use std::sync::Arc;

use super::excerpt::validate_excerpts;
use super::fields::{Obj, check_file_id};
use crate::diag::Diagnostics;
use crate::load::{MarkdownFile, YamlFile};
use crate::model::*;
use crate::text::anchor::ArticleText;
use crate::text::markdown::ParsedArticle;

/// An article, its anchored excerpts, before they are numbered into the dossier, and the ids
/// of its excerpts whose quotes could not be anchored.
pub(super) type ArticleWithExcerpts = (Article, Vec<Excerpt>, Vec<String>);

pub(super) fn validate_article(
    file: &MarkdownFile,
    annotations: Option<&YamlFile>,
    config: &Config,
    diags: &mut Diagnostics,
) -> Option<ArticleWithExcerpts> {
    let front = file.front.as_ref()?;
    let ok_id = check_file_id(&file.source, &file.stem, diags);
    let obj = Obj::new(&file.source, front, &ARTICLE, diags)?;
    let ArticleFields {
        title,
        outlet,
        published,
        author,
        url,
        archive_url,
        language,
        retrieved,
        reliability,
        summary,
        tags,
        note,
        publish,
        draft,
    } = &ARTICLE;
    let title = obj.text(title, diags);
    let outlet = obj.text(outlet, diags);
    let published = obj.date(published, diags);
    let author = obj.text(author, diags);
    let url = obj.url(url, diags);
    let archive_url = obj.url(archive_url, diags);
    if let (Some(archive), Some(node)) = (&archive_url, obj.get(&ARTICLE.archive_url)) {
        check_archive_host(&file.source, node, archive, diags);
    }
    let language = obj.language(language, diags);
    // Read for its type only: which files are drafts is decided before validation (`drafts.rs`).
    let _ = obj.boolean(draft, diags);
    let retrieved = obj.date(retrieved, diags);
    let reliability = obj.one_of(reliability, None, diags).and_then(|g| g.chars().next());
    let summary = obj.markdown(summary, diags);
    let tags = obj.tags(tags, diags);
    let note = obj.markdown(note, diags);
    let publish = obj
        .one_of(publish, None, diags)
        .and_then(|p| Publish::parse(&p))
        .unwrap_or(config.publish);

    // The one parse of the body: anchoring folds it, and every later stage walks it.
    let body = &file.source.text[file.body_start..];
    let parsed = Arc::new(ParsedArticle::parse(body));
    let mut excerpts = Vec::new();
    let mut unanchored = Vec::new();
    if let Some(annotations) = annotations {
        let text = ArticleText::from_parsed(parsed.clone(), body);
        let body_line = file.source.line_col(file.body_start).0 - 1;
        (excerpts, unanchored) = validate_excerpts(annotations, &text, body_line, &file.source, config, diags);
    }
    if !ok_id {
        return None;
    }
    Some((
        Article {
            id: file.stem.clone(),
            source: file.source.clone(),
            body_start: file.body_start,
            title: title?,
            outlet: outlet?,
            published: published?,
            author,
            url,
            archive_url,
            language,
            retrieved,
            reliability,
            summary,
            tags,
            note,
            publish,
            sha256: body_sha256(body),
            text: parsed,
            excerpts: Vec::new(),
            annotated: annotations.is_some(),
        },
        excerpts,
        unanchored,
    ))
}

/// The hosts of the archives an `archive_url` is expected at: the Wayback Machine,
/// archive.today (under its several names), perma.cc, and Ghostarchive.
const ARCHIVE_HOSTS: &[&str] = &[
    "web.archive.org",
    "archive.org",
    "wayback.archive.org",
    "archive.today",
    "archive.ph",
    "archive.is",
    "archive.li",
    "archive.vn",
    "archive.fo",
    "archive.md",
    "perma.cc",
    "ghostarchive.org",
];

/// An `archive_url` on a host that is not a known archive is likely the original's address
/// pasted twice: a note (some newsrooms keep their own archive, so not an error).
fn check_archive_host(
    source: &Arc<crate::source::Source>,
    node: &crate::yaml::Node,
    archive: &str,
    diags: &mut Diagnostics,
) {
    let host = url::Url::parse(archive)
        .ok()
        .and_then(|u| u.host_str().map(|h| h.trim_start_matches("www.").to_ascii_lowercase()));
    let known = host.as_deref().is_some_and(|h| ARCHIVE_HOSTS.contains(&h));
    if !known {
        diags.push(
            crate::diag::Diagnostic::note(
                "unknown-archive",
                source,
                node.span.clone(),
                format!(
                    "`{}` is not a known web archive",
                    host.as_deref().unwrap_or(archive)
                ),
            )
            .label("expected a copy at web.archive.org, archive.today (archive.ph, archive.is…) or perma.cc")
            .help("`archive_url` is where a reader finds the article if the original changes or disappears; keep it if this is your own archive"),
        );
    }
}
