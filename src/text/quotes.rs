//! Quotation marks in an article: which stretches of its text lie inside them.
//!
//! An excerpt marked `form: direct` says its passage is the speaker's own words, which a
//! newsroom prints inside quotation marks; one marked `reported` says it is not. This module
//! reads the quotation marks of an article's rendered text (the text that anchoring searches,
//! see `anchor`) once, and then tells of any anchored passage whether it lies inside them.
//! Validation turns the answer into diagnostics; nothing here knows about excerpts.
//!
//! The rules, which docs/format.md ("Who said it") states for users:
//! - **Double marks** (every character that folding reads as `"`) open and close quotations.
//!   The glyph gives the direction where it has one (“ „ « 〝 open, ” » 〞 close), the
//!   neighbouring characters otherwise (straight `"`), and the neighbours win over a glyph
//!   used the other way round (Swedish ”…”, German „…“ and »…«).
//! - **Single marks** fold together with apostrophes, so they count only where they cannot be
//!   one: never between two letters or digits; opening after a space, a bracket or another
//!   mark; closing before a space, punctuation or another mark, and only while a single
//!   quotation is open. So ‘nested’ quotes inside double marks and headline-style 'quotes'
//!   are read, and "Kashmir's" or "ministers' talks" are not quotations. An unclosed single
//!   mark is dropped.
//! - Quotations end with their block (paragraph, heading, list item), except the newsroom
//!   convention for a quotation over several paragraphs: the paragraph ends with the
//!   quotation still open and the next paragraph begins with an opening mark.
//! - A passage lies inside quotation marks when every letter and digit of it does. Words
//!   between two quotations that the passage spans (`…,” he said. “…`) are an attribution
//!   interrupting one quotation: allowed when short (see [`ATTRIBUTION_MAX`]) and within one
//!   block, and reported as [`Coverage::Bridged`] with the attributions, so that validation
//!   can tell when one of them names a second speaker.

use std::ops::Range;

/// Longest attribution, in bytes, that may interrupt a quotation inside one passage
/// (from the closing mark to the reopening one): room for ", the Ministry of External
/// Affairs said in a statement. ", not for a second paragraph of reporting.
pub const ATTRIBUTION_MAX: usize = 80;

/// Where an article's text lies inside quotation marks.
#[derive(Debug, Clone, Default)]
pub struct QuotationMarks {
    /// What lies between an opening mark and its closing mark (the marks excluded), sorted,
    /// merged where they overlap or touch.
    regions: Vec<Range<usize>>,
    /// The blocks of the text, as consecutive ranges.
    blocks: Vec<Range<usize>>,
}

/// How much of a passage lies inside quotation marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// Every letter and digit of it lies inside one quotation.
    Inside,
    /// Inside, apart from short attributions between quotations (`…,” he said. “…`): the
    /// text between each pair of quotations the passage spans, from the closing mark to the
    /// end of the reopening one.
    Bridged {
        /// The attributions, in order.
        gaps: Vec<Range<usize>>,
    },
    /// Some of it lies inside quotation marks and some not: `outside` is the first stretch
    /// (from its first to its last letter or digit) that does not.
    Partly {
        /// The first stretch outside quotation marks.
        outside: Range<usize>,
    },
    /// No letter or digit of it lies inside quotation marks.
    Outside,
}

/// The direction a double mark's glyph suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    Open,
    Close,
    Either,
}

/// A double quotation mark and the direction its glyph suggests.
fn double_mark(c: char) -> Option<Hint> {
    match c {
        '\u{201C}' | '\u{201E}' | '\u{201F}' | '\u{AB}' | '\u{301D}' => Some(Hint::Open),
        '\u{201D}' | '\u{BB}' | '\u{301E}' => Some(Hint::Close),
        '"' | '\u{2033}' | '\u{FF02}' => Some(Hint::Either),
        _ => None,
    }
}

