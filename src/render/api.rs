//! The JSON API: `api/errors.json`, `api/errors/<slug>.json`, `api/categories.json`,
//! and their JSON Schemas in `schema/` (`api-errors.schema.json`,
//! `api-error.schema.json`, `api-categories.schema.json`).
//!
//! Keys come out in the order of the structs below (serde keeps field order), so the
//! files are stable from build to build and documented in the README. A record's file
//! is generated from the table of record fields ([`crate::fields`]): a new field
//! appears in it, and in its schema, without an edit here. Every key is always
//! present: an optional value that is missing is `null` (or `[]` for lists), so
//! programs never have to tell "absent" from "empty". The schemas are generated from
//! these same structs, so they cannot drift from what is written.

use schemars::JsonSchema;
use serde::Serialize;

use super::RenderedRecord;
use super::declared::{ApiFields, api_fields_schema};
use crate::Error;
use crate::model::declared::FieldDeclaration;
use crate::model::{Faq, Severity, Site, Source};
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
    /// The language of the record's text (a BCP 47 tag): this part of the API's, or,
    /// where the record has no translation into it, its original's.
    language: &'a str,
    /// The ISO date the record was last updated, or `null`.
    updated: Option<String>,
    /// The fields the site declares, but for Markdown ones (see the record's file).
    fields: ApiFields<'a>,
}

/// A Markdown field, as written and as rendered.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Text<'a> {
    pub(super) markdown: &'a str,
    pub(super) html: &'a str,
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
pub struct SourceEntry<'a> {
    title: &'a str,
    url: &'a str,
}

/// How a checked value appears in the JSON API and to templates: itself, by reference
/// where it can be, as a string where JSON has no type for it.
pub trait Shown {
    type Out<'a>: Serialize + JsonSchema
    where
        Self: 'a;
    fn shown(&self) -> Self::Out<'_>;
}

impl Shown for String {
    type Out<'a> = &'a str;
    fn shown(&self) -> &str {
        self
    }
}

impl Shown for Option<String> {
    type Out<'a> = Option<&'a str>;
    fn shown(&self) -> Option<&str> {
        self.as_deref()
    }
}

impl Shown for Vec<String> {
    type Out<'a> = &'a [String];
    fn shown(&self) -> &[String] {
        self
    }
}

impl Shown for Severity {
    type Out<'a> = &'static str;
    fn shown(&self) -> &'static str {
        self.as_str()
    }
}

/// An ISO date (`2026-11-26`).
impl Shown for Option<jiff::civil::Date> {
    type Out<'a> = Option<String>;
    fn shown(&self) -> Option<String> {
        self.map(|d| d.to_string())
    }
}

impl Shown for Vec<Source> {
    type Out<'a> = Vec<SourceEntry<'a>>;
    fn shown(&self) -> Vec<SourceEntry<'_>> {
        self.iter()
            .map(|s| SourceEntry {
                title: &s.title,
                url: &s.url,
            })
            .collect()
    }
}

/// How a Markdown field appears in the JSON API: as written and as rendered (`html`,
/// the rendered record's field of the same name).
trait ShownMarkdown {
    type Html;
    type Out<'a>: Serialize + JsonSchema
    where
        Self: 'a;
    fn shown<'a>(&'a self, html: &'a Self::Html) -> Self::Out<'a>;
}

impl ShownMarkdown for String {
    type Html = String;
    type Out<'a> = Text<'a>;
    fn shown<'a>(&'a self, html: &'a String) -> Text<'a> {
        Text {
            markdown: self,
            html,
        }
    }
}

impl ShownMarkdown for Vec<String> {
    type Html = Vec<String>;
    type Out<'a> = Vec<Text<'a>>;
    fn shown<'a>(&'a self, html: &'a Vec<String>) -> Vec<Text<'a>> {
        self.iter()
            .zip(html)
            .map(|(markdown, html)| Text { markdown, html })
            .collect()
    }
}

impl ShownMarkdown for Vec<Faq> {
    type Html = Vec<String>;
    type Out<'a> = Vec<FaqEntry<'a>>;
    fn shown<'a>(&'a self, html: &'a Vec<String>) -> Vec<FaqEntry<'a>> {
        self.iter()
            .zip(html)
            .map(|(f, html)| FaqEntry {
                question: &f.question,
                answer: Text {
                    markdown: &f.answer,
                    html,
                },
            })
            .collect()
    }
}

