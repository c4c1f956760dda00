//! Sorting the watcher's changed paths ([`crate::watch`]) into the [`Changes`] the
//! preview rebuilds: settings, categories (and their translations), the theme (with
//! the strings of its words), or record files (and their translations).

use std::path::{Path, PathBuf};

use super::preview::Changes;
use crate::load::pages::PAGES_DIR;
use crate::load::{CATEGORIES_FILE, ERRORS_DIR, SITE_FILE};

/// Sorts changed paths (absolute) into [`Changes`]. `is_known` tells whether a
/// relative path was a record file, or a folder holding one, at the last rebuild.
pub fn classify(root: &Path, paths: &[PathBuf], is_known: impl Fn(&Path) -> bool) -> Changes {
    let mut changes = Changes::default();
    for path in paths {
        if path.as_os_str().is_empty() {
            // The watcher lost track: read everything again.
            changes.merge(Changes::everything());
            continue;
        }
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        if relative.as_os_str().is_empty() {
            // The root itself (moved or removed and back): read everything again.
            changes.merge(Changes::everything());
            continue;
        }
        let first = relative.components().next().map(|c| c.as_os_str());
        let extension = relative
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        if relative == Path::new(SITE_FILE) {
            changes.config = true;
        } else if relative == Path::new(CATEGORIES_FILE)
            || (relative.parent() == Path::new(CATEGORIES_FILE).parent()
                && relative.to_string_lossy().ends_with(".yaml"))
        {
            // The categories, or their translation into a language.
            changes.categories = true;
        } else if first.is_some_and(|f| f == "templates" || f == "static" || f == "strings") {
            changes.theme = true;
        } else if relative == Path::new("content") || relative == Path::new(ERRORS_DIR) {
            changes.categories = true;
            changes.rescan = true;
            changes.pages = true;
        } else if relative.starts_with(PAGES_DIR) {
            changes.pages = true;
        } else if relative.starts_with(ERRORS_DIR) {
            let metadata = std::fs::symlink_metadata(path).ok();
            let is_file = metadata.as_ref().is_some_and(|m| m.is_file());
            let is_dir = metadata.as_ref().is_some_and(|m| m.is_dir());
            let known = is_known(relative);
            match extension.as_deref() {
                Some("yaml") if is_file || (known && metadata.is_none()) => {
                    changes.records.push(relative.to_path_buf());
                }
                // A folder came or went (or was renamed), or a `.yml` file (a mistake
                // that check reports): list the folder again.
                _ if is_dir || (known && metadata.is_none()) => changes.rescan = true,
                Some("yml") => changes.rescan = true,
                // Editors' swap, backup and probe files, and files gone before we
                // looked.
                _ => {}
            }
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_into_changes() {
        let root = Path::new("/nonexistent-site");
        let paths: Vec<PathBuf> = [
            "site.yaml",
            "content/errors/auth/A1.yaml",
            "content/errors/auth/.A1.yaml.swp",
            "public/index.html",
            "templates/base.html",
        ]
        .iter()
        .map(|p| root.join(p))
        .collect();
        let changes = classify(root, &paths, |p| p.ends_with("A1.yaml"));
        assert!(changes.config && changes.theme && !changes.categories && !changes.rescan);
        assert!(!changes.pages);
        let page = [root.join("content/pages/guide/intro.md")];
        assert!(classify(root, &page, |_| false).pages);
        assert_eq!(
            changes.records,
            vec![PathBuf::from("content/errors/auth/A1.yaml")]
        );
        let gone = [root.join("content/errors/gone")];
        assert!(
            classify(root, &gone, |_| true).rescan,
            "a folder of records went"
        );
        assert!(
            classify(root, &gone, |_| false).is_empty(),
            "an editor's probe file"
        );
    }
}
