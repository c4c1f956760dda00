//! The preview: the site kept in memory between saves and rebuilt incrementally.
//!
//! [`Preview`] remembers what the last run read and made: each record file checked on
//! its own, the last site that built ([`Site`], templates, each record's rendered
//! Markdown). A save then re-reads and re-checks only the files that changed, and
//! renders only what depends on the change:
//!
//! - the common case, records edited in place with the same code, aliases, category,
//!   related codes, tags and draft flag (no field of [`Reach::Links`] changed:
//!   `Preview::quick_edit`): of the checks across files only the links in their text
//!   and the links to their sections (`@CODE#fix-2`), and no new model (nothing else
//!   they look at changed); the edited records' pages, JSON and alias redirects are rendered
//!   and published first (with the pages that list them as related if their line in
//!   lists changed), then the lists that show them ([`Preview::render_pending`]). If
//!   only fields of [`Reach::Page`] changed (fixes, FAQ, sources; causes unless their
//!   words for search did), which no other page shows, the record's own page is all;
//! - other changes to records (added, removed, renamed, recategorised, relinked,
//!   drafted: `Preview::records_edit`): the changed files are checked across files
//!   against the index of what every record claims, names and links to
//!   ([`ClaimIndex`]), not against every record, and the model takes the new records
//!   in the place of the old ones, making again only the related lists the change can
//!   reach ([`Site::with_records_replaced`]); the pages whose record, related list or
//!   links changed are rendered; every list follows, and when the numbers every page
//!   shows changed (a record added or deleted), every other page, in steps. When the
//!   index finds that the change may leave errors, every check runs again (below), so
//!   the errors shown are those of `errdocs check`;
//! - a change the index does not follow, or any change while the content has errors:
//!   every check across files and the model run again, and the pages whose record or
//!   related list changed are rendered (the index is made again once all is valid);
//! - a change that every page shows (site settings, categories, pages, templates and
//!   assets) renders the whole site again, still reusing the Markdown of the records
//!   that did not change and whose links lead where they did.
//!
//! What is rendered when, and the site kept for it, is [`super::rendering`]'s.
//!
//! When the content has errors, the preview keeps the last site that built, and the
//! caller shows the diagnostics.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::rendering::{
    Built, Counts, Pending, RenderedFiles, carry_rendering, outcome, pages_showing,
    reuse_rendering, same_frame,
};
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
use crate::render::search::{RecordWords, stop_words};
use crate::render::{self, Lists, RenderedRecord, theme::Theme};
use crate::validate::{self, CheckedCategory, CheckedFile, ClaimIndex, Declared, RecordRules};
use crate::write::Staging;
use crate::{Error, Timings};

