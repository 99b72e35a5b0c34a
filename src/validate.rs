//! Validate: raw records in, the model out, with every problem found on the way.
//!
//! Two steps, as in ripgrep's raw → validated shape. First each file is checked on its own (in
//! parallel): its fields against the format's schema (unknown fields are errors with a
//! did-you-mean), its values (dates, kinds, grades, URLs), and, for an article, every excerpt
//! anchored in its text. Then the dossier is checked as a whole: ids are unique across the one
//! namespace, and every reference (speaker, actors, incidents, roles, relations, sources,
//! `responds_to`, `[[wikilinks]]`) names something that exists, with a did-you-mean when not.
//! This module is pure: it reads `RawDossier` and returns `(Option<Dossier>, Diagnostics)`.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::anchor::{AnchorError, ArticleText, Candidate, Selector};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::{MarkdownFile, RawDossier, YamlFile};
use crate::model::*;
use crate::quotes::{Coverage, QuotationMarks};
use crate::source::Source;
use crate::wikilink;
use crate::yaml::{Key, Node, Value};

/// Validate a loaded dossier. The model is returned only when there is no error.
pub fn validate(raw: &RawDossier) -> (Option<Dossier>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let config = validate_config(raw.config.as_ref(), &mut diags);

    let actors: Vec<(Option<Actor>, Diagnostics)> = raw
        .actors
        .par_iter()
        .map(|f| with_diags(|d| validate_actor(f, &config, d)))
        .collect();
    let incidents: Vec<(Option<Incident>, Diagnostics)> = raw
        .incidents
        .par_iter()
        .map(|f| with_diags(|d| validate_incident(f, &config, d)))
        .collect();
    let articles: Vec<(Option<ArticleWithExcerpts>, Diagnostics)> = raw
        .articles
        .par_iter()
        .map(|f| with_diags(|d| validate_article(f, raw.annotations.get(&f.pair_key), &config, d)))
        .collect();
    let pages: Vec<(Option<Page>, Diagnostics)> = raw
        .pages
        .par_iter()
        .map(|f| with_diags(|d| validate_page(f, d)))
        .collect();

    let article_keys: std::collections::HashSet<&str> = raw.articles.iter().map(|a| a.pair_key.as_str()).collect();
    for (key, file) in &raw.annotations {
        if !article_keys.contains(key.as_str()) {
            let expected = format!("{}.md", file.stem);
            diags.push(
                Diagnostic::error(
                    "orphan-annotations",
                    &file.source,
                    0..0,
                    "annotations without an article",
                )
                .label(format!("expected an article `{expected}` beside this file"))
                .suggest(did_you_mean(&file.stem, raw.articles.iter().map(|a| a.stem.as_str()))),
            );
        }
    }

    let mut model = Dossier {
        config,
        articles: Vec::new(),
        excerpts: Vec::new(),
        actors: Vec::new(),
        incidents: Vec::new(),
        pages: Vec::new(),
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
    let mut article_list = Vec::new();
    for (a, d) in articles {
        diags.extend(d);
        article_list.extend(a);
    }
    model.actors.sort_by(|a, b| a.id.cmp(&b.id));
    model.incidents.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    model.pages.sort_by(|a, b| a.id.cmp(&b.id));
    article_list.sort_by(|a, b| (a.0.published, &a.0.id).cmp(&(b.0.published, &b.0.id)));
    // Excerpts whose quote failed to anchor still exist: a reference to one is not a second
    // error (the quote error says what is wrong), though the model is not handed on.
    let mut unanchored: Vec<String> = Vec::new();
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

    // Files that exist but failed validation still name their ids, so references to them are
    // not reported a second time as unknown.
    let mut broken: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    broken.extend(raw.actors.iter().map(|f| f.stem.clone()));
    broken.extend(raw.incidents.iter().map(|f| f.stem.clone()));
    broken.extend(raw.articles.iter().map(|f| f.stem.clone()));
    broken.extend(raw.pages.iter().map(|f| f.stem.clone()));
    broken.extend(unanchored);
    for (key, file) in &raw.annotations {
        if file.root.is_none()
            || !model
                .articles
                .iter()
                .any(|a| a.source.path.strip_suffix(".md").is_some_and(|p| key.ends_with(p)))
        {
            broken.extend(excerpt_ids_in(file));
        }
    }
    let dangling = check_whole(&model, &broken, &mut diags);
    diags.sort();
    // A reference to a file that failed to load is not reported again, but the model it would
    // leave dangling is never handed on.
    if diags.error_count() > 0 || dangling {
        (None, diags)
    } else {
        (Some(model), diags)
    }
}

/// An article, its anchored excerpts, before they are numbered into the dossier, and the ids
/// of its excerpts whose quotes could not be anchored.
type ArticleWithExcerpts = (Article, Vec<Excerpt>, Vec<String>);

fn with_diags<T>(f: impl FnOnce(&mut Diagnostics) -> Option<T>) -> (Option<T>, Diagnostics) {
    let mut d = Diagnostics::default();
    let v = f(&mut d);
    (v, d)
}

// ---------------------------------------------------------------------------------------------
// Field access helpers.

/// A mapping being validated: checks its keys once, then hands out fields.
struct Obj<'a> {
    source: &'a Arc<Source>,
    node: &'a Node,
    entries: &'a [(Key, Node)],
    what: &'static str,
}

