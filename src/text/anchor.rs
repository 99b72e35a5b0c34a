//! Anchoring of excerpt quotes in articles (W3C `TextQuoteSelector` style).
//!
//! This module owns everything between an article's Markdown source and the
//! byte range an analyst's excerpt points at: the article's *rendered text*
//! (what a reader sees, Markdown syntax removed, built from the same parser
//! events the article renderer walks, see [`event_text`]); the *folding* that
//! makes matching robust to typography (Unicode NFKC, white space runs, soft
//! hyphens and zero-width characters, quote and dash variants, see [`fold`]);
//! *anchoring* a quote in the folded text with a linear substring search
//! ([`ArticleText::anchor`]); *disambiguation* of several matches by
//! `prefix`, `suffix` and `occurrence`, with errors that say where each match
//! is and the shortest prefix that would pick it; and *suggestions* of the
//! closest passage (bounded fuzzy search) when a quote is not found.
//!
//! Everything here is pure: no I/O, no global state, and no input makes it
//! panic. Matching is exact after folding: it is case-sensitive and there is
//! never a silent fuzzy match; the fuzzy search only feeds error messages.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::fold::{Folded, display_text, fold, fold_context};
use std::sync::Arc;

use super::markdown::{ParsedArticle, RenderedText};

/// Longest suggested prefix, in chars, in [`Candidate::shortest_prefix`].
pub const MAX_PREFIX_CHARS: usize = 100;

/// At most this many candidates are listed in an [`AnchorError`] (the first
/// ones in article order); a quote with more matches than this is far too
/// short to be disambiguated by hand anyway.
pub const MAX_LISTED_CANDIDATES: usize = 1000;

/// Shortest prefixes are computed only when the quote has at most this many
/// matches (beyond it every [`Candidate::shortest_prefix`] is `None`), which
/// bounds the cost of the error path on pathological input.
const MAX_PREFIX_ANALYSIS: usize = 20_000;

/// Bytes compared when sorting matches by the text before them; larger than
/// any prefix of [`MAX_PREFIX_CHARS`] chars.
const PREFIX_COMPARE_BYTES: usize = 4 * MAX_PREFIX_CHARS + 4;

/// Words of context shown before a match in [`Candidate::context`].
const CONTEXT_WORDS: usize = 5;
/// Chars of context shown before a match in [`Candidate::context`], at most.
const CONTEXT_CHARS: usize = 60;

/// What to anchor: a quote, and optionally what must come right before or
/// after it and which of the remaining matches to take.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selector<'a> {
    /// The exact text to find (after folding).
    pub quote: &'a str,
    /// Text just before the quote; white space only counts as absent.
    pub prefix: Option<&'a str>,
    /// Text just after the quote; white space only counts as absent.
    pub suffix: Option<&'a str>,
    /// 1-based index of the match to take, counting only matches that also
    /// satisfy `prefix` / `suffix` if given. A last resort.
    pub occurrence: Option<usize>,
}

/// A passage of the article, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The passage as the reader sees it, white space folded, trimmed: about
    /// the quote's length plus a few words of context on each side.
    pub text: String,
    /// 1-based line in the Markdown source where the passage's best-matching
    /// window starts.
    pub line: usize,
}

/// One match of a quote, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// 1-based line in the Markdown source where the match starts.
    pub line: usize,
    /// A few words before the match, then the match, as the reader sees it
    /// (white space folded).
    pub context: String,
    /// The shortest text ending right before this match and starting at a
    /// word boundary that, given as `prefix` (alone), picks exactly this
    /// match among all matches of the quote; `None` if no prefix of at most
    /// [`MAX_PREFIX_CHARS`] chars does (then `occurrence` is the way).
    pub shortest_prefix: Option<String>,
    /// The `occurrence` that picks this match: 1-based index among all
    /// matches for [`AnchorError::Ambiguous`] and
    /// [`AnchorError::NoneMatchSelector`] (i.e. without prefix/suffix), and
    /// among the matches satisfying prefix/suffix for
    /// [`AnchorError::StillAmbiguous`] (i.e. with them).
    pub occurrence: usize,
}

/// Why a selector could not be anchored. Candidate lists hold at most
/// [`MAX_LISTED_CANDIDATES`] entries, in article order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorError {
    /// The quote is empty after folding.
    EmptyQuote,
    /// The quote does not occur; `closest` is the most similar passage, if
    /// any is similar enough.
    NotFound {
        /// The closest passage (fuzzy), to show the user the typo.
        closest: Option<Passage>,
    },
    /// Several matches and nothing given to choose.
    Ambiguous {
        /// Every match (the first [`MAX_LISTED_CANDIDATES`]).
        candidates: Vec<Candidate>,
        /// How many matches there are in all.
        total: usize,
    },
    /// The quote matches, but prefix/suffix rule out every match.
    NoneMatchSelector {
        /// Every match of the quote alone (the first [`MAX_LISTED_CANDIDATES`]).
        matches: Vec<Candidate>,
        /// How many matches of the quote alone there are in all.
        total: usize,
    },
    /// Prefix/suffix given, but several matches remain (and no occurrence).
    StillAmbiguous {
        /// The matches that satisfy prefix/suffix (the first [`MAX_LISTED_CANDIDATES`]).
        candidates: Vec<Candidate>,
        /// How many matches satisfy prefix/suffix in all.
        total: usize,
    },
    /// `occurrence` is 0 or more than the number of (selected) matches.
    OccurrenceOutOfRange {
        /// The occurrence asked for.
        occurrence: usize,
        /// How many matches there are (satisfying prefix/suffix if given).
        matches: usize,
    },
}

impl std::fmt::Display for AnchorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnchorError::EmptyQuote => write!(f, "the quote is empty"),
            AnchorError::NotFound { closest: Some(p) } => write!(
                f,
                "the quote was not found; closest passage (line {}): \"{}\"",
                p.line, p.text
            ),
            AnchorError::NotFound { closest: None } => write!(f, "the quote was not found"),
            AnchorError::Ambiguous { total, .. } => {
                write!(f, "the quote matches {total} times; add a prefix, suffix or occurrence")
            }
            AnchorError::NoneMatchSelector { total, .. } => write!(
                f,
                "the quote matches {total} times, but none with the given prefix/suffix"
            ),
            AnchorError::StillAmbiguous { total, .. } => write!(
                f,
                "{total} matches satisfy the prefix/suffix; make them longer or add an occurrence"
            ),
            AnchorError::OccurrenceOutOfRange { occurrence, matches } => write!(
                f,
                "occurrence {occurrence} is out of range: there are {matches} matches"
            ),
        }
    }
}

impl std::error::Error for AnchorError {}

/// The matches of one selector, as [`ArticleText::decide`] reads them.
struct Scan<'s> {
    /// Number of matches of the quote alone.
    total: usize,
    /// Folded start of the first matches of the quote alone (up to `MAX_PREFIX_ANALYSIS + 1`).
    all: &'s [usize],
    /// Number of matches satisfying prefix/suffix.
    selected_total: usize,
    /// Folded start of the first of those (at least the first `MAX_LISTED_CANDIDATES`).
    selected: &'s [usize],
    /// The match picked by `occurrence`, if reached.
    picked: Option<usize>,
}

/// A quote of a batch ([`ArticleText::anchor_all`]), folded, and what the pass found of it.
struct QuoteScan {
    /// The folded, trimmed quote.
    quote: String,
    /// Number of matches.
    total: usize,
    /// Folded start of the first matches (up to `MAX_PREFIX_ANALYSIS + 1`).
    all: Vec<usize>,
    /// The occurrences that selectors without prefix or suffix ask for (sorted, distinct, from
    /// 1), with the match each picks once the pass reaches it.
    wanted: Vec<(usize, Option<usize>)>,
    /// The first entry of `wanted` not reached yet.
    next_wanted: usize,
}

/// A quote of a batch with a prefix and/or a suffix, and the matches that satisfy them.
struct FilterScan {
    /// Index of the quote in the batch's quotes.
    quote: usize,
    /// Folded starts of the quote's matches that satisfy the prefix and suffix, in order.
    selected: Vec<usize>,
}

