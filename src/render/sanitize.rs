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
use std::collections::{HashMap, HashSet};
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
    builder(false).clean(&bound_scopes(html)).to_string()
}

/// Clean an article block after the article renderer has inserted its highlights, mention
/// links and reference numbers: the same allow-list as `sanitize`, except that this markup is
/// kept on the elements that carry it. Only for HTML whose raw parts were cleaned before the
/// insertion (see `article::render`).
pub fn sanitize_article_block(html: &str) -> String {
    builder(true).clean(&bound_scopes(html)).to_string()
}

/// Levels of nesting between two `<object>` elements inserted by [`bound_scopes`].
const SCOPE_LEVELS: usize = 32;

/// Elements after whose start tag [`bound_scopes`] may put an `<object>`: ones that content
/// closes explicitly (not `p` or `li`, which the parser closes by itself), so that the object
/// wraps exactly their content; not `a`, whose start tag looks back for an open `a` up to the
/// nearest object.
const SCOPED: [&str; 43] = [
    "abbr",
    "address",
    "article",
    "aside",
    "b",
    "big",
    "blockquote",
    "center",
    "cite",
    "code",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "em",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "header",
    "i",
    "ins",
    "kbd",
    "main",
    "mark",
    "nav",
    "ol",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "u",
    "ul",
];

/// Elements never nested in (no object goes inside them): the parser moves their contents
/// about (tables, `select`, `template`) or reads them as foreign content.
const UNSCOPED: [&str; 5] = ["math", "select", "svg", "table", "template"];

/// Elements that never have content (no end tag).
const VOID: [&str; 19] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text, not tags, up to their end tag (`noscript` too: the
/// sanitiser's parser runs with scripting on).
const RAW_TEXT: [&str; 9] = [
    "iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp",
];

/// The elements at which the parser's scope checks stop (`object` among them).
const BOUNDARY: [&str; 9] = [
    "applet", "caption", "html", "marquee", "object", "table", "td", "template", "th",
];

/// Start tags before which the parser closes an open `p` (if no boundary is in between).
const CLOSES_P: [&str; 32] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "ul",
];

/// Formatting elements, whose misnested end tags the parser resolves by moving elements about.
const FORMATTING: [&str; 14] = [
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// A tag name in lower case, borrowed when it already is.
fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// An open element as [`bound_scopes`] follows them.
struct Open<'h> {
    name: Cow<'h, str>,
    /// Whether an `<object>` was put right inside it.
    object: bool,
    /// Levels since the innermost object, this one included.
    since: usize,
}

/// The open elements as [`bound_scopes`] follows them, with indexes to answer its questions in
/// constant time.
#[derive(Default)]
struct OpenElements<'h> {
    stack: Vec<Open<'h>>,
    /// Positions in `stack` of the open elements of each name.
    by_name: HashMap<Cow<'h, str>, Vec<usize>>,
    /// Positions of the open boundary elements.
    boundaries: Vec<usize>,
    /// Positions of the elements with an object inside.
    objects: Vec<usize>,
    /// How many elements of [`UNSCOPED`] are open.
    unscoped: usize,
}

impl<'h> OpenElements<'h> {
    fn push(&mut self, name: Cow<'h, str>, object: bool, since: usize) {
        let at = self.stack.len();
        if BOUNDARY.contains(&&*name) {
            self.boundaries.push(at);
        }
        if UNSCOPED.contains(&&*name) {
            self.unscoped += 1;
        }
        if object {
            self.objects.push(at);
        }
        self.by_name.entry(name.clone()).or_default().push(at);
        self.stack.push(Open { name, object, since });
    }