/// `Full` (`api/errors/<slug>.json`) from the table of record fields: the `head`
/// fields, the page's `url`, the `body` fields, each as its `api:` form says.
macro_rules! api_record {
    (all [$($all:tt)*]
     head [$({ $h:ident, $hp:ident, ($hr:ty), ($hm:ty), [$($hd:literal),*], ($($hs:tt)*), $hreach:ident, $ha:ident, $had:literal, $hsearch:ident, [$($hf:literal)?], ($($hq:tt)*) })*]
     body [$({ $b:ident, $bp:ident, ($br:ty), ($bm:ty), [$($bd:literal),*], ($($bs:tt)*), $breach:ident, $ba:ident, $bad:literal, $bsearch:ident, [$($bf:literal)?], ($($bq:tt)*) })*]
    ) => {
        /// `api/errors/<slug>.json`: the whole record.
        #[derive(Serialize, JsonSchema)]
        #[schemars(deny_unknown_fields)]
        struct Full<'a> {
            $(#[doc = $had] $h: api_record!(@type $ha $hm),)*
            /// The code's page: absolute when `base_url` has a host, else root-relative.
            url: String,
            /// The language of the record's text (a BCP 47 tag): this part of the API's,
            /// or, where the record has no translation into it, its original's.
            language: &'a str,
            $(#[doc = $bad] $b: api_record!(@type $ba $bm),)*
            /// The fields the site declares (`fields` in its site.yaml).
            fields: ApiFields<'a>,
        }

        impl<'a> Full<'a> {
            fn new(site: &'a Site, index: usize, rendered: &'a RenderedRecord) -> Full<'a> {
                let record = &site.records[index];
                Full {
                    $($h: api_record!(@value $ha site index record rendered $h),)*
                    url: page_url(site, index),
                    language: text_language(site, index),
                    $($b: api_record!(@value $ba site index record rendered $b),)*
                    fields: ApiFields {
                        declared: &site.config.fields,
                        values: &record.declared,
                        html: Some(&rendered.declared),
                    },
                }
            }
        }
    };
    (@type plain $model:ty) => { <$model as Shown>::Out<'a> };
    (@type markdown $model:ty) => { <$model as ShownMarkdown>::Out<'a> };
    (@type related $model:ty) => { Vec<&'a str> };
    (@value plain $site:ident $index:ident $record:ident $rendered:ident $name:ident) => {
        Shown::shown(&$record.$name)
    };
    (@value markdown $site:ident $index:ident $record:ident $rendered:ident $name:ident) => {
        ShownMarkdown::shown(&$record.$name, &$rendered.$name)
    };
    (@value related $site:ident $index:ident $record:ident $rendered:ident $name:ident) => {
        related_codes($site, $index)
    };
}
crate::fields::with_record_fields!(api_record);

/// The codes the page of record `index` lists as related, in the page's order.
fn related_codes(site: &Site, index: usize) -> Vec<&str> {
    site.related[index]
        .iter()
        .map(|&i| site.records[i].code.as_str())
        .collect()
}

/// The language record `index`'s text is in, on this language's site.
fn text_language(site: &Site, index: usize) -> &str {
    if site.originals[index].whole {
        site.original_tag()
    } else {
        site.language_tag()
    }
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
    let full = Full::new(site, index, rendered);
    let location = site.paths.record_json(&site.records[index].slug);
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

/// Record `index`'s line of `api/errors.json`.
fn summary(site: &Site, index: usize) -> Summary<'_> {
    let r = &site.records[index];
    Summary {
        code: &r.code,
        title: &r.title,
        category: &r.category,
        severity: r.severity.as_str(),
        product: r.product.as_deref(),
        url: page_url(site, index),
        language: text_language(site, index),
        updated: r.updated.map(|d| d.to_string()),
        fields: ApiFields {
            declared: &site.config.fields,
            values: &r.declared,
            html: None,
        },
    }
}

/// Record `index`'s line of `api/errors.json`, serialized.
pub(super) fn index_line(site: &Site, index: usize) -> Vec<u8> {
    to_json(&summary(site, index))
}

pub fn write_indexes(site: &Site, staging: &Staging) -> Result<(), Error> {
    let summaries: Vec<Summary> = (0..site.records.len()).map(|i| summary(site, i)).collect();
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

/// The JSON Schemas of the three API files of a site that declares `declared`:
/// (file name under `schema/`, JSON text).
pub fn schemas(declared: &[FieldDeclaration]) -> Vec<(&'static str, String)> {
    let text = |schema: schemars::Schema, fields: Option<serde_json::Value>| {
        let mut value = schema.to_value();
        require_every_property(&mut value);
        if let Some(fields) = fields {
            replace_fields_schema(&mut value, &fields);
        }
        let mut text = serde_json::to_string_pretty(&value).expect("schemas serialize");
        text.push('\n');
        text
    };
    vec![
        (
            "api-errors.schema.json",
            text(
                schemars::schema_for!(Vec<Summary<'static>>),
                Some(api_fields_schema(declared, false)),
            ),
        ),
        (
            "api-error.schema.json",
            text(
                schemars::schema_for!(Full<'static>),
                Some(api_fields_schema(declared, true)),
            ),
        ),
        (
            "api-categories.schema.json",
            text(schemars::schema_for!(Vec<CategoryEntry<'static>>), None),
        ),
    ]
}

/// Puts the site's schema of the `fields` object wherever an object has it.
fn replace_fields_schema(schema: &mut serde_json::Value, fields: &serde_json::Value) {
    match schema {
        serde_json::Value::Object(map) => {
            // Children first, so the schema put in is not searched again.
            map.values_mut()
                .for_each(|v| replace_fields_schema(v, fields));
            if let Some(slot) = (map.get_mut("properties")).and_then(|p| p.get_mut("fields")) {
                *slot = fields.clone();
            }
        }
        serde_json::Value::Array(items) => items
            .iter_mut()
            .for_each(|v| replace_fields_schema(v, fields)),
        _ => {}
    }
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
    for (name, text) in schemas(&site.config.fields) {
        staging.write(&site.paths.schema(name).file(), text.as_bytes())?;
    }
    Ok(())
}

/// Compact JSON: the API is read by programs, and on a large site these files are a
/// good share of what a build writes (pretty-printing adds about a quarter).
fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(value).expect("API values serialize to JSON");
    bytes.push(b'\n');
    bytes
}