/// What a match of one pattern of a batch's automaton stands for.
enum Target {
    /// A match of a quote alone.
    Quote(usize),
    /// A match of a quote with its prefix and/or suffix around it; the quote starts `offset`
    /// bytes after the match.
    Filter { filter: usize, offset: usize },
}

/// How one selector of a batch is looked up after the pass.
enum Plan {
    /// The quote folds to nothing.
    Empty,
    /// A quote alone: the index of its [`QuoteScan`].
    Quote(usize),
    /// A quote with prefix and/or suffix: the index of its [`FilterScan`].
    Filter(usize),
}

/// The patterns of a batch's automaton, each distinct once, with what each stands for.
#[derive(Default)]
struct Patterns {
    texts: Vec<String>,
    targets: Vec<Vec<Target>>,
    ids: HashMap<String, usize>,
}

impl Patterns {
    fn add(&mut self, text: String, target: Target) {
        let id = match self.ids.get(&text) {
            Some(&id) => id,
            None => {
                let id = self.texts.len();
                self.ids.insert(text.clone(), id);
                self.texts.push(text);
                self.targets.push(Vec::new());
                id
            }
        };
        self.targets[id].push(target);
    }
}

/// Failures of one [`ArticleText::anchor_all`] that carry their full detail (the closest
/// passage of a quote not found, the listed matches of an ambiguous one). Later failures of
/// the same article say what failed without it, which bounds the cost of an annotation file
/// whose every quote fails (each detail searches the article again).
pub const MAX_DETAILED_FAILURES: usize = 50;

/// Patterns times the article's length (in bytes) up to which [`ArticleText::anchor_all`]
/// searches for each pattern on its own instead of building one automaton for all: 64 patterns
/// on a 16 KB article, 6 on a 170 KB one. Past it the single pass wins, and the cost stays the
/// article's length plus the matches however many quotes there are.
const SMALL_BATCH: usize = 1 << 20;

