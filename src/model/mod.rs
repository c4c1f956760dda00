//! Model: the validated site, ready to render.
//!
//! [`Record`], [`Category`] and [`SiteConfig`] are the checked, typed forms of what
//! contributors wrote. [`Site`] puts them together: records sorted A to Z, each
//! category's members, the lookup by code or alias, and each record's list of related
//! errors. The model is built once and only read afterwards, so rendering can share it
//! across threads without copying.

pub mod declared;
mod entry;
pub mod links;
pub mod order;
pub mod page;
mod record;
pub mod related;
pub mod translations;

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

pub use entry::{Anchors, Entry};
pub use order::natural_cmp;
pub use page::{Heading, Page};
pub use record::{Category, Faq, Record, Severity, SiteConfig, Source, Untranslated};

use crate::paths::Paths;
use crate::strings::Strings;
pub use translations::{CategoryTranslation, Language, Languages, Original, PageId, Translation};

/// The whole site: everything rendering needs, read-only.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub categories: Vec<Category>,
    /// Every record that is built, in natural order of their codes ([`natural_cmp`]).
    pub records: Vec<Record>,
    /// For each category (same index as `categories`), its records' indexes, A to Z.
    pub members: Vec<Vec<usize>>,
    /// For each record, the index of its category.
    pub record_category: Vec<usize>,
    /// For each record, its related records' indexes, in the order pages list them.
    pub related: Vec<Vec<usize>>,
    /// Every tag a record has, in natural order, with its records.
    pub tags: Vec<Tag>,
    /// The pages of `content/pages/` that are built, in natural order of their files.
    pub pages: Vec<Page>,
    /// Where each page and file goes, and the URLs that reach them.
    pub paths: Paths,
    /// Which language of `languages` this site's pages are in (0: the default).
    pub language: usize,
    /// Every language of the site, shared by the site of each.
    pub languages: Arc<Languages>,
    /// For each record, which of its parts show the original's words (the default
    /// language's) on this language's pages; nothing on the default language's.
    pub originals: Vec<Original>,
    /// For each category, the same.
    pub category_originals: Vec<Original>,
    /// Lower-case code or alias → record index.
    lookup: HashMap<String, usize>,
    /// A page's file (`guide/reading-errors.md`) → page index.
    page_lookup: HashMap<String, usize>,
}

/// A tag and the records that have it.
#[derive(Debug)]
pub struct Tag {
    pub slug: String,
    /// Record indexes, in the site's order.
    pub members: Vec<usize>,
}

impl Site {
    /// Builds the model of the default language from validated parts. The caller
    /// guarantees what validation checked: unique codes and aliases, known categories,
    /// existing related codes, and the words of every language.
    pub fn new(
        config: SiteConfig,
        categories: Vec<Category>,
        records: Vec<Record>,
        pages: Vec<Page>,
        mut languages: Languages,
    ) -> Site {
        // Translations of records that are not built (drafts) are not built either.
        let built: std::collections::HashSet<&str> =
            records.iter().map(|r| r.code.as_str()).collect();
        let built_pages: std::collections::HashSet<&str> =
            pages.iter().map(|p| p.file.as_str()).collect();
        for language in &mut languages.all {
            language
                .records
                .retain(|code, _| built.contains(code.as_str()));
            language
                .pages
                .retain(|file, _| built_pages.contains(file.as_str()));
        }
        let originals = vec![Original::default(); records.len()];
        let category_originals = vec![Original::default(); categories.len()];
        Site::build(
            config,
            categories.into_iter().zip(category_originals).collect(),
            (records.into_iter().zip(originals).collect(), pages),
            Arc::new(languages),
            0,
        )
    }