impl<'a> Obj<'a> {
    /// Check that `node` is a mapping with only `allowed` keys (each at most once).
    fn new(
        source: &'a Arc<Source>,
        node: &'a Node,
        what: &'static str,
        allowed: &[&str],
        diags: &mut Diagnostics,
    ) -> Option<Obj<'a>> {
        let Value::Map(entries) = &node.value else {
            diags.push(
                Diagnostic::error(
                    "wrong-type",
                    source,
                    node.span.clone(),
                    format!("{what} must be a mapping of fields"),
                )
                .label(format!("expected `field: value` lines, found {}", node.kind())),
            );
            return None;
        };
        let mut seen: HashMap<&str, &Key> = HashMap::new();
        for (key, _) in entries {
            if !allowed.contains(&key.name.as_str()) {
                diags.push(
                    Diagnostic::error(
                        "unknown-field",
                        source,
                        key.span.clone(),
                        format!("unknown field `{}` in {what}", key.name),
                    )
                    .label(format!("expected one of: {}", allowed.join(", ")))
                    .suggest(did_you_mean(&key.name, allowed.iter().copied())),
                );
            } else if let Some(first) = seen.insert(key.name.as_str(), key) {
                let (line, _) = source.line_col(first.span.start);
                diags.push(
                    Diagnostic::error(
                        "duplicate-field",
                        source,
                        key.span.clone(),
                        format!("field `{}` is given twice", key.name),
                    )
                    .label(format!("already given on line {line}")),
                );
            }
        }
        Some(Obj {
            source,
            node,
            entries,
            what,
        })
    }

    fn get(&self, name: &str) -> Option<&'a Node> {
        self.entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v)
    }

    fn required(&self, name: &str, diags: &mut Diagnostics) -> Option<&'a Node> {
        let v = self.get(name);
        if v.is_none() || matches!(v, Some(Node { value: Value::Null, .. })) {
            let span = self
                .entries
                .first()
                .map_or(self.node.span.clone(), |(k, _)| k.span.clone());
            diags.push(
                Diagnostic::error(
                    "missing-field",
                    self.source,
                    span,
                    format!("{} has no `{name}:`", self.what),
                )
                .label(format!("`{name}` is required")),
            );
            return None;
        }
        v
    }

    fn loc(&self, node: &Node) -> Loc {
        Loc {
            source: self.source.clone(),
            span: node.span.clone(),
        }
    }

    fn string(&self, name: &str, required: bool, diags: &mut Diagnostics) -> Option<String> {
        let node = if required {
            self.required(name, diags)?
        } else {
            self.get(name)?
        };
        as_string(self.source, node, name, diags)
    }

    fn markdown(&self, name: &str, diags: &mut Diagnostics) -> Option<Markdown> {
        let node = self.get(name)?;
        let text = as_string(self.source, node, name, diags)?;
        Some(Markdown {
            text,
            loc: self.loc(node),
        })
    }

    fn date(&self, name: &str, required: bool, diags: &mut Diagnostics) -> Option<Date> {
        let node = if required {
            self.required(name, diags)?
        } else {
            self.get(name)?
        };
        as_date(self.source, node, diags)
    }

    fn one_of(&self, name: &str, allowed: &[String], required: bool, diags: &mut Diagnostics) -> Option<String> {
        let node = if required {
            self.required(name, diags)?
        } else {
            self.get(name)?
        };
        let value = as_string(self.source, node, name, diags)?;
        if allowed.contains(&value) {
            Some(value)
        } else {
            diags.push(
                Diagnostic::error(
                    "unknown-value",
                    self.source,
                    node.span.clone(),
                    format!("`{value}` is not a known {name}"),
                )
                .label(format!("expected one of: {}", allowed.join(", ")))
                .suggest(did_you_mean(&value, allowed.iter().map(String::as_str))),
            );
            None
        }
    }

    fn reference(&self, name: &str, required: bool, diags: &mut Diagnostics) -> Option<Ref> {
        let node = if required {
            self.required(name, diags)?
        } else {
            self.get(name)?
        };
        as_ref(self.source, node, diags)
    }

    /// A list of references; a single id is accepted as a list of one.
    fn references(&self, name: &str, diags: &mut Diagnostics) -> Vec<Ref> {
        let Some(node) = self.get(name) else { return Vec::new() };
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(|n| as_ref(self.source, n, diags)).collect(),
            Value::Null => Vec::new(),
            _ => as_ref(self.source, node, diags).into_iter().collect(),
        }
    }

    /// Tags: ids, as a list or a single value.
    fn tags(&self, diags: &mut Diagnostics) -> Vec<String> {
        let mut tags: Vec<String> = self.references("tags", diags).into_iter().map(|r| r.id).collect();
        tags.sort();
        tags.dedup();
        tags
    }

    fn strings(&self, name: &str, diags: &mut Diagnostics) -> Vec<String> {
        let Some(node) = self.get(name) else { return Vec::new() };
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|n| as_string(self.source, n, name, diags))
                .collect(),
            Value::Null => Vec::new(),
            _ => as_string(self.source, node, name, diags).into_iter().collect(),
        }
    }

    fn list(&self, name: &str, diags: &mut Diagnostics) -> &'a [Node] {
        let Some(node) = self.get(name) else { return &[] };
        match &node.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            _ => {
                diags.push(
                    Diagnostic::error(
                        "wrong-type",
                        self.source,
                        node.span.clone(),
                        format!("`{name}` must be a list"),
                    )
                    .label(format!(
                        "expected a list (lines starting with `- `), found {}",
                        node.kind()
                    )),
                );
                &[]
            }
        }
    }

    fn url(&self, name: &str, diags: &mut Diagnostics) -> Option<String> {
        let node = self.get(name)?;
        let value = as_string(self.source, node, name, diags)?;
        check_url(self.source, node, value, diags)
    }

    fn integer(&self, name: &str, range: std::ops::RangeInclusive<u64>, diags: &mut Diagnostics) -> Option<u64> {
        let node = self.get(name)?;
        let parsed = match &node.value {
            Value::Number(n) => n.parse::<u64>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                diags.push(
                    Diagnostic::error(
                        "wrong-type",
                        self.source,
                        node.span.clone(),
                        format!(
                            "`{name}` must be a whole number from {} to {}",
                            range.start(),
                            range.end()
                        ),
                    )
                    .label(format!("found {}", describe(node))),
                );
                None
            }
        }
    }
}

fn describe(node: &Node) -> String {
    match node.scalar_text() {
        Some(t) => format!("`{t}`"),
        None => node.kind().to_string(),
    }
}

