//! The JSON API: `api/errors.json`, `api/errors/<slug>.json`, `api/categories.json`,
//! and their JSON Schemas in `schema/` (`api-errors.schema.json`,
//! `api-error.schema.json`, `api-categories.schema.json`).
//!
//! Keys come out in the order of the structs below (serde keeps field order), so the
//! files are stable from build to build and documented in the README. Every key is
//! always present: an optional value that is missing is `null` (or `[]` for lists),
//! so programs never have to tell "absent" from "empty". The schemas are generated
//! from these same structs, so they cannot drift from what is written.

use schemars::JsonSchema;
use serde::Serialize;

use super::RenderedRecord;
use crate::Error;
use crate::model::Site;
use crate::write::Staging;

/// One line of `api/errors.json`.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Summary<'a> {
    /// The error code, as the record spells it.
    code: &'a str,
    /// One line of plain text.
    title: &'a str,
    /// The slug of its category (see `api/categories.json`).
    category: &'a str,
    /// `low`, `medium`, `high` or `critical`.
    severity: &'static str,
    /// The record's product, else the site's; `null` when neither is set.
    product: Option<&'a str>,
    /// The code's page: absolute when `base_url` has a host, else root-relative.
    url: String,
    /// The ISO date the record was last updated, or `null`.
    updated: Option<String>,
}

/// A Markdown field, as written and as rendered.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Text<'a> {
    markdown: &'a str,
    html: &'a str,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct FaqEntry<'a> {
    question: &'a str,
    answer: Text<'a>,
}

/// Where a record's facts come from.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct SourceEntry<'a> {
    title: &'a str,
    url: &'a str,
}

/// `api/errors/<slug>.json`: the whole record.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Full<'a> {
    /// The error code, as the record spells it.
    code: &'a str,
    /// One line of plain text.
    title: &'a str,
    /// The slug of its category (see `api/categories.json`).
    category: &'a str,
    /// `low`, `medium`, `high` or `critical`.
    severity: &'static str,
    /// The record's product, else the site's; `null` when neither is set.
    product: Option<&'a str>,
    /// The code's page: absolute when `base_url` has a host, else root-relative.
    url: String,
    /// The message as users see it, or `null`.
    message: Option<&'a str>,
    /// What the error means.
    summary: Text<'a>,
    /// Common causes, in the record's order.
    causes: Vec<Text<'a>>,
    /// The fixes, in order.
    fixes: Vec<Text<'a>>,
    /// Questions and answers; `[]` when none.
    faq: Vec<FaqEntry<'a>>,
    /// The codes the page lists as related, in the page's order.
    related: Vec<&'a str>,
    /// Other spellings that lead to this code.
    aliases: &'a [String],
    /// Lower-case slugs.
    tags: &'a [String],
    /// Where the facts come from.
    sources: Vec<SourceEntry<'a>>,
    /// The ISO date the record was last updated, or `null`.
    updated: Option<String>,
}

fn page_url(site: &Site, index: usize) -> String {
    site.paths
        .url(&site.paths.record(&site.records[index].slug))
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
        product: r.product.as_deref(),
        url: page_url(site, index),
        message: r.message.as_deref(),
        summary: Text {
            markdown: &r.summary,
            html: &rendered.summary,
        },
        causes: texts(&r.causes, &rendered.causes),
        fixes: texts(&r.fixes, &rendered.fixes),
        faq: r
            .faq
            .iter()
            .zip(&rendered.faq)
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
        sources: r
            .sources
            .iter()
            .map(|s| SourceEntry {
                title: &s.title,
                url: &s.url,
            })
            .collect(),
        updated: r.updated.map(|d| d.to_string()),
    };
    let location = site.paths.record_json(&r.slug);
    staging.write(&location.file(), &to_json(&full))
}

/// One category of `api/categories.json`, with its codes A to Z.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct CategoryEntry<'a> {
    /// The category's URL segment.
    slug: &'a str,
    title: &'a str,
    /// Markdown, as written in `content/categories.yaml`.
    description: &'a str,
    /// The category's page: absolute when `base_url` has a host, else root-relative.
    url: String,
    /// The codes in this category, A to Z.
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
                product: r.product.as_deref(),
                url: page_url(site, i),
                updated: r.updated.map(|d| d.to_string()),
            }
        })
        .collect();
    staging.write(&site.paths.errors_json().file(), &to_json(&summaries))?;
    let categories: Vec<CategoryEntry> = site
        .categories
        .iter()
        .enumerate()
        .map(|(c, category)| CategoryEntry {
            slug: &category.slug,
            title: &category.title,
            description: &category.description,
            url: site.paths.url(&site.paths.category(&category.slug)),
            codes: site.members[c]
                .iter()
                .map(|&i| site.records[i].code.as_str())
                .collect(),
        })
        .collect();
    staging.write(&site.paths.categories_json().file(), &to_json(&categories))
}

/// The JSON Schemas of the three API files: (file name under `schema/`, JSON text).
pub fn schemas() -> Vec<(&'static str, String)> {
    let text = |schema: schemars::Schema| {
        let mut value = schema.to_value();
        require_every_property(&mut value);
        let mut text = serde_json::to_string_pretty(&value).expect("schemas serialize");
        text.push('\n');
        text
    };
    vec![
        (
            "api-errors.schema.json",
            text(schemars::schema_for!(Vec<Summary<'static>>)),
        ),
        (
            "api-error.schema.json",
            text(schemars::schema_for!(Full<'static>)),
        ),
        (
            "api-categories.schema.json",
            text(schemars::schema_for!(Vec<CategoryEntry<'static>>)),
        ),
    ]
}

/// Lists every property of every object schema as required: the API writes each key
/// every time (a missing value is `null`), while schemars treats an `Option` field
/// as one that may be left out.
fn require_every_property(schema: &mut serde_json::Value) {
    match schema {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                let all: Vec<serde_json::Value> =
                    properties.keys().cloned().map(Into::into).collect();
                map.insert("required".into(), all.into());
            }
            map.values_mut().for_each(require_every_property);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(require_every_property),
        _ => {}
    }
}

/// Publishes the API's schemas beside the record schemas, in `schema/`.
pub fn write_schemas(site: &Site, staging: &Staging) -> Result<(), Error> {
    for (name, text) in schemas() {
        staging.write(&site.paths.schema(name).file(), text.as_bytes())?;
    }
    Ok(())
}

/// Markdown items paired with their rendered HTML.
fn texts<'a>(markdown: &'a [String], html: &'a [String]) -> Vec<Text<'a>> {
    markdown
        .iter()
        .zip(html)
        .map(|(markdown, html)| Text { markdown, html })
        .collect()
}

/// Compact JSON: the API is read by programs, and on a large site these files are a
/// good share of what a build writes (pretty-printing adds about a quarter).
fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(value).expect("API values serialize to JSON");
    bytes.push(b'\n');
    bytes
}
