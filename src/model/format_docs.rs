//! docs/format.md against the record descriptions: every field table (`| field | type |
//! required |`) lists exactly the fields of its record, each with the same required-ness and
//! type, and every record with fields of its own has its table. Test code only.

use std::collections::BTreeMap;

use super::*;

/// Which record each field table describes: the table follows this heading or bold lead.
fn table_records() -> Vec<(&'static str, &'static dyn Record)> {
    vec![
        ("## dossier.yaml", &CONFIG),
        ("## Articles: `content/articles/<id>.md`", &ARTICLE),
        ("### Excerpt fields", &EXCERPT),
        ("## Actors: `content/actors/<id>.yaml`", &ACTOR),
        ("**A role**", &ROLE),
        ("**A relation**", &RELATION),
        ("**A link**", &LINK),
        ("## Incidents: `content/incidents/<id>.yaml`", &INCIDENT),
        ("**A casualty figure**", &CASUALTY),
        ("**A perpetrator**", &PERPETRATOR),
        ("## Pages: `content/pages/<id>.md`", &PAGE),
    ]
}

/// A field table's rows: field name → (type cell, required cell).
type Table = BTreeMap<String, (String, String)>;

/// Every field table of the document, under the heading or bold lead it follows.
fn field_tables(doc: &str) -> Vec<(String, Table)> {
    let mut tables = Vec::new();
    let mut lead = String::new();
    let mut lines = doc.lines().peekable();
    let mut in_code = false;
    while let Some(line) = lines.next() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        if line.starts_with('#') || line.starts_with("**") {
            lead = match line.find("** ") {
                Some(end) if line.starts_with("**") => line[..end + 2].to_string(),
                _ => line.to_string(),
            };
        }
        if !line.starts_with("| field | type | required |") {
            continue;
        }
        lines.next(); // the |---| line
        let mut table = Table::new();
        while let Some(row) = lines.next_if(|l| l.starts_with('|')) {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let name = cells[1].trim_matches('`').to_string();
            let previous = table.insert(name.clone(), (cells[2].to_string(), cells[3].to_string()));
            assert!(previous.is_none(), "{lead}: `{name}` is listed twice");
        }
        tables.push((lead.clone(), table));
    }
    tables
}

/// What docs/format.md writes in the required column.
fn required_cell(field: &Field) -> String {
    match field.presence() {
        Presence::Required => "yes".into(),
        Presence::Optional => "no".into(),
        Presence::Default(value) => format!("no, default `{value}`"),
        Presence::Conditional(when) => when.into(),
    }
}

/// Whether a type cell of docs/format.md ("Kinds of value") says `ty`.
fn type_matches(ty: Type, cell: &str) -> bool {
    let plural = |k: EntityKind| format!("{}s", k.noun());
    let an = |noun: &str| {
        let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {noun}")
    };
    match ty {
        Type::Text => cell == "text",
        Type::TextList => cell == "text list",
        Type::Markdown => cell == "Markdown",
        Type::Date => cell == "date",
        Type::Url => cell == "URL",
        Type::Language => cell == "language tag",
        Type::Bool => cell == "true/false",
        Type::Whole { min, max } => without_thousands_separators(cell) == format!("whole number, {min} to {max}"),
        Type::Id(None) => cell == "id",
        Type::Id(Some(k)) => cell == format!("id of {}", an(k.noun())),
        Type::Ids(None) => cell == "id list",
        Type::Ids(Some(k)) => cell == format!("id list of {}", plural(k)),
        Type::Records(_) => cell == "list of mappings",
        Type::IdsOrRecords(..) => cell == "list",
        Type::OneOf(list) if list.extended_by().is_some() => cell == an(list.noun()),
        Type::OneOf(list) => {
            let values = list.builtin();
            let quoted = |v: &str| format!("`{v}`");
            let range = format!("{}–{}", quoted(values[0]), quoted(values[values.len() - 1]));
            cell == range || values.iter().all(|v| cell.contains(&quoted(v)))
        }
    }
}

/// `1,000,000` as `1000000`: a comma between digits is a thousands separator.
fn without_thousands_separators(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let between_digits =
            i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !(c == ',' && between_digits) {
            out.push(c);
        }
    }
    out
}

fn format_md() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/format.md");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn every_field_table_lists_exactly_the_described_fields() {
    let tables = field_tables(&format_md());
    let tabled = table_records();
    for (lead, table) in &tables {
        let Some((_, record)) = tabled.iter().find(|(l, _)| l == lead) else {
            panic!("docs/format.md: the field table after `{lead}` belongs to no record (add it to table_records)");
        };
        let described: Vec<&str> = record.fields().iter().map(|f| f.name()).collect();
        for name in table.keys() {
            assert!(
                described.contains(&name.as_str()),
                "docs/format.md, {lead}: `{name}` is not a field of {}",
                record.what()
            );
        }
        for field in record.fields() {
            let Some((ty, required)) = table.get(field.name()) else {
                panic!("docs/format.md, {lead}: the table has no row for `{}`", field.name());
            };
            assert_eq!(
                *required,
                required_cell(field),
                "docs/format.md, {lead}: `{}` required",
                field.name()
            );
            assert!(
                type_matches(field.ty(), ty),
                "docs/format.md, {lead}: `{}` is described as {:?}, the table says `{ty}`",
                field.name(),
                field.ty()
            );
        }
    }
    for (lead, record) in &tabled {
        assert_eq!(
            tables.iter().filter(|(l, _)| l == lead).count(),
            1,
            "docs/format.md has no field table (or several) after `{lead}` for {}",
            record.what()
        );
    }
    // The one record without a table: its one field is said in prose.
    let names: Vec<&str> = ANNOTATIONS.fields().iter().map(|f| f.name()).collect();
    assert_eq!(names, ["excerpts"]);
    assert!(format_md().contains("It has one field, `excerpts:`"));
    // Every record is checked, by a table or above.
    for r in records() {
        let has_table = tabled.iter().any(|(_, t)| std::ptr::addr_eq(*t, r));
        assert!(
            has_table || std::ptr::addr_eq(r, &ANNOTATIONS as &dyn Record),
            "{}",
            r.what()
        );
    }
}

#[test]
fn the_table_reader_reads_tables() {
    let doc = "## A\n\n| field | type | required | meaning |\n|---|---|---|---|\n| `x` | text | yes | it |\n\n\
               **A thing** (`things:` item):\n\n| field | type | required |\n|---|---|---|\n| `y` | date | no |\n";
    let tables = field_tables(doc);
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0].0, "## A");
    assert_eq!(tables[0].1["x"], ("text".to_string(), "yes".to_string()));
    assert_eq!(tables[1].0, "**A thing**");
    assert_eq!(tables[1].1["y"], ("date".to_string(), "no".to_string()));
}
