//! The languages of a site and what each has translated: shared by the [`Site`] of
//! every language, so that each page knows where its twins in the other languages are
//! (for `hreflang` links, the language switcher and the sitemap).
//!
//! The default language has every record and category in its own words. Another
//! language has the records and categories translated into it ([`Translation`]); what
//! it shows of the others, `site.yaml`'s `untranslated` says ([`Untranslated`]).

use std::collections::{BTreeMap, HashMap};

use super::{Category, Record, Untranslated};
use crate::paths::Paths;
use crate::strings::Strings;

/// A record's translation into one language, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    /// The original record with the translated fields in place.
    pub record: Record,
    /// The translatable fields the translation leaves out (`message`, `faq`): the page
    /// shows the original's text there, marked with the original's language.
    pub inherited: Vec<&'static str>,
}

/// A category's title and description in one language; a description left out is
/// the original's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryTranslation {
    pub title: String,
    pub description: Option<String>,
}

/// One language of the site: its words, where its pages go, what it has translated.
#[derive(Debug)]
pub struct Language {
    /// The tag, as `site.yaml` writes it (`de`, `pt-BR`): `lang` and `hreflang`.
    pub tag: String,
    pub strings: Strings,
    /// Record translations by the original's code (none for the default language).
    pub records: HashMap<String, Translation>,
    /// Category translations by slug (none for the default language).
    pub categories: BTreeMap<String, CategoryTranslation>,
}

/// Every language of a site, the default first, and what a language shows where a
/// translation is missing.
#[derive(Debug)]
pub struct Languages {
    pub all: Vec<Language>,
    pub untranslated: Untranslated,
}

impl Languages {
    /// The languages of a site in one language, with its words.
    pub fn single(strings: Strings) -> Languages {
        Languages {
            all: vec![Language {
                tag: strings.language().to_string(),
                strings,
                records: HashMap::new(),
                categories: BTreeMap::new(),
            }],
            untranslated: Untranslated::Fallback,
        }
    }

    pub fn is_multilingual(&self) -> bool {
        self.all.len() > 1
    }

    /// The map of language `index`'s pages, from the map of any language of the site:
    /// the default language's at the root, every other's under `<tag>/`.
    pub fn paths(&self, index: usize, any: &Paths) -> Paths {
        any.in_language((index > 0).then(|| self.all[index].tag.as_str()))
    }

    /// Whether `record` (by code) is in language `index`'s own words: always in the
    /// default language.
    pub fn is_translated(&self, index: usize, code: &str) -> bool {
        index == 0 || self.all[index].records.contains_key(code)
    }

    /// Whether language `index` has a page for `record` (by code): its translation, or
    /// the original with a notice when untranslated records fall back.
    pub fn has_record(&self, index: usize, code: &str) -> bool {
        self.untranslated == Untranslated::Fallback || self.is_translated(index, code)
    }

    /// Whether language `index` has a page for the category `slug`: in the default
    /// language and where untranslated records fall back, always; where they are
    /// omitted, when one of its records is translated.
    pub fn has_category(&self, index: usize, slug: &str) -> bool {
        index == 0
            || self.untranslated == Untranslated::Fallback
            || self.all[index]
                .records
                .values()
                .any(|t| t.record.category == slug)
    }

    /// Whether language `index` has the tags page `page` (the index of tags, or one
    /// tag's page): like a category's, when one of its records has the tag.
    fn has_tag(&self, index: usize, page: &PageId) -> bool {
        let has = |t: &Translation| match page {
            PageId::Tag(slug) => t.record.tags.contains(slug),
            _ => !t.record.tags.is_empty(),
        };
        index == 0
            || self.untranslated == Untranslated::Fallback
            || self.all[index].records.values().any(has)
    }

