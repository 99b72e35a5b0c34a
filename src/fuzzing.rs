//! Entry points for the fuzz targets in `fuzz/` and for their regression tests.
//!
//! Each function takes raw bytes, builds inputs the way the real pipeline would, and runs one
//! part of it; none may panic. They live in the library (not in `fuzz/`) so that the normal
//! test suite replays every saved crash input (`tests/fuzz_regressions.rs`) without cargo-fuzz.

use std::collections::BTreeMap;

use crate::anchor::{ArticleText, Selector};
use crate::diag::Diagnostics;
use crate::load::{self, RawDossier};
use crate::render::article::{self, Highlight, LinkedMention, Markers, RawHtml};
use crate::render::markdown::{self, Resolve};
use crate::source::Source;

fn parts(data: &[u8], n: usize) -> Vec<String> {
    let text = String::from_utf8_lossy(data);
    let mut parts: Vec<String> = text.splitn(n, '\0').map(str::to_string).collect();
    parts.resize(n, String::new());
    parts
}

/// Article, annotations, actor and incident from NUL-separated bytes, through the pipeline.
pub fn pipeline_from_parts(data: &[u8]) {
    let p = parts(data, 5);
    let mut diags = Diagnostics::default();
    let mut raw = RawDossier {
        config: Some(load::parse_yaml(
            Source::new("dossier.yaml", p[4].clone()),
            "dossier".into(),
            Default::default(),
            &mut diags,
        )),
        ..RawDossier::default()
    };
    let key = "content/articles/2020-01-01-a".to_string();
    raw.articles.push(load::parse_markdown(
        Source::new("content/articles/2020-01-01-a.md", p[0].clone()),
        "2020-01-01-a".into(),
        key.clone(),
        Default::default(),
        &mut diags,
    ));
    raw.annotations.insert(
        key,
        load::parse_yaml(
            Source::new("content/articles/2020-01-01-a.yaml", p[1].clone()),
            "2020-01-01-a".into(),
            Default::default(),
            &mut diags,
        ),
    );
    raw.actors.push(load::parse_yaml(
        Source::new("content/actors/x.yaml", p[2].clone()),
        "x".into(),
        Default::default(),
        &mut diags,
    ));
    raw.incidents.push(load::parse_yaml(
        Source::new("content/incidents/y.yaml", p[3].clone()),
        "y".into(),
        Default::default(),
        &mut diags,
    ));
    let (model, mut d) = crate::validate::validate(&raw);
    let _ = d.render(false);
    d.sort();
    if let Some(model) = model {
        let (index, _) = crate::index::build(&model);
        if let Ok(templates) = crate::render::Templates::new(&raw, None) {
            let _ = crate::render::render(&model, &index, &templates);
        }
    }
    let _ = diags.render(false);
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
    for link in crate::wikilink::find(&text) {
        let span = crate::wikilink::locate_in_source(&text, 0, &text, &link);
        assert!(span.end <= text.len());
    }
    let _ = markdown::to_html(&text, "../../", &AnyId);
    let _ = markdown::to_plain(&text);
}

/// A body and highlight/mention ranges derived from the bytes, through the article renderer.
pub fn highlights_from_bytes(data: &[u8]) {
    let (ranges, body) = data.split_at(data.len().min(16));
    let body = String::from_utf8_lossy(body);
    let rendered = crate::anchor::rendered_text(&body);
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
    let blocks = article::render(&body, &highlights, &mentions, Markers::Numbered, RawHtml::Clean);
    let mut seen = BTreeMap::new();
    for b in &blocks {
        // Marks must balance in every block.
        assert_eq!(b.html.matches("<mark").count(), b.html.matches("</mark>").count());
        seen.insert(b.rendered.start, b.html.len());
    }
    // Each highlight's anchor appears at most once, whatever the body says.
    let all: String = blocks.iter().map(|b| b.html.as_str()).collect();
    for h in &highlights {
        assert!(all.matches(&format!("id=\"x-{}\"", h.id)).count() <= 1, "{all}");
    }
}
