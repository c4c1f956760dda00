//! Hostile records: every case of issue 8 that `validation.rs` does not already cover.
//!
//! Each test runs the real binary as a child process, bounded in time (killed after
//! [`TIME_LIMIT`], which fails the test: a hang is a bug) and in memory (`ulimit -v`, so
//! a run that tries to eat memory dies and fails the test), and asserts the exit code
//! and that the report names the file, and the line where there is one. Failing
//! content is also built, to check that `build` fails the same way and writes nothing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::*;

const RECORD: &str = "content/errors/authentication/AADSTS50126.yaml";
const FAQ_RECORD: &str = "content/errors/authentication/AADSTS40009.yaml";
/// Generous: every case here takes well under a second; only a hang reaches this.
const TIME_LIMIT: Duration = Duration::from_secs(120);
/// Address space the child may map, in KiB (2 GiB): far above what a build of a small
/// site needs, far below what an expanded anchor bomb would take.
const MEMORY_LIMIT_KIB: u64 = 2 * 1024 * 1024;

/// What a bounded run printed and returned.
struct Run {
    code: i32,
    output: String,
}

/// Runs `errdocs ARGS` in the site folder, bounded in time and memory.
fn run_bounded(site: &TestSite, args: &[&str]) -> Run {
    run_bounded_in(
        site.root(),
        Path::new(env!("CARGO_BIN_EXE_errdocs")),
        args,
        |_| {},
    )
}

fn run_bounded_in(
    dir: &Path,
    binary: &Path,
    args: &[&str],
    adjust: impl FnOnce(&mut Command),
) -> Run {
    let logs = tempfile::tempdir().unwrap();
    let stdout = std::fs::File::create(logs.path().join("stdout")).unwrap();
    let stderr = std::fs::File::create(logs.path().join("stderr")).unwrap();
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(binary)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr);
    adjust(&mut command);
    let mut child = command.spawn().expect("start errdocs");
    let guard = HangGuard::start(TIME_LIMIT);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if guard.expired() {
            let _ = child.kill();
            let _ = child.wait();
            panic!("errdocs {args:?} did not finish in {TIME_LIMIT:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |name: &str| std::fs::read_to_string(logs.path().join(name)).unwrap_or_default();
    let output = format!("{}{}", read("stdout"), read("stderr"));
    let code = status
        .code()
        .unwrap_or_else(|| panic!("errdocs {args:?} was killed by a signal ({status}); it crashed or ran out of memory:\n{output}"));
    Run { code, output }
}

/// Asserts that `check` and `build` both fail (exit 1) with `error[rule]` at `file:line`
/// (`line: None` for problems of a whole file), and that the failed build wrote nothing.
/// Returns the `check --format short` output.
fn assert_error(site: &TestSite, file: &str, line: Option<usize>, rule: &str) -> String {
    let check = run_bounded(site, &["check", "--format", "short"]);
    assert_eq!(check.code, 1, "check did not fail:\n{}", check.output);
    let wanted = match line {
        Some(line) => format!("{file}:{line}:"),
        None => format!("{file}:"),
    };
    let found = check
        .output
        .lines()
        .any(|l| l.starts_with(&wanted) && l.contains(&format!("error[{rule}]")));
    assert!(found, "no error[{rule}] at {wanted} in:\n{}", check.output);

    let build = run_bounded(site, &["build"]);
    assert_eq!(build.code, 1, "build did not fail:\n{}", build.output);
    let human = match line {
        Some(line) => format!("{file}:{line}:"),
        None => file.to_string(),
    };
    assert!(
        build.output.contains(&human),
        "build does not name {human}:\n{}",
        build.output
    );
    assert!(!site.output().exists(), "a failed build wrote public/");
    check.output
}

// ---- YAML syntax -------------------------------------------------------------------

#[test]
fn a_tab_in_the_indentation_points_at_the_tab() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "  - Reset the password.",
        "\t- Reset the password.",
    );
    let output = assert_error(&site, RECORD, Some(9), "tab-indent");
    assert!(output.contains("indent with spaces"), "{output}");
}

#[test]
fn bad_indentation() {
    let site = TestSite::fixture("basic").edit(RECORD, "title: Invalid", "  title: Invalid");
    assert_error(&site, RECORD, Some(2), "wrong-indentation");
}

#[test]
fn an_unclosed_quote() {
    let site =
        TestSite::fixture("basic").edit(RECORD, "summary: The password", "summary: \"The password");
    let output = assert_error(&site, RECORD, Some(5), "invalid-yaml");
    assert!(output.contains("unclosed quote"), "{output}");
}

#[test]
fn an_unclosed_flow_list() {
    // The parser sees the list is unclosed only on the next line, and says so there.
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "tags: [federation, password]",
        "tags: [federation, password",
    );
    assert_error(&site, RECORD, Some(11), "invalid-yaml");
}