fn as_string(source: &Arc<Source>, node: &Node, name: &str, diags: &mut Diagnostics) -> Option<String> {
    match &node.value {
        Value::Str(s) | Value::Number(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        _ => {
            diags.push(
                Diagnostic::error(
                    "wrong-type",
                    source,
                    node.span.clone(),
                    format!("`{name}` must be text"),
                )
                .label(format!("expected text, found {}", node.kind())),
            );
            None
        }
    }
}

fn as_date(source: &Arc<Source>, node: &Node, diags: &mut Diagnostics) -> Option<Date> {
    let text = match node.scalar_text() {
        Some(t) => t.trim().to_string(),
        None => {
            diags.push(
                Diagnostic::error(
                    "bad-date",
                    source,
                    node.span.clone(),
                    "a date must be YYYY-MM-DD, YYYY-MM or YYYY",
                )
                .label(format!("found {}", node.kind())),
            );
            return None;
        }
    };
    match Date::parse(&text) {
        Ok(d) => Some(d),
        Err(why) => {
            diags.push(
                Diagnostic::error(
                    "bad-date",
                    source,
                    node.span.clone(),
                    format!("`{text}` is not a valid date"),
                )
                .label(why)
                .help("write dates as YYYY-MM-DD, or YYYY-MM / YYYY when the source is no more precise"),
            );
            None
        }
    }
}

fn as_ref(source: &Arc<Source>, node: &Node, diags: &mut Diagnostics) -> Option<Ref> {
    let id = as_string(source, node, "id", diags)?;
    if !is_valid_id(&id) {
        diags.push(
            Diagnostic::error("bad-id", source, node.span.clone(), format!("`{id}` is not a valid id"))
                .label("ids are lowercase letters, digits and single hyphens, at most 80 bytes")
                .help(format!("the nearest valid id is `{}`", slugify(&id))),
        );
        return None;
    }
    Some(Ref {
        id,
        loc: Loc {
            source: source.clone(),
            span: node.span.clone(),
        },
    })
}

fn check_url(source: &Arc<Source>, node: &Node, value: String, diags: &mut Diagnostics) -> Option<String> {
    let lower = value.trim().to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && lower.len() > "https://".len()
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Some(value.trim().to_string())
    } else {
        diags.push(
            Diagnostic::error(
                "bad-url",
                source,
                node.span.clone(),
                format!("`{value}` is not an http(s) URL"),
            )
            .label("expected an absolute URL starting with https:// or http://"),
        );
        None
    }
}

fn check_file_id(source: &Arc<Source>, stem: &str, diags: &mut Diagnostics) -> bool {
    if is_valid_id(stem) {
        return true;
    }
    diags.push(
        Diagnostic::error(
            "bad-id",
            source,
            0..0,
            format!("the file name `{stem}` is not a valid id"),
        )
        .label("ids are lowercase letters, digits and single hyphens, at most 80 bytes")
        .help(format!(
            "rename the file to `{}`",
            source.path.replace(stem, &slugify(stem))
        )),
    );
    false
}

// ---------------------------------------------------------------------------------------------
// Files.

fn validate_config(file: Option<&YamlFile>, diags: &mut Diagnostics) -> Config {
    let mut config = Config {
        title: String::from("Untitled dossier"),
        description: None,
        language: "en".into(),
        base_url: None,
        theme: None,
        mentions: Mentions::First,
        pretty_urls: false,
        trust_html: false,
        stances: STANCES.iter().map(|s| s.to_string()).collect(),
        relation_types: RELATION_TYPES.iter().map(|s| s.to_string()).collect(),
        incident_kinds: INCIDENT_KINDS.iter().map(|s| s.to_string()).collect(),
    };
    let Some(file) = file else { return config };
    let Some(root) = &file.root else { return config };
    let allowed = [
        "title",
        "description",
        "language",
        "base_url",
        "theme",
        "mentions",
        "pretty_urls",
        "trust_html",
        "max_file_size_mb",
        "stances",
        "relation_types",
        "incident_kinds",
    ];
    let Some(obj) = Obj::new(&file.source, root, "dossier.yaml", &allowed, diags) else {
        return config;
    };
    if let Some(t) = obj.string("title", true, diags) {
        config.title = t;
    }
    config.description = obj.markdown("description", diags);
    if let Some(l) = obj.string("language", false, diags) {
        config.language = l;
    }
    if let Some(node) = obj.get("base_url")
        && let Some(v) = as_string(&file.source, node, "base_url", diags)
        && let Some(mut u) = check_url(&file.source, node, v, diags)
    {
        if !u.ends_with('/') {
            u.push('/');
        }
        config.base_url = Some(u);
    }
    config.theme = obj.string("theme", false, diags);
    let modes = ["first", "all", "none"].map(String::from);
    if let Some(m) = obj.one_of("mentions", &modes, false, diags) {
        config.mentions = match m.as_str() {
            "all" => Mentions::All,
            "none" => Mentions::None,
            _ => Mentions::First,
        };
    }
    for (field, flag) in [
        ("pretty_urls", &mut config.pretty_urls),
        ("trust_html", &mut config.trust_html),
    ] {
        if let Some(node) = obj.get(field) {
            match node.value {
                Value::Bool(b) => *flag = b,
                _ => diags.push(
                    Diagnostic::error(
                        "wrong-type",
                        &file.source,
                        node.span.clone(),
                        format!("`{field}` must be true or false"),
                    )
                    .label(format!("found {}", describe(node))),
                ),
            }
        }
    }
    // Used by `load`, which reads it before validation because it governs reading; checked here.
    if let Some(node) = obj.get("max_file_size_mb")
        && !matches!(&node.value, Value::Number(n) if n.parse::<u64>().is_ok_and(|n| (1..=4096).contains(&n)))
    {
        diags.push(
            Diagnostic::error(
                "wrong-type",
                &file.source,
                node.span.clone(),
                "`max_file_size_mb` must be a whole number from 1 to 4096",
            )
            .label(format!("found {}", describe(node))),
        );
    }
    for (field, list) in [
        ("stances", &mut config.stances),
        ("relation_types", &mut config.relation_types),
        ("incident_kinds", &mut config.incident_kinds),
    ] {
        for r in obj.references(field, diags) {
            if !list.contains(&r.id) {
                list.push(r.id);
            }
        }
    }
    config
}

