//! Validate: raw, located values → checked [`Record`]s, [`Category`]s and [`SiteConfig`],
//! and a [`Diagnostic`] for every rule of the contract that is broken.
//!
//! Each file is checked on its own first (in parallel): unknown and missing keys,
//! patterns, lengths, URLs, dates. Then the checks that need every file: codes and
//! aliases unique ignoring case, categories defined, `related` codes existing. All
//! problems of a run are reported, never just the first.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Position, Related, did_you_mean};
use crate::load::raw::{
    Located, RawCategory, RawFaq, RawMapping, RawRecord, RawSiteConfig, RawSource, UnknownKey,
};
use crate::load::{CATEGORIES_FILE, LoadedSite, SourceFile};
use crate::model::{Category, Faq, Record, Severity, SiteConfig, Source};

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 160;
/// More `related` codes than this is a warning: the list stops being a guide.
pub const MAX_RELATED_BEFORE_WARNING: usize = 10;
/// Text that `errdocs new` writes where a contributor must fill in: a record still
/// containing it fails `check`, so a skeleton is never merged by accident.
pub const PLACEHOLDER: &str = "TODO";

/// What validation produced: the parts of the model, when there were no errors.
#[derive(Debug)]
pub struct Validated {
    pub config: SiteConfig,
    pub categories: Vec<Category>,
    /// Every valid record, drafts included (the caller decides whether to build them).
    pub records: Vec<Record>,
}

/// Checks everything that was loaded. Returns every diagnostic, sorted by file and
/// line, and the validated parts whenever `site.yaml` and `categories.yaml` could be
/// used: with errors elsewhere, only the records that passed their own checks, and
/// `related` links to missing codes dropped. The caller decides whether errors stop it
/// (`build` refuses any; `explain` shows the records that are fine).
pub fn validate(loaded: LoadedSite) -> (Option<Validated>, Vec<Diagnostic>) {
    let mut diagnostics = loaded.diagnostics;

    let config = loaded
        .config
        .and_then(|c| check_config(&c.file, &c.value, &mut diagnostics));
    let categories = loaded
        .categories
        .map(|c| check_categories(&c.file, &c.value, &mut diagnostics));

    // Each record is read, parsed and checked on its own thread, and only its checked
    // form is kept: the raw form (every value with two source locations) is dropped here.
    let files: Vec<CheckedFile> = loaded
        .record_paths
        .par_iter()
        .map(|path| check_record_file(&loaded.root, path, categories.as_deref()))
        .collect();
    check_across(config, categories, files, diagnostics)
}

/// One record file read and checked on its own: the first half of validation. The
/// preview server (`errdocs serve`) keeps these between saves, so that a save re-checks
/// only the files that changed.
#[derive(Clone, Debug)]
pub(crate) struct CheckedFile {
    record: Option<CheckedRecord>,
    diagnostics: Vec<Diagnostic>,
    /// The code of a record that failed its own checks, if it has one.
    broken_code: Option<String>,
}

impl CheckedFile {
    /// The record, when the file passed its own checks.
    pub(crate) fn record(&self) -> Option<&Record> {
        self.record.as_ref().map(|r| &r.record)
    }

