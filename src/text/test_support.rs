//! Helpers shared by the unit tests of `text`.

use crate::text::anchor::{AnchorError, ArticleText, Selector};

/// A selector with only a quote.
pub fn sel(quote: &str) -> Selector<'_> {
    Selector {
        quote,
        ..Selector::default()
    }
}

/// Anchors in `md` and returns the anchored slice of the rendered text.
pub fn anchored(md: &str, selector: &Selector) -> Result<String, AnchorError> {
    let article = ArticleText::new(md);
    let range = article.anchor(selector)?;
    Ok(article.rendered().text[range].to_string())
}
