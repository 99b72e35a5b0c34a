//! Letting go of the files' texts once the model no longer needs them.
//!
//! Every value of the model keeps where it came from (`Loc`, an `Arc<Source>` and a span), so
//! that diagnostics can point into the file. Those `Source`s hold the whole text of every file
//! read. `build` swaps each file's `Source` in the model for one that keeps only its path as
//! soon as nothing it has left to do reads that file's text, so that the text is freed:
//!
//! 1. the annotation files', right after validation
//!    ([`Dossier::release_annotation_texts`]): the index's warnings point only into actor,
//!    incident and article files;
//! 2. the actors', incidents', pages' and the dossier's own, after the index
//!    ([`Dossier::release_texts`]): rendering makes only global diagnostics, and takes what
//!    it shows from the model's fields (a Markdown field's text is in the field);
//! 3. the articles', once the exports are written ([`Dossier::release_article_texts`], between
//!    the two steps of `render::Rendering`): `dossier.json` carries an article published in
//!    full as written, and nothing else reads it; the pages, search and feeds take an
//!    article's text from its parse.
//!
//! At 50,000 articles that is 82 MB of annotation files and 138 MB of articles. A diagnostic
//! made before holds its own `Arc` to the whole `Source`, and keeps its text to show.
//!
//! A field that holds a `Loc` and is not visited here only keeps its file's text alive: it
//! costs memory, never correctness. Reading a released text would show: the golden tests build
//! whole sites through `build` and hold their bytes.

use std::collections::HashMap;
use std::sync::Arc;

use crate::source::Source;

use super::{Actor, Article, Dossier, Excerpt, Incident, Loc, Markdown, Page, Ref};

impl Dossier {
    /// Swap the articles' own `Source`s for ones with their path and no text: for `build`,
    /// once the exports, which alone read an article's Markdown as written, are written
    /// (`render::Rendering`). The pages, search and feeds take an article's text from its parse.
    pub fn release_article_texts(&mut self) {
        let mut released = Released::default();
        for a in &mut self.articles {
            released.swap(&mut a.source);
            // Its front matter's Markdown fields point into the same file.
            a.visit(&mut released);
        }
    }

    /// Swap the `Source`s of the annotation files (every `Loc` of an excerpt) for ones with
    /// their path and no text, so that those texts are freed (see the module's documentation):
    /// for `build`, after validation and before the index, whose warnings never point into an
    /// annotation file.
    pub fn release_annotation_texts(&mut self) {
        self.excerpts.visit(&mut Released::default());
    }

    /// Swap every file's `Source` in the model but the articles' own for one with its path and
    /// no text, so that those texts are freed (see the module's documentation). For `build`,
    /// after the index and before rendering; `serve` keeps its model whole, to rebuild from.
    pub fn release_texts(&mut self) {
        let mut released = Released::default();
        for a in &self.articles {
            released.keep(&a.source);
        }
        let Dossier {
            config,
            articles,
            excerpts,
            actors,
            incidents,
            pages,
            assets: _,
        } = self;
        for m in [&mut config.description, &mut config.lead, &mut config.findings] {
            m.visit(&mut released);
        }
        articles.visit(&mut released);
        excerpts.visit(&mut released);
        actors.visit(&mut released);
        incidents.visit(&mut released);
        pages.visit(&mut released);
    }
}

/// The path-only `Source` made for each file, by the address of its whole `Source`, which is
/// kept here until the end so that no address is reused while the map is in use.
#[derive(Default)]
struct Released {
    by_address: HashMap<*const Source, (Arc<Source>, Arc<Source>)>,
}

impl Released {
    /// Keep `source` whole wherever the model holds it.
    fn keep(&mut self, source: &Arc<Source>) {
        self.by_address
            .insert(Arc::as_ptr(source), (source.clone(), source.clone()));
    }

