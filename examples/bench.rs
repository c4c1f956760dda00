//! The build benchmark: a deterministic synthetic site of N records, built by the
//! release `errdocs` binary, measured as a whole process, and compared with copying
//! its own output (`cp -r`, the floor: only writing the bytes), in the same run.
//!
//! ```sh
//! cargo build --release && cargo run --release --example bench              # N = 1,000, 10,000, 100,000
//! cargo run --release --example bench -- run 10000                           # one size
//! cargo run --release --example bench -- generate 10000 /tmp/site10k         # only the site
//! ```
//!
//! Records are shaped like real ones (about 2.2 KB of YAML: a 2–4 sentence summary,
//! 3–6 causes, 3–6 fixes, a fenced code block in ~30% of records, 0–4 FAQ entries,
//! 0–5 related codes, 12 categories) from a fixed seed, so every run builds the same site.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => {
            let n: usize = args
                .get(1)
                .and_then(|a| a.parse().ok())
                .expect("generate N DIR");
            let dir = PathBuf::from(args.get(2).expect("generate N DIR"));
            generate(n, &dir);
            println!("wrote a {n}-record site to {}", dir.display());
        }
        Some("run") => run(&sizes(&args[1..])),
        None => run(&[1_000, 10_000, 100_000]),
        Some(other) => {
            eprintln!("unknown command {other}: use `run [N...]` or `generate N DIR`");
            std::process::exit(2);
        }
    }
}

fn sizes(args: &[String]) -> Vec<usize> {
    let sizes: Vec<usize> = args
        .iter()
        .filter_map(|a| a.replace(['_', ','], "").parse().ok())
        .collect();
    if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    }
}

/// A small, fixed pseudo-random generator (SplitMix64): the same seed, the same site.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "token",
    "tenant",
    "gateway",
    "refresh",
    "credential",
    "policy",
    "account",
    "session",
    "service",
    "request",
    "application",
    "permission",
    "consent",
    "certificate",
    "federation",
    "identity",
    "provider",
    "dataset",
    "source",
    "connection",
    "query",
    "timeout",
    "capacity",
    "memory",
    "user",
    "administrator",
    "device",
    "network",
    "proxy",
    "secret",
    "directory",
    "domain",
    "subscription",
    "workspace",
    "report",
    "schedule",
    "driver",
    "server",
    "client",
    "endpoint",
    "the",
    "a",
    "fails",
    "expired",
    "rejected",
    "missing",
    "invalid",
    "blocked",
    "after",
    "because",
    "when",
    "while",
    "during",
    "was",
    "is",
    "not",
    "configured",
    "renewed",
    "signed",
    "revoked",
    "limited",
    "changed",
];
const TAGS: &[&str] = &[
    "federation",
    "refresh-token",
    "mfa",
    "conditional-access",
    "consent",
    "app-registration",
    "client-secret",
    "certificate",
    "password",
    "guest",
    "tenant",
    "gateway",
    "kerberos",
    "oauth",
    "credentials",
    "capacity",
    "memory",
    "timeout",
    "power-query",
    "privacy",
    "dataflow",
    "embedded",
    "xmla",
    "sap-hana",
    "sql",
    "odbc",
    "proxy",
    "network",
    "dns",
    "tls",
    "scheduled-refresh",
    "licensing",
    "throttling",
    "sign-in",
    "device",
];
const CODE_SNIPPETS: &[(&str, &str)] = &[
    (
        "powershell",
        "Connect-MgGraph -Scopes \"User.ReadWrite.All\"\nRevoke-MgUserSignInSession -UserId $userId\n",
    ),
    (
        "powershell",
        "Get-MgDomainFederationConfiguration -DomainId contoso.com | Format-List\n",
    ),
    (
        "bash",
        "az login --tenant contoso.onmicrosoft.com\naz ad sp show --id $APP_ID --query appId\n",
    ),
    (
        "json",
        "{\n  \"error\": \"invalid_grant\",\n  \"error_codes\": [50126]\n}\n",
    ),
    (
        "sql",
        "SELECT name, state_desc FROM sys.databases WHERE state_desc <> 'ONLINE';\n",
    ),
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let word = rng.pick(WORDS);
        if i == 0 {
            let mut chars = word.chars();
            s.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            s.push_str(chars.as_str());
        } else {
            s.push(' ');
            s.push_str(word);
        }
    }
    s.push('.');
    s
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes a synthetic site of `n` records into `dir` (replacing what is there).
pub fn generate(n: usize, dir: &Path) {
    let categories = write_settings(dir);
    let mut rng = Rng(0x05ee_de44_d0c5);
    for i in 0..n {
        let category = &categories[rng.below(categories.len())];
        let yaml = record(&mut rng, i, n, category);
        std::fs::write(
            dir.join("content/errors")
                .join(category)
                .join(format!("{}.yaml", code(i))),
            yaml,
        )
        .unwrap();
    }
}

