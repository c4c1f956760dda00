//! Save-to-reload time of `errdocs serve` on a large synthetic site.
//!
//! Generates a site of `ERRDOCS_BENCH_RECORDS` records (default 10,000) in a temp
//! folder with the build benchmark's generator (`examples/bench.rs`: the same
//! deterministic, realistic records), starts the real `errdocs serve` on it, listens to the reload event stream
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

/// The build benchmark, for its site generator.
#[allow(dead_code)]
#[path = "../examples/bench.rs"]
mod build_bench;

/// Saves timed per kind.
const ROUNDS: usize = 15;

fn main() {
    let records: usize = std::env::var("ERRDOCS_BENCH_RECORDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let site = tempfile::tempdir().expect("temp dir");
    build_bench::generate(records, site.path());
    eprintln!("generated {records} records in {}", site.path().display());

    let started = Instant::now();
    let server = Server::start(site.path());
    println!(
        "first build and start: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let events = server.events();
    let mut generation = next_rebuild(&events, 0).generation;

    // The record edited: the one in the middle.
    let files = record_files(site.path());
    let path = files[files.len() / 2].clone();
    let code = path.file_stem().unwrap().to_string_lossy().into_owned();
    let original = std::fs::read_to_string(&path).unwrap();

    let kinds: [(&str, Edit); 3] = [
        ("edit the summary (lists show it)", &|round| {
            let line = format!("summary: |\n  Edited in round {round}.\n");
            Some(original.replacen("summary: |\n", &line, 1))
        }),
        ("edit a fix (only pages show it)", &|round| {
            let line = format!("fixes:\n  - Edited in round {round}.\n");
            Some(original.replacen("fixes:\n", &line, 1))
        }),
        ("touch (no change)", &|_| None),
    ];
    let page = format!("errors/{}/index.html", code.to_lowercase());
    println!("save → reload event, {records} records, editing {code} ({ROUNDS} saves each):");
    for (kind, content) in kinds {
        let saves = Saves {
            events: &events,
            path: &path,
            original: &original,
            page: &page,
        };
        let (to_page, to_lists) = saves.time(&mut generation, content, kind.contains("summary"));
        println!("  {kind:<40} {}", summary(to_page));
        if !to_lists.is_empty() {
            println!(
                "  {:<40} {}",
                "  …then its lists (A–Z, search, feeds)",
                summary(to_lists)
            );
        }
    }
    std::fs::write(&path, original).unwrap();
    drop(server);
}

/// Saves of one record, timed to the reload events they cause.
struct Saves<'a> {
    events: &'a Receiver<Rebuild>,
    path: &'a Path,
    original: &'a str,
    /// The record's page, as reload events name it.
    page: &'a str,
}

impl Saves<'_> {
    /// Saves the record `ROUNDS` times with `content`; returns the times from each save
    /// to the event that reloads its page, and (with `lists`) to the one that reloads
    /// the A–Z list.
    fn time(
        &self,
        generation: &mut u64,
        content: Edit,
        lists: bool,
    ) -> (Vec<Duration>, Vec<Duration>) {
        let is_page = |rebuild: &Rebuild| {
            (rebuild.paths.as_ref()).is_none_or(|p| p.iter().any(|p| p == self.page))
        };
        let is_lists = |rebuild: &Rebuild| {
            (rebuild.paths.as_ref()).is_none_or(|p| p.iter().any(|p| p == "errors/index.html"))
        };
        let mut to_page = Vec::new();
        let mut to_lists = Vec::new();
        for round in 0..ROUNDS {
            // Let the previous save settle, as a person between two saves would.
            std::thread::sleep(Duration::from_millis(250));
            while let Ok(rebuild) = self.events.try_recv() {
                *generation = (*generation).max(rebuild.generation);
            }
            let start = Instant::now();
            let edited = self.save(content(round));
            // The event that reloads the edited page (a touch reloads nothing: its
            // event names no file).
            let mut rebuild = next_rebuild(self.events, *generation);
            while edited && !is_page(&rebuild) {
                rebuild = next_rebuild(self.events, rebuild.generation);
            }
            to_page.push(start.elapsed());
            *generation = rebuild.generation;
            if lists {
                while !is_lists(&rebuild) {
                    rebuild = next_rebuild(self.events, rebuild.generation);
                }
                to_lists.push(start.elapsed());
                *generation = rebuild.generation;
            }
        }
        (to_page, to_lists)
    }

    /// Writes `text` into the record, or (`None`) only touches it; returns whether
    /// the record changed.
    fn save(&self, text: Option<String>) -> bool {
        match text {
            Some(text) => {
                assert_ne!(text, self.original, "the edit must change the record");
                std::fs::write(self.path, text).unwrap();
                true
            }
            None => {
                let file = std::fs::File::options()
                    .append(true)
                    .open(self.path)
                    .unwrap();
                file.set_modified(std::time::SystemTime::now()).unwrap();
                false
            }
        }
    }
}

/// Median, fastest and slowest, in milliseconds.
fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:6.1} ms   min {:6.1} ms   max {:6.1} ms",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    )
}

/// A reload event: the generation, and the files that changed (`None`: every page).
struct Rebuild {
    generation: u64,
    paths: Option<Vec<String>>,
}

/// The new text of the record for a round of saves; `None` only touches the file.
type Edit<'a> = &'a dyn Fn(usize) -> Option<String>;

/// Waits (at most a minute) for a reload event newer than `seen`.
fn next_rebuild(events: &Receiver<Rebuild>, seen: u64) -> Rebuild {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(rebuild) = events.recv_timeout(Duration::from_secs(1))
            && rebuild.generation > seen
        {
            return rebuild;
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
            // ERRDOCS_BENCH_VERBOSE=1 shows what serve prints: each rebuild's stages.
            .stderr(if std::env::var_os("ERRDOCS_BENCH_VERBOSE").is_some() {
                Stdio::inherit()
            } else {
                Stdio::null()
            })
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
    fn events(&self) -> Receiver<Rebuild> {
        let response = ureq::get(format!("{}__errdocs/events", self.url))
            .call()
            .expect("open the event stream");
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(response.into_body().into_reader());
            for line in reader.lines().map_while(Result::ok) {
                let Some(data) = line.strip_prefix("data: ") else {
                    continue;
                };
                let event: serde_json::Value = serde_json::from_str(data).unwrap();
                let rebuild = Rebuild {
                    generation: event["generation"].as_u64().unwrap(),
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
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The record files of the site, sorted.
fn record_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/errors"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}
