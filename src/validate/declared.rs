//! Declared fields: the declarations of `site.yaml`'s `fields`, and each record's
//! values of them.
//!
//! A record's keys that the format does not know are its declared fields: each is
//! checked against its declaration (type, enum values, URL, version), with the same
//! diagnostics as built-in fields; the others are `unknown-key`, their hint naming the
//! nearest built-in or declared key.

use super::Declared;
use super::checker::Checker;
use super::patterns::http_url;
use super::record::RecordCheck;
use crate::diagnostics::{Position, Related, did_you_mean};
use crate::load::raw::{Located, RawFieldDeclaration, RawMapping, RawRecord, RawValue};
use crate::model::declared::{FieldDeclaration, FieldType, FieldValue, Show};

/// The longest label of a declared field, in characters.
const MAX_LABEL_CHARS: usize = 60;
/// The longest one-line text a declared field holds, in characters.
const MAX_LINE_CHARS: usize = 300;

/// Checks `site.yaml`'s `fields`; returns the declarations that passed, and the keys
/// of those that did not (records that use them are not blamed for the mistake).
pub(crate) fn check_declarations(
    c: &mut Checker,
    raw: Option<&Located<Vec<Located<RawFieldDeclaration>>>>,
) -> (Vec<FieldDeclaration>, Vec<String>) {
    let mut declared: Vec<FieldDeclaration> = Vec::new();
    let mut broken = Vec::new();
    for entry in raw.iter().flat_map(|l| l.value()) {
        let Some(declaration) = check_declaration(c, entry) else {
            broken.extend(
                entry
                    .value()
                    .key
                    .as_ref()
                    .map(|k| k.value().trim().to_string()),
            );
            continue;
        };
        match entry.value().key.as_ref() {
            Some(key) if declared.iter().any(|d| d.key == declaration.key) => {
                c.error(
                    "invalid-declaration",
                    key,
                    format!("the field `{}` is declared twice", declaration.key),
                );
            }
            _ => declared.push(declaration),
        }
    }
    (declared, broken)
}

/// One declaration of `fields`.
fn check_declaration(
    c: &mut Checker,
    entry: &Located<RawFieldDeclaration>,
) -> Option<FieldDeclaration> {
    let d = entry.value();
    let what = "this field declaration";
    c.unknown_keys::<RawFieldDeclaration>(&d.unknown_keys);
    let key = c
        .required(&d.key, "key", entry, what)
        .and_then(|k| declared_key(c, k));
    let label = (c.required(&d.label, "label", entry, what))
        .and_then(|l| c.line(l, "label", MAX_LABEL_CHARS));
    let kind = c.required(&d.kind, "type", entry, what).and_then(|t| {
        let parsed = FieldType::parse(t.value().trim());
        if parsed.is_none() {
            invalid_name(c, t, "a field type", &FieldType::NAMES);
        }
        parsed
    });
    let show = d.show.as_ref().map_or(Some(Show::Facts), |s| {
        let parsed = Show::parse(s.value().trim());
        if parsed.is_none() {
            invalid_name(c, s, "a place to show a field", &Show::NAMES);
        }
        parsed
    });
    let kind = kind?;
    let values = enum_values(c, entry, kind)?;
    let flag = |f: &Option<Located<bool>>| f.as_ref().is_some_and(|f| *f.value());
    if let Some(filter) = d
        .filter
        .as_ref()
        .filter(|f| *f.value() && !kind.filterable())
    {
        c.error(
            "invalid-declaration",
            filter,
            format!("a `{}` field cannot filter lists", kind.as_str()),
        )
        .hint = Some("filters are for `enum`, `boolean` and `integer` fields".into());
        return None;
    }
    if let Some(searchable) = (d.searchable.as_ref()).filter(|s| *s.value() && !kind.has_words()) {
        c.error(
            "invalid-declaration",
            searchable,
            format!("a `{}` field has no words to search", kind.as_str()),
        );
        return None;
    }
    let description = d
        .description
        .as_ref()
        .and_then(|t| c.text(t, "description"));
    Some(FieldDeclaration {
        key: key?,
        label: label?,
        kind,
        required: flag(&d.required),
        show: show?,
        searchable: flag(&d.searchable),
        filter: flag(&d.filter),
        values,
        description,
    })
}

