//! `errdocs check`: every problem of the content, in the format asked for; for people,
//! a summary line after them.

use crate::diagnostics::{self, Format};
use crate::discover::SiteDir;

pub fn run(site: &SiteDir, format: Format, deny_warnings: bool, color: bool) -> u8 {
    let (records, found) = crate::pipeline::check(&site.root);
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