    /// The languages that have `page`, each with whether it is in that language's own
    /// words (a record shown in the original's words falls back; lists are always the
    /// language's own), the default first.
    pub fn of_page(&self, page: &PageId) -> Vec<(usize, bool)> {
        (0..self.all.len())
            .filter_map(|index| {
                let (has, own) = match page {
                    PageId::Record(code) => (
                        self.has_record(index, code),
                        self.is_translated(index, code),
                    ),
                    PageId::Category(slug) => {
                        let has = self.has_category(index, slug);
                        (has, has)
                    }
                    PageId::TagsIndex | PageId::Tag(_) => {
                        let has = self.has_tag(index, page);
                        (has, has)
                    }
                    // Pages are not translated: the default language's words everywhere.
                    PageId::Content(_) => (
                        index == 0 || self.untranslated == Untranslated::Fallback,
                        index == 0,
                    ),
                    PageId::Home
                    | PageId::ErrorsIndex
                    | PageId::CategoriesIndex
                    | PageId::NotFound => (true, true),
                };
                has.then_some((index, own))
            })
            .collect()
    }

    /// Where `page` is in language `index`, on the site that `paths` maps (in any of
    /// its languages).
    pub fn location(&self, index: usize, any: &Paths, page: &PageId) -> crate::paths::Location {
        let paths = self.paths(index, any);
        match page {
            PageId::Home => paths.home(),
            PageId::ErrorsIndex => paths.errors_index(),
            PageId::CategoriesIndex => paths.categories_index(),
            PageId::Category(slug) => paths.category(slug),
            PageId::Record(code) => paths.record(&super::slug_of(code)),
            PageId::TagsIndex => paths.tags_index(),
            PageId::Tag(slug) => paths.tag(slug),
            PageId::Content(file) => paths.content_page(file),
            PageId::NotFound => paths.not_found(),
        }
    }

    /// The records language `index` builds, from the default language's (the original
    /// where it falls back), and which parts of each are the original's.
    pub fn records_of(&self, index: usize, originals: &[Record]) -> Vec<(Record, Original)> {
        let language = &self.all[index];
        let mut records = Vec::with_capacity(originals.len());
        for record in originals {
            match language.records.get(&record.code) {
                _ if index == 0 => records.push((record.clone(), Original::default())),
                Some(translation) => records.push((
                    translation.record.clone(),
                    Original {
                        whole: false,
                        fields: translation.inherited.clone(),
                    },
                )),
                None if self.untranslated == Untranslated::Fallback => {
                    records.push((record.clone(), Original::whole()))
                }
                None => {}
            }
        }
        records
    }

    /// The categories of language `index`, in the default language's order, and
    /// which parts of each are the original's.
    pub fn categories_of(&self, index: usize, originals: &[Category]) -> Vec<(Category, Original)> {
        let language = &self.all[index];
        (originals.iter())
            .map(|category| match language.categories.get(&category.slug) {
                _ if index == 0 => (category.clone(), Original::default()),
                Some(translation) => {
                    let mut translated = category.clone();
                    translated.title.clone_from(&translation.title);
                    let mut fields = Vec::new();
                    match &translation.description {
                        Some(description) => translated.description.clone_from(description),
                        None => fields.push("description"),
                    }
                    (
                        translated,
                        Original {
                            whole: false,
                            fields,
                        },
                    )
                }
                None => (category.clone(), Original::whole()),
            })
            .collect()
    }
}

/// A page that each language may have: what its twins in the other languages are
/// found by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageId {
    Home,
    ErrorsIndex,
    CategoriesIndex,
    Category(String),
    TagsIndex,
    Tag(String),
    /// A page of `content/pages/`, by its file (`guide/reading-errors.md`).
    Content(String),
    /// A record's page, by code.
    Record(String),
    NotFound,
}

/// Which parts of a record or category a page of another language shows in the
/// original's words (the default language's), so the page can mark them with `lang`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Original {
    /// All of it: there is no translation.
    pub whole: bool,
    /// These fields: the translation leaves them out.
    pub fields: Vec<&'static str>,
}

impl Original {
    pub fn whole() -> Original {
        Original {
            whole: true,
            fields: Vec::new(),
        }
    }

    /// Whether `field` shows the original's words.
    pub fn has(&self, field: &str) -> bool {
        self.whole || self.fields.contains(&field)
    }
}
