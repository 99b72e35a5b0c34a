//! Sanitising HTML that comes from content.
//!
//! Articles are copied from the web and YAML files are passed between colleagues, so raw HTML
//! in them is untrusted. It is cleaned by ammonia with an allow-list that removes scripts, event
//! handlers, frames, objects, styles, images and any URL scheme but http, https and mailto (in
//! `href`, `src` and `cite` alike). Content must also not pass for dossier's own markup: a
//! highlight (`<mark class="excerpt stance-…" id="x-…" data-excerpt="…">`), a mention link
//! (`class="mention"`) or a reference number (`class="excerpt-ref"`) written into an article by
//! hand would give the page a second `x-…` id and put forged text into an excerpt page. So
//! `<mark>` is dossier's alone (content's marks are unwrapped, their text kept), and there are two
//! policies. `sanitize` (every Markdown field, and the raw HTML blocks of an article before any
//! highlight is inserted) keeps none of that vocabulary. `sanitize_article_block` (an article
//! block after the article renderer inserted its markup) keeps it only on the element that
//! carries it; that is safe only because the article renderer has already removed the
//! vocabulary from the content's own raw HTML (`clean_inline_tag` for inline tags, `sanitize`
//! for HTML blocks). `trust_html: true` in dossier.yaml skips all of this for a dossier whose
//! author wants raw HTML.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use ammonia::{Builder, UrlRelative};

/// Ids of the page itself (templates and search) that content may never take.
const PAGE_IDS: [&str; 5] = ["main", "q", "site-q", "search-status", "search-results"];

/// Whether an id belongs to dossier: a highlight anchor (`x-…`) or an id of the page itself.
fn reserved_id(id: &str) -> bool {
    id.starts_with("x-") || PAGE_IDS.contains(&id)
}

/// Whether a class is one the article renderer writes (highlights, mentions, reference numbers).
fn reserved_class(class: &str) -> bool {
    matches!(class, "excerpt" | "excerpt-ref" | "mention") || class.starts_with("stance-")
}

/// Whether dossier's own markup puts this reserved class on this element.
fn ours(element: &str, class: &str) -> bool {
    match element {
        "mark" => class == "excerpt" || class.starts_with("stance-"),
        "a" => class == "mention",
        "sup" => class == "excerpt-ref",
        _ => false,
    }
}

/// The same test ammonia applies to `href` and `src`: an allowed scheme, or a relative URL.
fn allowed_url(value: &str) -> bool {
    match url::Url::parse(value) {
        Ok(u) => matches!(u.scheme(), "http" | "https" | "mailto"),
        Err(e) => e == url::ParseError::RelativeUrlWithoutBase,
    }
}

