//! YAML slips: each reported with its own rule id, at its line and column, with a hint
//! that shows the corrected line; read from `check --format json`.

use serde_json::Value;

use crate::support::*;

const RECORD: &str = "content/errors/authentication/AADSTS50126.yaml";

/// The diagnostics of `check --format json`, and its exit code.
fn diagnostics(site: &TestSite) -> (i32, Vec<Value>) {
    let out = site.run(&["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let list = report["diagnostics"].as_array().unwrap().clone();
    (out.status.code().unwrap(), list)
}

/// Asserts that `check` reports `rule` in `file` at `line`:`column`, with a hint that
/// ends with `corrected` (the line as it should be), and returns that diagnostic.
fn assert_rule(
    site: &TestSite,
    file: &str,
    (line, column): (u64, u64),
    rule: &str,
    corrected: &str,
) -> Value {
    let (code, found) = diagnostics(site);
    let Some(d) = found.iter().find(|d| d["rule"] == rule) else {
        panic!("no {rule} in {found:#?}");
    };
    let expected_code = if d["severity"] == "error" { 1 } else { 0 };
    assert_eq!(code, expected_code, "{found:#?}");
    assert_eq!(d["file"], file, "{d:#}");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line), Some(column)),
        "{d:#}"
    );
    let hint = d["hint"].as_str().unwrap_or_default();
    assert!(
        hint.ends_with(&format!("\n{corrected}")),
        "the hint does not end with the corrected line {corrected:?}:\n{hint}"
    );
    d.clone()
}

#[test]
fn an_unquoted_colon_in_a_value_gets_the_quoted_line() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "summary:",
        "message: AADSTS50177: User account is from an external tenant\nsummary:",
    );
    let d = assert_rule(
        &site,
        RECORD,
        (5, 21),
        "unquoted-colon",
        "message: \"AADSTS50177: User account is from an external tenant\"",
    );
    assert!(
        d["message"].as_str().unwrap().contains("`message`"),
        "{d:#}"
    );
}

#[test]
fn an_unquoted_colon_in_a_list_item_is_not_a_wrong_type() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "  - The user typed the wrong password.",
        "  - Note: the user typed the wrong password.",
    );
    assert_rule(
        &site,
        RECORD,
        (7, 9),
        "unquoted-colon",
        "  - \"Note: the user typed the wrong password.\"",
    );
    let (_, found) = diagnostics(&site);
    assert!(
        found.iter().all(|d| d["rule"] != "wrong-type"),
        "{found:#?}"
    );
}

#[test]
fn a_tab_in_the_indentation_gets_the_line_with_spaces() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "  - Reset the password.",
        "\t- Reset the password.",
    );
    assert_rule(
        &site,
        RECORD,
        (9, 1),
        "tab-indent",
        "  - Reset the password.",
    );
}

#[test]
fn a_key_indented_deeper_than_its_neighbour_names_the_key_to_line_up_with() {
    let site = TestSite::fixture("basic").edit(RECORD, "title: Invalid", "  title: Invalid");
    let d = assert_rule(
        &site,
        RECORD,
        (2, 3),
        "wrong-indentation",
        "title: Invalid username or password",
    );
    assert!(
        d["hint"]
            .as_str()
            .unwrap()
            .starts_with("line `title:` up with `code:` (line 1)"),
        "{d:#}"
    );
}

#[test]
fn a_key_of_a_list_item_indented_less_than_its_neighbour() {
    let file = "content/errors/authentication/AADSTS40009.yaml";
    let site = TestSite::fixture("basic").edit(file, "    answer: No.", "   answer: No.");
    let d = assert_rule(
        &site,
        file,
        (22, 4),
        "wrong-indentation",
        "    answer: No. Only users of a federated domain see it.",
    );
    assert!(
        d["hint"]
            .as_str()
            .unwrap()
            .starts_with("line `answer:` up with `question:` (line 21)"),
        "{d:#}"
    );
}

/// A key indented under a key left empty becomes that key's value: a syntax slip,
/// not a value of the wrong type.
#[test]
fn a_key_indented_under_an_empty_key_is_an_indentation_problem_not_a_wrong_type() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "tags: [federation, password]",
        "related:\n  tags: [federation, password]",
    );
    assert_rule(
        &site,
        RECORD,
        (11, 3),
        "wrong-indentation",
        "tags: [federation, password]",
    );
    let (_, found) = diagnostics(&site);
    assert!(
        found.iter().all(|d| d["rule"] != "wrong-type"),
        "{found:#?}"
    );
}

#[test]
fn a_list_where_a_mapping_belongs() {
    let text = std::fs::read_to_string(fixture_dir("basic").join(RECORD)).unwrap();
    let as_list = text.replace("code:", "- code:").replace("\n", "\n  ");
    let site = TestSite::fixture("basic").with_file(RECORD, as_list.trim_end());
    assert_rule(
        &site,
        RECORD,
        (1, 1),
        "list-instead-of-mapping",
        "code: AADSTS50126",
    );
}

#[test]
fn a_mapping_where_a_list_belongs() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "  - title: Error codes\n    url:",
        "  title: Error codes\n  url:",
    );
    let d = assert_rule(
        &site,
        RECORD,
        (12, 3),
        "mapping-instead-of-list",
        "  - title: Error codes",
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("`sources` is a list"),
        "{d:#}"
    );
}

#[test]
fn a_duplicate_key_points_at_both_places() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "severity: medium",
        "severity: medium\nseverity: high",
    );
    let (code, found) = diagnostics(&site);
    assert_eq!(code, 1);
    let d = found
        .iter()
        .find(|d| d["rule"] == "duplicate-key")
        .expect("duplicate-key");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(5), Some(1)),
        "{d:#}"
    );
    assert_eq!(d["related"][0]["line"], 4, "the first place: {d:#}");
    assert_eq!(d["related"][0]["file"], RECORD, "{d:#}");
    assert_eq!(
        d["hint"],
        "keep one of the two: delete line 5 (`severity: high`) or line 4 (`severity: medium`)"
    );
}

#[test]
fn a_line_of_a_block_indented_less_than_its_first_line() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "summary: The password is wrong.",
        "summary: |\n  The password\n is wrong.",
    );
    assert_rule(&site, RECORD, (7, 2), "block-indentation", "  is wrong.");
}

#[test]
fn a_block_whose_text_is_not_indented() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "summary: The password is wrong.",
        "summary: |\nThe password is wrong.",
    );
    assert_rule(
        &site,
        RECORD,
        (6, 1),
        "block-indentation",
        "  The password is wrong.",
    );
}

#[test]
fn a_list_item_swallowed_by_the_item_above_is_a_warning() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "  - The user typed the wrong password.",
        "  - The user typed the wrong password.\n    - Caps lock is on.",
    );
    assert_rule(
        &site,
        RECORD,
        (8, 5),
        "swallowed-list-item",
        "  - Caps lock is on.",
    );
}

#[test]
fn a_list_swallowed_by_folded_text_is_a_warning() {
    let site = TestSite::fixture("basic").edit(
        RECORD,
        "summary: The password is wrong.",
        "summary: >\n  The password is wrong. Either:\n  - it expired, or\n  - it was mistyped.",
    );
    assert_rule(&site, RECORD, (7, 3), "swallowed-list-item", "summary: |");
}