    /// The problems found in the file on its own.
    pub(crate) fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

/// Reads, parses and checks one record file (`path` relative to `root`) on its own:
/// keys, patterns, lengths, URLs, dates, its category. The checks that need every
/// file come in [`check_across`].
pub(crate) fn check_record_file(
    root: &Path,
    path: &Path,
    categories: Option<&[CheckedCategory]>,
) -> CheckedFile {
    let mut found = Vec::new();
    match crate::load::load_record(root, path) {
        Ok(raw) => {
            let record = check_record(&raw.file, &raw.value, categories, &mut found);
            let broken_code = match &record {
                Some(_) => None,
                None => raw
                    .value
                    .value()
                    .code
                    .as_ref()
                    .map(|code| code.value().trim().to_lowercase()),
            };
            CheckedFile {
                record,
                diagnostics: found,
                broken_code,
            }
        }
        Err(diagnostic) => CheckedFile {
            record: None,
            diagnostics: vec![diagnostic],
            broken_code: None,
        },
    }
}

/// The second half of validation: the checks across record files (codes and aliases
/// unique, `related` codes existing), given the checked settings and categories, each
/// record file checked on its own (in path order), and the diagnostics so far.
pub(crate) fn check_across(
    config: Option<SiteConfig>,
    categories: Option<Vec<CheckedCategory>>,
    files: impl IntoIterator<Item = CheckedFile>,
    mut diagnostics: Vec<Diagnostic>,
) -> (Option<Validated>, Vec<Diagnostic>) {
    let mut records = Vec::new();
    // Codes of records that failed their own checks: `related` links to them are not
    // reported again (the broken file already has its errors; one fix clears both).
    let mut broken_codes = HashSet::new();
    for file in files {
        diagnostics.extend(file.diagnostics);
        records.extend(file.record);
        broken_codes.extend(file.broken_code);
    }

    check_unique_codes(&records, &mut diagnostics);
    check_related_exist(&mut records, &broken_codes, &mut diagnostics);

    for d in &mut diagnostics {
        d.message = shorten_quoted(&d.message);
        d.hint = d.hint.as_deref().map(shorten_quoted);
    }
    crate::diagnostics::sort(&mut diagnostics);
    match (config, categories) {
        (Some(config), Some(categories)) => {
            let records = records.into_iter().map(|r| r.record).collect();
            (
                Some(Validated {
                    config,
                    categories: categories.into_iter().map(|c| c.category).collect(),
                    records,
                }),
                diagnostics,
            )
        }
        _ => (None, diagnostics),
    }
}

/// The longest stretch of a message between two backticks that is shown whole. Messages
/// quote the values they judge (`like this`); a hostile record must not make a report
/// echo a megabyte of its own text, so longer values are cut to [`SHOWN_CHARS`].
const MAX_QUOTED_CHARS: usize = 160;
const SHOWN_CHARS: usize = 80;

/// Cuts every backtick-delimited part of `text` longer than [`MAX_QUOTED_CHARS`]. Every
/// part is judged, not just the odd ones, so a value holding a backtick of its own
/// cannot slip through; errdocs' own wording never has such long parts.
fn shorten_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(1024));
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let length = part.chars().count();
        if length > MAX_QUOTED_CHARS {
            out.extend(part.chars().take(SHOWN_CHARS));
            out.push_str(&format!("… ({length} characters)"));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// A record that passed its own checks, with the positions the cross-file checks need.
#[derive(Clone, Debug)]
struct CheckedRecord {
    record: Record,
    code_position: Option<Position>,
    alias_positions: Vec<Option<Position>>,
    related_positions: Vec<Option<Position>>,
}

/// Collects the diagnostics of one file, so checks read as one line each.
struct Checker<'a> {
    file: &'a SourceFile,
    found: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error<T>(
        &mut self,
        rule: &'static str,
        at: &Located<T>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let position = self.file.position(at);
        self.found
            .push(Diagnostic::error(rule, &self.file.path, message).at(position));
        self.found.last_mut().expect("just pushed")
    }

    fn warning<T>(
        &mut self,
        rule: &'static str,
        at: &Located<T>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let position = self.file.position(at);
        self.found
            .push(Diagnostic::warning(rule, &self.file.path, message).at(position));
        self.found.last_mut().expect("just pushed")
    }

    fn unknown_keys<T: RawMapping>(&mut self, keys: &[UnknownKey]) {
        for key in keys {
            let hint = did_you_mean(key.value(), T::KEYS.iter().copied())
                .map(|k| format!("did you mean `{k}`?"))
                .unwrap_or_else(|| format!("{} has the keys: {}", T::WHAT, T::KEYS.join(", ")));
            self.error(
                "unknown-key",
                key,
                format!("unknown key `{}` in {}", key.value(), T::WHAT),
            )
            .hint = Some(hint);
        }
    }

    /// A required key: reports it missing (at the start of its mapping) and returns `None`.
    /// When an unknown key of the mapping looks like a misspelling of it, the report
    /// says so and points there too.
    fn required<'v, T, M: RawMapping>(
        &mut self,
        value: &'v Option<Located<T>>,
        key: &str,
        mapping: &Located<M>,
        what: &str,
    ) -> Option<&'v Located<T>> {
        if value.is_none() {
            let misspelled = mapping.value().unknown_keys().iter().find(|unknown| {
                did_you_mean(unknown.value(), M::KEYS.iter().copied()) == Some(key)
            });
            let position = misspelled.and_then(|m| self.file.position(m));
            let path = self.file.path.clone();
            let diagnostic = self.error(
                "missing-key",
                mapping,
                format!("{what} is missing the required key `{key}`"),
            );
            match misspelled {
                Some(m) => {
                    diagnostic.hint = Some(format!("rename `{}` to `{key}`", m.value()));
                    diagnostic.related.push(Related {
                        file: path,
                        position,
                        label: format!("`{}` looks like a misspelling of `{key}`", m.value()),
                    });
                }
                None => diagnostic.hint = Some(format!("add `{key}:` to {what}")),
            }
        }
        value.as_ref()
    }

    /// A text that must not be empty and must not still hold a placeholder.
    fn text(&mut self, value: &Located<String>, key: &str) -> Option<String> {
        self.text_named(value, key, &format!("`{key}`"))
    }

    /// [`Checker::text`] for a value that `name` describes in messages, such as
    /// "`causes` item 2".
    fn text_named(&mut self, value: &Located<String>, key: &str, name: &str) -> Option<String> {
        let text = value.value().trim();
        if text.is_empty() {
            self.error("empty-field", value, format!("{name} is empty"));
            None
        } else if text.starts_with(PLACEHOLDER) {
            // Quote the placeholder's first line, so the message alone says which
            // guidance of the skeleton is still waiting to be replaced.
            let first_line = text.lines().next().unwrap_or(text);
            let shown: String = first_line.chars().take(70).collect();
            let ellipsis = if shown.len() < first_line.len() {
                "…"
            } else {
                ""
            };
            self.error(
                "placeholder",
                value,
                format!("{name} is still the placeholder of `errdocs new`: \"{shown}{ellipsis}\""),
            )
            .hint = Some(format!(
                "replace the `{PLACEHOLDER}` text with the real {key}; a record with placeholders never passes `check`"
            ));
            None
        } else {
            Some(text.to_string())
        }
    }

    /// A one-line plain-text field of at most `max` characters.
    fn line(&mut self, value: &Located<String>, key: &str, max: usize) -> Option<String> {
        let text = self.text(value, key)?;
        if text.contains('\n') {
            self.error(
                "multi-line",
                value,
                format!("`{key}` must be one line of plain text"),
            );
            return None;
        }
        let length = text.chars().count();
        if length > max {
            self.error(
                "too-long",
                value,
                format!("`{key}` is {length} characters long; the most is {max}"),
            );
            return None;
        }
        Some(text)
    }

    /// A list of Markdown texts that needs at least one item.
    fn text_list(
        &mut self,
        value: &Located<Vec<Located<String>>>,
        key: &str,
    ) -> Option<Vec<String>> {
        if value.value().is_empty() {
            self.error(
                "empty-list",
                value,
                format!("`{key}` needs at least one item"),
            );
            return None;
        }
        let several = value.value().len() > 1;
        let texts: Vec<Option<String>> = value
            .value()
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let name = if several {
                    format!("`{key}` item {}", i + 1)
                } else {
                    format!("`{key}`")
                };
                self.text_named(item, key, &name)
            })
            .collect();
        texts.into_iter().collect()
    }
}