fn validate_actor(file: &YamlFile, config: &Config, diags: &mut Diagnostics) -> Option<Actor> {
    let root = file.root.as_ref()?;
    let ok_id = check_file_id(&file.source, &file.stem, diags);
    let allowed = [
        "name",
        "kind",
        "aliases",
        "country",
        "summary",
        "roles",
        "relations",
        "links",
    ];
    let obj = Obj::new(&file.source, root, "an actor", &allowed, diags)?;
    let kinds: Vec<String> = ACTOR_KINDS.iter().map(|s| s.to_string()).collect();
    let name = obj.string("name", true, diags);
    let kind = obj.one_of("kind", &kinds, true, diags);
    let aliases = obj.strings("aliases", diags);
    let country = obj.reference("country", false, diags);
    let summary = obj.markdown("summary", diags);

    let mut roles = Vec::new();
    for node in obj.list("roles", diags) {
        let Some(r) = Obj::new(
            &file.source,
            node,
            "a role",
            &["title", "of", "from", "to", "sources"],
            diags,
        ) else {
            continue;
        };
        let title = r.string("title", true, diags);
        let role = Role {
            title: title.unwrap_or_default(),
            of: r.reference("of", false, diags),
            from: r.date("from", false, diags),
            to: r.date("to", false, diags),
            sources: r.references("sources", diags),
        };
        check_order(&file.source, node, role.from, role.to, diags);
        roles.push(role);
    }
    let mut relations = Vec::new();
    for node in obj.list("relations", diags) {
        let Some(r) = Obj::new(
            &file.source,
            node,
            "a relation",
            &["type", "actor", "from", "to", "sources", "note"],
            diags,
        ) else {
            continue;
        };
        let kind = r.one_of("type", &config.relation_types, true, diags);
        let actor = r.reference("actor", true, diags);
        let rel = (kind, actor);
        let from = r.date("from", false, diags);
        let to = r.date("to", false, diags);
        check_order(&file.source, node, from, to, diags);
        let sources = r.references("sources", diags);
        let note = r.markdown("note", diags);
        if let (Some(kind), Some(actor)) = rel {
            relations.push(Relation {
                kind,
                actor,
                from,
                to,
                sources,
                note,
            });
        }
    }
    let mut links = Vec::new();
    for node in obj.list("links", diags) {
        let Some(l) = Obj::new(&file.source, node, "a link", &["title", "url"], diags) else {
            continue;
        };
        let title = l.string("title", true, diags);
        let url = l.required("url", diags).and_then(|_| l.url("url", diags));
        if let (Some(title), Some(url)) = (title, url) {
            links.push(Link { title, url });
        }
    }
    if !ok_id {
        return None;
    }
    Some(Actor {
        id: file.stem.clone(),
        loc: Loc {
            source: file.source.clone(),
            span: 0..0,
        },
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

fn validate_incident(file: &YamlFile, config: &Config, diags: &mut Diagnostics) -> Option<Incident> {
    let root = file.root.as_ref()?;
    let ok_id = check_file_id(&file.source, &file.stem, diags);
    let allowed = [
        "title",
        "kind",
        "date",
        "end",
        "location",
        "casualties",
        "perpetrators",
        "targets",
        "actors",
        "related",
        "summary",
    ];
    let obj = Obj::new(&file.source, root, "an incident", &allowed, diags)?;
    let title = obj.string("title", true, diags);
    let kind = obj.one_of("kind", &config.incident_kinds, true, diags);
    let date = obj.date("date", true, diags);
    let end = obj.date("end", false, diags);
    if let (Some(d), Some(e), Some(node)) = (date, end, obj.get("end"))
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
    let location = obj.string("location", false, diags);
    let mut casualties = Vec::new();
    for node in obj.list("casualties", diags) {
        let Some(c) = Obj::new(
            &file.source,
            node,
            "a casualty figure",
            &["killed", "injured", "note", "sources"],
            diags,
        ) else {
            continue;
        };
        let killed = c.integer("killed", 0..=10_000_000, diags);
        let injured = c.integer("injured", 0..=10_000_000, diags);
        if c.get("killed").is_none() && c.get("injured").is_none() {
            diags.push(
                Diagnostic::error(
                    "missing-field",
                    &file.source,
                    node.span.clone(),
                    "a casualty figure needs `killed:` or `injured:`",
                )
                .label("neither is given"),
            );
        }
        casualties.push(Casualty {
            killed,
            injured,
            note: c.string("note", false, diags),
            sources: c.references("sources", diags),
        });
    }
    let mut perpetrators = Vec::new();
    let statuses: Vec<String> = ATTRIBUTION.iter().map(|s| s.to_string()).collect();
    for node in obj.list("perpetrators", diags) {
        // An actor id alone, or a mapping with the attribution's state and sources.
        if node.scalar_text().is_some() {
            if let Some(actor) = as_ref(&file.source, node, diags) {
                perpetrators.push(Perpetrator {
                    actor,
                    status: None,
                    sources: Vec::new(),
                });
            }
            continue;
        }
        let Some(p) = Obj::new(
            &file.source,
            node,
            "a perpetrator",
            &["actor", "status", "sources"],
            diags,
        ) else {
            continue;
        };
        let actor = p.reference("actor", true, diags);
        let status = p.one_of("status", &statuses, false, diags);
        let sources = p.references("sources", diags);
        if let Some(actor) = actor {
            perpetrators.push(Perpetrator { actor, status, sources });
        }
    }
    let targets = obj.references("targets", diags);
    let actors = obj.references("actors", diags);
    let related = obj.references("related", diags);
    let summary = obj.markdown("summary", diags);
    if !ok_id {
        return None;
    }
    Some(Incident {
        id: file.stem.clone(),
        loc: Loc {
            source: file.source.clone(),
            span: 0..0,
        },
        title: title?,
        kind: kind?,
        date: date?,
        end,
        location,
        casualties,
        perpetrators,
        targets,
        actors,
        related,
        summary,
    })
}

fn validate_page(file: &MarkdownFile, diags: &mut Diagnostics) -> Option<Page> {
    let front = file.front.as_ref()?;
    let ok_id = check_file_id(&file.source, &file.stem, diags);
    let obj = Obj::new(&file.source, front, "a page's front matter", &["title"], diags)?;
    let title = obj.string("title", true, diags)?;
    if !ok_id {
        return None;
    }
    Some(Page {
        id: file.stem.clone(),
        title,
        source: file.source.clone(),
        body: Markdown {
            text: file.source.text[file.body_start..].to_string(),
            loc: Loc {
                source: file.source.clone(),
                span: file.body_start..file.source.text.len(),
            },
        },
    })
}

fn validate_article(
    file: &MarkdownFile,
    annotations: Option<&YamlFile>,
    config: &Config,
    diags: &mut Diagnostics,
) -> Option<ArticleWithExcerpts> {
    let front = file.front.as_ref()?;
    let ok_id = check_file_id(&file.source, &file.stem, diags);
    let allowed = [
        "title",
        "outlet",
        "published",
        "author",
        "url",
        "retrieved",
        "reliability",
        "summary",
        "tags",
        "note",
    ];
    let obj = Obj::new(&file.source, front, "an article's front matter", &allowed, diags)?;
    let title = obj.string("title", true, diags);
    let outlet = obj.string("outlet", true, diags);
    let published = obj.date("published", true, diags);
    let author = obj.string("author", false, diags);
    let url = obj.url("url", diags);
    let retrieved = obj.date("retrieved", false, diags);
    let grades: Vec<String> = ["A", "B", "C", "D", "E", "F"].map(String::from).to_vec();
    let reliability = obj
        .one_of("reliability", &grades, false, diags)
        .and_then(|g| g.chars().next());
    let summary = obj.markdown("summary", diags);
    let tags = obj.tags(diags);
    let note = obj.markdown("note", diags);

    let mut excerpts = Vec::new();
    let mut unanchored = Vec::new();
    if let Some(annotations) = annotations {
        let text = ArticleText::new(&file.source.text[file.body_start..]);
        let body_line = file.source.line_col(file.body_start).0 - 1;
        (excerpts, unanchored) = validate_excerpts(annotations, &text, body_line, &file.source, config, diags);
    }
    if !ok_id {
        return None;
    }
    Some((
        Article {
            id: file.stem.clone(),
            source: file.source.clone(),
            body_start: file.body_start,
            title: title?,
            outlet: outlet?,
            published: published?,
            author,
            url,
            retrieved,
            reliability,
            summary,
            tags,
            note,
            excerpts: Vec::new(),
            annotated: annotations.is_some(),
        },
        excerpts,
        unanchored,
    ))
}

fn validate_excerpts(
    file: &YamlFile,
    text: &ArticleText,
    body_line: usize,
    article: &Arc<Source>,
    config: &Config,
    diags: &mut Diagnostics,
) -> (Vec<Excerpt>, Vec<String>) {
    let Some(root) = &file.root else {
        return Default::default();
    };
    if matches!(root.value, Value::Null) {
        return Default::default();
    }
    let Some(obj) = Obj::new(&file.source, root, "an annotations file", &["excerpts"], diags) else {
        return Default::default();
    };
    let allowed = [
        "quote",
        "prefix",
        "suffix",
        "id",
        "speaker",
        "form",
        "via",
        "stance",
        "actors",
        "incidents",
        "tags",
        "credibility",
        "said_on",
        "responds_to",
        "occurrence",
        "note",
    ];
    let mut out = Vec::new();
    let mut unanchored = Vec::new();
    // Read once, on the first excerpt that anchors.
    let mut marks: Option<QuotationMarks> = None;
    for node in obj.list("excerpts", diags) {
        let Some(e) = Obj::new(&file.source, node, "an excerpt", &allowed, diags) else {
            continue;
        };
        let Some(quote_node) = e.required("quote", diags) else {
            continue;
        };
        let Some(quote) = as_string(&file.source, quote_node, "quote", diags) else {
            continue;
        };
        let prefix = e.string("prefix", false, diags);
        let suffix = e.string("suffix", false, diags);
        let occurrence = e.integer("occurrence", 1..=1_000_000, diags).map(|n| n as usize);
        let id = match e.get("id") {
            Some(n) => as_ref(&file.source, n, diags).map(|r| r.id),
            None => Some(default_excerpt_id(&quote)),
        };
        let speaker = e.reference("speaker", false, diags);
        let via = e.reference("via", false, diags);
        let forms: Vec<String> = FORMS.iter().map(|f| f.to_string()).collect();
        let form = e.one_of("form", &forms, false, diags).and_then(|f| Form::parse(&f));
        let stance = e.one_of("stance", &config.stances, false, diags);
        let actors = e.references("actors", diags);
        let incidents = e.references("incidents", diags);
        let tags = e.tags(diags);
        let credibility = e.integer("credibility", 1..=6, diags).map(|n| n as u8);
        let said_on = e.date("said_on", false, diags);
        let responds_to = e.references("responds_to", diags);
        let note = e.markdown("note", diags);

        let selector = Selector {
            quote: &quote,
            prefix: prefix.as_deref(),
            suffix: suffix.as_deref(),
            occurrence,
        };
        let range = match text.anchor(&selector) {
            Ok(r) => r,
            Err(err) => {
                let mut d = anchor_diagnostic(&file.source, quote_node.span.clone(), article, body_line, &quote, err);
                if let Some(id) = &id {
                    if e.get("id").is_none() && d.code == "quote-not-found" {
                        d = d.help(format!(
                            "this excerpt has no `id:`, so its id (`{id}`) is made from the quote's first words and changes with them; an explicit `id:` keeps links to the excerpt working while its quote is corrected"
                        ));
                    }
                    // The excerpt still exists: references to it are not reported again.
                    unanchored.push(id.clone());
                }
                diags.push(d);
                continue;
            }
        };
        let line = body_line + text.source_line(range.start);
        let Some(id) = id else { continue };
        let marks = marks.get_or_insert_with(|| {
            let rendered = text.rendered();
            QuotationMarks::new(&rendered.text, &rendered.block_ends)
        });
        let coverage = marks.coverage(&text.rendered().text, range.clone());
        let quoted = matches!(coverage, Coverage::Inside | Coverage::Bridged { .. });
        let form = check_form(
            &e,
            Attribution {
                speaker: speaker.as_ref(),
                via: via.as_ref(),
                form,
            },
            Passage {
                article,
                body_line,
                text,
                marks,
                range: range.clone(),
                coverage,
            },
            quote_node,
            diags,
        );
        out.push(Excerpt {
            id,
            article: 0,
            quote,
            range,
            line,
            speaker,
            form,
            via,
            quoted,
            stance,
            actors,
            incidents,
            tags,
            credibility,
            said_on,
            responds_to,
            note,
            loc: Loc {
                source: file.source.clone(),
                span: quote_node.span.clone(),
            },
        });
    }
    (out, unanchored)
}

/// Whom an excerpt attributes its passage to, as written.
struct Attribution<'r> {
    speaker: Option<&'r Ref>,
    via: Option<&'r Ref>,
    form: Option<Form>,
}

/// An anchored passage and how much of it lies inside quotation marks.
struct Passage<'t> {
    article: &'t Arc<Source>,
    body_line: usize,
    text: &'t ArticleText,
    marks: &'t QuotationMarks,
    range: Range<usize>,
    coverage: Coverage,
}

impl Passage<'_> {
    /// `path:line` of a rendered-text offset in the article.
    fn at(&self, offset: usize) -> String {
        format!(
            "{}:{}",
            self.article.path,
            self.body_line + self.text.source_line(offset)
        )
    }

    /// A short, display-ready piece of the rendered text.
    fn words(&self, range: Range<usize>) -> String {
        let text = self.text.rendered().text.get(range).unwrap_or("");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() > 60 {
            format!("{}…", text.chars().take(60).collect::<String>())
        } else {
            text
        }
    }
}

