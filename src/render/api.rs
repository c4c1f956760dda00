//! The JSON API: `api/errors.json`, `api/errors/<slug>.json`, `api/categories.json`.
//!
//! Keys come out in the order of the structs below (serde keeps field order), so the
//! files are stable from build to build and documented in the README.

use serde::Serialize;

use super::RenderedRecord;
use crate::Error;
use crate::model::{Site, Source};
use crate::write::Staging;

/// One line of `api/errors.json`.
#[derive(Serialize)]
struct Summary<'a> {
    code: &'a str,
    title: &'a str,
    category: &'a str,
    severity: &'static str,
    product: Option<&'a str>,
    url: String,
    updated: Option<String>,
}

/// A Markdown field, as written and as rendered.
#[derive(Serialize)]
struct Text<'a> {
    markdown: &'a str,
    html: &'a str,
}

#[derive(Serialize)]
struct FaqEntry<'a> {
    question: &'a str,
    answer: Text<'a>,
}

/// `api/errors/<slug>.json`: the whole record.
#[derive(Serialize)]
struct Full<'a> {
    code: &'a str,
    title: &'a str,
    category: &'a str,
    severity: &'static str,
    product: Option<&'a str>,
    url: String,
    message: Option<&'a str>,
    summary: Text<'a>,
    causes: Vec<Text<'a>>,
    fixes: Vec<Text<'a>>,
    faq: Vec<FaqEntry<'a>>,
    related: Vec<&'a str>,
    aliases: &'a [String],
    tags: &'a [String],
    sources: &'a [Source],
    updated: Option<String>,
}

fn product(site: &Site, index: usize) -> Option<&str> {
    site.records[index]
        .product
        .as_deref()
        .or(site.config.product.as_deref())
}

fn page_url(site: &Site, index: usize) -> String {
    site.config
        .absolute_url(&format!("errors/{}/", site.records[index].slug))
}

pub fn write_record(
    site: &Site,
    index: usize,
    rendered: &RenderedRecord,
    staging: &Staging,
) -> Result<(), Error> {
    let r = &site.records[index];
    let full = Full {
        code: &r.code,
        title: &r.title,
        category: &r.category,
        severity: r.severity.as_str(),
        product: product(site, index),
        url: page_url(site, index),
        message: r.message.as_deref(),
        summary: Text {
            markdown: &r.summary,
            html: &rendered.summary_html,
        },
        causes: r
            .causes
            .iter()
            .zip(&rendered.causes_html)
            .map(|(m, h)| Text {
                markdown: m,
                html: h,
            })
            .collect(),
        fixes: r
            .fixes
            .iter()
            .zip(&rendered.fixes_html)
            .map(|(m, h)| Text {
                markdown: m,
                html: h,
            })
            .collect(),
        faq: r
            .faq
            .iter()
            .zip(&rendered.faq_answers_html)
            .map(|(f, h)| FaqEntry {
                question: &f.question,
                answer: Text {
                    markdown: &f.answer,
                    html: h,
                },
            })
            .collect(),
        related: site.related[index]
            .iter()
            .map(|&i| site.records[i].code.as_str())
            .collect(),
        aliases: &r.aliases,
        tags: &r.tags,
        sources: &r.sources,
        updated: r.updated.map(|d| d.to_string()),
    };
    staging.write(&format!("api/errors/{}.json", r.slug), &to_json(&full))
}

#[derive(Serialize)]
struct CategoryEntry<'a> {
    slug: &'a str,
    title: &'a str,
    description: &'a str,
    url: String,
    codes: Vec<&'a str>,
}

pub fn write_indexes(site: &Site, staging: &Staging) -> Result<(), Error> {
    let summaries: Vec<Summary> = (0..site.records.len())
        .map(|i| {
            let r = &site.records[i];
            Summary {
                code: &r.code,
                title: &r.title,
                category: &r.category,
                severity: r.severity.as_str(),
                product: product(site, i),
                url: page_url(site, i),
                updated: r.updated.map(|d| d.to_string()),
            }
        })
        .collect();
    staging.write("api/errors.json", &to_json(&summaries))?;
    let categories: Vec<CategoryEntry> = site
        .categories
        .iter()
        .enumerate()
        .map(|(c, category)| CategoryEntry {
            slug: &category.slug,
            title: &category.title,
            description: &category.description,
            url: site
                .config
                .absolute_url(&format!("categories/{}/", category.slug)),
            codes: site.members[c]
                .iter()
                .map(|&i| site.records[i].code.as_str())
                .collect(),
        })
        .collect();
    staging.write("api/categories.json", &to_json(&categories))
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("API values serialize to JSON");
    bytes.push(b'\n');
    bytes
}