/// Whether `text` is a valid code or alias (the contract's pattern); also keeps
/// `errdocs new` from writing outside `content/errors/`.
pub fn is_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    // `errors/index.html/` would collide with the A–Z page `errors/index.html`.
    !text.eq_ignore_ascii_case("index.html")
        && !bytes.is_empty()
        && bytes.len() <= 80
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// Whether `text` is a slug: lower-case letters, digits and `-`.
pub fn is_slug(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// The code pattern in words, for messages.
pub const CODE_RULE: &str = "letters, digits, `_`, `.` and `-`, starting with a letter or digit, at most 80 characters, and not `index.html`";

/// An absolute http(s) URL, spelled out as such: the URL parser also accepts forms such
/// as `http:host` or `https:\\host` that browsers resolve differently, and the text (not
/// the parsed URL) is what ends up on the page.
fn http_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && url::Url::parse(text)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

/// Checks one record file. `categories` are the site's (when categories.yaml loaded),
/// so an undefined category is reported even when other fields of the record fail.
fn check_record(
    file: &SourceFile,
    raw: &Located<RawRecord>,
    categories: Option<&[CheckedCategory]>,
    found: &mut Vec<Diagnostic>,
) -> Option<CheckedRecord> {
    let mut c = Checker { file, found };
    let r = raw.value();
    c.unknown_keys::<RawRecord>(&r.unknown_keys);
    let what = "this record";
    let code = c.required(&r.code, "code", raw, what);
    let title = c.required(&r.title, "title", raw, what);
    let category = c.required(&r.category, "category", raw, what);
    let severity = c.required(&r.severity, "severity", raw, what);
    let summary = c.required(&r.summary, "summary", raw, what);
    let causes = c.required(&r.causes, "causes", raw, what);
    let fixes = c.required(&r.fixes, "fixes", raw, what);

    let code_text = code.and_then(|code| {
        let text = code.value().trim();
        let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if !is_code(text) {
            c.error(
                "invalid-code",
                code,
                format!("`{text}` is not a valid code: use {CODE_RULE}"),
            );
            None
        } else if text != stem {
            c.error(
                "code-file-mismatch",
                code,
                format!("the code `{text}` does not match the file name `{stem}.yaml`"),
            )
            .hint = Some(format!(
                "rename the file to `{text}.yaml`, or set `code: {stem}`"
            ));
            None
        } else {
            Some(text.to_string())
        }
    });
    let title = title.and_then(|t| c.line(t, "title", MAX_TITLE_CHARS));
    let category_text = category.and_then(|cat| {
        let text = cat.value().trim();
        if is_slug(text) {
            if let Some(categories) = categories
                && !categories.iter().any(|c| c.category.slug == text)
            {
                c.error(
                    "unknown-category",
                    cat,
                    format!("the category `{text}` is not defined in {CATEGORIES_FILE}"),
                )
                .hint = Some(unknown_category_hint(
                    text,
                    categories.iter().map(|c| c.category.slug.as_str()),
                ));
            }
            Some(text.to_string())
        } else {
            c.error(
                "invalid-category",
                cat,
                format!("`{text}` is not a category slug (lower-case letters, digits and `-`)"),
            );
            None
        }
    });
    let severity = severity.and_then(|s| {
        let parsed = Severity::parse(s.value().trim());
        if parsed.is_none() {
            let hint = did_you_mean(s.value().trim(), Severity::NAMES)
                .map(|n| format!("did you mean `{n}`?"))
                .unwrap_or_else(|| format!("use one of: {}", Severity::NAMES.join(", ")));
            c.error(
                "invalid-severity",
                s,
                format!("`{}` is not a severity", s.value()),
            )
            .hint = Some(hint);
        }
        parsed
    });
    let summary = summary.and_then(|s| c.text(s, "summary"));
    let causes = causes.and_then(|l| c.text_list(l, "causes"));
    let fixes = fixes.and_then(|l| c.text_list(l, "fixes"));
    let product = r
        .product
        .as_ref()
        .and_then(|p| c.line(p, "product", MAX_TITLE_CHARS));
    let message = r.message.as_ref().and_then(|m| c.text(m, "message"));

    let mut faq = Vec::new();
    for entry in r.faq.iter().flat_map(|l| l.value()) {
        let e: &RawFaq = entry.value();
        c.unknown_keys::<RawFaq>(&e.unknown_keys);
        let question = c
            .required(&e.question, "question", entry, "this FAQ entry")
            .and_then(|q| c.line(q, "question", 300));
        let answer = c
            .required(&e.answer, "answer", entry, "this FAQ entry")
            .and_then(|a| c.text(a, "answer"));
        if let (Some(question), Some(answer)) = (question, answer) {
            faq.push(Faq { question, answer });
        }
    }

    let mut sources = Vec::new();
    for entry in r.sources.iter().flat_map(|l| l.value()) {
        let s: &RawSource = entry.value();
        c.unknown_keys::<RawSource>(&s.unknown_keys);
        let title = c
            .required(&s.title, "title", entry, "this source")
            .and_then(|t| c.line(t, "title", 300));
        let url = c
            .required(&s.url, "url", entry, "this source")
            .and_then(|u| {
                let text = u.value().trim();
                if http_url(text) {
                    Some(text.to_string())
                } else {
                    c.error("invalid-url", u, format!("`{text}` is not an http(s) URL"))
                        .hint = Some("sources must be web pages: `https://...`".into());
                    None
                }
            });
        if let (Some(title), Some(url)) = (title, url) {
            sources.push(Source { title, url });
        }
    }
    if r.sources.as_ref().is_none_or(|s| s.value().is_empty()) {
        c.warning("no-sources", raw, "this record has no `sources`")
            .hint =
            Some("add the page that documents this error, so readers can check the facts".into());
    }

    let mut tags = Vec::new();
    for tag in r.tags.iter().flat_map(|l| l.value()) {
        let text = tag.value().trim();
        if is_slug(text) {
            if !tags.iter().any(|t| t == text) {
                tags.push(text.to_string());
            }
        } else {
            c.error(
                "invalid-tag",
                tag,
                format!("`{text}` is not a tag: use lower-case letters, digits and `-`"),
            )
            .hint = Some(format!("write it as `{}`", slugify(text)));
        }
    }

    let mut aliases = Vec::new();
    let mut alias_positions = Vec::new();
    for alias in r.aliases.iter().flat_map(|l| l.value()) {
        let text = alias.value().trim();
        if !is_code(text) {
            c.error(
                "invalid-alias",
                alias,
                format!("`{text}` is not a valid alias: use {CODE_RULE}"),
            );
        } else if code_text
            .as_deref()
            .is_some_and(|code| code.eq_ignore_ascii_case(text))
        {
            c.error(
                "alias-is-code",
                alias,
                format!("the alias `{text}` is the record's own code"),
            );
        } else if !aliases
            .iter()
            .any(|a: &String| a.eq_ignore_ascii_case(text))
        {
            aliases.push(text.to_string());
            alias_positions.push(file.position(alias));
        }
    }

    let mut related = Vec::new();
    let mut related_positions = Vec::new();
    if let Some(list) = &r.related {
        if list.value().len() > MAX_RELATED_BEFORE_WARNING {
            c.warning(
                "too-many-related",
                list,
                format!("`related` lists {} codes", list.value().len()),
            )
            .hint = Some(format!(
                "keep the {MAX_RELATED_BEFORE_WARNING} a reader is most likely to need next"
            ));
        }
        for item in list.value() {
            let text = item.value().trim();
            if code_text
                .as_deref()
                .is_some_and(|code| code.eq_ignore_ascii_case(text))
            {
                c.error(
                    "related-self",
                    item,
                    format!("`related` names the record itself (`{text}`)"),
                );
            } else if !related
                .iter()
                .any(|r: &String| r.eq_ignore_ascii_case(text))
            {
                related.push(text.to_string());
                related_positions.push(file.position(item));
            }
        }
    }

    let updated = r.updated.as_ref().and_then(|u| {
        let text = u.value().trim();
        match text.parse::<jiff::civil::Date>() {
            Ok(date) if text.len() == 10 => Some(date),
            _ => {
                c.error("invalid-date", u, format!("`{text}` is not a real date"))
                    .hint = Some("write an ISO date such as `2026-11-26`".into());
                None
            }
        }
    });

    Some(CheckedRecord {
        code_position: code.and_then(|v| file.position(v)),
        alias_positions,
        related_positions,
        record: Record {
            slug: crate::model::slug_of(code_text.as_deref()?),
            code: code_text?,
            title: title?,
            category: category_text?,
            severity: severity?,
            product,
            message,
            summary: summary?,
            causes: causes?,
            fixes: fixes?,
            faq,
            related,
            aliases,
            tags,
            sources,
            updated,
            draft: r.draft.as_ref().is_some_and(|d| *d.value()),
            path: file.path.clone(),
        },
    })
}

/// A best guess at the slug a contributor meant, for hints.
fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Codes and aliases are URLs and search keys: two that differ only in case would
/// collide on a case-insensitive host, so they must be unique ignoring case.
fn check_unique_codes(records: &[CheckedRecord], diagnostics: &mut Vec<Diagnostic>) {
    // key → (file, position, what it is) of the first claim, in path order.
    let mut claimed: BTreeMap<String, (&Path, Option<Position>, String)> = BTreeMap::new();
    let mut claims: Vec<(String, &Path, Option<Position>, String, bool)> = Vec::new();
    for r in records {
        claims.push((
            r.record.code.to_lowercase(),
            &r.record.path,
            r.code_position,
            format!("code `{}`", r.record.code),
            true,
        ));
        for (alias, position) in r.record.aliases.iter().zip(&r.alias_positions) {
            claims.push((
                alias.to_lowercase(),
                &r.record.path,
                *position,
                format!("alias `{alias}`"),
                false,
            ));
        }
    }
    // Codes claim first, so an alias that equals a code is reported at the alias.
    claims.sort_by(|a, b| b.4.cmp(&a.4).then_with(|| a.1.cmp(b.1)));
    for (key, path, position, what, _) in claims {
        match claimed.get(&key) {
            Some((first_path, first_position, first_what)) => {
                diagnostics.push(
                    Diagnostic::error(
                        "duplicate-code",
                        path,
                        format!("the {what} is already used (ignoring case) as the {first_what}"),
                    )
                    .at(position)
                    .with_related(
                        first_path.to_path_buf(),
                        *first_position,
                        format!("{first_what} is defined here"),
                    ),
                );
            }
            None => {
                claimed.insert(key, (path, position, what));
            }
        }
    }
}

/// "did you mean ...?" for a category that is not defined, or the list of categories.
pub fn unknown_category_hint<'a>(slug: &str, slugs: impl IntoIterator<Item = &'a str>) -> String {
    let slugs: Vec<&str> = slugs.into_iter().collect();
    did_you_mean(slug, slugs.iter().copied())
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| {
            format!(
                "define it in {CATEGORIES_FILE}, or use one of: {}",
                slugs.join(", ")
            )
        })
}