/// Checks an excerpt's `speaker`, `form` and `via` against each other and its passage
/// against the article's quotation marks; returns the form it is shown with. An excerpt with
/// a speaker and no form is shown as reported speech, never as a direct quote.
fn check_form(e: &Obj, who: Attribution, passage: Passage, quote_node: &Node, diags: &mut Diagnostics) -> Form {
    let source = e.source;
    let span_of = |name: &str| e.get(name).map_or(quote_node.span.clone(), |n| n.span.clone());
    if let (Some(speaker), Some(via)) = (who.speaker, who.via)
        && speaker.id == via.id
    {
        diags.push(
            Diagnostic::error(
                "via-is-speaker",
                source,
                span_of("via"),
                "`via:` names the speaker itself",
            )
            .label("expected the actor who relayed the speaker's statement")
            .help("remove `via:` when the statement is known from the speaker directly"),
        );
    }
    // Presence, not validity: a malformed id has its own error already.
    let has_speaker = e.get("speaker").is_some();
    let quoted = passage.coverage == Coverage::Inside;
    let form = match who.form {
        Some(Form::Own) => {
            for field in ["speaker", "via"] {
                if e.get(field).is_some() {
                    diags.push(
                        Diagnostic::error(
                            "own-with-speaker",
                            source,
                            span_of(field),
                            format!("an excerpt in the outlet's own words (`form: own`) has no `{field}:`"),
                        )
                        .label("`form: own` is a statement of the outlet, not of an actor")
                        .help("for the outlet's report of what the speaker said or did, use `form: reported`; otherwise remove this field"),
                    );
                }
            }
            Form::Own
        }
        Some(form) => {
            if !has_speaker {
                diags.push(
                    Diagnostic::error(
                        "speaker-required",
                        source,
                        span_of("form"),
                        format!("`form: {}` needs a `speaker:`", form.as_str()),
                    )
                    .label("whose statement does this passage carry?")
                    .help("name the actor with `speaker:`, or use `form: own` for the outlet's own words"),
                );
            }
            form
        }
        None if has_speaker => {
            let guess = if quoted {
                "it lies inside quotation marks in the article: if these are the speaker's own words, `form: direct`"
            } else {
                "it is not inside quotation marks in the article: probably `form: reported`"
            };
            diags.push(
                Diagnostic::warning(
                    "missing-form",
                    source,
                    quote_node.span.clone(),
                    "this excerpt has a speaker but no `form:`",
                )
                .label("say whether the passage is the speaker's own words or reported speech")
                .help(format!(
                    "{guess}; until it says, the site shows it as reported speech, never as a quote"
                )),
            );
            Form::Reported
        }
        None => Form::Own,
    };
    if !has_speaker && who.form != Some(Form::Own) && e.get("via").is_some() {
        diags.push(
            Diagnostic::error("speaker-required", source, span_of("via"), "`via:` needs a `speaker:`")
                .label("`via:` names who relayed the speaker's statement")
                .help("name the actor whose statement it is with `speaker:`"),
        );
    }
    match (&passage.coverage, form) {
        (Coverage::Inside | Coverage::Bridged { .. }, Form::Direct) => {
            let ids: Vec<&str> = [who.speaker, who.via]
                .into_iter()
                .flatten()
                .map(|r| r.id.as_str())
                .collect();
            let rendered = &passage.text.rendered().text;
            let attribution = passage
                .marks
                .attributions(rendered, passage.range.clone())
                .into_iter()
                .find_map(|a| {
                    rendered
                        .get(a.clone())
                        .and_then(|t| second_speaker(t, &ids))
                        .map(|n| (a, n))
                });
            if let Some((at, name)) = attribution {
                diags.push(
                    Diagnostic::warning(
                        "quote-attributed-to-another",
                        source,
                        quote_node.span.clone(),
                        format!("the article attributes this quotation to {name}, not to the speaker"),
                    )
                    .label("a direct quote is the speaker's own words")
                    .help(format!("{}: \"{}\"", passage.at(at.start), passage.words(at.clone())))
                    .help(format!("if {name} said it, correct `speaker:`; if the passage spans quotations of two people, split it into one excerpt per speaker")),
                );
            }
        }
        (Coverage::Outside | Coverage::Partly { .. }, Form::Direct) => {
            let (message, where_) = match &passage.coverage {
                Coverage::Partly { outside } => (
                    "part of this passage is not inside quotation marks",
                    format!(
                        "{}: these words are outside quotation marks: \"{}\"",
                        passage.at(outside.start),
                        passage.words(outside.clone())
                    ),
                ),
                _ => (
                    "this passage is not inside quotation marks",
                    format!(
                        "{}: the passage is the outlet's text, outside any quotation marks",
                        passage.at(passage.range.start)
                    ),
                ),
            };
            diags.push(
                Diagnostic::error("direct-outside-quotes", source, quote_node.span.clone(), format!("{message} in {}", passage.article.path))
                    .label("marked `form: direct`: the speaker's own words, which the article puts in quotation marks")
                    .help(where_)
                    .help("if these are the outlet's words reporting what the speaker said, use `form: reported`; if only part of the passage is quoted, shorten `quote:` to the words inside the marks"),
            );
        }
        (_, Form::Reported | Form::Own) if quoted && who.via.is_none() => {
            let (now, suggestion) = match (who.form, has_speaker) {
                (None, true) => return form,
                (Some(Form::Own) | None, _) => (
                    "it is given as the outlet's own words",
                    "if these are an actor's own words, give `speaker:` and `form: direct`",
                ),
                _ => (
                    "it is marked `form: reported`",
                    "if these are the speaker's own words, use `form: direct`; if someone relays them, name them with `via:`",
                ),
            };
            diags.push(
                Diagnostic::note(
                    "quoted-not-direct",
                    source,
                    quote_node.span.clone(),
                    format!("this passage lies inside quotation marks in {}", passage.article.path),
                )
                .label(now)
                .help(suggestion),
            );
        }
        _ => {}
    }
    form
}

