//! The whole dossier at once: ids are one namespace (a repeated id is an error naming both
//! places), and every reference (each field of ids, as its description says what it must name)
//! and every `[[wikilink]]` names something that exists, with a did-you-mean when not. An id
//! of a file that exists but failed validation (`broken`) is not reported again; one of a
//! draft left out of the run is `draft-reference`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::slice;

use super::drafts::{Drafts, draft_reference};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::model::*;
use crate::text::wikilink;

/// Checks the namespace, the references and the wikilinks; returns whether some reference
/// points at an entity whose file failed to load (reported there, not here).
pub(super) fn check_whole(
    model: &Dossier,
    broken: &BTreeSet<String>,
    drafts: &Drafts,
    diags: &mut Diagnostics,
) -> bool {
    check_namespace(model, diags);
    let ids = id_table(model);
    let mut dangling = false;
    let mut expect = |field: &Field, refs: &[Ref], diags: &mut Diagnostics| {
        let want = field.refers_to().expect("a field of ids");
        for r in refs {
            // One lookup for the usual case, a reference to what the field wants.
            if ids.get(r.id.as_str()) == Some(&want) {
                continue;
            }
            if let (false, Some(draft)) = (ids.contains_key(r.id.as_str()), drafts.get(&r.id)) {
                diags.push(draft_reference(&r.id, draft, &r.loc.source, r.loc.span.clone()));
            } else if !ids.contains_key(r.id.as_str()) && broken.contains(&r.id) {
                dangling = true;
            } else {
                check_ref(&ids, r, want, field.name(), diags);
            }
        }
    };
    for a in &model.actors {
        expect(&ACTOR.country, a.country.as_slice(), diags);
        for role in &a.roles {
            expect(&ROLE.of, role.of.as_slice(), diags);
            expect(&ROLE.sources, &role.sources, diags);
        }
        for rel in &a.relations {
            expect(&RELATION.actor, slice::from_ref(&rel.actor), diags);
            not_itself(slice::from_ref(&rel.actor), &a.id, EntityKind::Actor, diags);
            expect(&RELATION.sources, &rel.sources, diags);
        }
    }
    for i in &model.incidents {
        for c in &i.casualties {
            expect(&CASUALTY.sources, &c.sources, diags);
        }
        for p in &i.perpetrators {
            expect(&PERPETRATOR.actor, slice::from_ref(&p.actor), diags);
            expect(&PERPETRATOR.sources, &p.sources, diags);
        }
        expect(&INCIDENT.targets, &i.targets, diags);
        expect(&INCIDENT.actors, &i.actors, diags);
        expect(&INCIDENT.related, &i.related, diags);
        not_itself(&i.related, &i.id, EntityKind::Incident, diags);
        expect(&INCIDENT.sort_after, i.sort_after.as_slice(), diags);
        expect(&INCIDENT.sort_before, i.sort_before.as_slice(), diags);
    }
    for e in &model.excerpts {
        expect(&EXCERPT.speaker, e.speaker.as_slice(), diags);
        expect(&EXCERPT.via, e.via.as_slice(), diags);
        expect(&EXCERPT.actors, &e.actors, diags);
        expect(&EXCERPT.incidents, &e.incidents, diags);
        expect(&EXCERPT.responds_to, &e.responds_to, diags);
        not_itself(&e.responds_to, &e.id, EntityKind::Excerpt, diags);
    }
    for (_, md) in all_markdown(model) {
        dangling |= check_wikilinks(&ids, broken, drafts, md, diags);
    }
    dangling
}

/// One namespace: the first definition (in the fixed order of `entities`) wins; each clash
/// names both places.
fn check_namespace(model: &Dossier, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, (EntityKind, Loc)> = BTreeMap::new();
    for (id, kind, loc) in entities(model) {
        if let Some((other_kind, other)) = seen.get(id) {
            let (line, col) = other.source.line_col(other.span.start);
            diags.push(
                Diagnostic::error("duplicate-id", &loc.source, loc.span.clone(), format!("the id `{}` is used twice", id))
                    .label(format!("this {} has the same id as", kind.noun()))
                    .help(format!(
                        "the {} at {}:{line}:{col}; ids are one namespace across actors, incidents, articles, excerpts and pages",
                        other_kind.noun(),
                        other.source.path
                    )),
            );
        } else {
            seen.insert(id, (kind, loc));
        }
    }
}

/// A relation of an entity to itself (`related`, a relation's `actor`, `responds_to`).
fn not_itself(refs: &[Ref], own: &str, kind: EntityKind, diags: &mut Diagnostics) {
    for r in refs.iter().filter(|r| r.id == own) {
        let (code, message) = match kind {
            EntityKind::Excerpt => ("self-response", "an excerpt cannot respond to itself"),
            EntityKind::Actor => ("self-relation", "an actor cannot be related to itself"),
            _ => ("self-relation", "an incident cannot be related to itself"),
        };
        diags.push(
            Diagnostic::error(code, &r.loc.source, r.loc.span.clone(), message)
                .label(format!("expected another {}'s id", kind.noun())),
        );
    }
}

fn check_ref(ids: &HashMap<&str, EntityKind>, r: &Ref, want: EntityKind, field: &str, diags: &mut Diagnostics) {
    let want_text = format!("{} {}", article_for(want.noun()), want.noun());
    let suggest = || did_you_mean(&r.id, ids.iter().filter(|(_, k)| **k == want).map(|(id, _)| *id));
    match ids.get(r.id.as_str()) {
        Some(kind) if *kind == want => {}
        Some(kind) => diags.push(
            Diagnostic::error(
                "wrong-kind",
                &r.loc.source,
                r.loc.span.clone(),
                format!(
                    "`{}` is {} {}, but `{field}` expects {want_text}",
                    r.id,
                    article_for(kind.noun()),
                    kind.noun(),
                ),
            )
            .label(format!("expected the id of {want_text}"))
            .suggest(suggest()),
        ),
        None => diags.push(
            Diagnostic::error(
                "unknown-id",
                &r.loc.source,
                r.loc.span.clone(),
                format!("no {} has the id `{}`", want.noun(), r.id),
            )
            .label(format!("`{field}` must name an existing {}", want.noun()))
            .suggest(suggest()),
        ),
    }
}

fn article_for(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn check_wikilinks(
    ids: &HashMap<&str, EntityKind>,
    broken: &BTreeSet<String>,
    drafts: &Drafts,
    md: &Markdown,
    diags: &mut Diagnostics,
) -> bool {
    let mut dangling = false;
    for link in wikilink::find(&md.text) {
        if ids.contains_key(link.id.as_str()) {
            continue;
        }
        if let Some(draft) = drafts.get(&link.id) {
            let span = wikilink::locate_in_source(&md.loc.source.text, md.loc.span.start, &md.text, &link);
            diags.push(draft_reference(&link.id, draft, &md.loc.source, span));
            continue;
        }
        if broken.contains(&link.id) {
            dangling = true;
            continue;
        }
        let span = wikilink::locate_in_source(&md.loc.source.text, md.loc.span.start, &md.text, &link);
        diags.push(
            Diagnostic::error(
                "unknown-link",
                &md.loc.source,
                span,
                format!("`[[{}]]` links to nothing", link.id),
            )
            .label("no actor, incident, article, excerpt or page has this id")
            .suggest(did_you_mean(&link.id, ids.keys().copied())),
        );
    }
    dangling
}
