//! GitHub Actions: this repository's workflows, its action (`action.yml`) and the
//! workflows `errdocs init` writes pass actionlint and `zizmor --offline` without a
//! finding, and pin every action they use to the same commit.
//!
//! The linters come from PyPI, pinned in `scripts/lint-tools.txt`; `scripts/test.sh`
//! installs them into `target/lint-tools/`. Where they are missing, each test says it
//! was skipped (and `scripts/test.sh` counts it so) instead of passing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// A linter from `target/lint-tools/bin/`, else from `PATH`.
fn lint_tool(name: &str) -> Option<PathBuf> {
    let installed = repo_root().join("target/lint-tools/bin").join(name);
    if installed.is_file() {
        return Some(installed);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// actionlint and zizmor, or `None` after reporting the test skipped.
fn linters(test: &str) -> Option<(PathBuf, PathBuf)> {
    match (lint_tool("actionlint"), lint_tool("zizmor")) {
        (Some(actionlint), Some(zizmor)) => Some((actionlint, zizmor)),
        _ => {
            report_skipped(
                test,
                "actionlint and zizmor are not installed (bash scripts/test.sh installs them from scripts/lint-tools.txt)",
            );
            None
        }
    }
}

/// Runs actionlint on `workflows` (files) with `dir` as the repository (where `uses: ./`
/// resolves), and `zizmor --offline` on `inputs`; panics with what they found.
fn assert_clean(
    (actionlint, zizmor): &(PathBuf, PathBuf),
    dir: &Path,
    workflows: &[PathBuf],
    inputs: &[PathBuf],
) {
    // actionlint runs shellcheck on every `run:` script when it finds it beside itself.
    let path = std::env::join_paths(
        actionlint
            .parent()
            .into_iter()
            .map(Path::to_path_buf)
            .chain(std::env::split_paths(
                &std::env::var_os("PATH").unwrap_or_default(),
            )),
    )
    .unwrap();
    let out = Command::new(actionlint)
        .args(["-no-color", "-oneline"])
        .args(workflows)
        .current_dir(dir)
        .env("PATH", &path)
        .output()
        .expect("run actionlint");
    assert!(
        out.status.success() && out.stdout.is_empty(),
        "actionlint found problems:\n{}",
        text(&out)
    );
    let out = Command::new(zizmor)
        .args(["--offline", "--no-progress", "--format", "plain"])
        .args(inputs)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zizmor");
    assert!(
        out.status.success() && text(&out).contains("No findings to report"),
        "zizmor found problems:\n{}",
        text(&out)
    );
}

/// Every `*.yml` file of `dir/.github/workflows`, sorted.
fn workflows_of(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no workflows in {}", dir.display());
    files
}

#[test]
fn the_repository_workflows_and_action_pass_actionlint_and_zizmor() {
    let Some(tools) = linters("the_repository_workflows_and_action_pass_actionlint_and_zizmor")
    else {
        return;
    };
    let root = repo_root();
    let workflows = workflows_of(&root);
    // actionlint reads action.yml through the workflows that use it (`uses: ./`): its
    // inputs are checked against each use.
    let uses_the_action = workflows
        .iter()
        .any(|w| std::fs::read_to_string(w).unwrap().contains("uses: ./ "));
    assert!(uses_the_action, "no workflow uses the repository's action");
    let mut inputs = workflows.clone();
    inputs.push(root.join("action.yml"));
    assert_clean(&tools, &root, &workflows, &inputs);
}

/// `errdocs init` in a fresh folder, and into `docs/errors/` of a git repository (the
/// workflows then go to the repository's top and name the site's folder).
#[test]
fn the_workflows_init_writes_pass_actionlint_and_zizmor() {
    let Some(tools) = linters("the_workflows_init_writes_pass_actionlint_and_zizmor") else {
        return;
    };
    for site_dir in [".", "docs/errors"] {
        let repo = TestSite::empty();
        std::fs::create_dir(repo.root().join(".git")).unwrap();
        let out = repo.run(&["init", site_dir, "--product", "Acme API"]);
        assert!(out.status.success(), "{}", text(&out));
        let workflows = workflows_of(repo.root());
        assert_eq!(workflows.len(), 2, "{workflows:?}");
        let check = std::fs::read_to_string(&workflows[0]).unwrap();
        let expected_root = if site_dir == "." {
            "root: \".\""
        } else {
            "root: docs/errors"
        };
        assert!(check.contains(expected_root), "{check}");
        assert_clean(&tools, repo.root(), &workflows, &workflows);
    }
}

/// The same action is pinned to the same commit everywhere, with its version beside it:
/// one update moves them all.
#[test]
fn every_action_is_pinned_to_one_commit() {
    let root = repo_root();
    let mut files = workflows_of(&root);
    files.extend(workflows_of(&root.join("src/init/site")));
    let mut pins: std::collections::BTreeMap<String, (String, PathBuf)> = Default::default();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for line in text.lines() {
            let Some(uses) = line.trim().trim_start_matches("- ").strip_prefix("uses: ") else {
                continue;
            };
            if uses.starts_with("./") || uses.starts_with("@@") {
                continue;
            }
            let (action, pin) = uses.split_once('@').expect("owner/name@ref");
            let (hash, comment) = pin.split_once(" # ").unwrap_or((pin, ""));
            assert!(
                hash.len() == 40 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
                "{}: {action} is not pinned to a full commit hash: {uses}",
                file.display()
            );
            assert!(
                comment.starts_with('v'),
                "{}: {action}'s pin has no version comment",
                file.display()
            );
            if let Some((other, where_)) = pins.get(action) {
                assert_eq!(
                    other,
                    pin,
                    "{action} is pinned differently in {} and {}",
                    file.display(),
                    where_.display()
                );
            } else {
                pins.insert(action.to_string(), (pin.to_string(), file.clone()));
            }
        }
    }
    assert!(pins.contains_key("actions/checkout"), "{pins:?}");
}
