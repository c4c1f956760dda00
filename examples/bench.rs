//! The build benchmark: a deterministic synthetic site of N records, built by the
//! release `errdocs` binary and, when they are installed, by Zola and Hugo from the same
//! records with equivalent templates, each measured as a whole process, side by side in
//! one run; and compared with copying errdocs' own output (`cp -r`, the floor: only
//! writing the bytes).
//!
//! ```sh
//! cargo build --release && cargo run --release --example bench        # N = 1,000, 10,000, 100,000
//! cargo run --release --example bench -- run 1000 10000                # some sizes
//! cargo run --release --example bench -- check                         # `errdocs check` alone, 10,000 records
//! cargo run --release --example bench -- generate 10000 /tmp/site      # only the errdocs site
//! cargo run --release --example bench -- generate-peers 10000 /tmp/p   # only the Zola and Hugo sites
//! ```
//!
//! The peers are found through `ERRDOCS_BENCH_ZOLA` and `ERRDOCS_BENCH_HUGO` (a binary,
//! or empty to leave one out), else `zola` and `hugo` on PATH; a peer that is absent is
//! skipped, and the output says so. They build sizes up to `ERRDOCS_BENCH_PEERS_UP_TO`
//! records (default 10,000: at 100,000 a peer needs many minutes and gigabytes).
//! `peers.rs` says what each peer's site builds and what differs from errdocs'.
//!
//! Every command writes into a folder of its own that does not exist yet, and nothing
//! is deleted between the measured runs of one size: ext4 creates files markedly slower
//! right after many were deleted (it skips recently freed inodes), which would favour
//! whichever command ran later. The rounds alternate the commands, each round starting
//! with a different tool, and the medians of the rounds are printed with their range.

// Explicit paths: `benches/serve_reload.rs` includes this file as a module for its
// site generator, and a module loaded by path looks for its own modules beside it.
#[path = "bench/corpus.rs"]
mod corpus;
#[path = "bench/measure.rs"]
mod measure;
#[path = "bench/peers.rs"]
mod peers;

use std::path::PathBuf;
use std::process::Command;

use measure::{Runs, folder_totals, measure, thousands};

/// Measured runs of each command per size.
const ROUNDS: usize = 3;

/// Measured runs of `check` in the `check` mode.
const CHECK_ROUNDS: usize = 5;

/// The sizes run when none are given.
const DEFAULT_SIZES: &[usize] = &[1_000, 10_000, 100_000];

/// The largest size the peers build unless `ERRDOCS_BENCH_PEERS_UP_TO` says otherwise.
const DEFAULT_PEERS_UP_TO: usize = 10_000;

/// The issue's goals, printed next to the figures they judge.
const GOAL_ZOLA_RATIO: f64 = 0.2;
const GOAL_COPY_RATIO: f64 = 1.2;
const GOAL_MEMORY_GROWTH: f64 = 2.0;
const GOAL_CHECK_SECONDS: f64 = 0.2;

const USAGE: &str = "usage: bench [run [N...] | check [N] | generate N DIR | generate-peers N DIR]";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => {
            let (n, dir) = size_and_dir(&args);
            generate(n, &dir);
            println!("wrote a {n}-record errdocs site to {}", dir.display());
        }
        Some("generate-peers") => {
            let (n, dir) = size_and_dir(&args);
            peers::write_sites(n, &dir);
            println!(
                "wrote a {n}-record Zola site to {} and a Hugo site to {}",
                dir.join("zola").display(),
                dir.join("hugo").display()
            );
        }
        Some("run") => run(&sizes(&args[1..])),
        Some("check") => check(args.get(1).and_then(|a| parse_size(a)).unwrap_or(10_000)),
        None => run(DEFAULT_SIZES),
        Some(other) => {
            eprintln!("unknown command {other}; {USAGE}");
            std::process::exit(2);
        }
    }
}

/// Writes the `n`-record corpus as an errdocs site into `dir` (replacing what is
/// there); `benches/serve_reload.rs` uses it too.
pub fn generate(n: usize, dir: &std::path::Path) {
    corpus::write_errdocs_site(n, dir);
}

fn size_and_dir(args: &[String]) -> (usize, PathBuf) {
    let n = args.get(1).and_then(|a| parse_size(a));
    match (n, args.get(2)) {
        (Some(n), Some(dir)) => (n, PathBuf::from(dir)),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
}

/// `10000`, `10_000` and `10,000` are all ten thousand.
fn parse_size(arg: &str) -> Option<usize> {
    arg.replace(['_', ','], "").parse().ok()
}

fn sizes(args: &[String]) -> Vec<usize> {
    let sizes: Vec<usize> = args.iter().filter_map(|a| parse_size(a)).collect();
    if sizes.is_empty() {
        DEFAULT_SIZES.to_vec()
    } else {
        sizes
    }
}

fn errdocs_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/release/examples/bench → target/release/errdocs
    let binary = exe.parent().unwrap().parent().unwrap().join("errdocs");
    assert!(
        binary.is_file(),
        "build the binary first: cargo build --release ({} is missing)",
        binary.display()
    );
    binary
}

