//! New files for the author: `dossier init` (a whole dossier that builds `--strict` clean),
//! `dossier new` (one article, actor, incident or page) and `dossier schema` (the JSON Schemas).
//!
//! A new file is written from the record descriptions (`model::record`), as the schemas and
//! docs/format.md are: every field of the record appears, with its one-line doc as a comment,
//! the required ones filled in and the others commented out, so a template cannot drift from
//! the format. Each YAML file starts with a `# yaml-language-server: $schema=` line pointing at
//! the dossier's `schemas/` folder, which is written when missing. Nothing here overwrites a
//! file: each is created with `create_new`, and a file in the way is a refusal.

mod skeleton;

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::PathError;
use crate::model::schema::{schema_files, schema_for, schema_text};
use crate::model::{Field, List, Presence, Record, Type};

pub use skeleton::{init, skeleton};

/// The folder, inside a dossier, that `init` and `new` write the schemas into.
pub const SCHEMAS: &str = "schemas";

/// Write the four JSON Schemas into `dir` (made if missing), replacing files of the same names
/// and nothing else. Returns the paths written.
pub fn write_schemas(dir: &Path) -> Result<Vec<PathBuf>, PathError> {
    if dir.exists() && !dir.is_dir() {
        return Err(PathError::new(dir, "is not a folder"));
    }
    std::fs::create_dir_all(dir).map_err(|e| PathError::new(dir, format!("cannot make the folder: {e}")))?;
    let mut written = Vec::new();
    for file in schema_files() {
        let path = dir.join(file.name);
        std::fs::write(&path, schema_text(&file)).map_err(|e| PathError::new(&path, format!("cannot write: {e}")))?;
        written.push(path);
    }
    Ok(written)
}

/// The `# yaml-language-server: $schema=…` line for the dossier file at `path` (relative to the
/// dossier folder, `/`-separated), pointing at `schemas/` by a relative path; none for a file
/// no schema describes.
pub fn schema_line(path: &str) -> Option<String> {
    let schema = schema_for(path)?;
    let depth = path.matches('/').count();
    Some(format!(
        "# yaml-language-server: $schema={}{SCHEMAS}/{}\n",
        "../".repeat(depth),
        schema.name
    ))
}

/// A value written into a new file.
pub enum Value {
    /// Text, written as a double-quoted YAML string.
    Text(String),
    /// Written as it is (a date, an id, a list, a number).
    Plain(String),
}

impl Value {
    fn yaml(&self) -> String {
        match self {
            Value::Text(text) => serde_json::to_string(text).expect("a string serialises"),
            Value::Plain(plain) => plain.clone(),
        }
    }
}

/// The lines of a record in a new file: for each field, its doc as a comment, then the field
/// with its value when `values` gives one, or commented out (`# aliases:`) when not. A field
/// `values` gives that the record lacks is a bug of the caller.
pub fn record_lines(record: &dyn Record, values: &[(&str, Value)]) -> String {
    for (name, _) in values {
        assert!(
            record.field(name).is_some(),
            "`{name}` is not a field of {}",
            record.what()
        );
    }
    let mut out = String::new();
    for field in record.fields() {
        out.push_str(&format!("# {}{}\n", field.doc(), hint(field)));
        match values.iter().find(|(name, _)| *name == field.name()) {
            Some((name, value)) => out.push_str(&format!("{name}: {}\n", value.yaml())),
            None => out.push_str(&format!("# {}:\n", field.name())),
        }
    }
    out
}

/// What the comment adds to a field's doc: whether it is required, its values or its form.
fn hint(field: &Field) -> String {
    let mut hints = Vec::new();
    match field.presence() {
        Presence::Required => hints.push("Required.".to_string()),
        Presence::Default(value) => hints.push(format!("Default: {value}.")),
        Presence::Conditional(when) => hints.push(format!("Required {when}.")),
        Presence::Optional => {}
    }
    match field.ty() {
        Type::OneOf(list) => {
            let values = list.builtin().join(", ");
            let more = if list.extended_by().is_some() {
                " (dossier.yaml may add more)"
            } else {
                ""
            };
            hints.push(format!("One of: {values}{more}."));
        }
        Type::Date => hints.push("YYYY-MM-DD, YYYY-MM or YYYY.".into()),
        Type::Ids(_) | Type::TextList => hints.push("A list: [a, b].".into()),
        Type::Records(_) | Type::IdsOrRecords(..) => hints.push("A list of mappings (`- field: value`).".into()),
        _ => {}
    }
    if hints.is_empty() {
        String::new()
    } else {
        format!(" {}", hints.join(" "))
    }
}

