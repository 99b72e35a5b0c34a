//! The site's files that are not pages: the feeds and maps for machines (`sitemap.xml`,
//! `atom.xml`, `robots.txt`), the data export (`dossier.json`) and the icon.

pub mod export;
pub mod feeds;

/// The reading aids every page loads (previews of links on hover and focus, keys to move
/// between excerpts); the pages read the same without them.
pub const READER_JS: &str = include_str!("../assets/reader.js");

/// The site icon: a plain document mark, so browsers do not ask the host for /favicon.ico.
pub const FAVICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect x=\"2\" y=\"1\" width=\"12\" height=\"14\" rx=\"1\" fill=\"#1f4e79\"/><path d=\"M5 5h6M5 8h6M5 11h4\" stroke=\"#fff\" stroke-width=\"1.2\"/></svg>\n";
