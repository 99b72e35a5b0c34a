//! Entry points for the fuzz targets in `fuzz/` and for their regression tests.
//!
//! Each function takes raw bytes, builds inputs the way the real pipeline would, and runs one
//! part of it (`site_from_bytes` all of it, through render); none may panic. They live in the
//! library (not in `fuzz/`) so that the normal test suite replays every saved crash input
//! (`tests/fuzz_regressions.rs`) without cargo-fuzz.

use crate::diag::Diagnostics;
use crate::load::{self, MarkdownFile, RawDossier, YamlFile};
use crate::render::highlight::{self as article, Highlight, LinkedMention, Markers, RawHtml};
use crate::render::markdown::{self, Resolve};
use crate::source::Source;
use crate::text::anchor::{ArticleText, Selector};

fn parts(data: &[u8], n: usize) -> Vec<String> {
    let text = String::from_utf8_lossy(data);
    let mut parts: Vec<String> = text.splitn(n, '\0').map(str::to_string).collect();
    parts.resize(n, String::new());
    parts
}

/// A YAML file of the dossier with the text `text`, parsed as `load` would.
fn yaml_file(path: &str, stem: &str, text: String, diags: &mut Diagnostics) -> YamlFile {
    load::parse_yaml(Source::new(path, text), stem.into(), Default::default(), diags)
}

/// A Markdown file of the dossier with the text `text`, split as `load` would (its pair key is
/// its path without `.md`).
fn markdown_file(path: &str, stem: &str, text: String, diags: &mut Diagnostics) -> MarkdownFile {
    let key = path.trim_end_matches(".md").to_string();
    load::parse_markdown(Source::new(path, text), stem.into(), key, Default::default(), diags)
}

/// Article, annotations, actor and incident from NUL-separated bytes, through the pipeline.
pub fn pipeline_from_parts(data: &[u8]) {
    let p = parts(data, 5);
    let mut diags = Diagnostics::default();
    let mut raw = RawDossier {
        config: Some(yaml_file("dossier.yaml", "dossier", p[4].clone(), &mut diags)),
        ..RawDossier::default()
    };
    let article = "content/articles/2020-01-01-a";
    raw.articles.push(markdown_file(
        &format!("{article}.md"),
        "2020-01-01-a",
        p[0].clone(),
        &mut diags,
    ));
    raw.annotations.insert(
        article.into(),
        yaml_file(&format!("{article}.yaml"), "2020-01-01-a", p[1].clone(), &mut diags),
    );
    raw.actors
        .push(yaml_file("content/actors/x.yaml", "x", p[2].clone(), &mut diags));
    raw.incidents
        .push(yaml_file("content/incidents/y.yaml", "y", p[3].clone(), &mut diags));
    let (model, mut d) = crate::validate::validate(raw);
    let _ = d.render(false);
    d.sort();
    if let Some(model) = model {
        let (index, _) = crate::index::build(&model);
        if let Ok(templates) = crate::render::Templates::new(&model.assets) {
            let _ = crate::render::render_to_memory(&model, &index, &templates);
        }
    }
    let _ = diags.render(false);
}