/// Record files as they were before a change (`None`: new), and the keys (codes and
/// aliases) they claimed or claim.
type Claimed = (Vec<(PathBuf, Option<CheckedFile>)>, Vec<String>);

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
    /// What the last rebuilds left to render after their first reload.
    pending: Pending,
    /// What the record files claim, name and link to, while the content is valid: a
    /// change to records is checked against it instead of every record.
    claims: Option<ClaimIndex>,
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
            pending: Pending::default(),
            claims: None,
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
            self.pending = Pending::default();
            self.claims = None;
            let (outcome, valid) = whole::rebuild(&self.root, &self.base_url, self.drafts, timings);
            self.valid = valid;
            return outcome;
        }
        if let Some(outcome) = self.quick_edit(changes, &mut timings) {
            return outcome;
        }
        if let Some(outcome) = self.records_edit(changes, &mut timings) {
            return outcome;
        }
        // Every check again: the index of claims is made again if the content is valid.
        self.claims = None;
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
        let claims = ClaimIndex::new(&parts, &self.files);
        let (validated, diagnostics) =
            validate::check_across(parts, self.files.values().cloned(), diagnostics);
        timings.lap("check");
        self.checked_categories = categories;
        self.valid = validated.is_some() && !diagnostics.iter().any(Diagnostic::is_error);
        self.claims = claims.filter(|_| self.valid);
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
    /// valid and stays so. Of what the checks across files look at, only checked links
    /// can have changed (checked against the index of claims), and nothing the model's
    /// lists look at: the edited records replace the old ones in the model. Returns
    /// `None` (having changed nothing) when the change is anything else.
    fn quick_edit(&mut self, changes: &Changes, timings: &mut Timings) -> Option<Outcome> {
        let skip = changes.is_structural() || !self.valid || self.good.is_none();
        if skip || changes.records.is_empty() {
            return None;
        }
        let mut edits = Vec::new();
        let mut fresh = Vec::new();
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
            edits.push((path.clone(), after.clone()));
            fresh.push((path.clone(), Some(checked)));
        }
        timings.lap("load");
        // Links in the text (`@CODE#fix-2`) may lead nowhere now, from or to them.
        let (previous, _) = self.check_claims(fresh)?;
        let warnings = self.warnings_of(&previous);

        let mut good = self.good.take()?;
        let mut changed = Vec::new();
        // Whether every change shows only on the record's own page.
        let mut page_only = true;
        let mut lists = Lists::default();
        for (_, record) in edits {
            if let Some((i, reach, showing)) = edit_record(&mut good, record) {
                page_only &= reach == Reach::Page;
                lists.merge(showing);
                changed.push(i);
            }
        }
        if changed.is_empty() {
            // Saved without a change that shows: nothing to render.
            self.good = Some(good);
            let nothing = Ok((BTreeMap::new(), Some(Vec::new()), 0));
            return Some(outcome(nothing, warnings, std::mem::take(timings)));
        }
        timings.lap("model");

        let pages = if lists.lines {
            let changed_set: HashSet<usize> = changed.iter().copied().collect();
            pages_showing(&good.site, &changed_set, |_| false)
        } else {
            changed
        };
        if !page_only {
            // The pages first, so the page being edited reloads at once; the lists
            // (the search index, feeds, ...) follow in `render_pending`.
            self.pending.add_lists(lists);
        }
        let result = good.render_records(&pages);
        self.good = Some(good);
        Some(outcome(result, warnings, std::mem::take(timings)))
    }

    /// Records added, deleted, renamed, or changed in how they link into the site
    /// (code, aliases, category, related codes, tags, draft flag), in a site that was
    /// valid: the changed files are checked against the index of claims instead of
    /// every record, and the model takes the new records in place of the old ones
    /// ([`Site::with_records_replaced`]). Their pages and those that list them are
    /// rendered; the lists, and every other page when the numbers every page shows
    /// changed, are left for [`Preview::render_pending`]. Returns `None` (having
    /// changed nothing) when the change may leave errors or is not to records alone:
    /// every check runs again then, and reports what `errdocs check` reports.
    fn records_edit(&mut self, changes: &Changes, timings: &mut Timings) -> Option<Outcome> {
        let skip = changes.is_structural() || !self.valid || self.good.is_none();
        if skip || changes.records.is_empty() || self.claims.is_none() {
            return None;
        }
        let mut paths = changes.records.clone();
        paths.sort();
        paths.dedup();
        let fresh = self.read_records(&paths)?;
        timings.lap("load");
        let (previous, touched) = self.check_claims(fresh)?;
        let warnings = self.warnings_of(&previous);
        timings.lap("check");

        let claims = self.claims.as_ref()?;
        let drafts = self.drafts;
        fn built(file: Option<&CheckedFile>, drafts: bool) -> Option<&Record> {
            (file.and_then(CheckedFile::record)).filter(|record| drafts || !record.draft)
        }
        let good = self.good.take()?;
        let site = &good.site;
        let mut removed = HashSet::new();
        // The files of the records taken out, which may be gone now.
        let mut maybe_removed: Vec<String> = Vec::new();
        for (_, old) in &previous {
            if let Some(i) = built(old.as_ref(), drafts).and_then(|record| site.find(&record.slug))
            {
                let files = site.paths.record_files(&site.records[i]);
                maybe_removed.extend(files.iter().map(Location::file));
                removed.insert(site.records[i].slug.clone());
            }
        }
        let added: Vec<Record> = (previous.iter())
            .filter_map(|(path, _)| self.files.get(path))
            .filter(|file| built(Some(file), drafts).is_some())
            .map(|file| claims.resolved_record(file))
            .collect();
        let counts = Counts::of(site);
        // Where each key the change touched led: a link to it shows as a link only to
        // a record that is built.
        let led_to = |site: &Site| -> Vec<Option<String>> {
            let slug = |i: usize| site.records[i].slug.clone();
            touched.iter().map(|key| site.find(key).map(slug)).collect()
        };
        let led_before = led_to(site);
        let Built {
            site,
            mut tera,
            asset_urls,
            rendered,
            words,
            list_files,
            search_files,
            ..
        } = good;
        let (site, moved, relisted) = site.with_records_replaced(&removed, added);
        timings.lap("model");

        let mut changed: HashSet<usize> = HashSet::new();
        let mut is_new = vec![true; site.records.len()];
        for &to in moved.iter().flatten() {
            is_new[to] = false;
        }
        changed.extend((0..is_new.len()).filter(|&i| is_new[i]));
        // The Markdown that links to a key leading elsewhere now is made again; in the
        // settings or the categories, it shows on every page.
        let keys_moved = (touched.iter().zip(led_before).zip(led_to(&site)))
            .filter(|((_, before), after)| before != after)
            .map(|((key, _), _)| key);
        let (relinked, frame_links) = self.linking_to(keys_moved, &site);
        changed.extend(relinked);
        let relisted: HashSet<usize> = relisted.into_iter().collect();
        let pages = pages_showing(&site, &changed, |i| relisted.contains(&i));
        if Counts::of(&site) != counts || frame_links {
            self.queue_every_other_page((&mut tera, &asset_urls), &site, &pages);
        }
        let (rendered, words) = carry_rendering((rendered, words), &moved, &changed, &site);
        let built = Built {
            site,
            tera,
            asset_urls,
            rendered,
            words,
            vocabulary: None,
            list_files,
            search_files,
        };
        let result = self.render_first(built, &pages, maybe_removed);
        Some(outcome(result, warnings, std::mem::take(timings)))
    }

    /// The records of `site` whose Markdown links to one of `keys` (codes and aliases
    /// that lead elsewhere than before: a link shows as a link only to a record that
    /// is built), and whether the settings' or the categories' text does (every page
    /// shows them).
    /// The records of `site` whose Markdown links lead elsewhere than in `old`: to a
    /// code or alias that leads to another record now (or to none), or to a page
    /// when the pages changed (one drafted, gone, or its sections changed). `None`
    /// when that is not known (no index of claims): nothing can be reused.
    fn relinked(&self, old: &Site, site: &Site) -> Option<HashSet<usize>> {
        self.claims.as_ref()?;
        let (relinked, _) = self.linking_to(keys_moved(old, site), site);
        let mut stale: HashSet<usize> = relinked.into_iter().collect();
        if old.pages != site.pages {
            let to_pages = (self.files.values())
                .filter(|file| file.links_to_pages())
                .filter_map(|file| file.record().and_then(|r| site.find(&r.slug)));
            stale.extend(to_pages);
        }
        Some(stale)
    }

    fn linking_to<'a>(
        &self,
        keys: impl IntoIterator<Item = &'a String>,
        site: &Site,
    ) -> (Vec<usize>, bool) {
        let Some(claims) = &self.claims else {
            return (Vec::new(), false);
        };
        let mut records = Vec::new();
        let mut frame = false;
        for file in claims.files_linking_to(keys) {
            let record = self.files.get(&file).and_then(CheckedFile::record);
            match record.and_then(|r| site.find(&r.slug)) {
                Some(i) => records.push(i),
                None => frame |= !file.starts_with(crate::load::ERRORS_DIR),
            }
        }
        (records, frame)
    }

    /// Reads and checks the record files `paths` on their own; `None` for a path that
    /// is no longer a file (deleted). `None` in all when one of them was neither a
    /// file nor a record file (a folder named `*.yaml` vanished: the folder is listed
    /// again).
    fn read_records(&self, paths: &[PathBuf]) -> Option<Vec<(PathBuf, Option<CheckedFile>)>> {
        use rayon::prelude::*;
        let rules = RecordRules {
            categories: self.checked_categories.as_deref(),
            declared: self.declared(),
        };
        paths
            .par_iter()
            .map(|path| {
                let full = self.root.join(path);
                let is_file = std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_file());
                if !is_file && !self.files.contains_key(path) {
                    return None;
                }
                let checked = is_file.then(|| validate::check_record_file(&self.root, path, rules));
                Some((path.clone(), checked))
            })
            .collect()
    }

    /// Puts the record files `fresh` in the place of their former versions (`None`:
    /// deleted) and checks them across files against the index of claims. Returns
    /// the former versions and the keys (codes and aliases) they claimed or claim,
    /// when the content stays valid; otherwise puts them back, drops the index and
    /// returns `None`.
    fn check_claims(&mut self, fresh: Vec<(PathBuf, Option<CheckedFile>)>) -> Option<Claimed> {
        let mut claims = self.claims.take()?;
        let previous = self.swap_files(fresh);
        match claims.update(&previous, &self.files) {
            Some(keys) => {
                self.claims = Some(claims);
                Some((previous, keys))
            }
            None => {
                self.swap_files(previous);
                None
            }
        }
    }

    /// Puts `files` in `self.files` (`None`: removes the path); returns what they
    /// replaced.
    fn swap_files(
        &mut self,
        files: Vec<(PathBuf, Option<CheckedFile>)>,
    ) -> Vec<(PathBuf, Option<CheckedFile>)> {
        (files.into_iter())
            .map(|(path, file)| {
                let before = match file {
                    Some(file) => self.files.insert(path.clone(), file),
                    None => self.files.remove(&path),
                };
                (path, before)
            })
            .collect()
    }

    /// The warnings of the files at the paths of `changed`, as they are now.
    fn warnings_of(&self, changed: &[(PathBuf, Option<CheckedFile>)]) -> Vec<Diagnostic> {
        (changed.iter())
            .filter_map(|(path, _)| self.files.get(path))
            .flat_map(|file| file.diagnostics().iter().cloned())
            .collect()
    }

    /// Whether a rebuild left work for later ([`Preview::render_pending`]).
    pub fn has_pending(&self) -> bool {
        self.valid && self.good.is_some() && !self.pending.is_empty()
    }

    /// One step of the work the last rebuilds left for after their first reload: the
    /// lists they changed, or the next chunk of the pages that show only the number of
    /// records. `None` when nothing is left, or while the content has errors. (The
    /// server calls it until then, between saves; a save comes first.)
    pub fn render_pending(&mut self) -> Option<Outcome> {
        if !self.valid {
            // It waits while the content has errors: what it publishes would clear the
            // overlay that shows them. The next rebuild that succeeds takes it up.
            return None;
        }
        let good = self.good.as_mut()?;
        let timings = Timings::start();
        let result = good.render_step(&mut self.pending)?;
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

    /// Renders every file of `site`, reusing the Markdown of unchanged records whose
    /// links lead where they did ([`Preview::relinked`]).
    fn render_whole(&mut self, old: Option<Built>, site: Site) -> Result<RenderedFiles, Error> {
        self.pending = Pending::default();
        let theme = Theme::load(&self.root)?;
        let staging = Staging::in_memory();
        let (tera, asset_urls) = render::prepare_theme(&site, theme, &staging)?;
        // Rendered Markdown holds links, which depend on the settings' base URL, on
        // the pages and on where each code leads.
        let old = old.filter(|old| old.site.config == site.config);
        let stale = (old.as_ref()).and_then(|old| self.relinked(&old.site, &site));
        let reusable =
            (old.zip(stale.as_ref())).map(|(old, _)| (old.site.records, old.rendered, old.words));
        let (rendered, words) = reuse_rendering(reusable, &stale.unwrap_or_default(), &site);
        let mut built = Built {
            site,
            tera,
            asset_urls,
            rendered,
            words,
            vocabulary: None,
            list_files: BTreeSet::new(),
            search_files: BTreeSet::new(),
        };
        let all: Vec<usize> = (0..built.site.records.len()).collect();
        let (record_files, _, record_pages) = built.render_records(&all)?;
        let (list_files, _, list_pages) = built.render_lists(&Lists::all())?;
        let mut files = staging.into_files().unwrap_or_default();
        files.extend(record_files);
        files.extend(list_files);
        self.good = Some(built);
        Ok((files, None, record_pages + list_pages))
    }

    /// Renders what depends on the records that changed between `old` and `site`,
    /// which share their frame (see [`same_frame`]): their pages and the pages that
    /// list them as related now; the lists, and every other page when the numbers
    /// every page shows changed, are left for [`Preview::render_pending`].
    fn render_changed(&mut self, old: Built, site: Site) -> Result<RenderedFiles, Error> {
        let old_index: HashMap<&str, usize> = old
            .site
            .records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.slug.as_str(), i))
            .collect();
        let previous = |record: &Record| old_index.get(record.slug.as_str()).copied();
        // Records that are new or differ in any way, by new index, and those whose
        // Markdown links to a code or alias that leads elsewhere now.
        let mut changed: HashSet<usize> = (0..site.records.len())
            .filter(|&i| {
                previous(&site.records[i]).is_none_or(|o| old.site.records[o] != site.records[i])
            })
            .collect();
        let (relinked, frame_links) = self.linking_to(keys_moved(&old.site, &site), &site);
        let stale: HashSet<usize> = relinked.into_iter().collect();
        changed.extend(&stale);
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
        let counts_changed = Counts::of(&old.site) != Counts::of(&site) || frame_links;
        drop(old_index);

        let Built {
            site: old_site,
            mut tera,
            asset_urls,
            rendered,
            words,
            list_files,
            search_files,
            ..
        } = old;
        if counts_changed {
            self.queue_every_other_page((&mut tera, &asset_urls), &site, &pages_to_render);
        }
        let reusable = Some((old_site.records, rendered, words));
        let (rendered, words) = reuse_rendering(reusable, &stale, &site);
        let built = Built {
            site,
            tera,
            asset_urls,
            rendered,
            words,
            vocabulary: None,
            list_files,
            search_files,
        };
        self.render_first(built, &pages_to_render, maybe_removed)
    }

    /// After a change to the numbers every page shows (how many records, per
    /// category): the templates' shared context made again, and every record's page
    /// but `first` queued, to follow chunk by chunk.
    fn queue_every_other_page(
        &mut self,
        (tera, asset_urls): (&mut tera::Tera, &render::AssetUrls),
        site: &Site,
        first: &[usize],
    ) {
        render::refresh_shared_context(tera, site, asset_urls);
        let first: HashSet<usize> = first.iter().copied().collect();
        let rest = (0..site.records.len()).filter(|i| !first.contains(i));
        self.pending.records = rest.map(|i| site.records[i].slug.clone()).collect();
    }

    /// Renders the record pages `first` of `built`, which becomes the site kept, and
    /// queues every list. Of `maybe_removed` (the files of records that changed or
    /// went), those not written again are the files to remove.
    fn render_first(
        &mut self,
        built: Built,
        first: &[usize],
        mut maybe_removed: Vec<String>,
    ) -> Result<RenderedFiles, Error> {
        self.pending.add_lists(Lists::all());
        let result = built.render_records(first);
        self.good = Some(built);
        let (files, _, pages) = result?;
        maybe_removed.retain(|path| !files.contains_key(path));
        Ok((files, Some(maybe_removed), pages))
    }
}

