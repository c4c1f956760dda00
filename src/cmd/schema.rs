//! `errdocs schema [--write DIR]` (hidden): prints the JSON Schemas of the record,
//! categories and site files, or writes them into a folder (the repository keeps
//! them in `schema/`).

use std::io::Write;
use std::path::Path;

pub fn run(write: Option<&Path>) -> u8 {
    for (name, text) in crate::schema::all() {
        match write {
            Some(dir) => {
                if let Err(e) =
                    std::fs::create_dir_all(dir).and_then(|_| std::fs::write(dir.join(name), &text))
                {
                    eprintln!("error: cannot write {}: {e}", dir.join(name).display());
                    return 2;
                }
            }
            None => {
                let _ = writeln!(std::io::stdout(), "{text}");
            }
        }
    }
    0
}
