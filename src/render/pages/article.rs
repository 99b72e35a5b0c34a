//! An article's page and the pages of its excerpts, made together: the article's text is
//! rendered once (highlights, reference numbers, actor links, sanitised) and each excerpt page
//! takes its paragraph from that rendering, so an article's cost stays linear whatever its
//! number of excerpts.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde_json::json;

use crate::diag::Diagnostic;
use crate::model::{EntityKind, Form, Mentions, Publish};
use crate::render::highlight::{self, Highlight, LinkedMention, Markers, RawHtml};
use crate::render::jsonld;
use crate::render::markdown::to_plain_resolved;
use crate::render::pages::{Page, meta};
use crate::render::site::{Site, entity_path, extract};
use crate::render::views::*;
use crate::text::words::truncate;

/// `articles/<id>/index.html` and `excerpts/<id>/index.html` for each of its excerpts, each
/// handed to `emit` as soon as it is made (the excerpt pages in parallel: an article may have
/// tens of thousands). Stops at the first error `emit` returns.
pub fn article_and_excerpts<E: Send>(
    site: &Site,
    ai: usize,
    emit: &(dyn Fn(Result<Page, Diagnostic>) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let model = site.model;
    let a = &model.articles[ai];
    let published = &site.index.published[ai];
    let all = highlights(site, ai);
    let text = &a.text.rendered.text;
    // What the publishing mode shows: the whole text, the passages (with the highlights of the
    // excerpts shown in them), or nothing. Every page below takes the article's text from
    // these blocks only.
    let (blocks, shown) = match published.mode {
        Publish::Full => (
            highlight::render(
                &a.text,
                &all,
                &mentions(site, ai, |_| true),
                Markers::Numbered,
                if model.config.trust_html {
                    RawHtml::Trusted
                } else {
                    RawHtml::Clean
                },
            ),
            all.clone(),
        ),
        Publish::Excerpts => {
            let shown: Vec<Highlight> = all
                .iter()
                .zip(&published.shown)
                .filter(|(_, s)| **s)
                .map(|(h, _)| h.clone())
                .collect();
            let paragraphs: Vec<_> = published.passages.iter().flatten().cloned().collect();
            let mentions = mentions(site, ai, |r| published.shows(r));
            let blocks = highlight::render_passages(text, &paragraphs, &shown, &mentions, Markers::Numbered);
            (blocks, shown)
        }
        Publish::Private => (Vec::new(), Vec::new()),
    };
    a.excerpts
        .par_iter()
        .zip(&all)
        .zip(&published.shown)
        .try_for_each(|((&e, h), &in_text)| {
            let context = in_text.then(|| {
                let bounds = match published.mode {
                    Publish::Full => 0..text.len(),
                    _ => blocks
                        .get(blocks.partition_point(|b| b.rendered.end <= h.range.start))
                        .map_or(h.range.clone(), |b| b.rendered.clone()),
                };
                highlight::context_of(&blocks, text, h, bounds)
            });
            emit(excerpt_page(site, e, context))
        })?;
    // Last: the page's text is written from the blocks' HTML, which the excerpt pages no
    // longer need.
    emit(article_page(site, ai, blocks, &shown))
}

/// The share of an article's text highlighted at rest, at most: past it, highlighting stops
/// meaning anything (about 90% of the example's longest article is inside some excerpt).
const AT_REST_SHARE: usize = 3;

/// Which of an article's excerpts are highlighted at rest, by position in `a.excerpts`: those
/// marked `key`, then direct quotes, then passages with a stance, then the rest, shortest first
/// within each, while their lengths add up to at most a third of the text (overlaps counted
/// twice, so the real share is never more).
fn at_rest(site: &Site, ai: usize) -> Vec<bool> {
    let model = site.model;
    let a = &model.articles[ai];
    let budget = a.text.rendered.text.len() / AT_REST_SHARE;
    let mut order: Vec<usize> = (0..a.excerpts.len()).collect();
    order.sort_by_key(|&n| {
        let ex = &model.excerpts[a.excerpts[n]];
        (!ex.key, ex.form != Form::Direct, ex.stance.is_none(), ex.range.len(), n)
    });
    let mut chosen = vec![false; a.excerpts.len()];
    let mut used = 0;
    for n in order {
        let len = model.excerpts[a.excerpts[n]].range.len();
        if used + len <= budget {
            used += len;
            chosen[n] = true;
        }
    }
    chosen
}

/// The highlight of each excerpt of an article, in text order.
fn highlights(site: &Site, ai: usize) -> Vec<Highlight> {
    let a = &site.model.articles[ai];
    let at_rest = at_rest(site, ai);
    a.excerpts
        .iter()
        .enumerate()
        .map(|(n, &e)| {
            let ex = &site.model.excerpts[e];
            let stance_label = match &ex.stance {
                Some(s) => site.label(s).into_owned(),
                None => "Excerpt".to_string(),
            };
            Highlight {
                range: ex.range.clone(),
                id: ex.id.clone(),
                class: format!(
                    "excerpt stance-{}{}",
                    ex.stance.as_deref().unwrap_or("none"),
                    if at_rest[n] { " at-rest" } else { "" }
                ),
                href: format!("../../{}", site.url(EntityKind::Excerpt, &ex.id)),
                number: n + 1,
                title: format!("{stance_label}, {}: {}", site.attribution(e), site.text(e)),
            }
        })
        .collect()
}

/// The actor names to link in the text an article's page shows (`shown`), as `mentions:` in
/// dossier.yaml says: with `first`, an actor's first mention in the text shown.
fn mentions(site: &Site, ai: usize, shown: impl Fn(&std::ops::Range<usize>) -> bool) -> Vec<LinkedMention> {
    let mut linked = BTreeSet::new();
    // One preview per actor, however often the article names them.
    let mut previews: std::collections::HashMap<usize, String> = std::collections::HashMap::new();
    site.index.articles[ai]
        .mentions
        .iter()
        .filter(|m| shown(&m.range()))
        .filter(|m| match site.model.config.mentions {
            Mentions::None => false,
            Mentions::All => true,
            Mentions::First => linked.insert(m.actor()),
        })
        .map(|m| {
            let actor = &site.model.actors[m.actor()];
            LinkedMention {
                range: m.range(),
                href: format!("../../{}", site.url(EntityKind::Actor, &actor.id)),
                title: previews
                    .entry(m.actor())
                    .or_insert_with(|| site.actor_preview(m.actor()))
                    .clone(),
            }
        })
        .collect()
}

/// `articles/<id>/index.html`.
fn article_page(
    site: &Site,
    ai: usize,
    blocks: Vec<highlight::Block>,
    highlights: &[Highlight],
) -> Result<Page, Diagnostic> {
    let model = site.model;
    let a = &model.articles[ai];
    let l = &site.index.articles[ai];
    let root = "../../";
    let published = &site.index.published[ai];
    let text = &a.text.rendered.text;
    // In `excerpts` mode, "[…]" goes before each passage, except one the text starts with,
    // and after the last, unless the text ends with it.
    let passage_starts: BTreeSet<usize> = published
        .passages
        .iter()
        .filter_map(|p| p.first())
        .map(|r| r.start)
        .collect();
    let text_start = text.len() - text.trim_start().len();
    let omitted_after = published
        .passages
        .last()
        .and_then(|p| p.last())
        .is_some_and(|r| r.end < text.trim_end().len());
    let left_out: Vec<usize> = published.left_out().map(|n| a.excerpts[n]).collect();
    let body = body(site, ai, blocks, highlights, |b| {
        passage_starts.contains(&b.rendered.start) && b.rendered.start > text_start
    });
    let mut news = json!({"@type": "NewsArticle", "headline": a.title, "datePublished": a.published.iso(),
        "publisher": {"@type": "Organization", "name": a.outlet}});
    if let Some(author) = &a.author {
        news["author"] = json!({"@type": "Person", "name": author});
    }
    if let Some(url) = &a.url {
        news["isBasedOn"] = json!(url);
    }
    if let Some(archive) = &a.archive_url {
        news["archivedAt"] = json!(archive);
    }
    if let Some(language) = &a.language {
        news["inLanguage"] = json!(language);
    }
    let view = ArticleView {
        article: ArticleDetail {
            id: &a.id,
            title: &a.title,
            outlet: &a.outlet,
            author: a.author.as_deref(),
            published: a.published.iso(),
            published_human: a.published.human(),
            url: a.url.as_deref(),
            archive_url: a.archive_url.as_deref(),
            lang: site.lang(a.language.as_deref()),
            sha256: &a.sha256,
            retrieved: a.retrieved.map(|d| d.iso()),
            retrieved_human: a.retrieved.map(|d| d.human()),
            reliability: a.reliability.map(|c| c.to_string()),
            reliability_label: a.reliability.map(crate::render::site::reliability_label),
            summary_html: site.md(&a.summary, root),
            note_html: site.md(&a.note, root),
            tags: site.tag_links(&a.tags),
        },
        // Given to the template when the page is rendered (see `Body`).
        body_html: String::new(),
        publish: published.mode.as_str(),
        share_shown: published.share.1,
        omitted_after,
        left_out: match published.mode {
            Publish::Excerpts => site.excerpt_refs(&left_out),
            _ => Vec::new(),
        },
        stances: model
            .config
            .stances
            .iter()
            .filter(|s| {
                a.excerpts
                    .iter()
                    .any(|&e| model.excerpts[e].stance.as_ref() == Some(*s))
            })
            .map(|s| StanceView {
                id: s,
                label: site.label(s),
            })
            .collect(),
        highlighted_at_rest: highlights.iter().filter(|h| h.class.ends_with(" at-rest")).count(),
        excerpt_count: a.excerpts.len(),
        // Listed only where the page shows them (a `private` article's quotes): an article
        // may have tens of thousands.
        excerpts: match published.mode {
            Publish::Private => site.excerpt_refs(&a.excerpts),
            _ => Vec::new(),
        },
        actors: l.actors.iter().map(|&x| site.actor_ref(x)).collect(),
        incidents: l.incidents.iter().map(|&x| site.incident_ref(x)).collect(),
        backlinks: site.backlinks(&a.id),
    };
    let description = a
        .summary
        .as_ref()
        .map(|s| to_plain_resolved(&s.text, site))
        .unwrap_or_else(|| format!("{}, {}", a.outlet, a.published.human()));
    let path = entity_path(EntityKind::Article, &a.id);
    Ok(Page::new(path, "article.html", meta(&a.title, description), &view)?
        .with_jsonld(news)
        .with_body(body))
}

/// The text an article's page shows (`body_html`): each top-level block in its
/// `<div class="block">`, with the notes of the excerpts whose passage ends in it beside it, and
/// in `excerpts` mode "[…]" where text is left out (`omitted_before`). Made here, not by the
/// template, so that a long article's text is never a Tera value per block and per note (a
/// 20 MB article has 136,000 blocks; an article may have 80,000 notes); the markup is what
/// `article.html` wrote for each block before. The blocks' HTML is kept as rendered and written
/// around the markup of each block when the page is written (`Body::write`), so the text is
/// never held twice.
fn body(
    site: &Site,
    ai: usize,
    blocks: Vec<highlight::Block>,
    highlights: &[Highlight],
    omitted_before: impl Fn(&highlight::Block) -> bool,
) -> Body {
    let model = site.model;
    let a = &model.articles[ai];
    let root = "../../";
    let full = site.index.published[ai].mode == Publish::Full;
    // In `full` mode the text's language goes on each block's text (the notes are in the
    // site's language); the passages of `excerpts` mode never had it.
    let lang = match (full, site.lang(a.language.as_deref())) {
        (true, Some(l)) => {
            let mut attrs = format!(" lang=\"{}\"", escape(l.tag));
            if let Some(dir) = l.dir {
                attrs.push_str(&format!(" dir=\"{}\"", escape(dir)));
            }
            attrs
        }
        _ => String::new(),
    };
    let (open, notes_on) = if full {
        (
            format!("<div class=\"block\">\n<div class=\"text\"{lang}>"),
            "paragraph",
        )
    } else {
        ("<div class=\"block\">\n<div class=\"text\">".to_string(), "passage")
    };
    let omitted: Vec<usize> = match full {
        true => Vec::new(),
        false => (0..blocks.len()).filter(|&n| omitted_before(&blocks[n])).collect(),
    };
    let notes = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.ends.is_empty())
        .map(|(n, b)| {
            let mut out = format!(
                "<aside class=\"notes\" aria-label=\"Notes on {notes_on} {}\">\n<ol>",
                n + 1
            );
            for &h in &b.ends {
                let number = highlights[h].number;
                note(site, a.excerpts[number - 1], number, root, &mut out);
            }
            out.push_str("</ol>\n</aside>");
            (n, out)
        })
        .collect();
    Body {
        blocks,
        open,
        omitted,
        notes,
    }
}

