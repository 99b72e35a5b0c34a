//! Language tags (BCP 47, as HTML's `lang` takes them): whether a value has the shape of one,
//! its usual case, which way its script runs, and a did-you-mean for the values authors write
//! instead (a language's English name, `en_US`).
//!
//! Only the shape is checked, not IANA's registry of subtags (thousands of entries that change):
//! `xx` passes, `english` does not (no language subtag longer than 3 letters is registered). Direction comes from the script: the script subtag when
//! there is one (`uz-Arab` runs right to left, `ku-Latn` left to right), else the script the
//! language is written in by default (CLDR's likely subtags), for the languages whose default
//! script runs right to left ([`RTL_LANGUAGES`]).

/// Scripts written right to left (ISO 15924 codes, lower case).
const RTL_SCRIPTS: &[&str] = &[
    "adlm", "arab", "aran", "armi", "avst", "cprt", "hebr", "khar", "mand", "mani", "mend", "nbat", "nkoo", "orkh",
    "palm", "phli", "phlp", "phnx", "prti", "rohg", "samr", "sarb", "sogd", "sogo", "syrc", "thaa", "yezi",
];

/// Languages whose default script (CLDR's likely subtags) runs right to left: Arabic and its
/// spoken varieties, Persian and Dari, Hebrew (and its old code `iw`), Urdu, Pashto, Sindhi,
/// Uyghur, Yiddish (and `ji`), Dhivehi, Central Kurdish, Kashmiri, Western Punjabi, South
/// Azerbaijani, Balochi, Syriac and Aramaic, N'Ko, and a few more of Iran and Pakistan.
const RTL_LANGUAGES: &[&str] = &[
    "acm", "acq", "aeb", "afb", "ajp", "apc", "apd", "ar", "arb", "arc", "arq", "ars", "ary", "arz", "ayl", "azb",
    "bal", "bgn", "bqi", "ckb", "dv", "fa", "glk", "hbo", "he", "iw", "ji", "jpr", "khw", "ks", "lrc", "mzn", "nqo",
    "pes", "pnb", "prs", "ps", "sd", "sdh", "shu", "skr", "syr", "ug", "ur", "yi",
];

/// English names of languages an author may write instead of their tag, with the tag; for a
/// tag with two names, the one pages show comes first.
const NAMES: &[(&str, &str)] = &[
    ("arabic", "ar"),
    ("bengali", "bn"),
    ("bangla", "bn"),
    ("chinese", "zh"),
    ("dari", "prs"),
    ("dutch", "nl"),
    ("english", "en"),
    ("persian", "fa"),
    ("farsi", "fa"),
    ("french", "fr"),
    ("german", "de"),
    ("gujarati", "gu"),
    ("hebrew", "he"),
    ("hindi", "hi"),
    ("italian", "it"),
    ("japanese", "ja"),
    ("kannada", "kn"),
    ("kashmiri", "ks"),
    ("korean", "ko"),
    ("kurdish", "ku"),
    ("malayalam", "ml"),
    ("marathi", "mr"),
    ("nepali", "ne"),
    ("pashto", "ps"),
    ("polish", "pl"),
    ("portuguese", "pt"),
    ("punjabi", "pa"),
    ("russian", "ru"),
    ("sindhi", "sd"),
    ("sinhala", "si"),
    ("spanish", "es"),
    ("swahili", "sw"),
    ("tamil", "ta"),
    ("telugu", "te"),
    ("turkish", "tr"),
    ("ukrainian", "uk"),
    ("urdu", "ur"),
    ("uyghur", "ug"),
    ("yiddish", "yi"),
];

/// The tag `value` is, in its usual case (`EN-us` → `en-US`: language lower, script title,
/// region upper), or `None` when it does not have the shape of a BCP 47 tag.
pub fn parse_tag(value: &str) -> Option<String> {
    let parts: Vec<&str> = value.split('-').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || p.len() > 8 || !p.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return None;
    }
    let lower: Vec<String> = parts.iter().map(|p| p.to_ascii_lowercase()).collect();
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digit = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    // A private-use tag (`x-…`) has no language subtag.
    if lower[0] == "x" {
        return (lower.len() > 1).then(|| lower.join("-"));
    }
    // language: 2–3 letters, then up to three 3-letter extlangs. BCP 47 also reserves 4 and
    // 5–8 letters, but no such subtag is registered, and refusing them catches `english`.
    if !alpha(&lower[0]) || !(2..=3).contains(&lower[0].len()) {
        return None;
    }
    let mut out = vec![lower[0].clone()];
    let mut i = 1;
    let mut extlangs = 0;
    while i < lower.len() && extlangs < 3 && lower[i].len() == 3 && alpha(&lower[i]) {
        out.push(lower[i].clone());
        i += 1;
        extlangs += 1;
    }
    // script: 4 letters.
    if i < lower.len() && lower[i].len() == 4 && alpha(&lower[i]) {
        let mut s = lower[i].clone();
        s[..1].make_ascii_uppercase();
        out.push(s);
        i += 1;
    }
    // region: 2 letters or 3 digits.
    if i < lower.len() && ((lower[i].len() == 2 && alpha(&lower[i])) || (lower[i].len() == 3 && digit(&lower[i]))) {
        out.push(lower[i].to_ascii_uppercase());
        i += 1;
    }
    // variants: 5–8 characters, or 4 starting with a digit.
    while i < lower.len() && (lower[i].len() >= 5 || (lower[i].len() == 4 && lower[i].as_bytes()[0].is_ascii_digit())) {
        out.push(lower[i].clone());
        i += 1;
    }
    // extensions (a singleton then subtags of 2–8) and a final private-use part (`x` then 1–8).
    while i < lower.len() {
        let singleton = &lower[i];
        if singleton.len() != 1 {
            return None;
        }
        let min = if singleton == "x" { 1 } else { 2 };
        let start = i + 1;
        let mut end = start;
        while end < lower.len() && lower[end].len() >= min && (singleton == "x" || lower[end].len() > 1) {
            end += 1;
        }
        if end == start {
            return None;
        }
        out.extend(lower[i..end].iter().cloned());
        i = end;
        if singleton == "x" && i < lower.len() {
            return None;
        }
    }
    Some(out.join("-"))
}

