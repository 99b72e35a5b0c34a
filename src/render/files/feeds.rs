//! `sitemap.xml`, `atom.xml` and `robots.txt`: written only with a `base_url` (but robots),
//! every value escaped for XML. At scale the sitemap becomes a sitemap index over files of at
//! most `SITEMAP_URLS` URLs each, and the feed holds the newest `FEED_ENTRIES` articles, as
//! feeds do.

use crate::model::{Date, Dossier, EntityKind};
use crate::render::jsonld::absolute_url;
use crate::render::markdown::{escape_attr, to_plain_resolved};
use crate::render::site::{Site, entity_path};

/// `robots.txt`: everything allowed; the sitemap named when there is one.
pub fn robots(model: &Dossier) -> String {
    match &model.config.base_url {
        Some(b) => format!("User-agent: *\nAllow: /\nSitemap: {b}sitemap.xml\n"),
        None => "User-agent: *\nAllow: /\n".into(),
    }
}

/// Text for an XML file (element content or a double-quoted attribute): markup characters
/// escaped as in HTML attributes, and the control characters XML 1.0 forbids (all of C0 but
/// tab, line feed and carriage return, and U+FFFE/U+FFFF) dropped, since no escape can carry
/// them either.
pub fn xml_escape(s: &str) -> String {
    let allowed = |c: &char| matches!(c, '\t' | '\n' | '\r') || !(*c < ' ' || *c == '\u{fffe}' || *c == '\u{ffff}');
    escape_attr(&s.chars().filter(allowed).collect::<String>())
}

/// The most URLs in one sitemap file: Zola's choice, well under the protocol's limit of 50,000
/// URLs and 50 MB, and about 3 MB a file (50,000 of dossier's URLs make 5 MB).
pub const SITEMAP_URLS: usize = 30_000;

/// The newest articles `atom.xml` holds.
pub const FEED_ENTRIES: usize = 100;

/// The sitemap files, (path, text), each given to `put` as soon as it is made: `sitemap.xml`
/// listing every page (`…/index.html`) of `paths`, sorted; past [`SITEMAP_URLS`] pages,
/// `sitemap.xml` is a sitemap index of `sitemap-1.xml`, `sitemap-2.xml`, … holding the pages
/// in that order (one file at a time in memory: the 346,000 URLs of a 50,000-article site are
/// 24 MB of XML).
pub fn sitemaps<E>(
    base: &str,
    paths: Vec<&str>,
    pretty: bool,
    put: &mut dyn FnMut(String, String) -> Result<(), E>,
) -> Result<(), E> {
    sitemaps_of(base, paths, pretty, SITEMAP_URLS, put)
}

/// [`sitemaps`] with at most `per_file` URLs in a file.
fn sitemaps_of<E>(
    base: &str,
    mut paths: Vec<&str>,
    pretty: bool,
    per_file: usize,
    put: &mut dyn FnMut(String, String) -> Result<(), E>,
) -> Result<(), E> {
    paths.retain(|p| p.ends_with("index.html"));
    paths.sort_unstable();
    let urlset = |paths: &[&str]| {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for p in paths {
            out.push_str("  <url><loc>");
            out.push_str(&xml_escape(&absolute_url(base, p, pretty)));
            out.push_str("</loc></url>\n");
        }
        out.push_str("</urlset>\n");
        out
    };
    if paths.len() <= per_file {
        return put("sitemap.xml".into(), urlset(&paths));
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in paths.chunks(per_file.max(1)).enumerate() {
        let path = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            xml_escape(&format!("{base}{path}"))
        ));
        put(path, urlset(chunk))?;
    }
    index.push_str("</sitemapindex>\n");
    put("sitemap.xml".into(), index)
}

/// `atom.xml`: the newest [`FEED_ENTRIES`] articles, newest first.
pub fn atom(site: &Site, base: &str) -> String {
    let m = site.model;
    let updated = m
        .articles
        .iter()
        // The latest timestamp, not the latest date: a partial date sorts after the days it
        // contains but is written as its first day.
        .map(|a| feed_date(a.published))
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    // Every value is escaped, base_url too: it is validated as an http(s) URL, but a URL may
    // still hold `&` or `'`.
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>{}</title>\n  <id>{}</id>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <updated>{updated}</updated>\n",
        xml_escape(&m.config.title),
        xml_escape(base),
        xml_escape(base),
        xml_escape(&format!("{base}atom.xml")),
    );
    for a in m.articles.iter().rev().take(FEED_ENTRIES) {
        let url = absolute_url(base, &entity_path(EntityKind::Article, &a.id), m.config.pretty_urls);
        let summary = a
            .summary
            .as_ref()
            .map(|s| to_plain_resolved(&s.text, site))
            .unwrap_or_else(|| format!("{}, {}", a.outlet, a.published.human()));
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
            xml_escape(&a.title),
            xml_escape(&url),
            xml_escape(&url),
            feed_date(a.published),
            xml_escape(a.author.as_deref().unwrap_or(&a.outlet)),
            xml_escape(&summary),
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// A date as a feed timestamp (a partial date at its first day).
fn feed_date(d: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        d.year,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_sitemap_becomes_an_index_of_sitemaps() {
        let paths = vec!["b/index.html", "a/index.html", "c/index.html", "style.css"];
        let files = |per_file| {
            let mut files = Vec::new();
            let _ = sitemaps_of::<()>(
                "https://x.org/d/",
                paths.clone(),
                per_file == 2,
                per_file,
                &mut |p, t| {
                    files.push((p, t));
                    Ok(())
                },
            );
            files
        };
        let one = files(3);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, "sitemap.xml");
        assert_eq!(one[0].1.matches("<url>").count(), 3);

        let mut split = files(2);
        // The index is made last, after the files it lists.
        split.rotate_right(1);
        let names: Vec<&str> = split.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        assert!(split[0].1.contains("<sitemapindex"));
        assert!(split[0].1.contains("<loc>https://x.org/d/sitemap-2.xml</loc>"));
        assert!(split[1].1.contains("<loc>https://x.org/d/a/</loc>"));
        assert!(split[1].1.contains("<loc>https://x.org/d/b/</loc>"));
        assert!(split[2].1.contains("<loc>https://x.org/d/c/</loc>"));
        assert_eq!(split[2].1.matches("<url>").count(), 1);
    }
}