#[test]
fn duplicate_keys_inside_a_faq_entry_and_a_source() {
    let site = TestSite::fixture("basic").edit(
        FAQ_RECORD,
        "    answer: No.",
        "    question: Again?\n    answer: No.",
    );
    let output = assert_error(&site, FAQ_RECORD, Some(22), "duplicate-key");
    assert!(
        output.contains("the key `question` appears twice"),
        "{output}"
    );
    assert!(
        !output.contains("DuplicateKeyPolicy"),
        "Rust jargon in a message: {output}"
    );

    let site = TestSite::fixture("basic").edit(
        RECORD,
        "    url: https://learn",
        "    title: Again\n    url: https://learn",
    );
    assert_error(&site, RECORD, Some(13), "duplicate-key");
}

#[test]
fn two_yaml_documents_in_one_file() {
    let site = TestSite::fixture("basic").edit(RECORD, "tags:", "---\ncode: AADSTS50126\ntags:");
    let check = run_bounded(&site, &["check", "--format", "short"]);
    assert_eq!(check.code, 1, "{}", check.output);
    assert!(
        check.output.contains(&format!("{RECORD}:")),
        "{}",
        check.output
    );
}

// ---- Records that are not a mapping ---------------------------------------------------

#[test]
fn a_record_that_is_a_list() {
    let site = TestSite::fixture("basic").with_file(RECORD, "- code: AADSTS50126\n- title: x\n");
    let output = assert_error(&site, RECORD, Some(1), "list-instead-of-mapping");
    assert!(output.contains("remove the `- ` before `code`"), "{output}");
}

#[test]
fn a_record_that_is_a_scalar() {
    for scalar in ["AADSTS50126\n", "42\n", "~\n", "\"just text\"\n"] {
        let site = TestSite::fixture("basic").with_file(RECORD, scalar);
        let output = assert_error(&site, RECORD, Some(1), "wrong-type");
        assert!(
            output.contains("expected a mapping"),
            "{scalar:?}: {output}"
        );
    }
}

#[test]
fn a_record_that_is_empty() {
    for empty in ["", "\n\n", "   \n\t\n"] {
        let site = TestSite::fixture("basic").with_file(RECORD, empty);
        let output = assert_error(&site, RECORD, None, "empty-file");
        assert!(output.contains("this file is empty"), "{empty:?}: {output}");
    }
    // Only a comment: an empty mapping, so every required key is reported missing.
    let site = TestSite::fixture("basic").with_file(RECORD, "# nothing here\n");
    let output = assert_error(&site, RECORD, None, "missing-key");
    for key in [
        "code", "title", "category", "severity", "summary", "causes", "fixes",
    ] {
        assert!(
            output.contains(&format!("required key `{key}`")),
            "{key}: {output}"
        );
    }
}

// ---- Wrong types, field by field ----------------------------------------------------------