    fn swap(&mut self, source: &mut Arc<Source>) {
        // Released already (`release_annotation_texts`, then `release_texts`), or empty.
        if source.text.is_empty() {
            return;
        }
        let (_, path_only) = self
            .by_address
            .entry(Arc::as_ptr(source))
            .or_insert_with(|| (source.clone(), source.without_text()));
        *source = path_only.clone();
    }
}

/// A value of the model that holds `Source`s.
trait Visit {
    fn visit(&mut self, released: &mut Released);
}

impl<T: Visit> Visit for Vec<T> {
    fn visit(&mut self, released: &mut Released) {
        self.iter_mut().for_each(|v| v.visit(released));
    }
}

impl<T: Visit> Visit for Option<T> {
    fn visit(&mut self, released: &mut Released) {
        if let Some(v) = self {
            v.visit(released);
        }
    }
}

impl Visit for Loc {
    fn visit(&mut self, released: &mut Released) {
        released.swap(&mut self.source);
    }
}

impl Visit for Ref {
    fn visit(&mut self, released: &mut Released) {
        self.loc.visit(released);
    }
}

impl Visit for Markdown {
    fn visit(&mut self, released: &mut Released) {
        self.loc.visit(released);
    }
}

impl Visit for Article {
    fn visit(&mut self, released: &mut Released) {
        // Its front matter's fields, in its own file: `release_texts` keeps that file
        // (`Released::keep`), `release_article_texts` lets it go with `source`.
        self.summary.visit(released);
        self.note.visit(released);
    }
}

impl Visit for Excerpt {
    fn visit(&mut self, released: &mut Released) {
        self.loc.visit(released);
        self.speaker.visit(released);
        self.via.visit(released);
        self.actors.visit(released);
        self.incidents.visit(released);
        self.responds_to.visit(released);
        self.note.visit(released);
    }
}

impl Visit for Actor {
    fn visit(&mut self, released: &mut Released) {
        self.loc.visit(released);
        self.country.visit(released);
        self.summary.visit(released);
        for role in &mut self.roles {
            role.of.visit(released);
            role.sources.visit(released);
        }
        for relation in &mut self.relations {
            relation.actor.visit(released);
            relation.sources.visit(released);
            relation.note.visit(released);
        }
    }
}

impl Visit for Incident {
    fn visit(&mut self, released: &mut Released) {
        self.loc.visit(released);
        for casualty in &mut self.casualties {
            casualty.sources.visit(released);
        }
        for perpetrator in &mut self.perpetrators {
            perpetrator.actor.visit(released);
            perpetrator.sources.visit(released);
        }
        self.targets.visit(released);
        self.actors.visit(released);
        self.related.visit(released);
        self.summary.visit(released);
        self.sort_after.visit(released);
        self.sort_before.visit(released);
    }
}

impl Visit for Page {
    fn visit(&mut self, released: &mut Released) {
        released.swap(&mut self.source);
        self.body.visit(released);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example dossier's model, as checked (every file's text held).
    fn example() -> Dossier {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (checked, _) = crate::check_dossier(dir).expect("the example loads");
        checked.expect("the example is valid").model
    }

    /// After the release, every `Source` the model holds but the articles' own has no text
    /// left and the same path as before, and the whole `Source`s of those files are freed.
    #[test]
    fn the_model_keeps_paths_and_lets_the_texts_go() {
        let mut model = example();
        let article = model.articles[0].source.clone();
        let annotation = Arc::downgrade(&model.excerpts[0].loc.source);
        let path = model.excerpts[0].loc.source.path.clone();
        let actor = Arc::downgrade(&model.actors[0].loc.source);
        model.release_texts();
        assert!(
            Arc::ptr_eq(&model.articles[0].source, &article),
            "an article's file is kept"
        );
        assert_eq!(
            model.articles[0].body(),
            article.text[model.articles[0].body_start..].to_string()
        );
        assert_eq!(model.excerpts[0].loc.source.path, path);
        assert!(
            annotation.upgrade().is_none(),
            "an annotation file's text is still held"
        );
        assert!(actor.upgrade().is_none(), "an actor's file is still held");
        let mut sources = Vec::new();
        let mut collect = |s: &Arc<Source>| sources.push(s.clone());
        for e in &model.excerpts {
            collect(&e.loc.source);
            e.speaker.iter().chain(&e.actors).for_each(|r| collect(&r.loc.source));
        }
        for a in &model.actors {
            collect(&a.loc.source);
        }
        for i in &model.incidents {
            collect(&i.loc.source);
            i.actors.iter().for_each(|r| collect(&r.loc.source));
        }
        assert!(sources.len() > 100);
        assert!(sources.iter().all(|s| s.text.is_empty() && s.path.ends_with(".yaml")));
    }

