//! Validate: raw, located values → checked [`Record`]s, [`Category`]s and [`SiteConfig`],
//! and a [`Diagnostic`] for every rule of the contract that is broken.
//!
//! Each file is checked on its own first (in parallel): unknown and missing keys,
//! patterns, lengths, URLs, dates. Then the checks that need every file: codes and
//! aliases unique ignoring case, categories defined, `related` codes existing. All
//! problems of a run are reported, never just the first.
//!
//! A room per concern: `checker` (the helpers every rule uses), [`patterns`] (what
//! codes, slugs and URLs look like), `fields` (one function per record field, called
//! from `record`), `declared` (the fields a site declares, and records' values of
//! them), `config` (`site.yaml`), `menus` (its menu and footer), `categories`,
//! `pages` (`content/pages/`), and the rules that need every file: [`across`] (codes
//! and `related`), `links` (checked links lead somewhere) and `layout` (every page
//! at a place of its own); [`strings`] (the words of each language) and `translations`
//! (records and categories in the site's other languages, held to their originals).
//! `claims` keeps what the rules across files look at between the preview's saves, so
//! that a change to a few records re-checks only what they touch.

pub mod across;
mod categories;
mod checker;
mod claims;
mod config;
pub mod declared;
mod fields;
mod layout;
mod links;
mod menus;
mod page_translations;
mod pages;
pub mod patterns;
mod record;
pub mod strings;
mod translations;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;
use crate::load::LoadedSite;
use crate::load::pages::LoadedPage;
use crate::model::declared::FieldDeclaration;
use crate::model::{Category, Languages, Page, Record, SiteConfig};
use crate::paths::Paths;
use crate::strings::Strings;
pub(crate) use categories::{CheckedCategory, check_categories, unknown_category_hint};
pub use checker::PLACEHOLDER;
pub(crate) use claims::ClaimIndex;
pub(crate) use config::{CheckedConfig, check_config};
pub(crate) use links::category_links;
pub(crate) use pages::CheckedPage;
pub use patterns::{CODE_RULE, is_code, is_slug, normalize_base_url};
use record::CheckedRecord;

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 160;
/// More `related` codes than this is a warning: the list stops being a guide.
pub const MAX_RELATED_BEFORE_WARNING: usize = 10;

/// What validation produced: the parts of the model, when there were no errors.
#[derive(Debug)]
pub struct Validated {
    pub config: SiteConfig,
    pub categories: Vec<Category>,
    /// Every record that passed its own checks, drafts included (the caller decides
    /// whether to build them).
    pub records: Vec<Record>,
    /// Every page that passed its checks, drafts included.
    pub pages: Vec<Page>,
    /// The site's languages: the words of each, and what each has translated.
    pub languages: Languages,
}

impl SiteParts {
    /// The parts of the site in `root` besides its records, with the theme's assets
    /// read from it (the built-in ones, when its `static/` cannot be read: the build
    /// reports that). No category links.
    pub(crate) fn read(
        root: &Path,
        config: Option<CheckedConfig>,
        categories: Option<Vec<CheckedCategory>>,
        (pages, strings): (Vec<CheckedPage>, Option<Vec<Strings>>),
    ) -> SiteParts {
        SiteParts {
            config,
            categories,
            pages,
            page_translations: Vec::new(),
            strings,
            category_links: Vec::new(),
            assets: crate::render::theme::asset_files_or_builtin(root),
        }
    }
}

/// What a record file is checked against: the site's categories (when
/// categories.yaml could be read) and the fields it declares (when site.yaml could be
/// read: else a record's keys beyond the format are not judged).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RecordRules<'a> {
    pub categories: Option<&'a [CheckedCategory]>,
    pub declared: Option<Declared<'a>>,
}

/// The fields `site.yaml` declares.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Declared<'a> {
    pub fields: &'a [FieldDeclaration],
    /// The keys of declarations with errors: records may use them unblamed.
    pub broken: &'a [String],
}

impl CheckedConfig {
    /// The fields it declares.
    pub(crate) fn declared(&self) -> Declared<'_> {
        Declared {
            fields: &self.config.fields,
            broken: &self.broken_fields,
        }
    }
}

