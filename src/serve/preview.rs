//! The preview: the site kept in memory between saves and rebuilt incrementally.
//!
//! [`Preview`] remembers what the last run read and made: each record file checked on
//! its own, the last site that built ([`Site`], templates, each record's rendered
//! Markdown). A save then re-reads and re-checks only the files that changed, and
//! renders only what depends on the change:
//!
//! - the common case, records edited in place with the same code, aliases, category,
//!   related codes, tags and draft flag (no field of [`Reach::Links`] changed:
//!   `Preview::quick_edit`): no checks across files and no new model (nothing they
//!   look at changed); the edited records' pages, JSON and alias redirects and the
//!   pages that list them as related are rendered and published first, then every
//!   list (home, A–Z, the record's category, indexes, search, feeds:
//!   [`Preview::render_pending_lists`]). If only fields of [`Reach::Page`] changed
//!   (causes, fixes, FAQ, sources), which no other page shows, the record's own page
//!   is all;
//! - other changes to records (added, removed, renamed, recategorised, relinked): the
//!   checks across files and the model run again, and the pages whose record or related
//!   list changed are rendered, with every list;
//! - a change that every page shows (site settings, categories, templates and assets,
//!   the number of records in the footer) renders the whole site again, still reusing
//!   the Markdown of the records that did not change.
//!
//! When the content has errors, the preview keeps the last site that built, and the
//! caller shows the diagnostics.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::whole;
use crate::diagnostics::Diagnostic;
use crate::fields::Reach;
use crate::load::pages::LoadedPage;
use crate::load::raw::{Located, RawCategory, RawSiteConfig};
use crate::load::{self, CATEGORIES_FILE, Loaded, SITE_FILE};
use crate::model::declared::FieldDeclaration;
use crate::model::{Record, Site};
use crate::paths::Location;
use crate::pipeline::{self, SiteOptions};
use crate::render::highlight::Highlighter;
use crate::render::{self, RenderedRecord, theme::Theme};
use crate::validate::{self, CheckedCategory, CheckedFile, Declared, RecordRules};
use crate::write::Staging;
use crate::{Error, Timings};

/// What changed on disk since the last rebuild, relative to the site root.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// `site.yaml`.
    pub config: bool,
    /// `content/categories.yaml`.
    pub categories: bool,
    /// Something in `templates/` or `static/`.
    pub theme: bool,
    /// Record files (`content/errors/**.yaml`) written, created or removed.
    pub records: Vec<PathBuf>,
    /// Folders appeared or vanished under `content/errors/`: list its files again.
    pub rescan: bool,
    /// Something in `content/pages/`: read the pages again.
    pub pages: bool,
}

