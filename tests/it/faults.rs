//! Faults: a build that fails for any reason, or is killed, never loses or mixes the
//! published site.
//!
//! Each failure is real: a template that fails while pages are being written, a disk
//! that fills up (a small tmpfs, when the tests may mount one), a file-size limit
//! (`ulimit -f`, which makes writes fail with EFBIG for any user), an output path that
//! is a file, and `SIGKILL` at several points of a build of a few thousand records.
//! After each, the output folder is compared byte for byte with a build made before.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

type Snapshot = BTreeMap<String, Vec<u8>>;

/// Names in `dir` that are staging folders of a build.
fn staging_folders(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".errdocs-staging-"))
        .collect()
}

/// Runs `errdocs build --output OUTPUT` with a shell prelude (limits), and returns
/// (exit code, output).
fn build_with(site: &TestSite, output: &Path, prelude: &str) -> (i32, String) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("{prelude} exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_errdocs"))
        .args(["build", "--output", output.to_str().unwrap()])
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal: {}", text(&out)));
    (code, text(&out))
}

/// Asserts a failed build left `output` as `before` and no staging folder beside it.
fn assert_untouched(output: &Path, before: &Snapshot) {
    assert_eq!(&snapshot_dir(output), before, "the previous output changed");
    let leftovers = staging_folders(output.parent().unwrap());
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn a_template_that_fails_while_pages_are_written_leaves_the_previous_output() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let before = snapshot_dir(&site.output());
    // It compiles, so the build gets as far as writing pages; the category pages come
    // after every error page, so the staging folder is full when it fails.
    let site = site
        .with_file("templates/category.html", "{{ no_such_variable }}")
        .edit(
            RECORD,
            "title: Invalid username or password",
            "title: A new title",
        );
    let (code, output) = build_with(&site, &site.output(), "");
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("category.html"), "{output}");
    assert_untouched(&site.output(), &before);
}

const RECORD: &str = "content/errors/authentication/AADSTS50126.yaml";

#[test]
fn a_write_error_leaves_the_previous_output() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let before = snapshot_dir(&site.output());
    let site = site.edit(
        RECORD,
        "title: Invalid username or password",
        "title: A new title",
    );
    // Files may be at most 8 blocks of 512 bytes (4 KiB): the first larger page fails
    // with EFBIG ("File too large"). SIGXFSZ is ignored so the write fails instead of
    // killing the process.
    let (code, output) = build_with(&site, &site.output(), "trap '' XFSZ; ulimit -f 8 &&");
    assert_eq!(code, 2, "{output}");
    assert!(output.contains("cannot write"), "{output}");
    assert_untouched(&site.output(), &before);
}

/// Runs `script` (sh) with a tmpfs of `size` bytes mounted on `$DISK`, in a private
/// mount namespace, so nothing outside the child shell sees the mount and it goes when
/// the shell ends. Root may make one directly; any other user where the kernel allows
/// unprivileged user namespaces (`unshare --user --map-root-user`, Debian's default).
/// The script runs in `dir` with `$ERRDOCS` set to the binary. Returns its output, or
/// why no small disk can be made here.
fn run_on_small_disk(size: u64, dir: &Path, script: &str) -> Result<std::process::Output, String> {
    let disk = tempfile::tempdir().unwrap();
    let mut refusals = Vec::new();
    for namespaces in [&["--mount"][..], &["--user", "--map-root-user", "--mount"]] {
        let out = Command::new("unshare")
            .args(namespaces)
            .args(["sh", "-c"])
            .arg(format!(
                "mount -t tmpfs -o size={size} tmpfs \"$DISK\" || exit 97\n\
                 echo errdocs-small-disk-mounted\n{script}"
            ))
            .current_dir(dir)
            .env("DISK", disk.path())
            .env("ERRDOCS", env!("CARGO_BIN_EXE_errdocs"))
            .env("NO_COLOR", "1")
            .output();
        match out {
            Ok(out)
                if String::from_utf8_lossy(&out.stdout).contains("errdocs-small-disk-mounted") =>
            {
                return Ok(out);
            }
            Ok(out) => refusals.push(format!(
                "unshare {}: {}",
                namespaces.join(" "),
                text(&out).trim()
            )),
            Err(e) => refusals.push(format!("unshare: {e}")),
        }
    }
    Err(refusals.join("; "))
}

