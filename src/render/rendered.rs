//! A record's Markdown, rendered once: its page, its JSON, the search index, the
//! feeds and every page that lists it use the same HTML and text. Checked links in it
//! lead where the site's map of paths says ([`SiteLinks`]).

use super::highlight::Highlighter;
use super::markdown::{self, Headings, Links, Renderer};
use crate::model::Site;
use crate::model::declared::{FieldType, FieldValue};
use crate::model::links::LinkTarget;

/// Where checked links lead in a built site: a record's page (by code or alias), a
/// page of `content/pages/`, or a path of the site, under the base path.
pub struct SiteLinks<'a>(pub &'a Site);

impl Links for SiteLinks<'_> {
    fn resolve(&self, target: &LinkTarget) -> Option<String> {
        let site = self.0;
        let paths = &site.paths;
        let url = match target {
            LinkTarget::Record { code, .. } => {
                let record = &site.records[site.find(code)?];
                paths.link(&paths.record(&record.slug))
            }
            LinkTarget::Page { file, .. } => {
                let page = &site.pages[site.find_page(file)?];
                paths.link(&paths.content_page(&page.file))
            }
            LinkTarget::SitePath(path) => {
                format!("{}{}", paths.base_path(), path.trim_start_matches('/'))
            }
        };
        Some(match target.anchor() {
            Some(anchor) => format!("{url}#{anchor}"),
            None => url,
        })
    }
}

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
    /// The HTML of each declared `markdown` field the record sets, in the order of
    /// the declarations; `None` for the others.
    pub declared: Vec<Option<String>>,
}

impl RenderedRecord {
    /// Only what lists of records need (the link and the summary's plain text), the
    /// page's parts left empty: a build keeps this of every record and renders the
    /// rest where each page is written.
    pub fn listed(site: &Site, index: usize) -> RenderedRecord {
        let record = &site.records[index];
        RenderedRecord {
            url: site.paths.link(&site.paths.record(&record.slug)),
            summary: String::new(),
            summary_text: markdown::to_plain_text(&record.summary),
            causes: Vec::new(),
            fixes: Vec::new(),
            faq: Vec::new(),
            declared: Vec::new(),
        }
    }

    pub fn new(site: &Site, index: usize, highlighter: &Highlighter) -> RenderedRecord {
        let record = &site.records[index];
        let renderer = Renderer {
            highlighter,
            links: &SiteLinks(site),
            headings: Headings::Demoted,
        };
        let inline = |items: &[String]| {
            items
                .iter()
                .map(|item| renderer.inline_html(item))
                .collect()
        };
        let declared = (site.config.fields.iter().zip(&record.declared))
            .map(|(declaration, value)| match (declaration.kind, value) {
                (FieldType::Markdown, Some(FieldValue::Text(text))) => Some(renderer.html(text)),
                _ => None,
            })
            .collect();
        RenderedRecord {
            url: site.paths.link(&site.paths.record(&record.slug)),
            summary: renderer.html(&record.summary),
            summary_text: markdown::to_plain_text(&record.summary),
            causes: inline(&record.causes),
            fixes: inline(&record.fixes),
            faq: record
                .faq
                .iter()
                .map(|f| renderer.html(&f.answer))
                .collect(),
            declared,
        }
    }
}