/// Puts the edited `record` in the place of its old self in `good`, with its Markdown
/// and search words made again (the search index's vocabulary patched). Returns its
/// index, how far the change reaches (`Page` only if its words for search are the same
/// too) and the lists that show what changed; `None` if it is not in the site (a
/// draft) or nothing that shows changed.
fn edit_record(good: &mut Built, mut record: Record) -> Option<(usize, Reach, Lists)> {
    let i = good.site.find(&record.slug)?;
    // `related` as the model holds it: resolved to each code's spelling; and what the
    // record leaves to the site, as the model fills it in.
    record.related = good.site.records[i].related.clone();
    good.site.config.apply_defaults(&mut record);
    let mut reach = good.site.records[i].widest_change(&record)?;
    let line = render::list_line(&good.site, &good.rendered, i);
    let index_line = render::api_index_line(&good.site, i);
    let before = std::mem::replace(&mut good.site.records[i], record);
    let after = &good.site.records[i];
    let mut lists = Lists {
        // The index holds each record's title and severity, besides its words.
        search: before.title != after.title || before.severity != after.severity,
        index_lines: render::api_index_line(&good.site, i) != index_line,
        dates: before.updated != after.updated,
        ..Lists::default()
    };
    good.rendered[i] = RenderedRecord::new(&good.site, i, &Highlighter::default());
    let stop = stop_words(good.site.language_tag());
    let words = RecordWords::of(&good.site, i, &good.rendered[i], &stop);
    if words != good.words[i] {
        // Causes show only on the page, but their words are in the search index.
        reach = reach.max(Reach::Lists);
        lists.search = true;
        if let Some(vocabulary) = &mut good.vocabulary {
            vocabulary.replace(i, &good.words[i], &words);
        }
        good.words[i] = words;
    }
    if render::list_line(&good.site, &good.rendered, i) != line {
        // Its line in lists changed: the lists that show it, and the pages that list
        // it as related.
        lists.lines = true;
        lists.categories.insert(good.site.record_category[i]);
        lists.tags.extend(good.site.records[i].tags.iter().cloned());
    }
    Some((i, reach, lists))
}

/// The codes and aliases of `old` and `site` that lead to another record (or to none)
/// in one than in the other.
fn keys_moved<'a>(old: &'a Site, site: &'a Site) -> HashSet<&'a String> {
    fn led_to<'a>(site: &'a Site, key: &str) -> Option<&'a String> {
        site.find(key).map(|i| &site.records[i].slug)
    }
    (old.keys().chain(site.keys()))
        .filter(|key| led_to(old, key) != led_to(site, key))
        .collect()
}