#[test]
fn a_wrong_type_in_every_field_is_reported_at_its_line() {
    // (file, text to replace, replacement, line of the error, what the message says)
    let cases: &[(&str, &str, &str, usize, &str)] = &[
        (
            RECORD,
            "code: AADSTS50126",
            "code: [AADSTS50126]",
            1,
            "expected text",
        ),
        (
            RECORD,
            "title: Invalid username or password",
            "title: {a: b}",
            2,
            "expected text",
        ),
        (
            RECORD,
            "category: authentication",
            "category: [authentication]",
            3,
            "expected text",
        ),
        (
            RECORD,
            "severity: medium",
            "severity: [medium]",
            4,
            "expected text",
        ),
        (
            RECORD,
            "summary: The password is wrong.",
            "summary: [x]",
            5,
            "expected text",
        ),
        (
            RECORD,
            "causes:\n  - The user typed the wrong password.",
            "causes: The user typed it.",
            6,
            "expected a list",
        ),
        (
            RECORD,
            "  - The user typed the wrong password.",
            "  - [nested]",
            7,
            "expected text",
        ),
        (
            RECORD,
            "fixes:\n  - Reset the password.",
            "fixes: 5",
            8,
            "expected a list",
        ),
        (
            RECORD,
            "tags: [federation, password]",
            "tags: [[federation]]",
            10,
            "expected text",
        ),
        (
            RECORD,
            "sources:\n  - title",
            "sources: text\nx:\n  - title",
            11,
            "expected a list",
        ),
        (
            RECORD,
            "  - title: Error codes",
            "  - Error codes\n  - title: Error codes",
            12,
            "expected a mapping",
        ),
        (
            RECORD,
            "  - title: Error codes",
            "  - title: [Error codes]",
            12,
            "expected text",
        ),
        (
            RECORD,
            "    url: https://learn",
            "    url: {https: learn}\n    x: https://learn",
            13,
            "expected text",
        ),
        (
            FAQ_RECORD,
            "product: Microsoft Entra ID",
            "product: [Microsoft Entra ID]",
            5,
            "expected text",
        ),
        (
            FAQ_RECORD,
            "message: \"AADSTS40009: Error processing refresh token.\"",
            "message: {a: b}",
            6,
            "expected text",
        ),
        (
            FAQ_RECORD,
            "faq:\n  - question",
            "faq: text\nx:\n  - question",
            20,
            "expected a list",
        ),
        (
            FAQ_RECORD,
            "  - question: Does",
            "  - Does it?\n  - question: Does",
            21,
            "expected a mapping",
        ),
        (
            FAQ_RECORD,
            "  - question: Does this affect cloud-only accounts?",
            "  - question: [Does]",
            21,
            "expected text",
        ),
        (
            FAQ_RECORD,
            "    answer: No. Only users of a federated domain see it.",
            "    answer: {No: x}",
            22,
            "expected text",
        ),
        (
            FAQ_RECORD,
            "related: [AADSTS50076]",
            "related: AADSTS50076",
            23,
            "expected a list",
        ),
        (
            FAQ_RECORD,
            "aliases: [\"40009\"]",
            "aliases: 40009",
            24,
            "expected a list",
        ),
        (
            FAQ_RECORD,
            "updated: 2026-11-20",
            "updated: [2026-11-20]",
            29,
            "expected text",
        ),
        (
            FAQ_RECORD,
            "updated: 2026-11-20",
            "updated: 2026-11-20\ndraft: \"yes\"",
            30,
            "expected `true` or `false`",
        ),
        (
            FAQ_RECORD,
            "updated: 2026-11-20",
            "updated: 2026-11-20\ndraft: yes",
            30,
            "expected `true` or `false`",
        ),
        (
            FAQ_RECORD,
            "updated: 2026-11-20",
            "updated: 2026-11-20\ndraft: [true]",
            30,
            "expected",
        ),
    ];
    for (file, from, to, line, says) in cases {
        let site = TestSite::fixture("basic").edit(file, from, to);
        let check = run_bounded(&site, &["check", "--format", "short"]);
        assert_eq!(check.code, 1, "{to:?} passed:\n{}", check.output);
        let wanted = format!("{file}:{line}:");
        let found = check
            .output
            .lines()
            .any(|l| l.starts_with(&wanted) && l.contains("error[wrong-type]") && l.contains(says));
        assert!(
            found,
            "{to:?}: no wrong-type error saying {says:?} at {wanted} in:\n{}",
            check.output
        );
    }
}

#[test]
fn a_null_list_item_is_an_empty_field_not_rust_jargon() {
    let site = TestSite::fixture("basic").edit(RECORD, "  - Reset the password.", "  -");
    let output = assert_error(&site, RECORD, Some(9), "empty-field");
    assert!(
        !output.contains("Option<String>"),
        "Rust jargon in a message: {output}"
    );
}

#[test]
fn empty_required_lists() {
    // `fixes: []` is in validation.rs; here the other required list, and a list of
    // blank items, which is no better.
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "causes:\n  - The user typed the wrong password.",
        "causes: []",
    );
    assert_error(&site, RECORD, Some(6), "empty-list");
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "  - The user typed the wrong password.",
        "  - \"   \"",
    );
    assert_error(&site, RECORD, Some(7), "empty-field");
}

// ---- Expansion bombs, depth, size ---------------------------------------------------------

