//! An actor file: its fields, its roles, relations and links, and the order of their dates.
//! Whether the ids it names exist is checked with the whole dossier (`references.rs`).

use std::sync::Arc;

use super::fields::{Obj, check_file_id};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::YamlFile;
use crate::model::*;
use crate::source::Source;
use crate::yaml::Node;

pub(super) fn validate_actor(file: &YamlFile, config: &Config, diags: &mut Diagnostics) -> Option<Actor> {
    let root = file.root.as_ref()?;
    let ok_id = check_file_id(&file.source, &file.stem, diags);
    let obj = Obj::new(&file.source, root, &ACTOR, diags)?;
    let ActorFields {
        name,
        kind,
        aliases,
        country,
        summary,
        roles,
        relations,
        links,
        draft,
    } = &ACTOR;
    // Read for its type only: which files are drafts is decided before validation (`drafts.rs`).
    let _ = obj.boolean(draft, diags);
    let name = obj.text(name, diags);
    let kind = obj.one_of(kind, Some(config), diags);
    let aliases = obj.texts(aliases, diags);
    let country = obj.reference(country, diags);
    let summary = obj.markdown(summary, diags);
    let roles = obj
        .list(roles, diags)
        .iter()
        .filter_map(|node| Some(role(&obj.item(roles, node, diags)?, node, diags)))
        .collect();
    let relations = obj
        .list(relations, diags)
        .iter()
        .filter_map(|node| relation(&obj.item(relations, node, diags)?, node, config, diags))
        .collect();
    let links = obj
        .list(links, diags)
        .iter()
        .filter_map(|node| link(&obj.item(links, node, diags)?, diags))
        .collect();
    if !ok_id {
        return None;
    }
    Some(Actor {
        id: file.stem.clone(),
        loc: Loc::file(&file.source),
        name: name?,
        kind: kind?,
        aliases,
        country,
        summary,
        roles,
        relations,
        links,
    })
}

fn role(r: &Obj, node: &Node, diags: &mut Diagnostics) -> Role {
    let RoleFields {
        title,
        of,
        from,
        to,
        sources,
    } = &ROLE;
    let title = r.text(title, diags);
    let role = Role {
        title: title.unwrap_or_default(),
        of: r.reference(of, diags),
        from: r.date(from, diags),
        to: r.date(to, diags),
        sources: r.references(sources, diags),
    };
    check_order(r.source, node, role.from, role.to, diags);
    role
}

fn relation(r: &Obj, node: &Node, config: &Config, diags: &mut Diagnostics) -> Option<Relation> {
    let RelationFields {
        kind,
        actor,
        from,
        to,
        sources,
        note,
    } = &RELATION;
    let kind = r.one_of(kind, Some(config), diags);
    let actor = r.reference(actor, diags);
    let from = r.date(from, diags);
    let to = r.date(to, diags);
    check_order(r.source, node, from, to, diags);
    let sources = r.references(sources, diags);
    let note = r.markdown(note, diags);
    Some(Relation {
        kind: kind?,
        actor: actor?,
        from,
        to,
        sources,
        note,
    })
}

fn link(l: &Obj, diags: &mut Diagnostics) -> Option<Link> {
    let LinkFields { title, url } = &LINK;
    let title = l.text(title, diags);
    let url = l.url(url, diags);
    Some(Link {
        title: title?,
        url: url?,
    })
}

fn check_order(source: &Arc<Source>, node: &Node, from: Option<Date>, to: Option<Date>, diags: &mut Diagnostics) {
    if let (Some(f), Some(t)) = (from, to)
        && f.ends_before(&t)
    {
        diags.push(
            Diagnostic::error(
                "date-order",
                source,
                node.span.clone(),
                format!("ends ({t}) before it starts ({f})"),
            )
            .label("`to` must not be earlier than `from`"),
        );
    }
}
