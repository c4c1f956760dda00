//! JSON Schemas of the three file kinds, generated from the same raw types that parse
//! them ([`crate::load::raw`]), so editors autocomplete exactly what `check` accepts.
//!
//! The repository commits them under `schema/` (a test fails when that copy is stale;
//! `errdocs schema --write` refreshes it) and every build publishes them at `schema/`.

use crate::Error;
use crate::load::raw::{RawCategory, RawRecord, RawSiteConfig};
use crate::write::Staging;

/// The schema files: (file name, JSON text).
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        (
            "error-record.schema.json",
            to_text(schemars::schema_for!(RawRecord)),
        ),
        (
            "categories.schema.json",
            to_text(schemars::schema_for!(Vec<RawCategory>)),
        ),
        (
            "site.schema.json",
            to_text(schemars::schema_for!(RawSiteConfig)),
        ),
    ]
}

fn to_text(schema: schemars::Schema) -> String {
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    text.push('\n');
    text
}

/// Publishes the schemas in the built site.
pub fn write_all(staging: &Staging) -> Result<(), Error> {
    for (name, text) in all() {
        staging.write(&format!("schema/{name}"), text.as_bytes())?;
    }
    Ok(())
}
