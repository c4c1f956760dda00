//! `errdocs serve`: the real binary on an ephemeral port over a temp site, driven over
//! HTTP as a browser would (and byte for byte where a client would tidy a request up),
//! while the test edits the site's files. Every wait is bounded only to stop a hang
//! ([`HANG_GUARD`], minutes); nothing here passes or fails on speed.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::*;

const RECORD: &str = "content/errors/authentication/AADSTS40009.yaml";

/// A running `errdocs serve`, killed when dropped (also when a test panics).
struct Server {
    child: Child,
    /// The URL it printed, `http://ADDRESS:PORT/`.
    url: String,
    address: SocketAddr,
    stderr: Arc<Mutex<String>>,
    agent: ureq::Agent,
}

impl Server {
    /// Serves `site` on a free port, as `errdocs serve` does by default otherwise.
    fn start(site: &TestSite) -> Server {
        Server::launch(site, &["--port", "0"], &[])
    }

    /// Runs `errdocs serve --root SITE ARGS` with `env` added to its environment, and
    /// waits for the URL it prints once the first build is served.
    fn launch(site: &TestSite, args: &[&str], env: &[(&str, OsString)]) -> Server {
        let mut command: Command = errdocs_command();
        command
            .arg("serve")
            .args(args)
            .arg("--root")
            .arg(site.root())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("start errdocs serve");
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let log_writer = log.clone();
        let log_reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                log_writer.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let (url_sender, url_receiver) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let url = line[at..].split_whitespace().next().unwrap().to_string();
                    let _ = url_sender.send(url);
                }
            }
        });
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(HANG_GUARD))
            .build()
            .into();
        let mut server = Server {
            child,
            url: String::new(),
            address: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            stderr: log,
            agent,
        };
        match url_receiver.recv_timeout(HANG_GUARD) {
            Ok(url) => server.url = url,
            Err(_) => {
                // Stopped (or hangs): all it said, once it is gone.
                let _ = server.child.kill();
                let status = server.child.wait();
                let _ = log_reader.join();
                panic!(
                    "serve printed no URL ({status:?}); its output:\n{}",
                    server.log()
                );
            }
        }
        server.address = server
            .url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", server.url));
        server
    }

    fn port(&self) -> u16 {
        self.address.port()
    }

    fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// GET `path` with an HTTP client: status, headers, body.
    fn get(&self, path: &str) -> Fetched {
        let url = format!("{}{}", self.url, path.trim_start_matches('/'));
        let mut response = self
            .agent
            .get(&url)
            .call()
            .unwrap_or_else(|e| panic!("GET {url}: {e}"));
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = value.to_str().unwrap_or("").to_string();
                (name.as_str().to_string(), value)
            })
            .collect();
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .unwrap_or_default();
        Fetched {
            status,
            headers,
            body,
        }
    }

    /// The body of `path` as the site built it: without the reload script the preview
    /// adds to HTML, which carries the rebuild's number.
    fn page(&self, path: &str) -> String {
        without_preview_script(&self.get(path).body)
    }

    /// Sends `request_line`, its `headers` and `body` byte for byte (no client tidies
    /// the path or the headers up first), and reads the whole response.
    fn raw(&self, request_line: &str, headers: &str, body: &[u8]) -> Fetched {
        let mut stream = TcpStream::connect(self.address).unwrap();
        stream.set_read_timeout(Some(HANG_GUARD)).unwrap();
        let head = format!(
            "{request_line}\r\nHost: {}\r\n{headers}Connection: close\r\n\r\n",
            self.address
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("no response to {request_line:?}: {response:?}"));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("no status line for {request_line:?}: {head:?}"));
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
            .collect();
        Fetched {
            status,
            headers,
            body: body.to_string(),
        }
    }

    /// GET `path`, sent as written.
    fn raw_get(&self, path: &str) -> Fetched {
        self.raw(&format!("GET {path} HTTP/1.1"), "", b"")
    }

    /// The reload events, read on a thread.
    fn events(&self) -> Receiver<Rebuild> {
        let url = format!("{}__errdocs/events", self.url);
        let response = self.agent.get(&url).call().expect("open the event stream");
        let header = |name: &str| {
            let value = response.headers().get(name);
            value.and_then(|v| v.to_str().ok()).map(str::to_string)
        };
        assert_eq!(header("content-type").as_deref(), Some("text/event-stream"));
        assert_eq!(header("cache-control").as_deref(), Some("no-store"));
        assert_eq!(header("x-content-type-options").as_deref(), Some("nosniff"));
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(response.into_body().into_reader());
            for line in reader.lines().map_while(Result::ok) {
                let Some(data) = line.strip_prefix("data: ") else {
                    continue;
                };
                let event: serde_json::Value = serde_json::from_str(data).expect("JSON data");
                let rebuild = Rebuild {
                    generation: event["generation"].as_u64().expect("a generation"),
                    paths: event["paths"].as_array().map(|paths| {
                        paths
                            .iter()
                            .map(|p| p.as_str().unwrap().to_string())
                            .collect()
                    }),
                };
                if sender.send(rebuild).is_err() {
                    return;
                }
            }
        });
        receiver
    }

    /// Waits until `check` holds, polling; panics with `what` and the server's output
    /// if it never does (a hang).
    fn eventually(&self, what: &str, mut check: impl FnMut() -> bool) {
        let guard = HangGuard::start(HANG_GUARD);
        while !check() {
            if guard.expired() {
                panic!("never saw {what}; serve said:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A reload event: the generation, and the files that changed (`None`: every page).
#[derive(Debug)]
struct Rebuild {
    generation: u64,
    paths: Option<Vec<String>>,
}

struct Fetched {
    status: u16,
    /// Header names in lower case.
    headers: BTreeMap<String, String>,
    body: String,
}

impl Fetched {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

/// Waits for a reload event announcing a generation after `seen`; returns it.
fn next_rebuild(server: &Server, events: &Receiver<Rebuild>, seen: u64) -> Rebuild {
    let guard = HangGuard::start(HANG_GUARD);
    while !guard.expired() {
        if let Ok(rebuild) = events.recv_timeout(Duration::from_millis(200))
            && rebuild.generation > seen
        {
            return rebuild;
        }
    }
    panic!(
        "no reload event after generation {seen}; serve said:\n{}",
        server.log()
    );
}

/// The reload events after generation `seen`, up to and including the first for which
/// `last` holds.
fn rebuilds_until(
    server: &Server,
    events: &Receiver<Rebuild>,
    seen: u64,
    last: impl Fn(&Rebuild) -> bool,
) -> Vec<Rebuild> {
    let mut rebuilds = vec![next_rebuild(server, events, seen)];
    while !last(rebuilds.last().unwrap()) {
        let seen = rebuilds.last().unwrap().generation;
        rebuilds.push(next_rebuild(server, events, seen));
    }
    rebuilds
}

/// Whether a reload event names `path` (an event for every page names them all).
fn names(rebuild: &Rebuild, path: &str) -> bool {
    rebuild
        .paths
        .as_ref()
        .is_none_or(|paths| paths.iter().any(|p| p == path))
}

/// An HTML page without the reload script the preview injects.
fn without_preview_script(body: &str) -> String {
    match body.find("<script data-errdocs-preview>") {
        Some(start) => {
            let end = body[start..].find("</script>").unwrap() + start + "</script>".len();
            format!("{}{}", &body[..start], &body[end..])
        }
        None => body.to_string(),
    }
}

/// Every file `errdocs build` makes of `site` (built into a temp folder, not the
/// site's own): the files the preview serves too.
fn site_files(site: &TestSite) -> Vec<String> {
    let output = tempfile::tempdir().unwrap();
    let options = errdocs::BuildOptions {
        output: Some(output.path().join("public")),
        ..errdocs::BuildOptions::new(site.root())
    };
    errdocs::build(&options).expect("the site builds");
    snapshot_dir(&output.path().join("public"))
        .into_keys()
        .map(|path| path.replace('\\', "/"))
        .collect()
}

/// Saves `text` as `relative` in one step, as many editors do (a temp file renamed over
/// it), so the watcher never sees the file half written.
fn save_whole(site: &TestSite, relative: &str, text: &[u8]) {
    let path = site.root().join(relative);
    let temp = path.with_extension("yaml.saving");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, &path).unwrap();
}

/// Edits `relative` like [`TestSite::edit`], saving it in one step.
fn edit_whole(site: &TestSite, relative: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.root().join(relative)).unwrap();
    assert!(text.contains(from), "{relative} does not contain {from:?}");
    save_whole(site, relative, text.replacen(from, to, 1).as_bytes());
}

/// The request path of a built file: `errors/x/index.html` → `/errors/x/`.
fn request_path(file: &str) -> String {
    format!("/{}", file.strip_suffix("index.html").unwrap_or(file))
}

/// Every file of the site as the server sends it now (HTML without the reload script).
fn served(server: &Server, files: &[String]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|file| (file.clone(), server.page(&request_path(file))))
        .collect()
}

#[test]
fn serve_previews_edits_errors_and_fixes_live() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);

    let page = server.get("/errors/aadsts40009/");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert_preview_headers("a page", &page);
    assert!(page.body.contains("refuse"), "{}", page.body);
    assert!(page.body.contains("/__errdocs/events"), "no reload script");
    assert!(!page.body.contains("errdocs-overlay"));

    // An edit: a reload event, then the page shows the new text.
    let events = server.events();
    let first = next_rebuild(&server, &events, 0);
    assert_eq!(first.paths, None, "the first event is for every page");
    let site = site.edit(RECORD, "refused to redeem", "declined to redeem");
    // Only the pages that changed reload; the edited one is among them. (A slow
    // write can show up half-done first, as a rebuild for every page: skip those.)
    let page = "errors/aadsts40009/index.html".to_string();
    let mut edited = next_rebuild(&server, &events, first.generation);
    while edited.paths.is_none() {
        edited = next_rebuild(&server, &events, edited.generation);
    }
    let paths = edited.paths.as_ref().unwrap();
    assert!(paths.contains(&page), "{paths:?}");
    let edited = edited.generation;
    server.eventually("the edited summary", || {
        server
            .get("/errors/aadsts40009/")
            .body
            .contains("declined to redeem")
    });

    // A typo in a key: the overlay with the diagnostic on every page, over the last
    // site that built.
    let site = site.edit(RECORD, "\ntitle:", "\ntitel:");
    // (The lists of the edit above may be announced first, on their own.)
    let mut broken = next_rebuild(&server, &events, edited);
    while broken.paths.is_some() {
        broken = next_rebuild(&server, &events, broken.generation);
    }
    let broken = broken.generation;
    server.eventually("the overlay", || {
        server
            .get("/errors/aadsts40009/")
            .body
            .contains("errdocs-overlay")
    });
    let page = server.get("/errors/aadsts40009/");
    assert!(
        page.body.contains("unknown key `titel` in an error record"),
        "{}",
        page.body
    );
    assert!(page.body.contains("did you mean `title`?"));
    assert!(
        page.body
            .contains("content/errors/authentication/AADSTS40009.yaml:2:1")
    );
    assert!(page.body.contains("declined to redeem"), "last good page");
    assert!(server.get("/").body.contains("errdocs-overlay"));
    assert!(
        server
            .get("/no-such-page/")
            .body
            .contains("errdocs-overlay")
    );

    // The fix clears it.
    let site = site.edit(RECORD, "\ntitel:", "\ntitle:");
    next_rebuild(&server, &events, broken);
    server.eventually("the overlay to go", || {
        !server
            .get("/errors/aadsts40009/")
            .body
            .contains("errdocs-overlay")
    });
    assert!(
        server.log().contains("unknown key `titel`"),
        "terminal shows it too"
    );

    // Add, rename and delete a record.
    let new_record = std::fs::read_to_string(site.root().join(RECORD))
        .unwrap()
        .replace("AADSTS40009", "AADSTS40010")
        .replace("\"40009\"", "\"40010\"");
    let site = site.with_file("content/errors/authentication/AADSTS40010.yaml", new_record);
    server.eventually("the added record's page", || {
        server.get("/errors/aadsts40010/").status == 200
    });
    // The lists follow the record's own page.
    server.eventually("the added record in the A–Z list", || {
        server.get("/errors/").body.contains("AADSTS40010")
    });
    let renamed = std::fs::read_to_string(
        site.root()
            .join("content/errors/authentication/AADSTS40010.yaml"),
    )
    .unwrap()
    .replace("AADSTS40010", "AADSTS40011")
    .replace("\"40010\"", "\"40011\"");
    std::fs::write(
        site.root()
            .join("content/errors/authentication/AADSTS40011.yaml"),
        renamed,
    )
    .unwrap();
    let site = site.without_file("content/errors/authentication/AADSTS40010.yaml");
    server.eventually("the renamed record", || {
        server.get("/errors/aadsts40011/").status == 200
            && server.get("/errors/aadsts40010/").status == 404
            && server.get("/errors/40010/").status == 404
    });
    let site = site.without_file("content/errors/authentication/AADSTS40011.yaml");
    server.eventually("the deleted record to go", || {
        server.get("/errors/aadsts40011/").status == 404
            && !server.get("/errors/").body.contains("AADSTS40011")
    });
    assert!(
        server
            .get("/errors/aadsts40009/")
            .body
            .contains("declined to redeem")
    );
    drop(server);

    // What `errdocs build` writes never has the preview's script or overlay.
    site.build_ok();
    assert!(
        !site
            .read("errors/aadsts40009/index.html")
            .contains("__errdocs")
    );
}

