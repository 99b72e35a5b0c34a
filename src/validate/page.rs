//! A free page: its front matter, and its body kept as Markdown.

use super::fields::{Obj, check_file_id};
use crate::diag::Diagnostics;
use crate::load::MarkdownFile;
use crate::model::*;

pub(super) fn validate_page(file: &MarkdownFile, diags: &mut Diagnostics) -> Option<Page> {
    let front = file.front.as_ref()?;
    let ok_id = check_file_id(&file.source, &file.stem, diags);
    let obj = Obj::new(&file.source, front, &PAGE, diags)?;
    let PageFields { title, draft } = &PAGE;
    // Read for its type only: which files are drafts is decided before validation (`drafts.rs`).
    let _ = obj.boolean(draft, diags);
    let title = obj.text(title, diags)?;
    if !ok_id {
        return None;
    }
    Some(Page {
        id: file.stem.clone(),
        title,
        source: file.source.clone(),
        body: Markdown {
            text: file.source.text[file.body_start..].to_string(),
            loc: Loc {
                source: file.source.clone(),
                span: file.body_start..file.source.text.len(),
            },
        },
    })
}