/// A YAML double-quoted scalar holding `text` exactly (YAML 1.2 reads JSON strings).
fn yaml_str(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// A whole dossier built from the bytes so that it validates, through validate, index and
/// render: the site's files (empty when it did not validate after all). The input is split at
/// NUL bytes into an article body, byte pairs that pick quotes out of the body's rendered text
/// (so that they anchor), actors (one per line, `name|alias|alias`), Markdown used for the
/// description, the article's summary, excerpt notes, an incident and a page, and flags (the
/// mention mode, `pretty_urls`, `trust_html`). Unlike `pipeline_from_parts`, whose random YAML
/// seldom validates, nearly every input here reaches the renderer, which is where slow inputs
/// hide: run it with libFuzzer's `-timeout=`.
pub fn site_from_bytes(data: &[u8]) -> Vec<crate::render::OutputFile> {
    let p = parts(data, 5);
    let (body, picks, actors_text, markdown, flags) = (&p[0], p[1].as_bytes(), &p[2], &p[3], p[4].as_bytes());
    let flag = |i: usize| flags.get(i).copied().unwrap_or(0);
    let trust_html = flag(2) % 7 == 1;
    let mentions = ["first", "all", "none"][flag(0) as usize % 3];

    let actors: Vec<Vec<&str>> = actors_text
        .lines()
        .take(8)
        .map(|l| {
            l.split('|')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .take(4)
                .collect::<Vec<_>>()
        })
        .filter(|names| !names.is_empty())
        .collect();
    let mut excerpts = String::from("excerpts:\n");
    let text = ArticleText::new(body);
    let rendered = &text.rendered().text;
    let snap = |b: u8| {
        let len = rendered.len();
        let mut at = if len == 0 { 0 } else { (b as usize * len) / 255 };
        while at < len && !rendered.is_char_boundary(at) {
            at += 1;
        }
        at.min(len)
    };
    for (i, pair) in picks.chunks(2).take(24).enumerate() {
        let (a, b) = (snap(pair[0]), snap(*pair.get(1).unwrap_or(&pair[0])));
        let quote = rendered[a.min(b)..a.max(b)].trim();
        if quote.is_empty() {
            continue;
        }
        let selector = |occurrence| Selector {
            quote,
            prefix: None,
            suffix: None,
            occurrence,
        };
        let occurrence = match text.anchor(&selector(None)) {
            Ok(_) => "",
            Err(crate::text::anchor::AnchorError::Ambiguous { .. }) if text.anchor(&selector(Some(1))).is_ok() => {
                "\n    occurrence: 1"
            }
            Err(_) => continue,
        };
        let speaker = if actors.is_empty() {
            String::new()
        } else {
            format!("\n    speaker: a{}", i % actors.len())
        };
        let stance = crate::model::STANCES[i % crate::model::STANCES.len()];
        let note = if i % 3 == 0 {
            format!("\n    note: {}", yaml_str(markdown))
        } else {
            String::new()
        };
        excerpts.push_str(&format!(
            "  - id: e{i}\n    quote: {}{occurrence}{speaker}\n    stance: {stance}\n    incidents: [raid]{note}\n",
            yaml_str(quote)
        ));
    }
    if excerpts == "excerpts:\n" {
        excerpts = "excerpts: []\n".into();
    }

    let mut diags = Diagnostics::default();
    let mut raw = RawDossier {
        config: Some(yaml_file(
            "dossier.yaml",
            "dossier",
            format!(
                "title: \"T\"\ndescription: {}\nbase_url: \"https://example.org/x&y/\"\nmentions: {mentions}\npretty_urls: {}\ntrust_html: {trust_html}\n",
                yaml_str(markdown),
                flag(1) % 2 == 1
            ),
            &mut diags,
        )),
        ..RawDossier::default()
    };
    let article = "content/articles/2020-01-01-a";
    raw.articles.push(markdown_file(
        &format!("{article}.md"),
        "2020-01-01-a",
        format!(
            "---\ntitle: \"A\"\noutlet: \"O\"\npublished: 2020-01-01\nsummary: {}\n---\n{body}",
            yaml_str(markdown)
        ),
        &mut diags,
    ));
    raw.annotations.insert(
        article.into(),
        yaml_file(&format!("{article}.yaml"), "2020-01-01-a", excerpts, &mut diags),
    );
    for (i, names) in actors.iter().enumerate() {
        let aliases: Vec<String> = names[1..].iter().map(|n| yaml_str(n)).collect();
        raw.actors.push(yaml_file(
            &format!("content/actors/a{i}.yaml"),
            &format!("a{i}"),
            format!(
                "name: {}\nkind: person\naliases: [{}]\n",
                yaml_str(names[0]),
                aliases.join(", ")
            ),
            &mut diags,
        ));
    }
    raw.incidents.push(yaml_file(
        "content/incidents/raid.yaml",
        "raid",
        format!(
            "title: \"R\"\nkind: raid\ndate: 2020-01\nsummary: {}\n",
            yaml_str(markdown)
        ),
        &mut diags,
    ));
    raw.pages.push(markdown_file(
        "content/pages/p.md",
        "p",
        format!("---\ntitle: \"P\"\n---\n{markdown}"),
        &mut diags,
    ));

    let (model, _) = crate::validate::validate(raw);
    let Some(model) = model else { return Vec::new() };
    let (index, _) = crate::index::build(&model);
    // The built-in templates are the same for every input: compile them once per process.
    static TEMPLATES: std::sync::OnceLock<Option<crate::render::Templates>> = std::sync::OnceLock::new();
    let Some(templates) =
        TEMPLATES.get_or_init(|| crate::render::Templates::new(&crate::model::Assets::default()).ok())
    else {
        return Vec::new();
    };
    let Ok((files, _)) = crate::render::render_to_memory(&model, &index, templates) else {
        return Vec::new();
    };
    if !trust_html {
        // Content never forges a highlight: each excerpt's anchor is on its article page once
        // at most.
        let page = files.iter().find(|f| f.path == "articles/2020-01-01-a/index.html");
        let html = page.map(|f| String::from_utf8_lossy(&f.bytes)).unwrap_or_default();
        for e in &model.excerpts {
            let anchor = format!(" id=\"x-{}\"", e.id);
            let count = tags(&html).filter(|t| t.contains(&anchor)).count();
            assert!(count <= 1, "{anchor} on {count} elements");
        }
    }
    files
}

/// The tags of serialised HTML (`<` up to the `>` that is not inside a quoted value). Text and
/// attribute values as html5ever writes them hold no raw `<` or `"`, so `id="…"` inside a tag
/// is an attribute, while the same characters in text are not.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || {
        let start = rest.find('<')?;
        let mut quoted = false;
        let end = rest[start..]
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map_or(rest.len(), |(i, _)| start + i + 1);
        let tag = &rest[start..end];
        rest = &rest[end..];
        Some(tag)
    })
}

