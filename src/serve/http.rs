//! The HTTP side of `serve`: axum on tokio, answering from the site in memory.
//!
//! Requests read the current state (an `Arc` taken from a tokio `watch` channel, which the
//! rebuild thread replaces in one step when a rebuild is done), so a request never waits for a
//! rebuild: it is answered from the last site that built, and a page rendered on demand is
//! rendered on a blocking thread, never on the server's. Paths are decoded once and refused
//! (404) when a segment is `.`, `..` or empty, holds a backslash or a NUL, or the decoding is not
//! UTF-8: the site is a map of paths, so nothing outside it can be reached anyway, but a path
//! that tries gets the plain answer a web host would give.
//!
//! HTML answers get the live-reload script (`overlay::inject`); `/__dossier/events` is a
//! server-sent-events stream of the state (its token, and the overlay when the last rebuild
//! failed), sent on connecting and after every rebuild; the streams end when the server stops,
//! so Ctrl-C never waits for an open page.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::watch;
use tower_http::set_header::SetResponseHeaderLayer;

use super::overlay::{self, EVENTS_PATH, LIVE_JS, SCRIPT_PATH};
use super::{Served, SiteFiles};

/// What every handler shares: the current state, and whether the server is stopping.
#[derive(Clone)]
pub struct App {
    /// The state, replaced after every rebuild.
    pub state: watch::Receiver<Arc<Served>>,
    /// Becomes `true` when the server stops.
    pub stopping: watch::Receiver<bool>,
}

/// The router: the script, the events, and the site.
pub fn router(app: App) -> Router {
    Router::new()
        .route(SCRIPT_PATH, get(script))
        .route(EVENTS_PATH, get(events))
        .fallback(get(site))
        // Pages change under the browser's feet: it must ask every time.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(app)
}

async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], LIVE_JS)
}

async fn events(State(app): State<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = futures_util::stream::unfold(
        (app.state, app.stopping, true),
        |(mut state, mut stopping, first)| async move {
            if !first {
                tokio::select! {
                    changed = state.changed() => changed.ok()?,
                    _ = stopping.changed() => return None,
                }
            }
            if *stopping.borrow() {
                return None;
            }
            let served = state.borrow_and_update().clone();
            let data = serde_json::json!({ "token": served.token, "errors": served.errors.as_deref() });
            let event = Event::default().event("state").data(data.to_string());
            Some((Ok(event), (state, stopping, false)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

async fn site(State(app): State<App>, uri: Uri) -> Response<Body> {
    let served = app.state.borrow().clone();
    let Some(path) = site_path(uri.path()) else {
        return not_found(&served).await;
    };
    let Some(site) = served.site.clone() else {
        return placeholder(&served, &path);
    };
    let wanted = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if let Some(bytes) = fetch(&site, &wanted).await {
        return file(&served, &wanted, bytes, StatusCode::OK);
    }
    // A folder asked for without its slash: pages link relatively, so they must be served from
    // the folder's own URL.
    if !path.is_empty() && !path.ends_with('/') && fetch(&site, &format!("{path}/index.html")).await.is_some() {
        let location = format!("{}/", uri.path());
        return Response::builder()
            .status(StatusCode::MOVED_PERMANENTLY)
            .header(header::LOCATION, location)
            .body(Body::empty())
            .unwrap_or_default();
    }
    not_found(&served).await
}

/// A site file, rendered on demand on a blocking thread when it has not been rendered yet.
async fn fetch(site: &Arc<SiteFiles>, path: &str) -> Option<Arc<[u8]>> {
    if let Some(bytes) = site.ready(path) {
        return bytes;
    }
    let (site, path) = (site.clone(), path.to_string());
    tokio::task::spawn_blocking(move || site.get(&path))
        .await
        .ok()
        .flatten()
}

fn placeholder(served: &Served, path: &str) -> Response<Body> {
    let html = path.is_empty() || path.ends_with('/') || path.ends_with(".html");
    if !html {
        return plain(StatusCode::NOT_FOUND, "not found");
    }
    let mut response = Response::new(Body::from(overlay::placeholder(&served.token)));
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

async fn not_found(served: &Served) -> Response<Body> {
    if let Some(site) = &served.site
        && let Some(bytes) = fetch(site, "404.html").await
    {
        return file(served, "404.html", bytes, StatusCode::NOT_FOUND);
    }
    plain(StatusCode::NOT_FOUND, "not found")
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

fn file(served: &Served, path: &str, bytes: Arc<[u8]>, status: StatusCode) -> Response<Body> {
    let kind = mime_guess::from_path(path).first_or_octet_stream();
    let html = kind.essence_str() == "text/html";
    let body = if html {
        Body::from(overlay::inject(&bytes, &served.token))
    } else {
        Body::from(bytes.to_vec())
    };
    let value = match kind.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", kind.essence_str()),
        _ if kind.essence_str() == "application/javascript" => "text/javascript; charset=utf-8".into(),
        _ => kind.essence_str().to_string(),
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

/// The site path a request path names: percent-decoded, without its leading `/`; `None` for a
/// path that is not UTF-8 once decoded or has a segment that is `.`, `..` or empty, or holds
/// a backslash or a NUL (all answered 404). A trailing `/` is kept: it names a folder's
/// `index.html`.
pub fn site_path(request: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(request).decode_utf8().ok()?;
    let rest = decoded.strip_prefix('/').unwrap_or(&decoded);
    let segments: Vec<&str> = rest.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        // An empty segment (`//`) is allowed only last, where it means a folder.
        let empty_inside = segment.is_empty() && i + 1 < segments.len();
        if empty_inside || *segment == "." || *segment == ".." || segment.contains(['\\', '\0']) {
            return None;
        }
    }
    Some(rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn paths_inside_the_site_are_decoded() {
        assert_eq!(site_path("/").as_deref(), Some(""));
        assert_eq!(site_path("/actors/isi/").as_deref(), Some("actors/isi/"));
        assert_eq!(
            site_path("/tags/caf%C3%A9/index.html").as_deref(),
            Some("tags/café/index.html")
        );
        assert_eq!(site_path("/a%20b.txt").as_deref(), Some("a b.txt"));
    }

    #[test]
    fn traversal_is_refused_however_it_is_spelled() {
        for path in [
            "/../etc/passwd",
            "/actors/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/actors/%2e%2e/%2e%2e/x",
            "/..%5c..%5cwindows",
            "/a%00b",
            "/./index.html",
            "//etc/passwd",
            "/%ff",
        ] {
            assert_eq!(site_path(path), None, "{path}");
        }
    }
}
