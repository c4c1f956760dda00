//! The checks across files again after a few record files changed, for the preview:
//! an index of what every record file claims (its code and aliases), names (its
//! `related` codes) and links to (`@CODE`), kept between saves, so that a change
//! re-checks only the keys it touches instead of every record.
//!
//! It answers one question, exactly: does a site whose content had no errors stay
//! without errors across files after the change? Only a yes is used. When the answer
//! is no (or the change is one it does not follow, such as an alias moving from one
//! record to another), the preview runs every check again ([`super::check_across`]),
//! so the errors it shows, hints and all, are those of `errdocs check`. A yes holds
//! because every rule across files that passed before can only fail through a key
//! that the changed files claimed or claim now:
//!
//! - `duplicate-code`: a new claim on a key that another file holds;
//! - `url-collision`: a new claim whose page takes a place errdocs keeps or a page's;
//! - `unknown-related`, `related-self`: a changed file's `related`, or another file's
//!   naming a key that is gone or leads elsewhere now;
//! - `broken-link`: a changed file's links, and the links of any file, page, menu or
//!   category to a key the changed files claimed (gone, or its sections changed);
//!   the menu's links to the pages of records and tags that are gone.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::links::{FoundLink, Targets};
use super::{CheckedFile, SiteParts, across};
use crate::diagnostics::Diagnostic;
use crate::model::declared::FieldDeclaration;
use crate::model::links::LinkTarget;
use crate::model::{Entry, Page, Record, slug_of};
use crate::paths::{Location, Paths, Reserved};

/// What the record files of a site without errors claim, name and link to.
#[derive(Debug)]
pub(crate) struct ClaimIndex {
    /// Each key claimed (a code or alias in lower case) → the file that claims it and
    /// the code it leads to.
    owners: HashMap<String, (PathBuf, String)>,
    /// Each key → the record files whose `related` names it.
    named_by: HashMap<String, HashSet<PathBuf>>,
    /// Each key → the checked links to it, from record files, pages, the menu and
    /// footer, and the categories.
    linked: HashMap<String, Vec<FoundLink>>,
    /// How many checked records have each tag: the tags that have a page.
    tags: HashMap<String, usize>,
    frame: Frame,
}

/// What the checks look at besides the record files: unchanged while only records
/// change.
#[derive(Debug)]
struct Frame {
    paths: Paths,
    /// The places errdocs keeps (the lists, the API, the theme's files, ...).
    reserved: Vec<Reserved>,
    /// The pages of `content/pages/`, and where each goes.
    pages: Vec<Page>,
    page_locations: HashSet<Location>,
    declared: Vec<FieldDeclaration>,
    /// The site paths (`/tags/x/`) the menu and footer link to, as locations.
    site_links: Vec<String>,
}

impl ClaimIndex {
    /// The index of a site whose checks found no errors: `parts` as they were checked,
    /// and every record file. `None` for a site in several languages (its
    /// translations are checked against every original: the preview builds it whole).
    pub(crate) fn new(
        parts: &SiteParts,
        files: &BTreeMap<PathBuf, CheckedFile>,
    ) -> Option<ClaimIndex> {
        let config = parts.config.as_ref()?;
        if config.config.is_multilingual() || !parts.page_translations.is_empty() {
            return None;
        }
        let paths = Paths::with_folders(&config.config.base_url, &config.config.urls);
        let mut reserved = paths.reserved();
        reserved.extend(parts.assets.iter().map(|(name, bytes)| Reserved {
            location: paths.asset(name, bytes),
            what: "a file of the theme",
            owns_folder: false,
            by_urls: false,
        }));
        let pages: Vec<Page> = parts.pages.iter().map(|p| p.page.clone()).collect();
        let page_locations = (pages.iter())
            .map(|p| paths.content_page(&p.file))
            .collect();
        let site_links = (config.links.iter())
            .filter_map(|link| match &link.target {
                LinkTarget::SitePath(path) => Some(path.trim_start_matches('/').to_string()),
                _ => None,
            })
            .collect();
        let mut index = ClaimIndex {
            owners: HashMap::with_capacity(files.len() * 2),
            named_by: HashMap::new(),
            linked: HashMap::new(),
            tags: HashMap::new(),
            frame: Frame {
                paths,
                reserved,
                pages,
                page_locations,
                declared: config.config.fields.clone(),
                site_links,
            },
        };
        let other_links = (parts.pages.iter().flat_map(|p| &p.links))
            .chain(&config.links)
            .chain(&parts.category_links);
        for link in other_links {
            index.add_link(link);
        }
        for (path, file) in files {
            let Some(record) = &file.record else { continue };
            for claim in across::claims_of(&record.links) {
                let code = record.links.code.clone();
                index.owners.insert(claim.key, (path.clone(), code));
            }
            index.add_file(path, file);
        }
        Some(index)
    }

