//! `dossier serve`: flags, and what the terminal shows of the server's events (the address,
//! each rebuild with its time, the diagnostics of each change once).

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use dossier::serve::{Event, Options};

use super::Output;

/// Flags of `dossier serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The dossier folder (with dossier.yaml and content/).
    #[arg(default_value_os_t = super::default_dir())]
    dir: PathBuf,
    /// Port to listen on (default: 1111, or the next free one; 0: any free port). A port
    /// given here that is taken is an error.
    #[arg(short, long)]
    port: Option<u16>,
    /// Address to listen on. Anything but a loopback address shows the site to the network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Open the site in the default browser once it is served.
    #[arg(long)]
    open: bool,
    /// Serve the files marked `draft: true` too.
    #[arg(long)]
    drafts: bool,
}

/// Run `dossier serve` until Ctrl-C.
pub fn run(args: Args, out: &Output) -> ExitCode {
    let Args {
        dir,
        port,
        bind,
        open,
        drafts,
    } = args;
    let base = dir.to_string_lossy().into_owned();
    let shown = out.clone();
    let out = out.clone();
    let report = Arc::new(move |event: Event| match event {
        Event::Listening(address) => {
            // A host name the browser can open: an unspecified address listens everywhere,
            // including on loopback.
            let host = match address.ip() {
                ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_string(),
                ip if ip.is_unspecified() => "[::1]".to_string(),
                IpAddr::V6(ip) => format!("[{ip}]"),
                ip => ip.to_string(),
            };
            let url = format!("http://{host}:{}/", address.port());
            out.always(format_args!("serving at {url} (Ctrl-C to stop); watching for changes"));
            if open {
                open_browser(&url);
            }
        }
        Event::Rebuilt { changed, outcome } => {
            out.diagnostics(&outcome.diagnostics, &base);
            let what = match changed {
                [] => String::from("built"),
                [one] => format!("{one} changed: rebuilt"),
                many => format!("{} files changed: rebuilt", many.len()),
            };
            let ms = outcome.elapsed.as_millis();
            if out.verbose() {
                out.always(&outcome.timings);
            }
            match &outcome.site {
                Some(site) if site.on_demand_pages() => {
                    out.status(format_args!("{what} in {ms} ms (pages rendered as they are asked for)"))
                }
                Some(site) => out.status(format_args!("{what} in {ms} ms ({} files)", site.len())),
                None => {
                    out.summary(&outcome.diagnostics, false);
                    out.always(format_args!(
                        "{what} in {ms} ms: the dossier does not build; open pages show the errors"
                    ));
                }
            }
        }
        Event::Failed(e) => {
            out.always(format_args!(
                "error: {} (still serving the last site that built)",
                dossier::diag::printable(&e.to_string())
            ));
        }
        Event::WatchFailed(message) => out.always(format_args!(
            "error: {}; the site is no longer rebuilt",
            dossier::diag::printable(&message)
        )),
    });
    let options = Options {
        dir,
        bind,
        port,
        drafts,
    };
    match dossier::serve::serve(options, report) {
        Ok(()) => {
            shown.status("stopped");
            ExitCode::SUCCESS
        }
        Err(e) => shown.failure(e),
    }
}

/// Hand the URL to the desktop's browser; a failure is only a message (the URL is printed).
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        eprintln!("could not open a browser ({e}); open {url} yourself");
    }
}
