//! JSON Schemas (draft 2020-12) made from the record descriptions, for editors: the YAML
//! language server completes field names and closed values from them and shows each field's
//! doc. A schema accepts what validation accepts, as far as a schema can say it (ids that
//! resolve, quotes that anchor and rules between fields are validation's alone).

use serde_json::{Map, Value, json};

use super::{ACTOR, ANNOTATIONS, CONFIG, Config, INCIDENT, Presence, Record, Type};

/// The form of an id (see `is_valid_id`; the 80-byte limit is `maxLength`, ids being ASCII).
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// The form of a date; whether it is a calendar date is validation's to say.
pub const DATE_PATTERN: &str = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";

/// One schema file `dossier schema` writes: its file name, the files it describes (a glob, as
/// VS Code's `yaml.schemas` setting takes it), and the record.
#[derive(Debug, Clone, Copy)]
pub struct SchemaFile {
    /// The file name, such as `actor.schema.json`.
    pub name: &'static str,
    /// The dossier files it describes, as a glob relative to the dossier folder.
    pub glob: &'static str,
    /// The record one such file holds.
    pub record: &'static dyn Record,
}

/// The schema files, one per kind of YAML file a dossier holds (front matter is not a YAML
/// file an editor validates on its own, so articles and pages have none).
pub fn schema_files() -> [SchemaFile; 4] {
    [
        SchemaFile {
            name: "dossier.schema.json",
            glob: "dossier.yaml",
            record: &CONFIG,
        },
        SchemaFile {
            name: "actor.schema.json",
            glob: "content/actors/*.yaml",
            record: &ACTOR,
        },
        SchemaFile {
            name: "incident.schema.json",
            glob: "content/incidents/*.yaml",
            record: &INCIDENT,
        },
        SchemaFile {
            name: "annotations.schema.json",
            glob: "content/articles/*.yaml",
            record: &ANNOTATIONS,
        },
    ]
}

/// The schema file that describes the dossier file at `path` (relative to the dossier folder,
/// with `/` between names), if any.
pub fn schema_for(path: &str) -> Option<SchemaFile> {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    schema_files().into_iter().find(|s| match s.glob.rsplit_once('/') {
        Some((glob_folder, _)) => yaml && folder == glob_folder,
        None => path == s.glob,
    })
}