fn billion_laughs() -> String {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (prev, name) = (pair[0], pair[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    bomb
}

#[test]
fn billion_laughs_in_an_unknown_key_is_refused_in_bounded_time_and_memory() {
    let mut text = std::fs::read_to_string(fixture_dir("basic").join(RECORD)).unwrap();
    text.push_str(&billion_laughs());
    let site = TestSite::fixture("basic").with_file(RECORD, text);
    let output = assert_error(&site, RECORD, None, "yaml-limit");
    assert!(output.contains("anchors and aliases"), "{output}");
}

#[test]
fn one_huge_string_repeated_by_aliases_is_refused() {
    // Few nodes, but each alias repeats half a mebibyte of text.
    let mut text = std::fs::read_to_string(fixture_dir("basic").join(RECORD)).unwrap();
    text.push_str(&format!(
        "message: &m \"{}\"\nproduct: *m\nx: [*m, *m, *m, *m, *m, *m, *m, *m]\n",
        "x".repeat(500_000)
    ));
    let site = TestSite::fixture("basic").with_file(RECORD, text);
    let output = assert_error(&site, RECORD, None, "yaml-limit");
    assert!(output.contains("anchors and aliases"), "{output}");
}

#[test]
fn nesting_100000_levels_deep_is_refused_at_its_line() {
    let base = std::fs::read_to_string(fixture_dir("basic").join(RECORD)).unwrap();
    let deep_list = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_map = format!("{}{}", "{a: ".repeat(100_000), "}".repeat(100_000));
    let unclosed = "[".repeat(100_000);
    for nested in [&deep_list, &deep_map, &unclosed] {
        // Under an unknown key (read and skipped), and as the whole record.
        for text in [format!("{base}x: {nested}\n"), format!("{nested}\n")] {
            let line = text.lines().count();
            let site = TestSite::fixture("basic").with_file(RECORD, &text);
            let output = assert_error(&site, RECORD, Some(line), "yaml-limit");
            assert!(output.contains("nested more than 32 levels"), "{output}");
        }
    }
}

#[test]
fn deep_block_indentation_is_refused() {
    // Block style needs two spaces a level, so 1 MiB holds about 1,000 levels.
    let base = std::fs::read_to_string(fixture_dir("basic").join(RECORD)).unwrap();
    let mut text = format!("{base}x:\n");
    for level in 1..700 {
        text.push_str(&format!("{}k:\n", "  ".repeat(level)));
    }
    text.push_str(&format!("{}end\n", "  ".repeat(700)));
    assert!(text.len() < 1024 * 1024);
    let site = TestSite::fixture("basic").with_file(RECORD, text);
    let output = assert_error(&site, RECORD, None, "yaml-limit");
    assert!(output.contains("nested more than 32 levels"), "{output}");
}

#[test]
fn a_two_mebibyte_file_is_refused_unread() {
    let mut text = std::fs::read_to_string(fixture_dir("basic").join(RECORD)).unwrap();
    text.push_str(&format!("message: \"{}\"\n", "a".repeat(2 * 1024 * 1024)));
    let site = TestSite::fixture("basic").with_file(RECORD, text);
    let output = assert_error(&site, RECORD, None, "file-too-large");
    assert!(output.contains("at most 1048576 bytes"), "{output}");
}

#[test]
fn a_sparse_three_gibibyte_file_is_refused_without_reading_it() {
    // Takes no disk space, but anything that read it whole would need 3 GiB of memory:
    // more than the run may map, so it would die and fail the test.
    let site = TestSite::fixture("basic");
    let file = std::fs::File::create(site.root().join(RECORD)).unwrap();
    file.set_len(3 * 1024 * 1024 * 1024).unwrap();
    let output = assert_error(&site, RECORD, None, "file-too-large");
    assert!(output.contains("this file is 3221225472 bytes"), "{output}");
    // The human report (which shows snippets of the files it names) does not read it either.
    let check = run_bounded(&site, &["check"]);
    assert_eq!(check.code, 1, "{}", check.output);
}

#[test]
fn a_file_just_under_the_limit_is_read_and_its_long_value_is_not_echoed() {
    // 1 MiB minus a little: read and parsed. The invalid code is a megabyte long; the
    // report quotes only its start.
    let code = "A".repeat(1024 * 1024 - 100);
    let site = TestSite::fixture("basic").with_file(RECORD, format!("code: {code}\n"));
    let output = assert_error(&site, RECORD, Some(1), "invalid-code");
    assert!(
        output.len() < 10_000,
        "the report echoes the whole value ({} bytes)",
        output.len()
    );
    assert!(output.contains("(1048476 characters)"), "{output}");
}

// ---- Encodings -----------------------------------------------------------------------------

#[test]
fn bytes_that_are_not_utf8_anywhere_in_the_file() {
    // validation.rs covers a Latin-1 byte in a value; here the first line, an overlong
    // encoding, and an encoded surrogate.
    for (bad, line) in [
        (&b"\xff\xfecode: X\n"[..], 1),
        (b"code: AADSTS50126\ntitle: \xc0\xafx\n", 2),
        (b"code: AADSTS50126\ntitle: ok\ncategory: \xed\xa0\x80\n", 3),
    ] {
        let site = TestSite::fixture("basic").with_file(RECORD, bad);
        let output = assert_error(&site, RECORD, Some(line), "not-utf8");
        assert!(output.contains("not valid UTF-8"), "{output}");
    }
}

#[test]
fn a_file_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let site = TestSite::fixture("basic");
    let name = std::ffi::OsStr::from_bytes(b"content/errors/authentication/X\xff.yaml");
    std::fs::write(site.root().join(name), record_yaml("X", "authentication")).unwrap();
    let check = run_bounded(&site, &["check", "--format", "short"]);
    assert_eq!(check.code, 1, "{}", check.output);
    assert!(
        check
            .output
            .contains("content/errors/authentication/X\u{fffd}.yaml:1:"),
        "{}",
        check.output
    );
    assert!(
        check.output.contains("error[code-file-mismatch]"),
        "{}",
        check.output
    );
}

/// The fixture's record with a UTF-8 byte-order mark and Windows line endings, as
/// Windows editors save it.
fn windows_text(text: &str) -> Vec<u8> {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    bytes
}

#[test]
fn a_bom_and_crlf_line_endings_build_correctly() {
    let text = std::fs::read_to_string(fixture_dir("basic").join(FAQ_RECORD)).unwrap();
    let site = TestSite::fixture("basic").with_file(FAQ_RECORD, windows_text(&text));
    let check = run_bounded(&site, &["check", "--format", "short"]);
    assert_eq!(check.code, 0, "{}", check.output);
    let build = run_bounded(&site, &["build"]);
    assert_eq!(build.code, 0, "{}", build.output);

    // The same page as from the Unix file: no `\r` or BOM left in any value.
    let windows_page = site.read("errors/aadsts40009/index.html");
    let windows_json = site.read("api/errors/aadsts40009.json");
    let unix = TestSite::fixture("basic");
    unix.build_ok();
    assert_eq!(windows_page, unix.read("errors/aadsts40009/index.html"));
    assert_eq!(windows_json, unix.read("api/errors/aadsts40009.json"));
    assert!(windows_page.contains(
        "<span class=\"heading-title\">Refresh token could not be redeemed at the federated identity provider</span></h1>"
    ));
    assert!(
        !windows_json.contains("\\r") && !windows_json.contains('\u{feff}'),
        "{windows_json}"
    );
}

#[test]
fn a_diagnostic_in_a_bom_and_crlf_file_has_the_right_line_and_column() {
    let text = std::fs::read_to_string(fixture_dir("basic").join(RECORD)).unwrap();
    let text = text
        .replace("severity: medium", "severity: huge")
        .replace("code: AADSTS50126", "code: AADSTS50127");
    let site = TestSite::fixture("basic").with_file(RECORD, windows_text(&text));
    let output = assert_error(&site, RECORD, Some(4), "invalid-severity");
    assert!(output.contains(&format!("{RECORD}:4:11:")), "{output}");
    // On the first line, the byte-order mark does not shift the column.
    assert!(
        output.contains(&format!("{RECORD}:1:7: error[code-file-mismatch]")),
        "{output}"
    );
    // The human report shows the line without a stray `\r`.
    let check = run_bounded(&site, &["check"]);
    assert!(
        check.output.contains("4 | severity: huge\n"),
        "{}",
        check.output
    );
}

#[test]
fn old_mac_line_breaks_count_as_lines_everywhere() {
    // Found by fuzzing: YAML takes a lone `\r` as a line break, so the parser's line
    // numbers disagreed with the snippets (which counted only `\n`).
    let text = std::fs::read_to_string(fixture_dir("basic").join(RECORD)).unwrap();
    let site = TestSite::fixture("basic").with_file(RECORD, text.replace('\n', "\r"));
    assert_eq!(run_bounded(&site, &["check"]).code, 0);
    let site = site.with_file(
        RECORD,
        text.replace("severity: medium", "severity: huge")
            .replace('\n', "\r"),
    );
    assert_error(&site, RECORD, Some(4), "invalid-severity");
    let human = run_bounded(&site, &["check"]);
    assert!(
        human.output.contains(&format!("--> {RECORD}:4:11")),
        "{}",
        human.output
    );
    let syntax = text
        .replace("title: Invalid", "title: \"Invalid")
        .replace('\n', "\r");
    let site = site.with_file(RECORD, syntax);
    assert_error(&site, RECORD, Some(2), "invalid-yaml");
}

// ---- Codes -----------------------------------------------------------------------------------

#[test]
fn a_code_that_differs_from_its_file_name_only_in_case() {
    let site = TestSite::fixture("basic").edit(RECORD, "code: AADSTS50126", "code: aadsts50126");
    assert_error(&site, RECORD, Some(1), "code-file-mismatch");
}

#[test]
fn aliases_equal_ignoring_case_across_files() {
    let site = TestSite::fixture("basic").with_file(
        "content/errors/refresh/OTHER1.yaml",
        record_yaml("OTHER1", "refresh") + "aliases: [\"40009\", Shared-Alias]\n",
    );
    let site = site.edit(
        FAQ_RECORD,
        "aliases: [\"40009\"]",
        "aliases: [shared-alias]",
    );
    let output = assert_error(
        &site,
        "content/errors/refresh/OTHER1.yaml",
        Some(13),
        "duplicate-code",
    );
    assert!(output.contains("OTHER1.yaml:13:20"), "{output}");
    assert!(
        output.contains("AADSTS40009.yaml:24:11"),
        "the other file is named: {output}"
    );
    assert!(
        output.contains("`Shared-Alias`") && output.contains("`shared-alias`"),
        "{output}"
    );
}

#[test]
fn codes_with_slashes_dots_or_characters_outside_the_pattern() {
    // Each a file whose name matches its code, so only the pattern can refuse it.
    for code in [
        "..",
        ".hidden",
        "-dash-first",
        "AADSTÅ1",
        "a%2Fb",
        "x<script>",
        &"A".repeat(81),
    ] {
        let file = format!("content/errors/authentication/{code}.yaml");
        let site = TestSite::fixture("basic").with_file(&file, record_yaml(code, "authentication"));
        assert_error(&site, &file, Some(1), "invalid-code");
    }
    // A code with `/` or `..` cannot be a file name: the code field still names a path.
    for code in ["a/b", "../../../etc/passwd", "..\\..\\x"] {
        let site = TestSite::fixture("basic").edit(
            RECORD,
            "code: AADSTS50126",
            &format!("code: '{code}'"),
        );
        assert_error(&site, RECORD, Some(1), "invalid-code");
    }
}

#[test]
fn aliases_with_slashes_or_dots_never_become_paths() {
    for alias in ["../../../escaped", "a/b", "..", "/etc/x", "x y"] {
        let site = TestSite::fixture("basic").edit(
            FAQ_RECORD,
            "aliases: [\"40009\"]",
            &format!("aliases: [\"{alias}\"]"),
        );
        assert_error(&site, FAQ_RECORD, Some(24), "invalid-alias");
    }
    assert!(!std::env::temp_dir().join("escaped").exists());
}

#[test]
fn related_to_itself_through_an_alias_or_another_case() {
    let site = TestSite::fixture("basic").edit(
        FAQ_RECORD,
        "related: [AADSTS50076]",
        "related: [aadsts40009]",
    );
    assert_error(&site, FAQ_RECORD, Some(23), "related-self");
    let site = TestSite::fixture("basic").edit(
        FAQ_RECORD,
        "related: [AADSTS50076]",
        "related: [\"40009\"]",
    );
    let output = assert_error(&site, FAQ_RECORD, Some(23), "related-self");
    assert!(output.contains("an alias"), "{output}");
}

#[test]
fn related_to_a_missing_code_in_a_long_list() {
    let site = TestSite::fixture("basic").edit(
        FAQ_RECORD,
        "related: [AADSTS50076]",
        "related:\n  - AADSTS50076\n  - NOPE1\n  - \"../x\"",
    );
    let output = assert_error(&site, FAQ_RECORD, Some(25), "unknown-related");
    assert!(
        output.contains(&format!("{FAQ_RECORD}:26:")),
        "both missing codes are reported: {output}"
    );
}

#[test]
fn a_category_that_is_not_a_slug_or_not_defined() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "category: authentication",
        "category: Auth Errors",
    );
    assert_error(&site, RECORD, Some(3), "invalid-category");
    let site =
        TestSite::fixture("basic").edit(RECORD, "category: authentication", "category: billing");
    let output = assert_error(&site, RECORD, Some(3), "unknown-category");
    assert!(
        output.contains("authentication, refresh"),
        "the hint lists the categories: {output}"
    );
}

