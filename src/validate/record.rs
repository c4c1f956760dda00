//! One record file, checked on its own: unknown keys, the required keys present, and
//! each field by its own function ([`super::fields`]), in the order of the table of
//! record fields ([`crate::fields`]).

use super::categories::CheckedCategory;
use super::checker::Checker;
use super::fields;
use crate::diagnostics::{Diagnostic, Position};
use std::path::PathBuf;

use crate::load::SourceFile;
use crate::load::raw::{Located, RawRecord};
use crate::model::{Record, slug_of};

/// A record file whose code could be read: the record when it passed its own checks,
/// and what the checks across files need, whether or not it did.
#[derive(Clone, Debug)]
pub(crate) struct CheckedRecord {
    pub(super) record: Option<Record>,
    pub(super) links: Links,
}

/// How a record links into the site: its code and aliases (claimed across the site) and
/// its `related` codes (which must exist), with where each is written.
#[derive(Clone, Debug)]
pub(super) struct Links {
    pub path: PathBuf,
    pub code: String,
    pub code_position: Option<Position>,
    pub aliases: Vec<String>,
    pub alias_positions: Vec<Option<Position>>,
    pub related: Vec<String>,
    pub related_positions: Vec<Option<Position>>,
}

/// What the check of each field sees and leaves for the others.
pub(super) struct RecordCheck<'a> {
    pub c: Checker<'a>,
    pub file: &'a SourceFile,
    /// The record's mapping, where record-wide problems (a missing key) are reported.
    pub raw: &'a Located<RawRecord>,
    /// The site's categories, when `content/categories.yaml` could be read, so an
    /// undefined category is reported even when other fields fail.
    pub categories: Option<&'a [CheckedCategory]>,
    /// The record's code once checked (the table checks it first): `aliases` and
    /// `related` must not repeat it.
    pub code: Option<String>,
    pub code_position: Option<Position>,
    pub aliases: Vec<String>,
    pub alias_positions: Vec<Option<Position>>,
    pub related: Vec<String>,
    pub related_positions: Vec<Option<Position>>,
}

/// How the record says "this record" in messages about a missing key.
const WHAT: &str = "this record";

/// `check_fields` from the table of record fields: each required key reported when
/// missing, then every field checked by its function in [`super::fields`] (all of
/// them, so that every problem is reported), then the record when none failed.
macro_rules! check_fields {
    (all [$({ $name:ident, $presence:ident, ($raw:ty), ($model:ty), [$($doc:literal),*], ($($schema:tt)*), $reach:ident, $api:ident, $api_doc:literal, $search:ident, [$($fact:literal)?], ($($required:tt)*) })*] $($groups:tt)*) => {
        fn check_fields(cx: &mut RecordCheck) -> Option<Record> {
            let raw = cx.raw;
            let r = raw.value();
            $(
                let $name = check_fields!(@check $presence cx raw r $name);
            )*
            let mut record = Record {
                $($name: $name?,)*
                slug: String::new(),
                path: cx.file.path.clone(),
            };
            record.slug = slug_of(&record.code);
            Some(record)
        }
    };
    (@check required $cx:ident $raw:ident $r:ident $name:ident) => {
        $cx.c
            .required(&$r.$name, stringify!($name), $raw, WHAT)
            .and_then(|value| fields::$name($cx, value))
    };
    (@check optional $cx:ident $raw:ident $r:ident $name:ident) => {
        Some(fields::$name($cx, $r.$name.as_ref()))
    };
}
crate::fields::with_record_fields!(check_fields);

/// Checks one record file. `categories` are the site's (when categories.yaml loaded),
/// so an undefined category is reported even when other fields of the record fail.
/// `None` when the record's code could not be read; otherwise its links, and the
/// record when every field passed.
pub(super) fn check_record(
    file: &SourceFile,
    raw: &Located<RawRecord>,
    categories: Option<&[CheckedCategory]>,
    found: &mut Vec<Diagnostic>,
) -> Option<CheckedRecord> {
    let mut cx = RecordCheck {
        c: Checker { file, found },
        file,
        raw,
        categories,
        code: None,
        code_position: None,
        aliases: Vec::new(),
        alias_positions: Vec::new(),
        related: Vec::new(),
        related_positions: Vec::new(),
    };
    cx.c.unknown_keys::<RawRecord>(&raw.value().unknown_keys);
    let record = check_fields(&mut cx);
    let links = Links {
        path: file.path.clone(),
        code: cx.code?,
        code_position: cx.code_position,
        aliases: cx.aliases,
        alias_positions: cx.alias_positions,
        related: cx.related,
        related_positions: cx.related_positions,
    };
    Some(CheckedRecord { record, links })
}

/// The code a record file names, as a key (in lower case), for a record whose code
/// could not be checked: `related` links to it are then not reported again.
pub(super) fn broken_code(raw: &Located<RawRecord>) -> Option<String> {
    (raw.value().code.as_ref()).map(|code| slug_of(code.value().trim()))
}
