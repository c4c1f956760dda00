//! What this errdocs is: its version, the commit it was built from (found by
//! `build.rs`), and the repository it comes from, for `errdocs --version` and for the
//! GitHub Action reference that `errdocs init` writes into a site's workflows.

/// The package version, from `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The full hash of the commit errdocs was built from, when it is known.
pub fn commit() -> Option<&'static str> {
    Some(env!("ERRDOCS_COMMIT")).filter(|c| !c.is_empty())
}

/// What `errdocs --version` prints after the name: `0.1.0 (commit 5c81f24a1b2c)`, or
/// says that the commit is not known.
pub fn long() -> &'static str {
    const UNKNOWN: &str = concat!(
        env!("CARGO_PKG_VERSION"),
        " (commit unknown: built from sources outside a git checkout)"
    );
    static LONG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    match commit() {
        Some(commit) => LONG.get_or_init(|| format!("{VERSION} (commit {})", &commit[..12])),
        None => UNKNOWN,
    }
}

/// `OWNER/NAME` of the GitHub repository in `Cargo.toml`'s `repository`, which holds
/// the `action.yml` that runs errdocs in a workflow.
pub fn github_repository() -> &'static str {
    env!("CARGO_PKG_REPOSITORY")
        .trim_start_matches("https://github.com/")
        .trim_end_matches('/')
        .trim_end_matches(".git")
}

/// How a workflow names errdocs's action: pinned to the commit this errdocs was built
/// from, with its version as a comment (`OWNER/NAME@<hash> # v0.1.0`); the version tag
/// when the commit is not known.
pub fn action_reference() -> String {
    let repository = github_repository();
    match commit() {
        Some(commit) => format!("{repository}@{commit} # v{VERSION}"),
        None => format!("{repository}@v{VERSION}"),
    }
}
