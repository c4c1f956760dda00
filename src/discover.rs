//! Which site a command works on, and how its paths are shown.
//!
//! Like cargo with `Cargo.toml`, every command looks for `site.yaml` in the current
//! folder and then in each folder above it, so `errdocs check` works from
//! `content/errors/auth/` too; `--root DIR` names the site folder outright. When no
//! folder has a `site.yaml`, the current folder is the site, and `check` says what is
//! missing (and suggests `errdocs init`).
//!
//! Diagnostics hold paths relative to the site folder; commands show them relative to
//! the current folder ([`SiteDir::rebase`]), so `check --format github` run at the top
//! of a repository whose site lives in `docs/errors/` names
//! `docs/errors/content/errors/...`, the path GitHub needs to place an annotation.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::load::SITE_FILE;

/// The site folder of a command, and how to reach it from the current folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteDir {
    /// The site folder, as the command uses it: `--root` as given, else the folder
    /// found, relative to the current folder (`.` for the current folder itself).
    pub root: PathBuf,
    /// The site folder relative to the current folder (empty when it is the current
    /// folder).
    pub shown_as: PathBuf,
    /// The current folder and the site folder, resolved: [`SiteDir::show`] goes from one
    /// to the other.
    cwd: PathBuf,
    absolute: PathBuf,
}

impl SiteDir {
    /// The site folder for `root` (the `--root` option), seen from the folder `cwd`.
    pub fn find(root: Option<&Path>, cwd: &Path) -> SiteDir {
        let cwd = resolve(cwd);
        let (root, absolute) = match root {
            Some(root) => (root.to_path_buf(), resolve(&cwd.join(root))),
            None => {
                let found = cwd
                    .ancestors()
                    .find(|dir| std::fs::symlink_metadata(dir.join(SITE_FILE)).is_ok())
                    .unwrap_or(&cwd)
                    .to_path_buf();
                let relative = lexical_relative(&cwd, &found);
                let root = if relative.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    relative
                };
                (root, found)
            }
        };
        SiteDir {
            root,
            shown_as: lexical_relative(&cwd, &absolute),
            cwd,
            absolute,
        }
    }

    /// [`SiteDir::find`] from the process's current folder.
    pub fn find_from_current(root: Option<&Path>) -> SiteDir {
        let cwd = std::env::current_dir()
            .and_then(|d| d.canonicalize())
            .unwrap_or_else(|_| PathBuf::from("."));
        SiteDir::find(root, &cwd)
    }

    /// A path relative to the site folder, as seen from the current folder.
    pub fn show(&self, path: &Path) -> PathBuf {
        lexical_relative(&self.cwd, &normalize(&self.absolute.join(path)))
    }

    /// Diagnostics with their paths (and their related places') as seen from the
    /// current folder: render them with the current folder as their root.
    pub fn rebase(&self, found: &[Diagnostic]) -> Vec<Diagnostic> {
        found
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d.file = self.show(&d.file);
                d.hint = d.hint.map(|hint| self.rebase_commands(&hint));
                for related in &mut d.related {
                    related.file = self.show(&related.file);
                }
                d
            })
            .collect()
    }
}

impl SiteDir {
    /// A hint with the paths of its `` `git mv FROM TO` `` commands (written from the
    /// site folder) as seen from the current folder, so the command runs where it is
    /// shown.
    fn rebase_commands(&self, hint: &str) -> String {
        const COMMAND: &str = "`git mv ";
        let mut out = String::with_capacity(hint.len());
        let mut rest = hint;
        while let Some(at) = rest.find(COMMAND) {
            let after = &rest[at + COMMAND.len()..];
            let Some(end) = after.find('`') else { break };
            out.push_str(&rest[..at + COMMAND.len()]);
            let paths: Vec<String> = (after[..end].split(' '))
                .map(|word| match word.starts_with('-') || word.is_empty() {
                    true => word.to_string(),
                    false => crate::diagnostics::display_path(&self.show(Path::new(word))),
                })
                .collect();
            out.push_str(&paths.join(" "));
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }
}

/// The path that leads from the folder `from` to `to` (`..` where it must go up).
/// Both are resolved first where they exist; when they share nothing but the file
/// system's root, `to` is returned as it is.
pub fn relative_to(from: &Path, to: &Path) -> PathBuf {
    lexical_relative(&resolve(from), &resolve(to))
}

/// A path with its links resolved where it exists, else written out without `.` and
/// `..` parts.
fn resolve(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| normalize(path))
}

/// [`relative_to`] for paths already resolved: by their parts alone.
fn lexical_relative(from: &Path, to: &Path) -> PathBuf {
    let from_parts: Vec<Component> = from.components().collect();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from_parts
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let only_the_root = common <= 1 && from.has_root();
    if only_the_root && from_parts.len() > 1 {
        return to.to_path_buf();
    }
    let mut path: PathBuf = from_parts[common..]
        .iter()
        .map(|_| Component::ParentDir)
        .collect();
    path.extend(&to_parts[common..]);
    path
}

/// `path` without `.` parts, and with `..` folded into the part before it where there is
/// one (written paths, not resolved ones).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_go_up_and_down() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(top.join("a/b")).unwrap();
        std::fs::create_dir_all(top.join("c")).unwrap();
        assert_eq!(relative_to(&top, &top.join("a/b")), Path::new("a/b"));
        assert_eq!(relative_to(&top.join("a/b"), &top), Path::new("../.."));
        assert_eq!(
            relative_to(&top.join("a/b"), &top.join("c")),
            Path::new("../../c")
        );
        assert_eq!(relative_to(&top, &top), Path::new(""));
        assert_eq!(relative_to(&top, &top.join("./a/../c/")), Path::new("c"));
    }

    #[test]
    fn git_mv_commands_in_hints_run_from_the_current_folder() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(top.join("docs/errors")).unwrap();
        let site = SiteDir::find(Some(Path::new("docs/errors")), &top);
        let hint = "move it: `git mv content/errors/a/X.yaml content/errors/b/X.yaml` (or not)";
        assert_eq!(
            site.rebase_commands(hint),
            "move it: `git mv docs/errors/content/errors/a/X.yaml docs/errors/content/errors/b/X.yaml` (or not)"
        );
        let here = SiteDir::find(None, &top.join("docs/errors"));
        assert_eq!(here.rebase_commands(hint), hint);
    }

    #[test]
    fn the_site_is_found_upward_and_root_wins() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().canonicalize().unwrap();
        let deep = top.join("site/content/errors/auth");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(top.join("site/site.yaml"), "").unwrap();
        let found = SiteDir::find(None, &deep);
        assert_eq!(found.root, Path::new("../../.."));
        assert_eq!(
            found.show(Path::new("content/errors/auth/X.yaml")),
            Path::new("X.yaml")
        );
        let at_top = SiteDir::find(Some(Path::new("./site/")), &top);
        assert_eq!(at_top.root, Path::new("./site/"));
        assert_eq!(
            at_top.show(Path::new("content/categories.yaml")),
            Path::new("site/content/categories.yaml")
        );
        let nowhere = SiteDir::find(None, &top);
        assert_eq!(
            (nowhere.root, nowhere.shown_as),
            (PathBuf::from("."), PathBuf::new())
        );
    }
}