/// Verbs that attribute speech, as in `…,” Palladino said. “…`.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "stated",
    "states",
    "tweeted",
    "wrote",
    "writes",
    "according",
    "insisted",
    "noted",
    "warned",
    "declared",
    "replied",
    "explained",
    "continued",
    "quoted",
];

/// Capitalised words that are not names.
const NOT_NAMES: &[&str] = &[
    "I", "He", "She", "They", "We", "It", "The", "A", "An", "His", "Her", "Their", "In", "On", "But", "And",
];

/// The name an attribution of a quotation gives, when it names someone and none of the names
/// is part of `ids` (the speaker's and the relay's ids): `”, Palladino said` for a quote of
/// Pompeo gives `Palladino`; `”, he said` and `”, Bolton said in a tweet` for a quote of
/// `john-bolton` give nothing. A guess from capitalised words, so only ever a warning.
fn second_speaker<'t>(gap: &'t str, ids: &[&str]) -> Option<&'t str> {
    let words: Vec<&str> = gap
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let verb = words
        .iter()
        .position(|w| SPEECH_VERBS.contains(&w.to_lowercase().as_str()))?;
    let is_name = |w: &str| w.len() > 1 && w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&w);
    // The subject: the capitalised words right before the verb ("Robert Palladino said"), or
    // right after it ("said Palladino"). A pronoun or a common noun ("he said", "the
    // statement said") names nobody.
    let before: Vec<&str> = words[..verb].iter().rev().take_while(|w| is_name(w)).copied().collect();
    let subject: Vec<&str> = if before.is_empty() {
        words[verb + 1..].iter().take_while(|w| is_name(w)).copied().collect()
    } else {
        before
    };
    let known = |w: &str| {
        let w = w.to_lowercase();
        ids.iter().any(|id| id.split('-').any(|part| part == w))
    };
    if subject.iter().any(|n| known(n)) {
        return None;
    }
    subject.first().copied()
}