/// Every `related` code must be a record's code or alias; each is rewritten to the
/// canonical code it names.
fn check_related_exist(
    records: &mut [CheckedRecord],
    broken_codes: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut by_key: HashMap<String, String> = HashMap::with_capacity(records.len() * 2);
    for r in records.iter() {
        by_key.insert(r.record.code.to_lowercase(), r.record.code.clone());
        for alias in &r.record.aliases {
            by_key
                .entry(alias.to_lowercase())
                .or_insert_with(|| r.record.code.clone());
        }
    }
    for r in records.iter_mut() {
        let mut resolved = Vec::with_capacity(r.record.related.len());
        for (code, position) in r.record.related.iter().zip(&r.related_positions) {
            match by_key.get(&code.to_lowercase()) {
                Some(canonical) if canonical == &r.record.code => {
                    diagnostics.push(
                        Diagnostic::error(
                            "related-self",
                            &r.record.path,
                            format!("`related` names the record itself (`{code}`, an alias)"),
                        )
                        .at(*position),
                    );
                }
                Some(canonical) => {
                    if !resolved.contains(canonical) {
                        resolved.push(canonical.clone());
                    }
                }
                None if broken_codes.contains(&code.to_lowercase()) => {}
                None => {
                    let hint = did_you_mean_code(code, by_key.values().map(String::as_str))
                        .map(|c| format!("did you mean `{c}`?"));
                    diagnostics.push(
                        Diagnostic::error("unknown-related", &r.record.path, format!("`related` names `{code}`, which is not the code of any record"))
                            .at(*position)
                            .with_optional_hint(hint.or_else(|| Some(format!("add `content/errors/<category>/{code}.yaml`, or remove it from `related`")))),
                    );
                }
            }
        }
        r.record.related = resolved;
    }
}

