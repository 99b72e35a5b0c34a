//! Folding: the normal form in which quotes are matched against an article, robust to
//! typography: Unicode NFKC, white space runs as one space, soft hyphens and zero-width
//! characters removed, every quotation mark as `"`, every apostrophe as `'`, every dash as `-`.
//!
//! A [`Folded`] text keeps a compact map back to the original, so a match found in the folded
//! text is a range of the original. Matching is case-sensitive: folding never changes letters.

use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Is `c` folded as white space (part of a run that becomes one space)?
fn is_fold_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// Is `c` removed by folding (soft hyphen, zero-width characters)?
fn is_removed(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The folded form of a quote, apostrophe or dash character, if `c` is one.
fn fold_punct(c: char) -> Option<char> {
    match c {
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{AB}' | '\u{BB}' | '\u{2033}' | '\u{301D}'
        | '\u{301E}' | '\u{FF02}' => Some('"'),
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}' | '\u{2032}'
        | '\u{FF07}' => Some('\''),
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Some('-'),
        _ => None,
    }
}

/// A piece of folded text that comes from one piece of the original. Offsets are 32 bits (16
/// bytes a piece instead of 32): a 20 MB article has about a million pieces. [`fold`] reads at
/// most `u32::MAX` bytes, so every offset fits.
#[derive(Debug, Clone, Copy)]
struct Seg {
    /// Start of the piece in the folded text (it ends where the next starts).
    folded: u32,
    /// Start of the piece's original range.
    orig: u32,
    /// End of the piece's original range.
    orig_end: u32,
    /// The folded bytes equal the original bytes, so offsets map one to one;
    /// otherwise every folded byte maps to `orig` (start of its group).
    verbatim: bool,
}

/// Folded text plus a map from each folded byte back to the byte offset in
/// the original string where the char (or normalisation group) it came from
/// starts, and one extra entry, the original length; so a folded range maps
/// back to an original range with [`Folded::to_original`].
///
/// The map is stored compactly: runs of characters that folding leaves
/// unchanged share one entry.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded text: NFKC (per group of a starter and its combining
    /// marks), white space runs as one `' '`, soft hyphens and zero-width
    /// characters removed, quotes as `"`, apostrophes as `'`, dashes as `-`.
    pub text: String,
    segs: Vec<Seg>,
    orig_len: usize,
}

impl Folded {
    /// The original byte offset that folded byte `folded` maps to: the start
    /// of the char or group it came from; the original length for
    /// `folded >= self.text.len()`.
    pub fn original_offset(&self, folded: usize) -> usize {
        if folded >= self.text.len() {
            return self.orig_len;
        }
        match self.seg_at(folded) {
            Some(seg) if seg.verbatim => {
                let mut p = folded;
                while p > seg.folded as usize && !self.text.is_char_boundary(p) {
                    p -= 1;
                }
                (seg.orig as usize + (p - seg.folded as usize)).min(self.orig_len)
            }
            Some(seg) => seg.orig as usize,
            None => self.orig_len,
        }
    }

    /// Maps a folded byte range back to the original range it came from:
    /// from the start of the group of its first byte to the end of the group
    /// of its last byte. Out-of-range input is clamped; an empty range maps
    /// to an empty range. The result is always on char boundaries of the
    /// original.
    pub fn to_original(&self, folded: Range<usize>) -> Range<usize> {
        let len = self.text.len();
        let start = folded.start.min(len);
        let end = folded.end.min(len).max(start);
        let orig_start = self.original_offset(start);
        if end == start {
            return orig_start..orig_start;
        }
        let orig_end = match self.seg_at(end - 1) {
            Some(seg) if seg.verbatim => {
                let mut p = end;
                while p < len && !self.text.is_char_boundary(p) {
                    p += 1;
                }
                (seg.orig as usize + (p - seg.folded as usize)).min(self.orig_len)
            }
            Some(seg) => seg.orig_end as usize,
            None => self.orig_len,
        };
        orig_start..orig_end.max(orig_start)
    }

    /// Is `folded` a boundary between folding groups, i.e. not inside a
    /// char nor inside the output of one normalisation group (such as `fi`
    /// from `ﬁ`)? Matches must start and end on such boundaries.
    pub fn is_group_boundary(&self, folded: usize) -> bool {
        if folded == 0 || folded >= self.text.len() {
            return folded <= self.text.len();
        }
        if !self.text.is_char_boundary(folded) {
            return false;
        }
        match self.seg_at(folded) {
            Some(seg) => seg.verbatim || seg.folded as usize == folded,
            None => true,
        }
    }

