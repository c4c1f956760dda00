//! `errdocs schema [--root DIR] [--output DIR]`: writes the JSON Schemas of the site's
//! record, categories and site files into its `schema/` folder (or DIR), the record's
//! with the fields `site.yaml` declares, so editors complete and check the site's own
//! records. `--output -` prints them instead.

use std::io::Write;
use std::path::Path;

use crate::cmd::report_error;
use crate::discover::SiteDir;

pub fn run(site: &SiteDir, output: Option<&Path>, color: bool) -> u8 {
    let root = site.root.as_path();
    if output == Some(Path::new("-")) {
        return match crate::schema::for_site(root) {
            Ok(schemas) => {
                for (_, text) in schemas {
                    let _ = writeln!(std::io::stdout(), "{text}");
                }
                0
            }
            Err(err) => report_error(&err, site, color),
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
        Err(err) => report_error(&err, site, color),
    }
}