/// The code one edit away from `code`, if any: codes are mostly digits, so anything
/// looser suggests unrelated codes.
fn did_you_mean_code<'a>(code: &str, codes: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = code.to_lowercase();
    codes
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(distance, _)| *distance <= 1)
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

/// A category that passed its checks.
/// A category that passed its checks.
#[derive(Clone, Debug)]
pub(crate) struct CheckedCategory {
    category: Category,
}

pub(crate) fn check_categories(
    file: &SourceFile,
    raw: &Located<Vec<Located<RawCategory>>>,
    found: &mut Vec<Diagnostic>,
) -> Vec<CheckedCategory> {
    let mut c = Checker { file, found };
    let mut categories: Vec<CheckedCategory> = Vec::new();
    if raw.value().is_empty() {
        c.error("empty-list", raw, "no categories are defined").hint =
            Some("add at least one: `- slug: general` with a `title`".into());
    }
    for entry in raw.value() {
        let e: &RawCategory = entry.value();
        c.unknown_keys::<RawCategory>(&e.unknown_keys);
        let slug = c
            .required(&e.slug, "slug", entry, "this category")
            .and_then(|s| {
                let text = s.value().trim();
                if !is_slug(text) {
                    c.error(
                        "invalid-slug",
                        s,
                        format!("`{text}` is not a slug: use lower-case letters, digits and `-`"),
                    )
                    .hint = Some(format!("write it as `{}`", slugify(text)));
                    None
                } else if categories.iter().any(|cat| cat.category.slug == text) {
                    c.error(
                        "duplicate-category",
                        s,
                        format!("the category `{text}` is defined twice"),
                    );
                    None
                } else {
                    Some(text.to_string())
                }
            });
        let title = c
            .required(&e.title, "title", entry, "this category")
            .and_then(|t| c.line(t, "title", MAX_TITLE_CHARS));
        let description = e
            .description
            .as_ref()
            .and_then(|d| c.text(d, "description"))
            .unwrap_or_default();
        if let (Some(slug), Some(title)) = (slug, title) {
            categories.push(CheckedCategory {
                category: Category {
                    slug,
                    title,
                    description,
                },
            });
        }
    }
    categories
}

