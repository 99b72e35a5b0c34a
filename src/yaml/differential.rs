//! The fast path against the reference: for every YAML text we have (the example dossier, every
//! test fixture and diagnostics case, the module's own test strings, and a few thousand generated
//! documents), whatever `fast::parse` returns must equal what serde-saphyr builds, spans
//! included; and the ordinary texts must not have fallen back, or the test would pass with a fast
//! path that never runs.

use std::path::Path;
use std::sync::Arc;

use super::*;

/// Compare the two paths on one text; true when the fast path handled it.
fn agree(source: &Arc<Source>, base: usize, text: &str, limits: Limits) -> bool {
    let reference = parse_with_serde(source, base, text, limits);
    match fast::parse(source, base, text, limits) {
        Some(node) => {
            match reference {
                Ok(expected) => assert_eq!(
                    node, expected,
                    "fast path and serde-saphyr differ on {} (base {base}):\n{text}",
                    source.path
                ),
                Err(d) => panic!(
                    "the fast path accepted what serde-saphyr refuses ({}) in {}:\n{text}",
                    d.message, source.path
                ),
            }
            true
        }
        None => false,
    }
}

/// Constructs the fast path leaves to serde-saphyr, by their look in the text; a text without
/// any of them must be handled.
fn may_fall_back(text: &str) -> bool {
    [
        "&", "*", "!", "<<", ".inf", ".nan", ".Inf", ".NaN", "e999", "%YAML", "%TAG", "\t",
    ]
    .iter()
    .any(|s| text.contains(s))
        || text
            .lines()
            .filter(|l| l.starts_with("---") || l.starts_with("..."))
            .count()
            > 0
}

/// The YAML of a markdown file: the text between the `---` lines, as `load::front` cuts it.
fn front_matter(text: &str) -> Option<(usize, usize)> {
    let after = text.strip_prefix("---\n")?;
    let open = text.len() - after.len();
    let mut offset = open;
    for line in after.split_inclusive('\n') {
        let trimmed = line.trim_end_matches('\n');
        if trimmed == "---" || trimmed == "..." {
            return Some((open, offset));
        }
        offset += line.len();
    }
    None
}

/// Every YAML text in the repository's content/ and tests/: files, front matter, and the files
/// inside diagnostics cases. (path, whole file text, YAML start, YAML end).
fn repository_texts() -> Vec<(String, String, usize, usize)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut add = |path: String, text: String| {
        if path.ends_with(".yaml") || path.ends_with(".yml") {
            let len = text.len();
            out.push((path, text, 0, len));
        } else if path.ends_with(".md")
            && let Some((start, end)) = front_matter(&text)
        {
            out.push((path, text, start, end));
        }
    };
    for dir in ["content", "tests"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            let name = path.display().to_string();
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            if name.ends_with(".case") {
                // `=== path` lines open the files of a case.
                let mut current: Option<(String, String)> = None;
                for line in text.split_inclusive('\n') {
                    if let Some(file) = line.strip_prefix("=== ") {
                        if let Some((p, t)) = current.take() {
                            add(p, t);
                        }
                        current = Some((format!("{name}:{}", file.trim()), String::new()));
                    } else if let Some((_, t)) = current.as_mut() {
                        t.push_str(line);
                    }
                }
                if let Some((p, t)) = current.take() {
                    add(p, t);
                }
            } else {
                add(name, text);
            }
        }
    }
    out
}