    /// Takes in the changed record files: `previous` holds each one's version before
    /// the change (`None`: it is new), `files` every record file as it is now (a path
    /// missing from it was deleted). When the site stays without errors across files,
    /// returns the keys the changed files claimed before or claim now; otherwise (or
    /// when the change is one the index does not follow) `None`, and the index is left
    /// half-updated and must be dropped.
    pub(crate) fn update(
        &mut self,
        previous: &[(PathBuf, Option<CheckedFile>)],
        files: &BTreeMap<PathBuf, CheckedFile>,
    ) -> Option<Vec<String>> {
        // The keys the changed files claimed, with the code each led to.
        let mut released: HashMap<String, String> = HashMap::new();
        for (path, old) in previous {
            let Some(record) = old.as_ref().and_then(|f| f.record.as_ref()) else {
                continue;
            };
            for claim in across::claims_of(&record.links) {
                if let Some((_, code)) = self.owners.remove(&claim.key) {
                    released.insert(claim.key, code);
                }
            }
            self.remove_file(path, old.as_ref().expect("a record was read from it"));
        }
        let mut claimed: Vec<String> = Vec::new();
        for (path, _) in previous {
            let Some(file) = files.get(path) else {
                continue;
            };
            let record = file.record.as_ref().filter(|r| r.entry.is_some())?;
            if file.diagnostics.iter().any(Diagnostic::is_error) {
                return None;
            }
            for claim in across::claims_of(&record.links) {
                let location = self.frame.paths.record(&claim.key);
                if self.owners.contains_key(&claim.key) || self.frame.takes_a_place(&location) {
                    return None;
                }
                let code = record.links.code.clone();
                self.owners.insert(claim.key.clone(), (path.clone(), code));
                claimed.push(claim.key);
            }
        }
        for (path, _) in previous {
            if let Some(file) = files.get(path) {
                if !self.related_resolve(file) {
                    return None;
                }
                self.add_file(path, file);
            }
        }
        // `related` of the other files: a key they name must still lead where it led.
        for (key, code) in &released {
            let named = self.named_by.get(key).is_some_and(|n| !n.is_empty());
            if named && self.owners.get(key).is_none_or(|(_, now)| now != code) {
                return None;
            }
        }
        // The changed files' links, and every checked link to a key they claimed,
        // before or now.
        let own_links = (previous.iter())
            .filter_map(|(path, _)| files.get(path)?.record.as_ref())
            .flat_map(|record| &record.markdown_links);
        let touched = released.keys().chain(&claimed);
        let links_to_touched = touched.filter_map(|key| self.linked.get(key)).flatten();
        if !self.links_lead_somewhere(own_links.chain(links_to_touched), files)
            || !self.menu_still_leads_somewhere(&released)
        {
            return None;
        }
        self.tags.retain(|_, count| *count > 0);
        let mut touched: Vec<String> = released.into_keys().chain(claimed).collect();
        touched.sort_unstable();
        touched.dedup();
        Some(touched)
    }