/// The default id of an excerpt without `id:`: the first six words of its quote.
pub fn default_excerpt_id(quote: &str) -> String {
    let words: Vec<&str> = quote.split_whitespace().take(6).collect();
    slugify(&words.join(" "))
}

fn candidate_help(c: &Candidate, article: &Arc<Source>, body_line: usize) -> String {
    let line = body_line + c.line;
    match &c.shortest_prefix {
        Some(p) => format!(
            "{}:{line}: …{}… (pick it with `prefix: \"{}\"`)",
            article.path,
            c.context,
            p.replace('"', "\\\"")
        ),
        None => format!(
            "{}:{line}: …{}… (pick it with `occurrence: {}`)",
            article.path, c.context, c.occurrence
        ),
    }
}

fn anchor_diagnostic(
    source: &Arc<Source>,
    span: Range<usize>,
    article: &Arc<Source>,
    body_line: usize,
    quote: &str,
    err: AnchorError,
) -> Diagnostic {
    let short: String = if quote.chars().count() > 60 {
        format!("{}…", quote.chars().take(60).collect::<String>())
    } else {
        quote.to_string()
    };
    match err {
        AnchorError::EmptyQuote => Diagnostic::error("empty-quote", source, span, "the quote is empty")
            .label("expected the exact words of a passage of the article"),
        AnchorError::NotFound { closest } => {
            let d = Diagnostic::error("quote-not-found", source, span, format!("quote not found in {}", article.path))
                .label("this text does not occur in the article (matching is exact, apart from spaces, quote marks and dashes)");
            match closest {
                Some(p) => d.help(format!(
                    "the closest passage is at {}:{}: \"{}\"",
                    article.path,
                    body_line + p.line,
                    p.text
                )),
                None => d,
            }
        }
        AnchorError::Ambiguous { candidates } => {
            let lines: Vec<String> = candidates.iter().map(|c| (body_line + c.line).to_string()).collect();
            let mut d = Diagnostic::error(
                "ambiguous-quote",
                source,
                span,
                format!(
                    "the quote \"{short}\" occurs {} times in {}",
                    candidates.len(),
                    article.path
                ),
            )
            .label(format!(
                "matches on lines {}; add `prefix:`, `suffix:` or `occurrence:` to pick one",
                lines.join(", ")
            ));
            for c in &candidates {
                d = d.help(candidate_help(c, article, body_line));
            }
            d
        }
        AnchorError::NoneMatchSelector { matches } => {
            let mut d = Diagnostic::error(
                "selector-matches-nothing",
                source,
                span,
                "the quote occurs in the article, but never with this prefix/suffix",
            )
            .label("check `prefix:` and `suffix:` against the article text");
            for c in &matches {
                d = d.help(candidate_help(c, article, body_line));
            }
            d
        }
        AnchorError::StillAmbiguous { candidates } => {
            let mut d = Diagnostic::error(
                "ambiguous-quote",
                source,
                span,
                format!(
                    "with its prefix/suffix, the quote still matches {} places",
                    candidates.len()
                ),
            )
            .label("lengthen `prefix:` or `suffix:`, or add `occurrence:`");
            for c in &candidates {
                d = d.help(candidate_help(c, article, body_line));
            }
            d
        }
        AnchorError::OccurrenceOutOfRange { occurrence, matches } => Diagnostic::error(
            "occurrence-out-of-range",
            source,
            span,
            format!("`occurrence: {occurrence}` but the quote matches only {matches} time(s)"),
        )
        .label(format!("expected an occurrence from 1 to {matches}")),
    }
}

// ---------------------------------------------------------------------------------------------
// Whole-dossier checks: one namespace, references, wikilinks.

/// Every id of the dossier and what it names.
pub fn id_table(model: &Dossier) -> BTreeMap<&str, EntityKind> {
    // The same order as the duplicate-id check, first definition wins, so that a clash is
    // reported once and does not also make references to the id look like the wrong kind.
    let mut ids = BTreeMap::new();
    let entries = (model.actors.iter().map(|a| (a.id.as_str(), EntityKind::Actor)))
        .chain(model.incidents.iter().map(|i| (i.id.as_str(), EntityKind::Incident)))
        .chain(model.articles.iter().map(|a| (a.id.as_str(), EntityKind::Article)))
        .chain(model.pages.iter().map(|p| (p.id.as_str(), EntityKind::Page)))
        .chain(model.excerpts.iter().map(|e| (e.id.as_str(), EntityKind::Excerpt)));
    for (id, kind) in entries {
        ids.entry(id).or_insert(kind);
    }
    ids
}