#[cfg(test)]
thread_local! {
    /// Passes over an article's folded text on this thread: searches for one quote, one
    /// batch, or one seed of a suggestion (tests count them).
    static PASSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts one pass over an article's folded text (in tests).
fn count_pass() {
    #[cfg(test)]
    PASSES.with(|p| p.set(p.get() + 1));
}

/// An article prepared once for anchoring many quotes: its parse (and so its rendered text),
/// the folded rendered text, and the line starts of the source.
#[derive(Debug, Clone)]
pub struct ArticleText {
    /// The article, parsed once.
    parsed: Arc<ParsedArticle>,
    /// The folded rendered text.
    pub(super) folded: Folded,
    /// Byte counts of the folded text, to pick rare bytes when searching.
    pub(super) counts: Box<ByteCounts>,
    /// Byte offset of the start of each source line, in 32 bits as in [`crate::source::Source`].
    line_starts: Vec<u32>,
}

impl ArticleText {
    /// Parses, renders and folds `markdown`.
    pub fn new(markdown: &str) -> Self {
        ArticleText::from_parsed(Arc::new(ParsedArticle::parse(markdown)), markdown)
    }

    /// Folds an article already parsed from `markdown`.
    pub fn from_parsed(parsed: Arc<ParsedArticle>, markdown: &str) -> Self {
        let folded = fold(&parsed.rendered.text);
        let line_starts = std::iter::once(0)
            .chain(
                markdown
                    .match_indices('\n')
                    .map_while(|(i, _)| u32::try_from(i + 1).ok()),
            )
            .collect();
        let counts = byte_counts(folded.text.as_bytes());
        ArticleText {
            parsed,
            folded,
            counts,
            line_starts,
        }
    }

    /// The article's rendered text.
    pub fn rendered(&self) -> &RenderedText {
        &self.parsed.rendered
    }

    /// The article's parse, to keep for the later stages.
    pub fn parsed(&self) -> &Arc<ParsedArticle> {
        &self.parsed
    }

    /// The folded rendered text (what quotes are searched in).
    pub fn folded(&self) -> &Folded {
        &self.folded
    }

    /// Anchors `selector`: the range, in bytes of `self.rendered().text`,
    /// with no leading/trailing white space, always on char boundaries.
    ///
    /// The folded quote is searched (overlapping matches count, and matches
    /// must start and end on folding group boundaries). Then, in order:
    /// prefix/suffix filter the matches; `occurrence` picks the n-th of the
    /// remaining ones; otherwise exactly one must remain.
    ///
    /// # Errors
    ///
    /// [`AnchorError::EmptyQuote`] if the quote folds to nothing;
    /// [`AnchorError::NotFound`] (with the closest passage) if it does not
    /// occur; [`AnchorError::NoneMatchSelector`] if prefix/suffix rule out
    /// every match; [`AnchorError::OccurrenceOutOfRange`] if `occurrence` is
    /// 0 or too large; [`AnchorError::Ambiguous`] or
    /// [`AnchorError::StillAmbiguous`] if several matches remain.
    pub fn anchor(&self, selector: &Selector) -> Result<Range<usize>, AnchorError> {
        let quote = fold(selector.quote);
        let quote = quote.text.trim_matches(' ');
        if quote.is_empty() {
            return Err(AnchorError::EmptyQuote);
        }
        let prefix = fold_context(selector.prefix);
        let suffix = fold_context(selector.suffix);
        let filtered = prefix.is_some() || suffix.is_some();
        let text = &self.folded.text;

        let (mut total, mut selected_total, mut picked) = (0, 0, None);
        let (mut all, mut selected) = (Vec::new(), Vec::new());
        self.for_each_match(quote, |pos| {
            let end = pos + quote.len();
            let index = total;
            total += 1;
            if all.len() <= MAX_PREFIX_ANALYSIS {
                all.push(pos);
            }
            if !filtered {
                if selector.occurrence == Some(index + 1) {
                    picked = Some(pos);
                }
                return;
            }
            let prefix_ok = prefix.as_deref().is_none_or(|p| {
                text.get(..pos)
                    .is_some_and(|before| before.trim_end_matches(' ').ends_with(p))
            });
            let suffix_ok = suffix.as_deref().is_none_or(|s| {
                text.get(end..)
                    .is_some_and(|after| after.trim_start_matches(' ').starts_with(s))
            });
            if prefix_ok && suffix_ok {
                let index = selected_total;
                selected_total += 1;
                if selected.len() < MAX_LISTED_CANDIDATES {
                    selected.push(pos);
                }
                if selector.occurrence == Some(index + 1) {
                    picked = Some(pos);
                }
            }
        });
        let scan = Scan {
            total,
            all: &all,
            selected_total,
            selected: &selected,
            picked,
        };
        self.decide(quote, filtered, selector.occurrence, &scan, true)
    }

    /// Anchors every selector of `selectors`, as [`ArticleText::anchor`] would one by one, in
    /// one pass over the article: the distinct quotes, and each distinct quote with its prefix
    /// and/or suffix around it, are the patterns of one Aho-Corasick automaton, whose
    /// overlapping matches are read once. The cost is the article's length plus the number of
    /// matches, not the article's length times the number of quotes. A small batch (patterns
    /// times length up to [`SMALL_BATCH`]: an ordinary article's few quotes) is searched
    /// pattern by pattern instead, which is cheaper than building the automaton.
    ///
    /// The results are [`ArticleText::anchor`]'s, except that only the first
    /// [`MAX_DETAILED_FAILURES`] failures carry their detail: after them a quote not found has
    /// no closest passage and an ambiguous one lists no candidates (its `total` is still there).
    pub fn anchor_all(&self, selectors: &[Selector]) -> Vec<Result<Range<usize>, AnchorError>> {
        self.anchor_all_within(selectors, SMALL_BATCH)
    }

    /// [`ArticleText::anchor_all`], searching pattern by pattern up to `small_batch` (tests
    /// run both ways).
    fn anchor_all_within(&self, selectors: &[Selector], small_batch: usize) -> Vec<Result<Range<usize>, AnchorError>> {
        let mut quotes: Vec<QuoteScan> = Vec::new();
        let mut quote_ids: HashMap<String, usize> = HashMap::new();
        let mut filters: Vec<FilterScan> = Vec::new();
        let mut filter_ids: HashMap<(usize, Option<String>, Option<String>), usize> = HashMap::new();
        let mut patterns = Patterns::default();
        let mut plans = Vec::with_capacity(selectors.len());
        for selector in selectors {
            let folded = fold(selector.quote);
            let quote = folded.text.trim_matches(' ');
            if quote.is_empty() {
                plans.push(Plan::Empty);
                continue;
            }
            let q = match quote_ids.get(quote) {
                Some(&q) => q,
                None => {
                    let q = quotes.len();
                    quote_ids.insert(quote.to_string(), q);
                    quotes.push(QuoteScan {
                        quote: quote.to_string(),
                        total: 0,
                        all: Vec::new(),
                        wanted: Vec::new(),
                        next_wanted: 0,
                    });
                    patterns.add(quote.to_string(), Target::Quote(q));
                    q
                }
            };
            let prefix = fold_context(selector.prefix);
            let suffix = fold_context(selector.suffix);
            if prefix.is_none() && suffix.is_none() {
                if let Some(n) = selector.occurrence.filter(|&n| n > 0) {
                    quotes[q].wanted.push((n, None));
                }
                plans.push(Plan::Quote(q));
                continue;
            }
            let key = (q, prefix, suffix);
            let f = match filter_ids.get(&key) {
                Some(&f) => f,
                None => {
                    let f = filters.len();
                    filters.push(FilterScan {
                        quote: q,
                        selected: Vec::new(),
                    });
                    // The folded text has no two spaces in a row, and prefix and suffix are
                    // trimmed: "ends with the prefix, then maybe a space" is one of two texts.
                    let (_, prefix, suffix) = &key;
                    let befores = match prefix {
                        Some(p) => vec![p.clone(), format!("{p} ")],
                        None => vec![String::new()],
                    };
                    let afters = match suffix {
                        Some(s) => vec![s.clone(), format!(" {s}")],
                        None => vec![String::new()],
                    };
                    for before in &befores {
                        for after in &afters {
                            let target = Target::Filter {
                                filter: f,
                                offset: before.len(),
                            };
                            patterns.add(format!("{before}{quote}{after}"), target);
                        }
                    }
                    filter_ids.insert(key, f);
                    f
                }
            };
            plans.push(Plan::Filter(f));
        }
        for q in &mut quotes {
            q.wanted.sort_unstable();
            q.wanted.dedup();
        }

        if !patterns.texts.is_empty() {
            let folded = &self.folded;
            // What one match of pattern `id` at `start` tells the scans. A quote's own pattern
            // is its only source of `Target::Quote` matches, and its matches arrive in order
            // of position either way below; the filters are sorted afterwards. So reading
            // pattern by pattern or all at once gives the same scans.
            let mut apply = |id: usize, start: usize| {
                for target in &patterns.targets[id] {
                    match *target {
                        Target::Quote(q) => {
                            let scan = &mut quotes[q];
                            let (pos, end) = (start, start + scan.quote.len());
                            if !(folded.is_group_boundary(pos) && folded.is_group_boundary(end)) {
                                continue;
                            }
                            scan.total += 1;
                            if scan.all.len() <= MAX_PREFIX_ANALYSIS {
                                scan.all.push(pos);
                            }
                            if let Some(w) = scan.wanted.get_mut(scan.next_wanted)
                                && w.0 == scan.total
                            {
                                w.1 = Some(pos);
                                scan.next_wanted += 1;
                            }
                        }
                        Target::Filter { filter, offset } => {
                            let scan = &mut filters[filter];
                            let pos = start + offset;
                            let end = pos + quotes[scan.quote].quote.len();
                            if folded.is_group_boundary(pos) && folded.is_group_boundary(end) {
                                scan.selected.push(pos);
                            }
                        }
                    }
                }
            };
            if patterns.texts.len().saturating_mul(folded.text.len()) <= small_batch {
                // A few quotes on an ordinary article: one search per pattern costs less
                // than building an automaton for them (which was 6% of `check`'s CPU at
                // 10,000 articles of five quotes each).
                for (id, pattern) in patterns.texts.iter().enumerate() {
                    find_all(&folded.text, pattern, &self.counts, |start| {
                        apply(id, start);
                        true
                    });
                }
            } else {
                // A contiguous NFA, never the DFA the builder picks for under 100 patterns:
                // building a DFA for an article's quotes cost a quarter of `check`'s CPU at
                // 10,000 articles (reading with the NFA is no slower for one pass).
                let Ok(automaton) = AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .match_kind(MatchKind::Standard)
                    .build(&patterns.texts)
                else {
                    // Too large an automaton: one search per selector instead.
                    return selectors.iter().map(|s| self.anchor(s)).collect();
                };
                count_pass();
                for m in automaton.find_overlapping_iter(folded.text.as_str()) {
                    apply(m.pattern().as_usize(), m.start());
                }
            }
            // The variants of a filter end at different places, so their matches come in
            // the order of their ends, not of the quote's start.
            for f in &mut filters {
                f.selected.sort_unstable();
                f.selected.dedup();
            }
        }

        let mut detailed = MAX_DETAILED_FAILURES;
        selectors
            .iter()
            .zip(&plans)
            .map(|(selector, plan)| {
                let detail = detailed > 0;
                let result = match *plan {
                    Plan::Empty => Err(AnchorError::EmptyQuote),
                    Plan::Quote(q) => {
                        let scan = &quotes[q];
                        let picked = selector.occurrence.and_then(|n| {
                            let i = scan.wanted.binary_search_by_key(&n, |w| w.0).ok()?;
                            scan.wanted[i].1
                        });
                        let found = Scan {
                            total: scan.total,
                            all: &scan.all,
                            selected_total: 0,
                            selected: &[],
                            picked,
                        };
                        self.decide(&scan.quote, false, selector.occurrence, &found, detail)
                    }
                    Plan::Filter(f) => {
                        let filter = &filters[f];
                        let scan = &quotes[filter.quote];
                        let picked = selector
                            .occurrence
                            .and_then(|n| n.checked_sub(1))
                            .and_then(|i| filter.selected.get(i).copied());
                        let found = Scan {
                            total: scan.total,
                            all: &scan.all,
                            selected_total: filter.selected.len(),
                            selected: &filter.selected,
                            picked,
                        };
                        self.decide(&scan.quote, true, selector.occurrence, &found, detail)
                    }
                };
                if result.is_err() {
                    detailed = detailed.saturating_sub(1);
                }
                result
            })
            .collect()
    }

    /// The outcome of a scan for a selector of `quote` (folded, trimmed): the anchored range,
    /// or why not. `filtered` says whether the selector has a prefix or a suffix. Without
    /// `detail`, an error carries no closest passage and no candidates.
    fn decide(
        &self,
        quote: &str,
        filtered: bool,
        occurrence: Option<usize>,
        scan: &Scan,
        detail: bool,
    ) -> Result<Range<usize>, AnchorError> {
        let candidates = |selected: bool| {
            if detail {
                self.candidates(quote, scan, selected)
            } else {
                Vec::new()
            }
        };
        if scan.total == 0 {
            return Err(AnchorError::NotFound {
                closest: if detail { self.closest(quote) } else { None },
            });
        }
        if filtered && scan.selected_total == 0 {
            return Err(AnchorError::NoneMatchSelector {
                matches: candidates(false),
                total: scan.total,
            });
        }
        let pool = if filtered { scan.selected_total } else { scan.total };
        let pos = match (occurrence, scan.picked) {
            (Some(_), Some(pos)) => pos,
            (Some(occurrence), None) => {
                return Err(AnchorError::OccurrenceOutOfRange {
                    occurrence,
                    matches: pool,
                });
            }
            (None, _) if pool == 1 => {
                let first = if filtered {
                    scan.selected.first()
                } else {
                    scan.all.first()
                };
                match first {
                    Some(&pos) => pos,
                    None => return Err(AnchorError::NotFound { closest: None }),
                }
            }
            (None, _) if filtered => {
                return Err(AnchorError::StillAmbiguous {
                    candidates: candidates(true),
                    total: scan.selected_total,
                });
            }
            (None, _) => {
                return Err(AnchorError::Ambiguous {
                    candidates: candidates(false),
                    total: scan.total,
                });
            }
        };
        Ok(self.rendered_range(pos..pos + quote.len()))
    }

    /// 1-based source line of a rendered-text offset: through the span that
    /// contains it, `source.start` plus the offset within the span, clamped
    /// to the span's source range.
    pub fn source_line(&self, rendered_offset: usize) -> usize {
        let spans = &self.parsed.rendered.spans;
        let Some(last) = spans.len().checked_sub(1) else {
            return 1;
        };
        let idx = spans.partition_point(|s| s.rendered().end <= rendered_offset).min(last);
        let (rendered, source) = (spans[idx].rendered(), spans[idx].source());
        let local = rendered_offset.saturating_sub(rendered.start);
        let max = source.end.saturating_sub(1).max(source.start);
        let pos = source.start.saturating_add(local).min(max);
        self.line_starts.partition_point(|&l| l as usize <= pos).max(1)
    }

    /// Calls `visit` with the folded start of every match of `quote`,
    /// overlapping ones included, that starts and ends on group boundaries.
    fn for_each_match(&self, quote: &str, mut visit: impl FnMut(usize)) {
        let folded = &self.folded;
        find_all(&folded.text, quote, &self.counts, |pos| {
            if folded.is_group_boundary(pos) && folded.is_group_boundary(pos + quote.len()) {
                visit(pos);
            }
            true
        });
    }

    /// The rendered range of a folded range, trimmed of white space.
    fn rendered_range(&self, folded: Range<usize>) -> Range<usize> {
        let range = self.folded.to_original(folded);
        let text = &self.parsed.rendered.text;
        let Some(slice) = text.get(range.clone()) else {
            return range.start..range.start;
        };
        let lead = slice.len() - slice.trim_start().len();
        let trimmed = slice.trim();
        let start = range.start + lead;
        start..start + trimmed.len()
    }

    /// The rendered text of a folded range, as the reader sees it.
    pub(super) fn display(&self, folded: Range<usize>) -> String {
        let range = self.folded.to_original(folded);
        display_text(self.parsed.rendered.text.get(range).unwrap_or(""))
    }

    /// Candidates for the error of a scan: all matches, or (`selected`) the
    /// ones satisfying prefix/suffix.
    fn candidates(&self, quote: &str, scan: &Scan, selected: bool) -> Vec<Candidate> {
        let analysed = scan.total <= MAX_PREFIX_ANALYSIS && scan.all.len() == scan.total;
        let needed = if analysed {
            self.prefix_lengths(scan.all)
        } else {
            Vec::new()
        };
        let needed_at = |pos: usize| -> Option<usize> {
            let i = scan.all.binary_search(&pos).ok()?;
            needed.get(i).copied()
        };
        let list = if selected { scan.selected } else { scan.all };
        list.iter()
            .take(MAX_LISTED_CANDIDATES)
            .enumerate()
            .map(|(i, &pos)| {
                let end = pos + quote.len();
                let start = self.rendered_range(pos..end).start;
                let context_start = word_start_back(&self.folded.text, pos, CONTEXT_WORDS, CONTEXT_CHARS);
                Candidate {
                    line: self.source_line(start),
                    context: self.display(context_start..end),
                    shortest_prefix: needed_at(pos).and_then(|n| self.prefix_for(pos, n)),
                    occurrence: i + 1,
                }
            })
            .collect()
    }

    /// For each match (folded starts, in order), the length in bytes of the
    /// longest common suffix between the folded text before it (trimmed) and
    /// the text before any other match: a prefix picks this match alone iff
    /// it is longer than that. Sorting the matches by the reversed text
    /// before them puts the longest common suffix at a sorted neighbour.
    fn prefix_lengths(&self, matches: &[usize]) -> Vec<usize> {
        let text = &self.folded.text;
        let bytes = text.as_bytes();
        let ends: Vec<usize> = matches
            .iter()
            .map(|&p| text.get(..p).map_or(0, |b| b.trim_end_matches(' ').len()))
            .collect();
        let mut order: Vec<usize> = (0..matches.len()).collect();
        order.sort_by(|&a, &b| reverse_cmp(bytes, ends[a], ends[b]));
        let mut longest = vec![0; matches.len()];
        for pair in order.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let common = common_suffix(bytes, ends[a], ends[b]);
            longest[a] = longest[a].max(common);
            longest[b] = longest[b].max(common);
        }
        longest
    }

    /// The shortest word-aligned prefix before the match at `pos` that is
    /// longer than `shared` bytes, as the reader sees it.
    fn prefix_for(&self, pos: usize, shared: usize) -> Option<String> {
        let text = &self.folded.text;
        let before = text.get(..pos)?.trim_end_matches(' ');
        let end = before.len();
        let mut chars = 0;
        let mut iter = before.char_indices().rev().peekable();
        while let Some((i, c)) = iter.next() {
            chars += 1;
            if chars > MAX_PREFIX_CHARS {
                return None;
            }
            let word_start = c != ' ' && iter.peek().is_none_or(|&(_, p)| p == ' ');
            if word_start && end - i > shared {
                let folded = &text[i..end];
                let shown = self.display(i..end);
                // The reader's form, unless it does not fold back exactly.
                let same = fold(&shown).text.trim_matches(' ') == folded;
                return Some(if same { shown } else { folded.to_string() });
            }
        }
        None
    }
}

