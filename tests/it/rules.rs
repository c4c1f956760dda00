//! Every rule id is documented, and every documented rule is triggered by a test.
//!
//! Three lists must agree: the code's (`errdocs::diagnostics::RULES`: a diagnostic made
//! with a rule not in it panics in the debug builds the tests run), the README's list
//! of rule ids, and the rules the tests in `tests/it/` assert that `check` reports. A
//! rule counts as asserted where a test calls one of [`ASSERTING_HELPERS`] with its id
//! (each fails unless `check` reports that rule), or looks for `error[RULE]` or
//! `warning[RULE]` in what `check` printed.

use std::collections::{BTreeMap, BTreeSet};

use errdocs::diagnostics::{Level, RULES};

use crate::support::repo_root;

/// The test helpers that fail unless `check` reports the rule they are given.
const ASSERTING_HELPERS: [&str; 4] = [
    "assert_rule(",
    "assert_error(",
    "assert_file_error(",
    "assert_warning(",
];

/// The README's rule ids: `(errors, warnings)`, from the paragraph that starts with
/// "Rule ids:" and lists the warnings after "; warnings".
fn documented_rules() -> (Vec<String>, Vec<String>) {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let start = readme
        .find("\nRule ids: ")
        .expect("the README lists the rule ids in a paragraph starting \"Rule ids: \"");
    let paragraph = readme[start..].trim_start().split("\n\n").next().unwrap();
    let (errors, warnings) = paragraph
        .split_once("; warnings")
        .expect("the README's rule list names the warnings after \"; warnings\"");
    let ids = |text: &str| -> Vec<String> {
        text.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    (ids(errors), ids(warnings))
}

/// `source` without its comment lines (a rule named in a comment asserts nothing).
fn without_comments(source: &str) -> String {
    source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of every test file but this one, without comment lines.
fn test_sources() -> BTreeMap<String, String> {
    let dir = repo_root().join("tests/it");
    walkdir::WalkDir::new(&dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter(|e| !e.path().ends_with("rules.rs"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let name = e.path().strip_prefix(&dir).unwrap().display().to_string();
            (name, without_comments(&text))
        })
        .collect()
}

/// The arguments of each call of `helper` (`name(`) in `source`, up to its `)`.
fn call_arguments<'a>(source: &'a str, helper: &str) -> Vec<&'a str> {
    let mut calls = Vec::new();
    for (at, _) in source.match_indices(helper) {
        // A call, not the helper's definition or a longer name ending the same way.
        let before = source[..at].chars().next_back();
        if source[..at].ends_with("fn ") || before.is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let start = at + helper.len();
        let mut depth = 1;
        for (i, c) in source[start..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                calls.push(&source[start..start + i]);
                break;
            }
        }
    }
    calls
}

/// The rules each test file asserts that `check` reports.
fn asserted_rules() -> BTreeMap<String, BTreeSet<String>> {
    let known: BTreeSet<&str> = RULES.iter().map(|(rule, _)| *rule).collect();
    let mut asserted: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, source) in test_sources() {
        let mut add = |rule: &str| {
            asserted
                .entry(rule.to_string())
                .or_default()
                .insert(file.clone());
        };
        for helper in ASSERTING_HELPERS {
            for arguments in call_arguments(&source, helper) {
                let literals = arguments.split('"').skip(1).step_by(2);
                for literal in literals.filter(|l| known.contains(l)) {
                    add(literal);
                }
            }
        }
        for severity in ["error[", "warning["] {
            for (at, _) in source.match_indices(severity) {
                let rest = &source[at + severity.len()..];
                if let Some((rule, _)) = rest.split_once(']')
                    && known.contains(rule)
                {
                    add(rule);
                }
            }
        }
    }
    asserted
}

#[test]
fn the_readme_documents_exactly_the_rules_the_code_has() {
    let (errors, warnings) = documented_rules();
    let code = |level: Level| -> Vec<String> {
        RULES
            .iter()
            .filter(|(_, s)| *s == level)
            .map(|(rule, _)| rule.to_string())
            .collect()
    };
    for (what, documented, in_code) in [
        ("errors", errors, code(Level::Error)),
        ("warnings", warnings, code(Level::Warning)),
    ] {
        let documented_set: BTreeSet<&String> = documented.iter().collect();
        let code_set: BTreeSet<&String> = in_code.iter().collect();
        assert_eq!(
            documented.len(),
            documented_set.len(),
            "{what} listed twice in the README"
        );
        assert_eq!(
            in_code.len(),
            code_set.len(),
            "{what} listed twice in RULES"
        );
        let undocumented: Vec<_> = code_set.difference(&documented_set).collect();
        let unknown: Vec<_> = documented_set.difference(&code_set).collect();
        assert!(
            undocumented.is_empty(),
            "{what} the code reports but the README's \"Rule ids:\" list does not name: {undocumented:?}"
        );
        assert!(
            unknown.is_empty(),
            "{what} the README names but the code (diagnostics::RULES) does not have: {unknown:?}"
        );
    }
}

#[test]
fn every_documented_rule_is_triggered_by_a_test() {
    let (errors, warnings) = documented_rules();
    let asserted = asserted_rules();
    let untested: Vec<&String> = errors
        .iter()
        .chain(&warnings)
        .filter(|rule| !asserted.contains_key(*rule))
        .collect();
    assert!(
        untested.is_empty(),
        "documented rules no test asserts that `check` reports: {untested:?}\n(tested: {asserted:#?})"
    );
}

/// The scan counts assertions only: not a rule named in a comment, in a helper's
/// definition, or passed to a function that asserts nothing.
#[test]
fn the_scan_counts_assertions_only() {
    let source = without_comments(
        "    // assert_rule(&site, FILE, 1, \"symlink\"); error[symlink]\n\
         fn assert_rule(site: &TestSite, rule: &str) {}\n\
         some_helper(&site, \"not-utf8\");\n\
         assert_rule(&site, FILE, 3, \"multi-line\");\n\
         my_assert_rule(&site, FILE, 3, \"too-long\");\n",
    );
    assert_eq!(
        call_arguments(&source, "assert_rule("),
        ["&site, FILE, 3, \"multi-line\""]
    );
    assert!(!source.contains("symlink"), "{source}");
}
