//! One record file, checked on its own: unknown keys, the required keys present, and
//! each field by its own function ([`super::fields`]), in the order of the table of
//! record fields ([`crate::fields`]).

use std::path::PathBuf;

use super::RecordRules;
use super::categories::CheckedCategory;
use super::checker::Checker;
use super::links::{FoundLink, links_in_value};
use super::{declared, fields};
use crate::diagnostics::{Diagnostic, Position};
use crate::load::raw::{Located, RawRecord, RawValue};
use crate::load::{Loaded, SourceFile};
use crate::model::declared::{FieldDeclaration, FieldType};
use crate::model::{Entry, Record, slug_of};

/// A record file whose code could be read: the record when it passed its own checks,
/// and what the checks across files need, whether or not it did.
#[derive(Clone, Debug)]
pub(crate) struct CheckedRecord {
    /// The record, when it passed its own checks and the caller keeps whole records
    /// ([`Keep::Records`]).
    pub(super) record: Option<Record>,
    /// What the site keeps of it, when it passed its own checks.
    pub(super) entry: Option<Entry>,
    pub(super) links: Links,
    /// The checked links of its Markdown (`@CODE`, `@/page.md`).
    pub(super) markdown_links: Vec<FoundLink>,
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
    /// The file's text.
    pub source: &'a str,
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
                declared: Vec::new(),
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

/// Checks one record file against the site's `rules`: its categories (when
/// categories.yaml loaded, so an undefined category is reported even when other fields
/// of the record fail) and its declared fields. `None` when the record's code could
/// not be read; otherwise its links, and the record when every field passed.
pub(super) fn check_record(
    raw: &Loaded<Located<RawRecord>>,
    rules: RecordRules,
    found: &mut Vec<Diagnostic>,
) -> Option<CheckedRecord> {
    let file = &raw.file;
    let mut cx = RecordCheck {
        c: Checker { file, found },
        file,
        raw: &raw.value,
        source: &raw.text,
        categories: rules.categories,
        code: None,
        code_position: None,
        aliases: Vec::new(),
        alias_positions: Vec::new(),
        related: Vec::new(),
        related_positions: Vec::new(),
    };
    let values = declared::check_record_fields(&mut cx, rules.declared);
    let declared = rules.declared.map_or(&[][..], |d| d.fields);
    let record = check_fields(&mut cx).map(|record| Record {
        declared: values,
        ..record
    });
    let markdown_links = markdown_links(&cx, declared);
    let links = Links {
        path: file.path.clone(),
        code: cx.code?,
        code_position: cx.code_position,
        aliases: cx.aliases,
        alias_positions: cx.alias_positions,
        related: cx.related,
        related_positions: cx.related_positions,
    };
    Some(CheckedRecord {
        entry: record.as_ref().map(Entry::of),
        record,
        links,
        markdown_links,
    })
}

/// The checked links of every Markdown text of the record: summary, causes, fixes,
/// FAQ answers and its declared `markdown` fields.
fn markdown_links(cx: &RecordCheck, declared: &[FieldDeclaration]) -> Vec<FoundLink> {
    let r = cx.raw.value();
    let mut texts: Vec<&Located<String>> = Vec::new();
    texts.extend(&r.summary);
    for list in [&r.causes, &r.fixes] {
        texts.extend(list.iter().flat_map(|l| l.value()));
    }
    let answers = r.faq.iter().flat_map(|l| l.value());
    texts.extend(answers.filter_map(|f| f.value().answer.as_ref()));
    let mut links = Vec::new();
    for text in texts {
        let at = cx.file.position(text);
        links.extend(links_in_value(text.value(), &cx.file.path, cx.source, at));
    }
    let is_markdown = |key: &Located<String>| {
        (declared.iter()).any(|d| d.key == *key.value() && d.kind == FieldType::Markdown)
    };
    for (key, value) in r.unknown_keys.iter().zip(&r.unknown_values) {
        if let RawValue::Text(text) = value.value()
            && is_markdown(key)
        {
            let at = cx.file.position(value);
            links.extend(links_in_value(text, &cx.file.path, cx.source, at));
        }
    }
    links
}

/// The code a record file names, as a key (in lower case), for a record whose code
/// could not be checked: `related` links to it are then not reported again.
pub(super) fn broken_code(raw: &Located<RawRecord>) -> Option<String> {
    (raw.value().code.as_ref()).map(|code| slug_of(code.value().trim()))
}