#[test]
fn the_fast_path_agrees_on_every_yaml_text_of_the_repository() {
    let texts = repository_texts();
    assert!(texts.len() > 300, "only {} YAML texts found", texts.len());
    let (mut handled, mut ordinary) = (0, 0);
    for (path, text, start, end) in &texts {
        let source = Source::new(path.clone(), text.clone());
        let yaml = &text[*start..*end];
        let fast = agree(&source, *start, yaml, Limits::default());
        handled += usize::from(fast);
        if !may_fall_back(yaml) && parse_with_serde(&source, *start, yaml, Limits::default()).is_ok() {
            ordinary += 1;
            assert!(fast, "the fast path fell back on an ordinary text, {path}:\n{yaml}");
        }
        // Small budgets: the fast path must leave a file near them to serde-saphyr.
        for max_nodes in [100, 150] {
            agree(&source, *start, yaml, Limits { max_nodes });
        }
    }
    eprintln!("repository: {handled} handled, {ordinary} ordinary, of {}", texts.len());
    assert!(
        ordinary * 10 > texts.len() * 8,
        "{ordinary} ordinary of {}",
        texts.len()
    );
    assert!(handled >= ordinary, "{handled} handled, {ordinary} ordinary");
}

#[test]
fn a_file_near_the_value_budget_is_read_once_and_one_past_it_gets_the_limit_message() {
    // 80,000 excerpts of one quote each: 240,002 values, 96% of the default budget. The fast
    // path reads it (it used to give up at half the budget, and serde-saphyr read it again).
    let text = "excerpts:\n".to_string() + &"  - quote: \"Entry was filed\"\n".repeat(80_000);
    let source = Source::new("content/articles/a.yaml", text.clone());
    let fast = super::fast::parse(&source, 0, &text, Limits::default());
    assert!(fast.is_some(), "the fast path fell back");
    assert!(agree(&source, 0, &text, Limits::default()));
    // Past the budget: the fast path leaves it to serde-saphyr, whose limit is the message.
    let limits = Limits { max_nodes: 200_000 };
    assert!(super::fast::parse(&source, 0, &text, limits).is_none());
    let err = super::parse_with(&source, 0, &text, limits).unwrap_err();
    assert_eq!(err.code, "yaml-limit");
}

#[test]
fn the_fast_path_agrees_on_the_unit_test_strings() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..20 {
        let prev = if i == 0 { "a".to_string() } else { format!("l{}", i - 1) };
        bomb.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}]\n"));
    }
    let handled = [
        "name: \"Lashkar\"\nkind: armed-group\naliases: [LeT, Lashkar]\nyear: 2008\n".to_string(),
        "excerpts:\n".to_string() + &"  - {id: a, quote: b}\n".repeat(300),
        format!("a: {}{}", "[".repeat(10), "]".repeat(10)),
        "max_yaml_nodes: 400000\n".into(),
        "a: 0000\nb: 0999\nc: 2008\nd: 0x1F\ng: -1.50\n".into(),
        "---\na: 1\n".into(),
        "---\na: 1\n...\n".into(),
        "- a\n- b\n-\n- ~\n- [c, {d: e}]\n".into(),
        "a:\nb: ''\nc: \"\"\nnull: 1\ntrue: 2\nyes: 3\n12: 4\n-7: 5\n".into(),
        "? a\n: b\n".into(),
        "{a: 1, b: [x, y], c: {d: e}}\n".into(),
        "quote: >-\n  folded\n  text\n\nnext: |+\n  kept\n\n".into(),
        // The parser does not count a BOM as a column, `Source` does; both paths shift alike.
        "\u{feff}a: x\n".into(),
        "a: 1 # comment\n# comment\nb: 2\n".into(),
    ];
    let refused = [
        "a: 1\nb: [unclosed\nc: 2\n".to_string(),
        bomb,
        format!("a: {}{}", "[".repeat(33), "]".repeat(33)),
        "a: 0000\nb: 0999\nc: 2008\nd: 0x1F\ne: &n 7\nf: *n\ng: -1.50\n".into(),
        String::new(),
        "quote: \"He called it \"a step\"\"\n".into(),
        "%YAML 1.2\n---\na: 1\n".into(),
        "a: 1\n---\nb: 2\n".into(),
        "# only a comment\n".into(),
        "just a string\n".into(),
        "base: &b {x: 1}\nother:\n  <<: *b\n".into(),
        "a: !!str 5\n".into(),
        "a: !foo x\n".into(),
        "!!map {a: 1}\n".into(),
        "007: a\n".into(),
        "0x1F: a\n".into(),
        "[a, b]: c\n".into(),
        "a: .inf\n".into(),
        "a: 1e999\n".into(),
        // There a number's span does not hold its text (the BOM shift), which `number_as_written`
        // resolves its own way. (`load::read` drops a BOM before YAML sees the text.)
        "\u{feff}a: 1\n".into(),
    ];
    for text in &handled {
        let source = Source::new("t.yaml", text.clone());
        assert!(agree(&source, 0, text, Limits::default()), "fell back on:\n{text}");
    }
    for text in &refused {
        let source = Source::new("t.yaml", text.clone());
        assert!(!agree(&source, 0, text, Limits::default()), "handled:\n{text}");
    }
}

