//! Parsing one file's text: a YAML file whole, or a Markdown file's front matter.
//!
//! A Markdown file of the dossier opens with `---`, YAML fields, and a closing `---` (or `...`);
//! the body follows. The front matter is required: an article without it has no title, outlet or
//! date. YAML goes through `yaml::parse_with` under the dossier's limits, with offsets into the
//! whole file, so that every diagnostic points at the right line. Both functions are public for
//! the fuzz targets, which build raw records from bytes without a folder.

use std::sync::Arc;

use super::{MarkdownFile, YamlFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::source::Source;
use crate::yaml;

/// Parse a YAML file of the dossier (public for the fuzz targets).
pub fn parse_yaml(source: Arc<Source>, stem: String, limits: yaml::Limits, diags: &mut Diagnostics) -> YamlFile {
    let root = match yaml::parse_with(&source, 0, &source.text, limits) {
        Ok(n) => Some(n),
        Err(d) => {
            diags.push(d);
            None
        }
    };
    YamlFile {
        source,
        stem,
        root: root.map(Arc::new),
        deferred: None,
    }
}

impl YamlFile {
    /// The file with its tree: parsed now, its diagnostics added to `diags`, when its parse was
    /// deferred ([`YamlFile::deferred`]); as it is otherwise.
    pub fn parsed(self, diags: &mut Diagnostics) -> YamlFile {
        match self.deferred {
            None => self,
            Some(limits) => parse_yaml(self.source, self.stem, limits, diags),
        }
    }
}

/// Split `---\n<yaml>\n---\n<body>`. The front matter is required: an article without it has no
/// title, outlet or date.
pub fn parse_markdown(
    source: Arc<Source>,
    stem: String,
    pair_key: String,
    limits: yaml::Limits,
    diags: &mut Diagnostics,
) -> MarkdownFile {
    let text = source.text.as_str();
    let mut file = MarkdownFile {
        source: source.clone(),
        stem,
        front: None,
        body_start: 0,
        pair_key,
    };
    let Some(after_open) = text.strip_prefix("---\n") else {
        diags.push(
            Diagnostic::error("missing-front-matter", &source, 0..0, "missing front matter")
                .label("expected `---` on the first line, then YAML fields, then `---`")
                .help("start the file with:\n---\ntitle: \"...\"\n---"),
        );
        return file;
    };
    let open_len = text.len() - after_open.len();
    let mut offset = open_len;
    let mut close = None;
    for line in after_open.split_inclusive('\n') {
        let trimmed = line.trim_end_matches('\n');
        if trimmed == "---" || trimmed == "..." {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = close else {
        diags.push(
            Diagnostic::error(
                "unclosed-front-matter",
                &source,
                0..3,
                "the front matter is never closed",
            )
            .label("opened here")
            .help("end the front matter with a line of three dashes: ---"),
        );
        return file;
    };
    file.body_start = body_start;
    match yaml::parse_with(&source, open_len, &text[open_len..yaml_end], limits) {
        Ok(n) => file.front = Some(Arc::new(n)),
        Err(d) => diags.push(d),
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_from_the_body() {
        let src = Source::new("a.md", "---\ntitle: T\n---\nBody text.\n");
        let mut d = Diagnostics::default();
        let f = parse_markdown(src.clone(), "a".into(), "a".into(), Default::default(), &mut d);
        assert!(d.items.is_empty());
        assert_eq!(&src.text[f.body_start..], "Body text.\n");
        assert!(f.front.is_some());
    }

    #[test]
    fn unclosed_front_matter_is_diagnosed() {
        let src = Source::new("a.md", "---\ntitle: T\nBody\n");
        let mut d = Diagnostics::default();
        parse_markdown(src, "a".into(), "a".into(), Default::default(), &mut d);
        assert_eq!(d.items[0].code, "unclosed-front-matter");
    }
}