/// How often each byte value occurs in a text.
pub(super) type ByteCounts = [u64; 256];

/// Counts the bytes of `text`.
fn byte_counts(text: &[u8]) -> Box<ByteCounts> {
    let mut counts = Box::new([0u64; 256]);
    for &b in text {
        counts[usize::from(b)] += 1;
    }
    counts
}

/// Calls `visit` with every start of `needle` in `haystack`, overlapping
/// ones included, in order, until `visit` returns false.
///
/// Candidates are the positions where the needle's two rarest bytes (by
/// `counts`, the haystack's byte counts) are in place, found 64 positions at
/// a time with a branch-free loop the compiler vectorises, then verified.
/// Should verifying cost more than a few passes over the haystack
/// (repetitive text), the rest is searched with std's linear Two-Way search.
/// Every match starts and ends on a char boundary.
pub(super) fn find_all(haystack: &str, needle: &str, counts: &ByteCounts, visit: impl FnMut(usize) -> bool) {
    let budget = haystack.len().saturating_mul(4).saturating_add(1 << 16);
    find_all_within(haystack, needle, counts, budget, visit);
}

/// [`find_all`] with `budget` bytes of failed verifications before falling
/// back to Two-Way.
fn find_all_within(
    haystack: &str,
    needle: &str,
    counts: &ByteCounts,
    budget: usize,
    mut visit: impl FnMut(usize) -> bool,
) {
    const BLOCK: usize = 64;
    let (hay, pat) = (haystack.as_bytes(), needle.as_bytes());
    if pat.is_empty() || pat.len() > hay.len() {
        return;
    }
    count_pass();
    // The rarest and second rarest byte of the needle (the same one twice
    // for a one-byte needle).
    let mut offsets: Vec<usize> = (0..pat.len()).collect();
    offsets.sort_by_key(|&i| (counts[usize::from(pat[i])], i));
    let o1 = offsets[0];
    let o2 = offsets.get(1).copied().unwrap_or(o1);
    let (b1, b2) = (pat[o1], pat[o2]);
    // Candidate starts are 0..starts.
    let starts = hay.len() - pat.len() + 1;
    let mut wasted = 0usize;
    // Is there a match at `p`? Failed verifications count as waste.
    let verify = |p: usize, wasted: &mut usize| {
        let found = hay.get(p..p + pat.len()) == Some(pat);
        if !found {
            *wasted = wasted.saturating_add(pat.len());
        }
        found
    };
    let mut block = 0;
    while block + BLOCK <= starts && wasted <= budget {
        let (Some(ones), Some(twos)) = (
            hay.get(block + o1..block + o1 + BLOCK),
            hay.get(block + o2..block + o2 + BLOCK),
        ) else {
            break;
        };
        let mut hits = [0u8; BLOCK];
        for ((hit, &x), &y) in hits.iter_mut().zip(ones).zip(twos) {
            *hit = u8::from(x == b1) & u8::from(y == b2);
        }
        if hits.iter().fold(0, |acc, &h| acc | h) != 0 {
            for (j, &hit) in hits.iter().enumerate() {
                if hit != 0 && verify(block + j, &mut wasted) && !visit(block + j) {
                    return;
                }
            }
        }
        block += BLOCK;
    }
    if wasted <= budget {
        for p in block..starts {
            if verify(p, &mut wasted) && !visit(p) {
                return;
            }
        }
        return;
    }
    // Fallback: Two-Way from the first position not yet searched.
    let step = needle.chars().next().map_or(1, char::len_utf8);
    let mut from = block;
    while !haystack.is_char_boundary(from) {
        from -= 1;
    }
    while let Some(rel) = haystack.get(from..).and_then(|rest| rest.find(needle)) {
        let p = from + rel;
        if p >= block && !visit(p) {
            return;
        }
        from = p + step;
    }
}

