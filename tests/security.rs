//! No script gets through: the hostile fixture puts script, event-handler and dangerous-URL
//! payloads into every text field (titles, names, summaries, notes, pages, article bodies,
//! settings), and no output file may carry any of them as live markup. HTML pages are scanned
//! tag by tag; data files (dossier.json, feeds, sitemap, search data) must not contain a raw
//! `<` from content at all.

mod common;

use std::path::Path;

/// Every opening tag of an HTML text, as (lowercase name, raw tag text), skipping comments,
/// closing tags and the contents of our own script elements. A `>` inside a quoted attribute
/// value does not end the tag.
fn tags(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        let mut j = i + 1;
        let mut quote = None;
        while j < bytes.len() {
            match (quote, bytes[j]) {
                (None, b'"' | b'\'') => quote = Some(bytes[j]),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        let inner = &html[i + 1..j.min(bytes.len())];
        let name: String = inner
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !name.is_empty() {
            out.push((name.clone(), inner.to_string()));
        }
        i = j + 1;
        if name == "script" {
            // Skip the script's body: ours are JSON-LD (checked separately) or external files.
            i = html[i.min(html.len())..]
                .find("</script>")
                .map_or(bytes.len(), |e| i + e + 9);
        }
    }
    out
}

/// The attributes of a tag as (lowercase name, value), honouring quotes.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = tag.chars().skip_while(|c| c.is_ascii_alphanumeric()).peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=' && *c != '/')).collect();
        if name.is_empty() {
            return out;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'=') {
            chars.next();
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    value = std::iter::from_fn(|| chars.next_if(|c| *c != q)).collect();
                    chars.next();
                }
                _ => value = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect(),
            }
        }
        out.push((name.to_ascii_lowercase(), value));
    }
}

fn dangerous_attribute(tag: &str) -> Option<String> {
    for (name, value) in attributes(tag) {
        if name.starts_with("on") {
            return Some(format!("event handler {name}"));
        }
        if matches!(
            name.as_str(),
            "href" | "src" | "action" | "data" | "formaction" | "xlink:href" | "srcset" | "cite"
        ) {
            let v = value.trim().to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                if v.starts_with(scheme) {
                    return Some(format!("{name}={scheme}"));
                }
            }
        }
    }
    None
}

#[test]
fn no_payload_survives_in_any_output_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let report = dossier::build(&root.join("tests/fixtures/hostile"), &site, false).unwrap();
    assert_eq!(
        report.diagnostics.error_count(),
        0,
        "{}",
        report.diagnostics.render(false)
    );
    assert!(report.files_written > 10);
    let mut problems = Vec::new();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&site).unwrap().display().to_string();
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
        checked += 1;
        if rel.ends_with(".html") {
            for (name, attrs) in tags(&text) {
                let ours = name == "script"
                    && (attrs.contains("type=\"application/ld+json\"")
                        || attrs.contains("search.js\"")
                        || attrs.ends_with("reader.js\" defer")
                        || attrs.contains("search-index.js\""));
                if matches!(
                    name.as_str(),
                    "script" | "iframe" | "object" | "embed" | "style" | "svg" | "img"
                ) && !ours
                    && !(name == "svg" && attrs.contains("class=\"svg-picture"))
                {
                    problems.push(format!("{rel}: <{attrs}>"));
                }
                if let Some(what) = dangerous_attribute(&attrs) {
                    problems.push(format!("{rel}: {what} in <{attrs}>"));
                }
            }
            // The JSON-LD block carries content too: no raw `<` inside it.
            for block in text.split("<script type=\"application/ld+json\">").skip(1) {
                let json = &block[..block.find("</script>").unwrap()];
                if json.contains('<') {
                    problems.push(format!("{rel}: raw < in JSON-LD"));
                }
            }
        } else if rel.ends_with(".csv") || rel.ends_with(".ics") {
            // Plain-text tables and calendars carry the text as it is (neither format has an
            // escape for `<`); they must be files no browser renders as HTML: served (by
            // `serve`, and by any host's usual table) as text/csv and text/calendar.
            let mime = mime_guess::from_path(&rel).first_or_octet_stream();
            if !matches!(mime.essence_str(), "text/csv" | "text/calendar") {
                problems.push(format!("{rel}: served as {mime}"));
            }
        } else if !rel.ends_with(".css") && !rel.ends_with("search.js") && rel != "reader.js" && rel != "favicon.svg" {
            // Data files: content never appears as raw markup.
            for bad in ["<script", "<img", "<svg", "<iframe", "<object", "<span"] {
                if text.contains(bad) {
                    problems.push(format!("{rel}: contains {bad}"));
                }
            }
        }
    }
    assert!(checked > 10);
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_scanner_itself_finds_payloads() {
    let html = r#"<p onclick="x()">a</p><a href="javascript:alert(1)">b</a><script>alert(1)</script><meta content="a onerror=x >"><q cite="javascript:x">"#;
    let found: Vec<_> = tags(html)
        .into_iter()
        .filter_map(|(_, a)| dangerous_attribute(&a))
        .collect();
    assert_eq!(found, ["event handler onclick", "href=javascript:", "cite=javascript:"]);
    assert!(tags(html).iter().any(|(n, _)| n == "script"));
    assert_eq!(tags(html).len(), 5);
}