    /// The site of language `index` of [`Site::languages`], made from this one (the
    /// default language's): its records and categories translated, the original's
    /// where it falls back, left out where it omits them; its pages under its prefix.
    pub fn in_language(&self, index: usize) -> Site {
        let languages = Arc::clone(&self.languages);
        let records = languages.records_of(index, &self.records);
        let mut categories = languages.categories_of(index, &self.categories);
        if languages.untranslated == Untranslated::Omit && index > 0 {
            // A category with no record in this language has no page in it.
            categories.retain(|(c, _)| records.iter().any(|(r, _)| r.category == c.slug));
        }
        let mut config = self.config.clone();
        config.in_words(&languages.all[index].strings);
        let pages = languages.pages_of(index, &self.pages);
        Site::build(config, categories, (records, pages), languages, index)
    }

    fn build(
        config: SiteConfig,
        categories: Vec<(Category, Original)>,
        (records, mut pages): (Vec<(Record, Original)>, Vec<Page>),
        languages: Arc<Languages>,
        language: usize,
    ) -> Site {
        let (categories, category_originals): (Vec<Category>, Vec<Original>) =
            categories.into_iter().unzip();
        let mut records = records;
        for (record, _) in &mut records {
            config.apply_defaults(record);
        }
        records.sort_by(|(a, _), (b, _)| natural_cmp(&a.code, &b.code));
        let (records, originals): (Vec<Record>, Vec<Original>) = records.into_iter().unzip();
        let (members, record_category, lookup) = index_records(&records, &categories);
        let related = related::compute(
            &records,
            &record_category,
            &members,
            &lookup,
            config.related_limit,
        );
        pages.sort_by(|a, b| natural_cmp(&a.file, &b.file));
        let page_lookup = (pages.iter().enumerate())
            .map(|(i, p)| (p.file.clone(), i))
            .collect();
        Site {
            paths: languages.paths(
                language,
                &Paths::with_folders(&config.base_url, &config.urls),
            ),
            tags: tags_of(&records),
            config,
            categories,
            records,
            members,
            record_category,
            related,
            language,
            languages,
            originals,
            category_originals,
            pages,
            lookup,
            page_lookup,
        }
    }

    /// The site with the records whose slugs are in `removed` taken out and `added`
    /// put in (validated as [`Site::new`] wants them), everything else kept: what
    /// [`Site::new`] makes of the records so changed, for the preview, at the cost of
    /// the lists the change can reach. A site in one language only (its records show
    /// no original's words). Returns the site, each former record's new index (`None`:
    /// taken out), and the records kept whose related list changed.
    pub fn with_records_replaced(
        self,
        removed: &HashSet<String>,
        mut added: Vec<Record>,
    ) -> (Site, Vec<Option<usize>>, Vec<usize>) {
        for record in &mut added {
            self.config.apply_defaults(record);
        }
        added.sort_by(|a, b| natural_cmp(&a.code, &b.code));
        let mut records = Vec::with_capacity(self.records.len() + added.len());
        let mut moved = Vec::with_capacity(self.records.len());
        // Categories whose members change: every list in them may change.
        let mut categories_touched = HashSet::new();
        let mut added = added.into_iter().peekable();
        for (record, category) in self.records.into_iter().zip(&self.record_category) {
            if removed.contains(&record.slug) {
                categories_touched.insert(*category);
                moved.push(None);
                continue;
            }
            while let Some(next) =
                added.next_if(|a| natural_cmp(&a.code, &record.code) == Ordering::Less)
            {
                records.push(next);
            }
            moved.push(Some(records.len()));
            records.push(record);
        }
        records.extend(added);
        let (members, record_category, lookup) = index_records(&records, &self.categories);

        // Whose related list can change: the new records, every record of a category
        // that gained or lost one, the records a removed one was listed with (links go
        // both ways), and those a new record links to.
        let mut is_new = vec![true; records.len()];
        for &to in moved.iter().flatten() {
            is_new[to] = false;
        }
        let mut affected = vec![false; records.len()];
        for (i, new) in is_new.iter().enumerate() {
            if *new {
                categories_touched.insert(record_category[i]);
                affected[i] = true;
                for code in &records[i].related {
                    if let Some(&target) = lookup.get(&slug_of(code)) {
                        affected[target] = true;
                    }
                }
            }
        }
        for &category in &categories_touched {
            for &i in &members[category] {
                affected[i] = true;
            }
        }
        for (old, list) in self.related.iter().enumerate() {
            if let Some(to) = moved[old]
                && list.iter().any(|&r| moved[r].is_none())
            {
                affected[to] = true;
            }
        }
        let which: Vec<usize> = (0..records.len()).filter(|&i| affected[i]).collect();
        let fresh = related::compute_some(
            &records,
            &record_category,
            &members,
            &lookup,
            self.config.related_limit,
            &which,
        );
        let mut related = vec![Vec::new(); records.len()];
        // The former lists of the records whose list is made again, records taken out
        // as `None`.
        let mut before: HashMap<usize, Vec<Option<usize>>> = HashMap::new();
        for (old, list) in self.related.into_iter().enumerate() {
            match moved[old] {
                Some(to) if affected[to] => {
                    before.insert(to, list.into_iter().map(|r| moved[r]).collect());
                }
                // Every record it lists is kept (else it would be affected).
                Some(to) => related[to] = list.into_iter().filter_map(|r| moved[r]).collect(),
                None => {}
            }
        }
        let mut relisted = Vec::new();
        for (i, list) in which.into_iter().zip(fresh) {
            let same = (before.get(&i))
                .is_some_and(|old| old.iter().copied().eq(list.iter().map(|&r| Some(r))));
            if !is_new[i] && !same {
                relisted.push(i);
            }
            related[i] = list;
        }
        let originals = vec![Original::default(); records.len()];
        let site = Site {
            tags: tags_of(&records),
            records,
            members,
            record_category,
            related,
            originals,
            lookup,
            ..self
        };
        (site, moved, relisted)
    }