/// A folder for this run's sites and outputs, under the system's temporary folder.
fn work_dir() -> PathBuf {
    std::env::temp_dir().join(format!("errdocs-bench-{}", std::process::id()))
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `command`, or stops the benchmark with what the command printed.
fn measured(what: &str, command: &mut Command) -> measure::Measured {
    match measure(command) {
        Ok(m) => m,
        Err(stderr) => {
            eprintln!("{what} failed:\n{stderr}");
            std::process::exit(1);
        }
    }
}

/// A tool that builds the site in the comparison.
#[derive(Clone, Copy, PartialEq)]
enum Builder {
    Errdocs,
    /// Index into the peers found.
    Peer(usize),
}

/// What one size measured: a row per command.
struct SizeResult {
    n: usize,
    errdocs: Runs,
    copy: Runs,
    check: Runs,
    /// One per peer that ran at this size, in the order of the peers found.
    peers: Vec<Runs>,
}

fn run(sizes: &[usize]) {
    let binary = errdocs_binary();
    let (found, absent) = peers::find();
    let peers_up_to = std::env::var("ERRDOCS_BENCH_PEERS_UP_TO")
        .ok()
        .and_then(|v| parse_size(&v))
        .unwrap_or(DEFAULT_PEERS_UP_TO);
    let work = work_dir();
    println!(
        "errdocs build benchmark, {} cores: cold builds of the same synthetic site into fresh folders,",
        cores()
    );
    println!(
        "medians of {ROUNDS} alternating rounds (min–max in brackets); ratios are taken round by round"
    );
    for peer in &found {
        println!(
            "peer: {} {} ({}), up to {} records",
            peer.name,
            peer.version,
            peer.binary.display(),
            thousands(peers_up_to)
        );
    }
    for line in &absent {
        println!("peer: {line}");
    }

    let mut results = Vec::new();
    for &n in sizes {
        let dir = work.join(n.to_string());
        let site = dir.join("site");
        let peers_dir = dir.join("peers");
        corpus::write_errdocs_site(n, &site);
        let active: &[peers::Peer] = if n <= peers_up_to { &found } else { &[] };
        if !active.is_empty() {
            peers::write_sites(n, &peers_dir);
        }
        let mut builders = vec![Builder::Errdocs];
        builders.extend((0..active.len()).map(Builder::Peer));

        let mut errdocs = Vec::new();
        let mut copies = Vec::new();
        let mut checks = Vec::new();
        let mut peer_runs: Vec<Vec<measure::Measured>> =
            active.iter().map(|_| Vec::new()).collect();
        for round in 0..ROUNDS {
            // Each round starts with a different tool.
            let mut order = builders.clone();
            let first = round % order.len();
            order.rotate_left(first);
            for builder in order {
                match builder {
                    Builder::Errdocs => {
                        let output = dir.join(format!("errdocs-{round}"));
                        errdocs.push(measured(
                            &format!("errdocs build of {n} records"),
                            Command::new(&binary)
                                .args(["build", "--root"])
                                .arg(&site)
                                .arg("--output")
                                .arg(&output),
                        ));
                        copies.push(measured(
                            "cp -r",
                            Command::new("cp")
                                .arg("-r")
                                .arg(&output)
                                .arg(dir.join(format!("copy-{round}"))),
                        ));
                    }
                    Builder::Peer(i) => {
                        let peer = &active[i];
                        let output = dir.join(format!("{}-{round}", peer.name.to_lowercase()));
                        peer_runs[i].push(measured(
                            &format!("{} build of {n} records", peer.name),
                            &mut peer.build_command(&peers_dir, &output),
                        ));
                    }
                }
            }
            checks.push(measured(
                "errdocs check",
                Command::new(&binary).args(["check", "--root"]).arg(&site),
            ));
        }
        let result = SizeResult {
            n,
            errdocs: Runs {
                runs: errdocs,
                written: folder_totals(&dir.join("errdocs-0")),
            },
            copy: Runs {
                runs: copies,
                written: folder_totals(&dir.join("copy-0")),
            },
            check: Runs {
                runs: checks,
                written: (0, 0),
            },
            peers: peer_runs
                .into_iter()
                .zip(active)
                .map(|(runs, peer)| Runs {
                    runs,
                    written: folder_totals(&dir.join(format!("{}-0", peer.name.to_lowercase()))),
                })
                .collect(),
        };
        print_size(&result, active);
        if active.len() < found.len() {
            println!(
                "(peers left out: {} records is above ERRDOCS_BENCH_PEERS_UP_TO = {})",
                thousands(n),
                thousands(peers_up_to)
            );
        }
        results.push(result);
        let _ = std::fs::remove_dir_all(&dir);
    }
    let _ = std::fs::remove_dir_all(&work);
    print_growth(&results, &found);
}

fn print_size(result: &SizeResult, peers: &[peers::Peer]) {
    let n = result.n;
    println!();
    println!(
        "{:<26} {:>20} {:>20} {:>10} {:>8} {:>8}",
        format!("{} records", thousands(n)),
        "wall s",
        "CPU s",
        "peak MiB",
        "files",
        "MB"
    );
    let row = |name: &str, runs: &Runs| {
        let (files, bytes) = runs.written;
        println!(
            "{:<26} {:>20} {:>20} {:>10.0} {:>8} {:>8}",
            name,
            runs.wall().show(2),
            runs.cpu().show(2),
            runs.peak_mib().median,
            if files == 0 {
                "-".into()
            } else {
                thousands(files)
            },
            if files == 0 {
                "-".into()
            } else {
                format!("{:.1}", bytes as f64 / 1e6)
            },
        );
    };
    row("errdocs build", &result.errdocs);
    row("cp -r of errdocs' output", &result.copy);
    for (peer, runs) in peers.iter().zip(&result.peers) {
        row(&format!("{} {}", peer.name, peer.version), runs);
    }
    row("errdocs check", &result.check);
    println!(
        "records/s: errdocs {:.0}",
        n as f64 / result.errdocs.wall().median
    );
    for (peer, runs) in peers.iter().zip(&result.peers) {
        let goal = if peer.name == "Zola" {
            format!(" (goal ≤ {GOAL_ZOLA_RATIO})")
        } else {
            String::new()
        };
        println!(
            "errdocs / {}: {}{goal}",
            peer.name,
            result.errdocs.ratio_to(runs).show(2)
        );
    }
    println!(
        "errdocs / cp -r: {} (goal ≤ {GOAL_COPY_RATIO})",
        result.errdocs.ratio_to(&result.copy).show(2)
    );
}

/// How much a figure grows per tenfold of records between two sizes:
/// `(b / a) ^ (1 / log10(n_b / n_a))`, which is `b / a` for sizes ten times apart.
fn per_tenfold(n_a: usize, a: f64, n_b: usize, b: f64) -> f64 {
    (b / a).powf(1.0 / (n_b as f64 / n_a as f64).log10())
}

fn print_growth(results: &[SizeResult], peers: &[peers::Peer]) {
    if results.len() < 2 {
        return;
    }
    println!();
    println!("growth per tenfold of records (medians; 10 = linear):");
    let steps: Vec<(&SizeResult, &SizeResult)> = results
        .windows(2)
        .map(|w| (&w[0], &w[1]))
        .filter(|(a, b)| b.n > a.n)
        .collect();
    let header: Vec<String> = steps
        .iter()
        .map(|(a, b)| format!("{}→{}", thousands(a.n), thousands(b.n)))
        .collect();
    println!(
        "{:<26} {}",
        "",
        header
            .iter()
            .map(|h| format!("{h:>18}"))
            .collect::<String>()
    );
    let line = |name: String, figure: &dyn Fn(&SizeResult) -> Option<f64>| {
        let cells: Vec<String> = steps
            .iter()
            .map(|(a, b)| match (figure(a), figure(b)) {
                (Some(x), Some(y)) => format!("{:>18.1}", per_tenfold(a.n, x, b.n, y)),
                _ => format!("{:>18}", "-"),
            })
            .collect();
        println!("{name:<26} {}", cells.concat());
    };
    line("errdocs build wall".into(), &|r| {
        Some(r.errdocs.wall().median)
    });
    line("errdocs build peak memory".into(), &|r| {
        Some(r.errdocs.peak_mib().median)
    });
    line("errdocs check wall".into(), &|r| {
        Some(r.check.wall().median)
    });
    for (i, peer) in peers.iter().enumerate() {
        line(format!("{} wall", peer.name), &|r| {
            r.peers.get(i).map(|runs| runs.wall().median)
        });
        line(format!("{} peak memory", peer.name), &|r| {
            r.peers.get(i).map(|runs| runs.peak_mib().median)
        });
    }
    let at = |n: usize| results.iter().find(|r| r.n == n);
    if let (Some(small), Some(large)) = (at(10_000), at(100_000)) {
        println!(
            "errdocs peak memory at 100,000 / at 10,000: {:.1} (goal ≤ {GOAL_MEMORY_GROWTH})",
            large.errdocs.peak_mib().median / small.errdocs.peak_mib().median
        );
    }
}

/// `errdocs check` alone: one run to warm the page cache, then the measured ones.
fn check(n: usize) {
    let binary = errdocs_binary();
    let work = work_dir();
    let site = work.join("site");
    corpus::write_errdocs_site(n, &site);
    let mut command = Command::new(&binary);
    command.args(["check", "--root"]).arg(&site);
    measured("errdocs check", &mut command);
    let runs: Vec<measure::Measured> = (0..CHECK_ROUNDS)
        .map(|_| measured("errdocs check", &mut command))
        .collect();
    let _ = std::fs::remove_dir_all(&work);
    let runs = Runs {
        runs,
        written: (0, 0),
    };
    println!(
        "errdocs check of {} records, {} cores, median of {CHECK_ROUNDS} after one warm-up run (min–max):",
        thousands(n),
        cores()
    );
    println!(
        "wall {} s (goal ≤ {GOAL_CHECK_SECONDS} s at 10,000) · CPU {} s · peak {:.0} MiB",
        runs.wall().show(3),
        runs.cpu().show(3),
        runs.peak_mib().median
    );
}