    /// The segment containing folded byte `p` (`p < text.len()`).
    fn seg_at(&self, p: usize) -> Option<&Seg> {
        let idx = self.segs.partition_point(|s| s.folded as usize <= p);
        idx.checked_sub(1).and_then(|i| self.segs.get(i))
    }
}

/// Builds a [`Folded`].
struct Folder {
    /// The folded text so far.
    out: String,
    /// Its segments so far.
    segs: Vec<Seg>,
}

impl Folder {
    /// Records that the output from `folded_start` to the current end comes
    /// from `orig`.
    /// Offsets past `u32::MAX` (only in a folded text of more than 4 GiB, which [`fold`] stops
    /// short of) are clamped: the mapping there is wrong, but never out of range.
    fn record(&mut self, folded_start: usize, orig: Range<usize>, verbatim: bool) {
        if self.out.len() == folded_start {
            return;
        }
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let (folded_start, orig) = (at(folded_start), at(orig.start)..at(orig.end));
        if verbatim
            && let Some(last) = self.segs.last_mut()
            && last.verbatim
            && last.orig_end == orig.start
            && last.folded.checked_add(last.orig_end - last.orig) == Some(folded_start)
        {
            last.orig_end = orig.end;
            return;
        }
        self.segs.push(Seg {
            folded: folded_start,
            orig: orig.start,
            orig_end: orig.end,
            verbatim,
        });
    }

    /// Emits one char of normalised output, applying the other rules.
    fn emit(&mut self, c: char) {
        if is_fold_space(c) {
            if !self.out.ends_with(' ') {
                self.out.push(' ');
            }
        } else if !is_removed(c) {
            self.out.push(fold_punct(c).unwrap_or(c));
        }
    }
}