/// Build the hostile fixture into a temporary folder (kept alive by the returned guard).
fn build_hostile() -> (tempfile::TempDir, std::path::PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let report = dossier::build(&root.join("tests/fixtures/hostile"), &site, false).unwrap();
    assert_eq!(
        report.diagnostics.error_count(),
        0,
        "{}",
        report.diagnostics.render(false)
    );
    (tmp, site)
}

/// The text inside every `<mark …>` of some HTML, with the mark's opening tag.
fn marked(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<mark") {
        let open_end = at + rest[at..].find('>').unwrap() + 1;
        let close = open_end + rest[open_end..].find("</mark>").unwrap();
        out.push((rest[at..open_end].to_string(), rest[open_end..close].to_string()));
        rest = &rest[open_end..];
    }
    out
}

#[test]
fn content_cannot_forge_a_highlight() {
    // The article carries `<mark id="x-agency-denies" data-excerpt="agency-denies"
    // class="excerpt stance-allegation">` in the excerpt's own paragraph, in a paragraph of its
    // own, in an HTML block, and as Markdown heading attributes.
    let (_tmp, site) = build_hostile();
    let article = std::fs::read_to_string(site.join("articles/2020-01-01-hostile/index.html")).unwrap();
    assert_eq!(article.matches("id=\"x-agency-denies\"").count(), 1, "{article}");
    for (tag, text) in marked(&article) {
        assert!(!text.contains("Forged"), "forged text highlighted: {tag}{text}");
        assert!(tag.contains("data-excerpt="), "a mark dossier did not write: {tag}");
    }
    assert!(article.contains("Forged in a block"), "the content's text itself stays");

    let excerpt = std::fs::read_to_string(site.join("excerpts/agency-denies/index.html")).unwrap();
    let context = excerpt
        .split("<h2>In its paragraph</h2>")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap();
    let marks = marked(context);
    assert!(!marks.is_empty(), "{context}");
    let text: String = marks.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(text, "The agency denies", "{context}");
    for forged in ["Forged elsewhere", "Forged in a block", "Forged heading"] {
        assert!(!context.contains(forged), "{forged} in the paragraph: {context}");
    }
}

/// The first child element of an XML node with this name.
fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    node.children().find(|c| c.has_tag_name(name)).unwrap()
}

/// Characters XML 1.0 cannot carry, escaped or not.
fn forbidden_in_xml(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'
}

#[test]
fn every_xml_output_parses_with_a_real_xml_parser() {
    // The fixture's base_url holds `&`, `'`, `<` and `>`; its titles, author and summary hold
    // control characters XML 1.0 forbids (U+0001, backspace, vertical tab, form feed, ESC,
    // U+FFFE).
    let (_tmp, site) = build_hostile();
    let mut parsed = Vec::new();
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&site).unwrap().display().to_string();
        if !(rel.ends_with(".xml") || rel.ends_with(".svg")) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{rel} is not well-formed XML: {e}\n{text}");
        }
        assert!(!text.chars().any(forbidden_in_xml), "{rel}: a control character");
        parsed.push(rel);
    }
    parsed.sort();
    assert_eq!(parsed, ["atom.xml", "favicon.svg", "sitemap.xml"]);

    let atom = std::fs::read_to_string(site.join("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let feed = doc.root_element();
    let base = "https://example.org/x&y/it's/%3Cb%3E/";
    assert_eq!(child(feed, "id").text(), Some(base));
    let links: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name("link"))
        .map(|l| l.attribute("href").unwrap())
        .collect();
    assert_eq!(links, [base.to_string(), format!("{base}atom.xml")]);
    assert!(
        child(feed, "title")
            .text()
            .unwrap()
            .ends_with("Dossier [8m\u{7f}\u{85} end")
    );
    let entry = child(feed, "entry");
    assert!(
        child(entry, "title")
            .text()
            .unwrap()
            .ends_with("<svg onload=alert(3)> Title [8m end")
    );
    assert!(
        child(entry, "id")
            .text()
            .unwrap()
            .starts_with(&format!("{base}articles/"))
    );

    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    assert!(locs.len() > 10 && locs.iter().all(|l| l.starts_with(base)), "{locs:?}");
}

