//! `dossier check`: every check, nothing written; with `--unlinked`, also the names the articles
//! use that match no actor.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dossier::model::{Dossier, slugify};

use super::Output;
use super::output::MessageFormat;

/// Flags of `dossier check`.
#[derive(clap::Args)]
pub struct Args {
    /// The dossier folder.
    #[arg(default_value_os_t = super::default_dir())]
    dir: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Check the files marked `draft: true` too (without it they are left out, unchecked).
    #[arg(long)]
    drafts: bool,
    /// Print how long each stage took (load, validate, index, templates, render and write...).
    #[arg(long)]
    timings: bool,
    /// Also list the names the articles use at least three times that match no actor's name or
    /// alias (multi-word capitalised names such as "Shah Mehmood Qureshi", or hyphenated ones
    /// such as "Lashkar-e-Taiba"), most used first, each with its articles and a `dossier new
    /// actor` line to add it. Printed to stdout; as JSON lines with `--message-format json`.
    #[arg(long)]
    unlinked: bool,
}

/// Run `dossier check`.
pub fn run(args: Args, out: &Output) -> ExitCode {
    if args.unlinked {
        return run_unlinked(&args, out);
    }
    let report = match dossier::check_drafts(&args.dir, args.drafts) {
        Ok(report) => report,
        Err(e) => return out.failure(&e),
    };
    out.diagnostics(&report.diagnostics, &args.dir.to_string_lossy());
    if args.timings || out.verbose() {
        out.always(&report.timings);
    }
    out.summary(&report.diagnostics, args.strict);
    if report.diagnostics.fails(args.strict) {
        return ExitCode::from(super::INVALID);
    }
    if let Some([a, ac, i, e]) = report.counts {
        out.status(format_args!(
            "ok: {a} articles, {ac} actors, {i} incidents, {e} excerpts"
        ));
    }
    ExitCode::SUCCESS
}

/// `dossier check --unlinked`: the checks, then (on a valid dossier) the unlinked names. They
/// are advice, not problems: they never change the exit code.
fn run_unlinked(args: &Args, out: &Output) -> ExitCode {
    let mut timings = dossier::Timings::default();
    let (checked, diagnostics) = match dossier::check_dossier_drafts(&args.dir, &mut timings, args.drafts) {
        Ok(result) => result,
        Err(e) => return out.failure(&e),
    };
    out.diagnostics(&diagnostics, &args.dir.to_string_lossy());
    let names = checked
        .as_ref()
        .map(|c| timings.time("unlinked", || dossier::index::unlinked_names(&c.model)));
    if args.timings || out.verbose() {
        out.always(&timings);
    }
    out.summary(&diagnostics, args.strict);
    if diagnostics.fails(args.strict) {
        return ExitCode::from(super::INVALID);
    }
    let (Some(checked), Some(names)) = (checked, names) else {
        return ExitCode::from(super::INVALID);
    };
    print_unlinked(&checked.model, &names, &args.dir, out);
    ExitCode::SUCCESS
}

/// The unlinked names on stdout, in the chosen format.
fn print_unlinked(model: &Dossier, names: &[dossier::text::unlinked::Unlinked], dir: &Path, out: &Output) {
    let min = dossier::text::unlinked::MIN_MENTIONS;
    let dir_flag = if dir == Path::new(".") {
        String::new()
    } else {
        format!(" --dir {}", shell_word(&dir.to_string_lossy()))
    };
    let mut stdout = std::io::stdout().lock();
    if names.is_empty() {
        if out.format() == MessageFormat::Human {
            out.status(format_args!(
                "no unlinked names: every name the articles use {min} times or more is an actor's"
            ));
        }
        return;
    }
    if out.format() == MessageFormat::Human {
        let _ = writeln!(
            stdout,
            "{} name{} in the articles match{} no actor (each used {min} times or more):",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            if names.len() == 1 { "es" } else { "" },
        );
    }
    for n in names {
        let articles: Vec<&str> = n.texts.iter().map(|&a| model.articles[a].id.as_str()).collect();
        let new = format!("dossier new actor {}{dir_flag}", slugify(&n.name));
        let line = match out.format() {
            MessageFormat::Human => format!(
                "\n{:>5}  {}\n       in {}\n       {new}",
                n.count,
                n.name,
                articles.join(", ")
            ),
            MessageFormat::Json => serde_json::json!({
                "reason": "unlinked-name",
                "name": n.name,
                "count": n.count,
                "articles": articles,
                "suggestion": new,
            })
            .to_string(),
            MessageFormat::Github => format!(
                "::notice title=unlinked name::{} is used {} times (in {}) and matches no actor: {new}",
                n.name.replace('%', "%25"),
                n.count,
                articles.join(", ")
            ),
        };
        let _ = writeln!(stdout, "{line}");
    }
}

/// `text` as one word of a shell command: as it is when it is safe, else in single quotes.
fn shell_word(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
