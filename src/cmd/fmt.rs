//! `errdocs fmt [--check] [PATHS]`: record files rewritten in their canonical layout
//! ([`crate::fmt`]); with `--check`, only the files that would change, and how.

use std::path::{Path, PathBuf};

use crate::diagnostics::{self, Diagnostic, Format, display_path};
use crate::discover::SiteDir;
use crate::fmt::{FmtError, declared_keys, format_record, record_files};

/// The most lines of a file's diff `--check` shows.
const DIFF_LINES: usize = 20;

pub fn run(site: &SiteDir, paths: &[PathBuf], check: bool, color: bool) -> u8 {
    let root = site.root.as_path();
    let files = match record_files(root, paths) {
        Ok(files) => files,
        Err(err) => return super::report_error(&err, site, color),
    };
    let declared = declared_keys(root);
    let (mut changed, mut failed) = (0, 0);
    for file in &files {
        // A record of the site is shown from the current folder; a file named outside
        // it, as given.
        let (base, relative, shown) = match file.strip_prefix(root) {
            Ok(relative) => (root, relative, display_path(&site.show(relative))),
            Err(_) => (Path::new(""), file.as_path(), display_path(file)),
        };
        let report = |d: Diagnostic| match base == root {
            true => super::render(site, &[d], Format::Human, color),
            false => diagnostics::render(&[d], Format::Human, base, color),
        };
        let text = match crate::load::read_text(base, relative) {
            Ok(text) => text,
            Err(d) => {
                eprint!("{}", report(d));
                failed += 1;
                continue;
            }
        };
        let tidy = match format_record(relative, &text, &declared) {
            Ok(tidy) => tidy,
            Err(FmtError::Content(d)) => {
                eprint!("{}", report(d));
                failed += 1;
                continue;
            }
            Err(FmtError::WouldChangeValues) => {
                eprintln!(
                    "error: {shown}: formatting would change a value; the file was left as it was (please report this)"
                );
                failed += 1;
                continue;
            }
        };
        if tidy == text {
            continue;
        }
        changed += 1;
        if check {
            println!("{shown} is not formatted:");
            print!("{}", short_diff(&text, &tidy));
        } else if let Err(err) = write_atomically(file, &tidy) {
            eprintln!("error: cannot write {shown}: {err}");
            failed += 1;
        } else {
            println!("formatted {shown}");
        }
    }
    summary(files.len(), changed, failed, check)
}

/// The summary line; returns the exit code.
fn summary(files: usize, changed: usize, failed: usize, check: bool) -> u8 {
    let errors = if failed > 0 {
        format!(", {failed} could not be read")
    } else {
        String::new()
    };
    match (check, changed) {
        (true, 0) => eprintln!("ok: {files} files checked, all formatted{errors}"),
        (true, _) => {
            eprintln!("{changed} of {files} files are not formatted{errors}: run `errdocs fmt`")
        }
        (false, _) => eprintln!("{changed} of {files} files formatted{errors}"),
    }
    if failed > 0 || (check && changed > 0) {
        1
    } else {
        0
    }
}

/// The first lines of a unified diff from `old` to `new`.
fn short_diff(old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff.unified_diff().context_radius(1).to_string();
    let mut lines: Vec<&str> = text.lines().collect();
    let more = lines.len().saturating_sub(DIFF_LINES);
    lines.truncate(DIFF_LINES);
    let mut out: String = lines.iter().map(|l| format!("  {l}\n")).collect();
    if more > 0 {
        out.push_str(&format!("  ... ({more} more lines)\n"));
    }
    out
}

/// Replaces `path` by `text` in one step (a temp file renamed over it), so an
/// interrupted run never leaves half a record.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(text.as_bytes())?;
    if let Ok(metadata) = std::fs::metadata(path) {
        let _ = file.as_file().set_permissions(metadata.permissions());
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