    /// The first step, after validation, lets the annotation files' texts go and keeps every
    /// other file's, which the index's warnings point into; the second step then lets those
    /// go too, and leaves the path-only `Source`s of the first as they are.
    #[test]
    fn annotation_texts_go_first_and_the_rest_before_rendering() {
        let mut model = example();
        let article = model.articles[0].source.clone();
        let annotation = Arc::downgrade(&model.excerpts[0].loc.source);
        let path = model.excerpts[0].loc.source.path.clone();
        let actor = model.actors[0].loc.source.clone();
        let incident = model.incidents[0].loc.source.clone();
        model.release_annotation_texts();
        assert!(Arc::ptr_eq(&model.articles[0].source, &article));
        assert!(
            Arc::ptr_eq(&model.actors[0].loc.source, &actor),
            "an actor's file is kept"
        );
        assert!(Arc::ptr_eq(&model.incidents[0].loc.source, &incident));
        assert!(!actor.text.is_empty() && !incident.text.is_empty());
        assert!(
            annotation.upgrade().is_none(),
            "an annotation file's text is still held"
        );
        assert_eq!(model.excerpts[0].loc.source.path, path);
        let mut annotations = 0;
        for e in &model.excerpts {
            for s in std::iter::once(&e.loc)
                .chain(
                    e.speaker
                        .iter()
                        .chain(&e.via)
                        .chain(&e.actors)
                        .chain(&e.incidents)
                        .map(|r| &r.loc),
                )
                .chain(e.note.iter().map(|n| &n.loc))
            {
                assert!(s.source.text.is_empty(), "{} keeps its text", s.source.path);
                annotations += 1;
            }
        }
        assert!(annotations > 100);
        let released = model.excerpts[0].loc.source.clone();
        model.release_texts();
        assert!(Arc::ptr_eq(&model.excerpts[0].loc.source, &released), "released twice");
        assert!(model.actors[0].loc.source.text.is_empty());
        assert_eq!(model.actors[0].loc.source.path, actor.path);
        assert!(Arc::ptr_eq(&model.articles[0].source, &article));
    }

    /// The last step, after the exports, lets the articles' own files go: the `Source` of each
    /// article and of its front matter's Markdown fields keeps its path and no text, the whole
    /// one is freed, and the body reads as empty instead of failing.
    #[test]
    fn the_articles_texts_go_last() {
        let mut model = example();
        model.release_texts();
        let with_summary = model
            .articles
            .iter()
            .position(|a| a.summary.is_some())
            .expect("an article of the example has a summary");
        let article = Arc::downgrade(&model.articles[with_summary].source);
        let path = model.articles[with_summary].source.path.clone();
        let rendered = model.articles[with_summary].text.rendered.text.clone();
        model.release_article_texts();
        let a = &model.articles[with_summary];
        assert!(article.upgrade().is_none(), "an article's file text is still held");
        assert_eq!(a.source.path, path);
        assert!(Arc::ptr_eq(&a.source, &a.summary.as_ref().unwrap().loc.source));
        assert_eq!(a.body(), "");
        assert_eq!(a.text.rendered.text, rendered, "the parse is kept");
        assert!(model.articles.iter().all(|a| a.source.text.is_empty()));
    }
}
