//! Watching the site folder: file events, debounced, sorted into [`Changes`].
//!
//! The watcher (notify) follows `site.yaml` through a watch on the root folder itself,
//! and `content/`, `templates/` and `static/` with everything in them. A folder that
//! appears later (a first `templates/`) is watched from the next event on. Events
//! elsewhere (the `public/` folder of `errdocs build`, `.git/`) are ignored, and so are
//! editors' swap and backup files and mere reads (the rebuild reads the files itself).
//!
//! Debouncing: after an event, [`Watcher::next_batch`] keeps collecting until no event
//! has come for [`DEBOUNCE`], so the few writes of one save become one rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::preview::Changes;
use crate::Error;
use crate::load::pages::PAGES_DIR;
use crate::load::{CATEGORIES_FILE, ERRORS_DIR, SITE_FILE};

/// How long the folder must stay quiet before a rebuild starts. Editors write a file
/// in a few quick steps (truncate, write, rename); a few milliseconds cover them and
/// keep the time from save to reload short.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// The folders watched with everything in them.
const WATCHED_FOLDERS: [&str; 3] = ["content", "templates", "static"];

/// Watches the site in `root` (an absolute, canonical path).
pub struct Watcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    /// Changed paths (absolute); an empty path when the watcher lost track.
    events: Receiver<PathBuf>,
    watched: BTreeSet<&'static str>,
}

impl Watcher {
    pub fn start(root: &Path) -> Result<Watcher, Error> {
        let (sender, events) = channel();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            match event {
                // Reads are not changes; the rebuild's own reads would loop otherwise.
                Ok(event) if matches!(event.kind, EventKind::Access(_)) => {}
                Ok(event) => {
                    for path in event.paths {
                        let _ = sender.send(path);
                    }
                }
                // The watcher lost track (an overflowing event queue): read everything.
                Err(_) => {
                    let _ = sender.send(PathBuf::new());
                }
            }
        })
        .map_err(|e| watch_error(root, e))?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            watcher,
            events,
            watched: BTreeSet::new(),
        };
        watcher
            .watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(root, e))?;
        watcher.watch_new_folders();
        Ok(watcher)
    }

    /// Waits for changes, then for [`DEBOUNCE`] of quiet, and returns the changed
    /// paths; `None` when the watcher stopped.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let mut paths = vec![self.events.recv().ok()?];
        loop {
            match self.events.recv_timeout(DEBOUNCE) {
                Ok(path) => paths.push(path),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        self.watch_new_folders();
        paths.sort();
        paths.dedup();
        Some(paths)
    }

    /// Starts watching the folders of [`WATCHED_FOLDERS`] that exist and are not
    /// watched yet. A folder that vanished is dropped by the watcher itself.
    fn watch_new_folders(&mut self) {
        for folder in WATCHED_FOLDERS {
            let path = self.root.join(folder);
            let exists = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
            if !exists {
                self.watched.remove(folder);
            } else if !self.watched.contains(folder)
                && self.watcher.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(folder);
            }
        }
    }
}

fn watch_error(root: &Path, e: notify::Error) -> Error {
    Error::Io {
        context: format!("cannot watch {} for changes", root.display()),
        source: std::io::Error::other(e.to_string()),
    }
}

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
        } else if relative == Path::new(CATEGORIES_FILE) {
            changes.categories = true;
        } else if first.is_some_and(|f| f == "templates" || f == "static") {
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