/// Asserts the headers every preview response carries.
fn assert_preview_headers(what: &str, response: &Fetched) {
    assert_eq!(response.header("cache-control"), "no-store", "{what}");
    assert_eq!(
        response.header("x-content-type-options"),
        "nosniff",
        "{what}"
    );
}

#[test]
fn serve_answers_only_inside_the_built_site() {
    let site = TestSite::fixture("basic").with_file("static/notes.txt", "plain");
    std::os::unix::fs::symlink(
        site.root().join("site.yaml"),
        site.root().join("static/link.txt"),
    )
    .unwrap();
    let server = Server::start(&site);
    let notes = server.get("/notes.txt");
    assert_eq!((notes.status, notes.body.as_str()), (200, "plain"));
    assert_eq!(notes.header("content-type"), "text/plain; charset=utf-8");
    assert_preview_headers("a static file", &notes);
    let page = server.get("/errors/aadsts40009/");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert_preview_headers("a page", &page);
    for (path, content_type) in [
        ("/atom.xml", "application/atom+xml"),
        ("/api/errors.json", "application/json"),
        ("/sitemap.xml", "application/xml"),
    ] {
        let file = server.get(path);
        assert_eq!(
            (file.status, file.header("content-type")),
            (200, content_type)
        );
        assert_preview_headers(path, &file);
    }
    assert_eq!(
        server.get("/link.txt").status,
        404,
        "symlinks are not served"
    );
    assert_eq!(
        server.get("/site.yaml").status,
        404,
        "sources are not served"
    );
    let missing = server.get("/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "the site's own 404 page");
    assert_preview_headers("a 404", &missing);
    // A folder without its slash, as static hosts do.
    let redirect = server.raw_get("/errors/aadsts40009");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location"), "/errors/aadsts40009/");
    assert_preview_headers("a redirect", &redirect);

    // Paths that try to leave the site, however they are spelled: 400, as promised.
    for path in [
        "/../site.yaml",
        "/errors/../../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/errors/%2e%2e/%2e%2e/site.yaml",
        "/./site.yaml",
        "//etc/passwd",
        "/..%5c..%5csite.yaml",
        "/errors%5caadsts40009%5cindex.html",
        "/..\\..\\site.yaml",
        "/site%00.yaml",
        "/%ff%fe",
    ] {
        let refused = server.raw_get(path);
        assert_eq!(refused.status, 400, "{path}");
    }
    let refused = server.raw_get("/%2e%2e/site.yaml");
    assert_preview_headers("a 400", &refused);

    // A URL over 4 KiB (4,096 bytes, its query included): 414. Up to it: looked up.
    let longest = format!("/{}", "a".repeat(4095));
    assert_eq!(server.raw_get(&longest).status, 404, "4,096 bytes");
    for long in [
        format!("/{}", "a".repeat(4096)),
        format!("/{}", "a".repeat(10_000)),
        format!("/?q={}", "a".repeat(4093)),
    ] {
        let refused = server.raw_get(&long);
        assert_eq!(refused.status, 414, "a URL of {} bytes", long.len());
        assert_preview_headers("a 414", &refused);
    }

    // A request with a body: 413, whichever way the body is framed.
    for (framing, body) in [
        ("Content-Length: 5\r\n", &b"hello"[..]),
        (
            "Transfer-Encoding: chunked\r\n",
            &b"5\r\nhello\r\n0\r\n\r\n"[..],
        ),
    ] {
        for method in ["GET", "HEAD"] {
            let refused = server.raw(&format!("{method} / HTTP/1.1"), framing, body);
            assert_eq!(refused.status, 413, "{method} with {framing:?}");
            assert_preview_headers("a 413", &refused);
        }
    }
    // An empty body is no body.
    let empty = server.raw("GET / HTTP/1.1", "Content-Length: 0\r\n", b"");
    assert_eq!(empty.status, 200);

    // Only GET and HEAD.
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let refused = server.raw(&format!("{method} / HTTP/1.1"), "", b"");
        assert_eq!(refused.status, 405, "{method}");
        assert_eq!(refused.header("allow"), "GET, HEAD", "{method}");
        assert_preview_headers("a 405", &refused);
    }
}