impl Changes {
    /// Everything: what the first build reads.
    pub fn everything() -> Changes {
        Changes {
            config: true,
            categories: true,
            theme: true,
            records: Vec::new(),
            rescan: true,
            pages: true,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    /// Whether anything but record files changed.
    fn is_structural(&self) -> bool {
        self.config || self.categories || self.theme || self.rescan || self.pages
    }

    /// Adds `other` to these changes.
    pub fn merge(&mut self, other: Changes) {
        self.config |= other.config;
        self.categories |= other.categories;
        self.theme |= other.theme;
        self.rescan |= other.rescan;
        self.pages |= other.pages;
        self.records.extend(other.records);
    }
}

/// What a rebuild did.
#[derive(Debug)]
pub enum Outcome {
    /// The site built. `files` are the files written; with `whole`, they are the whole
    /// site, otherwise they replace files of the previous one and `removed` are gone.
    Built {
        whole: bool,
        files: BTreeMap<String, Vec<u8>>,
        removed: Vec<String>,
        /// HTML pages rendered.
        pages: usize,
        /// Warnings found in the content.
        warnings: Vec<Diagnostic>,
        timings: Timings,
    },
    /// The content has errors (every diagnostic, errors and warnings): the previous
    /// site stays as it was.
    Invalid(Vec<Diagnostic>),
    /// A template does not compile or render: the previous site stays as it was.
    Theme(String),
}

/// The site as the preview server last read and built it.
pub struct Preview {
    root: PathBuf,
    /// The URL the server is reached at: the base URL of every page it builds.
    base_url: String,
    drafts: bool,
    config: Result<Loaded<Located<RawSiteConfig>>, Diagnostic>,
    categories: Result<Loaded<Located<Vec<Located<RawCategory>>>>, Diagnostic>,
    /// Each record file, by path relative to the root (sorted, as loading reads them):
    /// checked on its own, or why it could not be read.
    files: BTreeMap<PathBuf, CheckedFile>,
    /// What listing `content/errors/` found (symlinks, `.yml` files, ...).
    walk_diagnostics: Vec<Diagnostic>,
    /// The last site that built, if any.
    good: Option<Built>,
    /// Whether the last rebuild found the content valid.
    valid: bool,
    /// The categories as the last rebuild checked them.
    checked_categories: Option<Vec<CheckedCategory>>,
    /// The fields `site.yaml` declared at the last rebuild, and the keys of the
    /// declarations with errors; `None` when it could not be read.
    declared: Option<(Vec<FieldDeclaration>, Vec<String>)>,
    /// The pages as last read, and what reading them found.
    pages: (Vec<LoadedPage>, Vec<Diagnostic>),
    /// Lists a quick edit left to render (with the pages of these categories).
    pending_lists: Option<Vec<usize>>,
}

/// A site that built, with what a partial rebuild reuses.
struct Built {
    site: Site,
    tera: tera::Tera,
    /// Each record's rendered Markdown, by record index.
    rendered: Vec<RenderedRecord>,
}

impl Preview {
    /// A preview of the site in `root`, not yet read: [`Preview::rebuild`] with
    /// [`Changes::everything`] reads and builds it.
    pub fn new(root: &Path, base_url: &str, drafts: bool) -> Preview {
        let nothing = || Diagnostic::error("missing-file", SITE_FILE, "not read yet");
        Preview {
            root: root.to_path_buf(),
            base_url: base_url.to_string(),
            drafts,
            config: Err(nothing()),
            categories: Err(nothing()),
            files: BTreeMap::new(),
            walk_diagnostics: Vec::new(),
            good: None,
            valid: false,
            checked_categories: None,
            declared: None,
            pages: (Vec::new(), Vec::new()),
            pending_lists: None,
        }
    }

    /// Whether `path` (relative to the root) was a record file, or a folder holding
    /// one, at the last rebuild.
    pub fn knows(&self, path: &Path) -> bool {
        self.files
            .range(path.to_path_buf()..)
            .next()
            .is_some_and(|(known, _)| known.starts_with(path))
    }

    /// Reads what changed, checks the whole content and renders what depends on the
    /// changes.
    pub fn rebuild(&mut self, changes: &Changes) -> Outcome {
        let mut timings = Timings::start();
        if changes.config {
            self.config = load::load_file(&self.root, Path::new(SITE_FILE));
        }
        let config = self.config.as_ref().ok().map(|c| &c.value);
        if load::translations::raw_languages(config).len() > 1 {
            // Several languages: every change builds the whole site again.
            self.good = None;
            self.pending_lists = None;
            let (outcome, valid) = whole::rebuild(&self.root, &self.base_url, self.drafts, timings);
            self.valid = valid;
            return outcome;
        }
        if let Some(outcome) = self.quick_edit(changes, &mut timings) {
            return outcome;
        }
        if changes.categories {
            self.categories = load::load_file(&self.root, Path::new(CATEGORIES_FILE));
        }
        let mut diagnostics: Vec<Diagnostic> =
            [self.config.as_ref().err(), self.categories.as_ref().err()]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
        let config = (self.config.as_ref().ok()).and_then(|c| {
            diagnostics.extend(c.diagnostics.iter().cloned());
            validate::check_config(c, &mut diagnostics)
        });
        let strings = self.check_strings(config.as_ref(), &mut diagnostics);
        let categories = (self.categories.as_ref().ok()).map(|c| {
            diagnostics.extend(c.diagnostics.iter().cloned());
            validate::check_categories(&c.file, &c.value, &mut diagnostics)
        });
        self.declared =
            (config.as_ref()).map(|c| (c.config.fields.clone(), c.broken_fields.clone()));
        self.reload_records(changes, categories.as_deref());
        diagnostics.extend(self.walk_diagnostics.iter().cloned());
        if changes.pages {
            self.pages = load::pages::load_pages(&self.root);
        }
        diagnostics.extend(self.pages.1.iter().cloned());
        let pages = validate::check_pages(&self.pages.0, &mut diagnostics);
        timings.lap("load");

        let category_links = (self.categories.as_ref().ok()).map(validate::category_links);
        let parts = validate::SiteParts {
            category_links: category_links.unwrap_or_default(),
            ..validate::SiteParts::read(&self.root, config, categories.clone(), (pages, strings))
        };
        let (validated, diagnostics) =
            validate::check_across(parts, self.files.values().cloned(), diagnostics);
        timings.lap("check");
        self.checked_categories = categories;
        self.valid = validated.is_some() && !diagnostics.iter().any(Diagnostic::is_error);
        let Some(validated) = validated.filter(|_| self.valid) else {
            return Outcome::Invalid(diagnostics);
        };
        let options = SiteOptions {
            drafts: self.drafts,
            base_url: Some(self.base_url.clone()),
            ..SiteOptions::default()
        };
        let site = match pipeline::model(validated, &options) {
            Ok(site) => site,
            Err(err) => return outcome(Err(err), diagnostics, timings),
        };
        timings.lap("model");

        let result = match self.good.take() {
            Some(old) if !changes.theme && same_frame(&old.site, &site) => {
                self.render_changed(old, site)
            }
            old => self.render_whole(old, site),
        };
        outcome(result, diagnostics, timings)
    }

    /// The words of each language (the site's strings files read again), when they are
    /// complete and sound; their problems go to `diagnostics`.
    fn check_strings(
        &self,
        config: Option<&validate::CheckedConfig>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Vec<crate::strings::Strings>> {
        let (site_strings, problems) = crate::strings::files::read_site_files(&self.root);
        diagnostics.extend(problems);
        let (config, loaded) = (config?, self.config.as_ref().ok()?);
        let (file, raw) = (&loaded.file, &loaded.value);
        validate::strings::check_strings(&config.config, file, raw, &site_strings, diagnostics)
    }

    /// The common case, made fast: records edited in place, with their code, aliases,
    /// category, related codes, tags and draft flag as before, in a site that was
    /// valid and stays so. Nothing the checks across files or the model's lists look at
    /// changed, so both are skipped: the edited records replace the old ones in the
    /// model. Returns `None` (having changed nothing) when the change is anything else.
    fn quick_edit(&mut self, changes: &Changes, timings: &mut Timings) -> Option<Outcome> {
        let skip = changes.is_structural() || !self.valid || self.good.is_none();
        if skip || changes.records.is_empty() {
            return None;
        }
        let mut edits = Vec::new();
        for path in &changes.records {
            let before = self.files.get(path)?.record()?;
            let rules = RecordRules {
                categories: self.checked_categories.as_deref(),
                declared: self.declared(),
            };
            let checked = validate::check_record_file(&self.root, path, rules);
            let after = checked.record()?;
            let has_errors = checked.diagnostics().iter().any(Diagnostic::is_error);
            if has_errors || before.widest_change(after) >= Some(Reach::Links) {
                return None;
            }
            let record = after.clone();
            edits.push((path.clone(), checked, record));
        }
        timings.lap("load");

        let mut good = self.good.take()?;
        let mut changed = Vec::new();
        // Whether every change shows only on the record's own page.
        let mut page_only = true;
        let mut warnings = Vec::new();
        for (path, checked, mut record) in edits {
            warnings.extend(checked.diagnostics().iter().cloned());
            self.files.insert(path, checked);
            // Not in the site: a draft, which this preview does not build.
            let Some(i) = good.site.find(&record.slug) else {
                continue;
            };
            // `related` as the model holds it: resolved to each code's spelling; and
            // what the record leaves to the site, as the model fills it in.
            record.related = good.site.records[i].related.clone();
            good.site.config.apply_defaults(&mut record);
            if let Some(reach) = good.site.records[i].widest_change(&record) {
                page_only &= reach == Reach::Page;
                good.site.records[i] = record;
                changed.push(i);
            }
        }
        if changed.is_empty() {
            // Saved without a change that shows: nothing to render.
            self.good = Some(good);
            let nothing = Ok((BTreeMap::new(), Some(Vec::new()), 0));
            return Some(outcome(nothing, warnings, std::mem::take(timings)));
        }
        let highlighter = Highlighter::default();
        for &i in &changed {
            good.rendered[i] = RenderedRecord::new(&good.site, i, &highlighter);
        }
        timings.lap("model");

        let result = if page_only {
            render_parts(&good, &changed, None)
        } else {
            let changed_set: HashSet<usize> = changed.iter().copied().collect();
            let pages = pages_showing(&good.site, &changed_set, |_| false);
            let mut categories: Vec<usize> = changed
                .iter()
                .map(|&i| good.site.record_category[i])
                .collect();
            categories.sort();
            categories.dedup();
            // The pages first, so the page being edited reloads at once; the lists
            // (the A–Z page, the search index, ...) follow in `render_pending_lists`.
            self.pending_lists = Some(categories);
            render_parts(&good, &pages, None)
        };
        let result = result.map(|(files, pages)| (files, Some(Vec::new()), pages));
        self.good = Some(good);
        Some(outcome(result, warnings, std::mem::take(timings)))
    }

    /// The second half of a quick edit that changed what lists show: renders every
    /// list again (and the pages of the categories concerned). `None` when no lists
    /// are waiting.
    pub fn render_pending_lists(&mut self) -> Option<Outcome> {
        let categories = self.pending_lists.take()?;
        let good = self.good.as_ref()?;
        let timings = Timings::start();
        let staging = Staging::in_memory();
        let Built {
            site,
            tera,
            rendered,
        } = good;
        let result =
            render::render_lists(site, tera, rendered, &categories, &staging).map(|pages| {
                (
                    staging.into_files().unwrap_or_default(),
                    Some(Vec::new()),
                    pages,
                )
            });
        Some(outcome(result, Vec::new(), timings))
    }

    /// The fields `site.yaml` declared at the last rebuild.
    fn declared(&self) -> Option<Declared<'_>> {
        (self.declared.as_ref()).map(|(fields, broken)| Declared { fields, broken })
    }

    /// Re-reads and re-checks the record files named by `changes`: all of them when
    /// the categories or the settings changed (each record is checked against the
    /// categories and the declared fields).
    fn reload_records(&mut self, changes: &Changes, categories: Option<&[CheckedCategory]>) {
        let mut to_read: HashSet<PathBuf> = HashSet::new();
        if changes.categories || changes.config {
            to_read.extend(self.files.keys().cloned());
        }
        let vanished = |path: &PathBuf| std::fs::symlink_metadata(self.root.join(path)).is_err();
        // A vanished path that was not a record file was a folder (named `*.yaml`).
        let folder_vanished = changes
            .records
            .iter()
            .any(|path| vanished(path) && !self.files.contains_key(path));
        if changes.rescan || folder_vanished {
            let (paths, mut diagnostics) = load::find_record_files(&self.root);
            // A site in one language: a file named as a translation is an error here.
            let languages =
                load::translations::raw_languages(self.config.as_ref().ok().map(|c| &c.value));
            let (paths, _, named_as_translations) =
                load::translations::split(&self.root, paths, &languages);
            diagnostics.extend(named_as_translations);
            self.walk_diagnostics = diagnostics;
            let present: HashSet<&PathBuf> = paths.iter().collect();
            self.files.retain(|path, _| present.contains(path));
            to_read.extend(
                paths
                    .iter()
                    .filter(|p| !self.files.contains_key(*p))
                    .cloned(),
            );
        }
        for path in &changes.records {
            let full = self.root.join(path);
            let is_file = std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_file());
            if is_file {
                to_read.insert(path.clone());
            } else {
                self.files.remove(path);
            }
        }
        let mut to_read: Vec<PathBuf> = to_read.into_iter().collect();
        to_read.sort();
        use rayon::prelude::*;
        let rules = RecordRules {
            categories,
            declared: self.declared(),
        };
        let checked: Vec<(PathBuf, CheckedFile)> = to_read
            .into_par_iter()
            .map(|path| {
                let checked = validate::check_record_file(&self.root, &path, rules);
                (path, checked)
            })
            .collect();
        self.files.extend(checked);
    }

    /// Renders every file of `site`, reusing the Markdown of unchanged records.
    fn render_whole(&mut self, old: Option<Built>, site: Site) -> Result<RenderedFiles, Error> {
        let theme = Theme::load(&self.root)?;
        let staging = Staging::in_memory();
        let tera = render::prepare_theme(&site, theme, &staging)?;
        // Rendered Markdown holds links, which depend on the settings' base URL.
        let reusable = old
            .filter(|old| old.site.config == site.config)
            .map(|old| (old.site.records, old.rendered));
        let rendered = reuse_markdown(reusable, &site);
        let all: Vec<usize> = (0..site.records.len()).collect();
        let categories: Vec<usize> = (0..site.categories.len()).collect();
        let mut pages = render::render_record_pages(&site, &tera, &rendered, &all, &staging)?;
        pages += render::render_lists(&site, &tera, &rendered, &categories, &staging)?;
        self.good = Some(Built {
            site,
            tera,
            rendered,
        });
        Ok((staging.into_files().unwrap_or_default(), None, pages))
    }

    /// Renders what depends on the records that changed between `old` and `site`,
    /// which share their frame (see [`same_frame`]).
    fn render_changed(&mut self, old: Built, site: Site) -> Result<RenderedFiles, Error> {
        let old_index: HashMap<&str, usize> = old
            .site
            .records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.slug.as_str(), i))
            .collect();
        let previous = |record: &Record| old_index.get(record.slug.as_str()).copied();
        // Records that are new or differ in any way, by new index.
        let changed: HashSet<usize> = (0..site.records.len())
            .filter(|&i| {
                previous(&site.records[i]).is_none_or(|o| old.site.records[o] != site.records[i])
            })
            .collect();
        let pages_to_render = pages_showing(&site, &changed, |i| {
            previous(&site.records[i]).is_none_or(|o| {
                let before = old.site.related[o]
                    .iter()
                    .map(|&r| &old.site.records[r].slug);
                let after = site.related[i].iter().map(|&r| &site.records[r].slug);
                !before.eq(after)
            })
        });
        // The files of records that were removed or changed, which may be gone now.
        let new_slugs: HashSet<&str> = site.records.iter().map(|r| r.slug.as_str()).collect();
        let mut maybe_removed: Vec<String> = Vec::new();
        for record in &old.site.records {
            let kept = new_slugs.contains(record.slug.as_str());
            if !kept || changed.iter().any(|&i| site.records[i].slug == record.slug) {
                maybe_removed.extend(site.paths.record_files(record).iter().map(Location::file));
            }
        }
        drop(old_index);

