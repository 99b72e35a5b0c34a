//! Suggestions for a quote that is not found: the closest passage of the article, by a
//! bounded fuzzy search, so the error can point at the typo.
//!
//! The search only ever feeds an error message: matching itself is exact after folding. Its
//! cost is bounded whatever the input (a budget of Levenshtein cells, a cap on windows and on
//! the compared length of a long quote).

use std::collections::HashSet;

use super::anchor::{ArticleText, Passage, find_all, word_end_forward, word_start_back};

/// Words of context shown on each side of a fuzzy [`Passage`].
const PASSAGE_CONTEXT_WORDS: usize = 3;
/// Chars of context shown on each side of a fuzzy [`Passage`], at most.
const PASSAGE_CONTEXT_CHARS: usize = 30;

/// Fuzzy search: Levenshtein cells to spend on one quote; the number of
/// candidate windows is this over the squared quote length, clamped to
/// [`FUZZY_MIN_WINDOWS`]..=[`FUZZY_MAX_WINDOWS`].
const FUZZY_CELL_BUDGET: usize = 40_000_000;
/// Fuzzy search: fewest candidate windows evaluated (when seeded).
const FUZZY_MIN_WINDOWS: usize = 8;
/// Fuzzy search: most candidate windows evaluated.
const FUZZY_MAX_WINDOWS: usize = 2000;
/// Fuzzy search: how many of the quote's words (the longest) seed windows.
const FUZZY_WORD_SEEDS: usize = 6;
/// Fuzzy search: when no word occurs, how many words (the longest) give a
/// head and a tail fragment as seeds instead.
const FUZZY_FRAGMENT_WORDS: usize = 3;
/// Fuzzy search: exact hits kept per seed.
const FUZZY_HITS_PER_SEED: usize = 500;
/// Articles whose folded text is at most this long are also searched at
/// every word start when the window budget allows it.
const FUZZY_SMALL_ARTICLE: usize = 64 * 1024;
/// How far (bytes) a window boundary may move to reach a word boundary.
const FUZZY_SNAP_BYTES: usize = 64;
/// Only the first this many chars of a long quote are compared, which
/// bounds the cost of one window.
const FUZZY_MAX_QUOTE_CHARS: usize = 1000;
/// A closest passage less similar than this is not suggested.
const FUZZY_MIN_SIMILARITY: f64 = 0.4;

