//! The preview's incremental rebuilds against fresh builds: after each kind of save
//! (an edit of a summary, a title, a cause, a category, tags; a record added, renamed,
//! deleted; links between records, aliases, drafts; a translation edited; saves that
//! come before the last one's later work is done), the files the preview serves equal,
//! byte for byte and file for file, what `errdocs build` writes for the same content at
//! the same base URL; and when a save breaks the content, the preview reports what
//! `errdocs check` reports.

use std::collections::BTreeMap;
use std::path::PathBuf;

use errdocs::BuildOptions;
use errdocs::serve::preview::{Outcome, Preview};
use errdocs::serve::watch::classify;

use crate::support::*;

/// The base URL of the preview and of the fresh builds it is compared with.
const BASE_URL: &str = "http://127.0.0.1:1/";

const RECORD: &str = "content/errors/authentication/AADSTS40009.yaml";

/// A preview and the files it serves, kept as the server keeps them.
struct Served {
    preview: Preview,
    files: BTreeMap<String, Vec<u8>>,
}

impl Served {
    fn start(site: &TestSite) -> Served {
        let mut served = Served {
            preview: Preview::new(site.root(), BASE_URL, false),
            files: BTreeMap::new(),
        };
        let first = served
            .preview
            .rebuild(&errdocs::serve::preview::Changes::everything());
        served.take(first);
        served.finish();
        served
    }

    /// Swaps a rebuild's files in, as the server does.
    fn take(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Built {
                whole,
                files,
                removed,
                ..
            } => {
                if whole {
                    self.files = files;
                } else {
                    for path in removed {
                        self.files.remove(&path);
                    }
                    self.files.extend(files);
                }
            }
            Outcome::Invalid(found) => panic!("the content has errors: {found:#?}"),
            Outcome::Theme(message) => panic!("the theme failed: {message}"),
        }
    }

    /// The rebuild after saves of `relative` paths, as the watcher reports them; the
    /// work it leaves for later is not done yet.
    fn saved(&mut self, site: &TestSite, relative: &[&str]) {
        let paths: Vec<PathBuf> = relative.iter().map(|p| site.root().join(p)).collect();
        let changes = classify(site.root(), &paths, |p| self.preview.knows(p));
        let outcome = self.preview.rebuild(&changes);
        self.take(outcome);
    }

    /// The rebuild after saves of `relative` paths that break the content: its
    /// diagnostics must be those of `errdocs check` on the same folder.
    fn saved_invalid(&mut self, site: &TestSite, relative: &[&str], after: &str) {
        let paths: Vec<PathBuf> = relative.iter().map(|p| site.root().join(p)).collect();
        let changes = classify(site.root(), &paths, |p| self.preview.knows(p));
        match self.preview.rebuild(&changes) {
            Outcome::Invalid(found) => {
                let (_, checked) = errdocs::pipeline::check(site.root());
                assert!(found.iter().any(|d| d.is_error()), "{after}: {found:#?}");
                assert_eq!(found, checked, "{after}: the preview's diagnostics");
            }
            Outcome::Built { files, .. } => panic!(
                "{after}: the content should have errors; the preview built {:?}",
                files.keys().collect::<Vec<_>>()
            ),
            Outcome::Theme(message) => panic!("{after}: the theme failed: {message}"),
        }
    }

    /// The rebuild after saves of `relative` paths, the work it left done, and the
    /// files compared with a fresh build's.
    fn compare(&mut self, site: &TestSite, relative: &[&str], after: &str) {
        self.saved(site, relative);
        self.finish();
        self.assert_fresh(site, after);
    }

    /// Does the work the rebuilds left for later, as the server does between saves.
    fn finish(&mut self) {
        while let Some(outcome) = self.preview.render_pending() {
            self.take(outcome);
        }
        assert!(!self.preview.has_pending());
    }

    /// Asserts that the preview serves what a fresh build of `site` writes.
    fn assert_fresh(&self, site: &TestSite, after: &str) {
        let output = tempfile::tempdir().unwrap();
        let options = BuildOptions {
            output: Some(output.path().join("site")),
            base_url: Some(BASE_URL.into()),
            ..BuildOptions::new(site.root())
        };
        errdocs::build(&options).unwrap_or_else(|e| panic!("{after}: the build failed: {e}"));
        let built = snapshot_dir(&output.path().join("site"));
        let only_built: Vec<&String> = built
            .keys()
            .filter(|k| !self.files.contains_key(*k))
            .collect();
        let only_served: Vec<&String> = self
            .files
            .keys()
            .filter(|k| !built.contains_key(*k))
            .collect();
        assert!(
            only_built.is_empty() && only_served.is_empty(),
            "{after}: files only the build wrote: {only_built:?}; only the preview has: {only_served:?}"
        );
        let differ: Vec<&String> = built
            .keys()
            .filter(|k| built[*k] != self.files[*k])
            .collect();
        assert!(
            differ.is_empty(),
            "{after}: the preview's differ: {differ:?}"
        );
    }
}