/// The text of a schema file as written: pretty JSON and a final line break.
pub fn schema_text(file: &SchemaFile) -> String {
    let mut schema = json_schema(file.record, None);
    let map = schema.as_object_mut().expect("an object schema");
    map.insert(
        "$comment".into(),
        json!(format!(
            "Written by dossier {}: `dossier schema` writes it again. Describes {}.",
            env!("CARGO_PKG_VERSION"),
            file.glob
        )),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("JSON values serialise");
    text.push('\n');
    text
}

/// The JSON Schema of a file holding one `record` (dossier.yaml, an actor, an incident, an
/// annotation file). With `config`, the stances, relation types and incident kinds are the
/// dossier's full lists; without, the built-in values are offered and any value in the form of
/// an id is accepted (a dossier may add to these lists).
pub fn json_schema(record: &dyn Record, config: Option<&Config>) -> Value {
    let mut schema = object(record, config);
    let map = schema.as_object_mut().expect("an object schema");
    map.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    map.insert("title".into(), json!(record.doc()));
    schema
}

fn object(record: &dyn Record, config: Option<&Config>) -> Value {
    let mut properties = Map::new();
    for field in record.fields() {
        let mut schema = value(field.ty(), config);
        let map = schema.as_object_mut().expect("a schema object");
        let doc = match field.presence() {
            Presence::Conditional(when) => format!("{} Required: {when}.", field.doc()),
            _ => field.doc().to_string(),
        };
        map.insert("description".into(), json!(doc));
        if let Presence::Default(default) = field.presence() {
            let default = match field.ty() {
                Type::Bool | Type::Whole { .. } => serde_json::from_str(default).unwrap_or_else(|_| json!(default)),
                _ => json!(default),
            };
            map.insert("default".into(), default);
        }
        properties.insert(field.name().into(), schema);
    }
    let required: Vec<&str> = record
        .fields()
        .iter()
        .filter(|f| f.is_required())
        .map(|f| f.name())
        .collect();
    json!({
        "type": "object",
        "description": record.doc(),
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// Text: numbers and booleans are read as their text.
fn text() -> Value {
    json!({ "type": ["string", "number", "boolean"] })
}

/// An id, written as text or as a whole number (`2019` is the id `2019`).
fn id() -> Value {
    json!({
        "anyOf": [
            { "type": "string", "pattern": ID_PATTERN, "maxLength": 80 },
            { "type": "integer", "minimum": 0 },
        ]
    })
}

/// A list of `item`: one item alone is a list of one, an empty value an empty list.
fn list_or_one(item: Value) -> Value {
    json!({ "anyOf": [{ "type": "array", "items": item }, item, { "type": "null" }] })
}

fn value(ty: Type, config: Option<&Config>) -> Value {
    match ty {
        Type::Text | Type::Markdown => text(),
        Type::TextList => list_or_one(text()),
        Type::Date => json!({
            "anyOf": [
                { "type": "string", "pattern": DATE_PATTERN },
                { "type": "integer", "minimum": 1000, "maximum": 9999 },
            ]
        }),
        Type::Language => json!({ "type": "string", "pattern": "^([A-Za-z]{2,3}|[xX])(-[A-Za-z0-9]{1,8})*$" }),
        Type::Url => json!({ "type": "string", "format": "uri", "pattern": "^[hH][tT][tT][pP][sS]?://" }),
        Type::Bool => json!({ "type": "boolean" }),
        Type::Whole { min, max } => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Type::OneOf(list) => {
            let values = list.values(config);
            if list.extended_by().is_some() && config.is_none() {
                json!({ "anyOf": [{ "enum": values }, { "type": "string", "pattern": ID_PATTERN }] })
            } else {
                json!({ "enum": values })
            }
        }
        Type::Id(_) => id(),
        Type::Ids(_) => list_or_one(id()),
        Type::Records(record) => json!({
            "anyOf": [{ "type": "array", "items": object(record, config) }, { "type": "null" }]
        }),
        Type::IdsOrRecords(_, record) => json!({
            "anyOf": [
                { "type": "array", "items": { "anyOf": [id(), object(record, config)] } },
                { "type": "null" },
            ]
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ACTOR, ANNOTATIONS, CONFIG, EXCERPT, records};

    #[test]
    fn every_described_field_is_a_documented_property() {
        for record in records() {
            let schema = json_schema(record, None);
            let properties = schema["properties"].as_object().unwrap();
            let names: Vec<&str> = record.fields().iter().map(|f| f.name()).collect();
            assert_eq!(properties.len(), names.len());
            for name in names {
                let p = &properties[name];
                assert!(p["description"].as_str().is_some_and(|d| !d.is_empty()), "{name}");
            }
            assert_eq!(schema["additionalProperties"], json!(false));
        }
    }

    #[test]
    fn each_dossier_file_finds_its_schema() {
        let name = |p: &str| schema_for(p).map(|s| s.name);
        assert_eq!(name("dossier.yaml"), Some("dossier.schema.json"));
        assert_eq!(name("content/actors/a.yaml"), Some("actor.schema.json"));
        assert_eq!(name("content/incidents/a.yml"), Some("incident.schema.json"));
        assert_eq!(name("content/articles/a.yaml"), Some("annotations.schema.json"));
        assert_eq!(name("content/articles/a.md"), None);
        assert_eq!(name("content/pages/a.yaml"), None);
        assert_eq!(name("x/dossier.yaml"), None);
        let text = schema_text(&schema_files()[1]);
        assert!(text.ends_with("}\n") && text.contains("\"$comment\""), "{text}");
    }

    #[test]
    fn required_fields_defaults_and_closed_lists() {
        let excerpt = json_schema(&EXCERPT, None);
        assert_eq!(excerpt["required"], json!(["quote"]));
        assert_eq!(
            excerpt["properties"]["form"]["enum"],
            json!(["direct", "reported", "own"])
        );
        assert_eq!(excerpt["properties"]["credibility"]["maximum"], json!(6));
        let stance = &excerpt["properties"]["stance"]["anyOf"][0]["enum"];
        assert!(stance.as_array().unwrap().contains(&json!("denial")));
        let config = json_schema(&CONFIG, None);
        assert_eq!(config["properties"]["pretty_urls"]["default"], json!(false));
        assert_eq!(config["properties"]["max_yaml_nodes"]["default"], json!(250_000));
        assert_eq!(config["properties"]["language"]["default"], json!("en"));
        let actor = json_schema(&ACTOR, None);
        assert_eq!(actor["required"], json!(["name", "kind"]));
        assert_eq!(
            actor["properties"]["links"]["anyOf"][0]["items"]["required"],
            json!(["title", "url"])
        );
        let annotations = json_schema(&ANNOTATIONS, None);
        let excerpt_item = &annotations["properties"]["excerpts"]["anyOf"][0]["items"];
        assert_eq!(excerpt_item["required"], json!(["quote"]));
    }
}