/// Orders two positions of `bytes` by the reversed text before them
/// (compared up to [`PREFIX_COMPARE_BYTES`] bytes); a total order.
fn reverse_cmp(bytes: &[u8], a: usize, b: usize) -> Ordering {
    for k in 1..=PREFIX_COMPARE_BYTES {
        match (a.checked_sub(k), b.checked_sub(k)) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match bytes.get(x).cmp(&bytes.get(y)) {
                Ordering::Equal => {}
                other => return other,
            },
        }
    }
    Ordering::Equal
}

/// Length of the common suffix of `bytes[..a]` and `bytes[..b]`, capped at
/// [`PREFIX_COMPARE_BYTES`].
fn common_suffix(bytes: &[u8], a: usize, b: usize) -> usize {
    let mut k = 0;
    while k < PREFIX_COMPARE_BYTES
        && k < a
        && k < b
        && bytes.get(a - 1 - k).is_some()
        && bytes.get(a - 1 - k) == bytes.get(b - 1 - k)
    {
        k += 1;
    }
    k
}

/// Walks back from `pos` over at most `max_words` words and `max_chars`
/// chars of `text` (words separated by single spaces) and returns the start
/// of the furthest word reached.
pub(super) fn word_start_back(text: &str, pos: usize, max_words: usize, max_chars: usize) -> usize {
    let Some(before) = text.get(..pos) else {
        return pos;
    };
    let mut start = pos;
    let mut words = 0;
    let mut iter = before.char_indices().rev().enumerate().peekable();
    while let Some((n, (i, c))) = iter.next() {
        if n >= max_chars || words >= max_words {
            break;
        }
        if c != ' ' && iter.peek().is_none_or(|&(_, (_, p))| p == ' ') {
            start = i;
            words += 1;
        }
    }
    start
}