/// What the checks across files look at besides the record files.
#[derive(Debug, Default)]
pub(crate) struct SiteParts {
    pub config: Option<CheckedConfig>,
    pub categories: Option<Vec<CheckedCategory>>,
    pub pages: Vec<CheckedPage>,
    /// The page translations that passed their checks, each with its language.
    pub page_translations: Vec<(String, CheckedPage)>,
    /// The checked links of the categories' descriptions.
    pub category_links: Vec<links::FoundLink>,
    /// The theme's assets: name → content.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// The words of each language of the site, when they are complete and sound.
    pub strings: Option<Vec<Strings>>,
}

/// Checks everything that was loaded. Returns every diagnostic, sorted by file and
/// line, and the validated parts whenever `site.yaml` and `categories.yaml` could be
/// used: with errors elsewhere, only the records whose own checks found no error, and
/// `related` links to missing codes dropped. The caller decides whether errors stop it
/// (`build` refuses any; `explain` shows the records that are fine).
pub fn validate(mut loaded: LoadedSite, keep: Keep) -> (Option<Validated>, Vec<Diagnostic>) {
    let mut diagnostics = std::mem::take(&mut loaded.diagnostics);

    let config = loaded.config.as_ref().and_then(|c| {
        diagnostics.extend(c.diagnostics.iter().cloned());
        check_config(c, &mut diagnostics)
    });
    let strings = (config.as_ref().zip(loaded.config.as_ref())).and_then(|(config, c)| {
        let (config, site_files) = (&config.config, &loaded.strings);
        strings::check_strings(config, &c.file, &c.value, site_files, &mut diagnostics)
    });
    let category_links = loaded.categories.as_ref().map(links::category_links);
    let categories = loaded.categories.as_ref().map(|c| {
        diagnostics.extend(c.diagnostics.iter().cloned());
        check_categories(&c.file, &c.value, &mut diagnostics)
    });
    let pages = check_pages(&loaded.pages, &mut diagnostics);
    let page_translations = page_translations::check_page_translations(
        &loaded.page_translations,
        &loaded.pages,
        &pages,
        &mut diagnostics,
    );
    let translated_pages: Vec<(String, Page)> = (page_translations.iter())
        .map(|(language, checked)| (language.clone(), checked.page.clone()))
        .collect();

    // Each record is read, parsed and checked on its own thread, and only its checked
    // form is kept: the raw form (every value with two source locations) is dropped here.
    let rules = RecordRules {
        categories: categories.as_deref(),
        declared: config.as_ref().map(CheckedConfig::declared),
    };
    // Translations are checked against their originals' text (how many causes and
    // fixes), so a site that has them keeps whole records.
    let translated = !loaded.translation_paths.is_empty()
        || (config.as_ref()).is_some_and(|c| c.config.is_multilingual());
    let keep = if translated { Keep::Records } else { keep };
    let files: Vec<CheckedFile> = loaded
        .record_paths
        .par_iter()
        .map(|path| {
            let loaded = crate::load::load_found_record(&loaded.root, path);
            check_loaded_record(loaded, rules, keep)
        })
        .collect();
    let parts = SiteParts {
        config,
        categories,
        pages,
        page_translations,
        category_links: category_links.unwrap_or_default(),
        assets: std::mem::take(&mut loaded.assets),
        strings,
    };
    let (validated, mut diagnostics) = check_across(parts, files, diagnostics);
    let Some(mut validated) = validated else {
        return (None, diagnostics);
    };
    if validated.config.is_multilingual() || !loaded.translation_paths.is_empty() {
        let strings = std::mem::take(&mut validated.languages.all)
            .into_iter()
            .map(|l| l.strings)
            .collect();
        validated.languages =
            translations::check_translations(&loaded, &validated, strings, &mut diagnostics);
        crate::diagnostics::sort(&mut diagnostics);
    }
    for (tag, page) in translated_pages {
        if let Some(language) = validated.languages.all.iter_mut().find(|l| l.tag == tag) {
            language.pages.insert(page.file.clone(), page);
        }
    }
    (Some(validated), diagnostics)
}

/// What validation keeps of each record that passed its own checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// The whole [`Record`], for the stages after validation.
    Records,
    /// Only what the checks across files need ([`crate::model::Entry`]): `check`
    /// reports and stops, and a site's text would only fill memory.
    Entries,
}