#[test]
fn base_url_must_be_an_http_url_to_append_paths_to() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |base: &str| {
        let tmp = tempfile::tempdir().unwrap();
        common::copy_dir(&root.join("tests/fixtures/small"), tmp.path());
        std::fs::write(
            tmp.path().join("dossier.yaml"),
            format!("title: \"T\"\nbase_url: {}\n", serde_json::to_string(base).unwrap()),
        )
        .unwrap();
        let (built, diags) = dossier::run(tmp.path(), false).unwrap();
        let errors: Vec<String> = diags
            .items
            .iter()
            .filter(|d| d.code == "bad-url")
            .map(|d| d.position())
            .collect();
        (built.and_then(|b| b.model.config.base_url), errors)
    };
    for bad in [
        "https://example.org/?a=1&b=<x>",
        "https://example.org/#top",
        "https://user:secret@example.org/",
        "javascript:alert(1)",
        "ftp://example.org/",
        "https://",
        "https://exa mple.org/",
        "https://example.org/\u{1b}[8m",
    ] {
        assert_eq!(run(bad), (None, vec!["dossier.yaml:2:11".to_string()]), "{bad:?}");
    }
    assert_eq!(
        run("https://Example.org/a").0.as_deref(),
        Some("https://example.org/a/")
    );
    assert_eq!(
        run("http://example.org/x&y/<b>").0.as_deref(),
        Some("http://example.org/x&y/%3Cb%3E/")
    );
}

#[test]
fn file_names_cannot_drive_the_terminal() {
    // ESC [8m hides everything after it on most terminals; the newline would start a line of the
    // file name's choosing. Both must be printed as escapes.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&root.join("tests/fixtures/small"), tmp.path());
    let actors = tmp.path().join("content/actors");
    std::fs::write(
        actors.join("evil\u{1b}[8m\nok: 0 errors.yaml"),
        "name: \"E\"\nkind: person\n",
    )
    .unwrap();
    std::fs::write(actors.join("bell.yaml"), "name: \"B\u{1b}[2J\"\nkind: \u{7}person\n").unwrap();
    let report = dossier::check(tmp.path()).unwrap();
    let text = report.diagnostics.render(false);
    assert!(report.diagnostics.error_count() >= 2, "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    assert!(
        text.contains("content/actors/evil\\u{1b}[8m\\nok: 0 errors.yaml"),
        "{text}"
    );
    assert!(!text.lines().any(|l| l.starts_with("ok:")), "{text}");
}

#[test]
fn an_ambiguous_quote_gives_its_true_count_beyond_the_listed_thousand() {
    let tmp = tempfile::tempdir().unwrap();
    let case = format!(
        "=== dossier.yaml\ntitle: \"T\"\n=== content/articles/2020-01-02-a.md\n---\ntitle: \"A\"\noutlet: \"W\"\npublished: 2020-01-02\n---\n{}\n=== content/articles/2020-01-02-a.yaml\nexcerpts:\n  - quote: \"the raid\"\n",
        "It was the raid.\n".repeat(1500)
    );
    common::materialise(&case, tmp.path());
    let report = dossier::check(tmp.path()).unwrap();
    let d = report
        .diagnostics
        .items
        .iter()
        .find(|d| d.code == "ambiguous-quote")
        .unwrap();
    assert_eq!(
        d.message,
        "the quote \"the raid\" occurs 1,500 times in content/articles/2020-01-02-a.md"
    );
    assert_eq!(d.help.len(), 1001);
    assert_eq!(
        d.help.last().unwrap(),
        "only the first 1,000 of the 1,500 matches are listed"
    );
}

#[test]
fn an_unquoted_date_is_read_as_written_not_as_a_number() {
    // YAML reads `0000` as the number 0 and `0987` as 987; the docs say quotes are optional.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (written, year) in [("0000", 0), ("0987", 987), ("\"0987\"", 987)] {
        let tmp = tempfile::tempdir().unwrap();
        common::copy_dir(&root.join("tests/fixtures/small"), tmp.path());
        let path = tmp.path().join("content/incidents/village-raid.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("date: 2020-01", &format!("date: {written}"))).unwrap();
        let (built, diags) = dossier::run(tmp.path(), false).unwrap();
        let built = built.unwrap_or_else(|| panic!("{written}: {}", diags.render(false)));
        let date = built.model.incidents[0].date;
        assert_eq!((date.year, date.month, date.day), (year, None, None), "{written}");
    }
}

#[test]
fn a_static_file_replacing_a_script_is_a_warning_and_a_page_a_note() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let dossier = tmp.path().join("d");
    common::copy_dir(&root.join("tests/fixtures/small"), &dossier);
    std::fs::create_dir_all(dossier.join("static")).unwrap();
    std::fs::write(dossier.join("static/search.js"), "/* mine */").unwrap();
    std::fs::write(dossier.join("static/robots.txt"), "User-agent: *\n").unwrap();
    let codes = |report: &dossier::Report| {
        let mut v: Vec<_> = report
            .diagnostics
            .items
            .iter()
            .filter(|d| d.code.starts_with("static-replaces"))
            .map(|d| (d.code, d.severity))
            .collect();
        v.sort();
        v
    };
    let report = dossier::build(&dossier, &tmp.path().join("site"), false).unwrap();
    assert_eq!(
        codes(&report),
        [
            ("static-replaces-page", dossier::diag::Severity::Note),
            ("static-replaces-script", dossier::diag::Severity::Warning),
        ]
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("site/search.js")).unwrap(),
        "/* mine */"
    );
    // Under --strict the warning fails the build and nothing is written.
    let strict = dossier::build(&dossier, &tmp.path().join("strict"), true).unwrap();
    assert!(strict.diagnostics.fails(true));
    assert!(!tmp.path().join("strict").exists());
}