/// A YAML file of the dossier: its schema line, then `body`.
pub fn yaml_file(path: &str, body: &str) -> String {
    let mut text = schema_line(path).unwrap_or_default();
    text.push_str(body);
    text
}

/// A Markdown file with front matter (an article, a page): `---`, the record lines, `---`, the
/// text.
pub fn markdown_file(record: &dyn Record, values: &[(&str, Value)], text: &str) -> String {
    let mut out = String::from("---\n");
    out.push_str(&record_lines(record, values));
    out.push_str("---\n");
    out.push_str(text);
    if !text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Write a new file at `dir`/`path`, making its folders; a file already there is a refusal.
pub fn create(dir: &Path, path: &str, text: &str) -> Result<PathBuf, PathError> {
    let full = dir.join(path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(|e| PathError::new(parent, format!("cannot make the folder: {e}")))?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                PathError::new(&full, "already exists; dossier does not overwrite it")
            } else {
                PathError::new(&full, format!("cannot create: {e}"))
            }
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| PathError::new(&full, format!("cannot write: {e}")))?;
    Ok(full)
}

/// The schemas of the dossier in `dir`, written if `schemas/` lacks any of them. Returns the
/// paths written (none when all were there).
pub fn ensure_schemas(dir: &Path) -> Result<Vec<PathBuf>, PathError> {
    let folder = dir.join(SCHEMAS);
    if schema_files().iter().all(|f| folder.join(f.name).is_file()) {
        return Ok(Vec::new());
    }
    write_schemas(&folder)
}

/// A title made from an id: `2019-02-14-pulwama-attack` gives `Pulwama attack`.
pub fn title_from_id(id: &str) -> String {
    let words: Vec<&str> = id.split('-').collect();
    let dated =
        words.len() > 3 && words[0].len() == 4 && words[..3].iter().all(|w| w.chars().all(|c| c.is_ascii_digit()));
    let words = if dated { &words[3..] } else { &words[..] };
    let text = words.join(" ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => id.to_string(),
    }
}

/// A name made from an id: `john-bolton` gives `John Bolton`.
pub fn name_from_id(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The date an id starts with (`2019-02-14-…`), if any.
pub fn date_in_id(id: &str) -> Option<String> {
    let head = id.get(..10)?;
    crate::model::Date::parse(head).ok().map(|_| head.to_string())
}

/// The first value of a list, for a template's required field.
pub fn first_of(list: List) -> String {
    list.builtin()[0].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ACTOR;

    #[test]
    fn schema_lines_point_at_the_schemas_folder() {
        assert_eq!(
            schema_line("content/actors/a.yaml").unwrap(),
            "# yaml-language-server: $schema=../../schemas/actor.schema.json\n"
        );
        assert_eq!(
            schema_line("dossier.yaml").unwrap(),
            "# yaml-language-server: $schema=schemas/dossier.schema.json\n"
        );
        assert_eq!(schema_line("content/articles/a.md"), None);
    }

    #[test]
    fn every_field_is_written_required_ones_filled() {
        let text = record_lines(
            &ACTOR,
            &[
                ("name", Value::Text("Asha \"A\" Rao".into())),
                ("kind", Value::Plain("person".into())),
            ],
        );
        assert!(text.contains("\nname: \"Asha \\\"A\\\" Rao\"\n"), "{text}");
        assert!(text.contains("\n# aliases:\n"), "{text}");
        assert!(text.contains("One of: person, state"), "{text}");
        for field in ACTOR.fields() {
            assert!(text.contains(&format!("{}:", field.name())), "{}", field.name());
        }
    }

    #[test]
    fn titles_and_names_from_ids() {
        assert_eq!(title_from_id("2019-02-14-pulwama-attack"), "Pulwama attack");
        assert_eq!(title_from_id("about"), "About");
        assert_eq!(name_from_id("john-bolton"), "John Bolton");
        assert_eq!(date_in_id("2019-02-14-pulwama"), Some("2019-02-14".into()));
        assert_eq!(date_in_id("2019-02-30-x"), None);
        assert_eq!(date_in_id("abc"), None);
    }
}