/// A small deterministic generator (xorshift), so a failure names a seed that reproduces it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const KEYS: &[&str] = &[
    "title",
    "id",
    "quote",
    "date",
    "a b",
    "\"quoted key\"",
    "'single'",
    "\"esc\\tkey\"",
    "clé",
    "名前",
    "7",
    "0",
    "-3",
    "007",
    "0x1F",
    "1.5",
    "true",
    "yes",
    "~",
    "null",
    "on",
    "x-y_z",
    "? complex",
];

const SCALARS: &[&str] = &[
    "plain text",
    "armed-group",
    "\"double \\\"quoted\\\" \\u00e9 \\n line\"",
    "'single ''quoted'''",
    "\"\"",
    "''",
    "\"  padded  \"",
    "'0000'",
    "\"2008\"",
    "0000",
    "0999",
    "2008",
    "0x1F",
    "0o17",
    "0b101",
    "-1.50",
    "+12",
    "1e3",
    "1E-3",
    ".5",
    "5.",
    "1_000",
    "-0",
    "18446744073709551616",
    "-9223372036854775809",
    ".inf",
    "-.Inf",
    ".nan",
    "1e999",
    "inf",
    "nan",
    "~",
    "null",
    "Null",
    "NULL",
    "nUll",
    "true",
    "True",
    "TRUE",
    "yes",
    "No",
    "y",
    "n",
    "on",
    "OFF",
    "2020-01-02",
    "2020-01",
    "12:30",
    "https://example.org/a?b=c#d",
    "Émile Zola",
    "日本語のテキスト",
    "emoji 🎉 here",
    "a # not a comment",
    "trailing   ",
    "with: colon",
    "",
];

const BLOCKS: &[&str] = &["|", "|-", "|+", ">", ">-", ">+", "|2", ">\n"];

struct Doc {
    text: String,
    /// A construct the generator knows may send the document to serde-saphyr (or make it
    /// invalid): tabs, a BOM, refused numbers, odd keys.
    unusual: bool,
}

fn scalar(rng: &mut Rng, doc: &mut Doc) -> String {
    let s = rng.pick(SCALARS);
    if matches!(
        s,
        ".inf" | "-.Inf" | ".nan" | "1e999" | "with: colon" | "a # not a comment"
    ) {
        doc.unusual = true;
    }
    s.to_string()
}

fn key(rng: &mut Rng, doc: &mut Doc) -> String {
    let k = rng.pick(KEYS);
    if matches!(k, "007" | "0x1F" | "1.5" | "? complex") {
        doc.unusual = true;
    }
    k.to_string()
}

fn flow(rng: &mut Rng, doc: &mut Doc, depth: usize) -> String {
    let n = rng.below(4);
    if depth > 2 || rng.below(2) == 0 {
        let items: Vec<String> = (0..n)
            .map(|_| {
                let s = scalar(rng, doc);
                if s.is_empty() || s.contains(": ") || s.contains(" #") {
                    "x".into()
                } else {
                    s
                }
            })
            .collect();
        if rng.below(3) == 0 {
            let items: Vec<String> = (0..n).map(|_| flow(rng, doc, depth + 1)).collect();
            return format!("[{}]", items.join(", "));
        }
        format!("[{}]", items.join(", "))
    } else {
        let entries: Vec<String> = (0..n).map(|i| format!("k{i}: {}", flow(rng, doc, depth + 1))).collect();
        format!("{{{}}}", entries.join(", "))
    }
}