#[test]
fn source_urls_with_other_schemes_than_http() {
    for url in [
        "data:text/html,<script>alert(1)</script>",
        "DATA:text/html;base64,PHNjcmlwdD4=",
        "JaVaScRiPt:alert(1)",
        "\" javascript:alert(1)\"",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/",
        "http:no-host",
        "https://",
        "/relative/path",
    ] {
        let site = TestSite::fixture("basic").edit(
            RECORD,
            "url: https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
            &format!("url: {url}"),
        );
        assert_error(&site, RECORD, Some(13), "invalid-url");
    }
}

#[test]
fn an_edit_url_with_a_script_scheme() {
    let site = TestSite::fixture("basic").edit(
        "site.yaml",
        "edit_url: https://",
        "edit_url: javascript:alert(1)//",
    );
    assert_error(&site, "site.yaml", Some(5), "invalid-url");
}

#[test]
fn a_base_url_path_with_markup_is_refused() {
    let site = TestSite::fixture("basic").edit(
        "site.yaml",
        "base_url: https://errors.example.com/",
        "base_url: '/x\"><script>alert(1)</script>/'",
    );
    assert_error(&site, "site.yaml", Some(2), "invalid-base-url");
    let site = TestSite::fixture("basic");
    let build = run_bounded(
        &site,
        &["build", "--base-url", "/x\"><script>alert(1)</script>/"],
    );
    assert_eq!(build.code, 2, "{}", build.output);
    assert!(!site.output().exists());
}