/// A declared key: its pattern, and not a built-in key.
fn declared_key(c: &mut Checker, key: &Located<String>) -> Option<String> {
    let text = key.value().trim();
    let valid = text.len() <= 40
        && text.starts_with(|ch: char| ch.is_ascii_lowercase())
        && (text.bytes()).all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !valid {
        c.error(
            "invalid-declaration",
            key,
            format!("`{text}` is not a field key: use lower-case letters, digits and `_`, starting with a letter, at most 40 characters"),
        );
        return None;
    }
    if RawRecord::KEYS.contains(&text) {
        c.error(
            "reserved-key",
            key,
            format!("`{text}` is a built-in key of every record; a declared field cannot take it"),
        )
        .hint = Some(format!("name the field otherwise, such as `{text}_detail`"));
        return None;
    }
    Some(text.to_string())
}

/// The `values` of an `enum` field (at least one, each once); none for other types.
fn enum_values(
    c: &mut Checker,
    entry: &Located<RawFieldDeclaration>,
    kind: FieldType,
) -> Option<Vec<String>> {
    let values = entry.value().values.as_ref();
    match (kind, values) {
        (FieldType::Enum, None) => {
            c.error(
                "invalid-declaration",
                entry,
                "an `enum` field needs its `values`",
            )
            .hint = Some("list the values it allows: `values: [python, node]`".into());
            None
        }
        (FieldType::Enum, Some(list)) => {
            if list.value().is_empty() {
                c.error(
                    "invalid-declaration",
                    list,
                    "an `enum` field needs at least one value",
                );
                return None;
            }
            let mut values: Vec<String> = Vec::new();
            for item in list.value() {
                let value = c.line(item, "values", MAX_LABEL_CHARS)?;
                if values.contains(&value) {
                    c.error(
                        "invalid-declaration",
                        item,
                        format!("the value `{value}` is listed twice"),
                    );
                    return None;
                }
                values.push(value);
            }
            Some(values)
        }
        (_, Some(list)) => {
            c.error(
                "invalid-declaration",
                list,
                format!(
                    "only `enum` fields have `values`; this one is `{}`",
                    kind.as_str()
                ),
            );
            None
        }
        (_, None) => Some(Vec::new()),
    }
}

/// Reports a name that is not one of `names`, with the nearest one.
fn invalid_name(c: &mut Checker, value: &Located<String>, what: &str, names: &[&str]) {
    let text = value.value().trim();
    let hint = did_you_mean(text, names.iter().copied())
        .map(|n| format!("did you mean `{n}`?"))
        .unwrap_or_else(|| format!("use one of: {}", names.join(", ")));
    c.error(
        "invalid-declaration",
        value,
        format!("`{text}` is not {what}"),
    )
    .hint = Some(hint);
}

/// A record's keys beyond the format's: each declared one checked against its
/// declaration, the others reported as unknown; and every required declared field
/// present. Returns the record's values, in the order of `declared`. When `site.yaml`
/// could not be read (`site` is `None`), only keys that misspell a built-in key are
/// reported: the others may be declared fields.
pub(super) fn check_record_fields(
    cx: &mut RecordCheck,
    site: Option<Declared>,
) -> Vec<Option<FieldValue>> {
    let (declared, broken) = site.map_or((&[][..], &[][..]), |s| (s.fields, s.broken));
    let raw = cx.raw.value();
    let known = || (RawRecord::KEYS.iter().copied()).chain(declared.iter().map(|d| d.key.as_str()));
    let mut values = vec![None; declared.len()];
    for (key, value) in raw.unknown_keys.iter().zip(&raw.unknown_values) {
        let nearest = did_you_mean(key.value(), known());
        match declared.iter().position(|d| d.key == *key.value()) {
            Some(i) => values[i] = check_value(cx, &declared[i], value),
            None if broken.contains(key.value()) || (site.is_none() && nearest.is_none()) => {}
            None => {
                let hint = nearest
                    .map(|k| format!("did you mean `{k}`?"))
                    .unwrap_or_else(|| {
                        let keys = known().collect::<Vec<_>>().join(", ");
                        format!("{} has the keys: {keys}", RawRecord::WHAT)
                    });
                cx.c.error(
                    "unknown-key",
                    key,
                    format!("unknown key `{}` in {}", key.value(), RawRecord::WHAT),
                )
                .hint = Some(hint);
            }
        }
    }
    for declaration in declared.iter().filter(|d| d.required) {
        let present = raw
            .unknown_keys
            .iter()
            .any(|k| *k.value() == declaration.key);
        if !present {
            missing_declared(cx, declaration, declared);
        }
    }
    values
}