    /// Pops the elements from position `at` up, writing an `</object>` for each object closed.
    fn pop_to(&mut self, at: usize, closing: &mut String) {
        while self.stack.len() > at {
            let Some(open) = self.stack.pop() else { break };
            let top = self.stack.len();
            if self.boundaries.last() == Some(&top) {
                self.boundaries.pop();
            }
            if UNSCOPED.contains(&&*open.name) {
                self.unscoped -= 1;
            }
            if open.object {
                self.objects.pop();
                closing.push_str("</object>");
            }
            if let Some(at) = self.by_name.get_mut(&open.name) {
                at.pop();
            }
        }
    }

    /// Position of the innermost open element of this name.
    fn innermost(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).and_then(|at| at.last()).copied()
    }

    /// Whether a content boundary element lies above position `at`.
    fn boundary_above(&self, at: usize) -> bool {
        self.boundaries.last().is_some_and(|&b| b > at)
    }
}

/// The HTML with an `<object>` element (which the sanitiser removes, keeping its content) put
/// inside every 32nd level of nesting of deeply nested input, closed right before the element
/// it is in closes; shallower input is returned as it is.
///
/// Why: before inserting most elements, the HTML parser of the sanitiser (html5ever, as in
/// browsers) checks whether a `<p>` is open by walking the open elements up to the nearest
/// "scope boundary" element, which makes a list or block quote nested 50,000 deep cost
/// 50,000² steps (over a minute). An `<object>` is such a boundary, so the walks stop within
/// 32 levels, and the sanitiser drops it again: the output is the same, in linear time.
///
/// The tags are read with a small tokenizer (comments, quoted attribute values, raw text
/// elements, void elements) and the open elements followed as the parser does for well-formed
/// input, closing a `p` before a block as it does; where raw HTML from content is misnested,
/// the model errs towards counting more open elements than the parser has, which only puts
/// objects closer together. The result is exact for the HTML pulldown-cmark writes from
/// Markdown and for well-formed raw HTML, and may differ for raw HTML that the parser repairs
/// (a `<table>` inside a `<p>`, misnested end tags) more than 32 levels deep: the sanitiser
/// still cleans whatever it is given, only the repaired nesting may come out differently.
pub(crate) fn bound_scopes(html: &str) -> Cow<'_, str> {
    // Too few tags to nest that deep.
    if html.bytes().filter(|&b| b == b'<').count() < SCOPE_LEVELS {
        return Cow::Borrowed(html);
    }
    let b = html.as_bytes();
    let find = |from: usize, what: &str| html.get(from..).and_then(|r| r.find(what)).map(|i| from + i);
    let name_end = |from: usize| {
        let mut i = from;
        while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            i += 1;
        }
        i
    };
    // The end (after `>`) of a tag whose attributes start at `i`: quoted values may hold `>`.
    let tag_end = |mut i: usize| {
        while i < b.len() {
            match b[i] {
                b'>' => return i + 1,
                b'=' => {
                    i += 1;
                    while i < b.len() && b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
                        i = html[i + 1..].find(q as char).map_or(b.len(), |e| i + 1 + e + 1);
                        continue;
                    }
                }
                _ => i += 1,
            }
        }
        b.len()
    };
    let mut open = OpenElements::default();
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    let mut closing = String::new();
    while let Some(lt) = find(at, "<") {
        let next = b.get(lt + 1).copied();
        if html[lt..].starts_with("<!--") {
            at = find(lt + 4, "-->").map_or(b.len(), |e| e + 3);
        } else if matches!(next, Some(b'!' | b'?')) {
            at = find(lt, ">").map_or(b.len(), |e| e + 1);
        } else if next == Some(b'/') && b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
            let end = name_end(lt + 2);
            let name = lower(&html[lt + 2..end]);
            at = tag_end(end);
            let Some(i) = open.innermost(&name) else { continue };
            // The parser ignores an end tag out of scope, and moves elements about for a
            // misnested formatting one: the model keeps them open.
            let top = open.stack.len() - 1;
            if open.boundary_above(i) || (i != top && FORMATTING.contains(&&*name)) {
                continue;
            }
            open.pop_to(i, &mut closing);
            if !closing.is_empty() {
                out.push_str(&html[copied..lt]);
                out.push_str(&closing);
                closing.clear();
                copied = lt;
            }
        } else if next.is_some_and(|c| c.is_ascii_alphabetic()) {
            let end = name_end(lt + 1);
            let name = lower(&html[lt + 1..end]);
            at = tag_end(end);
            if RAW_TEXT.contains(&&*name) {
                // Up to the matching end tag, in any case.
                loop {
                    match find(at, "</") {
                        Some(e)
                            if html[e + 2..]
                                .get(..name.len())
                                .is_some_and(|n| n.eq_ignore_ascii_case(&name)) =>
                        {
                            at = e;
                            break;
                        }
                        Some(e) => at = e + 2,
                        None => {
                            at = b.len();
                            break;
                        }
                    }
                }
                continue;
            }
            if name == "plaintext" {
                break;
            }
            if CLOSES_P.contains(&&*name)
                && let Some(p) = open.innermost("p")
                && !open.boundary_above(p)
                && open.objects.last().is_none_or(|&o| o < p)
            {
                open.pop_to(p, &mut closing);
            }
            if VOID.contains(&&*name) {
                continue;
            }
            let level = open.stack.last().map_or(1, |o| o.since + 1);
            let object = level >= SCOPE_LEVELS && open.unscoped == 0 && SCOPED.contains(&&*name);
            if object {
                out.push_str(&html[copied..at]);
                out.push_str("<object>");
                copied = at;
            }
            open.push(name, object, if object { 0 } else { level });
        } else {
            at = lt + 1;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
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

    /// Levels of nesting since the last `<object>` at the deepest point of `html` (a
    /// well-formed fragment).
    fn longest_run_without_object(html: &str) -> usize {
        let mut since: Vec<usize> = Vec::new();
        let mut longest = 0;
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            rest = &rest[lt..];
            let end = rest.find('>').unwrap() + 1;
            let tag = &rest[..end];
            if tag == "<object>" {
                since.push(0);
            } else if tag.starts_with("</") {
                since.pop();
            } else if !tag.starts_with("<br") {
                let level = since.last().map_or(1, |l| l + 1);
                longest = longest.max(level);
                since.push(level);
            }
            rest = &rest[end..];
        }
        longest
    }

    #[test]
    fn deep_nesting_gets_a_scope_boundary_every_32_levels() {
        for (open, close) in [
            ("<blockquote>\n", "</blockquote>\n"),
            ("<ul>\n<li>", "</li>\n</ul>\n"),
            ("<em>", "</em>"),
        ] {
            let deep = format!(
                "{}x <a href=\"http://a\" title=\"t\">l</a>{}",
                open.repeat(5000),
                close.repeat(5000)
            );
            let bounded = bound_scopes(&deep);
            assert!(longest_run_without_object(&bounded) <= SCOPE_LEVELS + 1, "{open}");
            assert!(longest_run_without_object(&deep) >= 5000);
            // The sanitiser gives the same, every level kept.
            let clean = sanitize(&deep);
            assert_eq!(clean.matches(open.trim_end()).count(), 5000, "{open}");
            assert!(!clean.contains("object"));
        }
        // Shallow HTML is left alone.
        let shallow = "<blockquote>\n".repeat(30);
        assert!(matches!(bound_scopes(&shallow), Cow::Borrowed(_)));
        // Tags in comments, attribute values and raw text elements do not count.
        let hidden = format!(
            "<div title=\"{}\"><!-- {} --><script>{}</script><textarea>{}</TEXTAREA></div>",
            "<div>".repeat(40),
            "<div>".repeat(40),
            "<div>".repeat(40),
            "<div>".repeat(40)
        );
        assert!(matches!(bound_scopes(&hidden), Cow::Borrowed(_)));
    }

    /// A table the parser moves out of a paragraph, deeper than 32 levels of emphasis (the
    /// case where the boundaries may change the repaired nesting): still cleaned, every
    /// element and text kept, no object left behind.
    #[test]
    fn a_table_repaired_out_of_a_deep_paragraph_is_still_cleaned() {
        let html = format!(
            "<div><p>{}<table><tr><td onclick=\"x()\">t</td></tr></table>{}</p></div>",
            "<em>".repeat(40),
            "</em>".repeat(40)
        );
        for article in [false, true] {
            let clean = builder(article).clean(&bound_scopes(&html)).to_string();
            assert!(!clean.contains("object") && !clean.contains("onclick"), "{clean}");
            assert!(clean.contains("<td>t</td>"), "{clean}");
            assert_eq!(clean.matches("<em>").count(), 40, "{clean}");
        }
    }

    /// Well-formed HTML nested by `choices` (each picks an element allowed where it goes), with
    /// a leaf from `leaves` inside each element.
    fn nested(choices: &[usize], leaves: &[&str]) -> String {
        const FLOW: [&str; 11] = [
            "div",
            "blockquote",
            "section",
            "details",
            "ul>li",
            "ol>li",
            "dl>dd",
            "p",
            "em",
            "span",
            "strong",
        ];
        const PHRASING: [&str; 9] = ["em", "strong", "b", "i", "span", "code", "sup", "q", "mark"];
        let (mut html, mut closes, mut phrasing) = (String::new(), Vec::new(), false);
        for (&choice, leaf) in choices.iter().zip(leaves.iter().cycle()) {
            let pick = if phrasing {
                PHRASING[choice % PHRASING.len()]
            } else {
                FLOW[choice % FLOW.len()]
            };
            for tag in pick.split('>') {
                html.push_str(&format!("<{tag} class=\"c\">"));
                closes.push(format!("</{tag}>"));
            }
            phrasing |= matches!(pick, "p" | "em" | "span" | "strong");
            // A leaf allowed where it goes (a table only in flow content), before the nested
            // element.
            if !phrasing || !leaf.starts_with("<table") {
                html.push_str(leaf);
            }
        }
        while let Some(close) = closes.pop() {
            html.push_str(&close);
            html.push('\n');
        }
        html
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]
        /// The objects change nothing in what the sanitiser gives back for well-formed HTML.
        #[test]
        fn scope_boundaries_change_nothing(
            choices in proptest::collection::vec(0usize..100, 30..130),
            leaves in proptest::collection::vec(proptest::sample::select(vec![
                "", "x", " ", "\n", "<br>", "<img src=x>", "<!-- <div> -->", "<script>a</script>", "&amp;",
                "<a href=\"http://x\" title=\"t\">l</a>", "<mark class=\"excerpt\" data-excerpt=\"e\">m</mark>",
                "<table><tr><td>t</td></tr></table>", "<sup class=\"excerpt-ref\"><a href=\"e\">1</a></sup>",
            ]), 1..20),
        ) {
            let html = nested(&choices, &leaves);
            for article in [false, true] {
                let b = builder(article);
                proptest::prop_assert_eq!(b.clean(&bound_scopes(&html)).to_string(), b.clean(&html).to_string());
            }
        }

        /// Whatever the input, misnested or not, no object survives the sanitiser.
        #[test]
        fn no_object_survives(
            tags in proptest::collection::vec(proptest::sample::select(vec![
                "<div>", "</div>", "<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<b>", "</b>", "<a>", "</a>",
                "<table>", "</table>", "<td>", "<object>", "</object>", "<em>", "</em>", "x", "<!--", "-->",
                "<script>", "</script>", "<svg>", "</svg>",
            ]), 0..400),
        ) {
            let html = tags.concat();
            for article in [false, true] {
                let clean = builder(article).clean(&bound_scopes(&html)).to_string();
                proptest::prop_assert!(!clean.contains("<object"), "{}", clean);
            }
        }
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
