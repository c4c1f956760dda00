//! Progress on a terminal: the real binary under a pseudo-terminal (`script` of
//! util-linux) shows its stage and a bar, with `ERRDOCS_PROGRESS_AFTER_MS=0` so that a
//! small site shows it too; in CI (`CI` set) it does not, and the summary line is the
//! same. (Piped output, without any of it, is what every other test reads.)

use std::process::Command;

use crate::support::*;

/// Runs `errdocs ARGS` under a pseudo-terminal with `env`; what the terminal showed,
/// or `None` (the test skipped) where `script` is missing.
fn on_a_terminal(test: &str, args: &str, env: &[(&str, &str)]) -> Option<String> {
    if Command::new("script").arg("--version").output().is_err() {
        report_skipped(test, "`script` (util-linux) is not installed");
        return None;
    }
    let command = format!("'{}' {args}", env!("CARGO_BIN_EXE_errdocs"));
    let output = Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .env_remove("CI")
        .env_remove(errdocs::progress::AFTER_VARIABLE)
        .envs(env.iter().copied())
        .output()
        .expect("run script");
    let shown = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{shown}");
    Some(shown)
}

#[test]
fn a_build_or_check_on_a_terminal_shows_its_stage_and_a_bar_but_not_in_ci() {
    let site = TestSite::fixture("basic");
    let root = site.root().display().to_string();
    let build = format!("build --root '{root}' --output '{root}/out'");
    let now = [(errdocs::progress::AFTER_VARIABLE, "0")];
    let test = "a_build_or_check_on_a_terminal_shows_its_stage_and_a_bar_but_not_in_ci";
    let Some(shown) = on_a_terminal(test, &build, &now) else {
        return;
    };
    // The bar: "building [=====>   ] 3/8 markdown and highlighting (0s)".
    assert!(shown.contains("building ["), "{shown}");
    assert!(shown.contains("/8 "), "{shown}");
    let stages = errdocs::progress::BUILD;
    assert!(stages.iter().any(|stage| shown.contains(stage)), "{shown}");
    let summary = shown.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert!(
        summary.contains("Built "),
        "the summary comes last: {shown:?}"
    );

    let check = format!("check --root '{root}'");
    let shown = on_a_terminal(test, &check, &now).unwrap();
    assert!(shown.contains("checking ["), "{shown}");
    assert!(shown.contains("ok: 4 records checked"), "{shown}");

    // In CI, nothing but the summary, as when piped.
    let ci = [now[0], ("CI", "true")];
    let shown = on_a_terminal(test, &build, &ci).unwrap();
    assert!(
        !shown.contains("building") && !shown.contains("/8"),
        "{shown}"
    );
    assert!(shown.trim_start().starts_with("Built "), "{shown:?}");
}
