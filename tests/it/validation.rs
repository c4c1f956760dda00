//! One test per validation rule of the contract: the exit code, the file, the line.

use crate::support::*;

const RECORD: &str = "content/errors/authentication/AADSTS50126.yaml";

#[test]
fn the_fixture_is_clean() {
    let (code, output) = check(&TestSite::fixture("basic"));
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("ok: 4 records checked"), "{output}");
}

#[test]
fn unknown_key_names_the_right_key() {
    let site = TestSite::fixture("basic").edit(RECORD, "causes:", "cuases:");
    let output = assert_rule(&site, RECORD, 6, "unknown-key");
    assert!(output.contains("did you mean `causes`?"), "{output}");
    // The misspelled key also leaves `causes` missing, reported in the same run.
    assert!(output.contains("error[missing-key]"), "{output}");
}

#[test]
fn unknown_key_in_a_faq_entry() {
    let file = "content/errors/authentication/AADSTS40009.yaml";
    let site = TestSite::fixture("basic").edit(file, "    answer: No.", "    answr: No.");
    let output = assert_rule(&site, file, 22, "unknown-key");
    assert!(output.contains("did you mean `answer`?"), "{output}");
}

#[test]
fn missing_required_key() {
    let site = TestSite::fixture("basic").edit(RECORD, "summary: The password is wrong.\n", "");
    let output = assert_rule(&site, RECORD, 1, "missing-key");
    assert!(output.contains("`summary`"), "{output}");
}

#[test]
fn wrong_type() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "causes:\n  - The user typed the wrong password.",
        "causes: The user typed it.",
    );
    assert_rule(&site, RECORD, 6, "wrong-type");
}

/// A record with a mistake on almost every line: one run reports them all, in file
/// order, each with its rule id; a broken field never hides its neighbours, and the
/// checks across files (the alias, the related code) run although the record is broken.
#[test]
fn every_mistake_of_a_record_is_reported_in_one_run() {
    let file = "content/errors/refresh/AADSTS50177.yaml";
    let record =
        std::fs::read_to_string(repo_root().join("tests/fixtures/records/many-mistakes.yaml"))
            .unwrap();
    let site = TestSite::fixture("basic").with_file(file, record);
    let (code, output) = check(&site);
    assert_eq!(code, 1, "{output}");
    let found: Vec<String> = output
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{file}:")))
        .map(|l| {
            let (place, rest) = l.split_once(": ").unwrap();
            let rule = rest.split(']').next().unwrap();
            format!("{place} {rule}]")
        })
        .collect();
    let expected = [
        "3:1 error[missing-key]",
        "4:1 error[unknown-key]",
        "5:11 warning[folder-category]",
        "6:11 error[invalid-severity]",
        "8:1 error[duplicate-key]",
        "11:9 error[unquoted-colon]",
        "12:5 error[wrong-type]",
        "15:5 warning[swallowed-list-item]",
        "17:3 error[mapping-instead-of-list]",
        "19:11 error[unknown-related]",
        "20:11 error[duplicate-code]",
        "21:8 error[invalid-tag]",
        "24:10 error[invalid-url]",
        "25:10 error[invalid-date]",
        "27:3 error[wrong-indentation]",
    ];
    assert_eq!(found, expected, "{output}");
    assert!(output.contains("13 error(s), 2 warning(s)"), "{output}");
}

#[test]
fn empty_required_field() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "title: Invalid username or password",
        "title: \"  \"",
    );
    assert_rule(&site, RECORD, 2, "empty-field");
}

#[test]
fn empty_required_list() {
    let site =
        TestSite::fixture("basic").edit(RECORD, "fixes:\n  - Reset the password.", "fixes: []");
    assert_rule(&site, RECORD, 8, "empty-list");
}

#[test]
fn code_must_match_the_file_name() {
    let site = TestSite::fixture("basic").edit(RECORD, "code: AADSTS50126", "code: AADSTS50127");
    let output = assert_rule(&site, RECORD, 1, "code-file-mismatch");
    assert!(output.contains("AADSTS50126.yaml"), "{output}");
}

#[test]
fn code_must_match_the_pattern() {
    let file = "content/errors/authentication/bad code.yaml";
    let site =
        TestSite::fixture("basic").with_file(file, record_yaml("bad code", "authentication"));
    assert_rule(&site, file, 1, "invalid-code");
}

#[test]
fn title_longer_than_160_characters() {
    let long = "x".repeat(161);
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "title: Invalid username or password",
        &format!("title: {long}"),
    );
    assert_rule(&site, RECORD, 2, "too-long");
}