/// The tag an author probably meant by a value that is not a tag: `english` → `en`,
/// `en_US` → `en-US`, `Urdu (Pakistan)` → `ur`.
pub fn suggest_tag(value: &str) -> Option<String> {
    let underscored = value.replace('_', "-");
    if underscored != value
        && let Some(tag) = parse_tag(&underscored)
    {
        return Some(tag);
    }
    let word: String = value
        .trim()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if let Some((_, tag)) = NAMES.iter().find(|(name, _)| *name == word) {
        return Some((*tag).to_string());
    }
    let name = crate::diag::did_you_mean(&word, NAMES.iter().map(|(name, _)| *name))?;
    NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, tag)| (*tag).to_string())
}

/// Whether text in the language `tag` (as [`parse_tag`] gives it) runs right to left.
pub fn is_rtl(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("").to_ascii_lowercase();
    for part in parts {
        if part.len() == 4 && part.bytes().all(|b| b.is_ascii_alphabetic()) {
            return RTL_SCRIPTS.contains(&part.to_ascii_lowercase().as_str());
        }
        if part.len() == 1 {
            break;
        }
    }
    RTL_LANGUAGES.contains(&language.as_str())
}

/// The English name of the language of `tag` (of its first subtag: `ur-PK` → Urdu), for the
/// languages [`NAMES`] knows.
pub fn name(tag: &str) -> Option<String> {
    let language = tag.split('-').next()?.to_ascii_lowercase();
    let (name, _) = NAMES.iter().find(|(_, t)| *t == language)?;
    let mut chars = name.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// Whether two tags name the same language (tags compare without regard to case).
pub fn same_language(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_of_the_right_shape_are_read_in_their_usual_case() {
        for (value, tag) in [
            ("en", "en"),
            ("EN-us", "en-US"),
            ("ur", "ur"),
            ("zh-hant-tw", "zh-Hant-TW"),
            ("es-419", "es-419"),
            ("sl-rozaj-biske", "sl-rozaj-biske"),
            ("de-CH-1996", "de-CH-1996"),
            ("zh-yue", "zh-yue"),
            ("en-a-bbb-x-a-ccc", "en-a-bbb-x-a-ccc"),
            ("x-whatever", "x-whatever"),
            ("uz-Arab-AF", "uz-Arab-AF"),
        ] {
            assert_eq!(parse_tag(value).as_deref(), Some(tag), "{value}");
        }
    }

    #[test]
    fn other_values_are_not_tags() {
        for value in [
            "",
            "e",
            "english1",
            "english",
            "Urdu",
            "en_US",
            "en-",
            "-en",
            "en--US",
            "Urdu (Pakistan)",
            "en-a",
            "en-x",
            "toolongtag9",
            "1en",
            "en-US-x",
            "ür",
        ] {
            assert_eq!(parse_tag(value), None, "{value:?}");
        }
    }

    #[test]
    fn names_and_underscores_suggest_a_tag() {
        assert_eq!(suggest_tag("English").as_deref(), Some("en"));
        assert_eq!(suggest_tag("urdu").as_deref(), Some("ur"));
        assert_eq!(suggest_tag("Urdu (Pakistan)").as_deref(), Some("ur"));
        assert_eq!(suggest_tag("arabik").as_deref(), Some("ar"));
        assert_eq!(suggest_tag("en_US").as_deref(), Some("en-US"));
        assert_eq!(suggest_tag("qqqqqqqqqqqq"), None);
    }

    #[test]
    fn a_tag_has_the_name_of_its_language() {
        assert_eq!(name("ur-PK").as_deref(), Some("Urdu"));
        assert_eq!(name("fa").as_deref(), Some("Persian"));
        assert_eq!(name("bn").as_deref(), Some("Bengali"));
        assert_eq!(name("xx"), None);
    }

    #[test]
    fn direction_follows_the_script_then_the_language() {
        for tag in [
            "ar", "ar-EG", "fa", "he", "ur", "ur-PK", "ps", "sd", "ug", "yi", "dv", "ckb", "uz-Arab", "pa-Arab",
        ] {
            assert!(is_rtl(tag), "{tag}");
        }
        for tag in [
            "en", "hi", "ur-Latn", "sd-Deva", "ku", "zh-Hant", "ks-Deva", "az", "x-ar",
        ] {
            assert!(!is_rtl(tag), "{tag}");
        }
    }
}
