//! `errdocs new CODE --category SLUG`: writes a record skeleton and says what to do
//! next, or why it wrote nothing.

use crate::diagnostics::{self, Format};
use crate::discover::SiteDir;

pub fn run(site: &SiteDir, code: &str, category: &str, color: bool) -> u8 {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    match crate::new::new_record(&site.root, code, category, today) {
        Ok(created) => {
            println!(
                "created {}",
                diagnostics::display_path(&site.show(&created.path))
            );
            if created.wrote_schemas {
                println!("wrote schema/ so editors can check and complete records");
            }
            println!(
                "next: replace its {} TODO placeholders, then run `errdocs check`",
                created.placeholders
            );
            0
        }
        Err(err) => {
            match err.diagnostics() {
                Some(found) => {
                    eprint!("{}", super::render(site, found, Format::Human, color));
                    eprintln!("error: nothing was written");
                }
                None => eprintln!("error: {err}"),
            }
            err.exit_code()
        }
    }
}