/// The text of an article's page (`body_html`), made but not yet written out: the blocks' HTML
/// and the markup around each block. Written straight into the page's file between the
/// template's output before and after it when the templates allow (`render::Frame::render`), or
/// made into one string for the template otherwise.
pub struct Body {
    blocks: Vec<highlight::Block>,
    /// What opens each block's text.
    open: String,
    /// The blocks that "[…]" goes before (`excerpts` mode), in order.
    omitted: Vec<usize>,
    /// The notes beside each block that has some (block, markup), in order.
    notes: Vec<(usize, String)>,
}

/// Text left out, in `excerpts` mode.
const OMISSION: &str = "<p class=\"omission\" role=\"separator\" aria-label=\"text left out\">[…]</p>\n";

impl Body {
    /// Write it, piece by piece.
    pub fn write(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        pieces(&self.blocks, &self.open, &self.omitted, &self.notes, &mut |piece| {
            out.write_all(piece.as_bytes())
        })
    }

    /// It as one string (each block's HTML let go of once copied).
    pub fn into_html(self) -> String {
        let mut len = 0;
        let _ = pieces(&self.blocks, &self.open, &self.omitted, &self.notes, &mut |piece| {
            len += piece.len();
            Ok(())
        });
        let mut html = String::with_capacity(len);
        let _ = pieces(self.blocks, &self.open, &self.omitted, &self.notes, &mut |piece| {
            html.push_str(piece);
            Ok(())
        });
        html
    }
}