/// A single quotation mark (or an apostrophe: the same characters).
fn is_single_mark(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}' | '\u{FF07}'
    )
}

fn is_mark(c: char) -> bool {
    double_mark(c).is_some() || is_single_mark(c)
}

/// May a quotation open after `prev` (`None`: the start of a block)?
fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|p| {
        p.is_whitespace() || matches!(p, '(' | '[' | '{' | '<' | '/' | '-' | '\u{2013}' | '\u{2014}') || is_mark(p)
    })
}

/// May a quotation close before `next` (`None`: the end of a block)?
fn closes_before(next: Option<char>) -> bool {
    next.is_none_or(|n| !n.is_alphanumeric())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Single,
}

impl QuotationMarks {
    /// Reads the quotation marks of `text`, whose blocks end at `block_ends` (as in
    /// `anchor::RenderedText`); text after the last block end is one more block.
    pub fn new(text: &str, block_ends: &[usize]) -> Self {
        QuotationMarks::around(text, block_ends, None)
    }

    /// [`QuotationMarks::new`], reading only the blocks that `passages` reach into (all of
    /// them for `None`). A quotation never crosses a block's end, and what is asked of a
    /// passage looks only at the blocks it reaches into, so for those passages the answers are
    /// the same, and a 20 MB article with 100 excerpts has 100 paragraphs read instead of
    /// 136,000.
    pub fn around(text: &str, block_ends: &[usize], passages: Option<&[Range<usize>]>) -> Self {
        let mut blocks = Vec::with_capacity(block_ends.len() + 1);
        let mut start = 0;
        for &end in block_ends {
            if end > start && end <= text.len() {
                blocks.push(start..end);
                start = end;
            }
        }
        if start < text.len() {
            blocks.push(start..text.len());
        }
        let mut wanted = vec![passages.is_none(); blocks.len()];
        for passage in passages.unwrap_or_default() {
            // Every block from the one holding the passage's start to the one holding its end
            // (an empty passage: the block it is in, or the two it lies between).
            let first = blocks.partition_point(|b| b.end < passage.start);
            let last = blocks.partition_point(|b| b.start <= passage.end);
            for read in wanted.iter_mut().take(last).skip(first) {
                *read = true;
            }
        }
        let mut regions = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            if !wanted[i] {
                continue;
            }
            let next_block_opens = blocks
                .get(i + 1)
                .is_some_and(|b| starts_with_opening_mark(&text[b.clone()]));
            read_block(text, block.clone(), next_block_opens, &mut regions);
        }
        regions.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(regions.len());
        for r in regions {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        QuotationMarks {
            regions: merged,
            blocks,
        }
    }

    /// How much of `text[range]` (the same text as given to [`QuotationMarks::new`]) lies
    /// inside quotation marks.
    pub fn coverage(&self, text: &str, range: Range<usize>) -> Coverage {
        let Some(passage) = text.get(range.clone()) else {
            return Coverage::Outside;
        };
        // The regions that reach into the passage.
        let first = self.regions.partition_point(|r| r.end <= range.start);
        let regions = &self.regions[first..];
        let regions = &regions[..regions.partition_point(|r| r.start < range.end)];

        let mut inside_any = false;
        // Stretches of letters and digits outside every region, each with the index of the
        // region after it: two such characters are one stretch when no region comes between.
        let mut outside: Vec<(Range<usize>, usize)> = Vec::new();
        let mut r = 0;
        for (i, c) in passage.char_indices() {
            if !c.is_alphanumeric() {
                continue;
            }
            let p = range.start + i;
            while r < regions.len() && regions[r].end <= p {
                r += 1;
            }
            if regions.get(r).is_some_and(|reg| reg.start <= p) {
                inside_any = true;
                continue;
            }
            let end = p + c.len_utf8();
            match outside.last_mut() {
                Some((last, next)) if *next == r => last.end = end,
                _ => outside.push((p..end, r)),
            }
        }
        if !inside_any {
            return Coverage::Outside;
        }
        if outside.is_empty() {
            return Coverage::Inside;
        }
        let mut gaps = Vec::with_capacity(outside.len());
        for (stretch, next) in &outside {
            match (next.checked_sub(1).map(|b| &regions[b]), regions.get(*next)) {
                (Some(before), Some(after))
                    if after.start - before.end <= ATTRIBUTION_MAX && self.same_block(before.end, after.start) =>
                {
                    gaps.push(before.end..after.start);
                }
                _ => {
                    return Coverage::Partly {
                        outside: stretch.clone(),
                    };
                }
            }
        }
        Coverage::Bridged { gaps }
    }