        let tera = old.tera;
        let rendered = reuse_markdown(Some((old.site.records, old.rendered)), &site);
        let built = Built {
            site,
            tera,
            rendered,
        };
        let categories: Vec<usize> = (0..built.site.categories.len()).collect();
        let result = render_parts(&built, &pages_to_render, Some(&categories));
        self.good = Some(built);
        let (files, pages) = result?;
        maybe_removed.retain(|path| !files.contains_key(path));
        Ok((files, Some(maybe_removed), pages))
    }
}

/// The outcome of a rebuild that got as far as rendering.
pub(super) fn outcome(
    result: Result<RenderedFiles, Error>,
    warnings: Vec<Diagnostic>,
    mut timings: Timings,
) -> Outcome {
    match result {
        Ok((files, removed, pages)) => {
            timings.lap("render");
            Outcome::Built {
                whole: removed.is_none(),
                files,
                removed: removed.unwrap_or_default(),
                pages,
                warnings,
                timings,
            }
        }
        Err(Error::Theme(message)) => Outcome::Theme(message),
        Err(other) => Outcome::Theme(other.to_string()),
    }
}

/// The records whose page must be rendered again: those in `changed`, those that list
/// one of them as related, and those for which `also` holds.
fn pages_showing(
    site: &Site,
    changed: &HashSet<usize>,
    also: impl Fn(usize) -> bool,
) -> Vec<usize> {
    (0..site.records.len())
        .filter(|&i| {
            changed.contains(&i) || site.related[i].iter().any(|r| changed.contains(r)) || also(i)
        })
        .collect()
}

