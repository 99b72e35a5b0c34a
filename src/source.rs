//! A loaded text file and its line index.
//!
//! Every diagnostic points into a `Source`: it owns the file's display path (relative to the
//! dossier folder, with `/` separators so messages read the same on every platform), its text,
//! and the byte offset of each line start, so that a byte offset becomes `line:column` without
//! rescanning the file. It never touches the file system: `load` reads, this only indexes.

use std::ops::Range;
use std::sync::Arc;

/// A text file as loaded, shared by every value and diagnostic that points into it.
pub struct Source {
    /// Path relative to the dossier folder, `/`-separated (e.g. `content/actors/isi.yaml`).
    pub path: String,
    /// The whole text as loaded: BOM removed, CRLF and lone CR turned into LF by `load` (offsets
    /// point into this text, not into the bytes on disk).
    pub text: String,
    /// The offset of each line's start, in 32 bits: a file is at most 4 GiB (`max_file_size_mb`
    /// is at most 4096), and a line starting at 4 GiB exactly, after the last byte, is not
    /// kept (an offset there is on the line before). 4 bytes a line, for 45 MB at 50,000 articles.
    line_starts: Vec<u32>,
    /// A hash of the path and text, made when first asked for ([`Source::digest`]).
    digest: std::sync::OnceLock<u64>,
}

/// Everything but the digest, which is made only when asked for.
impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("path", &self.path)
            .field("text", &self.text)
            .field("line_starts", &self.line_starts)
            .finish()
    }
}

impl Source {
    /// Index a file's text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Arc<Source> {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map_while(|(i, _)| u32::try_from(i + 1).ok()));
        Arc::new(Source {
            path: path.into(),
            text,
            line_starts,
            digest: std::sync::OnceLock::new(),
        })
    }

    /// The same file's path with no text, for a model that no longer reads its files' texts
    /// (`Dossier::release_texts`): a span in it shows as line 1, column 1.
    pub fn without_text(&self) -> Arc<Source> {
        Source::new(self.path.clone(), String::new())
    }

    /// A hash of the path and text, the key of what `serve` keeps of this file between
    /// rebuilds. Made once per loaded text: an unchanged file keeps its `Source` from one
    /// rebuild to the next, so its text is not hashed again.
    pub fn digest(&self) -> u64 {
        *self.digest.get_or_init(|| {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (&self.path, &self.text).hash(&mut h);
            h.finish()
        })
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end or inside
    /// a character are clamped rather than trusted, because diagnostics must never panic.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s as usize <= offset);
        let start = self.line_starts[line - 1] as usize;
        let col = self.text[start..offset].chars().count() + 1;
        (line, col)
    }

    /// The byte offset of a 1-based line and 1-based character column, clamped to the text.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(start) = self.line_starts.get(line.saturating_sub(1)).map(|&s| s as usize) else {
            return self.text.len();
        };
        let line_text = &self.text[start..self.line_end(start)];
        let within = line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        start + within
    }

    /// Byte range of the 1-based line, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .map_or(self.text.len(), |&s| s as usize);
        start..self.line_end(start)
    }

    /// Number of lines (a final line without a newline counts).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    fn line_end(&self, start: usize) -> usize {
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let s = Source::new("a.yaml", "ab\nçd: x\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (2, 1));
        // `d` follows a two-byte `ç`.
        assert_eq!(s.line_col(5), (2, 2));
        assert_eq!(s.offset_of(2, 2), 5);
        assert_eq!(s.line_range(2), 3..9);
        // Clamped, never a panic.
        assert_eq!(s.line_col(4), (2, 1));
        assert_eq!(s.line_col(999), (3, 1));
    }

    #[test]
    fn crlf_line_ends_are_not_part_of_the_line() {
        let s = Source::new("a.md", "one\r\ntwo\r\n");
        assert_eq!(&s.text[s.line_range(1)], "one");
        assert_eq!(&s.text[s.line_range(2)], "two");
    }
}
