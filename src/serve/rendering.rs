//! What the preview renders after a change, and in what order: the site that built
//! kept in memory ([`Built`]: the model, the templates, each record's Markdown and
//! search words), and the work a rebuild leaves for after its first reload
//! ([`Pending`]).
//!
//! A rebuild renders the pages that show the change at once, so the page being edited
//! reloads first. The lists it changed (only those: a record's line in lists, its
//! category's and tags' pages, and the data lists — the search index, made from its
//! vocabulary kept between saves and patched where an edit changed a record's words,
//! the JSON indexes, feeds and sitemap) follow as one step, and
//! the pages that show only what every page shows (the number of records, after one
//! was added or deleted) follow in chunks; a save that comes in between is handled
//! first, and the work left joins its own. Once the steps are done, the preview holds
//! exactly the files a fresh build writes (the tests compare them).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use rayon::prelude::*;

use super::preview::Outcome;
use crate::diagnostics::Diagnostic;
use crate::model::{Record, Site};
use crate::render::search::{RecordWords, Vocabulary, stop_words};
use crate::render::{self, AssetUrls, Lists, RenderedRecord};
use crate::write::Staging;
use crate::{Error, Timings};

/// Record pages rendered per step of the work left for later: small enough that a
/// save waits little for the step under way.
const RECORDS_PER_STEP: usize = 500;

/// A site that built, with what a partial rebuild reuses.
pub(super) struct Built {
    pub site: Site,
    pub tera: tera::Tera,
    pub asset_urls: AssetUrls,
    /// Each record's rendered Markdown, by record index.
    pub rendered: Vec<RenderedRecord>,
    /// Each record's words for the search index, by record index.
    pub words: Vec<RecordWords>,
    /// The search index's vocabulary, made from `words` when the lists are first
    /// rendered, then patched as an edit changes a record's words in place; `None`
    /// when records were added, removed or moved since (their numbers in the index
    /// changed).
    pub vocabulary: Option<Vocabulary>,
    /// The files the lists wrote (the search index's among them), to know which of
    /// them a new rendering of the lists leaves out.
    pub list_files: BTreeSet<String>,
    /// The files of the search index, whose folder is named by their contents.
    pub search_files: BTreeSet<String>,
}

/// The work a rebuild left for after the reload of what it changed first.
#[derive(Debug, Default)]
pub(super) struct Pending {
    /// Lists to render again.
    pub lists: Option<Lists>,
    /// Record pages to render again, by slug (a record gone by then is skipped).
    pub records: VecDeque<String>,
}

impl Pending {
    pub fn is_empty(&self) -> bool {
        self.lists.is_none() && self.records.is_empty()
    }

    /// Adds lists to render.
    pub fn add_lists(&mut self, lists: Lists) {
        self.lists.get_or_insert_default().merge(lists);
    }
}

/// The files rendered, the files removed (`None`: the files are the whole site), and
/// the number of HTML pages.
pub(super) type RenderedFiles = (BTreeMap<String, Vec<u8>>, Option<Vec<String>>, usize);

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

impl Built {
    /// Renders the lists `lists`; returns the files written and the list files gone
    /// (a tag no record has any more, the search index's previous folder).
    pub fn render_lists(&mut self, lists: &Lists) -> Result<RenderedFiles, Error> {
        let staging = Staging::in_memory();
        let stop = stop_words(self.site.language_tag());
        let vocabulary =
            (self.vocabulary).get_or_insert_with(|| Vocabulary::of(&self.site, &self.words, &stop));
        let (pages, search_files) = render::render_some_lists(
            &self.site,
            &self.tera,
            (&self.rendered, vocabulary),
            lists,
            &staging,
        )?;
        let files = staging.into_files().unwrap_or_default();
        let mut removed: BTreeSet<String> = BTreeSet::new();
        if let Some(search_files) = search_files {
            let search_files: BTreeSet<String> = search_files.into_iter().collect();
            removed.extend(self.search_files.difference(&search_files).cloned());
            self.search_files = search_files;
        }
        if lists.all {
            let written = files.keys();
            removed.extend(
                self.list_files
                    .iter()
                    .filter(|f| !files.contains_key(*f))
                    .cloned(),
            );
            self.list_files = written.cloned().collect();
        } else {
            self.list_files.retain(|f| !removed.contains(f));
            self.list_files.extend(files.keys().cloned());
        }
        Ok((files, Some(removed.into_iter().collect()), pages))
    }

    /// Renders the pages (with their JSON and alias redirects) of the records `pages`
    /// (indexes).
    pub fn render_records(&self, pages: &[usize]) -> Result<RenderedFiles, Error> {
        let staging = Staging::in_memory();
        let count =
            render::render_record_pages(&self.site, &self.tera, &self.rendered, pages, &staging)?;
        Ok((
            staging.into_files().unwrap_or_default(),
            Some(Vec::new()),
            count,
        ))
    }

