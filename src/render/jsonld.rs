//! schema.org descriptions of pages (JSON-LD), and the one way dossier writes JSON that sits
//! in or next to HTML.
//!
//! JSON-LD keeps `serde_json` maps, whose keys come out sorted: a page's description is small,
//! and sorted keys keep it byte-identical from build to build.

use serde_json::{Value, json};

use crate::model::{Actor, Form, Ref};
use crate::render::site::Site;

/// The absolute URL of a page, in the dossier's link style.
pub fn absolute_url(base: &str, path: &str, pretty: bool) -> String {
    let path = if pretty {
        path.strip_suffix("index.html").unwrap_or(path)
    } else {
        path
    };
    format!("{base}{path}")
}

/// A page's schema.org description as text to put inside `<script type="application/ld+json">`:
/// its `@context`, and its `url` when the dossier has a `base_url`.
pub fn ld_text(mut value: Value, site: &Site, path: &str) -> String {
    if let (Value::Object(map), Some(base)) = (&mut value, &site.model.config.base_url) {
        map.insert(
            "url".into(),
            json!(absolute_url(base, path, site.model.config.pretty_urls)),
        );
    }
    if let Value::Object(map) = &mut value {
        map.insert("@context".into(), json!("https://schema.org"));
    }
    json_for_html(&value, false)
}

/// JSON that is safe to embed in HTML or to serve next to it: `<`, `>` and `&` are written as
/// `\u003c`, `\u003e` and `\u0026` (the same value to any JSON parser), so no text from the
/// content can ever read as markup, whatever a consumer does with the file.
pub fn json_for_html(value: &Value, pretty: bool) -> String {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    escape_json_for_html(&text.unwrap_or_default())
}

/// JSON text with `<`, `>`, `&`, U+2028 and U+2029 written as escapes (the same string to any
/// JSON reader, never markup to an HTML parser, valid JavaScript in any engine).
pub fn escape_json_for_html(text: &str) -> String {
    // Runs of ordinary bytes are copied whole: this file may hold every article's text.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Whole chunks with nothing to escape are skipped (a loop the compiler vectorises).
        if let Some(chunk) = bytes.get(i..i + 32) {
            let hit = chunk.iter().fold(0u8, |acc, &b| {
                acc | u8::from(b == b'<') | u8::from(b == b'>') | u8::from(b == b'&') | u8::from(b == 0xE2)
            });
            if hit == 0 {
                i += 32;
                continue;
            }
        }
        let escape = match bytes[i] {
            b'<' => Some(("\\u003c", 1)),
            b'>' => Some(("\\u003e", 1)),
            b'&' => Some(("\\u0026", 1)),
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => Some(("\\u2028", 3)),
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => Some(("\\u2029", 3)),
            _ => None,
        };
        match escape {
            Some((with, len)) => {
                out.push_str(&text[copied..i]);
                out.push_str(with);
                i += len;
                copied = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// An actor: a `Person` or an `Organization`.
pub fn actor(a: &Actor) -> Value {
    let kind = if a.kind == "person" { "Person" } else { "Organization" };
    json!({"@type": kind, "name": a.name, "alternateName": a.aliases})
}

/// An excerpt: a `Quotation` (with its speaker as `creator`) only for the speaker's own words;
/// reported speech is a `Claim` by the speaker that appears in the article; the outlet's own
/// words are part of the article, by its publisher.
pub fn excerpt(site: &Site, e: usize) -> Value {
    let ex = &site.model.excerpts[e];
    let a = &site.model.articles[ex.article];
    let article = json!({"@type": "NewsArticle", "headline": a.title, "datePublished": a.published.iso(),
        "publisher": {"@type": "Organization", "name": a.outlet}});
    let actor_of = |r: &Option<Ref>| {
        r.as_ref()
            .and_then(|r| site.index.pos(&r.id))
            .map(|p| actor(&site.model.actors[p]))
    };
    let text = site.text(e);
    let mut v = match ex.form {
        Form::Direct => json!({"@type": "Quotation", "text": text, "isPartOf": article}),
        Form::Reported => json!({"@type": "Claim", "text": text, "appearance": article}),
        Form::Own => json!({"@type": "CreativeWork", "text": text, "isPartOf": article,
            "author": {"@type": "Organization", "name": a.outlet}}),
    };
    match ex.form {
        Form::Direct => v["creator"] = actor_of(&ex.speaker).unwrap_or(Value::Null),
        Form::Reported => v["author"] = actor_of(&ex.speaker).unwrap_or(Value::Null),
        Form::Own => {}
    }
    if let Some(relay) = actor_of(&ex.via) {
        v["contributor"] = relay;
    }
    if let Some(language) = &a.language {
        v["inLanguage"] = json!(language);
    }
    if let Some(original) = &ex.original {
        v["translationOfWork"] =
            json!({"@type": "CreativeWork", "text": original.text, "inLanguage": original.language});
    }
    if let Value::Object(map) = &mut v {
        map.retain(|_, x| !x.is_null());
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_for_html_escapes_what_could_read_as_markup() {
        let v = json!({"a": "<script>&\u{2028}\u{2029}é"});
        assert_eq!(
            json_for_html(&v, false),
            r#"{"a":"\u003cscript\u003e\u0026\u2028\u2029é"}"#
        );
        // Wherever they fall in the chunks the fast path skips.
        for at in 0..80 {
            for special in ["<", ">", "&", "\u{2028}", "\u{2029}", "\u{2027}"] {
                let text = format!("{}{special}{}", "x".repeat(at), "y".repeat(80 - at));
                let naive = serde_json::to_string(&json!(text))
                    .unwrap()
                    .replace('<', "\\u003c")
                    .replace('>', "\\u003e")
                    .replace('&', "\\u0026")
                    .replace('\u{2028}', "\\u2028")
                    .replace('\u{2029}', "\\u2029");
                assert_eq!(json_for_html(&json!(text), false), naive, "{at} {special:?}");
            }
        }
    }
}
