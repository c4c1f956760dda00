//! Model: the validated site, ready to render.
//!
//! [`Record`], [`Category`] and [`SiteConfig`] are the checked, typed forms of what
//! contributors wrote. [`Site`] puts them together: records sorted A to Z, each
//! category's members, the lookup by code or alias, and each record's list of related
//! errors. The model is built once and only read afterwards, so rendering can share it
//! across threads without copying.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

/// How much an error hurts, from the reader's point of view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const NAMES: [&'static str; 4] = ["low", "medium", "high", "critical"];

    pub fn parse(name: &str) -> Option<Severity> {
        match name {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            "critical" => Some(Severity::Critical),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Severity::NAMES[self as usize]
    }
}

/// A question and its Markdown answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Faq {
    pub question: String,
    pub answer: String,
}

/// Where a record's facts come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    pub title: String,
    pub url: String,
}

/// One validated error record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub code: String,
    /// The code in lower case: its URL path segment.
    pub slug: String,
    pub title: String,
    /// The slug of its category.
    pub category: String,
    pub severity: Severity,
    /// Its own product, or the site's default.
    pub product: Option<String>,
    pub message: Option<String>,
    pub summary: String,
    pub causes: Vec<String>,
    pub fixes: Vec<String>,
    pub faq: Vec<Faq>,
    /// Related codes as written, resolved to their canonical spelling.
    pub related: Vec<String>,
    pub aliases: Vec<String>,
    pub tags: Vec<String>,
    pub sources: Vec<Source>,
    pub updated: Option<jiff::civil::Date>,
    pub draft: bool,
    /// The record's file, relative to the site root (`content/errors/...`).
    pub path: PathBuf,
}

/// One category, in the order of `content/categories.yaml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub slug: String,
    pub title: String,
    /// Markdown.
    pub description: String,
}

/// The settings of `site.yaml`, with defaults applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteConfig {
    pub title: String,
    /// Always ends in `/`: `https://errors.example.com/` or `/docs/errors/`.
    pub base_url: String,
    pub description: Option<String>,
    pub language: String,
    pub product: Option<String>,
    pub edit_url: Option<String>,
    pub related_limit: usize,
}

impl SiteConfig {
    /// The path part of the base URL (`/` or `/docs/errors/`): the prefix of every
    /// internal link, so a site works at a domain's root and under a sub-folder alike.
    pub fn base_path(&self) -> &str {
        match self.base_url.find("://") {
            Some(scheme_end) => {
                let after = &self.base_url[scheme_end + 3..];
                after.find('/').map_or("/", |i| &after[i..])
            }
            None => &self.base_url,
        }
    }

    /// An absolute URL for `path` (relative to the site root) when the base URL has a
    /// host; otherwise the root-relative path.
    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

/// The whole site: everything rendering needs, read-only.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub categories: Vec<Category>,
    /// Every record that is built, sorted A to Z by code (ignoring case).
    pub records: Vec<Record>,
    /// For each category (same index as `categories`), its records' indexes, A to Z.
    pub members: Vec<Vec<usize>>,
    /// For each record, the index of its category.
    pub record_category: Vec<usize>,
    /// For each record, its related records' indexes, in the order pages list them.
    pub related: Vec<Vec<usize>>,
    /// Lower-case code or alias → record index.
    lookup: HashMap<String, usize>,
}

impl Site {
    /// Builds the model from validated parts. The caller guarantees what validation
    /// checked: unique codes and aliases, known categories, existing related codes.
    pub fn new(config: SiteConfig, categories: Vec<Category>, mut records: Vec<Record>) -> Site {
        records.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.code.cmp(&b.code)));
        let category_index: HashMap<&str, usize> = categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.slug.as_str(), i))
            .collect();
        let mut members = vec![Vec::new(); categories.len()];
        let mut record_category = Vec::with_capacity(records.len());
        let mut lookup = HashMap::with_capacity(records.len() * 2);
        for (i, record) in records.iter().enumerate() {
            let category = category_index[record.category.as_str()];
            members[category].push(i);
            record_category.push(category);
            lookup.insert(record.slug.clone(), i);
            for alias in &record.aliases {
                lookup.insert(alias.to_lowercase(), i);
            }
        }
        let related = crate::related::compute(
            &records,
            &record_category,
            &members,
            &lookup,
            config.related_limit,
        );
        Site {
            config,
            categories,
            records,
            members,
            record_category,
            related,
            lookup,
        }
    }

    /// The record whose code or alias is `key`, ignoring case.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.lookup.get(&key.to_lowercase()).copied()
    }

    pub fn category_of(&self, record: usize) -> &Category {
        &self.categories[self.record_category[record]]
    }

    /// Records by `updated`, newest first (records without a date last), then A to Z.
    pub fn recently_updated(&self, limit: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.records.len()).collect();
        order.sort_by(|&a, &b| {
            self.records[b]
                .updated
                .cmp(&self.records[a].updated)
                .then(a.cmp(&b))
        });
        order.truncate(limit);
        order
    }
}

/// The URL path segment of a code or alias: the code in lower case.
pub fn slug_of(code: &str) -> String {
    code.to_lowercase()
}
