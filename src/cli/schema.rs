//! `dossier schema`: the JSON Schemas of dossier.yaml, actor, incident and annotation files,
//! written into a folder for editors (the YAML language server completes and explains fields
//! from them).

use std::path::PathBuf;
use std::process::ExitCode;

use super::Output;

/// Flags of `dossier schema`.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to write the schemas into (made if missing); files of the same names are
    /// replaced, nothing else is touched.
    #[arg(short, long, value_name = "DIR", default_value = "schemas")]
    out: PathBuf,
}

/// Run `dossier schema`.
pub fn run(args: Args, out: &Output) -> ExitCode {
    match dossier::scaffold::write_schemas(&args.out) {
        Ok(written) => {
            for path in &written {
                out.detail(format_args!("wrote {}", path.display()));
            }
            out.status(format_args!(
                "wrote {} JSON Schemas into {}",
                written.len(),
                args.out.display()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => out.failure(e),
    }
}
