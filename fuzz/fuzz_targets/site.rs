//! The whole pipeline through render: the input is turned into a dossier that validates (an
//! article body, quotes picked out of its text, actors, Markdown fields, settings), which is
//! validated, indexed and rendered into every page; the feeds and sitemap must be well-formed
//! XML. Run it with `-timeout=` so that slow inputs count as failures too.
#![no_main]

use dossier::fuzzing::site_from_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for file in site_from_bytes(data) {
        if file.path.ends_with(".xml") {
            let text = std::str::from_utf8(&file.bytes).expect("XML output is UTF-8");
            if let Err(e) = roxmltree::Document::parse(text) {
                panic!("{} is not well-formed: {e}", file.path);
            }
        }
    }
});