#[test]
fn symbol_longer_than_120_characters_or_on_two_lines() {
    let long = "S".repeat(121);
    let symbol = "symbol: InvalidUserNameOrPassword";
    let site = TestSite::fixture("basic").edit(RECORD, symbol, &format!("symbol: {long}"));
    assert_rule(&site, RECORD, 14, "too-long");
    let site = TestSite::fixture("basic").edit(RECORD, symbol, "symbol: \"ENOENT\\nEACCES\"");
    assert_rule(&site, RECORD, 14, "multi-line");
}

#[test]
fn bad_severity_suggests_the_nearest() {
    let site = TestSite::fixture("basic").edit(RECORD, "severity: medium", "severity: meduim");
    let output = assert_rule(&site, RECORD, 4, "invalid-severity");
    assert!(output.contains("did you mean `medium`?"), "{output}");
}

#[test]
fn undefined_category_suggests_the_nearest() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "category: authentication",
        "category: authentcation",
    );
    let output = assert_rule(&site, RECORD, 3, "unknown-category");
    assert!(
        output.contains("did you mean `authentication`?"),
        "{output}"
    );
}

#[test]
fn codes_equal_ignoring_case_name_both_files() {
    let file = "content/errors/refresh/aadsts50126.yaml";
    let site = TestSite::fixture("basic").with_file(file, record_yaml("aadsts50126", "refresh"));
    let output = assert_rule(&site, file, 1, "duplicate-code");
    assert!(
        output.contains(RECORD),
        "the first file is not named: {output}"
    );
}

#[test]
fn an_alias_equal_to_another_code_names_both_files() {
    let file = "content/errors/authentication/AADSTS40009.yaml";
    let site = TestSite::fixture("basic").edit(
        file,
        "aliases: [\"40009\"]",
        "aliases: [\"40009\", aadsts50126]",
    );
    let output = assert_rule(&site, file, 24, "duplicate-code");
    assert!(
        output.contains(RECORD),
        "the other file is not named: {output}"
    );
}

#[test]
fn related_code_that_does_not_exist() {
    let file = "content/errors/authentication/AADSTS40009.yaml";
    let site =
        TestSite::fixture("basic").edit(file, "related: [AADSTS50076]", "related: [AADSTS50067]");
    let output = assert_rule(&site, file, 23, "unknown-related");
    assert!(output.contains("did you mean `AADSTS50076`?"), "{output}");
}

#[test]
fn related_naming_the_record_itself() {
    let file = "content/errors/authentication/AADSTS40009.yaml";
    let site =
        TestSite::fixture("basic").edit(file, "related: [AADSTS50076]", "related: [AADSTS40009]");
    assert_rule(&site, file, 23, "related-self");
}

#[test]
fn source_url_that_is_not_http() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "url: https://learn",
        "url: javascript:alert(1)//learn",
    );
    assert_rule(&site, RECORD, 13, "invalid-url");
}

#[test]
fn date_that_is_not_a_real_date() {
    let file = "content/errors/authentication/AADSTS40009.yaml";
    let site = TestSite::fixture("basic").edit(file, "updated: 2026-11-20", "updated: 2026-02-30");
    assert_rule(&site, file, 29, "invalid-date");
}

#[test]
fn tag_that_is_not_a_slug() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "tags: [federation, password]",
        "tags: [federation, Pass Word]",
    );
    let output = assert_rule(&site, RECORD, 10, "invalid-tag");
    assert!(output.contains("`pass-word`"), "{output}");
}

#[test]
fn duplicate_key() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "severity: medium",
        "severity: medium\nseverity: high",
    );
    assert_rule(&site, RECORD, 5, "duplicate-key");
}

#[test]
fn yaml_syntax_error() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "title: Invalid username or password",
        "title: \"Invalid username",
    );
    let (code, output) = check(&site);
    assert_eq!(code, 1, "{output}");
    assert!(output.contains(&format!("{RECORD}:")), "{output}");
}

#[test]
fn file_that_is_not_utf8() {
    let file = "content/errors/authentication/AADSTS99999.yaml";
    let mut bytes = record_yaml("AADSTS99999", "authentication").into_bytes();
    bytes.extend_from_slice(b"message: caf\xe9\n");
    let site = TestSite::fixture("basic").with_file(file, bytes);
    assert_rule(&site, file, 13, "not-utf8");
}