/// Renders the pages of the records `pages` of a built site into memory, and, with
/// `lists`, every list, with the pages of the categories `lists` names.
fn render_parts(
    built: &Built,
    pages: &[usize],
    lists: Option<&[usize]>,
) -> Result<(BTreeMap<String, Vec<u8>>, usize), Error> {
    let Built {
        site,
        tera,
        rendered,
    } = built;
    let staging = Staging::in_memory();
    let (record_pages, list_pages) = rayon::join(
        || render::render_record_pages(site, tera, rendered, pages, &staging),
        || match lists {
            Some(categories) => render::render_lists(site, tera, rendered, categories, &staging),
            None => Ok(0),
        },
    );
    let count = record_pages? + list_pages?;
    Ok((staging.into_files().unwrap_or_default(), count))
}

/// The files rendered, the files removed (`None`: the files are the whole site), and
/// the number of HTML pages.
type RenderedFiles = (BTreeMap<String, Vec<u8>>, Option<Vec<String>>, usize);

/// Whether two sites share what every page shows: the settings, the categories, how
/// many records each has, and how many in all (the footer). If not, every page is
/// rendered again.
fn same_frame(old: &Site, new: &Site) -> bool {
    old.config == new.config
        && old.categories == new.categories
        && old.pages == new.pages
        && old.records.len() == new.records.len()
        && old
            .members
            .iter()
            .zip(&new.members)
            .all(|(a, b)| a.len() == b.len())
}

/// Each record's rendered Markdown, taken from the previous records and their
/// rendering where the record is unchanged, and rendered afresh otherwise.
fn reuse_markdown(
    old: Option<(Vec<Record>, Vec<RenderedRecord>)>,
    site: &Site,
) -> Vec<RenderedRecord> {
    let mut reusable: HashMap<String, (Record, RenderedRecord)> = HashMap::new();
    if let Some((records, rendered)) = old {
        for (record, rendered) in records.into_iter().zip(rendered) {
            reusable.insert(record.slug.clone(), (record, rendered));
        }
    }
    let mut slots: Vec<Option<RenderedRecord>> = site
        .records
        .iter()
        .map(|record| match reusable.remove(&record.slug) {
            Some((old, rendered)) if old == *record => Some(rendered),
            _ => None,
        })
        .collect();
    let missing: Vec<usize> = (0..slots.len()).filter(|&i| slots[i].is_none()).collect();
    let fresh = render::render_markdown(site, missing.clone());
    for (i, rendered) in missing.into_iter().zip(fresh) {
        slots[i] = Some(rendered);
    }
    slots
        .into_iter()
        .map(|slot| slot.expect("every slot is filled above"))
        .collect()
}
