//! Validate: raw records in, the model out, with every problem found on the way.
//!
//! Two steps, as in ripgrep's raw → validated shape. First each file is checked on its own (in
//! parallel): its fields against the format's schema (unknown fields are errors with a
//! did-you-mean), its values (dates, kinds, grades, URLs), and, for an article, every excerpt
//! anchored in its text. Then the dossier is checked as a whole: ids are unique across the one
//! namespace, and every reference (speaker, actors, incidents, roles, relations, sources,
//! `responds_to`, `[[wikilinks]]`) names something that exists, with a did-you-mean when not.
//! This module is pure: it consumes `RawDossier` and returns `(Option<Dossier>, Diagnostics)`.
//!
//! Every field is read through its record's description in `model` (`fields.rs`), so the
//! fields a file may have are the ones described. A validator destructures the description of
//! its record without `..`: a described field it does not read is an unused variable, which is
//! an error here. One file per record kind (`config.rs`, `actor.rs`, `incident.rs`,
//! `article.rs`, `excerpt.rs` with `attribution.rs` and `anchoring.rs`, `page.rs`), and
//! `references.rs` for the whole-dossier checks, `drafts.rs` for the files left out as drafts, `order.rs` for the order incidents are
//! listed in.
//!
//! `serve` validates the same dossier again after every change; [`validate_reusing`] keeps each
//! article's validation (its parse, its anchored excerpts and their diagnostics) in an
//! [`ArticleCache`] keyed by a hash of its Markdown, its annotation file and the settings, so a
//! rebuild validates again only the articles whose files changed. Validating an article depends
//! on nothing else (`validate_article` takes the two files and the settings), and the
//! whole-dossier checks run every time.
#![deny(unused_variables)]

mod actor;
mod anchoring;
mod article;
mod assets;
mod attribution;
mod config;
mod drafts;
mod excerpt;
mod fields;
mod incident;
mod order;
mod page;
mod references;

use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::{MarkdownFile, RawDossier, YamlFile};
use crate::model::*;
use actor::validate_actor;
use article::{ArticleWithExcerpts, validate_article};
pub use config::base_url_flag;
use config::validate_config;
pub use excerpt::default_excerpt_id;
use excerpt::excerpt_ids_in;
use incident::validate_incident;
use page::validate_page;
use references::check_whole;

/// Validate a loaded dossier. The model is returned only when there is no error.
///
/// The raw dossier is consumed: each file's YAML tree is dropped as soon as its record is made,
/// so that the trees of every file (about as large as the model itself) and the model are never
/// all in memory at once.
pub fn validate(raw: RawDossier) -> (Option<Dossier>, Diagnostics) {
    validate_with(raw, None, false)
}

/// [`validate`], with the files marked `draft: true` built (`drafts`) or left out.
pub fn validate_drafts(raw: RawDossier, drafts: bool) -> (Option<Dossier>, Diagnostics) {
    validate_with(raw, None, drafts)
}

/// What validating one article gave: the article with its excerpts (when it validated), its
/// diagnostics, and the excerpt ids it takes with it when it failed.
type ArticleOutcome = (Option<ArticleWithExcerpts>, Diagnostics, Vec<String>);

/// Each article's validation from the last run, by [`article_key`]. Holds a copy of every
/// article (about the size of the articles in the model).
#[derive(Default)]
pub struct ArticleCache {
    outcomes: HashMap<u64, ArticleOutcome>,
    /// How many articles the last run took from the cache, and how many it validated.
    pub reused: usize,
    pub validated: usize,
}

/// [`validate`], reusing the validation of every article whose files and settings are as in
/// the last run with `cache`, and leaving in `cache` this run's (only: an article deleted or
/// changed is forgotten).
pub fn validate_reusing(raw: RawDossier, cache: &mut ArticleCache, drafts: bool) -> (Option<Dossier>, Diagnostics) {
    validate_with(raw, Some(cache), drafts)
}

/// The key of an article's validation: its two files (path and text, by their digests) and
/// the settings.
fn article_key(file: &MarkdownFile, annotations: Option<&YamlFile>, settings: u64) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    settings.hash(&mut h);
    file.source.digest().hash(&mut h);
    annotations.map(|a| a.source.digest()).hash(&mut h);
    h.finish()
}