#[test]
fn file_larger_than_one_mebibyte() {
    let file = "content/errors/authentication/AADSTS99999.yaml";
    let mut text = record_yaml("AADSTS99999", "authentication");
    text.push_str(&format!("message: \"{}\"\n", "a".repeat(1024 * 1024)));
    let site = TestSite::fixture("basic").with_file(file, text);
    let (code, output) = check(&site);
    assert_eq!(code, 1, "{output}");
    assert!(
        output.contains(file) && output.contains("file-too-large"),
        "{output}"
    );
}

#[test]
fn anchors_that_blow_up_in_size() {
    let file = "content/errors/authentication/AADSTS99999.yaml";
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    let site = TestSite::fixture("basic").with_file(file, bomb);
    // Refused by the parser's budget (what stops the expansion), where it ran out.
    assert_rule(&site, file, 6, "yaml-limit");
}

#[test]
fn a_skeleton_placeholder_fails() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "summary: The password is wrong.",
        "summary: TODO describe the error",
    );
    assert_rule(&site, RECORD, 5, "placeholder");
}

#[test]
fn warnings_do_not_fail_unless_denied() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "sources:\n  - title: Error codes\n    url: https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes\n",
        "",
    );
    let (code, output) = check(&site);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("warning[no-sources]"), "{output}");
    let out = site.run(&["check", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
}

#[test]
fn all_problems_of_several_files_are_reported_in_one_run() {
    let site = TestSite::fixture("basic")
        .edit(RECORD, "severity: medium", "severity: huge")
        .edit(
            "content/errors/authentication/AADSTS50076.yaml",
            "category: authentication",
            "category: nope",
        )
        .edit(
            "content/errors/refresh/DataSource.Error.yaml",
            "title: Power",
            "titel: Power",
        );
    let (code, output) = check(&site);
    assert_eq!(code, 1);
    for expected in [
        "AADSTS50126.yaml:4:",
        "AADSTS50076.yaml:3:",
        "DataSource.Error.yaml:2:",
    ] {
        assert!(
            output.contains(expected),
            "{expected} missing from:\n{output}"
        );
    }
    // Sorted by file, then line.
    let a = output.find("AADSTS50076.yaml").unwrap();
    let b = output.find("AADSTS50126.yaml").unwrap();
    let c = output.find("DataSource.Error.yaml").unwrap();
    assert!(a < b && b < c, "{output}");
}

#[test]
fn human_format_shows_the_line_and_a_caret() {
    let site = TestSite::fixture("basic").edit(RECORD, "causes:", "cuases:");
    let out = site.run(&["check"]);
    let output = text(&out);
    assert!(output.contains(&format!("--> {RECORD}:6:1")), "{output}");
    assert!(output.contains("6 | cuases:"), "{output}");
    assert!(output.contains("^^^^^^"), "{output}");
    assert!(
        !output.contains('\u{1b}'),
        "colour with NO_COLOR set: {output}"
    );
}

/// Asserts `check` fails with `rule` reported for the whole of `file` (no line: a file
/// that is missing, unreadable or too large).
fn assert_file_error(site: &TestSite, file: &str, rule: &str) -> String {
    let (code, output) = check(site);
    assert_eq!(code, 1, "check passed:\n{output}");
    let wanted = format!("{file}: error[{rule}]");
    assert!(
        output.lines().any(|l| l.starts_with(&wanted)),
        "no {wanted} in:\n{output}"
    );
    output
}

/// Asserts `check` passes with the warning `rule` at `file:line`, and fails with it
/// under `--deny-warnings`.
fn assert_warning(site: &TestSite, file: &str, line: usize, rule: &str) -> String {
    let (code, output) = check(site);
    assert_eq!(code, 0, "a warning failed check:\n{output}");
    let wanted = format!("{file}:{line}:");
    let found = output
        .lines()
        .any(|l| l.starts_with(&wanted) && l.contains(&format!("warning[{rule}]")));
    assert!(found, "no warning[{rule}] at {wanted} in:\n{output}");
    let denied = site.run(&["check", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1), "{}", text(&denied));
    output
}

#[test]
fn a_title_on_two_lines() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "title: Invalid username or password",
        "title: |\n  Invalid username\n  or password",
    );
    let output = assert_rule(&site, RECORD, 3, "multi-line");
    assert!(output.contains("`title` must be one line"), "{output}");
}

