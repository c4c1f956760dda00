//! Where pages go: the folders of `site.yaml`'s `urls`, and every code, alias and
//! page at a place of its own. The places errdocs keeps for itself (the home page,
//! the lists, the API, the search index, the feeds, the theme's files) come from the
//! map of paths ([`Paths::reserved`], [`Paths::asset`]), never from a list here.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::across::Claim;
use super::checker::Checker;
use super::pages::CheckedPage;
use super::patterns::is_slug;
use crate::diagnostics::{Diagnostic, Position};
use crate::load::raw::{Located, RawUrls};
use crate::paths::{Folders, Location, Paths, Reserved};

/// Checks `urls`: each folder a path of slugs (`errors` may be `""`), no folder
/// inside another or at a place errdocs keeps. Returns the folders to use (the
/// default for one that is wrong).
pub(crate) fn check_folders(c: &mut Checker, raw: Option<&Located<RawUrls>>) -> Folders {
    let mut folders = Folders::default();
    let Some(raw) = raw else {
        return folders;
    };
    let r = raw.value();
    c.unknown_keys::<RawUrls>(&r.unknown_keys);
    for (value, slot, may_be_root) in [
        (&r.errors, &mut folders.errors, true),
        (&r.categories, &mut folders.categories, false),
        (&r.tags, &mut folders.tags, false),
    ] {
        let Some(value) = value else { continue };
        let folder = Folders::normalize(value.value());
        let parts_ok = folder.is_empty() || folder.trim_end_matches('/').split('/').all(is_slug);
        if parts_ok && (may_be_root || !folder.is_empty()) {
            *slot = folder;
            continue;
        }
        let why = if parts_ok {
            "only `errors` may be `\"\"` (the site's root)"
        } else {
            "use lower-case letters, digits and `-`, with `/` between folders"
        };
        c.error(
            "invalid-folder",
            value,
            format!("`{}` is not a folder for these pages: {why}", value.value()),
        )
        .hint = Some("for example `errors`, `docs/errors` or (for `errors` only) `\"\"`".into());
    }
    let paths = Paths::with_folders("/", &folders);
    let written = [
        (&r.errors, &folders.errors, paths.errors_index()),
        (&r.categories, &folders.categories, paths.categories_index()),
        (&r.tags, &folders.tags, paths.tags_index()),
    ];
    check_folders_apart(c, &paths, &written);
    folders
}

/// No folder of `urls` inside another, nor at a place errdocs keeps for itself.
fn check_folders_apart(
    c: &mut Checker,
    paths: &Paths,
    written: &[(&Option<Located<String>>, &String, Location); 3],
) {
    for (value, folder, index) in written {
        let (Some(value), false) = (value, folder.is_empty()) else {
            continue;
        };
        let nested = (written.iter())
            .filter(|(_, other, _)| !other.is_empty() && !std::ptr::eq(*other, *folder))
            .any(|(_, other, _)| {
                folder.starts_with(other.as_str()) || other.starts_with(folder.as_str())
            });
        let taken = (paths.reserved().into_iter())
            .filter(|r| !r.by_urls && !r.location.as_str().is_empty())
            .find(|r| r.taken_by(index));
        if let Some(what) = taken.map(|r| r.what) {
            c.error(
                "invalid-folder",
                value,
                format!("`{folder}` is where {what} goes"),
            );
        } else if nested {
            c.error(
                "invalid-folder",
                value,
                format!("`{folder}` is, holds or is inside another folder of `urls`"),
            )
            .hint = Some("give errors, categories and tags folders of their own".into());
        }
    }
}

/// A page of the content that wants a place: a record's code or alias, or a page.
/// It borrows what it names, so the one check that costs something per record (its
/// place in the map of places taken) allocates nothing more than the place.
struct Claimant<'a> {
    location: Location,
    source: ClaimSource<'a>,
}

enum ClaimSource<'a> {
    /// A record's code or alias: it belongs in the errors' folder.
    Record(&'a Claim),
    Page(&'a CheckedPage),
}

impl Claimant<'_> {
    /// "code `X`", "alias `x`", "the page `content/pages/a.md`".
    fn what(&self) -> String {
        match self.source {
            ClaimSource::Record(claim) => claim.what(),
            ClaimSource::Page(page) => format!(
                "the page `{}`",
                crate::diagnostics::display_path(&page.page.path)
            ),
        }
    }

    fn file(&self) -> &Path {
        match self.source {
            ClaimSource::Record(claim) => &claim.file,
            ClaimSource::Page(page) => &page.page.path,
        }
    }

    fn position(&self) -> Option<Position> {
        match self.source {
            ClaimSource::Record(claim) => claim.position,
            ClaimSource::Page(_) => None,
        }
    }

    fn is_record(&self) -> bool {
        matches!(self.source, ClaimSource::Record(_))
    }
}

/// Reports every code, alias and page whose page would take a place errdocs keeps
/// (the lists, the API, a file of the theme...) or another's place.
pub(crate) fn check_places(
    paths: &Paths,
    (claims, languages): (&[Claim], &[String]),
    pages: &[CheckedPage],
    assets: &BTreeMap<String, Vec<u8>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut reserved = paths.reserved();
    // The folder of each other language's pages.
    reserved.extend(languages.iter().skip(1).map(|tag| Reserved {
        location: paths.in_language(Some(tag)).home(),
        what: "the pages of another language",
        owns_folder: true,
        by_urls: false,
    }));
    reserved.extend(assets.iter().map(|(name, bytes)| Reserved {
        location: paths.asset(name, bytes),
        what: "a file of the theme",
        owns_folder: false,
        by_urls: false,
    }));
    let records = claims.iter().map(|claim| Claimant {
        location: paths.record(&claim.key),
        source: ClaimSource::Record(claim),
    });
    let pages_claimants = pages.iter().map(|page| Claimant {
        location: paths.content_page(&page.page.file),
        source: ClaimSource::Page(page),
    });
    let errors_index = paths.errors_index();
    // Sized up front: at 10,000 records, growing it was most of this check's time.
    let mut taken: HashMap<Location, Claimant> = HashMap::with_capacity(claims.len() + pages.len());
    for claimant in records.chain(pages_claimants) {
        let place = (reserved.iter())
            .filter(|r| !(claimant.is_record() && r.location == errors_index && r.owns_folder))
            .find(|r| r.taken_by(&claimant.location));
        if let Some(place) = place {
            diagnostics.push(collision(&claimant, place.what, &claimant.location));
        } else if let Some(first) = taken.get(&claimant.location) {
            // Codes and aliases are unique among themselves (`duplicate-code`).
            if !(first.is_record() && claimant.is_record()) {
                let what = format!(
                    "{} ({})",
                    first.what(),
                    crate::diagnostics::display_path(first.file())
                );
                diagnostics.push(collision(&claimant, &what, &claimant.location));
            }
        } else {
            taken.insert(claimant.location.clone(), claimant);
        }
    }
}

fn collision(claimant: &Claimant, what: &str, location: &Location) -> Diagnostic {
    Diagnostic::error(
        "url-collision",
        claimant.file(),
        format!(
            "{} would be built at `/{}`, where {what} goes",
            claimant.what(),
            location.as_str()
        ),
    )
    .at(claimant.position())
    .with_hint(if claimant.is_record() {
        "rename the code or alias, or move the error pages to a folder of their own (`urls: {errors: errors}` in site.yaml)"
    } else {
        "rename the page's file or folder"
    })
}
