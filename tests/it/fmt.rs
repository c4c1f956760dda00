//! `errdocs fmt`: the canonical layout, run as users run it. It never changes a value
//! (each file parsed before and after and compared as JSON), it is idempotent, and
//! `--check` changes nothing and says what it would change.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::*;

/// Every `.yaml` file under `dir`, by path relative to it, with its text.
fn yaml_files(dir: &Path) -> BTreeMap<PathBuf, String> {
    files_ending_in(dir, "yaml")
}

/// Every file ending in `.EXT` under `dir`, by path relative to it, with its text.
fn files_ending_in(dir: &Path, ext: &str) -> BTreeMap<PathBuf, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == ext))
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (relative, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// A YAML text's values, as JSON.
fn values(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("does not parse: {e}\n{text}"))
}

/// Runs `errdocs ARGS` in `dir`: (exit code, stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = errdocs_command()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let utf8 = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap(),
        utf8(&out.stdout),
        utf8(&out.stderr),
    )
}

/// Formats the `.yaml` files of `dir` (a copy) with `errdocs fmt ARGS` and asserts that
/// every value is unchanged, that `fmt --check` then passes, and that a second `fmt`
/// changes no byte. Returns the files after formatting.
fn assert_formats_safely(dir: &Path, args: &[&str]) -> BTreeMap<PathBuf, String> {
    let before = yaml_files(dir);
    let (code, _, stderr) = run_in(dir, &[&["fmt"], args].concat());
    assert_eq!(code, 0, "{stderr}");
    let after = yaml_files(dir);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (path, text) in &before {
        assert_eq!(
            values(text),
            values(&after[path]),
            "fmt changed a value of {}",
            path.display()
        );
    }
    let (code, stdout, stderr) = run_in(dir, &[&["fmt", "--check"], args].concat());
    assert_eq!(code, 0, "not idempotent:\n{stdout}{stderr}");
    assert!(stderr.contains("all formatted"), "{stderr}");
    let (code, _, stderr) = run_in(dir, &[&["fmt"], args].concat());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(yaml_files(dir), after, "a second fmt changed something");
    after
}

