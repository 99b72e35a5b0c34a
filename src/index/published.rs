//! What of each article the site publishes, decided once here and read by every writer (the
//! article and excerpt pages, search, `dossier.json`): the article's publishing mode (`full`,
//! `excerpts`, `private`) and, in `excerpts` mode, the sentences shown.
//!
//! In `excerpts` mode each excerpt is shown within the sentences it lies in. Excerpts are taken
//! in reading order while the sentences shown add up to at most `publish_share` percent of the
//! characters of all the article's sentences; the first excerpt that would pass the cap, and
//! every excerpt after it whose sentences are not already shown, are left out (their pages
//! still show the quote alone), and a `publish-share-exceeded` warning names them. The
//! sentences shown are grouped into passages (runs of consecutive sentences), each cut into
//! paragraphs at block ends, which the article page shows with "[…]" between passages.

use std::borrow::Cow;
use std::ops::Range;

use crate::diag::Diagnostic;
use crate::model::{Article, Dossier, Publish};
use crate::text::sentences::article_sentences;

/// What the site publishes of one article.
#[derive(Debug, Clone)]
pub struct Published {
    /// The article's mode.
    pub mode: Publish,
    /// In `excerpts` mode, the passages shown, in reading order: each a run of consecutive
    /// sentences, as its paragraphs (ranges of the rendered text, one per block it spans).
    /// Empty in the other modes.
    pub passages: Vec<Vec<Range<usize>>>,
    /// Per excerpt of the article (parallel to `Article::excerpts`): whether the article's
    /// text shown on the site contains it (always in `full`, never in `private`).
    pub shown: Vec<bool>,
    /// In `excerpts` mode, the share of the article's text that the excerpts would take if
    /// all were shown, and the share shown, in percent (rounded up).
    pub share: (usize, usize),
}

impl Published {
    /// Whether the site shows the article's text in full.
    pub fn is_full(&self) -> bool {
        self.mode == Publish::Full
    }

    /// The positions in `Article::excerpts` of the excerpts left out of the article's text.
    pub fn left_out(&self) -> impl Iterator<Item = usize> + '_ {
        self.shown.iter().enumerate().filter(|(_, s)| !**s).map(|(n, _)| n)
    }

    /// Whether the rendered-text range `range` lies inside the text the site shows.
    pub fn shows(&self, range: &Range<usize>) -> bool {
        match self.mode {
            Publish::Full => true,
            Publish::Private => false,
            // Passages are in reading order and apart: the one that could hold the range is the
            // last that starts at or before it. Between its paragraphs is only a block end.
            Publish::Excerpts => {
                let i = self
                    .passages
                    .partition_point(|p| p.first().is_some_and(|f| f.start <= range.start));
                i.checked_sub(1)
                    .and_then(|i| self.passages[i].last())
                    .is_some_and(|last| range.end <= last.end)
            }
        }
    }

    /// The article's text as the site publishes it, as plain text: all of it (`full`), its
    /// passages with `[…]` between them (`excerpts`), or nothing (`private`). For search and
    /// the data export, which must carry no more than the pages do.
    pub fn text<'a>(&self, article: &'a Article) -> Cow<'a, str> {
        let text = &article.text.rendered.text;
        match self.mode {
            Publish::Full => Cow::Borrowed(text),
            Publish::Private => Cow::Borrowed(""),
            Publish::Excerpts => Cow::Owned(
                self.passages
                    .iter()
                    .map(|p| p.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>().join("\n"))
                    .collect::<Vec<_>>()
                    .join("\n[…]\n"),
            ),
        }
    }
}

/// What the site publishes of every article, with a warning for each article whose
/// excerpts pass the share `dossier.yaml` allows.
pub fn published(model: &Dossier) -> (Vec<Published>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let published = model
        .articles
        .iter()
        .map(|a| {
            let p = of_article(model, a);
            if let Some(d) = share_warning(model, a, &p) {
                diags.push(d);
            }
            p
        })
        .collect();
    (published, diags)
}

