//! Translations, checked: each `CODE.<lang>.yaml` on its own (only translatable keys,
//! the required ones there, each value by its field's rules), then against its
//! original: one must exist, and a translation that has fallen behind it is a warning
//! (`stale-translation`: the original was updated after it; `translation-mismatch`: the
//! numbers of causes, fixes or questions differ), naming both files and lines. And
//! `content/categories.<lang>.yaml`: titles and descriptions of defined categories.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;

use super::MAX_TITLE_CHARS;
use super::Validated;
use super::checker::Checker;
use super::fields;
use super::record::RecordCheck;
use crate::diagnostics::{Diagnostic, Position};
use crate::fields::TRANSLATED_KEYS as TRANSLATED;
use crate::load::raw::{Located, RawCategory, RawRecord};
use crate::load::translations::TranslationPath;
use crate::load::{Loaded, LoadedSite, SourceFile};
use crate::model::{Category, CategoryTranslation, Language, Languages, Record, Translation};
use crate::strings::Strings;

/// `apply_translation` from the list of translated fields
/// ([`crate::fields::with_translated_fields`]).
macro_rules! translated_fields {
    (required [$($required:ident),*] optional [$($optional:ident),*]) => {
        /// The original with each field the translation gives checked and put in its
        /// place (a required one missing is reported); `None` when one fails. Returns
        /// the optional fields it leaves out too.
        fn apply_translation(cx: &mut RecordCheck, original: &Record) -> Option<(Record, Vec<&'static str>)> {
            let raw = cx.raw;
            let r = raw.value();
            let mut record = original.clone();
            let mut ok = true;
            $(
                match cx.c.required(&r.$required, stringify!($required), raw, "this translation").and_then(|value| fields::$required(cx, value)) {
                    Some(value) => record.$required = value,
                    None => ok = false,
                }
            )*
            let mut inherited = Vec::new();
            $(
                match &r.$optional {
                    Some(value) => record.$optional = fields::$optional(cx, Some(value)),
                    None => inherited.push(stringify!($optional)),
                }
            )*
            ok.then_some((record, inherited))
        }
    };
}
crate::fields::with_translated_fields!(translated_fields);

/// `written_keys` from the table of record fields: each key a record file writes,
/// with where.
macro_rules! written_keys {
    (all [$({ $name:ident, $presence:ident, ($raw:ty), ($model:ty), [$($doc:literal),*], ($($schema:tt)*), $reach:ident, $api:ident, $api_doc:literal, $search:ident, [$($fact:literal)?], ($($required:tt)*) })*] $($groups:tt)*) => {
        fn written_keys(file: &SourceFile, raw: &RawRecord) -> Vec<(&'static str, Option<Position>)> {
            let mut keys = Vec::new();
            $(
                if let Some(value) = &raw.$name {
                    keys.push((stringify!($name), file.position(value)));
                }
            )*
            keys
        }
    };
}
crate::fields::with_record_fields!(written_keys);

/// A translation file checked on its own and against its original.
struct Checked {
    language: String,
    code: String,
    translation: Translation,
}

/// Checks every record translation and every categories translation that `loaded`
/// found, given the records and categories that passed their own checks
/// (`validated`); returns the site's languages with what each has translated
/// (`strings` in `config.languages`' order).
pub(crate) fn check_translations(
    loaded: &LoadedSite,
    validated: &Validated,
    strings: Vec<Strings>,
    found: &mut Vec<Diagnostic>,
) -> Languages {
    let (root, paths) = (loaded.root.as_path(), &loaded.translation_paths);
    let (config, originals) = (&validated.config, &validated.records);
    let by_path: HashMap<&Path, &Record> =
        originals.iter().map(|r| (r.path.as_path(), r)).collect();
    let checked: Vec<(Option<Checked>, Vec<Diagnostic>)> = paths
        .par_iter()
        .map(|path| {
            let mut found = Vec::new();
            let checked = check_file(root, path, &by_path, &mut found);
            (checked, found)
        })
        .collect();
    let mut all: Vec<Language> = (config.languages.iter().zip(strings))
        .map(|(tag, strings)| Language {
            tag: tag.clone(),
            strings,
            records: HashMap::new(),
            categories: BTreeMap::new(),
        })
        .collect();
    for (checked, diagnostics) in checked {
        found.extend(diagnostics);
        if let Some(c) = checked
            && let Some(language) = all.iter_mut().find(|l| l.tag == c.language)
        {
            language.records.insert(c.code, c.translation);
        }
    }
    for (tag, file) in &loaded.category_translations {
        found.extend(file.diagnostics.iter().cloned());
        let translated =
            check_categories_file(&file.file, &file.value, &validated.categories, found);
        if let Some(language) = all.iter_mut().find(|l| &l.tag == tag) {
            language.categories = translated;
        }
    }
    Languages {
        all,
        untranslated: config.untranslated,
    }
}