#[test]
fn serve_answers_head_with_the_headers_of_get_and_no_body() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    for path in ["/errors/aadsts40009/", "/api/errors.json", "/no-such-page/"] {
        let get = server.raw_get(path);
        let head = server.raw(&format!("HEAD {path} HTTP/1.1"), "", b"");
        assert_eq!(head.status, get.status, "{path}");
        assert!(!get.body.is_empty(), "{path}: GET has a body");
        assert_eq!(head.body, "", "{path}: HEAD has none");
        for name in ["content-type", "content-length", "cache-control"] {
            assert_eq!(head.header(name), get.header(name), "{path}: {name}");
        }
        assert_eq!(
            head.header("content-length"),
            get.body.len().to_string(),
            "{path}: the length of what GET sends"
        );
        assert_preview_headers(path, &head);
    }
}

/// This machine's addresses other than 127.0.0.1 that a client can connect to: the
/// one it would use to reach another network (if any), and 127.0.0.2 (also this
/// machine, yet not 127.0.0.1: a socket bound to 127.0.0.1 does not accept it).
fn other_local_addresses() -> Vec<IpAddr> {
    let mut found = vec![IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2))];
    // Connecting a UDP socket sends nothing; it only picks the route and its address.
    for target in ["192.0.2.1:9", "10.255.255.1:9", "203.0.113.1:9"] {
        let Ok(socket) = UdpSocket::bind("0.0.0.0:0") else {
            continue;
        };
        if let Ok(address) = socket.connect(target).and_then(|()| socket.local_addr()) {
            let ip = address.ip();
            if !ip.is_loopback() && !ip.is_unspecified() && !found.contains(&ip) {
                found.push(ip);
            }
        }
    }
    found
}