#[test]
fn impossible_dates() {
    for date in [
        "2026-13-01",
        "2025-02-29",
        "2026-04-31",
        "0000-00-00",
        "2026-1-1",
        "2026-11-26T00:00:00Z",
        "26-11-2026",
        "yesterday",
        "99999-01-01",
    ] {
        let site = TestSite::fixture("basic").edit(
            FAQ_RECORD,
            "updated: 2026-11-20",
            &format!("updated: {date}"),
        );
        let output = assert_error(&site, FAQ_RECORD, Some(29), "invalid-date");
        assert!(output.contains(date), "{output}");
    }
    // A real leap day is fine.
    let site =
        TestSite::fixture("basic").edit(FAQ_RECORD, "updated: 2026-11-20", "updated: 2024-02-29");
    assert_eq!(run_bounded(&site, &["check"]).code, 0);
}

// ---- The file system -------------------------------------------------------------------------

#[test]
fn a_symlink_loop_in_content_is_reported_not_followed() {
    use std::os::unix::fs::symlink;
    let site = TestSite::fixture("basic");
    let errors = site.root().join("content/errors");
    symlink(&errors, errors.join("authentication/loop")).unwrap();
    symlink("self.yaml", errors.join("authentication/self.yaml")).unwrap();
    symlink("b.yaml", errors.join("authentication/a.yaml")).unwrap();
    symlink("a.yaml", errors.join("authentication/b.yaml")).unwrap();
    let check = run_bounded(&site, &["check", "--format", "short"]);
    assert_eq!(check.code, 1, "{}", check.output);
    for link in ["loop", "self.yaml", "a.yaml", "b.yaml"] {
        let wanted = format!("content/errors/authentication/{link}: error[symlink]");
        assert!(
            check.output.contains(&wanted),
            "{wanted} missing:\n{}",
            check.output
        );
    }
    assert_error(&site, "content/errors/authentication/loop", None, "symlink");
}

