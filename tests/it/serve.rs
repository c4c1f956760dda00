//! `errdocs serve`: the real binary on an ephemeral port over a temp site, driven over
//! HTTP as a browser would, while the test edits the site's files.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{TestSite, errdocs_command};

/// How long anything may take before the test gives up: generous, because CI machines
/// are slow and busy. Nothing asserts on speed.
const PATIENCE: Duration = Duration::from_secs(20);
const RECORD: &str = "content/errors/auth/AADSTS40009.yaml";

/// A running `errdocs serve`, killed when dropped (also when a test panics).
struct Server {
    child: Child,
    url: String,
    stderr: Arc<Mutex<String>>,
    agent: ureq::Agent,
}

impl Server {
    fn start(site: &TestSite) -> Server {
        Server::start_on(site, 0)
    }

    /// Serves `site`, asking for `port` (0: any free one).
    fn start_on(site: &TestSite, port: u16) -> Server {
        let mut command: Command = errdocs_command();
        command
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(site.root())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("start errdocs serve");
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let log_writer = log.clone();
        std::thread::spawn(move || {
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
            .timeout_global(Some(PATIENCE))
            .build()
            .into();
        let mut server = Server {
            child,
            url: String::new(),
            stderr: log,
            agent,
        };
        match url_receiver.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => server.url = url,
            Err(_) => panic!("serve printed no URL; its output:\n{}", server.log()),
        }
        assert!(
            server.url.starts_with("http://127.0.0.1:"),
            "not on loopback: {}",
            server.url
        );
        server
    }

    fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// GET `path`: status, headers we check, body.
    fn get(&self, path: &str) -> Fetched {
        let url = format!("{}{}", self.url, path.trim_start_matches('/'));
        let mut response = self
            .agent
            .get(&url)
            .call()
            .unwrap_or_else(|e| panic!("GET {url}: {e}"));
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let content_type = header("content-type");
        let cache_control = header("cache-control");
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .unwrap_or_default();
        Fetched {
            status,
            content_type,
            cache_control,
            body,
        }
    }

    /// The reload events, read on a thread.
    fn events(&self) -> Receiver<Rebuild> {
        let url = format!("{}__errdocs/events", self.url);
        let response = self.agent.get(&url).call().expect("open the event stream");
        assert_eq!(
            response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("text/event-stream")
        );
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
    /// after [`PATIENCE`].
    fn eventually(&self, what: &str, mut check: impl FnMut() -> bool) {
        let start = Instant::now();
        while !check() {
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {what}; serve said:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The status line of a request sent byte for byte as written (no client tidies
    /// the path up first).
    fn raw_status(&self, path: &str) -> u16 {
        let address = self.url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("no status line for {path}: {response:?}"))
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
    content_type: String,
    cache_control: String,
    body: String,
}

/// Waits for a reload event announcing a generation after `seen`; returns it.
fn next_rebuild(server: &Server, events: &Receiver<Rebuild>, seen: u64) -> Rebuild {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
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

#[test]
fn serve_previews_edits_errors_and_fixes_live() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);

    let page = server.get("/errors/aadsts40009/");
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    assert_eq!(page.cache_control, "no-store");
    assert!(page.body.contains("refuse"), "{}", page.body);
    assert!(page.body.contains("/__errdocs/events"), "no reload script");
    assert!(!page.body.contains("errdocs-overlay"));
    assert_eq!(server.get("/atom.xml").content_type, "application/atom+xml");
    assert_eq!(
        server.get("/api/errors.json").content_type,
        "application/json"
    );

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
            .contains("content/errors/auth/AADSTS40009.yaml:2:1")
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
    let site = site.with_file("content/errors/auth/AADSTS40010.yaml", new_record);
    server.eventually("the added record's page", || {
        server.get("/errors/aadsts40010/").status == 200
    });
    assert!(server.get("/errors/").body.contains("AADSTS40010"));
    let renamed = std::fs::read_to_string(site.root().join("content/errors/auth/AADSTS40010.yaml"))
        .unwrap()
        .replace("AADSTS40010", "AADSTS40011")
        .replace("\"40010\"", "\"40011\"");
    std::fs::write(
        site.root().join("content/errors/auth/AADSTS40011.yaml"),
        renamed,
    )
    .unwrap();
    let site = site.without_file("content/errors/auth/AADSTS40010.yaml");
    server.eventually("the renamed record", || {
        server.get("/errors/aadsts40011/").status == 200
            && server.get("/errors/aadsts40010/").status == 404
            && server.get("/errors/40010/").status == 404
    });
    let site = site.without_file("content/errors/auth/AADSTS40011.yaml");
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

#[test]
fn serve_answers_only_inside_the_built_site() {
    let site = TestSite::fixture("basic").with_file("static/notes.txt", "plain");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        site.root().join("site.yaml"),
        site.root().join("static/link.txt"),
    )
    .unwrap();
    let server = Server::start(&site);
    assert_eq!(server.get("/notes.txt").status, 200);
    assert_eq!(
        server.get("/notes.txt").content_type,
        "text/plain; charset=utf-8"
    );
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
    assert_eq!(server.get("/no-such-page/").status, 404);
    for path in [
        "/../site.yaml",
        "/errors/../../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/errors/%2e%2e/%2e%2e/site.yaml",
        "//etc/passwd",
        "/..%5c..%5csite.yaml",
    ] {
        let status = server.raw_status(path);
        assert!(status == 400 || status == 404, "{path} answered {status}");
    }
    let status = server.raw_status(&format!("/{}", "a".repeat(10_000)));
    assert!(
        status == 414 || status == 431 || status == 400,
        "long URL: {status}"
    );
    // Only GET and HEAD.
    let response = server.agent.post(&server.url).send("x").unwrap();
    assert_eq!(response.status().as_u16(), 405);
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
fn serve_shows_template_errors_and_moves_off_a_taken_port() {
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
    let site = site.with_file(
        "templates/404.html",
        r#"{% extends "builtin/404.html" %}{% block content %}<p>Custom 404</p>{% endblock content %}"#,
    );
    server.eventually("the fixed template", || {
        let page = server.get("/no-such-page/");
        page.status == 404
            && page.body.contains("Custom 404")
            && !page.body.contains("errdocs-overlay")
    });

    // A second server asking for the first one's port gets another, and says so.
    let port: u16 = server
        .url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let second = Server::start_on(&site, port);
    assert_ne!(second.url, server.url);
    second.eventually("the note that the port is taken", || {
        second.log().contains(&format!("Port {port} is taken"))
    });
    assert_eq!(second.get("/errors/aadsts40009/").status, 200);
}