/// The pieces of a [`Body`], in order, handed to `out`.
fn pieces<B: std::borrow::Borrow<highlight::Block>>(
    blocks: impl IntoIterator<Item = B>,
    open: &str,
    omitted: &[usize],
    notes: &[(usize, String)],
    out: &mut dyn FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut omitted = omitted.iter().peekable();
    let mut notes = notes.iter().peekable();
    for (n, b) in blocks.into_iter().enumerate() {
        if omitted.next_if(|&&o| o == n).is_some() {
            out(OMISSION)?;
        }
        out(open)?;
        out(&b.borrow().html)?;
        out("</div>\n")?;
        if let Some((_, aside)) = notes.next_if(|(k, _)| *k == n) {
            out(aside)?;
        }
        out("\n</div>\n")?;
    }
    Ok(())
}

/// One note beside a block: an excerpt's stance, speaker, number and note.
fn note(site: &Site, e: usize, number: usize, root: &str, out: &mut String) {
    use std::fmt::Write;
    let ex = &site.model.excerpts[e];
    // As the template tested them: an empty string is false.
    let stance = ex.stance.as_deref().filter(|s| !s.is_empty());
    let _ = write!(
        out,
        "<li value=\"{number}\" class=\"note stance-{}\">",
        escape(stance.unwrap_or("none"))
    );
    if let Some(s) = stance {
        let _ = write!(
            out,
            "<span class=\"stance stance-{}\">{}</span>",
            escape(s),
            escape(&site.label(s))
        );
    }
    if let Some(speaker) = site.name(&ex.speaker) {
        let _ = write!(out, " <span class=\"speaker\">{}</span>", escape(speaker));
        if ex.form != Form::Direct {
            out.push_str(" <span class=\"form\">(reported)</span>");
        }
    }
    let _ = write!(
        out,
        " <a class=\"note-link\" href=\"{}{}\">excerpt {number}</a>",
        escape(root),
        escape(&site.url(EntityKind::Excerpt, &ex.id))
    );
    if let Some(c) = ex.credibility.filter(|&c| c != 0) {
        let _ = write!(out, " <span class=\"meta\">credibility {c}</span>");
    }
    if let Some(note) = site.md(&ex.note, root).filter(|n| !n.is_empty()) {
        let _ = write!(
            out,
            "<details class=\"note-text\"><summary>Note</summary>{note}</details>"
        );
    }
    out.push_str("</li>");
}

