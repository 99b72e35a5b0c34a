//! Helpers shared by the integration tests: materialise a dossier described in one text file,
//! and generate one large enough for long lists to be cut into pages.

use std::path::Path;

#[allow(dead_code)]
/// Write the files of a multi-file case (`=== path` headers) under `dir`. Returns the text of
/// the `=== expected` section, if any.
pub fn materialise(case: &str, dir: &Path) -> Option<String> {
    let mut expected = None;
    for section in case.split("\n=== ").map(|s| s.trim_start_matches("=== ")) {
        let (header, body) = section.split_once('\n').unwrap_or((section, ""));
        let header = header.trim();
        if header.is_empty() || header.starts_with('#') {
            continue;
        }
        if header == "expected" {
            expected = Some(body.to_string());
            continue;
        }
        let path = dir.join(header);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    expected
}

/// Copy a folder recursively.
#[allow(dead_code)]
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// How many articles `generate_large` writes (each with two excerpts).
#[allow(dead_code)]
pub const ARTICLES: usize = 220;

/// Write a dossier large enough for every long list to be cut into pages (see tests/scale.rs):
/// `ARTICLES` articles a day apart from 1 March 2010, each with a direct quote of Asha Rao
/// (stance `warning`, about the talks) and a reported passage of the Beta State (every third with
/// stance `denial`, the rest none); every article tagged `talks`.
#[allow(dead_code)]
pub fn generate_large(dir: &Path, pretty: bool) {
    let write = |rel: &str, text: String| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "dossier.yaml",
        format!("title: \"Generated dossier\"\nbase_url: \"https://example.org/sub/path/\"\npretty_urls: {pretty}\n"),
    );
    write(
        "content/actors/asha-rao.yaml",
        "name: \"Asha Rao\"\nkind: person\n".into(),
    );
    write(
        "content/actors/beta-state.yaml",
        "name: \"Beta State\"\nkind: state\n".into(),
    );
    write(
        "content/incidents/the-talks.yaml",
        "title: \"The talks\"\nkind: meeting\ndate: 2010-03-01\n".into(),
    );
    for i in 0..ARTICLES {
        let day = jiff::civil::date(2010, 3, 1) + jiff::Span::new().days(i as i64);
        let id = format!("{day}-report-{i:03}");
        write(
            &format!("content/articles/{id}.md"),
            format!(
                "---\ntitle: \"Report {i}\"\noutlet: \"The Wire\"\npublished: {day}\ntags: [talks]\n---\n\
                 “The talks number {i} must go on,” Asha Rao told reporters.\n\n\
                 Officials of the Beta State said the border {i} would stay closed.\n"
            ),
        );
        let stance = if i % 3 == 0 { "\n    stance: denial" } else { "" };
        write(
            &format!("content/articles/{id}.yaml"),
            format!(
                "excerpts:\n  - id: quote-{i:03}\n    quote: \"The talks number {i} must go on\"\n    \
                 speaker: asha-rao\n    form: direct\n    stance: warning\n    incidents: [the-talks]\n  \
                 - id: border-{i:03}\n    quote: \"the border {i} would stay closed\"\n    speaker: beta-state\n    \
                 form: reported{stance}\n"
            ),
        );
    }
}