fn validate_with(
    raw: RawDossier,
    cache: Option<&mut ArticleCache>,
    include_drafts: bool,
) -> (Option<Dossier>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut config = validate_config(raw.config.as_ref(), &mut diags);
    // Part of the settings, so part of every cached article's key.
    config.drafts = include_drafts;
    let assets = assets::validate_assets(&raw, &config, &mut diags);
    let RawDossier {
        articles: mut raw_articles,
        mut annotations,
        actors: mut raw_actors,
        incidents: mut raw_incidents,
        pages: mut raw_pages,
        ..
    } = raw;
    let drafts = drafts::set_aside(
        drafts::Content {
            articles: &mut raw_articles,
            annotations: &mut annotations,
            actors: &mut raw_actors,
            incidents: &mut raw_incidents,
            pages: &mut raw_pages,
            diags: &mut diags,
        },
        include_drafts,
    );

    // The ids of every file, whether or not it validates: a reference to a file that failed is
    // not reported a second time (see `broken_ids`).
    let mut broken: BTreeSet<String> = BTreeSet::new();
    for stem in raw_actors.iter().chain(&raw_incidents).map(|f| &f.stem) {
        broken.insert(stem.clone());
    }
    for stem in raw_articles.iter().chain(&raw_pages).map(|f| &f.stem) {
        broken.insert(stem.clone());
    }

    // Each article with its annotation file; what is left over has no article.
    let paired: Vec<(MarkdownFile, Option<YamlFile>)> = raw_articles
        .into_iter()
        .map(|f| {
            let annotations = annotations.remove(&f.pair_key);
            (f, annotations)
        })
        .collect();
    for file in std::mem::take(&mut annotations).into_values() {
        let file = file.parsed(&mut diags);
        let expected = format!("{}.md", file.stem);
        diags.push(
            Diagnostic::error(
                "orphan-annotations",
                &file.source,
                0..0,
                "annotations without an article",
            )
            .label(format!("expected an article `{expected}` beside this file"))
            .suggest(did_you_mean(&file.stem, paired.iter().map(|(a, _)| a.stem.as_str()))),
        );
        broken.extend(excerpt_ids_in(&file));
    }

    let actors: Vec<(Option<Actor>, Diagnostics)> = raw_actors
        .into_par_iter()
        .map(|f| with_diags(|d| validate_actor(&f, &config, d)))
        .collect();
    let incidents: Vec<(Option<Incident>, Diagnostics)> = raw_incidents
        .into_par_iter()
        .map(|f| with_diags(|d| validate_incident(&f, &config, d)))
        .collect();
    // An article that fails takes its excerpts' ids with it into `broken`. Its annotation file
    // is parsed here when loading deferred it, and its tree dropped with the file at the end.
    let one = |f: &MarkdownFile, annotations: Option<YamlFile>| -> ArticleOutcome {
        let mut d = Diagnostics::default();
        let annotations = annotations.map(|a| a.parsed(&mut d));
        let article = validate_article(f, annotations.as_ref(), &config, &mut d);
        let lost = match &annotations {
            Some(file) if article.is_none() || file.root.is_none() => excerpt_ids_in(file),
            _ => Vec::new(),
        };
        (article, d, lost)
    };
    let articles: Vec<ArticleOutcome> = match cache {
        None => paired
            .into_par_iter()
            .map(|(f, annotations)| one(&f, annotations))
            .collect(),
        Some(cache) => {
            // The settings an article's validation reads, as they are written out in full.
            let settings = {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                format!("{config:?}").hash(&mut h);
                h.finish()
            };
            let mut old = std::mem::take(&mut cache.outcomes);
            let done: Vec<(u64, ArticleOutcome, bool)> = paired
                .into_par_iter()
                .map(|(f, annotations)| {
                    let key = article_key(&f, annotations.as_ref(), settings);
                    match old.get(&key) {
                        Some(outcome) => (key, outcome.clone(), true),
                        None => (key, one(&f, annotations), false),
                    }
                })
                .collect();
            cache.reused = done.iter().filter(|d| d.2).count();
            cache.validated = done.len() - cache.reused;
            done.into_iter()
                .map(|(key, outcome, reused)| {
                    // A reused outcome moves from the old cache to the new one: one copy made.
                    let kept = match reused {
                        true => old.remove(&key),
                        false => None,
                    };
                    cache.outcomes.insert(key, kept.unwrap_or_else(|| outcome.clone()));
                    outcome
                })
                .collect()
        }
    };
    let pages: Vec<(Option<Page>, Diagnostics)> = raw_pages
        .into_par_iter()
        .map(|f| with_diags(|d| validate_page(&f, d)))
        .collect();

    let mut model = Dossier {
        config,
        articles: Vec::new(),
        excerpts: Vec::new(),
        actors: Vec::with_capacity(actors.len()),
        incidents: Vec::with_capacity(incidents.len()),
        pages: Vec::new(),
        assets,
    };
    for (a, d) in actors {
        diags.extend(d);
        model.actors.extend(a);
    }
    for (i, d) in incidents {
        diags.extend(d);
        model.incidents.extend(i);
    }
    for (p, d) in pages {
        diags.extend(d);
        model.pages.extend(p);
    }
    let mut article_list = Vec::with_capacity(articles.len());
    for (a, d, lost) in articles {
        diags.extend(d);
        article_list.extend(a);
        broken.extend(lost);
    }
    model.actors.sort_by(|a, b| a.id.cmp(&b.id));
    order::order_incidents(&mut model.incidents, &mut diags);
    model.pages.sort_by(|a, b| a.id.cmp(&b.id));
    article_list.sort_by(|a, b| (a.0.published, &a.0.id).cmp(&(b.0.published, &b.0.id)));
    // Excerpts whose quote failed to anchor still exist: a reference to one is not a second
    // error (the quote error says what is wrong), though the model is not handed on.
    let mut unanchored: Vec<String> = Vec::new();
    // Sized once: grown by doubling, these lists of large records left a third of their memory
    // unused at 10,000 articles.
    model
        .excerpts
        .reserve_exact(article_list.iter().map(|a| a.1.len()).sum());
    model.articles.reserve_exact(article_list.len());
    for (index, (mut article, mut excerpts, failed)) in article_list.into_iter().enumerate() {
        unanchored.extend(failed);
        excerpts.sort_by_key(|e| (e.range.start, std::cmp::Reverse(e.range.end)));
        for mut e in excerpts {
            e.article = index;
            article.excerpts.push(model.excerpts.len());
            model.excerpts.push(e);
        }
        model.articles.push(article);
    }

    broken.extend(unanchored);
    let dangling = check_whole(&model, &broken, &drafts, &mut diags);
    diags.sort();
    // A reference to a file that failed to load is not reported again, but the model it would
    // leave dangling is never handed on.
    if diags.error_count() > 0 || dangling {
        (None, diags)
    } else {
        (Some(model), diags)
    }
}