    /// The words that attribute the quotations a passage lies in, as a newsroom writes them
    /// after each quotation: the text between two quotations the passage spans, and the text
    /// after the last one up to the end of its sentence (at most [`ATTRIBUTION_MAX`] bytes,
    /// within the block). For `“…,” Day said. “…,” Smith added.` and a passage spanning both
    /// quotations, that is `” Day said. “` and `” Smith added`.
    pub fn attributions(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let first = self.regions.partition_point(|r| r.end <= range.start);
        let regions = &self.regions[first..];
        let regions = &regions[..regions.partition_point(|r| r.start < range.end)];
        let mut out: Vec<Range<usize>> = regions.windows(2).map(|w| w[0].end..w[1].start).collect();
        if let Some(last) = regions.last() {
            let block_end = self
                .blocks
                .get(self.blocks.partition_point(|b| b.end <= last.end))
                .map_or(text.len(), |b| b.end);
            let next_quote = self.regions.get(first + regions.len()).map_or(usize::MAX, |r| r.start);
            let mut end = block_end
                .min(next_quote)
                .min(last.end + ATTRIBUTION_MAX)
                .min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let tail = &text[last.end..end];
            // Skip the closing mark and the punctuation before the attribution, then stop at
            // the end of its sentence.
            let lead = tail
                .char_indices()
                .find(|&(_, c)| c.is_alphanumeric())
                .map_or(tail.len(), |(i, _)| i);
            let stop = tail[lead..]
                .find(['.', '!', '?', '\n'])
                .map_or(tail.len(), |i| lead + i);
            out.push(last.end..last.end + stop);
        }
        out
    }

    /// Do offsets `a <= b` lie in one block?
    fn same_block(&self, a: usize, b: usize) -> bool {
        let i = self.blocks.partition_point(|blk| blk.end <= a);
        self.blocks.get(i).is_some_and(|blk| blk.start <= a && b < blk.end)
    }
}

/// Does `block` begin (after white space) with a mark that opens a double quotation?
fn starts_with_opening_mark(block: &str) -> bool {
    let mut chars = block.trim_start().chars();
    match chars.next().and_then(double_mark) {
        Some(Hint::Open) | Some(Hint::Either) => true,
        Some(Hint::Close) => chars.next().is_some_and(|n| !n.is_whitespace()),
        None => false,
    }
}