fn of_article(model: &Dossier, a: &Article) -> Published {
    let n = a.excerpts.len();
    match a.publish {
        Publish::Full => {
            return Published {
                mode: Publish::Full,
                passages: Vec::new(),
                shown: vec![true; n],
                share: (100, 100),
            };
        }
        Publish::Private => {
            return Published {
                mode: Publish::Private,
                passages: Vec::new(),
                shown: vec![false; n],
                share: (0, 0),
            };
        }
        Publish::Excerpts => {}
    }
    let text = &a.text.rendered.text;
    let sentences = article_sentences(&a.text.rendered);
    let chars: Vec<usize> = sentences.iter().map(|s| text[s.clone()].chars().count()).collect();
    let total: usize = chars.iter().sum();
    let cap = total * model.config.publish_share as usize / 100;
    // The sentences each excerpt lies in.
    let covers: Vec<Range<usize>> = a
        .excerpts
        .iter()
        .map(|&e| {
            let r = &model.excerpts[e].range;
            let first = sentences.partition_point(|s| s.end <= r.start);
            let last = sentences.partition_point(|s| s.start < r.end.max(r.start + 1));
            first..last.max(first)
        })
        .collect();
    let mut chosen = vec![false; sentences.len()];
    let mut wanted = vec![false; sentences.len()];
    let mut used = 0;
    let mut stopped = false;
    let mut shown = vec![false; n];
    for (k, cover) in covers.iter().enumerate() {
        for s in cover.clone() {
            wanted[s] = true;
        }
        let cost: usize = cover.clone().filter(|&s| !chosen[s]).map(|s| chars[s]).sum();
        if cost == 0 {
            shown[k] = true;
        } else if !stopped && used + cost <= cap {
            used += cost;
            for s in cover.clone() {
                chosen[s] = true;
            }
            shown[k] = true;
        } else {
            stopped = true;
        }
    }
    let percent = |x: usize| if total == 0 { 0 } else { (x * 100).div_ceil(total) };
    let want: usize = (0..sentences.len()).filter(|&s| wanted[s]).map(|s| chars[s]).sum();
    // Runs of consecutive chosen sentences, cut into paragraphs at block ends.
    let block_ends = &a.text.rendered.block_ends;
    let block_of = |offset: usize| block_ends.partition_point(|&end| end <= offset);
    let mut passages: Vec<Vec<Range<usize>>> = Vec::new();
    let mut previous: Option<usize> = None;
    for (s, range) in sentences.iter().enumerate() {
        if !chosen[s] {
            continue;
        }
        let continues = previous == Some(s.wrapping_sub(1));
        previous = Some(s);
        match passages.last_mut() {
            Some(passage) if continues => {
                let last = passage.last_mut().expect("a passage has a paragraph");
                if block_of(last.start) == block_of(range.start) {
                    last.end = range.end;
                } else {
                    passage.push(range.clone());
                }
            }
            _ => passages.push(vec![range.clone()]),
        }
    }
    Published {
        mode: Publish::Excerpts,
        passages,
        shown,
        share: (percent(want), percent(used)),
    }
}

/// `publish-share-exceeded`: the excerpts of an `excerpts` article would pass the share, so
/// some are left out; at the first one left out, naming them all.
fn share_warning(model: &Dossier, a: &Article, p: &Published) -> Option<Diagnostic> {
    if p.mode != Publish::Excerpts {
        return None;
    }
    let left: Vec<usize> = p.left_out().map(|n| a.excerpts[n]).collect();
    let first = *left.first()?;
    let ids: Vec<String> = left.iter().map(|&e| format!("`{}`", model.excerpts[e].id)).collect();
    let share = model.config.publish_share;
    Some(
        Diagnostic::warning(
            "publish-share-exceeded",
            &a.source,
            source_span(a, &model.excerpts[first].range),
            format!(
                "the excerpts of `{}` would publish {}% of its text, more than `publish_share` allows ({share}%)",
                a.id, p.share.0
            ),
        )
        .label(format!(
            "from here on, {} left out of the article page ({}% published): {}",
            if left.len() == 1 { "this excerpt is" } else { "excerpts are" },
            p.share.1,
            ids.join(", ")
        ))
        .help(
            "the pages of the excerpts left out show their quote alone; to show them in their sentences, raise `publish_share` in dossier.yaml or annotate less of the article; or set `publish: private` in its front matter",
        ),
    )
}

/// Where a rendered-text range starts in the article's file, to the end of the passage or of
/// its line (the parser's spans map rendered text back to the Markdown; inside a span the
/// offsets are approximate where the source has entities or escapes).
fn source_span(a: &Article, range: &Range<usize>) -> Range<usize> {
    let spans = &a.text.rendered.spans;
    let to_source = |offset: usize| {
        let i = spans
            .partition_point(|s| s.rendered().end <= offset)
            .min(spans.len().saturating_sub(1));
        spans.get(i).map_or(0, |s| {
            let (rendered, source) = (s.rendered(), s.source());
            let local = offset.saturating_sub(rendered.start);
            (source.start + local).min(source.end)
        })
    };
    let text = &a.source.text;
    let start = (a.body_start + to_source(range.start)).min(text.len());
    // The last byte's position, plus one: the range's end may be where the next span starts.
    let end = (a.body_start + to_source(range.end.saturating_sub(1)) + 1).clamp(start, text.len());
    let line_end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    let end = end.min(line_end);
    if text.is_char_boundary(start) && text.is_char_boundary(end) {
        start..end
    } else {
        start..start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpts(passages: Vec<Vec<Range<usize>>>) -> Published {
        Published {
            mode: Publish::Excerpts,
            passages,
            shown: Vec::new(),
            share: (0, 0),
        }
    }

    #[test]
    fn shows_only_what_lies_inside_a_passage() {
        let p = excerpts(vec![vec![10..20], vec![30..40, 41..50], vec![60..70]]);
        for inside in [10..20, 12..15, 30..50, 41..45, 60..70] {
            assert!(p.shows(&inside), "{inside:?}");
        }
        for outside in [0..5, 5..12, 18..22, 20..30, 25..35, 45..55, 69..71, 70..80] {
            assert!(!p.shows(&outside), "{outside:?}");
        }
        assert!(!excerpts(Vec::new()).shows(&(0..1)));
    }
}