/// The addresses of the sockets listening on `port`, as the kernel lists them
/// (`/proc/net/tcp` and `tcp6`).
fn listening_addresses(port: u16) -> Vec<String> {
    let mut found = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = std::fs::read_to_string(table).unwrap_or_default();
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (Some(local), Some(&"0A")) = (fields.get(1), fields.get(3)) else {
                continue; // 0A: LISTEN
            };
            let (address, port_hex) = local.split_once(':').unwrap();
            if u16::from_str_radix(port_hex, 16) == Ok(port) {
                found.push(address.to_string());
            }
        }
    }
    found
}

fn accepts(address: IpAddr, port: u16) -> bool {
    TcpStream::connect_timeout(&SocketAddr::new(address, port), HANG_GUARD).is_ok()
}

#[test]
#[cfg(target_os = "linux")]
fn serve_listens_on_loopback_only_unless_bind_says_otherwise() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "not on loopback: {}",
        server.url
    );
    // The kernel's own list: one listening socket on that port, bound to 127.0.0.1
    // (0100007F), not to 0.0.0.0 or `::`.
    assert_eq!(listening_addresses(server.port()), ["0100007F"]);
    let others = other_local_addresses();
    for &address in &others {
        assert!(
            !accepts(address, server.port()),
            "the preview accepted a connection at {address}"
        );
    }
    assert_eq!(server.raw_get("/").status, 200);
    drop(server);

    // With --bind, it does accept there (so the probes above can tell).
    let open = Server::launch(&site, &["--port", "0", "--bind", "0.0.0.0"], &[]);
    assert_eq!(listening_addresses(open.port()), ["00000000"]);
    for &address in &others {
        assert!(
            accepts(address, open.port()),
            "--bind 0.0.0.0 refused {address}"
        );
    }
}