/// Reads the quotations of one block into `regions`.
fn read_block(text: &str, block: Range<usize>, next_block_opens: bool, regions: &mut Vec<Range<usize>>) {
    let body = &text[block.clone()];
    // The block's text without its closing line break.
    let content_end = block.start + body.trim_end_matches('\n').len();
    let mut open: Vec<(Kind, usize)> = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let at = block.start + i;
        let after = at + c.len_utf8();
        if let Some(hint) = double_mark(c) {
            let inside = open.iter().any(|(k, _)| *k == Kind::Double);
            let opens = opens_after(prev) && next.is_some_and(|n| !n.is_whitespace());
            let closes = prev.is_some_and(|p| !p.is_whitespace()) && closes_before(next);
            let is_open = match hint {
                Hint::Open => !(inside && closes && !opens),
                Hint::Close => !inside && opens && !closes,
                Hint::Either => !inside && (opens || !closes),
            };
            if is_open {
                open.push((Kind::Double, after));
            } else if inside {
                close(&mut open, Kind::Double, at, regions);
            }
        } else if is_single_mark(c) {
            let apostrophe = prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            if !apostrophe {
                let inside = open.iter().any(|(k, _)| *k == Kind::Single);
                if inside && prev.is_some_and(|p| !p.is_whitespace()) && closes_before(next) {
                    close(&mut open, Kind::Single, at, regions);
                } else if opens_after(prev) && next.is_some_and(|n| !n.is_whitespace()) {
                    open.push((Kind::Single, after));
                }
            }
        }
        prev = Some(c);
    }
    // A double quotation left open runs on into the next paragraph only by the newsroom
    // convention; anything else left open is a stray mark.
    if next_block_opens && let Some(&(_, start)) = open.iter().find(|(k, _)| *k == Kind::Double) {
        regions.push(start..content_end);
    }
}

