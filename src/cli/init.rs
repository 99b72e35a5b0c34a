//! `dossier init [DIR]`: a new dossier that builds at once.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Output;

/// Flags of `dossier init`.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to make the dossier in: absent or empty (made if missing).
    #[arg(default_value_os_t = super::default_dir())]
    dir: PathBuf,
    /// Write into a folder that is not empty, keeping every file already there.
    #[arg(long)]
    force: bool,
}

/// Run `dossier init`.
pub fn run(args: Args, out: &Output) -> ExitCode {
    let done = match dossier::scaffold::init(&args.dir, args.force) {
        Ok(done) => done,
        Err(e) => return out.failure(e),
    };
    for path in &done.written {
        out.detail(format_args!("wrote {}", path.display()));
    }
    for path in &done.kept {
        out.status(format_args!("kept {} as it was", path.display()));
    }
    let dir = args.dir.display();
    out.status(format_args!(
        "made a new dossier in {dir} ({} files)\n\
         next: `dossier serve {dir}` to see it while you edit, `dossier build {dir}` to write the site",
        done.written.len()
    ));
    ExitCode::SUCCESS
}