#[test]
fn serve_moves_off_a_taken_port_and_says_so() {
    let site = TestSite::fixture("basic");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::launch(&site, &["--port", &port.to_string()], &[]);
    assert_ne!(server.port(), port);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    assert!(
        server.log().contains(&format!("Port {port} is taken")),
        "{}",
        server.log()
    );
    assert_eq!(server.get("/errors/aadsts40009/").status, 200);
    // The port asked for was free: it is used.
    drop(server);
    drop(taken);
    let server = Server::launch(&site, &["--port", &port.to_string()], &[]);
    assert_eq!(server.port(), port);
}

/// A folder holding a fake `xdg-open` (the opener `--open` runs on Linux) that writes
/// its arguments into `opened` in the same folder.
fn fake_opener() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let opened = dir.path().join("opened");
    let script = dir.path().join("xdg-open");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{0}.part' && mv '{0}.part' '{0}'\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// `PATH` with `dir` first.
fn path_with(dir: &std::path::Path) -> OsString {
    let mut paths = vec![dir.to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

#[test]
#[cfg(target_os = "linux")]
fn serve_open_opens_the_preview_url_in_the_browser() {
    let site = TestSite::fixture("basic");
    let opener = fake_opener();
    let opened = opener.path().join("opened");
    let env = [("PATH", path_with(opener.path()))];
    let server = Server::launch(&site, &["--port", "0", "--open"], &env);
    server.eventually("the browser to be opened", || opened.exists());
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        format!("{}\n", server.url)
    );
    drop(server);

    // Without --open, no browser; the server answering means it is past that point.
    std::fs::remove_file(&opened).unwrap();
    let server = Server::launch(&site, &["--port", "0"], &env);
    for _ in 0..5 {
        assert_eq!(server.get("/").status, 200);
    }
    drop(server);
    assert!(!opened.exists(), "a browser was opened without --open");
}

#[test]
fn serve_shows_drafts_only_with_the_flag() {
    let site = TestSite::fixture("basic").with_file(
        "content/errors/authentication/DRAFT1.yaml",
        record_yaml("DRAFT1", "authentication") + "draft: true\n",
    );
    let server = Server::start(&site);
    assert_eq!(server.get("/errors/draft1/").status, 404);
    assert!(!server.get("/errors/").body.contains("DRAFT1"));
    assert!(!server.get("/api/errors.json").body.contains("DRAFT1"));
    drop(server);

    let server = Server::launch(&site, &["--port", "0", "--drafts"], &[]);
    let page = server.get("/errors/draft1/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Title of DRAFT1"), "{}", page.body);
    assert!(server.get("/errors/").body.contains("DRAFT1"));
    assert!(server.get("/api/errors.json").body.contains("DRAFT1"));
}

