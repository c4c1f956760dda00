//! `errdocs schema [--root DIR] [--output DIR]`: writes the JSON Schemas of the site's
//! record, categories and site files into its `schema/` folder (or DIR), the record's
//! with the fields `site.yaml` declares, so editors complete and check the site's own
//! records. `--output -` prints them instead.

use std::io::Write;
use std::path::Path;

use crate::cmd::report_error;

pub fn run(root: &Path, output: Option<&Path>, color: bool) -> u8 {
    if output == Some(Path::new("-")) {
        return match crate::schema::for_site(root) {
            Ok(schemas) => {
                for (_, text) in schemas {
                    let _ = writeln!(std::io::stdout(), "{text}");
                }
                0
            }
            Err(err) => report_error(&err, root, color),
        };
    }
    let dir = output.map_or_else(|| root.join("schema"), Path::to_path_buf);
    match crate::schema::write_for_site(root, &dir) {
        Ok(names) => {
            for name in names {
                println!("wrote {}", dir.join(name).display());
            }
            0
        }
        Err(err) => report_error(&err, root, color),
    }
}
