//! `dossier serve`: the site built in memory, served on a local port, rebuilt when a file
//! changes, and every open page reloaded (or shown the errors) when it is.
//!
//! Three parts, one thread each: the server (`http`: axum on a small tokio runtime) answers
//! from the current state; the watcher (`watch`: notify) waits for a change to the dossier's
//! inputs and lets it settle; the rebuild (`rebuild`: the pipeline into memory, keeping what it
//! can between rebuilds) makes a new state, which replaces the old one in one step and is
//! pushed to the open pages. What is added to pages on the way out (the reload script, the
//! error overlay) is in `overlay`; the site in memory is byte for byte what `build` writes.
//! Nothing is written to disk: `public/` is untouched.
//!
//! The command line (`src/cli/serve.rs`) prints what happens, from the [`Event`]s handed to it.

mod http;
pub mod overlay;
mod rebuild;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::watch as channel;

pub use http::site_path;
pub use rebuild::{Outcome, Rebuilder, SiteFiles};

use crate::Failure;

/// The port `serve` tries first, and how many after it it tries when that one is taken (as
/// Zola does, from the same 1111).
pub const DEFAULT_PORT: u16 = 1111;
const PORTS_TRIED: u16 = 50;

/// How `serve` is asked to run.
pub struct Options {
    /// The dossier folder.
    pub dir: PathBuf,
    /// The address to listen on (127.0.0.1 unless asked otherwise).
    pub bind: IpAddr,
    /// The port asked for; `None` for [`DEFAULT_PORT`] or the next free one.
    pub port: Option<u16>,
    /// Serve the files marked `draft: true` too (`--drafts`).
    pub drafts: bool,
}

/// What the server tells the command line, as it happens.
pub enum Event<'a> {
    /// The first build is done (or failed) and the server listens at this address.
    Listening(SocketAddr),
    /// A rebuild is done, after a change to these paths (relative to the dossier folder).
    Rebuilt {
        /// The paths that changed (empty for the first build).
        changed: &'a [String],
        /// What the rebuild gave.
        outcome: &'a Outcome,
    },
    /// A rebuild could not read the dossier folder (it was moved away, say); the last site
    /// stays served.
    Failed(&'a Failure),
    /// The watcher failed; the site stays served but is no longer rebuilt.
    WatchFailed(String),
}

/// What stops `serve` before it serves.
#[derive(Debug)]
pub enum ServeError {
    /// The dossier folder cannot be read.
    Load(Failure),
    /// The address cannot be listened on.
    Listen(String),
    /// The runtime or the watcher could not start.
    Start(String),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Load(e) => e.fmt(f),
            ServeError::Listen(m) | ServeError::Start(m) => f.write_str(m),
        }
    }
}

/// The state the server answers from, replaced whole after every rebuild.
pub struct Served {
    /// Changes with every rebuild; an open page reloads when it differs from the one it was
    /// served with.
    pub token: String,
    /// The last site that built (kept while a later rebuild fails).
    pub site: Option<Arc<SiteFiles>>,
    /// The overlay's HTML when the last rebuild failed.
    pub errors: Option<String>,
}

/// Serve the dossier until Ctrl-C (or SIGTERM). The first build happens before the server
/// listens; `report` hears every event, in order.
pub fn serve(options: Options, report: Arc<dyn Fn(Event) + Send + Sync>) -> Result<(), ServeError> {
    // A dossier folder that cannot be read is the first thing to say, before any port.
    let inputs = crate::load::input_folders(&options.dir).map_err(|e| ServeError::Load(Failure::Load(e)))?;
    let root = inputs.root;
    let listener = listen(options.bind, options.port)?;
    let address = listener
        .local_addr()
        .map_err(|e| ServeError::Listen(format!("cannot listen: {e}")))?;

    let mut rebuilder = Rebuilder::new(&root, options.drafts);
    // Any number that differs between runs: a page left open across a restart reloads.
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let mut generation = 0u64;
    let mut served = Served {
        token: format!("{run:x}-0"),
        site: None,
        errors: None,
    };
    let first = rebuilder.rebuild().map_err(ServeError::Load)?;
    apply(&mut served, &first);
    report(Event::Rebuilt {
        changed: &[],
        outcome: &first,
    });
    drop(first);
    let (state_tx, state_rx) = channel::channel(Arc::new(served));

    // Watch before listening, so that no change after the first build is missed.
    let mut watcher =
        watch::Watch::new(&root).map_err(|e| ServeError::Start(format!("cannot watch {}: {e}", root.display())))?;
    let log = report.clone();
    std::thread::Builder::new()
        .name("dossier-rebuild".into())
        .spawn(move || {
            while let Some(changed) = watcher.next_change() {
                generation += 1;
                match rebuilder.rebuild() {
                    Ok(outcome) => {
                        let mut next = Served {
                            token: format!("{run:x}-{generation}"),
                            site: state_tx.borrow().site.clone(),
                            errors: None,
                        };
                        apply(&mut next, &outcome);
                        state_tx.send_replace(Arc::new(next));
                        log(Event::Rebuilt {
                            changed: &changed,
                            outcome: &outcome,
                        });
                    }
                    Err(e) => log(Event::Failed(&e)),
                }
            }
            log(Event::WatchFailed("the file watcher stopped".into()));
        })
        .map_err(|e| ServeError::Start(format!("cannot start the rebuild thread: {e}")))?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| ServeError::Start(format!("cannot start the server: {e}")))?;
    let (stop_tx, stop_rx) = channel::channel(false);
    let app = http::App {
        state: state_rx,
        stopping: stop_rx,
    };
    runtime.block_on(async move {
        listener
            .set_nonblocking(true)
            .map_err(|e| ServeError::Listen(format!("cannot listen: {e}")))?;
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| ServeError::Listen(format!("cannot listen: {e}")))?;
        report(Event::Listening(address));
        axum::serve(listener, http::router(app))
            .with_graceful_shutdown(async move {
                stopped().await;
                let _ = stop_tx.send(true);
            })
            .await
            .map_err(|e| ServeError::Start(format!("the server stopped: {e}")))
    })?;
    // Open connections that did not close (a stalled client) are not waited for.
    runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    Ok(())
}

/// The next state's site and overlay after `outcome`.
fn apply(served: &mut Served, outcome: &Outcome) {
    match &outcome.site {
        Some(site) => {
            served.site = Some(site.clone());
            served.errors = None;
        }
        None => served.errors = Some(overlay::overlay(&outcome.diagnostics)),
    }
}

/// Bind the address: the port asked for, or the first free one from [`DEFAULT_PORT`].
fn listen(bind: IpAddr, port: Option<u16>) -> Result<TcpListener, ServeError> {
    let in_use = |port: u16| {
        ServeError::Listen(format!(
            "port {port} on {bind} is in use (another `dossier serve`?): stop it, or choose another \
             port with `--port N` (`--port 0` takes any free one)"
        ))
    };
    let other = |port: u16, e: std::io::Error| ServeError::Listen(format!("cannot listen on {bind} port {port}: {e}"));
    if let Some(port) = port {
        return TcpListener::bind(SocketAddr::new(bind, port)).map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => in_use(port),
            _ => other(port, e),
        });
    }
    for port in DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED {
        match TcpListener::bind(SocketAddr::new(bind, port)) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(other(port, e)),
        }
    }
    Err(ServeError::Listen(format!(
        "ports {DEFAULT_PORT} to {} on {bind} are all in use: choose one with `--port N`",
        DEFAULT_PORT + PORTS_TRIED - 1
    )))
}

/// Resolves on Ctrl-C, or SIGTERM on Unix.
async fn stopped() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
