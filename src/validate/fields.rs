//! One function per record field, named after it: the field's rules of the contract.
//!
//! The generated `check_fields` ([`super::record`]) calls them in the order of the
//! table of record fields ([`crate::fields`]), `code` first. A required field's
//! function gets its value (a missing key is already reported) and returns `None` when
//! the value fails, which leaves the record out; an optional field's function gets
//! the value if there is one and returns what the record keeps, reporting any problem.

use super::categories::unknown_category_hint;
use super::patterns::{CODE_RULE, http_url, is_code, is_slug, slugify};
use super::record::RecordCheck;
use super::{MAX_RELATED_BEFORE_WARNING, MAX_TITLE_CHARS};
use std::path::Path;

use crate::diagnostics::{did_you_mean, display_path};
use crate::load::raw::{Located, RawFaq, RawSource};
use crate::load::{CATEGORIES_FILE, ERRORS_DIR};
use crate::model::{Faq, Severity, Source};

/// The longest FAQ question or source title, in characters.
const MAX_LINE_CHARS: usize = 300;
/// The longest symbolic name, in characters.
const MAX_SYMBOL_CHARS: usize = 120;

pub(super) fn code(cx: &mut RecordCheck, value: &Located<String>) -> Option<String> {
    let text = value.value().trim();
    let stem = (cx.file.path.file_stem())
        .and_then(|s| s.to_str())
        .unwrap_or("");
    if !is_code(text) {
        cx.c.error(
            "invalid-code",
            value,
            format!("`{text}` is not a valid code: use {CODE_RULE}"),
        );
        return None;
    }
    if text != stem {
        cx.c.error(
            "code-file-mismatch",
            value,
            format!("the code `{text}` does not match the file name `{stem}.yaml`"),
        )
        .hint = Some(format!(
            "rename the file to `{text}.yaml`, or set `code: {stem}`"
        ));
        return None;
    }
    cx.code = Some(text.to_string());
    cx.code_position = cx.file.position(value);
    cx.code.clone()
}

pub(super) fn title(cx: &mut RecordCheck, value: &Located<String>) -> Option<String> {
    cx.c.line(value, "title", MAX_TITLE_CHARS)
}

/// A category slug; one that categories.yaml does not define is reported, but the
/// record keeps it (its other fields are still checked against the site).
pub(super) fn category(cx: &mut RecordCheck, value: &Located<String>) -> Option<String> {
    let text = value.value().trim();
    if !is_slug(text) {
        cx.c.error(
            "invalid-category",
            value,
            format!("`{text}` is not a category slug (lower-case letters, digits and `-`)"),
        );
        return None;
    }
    if let Some(categories) = cx.categories
        && !categories.iter().any(|c| c.category.slug == text)
    {
        cx.c.error(
            "unknown-category",
            value,
            format!("the category `{text}` is not defined in {CATEGORIES_FILE}"),
        )
        .hint = Some(unknown_category_hint(
            text,
            categories.iter().map(|c| c.category.slug.as_str()),
        ));
    } else {
        folder_matches_category(cx, value, text);
    }
    Some(text.to_string())
}

/// A record's folder (the first one under `content/errors/`) names its category, so
/// the files show the site's structure; a record directly in `content/errors/` is
/// fine (a small site needs no folders).
fn folder_matches_category(cx: &mut RecordCheck, value: &Located<String>, category: &str) {
    let path = &cx.file.path;
    let Ok(inside) = path.strip_prefix(ERRORS_DIR) else {
        return;
    };
    let mut parts = inside.iter();
    let (Some(folder), rest) = (parts.next(), parts.as_path()) else {
        return;
    };
    if rest.as_os_str().is_empty() || folder == category {
        return;
    }
    let folder = folder.to_string_lossy();
    let moved = Path::new(ERRORS_DIR).join(category).join(rest);
    cx.c.warning(
        "folder-category",
        value,
        format!("this record is in the folder `{folder}/`, but its category is `{category}`"),
    )
    .hint = Some(format!(
        "move it to the folder of its category: `git mv {} {}` (or change `category`)",
        display_path(path),
        display_path(&moved)
    ));
}

pub(super) fn severity(cx: &mut RecordCheck, value: &Located<String>) -> Option<Severity> {
    let text = value.value().trim();
    let parsed = Severity::parse(text);
    if parsed.is_none() {
        let hint = did_you_mean(text, Severity::NAMES)
            .map(|n| format!("did you mean `{n}`?"))
            .unwrap_or_else(|| format!("use one of: {}", Severity::NAMES.join(", ")));
        cx.c.error(
            "invalid-severity",
            value,
            format!("`{}` is not a severity", value.value()),
        )
        .hint = Some(hint);
    }
    parsed
}

pub(super) fn product(cx: &mut RecordCheck, value: Option<&Located<String>>) -> Option<String> {
    value.and_then(|p| cx.c.line(p, "product", MAX_TITLE_CHARS))
}

pub(super) fn message(cx: &mut RecordCheck, value: Option<&Located<String>>) -> Option<String> {
    value.and_then(|m| cx.c.text(m, "message"))
}

pub(super) fn symbol(cx: &mut RecordCheck, value: Option<&Located<String>>) -> Option<String> {
    value.and_then(|s| cx.c.line(s, "symbol", MAX_SYMBOL_CHARS))
}

pub(super) fn summary(cx: &mut RecordCheck, value: &Located<String>) -> Option<String> {
    cx.c.text(value, "summary")
}

pub(super) fn causes(
    cx: &mut RecordCheck,
    value: &Located<Vec<Located<String>>>,
) -> Option<Vec<String>> {
    cx.c.text_list(value, "causes")
}

pub(super) fn fixes(
    cx: &mut RecordCheck,
    value: &Located<Vec<Located<String>>>,
) -> Option<Vec<String>> {
    cx.c.text_list(value, "fixes")
}