#[test]
fn a_symlinked_site_file_outside_the_site_is_not_a_way_out() {
    // site.yaml pointing at a file that is not YAML (and outside the site): an error
    // about that file, nothing read into a page.
    use std::os::unix::fs::symlink;
    let site = TestSite::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret"), "SECRET-TOKEN-1234\n").unwrap();
    std::fs::remove_file(site.root().join(FAQ_RECORD)).unwrap();
    symlink(outside.path().join("secret"), site.root().join(FAQ_RECORD)).unwrap();
    let check = run_bounded(&site, &["check", "--format", "short"]);
    assert_eq!(check.code, 1, "{}", check.output);
    assert!(
        check
            .output
            .contains(&format!("{FAQ_RECORD}: error[symlink]")),
        "{}",
        check.output
    );
    assert!(!check.output.contains("SECRET-TOKEN"), "{}", check.output);
}

#[test]
fn site_folders_and_files_that_are_links_are_refused() {
    // A pull request can add links; the machine that builds the site holds secrets.
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "SECRET-TOKEN-1234\n").unwrap();
    std::fs::write(
        outside.path().join("secret.yaml"),
        "title: SECRET-TOKEN-1234\nbase_url: [\n",
    )
    .unwrap();
    copy_dir(
        &fixture_dir("basic").join("content"),
        &outside.path().join("content"),
    );

    // static/ or templates/ linked out: their files would be published.
    for folder in ["static", "templates"] {
        let site = TestSite::fixture("basic");
        symlink(outside.path(), site.root().join(folder)).unwrap();
        let build = run_bounded(&site, &["build"]);
        assert_eq!(build.code, 1, "{folder}: {}", build.output);
        assert!(
            build
                .output
                .contains(&format!("{folder} is a symbolic link")),
            "{}",
            build.output
        );
        assert!(!site.output().exists(), "{folder}: a build wrote public/");
    }
    // content/ linked out: the records are not read.
    let site = TestSite::fixture("basic").without_file("content");
    symlink(outside.path().join("content"), site.root().join("content")).unwrap();
    assert_error(&site, "content", None, "symlink");
    // site.yaml linked to a secret: an error about the link; the secret is not shown.
    let site = TestSite::fixture("basic").without_file("site.yaml");
    symlink(
        outside.path().join("secret.yaml"),
        site.root().join("site.yaml"),
    )
    .unwrap();
    let output = assert_error(&site, "site.yaml", None, "symlink");
    let human = run_bounded(&site, &["check"]);
    assert!(
        !output.contains("SECRET") && !human.output.contains("SECRET"),
        "{}",
        human.output
    );
}

/// Whether the tests run as root (as CI does). Root reads a `chmod 000` file anyway, so
/// the unreadable-file tests then run errdocs as the unprivileged user `nobody`.
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Lets `nobody` into every folder of the site (to read it and write `public/`).
fn open_up_for_nobody(site: &TestSite) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(site.root()).into_iter().flatten() {
        if entry.file_type().is_dir() {
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        }
    }
}

/// Runs errdocs as `nobody` when the tests run as root, else as the current user. The
/// binary is copied into a world-readable folder first: `nobody` may not be allowed
/// into the folder the project was cloned in.
fn run_unprivileged(site: &TestSite, args: &[&str]) -> Run {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    if !running_as_root() {
        return run_bounded(site, args);
    }
    let bin_dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let binary = bin_dir.path().join("errdocs");
    std::fs::copy(env!("CARGO_BIN_EXE_errdocs"), &binary).unwrap();
    std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
    run_bounded_in(site.root(), &binary, args, |command| {
        command.uid(65534).gid(65534);
    })
}

#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::fixture("basic");
    open_up_for_nobody(&site);
    std::fs::set_permissions(
        site.root().join(RECORD),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let check = run_unprivileged(&site, &["check", "--format", "short"]);
    assert_eq!(check.code, 1, "{}", check.output);
    let wanted =
        format!("{RECORD}: error[unreadable-file]: cannot read this file: Permission denied");
    assert!(check.output.contains(&wanted), "{}", check.output);
    let build = run_unprivileged(&site, &["build"]);
    assert_eq!(build.code, 1, "{}", build.output);
    assert!(build.output.contains(RECORD), "{}", build.output);
    assert!(!site.output().exists(), "a failed build wrote public/");
}

