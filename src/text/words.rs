//! Small text helpers every stage that shows words to a reader shares: white space collapsed,
//! a text cut to a length at a word, a value turned into a label. One of each, so that a title
//! is cut the same way on a page and in search results.

/// White space collapsed to single spaces, trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `n` characters, cut at a word boundary when one is near (in the second half), with
/// an ellipsis.
pub fn truncate(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    let cut: String = text.chars().take(n).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// A value as a label: hyphens as spaces, the first letter capitalised (`armed-group` →
/// `Armed group`).
pub fn label(value: &str) -> String {
    let words = value.replace('-', " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_collapse_and_truncate() {
        assert_eq!(label("armed-group"), "Armed group");
        assert_eq!(label("claim-of-responsibility"), "Claim of responsibility");
        assert_eq!(label(""), "");
        assert_eq!(collapse("  a \n b\tc "), "a b c");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("the quick brown fox jumps", 12), "the quick…");
        assert_eq!(truncate("abcdefghijklmnop", 5), "abcde…");
        assert_eq!(truncate("ééééééé", 3), "ééé…");
    }
}