/// `site.yaml`, `content/categories.yaml` and a folder per category; returns the
/// categories' slugs.
fn write_settings(dir: &Path) -> Vec<String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("content/errors")).unwrap();
    std::fs::write(dir.join("site.yaml"), "title: Synthetic Error Reference\nbase_url: https://errors.example.com/\nproduct: Synthetic Cloud\nedit_url: https://github.com/example/errors/edit/main/\n").unwrap();
    let categories: Vec<String> = (1..=12).map(|i| format!("category-{i:02}")).collect();
    let mut yaml = String::new();
    for (i, slug) in categories.iter().enumerate() {
        let _ = write!(
            yaml,
            "- slug: {slug}\n  title: Category {}\n  description: Errors of area {}.\n",
            i + 1,
            i + 1
        );
    }
    std::fs::write(dir.join("content/categories.yaml"), yaml).unwrap();
    for slug in &categories {
        std::fs::create_dir_all(dir.join("content/errors").join(slug)).unwrap();
    }
    categories
}

/// The code of record `i`.
fn code(i: usize) -> String {
    format!("SYN{:06}", i + 1)
}

/// The YAML of record `i` of `n`, in `category`.
fn record(rng: &mut Rng, i: usize, n: usize, category: &str) -> String {
    let mut r = String::with_capacity(2400);
    let _ = writeln!(r, "code: {}", code(i));
    let _ = writeln!(
        r,
        "title: {}",
        quoted(sentence(rng, 8).trim_end_matches('.'))
    );
    let _ = writeln!(r, "category: {category}");
    let _ = writeln!(
        r,
        "severity: {}",
        ["low", "medium", "high", "critical"][rng.below(4)]
    );
    let _ = writeln!(
        r,
        "message: {}",
        quoted(&format!("{}: {}", code(i), sentence(rng, 10)))
    );
    r.push_str("summary: |\n");
    for _ in 0..rng.range(2, 4) {
        let _ = writeln!(r, "  {}", sentence(rng, 16));
    }
    r.push_str("causes:\n");
    for _ in 0..rng.range(3, 6) {
        let _ = writeln!(r, "  - {}", quoted(&sentence(rng, 14)));
    }
    write_fixes(&mut r, rng);
    write_faq(&mut r, rng);
    write_related(&mut r, rng, i, n);
    write_tags_sources_date(&mut r, rng, i);
    r
}

/// 3–6 fixes; in ~30% of records the second holds a fenced code block.
fn write_fixes(r: &mut String, rng: &mut Rng) {
    r.push_str("fixes:\n");
    let fixes = rng.range(3, 6);
    let with_code = rng.below(10) < 3;
    for f in 0..fixes {
        if with_code && f == 1 {
            let (language, snippet) = CODE_SNIPPETS[rng.below(CODE_SNIPPETS.len())];
            let _ = writeln!(r, "  - |\n    {}\n    ```{language}", sentence(rng, 10));
            for line in snippet.lines() {
                let _ = writeln!(r, "    {line}");
            }
            r.push_str("    ```\n");
        } else {
            let _ = writeln!(r, "  - {}", quoted(&sentence(rng, 18)));
        }
    }
}

/// 0–4 questions.
fn write_faq(r: &mut String, rng: &mut Rng) {
    let faq = rng.below(5);
    if faq > 0 {
        r.push_str("faq:\n");
        for _ in 0..faq {
            let question = sentence(rng, 8).trim_end_matches('.').to_string() + "?";
            let _ = writeln!(
                r,
                "  - question: {}\n    answer: {}",
                quoted(&question),
                quoted(&sentence(rng, 20))
            );
        }
    }
}

/// 0–5 related codes of other records.
fn write_related(r: &mut String, rng: &mut Rng, i: usize, n: usize) {
    let related = rng.below(6).min(n.saturating_sub(1));
    if related > 0 {
        let mut codes: Vec<String> = Vec::new();
        while codes.len() < related {
            let other = rng.below(n);
            if other != i && !codes.contains(&code(other)) {
                codes.push(code(other));
            }
        }
        let _ = writeln!(r, "related: [{}]", codes.join(", "));
    }
}

