//! The commands of the `errdocs` binary, one module each: call the library, print what
//! it did for people (or tools), and return the exit code the contract gives. Nothing
//! here decides anything about a site; `serve` lives in [`crate::serve`].

pub mod build;
pub mod check;
pub mod explain;
pub mod fmt;
pub mod init;
pub mod new;
pub mod schema;

use std::io::IsTerminal;
use std::path::Path;

use crate::Error;
use crate::diagnostics::{self, Diagnostic, Format};
use crate::discover::SiteDir;

/// Whether reports on stderr get colours: a terminal, and no `NO_COLOR`.
pub fn stderr_is_colored() -> bool {
    std::io::stderr().is_terminal() && !no_color()
}

/// Whether `NO_COLOR` asks for no colours (set and not empty).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Diagnostics in `format`, their paths as seen from the current folder.
pub fn render(site: &SiteDir, found: &[Diagnostic], format: Format, color: bool) -> String {
    diagnostics::render(&site.rebase(found), format, Path::new(""), color)
}

/// Prints a failed command's error; returns its exit code.
pub fn report_error(err: &Error, site: &SiteDir, color: bool) -> u8 {
    match err {
        Error::Content(found) => {
            eprint!("{}", render(site, found, Format::Human, color));
            let (errors, warnings) = diagnostics::count(found);
            eprintln!(
                "error: the build stopped: {errors} error(s), {warnings} warning(s); the previous output was left as it was"
            );
        }
        other => eprintln!("error: {other}"),
    }
    err.exit_code()
}