    /// The words of this site's language.
    pub fn strings(&self) -> &Strings {
        &self.languages.all[self.language].strings
    }

    /// The tag of this site's language (`lang` of its pages).
    pub fn language_tag(&self) -> &str {
        &self.languages.all[self.language].tag
    }

    /// The tag of the default language: what a page marks as the original's words.
    pub fn original_tag(&self) -> &str {
        &self.languages.all[0].tag
    }

    /// The page made of `file` (relative to `content/pages/`).
    pub fn find_page(&self, file: &str) -> Option<usize> {
        self.page_lookup.get(file).copied()
    }

    /// Every code and alias of the records, in lower case.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.lookup.keys()
    }

    /// The record whose code or alias is `key`, ignoring case.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.lookup.get(&slug_of(key)).copied()
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

/// For `records` in the site's order: each category's records, each record's
/// category, and the lookup by code or alias (see [`Site`]).
fn index_records(
    records: &[Record],
    categories: &[Category],
) -> (Vec<Vec<usize>>, Vec<usize>, HashMap<String, usize>) {
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
            lookup.insert(slug_of(alias), i);
        }
    }
    (members, record_category, lookup)
}

/// Every tag of `records` (in the site's order), in natural order.
fn tags_of(records: &[Record]) -> Vec<Tag> {
    let mut by_slug: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, record) in records.iter().enumerate() {
        for tag in &record.tags {
            by_slug.entry(tag).or_default().push(i);
        }
    }
    let mut tags: Vec<Tag> = by_slug
        .into_iter()
        .map(|(slug, members)| Tag {
            slug: slug.to_string(),
            members,
        })
        .collect();
    tags.sort_by(|a, b| natural_cmp(&a.slug, &b.slug));
    tags
}

/// The URL path segment of a code or alias: the code in lower case. It is also the
/// key under which codes and aliases are unique in a site (two that differ only in
/// case would collide on a case-insensitive host) and are looked up.
pub fn slug_of(code: &str) -> String {
    code.to_lowercase()
}
