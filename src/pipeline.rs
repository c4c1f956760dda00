//! The way from a site folder to a [`Site`], written once: load (files → raw, located
//! values) → validate (checked records and every diagnostic) → model (drafts left out
//! unless asked for, the base URL replaced when asked, the [`Site`]).
//!
//! Every command goes through here. `build` and `serve` model the site with
//! [`SiteOptions`] that refuse any error, `check` stops after validation ([`check`]),
//! `explain` leaves out the records that have errors of their own, and `new` asks which
//! codes the record files already claim ([`record_claims`]). The preview server checks
//! incrementally and joins at the last step ([`model`]).

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::load::{self, ERRORS_DIR};
use crate::model::Site;
use crate::validate::{self, Keep, Validated, across::Claim};
use crate::{Error, Timings};

/// How a site folder becomes a [`Site`].
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Build records marked `draft: true` too.
    pub drafts: bool,
    /// Replaces `site.yaml`'s `base_url` (`build --base-url`, the preview's own address).
    pub base_url: Option<String>,
    /// What content errors do.
    pub on_errors: OnErrors,
}

/// What content errors do to the way to a [`Site`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OnErrors {
    /// Any error stops it: the site is built from valid content or not at all.
    #[default]
    Stop,
    /// Records with errors of their own are left out and the others are modelled
    /// (`explain`: a half-written record must not hide the others). Errors outside
    /// record files (settings, categories) still stop it.
    LeaveOutBrokenRecords,
}

/// Loads, validates and models the site in `root`. Returns the site and every
/// diagnostic found (warnings; with [`OnErrors::LeaveOutBrokenRecords`], the errors of
/// the records left out too). On errors that stop it, returns them all.
pub fn load(
    root: &Path,
    options: &SiteOptions,
    timings: &mut Timings,
) -> Result<(Site, Vec<Diagnostic>), Error> {
    let loaded = load::load_site(root);
    timings.lap("load");
    let (validated, diagnostics) = validate::validate(loaded, Keep::Records);
    timings.lap("validate");
    let stops = |d: &Diagnostic| match options.on_errors {
        OnErrors::Stop => d.is_error(),
        OnErrors::LeaveOutBrokenRecords => d.is_error() && !in_a_record_file(d),
    };
    let validated = match validated {
        Some(validated) if !diagnostics.iter().any(stops) => validated,
        _ => {
            let shown = match options.on_errors {
                OnErrors::Stop => diagnostics,
                OnErrors::LeaveOutBrokenRecords => diagnostics.into_iter().filter(stops).collect(),
            };
            return Err(Error::Content(shown));
        }
    };
    let site = model(validated, options)?;
    timings.lap("model");
    Ok((site, diagnostics))
}

/// Whether a diagnostic is about one record file (not the settings, the categories or
/// the folder of records).
fn in_a_record_file(d: &Diagnostic) -> bool {
    d.file.starts_with(ERRORS_DIR) && d.file != Path::new(ERRORS_DIR)
}

/// The last step: the validated content → the [`Site`], drafts left out unless
/// `options.drafts`, the base URL replaced when `options.base_url` says so.
pub fn model(validated: Validated, options: &SiteOptions) -> Result<Site, Error> {
    let mut config = validated.config;
    if let Some(base_url) = &options.base_url {
        config.base_url = validate::normalize_base_url(base_url).ok_or_else(|| {
            Error::Usage(format!("--base-url `{base_url}` is not an absolute URL (https://host/path/) or a path starting with `/`"))
        })?;
    }
    let records = validated
        .records
        .into_iter()
        .filter(|r| options.drafts || !r.draft)
        .collect();
    let pages = (validated.pages.into_iter())
        .filter(|p| options.drafts || !p.draft)
        .collect();
    let mut languages = validated.languages;
    for language in &mut languages.all {
        // A translation still in draft leaves its language with the original's words.
        language.pages.retain(|_, p| options.drafts || !p.draft);
    }
    Ok(Site::new(
        config,
        validated.categories,
        records,
        pages,
        languages,
    ))
}

/// Loads and validates the site in `root` without modelling it: the number of record
/// files read, and every diagnostic, sorted by file and line.
pub fn check(root: &Path) -> (usize, Vec<Diagnostic>) {
    let mut timings = Timings::start();
    let loaded = load::load_site(root);
    timings.lap("load");
    let records = loaded.record_paths.len();
    let diagnostics = validate::validate(loaded, Keep::Entries).1;
    timings.lap("validate");
    (records, diagnostics)
}

/// Every record file of the site in `root`, and the codes and aliases they claim,
/// read as written: a file with errors still claims what it names. For `errdocs new`,
/// which must not add a second record of a code.
pub fn record_claims(root: &Path) -> (Vec<PathBuf>, Vec<Claim>) {
    let config = load::load_file(root, std::path::Path::new(load::SITE_FILE)).ok();
    let languages = load::translations::raw_languages(config.as_ref().map(|c| &c.value));
    let (paths, _) = load::find_record_files(root);
    let (paths, _, _) = load::translations::split(root, paths, &languages);
    let mut claims = Vec::new();
    for path in &paths {
        // A file that does not parse claims nothing here; `new` still checks its name.
        if let Ok(record) = load::load_record(root, path) {
            claims.extend(validate::across::raw_claims(&record.file, &record.value));
        }
    }
    (paths, claims)
}
