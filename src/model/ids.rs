//! Ids: the form every id has, and the slug that turns any name or quote into the nearest id
//! (deunicode's transliteration). The browser search folds letters with a table generated from
//! the same source, so that both agree.

use std::collections::BTreeMap;

/// Whether `id` has the form of an id: `^[a-z0-9]+(-[a-z0-9]+)*$`, at most 80 bytes.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The nearest valid id to any text: transliterated to ASCII, lower-cased, every run of other
/// characters a hyphen, at most 80 bytes. The transliteration is deunicode's (as in the `slug`
/// crate), pinned to one exact version in Cargo.toml because its tables decide URLs (the default
/// id of an excerpt is the slug of its first words): "Straße" is `strasse`, "Łódź" `lodz`,
/// "Москва" `moskva`, "北京" `bei-jing`. The browser search folds letters with a table generated
/// from the same source (see `search_fold_table`), so that both agree.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode_with_tofu(text, "-").chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.len() > 80 {
        out.truncate(80);
        out = out.trim_end_matches('-').to_string();
    }
    if out.is_empty() { "x".into() } else { out }
}

/// The letters whose folding in the browser search (lower case, NFD, combining marks removed)
/// would differ from deunicode's, with deunicode's lower-cased spelling: the `SPELLED` table of
/// `search.js`, for the Latin, Greek and Cyrillic blocks. A test keeps search.js equal to it.
/// Other scripts are matched in their own letters by the search (a one-syllable query in
/// transliterated Chinese would match half the index), and transliterated only in ids.
pub fn search_fold_table() -> Vec<(char, String)> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    const BLOCKS: [(u32, u32); 5] = [
        (0x00c0, 0x024f), // Latin-1 letters, Latin Extended-A and -B
        (0x0370, 0x03ff), // Greek
        (0x0400, 0x052f), // Cyrillic and its supplement
        (0x1e00, 0x1eff), // Latin Extended Additional (Vietnamese, ...)
        (0x1f00, 0x1fff), // Greek Extended
    ];
    let mut letters: Vec<char> = BLOCKS
        .iter()
        .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
        .filter(|c| c.is_alphabetic())
        .filter_map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Some(l),
                _ => None,
            }
        })
        .collect();
    letters.sort_unstable();
    letters.dedup();
    let want = |c: char| deunicode::deunicode_char(c).map(str::to_lowercase);
    let mut table: BTreeMap<char, String> = BTreeMap::new();
    // Letters that do not decompose first: the decomposing ones fold through them.
    for pass in 0..2 {
        for &c in &letters {
            let base: Vec<char> = std::iter::once(c).nfd().filter(|m| !is_combining_mark(*m)).collect();
            let decomposes = base != [c];
            if decomposes != (pass == 1) {
                continue;
            }
            let Some(want) = want(c) else { continue };
            let got: String = base
                .iter()
                .map(|b| table.get(b).cloned().unwrap_or_else(|| b.to_string()))
                .collect();
            if got != want {
                table.insert(c, want);
            }
        }
    }
    table.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_slugs() {
        assert!(is_valid_id("shah-mehmood-qureshi"));
        assert!(!is_valid_id("Shah_Qureshi"));
        assert!(!is_valid_id("a--b"));
        assert!(!is_valid_id(&"a".repeat(81)));
        assert_eq!(slugify("Shah_Qureshi"), "shah-qureshi");
        assert_eq!(slugify("Jaish-e-Muhammed (JeM)"), "jaish-e-muhammed-jem");
        assert_eq!(slugify("Zürich"), "zurich");
        assert_eq!(slugify("Straße"), "strasse");
    }

    /// The corpus of names both transliterations are held to (tests/fixtures/slug-corpus.json,
    /// read by search.test.mjs too): `agree` holds names whose slug the browser search's folding
    /// must spell the same way, word for word; `ids_only` names in scripts the search keeps as
    /// they are.
    fn corpus() -> serde_json::Value {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/slug-corpus.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn slugs_transliterate_every_script() {
        let corpus = corpus();
        for list in ["agree", "ids_only"] {
            for pair in corpus[list].as_array().unwrap() {
                let (name, slug) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
                assert_eq!(slugify(name), slug, "{name}");
            }
        }
        // A quote with no Latin letters gets an id that says something, not `x`.
        assert_eq!(
            crate::validate::default_excerpt_id("«Мы к этому не причастны»"),
            "my-k-etomu-ne-prichastny"
        );
        assert_eq!(crate::validate::default_excerpt_id("北京"), "bei-jing");
    }

    /// The `SPELLED` table of search.js as it must be written.
    fn spelled_js() -> String {
        let mut out = String::from(
            "  // Generated from deunicode by src/model/ids.rs (search_fold_table); `BLESS=1 cargo test --lib\n  // model::` rewrites it. Do not edit by hand.\n  var SPELLED = {\n",
        );
        let entries: Vec<String> = search_fold_table()
            .iter()
            .map(|(c, s)| {
                format!(
                    "{}: {}",
                    serde_json::to_string(&c.to_string()).unwrap(),
                    serde_json::to_string(s).unwrap()
                )
            })
            .collect();
        for line in entries.chunks(8) {
            out.push_str(&format!("    {},\n", line.join(", ")));
        }
        out.push_str("  };\n");
        out
    }

    #[test]
    fn search_js_folds_letters_with_the_table_generated_from_deunicode() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/render/assets/search.js");
        let js = std::fs::read_to_string(path).unwrap();
        let start = js
            .find("  // Generated from deunicode")
            .expect("the table's first line in search.js");
        let end = start + js[start..].find("  };\n").unwrap() + "  };\n".len();
        let wanted = spelled_js();
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(path, format!("{}{wanted}{}", &js[..start], &js[end..])).unwrap();
        } else {
            assert!(
                js[start..end] == wanted,
                "search.js's SPELLED table differs from deunicode's; run BLESS=1 cargo test --lib model::"
            );
        }
        let table = search_fold_table();
        let get = |c: char| table.iter().find(|(k, _)| *k == c).map(|(_, v)| v.as_str());
        assert_eq!(get('ß'), Some("ss"));
        assert_eq!(get('ø'), Some("o"));
        assert_eq!(get('ж'), Some("zh"));
        assert_eq!(get('é'), None, "folds through NFD already");
    }
}