pub(crate) fn check_config(
    file: &SourceFile,
    raw: &Located<RawSiteConfig>,
    found: &mut Vec<Diagnostic>,
) -> Option<SiteConfig> {
    let mut c = Checker { file, found };
    let r = raw.value();
    c.unknown_keys::<RawSiteConfig>(&r.unknown_keys);
    let what = "site.yaml";
    let title = c
        .required(&r.title, "title", raw, what)
        .and_then(|t| c.line(t, "title", MAX_TITLE_CHARS));
    let base_url = c.required(&r.base_url, "base_url", raw, what).and_then(|b| {
        let normalized = normalize_base_url(b.value());
        if normalized.is_none() {
            c.error("invalid-base-url", b, format!("`{}` is not a base URL", b.value())).hint =
                Some("use an absolute URL such as `https://errors.example.com/` or a path such as `/docs/errors/`".into());
        }
        normalized
    });
    let description = r
        .description
        .as_ref()
        .and_then(|d| c.text(d, "description"));
    let language = match &r.language {
        Some(l) => {
            let text = l.value().trim();
            let valid = !text.is_empty()
                && text.split('-').all(|part| {
                    !part.is_empty()
                        && part.len() <= 8
                        && part.bytes().all(|b| b.is_ascii_alphanumeric())
                });
            if !valid {
                c.error(
                    "invalid-language",
                    l,
                    format!("`{text}` is not a language tag"),
                )
                .hint = Some("for example `en` or `en-GB`".into());
            }
            text.to_string()
        }
        None => "en".to_string(),
    };
    let product = r
        .product
        .as_ref()
        .and_then(|p| c.line(p, "product", MAX_TITLE_CHARS));
    let edit_url = r.edit_url.as_ref().and_then(|e| {
        let text = e.value().trim();
        if http_url(text) {
            Some(text.to_string())
        } else {
            c.error("invalid-url", e, format!("`{text}` is not an http(s) URL"));
            None
        }
    });
    let related_limit = r.related_limit.as_ref().map_or(8, |l| *l.value() as usize);
    if related_limit > 100 {
        c.error(
            "out-of-range",
            r.related_limit.as_ref()?,
            "`related_limit` is at most 100",
        );
    }
    Some(SiteConfig {
        title: title?,
        base_url: base_url?,
        description,
        language,
        product,
        edit_url,
        related_limit: related_limit.min(100),
    })
}