/// One translation file: its own checks, then against its original.
fn check_file(
    root: &Path,
    path: &TranslationPath,
    originals: &HashMap<&Path, &Record>,
    found: &mut Vec<Diagnostic>,
) -> Option<Checked> {
    let raw = match crate::load::load_record(root, &path.path) {
        Ok(raw) => raw,
        Err(diagnostic) => {
            found.push(diagnostic);
            return None;
        }
    };
    let Some(original) = originals.get(path.original.as_path()) else {
        if !root.join(&path.original).is_file() {
            found.push(
                Diagnostic::error(
                    "orphan-translation",
                    &path.path,
                    format!(
                        "this translation into `{}` has no original: there is no {}",
                        path.language,
                        crate::diagnostics::display_path(&path.original)
                    ),
                )
                .with_hint("rename it after the record it translates, or remove it"),
            );
        }
        // An original with errors of its own has them reported already.
        return None;
    };
    // The problems of reading the file (values of the wrong type, YAML slips).
    found.extend(raw.diagnostics.iter().cloned());
    let file = &raw.file;
    let mut c = Checker { file, found };
    for (key, position) in written_keys(file, raw.value.value()) {
        if !TRANSLATED.contains(&key) {
            c.found.push(
                Diagnostic::error(
                    "untranslatable-key",
                    &file.path,
                    format!("`{key}` is not translated: every language shows the original's"),
                )
                .at(position)
                .with_hint(format!(
                    "remove it; a translation holds only {}",
                    TRANSLATED.join(", ")
                )),
            );
        }
    }
    for key in &raw.value.value().unknown_keys {
        c.error(
            "unknown-key",
            key,
            format!("unknown key `{}` in a translation", key.value()),
        )
        .hint = Some(format!(
            "a translation holds only {}",
            TRANSLATED.join(", ")
        ));
    }
    let mut cx = RecordCheck {
        c,
        file,
        raw: &raw.value,
        source: &raw.text,
        categories: None,
        code: Some(original.code.clone()),
        code_position: None,
        aliases: Vec::new(),
        alias_positions: Vec::new(),
        related: Vec::new(),
        related_positions: Vec::new(),
    };
    let (record, inherited) = apply_translation(&mut cx, original)?;
    out_of_step(root, &raw, original, &record, &inherited, found);
    Some(Checked {
        language: path.language.clone(),
        code: original.code.clone(),
        translation: Translation { record, inherited },
    })
}

