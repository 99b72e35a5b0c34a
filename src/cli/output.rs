//! What every command prints, and how: the flags all commands share (`-q`, `-v`, `--color`,
//! `--message-format`) and the one place that applies them. Diagnostics go to stderr as
//! rustc-style text, or to stdout as JSON lines or GitHub Actions annotations; status lines
//! ("built 274 files …") go to stderr unless `--quiet`. Colour goes through anstream, which
//! strips the styles when the stream is not a terminal, `NO_COLOR` is set or `--color never`
//! was given, and keeps them under `CLICOLOR_FORCE` or `--color always`.

use std::fmt::Display;
use std::io::Write;
use std::process::ExitCode;

use anstream::ColorChoice;
use anstyle::{AnsiColor, Style};
use clap::ValueEnum;
use dossier::diag::{Diagnostics, Severity};

/// The flags every command takes.
#[derive(clap::Args)]
pub struct Global {
    /// Print only errors and warnings: no notes, no summary or status lines.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: how long each stage took, and each file written by init and new.
    #[arg(short, long, global = true)]
    verbose: bool,
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE
    /// forces it), always or never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// How to print diagnostics: human (text on stderr), json (one JSON object a line on stdout,
    /// shaped like cargo's) or github (GitHub Actions annotations on stdout).
    #[arg(long, global = true, value_enum, value_name = "FORMAT", default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
}

/// `--color`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// `--message-format`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// Text for people, on stderr.
    Human,
    /// JSON lines on stdout.
    Json,
    /// GitHub Actions workflow commands on stdout.
    Github,
}

/// How this run prints.
#[derive(Clone)]
pub struct Output {
    quiet: bool,
    verbose: bool,
    color: bool,
    format: MessageFormat,
}

fn style_error() -> Style {
    Style::new().bold().fg_color(Some(AnsiColor::Red.into()))
}

impl Output {
    /// Applies the flags: sets anstream's colour choice for the whole process.
    pub fn new(global: &Global) -> Output {
        match global.color {
            ColorWhen::Auto => {}
            ColorWhen::Always => ColorChoice::Always.write_global(),
            ColorWhen::Never => ColorChoice::Never.write_global(),
        }
        let color = anstream::AutoStream::choice(&std::io::stderr()) != ColorChoice::Never;
        Output {
            quiet: global.quiet,
            verbose: global.verbose,
            color,
            format: global.message_format,
        }
    }

    /// How diagnostics and reports are printed (`--message-format`).
    pub fn format(&self) -> MessageFormat {
        self.format
    }

    /// Whether `--verbose` was given.
    pub fn verbose(&self) -> bool {
        self.verbose
    }

    /// Print the diagnostics of a run of the dossier in `base` (the folder as given on the
    /// command line), in the chosen format. `--quiet` leaves the notes out.
    pub fn diagnostics(&self, diagnostics: &Diagnostics, base: &str) {
        let shown = diagnostics
            .items
            .iter()
            .filter(|d| !(self.quiet && d.severity == Severity::Note));
        match self.format {
            MessageFormat::Human => {
                let mut err = anstream::stderr().lock();
                for d in shown {
                    let _ = write!(err, "{}\n\n", d.render(self.color));
                }
            }
            MessageFormat::Json | MessageFormat::Github => {
                let mut out = std::io::stdout().lock();
                for d in shown {
                    let line = match self.format {
                        MessageFormat::Json => d.to_json(base),
                        _ => d.to_github(base),
                    };
                    let _ = writeln!(out, "{line}");
                }
            }
        }
    }

    /// The summary line after the diagnostics: "2 errors, 1 warning". Notes are printed with
    /// the diagnostics but never counted.
    pub fn summary(&self, d: &Diagnostics, strict: bool) {
        let (e, w) = (d.error_count(), d.warning_count());
        if e + w == 0 {
            return;
        }
        let strict_note = if strict && w > 0 {
            " (--strict: warnings count as errors)"
        } else {
            ""
        };
        self.status(format_args!(
            "{e} error{}, {w} warning{}{strict_note}",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        ));
    }

    /// A status line on stderr, unless `--quiet`.
    pub fn status(&self, line: impl Display) {
        if !self.quiet {
            let _ = writeln!(anstream::stderr(), "{line}");
        }
    }

    /// A line on stderr that was asked for (`--timings`), even under `--quiet`.
    pub fn always(&self, line: impl Display) {
        let _ = writeln!(anstream::stderr(), "{line}");
    }

    /// A line on stderr under `--verbose` only.
    pub fn detail(&self, line: impl Display) {
        if self.verbose {
            let _ = writeln!(anstream::stderr(), "{line}");
        }
    }

    /// A failure of the environment or a refusal: `error: …` on stderr (and the same as a
    /// diagnostic without a code on stdout, under `--message-format json|github`). Exit code 3.
    pub fn failure(&self, message: impl Display) -> ExitCode {
        let message = dossier::diag::printable(&message.to_string()).into_owned();
        let style = style_error();
        let _ = writeln!(anstream::stderr(), "{style}error{style:#}: {message}");
        match self.format {
            MessageFormat::Human => {}
            MessageFormat::Json => {
                let line = serde_json::json!({
                    "level": "error",
                    "code": null,
                    "message": message,
                    "spans": [],
                    "help": [],
                    "rendered": format!("error: {message}\n"),
                });
                println!("{line}");
            }
            MessageFormat::Github => {
                println!("::error title=dossier::{}", message.replace('%', "%25"));
            }
        }
        ExitCode::from(super::FAILURE)
    }

    /// Whether a progress bar may be drawn: human output, not `--quiet` (indicatif itself draws
    /// nothing when stderr is not a terminal).
    pub fn progress(&self) -> bool {
        !self.quiet && self.format == MessageFormat::Human
    }
}
