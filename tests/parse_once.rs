//! Each text is computed once: a build parses each article's Markdown once, and every later
//! stage (anchoring, quotation marks, mentions, search, highlighting) uses that parse. Alone in
//! its file, so no other test parses articles in this process while it counts.

use std::path::Path;

#[test]
fn a_build_parses_each_article_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let before = dossier::text::markdown::article_parses();
    let report = dossier::build(root, &tmp.path().join("site"), true).unwrap();
    let parses = dossier::text::markdown::article_parses() - before;
    let [articles, ..] = report.counts.unwrap();
    assert!(report.files_written > 200);
    assert_eq!(parses, articles, "{parses} parses for {articles} articles");
}