#[test]
fn a_full_disk_leaves_the_previous_output() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let bytes: u64 = snapshot_dir(&site.output())
        .values()
        .map(|b| b.len() as u64)
        .sum();
    // Room for one build and a half (plus a page of slack per file): the first build
    // fits, the second runs out of space while the first is still in place.
    let files = snapshot_dir(&site.output()).len() as u64;
    let edited = TestSite::fixture("basic").edit(
        RECORD,
        "title: Invalid username or password",
        "title: A new title",
    );
    // The mount lives only in the child shell: it builds twice and copies out what the
    // test compares (the output after each build, and what is left on the disk).
    let results = tempfile::tempdir().unwrap();
    let script = format!(
        r#"results='{results}'
"$ERRDOCS" build --output "$DISK/public" >"$results/first.log" 2>&1; echo $? >"$results/first.code"
cp -a "$DISK/public" "$results/before"
cd '{edited}'
"$ERRDOCS" build --output "$DISK/public" >"$results/second.log" 2>&1; echo $? >"$results/second.code"
cp -a "$DISK/public" "$results/after"
ls -A "$DISK" >"$results/disk""#,
        results = results.path().display(),
        edited = edited.root().display(),
    );
    let ran = match run_on_small_disk(bytes * 3 / 2 + files * 4096, site.root(), &script) {
        Ok(out) => out,
        Err(why) => {
            return report_skipped(
                "faults::a_full_disk_leaves_the_previous_output",
                &format!("cannot mount a small tmpfs here ({why})"),
            );
        }
    };
    let read = |name: &str| std::fs::read_to_string(results.path().join(name)).unwrap_or_default();
    assert!(ran.status.success(), "{}", text(&ran));
    assert_eq!(
        read("first.code").trim(),
        "0",
        "the first build does not fit: {}",
        read("first.log")
    );
    assert_eq!(read("second.code").trim(), "2", "{}", read("second.log"));
    assert!(
        read("second.log").contains("No space left on device"),
        "{}",
        read("second.log")
    );
    let before = snapshot_dir(&results.path().join("before"));
    assert_eq!(
        before,
        snapshot_dir(&site.output()),
        "the first build is the site"
    );
    assert_eq!(
        snapshot_dir(&results.path().join("after")),
        before,
        "the previous output changed"
    );
    assert_eq!(
        read("disk").trim(),
        "public",
        "temporary folders left behind"
    );
}

#[test]
fn an_output_path_that_is_a_file_is_refused_and_left_alone() {
    let site = TestSite::fixture("basic").with_file("out.txt", "keep me");
    let output = site.root().join("out.txt");
    let (code, out) = build_with(&site, &output, "");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("is not a folder"), "{out}");
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "keep me");
    assert!(staging_folders(site.root()).is_empty());
}

#[test]
fn more_output_folders_that_are_refused() {
    // build.rs covers `.`, `..`, `/`, content/, templates/ and the parent folder.
    let site = TestSite::fixture("basic").with_file("static/extra.txt", "x");
    std::os::unix::fs::symlink(site.root(), site.root().join("link-to-site")).unwrap();
    let other_site = TestSite::fixture("basic");
    let root = site.root().to_str().unwrap().to_string();
    let refused = [
        "static".to_string(),
        "static/out".to_string(),
        "public/../content".to_string(),
        "./public/..".to_string(),
        root.clone(),
        format!("{root}/"),
        "link-to-site".to_string(),
        "link-to-site/content/errors".to_string(),
        other_site.root().to_str().unwrap().to_string(),
    ];
    for bad in &refused {
        assert_output_refused(&site, bad);
    }
    assert_eq!(
        snapshot_dir(other_site.root()),
        snapshot_dir(&fixture_dir("basic"))
    );
    assert!(
        site.root()
            .join("content/errors/authentication/AADSTS40009.yaml")
            .is_file()
    );
    assert!(staging_folders(site.root()).is_empty());
}

// ---- SIGKILL ---------------------------------------------------------------------------------

/// How many generated records the kill test builds.
const RECORDS: usize = 2_000;

/// A site of `RECORDS` generated records; `version` changes every title and summary.
fn large_site(version: &str) -> TestSite {
    let mut site = TestSite::fixture("basic");
    for i in 0..RECORDS {
        let code = format!("GEN{i:05}");
        let category = if i % 2 == 0 {
            "authentication"
        } else {
            "refresh"
        };
        let yaml = format!(
            "code: {code}\ntitle: Generated error {i} ({version})\ncategory: {category}\nseverity: low\n\
             summary: Summary of **{code}**, {version}.\ncauses:\n  - A cause.\nfixes:\n  - |\n    Run:\n    ```powershell\n    Get-Thing -Id {i}\n    ```\n\
             tags: [t{}]\nsources:\n  - title: Docs\n    url: https://example.com/{code}\nupdated: 2026-11-{:02}\n",
            i % 7,
            i % 28 + 1
        );
        site = site.with_file(&format!("content/errors/gen/{}/{code}.yaml", i % 10), yaml);
    }
    site
}

/// Files in the staging folder's `errors/` (a cheap measure of how far a build got).
fn staged_pages(parent: &Path) -> usize {
    staging_folders(parent)
        .first()
        .and_then(|name| std::fs::read_dir(parent.join(name).join("errors")).ok())
        .map_or(0, |entries| entries.count())
}

