//! Save-to-reload time of `errdocs serve` on a large synthetic site.
//!
//! Generates a site of `ERRDOCS_BENCH_RECORDS` records (default 10,000) in a temp
//! folder, starts the real `errdocs serve` on it, listens to the reload event stream
//! like an open browser tab, and times, for several kinds of save, the span from the
//! file being written to the reload event arriving: the watcher's debounce, the
//! incremental rebuild and the event's delivery. Prints the figures; asserts nothing.
//!
//! ```text
//! cargo bench --bench serve_reload
//! ```

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const CATEGORIES: [&str; 8] = [
    "auth", "refresh", "gateway", "network", "storage", "billing", "query", "tokens",
];
const SEVERITIES: [&str; 4] = ["low", "medium", "high", "critical"];
/// Saves timed per kind.
const ROUNDS: usize = 15;

fn main() {
    let records: usize = std::env::var("ERRDOCS_BENCH_RECORDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let site = tempfile::tempdir().expect("temp dir");
    generate(site.path(), records);
    eprintln!("generated {records} records in {}", site.path().display());

    let started = Instant::now();
    let server = Server::start(site.path());
    println!(
        "first build and start: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let events = server.events();
    let mut generation = wait_for_generation(&events, 0);

    // The record edited: one in the middle, listed as related by others.
    let code = record_code(records / 2);
    let path = site.path().join(record_path(records / 2));
    let original = std::fs::read_to_string(&path).unwrap();

    let kinds: [(&str, Edit); 3] = [
        ("edit the summary (lists show it)", &|round| {
            Some(original.replace("was not ready", &format!("was not ready ({round})")))
        }),
        ("edit a fix (only pages show it)", &|round| {
            Some(original.replace(
                "Retry the operation.",
                &format!("Retry the operation {round} times."),
            ))
        }),
        ("touch (no change)", &|_| None),
    ];
    println!("save → reload event, {records} records, editing {code} ({ROUNDS} saves each):");
    for (kind, content) in kinds {
        let mut times = Vec::new();
        for round in 0..ROUNDS {
            // Let the previous save settle, as a person between two saves would.
            std::thread::sleep(Duration::from_millis(250));
            let start = Instant::now();
            match content(round) {
                Some(text) => std::fs::write(&path, text).unwrap(),
                None => {
                    let file = std::fs::File::options().append(true).open(&path).unwrap();
                    file.set_modified(std::time::SystemTime::now()).unwrap();
                }
            }
            generation = wait_for_generation(&events, generation);
            times.push(start.elapsed());
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "  {kind:<36} median {:6.1} ms   min {:6.1} ms   max {:6.1} ms",
            ms(times[times.len() / 2]),
            ms(times[0]),
            ms(times[times.len() - 1])
        );
    }
    std::fs::write(&path, original).unwrap();
    drop(server);
}

/// The new text of the record for a round of saves; `None` only touches the file.
type Edit<'a> = &'a dyn Fn(usize) -> Option<String>;

/// Waits (at most a minute) for a reload event newer than `seen`.
fn wait_for_generation(events: &Receiver<u64>, seen: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(generation) = events.recv_timeout(Duration::from_secs(1))
            && generation > seen
        {
            return generation;
        }
    }
    panic!("no reload event after generation {seen} within a minute");
}

/// A running `errdocs serve`, killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_errdocs"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start errdocs serve");
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let url = line[at..].split_whitespace().next().unwrap().to_string();
                    let _ = sender.send(url);
                }
            }
        });
        let url = receiver
            .recv_timeout(Duration::from_secs(600))
            .expect("serve printed its URL");
        Server { child, url }
    }

    /// The generations announced by the reload event stream, read on a thread.
    fn events(&self) -> Receiver<u64> {
        let response = ureq::get(format!("{}__errdocs/events", self.url))
            .call()
            .expect("open the event stream");
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(response.into_body().into_reader());
            for line in reader.lines().map_while(Result::ok) {
                if let Some(data) = line.strip_prefix("data: ")
                    && let Ok(generation) = data.trim().parse()
                    && sender.send(generation).is_err()
                {
                    return;
                }
            }
        });
        receiver
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn record_code(i: usize) -> String {
    format!("E{i:05}")
}

fn record_path(i: usize) -> PathBuf {
    let category = CATEGORIES[i % CATEGORIES.len()];
    PathBuf::from(format!("content/errors/{category}/{}.yaml", record_code(i)))
}

/// A deterministic site: `records` records over eight categories, each with Markdown,
/// a fenced code block, tags shared with its neighbours and one `related` link.
fn generate(root: &Path, records: usize) {
    std::fs::write(
        root.join("site.yaml"),
        "title: Synthetic Error Reference\nbase_url: /\n",
    )
    .unwrap();
    let mut categories = String::new();
    for c in CATEGORIES {
        categories.push_str(&format!(
            "- slug: {c}\n  title: {c} errors\n  description: The {c} errors.\n"
        ));
        std::fs::create_dir_all(root.join("content/errors").join(c)).unwrap();
    }
    std::fs::write(root.join("content/categories.yaml"), categories).unwrap();
    for i in 0..records {
        let category = CATEGORIES[i % CATEGORIES.len()];
        let code = record_code(i);
        let related = record_code((i * 7 + 3) % records);
        let related = if related == code {
            "[]".to_string()
        } else {
            format!("[{related}]")
        };
        let text = format!(
            r#"code: {code}
title: Synthetic error number {i} in {category}
category: {category}
severity: {severity}
summary: |
  The operation failed because **thing {i}** was not ready. See `setting-{setting}`.
  A second sentence explains more about the {category} subsystem and why it matters.
causes:
  - The {category} service was busy.
  - A token expired (case {case}).
fixes:
  - Retry the operation.
  - |
    Run:
    ```powershell
    Reset-Thing -Id {i}
    ```
related: {related}
tags: [tag{t1}, tag{t2}]
sources:
  - title: Documentation
    url: https://example.com/docs/{i}
updated: 2026-0{month}-1{day}
"#,
            severity = SEVERITIES[i % 4],
            setting = i % 50,
            case = i % 17,
            t1 = i % 30,
            t2 = i % 7,
            month = 1 + i % 9,
            day = i % 9,
        );
        std::fs::write(root.join(record_path(i)), text).unwrap();
    }
}