/// Text escaped for HTML as the templates escape it (Tera's `escape_html`: `&`, `<`, `>`, `"`
/// and `'`, as `markdown::escape_attr` does), so that the body written here matches what the
/// template wrote; borrowed when there is nothing to escape.
fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(crate::render::markdown::escape_attr(text))
}

/// `excerpts/<id>/index.html`.
/// `context_html` is the passage in its paragraph, when the article's publishing mode shows it
/// (else the page shows the quote alone, and says why).
fn excerpt_page(site: &Site, e: usize, context_html: Option<String>) -> Result<Page, Diagnostic> {
    let model = site.model;
    let ex = &model.excerpts[e];
    let ai = ex.article;
    let a = &model.articles[ai];
    let root = "../../";
    let text = site.text(e);
    let view = ExcerptView {
        excerpt: NotedExcerpt {
            excerpt: site.excerpt_ref(e),
            note_html: site.md(&ex.note, root),
            quote: Some(&ex.quote),
        },
        // Blocks end after their "\n": the passage is in the first block ending past its start.
        paragraph: a.text.rendered.block_ends.partition_point(|&end| end <= ex.range.start) + 1,
        context_html,
        publish: site.index.published[ai].mode.as_str(),
        article: site.article_ref(ai),
        article_url: a.url.as_deref(),
        source_link: a.url.as_ref().map(|u| text_fragment_url(u, text)),
        archive_url: a.archive_url.as_deref(),
        lang: site.lang(a.language.as_deref()),
        citation: citation(site, e),
        actors: site.refs_of(&ex.actors),
        incidents: site.refs_of(&ex.incidents),
        tags: site.tag_links(&ex.tags),
        responds_to: site.refs_of(&ex.responds_to),
        responded_by: site.excerpt_refs(&site.index.responded_by[e]),
        backlinks: site.backlinks(&ex.id),
    };
    let title = match ex.words_of() {
        Some(_) => format!("“{}”", truncate(text, 70)),
        None => truncate(text, 70),
    };
    let path = entity_path(EntityKind::Excerpt, &ex.id);
    let description = format!("Excerpt from {}, {}", a.title, a.outlet);
    Ok(Page::new(path, "excerpt.html", meta(title, description), &view)?.with_jsonld(jsonld::excerpt(site, e)))
}

