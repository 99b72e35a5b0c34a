//! The JSON Schemas `dossier schema` writes, checked with a real validator (the `jsonschema`
//! crate, draft 2020-12): every YAML file of the example dossier, of the test fixtures and of
//! the `init` skeleton is valid against its schema, and a few broken files are rejected both by
//! the schema and by `dossier check`, with the diagnostic code saying why.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use dossier::model::schema::{schema_files, schema_for};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The schemas, as the real command writes them: file name → compiled validator.
fn schemas() -> Vec<(String, jsonschema::Validator)> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("schemas");
    let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["schema", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = schema_files().iter().map(|f| f.name.to_string()).collect();
    expected.sort();
    assert_eq!(names, expected);
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(out.join(&name)).unwrap();
            let schema: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
            let validator =
                jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"));
            (name, validator)
        })
        .collect()
}

fn validator<'a>(schemas: &'a [(String, jsonschema::Validator)], path: &str) -> &'a jsonschema::Validator {
    let file = schema_for(path).unwrap_or_else(|| panic!("no schema for {path}"));
    &schemas.iter().find(|(n, _)| n == file.name).unwrap().1
}

/// YAML as the JSON value a schema validates (what the YAML language server does too).
fn as_json(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).unwrap_or_else(|e| panic!("not YAML: {e}"))
}

