//! Sanitising HTML that comes from content.
//!
//! Articles are copied from the web and YAML files are passed between colleagues, so raw HTML
//! in them is untrusted. Every Markdown field and every article block is rendered first and then
//! cleaned as a whole by ammonia, with an allow-list that keeps the markup dossier itself
//! generates (highlights, mention links, reference numbers, classed code) and removes scripts,
//! event handlers, frames, objects, styles, images and any URL scheme but http, https and mailto.
//! `trust_html: true` in dossier.yaml skips this for a dossier whose author wants raw HTML.

use std::collections::HashSet;
use std::sync::OnceLock;

use ammonia::{Builder, UrlRelative};

fn builder() -> &'static Builder<'static> {
    static BUILDER: OnceLock<Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = Builder::default();
        // Images are dropped: an image from content would be a request to another host (or a
        // broken link), and the site promises that no request leaves it.
        b.add_tags(["mark", "sup", "sub", "figure", "figcaption", "section", "aside"])
            .rm_tags(["img"])
            .add_generic_attributes(["class", "id", "title", "aria-label", "lang", "dir"])
            .add_tag_attributes("mark", ["data-excerpt"])
            .add_tag_attributes("pre", ["data-lang"])
            .add_tag_attributes("ol", ["start"])
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .url_relative(UrlRelative::PassThrough)
            .link_rel(None)
            // Content may not take over the page's own ids (`main`, `q`...): an id is kept only
            // on a highlight (`x-…`, written by dossier) or on a heading (an anchor to link to).
            .attribute_filter(|element, attribute, value| {
                if attribute != "id" {
                    return Some(value.into());
                }
                let heading = matches!(element, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                let ours = element == "mark" && value.starts_with("x-");
                let reserved = matches!(value, "main" | "q" | "site-q" | "search-status" | "search-results");
                ((heading || ours) && !reserved).then(|| value.into())
            });
        b
    })
}

/// Clean rendered HTML of everything that could run script or load from elsewhere.
pub fn sanitize(html: &str) -> String {
    builder().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_frames_and_bad_urls_are_removed() {
        let dirty = r#"<p onclick="x()">a<script>alert(1)</script><iframe src="https://e.vil"></iframe><object data="x"></object>
<a href="javascript:alert(1)">j</a><a href="vbscript:x">v</a><a href="data:text/html,x">d</a><img src=x onerror=alert(1)><style>body{}</style></p>"#;
        let clean = sanitize(dirty);
        for bad in [
            "<script",
            "onclick",
            "<iframe",
            "<object",
            "javascript:",
            "vbscript:",
            "data:",
            "onerror",
            "<style",
        ] {
            assert!(!clean.contains(bad), "{bad} survived: {clean}");
        }
    }

    #[test]
    fn content_cannot_take_the_pages_ids() {
        let clean = sanitize(r#"<p id="main">a</p><span id="q">b</span><h2 id="method">M</h2><h3 id="main">x</h3>"#);
        assert_eq!(clean, r#"<p>a</p><span>b</span><h2 id="method">M</h2><h3>x</h3>"#);
    }

    #[test]
    fn dossier_markup_survives() {
        let ours = r#"<p><a class="mention" href="../../actors/x/index.html" title="X">X</a> <mark class="excerpt stance-denial" id="x-a" data-excerpt="a">said</mark><sup class="excerpt-ref"><a href="../../excerpts/a/index.html" title="t" aria-label="Excerpt 1: t">1</a></sup></p>"#;
        assert_eq!(sanitize(ours), ours);
        let code = r#"<pre class="code" data-lang="rust"><code><span class="hl-source hl-rust">fn</span></code></pre>"#;
        assert_eq!(sanitize(code), code);
    }
}
