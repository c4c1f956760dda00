//! `errdocs explain CODE`: prints a record, laid out for the terminal (or the pipe)
//! it goes to.

use crate::Error;
use crate::diagnostics::Format;
use crate::discover::SiteDir;
use crate::explain::Layout;
use std::io::{IsTerminal, Write};

pub fn run(site: &SiteDir, code: &str, color: bool) -> u8 {
    match crate::explain::explain(&site.root, code, layout()) {
        Ok(text) => {
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = std::io::stdout().write_all(text.as_bytes());
            0
        }
        Err(Error::Content(found)) => {
            eprint!("{}", super::render(site, &found, Format::Human, color));
            eprintln!("error: `{code}` cannot be explained until these errors are fixed");
            1
        }
        Err(err) => super::report_error(&err, site, color),
    }
}

/// `explain` wraps to the terminal's width, styled unless `NO_COLOR` is set; piped, it
/// is plain and wraps to `COLUMNS` (when set) or 80 columns.
fn layout() -> Layout {
    let stdout = std::io::stdout();
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0);
    if stdout.is_terminal() {
        let width = terminal_size::terminal_size_of(&stdout)
            .map(|(w, _)| usize::from(w.0))
            .or(columns)
            .unwrap_or(80);
        Layout::new(width, !super::no_color())
    } else {
        Layout::new(columns.unwrap_or(80), false)
    }
}
