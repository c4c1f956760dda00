//! [`Entry`]: what `check` keeps of each record once it is checked.
//!
//! The checks across files (codes and aliases unique, `related` codes existing,
//! checked links leading to a record's page and to a section of it) need a record's
//! code, title, category, severity, tags, links and which sections its page has, not
//! its text. The text (message, summary, causes, fixes, questions, sources) is most
//! of a record's size, and `check` only reports: it keeps an entry of each record
//! ([`crate::validate::Keep::Entries`]), so its memory barely grows with the text.

use std::path::PathBuf;

use super::declared::{FieldDeclaration, FieldValue, Show};
use super::record::{Record, Severity};

/// One checked record, without its text (see the module's docs). Its fields mean
/// what the [`Record`] fields of the same names mean.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub code: String,
    pub title: String,
    pub category: String,
    pub severity: Severity,
    pub product: Option<String>,
    pub related: Vec<String>,
    pub aliases: Vec<String>,
    pub tags: Vec<String>,
    pub updated: Option<jiff::civil::Date>,
    pub draft: bool,
    pub slug: String,
    pub path: PathBuf,
    pub declared: Vec<Option<FieldValue>>,
    /// Which of the page's sections it has, for links to them (`@CODE#fixes`).
    pub anchors: Anchors,
}

/// The optional parts of a record's page that links may point at (`#fix-2`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Anchors {
    /// How many fixes: `fix-1` … `fix-N`.
    pub fixes: usize,
    pub message: bool,
    pub faq: bool,
    pub sources: bool,
}

impl Entry {
    /// What the site keeps of `record`.
    pub fn of(record: &Record) -> Entry {
        Entry {
            code: record.code.clone(),
            title: record.title.clone(),
            category: record.category.clone(),
            severity: record.severity,
            product: record.product.clone(),
            related: record.related.clone(),
            aliases: record.aliases.clone(),
            tags: record.tags.clone(),
            updated: record.updated,
            draft: record.draft,
            slug: record.slug.clone(),
            path: record.path.clone(),
            declared: record.declared.clone(),
            anchors: Anchors {
                fixes: record.fixes.len(),
                message: record.message.is_some(),
                faq: !record.faq.is_empty(),
                sources: !record.sources.is_empty(),
            },
        }
    }

    /// Whether its page has an element with the id `id` that a link may name: `code`,
    /// `meaning`, `causes`, `fixes`, `fix-1` … `fix-N`, `message`, `faq` and `sources`
    /// when it has them, and `field-KEY` for a declared field it sets that its page
    /// shows as a section.
    pub fn has_anchor(&self, id: &str, declared: &[FieldDeclaration]) -> bool {
        let a = &self.anchors;
        let fix = (id.strip_prefix("fix-"))
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| n.to_string() == id["fix-".len()..]);
        match id {
            "code" | "meaning" | "causes" | "fixes" => true,
            "message" => a.message,
            "faq" => a.faq,
            "sources" => a.sources,
            _ if fix.is_some() => fix.is_some_and(|n| (1..=a.fixes).contains(&n)),
            _ => (declared.iter().zip(&self.declared)).any(|(declaration, value)| {
                declaration.show == Show::Section && value.is_some() && declaration.anchor() == id
            }),
        }
    }
}