/// The warnings of a translation that has fallen behind its original: updated before
/// it, or with another number of causes, fixes or questions. Each points at both
/// files (the original is read again for its positions, only then).
fn out_of_step(
    root: &Path,
    raw: &Loaded<Located<RawRecord>>,
    original: &Record,
    translation: &Record,
    inherited: &[&str],
    found: &mut Vec<Diagnostic>,
) {
    let file = &raw.file;
    let here = Places::of(Some(raw));
    let translated_updated = if inherited.contains(&"updated") {
        None
    } else {
        translation.updated
    };
    let stale = original
        .updated
        .filter(|u| translated_updated.is_none_or(|t| t < *u));
    let faq = if inherited.contains(&"faq") {
        0
    } else {
        translation.faq.len()
    };
    let counts = [
        ("causes", original.causes.len(), translation.causes.len()),
        ("fixes", original.fixes.len(), translation.fixes.len()),
        ("faq", original.faq.len(), faq),
    ];
    if stale.is_none() && counts.iter().all(|(_, a, b)| a == b) {
        return;
    }
    let there = Places::of(crate::load::load_record(root, &original.path).ok().as_ref());
    let whole = file.position(&raw.value);
    if let Some(updated) = stale {
        let message = match translated_updated {
            Some(t) => {
                format!("the original was updated on {updated}, after this translation ({t})")
            }
            None => format!(
                "the original was updated on {updated}; this translation has no `updated` to tell whether it is as current"
            ),
        };
        found.push(
            Diagnostic::warning("stale-translation", &file.path, message)
                .at(here.get("updated").or(whole))
                .with_related(original.path.clone(), there.get("updated"), format!("the original's `updated` ({updated})"))
                .with_hint("bring the translation in line with the original, then set its `updated` to the day you did"),
        );
    }
    for (key, theirs, ours) in counts {
        if theirs != ours {
            found.push(
                Diagnostic::warning(
                    "translation-mismatch",
                    &file.path,
                    format!(
                        "this translation has {ours} `{key}` entries; the original has {theirs}"
                    ),
                )
                .at(here.get(key).or(whole))
                .with_related(
                    original.path.clone(),
                    there.get(key),
                    format!("the original's `{key}` ({theirs})"),
                )
                .with_hint(format!(
                    "translate the original's `{key}` one for one, in its order"
                )),
            );
        }
    }
}

/// Where a record file writes the keys the out-of-step warnings point at.
struct Places(Vec<(&'static str, Option<Position>)>);

impl Places {
    fn of(loaded: Option<&Loaded<Located<RawRecord>>>) -> Places {
        let Some(loaded) = loaded else {
            return Places(Vec::new());
        };
        let (file, r) = (&loaded.file, loaded.value.value());
        Places(vec![
            ("updated", r.updated.as_ref().and_then(|v| file.position(v))),
            ("causes", r.causes.as_ref().and_then(|v| file.position(v))),
            ("fixes", r.fixes.as_ref().and_then(|v| file.position(v))),
            ("faq", r.faq.as_ref().and_then(|v| file.position(v))),
        ])
    }

    fn get(&self, key: &str) -> Option<Position> {
        self.0.iter().find(|(k, _)| *k == key).and_then(|(_, p)| *p)
    }
}

/// `content/categories.<lang>.yaml`: for each entry, a defined slug, a title and an
/// optional description. Categories it leaves out show their original words.
fn check_categories_file(
    file: &SourceFile,
    raw: &Located<Vec<Located<RawCategory>>>,
    categories: &[Category],
    found: &mut Vec<Diagnostic>,
) -> BTreeMap<String, CategoryTranslation> {
    let mut c = Checker { file, found };
    let mut translated = BTreeMap::new();
    for entry in raw.value() {
        let e = entry.value();
        c.unknown_keys::<RawCategory>(&e.unknown_keys);
        let slug = c
            .required(&e.slug, "slug", entry, "this category")
            .and_then(|s| {
                let text = s.value().trim();
                if categories.iter().any(|cat| cat.slug == text) {
                    Some(text.to_string())
                } else {
                    c.error(
                        "unknown-category",
                        s,
                        format!(
                            "the category `{text}` is not defined in {}",
                            crate::load::CATEGORIES_FILE
                        ),
                    )
                    .hint = Some(super::unknown_category_hint(
                        text,
                        categories.iter().map(|c| c.slug.as_str()),
                    ));
                    None
                }
            });
        let title = c
            .required(&e.title, "title", entry, "this category")
            .and_then(|t| c.line(t, "title", MAX_TITLE_CHARS));
        let description = e
            .description
            .as_ref()
            .and_then(|d| c.text(d, "description"));
        if let (Some(slug), Some(title)) = (slug, title) {
            translated.insert(slug, CategoryTranslation { title, description });
        }
    }
    translated
}