/// A ready-to-copy citation of an excerpt. Quotation marks go around the passage only when it
/// is someone's exact words, after that person's name; otherwise the passage is the outlet's,
/// and the citation says so.
fn citation(site: &Site, e: usize) -> String {
    let ex = &site.model.excerpts[e];
    let a = &site.model.articles[ex.article];
    let text = site.text(e);
    let author = a.author.as_ref().map(|x| format!(" by {x}")).unwrap_or_default();
    let url = match (&a.url, &a.archive_url) {
        (Some(u), Some(archive)) => format!(" {u} (archived: {archive})"),
        (Some(u), None) => format!(" {u}"),
        (None, Some(archive)) => format!(" Archived: {archive}"),
        (None, None) => String::new(),
    };

    let quoted_in = format!(
        "quoted in “{}”{author}, {}, {}.{url}",
        a.title,
        a.outlet,
        a.published.human()
    );
    // The outlet is named once: after "quoted in" the title, or before "reporting".
    let source = format!("“{}”{author}, {}.{url}", a.title, a.published.human());
    let cited = match (ex.form, site.name(&ex.speaker)) {
        (Form::Direct, Some(speaker)) => {
            let relay = site
                .name(&ex.via)
                .map(|v| format!(", relayed by {v}"))
                .unwrap_or_default();
            format!("“{text}” — {speaker}{relay}, {quoted_in}")
        }
        // The relay's own words, which the article quotes.
        (Form::Reported, Some(speaker)) if ex.words_of().is_some() => {
            format!(
                "“{text}” — {}, reporting {speaker}, {quoted_in}",
                site.name(&ex.via).unwrap_or_default()
            )
        }
        (_, Some(speaker)) => {
            let relay = site.name(&ex.via).map(|v| format!(" via {v}")).unwrap_or_default();
            format!("{} — {}, reporting {speaker}{relay}: {source}", extract(text), a.outlet)
        }
        (_, None) => format!("{} — {}: {source}", extract(text), a.outlet),
    };
    // A translated quote says so, and from what.
    match &ex.original {
        Some(o) => format!(
            "{cited} Translated from {}.",
            crate::text::language::name(&o.language).unwrap_or_else(|| o.language.clone())
        ),
        None => cited,
    }
}

/// Percent-encode text for a `#:~:text=` fragment (everything but unreserved characters, and
/// `-`, `,` and `&`, which the fragment syntax uses).
fn fragment_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'~' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `#:~:text=` link to a passage: the whole quote when short, otherwise its first and last
/// words as a range, which browsers match across elements.
pub fn text_fragment_url(url: &str, quote: &str) -> String {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let base = url.split('#').next().unwrap_or(url);
    if words.len() <= 8 {
        format!("{base}#:~:text={}", fragment_encode(&words.join(" ")))
    } else {
        format!(
            "{base}#:~:text={},{}",
            fragment_encode(&words[..4].join(" ")),
            fragment_encode(&words[words.len() - 4..].join(" "))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fragments_encode_and_shorten() {
        assert_eq!(
            text_fragment_url("https://x.org/a#top", "a-b, c"),
            "https://x.org/a#:~:text=a%2Db%2C%20c"
        );
        let long = "one two three four five six seven eight nine ten";
        assert_eq!(
            text_fragment_url("https://x.org/a", long),
            "https://x.org/a#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten"
        );
    }
}
