//! What `serve` adds to the pages it answers with, and only to them: the live-reload script
//! (`live.js`, one `<script>` element put before `</body>`), and the overlay that shows why the
//! last rebuild failed. `build` never sees any of it: the site in memory is exactly what a build
//! writes, and this is applied to a copy of a page as it is sent.
//!
//! The overlay is made here, on the server, from the diagnostics (each one's severity, code,
//! `file:line:column`, and the same rustc-style text the terminal shows: the line with a caret,
//! the label, the help lines), escaped as HTML; the script shows it in a shadow root so that the
//! theme's styles cannot reach it.

use crate::diag::{Diagnostics, Severity};
use crate::render::markdown::escape_attr;

/// The live-reload script, served at [`SCRIPT_PATH`].
pub const LIVE_JS: &str = include_str!("live.js");

/// Where the script is served. The server answers the paths under `/__dossier/` before it looks
/// at the site, so a site file there (a static file of that name) is never served.
pub const SCRIPT_PATH: &str = "/__dossier/live.js";

/// Where the server-sent events are served.
pub const EVENTS_PATH: &str = "/__dossier/events";

/// `page` with the live-reload script put before its last `</body>` (or at its end when it has
/// none), the token of the state it was served in as an attribute.
pub fn inject(page: &[u8], token: &str) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{SCRIPT_PATH}\" data-token=\"{}\"></script>",
        escape_attr(token)
    );
    let at = find_last(page, b"</body>").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + tag.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// Removes what [`inject`] added: what `serve` answers, less this, is what `build` writes.
pub fn strip(page: &[u8]) -> Vec<u8> {
    let needle = format!("<script src=\"{SCRIPT_PATH}\" data-token=\"");
    let Some(start) = find_last(page, needle.as_bytes()) else {
        return page.to_vec();
    };
    let end = find_last(&page[start..], b"</script>").map_or(page.len(), |e| start + e + "</script>".len());
    [&page[..start], &page[end..]].concat()
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// The page served for an HTML path while the dossier has never built: nothing to show under
/// the overlay but this.
pub fn placeholder(token: &str) -> Vec<u8> {
    let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>dossier serve: \
                the dossier does not build yet</title></head><body><p>The dossier does not build \
                yet; the errors are shown over this page and in the terminal.</p></body></html>";
    inject(page.as_bytes(), token)
}

/// The overlay's HTML (its own style included) for the diagnostics of a failed rebuild.
pub fn overlay(diagnostics: &Diagnostics) -> String {
    let errors = diagnostics.error_count();
    let warnings = diagnostics.warning_count();
    let mut html = String::from(STYLE);
    html.push_str("<div class=\"backdrop\"><section role=\"alertdialog\" aria-labelledby=\"t\">");
    html.push_str("<header><h1 id=\"t\">The dossier does not build</h1><p>");
    html.push_str(&counted(errors, "error"));
    if warnings > 0 {
        html.push_str(", ");
        html.push_str(&counted(warnings, "warning"));
    }
    html.push_str(
        ". This page shows the last site that built; it reloads by itself once the files are \
         fixed.</p><button type=\"button\" data-close aria-label=\"Hide\">×</button></header><ol>",
    );
    for d in &diagnostics.items {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        html.push_str(&format!(
            "<li class=\"{level}\"><p class=\"head\"><span class=\"level\">{level}</span> \
             <code class=\"code\">{}</code> <span class=\"where\">{}</span></p><pre>{}</pre></li>",
            escape_attr(d.code),
            escape_attr(&d.position()),
            escape_attr(&d.render(false))
        ));
    }
    html.push_str("</ol></section></div>");
    html
}

fn counted(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

const STYLE: &str = "<style>
.backdrop{position:fixed;inset:0;overflow:auto;background:rgba(20,20,24,.72);padding:4vh 3vw;
  box-sizing:border-box;font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d1d1f}
section{max-width:60rem;margin:0 auto;background:#fff;border-radius:8px;border-top:6px solid #c62828;
  box-shadow:0 12px 40px rgba(0,0,0,.35);padding:1.25rem 1.5rem}
header{position:relative;padding-right:2.5rem}
h1{font-size:1.25rem;margin:0 0 .25rem;color:#b71c1c}
header p{margin:0 0 .75rem;color:#444}
button{position:absolute;top:0;right:0;font-size:1.5rem;line-height:1;border:0;background:none;
  cursor:pointer;color:#555;padding:.25rem .5rem}
ol{list-style:none;margin:0;padding:0}
li{margin:.75rem 0;border-left:4px solid #c62828;padding:.25rem 0 .25rem .75rem}
li.warning{border-color:#ef6c00}li.note{border-color:#1565c0}
.head{margin:0 0 .35rem}
.level{font-weight:700;text-transform:uppercase;font-size:.8rem;letter-spacing:.04em;color:#b71c1c}
li.warning .level{color:#e65100}li.note .level{color:#0d47a1}
.code{font:600 .9rem ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f3f5;
  padding:.1rem .3rem;border-radius:3px}
.where{font:.9rem ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#555}
pre{margin:0;padding:.75rem;background:#1e1e22;color:#f0f0f0;border-radius:4px;overflow:auto;
  font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre}
@media (max-width:40rem){.backdrop{padding:0}section{border-radius:0;min-height:100%}}
</style>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_end_and_strip_removes_it() {
        let page = b"<html><body><p>x</p></body></html>";
        let served = inject(page, "7-3");
        assert_eq!(
            String::from_utf8(served.clone()).unwrap(),
            "<html><body><p>x</p><script src=\"/__dossier/live.js\" data-token=\"7-3\"></script></body></html>"
        );
        assert_eq!(strip(&served), page);
        // No </body>: at the end.
        assert!(inject(b"<p>x", "1").ends_with(b"</script>"));
        assert_eq!(strip(&inject(b"<p>x", "1")), b"<p>x");
    }

    #[test]
    fn the_overlay_escapes_what_the_files_say() {
        let source = crate::source::Source::new("content/a.yaml", "quote: \"<b>\"\n");
        let mut d = Diagnostics::default();
        d.push(crate::diag::Diagnostic::error("quote-not-found", &source, 8..13, "no <b> here").help("fix <it>"));
        let html = overlay(&d);
        assert!(html.contains("quote-not-found"));
        assert!(html.contains("content/a.yaml:1:9"));
        assert!(html.contains("no &lt;b&gt; here"));
        assert!(html.contains("fix &lt;it&gt;"));
        assert!(!html.contains("<b>"));
        assert!(html.contains("1 error."));
    }
}