/// Reports a required declared field missing, pointing at a key that misspells it.
fn missing_declared(
    cx: &mut RecordCheck,
    declaration: &FieldDeclaration,
    declared: &[FieldDeclaration],
) {
    let raw = cx.raw.value();
    let known: Vec<&str> = (RawRecord::KEYS.iter().copied())
        .chain(declared.iter().map(|d| d.key.as_str()))
        .collect();
    let key = declaration.key.as_str();
    let misspelled = (raw.unknown_keys.iter())
        .find(|unknown| did_you_mean(unknown.value(), known.iter().copied()) == Some(key));
    let position = misspelled.and_then(|m| cx.file.position(m));
    let path = cx.file.path.clone();
    let diagnostic = cx.c.error(
        "missing-key",
        cx.raw,
        format!("this record is missing the required key `{key}`"),
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
        None => {
            diagnostic.hint = Some(format!(
                "add `{key}:` ({}, declared in site.yaml)",
                declaration.label
            ))
        }
    }
}

/// One value of a declared field, checked against its declaration.
fn check_value(
    cx: &mut RecordCheck,
    declaration: &FieldDeclaration,
    value: &Located<RawValue>,
) -> Option<FieldValue> {
    let key = declaration.key.as_str();
    match (declaration.kind, value.value()) {
        (_, RawValue::Null) => {
            cx.c.error("empty-field", value, format!("`{key}` is empty"))
                .hint = Some("write a value here, or remove the line".into());
            None
        }
        (FieldType::Text, RawValue::Text(t)) => one_line(cx, value, t, key).map(FieldValue::Text),
        (FieldType::Markdown, RawValue::Text(_)) => text_of(cx, value, key).map(FieldValue::Text),
        (FieldType::Integer, RawValue::Integer(n)) => match i64::try_from(*n) {
            Ok(n) => Some(FieldValue::Integer(n)),
            Err(_) => {
                cx.c.error(
                    "out-of-range",
                    value,
                    format!("`{key}` is too large a number"),
                );
                None
            }
        },
        (FieldType::Boolean, RawValue::Bool(b)) => Some(FieldValue::Boolean(*b)),
        (FieldType::Enum, RawValue::Text(t)) => enum_value(cx, declaration, value, t),
        (FieldType::Url, RawValue::Text(t)) => {
            let text = t.trim();
            if http_url(text) {
                return Some(FieldValue::Text(text.to_string()));
            }
            cx.c.error(
                "invalid-url",
                value,
                format!("`{text}` is not an http(s) URL"),
            );
            None
        }
        (FieldType::List, RawValue::List(items)) => {
            let texts: Vec<Option<String>> = (items.iter())
                .map(|item| match item.value() {
                    RawValue::Text(t) => one_line(cx, item, t, key),
                    _ => wrong_type(cx, declaration, item),
                })
                .collect();
            texts
                .into_iter()
                .collect::<Option<_>>()
                .map(FieldValue::List)
        }
        (FieldType::Version, RawValue::List(items)) => {
            let versions: Vec<Option<String>> = items
                .iter()
                .map(|item| version(cx, declaration, item))
                .collect();
            versions
                .into_iter()
                .collect::<Option<_>>()
                .map(FieldValue::List)
        }
        (FieldType::Version, _) => {
            version(cx, declaration, value).map(|v| FieldValue::List(vec![v]))
        }
        _ => wrong_type(cx, declaration, value),
    }
}

fn text_of(cx: &mut RecordCheck, value: &Located<RawValue>, key: &str) -> Option<String> {
    let RawValue::Text(text) = value.value() else {
        return None;
    };
    cx.c.text(&value.with(text.clone()), key)
}

fn one_line(
    cx: &mut RecordCheck,
    value: &Located<RawValue>,
    text: &str,
    key: &str,
) -> Option<String> {
    cx.c.line(&value.with(text.to_string()), key, MAX_LINE_CHARS)
}

