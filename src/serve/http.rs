//! The preview's HTTP side: files from memory, the reload event stream, the overlay.
//!
//! Every request path is decoded and checked before it is looked up: a path with a
//! `..` or `.` segment (also written `%2e%2e`), a backslash, a NUL, an empty segment
//! (`//etc/passwd`) or bytes that are not UTF-8 gets 400; anything else is a key of the
//! in-memory site or a 404. Nothing is read from disk, so no request can reach a file
//! outside the built site, symlinks included. Only GET and HEAD are answered, one with
//! a body gets 413, a URL over 4 KiB 414; every response says `Cache-Control: no-store`,
//! because the files change under the browser, and `X-Content-Type-Options: nosniff`.
//!
//! HTML responses get the reload script (and, while the content has errors, the
//! overlay) injected on the way out; the built files never contain them.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;

use crate::paths::Paths;

/// Where the preview's own endpoints live; no site file is served under it.
pub const RESERVED_PREFIX: &str = "/__errdocs/";
const EVENTS_PATH: &str = "/__errdocs/events";
/// The longest request URL answered (bytes, the path and the query).
const MAX_URL_BYTES: usize = 4096;

/// What the server shows now.
#[derive(Default)]
pub struct Snapshot {
    /// The last site that built: path relative to the site root → bytes.
    pub files: HashMap<String, Bytes>,
    /// The diagnostics as `errdocs check` prints them, while the content has errors.
    pub problems: Option<String>,
    /// Counts rebuilds; pages carry it, the event stream announces each new one.
    pub generation: u64,
}

/// A rebuild, as the reload stream announces it.
#[derive(Clone, Debug)]
pub struct Announcement {
    pub generation: u64,
    /// The files that changed (keys of [`Snapshot::files`]); `None` for every page (a
    /// whole rebuild, or the overlay came or went).
    pub paths: Option<Arc<Vec<String>>>,
}

impl Announcement {
    /// The event's data: `{"generation":N,"paths":[...]|null}`.
    fn to_json(&self) -> String {
        serde_json::json!({ "generation": self.generation, "paths": self.paths.as_deref() })
            .to_string()
    }
}

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    pub snapshot: Arc<RwLock<Snapshot>>,
    pub announcements: broadcast::Sender<Announcement>,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(file)
        .with_state(state)
}

/// The reload stream: an event `reload` for every page at once (the page reloads if it
/// is from an older generation: it missed a rebuild), then one per rebuild, naming the
/// files that changed. A page reloads when its own file is among them.
async fn events(State(state): State<AppState>) -> Response {
    let receiver = state.announcements.subscribe();
    let hello = every_page(&state);
    let stream = futures_util::stream::unfold(
        (receiver, Some(hello), state),
        |(mut receiver, pending, state)| async move {
            let announcement = match pending {
                Some(announcement) => announcement,
                None => match receiver.recv().await {
                    Ok(announcement) => announcement,
                    // Too slow to keep up: whatever changed, reload.
                    Err(RecvError::Lagged(_)) => every_page(&state),
                    Err(RecvError::Closed) => return None,
                },
            };
            let event = Event::default()
                .event("reload")
                .data(announcement.to_json());
            Some((Ok::<_, Infallible>(event), (receiver, None, state)))
        },
    );
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response();
    preview_headers(&mut response);
    response
}

/// The current generation, for every page.
fn every_page(state: &AppState) -> Announcement {
    let snapshot = state.snapshot.read().unwrap_or_else(|p| p.into_inner());
    Announcement {
        generation: snapshot.generation,
        paths: None,
    }
}

async fn file(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut response = answer(&state, &method, &uri, &headers);
    preview_headers(&mut response);
    response
}

