//! A record's Markdown, rendered once: its page, its JSON, the search index, the
//! feeds and every page that lists it use the same HTML and text.

use super::highlight::Highlighter;
use super::markdown;
use crate::model::Site;

/// A record with its Markdown rendered. Each Markdown field of the record is here
/// under the same name, as HTML (the JSON API pairs them by that name).
#[derive(Debug)]
pub struct RenderedRecord {
    /// The link to the record's page.
    pub url: String,
    pub summary: String,
    /// The summary as plain text, for meta descriptions and search.
    pub summary_text: String,
    /// Each cause, without a surrounding paragraph when it is one.
    pub causes: Vec<String>,
    /// Each fix, without a surrounding paragraph when it is one.
    pub fixes: Vec<String>,
    /// The answer of each FAQ entry.
    pub faq: Vec<String>,
}

impl RenderedRecord {
    pub fn new(site: &Site, index: usize, highlighter: &Highlighter) -> RenderedRecord {
        let record = &site.records[index];
        let inline = |items: &[String]| {
            items
                .iter()
                .map(|item| markdown::to_inline_html(item, highlighter))
                .collect()
        };
        RenderedRecord {
            url: site.paths.link(&site.paths.record(&record.slug)),
            summary: markdown::to_html(&record.summary, highlighter),
            summary_text: markdown::to_plain_text(&record.summary),
            causes: inline(&record.causes),
            fixes: inline(&record.fixes),
            faq: record
                .faq
                .iter()
                .map(|f| markdown::to_html(&f.answer, highlighter))
                .collect(),
        }
    }
}