#[test]
fn an_alias_equal_to_the_records_own_code() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "tags: [federation, password]",
        "tags: [federation, password]\naliases: [aadsts50126]",
    );
    let output = assert_rule(&site, RECORD, 11, "alias-is-code");
    assert!(output.contains("the alias `aadsts50126`"), "{output}");
}

#[test]
fn a_category_defined_twice() {
    let file = "content/categories.yaml";
    let site = TestSite::fixture("basic").edit(
        file,
        "- slug: refresh\n",
        "- slug: refresh\n  title: Again\n- slug: refresh\n",
    );
    let output = assert_rule(&site, file, 6, "duplicate-category");
    assert!(output.contains("`refresh` is defined twice"), "{output}");
}

#[test]
fn a_category_slug_that_is_not_a_slug() {
    let file = "content/categories.yaml";
    let site = TestSite::fixture("basic").edit(file, "- slug: refresh", "- slug: Refresh Errors");
    let output = assert_rule(&site, file, 4, "invalid-slug");
    assert!(output.contains("write it as `refresh-errors`"), "{output}");
}

#[test]
fn a_language_that_is_not_a_language_tag() {
    let site = TestSite::fixture("basic").edit(
        "site.yaml",
        "product: Fixture Cloud",
        "product: Fixture Cloud\nlanguage: en_GB",
    );
    let output = assert_rule(&site, "site.yaml", 5, "invalid-language");
    assert!(
        output.contains("`en_GB` is not a BCP 47 language tag"),
        "{output}"
    );
}

#[test]
fn a_related_limit_out_of_range() {
    let site =
        TestSite::fixture("basic").edit("site.yaml", "related_limit: 4", "related_limit: 101");
    let output = assert_rule(&site, "site.yaml", 6, "out-of-range");
    assert!(output.contains("at most 100"), "{output}");
}

#[test]
fn a_missing_site_file_or_records_folder() {
    let site = TestSite::fixture("basic").without_file("site.yaml");
    assert_file_error(&site, "site.yaml", "missing-file");
    let site = TestSite::fixture("basic").without_file("content/categories.yaml");
    assert_file_error(&site, "content/categories.yaml", "missing-file");
    let site = TestSite::fixture("basic").without_file("content/errors");
    assert_file_error(&site, "content/errors", "missing-file");
}

#[test]
fn more_than_ten_related_codes_is_a_warning() {
    let mut site = TestSite::fixture("basic");
    let codes: Vec<String> = (1..=11).map(|i| format!("REL{i:02}")).collect();
    for code in &codes {
        site = site.with_file(
            &format!("content/errors/authentication/{code}.yaml"),
            record_yaml(code, "authentication"),
        );
    }
    let site = site.edit(
        RECORD,
        "tags: [federation, password]",
        &format!(
            "tags: [federation, password]\nrelated: [{}]",
            codes.join(", ")
        ),
    );
    let output = assert_warning(&site, RECORD, 11, "too-many-related");
    assert!(output.contains("`related` lists 11 codes"), "{output}");
    // Ten are fine.
    let site = site.edit(RECORD, "REL11]", "]");
    let (code, output) = check(&site);
    assert_eq!(code, 0, "{output}");
    assert!(!output.contains("too-many-related"), "{output}");
}

#[test]
fn a_record_outside_the_folder_of_its_category_is_a_warning_with_the_move() {
    let file = "content/errors/refresh/AADSTS99999.yaml";
    let site =
        TestSite::fixture("basic").with_file(file, record_yaml("AADSTS99999", "authentication"));
    let output = assert_warning(&site, file, 3, "folder-category");
    assert!(
        output.contains(&format!(
            "`git mv {file} content/errors/authentication/AADSTS99999.yaml`"
        )),
        "{output}"
    );
    // Checked from the folder above the site, the command names the files from there.
    let parent = site.root().parent().unwrap();
    let name = site.root().file_name().unwrap().to_str().unwrap();
    let out = errdocs_command()
        .args(["check", "--root", name, "--format", "short"])
        .current_dir(parent)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        text(&out).contains(&format!(
            "`git mv {name}/{file} {name}/content/errors/authentication/AADSTS99999.yaml`"
        )),
        "{}",
        text(&out)
    );
    // Directly in content/errors/, a record needs no folder.
    let site = TestSite::fixture("basic").with_file(
        "content/errors/AADSTS99999.yaml",
        record_yaml("AADSTS99999", "authentication"),
    );
    let (code, output) = check(&site);
    assert_eq!(code, 0, "{output}");
    assert!(
        output.contains("ok: 5 records checked, no problems"),
        "{output}"
    );
}
