//! Save-to-reload time of `errdocs serve` on a large synthetic site.
//!
//! Generates a site of `ERRDOCS_BENCH_RECORDS` records (default 10,000) in a temp
//! folder with the build benchmark's generator (`examples/bench.rs`: the same
//! deterministic, realistic records), starts the real `errdocs serve` on it, listens to
//! the reload event stream like an open browser tab, and times, for several kinds of
//! save, the span from the file being written to the reload event that names the file
//! awaited (or every page): the watcher's debounce, the incremental rebuild and the
//! event's delivery. The kinds: an edit shown only on the record's page, edits that
//! lists show (the summary: the search index, feeds and API index; the title: the A–Z,
//! category and tag pages too), adding, deleting and renaming a record, and a touch.
//! Prints the figures; asserts nothing.
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
    let page_of = |code: &str| format!("errors/{}/index.html", code.to_lowercase());
    let page = page_of(&code);
    // A record added beside it (and deleted again), and the name it is renamed to.
    let other = |round: usize| format!("{code}X{round}");
    let other_path = |round: usize| path.with_file_name(format!("{}.yaml", other(round)));
    let other_text = |round: usize| original.replace(&code, &other(round));
    let restore = || std::fs::write(&path, &original).unwrap();
    let renamed = |round: usize| format!("{code}R{round}");
    let renamed_path = |round: usize| path.with_file_name(format!("{}.yaml", renamed(round)));
    let renamed_text = |round: usize| original.replace(&code, &renamed(round));

    let kinds: Vec<Kind> = vec![
        Kind {
            name: "edit a fix (only its page shows it)",
            save: Box::new(|round| {
                let line = format!("fixes:\n  - Edited in round {round}.\n");
                write(&path, &original.replacen("fixes:\n", &line, 1));
            }),
            awaited: vec![("its page", Box::new(|_| Some(page.clone())))],
        },
        Kind {
            name: "edit the summary (lists show it)",
            save: Box::new(|round| {
                // A word new to the search index each round: an edit whose words
                // the index already holds leaves the index as it was.
                let line = format!("summary: |\n  Edited in round {round}: word{round}.\n");
                write(&path, &original.replacen("summary: |\n", &line, 1));
            }),
            awaited: vec![
                ("its page", Box::new(|_| Some(page.clone()))),
                (
                    "…then the search index",
                    Box::new(|_| Some("search/index.json".into())),
                ),
            ],
        },
        Kind {
            name: "edit the title (A–Z, category, tags)",
            save: Box::new(|round| {
                let line = format!("title: \"Edited in round {round}\"\n");
                let at = original.find("title:").unwrap();
                let end = at + original[at..].find('\n').unwrap() + 1;
                write(
                    &path,
                    &format!("{}{line}{}", &original[..at], &original[end..]),
                );
            }),
            awaited: vec![
                ("its page", Box::new(|_| Some(page.clone()))),
                (
                    "…then the A–Z page",
                    Box::new(|_| Some("errors/index.html".into())),
                ),
            ],
        },
        Kind {
            name: "add a record",
            save: Box::new(|round| write(&other_path(round), &other_text(round))),
            awaited: vec![("its page", Box::new(|round| Some(page_of(&other(round)))))],
        },
        Kind {
            name: "delete a record",
            save: Box::new(|round| std::fs::remove_file(other_path(round)).unwrap()),
            awaited: vec![("its page", Box::new(|round| Some(page_of(&other(round)))))],
        },
        Kind {
            // A record no other names in `related` (renaming one that others name is
            // an error until they follow): one added before the first kind, renamed
            // round by round, R<round> → R<round + 1>.
            name: "rename a record (file and code)",
            save: Box::new(|round| {
                write(&renamed_path(round + 1), &renamed_text(round + 1));
                std::fs::remove_file(renamed_path(round)).unwrap();
            }),
            awaited: vec![(
                "the new page",
                Box::new(|round| Some(page_of(&renamed(round + 1)))),
            )],
        },
        Kind {
            name: "touch (no change)",
            save: Box::new(|_| {
                let file = std::fs::File::options().append(true).open(&path).unwrap();
                file.set_modified(std::time::SystemTime::now()).unwrap();
            }),
            awaited: vec![("the rebuild", Box::new(|_| None))],
        },
    ];
    // The record the renames start from (the first kind's settling waits for it).
    write(&renamed_path(0), &renamed_text(0));
    println!("save → reload event, {records} records, around {code} ({ROUNDS} saves each):");
    for kind in &kinds {
        let times = kind.time(&events, &mut generation);
        for ((label, _), times) in kind.awaited.iter().zip(times) {
            let what = if label.starts_with('…') {
                format!("  {label}")
            } else {
                format!("{}: {label}", kind.name)
            };
            println!("  {what:<52} {}", summary(times));
        }
        restore();
    }
    let _ = std::fs::remove_file(renamed_path(ROUNDS));
    drop(server);
}

/// Writes a file whole.
fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// A kind of save, and the files whose reload it waits for, in order: each a function
/// of the round giving the file (as reload events name it), or `None` for the next
/// rebuild whatever it names.
struct Kind<'a> {
    name: &'static str,
    save: Box<dyn Fn(usize) + 'a>,
    awaited: Vec<(&'static str, Awaited<'a>)>,
}

/// The file a round of saves waits for the reload of (see [`Kind`]).
type Awaited<'a> = Box<dyn Fn(usize) -> Option<String> + 'a>;

impl Kind<'_> {
    /// Saves `ROUNDS` times; returns, per awaited file, the time from each save to the
    /// event that reloads it.
    fn time(&self, events: &Receiver<Rebuild>, generation: &mut u64) -> Vec<Vec<Duration>> {
        let mut times = vec![Vec::new(); self.awaited.len()];
        for round in 0..ROUNDS {
            // Let the previous save settle, as a person between two saves would: the
            // work it left for later too (its events would name the files awaited).
            std::thread::sleep(Duration::from_millis(250));
            while let Ok(rebuild) = events.recv_timeout(Duration::from_millis(500)) {
                *generation = (*generation).max(rebuild.generation);
            }
            let start = Instant::now();
            (self.save)(round);
            for ((_, file), times) in self.awaited.iter().zip(&mut times) {
                let file = file(round);
                let names = |rebuild: &Rebuild| match (&rebuild.paths, &file) {
                    (None, _) | (_, None) => true,
                    (Some(paths), Some(file)) => paths.contains(file),
                };
                let mut rebuild = next_rebuild(events, *generation);
                while !names(&rebuild) {
                    rebuild = next_rebuild(events, rebuild.generation);
                }
                times.push(start.elapsed());
                *generation = rebuild.generation;
            }
        }
        times
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
