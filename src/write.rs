//! Write: the output folder, replaced all at once or not at all.
//!
//! A build writes into a staging folder beside the target (`.public.errdocs-staging-*`).
//! Only when every file is written does [`Staging::commit`] swap it in: on Linux with
//! one atomic `renameat2(RENAME_EXCHANGE)`, so a reader (or a build killed with SIGKILL)
//! sees the old site or the new one, never a mix; elsewhere with two renames. A failed
//! build drops the staging folder and leaves the previous output as it was. Every path
//! written is checked to stay inside the staging folder.
//!
//! The preview server (`errdocs serve`) stages in memory instead ([`Staging::in_memory`]):
//! it serves the files from there and never writes the site to disk.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::Error;

const STAGING_MARK: &str = ".errdocs-staging-";

/// Where a build's files go before they are published: a folder being filled with a
/// new build, or memory.
pub struct Staging {
    place: Place,
    files: AtomicUsize,
    bytes: AtomicU64,
}

enum Place {
    /// A folder beside `target`, swapped in by [`Staging::commit`].
    Folder {
        dir: tempfile::TempDir,
        target: PathBuf,
    },
    /// Relative path → bytes, for the preview server.
    Memory(Mutex<BTreeMap<String, Vec<u8>>>),
}

impl Staging {
    /// Creates a staging folder beside `target` (which need not exist yet), first
    /// removing staging folders that builds killed part-way left behind.
    pub fn new(target: &Path) -> Result<Staging, Error> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .ok_or_else(|| {
                Error::Usage(format!(
                    "the output folder {} has no name",
                    target.display()
                ))
            })?
            .to_string_lossy()
            .into_owned();
        std::fs::create_dir_all(parent)
            .map_err(|e| io_error(format!("cannot create {}", parent.display()), e))?;
        remove_abandoned_staging(parent, &name);
        let prefix = format!(".{name}{STAGING_MARK}{}-", std::process::id());
        let dir = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(parent)
            .map_err(|e| {
                io_error(
                    format!("cannot create a staging folder in {}", parent.display()),
                    e,
                )
            })?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A published folder is world-readable, like one made by `mkdir`.
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).map_err(
                |e| {
                    io_error(
                        format!("cannot set permissions on {}", dir.path().display()),
                        e,
                    )
                },
            )?;
        }
        Ok(Staging {
            place: Place::Folder {
                dir,
                target: target.to_path_buf(),
            },
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        })
    }

    /// Stages in memory: [`Staging::into_files`] hands the files over.
    pub fn in_memory() -> Staging {
        Staging {
            place: Place::Memory(Mutex::default()),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    /// The staging folder (for tests and diagnostics); `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        match &self.place {
            Place::Folder { dir, .. } => Some(dir.path()),
            Place::Memory(_) => None,
        }
    }

    /// Writes `bytes` at `relative` (a `/`-separated path), creating folders as needed.
    /// Refuses any path that could leave the staging folder.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Error> {
        check_relative(relative)?;
        match &self.place {
            Place::Folder { dir, .. } => {
                let path = dir.path().join(relative);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| {
                        io_error(format!("cannot create the folder of {relative}"), e)
                    })?;
                }
                std::fs::write(&path, bytes)
                    .map_err(|e| io_error(format!("cannot write {relative}"), e))?;
            }
            Place::Memory(files) => {
                let mut files = files
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                files.insert(relative.to_string(), bytes.to_vec());
            }
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// The files staged in memory, by relative path; `None` for a folder.
    pub fn into_files(self) -> Option<BTreeMap<String, Vec<u8>>> {
        match self.place {
            Place::Memory(files) => Some(
                files
                    .into_inner()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()),
            ),
            Place::Folder { .. } => None,
        }
    }

    /// Files and bytes written so far.
    pub fn totals(&self) -> (usize, u64) {
        (
            self.files.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }

    /// Puts the staging folder in place of the target. The previous output is removed
    /// only after the new one is in place.
    pub fn commit(self) -> Result<(), Error> {
        let Place::Folder { dir, target } = self.place else {
            return Err(Error::Usage(
                "nothing to publish: this build was staged in memory".into(),
            ));
        };
        let staging = dir.keep();
        let result = swap_into_place(&staging, &target);
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        result
    }
}

/// Refuses any path that is not plain and relative: it could leave the output folder.
fn check_relative(relative: &str) -> Result<(), Error> {
    let safe = !relative.is_empty()
        && !relative.contains(['\\', '\0'])
        && Path::new(relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && relative
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    if !safe {
        return Err(Error::Usage(format!(
            "refusing to write `{relative}`: it is not a plain path inside the output folder"
        )));
    }
    Ok(())
}

fn swap_into_place(staging: &Path, target: &Path) -> Result<(), Error> {
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return std::fs::rename(staging, target).map_err(|e| {
                io_error(
                    format!("cannot move the new site to {}", target.display()),
                    e,
                )
            });
        }
        Err(e) => return Err(io_error(format!("cannot read {}", target.display()), e)),
        Ok(meta) if !meta.is_dir() => {
            return Err(Error::Usage(format!(
                "the output {} exists and is not a folder",
                target.display()
            )));
        }
        Ok(_) => {}
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, target, RenameFlags::EXCHANGE).is_ok() {
            // `staging` now holds the previous output.
            let _ = std::fs::remove_dir_all(staging);
            return Ok(());
        }
    }
    // Without an atomic exchange: move the old output aside, the new one in, then
    // remove the old one. If the second rename fails, put the old one back.
    let mut aside = staging.as_os_str().to_owned();
    aside.push("-previous");
    let aside = PathBuf::from(aside);
    std::fs::rename(target, &aside).map_err(|e| {
        io_error(
            format!("cannot move the previous site {} aside", target.display()),
            e,
        )
    })?;
    if let Err(e) = std::fs::rename(staging, target) {
        let _ = std::fs::rename(&aside, target);
        return Err(io_error(
            format!("cannot move the new site to {}", target.display()),
            e,
        ));
    }
    let _ = std::fs::remove_dir_all(&aside);
    Ok(())
}

/// Removes `.NAME.errdocs-staging-PID-*` folders whose build process is gone.
fn remove_abandoned_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}{STAGING_MARK}");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|pid| pid == std::process::id() || process_alive(pid));
        if !alive {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        // Without /proc we cannot tell: leave the folder alone.
        true
    }
}

fn io_error(context: String, source: io::Error) -> Error {
    Error::Io { context, source }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_staging_folder_are_refused() {
        let parent = tempfile::tempdir().unwrap();
        let staging = Staging::new(&parent.path().join("public")).unwrap();
        for bad in [
            "../x",
            "/etc/passwd",
            "a/../../x",
            "",
            "a//b",
            "./a",
            "a\\b",
        ] {
            assert!(staging.write(bad, b"x").is_err(), "{bad} was accepted");
        }
        staging.write("errors/a/index.html", b"ok").unwrap();
    }

    #[test]
    fn commit_replaces_the_previous_output_whole() {
        let parent = tempfile::tempdir().unwrap();
        let target = parent.path().join("public");
        std::fs::create_dir_all(target.join("old")).unwrap();
        std::fs::write(target.join("old/file.txt"), "old").unwrap();
        let staging = Staging::new(&target).unwrap();
        staging.write("new.txt", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!target.join("old").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("new.txt")).unwrap(),
            "new"
        );
        let leftovers: Vec<_> = std::fs::read_dir(parent.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }
}