/// Closes the innermost open quotation of `kind` at `at`, dropping unclosed ones inside it.
fn close(open: &mut Vec<(Kind, usize)>, kind: Kind, at: usize, regions: &mut Vec<Range<usize>>) {
    while let Some((k, start)) = open.pop() {
        if k == kind {
            if start < at {
                regions.push(start..at);
            }
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributions_follow_each_quotation() {
        let t = "“We had nothing to do with it,” Day said. “We will cooperate,” Smith added. Later.\n";
        let ends: Vec<usize> = vec![t.len()];
        let marks = QuotationMarks::new(t, &ends);
        let p = t.find("nothing").unwrap();
        let q = t.find("cooperate").unwrap() + 9;
        let got: Vec<&str> = marks.attributions(t, p..q).into_iter().map(|r| &t[r]).collect();
        assert_eq!(got, ["” Day said. “", "” Smith added"]);
        let got: Vec<&str> = marks.attributions(t, p..p + 7).into_iter().map(|r| &t[r]).collect();
        assert_eq!(got, ["” Day said"]);
    }

    /// Coverage of `passage` (its first occurrence) in `text`, read as one block per line.
    fn cover(text: &str, passage: &str) -> Coverage {
        let ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        let marks = QuotationMarks::new(text, &ends);
        let start = text.find(passage).expect("passage in text");
        marks.coverage(text, start..start + passage.len())
    }

    #[test]
    fn curly_and_straight_double_marks() {
        let t = "“Spoke with Pakistani FM Qureshi,” Bolton said in a tweet.\n";
        assert_eq!(cover(t, "Spoke with Pakistani FM Qureshi"), Coverage::Inside);
        assert_eq!(cover(t, "Bolton said in a tweet"), Coverage::Outside);
        let t = "He said \"we will act\" and left.\n";
        assert_eq!(cover(t, "we will act"), Coverage::Inside);
        assert_eq!(cover(t, "and left"), Coverage::Outside);
    }

    #[test]
    fn a_quote_may_start_mid_sentence() {
        let t = "Pakistan will deal “firmly” with all terrorists, he said.\n";
        assert_eq!(cover(t, "firmly"), Coverage::Inside);
        assert!(matches!(cover(t, "deal “firmly” with"), Coverage::Partly { .. }));
    }

    #[test]
    fn an_attribution_between_two_quotations_is_bridged() {
        let t = "“The FM assured me,” he said. “We will continue.”\n";
        let gap = t.find('”').unwrap()..t.rfind('“').unwrap() + '“'.len_utf8();
        assert_eq!(
            cover(t, "The FM assured me,” he said. “We will continue"),
            Coverage::Bridged { gaps: vec![gap] }
        );
        let long = format!("“One,” {} said. “Two.”\n", "a very long attribution ".repeat(5));
        let p = long.find("One").unwrap();
        let q = long.find("Two").unwrap() + 3;
        assert!(matches!(cover(&long, &long[p..q]), Coverage::Partly { .. }));
    }

    #[test]
    fn quotes_end_with_their_paragraph_unless_continued() {
        let t = "“First paragraph of a long quote.\n“Second one,” he said.\n";
        assert_eq!(cover(t, "First paragraph of a long quote"), Coverage::Inside);
        let t = "“A stray mark in one paragraph.\nNext paragraph.\n";
        assert_eq!(cover(t, "A stray mark"), Coverage::Outside);
    }

    #[test]
    fn apostrophes_are_not_quotation_marks() {
        let t = "Kashmir’s Pulwama district and the ministers' talks.\n";
        assert_eq!(cover(t, "Pulwama district"), Coverage::Outside);
        assert_eq!(cover(t, "talks"), Coverage::Outside);
    }

    #[test]
    fn single_marks_nested_inside_double_marks_and_in_headlines() {
        let t = "“He told me ‘we will act’ today,” Bolton said.\n";
        assert_eq!(cover(t, "we will act"), Coverage::Inside);
        assert_eq!(cover(t, "He told me ‘we will act’ today"), Coverage::Inside);
        let t = "# Pakistan to deal 'firmly' with terrorists\n";
        assert_eq!(cover(t, "firmly"), Coverage::Inside);
        assert_eq!(cover(t, "with terrorists"), Coverage::Outside);
    }

    #[test]
    fn glyphs_used_the_other_way_round() {
        let t = "Han sa ”vi kommer” i går.\n";
        assert_eq!(cover(t, "vi kommer"), Coverage::Inside);
        let t = "Er sagte „wir kommen“ heute.\n";
        assert_eq!(cover(t, "wir kommen"), Coverage::Inside);
        let t = "Er sagte »wir kommen« heute.\n";
        assert_eq!(cover(t, "wir kommen"), Coverage::Inside);
        assert_eq!(cover(t, "heute"), Coverage::Outside);
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        for t in ["\"", "“", "”\n”", "'\n'", "a\"b\"c", "«»", "‘’’‘", "\"\"\"\n\"\"", ""] {
            let ends: Vec<usize> = t.match_indices('\n').map(|(i, _)| i + 1).collect();
            let m = QuotationMarks::new(t, &ends);
            for s in 0..=t.len() {
                for e in s..=t.len() {
                    if t.is_char_boundary(s) && t.is_char_boundary(e) {
                        m.coverage(t, s..e);
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// Reading only the blocks a set of passages reaches into answers for those passages
        /// as reading every block does: texts of quotation marks, letters, attributions and
        /// paragraph breaks, passages anywhere (empty ones and ones across blocks included).
        #[test]
        fn reading_around_passages_answers_as_reading_all(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "“", "”", "\"", "'", "‘", "’", "«", "»", "a", "Day", " ", ", ", " said. ", ".", "\n",
                    "\n\n", "—",
                ]),
                0..60,
            ),
            cuts in proptest::collection::vec((0usize..400, 0usize..40), 1..4),
        ) {
            let text = parts.concat();
            let ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
            let at = |n: usize| {
                let mut n = n.min(text.len());
                while !text.is_char_boundary(n) {
                    n -= 1;
                }
                n
            };
            let passages: Vec<Range<usize>> = cuts
                .iter()
                .map(|&(start, len)| at(start)..at(start + len).max(at(start)))
                .collect();
            let all = QuotationMarks::new(&text, &ends);
            let around = QuotationMarks::around(&text, &ends, Some(&passages));
            for p in &passages {
                proptest::prop_assert_eq!(all.coverage(&text, p.clone()), around.coverage(&text, p.clone()));
                proptest::prop_assert_eq!(
                    all.attributions(&text, p.clone()),
                    around.attributions(&text, p.clone())
                );
            }
        }
    }
}