/// When to kill a build: after a delay, once its staging folder holds some pages, or
/// just after the new site was swapped in (while the old one is being removed).
#[derive(Debug, Clone, Copy)]
enum KillPoint {
    After(Duration),
    StagedPages(usize),
    Swapped,
}

fn inode(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| m.ino())
}

/// Starts a build of `site` into `output` and kills it with SIGKILL at `point`; returns
/// whether it was still running when killed.
fn kill_build_at(site: &TestSite, output: &Path, point: KillPoint) -> bool {
    let mut child = errdocs_command()
        .args(["build", "--output", output.to_str().unwrap()])
        .current_dir(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let guard = HangGuard::start(HANG_GUARD);
    let parent = output.parent().unwrap();
    let old_inode = inode(output);
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let due = match point {
            KillPoint::After(delay) => started.elapsed() >= delay,
            KillPoint::StagedPages(pages) => staged_pages(parent) >= pages,
            KillPoint::Swapped => inode(output) != old_inode,
        };
        if due {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            return true;
        }
        assert!(!guard.expired(), "the build hangs");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every file below `dir` with its inode.
fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (path, e.metadata().unwrap().ino())
        })
        .collect()
}

/// Copies a folder tree as hard links: fast, and safe here because a build never
/// changes a file in place (it writes a new tree and swaps it in).
fn link_dir(from: &Path, to: &Path) {
    mirror_dir(from, to, |from, to| std::fs::hard_link(from, to));
}

#[test]
fn a_build_killed_part_way_leaves_the_old_output_or_the_new_one_never_a_mix() {
    let old_site = large_site("old");
    let new_site = large_site("new");
    let work = tempfile::tempdir().unwrap();
    let output = work.path().join("public");
    // The two possible outcomes, built without interruption.
    let (code, out) = build_with(&old_site, &output, "");
    assert_eq!(code, 0, "{out}");
    let old = snapshot_dir(&output);
    let pristine_old = work.path().join("pristine-old");
    link_dir(&output, &pristine_old);
    let pristine_inodes = inodes(&pristine_old);
    let new_output = work.path().join("new-reference");
    let (code, out) = build_with(&new_site, &new_output, "");
    assert_eq!(code, 0, "{out}");
    let new = snapshot_dir(&new_output);
    std::fs::remove_dir_all(&new_output).unwrap();
    assert_ne!(old, new);

    let points = [
        KillPoint::After(Duration::from_millis(30)),
        KillPoint::StagedPages(1),
        KillPoint::StagedPages(RECORDS / 4),
        KillPoint::StagedPages(RECORDS / 2),
        KillPoint::StagedPages(RECORDS),
        // Every error page and the alias page written: while the lists, feeds, API and
        // search index are written, or the swap is made.
        KillPoint::StagedPages(RECORDS + 5),
        KillPoint::Swapped,
    ];
    let mut outcomes = Vec::new();
    for point in points {
        // Start each time from the old output, so a kill after the swap is told apart,
        // and without the staging folder the last kill left (it would count as this
        // build's progress; the last one is left for the check below).
        let _ = std::fs::remove_dir_all(&output);
        link_dir(&pristine_old, &output);
        for leftover in staging_folders(work.path()) {
            std::fs::remove_dir_all(work.path().join(leftover)).unwrap();
        }
        let killed = kill_build_at(&new_site, &output, point);
        // Unchanged files are the very files of the pristine copy (same inodes): no need
        // to read them to know they are the old site.
        let outcome = if inodes(&output) == pristine_inodes {
            "old"
        } else {
            let now = snapshot_dir(&output);
            if now != new {
                let differ = now
                    .iter()
                    .filter(|(p, b)| old.get(*p) != Some(b) && new.get(*p) != Some(b))
                    .count();
                panic!(
                    "killed at {point:?}: the output is a mix of the old and new site ({} files, {differ} match neither)",
                    now.len()
                );
            }
            "new"
        };
        let staged = staged_pages(work.path());
        outcomes.push((point, killed, staged, outcome));
    }
    eprintln!("kill points (point, killed, pages staged, output): {outcomes:#?}");
    // The kills that matter: while the new site was half written (its pages staged
    // beside the output), which must have left the old site whole.
    assert!(
        outcomes.iter().any(|&(_, killed, staged, outcome)| {
            killed && staged >= RECORDS / 2 && outcome == "old"
        }),
        "no build was killed with half its pages staged: {outcomes:#?}"
    );

    // A killed build leaves its staging folder (nothing runs after SIGKILL); the next
    // build removes it, and its result is the new site.
    let (code, out) = build_with(&new_site, &output, "");
    assert_eq!(code, 0, "{out}");
    assert_eq!(snapshot_dir(&output), new);
    let leftovers = staging_folders(work.path());
    assert!(
        leftovers.is_empty(),
        "staging folders of killed builds were not removed: {leftovers:?}"
    );
}