#[test]
fn fmt_on_the_shipped_content_keeps_every_value_and_is_idempotent() {
    let site = TestSite::empty();
    copy_dir(&repo_root().join("content"), &site.root().join("content"));
    std::fs::copy(repo_root().join("site.yaml"), site.root().join("site.yaml")).unwrap();
    let after = assert_formats_safely(site.root(), &[]);
    assert!(after.len() > 300, "{} files", after.len());
    // Formatted records still pass `check`.
    let (code, _, stderr) = run_in(site.root(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn the_shipped_content_is_formatted() {
    let (code, stdout, stderr) = run_in(&repo_root(), &["fmt", "--check"]);
    assert_eq!(
        code, 0,
        "run `errdocs fmt` in the repository:\n{stdout}{stderr}"
    );
}

/// The committed corpus of odd records: every quoting, block and list form, comments
/// everywhere, anchors, `\r\n`, a byte-order mark, nulls.
#[test]
fn fmt_on_a_corpus_of_odd_records_keeps_every_value_and_is_idempotent() {
    let site = TestSite::empty();
    copy_dir(&repo_root().join("tests/fixtures/fmt-corpus"), site.root());
    let after = assert_formats_safely(site.root(), &["."]);
    assert!(after.len() >= 10, "{} files", after.len());
}

#[test]
fn fmt_writes_the_canonical_layout() {
    let file = "keys-out-of-order.yaml";
    let site = TestSite::empty().with_file(
        file,
        std::fs::read(repo_root().join("tests/fixtures/fmt-corpus").join(file)).unwrap(),
    );
    let (code, stdout, _) = run_in(site.root(), &["fmt", file]);
    assert_eq!(code, 0);
    assert_eq!(stdout, format!("formatted {file}\n"));
    let expected = "\
# The header comment stays at the top.

code: X1
title: A title with 'quotes'
category: general
severity: low
# Says what the error is.
summary: Something failed.
causes:
  - One cause.
fixes:
  - Do this.
  - \"Then: that.\"
tags: [b, a]
sources:
  - title: A page
    url: https://example.com/a # the page
updated: 2026-01-02
unknown_key: kept at the end
# A comment at the end.
";
    assert_eq!(
        std::fs::read_to_string(site.root().join(file)).unwrap(),
        expected
    );
}

#[test]
fn long_text_becomes_a_block_wrapped_at_100_columns_and_lists_of_words_fit_on_a_line() {
    let file = "content/errors/authentication/AADSTS50126.yaml";
    let long = "The user typed the wrong password, or typed it with caps lock on, or the password was changed on another device and this one still has the old one.";
    let site = TestSite::fixture("basic")
        .edit(
            file,
            "  - The user typed the wrong password.",
            &format!("  - {long}"),
        )
        .edit(
            file,
            "tags: [federation, password]",
            "tags:\n  - federation\n  - password",
        );
    let (code, _, stderr) = run_in(site.root(), &["fmt"]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(site.root().join(file)).unwrap();
    assert!(text.contains("\n  - >-\n    The user typed the wrong password, or typed it with caps lock on, or the password was changed on\n    another device"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    assert!(text.contains("\ntags: [federation, password]\n"), "{text}");
    let (code, _, stderr) = run_in(site.root(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn fmt_check_lists_the_files_it_would_change_with_a_diff_and_changes_nothing() {
    let file = "content/errors/authentication/AADSTS50126.yaml";
    let site = TestSite::fixture("basic").edit(file, "title: Invalid", "title:    Invalid");
    let before = yaml_files(site.root());
    let (code, stdout, stderr) = run_in(site.root(), &["fmt", "--check"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!("{file} is not formatted:")),
        "{stdout}"
    );
    assert!(
        stdout.contains("-title:    Invalid username or password"),
        "{stdout}"
    );
    assert!(
        stdout.contains("+title: Invalid username or password"),
        "{stdout}"
    );
    assert!(
        stderr.contains("1 of 4 files are not formatted"),
        "{stderr}"
    );
    assert_eq!(yaml_files(site.root()), before, "--check changed a file");
}

#[test]
fn fmt_leaves_a_file_that_does_not_parse_and_formats_the_others() {
    let broken = "content/errors/authentication/AADSTS50126.yaml";
    let other = "content/errors/authentication/AADSTS50076.yaml";
    let site = TestSite::fixture("basic")
        .edit(broken, "title: Invalid", "title: Invalid: oops")
        .edit(
            other,
            "category: authentication",
            "category:    authentication",
        );
    let broken_before = std::fs::read_to_string(site.root().join(broken)).unwrap();
    let (code, stdout, stderr) = run_in(site.root(), &["fmt"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("error[unquoted-colon]"), "{stderr}");
    assert!(stdout.contains(&format!("formatted {other}")), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(site.root().join(broken)).unwrap(),
        broken_before
    );
}

/// A site that declares fields (the HTTP API fixture): `fmt` puts their keys after the
/// built-in ones, in `site.yaml`'s order, keeps their values as written (the version
/// `2.10`, Markdown blocks), is idempotent there too, and the site builds the same JSON
/// API before and after.
#[test]
fn fmt_puts_declared_fields_after_the_built_in_keys_and_keeps_their_values() {
    use errdocs::load::raw::{RawMapping, RawRecord};
    // A record whose declared fields are written in another order than declared.
    let file = "content/errors/authentication/ACME-1001.yaml";
    let reordered = |site: TestSite| {
        site.edit(file, "http_status: 401\n", "")
            .edit(file, "applies_to: [2.1, 2.10, \"3.0\"]\n", "")
            .edit(
                file,
                "severity: high\n",
                "severity: high\napplies_to: [2.1, 2.10, \"3.0\"]\n",
            )
            .edit(
                file,
                "updated: 2026-11-20\n",
                "updated: 2026-11-20\nhttp_status: 401\n",
            )
    };
    let before = reordered(TestSite::fixture("http-api"));
    before.build_ok();
    let site = reordered(TestSite::fixture("http-api"));
    let after = assert_formats_safely(site.root(), &[]);
    let record = &after[Path::new(file)];
    let keys: Vec<&str> = (record.lines())
        .filter(|l| !l.starts_with([' ', '-', '#']))
        .filter_map(|l| l.split_once(':').map(|(key, _)| key))
        .collect();
    let declared = ["http_status", "retryable", "applies_to", "example_response"];
    let built_in: Vec<&str> = (RawRecord::KEYS.iter().copied())
        .filter(|k| keys.contains(k))
        .collect();
    assert_eq!(keys, [&built_in[..], &declared[..]].concat(), "{record}");
    assert!(
        record.contains("applies_to: [2.1, 2.10, \"3.0\"]"),
        "{record}"
    );
    let (code, _, stderr) = run_in(site.root(), &["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{stderr}");
    site.build_ok();
    let api = |s: &TestSite| files_ending_in(&s.output().join("api"), "json");
    assert_eq!(api(&before), api(&site), "the API changed");
}