    /// The files with checked links to any of `keys` (record files, pages,
    /// `site.yaml`, `content/categories.yaml`), each once.
    pub(crate) fn files_linking_to<'a>(
        &self,
        keys: impl IntoIterator<Item = &'a String>,
    ) -> BTreeSet<PathBuf> {
        (keys.into_iter())
            .filter_map(|key| self.linked.get(key))
            .flatten()
            .map(|link| link.file.clone())
            .collect()
    }

    /// Whether each `related` code of `file` names a record other than its own.
    fn related_resolve(&self, file: &CheckedFile) -> bool {
        let Some(record) = &file.record else {
            return false;
        };
        record.links.related.iter().all(|code| {
            (self.owners.get(&slug_of(code))).is_some_and(|(_, to)| *to != record.links.code)
        })
    }

    /// The record of `file` (which passed its checks) with its `related` codes
    /// resolved to the codes they lead to, each once, in order: as
    /// [`super::check_across`] hands it on.
    pub(crate) fn resolved_record(&self, file: &CheckedFile) -> Record {
        let record = file
            .record
            .as_ref()
            .expect("a record that passed its checks");
        let mut resolved: Vec<String> = Vec::with_capacity(record.links.related.len());
        for code in &record.links.related {
            if let Some((_, canonical)) = self.owners.get(&slug_of(code))
                && !resolved.contains(canonical)
            {
                resolved.push(canonical.clone());
            }
        }
        let record = record
            .record
            .as_ref()
            .expect("a record that passed its checks");
        Record {
            related: resolved,
            ..record.clone()
        }
    }

    /// Whether each of `links` leads to a record (and a section of it) or a page that
    /// exists, judged as [`Targets`] judges every link.
    fn links_lead_somewhere<'a>(
        &self,
        links: impl Iterator<Item = &'a FoundLink>,
        files: &BTreeMap<PathBuf, CheckedFile>,
    ) -> bool {
        let links: Vec<&FoundLink> = links.collect();
        let mut records: HashMap<String, &Entry> = HashMap::new();
        for link in &links {
            if let LinkTarget::Record { code, .. } = &link.target {
                let key = slug_of(code);
                let entry = (self.owners.get(&key))
                    .and_then(|(path, _)| files.get(path))
                    .and_then(|file| file.record.as_ref())
                    .and_then(|record| record.entry.as_ref());
                if let Some(entry) = entry {
                    records.insert(key, entry);
                }
            }
        }
        let no_broken_codes = HashSet::new();
        let targets = Targets {
            records,
            declared: &self.frame.declared,
            broken_codes: &no_broken_codes,
            pages: &self.frame.pages,
        };
        links
            .iter()
            .all(|link| targets.problem(&link.target).is_none())
    }

    /// Whether the menu's and footer's links to the built site's pages still lead to
    /// one: only the page of a record or a tag can be gone.
    fn menu_still_leads_somewhere(&self, released: &HashMap<String, String>) -> bool {
        let site_links = &self.frame.site_links;
        if site_links.is_empty() {
            return true;
        }
        let paths = &self.frame.paths;
        let mut gone: Vec<Location> = (released.keys())
            .filter(|key| !self.owners.contains_key(*key))
            .map(|key| paths.record(key))
            .collect();
        if self.tags.values().all(|&n| n == 0) {
            gone.push(paths.tags_index());
        }
        let tags_gone = self.tags.iter().filter(|&(_, &n)| n == 0);
        gone.extend(tags_gone.map(|(tag, _)| paths.tag(tag)));
        !(site_links.iter()).any(|wanted| gone.iter().any(|g| g.as_str() == wanted))
    }

    /// Indexes what record file `path` names, links to and tags.
    fn add_file(&mut self, path: &Path, file: &CheckedFile) {
        let Some(record) = &file.record else { return };
        for code in &record.links.related {
            let named = self.named_by.entry(slug_of(code)).or_default();
            named.insert(path.to_path_buf());
        }
        for link in &record.markdown_links {
            self.add_link(link);
        }
        for tag in record.entry.iter().flat_map(|e| &e.tags) {
            *self.tags.entry(tag.clone()).or_default() += 1;
        }
    }

    /// Forgets what record file `path` named, linked to and tagged.
    fn remove_file(&mut self, path: &Path, file: &CheckedFile) {
        let Some(record) = &file.record else { return };
        for code in &record.links.related {
            if let Some(named) = self.named_by.get_mut(&slug_of(code)) {
                named.remove(path);
            }
        }
        for link in &record.markdown_links {
            if let LinkTarget::Record { code, .. } = &link.target
                && let Some(links) = self.linked.get_mut(&slug_of(code))
            {
                links.retain(|l| l.file != path);
            }
        }
        for tag in record.entry.iter().flat_map(|e| &e.tags) {
            if let Some(count) = self.tags.get_mut(tag) {
                *count -= 1;
            }
        }
    }

    fn add_link(&mut self, link: &FoundLink) {
        if let LinkTarget::Record { code, .. } = &link.target {
            let links = self.linked.entry(slug_of(code)).or_default();
            links.push(link.clone());
        }
    }
}

impl Frame {
    /// Whether a record's page or alias at `location` takes a place errdocs keeps or
    /// a page's place ([`super::layout::check_places`]).
    fn takes_a_place(&self, location: &Location) -> bool {
        let errors_index = self.paths.errors_index();
        let reserved = (self.reserved.iter())
            .filter(|r| !(r.location == errors_index && r.owns_folder))
            .any(|r| r.taken_by(location));
        reserved || self.page_locations.contains(location)
    }
}