/// Saves `relative` with `text` (`None` deletes it).
fn save(site: &TestSite, relative: &str, text: Option<&str>) {
    let path = site.root().join(relative);
    match text {
        Some(text) => {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        None => std::fs::remove_file(path).unwrap(),
    }
}

/// `relative` with `from` replaced by `to`.
fn edited(site: &TestSite, relative: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(site.root().join(relative)).unwrap();
    assert!(text.contains(from), "{relative}: {from:?}");
    text.replacen(from, to, 1)
}

/// Edits `relative` (`from` → `to`), rebuilds, does the work left and compares.
fn edit_and_compare(served: &mut Served, site: &TestSite, relative: &str, from: &str, to: &str) {
    let text = edited(site, relative, from, to);
    save(site, relative, Some(&text));
    served.compare(site, &[relative], &format!("{relative}: {from:?} → {to:?}"));
}

#[test]
fn preview_equals_a_fresh_build_after_edits_of_record_fields() {
    let site = TestSite::fixture("basic");
    let mut served = Served::start(&site);
    served.assert_fresh(&site, "the first build");
    let edits = [
        // Lists' data (search, feeds) but not their lines.
        ("refused to redeem", "declined to redeem"),
        // A line in lists: A–Z, category, tags, related lists.
        (
            "title: Refresh token could not be redeemed",
            "title: Refresh token was not redeemed",
        ),
        // Only the page shows causes, but their words are in the search index.
        (
            "the federation trust certificate",
            "the quetzalcoatl certificate",
        ),
        // Only the page.
        ("Check the federation settings.", "Check the trust."),
        ("severity: medium", "severity: high"),
        ("updated: 2026-11-20", "updated: 2026-11-29"),
        // Tags: a new tag's page comes, a tag no record has any more goes.
        (
            "tags: [federation, refresh-token]",
            "tags: [federation, brand-new]",
        ),
        ("tags: [federation, brand-new]", "tags: [federation]"),
        // The category, and the related links.
        ("category: authentication", "category: refresh"),
        ("related: [AADSTS50076]", "related: [AADSTS50126]"),
    ];
    for (from, to) in edits {
        edit_and_compare(&mut served, &site, RECORD, from, to);
    }
}

/// The edits of search words and lines in lists of [`RECORD`] that the preview patches
/// its search index for: (from, to).
const WORD_EDITS: [(&str, &str); 6] = [
    // A word new to the site, in the summary.
    ("refused to redeem", "refused to xylophonize"),
    // The same word in the title too: it counts as the title's now.
    (
        "title: Refresh token could not be redeemed",
        "title: Xylophonize the refresh token",
    ),
    // Gone from the summary, still in the title.
    ("refused to xylophonize", "refused to redeem"),
    // Gone from the site; a word other records have, gained in the title.
    (
        "title: Xylophonize the refresh token",
        "title: Refresh token could not be redeemed",
    ),
    // A word of the causes only (search, not lists), and the record's date, which
    // moves it in the feed and the home page's list of the recently updated.
    (
        "the federation trust certificate",
        "the quetzalcoatl certificate",
    ),
    ("updated: 2026-11-20", "updated: 2026-11-30"),
];

#[test]
fn preview_equals_a_fresh_build_after_each_edit_of_search_words_and_list_lines() {
    let site = TestSite::fixture("basic");
    let mut served = Served::start(&site);
    for (from, to) in WORD_EDITS {
        edit_and_compare(&mut served, &site, RECORD, from, to);
    }
}

#[test]
fn preview_equals_a_fresh_build_after_edits_of_search_words_in_quick_succession() {
    let site = TestSite::fixture("basic");
    let mut served = Served::start(&site);
    // Each save before the lists of the one before are rendered, twice over (there
    // and back): the words kept for the search index are patched save by save.
    let there_and_back = (WORD_EDITS.iter())
        .chain(WORD_EDITS.iter().rev())
        .enumerate()
        .map(|(n, &(from, to))| {
            if n < WORD_EDITS.len() {
                (from, to)
            } else {
                (to, from)
            }
        });
    for (from, to) in there_and_back {
        let text = edited(&site, RECORD, from, to);
        save(&site, RECORD, Some(&text));
        served.saved(&site, &[RECORD]);
        assert!(
            served.preview.has_pending(),
            "{from:?} → {to:?} leaves the lists"
        );
    }
    served.finish();
    served.assert_fresh(
        &site,
        "edits there and back, each before the lists of the last",
    );
    // Then one more with the lists rendered in between.
    edit_and_compare(
        &mut served,
        &site,
        RECORD,
        "refused to redeem",
        "would not redeem",
    );
}

#[test]
fn preview_equals_a_fresh_build_after_records_are_added_renamed_and_deleted() {
    let site = TestSite::fixture("basic");
    let mut served = Served::start(&site);
    let added = "content/errors/authentication/AADSTS40010.yaml";
    let copy = edited(&site, RECORD, "code: AADSTS40009", "code: AADSTS40010")
        .replace("aliases: [\"40009\"]", "aliases: [\"40010\"]")
        .replace("tags: [federation, refresh-token]", "tags: [only-here]");
    save(&site, added, Some(&copy));
    served.compare(&site, &[added], "a record added");

    // Renamed: file and code.
    let renamed = "content/errors/refresh/AADSTS40011.yaml";
    let text = copy
        .replace("AADSTS40010", "AADSTS40011")
        .replace("\"40010\"", "\"40011\"")
        .replace("category: authentication", "category: refresh");
    save(&site, renamed, Some(&text));
    save(&site, added, None);
    served.compare(
        &site,
        &[added, renamed],
        "a record renamed into another category",
    );

    save(&site, renamed, None);
    served.compare(&site, &[renamed], "a record deleted");
}

#[test]
fn preview_equals_a_fresh_build_when_saves_come_before_the_work_left_is_done() {
    let site = TestSite::fixture("basic");
    let mut served = Served::start(&site);
    let added = "content/errors/refresh/XX1.yaml";
    save(&site, added, Some(&record_yaml("XX1", "refresh")));
    served.saved(&site, &[added]);
    assert!(
        served.preview.has_pending(),
        "an added record leaves work for later"
    );
    // One step of it, then more saves: an edit of lists, then another record.
    let step = served.preview.render_pending().unwrap();
    served.take(step);
    let text = edited(&site, RECORD, "refused to redeem", "declined to redeem");
    save(&site, RECORD, Some(&text));
    served.saved(&site, &[RECORD]);
    let other = "content/errors/authentication/XX2.yaml";
    save(&site, other, Some(&record_yaml("XX2", "authentication")));
    served.saved(&site, &[other]);
    save(&site, added, None);
    served.compare(&site, &[added], "saves between the steps of the work left");
}

#[test]
fn preview_equals_a_fresh_build_after_a_translation_is_edited() {
    let site = TestSite::fixture("multilingual");
    let mut served = Served::start(&site);
    served.assert_fresh(&site, "the first build");
    let translation = "content/errors/authentication/CC1001.de.yaml";
    edit_and_compare(
        &mut served,
        &site,
        translation,
        "title: Das Kennwort ist falsch",
        "title: Das Kennwort stimmt nicht",
    );
    let original = "content/errors/authentication/CC1001.yaml";
    let text = std::fs::read_to_string(site.root().join(original)).unwrap();
    let summary = text.lines().find(|l| l.starts_with("summary:")).unwrap();
    edit_and_compare(
        &mut served,
        &site,
        original,
        summary,
        "summary: An edited summary of the original.",
    );
    save(&site, translation, None);
    served.compare(&site, &[translation], "a translation deleted");
}

/// The files a save renders, from its rebuild to the end of the work it left.
fn rendered_by_save(served: &mut Served, site: &TestSite, relative: &str) -> Vec<String> {
    let mut rendered = Vec::new();
    let paths = [site.root().join(relative)];
    let changes = classify(site.root(), &paths, |p| served.preview.knows(p));
    let mut outcome = Some(served.preview.rebuild(&changes));
    while let Some(next) = outcome {
        if let Outcome::Built { files, .. } = &next {
            rendered.extend(files.keys().cloned());
        }
        served.take(next);
        outcome = served.preview.render_pending();
    }
    rendered
}

#[test]
fn an_edit_renders_only_the_lists_that_show_what_changed() {
    let site = TestSite::fixture("basic");
    let mut served = Served::start(&site);
    // The summary: in the search index and the feed; not in the API's index, the
    // sitemap, nor on any list page.
    save(
        &site,
        RECORD,
        Some(&edited(
            &site,
            RECORD,
            "refused to redeem",
            "declined to redeem",
        )),
    );
    let rendered = rendered_by_save(&mut served, &site, RECORD);
    for file in [
        "errors/aadsts40009/index.html",
        "search/index.json",
        "atom.xml",
    ] {
        assert!(
            rendered.iter().any(|f| f == file),
            "{file} not rendered: {rendered:?}"
        );
    }
    for file in [
        "errors/index.html",
        "index.html",
        "categories/authentication/index.html",
        "errors/aadsts50076/index.html",
        "api/errors.json",
        "sitemap.xml",
    ] {
        assert!(
            !rendered.iter().any(|f| f == file),
            "{file} rendered: {rendered:?}"
        );
    }
    served.assert_fresh(&site, "the summary edited");
    // A cause: the search index alone of the lists.
    let cause = edited(&site, RECORD, "trust certificate", "trust key");
    save(&site, RECORD, Some(&cause));
    let rendered = rendered_by_save(&mut served, &site, RECORD);
    assert!(
        rendered.iter().any(|f| f == "search/index.json"),
        "{rendered:?}"
    );
    assert!(
        !rendered.iter().any(|f| f == "api/errors.json"),
        "{rendered:?}"
    );
    // A fix: its page alone, not even the search index.
    let fix = edited(&site, RECORD, "Check the federation settings.", "Check it.");
    save(&site, RECORD, Some(&fix));
    let rendered = rendered_by_save(&mut served, &site, RECORD);
    assert!(
        !rendered.iter().any(|f| f.starts_with("search/")),
        "{rendered:?}"
    );
    // The date: the sitemap and the API's index, not the search index.
    let date = edited(&site, RECORD, "updated: 2026-11-20", "updated: 2026-11-21");
    save(&site, RECORD, Some(&date));
    let rendered = rendered_by_save(&mut served, &site, RECORD);
    for file in ["sitemap.xml", "api/errors.json", "index.html"] {
        assert!(
            rendered.iter().any(|f| f == file),
            "{file} not rendered: {rendered:?}"
        );
    }
    assert!(
        !rendered.iter().any(|f| f.starts_with("search/")),
        "{rendered:?}"
    );
    served.assert_fresh(&site, "a cause, a fix and the date edited");
    // The title: its line in lists, so the A–Z, its category's and tags' pages, and
    // the pages that list it as related; not the other category's.
    let title = edited(
        &site,
        RECORD,
        "title: Refresh token could not",
        "title: Refresh token did not",
    );
    save(&site, RECORD, Some(&title));
    let rendered = rendered_by_save(&mut served, &site, RECORD);
    for file in [
        "errors/index.html",
        "categories/authentication/index.html",
        "tags/federation/index.html",
        "errors/aadsts50076/index.html",
        "api/errors.json",
        "search/index.json",
    ] {
        assert!(
            rendered.iter().any(|f| f == file),
            "{file} not rendered: {rendered:?}"
        );
    }
    assert!(
        !rendered
            .iter()
            .any(|f| f == "categories/refresh/index.html"),
        "{rendered:?}"
    );
    served.assert_fresh(&site, "the title edited");
}

#[test]
fn the_work_left_waits_while_the_content_has_errors() {
    let site = TestSite::fixture("basic");
    let mut served = Served::start(&site);
    let added = "content/errors/refresh/XX1.yaml";
    save(&site, added, Some(&record_yaml("XX1", "refresh")));
    served.saved(&site, &[added]);
    assert!(served.preview.has_pending());
    // A typo: the overlay shows, and nothing published may clear it.
    let broken = edited(&site, RECORD, "\ntitle:", "\ntitel:");
    save(&site, RECORD, Some(&broken));
    let paths = [site.root().join(RECORD)];
    let changes = classify(site.root(), &paths, |p| served.preview.knows(p));
    let outcome = served.preview.rebuild(&changes);
    assert!(matches!(outcome, Outcome::Invalid(_)), "{outcome:?}");
    assert!(!served.preview.has_pending());
    assert!(served.preview.render_pending().is_none());
    // Fixed: the work left is taken up again, and all ends as a fresh build.
    let fixed = edited(&site, RECORD, "\ntitel:", "\ntitle:");
    save(&site, RECORD, Some(&fixed));
    served.compare(&site, &[RECORD], "the work left after errors were fixed");
}

#[test]
fn preview_equals_a_fresh_build_as_links_between_records_come_and_go() {
    let site = TestSite::fixture("basic");
    let mut served = Served::start(&site);
    // A record that names another in `related` and links to a section of a third.
    let added = "content/errors/refresh/XX1.yaml";
    let text = record_yaml("XX1", "refresh")
        .replace("Summary of XX1.", "See [its FAQ](@40009#faq).")
        + "related: [AADSTS50076]\ntags: [power-query]\n";
    save(&site, added, Some(&text));
    served.compare(&site, &[added], "a record added with links");

    // A new alias, then named by `related` in another record.
    let aliases = edited(
        &site,
        RECORD,
        "aliases: [\"40009\"]",
        "aliases: [\"40009\", rt-40009]",
    );
    save(&site, RECORD, Some(&aliases));
    served.compare(&site, &[RECORD], "an alias added");
    let names_alias = edited(
        &site,
        added,
        "related: [AADSTS50076]",
        "related: [RT-40009]",
    );
    save(&site, added, Some(&names_alias));
    served.compare(&site, &[added], "`related` names an alias");

    // A `related` code that does not exist yet: an error, as `check` reports it; the
    // record it names comes, then goes again, then the name goes.
    let other = "content/errors/authentication/XX2.yaml";
    let names_missing = record_yaml("XX2", "authentication") + "related: [XX3]\n";
    save(&site, other, Some(&names_missing));
    served.saved_invalid(&site, &[other], "`related` names a missing code");
    let named = "content/errors/authentication/XX3.yaml";
    save(&site, named, Some(&record_yaml("XX3", "authentication")));
    served.compare(&site, &[named], "the code named comes");
    save(&site, named, None);
    served.saved_invalid(&site, &[named], "the code named goes");
    save(&site, other, Some(&record_yaml("XX2", "authentication")));
    served.compare(&site, &[other], "the name goes too");

    // The alias named goes: an error; back, and all is as before.
    save(
        &site,
        RECORD,
        Some(&edited(&site, RECORD, ", rt-40009]", "]")),
    );
    served.saved_invalid(&site, &[RECORD], "an alias named in `related` goes");
    save(&site, RECORD, Some(&aliases));
    served.compare(&site, &[RECORD], "the alias is back");

    // A section linked to goes: the link leads nowhere.
    let faq_start = aliases.find("faq:").unwrap();
    let faq_end = aliases.find("related:").unwrap();
    let without_faq = format!("{}{}", &aliases[..faq_start], &aliases[faq_end..]);
    save(&site, RECORD, Some(&without_faq));
    served.saved_invalid(&site, &[RECORD], "a linked section goes");
    save(&site, RECORD, Some(&aliases));
    served.compare(&site, &[RECORD], "the section is back");

    // Two records claim one code: a duplicate, then one of them renamed.
    let twin = "content/errors/refresh/xx1.yaml";
    save(&site, twin, Some(&record_yaml("xx1", "refresh")));
    served.saved_invalid(&site, &[twin], "a code claimed twice");
    save(&site, twin, None);
    let renamed = "content/errors/refresh/XX4.yaml";
    save(&site, renamed, Some(&record_yaml("XX4", "refresh")));
    served.compare(&site, &[twin, renamed], "the twin renamed");

    // A record moves to another category, with new tags, and the one linking to it
    // follows the move of its section links.
    let moved = edited(
        &site,
        added,
        "category: refresh",
        "category: authentication",
    )
    .replace("tags: [power-query]", "tags: [federation, mfa]");
    save(&site, added, Some(&moved));
    served.compare(&site, &[added], "a record moved to another category");
    save(&site, renamed, None);
    served.compare(&site, &[renamed], "a record deleted");

    // A record and the one it names and links to, in one save; then both go.
    let naming = "content/errors/refresh/XX5.yaml";
    let text = record_yaml("XX5", "refresh").replace("Summary of XX5.", "See [fix](@XX6#fix-1).")
        + "related: [XX6]\n";
    let target = "content/errors/refresh/XX6.yaml";
    save(&site, naming, Some(&text));
    save(&site, target, Some(&record_yaml("XX6", "refresh")));
    served.compare(
        &site,
        &[naming, target],
        "two records that name each other added",
    );
    save(&site, naming, None);
    save(&site, target, None);
    served.compare(&site, &[naming, target], "both deleted");

    // An edit of the text alone that breaks a link, and one that breaks a link to it:
    // errors too.
    let broken = edited(
        &site,
        added,
        "See [its FAQ]",
        "See [nothing](@NOPE) and [its FAQ]",
    );
    save(&site, added, Some(&broken));
    served.saved_invalid(&site, &[added], "a summary links to nothing");
    save(&site, added, Some(&moved));
    served.compare(&site, &[added], "the link removed");
    let one_fix = "content/errors/authentication/XX7.yaml";
    let links_fix = record_yaml("XX7", "authentication").replace(
        "Summary of XX7.",
        "See [the second fix](@AADSTS40009#fix-2).",
    );
    save(&site, one_fix, Some(&links_fix));
    served.compare(&site, &[one_fix], "a link to a fix");
    let fix_start = aliases.find("  - |\n    Revoke").unwrap();
    let fix_end = aliases.find("faq:").unwrap();
    let one_fix_left = format!("{}{}", &aliases[..fix_start], &aliases[fix_end..]);
    save(&site, RECORD, Some(&one_fix_left));
    served.saved_invalid(&site, &[RECORD], "the fix linked to goes");
}

#[test]
fn preview_equals_a_fresh_build_as_records_turn_drafts_and_back() {
    let site = TestSite::fixture("basic");
    let mut served = Served::start(&site);
    // A record that links to another: the link is a link only while that one is
    // built.
    let linked = "content/errors/refresh/XX1.yaml";
    save(&site, linked, Some(&record_yaml("XX1", "refresh")));
    let linking = "content/errors/refresh/XX2.yaml";
    let text = record_yaml("XX2", "refresh").replace("Summary of XX2.", "Read [XX1](@xx1).");
    save(&site, linking, Some(&text));
    served.compare(&site, &[linked, linking], "two records added");
    let draft = record_yaml("XX1", "refresh") + "draft: true\n";
    save(&site, linked, Some(&draft));
    served.compare(&site, &[linked], "a record turned draft");
    save(&site, linked, Some(&record_yaml("XX1", "refresh")));
    served.compare(&site, &[linked], "the draft published");
    // A new draft changes nothing that shows.
    let new_draft = "content/errors/authentication/XX3.yaml";
    let text = record_yaml("XX3", "authentication") + "draft: true\n";
    save(&site, new_draft, Some(&text));
    served.compare(&site, &[new_draft], "a draft added");
    // Turned draft while the content has errors: the save that fixes them checks
    // everything again, and the link still follows.
    let typo = edited(&site, RECORD, "\ntitle:", "\ntitel:");
    save(&site, RECORD, Some(&typo));
    served.saved_invalid(&site, &[RECORD], "a typo");
    save(&site, linked, Some(&draft));
    served.saved_invalid(&site, &[linked], "a record turned draft beside a typo");
    save(
        &site,
        RECORD,
        Some(&edited(&site, RECORD, "\ntitel:", "\ntitle:")),
    );
    served.compare(&site, &[RECORD], "the typo fixed");
}

/// A record of the run of saves below: its category, tags and `related` codes.
#[derive(Clone)]
struct Shape {
    category: &'static str,
    tags: Vec<&'static str>,
    related: Vec<String>,
}

impl Shape {
    fn yaml(&self, code: &str) -> String {
        let mut text = record_yaml(code, self.category);
        if !self.tags.is_empty() {
            text += &format!("tags: [{}]\n", self.tags.join(", "));
        }
        if !self.related.is_empty() {
            text += &format!("related: [{}]\n", self.related.join(", "));
        }
        text
    }
}

#[test]
fn preview_equals_a_fresh_build_through_a_run_of_records_added_moved_and_deleted() {
    // Related lists rank records of a category by shared tags: a few tags over two
    // categories, with `related` between them, and saves that add, delete, rename,
    // move and retag records, each compared with a fresh build.
    let site = TestSite::fixture("basic");
    let mut seed: u64 = 18;
    let mut next = move |below: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % below
    };
    const TAGS: [&str; 5] = ["alpha", "beta", "gamma", "delta", "epsilon"];
    const CATEGORIES: [&str; 2] = ["authentication", "refresh"];
    let path = |code: &str, shape: &Shape| format!("content/errors/{}/{code}.yaml", shape.category);
    let mut records: BTreeMap<String, Shape> = BTreeMap::new();
    let shape_of = |records: &BTreeMap<String, Shape>, next: &mut dyn FnMut(usize) -> usize| {
        let tags: Vec<&str> = (0..1 + next(3)).map(|_| TAGS[next(TAGS.len())]).collect();
        let mut tags_once: Vec<&str> = Vec::new();
        for tag in tags {
            if !tags_once.contains(&tag) {
                tags_once.push(tag);
            }
        }
        let codes: Vec<&String> = records.keys().collect();
        let mut related = Vec::new();
        for _ in 0..next(3) {
            if !codes.is_empty() {
                let code = codes[next(codes.len())].clone();
                if !related.contains(&code) {
                    related.push(code);
                }
            }
        }
        Shape {
            category: CATEGORIES[next(2)],
            tags: tags_once,
            related,
        }
    };
    for n in 1..=24 {
        let code = format!("XR{n}");
        let shape = shape_of(&records, &mut next);
        save(&site, &path(&code, &shape), Some(&shape.yaml(&code)));
        records.insert(code, shape);
    }
    let mut served = Served::start(&site);
    served.assert_fresh(&site, "the first build");
    // Codes no other record names: deleting or renaming them leaves no error.
    let unnamed = |records: &BTreeMap<String, Shape>| -> Vec<String> {
        (records.keys())
            .filter(|code| !records.values().any(|s| s.related.contains(code)))
            .cloned()
            .collect()
    };
    let mut added = 100;
    for round in 0..16 {
        let mut saved: Vec<String> = Vec::new();
        let what = match round % 4 {
            0 => {
                added += 1;
                let code = format!("XR{added}");
                let shape = shape_of(&records, &mut next);
                save(&site, &path(&code, &shape), Some(&shape.yaml(&code)));
                saved.push(path(&code, &shape));
                records.insert(code, shape);
                "a record added"
            }
            1 => {
                let free = unnamed(&records);
                let code = free[next(free.len())].clone();
                let shape = records.remove(&code).unwrap();
                save(&site, &path(&code, &shape), None);
                saved.push(path(&code, &shape));
                "a record deleted"
            }
            2 => {
                let free = unnamed(&records);
                let code = free[next(free.len())].clone();
                let shape = records.remove(&code).unwrap();
                save(&site, &path(&code, &shape), None);
                saved.push(path(&code, &shape));
                added += 1;
                let renamed = format!("XR{added}");
                save(&site, &path(&renamed, &shape), Some(&shape.yaml(&renamed)));
                saved.push(path(&renamed, &shape));
                records.insert(renamed, shape);
                "a record renamed"
            }
            _ => {
                let codes: Vec<String> = records.keys().cloned().collect();
                let code = codes[next(codes.len())].clone();
                let old = records.remove(&code).unwrap();
                let mut shape = shape_of(&records, &mut next);
                if next(2) == 0 {
                    shape.related = old.related.clone();
                }
                save(&site, &path(&code, &old), None);
                saved.push(path(&code, &old));
                save(&site, &path(&code, &shape), Some(&shape.yaml(&code)));
                saved.push(path(&code, &shape));
                records.insert(code, shape);
                "a record moved, retagged and relinked"
            }
        };
        let saved: Vec<&str> = saved.iter().map(String::as_str).collect();
        served.compare(&site, &saved, &format!("round {round}: {what}"));
    }
}

