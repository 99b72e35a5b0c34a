//! `dossier new article|actor|incident|page ID`: one correctly shaped file, with every field of
//! its record listed and the required ones filled in. `new article ID --from FILE` (or `-` for
//! stdin) takes the text of an article and writes it with its front matter, and an annotation
//! stub beside it. Nothing is asked interactively, and no file is overwritten.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use dossier::model::{ACTOR, ARTICLE, Date, INCIDENT, List, PAGE, is_valid_id, slugify};
use dossier::scaffold::{
    Value, create, date_in_id, ensure_schemas, first_of, markdown_file, name_from_id, record_lines, title_from_id,
    yaml_file,
};

use super::Output;

/// Flags of `dossier new`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    kind: Kind,
    /// The dossier folder.
    #[arg(long, global = true, value_name = "DIR", default_value_os_t = super::default_dir())]
    dir: PathBuf,
}

#[derive(clap::Subcommand)]
enum Kind {
    /// content/articles/ID.md and its annotation file, content/articles/ID.yaml.
    Article(ArticleArgs),
    /// content/actors/ID.yaml.
    Actor(IdArg),
    /// content/incidents/ID.yaml.
    Incident(IdArg),
    /// content/pages/ID.md.
    Page(IdArg),
}

#[derive(clap::Args)]
struct IdArg {
    /// The id: lowercase letters, digits and single hyphens (the file is named after it).
    #[arg(value_parser = parse_id)]
    id: String,
}

#[derive(clap::Args)]
struct ArticleArgs {
    /// The id, such as 2019-02-14-reuters-attack: lowercase letters, digits and single hyphens.
    #[arg(value_parser = parse_id)]
    id: String,
    /// A plain-text or Markdown copy of the article, or `-` to read it from stdin.
    #[arg(long, value_name = "FILE")]
    from: Option<PathBuf>,
    /// The headline as published.
    #[arg(long)]
    title: Option<String>,
    /// The outlet that published it.
    #[arg(long)]
    outlet: Option<String>,
    /// When it was published: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long, value_parser = parse_date)]
    published: Option<String>,
    /// Its address.
    #[arg(long, value_parser = parse_url)]
    url: Option<String>,
}

fn parse_id(value: &str) -> Result<String, String> {
    if is_valid_id(value) {
        Ok(value.to_string())
    } else {
        Err(format!(
            "ids are lowercase letters, digits and single hyphens, at most 80 bytes; the nearest valid id is `{}`",
            slugify(value)
        ))
    }
}

fn parse_date(value: &str) -> Result<String, String> {
    Date::parse(value.trim()).map(|_| value.trim().to_string())
}

fn parse_url(value: &str) -> Result<String, String> {
    let lower = value.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://")) && !value.contains(char::is_whitespace) {
        Ok(value.to_string())
    } else {
        Err("expected an absolute URL starting with https:// or http://".into())
    }
}

/// Today's date, as a placeholder where a required date is not known yet.
fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

/// Run `dossier new`.
pub fn run(args: Args, out: &Output) -> ExitCode {
    let dir = &args.dir;
    if !dir.join("dossier.yaml").is_file() && !dir.join("content").is_dir() {
        return out.failure(format_args!(
            "{}: is not a dossier (no dossier.yaml, no content/); `dossier init` makes one",
            dir.display()
        ));
    }
    let text = |s: String| Value::Text(s);
    let files: Vec<(String, String)> = match args.kind {
        Kind::Article(a) => {
            let body = match &a.from {
                None => "Paste the article's text here, word for word, as Markdown.\n".to_string(),
                Some(path) => match read_text(path) {
                    Ok(body) => body,
                    Err(e) => return out.failure(e),
                },
            };
            let published = a.published.or_else(|| date_in_id(&a.id)).unwrap_or_else(today);
            let mut values = vec![
                ("title", text(a.title.unwrap_or_else(|| title_from_id(&a.id)))),
                ("outlet", text(a.outlet.unwrap_or_else(|| "Unknown outlet".into()))),
                ("published", Value::Plain(published)),
            ];
            if let Some(url) = a.url {
                values.push(("url", text(url)));
            }
            let md = format!("content/articles/{}.md", a.id);
            let yaml = format!("content/articles/{}.yaml", a.id);
            let stub = format!(
                "# What {}.md says, passage by passage: each `quote:` must be found, word for word, in\n\
                 # the article. Fields of an excerpt: quote (required), speaker, form (direct, reported\n\
                 # or own), stance, actors, incidents, tags, credibility, said_on, responds_to, note.\n\
                 excerpts:\n\
                 #  - quote: \"the exact words of the passage\"\n\
                 #    speaker: an-actor-id\n\
                 #    form: reported\n\
                 #    stance: statement\n",
                a.id
            );
            vec![
                (md, markdown_file(&ARTICLE, &values, &body)),
                (yaml.clone(), yaml_file(&yaml, &stub)),
            ]
        }
        Kind::Actor(IdArg { id }) => {
            let path = format!("content/actors/{id}.yaml");
            let lines = record_lines(
                &ACTOR,
                &[
                    ("name", text(name_from_id(&id))),
                    ("kind", Value::Plain(first_of(List::ActorKinds))),
                ],
            );
            vec![(path.clone(), yaml_file(&path, &lines))]
        }
        Kind::Incident(IdArg { id }) => {
            let path = format!("content/incidents/{id}.yaml");
            let date = date_in_id(&id).unwrap_or_else(today);
            let lines = record_lines(
                &INCIDENT,
                &[
                    ("title", text(title_from_id(&id))),
                    ("kind", Value::Plain("other".into())),
                    ("date", Value::Plain(date)),
                ],
            );
            vec![(path.clone(), yaml_file(&path, &lines))]
        }
        Kind::Page(IdArg { id }) => {
            let path = format!("content/pages/{id}.md");
            let body = "The page's text, in Markdown.\n";
            vec![(path, markdown_file(&PAGE, &[("title", text(title_from_id(&id)))], body))]
        }
    };
    // Refuse before writing anything, so a refusal leaves no half of a pair behind.
    for (path, _) in &files {
        let full = dir.join(path);
        if full.exists() || full.is_symlink() {
            return out.failure(format_args!(
                "{}: already exists; dossier does not overwrite it",
                full.display()
            ));
        }
    }
    for (path, text) in &files {
        match create(dir, path, text) {
            Ok(written) => out.status(format_args!("wrote {}", written.display())),
            Err(e) => return out.failure(e),
        }
    }
    match ensure_schemas(dir) {
        Ok(written) if !written.is_empty() => out.status(format_args!(
            "wrote the JSON Schemas into {}",
            dir.join("schemas").display()
        )),
        Ok(_) => {}
        Err(e) => return out.failure(e),
    }
    ExitCode::SUCCESS
}

/// The text of an article copy: a file, or stdin for `-`; a byte-order mark dropped, Windows
/// line ends made plain, a final line break added.
fn read_text(path: &PathBuf) -> Result<String, String> {
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{}: is not UTF-8 text", path.display()))?;
    let mut text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(format!("{}: is empty", path.display()));
    }
    if text.starts_with("---") {
        return Err(format!(
            "{}: starts with `---` (front matter?): give the article's text alone, and its details with --title, --outlet, --published and --url",
            path.display()
        ));
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}