// ---- Incremental rebuilds ------------------------------------------------------------

/// The record pages (not alias redirects) that link to `code`'s page, as built.
fn record_pages_linking_to(site: &TestSite, files: &[String], slug: &str) -> BTreeSet<String> {
    let output = tempfile::tempdir().unwrap();
    let options = errdocs::BuildOptions {
        output: Some(output.path().to_path_buf()),
        base_url: Some("/".into()),
        ..errdocs::BuildOptions::new(site.root())
    };
    errdocs::build(&options).unwrap();
    let own = format!("errors/{slug}/index.html");
    files
        .iter()
        .filter(|f| f.starts_with("errors/") && f.ends_with("/index.html") && **f != own)
        .filter(|f| f.matches('/').count() == 2)
        .filter(|f| {
            let html = std::fs::read_to_string(output.path().join(f)).unwrap();
            !html.contains("http-equiv=\"refresh\"")
                && html.contains(&format!("href=\"/errors/{slug}/\""))
        })
        .cloned()
        .collect()
}

#[test]
fn serve_edit_rebuilds_the_page_and_the_pages_that_list_it_and_leaves_the_rest_untouched() {
    let site = TestSite::fixture("basic");
    let files = site_files(&site);
    let listing = record_pages_linking_to(&site, &files, "aadsts40009");
    // The fixture's links: AADSTS40009 names AADSTS50076 as related (shown on both
    // pages), and AADSTS50126 shares its category and a tag.
    assert_eq!(
        listing,
        BTreeSet::from([
            "errors/aadsts50076/index.html".to_string(),
            "errors/aadsts50126/index.html".to_string()
        ])
    );
    let server = Server::start(&site);
    let events = server.events();
    let first = next_rebuild(&server, &events, 0).generation;
    let before = served(&server, &files);

    // The title: the record's line in lists changes.
    edit_whole(
        &site,
        RECORD,
        "title: Refresh token could not be redeemed",
        "title: Refresh token was not redeemed",
    );
    // The page and the pages that list it come first; the lists (A–Z among them) follow.
    let rebuilds = rebuilds_until(&server, &events, first, |r| names(r, "errors/index.html"));
    eprintln!("reload events: {rebuilds:#?}");
    let after = served(&server, &files);
    assert!(
        after["errors/aadsts40009/index.html"].contains("Refresh token was not redeemed"),
        "the edit shows"
    );
    for rebuild in &rebuilds {
        assert!(
            rebuild.paths.is_some(),
            "an edit reloaded every page: {rebuilds:?}"
        );
    }
    let announced: BTreeSet<&str> = rebuilds
        .iter()
        .flat_map(|r| r.paths.iter().flatten())
        .map(String::as_str)
        .collect();
    let page_event = &rebuilds[0];
    for page in [
        "errors/aadsts40009/index.html",
        "api/errors/aadsts40009.json",
        "errors/40009/index.html",
    ]
    .into_iter()
    .chain(listing.iter().map(String::as_str))
    {
        assert!(
            names(page_event, page),
            "{page} not in the first reload: {page_event:?}"
        );
    }
    for list in [
        "index.html",
        "errors/index.html",
        "categories/authentication/index.html",
        "api/errors.json",
        "atom.xml",
        "search/index.json",
    ] {
        assert!(
            announced.contains(list),
            "{list} not reloaded: {rebuilds:?}"
        );
    }
    // Whatever changed was announced, so an open page showing it reloads ...
    let changed: Vec<&String> = files.iter().filter(|f| before[*f] != after[*f]).collect();
    for file in &changed {
        assert!(
            announced.contains(file.as_str()),
            "{file} changed unannounced: {rebuilds:?}"
        );
    }
    assert!(
        changed
            .iter()
            .any(|f| *f == "errors/aadsts40009/index.html")
    );
    // ... and the pages that do not show the record were neither rebuilt nor reloaded.
    for untouched in [
        "errors/datasource.error/index.html",
        "api/errors/datasource.error.json",
        "categories/refresh/index.html",
    ] {
        assert!(
            !announced.contains(untouched),
            "{untouched} reloaded: {rebuilds:?}"
        );
        assert_eq!(before[untouched], after[untouched], "{untouched} changed");
    }
}