/// Returns whether some reference points at an entity whose file failed to load (reported
/// there, not here).
fn check_whole(model: &Dossier, broken: &std::collections::BTreeSet<String>, diags: &mut Diagnostics) -> bool {
    let mut dangling = false;
    // One namespace: the first definition (in a fixed order) wins; each clash names both files.
    let mut seen: BTreeMap<String, (EntityKind, Loc)> = BTreeMap::new();
    let mut define = |id: &str, kind: EntityKind, loc: Loc, diags: &mut Diagnostics| {
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
            seen.insert(id.to_string(), (kind, loc));
        }
    };
    let file_loc = |source: &Arc<Source>| Loc {
        source: source.clone(),
        span: 0..0,
    };
    for a in &model.actors {
        define(&a.id, EntityKind::Actor, a.loc.clone(), diags);
    }
    for i in &model.incidents {
        define(&i.id, EntityKind::Incident, i.loc.clone(), diags);
    }
    for a in &model.articles {
        define(&a.id, EntityKind::Article, file_loc(&a.source), diags);
    }
    for p in &model.pages {
        define(&p.id, EntityKind::Page, file_loc(&p.source), diags);
    }
    for e in &model.excerpts {
        define(&e.id, EntityKind::Excerpt, e.loc.clone(), diags);
    }

    let ids = id_table(model);
    let mut expect = |r: &Ref, want: EntityKind, field: &str, diags: &mut Diagnostics| {
        if !ids.contains_key(r.id.as_str()) && broken.contains(&r.id) {
            dangling = true;
            return;
        }
        check_ref(&ids, r, &[want], field, diags);
    };
    for a in &model.actors {
        if let Some(c) = &a.country {
            expect(c, EntityKind::Actor, "country", diags);
        }
        for role in &a.roles {
            if let Some(of) = &role.of {
                expect(of, EntityKind::Actor, "of", diags);
            }
            for s in &role.sources {
                expect(s, EntityKind::Excerpt, "sources", diags);
            }
        }
        for rel in &a.relations {
            expect(&rel.actor, EntityKind::Actor, "actor", diags);
            if rel.actor.id == a.id {
                diags.push(
                    Diagnostic::error(
                        "self-relation",
                        &rel.actor.loc.source,
                        rel.actor.loc.span.clone(),
                        "an actor cannot be related to itself",
                    )
                    .label("expected another actor's id"),
                );
            }
            for s in &rel.sources {
                expect(s, EntityKind::Excerpt, "sources", diags);
            }
        }
    }
    for i in &model.incidents {
        for c in &i.casualties {
            for s in &c.sources {
                expect(s, EntityKind::Excerpt, "sources", diags);
            }
        }
        for p in &i.perpetrators {
            expect(&p.actor, EntityKind::Actor, "actor", diags);
            for s in &p.sources {
                expect(s, EntityKind::Excerpt, "sources", diags);
            }
        }
        for r in &i.targets {
            expect(r, EntityKind::Actor, "targets", diags);
        }
        for r in &i.actors {
            expect(r, EntityKind::Actor, "actors", diags);
        }
        for r in &i.related {
            expect(r, EntityKind::Incident, "related", diags);
            if r.id == i.id {
                diags.push(
                    Diagnostic::error(
                        "self-relation",
                        &r.loc.source,
                        r.loc.span.clone(),
                        "an incident cannot be related to itself",
                    )
                    .label("expected another incident's id"),
                );
            }
        }
    }
    for e in &model.excerpts {
        if let Some(s) = &e.speaker {
            expect(s, EntityKind::Actor, "speaker", diags);
        }
        if let Some(v) = &e.via {
            expect(v, EntityKind::Actor, "via", diags);
        }
        for r in &e.actors {
            expect(r, EntityKind::Actor, "actors", diags);
        }
        for r in &e.incidents {
            expect(r, EntityKind::Incident, "incidents", diags);
        }
        for r in &e.responds_to {
            expect(r, EntityKind::Excerpt, "responds_to", diags);
            if r.id == e.id {
                diags.push(
                    Diagnostic::error(
                        "self-response",
                        &r.loc.source,
                        r.loc.span.clone(),
                        "an excerpt cannot respond to itself",
                    )
                    .label("expected another excerpt's id"),
                );
            }
        }
    }
    for md in all_markdown(model) {
        dangling |= check_wikilinks(&ids, broken, md, diags);
    }
    dangling
}

fn check_ref(ids: &BTreeMap<&str, EntityKind>, r: &Ref, want: &[EntityKind], field: &str, diags: &mut Diagnostics) {
    match ids.get(r.id.as_str()) {
        Some(kind) if want.contains(kind) => {}
        Some(kind) => diags.push(
            Diagnostic::error(
                "wrong-kind",
                &r.loc.source,
                r.loc.span.clone(),
                format!(
                    "`{}` is {} {}, but `{field}` expects {}",
                    r.id,
                    article_for(kind.noun()),
                    kind.noun(),
                    want_text(want)
                ),
            )
            .label(format!("expected the id of {}", want_text(want)))
            .suggest(did_you_mean(
                &r.id,
                ids.iter().filter(|(_, k)| want.contains(k)).map(|(id, _)| *id),
            )),
        ),
        None => diags.push(
            Diagnostic::error(
                "unknown-id",
                &r.loc.source,
                r.loc.span.clone(),
                format!(
                    "no {} has the id `{}`",
                    want.iter().map(|k| k.noun()).collect::<Vec<_>>().join(" or "),
                    r.id
                ),
            )
            .label(format!(
                "`{field}` must name an existing {}",
                want.iter().map(|k| k.noun()).collect::<Vec<_>>().join(" or ")
            ))
            .suggest(did_you_mean(
                &r.id,
                ids.iter().filter(|(_, k)| want.contains(k)).map(|(id, _)| *id),
            )),
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

fn want_text(want: &[EntityKind]) -> String {
    want.iter()
        .map(|k| format!("{} {}", article_for(k.noun()), k.noun()))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The excerpt ids an annotation file declares (explicit or default), read leniently.
fn excerpt_ids_in(file: &YamlFile) -> Vec<String> {
    let Some(Node {
        value: Value::Map(entries),
        ..
    }) = &file.root
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in entries {
        if k.name != "excerpts" {
            continue;
        }
        let Value::Seq(items) = &v.value else { continue };
        for item in items {
            let Value::Map(fields) = &item.value else { continue };
            let get = |name: &str| {
                fields
                    .iter()
                    .find(|(k, _)| k.name == name)
                    .and_then(|(_, v)| v.scalar_text())
            };
            if let Some(id) = get("id") {
                out.push(id.to_string());
            } else if let Some(q) = get("quote") {
                out.push(default_excerpt_id(q));
            }
        }
    }
    out
}

/// Every Markdown field of the dossier (article bodies excepted: they are verbatim sources).
pub fn all_markdown(model: &Dossier) -> Vec<&Markdown> {
    let mut out: Vec<&Markdown> = Vec::new();
    out.extend(model.config.description.as_ref());
    for a in &model.articles {
        out.extend(a.summary.as_ref());
        out.extend(a.note.as_ref());
    }
    for e in &model.excerpts {
        out.extend(e.note.as_ref());
    }
    for a in &model.actors {
        out.extend(a.summary.as_ref());
        for r in &a.relations {
            out.extend(r.note.as_ref());
        }
    }
    for i in &model.incidents {
        out.extend(i.summary.as_ref());
    }
    for p in &model.pages {
        out.push(&p.body);
    }
    out
}

fn check_wikilinks(
    ids: &BTreeMap<&str, EntityKind>,
    broken: &std::collections::BTreeSet<String>,
    md: &Markdown,
    diags: &mut Diagnostics,
) -> bool {
    let mut dangling = false;
    for link in wikilink::find(&md.text) {
        if ids.contains_key(link.id.as_str()) {
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
