//! Markdown fields to HTML: wikilinks resolved, fenced code highlighted.
//!
//! Every Markdown field (summaries, notes, pages, the description) goes through `to_html`:
//! pulldown-cmark with the wikilink extension, `[[id]]` rewritten to a relative link labelled
//! with the entity's display name, fenced code highlighted by syntect as CSS classes (prefixed
//! `hl-`, so the theme owns the colours). The result is sanitised (see `sanitize`): fields come
//! from files passed between colleagues and are untrusted. Article bodies are not rendered
//! here; they have their own renderer (`article`) because of highlights and mentions.

use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::text::wikilink::field_options;

/// Resolves an id to (url relative to the site root, display name).
pub trait Resolve {
    /// The URL and name of an id, if it exists.
    fn resolve(&self, id: &str) -> Option<(String, String)>;
    /// Whether raw HTML in content is trusted (passed through unsanitised).
    fn trust_html(&self) -> bool {
        false
    }
    /// A line saying what an id names (its kind, date, passage…), for the link's `title`: the
    /// page's script shows it as a preview on hover and focus, the browser as a tooltip.
    fn preview(&self, _id: &str) -> Option<String> {
        None
    }
    /// Where an id is on paper, written after its link: "see §3.4" in the briefing book, whose
    /// links are to its own sections. None elsewhere.
    fn reference(&self, _id: &str) -> Option<String> {
        None
    }
}

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Render a Markdown field for a page whose path back to the site root is `root`.
pub fn to_html(text: &str, root: &str, links: &dyn Resolve) -> String {
    let mut events: Vec<Event> = Vec::new();
    let mut code: Option<(String, String)> = None; // (language, text)
    let mut skip_label = 0usize;
    // The reference ("see §3.4") to write after the wikilink being read ends.
    let mut reference: Option<String> = None;
    for event in Parser::new_ext(text, field_options()) {
        if let Some((_, buf)) = &mut code {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, buf) = code.take().unwrap_or_default();
                    events.push(Event::Html(highlight(&lang, &buf).into()));
                }
                _ => {}
            }
            continue;
        }
        if skip_label > 0 {
            match event {
                Event::End(TagEnd::Link) => {
                    skip_label -= 1;
                    events.push(Event::End(TagEnd::Link));
                    if let Some(r) = reference.take() {
                        events.push(Event::Text(r.into()));
                    }
                }
                _ => continue,
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                title,
                id,
            }) => {
                let (url, name) = links
                    .resolve(dest_url.trim())
                    .unwrap_or_else(|| (String::new(), dest_url.to_string()));
                let title = match links.preview(dest_url.trim()) {
                    Some(preview) if title.is_empty() => CowStr::from(preview),
                    _ => title,
                };
                events.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: CowStr::from(format!("{root}{url}")),
                    title,
                    id,
                }));
                // "(source, see §5.2)" rather than "(source (see §5.2))".
                // (The link's start is the last event; the text before it, the one before.)
                let in_parens = matches!(events.iter().rev().nth(1), Some(Event::Text(t)) if t.ends_with('('));
                reference = links
                    .reference(dest_url.trim())
                    .map(|r| if in_parens { format!(", {r}") } else { format!(" ({r})") });
                if !has_pothole {
                    events.push(Event::Text(name.into()));
                    skip_label += 1;
                }
            }
            Event::End(TagEnd::Link) => {
                events.push(Event::End(TagEnd::Link));
                if let Some(r) = reference.take() {
                    events.push(Event::Text(r.into()));
                }
            }
            other => events.push(other),
        }
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    if links.trust_html() {
        out
    } else {
        crate::render::sanitize::sanitize(&out)
    }
}

/// Highlight a code block as classed HTML; an unknown language is shown plain.
pub fn highlight(lang: &str, code: &str) -> String {
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| set.find_syntax_plain_text());
    let mut generator =
        ClassedHTMLGenerator::new_with_class_style(syntax, set, ClassStyle::SpacedPrefixed { prefix: "hl-" });
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            let plain = escape_attr(code);
            return format!("<pre class=\"code\"><code>{plain}</code></pre>\n");
        }
    }
    let lang_class = if lang.is_empty() {
        String::new()
    } else {
        format!(" data-lang=\"{}\"", escape_attr(lang))
    };
    format!(
        "<pre class=\"code\"{lang_class}><code>{}</code></pre>\n",
        generator.finalize()
    )
}

/// Escape text for an HTML attribute value.
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The plain text of a Markdown field (for descriptions and the search index); a wikilink
/// without a label reads as its id.
pub fn to_plain(text: &str) -> String {
    plain(text, None)
}

/// The plain text of a Markdown field, a wikilink without a label read as the entity's name.
pub fn to_plain_resolved(text: &str, links: &dyn Resolve) -> String {
    plain(text, Some(links))
}

fn plain(text: &str, links: Option<&dyn Resolve>) -> String {
    let mut out = String::new();
    let mut skip = 0usize;
    for event in Parser::new_ext(text, field_options()) {
        if skip > 0 {
            if matches!(event, Event::End(TagEnd::Link)) {
                skip -= 1;
            }
            continue;
        }
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole: false },
                dest_url,
                ..
            }) => {
                if let Some((_, name)) = links.and_then(|l| l.resolve(dest_url.trim())) {
                    out.push_str(&name);
                    skip += 1;
                }
            }
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
            _ => {}
        }
    }
    crate::text::words::collapse(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;
    impl Resolve for Fixed {
        fn resolve(&self, id: &str) -> Option<(String, String)> {
            (id == "isi").then(|| ("actors/isi/index.html".into(), "Inter-Services Intelligence".into()))
        }
    }

    #[test]
    fn wikilinks_become_relative_links_with_names_or_labels() {
        let html = to_html("See [[isi]] and [[isi|the agency]].", "../../", &Fixed);
        assert_eq!(
            html,
            "<p>See <a href=\"../../actors/isi/index.html\">Inter-Services Intelligence</a> and <a href=\"../../actors/isi/index.html\">the agency</a>.</p>\n"
        );
    }

    #[test]
    fn raw_html_is_sanitised_but_harmless_markup_kept() {
        let html = to_html("a <script>alert(1)</script> <b onclick=\"x\">b</b>", "", &Fixed);
        assert!(!html.contains("<script>") && !html.contains("onclick"), "{html}");
        assert!(html.contains("<b>b</b>"), "{html}");
    }

    #[test]
    fn fenced_code_is_highlighted_with_classes() {
        let html = to_html("```rust\nfn main() {}\n```\n", "", &Fixed);
        assert!(html.contains("<pre class=\"code\" data-lang=\"rust\">"), "{html}");
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn fields_nested_50000_deep_keep_every_level() {
        // Not plain: a link with a title and raw HTML send the whole field through the
        // sanitiser, on a test thread's small stack.
        for (marker, open) in [("- ", "<ul>"), ("> ", "<blockquote>")] {
            let md = format!("{}[x](https://a.example \"t\") <b>b</b>", marker.repeat(50_000));
            let html = to_html(&md, "", &Fixed);
            assert_eq!(html.matches(open).count(), 50_000, "{marker}");
            assert!(html.contains("<a href=\"https://a.example\" title=\"t\">x</a> <b>b</b>"));
            assert!(!html.contains("object"));
        }
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(to_plain("A *b* [[isi|c]]\n\nd"), "A b c d");
    }
}