/// How many rebuilds serve has reported in its terminal output.
fn rebuilds_logged(server: &Server) -> usize {
    server.log().matches("Rebuilt ").count()
}

#[test]
fn serve_reloads_nothing_for_a_save_without_a_change() {
    let site = TestSite::fixture("basic");
    let files = site_files(&site);
    let server = Server::start(&site);
    let events = server.events();
    let first = next_rebuild(&server, &events, 0).generation;
    let before = served(&server, &files);
    let logged = rebuilds_logged(&server);

    // The same bytes written again, then a touch: each a save the watcher reports.
    let path = site.root().join(RECORD);
    let bytes = std::fs::read(&path).unwrap();
    save_whole(&site, RECORD, &bytes);
    server.eventually("the rebuild of the rewritten file", || {
        rebuilds_logged(&server) > logged
    });
    let logged = rebuilds_logged(&server);
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::now() + Duration::from_secs(60))
        .unwrap();
    drop(file);
    server.eventually("the rebuild of the touched file", || {
        rebuilds_logged(&server) > logged
    });

    // A real edit after them: every event before its own reloaded nothing.
    edit_whole(
        &site,
        "content/errors/refresh/DataSource.Error.yaml",
        "could not reach or read",
        "could not reach or parse",
    );
    let rebuilds = rebuilds_until(&server, &events, first, |r| {
        names(r, "errors/datasource.error/index.html")
    });
    eprintln!("reload events: {rebuilds:#?}");
    let (edit, saves) = rebuilds.split_last().unwrap();
    for save in saves {
        assert_eq!(
            save.paths,
            Some(vec![]),
            "a save without a change reloaded pages: {rebuilds:?}"
        );
    }
    assert!(edit.paths.is_some(), "{edit:?}");
    let after = served(&server, &files);
    assert_eq!(
        before["errors/aadsts40009/index.html"],
        after["errors/aadsts40009/index.html"]
    );
}

/// Saves a change, waits for its reload, and asserts it reloaded every page, then
/// that `shows` holds for every HTML page of `files`.
fn assert_rebuilds_everything(
    server: &Server,
    events: &Receiver<Rebuild>,
    seen: &mut u64,
    files: &[String],
    what: &str,
    save: impl FnOnce(),
    shows: impl Fn(&str, &str) -> bool,
) {
    save();
    let rebuild = next_rebuild(server, events, *seen);
    assert_eq!(rebuild.paths, None, "{what}: not every page reloaded");
    *seen = rebuild.generation;
    for file in files.iter().filter(|f| f.ends_with(".html")) {
        server.eventually(&format!("{what} on {file}"), || {
            let page = server.get(&request_path(file)).body;
            !page.contains("errdocs-overlay") && shows(file, &page)
        });
    }
}

#[test]
fn serve_rebuilds_everything_after_a_change_to_settings_categories_templates_or_static_files() {
    let site = TestSite::fixture("basic");
    let files = site_files(&site);
    let server = Server::start(&site);
    let events = server.events();
    let mut seen = next_rebuild(&server, &events, 0).generation;
    let root = site.root().to_path_buf();
    let edit = |file: &str, from: &str, to: &str| {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}: {from}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
    };

    assert_rebuilds_everything(
        &server,
        &events,
        &mut seen,
        &files,
        "the new site title",
        || {
            edit(
                "site.yaml",
                "title: Fixture Error Reference",
                "title: Renamed Reference",
            )
        },
        |_, page| page.contains("Renamed Reference") && !page.contains("Fixture Error Reference"),
    );

    assert_rebuilds_everything(
        &server,
        &events,
        &mut seen,
        &files,
        "the new category title",
        || {
            edit(
                "content/categories.yaml",
                "title: Refresh errors",
                "title: Scheduled refresh errors",
            )
        },
        |file, page| {
            let shows_categories = [
                "index.html",
                "categories/index.html",
                "categories/refresh/index.html",
                "errors/datasource.error/index.html",
            ]
            .contains(&file);
            !shows_categories || page.contains("Scheduled refresh errors")
        },
    );

    let marker = r#"<meta name="x-theme" content="site override">"#;
    assert_rebuilds_everything(
        &server,
        &events,
        &mut seen,
        &files,
        "the overridden base template",
        || {
            std::fs::create_dir_all(root.join("templates")).unwrap();
            std::fs::write(
                root.join("templates/base.html"),
                format!(r#"{{% extends "builtin/base.html" %}}{{% block head %}}{marker}{{% endblock head %}}"#),
            )
            .unwrap();
        },
        // Alias redirects are tiny pages of their own, without the base template.
        |_, page| page.contains(marker) || page.contains("http-equiv=\"refresh\""),
    );

    let stylesheet = |page: &str| {
        let at = page
            .find("<link rel=\"stylesheet\" href=\"")
            .map(|i| i + 29)?;
        Some(page[at..].split('"').next()?.to_string())
    };
    let old_stylesheet = stylesheet(&server.get("/").body).unwrap();
    assert_rebuilds_everything(
        &server,
        &events,
        &mut seen,
        &files,
        "the site's own stylesheet",
        || {
            std::fs::create_dir_all(root.join("static")).unwrap();
            std::fs::write(
                root.join("static/style.css"),
                "body { color: rebeccapurple }\n",
            )
            .unwrap();
        },
        |_, page| stylesheet(page).is_none_or(|href| href != old_stylesheet),
    );
    let href = stylesheet(&server.get("/").body).unwrap();
    assert_eq!(server.get(&href).body, "body { color: rebeccapurple }\n");
}