/// 2–4 tags, one source and a date.
fn write_tags_sources_date(r: &mut String, rng: &mut Rng, i: usize) {
    let mut tags: Vec<&str> = Vec::new();
    for _ in 0..rng.range(2, 4) {
        let tag = rng.pick(TAGS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let _ = writeln!(r, "tags: [{}]", tags.join(", "));
    let _ = writeln!(
        r,
        "sources:\n  - title: Reference page {}\n    url: https://docs.example.com/errors/{}",
        i + 1,
        code(i).to_lowercase()
    );
    let _ = writeln!(
        r,
        "updated: 2026-{:02}-{:02}",
        rng.range(1, 12),
        rng.range(1, 28)
    );
}

/// One measured run of a command: wall and CPU time, peak memory of the process.
struct Measured {
    wall: Duration,
    cpu: Duration,
    peak_rss_kib: u64,
    success: bool,
}

fn measure(command: &mut Command) -> Measured {
    let started = Instant::now();
    let child = command.spawn().expect("start the command");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for our own child with valid pointers.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    std::mem::forget(child); // already reaped
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Measured {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        peak_rss_kib: usage.ru_maxrss as u64,
        success: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}

fn folder_totals(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            files += 1;
            bytes += entry.metadata().map(|m| m.len()).unwrap_or(0);
        }
    }
    (files, bytes)
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

/// Builds and copies per size; their medians are printed.
const ROUNDS: usize = 3;

/// The median of a few values.
fn median<T: PartialOrd + Copy>(values: impl Iterator<Item = T>) -> T {
    let mut values: Vec<T> = values.collect();
    values.sort_by(|a, b| a.partial_cmp(b).expect("comparable"));
    values[values.len() / 2]
}

fn run(sizes: &[usize]) {
    let binary = errdocs_binary();
    let work = std::env::temp_dir().join(format!("errdocs-bench-{}", std::process::id()));
    println!(
        "errdocs build benchmark ({} cores); cold build of a synthetic site, full output",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "{:>8} {:>9} {:>9} {:>10} {:>8} {:>9} {:>11} {:>9} {:>9} {:>10}",
        "records",
        "wall s",
        "cpu s",
        "peak MiB",
        "files",
        "MB",
        "records/s",
        "check s",
        "cp -r s",
        "build/cp"
    );
    for &n in sizes {
        let rounds = measure_size(&binary, &work, n);
        print_row(n, &rounds, &work);
        let _ = std::fs::remove_dir_all(&work);
    }
    let _ = std::fs::remove_dir_all(&work);
}

/// The measurements of each round at one size: the build, the copy of its output,
/// and `check`.
struct Rounds {
    builds: Vec<Measured>,
    copies: Vec<Measured>,
    checks: Vec<Measured>,
}

fn measure_size(binary: &Path, work: &Path, n: usize) -> Rounds {
    let site = work.join(format!("site-{n}"));
    generate(n, &site);
    // Builds and copies alternate, each into a folder of its own: nothing is deleted
    // between them, because a file system slows down creating files right after
    // many were deleted (ext4 skips recently freed inodes), which would favour
    // whichever ran later. The medians of the rounds are printed.
    let mut rounds = Rounds {
        builds: Vec::new(),
        copies: Vec::new(),
        checks: Vec::new(),
    };
    for round in 0..ROUNDS {
        let output = work.join(format!("public-{n}-{round}"));
        let build = measure(
            Command::new(binary)
                .args(["build", "--root"])
                .arg(&site)
                .arg("--output")
                .arg(&output)
                .stdout(std::process::Stdio::null()),
        );
        assert!(build.success, "the build of {n} records failed");
        rounds.builds.push(build);
        let copy = measure(
            Command::new("cp")
                .arg("-r")
                .arg(&output)
                .arg(work.join(format!("copy-{n}-{round}"))),
        );
        assert!(copy.success, "cp -r failed");
        rounds.copies.push(copy);
        let check = measure(
            Command::new(binary)
                .args(["check", "--root"])
                .arg(&site)
                .stderr(std::process::Stdio::null()),
        );
        rounds.checks.push(check);
    }
    rounds
}

/// One line of the table: the medians of the rounds.
fn print_row(n: usize, rounds: &Rounds, work: &Path) {
    let Rounds {
        builds,
        copies,
        checks,
    } = rounds;
    let (files, bytes) = folder_totals(&work.join(format!("public-{n}-0")));
    let wall = median(builds.iter().map(|m| m.wall));
    let copy = median(copies.iter().map(|m| m.wall));
    println!(
        "{:>8} {:>9.2} {:>9.2} {:>10.1} {:>8} {:>9.1} {:>11.0} {:>9.2} {:>9.2} {:>10.2}",
        n,
        wall.as_secs_f64(),
        median(builds.iter().map(|m| m.cpu)).as_secs_f64(),
        builds.iter().map(|m| m.peak_rss_kib).max().unwrap_or(0) as f64 / 1024.0,
        files,
        bytes as f64 / 1e6,
        n as f64 / wall.as_secs_f64(),
        median(checks.iter().map(|m| m.wall)).as_secs_f64(),
        copy.as_secs_f64(),
        median(
            builds
                .iter()
                .zip(copies)
                .map(|(b, c)| b.wall.as_secs_f64() / c.wall.as_secs_f64())
        ),
    );
}