fn with_diags<T>(f: impl FnOnce(&mut Diagnostics) -> Option<T>) -> (Option<T>, Diagnostics) {
    let mut d = Diagnostics::default();
    let v = f(&mut d);
    (v, d)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::load::{self, MarkdownFile, YamlFile};
    use crate::source::Source;

    /// The code of each file of this folder, without its tests.
    fn sources() -> Vec<(String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/validate");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap().to_string();
            out.push((path.file_name().unwrap().to_string_lossy().into_owned(), code));
        }
        out
    }

    /// Validation reads fields only through their descriptions: no field's name is written as
    /// a string here, and each record's validator destructures its description without `..`
    /// (so that `#![deny(unused_variables)]` names a described field it does not read).
    /// Reusing articles' validations gives the model and diagnostics a validation from
    /// scratch gives, and validates again only the article whose file changed.
    #[test]
    fn a_second_validation_reuses_every_unchanged_article() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (raw, _) = load::load(dir).unwrap();
        let show = |(model, diags): (Option<Dossier>, Diagnostics)| format!("{model:#?}\n{diags:#?}");
        let fresh = show(validate(raw.clone()));
        let mut cache = ArticleCache::default();
        assert_eq!(show(validate_reusing(raw.clone(), &mut cache, false)), fresh);
        assert_eq!((cache.reused, cache.validated), (0, raw.articles.len()));
        assert_eq!(show(validate_reusing(raw.clone(), &mut cache, false)), fresh);
        assert_eq!((cache.reused, cache.validated), (raw.articles.len(), 0));

        // One article edited: it alone is validated again, and the result is a fresh one's.
        let mut edited = raw.clone();
        let article = &mut edited.articles[0];
        let text = format!("{}\nA sentence added.\n", article.source.text);
        article.source = Source::new(article.source.path.clone(), text);
        assert_eq!(
            show(validate_reusing(edited.clone(), &mut cache, false)),
            show(validate(edited))
        );
        assert_eq!((cache.reused, cache.validated), (raw.articles.len() - 1, 1));

        // `--drafts` is part of the settings: no article validated without it is reused.
        validate_reusing(raw.clone(), &mut cache, true);
        assert_eq!((cache.reused, cache.validated), (0, raw.articles.len()));
    }

    #[test]
    fn fields_are_read_only_through_their_descriptions() {
        // The one exception, a noun for messages about ids, not a field.
        let exceptions = ["const AN_ID: &str = \"id\";"];
        let sources = sources();
        for record in records() {
            for field in record.fields() {
                let literal = format!("\"{}\"", field.name());
                for (file, code) in &sources {
                    for line in code.lines().filter(|l| l.contains(&literal)) {
                        assert!(
                            exceptions.contains(&line.trim()),
                            "src/validate/{file}: the field name {literal} (of {}, or a namesake) is written out; read fields through their descriptions: {line}",
                            record.what()
                        );
                    }
                }
            }
            let debug = format!("{record:?}");
            let name = debug.split_whitespace().next().unwrap();
            let start = format!("let {name} {{");
            let destructured: Vec<&str> = sources
                .iter()
                .filter_map(|(_, code)| code.find(&start).map(|at| &code[at..]))
                .map(|rest| &rest[..rest.find("} = &").expect("a destructuring of a description")])
                .collect();
            assert_eq!(destructured.len(), 1, "{name} is destructured once in src/validate");
            assert!(!destructured[0].contains(".."), "{name} is destructured with `..`");
        }
    }

    fn yaml(path: &str, stem: &str, text: &str) -> YamlFile {
        load::parse_yaml(
            Source::new(path, text.to_string()),
            stem.into(),
            Default::default(),
            &mut Diagnostics::default(),
        )
    }

    fn markdown(path: &str, stem: &str, text: &str) -> MarkdownFile {
        let key = path.trim_end_matches(".md").to_string();
        load::parse_markdown(
            Source::new(path, text.to_string()),
            stem.into(),
            key,
            Default::default(),
            &mut Diagnostics::default(),
        )
    }

    /// `all_markdown` (what wikilinks are checked and followed in) lists every described
    /// Markdown field: the dossier below gives each one, with its record and name as its text.
    #[test]
    fn every_described_markdown_field_is_in_all_markdown() {
        let md = |record: &dyn Record, name: &str| {
            let field = record.field(name).unwrap();
            assert!(matches!(field.ty(), Type::Markdown));
            format!("\"{} {name}\"", slugify(record.what()))
        };
        let mut raw = RawDossier {
            config: Some(yaml(
                "dossier.yaml",
                "dossier",
                &format!(
                    "title: T\ndescription: {}\nlead: {}\nfindings: {}\n",
                    md(&CONFIG, "description"),
                    md(&CONFIG, "lead"),
                    md(&CONFIG, "findings")
                ),
            )),
            ..RawDossier::default()
        };
        raw.articles.push(markdown(
            "content/articles/a.md",
            "a",
            &format!(
                "---\ntitle: A\noutlet: O\npublished: 2020\nsummary: {}\nnote: {}\n---\nAlpha said hello to Beta.\n",
                md(&ARTICLE, "summary"),
                md(&ARTICLE, "note")
            ),
        ));
        raw.annotations.insert(
            "content/articles/a".into(),
            yaml(
                "content/articles/a.yaml",
                "a",
                &format!("excerpts:\n  - quote: hello\n    note: {}\n", md(&EXCERPT, "note")),
            ),
        );
        raw.actors.push(yaml(
            "content/actors/alpha.yaml",
            "alpha",
            &format!(
                "name: Alpha\nkind: person\nsummary: {}\nrelations:\n  - type: opposes\n    actor: beta\n    note: {}\n",
                md(&ACTOR, "summary"),
                md(&RELATION, "note")
            ),
        ));
        raw.actors
            .push(yaml("content/actors/beta.yaml", "beta", "name: Beta\nkind: person\n"));
        raw.incidents.push(yaml(
            "content/incidents/i.yaml",
            "i",
            &format!(
                "title: I\nkind: raid\ndate: 2020\nsummary: {}\n",
                md(&INCIDENT, "summary")
            ),
        ));
        raw.pages.push(markdown(
            "content/pages/p.md",
            "p",
            "---\ntitle: P\n---\nthe page body\n",
        ));

        let (model, diags) = validate(raw);
        let model = model.unwrap_or_else(|| panic!("{}", diags.render(false)));
        let found: BTreeSet<String> = all_markdown(&model)
            .into_iter()
            .map(|(_, md)| format!("\"{}\"", md.text.trim()))
            .collect();
        let mut described: BTreeSet<String> = BTreeSet::new();
        for record in records() {
            for field in record.fields().iter().filter(|f| matches!(f.ty(), Type::Markdown)) {
                described.insert(md(record, field.name()));
            }
        }
        described.insert("\"the page body\"".into());
        assert_eq!(found, described);
    }
}
