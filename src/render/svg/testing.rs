//! Helpers shared by the pictures' tests: dates and timeline marks from short strings, a small
//! XML well-formedness check that every picture must pass, and reading numeric attributes back
//! out of the markup.

use super::{MarkKind, TimelineMark};
use crate::model::Date;

pub(super) fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

pub(super) fn tm(d: &str, kind: MarkKind, title: &str, href: &str) -> TimelineMark {
    TimelineMark {
        date: date(d),
        end: None,
        kind,
        title: title.into(),
        subtitle: String::new(),
        href: href.into(),
        class: "kind-attack".into(),
    }
}

/// A small well-formedness check: tags balance, attributes are quoted, `&` starts an
/// entity, no raw `<` in text or attributes, one root, ids unique, every `url(#x)` and
/// `aria-labelledby` id exists.
pub(super) fn check_xml(s: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let mut refs: Vec<String> = Vec::new();
    let mut roots = 0;
    let b = s.as_bytes();
    let mut i = 0;
    let check_text = |t: &str| {
        assert!(!t.contains('<'), "raw < in {t:?}");
        let mut rest = t;
        while let Some(p) = rest.find('&') {
            rest = &rest[p + 1..];
            let end = rest.find(';').unwrap_or_else(|| panic!("bare & in {t:?}"));
            let ent = &rest[..end];
            assert!(
                matches!(ent, "amp" | "lt" | "gt" | "quot" | "#39"),
                "unknown entity &{ent}; in {t:?}"
            );
        }
    };
    while i < b.len() {
        if b[i] != b'<' {
            let next = s[i..].find('<').map_or(s.len(), |p| i + p);
            let text = &s[i..next];
            assert!(
                !stack.is_empty() || text.trim().is_empty(),
                "text outside the root: {text:?}"
            );
            check_text(text);
            i = next;
            continue;
        }
        let close = s[i..].find('>').expect("unclosed tag") + i;
        let tag = &s[i + 1..close];
        i = close + 1;
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().unwrap_or_else(|| panic!("stray </{name}>"));
            assert_eq!(open, name, "mismatched </{name}>");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let name = &tag[..name_end];
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "bad tag name {name:?}"
        );
        // Attributes: name="value" pairs.
        let mut rest = tag[name_end..].trim_start();
        let mut seen: Vec<&str> = Vec::new();
        while !rest.is_empty() {
            let eq = rest
                .find('=')
                .unwrap_or_else(|| panic!("attribute without value in <{tag}>"));
            let attr = &rest[..eq];
            assert!(
                attr.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'),
                "bad attribute name {attr:?}"
            );
            assert!(!seen.contains(&attr), "duplicate attribute {attr}");
            seen.push(attr);
            let after = &rest[eq + 1..];
            assert!(after.starts_with('"'), "unquoted attribute {attr} in <{tag}>");
            let end = after[1..].find('"').expect("unterminated attribute") + 1;
            let value = &after[1..end];
            check_text(value);
            assert!(!value.contains('>'), "raw > in attribute");
            if attr == "id" {
                assert!(!ids.iter().any(|x| x == value), "duplicate id {value}");
                ids.push(value.to_string());
            }
            if attr == "aria-labelledby" {
                refs.extend(value.split(' ').map(String::from));
            }
            if let Some(p) = value.strip_prefix("url(#") {
                refs.push(p.trim_end_matches(')').to_string());
            }
            rest = after[end + 1..].trim_start();
        }
        if stack.is_empty() {
            roots += 1;
        }
        if !self_closing {
            stack.push(name.to_string());
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert_eq!(roots, 1, "exactly one root element");
    for r in refs {
        assert!(ids.contains(&r), "reference to a missing id {r}");
    }
    assert!(s.starts_with("<svg ") && s.ends_with("</svg>"));
}

/// Values of attribute `attr` on elements whose class contains `class`.
pub(super) fn attr_of_class(s: &str, tag: &str, class: &str, attr: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let open = format!("<{tag} ");
    for (p, _) in s.match_indices(&open) {
        let end = s[p..].find('>').unwrap() + p;
        let t = &s[p..end];
        if t.contains(class) {
            out.push(number_attr(t, attr));
        }
    }
    out
}

/// The value of the first ` attr="..."` in `s`, as a number.
pub(super) fn number_attr(s: &str, attr: &str) -> f64 {
    let key = format!(" {attr}=\"");
    let a = s.find(&key).unwrap() + key.len();
    s[a..a + s[a..].find('"').unwrap()].parse().unwrap()
}
