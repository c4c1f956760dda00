//! `errdocs new CODE --category SLUG`: writes a record skeleton and says what to do
//! next, or why it wrote nothing.

use std::path::Path;

use crate::diagnostics::{self, Format};

pub fn run(root: &Path, code: &str, category: &str, color: bool) -> u8 {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    match crate::new::new_record(root, code, category, today) {
        Ok(created) => {
            println!("created {}", diagnostics::display_path(&created.path));
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
                    eprint!("{}", diagnostics::render(found, Format::Human, root, color));
                    eprintln!("error: nothing was written");
                }
                None => eprintln!("error: {err}"),
            }
            err.exit_code()
        }
    }
}