fn answer(state: &AppState, method: &Method, uri: &Uri, headers: &HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = status(StatusCode::METHOD_NOT_ALLOWED);
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let has_body = headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .is_some_and(|length| length != "0");
    if has_body {
        return status(StatusCode::PAYLOAD_TOO_LARGE);
    }
    let url_bytes = uri.path_and_query().map_or(0, |p| p.as_str().len());
    if url_bytes > MAX_URL_BYTES {
        return status(StatusCode::URI_TOO_LONG);
    }
    let key = match output_key(uri.path()) {
        Ok(key) => key,
        Err(code) => return status(code),
    };
    let snapshot = state.snapshot.read().unwrap_or_else(|p| p.into_inner());
    if let Some(bytes) = snapshot.files.get(&key) {
        return page(&snapshot, &key, bytes.clone(), StatusCode::OK);
    }
    // `/errors/x` → `/errors/x/`, as static hosts do.
    let folder = Paths::file_for_request(&format!("{key}/"));
    if !uri.path().ends_with('/') && snapshot.files.contains_key(&folder) {
        let location = format!("{}/", uri.path());
        let mut response = status(StatusCode::PERMANENT_REDIRECT);
        if let Ok(location) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    // The preview serves the site at its root.
    let not_found = Paths::new("/").not_found().file();
    match snapshot.files.get(&not_found) {
        Some(bytes) => page(&snapshot, &not_found, bytes.clone(), StatusCode::NOT_FOUND),
        None if snapshot.problems.is_some() => {
            // Nothing has built yet: a blank page to carry the overlay.
            let blank = Bytes::from_static(
                b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>errdocs preview</title></head><body></body></html>",
            );
            page(&snapshot, "index.html", blank, StatusCode::NOT_FOUND)
        }
        None => status(StatusCode::NOT_FOUND),
    }
}

/// The key of the in-memory site a request path names, or the status refusing it.
pub fn output_key(path: &str) -> Result<String, StatusCode> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| StatusCode::BAD_REQUEST)?;
    let Some(rest) = decoded.strip_prefix('/') else {
        return Err(StatusCode::BAD_REQUEST);
    };
    if decoded.starts_with(RESERVED_PREFIX) {
        return Err(StatusCode::NOT_FOUND);
    }
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let empty_inside = segment.is_empty() && i != last;
        if empty_inside || *segment == "." || *segment == ".." || segment.contains(['\\', '\0']) {
            return Err(StatusCode::BAD_REQUEST);
        }
    }
    Ok(Paths::file_for_request(rest))
}

/// A file's response: its content type, and for HTML the reload script and overlay.
fn page(snapshot: &Snapshot, key: &str, bytes: Bytes, code: StatusCode) -> Response {
    let content_type = content_type(key);
    let body = if content_type.starts_with("text/html") {
        Bytes::from(inject(
            &bytes,
            snapshot.generation,
            snapshot.problems.as_deref(),
        ))
    } else {
        bytes
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = code;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

fn status(code: StatusCode) -> Response {
    let text = code.canonical_reason().unwrap_or("error");
    let mut response = (code, format!("{} {text}\n", code.as_u16())).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// The headers of every response: files change under the browser (`no-store`), and
/// no content type is guessed from the bytes (`nosniff`).
fn preview_headers(response: &mut Response) {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

/// The content type of a built file, by its extension.
pub fn content_type(key: &str) -> &'static str {
    let extension = key.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if key == "atom.xml" => "application/atom+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "webmanifest" => "application/manifest+json",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The reload client: listens to the event stream, reloads on a new generation.
const LIVE_SCRIPT: &str = include_str!("live.js");

/// The page with the reload script and, when `problems` is set, the overlay, inserted
/// before `</body>` (or at the end).
pub fn inject(html: &[u8], generation: u64, problems: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(problems) = problems {
        extra.push_str(&overlay(problems));
    }
    extra.push_str(&format!(
        "<script data-errdocs-preview>var errdocsGeneration = {generation};\n{LIVE_SCRIPT}</script>\n"
    ));
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The overlay: the diagnostics over the page, which stays the last good one.
fn overlay(problems: &str) -> String {
    format!(
        r#"<div id="errdocs-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem">
<p style="margin:0 0 1rem;font:600 16px/1.4 system-ui,sans-serif;color:#fca5a5">The content has errors: this is the last site that built. Fix them and save; the page reloads.</p>
<pre style="white-space:pre-wrap;margin:0">{}</pre>
<button type="button" onclick="this.parentNode.remove()" style="position:absolute;top:1rem;right:1rem;font:inherit">Close</button>
</div>
"#,
        crate::render::highlight::escape_html(problems)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_keys_inside_the_site() {
        assert_eq!(output_key("/").unwrap(), "index.html");
        assert_eq!(
            output_key("/errors/aadsts40009/").unwrap(),
            "errors/aadsts40009/index.html"
        );
        assert_eq!(output_key("/style.css").unwrap(), "style.css");
        assert_eq!(output_key("/a%20b.txt").unwrap(), "a b.txt");
        for bad in [
            "/../etc/passwd",
            "/errors/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "//etc/passwd",
            "/a/./b",
            "/a%5c..%5cb",
            "/a%00b",
            "/%ff",
        ] {
            assert_eq!(output_key(bad), Err(StatusCode::BAD_REQUEST), "{bad}");
        }
        assert_eq!(output_key("/__errdocs/x"), Err(StatusCode::NOT_FOUND));
    }

    #[test]
    fn injection_goes_before_the_end_of_the_body_and_escapes_problems() {
        let html = b"<html><body><p>hi</p></body></html>";
        let out = String::from_utf8(inject(html, 7, Some("<b>&"))).unwrap();
        assert!(out.ends_with("</body></html>"));
        assert!(out.contains("errdocsGeneration = 7"));
        assert!(out.contains("&lt;b&gt;&amp;"));
        assert!(!out.contains("<b>&"));
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/atom+xml");
        assert_eq!(content_type("api/errors.json"), "application/json");
        assert_eq!(content_type("x.unknown"), "application/octet-stream");
    }
}