/// The problems the schema finds, one line each.
fn problems(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    let value = as_json(text);
    validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Every YAML file of a dossier folder with a schema, as (path in the dossier, text).
fn yaml_files(dossier: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dossier).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(dossier)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let top = rel == "dossier.yaml";
        if entry.file_type().is_file() && (top || rel.starts_with("content/")) && rel.ends_with(".yaml") {
            files.push((rel, std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
    files
}

#[test]
fn every_yaml_file_of_the_example_and_the_fixtures_is_valid() {
    let schemas = schemas();
    let mut checked = 0;
    let mut failures = Vec::new();
    let folders = [
        root(),
        root().join("tests/fixtures/small"),
        root().join("tests/fixtures/hostile"),
        root().join("tests/fixtures/provenance"),
    ];
    for folder in &folders {
        for (path, text) in yaml_files(folder) {
            let found = problems(validator(&schemas, &path), &text);
            if !found.is_empty() {
                failures.push(format!("{}/{path}:\n  {}", folder.display(), found.join("\n  ")));
            }
            checked += 1;
        }
    }
    // The example alone has 89 YAML files under content/, and dossier.yaml.
    assert!(checked >= 90 + 11, "only {checked} files checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_init_skeleton_is_valid_and_names_its_schemas() {
    let schemas = schemas();
    let mut yaml = 0;
    for (path, text) in dossier::scaffold::skeleton() {
        if schema_for(&path).is_none() {
            continue;
        }
        yaml += 1;
        let line = dossier::scaffold::schema_line(&path).unwrap();
        assert!(text.starts_with(&line), "{path} starts with its schema line");
        let found = problems(validator(&schemas, &path), &text);
        assert!(found.is_empty(), "{path}: {found:?}");
    }
    assert_eq!(yaml, 4, "dossier.yaml, an actor, an incident and an annotation file");
}

/// A broken file: rejected by its schema, and by `dossier check` with `code` at that file.
struct Broken {
    path: &'static str,
    text: &'static str,
    code: &'static str,
}

const BROKEN: &[Broken] = &[
    Broken {
        path: "content/actors/carol-day.yaml",
        text: "name: \"Carol Day\"\nkind: persn\n",
        code: "unknown-value",
    },
    Broken {
        path: "content/actors/carol-day.yaml",
        text: "name: \"Carol Day\"\nkind: person\nalias: [\"Carol\"]\n",
        code: "unknown-field",
    },
    Broken {
        path: "content/incidents/village-raid.yaml",
        text: "kind: raid\ndate: 2020-01\n",
        code: "missing-field",
    },
    Broken {
        path: "content/incidents/village-raid.yaml",
        text: "title: \"Raid\"\nkind: raid\ndate: \"January 2020\"\n",
        code: "bad-date",
    },
    Broken {
        path: "dossier.yaml",
        text: "title: \"Small\"\npretty_urls: \"yes\"\n",
        code: "wrong-type",
    },
    Broken {
        path: "content/articles/2020-01-02-first-report.yaml",
        text: "excerpts:\n  - quote: \"twelve people were killed\"\n    form: own\n    stance: report\n    credibility: 9\n",
        code: "wrong-type",
    },
    Broken {
        path: "content/articles/2020-01-02-first-report.yaml",
        text: "excerpts:\n  - quote: \"twelve people were killed\"\n    form: quoted\n",
        code: "unknown-value",
    },
    Broken {
        path: "content/actors/carol-day.yaml",
        text: "name: \"Carol Day\"\nkind: person\ncountry: \"Beta State\"\n",
        code: "bad-id",
    },
    Broken {
        path: "content/articles/2020-01-02-first-report.yaml",
        text: "excerpts:\n  - quote: \"twelve people were killed\"\n    form: own\n    original: \"x\"\n    original_language: \"Urdu\"\n",
        code: "bad-language",
    },
    Broken {
        path: "content/actors/carol-day.yaml",
        text: "name: \"Carol Day\"\nkind: person\ndraft: \"yes\"\n",
        code: "wrong-type",
    },
];

#[test]
fn broken_files_are_rejected_by_the_schema_and_by_check() {
    let schemas = schemas();
    for broken in BROKEN {
        let found = problems(validator(&schemas, broken.path), broken.text);
        assert!(
            !found.is_empty(),
            "the schema accepts {}:\n{}",
            broken.path,
            broken.text
        );

        let tmp = tempfile::tempdir().unwrap();
        common::copy_dir(&root().join("tests/fixtures/small"), tmp.path());
        std::fs::write(tmp.path().join(broken.path), broken.text).unwrap();
        let report = dossier::check(tmp.path()).unwrap();
        let hit = report.diagnostics.items.iter().any(|d| {
            d.code == broken.code
                && d.location
                    .as_ref()
                    .is_some_and(|(source, _)| source.path == broken.path)
        });
        assert!(
            hit,
            "check does not report {} in {}:\n{}",
            broken.code,
            broken.path,
            report.diagnostics.render(false)
        );
    }
}

#[test]
fn fields_have_descriptions_and_closed_values_are_enums() {
    let tmp = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["schema", "-o"])
        .arg(tmp.path())
        .status()
        .unwrap();
    assert!(status.success());
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join(name)).unwrap()).unwrap()
    };
    let actor = read("actor.schema.json");
    assert_eq!(
        actor["properties"]["kind"]["enum"],
        serde_json::json!(["person", "state", "agency", "armed-group", "organization", "media"])
    );
    let annotations = read("annotations.schema.json");
    let excerpt = &annotations["properties"]["excerpts"]["anyOf"][0]["items"];
    let stances = excerpt["properties"]["stance"]["anyOf"][0]["enum"].as_array().unwrap();
    assert!(stances.contains(&serde_json::json!("claim-of-responsibility")));
    let incident = read("incident.schema.json");
    let perpetrator = &incident["properties"]["perpetrators"]["anyOf"][0]["items"]["anyOf"][1];
    assert_eq!(
        perpetrator["properties"]["status"]["enum"],
        serde_json::json!(["alleged", "suspected", "claimed", "confirmed", "denied"])
    );
    // Every property at every depth has a description.
    fn walk(v: &Value, at: &str, missing: &mut Vec<String>) {
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            for (name, p) in props {
                if p.get("description").and_then(Value::as_str).is_none_or(str::is_empty) {
                    missing.push(format!("{at}.{name}"));
                }
            }
        }
        match v {
            Value::Object(map) => map.iter().for_each(|(k, c)| walk(c, &format!("{at}/{k}"), missing)),
            Value::Array(items) => items.iter().for_each(|c| walk(c, at, missing)),
            _ => {}
        }
    }
    let mut missing = Vec::new();
    for name in [
        "dossier.schema.json",
        "actor.schema.json",
        "incident.schema.json",
        "annotations.schema.json",
    ] {
        walk(&read(name), name, &mut missing);
    }
    assert!(missing.is_empty(), "{missing:?}");
}