/// Body, quote, prefix, suffix, occurrence from NUL-separated bytes, through anchoring.
pub fn anchor_from_parts(data: &[u8]) {
    let p = parts(data, 5);
    let text = ArticleText::new(&p[0]);
    let occurrence = p[4].trim().parse::<usize>().ok();
    let selector = Selector {
        quote: &p[1],
        prefix: (!p[2].is_empty()).then_some(p[2].as_str()),
        suffix: (!p[3].is_empty()).then_some(p[3].as_str()),
        occurrence,
    };
    if let Ok(range) = text.anchor(&selector) {
        let rendered = &text.rendered().text;
        assert!(range.start <= range.end && range.end <= rendered.len());
        assert!(rendered.is_char_boundary(range.start) && rendered.is_char_boundary(range.end));
        let _ = text.source_line(range.start);
    }
}

struct AnyId;

impl Resolve for AnyId {
    fn resolve(&self, id: &str) -> Option<(String, String)> {
        (!id.is_empty()).then(|| (format!("actors/{id}/index.html"), id.to_uppercase()))
    }
}

/// Wikilink finding and Markdown field rendering.
pub fn wikilinks_from_bytes(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for link in crate::text::wikilink::find(&text) {
        let span = crate::text::wikilink::locate_in_source(&text, 0, &text, &link);
        assert!(span.end <= text.len());
    }
    let _ = markdown::to_html(&text, "../../", &AnyId);
    let _ = markdown::to_plain(&text);
}

/// A body and highlight/mention ranges derived from the bytes, through the article renderer.
pub fn highlights_from_bytes(data: &[u8]) {
    let (ranges, body) = data.split_at(data.len().min(16));
    let body = String::from_utf8_lossy(body);
    let parsed = crate::text::markdown::ParsedArticle::parse(&body);
    let rendered = &parsed.rendered;
    let len = rendered.text.len();
    let snap = |b: u8| {
        let mut at = if len == 0 { 0 } else { (b as usize * len) / 255 };
        while at < len && !rendered.text.is_char_boundary(at) {
            at += 1;
        }
        at.min(len)
    };
    let mut highlights = Vec::new();
    let mut mentions = Vec::new();
    for (i, pair) in ranges.chunks(2).enumerate() {
        let (a, b) = (snap(pair[0]), snap(*pair.get(1).unwrap_or(&pair[0])));
        let range = a.min(b)..a.max(b);
        if i % 3 == 2 {
            mentions.push(LinkedMention {
                range,
                href: "a".into(),
                title: "t".into(),
            });
        } else {
            highlights.push(Highlight {
                range,
                id: format!("e{i}"),
                class: "excerpt".into(),
                href: "e".into(),
                number: i + 1,
                title: "t".into(),
            });
        }
    }
    let blocks = article::render(&parsed, &highlights, &mentions, Markers::Numbered, RawHtml::Clean);
    for b in &blocks {
        // Marks must balance in every block.
        assert_eq!(b.html.matches("<mark").count(), b.html.matches("</mark>").count());
    }
    // Each highlight's anchor appears at most once, whatever the body says.
    let all: String = blocks.iter().map(|b| b.html.as_str()).collect();
    for h in &highlights {
        let anchor = format!(" id=\"x-{}\"", h.id);
        assert!(tags(&all).filter(|t| t.contains(&anchor)).count() <= 1, "{all}");
    }
}