/// The entries with both a question and an answer.
pub(super) fn faq(cx: &mut RecordCheck, value: Option<&Located<Vec<Located<RawFaq>>>>) -> Vec<Faq> {
    let mut faq = Vec::new();
    for entry in value.iter().flat_map(|l| l.value()) {
        let e: &RawFaq = entry.value();
        cx.c.unknown_keys::<RawFaq>(&e.unknown_keys);
        let question =
            cx.c.required(&e.question, "question", entry, "this FAQ entry")
                .and_then(|q| cx.c.line(q, "question", MAX_LINE_CHARS));
        let answer =
            cx.c.required(&e.answer, "answer", entry, "this FAQ entry")
                .and_then(|a| cx.c.text(a, "answer"));
        if let (Some(question), Some(answer)) = (question, answer) {
            faq.push(Faq { question, answer });
        }
    }
    faq
}

/// Codes as written, each once ignoring case; the checks across files resolve them.
pub(super) fn related(
    cx: &mut RecordCheck,
    value: Option<&Located<Vec<Located<String>>>>,
) -> Vec<String> {
    let mut related: Vec<String> = Vec::new();
    let Some(list) = value else {
        return related;
    };
    if list.value().len() > MAX_RELATED_BEFORE_WARNING {
        cx.c.warning(
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
        if is_own_code(cx, text) {
            cx.c.error(
                "related-self",
                item,
                format!("`related` names the record itself (`{text}`)"),
            );
        } else if !related.iter().any(|r| r.eq_ignore_ascii_case(text)) {
            related.push(text.to_string());
            cx.related_positions.push(cx.file.position(item));
        }
    }
    cx.related = related.clone();
    related
}

/// Valid codes, each once ignoring case, other than the record's own.
pub(super) fn aliases(
    cx: &mut RecordCheck,
    value: Option<&Located<Vec<Located<String>>>>,
) -> Vec<String> {
    let mut aliases: Vec<String> = Vec::new();
    for alias in value.iter().flat_map(|l| l.value()) {
        let text = alias.value().trim();
        if !is_code(text) {
            cx.c.error(
                "invalid-alias",
                alias,
                format!("`{text}` is not a valid alias: use {CODE_RULE}"),
            );
        } else if is_own_code(cx, text) {
            cx.c.error(
                "alias-is-code",
                alias,
                format!("the alias `{text}` is the record's own code"),
            );
        } else if !aliases.iter().any(|a| a.eq_ignore_ascii_case(text)) {
            aliases.push(text.to_string());
            cx.alias_positions.push(cx.file.position(alias));
        }
    }
    cx.aliases = aliases.clone();
    aliases
}

/// Whether `text` is the record's own (valid) code, ignoring case.
fn is_own_code(cx: &RecordCheck, text: &str) -> bool {
    (cx.code.as_deref()).is_some_and(|code| code.eq_ignore_ascii_case(text))
}

/// Slugs, each once.
pub(super) fn tags(
    cx: &mut RecordCheck,
    value: Option<&Located<Vec<Located<String>>>>,
) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in value.iter().flat_map(|l| l.value()) {
        let text = tag.value().trim();
        if !is_slug(text) {
            cx.c.error(
                "invalid-tag",
                tag,
                format!("`{text}` is not a tag: use lower-case letters, digits and `-`"),
            )
            .hint = Some(format!("write it as `{}`", slugify(text)));
        } else if !tags.iter().any(|t| t == text) {
            tags.push(text.to_string());
        }
    }
    tags
}

/// The sources with a title and an http(s) URL; none at all is a warning.
pub(super) fn sources(
    cx: &mut RecordCheck,
    value: Option<&Located<Vec<Located<RawSource>>>>,
) -> Vec<Source> {
    let mut sources = Vec::new();
    for entry in value.iter().flat_map(|l| l.value()) {
        let s: &RawSource = entry.value();
        cx.c.unknown_keys::<RawSource>(&s.unknown_keys);
        let title =
            cx.c.required(&s.title, "title", entry, "this source")
                .and_then(|t| cx.c.line(t, "title", MAX_LINE_CHARS));
        let url =
            cx.c.required(&s.url, "url", entry, "this source")
                .and_then(|u| source_url(cx, u));
        if let (Some(title), Some(url)) = (title, url) {
            sources.push(Source { title, url });
        }
    }
    if value.is_none_or(|s| s.value().is_empty()) {
        cx.c.warning("no-sources", cx.raw, "this record has no `sources`")
            .hint =
            Some("add the page that documents this error, so readers can check the facts".into());
    }
    sources
}

fn source_url(cx: &mut RecordCheck, value: &Located<String>) -> Option<String> {
    let text = value.value().trim();
    if http_url(text) {
        return Some(text.to_string());
    }
    cx.c.error(
        "invalid-url",
        value,
        format!("`{text}` is not an http(s) URL"),
    )
    .hint = Some("sources must be web pages: `https://...`".into());
    None
}

/// A real date, written `YYYY-MM-DD`.
pub(super) fn updated(
    cx: &mut RecordCheck,
    value: Option<&Located<String>>,
) -> Option<jiff::civil::Date> {
    let value = value?;
    let text = value.value().trim();
    match text.parse::<jiff::civil::Date>() {
        Ok(date) if text.len() == 10 => Some(date),
        _ => {
            cx.c.error(
                "invalid-date",
                value,
                format!("`{text}` is not a real date"),
            )
            .hint = Some("write an ISO date such as `2026-11-26`".into());
            None
        }
    }
}

pub(super) fn draft(_: &mut RecordCheck, value: Option<&Located<bool>>) -> bool {
    value.is_some_and(|d| *d.value())
}