/// Walks forward from `pos` over at most `max_words` words and `max_chars`
/// chars and returns the end of the furthest word reached.
pub(super) fn word_end_forward(text: &str, pos: usize, max_words: usize, max_chars: usize) -> usize {
    let Some(after) = text.get(pos..) else {
        return pos;
    };
    let mut end = pos;
    let mut words = 0;
    let mut iter = after.char_indices().enumerate().peekable();
    while let Some((n, (i, c))) = iter.next() {
        if n >= max_chars || words >= max_words {
            break;
        }
        if c != ' ' && iter.peek().is_none_or(|&(_, (_, p))| p == ' ') {
            end = pos + i + c.len_utf8();
            words += 1;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::text::test_support::{anchored, sel};

    #[test]
    fn matches_do_not_split_normalisation_groups() {
        // "ine" is inside the folded "fine" but would split the ligature.
        assert!(matches!(
            anchored("a ﬁne day", &sel("ine day")),
            Err(AnchorError::NotFound { .. })
        ));
        assert_eq!(anchored("a ﬁne day", &sel("fi")).unwrap(), "ﬁ");
    }

    // ---- rendered text ----

    #[test]
    fn quote_crosses_emphasis_links_and_line_breaks() {
        let md = "He said *very* [clearly](http://x) that\nit was";
        assert_eq!(
            anchored(md, &sel("said very clearly that it was")).unwrap(),
            "said very clearly that\nit was"
        );
    }

    #[test]
    fn quote_crosses_inline_code_strong_and_strikethrough() {
        let md = "Run `cargo build` **now**, ~~not~~ later.";
        assert_eq!(
            anchored(md, &sel("Run cargo build now, not later")).unwrap(),
            "Run cargo build now, not later"
        );
    }

    #[test]
    fn quote_crosses_hard_breaks_and_paragraphs() {
        let md = "end of line  \nnext line\n\nNew paragraph.";
        assert_eq!(
            anchored(md, &sel("end of line next line New")).unwrap(),
            "end of line\nnext line\nNew"
        );
    }

    #[test]
    fn entities_and_escapes_are_decoded() {
        assert_eq!(
            anchored("AT&amp;T and \\*stars\\*", &sel("AT&T and *stars*")).unwrap(),
            "AT&T and *stars*"
        );
    }

    #[test]
    fn source_lines() {
        let md = "First line\nsecond *line*\n\n> third\n> fourth\n\n- fifth";
        let article = ArticleText::new(md);
        let text = &article.rendered().text;
        for (word, line) in [
            ("First", 1),
            ("second", 2),
            ("line\nthird", 2),
            ("third", 4),
            ("fourth", 5),
            ("fifth", 7),
        ] {
            let at = text.find(word).unwrap();
            assert_eq!(article.source_line(at), line, "{word}");
        }
        assert!(article.source_line(usize::MAX) >= 1);
        assert_eq!(ArticleText::new("").source_line(0), 1);
    }

    // ---- disambiguation ----

    const THREE: &str = "The minister said the plan was sound.\n\n\
                         Later, the minister said the plan was sound.\n\n\
                         An aide said the plan was sound.";

    #[test]
    fn unique_match() {
        let article = ArticleText::new(THREE);
        let range = article.anchor(&sel("Later, the")).unwrap();
        assert_eq!(&article.rendered().text[range.clone()], "Later, the");
        assert_eq!(article.source_line(range.start), 3);
    }

    #[test]
    fn ambiguous_lists_each_match_with_lines_and_prefixes() {
        let article = ArticleText::new(THREE);
        let quote = "said the plan was sound";
        let err = article.anchor(&sel(quote)).unwrap_err();
        let AnchorError::Ambiguous { candidates, .. } = err else {
            panic!("expected Ambiguous, got {err:?}");
        };
        assert_eq!(candidates.iter().map(|c| c.line).collect::<Vec<_>>(), [1, 3, 5]);
        assert_eq!(candidates.iter().map(|c| c.occurrence).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(
            candidates
                .iter()
                .map(|c| c.shortest_prefix.as_deref())
                .collect::<Vec<_>>(),
            [Some("The minister"), Some("the minister"), Some("aide")]
        );
        assert_eq!(candidates[2].context, "plan was sound. An aide said the plan was sound");
        for c in &candidates {
            let by_occurrence = article
                .anchor(&Selector {
                    occurrence: Some(c.occurrence),
                    ..sel(quote)
                })
                .unwrap();
            let by_prefix = article
                .anchor(&Selector {
                    prefix: c.shortest_prefix.as_deref(),
                    ..sel(quote)
                })
                .unwrap();
            assert_eq!(by_prefix, by_occurrence);
            assert_eq!(article.source_line(by_prefix.start), c.line);
        }
    }

    #[test]
    fn shortest_prefix_is_none_when_no_prefix_can_pick() {
        let article = ArticleText::new("cat cat");
        let AnchorError::Ambiguous { candidates, .. } = article.anchor(&sel("cat")).unwrap_err() else {
            panic!("expected Ambiguous");
        };
        assert_eq!(candidates[0].shortest_prefix, None);
        assert_eq!(candidates[1].shortest_prefix.as_deref(), Some("cat"));
        let picked = article
            .anchor(&Selector {
                prefix: Some("cat"),
                ..sel("cat")
            })
            .unwrap();
        assert_eq!(picked, 4..7);
    }

    #[test]
    fn shortest_prefix_uses_the_readers_text() {
        let md = "l’État a dit oui. Puis l’État dit oui.";
        let article = ArticleText::new(md);
        let AnchorError::Ambiguous { candidates, .. } = article.anchor(&sel("dit oui")).unwrap_err() else {
            panic!("expected Ambiguous");
        };
        let prefixes: Vec<_> = candidates.iter().map(|c| c.shortest_prefix.clone().unwrap()).collect();
        assert_eq!(prefixes, ["a", "l’État"]);
        for c in &candidates {
            let r = article
                .anchor(&Selector {
                    prefix: c.shortest_prefix.as_deref(),
                    ..sel("dit oui")
                })
                .unwrap();
            assert_eq!(
                article
                    .anchor(&Selector {
                        occurrence: Some(c.occurrence),
                        ..sel("dit oui")
                    })
                    .unwrap(),
                r
            );
        }
    }

    #[test]
    fn prefix_picks() {
        let article = ArticleText::new(THREE);
        let quote = "said the plan";
        let a = article
            .anchor(&Selector {
                prefix: Some("An aide "),
                ..sel(quote)
            })
            .unwrap();
        let b = article
            .anchor(&Selector {
                prefix: Some("An aide"),
                ..sel(quote)
            })
            .unwrap();
        let c = article
            .anchor(&Selector {
                prefix: Some("aide\n"),
                ..sel(quote)
            })
            .unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(article.source_line(a.start), 5);
        assert_eq!(&article.rendered().text[a], quote);
    }

    #[test]
    fn white_space_prefix_and_suffix_count_as_absent() {
        let article = ArticleText::new(THREE);
        let err = article
            .anchor(&Selector {
                prefix: Some("  "),
                suffix: Some("\n"),
                ..sel("said the plan")
            })
            .unwrap_err();
        assert!(matches!(err, AnchorError::Ambiguous { .. }), "{err:?}");
    }

    #[test]
    fn suffix_picks() {
        let md = "He resigned on Monday. He resigned on Tuesday.";
        let article = ArticleText::new(md);
        let r = article
            .anchor(&Selector {
                suffix: Some(" Tuesday"),
                ..sel("He resigned on")
            })
            .unwrap();
        assert_eq!(r, 23..37);
        let r2 = article
            .anchor(&Selector {
                suffix: Some("Monday."),
                ..sel("He resigned on")
            })
            .unwrap();
        assert_eq!(r2, 0..14);
    }

    #[test]
    fn prefix_and_suffix_together() {
        let md = "A: yes it is. B: yes it was. A: yes it was. B: yes it is.";
        let article = ArticleText::new(md);
        let quote = "yes it";
        let only_prefix = article
            .anchor(&Selector {
                prefix: Some("A:"),
                ..sel(quote)
            })
            .unwrap_err();
        assert!(matches!(only_prefix, AnchorError::StillAmbiguous { .. }));
        let only_suffix = article
            .anchor(&Selector {
                suffix: Some("was"),
                ..sel(quote)
            })
            .unwrap_err();
        assert!(matches!(only_suffix, AnchorError::StillAmbiguous { .. }));
        let both = article
            .anchor(&Selector {
                prefix: Some("A:"),
                suffix: Some("was"),
                ..sel(quote)
            })
            .unwrap();
        assert_eq!(both, 32..38);
    }

    #[test]
    fn none_match_selector() {
        let article = ArticleText::new(THREE);
        let err = article
            .anchor(&Selector {
                prefix: Some("The president"),
                ..sel("said the plan")
            })
            .unwrap_err();
        let AnchorError::NoneMatchSelector { matches, .. } = err else {
            panic!("expected NoneMatchSelector, got {err:?}");
        };
        assert_eq!(
            matches.iter().map(|c| (c.line, c.occurrence)).collect::<Vec<_>>(),
            [(1, 1), (3, 2), (5, 3)]
        );
        // Also when the quote is unique and with an occurrence.
        let err = article
            .anchor(&Selector {
                suffix: Some("nope"),
                occurrence: Some(1),
                ..sel("An aide")
            })
            .unwrap_err();
        assert!(matches!(err, AnchorError::NoneMatchSelector { matches, .. } if matches.len() == 1));
    }

    #[test]
    fn still_ambiguous_lists_the_remaining_matches() {
        let article = ArticleText::new(THREE);
        let quote = "said the plan";
        let err = article
            .anchor(&Selector {
                prefix: Some("minister"),
                ..sel(quote)
            })
            .unwrap_err();
        let AnchorError::StillAmbiguous { candidates, .. } = err else {
            panic!("expected StillAmbiguous, got {err:?}");
        };
        assert_eq!(
            candidates.iter().map(|c| (c.line, c.occurrence)).collect::<Vec<_>>(),
            [(1, 1), (3, 2)]
        );
        for c in &candidates {
            let with_occurrence = article
                .anchor(&Selector {
                    prefix: Some("minister"),
                    occurrence: Some(c.occurrence),
                    ..sel(quote)
                })
                .unwrap();
            assert_eq!(article.source_line(with_occurrence.start), c.line);
            let with_prefix = article
                .anchor(&Selector {
                    prefix: c.shortest_prefix.as_deref(),
                    ..sel(quote)
                })
                .unwrap();
            assert_eq!(with_prefix, with_occurrence);
        }
    }

    #[test]
    fn occurrence_picks_the_nth() {
        let article = ArticleText::new(THREE);
        let quote = "said the plan";
        let lines: Vec<usize> = (1..=3)
            .map(|n| {
                let r = article
                    .anchor(&Selector {
                        occurrence: Some(n),
                        ..sel(quote)
                    })
                    .unwrap();
                assert_eq!(&article.rendered().text[r.clone()], quote);
                article.source_line(r.start)
            })
            .collect();
        assert_eq!(lines, [1, 3, 5]);
        // On a unique match, occurrence 1 is that match.
        assert!(
            article
                .anchor(&Selector {
                    occurrence: Some(1),
                    ..sel("An aide")
                })
                .is_ok()
        );
    }

    #[test]
    fn occurrence_counts_only_matches_satisfying_the_prefix() {
        let article = ArticleText::new(THREE);
        let quote = "said the plan";
        let r = article
            .anchor(&Selector {
                prefix: Some("minister"),
                occurrence: Some(2),
                ..sel(quote)
            })
            .unwrap();
        assert_eq!(article.source_line(r.start), 3);
        let err = article
            .anchor(&Selector {
                prefix: Some("minister"),
                occurrence: Some(3),
                ..sel(quote)
            })
            .unwrap_err();
        assert_eq!(
            err,
            AnchorError::OccurrenceOutOfRange {
                occurrence: 3,
                matches: 2
            }
        );
    }

    #[test]
    fn occurrence_out_of_range() {
        let article = ArticleText::new(THREE);
        for n in [0, 4, usize::MAX] {
            let err = article
                .anchor(&Selector {
                    occurrence: Some(n),
                    ..sel("said the plan")
                })
                .unwrap_err();
            assert_eq!(
                err,
                AnchorError::OccurrenceOutOfRange {
                    occurrence: n,
                    matches: 3
                }
            );
        }
        let err = article
            .anchor(&Selector {
                occurrence: Some(2),
                ..sel("An aide")
            })
            .unwrap_err();
        assert_eq!(
            err,
            AnchorError::OccurrenceOutOfRange {
                occurrence: 2,
                matches: 1
            }
        );
    }

    #[test]
    fn empty_quote() {
        let article = ArticleText::new(THREE);
        for quote in ["", "   ", "\n\u{A0}", "\u{AD}\u{200B}", " \u{FEFF} "] {
            assert_eq!(article.anchor(&sel(quote)), Err(AnchorError::EmptyQuote), "{quote:?}");
        }
    }

    #[test]
    fn not_found_points_at_the_typo() {
        let md = "# Report\n\nThe committee met on Monday.\nIt heard from several witnesses.\n\n\
                  Dr Amira Qureshi told the committee that funding had been cut.\n\nNothing else happened.";
        let article = ArticleText::new(md);
        let err = article
            .anchor(&sel("Dr Amira Qureshy told the comittee that funding"))
            .unwrap_err();
        let AnchorError::NotFound { closest: Some(passage) } = err else {
            panic!("expected NotFound with a passage, got {err:?}");
        };
        assert_eq!(passage.line, 6);
        assert!(
            passage
                .text
                .contains("Dr Amira Qureshi told the committee that funding"),
            "{passage:?}"
        );
        assert!(passage.text.len() < 140, "{passage:?}");
    }

    #[test]
    fn not_found_single_misspelt_word() {
        let md = "Line one.\n\nLine two mentions Qureshi once.\n";
        let err = ArticleText::new(md).anchor(&sel("Quereshi")).unwrap_err();
        let AnchorError::NotFound { closest: Some(p) } = err else {
            panic!("expected a passage, got {err:?}");
        };
        assert_eq!(p.line, 3);
        assert!(p.text.contains("Qureshi"), "{p:?}");
    }

    #[test]
    fn not_found_without_anything_similar() {
        let err = ArticleText::new("Hello world.")
            .anchor(&sel("xyzzy plugh"))
            .unwrap_err();
        assert_eq!(err, AnchorError::NotFound { closest: None });
        let err = ArticleText::new("").anchor(&sel("anything")).unwrap_err();
        assert_eq!(err, AnchorError::NotFound { closest: None });
    }

    #[test]
    fn overlapping_and_nested_quotes_anchor_independently() {
        let md = "The quick brown fox jumps over the lazy dog.";
        let article = ArticleText::new(md);
        let a = article.anchor(&sel("quick brown fox")).unwrap();
        let b = article.anchor(&sel("brown fox jumps")).unwrap();
        let c = article.anchor(&sel("fox")).unwrap();
        assert_eq!(a, 4..19);
        assert_eq!(b, 10..25);
        assert_eq!(c, 16..19);
        // Overlapping matches of one quote are all counted.
        let article = ArticleText::new("aaaa");
        let err = article.anchor(&sel("aa")).unwrap_err();
        assert!(matches!(err, AnchorError::Ambiguous { candidates, .. } if candidates.len() == 3));
        let second = article
            .anchor(&Selector {
                occurrence: Some(2),
                ..sel("aa")
            })
            .unwrap();
        assert_eq!(second, 1..3);
    }

    #[test]
    fn anchored_range_is_trimmed() {
        let md = "word\u{A0}\u{A0}  next";
        let article = ArticleText::new(md);
        let r = article.anchor(&sel("  word  ")).unwrap();
        assert_eq!(&article.rendered().text[r], "word");
    }

    #[test]
    fn errors_display() {
        assert_eq!(AnchorError::EmptyQuote.to_string(), "the quote is empty");
        let e = AnchorError::OccurrenceOutOfRange {
            occurrence: 4,
            matches: 3,
        };
        assert!(e.to_string().contains("occurrence 4"));
    }

    /// Every (overlapping) start of `needle` in `haystack`, the slow way.
    fn naive_find_all(haystack: &str, needle: &str) -> Vec<usize> {
        haystack
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| haystack[i..].starts_with(needle))
            .collect()
    }

    fn find_all_vec(haystack: &str, needle: &str, budget: usize) -> Vec<usize> {
        let counts = byte_counts(haystack.as_bytes());
        let mut found = Vec::new();
        find_all_within(haystack, needle, &counts, budget, |p| {
            found.push(p);
            true
        });
        found
    }

    #[test]
    fn search_finds_overlapping_matches_in_long_text() {
        let hay = "ab".repeat(5000) + "abc" + &"ab".repeat(100);
        let needle = "ab".repeat(40);
        let expected = naive_find_all(&hay, &needle);
        assert_eq!(expected.len(), 5001 - 40 + 1 + 100 - 40 + 1);
        // The vectorised path, then the fallback (budget exhausted at once).
        assert_eq!(find_all_vec(&hay, &needle, usize::MAX), expected);
        assert_eq!(find_all_vec(&hay, &needle, 0), expected);
        // Stopping early.
        let counts = byte_counts(hay.as_bytes());
        let mut seen = 0;
        find_all(&hay, &needle, &counts, |_| {
            seen += 1;
            seen < 3
        });
        assert_eq!(seen, 3);
    }

    // ---- batches ----

    /// Passes over the folded text made by `f` on this thread.
    fn passes_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let before = PASSES.with(std::cell::Cell::get);
        let out = f();
        (out, PASSES.with(std::cell::Cell::get) - before)
    }

    #[test]
    fn a_batch_reads_the_article_once_however_many_quotes() {
        let sentences: Vec<String> = (0..2000)
            .map(|i| format!("Entry {i:05} was filed by desk {}.", i % 97))
            .collect();
        let article = ArticleText::new(&sentences.join(" "));
        let quotes: Vec<String> = (0..2000).map(|i| format!("Entry {i:05} was filed")).collect();
        let mut selectors: Vec<Selector> = quotes.iter().map(|q| sel(q)).collect();
        // Prefixes, suffixes and occurrences are found in the same pass.
        selectors.push(Selector {
            prefix: Some("desk 3."),
            ..sel("Entry 00004")
        });
        selectors.push(Selector {
            suffix: Some("by desk 1. Entry 00002"),
            ..sel("was filed")
        });
        selectors.push(Selector {
            occurrence: Some(1500),
            ..sel("was filed")
        });
        let (results, passes) = passes_of(|| article.anchor_all(&selectors));
        assert_eq!(passes, 1);
        // A small batch is searched pattern by pattern, with the same results.
        let few = &selectors[..3];
        let (small, passes) = passes_of(|| article.anchor_all_within(few, usize::MAX));
        assert_eq!(passes, 3);
        assert_eq!(small, article.anchor_all_within(few, 0));
        for (s, r) in selectors.iter().zip(&results) {
            let r = r.clone().unwrap_or_else(|e| panic!("{:?}: {e:?}", s.quote));
            assert_eq!(Ok(r), article.anchor(s));
        }
        // One by one, the article is read once per quote.
        let (_, passes) = passes_of(|| selectors.iter().filter(|s| article.anchor(s).is_ok()).count());
        assert_eq!(passes, selectors.len());
    }

    #[test]
    fn a_batch_details_only_its_first_failures() {
        let article = ArticleText::new("the cat sat on the mat, the cat sat on the mat");
        let quotes: Vec<String> = (0..MAX_DETAILED_FAILURES + 5)
            .map(|i| format!("the cat sat on the mat {i}"))
            .collect();
        let mut selectors: Vec<Selector> = quotes.iter().map(|q| sel(q)).collect();
        selectors.push(sel("cat sat"));
        let results = article.anchor_all(&selectors);
        assert!(matches!(&results[0], Err(AnchorError::NotFound { closest: Some(_) })));
        assert!(matches!(
            &results[MAX_DETAILED_FAILURES],
            Err(AnchorError::NotFound { closest: None })
        ));
        let Some(Err(AnchorError::Ambiguous { candidates, total: 2 })) = results.last() else {
            panic!("{:?}", results.last());
        };
        assert!(candidates.is_empty());
    }

    // ---- properties ----

    fn article_strategy() -> impl Strategy<Value = String> {
        let token = prop_oneof![
            4 => "[a-zA-Z]{1,8}",
            1 => "[a-z]{1,6}[.,;:]",
            1 => "\\*[a-z]{1,6}( [a-z]{1,6})?\\*",
            1 => "\\*\\*[a-z]{1,6}\\*\\*",
            1 => "\\[[a-z]{1,6}( [a-z]{1,4})?\\]\\(http://u/[a-z]{1,3}\\)",
            1 => "`[a-z]{1,5}`",
            1 => prop::sample::select(vec![
                "café", "naïve", "Москва", "東京", "straße", "Ørsted", "ＡＢＣ", "１２",
            ])
            .prop_map(String::from),
            1 => prop::sample::select(vec![
                "“quoted”", "it’s", "‘single’", "«\u{A0}guillemets\u{A0}»", "\"straight\"", "—", "–",
                "-", "−", "1\u{2009}000", "\n", "\n", "\n\n", "  \n", "\t",
            ])
            .prop_map(String::from),
        ];
        prop::collection::vec(token, 1..60).prop_map(|tokens| tokens.join(" "))
    }

    proptest! {
        #[test]
        fn any_passage_anchors_back_to_itself(
            md in article_strategy(),
            a in any::<prop::sample::Index>(),
            b in any::<prop::sample::Index>(),
        ) {
            let article = ArticleText::new(&md);
            let text = article.rendered().text.clone();
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let (mut s, mut e) = (a.get(&bounds).to_owned(), b.get(&bounds).to_owned());
            if s > e {
                std::mem::swap(&mut s, &mut e);
            }
            let passage = &text[s..e];
            let ps = s + (passage.len() - passage.trim_start().len());
            let pe = ps + passage.trim().len();
            let folded_passage = fold(passage).text.trim().to_string();
            if folded_passage.is_empty() {
                return Ok(());
            }
            prop_assert_eq!(&fold(&text[ps..pe]).text, &folded_passage);
            // Independent oracle: the passage's folded position and how many
            // (overlapping) matches start before it.
            let folded_text = fold(&text).text;
            let position = fold(&text[..ps]).text.len();
            prop_assert!(folded_text[position..].starts_with(&folded_passage));
            let before = folded_text
                .char_indices()
                .filter(|&(i, _)| i < position && folded_text[i..].starts_with(&folded_passage))
                .count();
            let range = article
                .anchor(&Selector { quote: passage, occurrence: Some(before + 1), ..Selector::default() })
                .map_err(|e| TestCaseError::fail(format!("{e:?} for {passage:?} in {text:?}")))?;
            prop_assert_eq!(range.clone(), ps..pe, "passage {:?} in {:?}", passage, text);
            prop_assert_eq!(fold(&text[range]).text, folded_passage);
        }

        #[test]
        fn search_agrees_with_naive_search(
            hay in "[ab\u{e9}\u{2014} ]{0,300}",
            needle in "[ab\u{e9}\u{2014} ]{1,6}",
            budget in prop_oneof![Just(0usize), Just(usize::MAX), 0usize..200],
        ) {
            prop_assert_eq!(find_all_vec(&hay, &needle, budget), naive_find_all(&hay, &needle));
        }

        #[test]
        fn suggested_prefixes_pick_their_match_and_are_shortest(
            words in prop::collection::vec(
                prop::sample::select(vec!["a", "b", "ab", "ba", "b’a", "a\n", "b\n\n"]),
                1..60,
            ),
            quote in prop::sample::select(vec!["a", "b", "ab", "a b", "b a", "a a", "b’a"]),
        ) {
            let md = words.join(" ");
            let article = ArticleText::new(&md);
            let Err(AnchorError::Ambiguous { candidates, .. }) = article.anchor(&sel(quote)) else {
                return Ok(());
            };
            for c in &candidates {
                let by_occurrence = article
                    .anchor(&Selector { occurrence: Some(c.occurrence), ..sel(quote) })
                    .unwrap();
                prop_assert_eq!(article.source_line(by_occurrence.start), c.line);
                let Some(prefix) = c.shortest_prefix.as_deref() else {
                    continue;
                };
                let by_prefix = article.anchor(&Selector { prefix: Some(prefix), ..sel(quote) });
                prop_assert_eq!(by_prefix, Ok(by_occurrence), "prefix {:?} in {:?}", prefix, md);
                if let Some((_, shorter)) = prefix.split_once(' ') {
                    let by_shorter = article.anchor(&Selector { prefix: Some(shorter), ..sel(quote) });
                    prop_assert!(
                        matches!(by_shorter, Err(AnchorError::StillAmbiguous { .. })),
                        "shorter prefix {:?} in {:?}: {:?}", shorter, md, by_shorter
                    );
                }
            }
        }

        #[test]
        fn a_batch_agrees_with_one_by_one(
            words in prop::collection::vec(
                prop::sample::select(vec!["a", "b", "ab", "ba", "b’a", "ﬁ", "fi", "a\n", "b\n\n", "*a*"]),
                1..60,
            ),
            picks in prop::collection::vec(
                (
                    prop::sample::select(vec!["a", "b", "ab", "a b", "b a", "a a", "b’a", "fi", "i", "c", " "]),
                    proptest::option::of(prop::sample::select(vec!["a", "b", "a b", "ab", " b ", "fi"])),
                    proptest::option::of(prop::sample::select(vec!["a", "b", "b a", "ba", "i"])),
                    proptest::option::of(0usize..5),
                ),
                1..12,
            ),
        ) {
            let md = words.join(" ");
            let article = ArticleText::new(&md);
            let selectors: Vec<Selector> = picks
                .iter()
                .map(|&(quote, prefix, suffix, occurrence)| Selector { quote, prefix, suffix, occurrence })
                .collect();
            // Both ways of reading a batch: one automaton, and one search per pattern.
            let batch = article.anchor_all_within(&selectors, 0);
            let small = article.anchor_all_within(&selectors, usize::MAX);
            prop_assert_eq!(&small, &batch);
            for (s, r) in selectors.iter().zip(batch) {
                prop_assert_eq!(r, article.anchor(s), "{:?} in {:?}", s, md);
            }
        }

        #[test]
        fn no_input_panics(
            md in prop_oneof![
                any::<String>(),
                "[ \\n\\t*_\\[\\]()`#>|~!&;:\\\\a-c\u{AD}\u{200B}\u{A0}ﬁéñ\u{301}\u{308}’“—-]{0,120}",
            ],
            quote in prop_oneof![any::<String>(), "[ \\na-c*ﬁé\u{301}’-]{0,12}"],
            prefix in proptest::option::of(prop_oneof![any::<String>(), "[ a-c]{0,6}"]),
            suffix in proptest::option::of(prop_oneof![any::<String>(), "[ a-c]{0,6}"]),
            occurrence in proptest::option::of(prop_oneof![0usize..4, any::<usize>()]),
            offset in any::<usize>(),
            range in (any::<usize>(), any::<usize>()),
        ) {
            let article = ArticleText::new(&md);
            let text = &article.rendered().text;
            let selector = Selector {
                quote: &quote,
                prefix: prefix.as_deref(),
                suffix: suffix.as_deref(),
                occurrence,
            };
            if let Ok(r) = article.anchor(&selector) {
                prop_assert!(text.get(r.clone()).is_some());
                let slice = &text[r];
                prop_assert_eq!(slice.trim(), slice);
                prop_assert!(!slice.is_empty());
            }
            // The quote taken from the article itself.
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let s = bounds[offset % bounds.len()];
            let e = bounds[(offset / 7) % bounds.len()].max(s);
            let _ = article.anchor(&Selector { quote: &text[s..e], ..selector });
            let _ = article.source_line(offset);
            let folded = fold(&md);
            let r = folded.to_original(range.0 % (folded.text.len() + 2)..range.1 % (folded.text.len() + 2));
            prop_assert!(md.get(r).is_some());
            let _ = folded.is_group_boundary(offset % (folded.text.len() + 2));
        }
    }
}
