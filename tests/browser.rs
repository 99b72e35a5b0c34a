//! End-to-end tests in a real headless Chromium (Debian's /usr/bin/chromium, driven through the
//! DevTools protocol by headless_chrome; nothing is downloaded). They build the example
//! dossier, then use the site as a reader would: over http under a sub-path, and from disk.
//!
//! They are `#[ignore]`d so that `cargo test` passes honestly on a machine without Chromium;
//! `.ci/run` installs Chromium and runs them with `--include-ignored`.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};

/// The example site, built once for all tests of this file.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dossier-browser-{}", std::process::id()));
        let out = dir.join("public");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let report = dossier::build(root, &out, true).expect("the example builds");
        assert!(report.files_written > 200);
        out
    })
}

/// A tiny static file server for `site()` under `/briefing/`, on a free loopback port.
fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || serve_one(stream));
            }
        });
        format!("http://127.0.0.1:{port}/briefing/")
    })
}

fn serve_one(mut stream: std::net::TcpStream) {
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Drain the headers.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let (status, body, kind) = match path.strip_prefix("/briefing/") {
        Some(rel) if !rel.split('/').any(|p| p == "..") => {
            let mut file = site().join(rel);
            if file.is_dir() {
                file = file.join("index.html");
            }
            match std::fs::read(&file) {
                Ok(bytes) => ("200 OK", bytes, content_type(&file)),
                Err(_) => ("404 Not Found", b"not found".to_vec(), "text/plain"),
            }
        }
        _ => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    }
}

fn browser() -> Browser {
    let args: Vec<&std::ffi::OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .collect();
    let options = LaunchOptions {
        headless: true,
        sandbox: false,
        path: Some(PathBuf::from(
            std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
        )),
        args,
        idle_browser_timeout: Duration::from_secs(120),
        ..LaunchOptions::default()
    };
    Browser::new(options).expect("Chromium starts (install Debian's chromium package)")
}

/// Console errors and uncaught exceptions of a tab, collected as they happen.
fn watch_errors(tab: &Arc<Tab>) -> Arc<Mutex<Vec<String>>> {
    let errors = Arc::new(Mutex::new(Vec::new()));
    let sink = errors.clone();
    tab.enable_runtime().unwrap();
    tab.enable_log().unwrap();
    tab.add_event_listener(Arc::new(move |event: &Event| match event {
        Event::RuntimeExceptionThrown(e) => {
            sink.lock()
                .unwrap()
                .push(format!("exception: {}", e.params.exception_details.text));
        }
        Event::RuntimeConsoleAPICalled(e) if format!("{:?}", e.params.Type) == "Error" => {
            sink.lock().unwrap().push(format!(
                "console.error: {:?}",
                e.params.args.first().and_then(|a| a.value.clone())
            ));
        }
        Event::LogEntryAdded(e) if format!("{:?}", e.params.entry.level) == "Error" => {
            sink.lock()
                .unwrap()
                .push(format!("log: {} {:?}", e.params.entry.text, e.params.entry.url));
        }
        _ => {}
    }))
    .unwrap();
    errors
}

/// Navigate and wait for the load event (polling `document.readyState`, which is much quicker
/// than waiting for the network to be idle for half a second on each of 200 pages).
fn load(tab: &Tab, url: &str) {
    tab.navigate_to(url).unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let state = tab
            .evaluate("document.readyState + ' ' + location.href", false)
            .ok()
            .and_then(|r| r.value)
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if state.starts_with("complete ")
            && state.ends_with(url.split('?').next().unwrap_or(url).rsplit('/').next().unwrap_or(""))
        {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "{url} did not load: {state}");
        std::thread::sleep(Duration::from_millis(15));
    }
}

fn file_url(rel: &str) -> String {
    format!("file://{}/{rel}", site().display())
}

/// Wait until the search results list has at least one link, and return the hrefs.
fn result_links(tab: &Tab) -> Vec<String> {
    tab.wait_for_element_with_custom_timeout("#search-results a", Duration::from_secs(10))
        .expect("search shows results");
    tab.find_elements("#search-results a")
        .unwrap()
        .iter()
        .filter_map(|a| a.get_attribute_value("href").ok().flatten())
        .collect()
}

#[test]
#[ignore = "needs chromium"]
fn searching_an_actors_name_finds_their_page_under_a_sub_path() {
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    let errors = watch_errors(&tab);
    tab.navigate_to(&format!("{}search/index.html", server()))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    tab.wait_for_element("#q").unwrap().click().unwrap();
    tab.type_str("Qureshi").unwrap();
    let links = result_links(&tab);
    let first = &links[0];
    assert!(
        first.ends_with("actors/shah-mehmood-qureshi/index.html"),
        "first result: {first} of {links:?}"
    );
    tab.find_element("#search-results a").unwrap().click().unwrap();
    tab.wait_until_navigated().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        tab.get_url(),
        format!("{}actors/shah-mehmood-qureshi/index.html", server())
    );
    let h1 = tab.wait_for_element("h1").unwrap().get_inner_text().unwrap();
    assert_eq!(h1, "Shah Mehmood Qureshi");
    assert!(errors.lock().unwrap().is_empty(), "{:?}", errors.lock().unwrap());
}

#[test]
#[ignore = "needs chromium"]
fn search_works_from_disk_with_the_query_in_the_address() {
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    let errors = watch_errors(&tab);
    tab.navigate_to(&format!("{}?q=Jaish", file_url("search/index.html")))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let links = result_links(&tab);
    assert!(
        links.iter().any(|l| l.ends_with("actors/jaish-e-muhammed/index.html")),
        "{links:?}"
    );
    assert!(errors.lock().unwrap().is_empty(), "{:?}", errors.lock().unwrap());
}

#[test]
#[ignore = "needs chromium"]
fn clicking_a_timeline_mark_opens_the_incident() {
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("{}timeline/index.html", server()))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let mark = tab
        .wait_for_element("svg a[*|href*='incidents/2008-11-26-mumbai-attacks/']")
        .expect("a timeline mark");
    mark.click().unwrap();
    tab.wait_until_navigated().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        tab.get_url(),
        format!("{}incidents/2008-11-26-mumbai-attacks/index.html", server())
    );
    let h1 = tab.wait_for_element("h1").unwrap().get_inner_text().unwrap();
    assert_eq!(h1, "Mumbai attacks");
}

#[test]
#[ignore = "needs chromium"]
fn no_page_logs_a_console_error() {
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    let errors = watch_errors(&tab);
    let mut pages: Vec<String> = walkdir::WalkDir::new(site())
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().strip_prefix(site()).unwrap().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert!(pages.len() > 200);
    let mut failures = Vec::new();
    for page in &pages {
        load(&tab, &format!("{}{page}", server()));
        let found: Vec<String> = std::mem::take(&mut *errors.lock().unwrap());
        if !found.is_empty() {
            failures.push(format!("{page}: {found:?}"));
        }
    }
    // The search page with a query runs the script fully.
    tab.navigate_to(&format!("{}search/index.html?q=ISI", server()))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    result_links(&tab);
    failures.extend(errors.lock().unwrap().drain(..).map(|e| format!("search?q=ISI: {e}")));
    assert!(failures.is_empty(), "{failures:#?}");
}