/// An absolute http(s) URL or an absolute path, always ending in `/`; `None` if it is
/// neither (a relative path would break links on every page but the home page).
pub fn normalize_base_url(text: &str) -> Option<String> {
    let text = text.trim();
    let mut base = if text.starts_with('/') && !text.starts_with("//") {
        // Quotes and angle brackets have no place in a URL path; refusing them keeps
        // the base path from ever carrying markup into an attribute or a script.
        let bad_char = |c: char| c.is_control() || "?#\\ \"'<>`".contains(c);
        if text.contains(bad_char) || text.split('/').any(|s| s == "..") {
            return None;
        }
        text.to_string()
    } else {
        let url = url::Url::parse(text).ok()?;
        if !matches!(url.scheme(), "http" | "https")
            || url.host().is_none()
            || url.query().is_some()
            || url.fragment().is_some()
        {
            return None;
        }
        url.to_string()
    };
    if !base.ends_with('/') {
        base.push('/');
    }
    Some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalized() {
        assert_eq!(
            normalize_base_url("https://example.com").as_deref(),
            Some("https://example.com/")
        );
        assert_eq!(
            normalize_base_url("/docs/errors").as_deref(),
            Some("/docs/errors/")
        );
        assert_eq!(normalize_base_url("/").as_deref(), Some("/"));
        assert_eq!(normalize_base_url("docs/"), None);
        assert_eq!(normalize_base_url("javascript:alert(1)"), None);
        assert_eq!(normalize_base_url("//evil.example/"), None);
        assert_eq!(normalize_base_url("/x\"><script>alert(1)</script>/"), None);
        assert_eq!(normalize_base_url("/docs/'onload=x/"), None);
    }

    #[test]
    fn long_quoted_values_are_cut_in_messages() {
        let long = "a".repeat(10_000);
        let message = shorten_quoted(&format!("`{long}` is not a valid code"));
        assert!(message.len() < 200, "{message}");
        assert!(
            message.ends_with("… (10000 characters)` is not a valid code"),
            "{message}"
        );
        let short = "`AADSTS1` is not a valid code: use `_`";
        assert_eq!(shorten_quoted(short), short);
    }

    #[test]
    fn codes_follow_the_contract_pattern() {
        assert!(is_code("AADSTS40009"));
        assert!(is_code("DataSource.Error"));
        assert!(!is_code("../etc"));
        assert!(!is_code("a/b"));
        assert!(!is_code(".hidden"));
        assert!(!is_code(&"a".repeat(81)));
        assert!(!is_code("INDEX.html"), "would collide with the A–Z page");
    }
}
