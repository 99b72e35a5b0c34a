//! An incident file: its fields, its casualty figures and perpetrators, and the order of its
//! dates. Whether the ids it names exist is checked with the whole dossier (`references.rs`).

use super::fields::{Obj, as_ref, check_file_id};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::YamlFile;
use crate::model::*;
use crate::yaml::Node;

pub(super) fn validate_incident(file: &YamlFile, config: &Config, diags: &mut Diagnostics) -> Option<Incident> {
    let root = file.root.as_ref()?;
    let ok_id = check_file_id(&file.source, &file.stem, diags);
    let obj = Obj::new(&file.source, root, &INCIDENT, diags)?;
    let IncidentFields {
        title,
        kind,
        date,
        end,
        location,
        casualties,
        perpetrators,
        targets,
        actors,
        related,
        summary,
        sort_after,
        sort_before,
        draft,
    } = &INCIDENT;
    // Read for its type only: which files are drafts is decided before validation (`drafts.rs`).
    let _ = obj.boolean(draft, diags);
    let title = obj.text(title, diags);
    let kind = obj.one_of(kind, Some(config), diags);
    let date = obj.date(date, diags);
    let end_node = obj.get(end);
    let end = obj.date(end, diags);
    if let (Some(d), Some(e), Some(node)) = (date, end, end_node)
        && d.ends_before(&e)
    {
        diags.push(
            Diagnostic::error(
                "date-order",
                &file.source,
                node.span.clone(),
                format!("the incident ends ({e}) before it starts ({d})"),
            )
            .label("`end` must not be earlier than `date`"),
        );
    }
    let location = obj.text(location, diags);
    let casualties = obj
        .list(casualties, diags)
        .iter()
        .filter_map(|node| Some(casualty(&obj.item(casualties, node, diags)?, node, diags)))
        .collect();
    let mut perpetrator_list = Vec::new();
    for node in obj.list(perpetrators, diags) {
        // An actor id alone, or a mapping with the attribution's state and sources.
        if node.scalar_text().is_some() {
            if let Some(actor) = as_ref(&file.source, node, diags) {
                perpetrator_list.push(Perpetrator {
                    actor,
                    status: None,
                    sources: Vec::new(),
                });
            }
            continue;
        }
        if let Some(p) = obj.item(perpetrators, node, diags)
            && let Some(p) = perpetrator(&p, diags)
        {
            perpetrator_list.push(p);
        }
    }
    let targets = obj.references(targets, diags);
    let actors = obj.references(actors, diags);
    let related = obj.references(related, diags);
    let summary = obj.markdown(summary, diags);
    let sort_after = obj.reference(sort_after, diags);
    let sort_before = obj.reference(sort_before, diags);
    if !ok_id {
        return None;
    }
    Some(Incident {
        id: file.stem.clone(),
        loc: Loc::file(&file.source),
        title: title?,
        kind: kind?,
        date: date?,
        placed: date?,
        end,
        location,
        casualties,
        perpetrators: perpetrator_list,
        targets,
        actors,
        related,
        summary,
        sort_after,
        sort_before,
    })
}

fn casualty(c: &Obj, node: &Node, diags: &mut Diagnostics) -> Casualty {
    let CasualtyFields {
        killed,
        injured,
        note,
        sources,
    } = &CASUALTY;
    if !c.has(killed) && !c.has(injured) {
        diags.push(
            Diagnostic::error(
                "missing-field",
                c.source,
                node.span.clone(),
                "a casualty figure needs `killed:` or `injured:`",
            )
            .label("neither is given"),
        );
    }
    Casualty {
        killed: c.whole(killed, diags),
        injured: c.whole(injured, diags),
        note: c.text(note, diags),
        sources: c.references(sources, diags),
    }
}

fn perpetrator(p: &Obj, diags: &mut Diagnostics) -> Option<Perpetrator> {
    let PerpetratorFields { actor, status, sources } = &PERPETRATOR;
    let actor = p.reference(actor, diags);
    let status = p.one_of(status, None, diags);
    let sources = p.references(sources, diags);
    Some(Perpetrator {
        actor: actor?,
        status,
        sources,
    })
}