fn enum_value(
    cx: &mut RecordCheck,
    declaration: &FieldDeclaration,
    value: &Located<RawValue>,
    text: &str,
) -> Option<FieldValue> {
    let text = text.trim();
    if declaration.values.iter().any(|v| v == text) {
        return Some(FieldValue::Text(text.to_string()));
    }
    let names = declaration.values.iter().map(String::as_str);
    let hint = did_you_mean(text, names)
        .map(|n| format!("did you mean `{n}`?"))
        .unwrap_or_else(|| format!("use one of: {}", declaration.values.join(", ")));
    cx.c.error(
        "invalid-value",
        value,
        format!("`{text}` is not a value of `{}`", declaration.key),
    )
    .hint = Some(hint);
    None
}

/// A version number: digits and dots, an optional `v` before and a suffix after
/// (`2.1.0`, `v3`, `1.4.0-beta.2`). YAML reads `2.10` as a number, so numbers are
/// taken as written in the file.
fn version(
    cx: &mut RecordCheck,
    declaration: &FieldDeclaration,
    value: &Located<RawValue>,
) -> Option<String> {
    let text = match value.value() {
        RawValue::Text(t) => t.trim().to_string(),
        RawValue::Integer(_) | RawValue::Float(_) => written_text(cx, value)?,
        _ => return wrong_type(cx, declaration, value),
    };
    if is_version(&text) {
        return Some(text);
    }
    cx.c.error(
        "invalid-version",
        value,
        format!("`{text}` is not a version number"),
    )
    .hint = Some("write digits separated by dots, such as `2.1` or `v3.0.1` (a suffix such as `-beta.2` may follow)".into());
    None
}

/// Whether `text` is a version number: digits and dots, an optional `v` before and a
/// suffix after.
pub fn is_version(text: &str) -> bool {
    let text = text.strip_prefix(['v', 'V']).unwrap_or(text);
    let (numbers, suffix) = match text.find(['-', '+']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let numbers_ok = (numbers.split('.'))
        .all(|n| !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit()));
    let suffix_ok = suffix.is_none_or(|s| {
        !s.is_empty() && (s.bytes()).all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    });
    numbers_ok && suffix_ok && text.len() <= 40
}

/// A scalar's text as written in the file.
fn written_text(cx: &RecordCheck, value: &Located<RawValue>) -> Option<String> {
    let Position {
        byte_start,
        byte_end,
        ..
    } = cx.file.position(value)?;
    (cx.source.get(byte_start..byte_end)).map(|t| t.trim().to_string())
}

/// What each type of declared field expects, for messages.
fn expected(kind: FieldType) -> &'static str {
    match kind {
        FieldType::Text => "one line of text",
        FieldType::Markdown => "Markdown text",
        FieldType::Integer => "a whole number",
        FieldType::Boolean => "`true` or `false`",
        FieldType::Enum => "one of its values",
        FieldType::Url => "an http(s) URL",
        FieldType::List => "a list of texts (`- item` lines, or `[a, b]`)",
        FieldType::Version => "a version number such as `2.1`, or a list of them",
    }
}

fn wrong_type<T>(
    cx: &mut RecordCheck,
    declaration: &FieldDeclaration,
    value: &Located<RawValue>,
) -> Option<T> {
    let found = match value.value() {
        RawValue::Null => "nothing",
        RawValue::Bool(_) => "`true` or `false`",
        RawValue::Integer(_) | RawValue::Float(_) => "a number",
        RawValue::Text(_) => "text",
        RawValue::List(_) => "a list",
        RawValue::Mapping => "a mapping",
    };
    let quoted_number = match value.value() {
        RawValue::Text(t) => t.trim().parse::<i64>().is_ok(),
        _ => false,
    };
    let hint = match (declaration.kind, quoted_number) {
        (FieldType::Integer, true) => Some("write the number without quotes".to_string()),
        (FieldType::Text | FieldType::Enum, false)
            if !matches!(value.value(), RawValue::List(_) | RawValue::Mapping) =>
        {
            Some("put the value in quotes to make it text".to_string())
        }
        _ => None,
    };
    cx.c.error(
        "wrong-type",
        value,
        format!(
            "`{}` must be {} ({}), not {found}",
            declaration.key,
            expected(declaration.kind),
            declaration.kind.as_str()
        ),
    )
    .hint = hint;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_numbers() {
        for good in ["2", "2.1", "2.10.3", "v3", "1.4.0-beta.2", "1.0+build.5"] {
            assert!(is_version(good), "{good}");
        }
        for bad in ["", "v", "2.", ".2", "2..1", "latest", "2.1-", "1 2"] {
            assert!(!is_version(bad), "{bad}");
        }
    }
}