fn block(rng: &mut Rng, doc: &mut Doc, indent: usize, depth: usize, out: &mut String, nl: &str) {
    let pad = " ".repeat(indent);
    let entries = 1 + rng.below(4);
    let as_list = depth > 0 && rng.below(3) == 0;
    for _ in 0..entries {
        let lead = if as_list {
            format!("{pad}- ")
        } else {
            format!("{pad}{}: ", key(rng, doc))
        };
        out.push_str(&lead);
        match rng.below(10) {
            0 | 1 if depth < 4 => {
                out.push_str(nl);
                block(rng, doc, indent + 2, depth + 1, out, nl);
                continue;
            }
            2 => out.push_str(&flow(rng, doc, 0)),
            3 => {
                out.push_str(rng.pick(BLOCKS).trim_end());
                out.push_str(nl);
                for line in 0..1 + rng.below(3) {
                    out.push_str(&format!("{pad}    line {line} of “text” ü{nl}"));
                    if rng.below(3) == 0 {
                        out.push_str(nl);
                    }
                }
                continue;
            }
            _ => out.push_str(&scalar(rng, doc)),
        }
        match rng.below(8) {
            0 => out.push_str("  # a comment"),
            1 => {
                out.push_str("   ");
            }
            _ => {}
        }
        out.push_str(nl);
        if rng.below(10) == 0 {
            out.push_str(&format!("{pad}# comment line{nl}"));
        }
        if rng.below(15) == 0 {
            out.push_str(nl);
        }
    }
}

fn document(seed: u64) -> Doc {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut doc = Doc {
        text: String::new(),
        unusual: false,
    };
    let nl = if rng.below(5) == 0 { "\r\n" } else { "\n" };
    let mut out = String::new();
    if rng.below(20) == 0 {
        out.push('\u{feff}');
        doc.unusual = true;
    }
    if rng.below(10) == 0 {
        out.push_str(&format!("# leading comment{nl}"));
    }
    if rng.below(8) == 0 {
        out.push_str(&flow(&mut rng, &mut doc, 0));
        out.push_str(nl);
    } else {
        block(&mut rng, &mut doc, 0, 0, &mut out, nl);
    }
    if rng.below(15) == 0 {
        // A tab where YAML allows one, or where it does not.
        out = out.replacen(": ", ":\t", 1);
        doc.unusual = true;
    }
    doc.text = out;
    doc
}

#[test]
fn the_fast_path_agrees_on_generated_documents() {
    let (mut handled, mut usual, mut valid) = (0, 0, 0);
    let total = 4000;
    for seed in 1..=total {
        let doc = document(seed);
        let text = &doc.text;
        // As a file, and as front matter after a `---` line.
        let file = Source::new(format!("seed-{seed}.yaml"), text.clone());
        let fast = agree(&file, 0, text, Limits::default());
        handled += usize::from(fast);
        let md = format!("---\n{text}---\nbody\n");
        let page = Source::new(format!("seed-{seed}.md"), md.clone());
        assert_eq!(
            agree(&page, 4, &md[4..4 + text.len()], Limits::default()),
            fast,
            "seed {seed}: the front matter was read differently:\n{text}"
        );
        valid += usize::from(file_parses(&file, text));
        if !doc.unusual && !may_fall_back(text) {
            usual += 1;
            if file_parses(&file, text) {
                assert!(fast, "seed {seed}: the fast path fell back on:\n{text}");
            }
        }
    }
    eprintln!("generated: {handled} handled, {valid} valid, {usual} usual, of {total}");
    assert!(usual > total as usize / 3, "{usual} usual documents of {total}");
    assert!(handled * 10 > valid * 6, "{handled} handled of {valid} valid");
}

fn file_parses(source: &Arc<Source>, text: &str) -> bool {
    parse_with_serde(source, 0, text, Limits::default()).is_ok()
}
