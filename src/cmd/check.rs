//! `errdocs check`: every problem of the content, in the format asked for; for people,
//! a summary line after them. With `--watch`, again on every save.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::diagnostics::{self, Format};
use crate::discover::SiteDir;
use crate::load::SITE_FILE;

pub fn run(site: &SiteDir, format: Format, deny_warnings: bool, color: bool) -> u8 {
    let progress = crate::progress::Progress::start("checking", crate::progress::CHECK);
    let (records, found) = crate::pipeline::check(&site.root);
    progress.finish();
    let (errors, warnings) = diagnostics::count(&found);
    let rendered = super::render(site, &found, format, color);
    match format {
        Format::Json | Format::Github => print!("{rendered}"),
        Format::Human | Format::Short => eprint!("{rendered}"),
    }
    if matches!(format, Format::Human | Format::Short) {
        if errors == 0 && warnings == 0 {
            eprintln!("ok: {records} records checked, no problems");
        } else {
            eprintln!("{errors} error(s), {warnings} warning(s) in {records} records");
        }
    }
    u8::from(errors > 0 || (deny_warnings && warnings > 0))
}

/// `check --watch`: checks, then again after every save of the settings or the content
/// (the watcher of `errdocs serve`), clearing a terminal before each run; until Ctrl-C.
pub fn watch(site: &SiteDir, format: Format, deny_warnings: bool, color: bool) -> u8 {
    let root = &site.root;
    let watcher = root
        .canonicalize()
        .map_err(|source| crate::Error::Io {
            context: format!("cannot open the site folder {}", root.display()),
            source,
        })
        .and_then(|root| Ok((crate::watch::Watcher::start(&root)?, root)));
    let (mut watcher, canonical) = match watcher {
        Ok(started) => started,
        Err(err) => return super::report_error(&err, site, color),
    };
    let clear = std::io::stderr().is_terminal();
    let mut changed: Vec<PathBuf> = Vec::new();
    loop {
        if clear {
            eprint!("\x1b[2J\x1b[H");
        }
        if let Some(first) = changed.first() {
            let shown = first.strip_prefix(&canonical).unwrap_or(first);
            eprintln!(
                "== {} changed: checking again",
                diagnostics::display_path(&site.show(shown))
            );
        }
        run(site, format, deny_warnings, color);
        eprintln!("watching for changes (Ctrl-C to stop)");
        changed = loop {
            let Some(batch) = watcher.next_batch() else {
                return 2;
            };
            let relevant: Vec<PathBuf> = batch
                .into_iter()
                .filter(|p| is_content(&canonical, p))
                .collect();
            if !relevant.is_empty() {
                break relevant;
            }
        };
    }
}

/// Whether a changed path (absolute) can change what `check` says: the settings, the
/// content (records, categories, pages), `static/` (the logo, and the theme's files no
/// page may take the place of), or the whole folder (an empty path: the watcher lost
/// track).
fn is_content(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return path.as_os_str().is_empty();
    };
    relative.as_os_str().is_empty()
        || relative == Path::new(SITE_FILE)
        || relative.starts_with("content")
        || relative.starts_with("static")
}
