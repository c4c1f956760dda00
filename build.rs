//! Names the commit errdocs is built from, for `errdocs --version` and the GitHub
//! Action that `errdocs init` pins: `ERRDOCS_COMMIT` is the full commit hash, or empty
//! when it is not known.
//!
//! Where the commit comes from, in order:
//! 1. git, when the package folder is the top of a git checkout: a clone, and also
//!    `cargo install --git`, whose checkouts keep their `.git` folder;
//! 2. `.cargo_vcs_info.json`, which `cargo package` writes into a published crate
//!    (`cargo install errdocs` from a registry);
//! 3. nothing: a copy of the sources without either.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let commit = from_git(&manifest_dir)
        .or_else(|| from_vcs_info(&manifest_dir))
        .unwrap_or_default();
    println!("cargo:rustc-env=ERRDOCS_COMMIT={commit}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=.cargo_vcs_info.json");
}

/// `git rev-parse HEAD` when `dir` is the top of its checkout (not a folder inside some
/// other repository, such as a home folder kept in git). Asks cargo to run this again
/// when HEAD moves.
fn from_git(dir: &Path) -> Option<String> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if std::fs::canonicalize(&top).ok()? != std::fs::canonicalize(dir).ok()? {
        return None;
    }
    let commit = git(dir, &["rev-parse", "HEAD"])?;
    let is_hash = commit.len() == 40 && commit.bytes().all(|b| b.is_ascii_hexdigit());
    if !is_hash {
        return None;
    }
    // HEAD names the branch; the branch's file (or packed-refs) names the commit; the
    // reflog changes with every commit and checkout of this worktree.
    let git_dir = PathBuf::from(git(dir, &["rev-parse", "--absolute-git-dir"])?);
    let common = git(dir, &["rev-parse", "--git-common-dir"]).map(|c| git_dir.join(c));
    let mut watched = vec![git_dir.join("HEAD"), git_dir.join("logs/HEAD")];
    if let Some(common) = common {
        watched.push(common.join("packed-refs"));
        if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
            watched.push(common.join(branch));
        }
    }
    for path in watched.iter().filter(|p| p.exists()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    Some(commit)
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}

/// The `"sha1"` of `.cargo_vcs_info.json` (`{"git": {"sha1": "..."}, ...}`).
fn from_vcs_info(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(".cargo_vcs_info.json")).ok()?;
    let after = text.split("\"sha1\"").nth(1)?;
    let value = after.split('"').nth(1)?;
    let is_hash = value.len() == 40 && value.bytes().all(|b| b.is_ascii_hexdigit());
    is_hash.then(|| value.to_string())
}