    /// One step of `pending`: the lists, else a chunk of the record pages. `None` when
    /// nothing is left.
    pub fn render_step(&mut self, pending: &mut Pending) -> Option<Result<RenderedFiles, Error>> {
        if let Some(lists) = pending.lists.take() {
            return Some(self.render_lists(&lists));
        }
        if pending.records.is_empty() {
            return None;
        }
        let take = pending.records.len().min(RECORDS_PER_STEP);
        let mut chunk: Vec<usize> = (pending.records.drain(..take))
            .filter_map(|slug| self.site.find(&slug))
            .collect();
        chunk.sort_unstable();
        chunk.dedup();
        Some(self.render_records(&chunk))
    }
}

/// The records whose page must be rendered again: those in `changed`, those that list
/// one of them as related, and those for which `also` holds.
pub(super) fn pages_showing(
    site: &Site,
    changed: &HashSet<usize>,
    also: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let mut is_changed = vec![false; site.records.len()];
    for &i in changed {
        is_changed[i] = true;
    }
    (0..site.records.len())
        .filter(|&i| is_changed[i] || site.related[i].iter().any(|&r| is_changed[r]) || also(i))
        .collect()
}

/// Whether two sites share the frame of every page that the records do not change:
/// the settings, the categories and the pages. If not, every page is rendered again.
pub(super) fn same_frame(old: &Site, new: &Site) -> bool {
    old.config == new.config && old.categories == new.categories && old.pages == new.pages
}

/// The numbers every page shows: how many records in all (the footer), in each
/// category (the menu), and whether there are tags (a link). When they change, every
/// page is rendered again.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Counts {
    records: usize,
    has_tags: bool,
    members: Vec<usize>,
}

impl Counts {
    pub fn of(site: &Site) -> Counts {
        Counts {
            records: site.records.len(),
            has_tags: !site.tags.is_empty(),
            members: site.members.iter().map(Vec::len).collect(),
        }
    }
}

/// Each record's rendered Markdown and search words, taken from the previous records
/// where the record is unchanged, and made afresh otherwise and for the records
/// `stale` (by index: their links lead elsewhere now).
pub(super) fn reuse_rendering(
    old: Option<(Vec<Record>, Vec<RenderedRecord>, Vec<RecordWords>)>,
    stale: &HashSet<usize>,
    site: &Site,
) -> (Vec<RenderedRecord>, Vec<RecordWords>) {
    let mut reusable: HashMap<String, (Record, RenderedRecord, RecordWords)> = HashMap::new();
    if let Some((records, rendered, words)) = old {
        for ((record, rendered), words) in records.into_iter().zip(rendered).zip(words) {
            reusable.insert(record.slug.clone(), (record, rendered, words));
        }
    }
    let slots: Vec<Option<(RenderedRecord, RecordWords)>> = (site.records.iter().enumerate())
        .map(|(i, record)| match reusable.remove(&record.slug) {
            Some((old, rendered, words)) if old == *record && !stale.contains(&i) => {
                Some((rendered, words))
            }
            _ => None,
        })
        .collect();
    fill_rendering(slots, site)
}

/// Each record's rendered Markdown and search words after records were replaced
/// ([`Site::with_records_replaced`]): those of the records kept moved from `old` to
/// their new index (`moved`, by former index), those of the new records and of
/// `changed` (by new index) made.
pub(super) fn carry_rendering(
    old: (Vec<RenderedRecord>, Vec<RecordWords>),
    moved: &[Option<usize>],
    changed: &HashSet<usize>,
    site: &Site,
) -> (Vec<RenderedRecord>, Vec<RecordWords>) {
    let mut slots: Vec<Option<(RenderedRecord, RecordWords)>> =
        (0..site.records.len()).map(|_| None).collect();
    for ((rendered, words), to) in old.0.into_iter().zip(old.1).zip(moved) {
        if let Some(to) = to.filter(|to| !changed.contains(to)) {
            slots[to] = Some((rendered, words));
        }
    }
    fill_rendering(slots, site)
}

/// Fills the empty slots with the Markdown and search words of their records.
fn fill_rendering(
    mut slots: Vec<Option<(RenderedRecord, RecordWords)>>,
    site: &Site,
) -> (Vec<RenderedRecord>, Vec<RecordWords>) {
    let missing: Vec<usize> = (0..slots.len()).filter(|&i| slots[i].is_none()).collect();
    let fresh = render::render_markdown(site, missing.clone());
    let stop = stop_words(site.language_tag());
    let words: Vec<RecordWords> = (missing.par_iter().zip(&fresh))
        .map(|(&i, rendered)| RecordWords::of(site, i, rendered, &stop))
        .collect();
    for ((i, rendered), words) in missing.into_iter().zip(fresh).zip(words) {
        slots[i] = Some((rendered, words));
    }
    slots
        .into_iter()
        .map(|slot| slot.expect("every slot is filled above"))
        .unzip()
}
