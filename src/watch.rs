//! Watching the site folder for saves: file events, debounced into batches. `serve`
//! rebuilds on each batch, `check --watch` checks again.
//!
//! The watcher (notify) follows `site.yaml` through a watch on the root folder itself,
//! and `content/`, `templates/`, `static/` and `strings/` with everything in them. A folder that
//! appears later (a first `templates/`) is watched from the next event on. Events
//! elsewhere (the `public/` folder of `errdocs build`, `.git/`) are not seen, and mere
//! reads are ignored (a rebuild reads the files itself). What a changed path means is
//! the caller's to judge (`serve`: [`crate::serve::watch::classify`]).
//!
//! Debouncing: after an event, [`Watcher::next_batch`] keeps collecting until no event
//! has come for [`DEBOUNCE`], so the few writes of one save become one rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::Error;

/// How long the folder must stay quiet before a rebuild starts. Editors write a file
/// in a few quick steps (truncate, write, rename); a few milliseconds cover them and
/// keep the time from save to reload short.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// The folders watched with everything in them.
const WATCHED_FOLDERS: [&str; 4] = ["content", "templates", "static", "strings"];

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
