//! `dossier init`: the files of a new dossier. One sample of each kind, each tied to the others
//! (the article is annotated, its excerpts cite the actor and the incident), so that the new
//! dossier builds `--strict` clean and every kind of page has an example. The sample is plainly
//! made up ("Example Ministry", "Example Wire") and says so: it is there to be replaced.

use std::path::{Path, PathBuf};

use super::{SCHEMAS, Value, create, markdown_file, record_lines, write_schemas, yaml_file};
use crate::diag::PathError;
use crate::model::{ACTOR, ARTICLE, CONFIG, INCIDENT, PAGE};

const ARTICLE_ID: &str = "2024-01-15-sample-report";
const ACTOR_ID: &str = "example-ministry";
const INCIDENT_ID: &str = "2024-01-15-review-announced";

const ARTICLE_TEXT: &str = "\
This is a made-up article that shows how a dossier works. Replace it with the
text of a real article, copied word for word.

The Example Ministry said on Monday it would review its licensing rules.
\"We will publish the findings within a month,\" a spokesperson for the
ministry said.

Critics said the review came too late.
";

const ANNOTATIONS: &str = "\
# What this article says, passage by passage. Each `quote:` must be found, word for word, in
# the article (2024-01-15-sample-report.md); `dossier check` shows the closest passage when it
# is not.
excerpts:
  - id: ministry-promises-findings
    # The exact words of the passage, as a reader sees them.
    quote: \"We will publish the findings within a month\"
    # Whose statement it is: an actor id (content/actors/<id>.yaml).
    speaker: example-ministry
    # direct: the speaker's own words, inside quotation marks in the article;
    # reported: the reporter's words about what the speaker said; own: the outlet's own words.
    form: direct
    # statement, allegation, denial, demand, assurance, commitment, warning, condemnation,
    # claim-of-responsibility, report or assessment (dossier.yaml may add more).
    stance: commitment
    # Incidents it concerns: incident ids (content/incidents/<id>.yaml).
    incidents: [2024-01-15-review-announced]
  - id: ministry-announces-review
    quote: \"said on Monday it would review its licensing rules\"
    speaker: example-ministry
    form: reported
    stance: statement
    # Actors it concerns.
    actors: [example-ministry]
    incidents: [2024-01-15-review-announced]
    note: \"A sample note, in Markdown. Link to any page with [[example-ministry]].\"
";

const ABOUT: &str = "\
This dossier was started with `dossier init`. Say here what it covers, who
keeps it and how the sources were chosen.

Every page of the site is written from the files in `content/`: articles and
their annotations in `content/articles/`, actors in `content/actors/`,
incidents in `content/incidents/` and free pages such as this one in
`content/pages/`.
";

/// The files of a new dossier, as (path, text), apart from the schemas.
pub fn skeleton() -> Vec<(String, String)> {
    let text = |s: &str| Value::Text(s.to_string());
    let plain = |s: &str| Value::Plain(s.to_string());
    let mut files = Vec::new();
    let config = record_lines(
        &CONFIG,
        &[
            ("title", text("A new dossier")),
            (
                "description",
                text("Made with `dossier init`: replace the sample files in content/ with your own."),
            ),
        ],
    );
    files.push((
        "dossier.yaml".to_string(),
        yaml_file(
            "dossier.yaml",
            &format!("# The settings of the dossier. Every field is listed; remove the `#` to use one.\n{config}"),
        ),
    ));
    files.push((
        format!("content/articles/{ARTICLE_ID}.md"),
        markdown_file(
            &ARTICLE,
            &[
                ("title", text("Sample report: the ministry announces a review")),
                ("outlet", text("Example Wire")),
                ("published", plain("2024-01-15")),
                ("reliability", plain("C")),
                ("tags", plain("[sample]")),
            ],
            ARTICLE_TEXT,
        ),
    ));
    let annotations = format!("content/articles/{ARTICLE_ID}.yaml");
    files.push((annotations.clone(), yaml_file(&annotations, ANNOTATIONS)));
    let actor = format!("content/actors/{ACTOR_ID}.yaml");
    let actor_lines = record_lines(
        &ACTOR,
        &[
            ("name", text("Example Ministry")),
            ("kind", plain("agency")),
            ("aliases", plain("[\"the ministry\"]")),
            ("summary", text("A made-up actor, to show the format.")),
        ],
    );
    files.push((actor.clone(), yaml_file(&actor, &actor_lines)));
    let incident = format!("content/incidents/{INCIDENT_ID}.yaml");
    let incident_lines = record_lines(
        &INCIDENT,
        &[
            ("title", text("The Example Ministry announces a review")),
            ("kind", plain("statement")),
            ("date", plain("2024-01-15")),
            ("actors", plain(&format!("[{ACTOR_ID}]"))),
            ("summary", text("A made-up incident, to show the format.")),
        ],
    );
    files.push((incident.clone(), yaml_file(&incident, &incident_lines)));
    files.push((
        "content/pages/about.md".to_string(),
        markdown_file(&PAGE, &[("title", text("About this dossier"))], ABOUT),
    ));
    files.push((".gitignore".to_string(), "/public/\n".to_string()));
    files
}

/// What `init` did: the files written, and with `force`, those already there and kept.
#[derive(Debug, Default)]
pub struct Initialised {
    /// Written.
    pub written: Vec<PathBuf>,
    /// Already there, left as they were (only with `force`).
    pub kept: Vec<PathBuf>,
}

/// Make a new dossier in `dir`. `dir` must be absent or an empty folder; with `force`, a
/// non-empty folder is accepted, and a file already at one of the skeleton's paths is kept as
/// it is (never overwritten).
pub fn init(dir: &Path, force: bool) -> Result<Initialised, PathError> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(PathError::new(dir, "is not a folder"));
        }
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| PathError::new(dir, format!("cannot read the folder: {e}")))?;
        if entries.next().is_some() && !force {
            return Err(PathError::new(
                dir,
                "is not empty; `dossier init` makes a new dossier in an empty or new folder \
                 (--force writes into it all the same, keeping every file already there)",
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| PathError::new(dir, format!("cannot make the folder: {e}")))?;
    let mut done = Initialised::default();
    for (path, text) in skeleton() {
        if force && dir.join(&path).exists() {
            done.kept.push(dir.join(&path));
            continue;
        }
        done.written.push(create(dir, &path, &text)?);
    }
    let schemas = dir.join(SCHEMAS);
    if force && schemas.exists() {
        done.kept.push(schemas);
    } else {
        done.written.extend(write_schemas(&schemas)?);
    }
    Ok(done)
}
