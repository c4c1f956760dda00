//! The test helper: a site in a temp folder, made from a fixture and changed file by
//! file, then built or checked with the library or the real binary.
//!
//! ```ignore
//! let site = TestSite::fixture("basic").with_file("content/errors/authentication/X.yaml", "...");
//! let out = site.run(&["check"]);
//! ```

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use errdocs::{BuildOptions, BuildReport};

pub struct TestSite {
    dir: tempfile::TempDir,
}

/// The repository's root (the shipped site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture_dir(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>` in a new temp folder.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        copy_dir(&fixture_dir(name), site.root());
        site
    }

    /// An empty temp folder.
    pub fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Writes (or replaces) a file, creating its folders.
    pub fn with_file(self, relative: &str, contents: impl AsRef<[u8]>) -> TestSite {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    pub fn without_file(self, relative: &str) -> TestSite {
        let path = self.root().join(relative);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
        self
    }

    /// Rewrites a file with a string replacement; panics if `from` is not in it.
    pub fn edit(self, relative: &str, from: &str, to: &str) -> TestSite {
        let path = self.root().join(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{relative} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        self
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Builds with the library into `public/`.
    pub fn build(&self) -> Result<BuildReport, errdocs::Error> {
        errdocs::build(&BuildOptions::new(self.root()))
    }

    /// Builds and panics with the diagnostics if the build fails.
    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(errdocs::Error::Content(d)) => panic!(
                "build failed:\n{}",
                errdocs::diagnostics::render(
                    &d,
                    errdocs::diagnostics::Format::Short,
                    self.root(),
                    false
                )
            ),
            Err(e) => panic!("build failed: {e}"),
        }
    }

    /// A file of the built site, as text.
    pub fn read(&self, relative: &str) -> String {
        let path = self.output().join(relative);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// Runs the real `errdocs` binary in the site folder.
    pub fn run(&self, args: &[&str]) -> Output {
        errdocs_command()
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("run errdocs")
    }
}

/// The `errdocs` binary built for these tests.
pub fn errdocs_command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_errdocs"))
}

/// stdout + stderr of a run, for assertions and failure messages.
pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

pub fn copy_dir(from: &Path, to: &Path) {
    mirror_dir(from, to, |from, to| std::fs::copy(from, to).map(drop));
}

/// Recreates the folder tree `from` at `to`, making each file with `make_file`
/// (a copy, or a hard link).
pub fn mirror_dir(from: &Path, to: &Path, make_file: impl Fn(&Path, &Path) -> std::io::Result<()>) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            make_file(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `check --format short` and returns (exit code, output).
pub fn check(site: &TestSite) -> (i32, String) {
    let out = site.run(&["check", "--format", "short"]);
    (out.status.code().unwrap(), text(&out))
}

/// Asserts `check` fails with `rule` reported at `file:line`; returns what it printed.
pub fn assert_rule(site: &TestSite, file: &str, line: usize, rule: &str) -> String {
    let (code, output) = check(site);
    assert_eq!(code, 1, "check passed:\n{output}");
    let wanted = format!("{file}:{line}:");
    let found = output
        .lines()
        .any(|l| l.starts_with(&wanted) && l.contains(&format!("error[{rule}]")));
    assert!(found, "no error[{rule}] at {wanted} in:\n{output}");
    output
}

/// Asserts `errdocs build --output BAD` is refused (exit 2, saying "refusing").
pub fn assert_output_refused(site: &TestSite, bad: &str) {
    let out = site.run(&["build", "--output", bad]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--output {bad} was accepted: {}",
        text(&out)
    );
    assert!(text(&out).contains("refusing"), "{}", text(&out));
}

/// Every file below `dir`: relative path → bytes, sorted.
pub fn snapshot_dir(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A minimal valid record, for tests that need one more.
pub fn record_yaml(code: &str, category: &str) -> String {
    format!(
        "code: {code}\ntitle: Title of {code}\ncategory: {category}\nseverity: low\nsummary: Summary of {code}.\ncauses:\n  - A cause.\nfixes:\n  - A fix.\nsources:\n  - title: Docs\n    url: https://example.com/{code}\n"
    )
}

/// How long a wait may last before the test calls it a hang. Minutes, on purpose: it
/// only stops a test that would never end; nothing passes or fails on speed.
pub const HANG_GUARD: std::time::Duration = std::time::Duration::from_secs(300);

/// Bounds a wait: `expired()` turns true once `limit` has passed since `start()`. Tests
/// use it to give up on something that hangs, never to judge how fast it was.
pub struct HangGuard {
    started: std::time::Instant,
    limit: std::time::Duration,
}

impl HangGuard {
    pub fn start(limit: std::time::Duration) -> HangGuard {
        HangGuard {
            started: std::time::Instant::now(),
            limit,
        }
    }

    pub fn expired(&self) -> bool {
        self.started.elapsed() > self.limit
    }
}

/// Reports that `test` could not run its real check, and why. The line goes straight to
/// the process's stderr (the test harness does not capture it), and `scripts/test.sh`
/// counts these lines as skipped, not passed. The caller returns right after.
pub fn report_skipped(test: &str, reason: &str) {
    use std::io::Write;
    let line = format!("{SKIPPED_MARKER} {test}: {reason}\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// The start of a skipped test's line; `scripts/test.sh` looks for it.
pub const SKIPPED_MARKER: &str = "errdocs-test-skipped:";
