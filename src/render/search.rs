//! The static search index the site's search box loads.
//!
//! `search-index.json` holds, per record: code, aliases, title, category, severity,
//! URL, message and a short plain-text summary. The script in the theme matches codes
//! (with or without their prefix), words, and error codes found inside a pasted message.

use serde::Serialize;

use super::RenderedRecord;
use super::views::truncate_words;
use crate::Error;
use crate::model::Site;
use crate::write::Staging;

#[derive(Serialize)]
struct Entry<'a> {
    code: &'a str,
    aliases: &'a [String],
    title: &'a str,
    category: &'a str,
    severity: &'static str,
    url: &'a str,
    message: &'a str,
    tags: &'a [String],
    text: String,
}

pub fn write_index(
    site: &Site,
    rendered: &[RenderedRecord],
    staging: &Staging,
) -> Result<(), Error> {
    let entries: Vec<Entry> = site
        .records
        .iter()
        .zip(rendered)
        .map(|(r, html)| Entry {
            code: &r.code,
            aliases: &r.aliases,
            title: &r.title,
            category: &r.category,
            severity: r.severity.as_str(),
            url: &html.url,
            message: r.message.as_deref().unwrap_or(""),
            tags: &r.tags,
            text: truncate_words(&html.summary_text, 200),
        })
        .collect();
    let json = serde_json::to_vec(&entries).expect("search entries serialize");
    staging.write("search-index.json", &json)
}