/// The preview renders only a record's own page after an edit of its causes, fixes,
/// FAQ or sources, trusting that no other page, list, index or feed shows them. This
/// holds the built site to that: such an edit changes exactly two files.
#[test]
fn page_only_fields_show_on_no_other_page() {
    fn files(site: &TestSite) -> std::collections::BTreeMap<String, Vec<u8>> {
        site.build_ok();
        walkdir::WalkDir::new(site.output())
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let path = e.path().strip_prefix(site.output()).unwrap();
                let key = path.to_string_lossy().replace('\\', "/");
                (key, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }
    let site = TestSite::fixture("basic");
    let before = files(&site);
    let site = site
        .edit(RECORD, "First cause:", "The first cause:")
        .edit(RECORD, "Check the federation settings.", "Check the trust.")
        .edit(
            RECORD,
            "Only users of a federated",
            "Only the users of a federated",
        )
        .edit(RECORD, "title: Error codes", "title: The error codes");
    let after = files(&site);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let changed: Vec<&String> = before
        .iter()
        .filter(|(path, bytes)| after[*path] != **bytes)
        .map(|(path, _)| path)
        .collect();
    assert_eq!(
        changed,
        [
            "api/errors/aadsts40009.json",
            "errors/aadsts40009/index.html"
        ]
    );
}

#[test]
fn serve_shows_template_errors_in_the_overlay_until_fixed() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    let first = next_rebuild(&server, &events, 0).generation;
    let site = site.with_file("templates/404.html", "{% if %}");
    server.eventually("the template error in the overlay", || {
        let page = server.get("/");
        page.body.contains("errdocs-overlay") && page.body.contains("404.html:1:")
    });
    assert!(next_rebuild(&server, &events, first).generation > first);
    let _site = site.with_file(
        "templates/404.html",
        r#"{% extends "builtin/404.html" %}{% block content %}<p>Custom 404</p>{% endblock content %}"#,
    );
    server.eventually("the fixed template", || {
        let page = server.get("/no-such-page/");
        page.status == 404
            && page.body.contains("Custom 404")
            && !page.body.contains("errdocs-overlay")
    });
}

#[test]
fn serve_previews_pages_as_they_are_written_added_and_broken() {
    let site = TestSite::fixture("http-api");
    let server = Server::start(&site);
    let guide = "content/pages/guide/reading-errors.md";
    assert!(
        server
            .get("/guide/reading-errors/")
            .body
            .contains("How to read an error")
    );
    edit_whole(
        &site,
        guide,
        "title: How to read an error",
        "title: Reading an Acme error",
    );
    server.eventually("the new title", || {
        server
            .get("/guide/reading-errors/")
            .body
            .contains("<h1>Reading an Acme error</h1>")
    });
    save_whole(
        &site,
        "content/pages/changelog.md",
        b"---\ntitle: Changelog\n---\nWhat changed, newest first.\n",
    );
    server.eventually("the new page", || server.get("/changelog/").status == 200);
    // A checked link to nothing shows in the overlay, like any content error.
    edit_whole(&site, guide, "(@ACME-2001)", "(@ACME-2999)");
    server.eventually("the broken link in the overlay", || {
        let page = server.get("/changelog/").body;
        page.contains("errdocs-overlay") && page.contains("broken-link")
    });
    edit_whole(&site, guide, "(@ACME-2999)", "(@ACME-2001)");
    server.eventually("the overlay gone", || {
        !server.get("/changelog/").body.contains("errdocs-overlay")
    });
}
