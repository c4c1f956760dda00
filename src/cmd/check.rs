//! `errdocs check`: every problem of the content, in the format asked for; for people,
//! a summary line after them.

use std::path::Path;

use crate::diagnostics::{self, Format};

pub fn run(root: &Path, format: Format, deny_warnings: bool, color: bool) -> u8 {
    let (records, found) = crate::pipeline::check(root);
    let (errors, warnings) = diagnostics::count(&found);
    let rendered = diagnostics::render(&found, format, root, color);
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
