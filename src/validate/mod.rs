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
//! from `record`), `config` (`site.yaml`), `categories`, and [`across`] (the
//! rules that need every record).

pub mod across;
mod categories;
mod checker;
mod config;
mod fields;
pub mod patterns;
mod record;

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::load::LoadedSite;
use crate::model::{Category, Record, SiteConfig};
pub(crate) use categories::{CheckedCategory, check_categories, unknown_category_hint};
pub use checker::PLACEHOLDER;
pub(crate) use config::check_config;
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
}

/// Checks everything that was loaded. Returns every diagnostic, sorted by file and
/// line, and the validated parts whenever `site.yaml` and `categories.yaml` could be
/// used: with errors elsewhere, only the records whose own checks found no error, and
/// `related` links to missing codes dropped. The caller decides whether errors stop it
/// (`build` refuses any; `explain` shows the records that are fine).
pub fn validate(loaded: LoadedSite) -> (Option<Validated>, Vec<Diagnostic>) {
    let mut diagnostics = loaded.diagnostics;

    let config = loaded.config.and_then(|c| {
        diagnostics.extend(c.diagnostics);
        check_config(&c.file, &c.value, &mut diagnostics)
    });
    let categories = loaded.categories.map(|c| {
        diagnostics.extend(c.diagnostics);
        check_categories(&c.file, &c.value, &mut diagnostics)
    });

    // Each record is read, parsed and checked on its own thread, and only its checked
    // form is kept: the raw form (every value with two source locations) is dropped here.
    let files: Vec<CheckedFile> = loaded
        .record_paths
        .par_iter()
        .map(|path| check_record_file(&loaded.root, path, categories.as_deref()))
        .collect();
    check_across(config, categories, files, diagnostics)
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

    /// The problems found in the file on its own.
    pub(crate) fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

/// Reads, parses and checks one record file (`path` relative to `root`) on its own:
/// keys, patterns, lengths, URLs, dates, its category. The checks that need every
/// file come in [`check_across`].
pub(crate) fn check_record_file(
    root: &Path,
    path: &Path,
    categories: Option<&[CheckedCategory]>,
) -> CheckedFile {
    let mut found = Vec::new();
    match crate::load::load_record(root, path) {
        Ok(raw) => {
            found.extend(raw.diagnostics);
            let record = record::check_record(&raw.file, &raw.value, categories, &mut found);
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

/// The second half of validation: the checks across record files (codes and aliases
/// unique, `related` codes existing), given the checked settings and categories, each
/// record file checked on its own (in path order), and the diagnostics so far.
pub(crate) fn check_across(
    config: Option<SiteConfig>,
    categories: Option<Vec<CheckedCategory>>,
    files: impl IntoIterator<Item = CheckedFile>,
    mut diagnostics: Vec<Diagnostic>,
) -> (Option<Validated>, Vec<Diagnostic>) {
    let mut records = Vec::new();
    // Whether each record's file has errors of its own (the record is then checked
    // with the others but not handed on).
    let mut flawed = Vec::new();
    // Codes of records that failed their own checks: `related` links to them are not
    // reported again (the broken file already has its errors; one fix clears both).
    let mut broken_codes = HashSet::new();
    for file in files {
        if let Some(record) = file.record {
            flawed
                .push(file.diagnostics.iter().any(Diagnostic::is_error) || record.record.is_none());
            records.push(record);
        }
        diagnostics.extend(file.diagnostics);
        broken_codes.extend(file.broken_code);
    }

    across::check_unique_codes(
        records
            .iter()
            .flat_map(|r| across::claims_of(&r.links))
            .collect(),
        &mut diagnostics,
    );
    across::check_related_exist(&mut records, &broken_codes, &mut diagnostics);

    for d in &mut diagnostics {
        d.message = checker::shorten_quoted(&d.message);
        d.hint = d.hint.as_deref().map(checker::shorten_quoted);
    }
    crate::diagnostics::sort(&mut diagnostics);
    match (config, categories) {
        (Some(config), Some(categories)) => {
            let records = (records.into_iter().zip(flawed))
                .filter(|(_, flawed)| !flawed)
                .filter_map(|(r, _)| r.record)
                .collect();
            (
                Some(Validated {
                    config,
                    categories: categories.into_iter().map(|c| c.category).collect(),
                    records,
                }),
                diagnostics,
            )
        }
        _ => (None, diagnostics),
    }
}