/// Checks each page on its own; returns those that passed.
pub(crate) fn check_pages(pages: &[LoadedPage], found: &mut Vec<Diagnostic>) -> Vec<CheckedPage> {
    pages
        .iter()
        .filter_map(|page| pages::check_page(page, found))
        .collect()
}

/// One record file read and checked on its own: the first half of validation. The
/// preview server (`errdocs serve`) keeps these between saves, so that a save re-checks
/// only the files that changed.
#[derive(Clone, Debug)]
pub(crate) struct CheckedFile {
    record: Option<CheckedRecord>,
    diagnostics: Vec<Diagnostic>,
    /// The code a record file names when that code failed its checks.
    broken_code: Option<String>,
}

impl CheckedFile {
    /// The record, when the file passed its own checks.
    pub(crate) fn record(&self) -> Option<&Record> {
        self.record.as_ref().and_then(|r| r.record.as_ref())
    }

    /// Whether the record's Markdown links to a page of `content/pages/`.
    pub(crate) fn links_to_pages(&self) -> bool {
        (self.record.as_ref()).is_some_and(|r| {
            (r.markdown_links.iter())
                .any(|l| matches!(l.target, crate::model::links::LinkTarget::Page { .. }))
        })
    }

    /// The problems found in the file on its own.
    pub(crate) fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

/// Reads, parses and checks one record file (`path` relative to `root`) on its own:
/// keys, patterns, lengths, URLs, dates, its category. The checks that need every
/// file come in [`check_across`].
pub(crate) fn check_record_file(root: &Path, path: &Path, rules: RecordRules) -> CheckedFile {
    check_loaded_record(crate::load::load_record(root, path), rules, Keep::Records)
}

/// Checks one record file as reading and parsing it went (see [`check_record_file`]).
fn check_loaded_record(
    loaded: Result<
        crate::load::Loaded<crate::load::raw::Located<crate::load::raw::RawRecord>>,
        Diagnostic,
    >,
    rules: RecordRules,
    keep: Keep,
) -> CheckedFile {
    let mut found = Vec::new();
    match loaded {
        Ok(raw) => {
            found.extend(raw.diagnostics.iter().cloned());
            let mut record = record::check_record(&raw, rules, &mut found);
            if let Some(checked) = record.as_mut().filter(|_| keep == Keep::Entries) {
                checked.record = None;
            }
            let broken_code = match &record {
                Some(_) => None,
                None => record::broken_code(&raw.value),
            };
            crate::diagnostics::sort(&mut found);
            CheckedFile {
                record,
                diagnostics: found,
                broken_code,
            }
        }
        Err(diagnostic) => CheckedFile {
            record: None,
            diagnostics: vec![diagnostic],
            broken_code: None,
        },
    }
}

/// The second half of validation: the checks across files (codes and aliases unique,
/// `related` codes existing, checked links leading somewhere, every page at a place
/// of its own), given the settings, categories and pages, each record file checked on
/// its own (in path order), and the diagnostics so far.
pub(crate) fn check_across(
    parts: SiteParts,
    files: impl IntoIterator<Item = CheckedFile>,
    mut diagnostics: Vec<Diagnostic>,
) -> (Option<Validated>, Vec<Diagnostic>) {
    let files = files.into_iter();
    // Sized up front: growing a vector of 10,000 checked records copied them over and
    // over, on the one thread that waits for this step.
    let mut records = Vec::with_capacity(files.size_hint().0);
    // Whether each record's file has errors of its own (the record is then checked
    // with the others but not handed on).
    let mut flawed = Vec::with_capacity(files.size_hint().0);
    // Codes of records that failed their own checks: `related` links to them are not
    // reported again (the broken file already has its errors; one fix clears both).
    let mut broken_codes = HashSet::new();
    for file in files {
        if let Some(record) = file.record {
            flawed
                .push(file.diagnostics.iter().any(Diagnostic::is_error) || record.entry.is_none());
            records.push(record);
        }
        diagnostics.extend(file.diagnostics);
        broken_codes.extend(file.broken_code);
    }

    let claims: Vec<across::Claim> = (records.iter())
        .flat_map(|r| across::claims_of(&r.links))
        .collect();
    across::check_unique_codes(claims.clone(), &mut diagnostics);
    across::check_related_exist(&mut records, &broken_codes, &mut diagnostics);
    if let Some(config) = &parts.config {
        check_site_wide(
            &parts,
            config,
            &records,
            &claims,
            &broken_codes,
            &mut diagnostics,
        );
    }

    for d in &mut diagnostics {
        d.message = checker::shorten_quoted(&d.message);
        d.hint = d.hint.as_deref().map(checker::shorten_quoted);
    }
    crate::diagnostics::sort(&mut diagnostics);
    match (parts.config, parts.categories, parts.strings) {
        (Some(config), Some(categories), Some(strings)) => {
            let records = (records.into_iter().zip(flawed))
                .filter(|(_, flawed)| !flawed)
                .filter_map(|(r, _)| r.record)
                .collect();
            let languages = languages_of(&config.config, strings);
            (
                Some(Validated {
                    config: config.config,
                    categories: categories.into_iter().map(|c| c.category).collect(),
                    records,
                    pages: parts.pages.into_iter().map(|p| p.page).collect(),
                    languages,
                }),
                diagnostics,
            )
        }
        _ => (None, diagnostics),
    }
}

/// The checks that need the settings with every record and page: checked links lead
/// somewhere, every page has a place of its own, the logo exists.
fn check_site_wide(
    parts: &SiteParts,
    config: &CheckedConfig,
    records: &[record::CheckedRecord],
    claims: &[across::Claim],
    broken_codes: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let pages: Vec<Page> = parts.pages.iter().map(|p| p.page.clone()).collect();
    // The codes of records that failed their own checks are known, not their anchors:
    // links to them are not reported again.
    let mut broken_codes = broken_codes.clone();
    let mut entries = HashMap::new();
    for r in records {
        let keys = std::iter::once(&r.links.code).chain(&r.links.aliases);
        match &r.entry {
            Some(entry) => entries.extend(keys.map(|key| (crate::model::slug_of(key), entry))),
            None => broken_codes.extend(keys.map(|key| crate::model::slug_of(key))),
        }
    }
    let targets = links::Targets {
        records: entries,
        declared: &config.config.fields,
        broken_codes: &broken_codes,
        pages: &pages,
    };
    for r in records {
        targets.check(&r.markdown_links, diagnostics);
    }
    let translations = parts.page_translations.iter().map(|(_, page)| page);
    for page in parts.pages.iter().chain(translations) {
        targets.check(&page.links, diagnostics);
    }
    targets.check(&config.links, diagnostics);
    targets.check(&parts.category_links, diagnostics);
    let paths = Paths::with_folders(&config.config.base_url, &config.config.urls);
    let mut pages_built = vec![paths.home(), paths.errors_index(), paths.categories_index()];
    let categories = parts.categories.iter().flatten();
    pages_built.extend(categories.map(|c| paths.category(&c.category.slug)));
    let checked = || records.iter().filter_map(|r| r.entry.as_ref());
    let tags: HashSet<&String> = checked().flat_map(|r| &r.tags).collect();
    if !tags.is_empty() {
        pages_built.push(paths.tags_index());
    }
    pages_built.extend(tags.into_iter().map(|t| paths.tag(t)));
    pages_built.extend(checked().map(|r| paths.record(&r.slug)));
    pages_built.extend(pages.iter().map(|p| paths.content_page(&p.file)));
    links::check_site_paths(&pages_built, &config.links, diagnostics);
    let languages = &config.config.languages;
    layout::check_places(
        &paths,
        (claims, languages),
        &parts.pages,
        &parts.assets,
        diagnostics,
    );
    if let Some(logo) = &config.config.logo
        && !parts.assets.contains_key(logo)
    {
        diagnostics.push(
            Diagnostic::error(
                "missing-file",
                crate::load::SITE_FILE,
                format!("the logo `static/{logo}` does not exist"),
            )
            .at(config.logo_position)
            .with_hint(
                "put the image in the site's `static/` folder and name it by its path there",
            ),
        );
    }
}

/// The languages of the site with their words, before translations are checked
/// (`translations::check_translations` adds what each has translated).
fn languages_of(config: &SiteConfig, strings: Vec<Strings>) -> Languages {
    let mut languages = Languages::single(strings[0].clone());
    languages.untranslated = config.untranslated;
    languages.all.extend(
        strings
            .into_iter()
            .skip(1)
            .map(|strings| crate::model::Language {
                tag: strings.language().to_string(),
                strings,
                records: Default::default(),
                categories: Default::default(),
                pages: Default::default(),
            }),
    );
    languages
}
