//! The checked, typed forms of what contributors wrote: a [`Record`] per error file
//! (its fields declared in [`crate::fields`]), a [`Category`] per entry of
//! `content/categories.yaml`, and the [`SiteConfig`] of `site.yaml` with its defaults
//! applied.

use std::path::PathBuf;

use serde::Serialize;

use super::declared::{FieldDeclaration, FieldValue};
use super::links::{Footer, NavLink};
use crate::fields::Reach;
use crate::paths::Folders;

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

/// `Record` from the table of record fields ([`crate::fields`]), with the fields
/// derived from it, and how far a change between two versions reaches.
macro_rules! record {
    (all [$({ $name:ident, $presence:ident, ($raw:ty), ($model:ty), [$($doc:literal),*], ($($schema:tt)*), $reach:ident, $api:ident, $api_doc:literal, $search:ident, [$($fact:literal)?], ($($required:tt)*) })*] $($groups:tt)*) => {
        /// One validated error record.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct Record {
            $(
                $(#[doc = $doc])*
                pub $name: $model,
            )*
            /// The code in lower case: its URL path segment.
            pub slug: String,
            /// The record's file, relative to the site root (`content/errors/...`).
            pub path: PathBuf,
            /// Its values of the fields the site declares, in their order
            /// ([`SiteConfig::fields`]); `None` where it sets none.
            pub declared: Vec<Option<FieldValue>>,
        }

        impl Record {
            /// How far the differences between two versions of a record reach in the
            /// built site: the widest [`Reach`] of the fields that differ, `None` when
            /// they are equal. The slug and the file count as links.
            pub fn widest_change(&self, other: &Record) -> Option<Reach> {
                let mut widest = None;
                $(
                    if self.$name != other.$name {
                        widest = widest.max(Some(Reach::$reach));
                    }
                )*
                // Declared fields show in lists (filters, search).
                if self.declared != other.declared {
                    widest = widest.max(Some(Reach::Lists));
                }
                if self.slug != other.slug || self.path != other.path {
                    widest = Some(Reach::Links);
                }
                widest
            }
        }
    };
}
crate::fields::with_record_fields!(record);

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
    /// The default language: the first of `languages`.
    pub language: String,
    /// Every language of the site, the default first (one for a site in one language).
    pub languages: Vec<String>,
    /// What a language shows where a record has no translation into it.
    pub untranslated: Untranslated,
    pub product: Option<String>,
    pub edit_url: Option<String>,
    pub related_limit: usize,
    /// Whether the JSON API writes a file per record (`api/errors/<slug>.json`).
    pub api_records: bool,
    /// The folders of the error, category and tag pages.
    pub urls: Folders,
    /// The fields the site's records may use besides the built-in ones.
    pub fields: Vec<FieldDeclaration>,
    /// The header's menu.
    pub nav: Vec<NavLink>,
    pub footer: Footer,
    /// An image of `static/` (its path there) shown beside the title.
    pub logo: Option<String>,
}

/// What a language of a multilingual site shows where a record (or category) has no
/// translation into it: `site.yaml`'s `untranslated`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Untranslated {
    /// The original, with a notice in the reader's language, marked with its language.
    #[default]
    Fallback,
    /// Nothing: the page is left out of that language, with its lists, search, feed,
    /// API and sitemap.
    Omit,
}

impl Untranslated {
    pub const NAMES: [&'static str; 2] = ["fallback", "omit"];
}

impl SiteConfig {
    /// Whether the site has more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The keys of a strings file that give the site's own words in a language, each
    /// with the words `site.yaml` has for the default language: its title and
    /// description, each declared field's label (`site.field.<key>`) and each label of
    /// the menu and the footer's links (`site.nav.<label as a slug>`,
    /// `site.footer.<label as a slug>`).
    pub fn own_words(&self) -> Vec<(String, String)> {
        let slug = crate::validate::patterns::slugify;
        let mut words = vec![("site.title".to_string(), self.title.clone())];
        if let Some(description) = &self.description {
            words.push(("site.description".into(), description.clone()));
        }
        for field in &self.fields {
            words.push((format!("site.field.{}", field.key), field.label.clone()));
        }
        for link in &self.nav {
            words.push((
                format!("site.nav.{}", slug(&link.label)),
                link.label.clone(),
            ));
        }
        for link in &self.footer.links {
            words.push((
                format!("site.footer.{}", slug(&link.label)),
                link.label.clone(),
            ));
        }
        words
    }

    /// The settings in the language whose words are `strings`: the site's own words
    /// ([`SiteConfig::own_words`]) that its strings file gives replace `site.yaml`'s.
    pub fn in_words(&mut self, strings: &crate::strings::Strings) {
        let slug = crate::validate::patterns::slugify;
        let word = |key: String| match strings.get(&key) {
            Some(crate::strings::Text::Plain(text)) => Some(text.clone()),
            _ => None,
        };
        if let Some(title) = word("site.title".into()) {
            self.title = title;
        }
        if let Some(description) = word("site.description".into()) {
            self.description = Some(description);
        }
        for field in &mut self.fields {
            if let Some(label) = word(format!("site.field.{}", field.key)) {
                field.label = label;
            }
        }
        for link in &mut self.nav {
            if let Some(label) = word(format!("site.nav.{}", slug(&link.label))) {
                link.label = label;
            }
        }
        for link in &mut self.footer.links {
            if let Some(label) = word(format!("site.footer.{}", slug(&link.label))) {
                link.label = label;
            }
        }
    }

    /// Fills in what a record leaves to the site: its product. Applied once, when the
    /// record joins the model, so every page, feed and API file shows the same.
    pub fn apply_defaults(&self, record: &mut Record) {
        if record.product.is_none() {
            record.product.clone_from(&self.product);
        }
    }
}