/// Folds `s` for matching (see [`Folded::text`] for the rules); the same
/// folding is applied to articles, quotes, prefixes and suffixes.
///
/// NFKC is applied per group of a starter char and its following combining
/// marks, so each output byte maps to the original start of its group and a
/// char is never split. Quote, dash, white space and removed characters are
/// recognised before normalisation (so `″` is one `"`), and again in the
/// normalised output (so full-width `＂` or `U+3000` fold too).
///
/// Folding stops once the folded text passes 4 GiB (`u32::MAX` bytes, the limit of its map):
/// a quote further on is not found. An article is at most `max_file_size_mb` (4096 MiB).
pub fn fold(s: &str) -> Folded {
    let bytes = s.as_bytes();
    let mut f = Folder {
        out: String::with_capacity(s.len()),
        segs: Vec::with_capacity(pieces_at_most(bytes)),
    };
    let is_plain_ascii = |b: u8| b < 0x80 && !(b as char).is_whitespace();
    let mut i = 0;
    while i < s.len() && f.out.len() < u32::MAX as usize {
        // Fast path: ASCII non-space chars fold to themselves, and so does
        // one space between two of them (prose is mostly such runs, which
        // the general path took a word at a time). The last char is left to
        // the general path when a non-ASCII char (maybe a combining mark)
        // follows.
        if bytes.get(i).is_some_and(|&b| is_plain_ascii(b)) {
            let mut j = i + 1;
            loop {
                match bytes.get(j) {
                    Some(&b) if is_plain_ascii(b) => j += 1,
                    Some(b' ') if bytes.get(j + 1).is_some_and(|&b| is_plain_ascii(b)) => j += 2,
                    _ => break,
                }
            }
            if bytes.get(j).is_some_and(|&b| b >= 0x80) {
                j -= 1;
            }
            if j > i {
                let start = f.out.len();
                f.out.push_str(&s[i..j]);
                f.record(start, i..j, true);
                i = j;
                continue;
            }
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if is_fold_space(c) || is_removed(c) {
            let mut j = i;
            let mut has_space = false;
            for ch in s[i..].chars() {
                if is_fold_space(ch) {
                    has_space = true;
                } else if !is_removed(ch) {
                    break;
                }
                j += ch.len_utf8();
            }
            if has_space && !f.out.ends_with(' ') {
                let start = f.out.len();
                f.out.push(' ');
                f.record(start, i..j, &s[i..j] == " ");
            }
            i = j;
            continue;
        }
        if let Some(p) = fold_punct(c) {
            let start = f.out.len();
            let j = i + c.len_utf8();
            f.out.push(p);
            f.record(start, i..j, p == c);
            i = j;
            continue;
        }
        let mut j = i + c.len_utf8();
        for ch in s[j..].chars() {
            if canonical_combining_class(ch) == 0 {
                break;
            }
            j += ch.len_utf8();
        }
        let group = &s[i..j];
        let start = f.out.len();
        if is_nfkc_quick(group.chars()) == IsNormalized::Yes {
            f.out.push_str(group);
            f.record(start, i..j, true);
        } else {
            for ch in group.nfkc() {
                f.emit(ch);
            }
            let verbatim = f.out.get(start..) == Some(group);
            f.record(start, i..j, verbatim);
        }
        i = j;
    }
    Folded {
        text: f.out,
        segs: f.segs,
        orig_len: s.len(),
    }
}

/// An upper bound of the pieces [`fold`] makes of `bytes`, so that the map of a large article
/// is allocated once instead of growing by doubling (which, for a 20 MB article, left 60 MB of
/// earlier copies with the allocator). A piece that is not verbatim starts at a non-ASCII char
/// or at white space other than one space between other chars, and each is followed by at
/// most one verbatim piece. Were the bound ever short, the map would only grow as before.
fn pieces_at_most(bytes: &[u8]) -> usize {
    let mut starts = 0;
    let mut after_space = true;
    for &b in bytes {
        let space = b.is_ascii_whitespace() || b == 0x0B;
        starts += usize::from(b >= 0xC0 || (space && (b != b' ' || after_space)));
        after_space = space;
    }
    // Each such start and the verbatim piece after it, plus the verbatim piece before the first.
    2 * starts + 1
}

/// `s` as a reader would quote it: white space runs (with any soft hyphens
/// and zero-width characters inside) as one space, those characters removed,
/// trimmed. Nothing else changes.
pub(crate) fn display_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_fold_space(c) {
            pending_space = true;
        } else if !is_removed(c) {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out
}

/// Folds a prefix or suffix: trimmed, `None` when nothing is left.
pub(crate) fn fold_context(s: Option<&str>) -> Option<String> {
    let folded = fold(s?);
    let trimmed = folded.text.trim_matches(' ');
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::anchor::AnchorError;
    use crate::text::test_support::{anchored, sel};

    fn f(s: &str) -> String {
        fold(s).text
    }

    // ---- folding rules ----

    #[test]
    fn fold_nfkc_ligature() {
        assert_eq!(f("a ﬁne ﬂow"), "a fine flow");
        assert_eq!(anchored("A ﬁne day.", &sel("fine day")).unwrap(), "ﬁne day");
        assert_eq!(anchored("A fine day.", &sel("ﬁne day")).unwrap(), "fine day");
    }

    #[test]
    fn fold_nfkc_full_width() {
        assert_eq!(f("ＡＢＣ１２３"), "ABC123");
        assert_eq!(
            anchored("Code ＡＢＣ１２３ here", &sel("ABC123")).unwrap(),
            "ＡＢＣ１２３"
        );
    }

    #[test]
    fn fold_nfkc_composes_combining_marks() {
        assert_eq!(f("cafe\u{301}"), "café");
        assert_eq!(
            anchored("Le cafe\u{301} noir", &sel("café noir")).unwrap(),
            "cafe\u{301} noir"
        );
        // A mark never separates from its base: "cafe" is not in "café".
        assert!(matches!(
            anchored("Le cafe\u{301} noir", &sel("Le cafe")),
            Err(AnchorError::NotFound { .. })
        ));
    }

    #[test]
    fn fold_whitespace_newline() {
        assert_eq!(f("a\nb"), "a b");
        assert_eq!(f("a\r\n\r\nb"), "a b");
        assert_eq!(anchored("one two\nthree", &sel("two three")).unwrap(), "two\nthree");
    }

    #[test]
    fn fold_whitespace_nbsp() {
        assert_eq!(f("a\u{A0}b"), "a b");
        assert_eq!(anchored("10\u{A0}km away", &sel("10 km")).unwrap(), "10\u{A0}km");
    }

    #[test]
    fn fold_whitespace_thin_space() {
        assert_eq!(f("a\u{2009}b"), "a b");
        assert_eq!(
            anchored("1\u{2009}000 people", &sel("1 000 people")).unwrap(),
            "1\u{2009}000 people"
        );
    }

    #[test]
    fn fold_whitespace_tab_and_multiple_spaces() {
        assert_eq!(f("a\t\t b"), "a b");
        assert_eq!(f("a    b"), "a b");
        assert_eq!(anchored("a    b", &sel("a\tb")).unwrap(), "a    b");
    }

    #[test]
    fn fold_whitespace_other_kinds() {
        for ws in [
            '\u{2007}', '\u{202F}', '\u{2002}', '\u{2003}', '\u{200A}', '\u{205F}', '\u{3000}', '\u{1680}', '\u{2028}',
            '\u{2029}', '\u{85}', '\u{0B}', '\u{0C}',
        ] {
            assert_eq!(f(&format!("a{ws}b")), "a b", "U+{:04X}", ws as u32);
            assert_eq!(f(&format!("a {ws}\n b")), "a b", "run with U+{:04X}", ws as u32);
        }
    }

    #[test]
    fn fold_soft_hyphen() {
        assert_eq!(f("Bundes\u{AD}tag"), "Bundestag");
        assert_eq!(
            anchored("Der Bundes\u{AD}tag tagt", &sel("Bundestag")).unwrap(),
            "Bundes\u{AD}tag"
        );
        assert_eq!(
            anchored("Der Bundestag tagt", &sel("Bundes\u{AD}tag")).unwrap(),
            "Bundestag"
        );
    }

    #[test]
    fn fold_zero_width_characters() {
        for zw in ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'] {
            assert_eq!(f(&format!("ab{zw}cd")), "abcd", "U+{:04X}", zw as u32);
            let md = format!("x ab{zw}cd y");
            assert_eq!(anchored(&md, &sel("abcd")).unwrap(), format!("ab{zw}cd"));
            // Removed characters inside a white space run do not split it.
            assert_eq!(f(&format!("a {zw} b")), "a b", "U+{:04X}", zw as u32);
        }
    }

    #[test]
    fn fold_double_quotes() {
        for q in [
            '"', '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{AB}', '\u{BB}', '\u{2033}', '\u{301D}',
            '\u{301E}', '\u{FF02}',
        ] {
            assert_eq!(f(&format!("{q}x{q}")), "\"x\"", "U+{:04X}", q as u32);
        }
        assert_eq!(
            anchored("He said “no” twice.", &sel("said \"no\"")).unwrap(),
            "said “no”"
        );
        assert_eq!(
            anchored("Il dit «\u{A0}non\u{A0}».", &sel("“ non ”")).unwrap(),
            "«\u{A0}non\u{A0}»"
        );
    }

    #[test]
    fn fold_single_quotes_and_apostrophes() {
        for q in [
            '\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', '\u{2039}', '\u{203A}', '\u{2032}', '\u{FF07}',
        ] {
            assert_eq!(f(&format!("it{q}s")), "it's", "U+{:04X}", q as u32);
        }
        assert_eq!(
            anchored("It’s the minister’s plan.", &sel("It's the minister's")).unwrap(),
            "It’s the minister’s"
        );
    }

    #[test]
    fn fold_dashes() {
        for d in [
            '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}', '\u{FE58}',
            '\u{FE63}', '\u{FF0D}',
        ] {
            assert_eq!(f(&format!("a{d}b")), "a-b", "U+{:04X}", d as u32);
        }
        assert_eq!(
            anchored("pages 10–12 — roughly", &sel("10-12 - roughly")).unwrap(),
            "10–12 — roughly"
        );
    }

    #[test]
    fn fold_is_case_sensitive() {
        assert_eq!(f("The Cat"), "The Cat");
        assert!(matches!(
            anchored("The Cat sat.", &sel("the cat")),
            Err(AnchorError::NotFound { .. })
        ));
        assert_eq!(anchored("The Cat sat.", &sel("The Cat")).unwrap(), "The Cat");
    }

    #[test]
    fn near_miss_is_not_matched() {
        let err = anchored("Mr Qureshi said so.", &sel("Mr Qureshy said")).unwrap_err();
        let AnchorError::NotFound { closest: Some(p) } = err else {
            panic!("expected NotFound with a passage, got {err:?}");
        };
        assert!(p.text.contains("Mr Qureshi said"), "{p:?}");
        assert!(matches!(
            anchored("colour", &sel("color")),
            Err(AnchorError::NotFound { .. })
        ));
    }

    #[test]
    fn folding_does_not_touch_other_punctuation() {
        assert_eq!(f("a.b,c;d:e!f?g…"), "a.b,c;d:e!f?g...");
        assert!(matches!(
            anchored("a, b", &sel("a. b")),
            Err(AnchorError::NotFound { .. })
        ));
    }

    #[test]
    fn to_original_maps_ranges_back() {
        let s = "“ﬁ”  x\u{AD}é\n\ny";
        let folded = fold(s);
        assert_eq!(folded.text, "\"fi\" xé y");
        // The whole text.
        assert_eq!(folded.to_original(0..folded.text.len()), 0..s.len());
        // The ligature as a whole, and each half of it maps to the whole.
        let lig = s.find('ﬁ').unwrap();
        assert_eq!(folded.to_original(1..3), lig..lig + 'ﬁ'.len_utf8());
        assert_eq!(folded.to_original(1..2), lig..lig + 'ﬁ'.len_utf8());
        assert!(!folded.is_group_boundary(2));
        assert!(folded.is_group_boundary(1) && folded.is_group_boundary(3));
        // The white space run maps to the whole run.
        let run = s.find("  ").unwrap();
        assert_eq!(folded.to_original(4..5), run..run + 2);
        // "xé" skips nothing but the soft hyphen inside it.
        let x = s.find('x').unwrap();
        assert_eq!(&s[folded.to_original(5..8)], "x\u{AD}é");
        assert_eq!(&s[folded.to_original(5..6)], "x");
        assert_eq!(folded.to_original(5..6), x..x + 1);
        // Clamping and empty ranges.
        assert_eq!(folded.to_original(100..200), s.len()..s.len());
        assert_eq!(folded.original_offset(folded.text.len()), s.len());
        assert_eq!(fold("").to_original(0..0), 0..0);
    }

    proptest::proptest! {
        /// The map's capacity, reserved before folding, is enough for every piece: text made
        /// of the characters that start pieces (quotes, dashes, white space of each kind,
        /// removed characters, ligatures, combining marks) among plain letters.
        #[test]
        fn pieces_at_most_bounds_the_map(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "bc", " ", "  ", "\n", "\t", "\u{B}", "\u{A0}", "\u{3000}", "\u{2009}", "“",
                "”", "’", "'", "\"", "—", "-", "\u{AD}", "\u{200B}", "ﬁ", "e\u{301}", "\u{301}", "é",
                "Ж", "＂", "\u{A8}", "\u{2474}",
            ]),
            0..40,
        )) {
            let s = parts.concat();
            let folded = fold(&s);
            proptest::prop_assert!(
                folded.segs.len() <= pieces_at_most(s.as_bytes()),
                "{} pieces, at most {} expected, for {:?}",
                folded.segs.len(),
                pieces_at_most(s.as_bytes()),
                s
            );
        }
    }

    /// ASCII prose with single spaces is one verbatim piece; a run of spaces, a space before a
    /// combining mark and a space at either end still go through the general path, and every
    /// word maps back to where it was.
    #[test]
    fn single_spaces_between_ascii_words_stay_in_one_piece() {
        let plain = fold("Officials said the agency planned the raid.");
        assert_eq!(plain.text, "Officials said the agency planned the raid.");
        assert_eq!(plain.segs.len(), 1);
        let s: &str = " two  spaces, then e\u{301} and  end ";
        let folded = fold(s);
        assert_eq!(folded.text, " two spaces, then \u{e9} and end ");
        for word in ["two", "spaces,", "then", "and", "end"] {
            let at = folded.text.find(word).unwrap();
            let back = folded.to_original(at..at + word.len());
            assert_eq!(&s[back], word);
        }
    }

    #[test]
    fn a_large_article_map_is_allocated_once() {
        let paragraph = "Paragraph 1: Actor Number1 said that the report was “not accurate” — and replied.\n";
        let s = paragraph.repeat(2000);
        let folded = fold(&s);
        let reserved = pieces_at_most(s.as_bytes());
        assert!(folded.segs.len() <= reserved);
        assert_eq!(folded.segs.capacity(), reserved, "the map never grew");
        // Each piece is 16 bytes, offsets 32 bits.
        assert_eq!(std::mem::size_of::<Seg>(), 16);
    }
}