#[test]
fn an_unreadable_folder() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::fixture("basic");
    open_up_for_nobody(&site);
    let folder = site.root().join("content/errors/refresh");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o000)).unwrap();
    let check = run_unprivileged(&site, &["check", "--format", "short"]);
    // Readable again, so the temp folder can be removed.
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(check.code, 1, "{}", check.output);
    assert!(
        check
            .output
            .contains("content/errors/refresh: error[unreadable-file]"),
        "{}",
        check.output
    );
}

#[test]
fn a_named_pipe_or_socket_named_like_a_record_does_not_hang() {
    let site = TestSite::fixture("basic");
    let fifo = site.root().join("content/errors/authentication/PIPE1.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let _socket = std::os::unix::net::UnixListener::bind(
        site.root().join("content/errors/authentication/SOCK1.yaml"),
    )
    .unwrap();
    let output = assert_error(
        &site,
        "content/errors/authentication/PIPE1.yaml",
        None,
        "unreadable-file",
    );
    assert!(
        output.contains(
            "content/errors/authentication/SOCK1.yaml: error[unreadable-file]: this is not a regular file"
        ),
        "{output}"
    );
    // site.yaml too is judged before it is opened.
    std::fs::remove_file(site.root().join("site.yaml")).unwrap();
    Command::new("mkfifo")
        .arg(site.root().join("site.yaml"))
        .status()
        .unwrap();
    assert_error(&site, "site.yaml", None, "unreadable-file");
}

#[test]
fn a_directory_named_like_a_record_is_a_warning_and_its_files_are_read() {
    let site = TestSite::fixture("basic").with_file(
        "content/errors/authentication/FOLDER1.yaml/FOLDER1.yaml",
        record_yaml("FOLDER1", "authentication"),
    );
    let check = run_bounded(&site, &["check", "--format", "short"]);
    assert_eq!(check.code, 0, "{}", check.output);
    assert!(
        check
            .output
            .contains("content/errors/authentication/FOLDER1.yaml: warning[folder-named-yaml]"),
        "{}",
        check.output
    );
    assert!(
        check.output.contains("in 5 records"),
        "the file inside is read: {}",
        check.output
    );
    let denied = run_bounded(&site, &["check", "--deny-warnings"]);
    assert_eq!(denied.code, 1, "{}", denied.output);
}

#[test]
fn site_files_that_are_folders() {
    for file in ["site.yaml", "content/categories.yaml"] {
        let site = TestSite::fixture("basic").without_file(file);
        std::fs::create_dir(site.root().join(file)).unwrap();
        let output = assert_error(&site, file, None, "unreadable-file");
        assert!(output.contains("this is a folder, not a file"), "{output}");
    }
}

#[test]
fn several_broken_files_are_all_reported_in_one_run() {
    use std::os::unix::fs::symlink;
    let site = TestSite::fixture("basic")
        .with_file(
            "content/errors/authentication/A1.yaml",
            "code: A1\ntitle: \"unclosed\n",
        )
        .with_file(
            "content/errors/authentication/A2.yaml",
            b"code: A2\ntitle: caf\xe9\n".as_slice(),
        )
        .with_file(
            "content/errors/authentication/A3.yaml",
            "x".repeat(2 * 1024 * 1024),
        )
        .with_file("content/errors/authentication/A4.yaml", "- a list\n")
        .with_file("content/errors/authentication/A5.yaml", billion_laughs())
        .with_file(
            "content/errors/authentication/A6.yml",
            record_yaml("A6", "authentication"),
        )
        .edit(RECORD, "severity: medium", "severity: [medium]")
        .edit(FAQ_RECORD, "updated: 2026-11-20", "updated: 2026-02-30")
        .edit(
            "content/errors/refresh/DataSource.Error.yaml",
            "category: refresh",
            "category: nope",
        );
    symlink(
        "A1.yaml",
        site.root().join("content/errors/authentication/A7.yaml"),
    )
    .unwrap();
    let check = run_bounded(&site, &["check", "--format", "short"]);
    assert_eq!(check.code, 1, "{}", check.output);
    for expected in [
        "authentication/A1.yaml:2:8: error[invalid-yaml]",
        "authentication/A2.yaml:2:11: error[not-utf8]",
        "authentication/A3.yaml: error[file-too-large]",
        "authentication/A4.yaml:1:1: error[list-instead-of-mapping]",
        "authentication/A5.yaml:",
        "authentication/A6.yml: error[file-extension]",
        "authentication/A7.yaml: error[symlink]",
        "authentication/AADSTS40009.yaml:29:10: error[invalid-date]",
        "authentication/AADSTS50126.yaml:4:11: error[wrong-type]",
        "refresh/DataSource.Error.yaml:3:11: error[unknown-category]",
    ] {
        assert!(
            check.output.contains(expected),
            "{expected} missing from:\n{}",
            check.output
        );
    }
    assert!(check.output.contains("10 error(s)"), "{}", check.output);
}
