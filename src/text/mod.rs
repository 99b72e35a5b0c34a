//! Text: the pure functions over the words of an article or a Markdown field that every
//! stage shares, and nothing else.
//!
//! `markdown` owns the parser options and an article's rendered text; `fold` the folding that
//! makes matching robust to typography; `anchor` finding a quote in an article, and `suggest`
//! the closest passage when it is not found; `quotes` reads an article's quotation marks; `sentences` splits
//! it into sentences (for the publishing modes);
//! `wikilink` finds `[[id]]` links in Markdown; `language` reads language tags and their direction; `unlinked` finds names no actor has; `words` collapses, cuts and labels text. No I/O, no model types, no HTML: validation,
//! the index and rendering all call into here, so they agree on what a text says.

pub mod anchor;
pub mod fold;
pub mod language;
pub mod markdown;
pub mod quotes;
pub mod sentences;
mod suggest;
#[cfg(test)]
mod test_support;
pub mod unlinked;
pub mod wikilink;
pub mod words;