#[test]
fn preview_equals_a_fresh_build_as_the_pages_a_menu_names_come_and_go() {
    let site = TestSite::fixture("basic");
    let menu = "nav:\n  - label: Only here\n    page: /tags/only-here/\n  - label: MFA\n    page: \"@AADSTS50076\"\n";
    let settings = std::fs::read_to_string(site.root().join("site.yaml")).unwrap() + menu;
    save(&site, "site.yaml", Some(&settings));
    let tagged = "content/errors/refresh/XX1.yaml";
    let text = record_yaml("XX1", "refresh") + "tags: [only-here]\n";
    save(&site, tagged, Some(&text));
    let mut served = Served::start(&site);
    served.assert_fresh(&site, "the first build");
    // The tag's page goes with the last record that has it: the menu leads nowhere.
    let retagged = text.replace("[only-here]", "[elsewhere]");
    save(&site, tagged, Some(&retagged));
    served.saved_invalid(&site, &[tagged], "the menu's tag page goes");
    save(&site, tagged, Some(&text));
    served.compare(&site, &[tagged], "the tag is back");
    // The record the menu links to turns draft, and back: every page shows the menu.
    let mfa = "content/errors/authentication/AADSTS50076.yaml";
    let published = std::fs::read_to_string(site.root().join(mfa)).unwrap();
    save(&site, mfa, Some(&format!("{published}draft: true\n")));
    served.compare(&site, &[mfa], "the menu's record turned draft");
    save(&site, mfa, Some(&published));
    served.compare(&site, &[mfa], "the menu's record published");
}

#[test]
fn preview_equals_a_fresh_build_as_a_page_a_record_links_to_turns_draft_and_back() {
    // ACME-1001's summary links to this page: a draft's link is plain text.
    let site = TestSite::fixture("http-api");
    let page = "content/pages/guide/reading-errors.md";
    let published = std::fs::read_to_string(site.root().join(page)).unwrap();
    let mut served = Served::start(&site);
    served.assert_fresh(&site, "the first build");
    let drafted = published.replacen("---\n", "---\ndraft: true\n", 1);
    save(&site, page, Some(&drafted));
    served.compare(&site, &[page], "the linked page turned draft");
    save(&site, page, Some(&published));
    served.compare(&site, &[page], "the linked page published again");
}
