//! Text: the pure functions over the words of an article or a Markdown field that every
//! stage shares, and nothing else.
//!
//! `anchor` owns an article's rendered text, the folding that makes matching robust to
//! typography, and finding a quote in it; `quotes` reads an article's quotation marks;
//! `wikilink` finds `[[id]]` links in Markdown. No I/O, no model types, no HTML: validation,
//! the index and rendering all call into here, so they agree on what a text says.

pub mod anchor;
pub mod quotes;
pub mod wikilink;
