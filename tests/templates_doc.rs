//! docs/templates.md is the reference for theme authors: every variable it lists must exist in
//! the context the code gives that template, and every variable the code gives must be listed.
//! The shared shapes (ActorRef, ExcerptRef, …) must have exactly the documented fields.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod common;

/// The names in the first column of the Markdown table that follows `heading` (a whole line),
/// up to the next heading. A cell may name several (`` `date`, `date_human` ``); nested names
/// (`groups[].kind`) are left out.
fn table_names(doc: &str, heading: &str) -> BTreeSet<String> {
    let start = doc
        .lines()
        .position(|l| l.trim_end() == heading)
        .unwrap_or_else(|| panic!("docs/templates.md has no heading {heading:?}"));
    let mut names = BTreeSet::new();
    let mut in_table = false;
    for line in doc.lines().skip(start + 1) {
        if line.starts_with('#') {
            break;
        }
        if line.starts_with('|') {
            in_table = true;
            let cell = line.split('|').nth(1).unwrap_or("");
            for part in cell.split(',') {
                let name = part.trim().trim_matches('`');
                if !name.is_empty() && !name.contains(['[', '.', ' ', '-']) && !matches!(name, "variable" | "field") {
                    names.insert(name.to_string());
                }
            }
        } else if in_table {
            break;
        }
    }
    assert!(!names.is_empty(), "no table under {heading:?}");
    names
}

fn keys(value: &serde_json::Value) -> BTreeSet<String> {
    value.as_object().expect("an object").keys().cloned().collect()
}

fn json(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap()
}

#[test]
fn every_documented_variable_exists_and_every_variable_is_documented() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates.md")).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
    let (checked, diags) = dossier::check_dossier(&fixture).unwrap();
    let checked = checked.unwrap_or_else(|| panic!("{}", diags.render(false)));
    let contexts = dossier::render::contexts(&checked.model, &checked.index);

    let every_page = table_names(&doc, "### Variables on every page");
    // A generated dossier has the pages only a large dossier has: `section.html`, and list
    // pages with a paginator.
    let large = tempfile::tempdir().unwrap();
    common::generate_large(large.path(), false);
    let (checked_large, diags) = dossier::check_dossier(large.path()).unwrap();
    let checked_large = checked_large.unwrap_or_else(|| panic!("{}", diags.render(false)));
    let large_contexts = dossier::render::contexts(&checked_large.model, &checked_large.index);
    let mut first_of: BTreeMap<&str, &tera::Context> = BTreeMap::new();
    for (_, template, ctx) in contexts.iter().chain(&large_contexts) {
        first_of.entry(template).or_insert(ctx);
    }
    let paginated = large_contexts
        .iter()
        .filter(|(path, _, ctx)| path.contains("/page/2/") && ctx.get("paginator").is_some_and(|p| !p.is_none()))
        .count();
    assert!(paginated >= 6, "pages 2 with a paginator: {paginated}");
    // The paginator has exactly the documented fields.
    let (_, _, second) = large_contexts
        .iter()
        .find(|(path, _, _)| path == "excerpts/page/2/index.html")
        .expect("a second page of excerpts");
    let paginator: serde_json::Value = serde_json::to_value(second.get("paginator").unwrap()).unwrap();
    assert_eq!(keys(&paginator), table_names(&doc, "### Paginator"));
    let templates = [
        "index.html",
        "actors.html",
        "actor.html",
        "incidents.html",
        "incident.html",
        "articles.html",
        "article.html",
        "excerpts.html",
        "excerpt.html",
        "tags.html",
        "tag.html",
        "timeline.html",
        "graph.html",
        "search.html",
        "page.html",
        "404.html",
        "section.html",
        "book.html",
    ];
    assert_eq!(
        first_of.len(),
        templates.len(),
        "a page of every template: {:?}",
        first_of.keys()
    );
    let mut problems = Vec::new();
    for template in templates {
        let ctx = first_of[template];
        let heading = format!("### {template}");
        // search.html and 404.html have no variables of their own.
        let own = if matches!(template, "search.html" | "404.html") {
            BTreeSet::new()
        } else {
            table_names(&doc, &heading)
        };
        for name in every_page.iter().chain(&own) {
            if !ctx.contains_key(name) {
                problems.push(format!("{template}: `{name}` is documented but not given"));
            }
        }
        for name in variables(ctx) {
            if !every_page.contains(&name) && !own.contains(&name) {
                problems.push(format!("{template}: `{name}` is given but not documented"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The names of a context's variables (Tera dumps a context as `__tera_context`).
fn variables(ctx: &tera::Context) -> BTreeSet<String> {
    let mut t = tera::Tera::new();
    t.add_raw_template("keys", "{% for k, v in __tera_context %}{{ k }}\n{% endfor %}")
        .unwrap();
    t.render("keys", ctx).unwrap().lines().map(str::to_string).collect()
}

/// The shared shapes have exactly the documented fields.
#[test]
fn the_shared_shapes_have_exactly_the_documented_fields() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates.md")).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
    let (checked, _) = dossier::check_dossier(&fixture).unwrap();
    let checked = checked.unwrap();
    let (model, index) = (&checked.model, &checked.index);
    let shared = dossier::render::site::Shared::new(model);
    let site = dossier::render::site::Site {
        model,
        index,
        shared: &shared,
    };
    let contexts = dossier::render::contexts(model, index);
    let (_, _, home) = contexts.iter().find(|(p, _, _)| p == "index.html").unwrap();
    let backlinked = model
        .actors
        .iter()
        .find(|a| !site.backlinks(&a.id).is_empty())
        .expect("an actor with backlinks");
    let shapes = [
        ("#### ActorRef", json(&site.actor_ref(0))),
        ("#### IncidentRef", json(&site.incident_ref(0))),
        ("#### ArticleRef", json(&site.article_ref(0))),
        ("#### ExcerptRef", json(&site.excerpt_ref(0))),
        ("#### Backlink", json(&site.backlinks(&backlinked.id)[0])),
        ("#### TagLink", json(&site.tag_links(&model.articles[0].tags)[0])),
        ("### Site", json(home.get("site").unwrap())),
        ("### Urls", json(home.get("urls").unwrap())),
    ];
    let mut problems = Vec::new();
    for (heading, value) in shapes {
        let documented = if heading == "### Urls" {
            // Listed in prose, not in a table.
            [
                "home",
                "actors",
                "incidents",
                "articles",
                "excerpts",
                "timeline",
                "graph",
                "search",
                "tags",
                "book",
            ]
            .map(String::from)
            .into_iter()
            .collect()
        } else {
            table_names(&doc, heading)
        };
        let given = keys(&value);
        if documented != given {
            problems.push(format!("{heading}: documented {documented:?}, given {given:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