impl ArticleText {
    /// The passage most similar to `quote` (folded, not found), if any is
    /// similar enough: candidate windows about the quote's length are seeded
    /// from exact hits of the quote's longest words (or of fragments of them
    /// when no word occurs), capped in number, and compared with normalised
    /// Levenshtein similarity. A long quote is compared by its first
    /// [`FUZZY_MAX_QUOTE_CHARS`] chars.
    pub(super) fn closest(&self, quote: &str) -> Option<Passage> {
        let text = &self.folded.text;
        if text.trim_matches(' ').is_empty() {
            return None;
        }
        let quote = match quote.char_indices().nth(FUZZY_MAX_QUOTE_CHARS) {
            Some((cut, _)) => quote[..cut].trim_end_matches(' '),
            None => quote,
        };
        let quote_chars = quote.chars().count().max(1);
        let budget =
            (FUZZY_CELL_BUDGET / quote_chars.saturating_mul(quote_chars)).clamp(FUZZY_MIN_WINDOWS, FUZZY_MAX_WINDOWS);

        // Seeds: (offset in the quote, text).
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut offset = 0;
        for word in quote.split(' ') {
            if !word.is_empty() && !words.iter().any(|&(_, w)| w == word) {
                words.push((offset, word));
            }
            offset += word.len() + 1;
        }
        words.sort_by_key(|&(_, w)| std::cmp::Reverse(w.len()));
        let hits_of = |seed: &str| -> Vec<usize> {
            let mut hits = Vec::new();
            find_all(text, seed, &self.counts, |pos| {
                hits.push(pos);
                hits.len() < FUZZY_HITS_PER_SEED
            });
            hits
        };
        let mut seeded: Vec<(usize, Vec<usize>)> = words
            .iter()
            .take(FUZZY_WORD_SEEDS)
            .map(|&(off, w)| (off, hits_of(w)))
            .collect();
        if seeded.iter().all(|(_, hits)| hits.is_empty()) {
            seeded.clear();
            for &(off, word) in words.iter().take(FUZZY_FRAGMENT_WORDS) {
                let n = word.chars().count();
                let len = (n / 2).max(3);
                if n <= len {
                    continue;
                }
                let head_end = word.char_indices().nth(len).map_or(word.len(), |(i, _)| i);
                let tail_start = word.char_indices().nth(n - len).map_or(0, |(i, _)| i);
                seeded.push((off, hits_of(&word[..head_end])));
                seeded.push((off + tail_start, hits_of(&word[tail_start..])));
            }
        }
        // Rarest seeds first.
        seeded.sort_by_key(|(_, hits)| hits.len());

        let mut starts: Vec<usize> = Vec::new();
        let mut seen: HashSet<usize> = HashSet::new();
        'seeds: for (off, hits) in &seeded {
            for &hit in hits {
                if starts.len() >= budget {
                    break 'seeds;
                }
                let start = snap_word_start(text, hit.saturating_sub(*off));
                if seen.insert(start) {
                    starts.push(start);
                }
            }
        }
        if text.len() <= FUZZY_SMALL_ARTICLE {
            let word_starts = text
                .char_indices()
                .filter(|&(i, c)| c != ' ' && (i == 0 || text.as_bytes()[i - 1] == b' '))
                .map(|(i, _)| i);
            let remaining = budget.saturating_sub(starts.len());
            if word_starts.clone().count() <= remaining {
                for start in word_starts {
                    if seen.insert(start) {
                        starts.push(start);
                    }
                }
            }
        }

        let mut best: Option<(f64, usize, usize)> = None;
        for &start in &starts {
            let end = snap_word_end(text, start.saturating_add(quote.len()));
            let Some(window) = text.get(start..end) else {
                continue;
            };
            let window = window.trim_matches(' ');
            if window.is_empty() {
                continue;
            }
            let score = strsim::normalized_levenshtein(quote, window);
            let better = match best {
                None => true,
                Some((s, b, _)) => score > s || (score == s && start < b),
            };
            if better {
                best = Some((score, start, end));
            }
        }
        let (score, start, end) = best?;
        if score < FUZZY_MIN_SIMILARITY {
            return None;
        }
        let first = start + (text[start..].len() - text[start..].trim_start_matches(' ').len());
        let context_start = word_start_back(text, start, PASSAGE_CONTEXT_WORDS, PASSAGE_CONTEXT_CHARS);
        let context_end = word_end_forward(text, end, PASSAGE_CONTEXT_WORDS, PASSAGE_CONTEXT_CHARS);
        let line = self.source_line(self.folded.original_offset(first));
        Some(Passage {
            text: self.display(context_start..context_end),
            line,
        })
    }
}

/// Moves `pos` (clamped, floored to a char boundary) back to the start of
/// its word, by at most [`FUZZY_SNAP_BYTES`].
fn snap_word_start(text: &str, pos: usize) -> usize {
    let mut p = pos.min(text.len());
    while !text.is_char_boundary(p) {
        p -= 1;
    }
    let limit = p.saturating_sub(FUZZY_SNAP_BYTES);
    while let Some(c) = text[..p].chars().next_back() {
        if c == ' ' || p - c.len_utf8() < limit {
            break;
        }
        p -= c.len_utf8();
    }
    p
}

/// Moves `pos` (clamped, ceiled to a char boundary) forward to the end of
/// its word, by at most [`FUZZY_SNAP_BYTES`].
fn snap_word_end(text: &str, pos: usize) -> usize {
    let mut p = pos.min(text.len());
    while !text.is_char_boundary(p) {
        p += 1;
    }
    let limit = p.saturating_add(FUZZY_SNAP_BYTES);
    while let Some(c) = text[p..].chars().next() {
        if c == ' ' || p + c.len_utf8() > limit {
            break;
        }
        p += c.len_utf8();
    }
    p
}
