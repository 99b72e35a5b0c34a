//! `[[id]]` and `[[id|label]]` links inside Markdown fields.
//!
//! The syntax is parsed by pulldown-cmark itself (its wikilink extension), so a `[[...]]` inside
//! code is left alone and validation and rendering can never disagree about what is a link. This
//! module finds the links (for validation) and locates one back in its file (for diagnostics:
//! a YAML scalar's text is not byte-for-byte its source, so the link's own text is searched for).

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use crate::text::markdown::markdown_options;

/// One wikilink in a Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WikiLink {
    /// The id linked to.
    pub id: String,
    /// Byte range of the whole `[[...]]` in the Markdown text.
    pub range: Range<usize>,
}

/// Options for every Markdown field (article bodies excepted: they have no wikilinks).
pub fn field_options() -> pulldown_cmark::Options {
    markdown_options() | pulldown_cmark::Options::ENABLE_WIKILINKS
}

/// Every wikilink in `text`, in order.
pub fn find(text: &str) -> Vec<WikiLink> {
    Parser::new_ext(text, field_options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => Some(WikiLink {
                id: dest_url.trim().to_string(),
                range,
            }),
            _ => None,
        })
        .collect()
}

/// Where a link found in a field's text sits in the file: the n-th occurrence of its text after
/// the field starts (n counted within the field), or the field's start when it cannot be found.
pub fn locate_in_source(file: &str, field_start: usize, text: &str, link: &WikiLink) -> Range<usize> {
    let Some(snippet) = text.get(link.range.clone()) else {
        return field_start..field_start;
    };
    let nth = text[..link.range.start].matches(snippet).count();
    let Some(rest) = file.get(field_start..) else {
        return field_start..field_start;
    };
    match rest.match_indices(snippet).nth(nth) {
        Some((i, _)) => field_start + i..field_start + i + snippet.len(),
        None => field_start..field_start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_plain_and_labelled_links_but_not_code() {
        let links = find("See [[isi]] and [[lashkar-e-taiba|LeT]], not `[[code]]`.");
        let ids: Vec<&str> = links.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["isi", "lashkar-e-taiba"]);
    }

    #[test]
    fn locates_the_right_occurrence_in_the_file() {
        let file = "summary: \"[[a]] then [[a]] again\"\n";
        let text = "[[a]] then [[a]] again";
        let links = find(text);
        let second = locate_in_source(file, 9, text, &links[1]);
        assert_eq!(&file[second.clone()], "[[a]]");
        assert_eq!(second.start, 21);
    }
}