fn builder(article: bool) -> &'static Builder<'static> {
    static CONTENT: OnceLock<Builder<'static>> = OnceLock::new();
    static ARTICLE: OnceLock<Builder<'static>> = OnceLock::new();
    let cell = if article { &ARTICLE } else { &CONTENT };
    cell.get_or_init(|| {
        let mut b = Builder::default();
        // Images are dropped: an image from content would be a request to another host (or a
        // broken link), and the site promises that no request leaves it.
        b.add_tags(["sup", "sub", "figure", "figcaption", "section", "aside"])
            .rm_tags(["img", "mark"])
            .add_generic_attributes(["class", "id", "title", "aria-label", "lang", "dir"])
            .add_tag_attributes("pre", ["data-lang"])
            .add_tag_attributes("ol", ["start"])
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .url_relative(UrlRelative::PassThrough)
            .link_rel(None)
            .attribute_filter(move |element, attribute, value| match attribute {
                // ammonia checks the scheme of `href` and `src` only; `cite` is a URL too.
                "cite" => allowed_url(value).then(|| value.into()),
                // An id is kept on a heading (an anchor to link to) unless it is dossier's; an
                // `x-…` id on a mark only in an article block, where only dossier wrote one.
                "id" => {
                    let heading = matches!(element, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                    let keep = if article && element == "mark" {
                        value.starts_with("x-")
                    } else {
                        heading && !reserved_id(value)
                    };
                    keep.then(|| value.into())
                }
                "class" => {
                    let kept: Vec<&str> = value
                        .split_ascii_whitespace()
                        .filter(|c| !reserved_class(c) || (article && ours(element, c)))
                        .collect();
                    (!kept.is_empty()).then(|| kept.join(" ").into())
                }
                _ => Some(value.into()),
            });
        if article {
            b.add_tags(["mark"]).add_tag_attributes("mark", ["data-excerpt"]);
        }
        b
    })
}

/// Clean HTML from content of everything that could run script, load from elsewhere, or pass
/// for dossier's own markup.
pub fn sanitize(html: &str) -> String {
    builder(false).clean(html).to_string()
}

/// Clean an article block after the article renderer has inserted its highlights, mention
/// links and reference numbers: the same allow-list as `sanitize`, except that this markup is
/// kept on the elements that carry it. Only for HTML whose raw parts were cleaned before the
/// insertion (see `article::render`).
pub fn sanitize_article_block(html: &str) -> String {
    builder(true).clean(html).to_string()
}

/// Remove what could pass for dossier's markup from one inline raw HTML tag of an article,
/// before highlights are inserted next to it: a `mark` tag altogether, and the attributes `id`,
/// `class` with a reserved class, and every `data-*`. `tag` is what pulldown-cmark reports as
/// inline HTML: one whole open tag, closing tag, comment, processing instruction, declaration or
/// CDATA section (CommonMark's grammar for raw HTML). Only open tags carry attributes. An open
/// tag this function cannot read by that grammar is dropped rather than trusted.
pub fn clean_inline_tag(tag: &str) -> Cow<'_, str> {
    let b = tag.as_bytes();
    let name_at = if tag.starts_with("</") { 2 } else { 1 };
    if b.len() <= name_at || b[0] != b'<' || !b[name_at].is_ascii_alphabetic() {
        return Cow::Borrowed(tag);
    }
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let mut i = name_at;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
        i += 1;
    }
    if tag[name_at..i].eq_ignore_ascii_case("mark") {
        return Cow::Borrowed("");
    }
    if name_at == 2 {
        return Cow::Borrowed(tag);
    }
    let mut drop: Vec<(usize, usize)> = Vec::new();
    loop {
        let attr_start = i;
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        match b.get(i) {
            Some(b'>') if i + 1 == b.len() => break,
            Some(b'/') if i + 2 == b.len() && b[i + 1] == b'>' => break,
            _ => {}
        }
        let name_start = i;
        if i == attr_start
            || !b
                .get(i)
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'_' | b':'))
        {
            return Cow::Borrowed("");
        }
        while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b'.' | b':' | b'-')) {
            i += 1;
        }
        let name = tag[name_start..i].to_ascii_lowercase();
        let mut j = i;
        while j < b.len() && space(b[j]) {
            j += 1;
        }
        let mut value = "";
        if b.get(j) == Some(&b'=') {
            j += 1;
            while j < b.len() && space(b[j]) {
                j += 1;
            }
            let value_start = j;
            match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let Some(len) = tag[j + 1..].find(q as char) else {
                        return Cow::Borrowed("");
                    };
                    value = &tag[j + 1..j + 1 + len];
                    j += len + 2;
                }
                _ => {
                    while j < b.len() && !space(b[j]) && !matches!(b[j], b'"' | b'\'' | b'=' | b'<' | b'>' | b'`') {
                        j += 1;
                    }
                    if j == value_start {
                        return Cow::Borrowed("");
                    }
                    value = &tag[value_start..j];
                }
            }
            i = j;
        }
        // Without `&` the value is what the browser reads (no character references to decode);
        // with one, it is not worth decoding: the attribute goes.
        let reserved = match name.as_str() {
            "id" => value.contains('&') || reserved_id(value),
            "class" => value.contains('&') || value.split_ascii_whitespace().any(reserved_class),
            n => n.starts_with("data-"),
        };
        if reserved {
            drop.push((attr_start, i));
        }
    }
    if drop.is_empty() {
        return Cow::Borrowed(tag);
    }
    let mut out = String::with_capacity(tag.len());
    let mut at = 0;
    for (s, e) in drop {
        out.push_str(&tag[at..s]);
        at = e;
    }
    out.push_str(&tag[at..]);
    Cow::Owned(out)
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
    fn cite_is_filtered_like_href() {
        let dirty = r#"<blockquote cite="javascript:alert(1)">a</blockquote><q cite=" JaVa&#x09;script:x">b</q><ins cite="data:text/html,x">c</ins><del cite="vbscript:x">d</del>"#;
        for clean in [sanitize(dirty), sanitize_article_block(dirty)] {
            assert_eq!(clean, "<blockquote>a</blockquote><q>b</q><ins>c</ins><del>d</del>");
        }
        let fine = r#"<blockquote cite="https://example.org/a">a</blockquote><q cite="../b">b</q>"#;
        assert_eq!(sanitize(fine), fine);
    }

    #[test]
    fn content_cannot_take_the_pages_ids() {
        let clean = sanitize(r#"<p id="main">a</p><span id="q">b</span><h2 id="method">M</h2><h3 id="main">x</h3>"#);
        assert_eq!(clean, r#"<p>a</p><span>b</span><h2 id="method">M</h2><h3>x</h3>"#);
    }

    #[test]
    fn content_cannot_pass_for_dossier_markup() {
        let forged = r#"<p><mark id="x-a" data-excerpt="a" class="excerpt stance-denial">F</mark><a class="mention x" href="y">m</a><sup class="excerpt-ref">1</sup></p><h2 id="x-a" class="excerpt">h</h2>"#;
        assert_eq!(
            sanitize(forged),
            r#"<p>F<a class="x" href="y">m</a><sup>1</sup></p><h2>h</h2>"#
        );
    }

    #[test]
    fn dossier_markup_survives_in_article_blocks_only_where_it_belongs() {
        let ours = r#"<p><a class="mention" href="../../actors/x/index.html" title="X">X</a> <mark class="excerpt stance-denial" id="x-a" data-excerpt="a">said</mark><sup class="excerpt-ref"><a href="../../excerpts/a/index.html" title="t" aria-label="Excerpt 1: t">1</a></sup></p>"#;
        assert_eq!(sanitize_article_block(ours), ours);
        let misplaced = r#"<h2 id="x-a" class="excerpt mention">h</h2><span class="stance-denial excerpt-ref" data-excerpt="a">s</span>"#;
        assert_eq!(sanitize_article_block(misplaced), "<h2>h</h2><span>s</span>");
        let code = r#"<pre class="code" data-lang="rust"><code><span class="hl-source hl-rust">fn</span></code></pre>"#;
        assert_eq!(sanitize(code), code);
    }

    #[test]
    fn dossier_markup_is_removed_from_inline_tags() {
        let s = |t| clean_inline_tag(t).into_owned();
        assert_eq!(
            s(r#"<mark id="x-a" data-excerpt="a" class="excerpt stance-allegation">"#),
            ""
        );
        assert_eq!(s("</MARK>"), "");
        assert_eq!(
            s("<SPAN\nID=x-a\nData-Excerpt='a' title=\"t\"/>"),
            "<SPAN title=\"t\"/>"
        );
        assert_eq!(s(r#"<a class="mention" href="y">"#), r#"<a href="y">"#);
        assert_eq!(
            s(r#"<span class="note" id="mine">"#),
            r#"<span class="note" id="mine">"#
        );
        assert_eq!(s(r#"<span id="&#x78;-a" class="&#101;xcerpt">"#), "<span>");
        assert_eq!(s(r#"<b title="a > b">"#), r#"<b title="a > b">"#);
        for untouched in [
            "</span>",
            "<!-- c -->",
            "<?p x?>",
            "<!X y>",
            "<![CDATA[x]]>",
            "<br>",
            "<br/>",
        ] {
            assert_eq!(s(untouched), untouched);
        }
        // Not a tag by CommonMark's grammar: dropped, not trusted.
        assert_eq!(s(r#"<span/id="x-a">"#), "");
    }
}
