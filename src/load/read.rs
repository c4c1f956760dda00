//! Reading the raw types from a located YAML tree, one field at a time.
//!
//! [`FromNode`] turns a [`Node`] into a value of a raw type, or reports why it cannot
//! and returns `None`. A field that cannot be read is one diagnostic of that field: its
//! neighbours are read all the same, so one run shows every problem of a file. The
//! slips that show only in the tree are reported here too: a key indented under the
//! key above it, a list where a mapping belongs and the reverse, and a line starting
//! `- ` that plain or folded text swallowed. The value of a key the format does not know
//! is kept as YAML types it ([`RawValue`]): it may be a field the site declares.

use std::collections::BTreeMap;

use super::SourceFile;
use super::raw::{Located, RawMapping, RawValue};
use super::yaml::{Entry, Node, Style, Value};
use crate::diagnostics::{Diagnostic, Position};

/// Reads the nodes of one file and collects the problems found.
pub struct Reader<'t> {
    pub file: &'t SourceFile,
    /// The file's text, for the slips that need the lines as written.
    pub text: &'t str,
    pub found: Vec<Diagnostic>,
}

/// Where a value sits, for messages and for the slips that need its surroundings.
#[derive(Clone, Copy)]
pub struct Place<'k> {
    /// The key whose value this is (or holds this item).
    pub key: &'k str,
    /// Where that key is written.
    pub key_position: Position,
    /// Whether this is an item of the key's list.
    pub item: bool,
    /// The keys of the mapping the key belongs to.
    pub siblings: &'static [&'static str],
}

impl Place<'_> {
    /// "`causes`" or "an item of `causes`".
    pub fn name(&self) -> String {
        if self.key.is_empty() {
            "this file".into()
        } else if self.item {
            format!("an item of `{}`", self.key)
        } else {
            format!("`{}`", self.key)
        }
    }
}

/// A raw type read from a node.
pub trait FromNode: Sized {
    /// Reads `node`; reports why it cannot and returns `None`.
    fn from_node(node: &Node, r: &mut Reader, place: Place) -> Option<Self>;
}

impl<T: FromNode> FromNode for Located<T> {
    fn from_node(node: &Node, r: &mut Reader, place: Place) -> Option<Self> {
        T::from_node(node, r, place).map(|value| Located::new(value, node.position))
    }
}

impl FromNode for String {
    fn from_node(node: &Node, r: &mut Reader, place: Place) -> Option<Self> {
        if r.misindented(node, place) || r.colon_made_a_mapping(node, place) {
            return None;
        }
        let Value::Scalar { text, style } = &node.value else {
            r.wrong_type(node, format!("expected text for {}, not {}", place.name(), node.kind()))
                .hint = Some("write the text on the key's line (quote it if it contains `: ` or starts with `[`, `{`, `-`, `*`, `&`, `!`, `|`, `>`, `%` or `@`), or in a block (`|`) below it".into());
            return None;
        };
        if node.is_null() {
            return Some(String::new());
        }
        if matches!(style, Style::Plain | Style::Folded) {
            r.swallowed_list_item(node, *style, place);
        }
        Some(text.to_string())
    }
}

impl FromNode for bool {
    fn from_node(node: &Node, r: &mut Reader, place: Place) -> Option<Self> {
        match (&node.value, node.text()) {
            (
                Value::Scalar {
                    style: Style::Plain,
                    ..
                },
                Some("true"),
            ) => Some(true),
            (
                Value::Scalar {
                    style: Style::Plain,
                    ..
                },
                Some("false"),
            ) => Some(false),
            _ => {
                r.wrong_type(
                    node,
                    format!("expected `true` or `false` for {}", place.name()),
                );
                None
            }
        }
    }
}

impl FromNode for u32 {
    fn from_node(node: &Node, r: &mut Reader, place: Place) -> Option<Self> {
        whole_number(node, r, place)
    }
}

impl FromNode for i64 {
    fn from_node(node: &Node, r: &mut Reader, place: Place) -> Option<Self> {
        whole_number(node, r, place)
    }
}

/// A plain scalar read as a whole number of type `N`; reports anything else.
fn whole_number<N: std::str::FromStr>(node: &Node, r: &mut Reader, place: Place) -> Option<N> {
    let number = match (&node.value, node.text()) {
        (
            Value::Scalar {
                style: Style::Plain,
                ..
            },
            Some(text),
        ) => text.parse().ok(),
        _ => None,
    };
    if number.is_none() {
        r.wrong_type(
            node,
            format!("expected a whole number for {}", place.name()),
        );
    }
    number
}

impl<T: FromNode> FromNode for Vec<T> {
    fn from_node(node: &Node, r: &mut Reader, place: Place) -> Option<Self> {
        if r.misindented(node, place) {
            return None;
        }
        match &node.value {
            Value::List { items, .. } => {
                let item = Place {
                    item: true,
                    ..place
                };
                let read: Vec<T> = items
                    .iter()
                    .filter_map(|i| T::from_node(i, r, item))
                    .collect();
                // Items that could not be read are reported; the list is not empty.
                (!read.is_empty() || items.is_empty()).then_some(read)
            }
            _ if node.is_null() => Some(Vec::new()),
            Value::Map { entries, .. } => {
                let hint = match entries.first() {
                    Some(first) if !matches!(node.value, Value::Map { flow: true, .. }) => {
                        let line = r.line_of(first.key.position);
                        format!(
                            "write `- ` before its first key, and line the other keys up with that key:\n{}",
                            with_dash(line, first.key.position.column)
                        )
                    }
                    _ => "write a list: `- item` lines, or `[a, b]`".into(),
                };
                let message = format!(
                    "{} is a list, but this is a mapping (`key: value` lines)",
                    place.name()
                );
                r.report(
                    Diagnostic::error("mapping-instead-of-list", &r.file.path, message),
                    node,
                )
                .hint = Some(hint);
                None
            }
            Value::Scalar { .. } => {
                let message = format!(
                    "expected a list for {} (`- item` lines, or `[a, b]`), not text",
                    place.name()
                );
                r.wrong_type(node, message).hint = Some(format!(
                    "write each item on a line of its own below `{}:`, starting with `- `",
                    place.key
                ));
                None
            }
        }
    }
}

impl<T: FromNode> FromNode for BTreeMap<String, T> {
    fn from_node(node: &Node, r: &mut Reader, place: Place) -> Option<Self> {
        let Value::Map { entries, .. } = &node.value else {
            r.wrong_type(
                node,
                format!("expected a mapping of keys to values for {}", place.name()),
            );
            return None;
        };
        let mut map = BTreeMap::new();
        for entry in entries {
            let Some(key) = entry.key.text() else {
                r.wrong_type(&entry.key, "a key must be text");
                continue;
            };
            let inner = Place {
                key,
                key_position: entry.key.position,
                item: false,
                siblings: &[],
            };
            if let Some(value) = T::from_node(&entry.value, r, inner) {
                map.insert(key.to_string(), value);
            }
        }
        Some(map)
    }
}

/// Reads a mapping into a [`RawMapping`] type key by key: known keys into their field
/// (a value that cannot be read is reported and its key remembered as present),
/// unknown keys kept with their position.
pub fn read_mapping<T: RawMapping>(node: &Node, r: &mut Reader, place: Place) -> Option<T> {
    match &node.value {
        // Nothing written (a file of comments, an empty `-` item): a mapping without keys.
        _ if node.is_null() && node.position.byte_end == node.position.byte_start => {
            Some(T::default())
        }
        Value::Map { entries, .. } => {
            let mut out = T::default();
            for entry in entries {
                let Some(key) = entry.key.text() else {
                    r.wrong_type(&entry.key, "a key must be text");
                    continue;
                };
                let inner = Place {
                    key,
                    key_position: entry.key.position,
                    item: false,
                    siblings: T::KEYS,
                };
                if !out.read_field(key, &entry.value, r, inner) {
                    let key = Located::new(key.to_string(), entry.key.position);
                    out.push_unknown(key, raw_value(&entry.value));
                }
            }
            Some(out)
        }
        Value::List { items, .. } => {
            let message = format!(
                "{} is a mapping (`key: value` lines), but this is a list",
                place_or_file(place, T::WHAT)
            );
            let hint = match items.first().map(|i| &i.value) {
                Some(Value::Map {
                    entries,
                    flow: false,
                }) if !entries.is_empty() => {
                    let first = entries[0].key.position;
                    format!(
                        "remove the `- ` before `{}`:\n{}",
                        entries[0].key.text().unwrap_or_default(),
                        without_dash(r.line_of(first), first.column)
                    )
                }
                _ => format!("write {} as `key: value` lines", T::WHAT),
            };
            r.report(
                Diagnostic::error("list-instead-of-mapping", &r.file.path, message),
                node,
            )
            .hint = Some(hint);
            None
        }
        Value::Scalar { .. } => {
            let message = format!(
                "expected a mapping of keys to values (`key: value` lines) for {}, not text",
                place_or_file(place, T::WHAT)
            );
            r.wrong_type(node, message);
            None
        }
    }
}

/// The value of a key the format does not know, as YAML's core schema reads it: kept
/// so that a field the site declares can be judged against its declaration, with the
/// place of each part. Only a plain scalar is typed (`true`, `401`, `2.10`, `~`); a
/// quoted or block one is text.
fn raw_value(node: &Node) -> Located<RawValue> {
    let value = match &node.value {
        _ if node.is_null() => RawValue::Null,
        Value::Scalar {
            text,
            style: Style::Plain,
        } => plain_value(text),
        Value::Scalar { text, .. } => RawValue::Text(text.to_string()),
        Value::List { items, .. } => RawValue::List(items.iter().map(raw_value).collect()),
        Value::Map { .. } => RawValue::Mapping,
    };
    Located::new(value, node.position)
}

/// A plain scalar as YAML 1.2's core schema types it (only `true` and `false` are
/// booleans, as everywhere in errdocs).
fn plain_value(text: &str) -> RawValue {
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let integer = if digits(unsigned, 10) {
        text.parse::<i128>().ok()
    } else if let Some(hex) = text.strip_prefix("0x").filter(|h| digits(h, 16)) {
        i128::from_str_radix(hex, 16).ok()
    } else if let Some(octal) = text.strip_prefix("0o").filter(|o| digits(o, 8)) {
        i128::from_str_radix(octal, 8).ok()
    } else {
        None
    };
    let special_float = matches!(
        unsigned,
        ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN"
    );
    match text {
        "true" => RawValue::Bool(true),
        "false" => RawValue::Bool(false),
        _ if integer.is_some() => RawValue::Integer(integer.unwrap_or_default()),
        _ if is_float(unsigned) || special_float => {
            RawValue::Float(text.parse().unwrap_or(f64::NAN))
        }
        _ => RawValue::Text(text.to_string()),
    }
}

/// Whether `text` (without its sign) is a number with a fraction or an exponent, as
/// YAML 1.2's core schema writes one: `2.10`, `.5`, `1e3`.
fn is_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (text, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty())
        }
        None => !mantissa.is_empty() && digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| !e.is_empty() && digits(e));
    mantissa_ok && exponent_ok && (mantissa.contains('.') || exponent.is_some())
}

/// What a message calls a mapping: the place's name, or what the whole file is.
fn place_or_file(place: Place, what: &str) -> String {
    if place.key.is_empty() {
        what.to_string()
    } else {
        place.name()
    }
}

impl Reader<'_> {
    /// Reports `diagnostic` at `node`; returns it, so a hint can be added.
    pub fn report(&mut self, diagnostic: Diagnostic, node: &Node) -> &mut Diagnostic {
        self.found
            .push(diagnostic.at(self.file.position_of_node(node)));
        self.found.last_mut().expect("just pushed")
    }

    fn wrong_type(&mut self, node: &Node, message: impl Into<String>) -> &mut Diagnostic {
        let diagnostic = Diagnostic::error("wrong-type", &self.file.path, message);
        self.report(diagnostic, node)
    }

    /// The line of the text at `position`, without its line break.
    pub fn line_of(&self, position: Position) -> &str {
        line_at(self.text, position.byte_start)
    }

    /// A block mapping as the value of a key, whose keys are all keys of the mapping the key
    /// belongs to: they were meant to line up with the key, and are indented under it
    /// (`related:` with nothing after it, then `  tags: [...]`). Reported as the
    /// indentation slip it is; returns whether it was one.
    fn misindented(&mut self, node: &Node, place: Place) -> bool {
        let Value::Map {
            entries,
            flow: false,
        } = &node.value
        else {
            return false;
        };
        let is_sibling = |e: &&Entry| {
            e.key
                .text()
                .is_some_and(|k| k != place.key && place.siblings.contains(&k))
        };
        if !entries.iter().all(|e| is_sibling(&e)) {
            return false;
        }
        let Some(sibling) = entries.first() else {
            return false;
        };
        let key = sibling.key.text().unwrap_or_default();
        let line = self.line_of(sibling.key.position);
        let corrected = format!(
            "{}{}",
            " ".repeat(place.key_position.column - 1),
            line.trim_start()
        );
        let message = format!(
            "`{key}` is indented under `{}`, so it became part of `{}`'s value",
            place.key, place.key
        );
        let hint = format!("line `{key}:` up with `{}:`:\n{corrected}", place.key);
        let diagnostic = Diagnostic::error("wrong-indentation", &self.file.path, message);
        self.report(diagnostic, &sibling.key).hint = Some(hint);
        true
    }

    /// Text such as `- Note: the token expired` where text belongs: its `: ` made it a
    /// mapping of one key. Reported as the unquoted colon it is; returns whether it was.
    fn colon_made_a_mapping(&mut self, node: &Node, place: Place) -> bool {
        let Value::Map {
            entries,
            flow: false,
        } = &node.value
        else {
            return false;
        };
        let [entry] = entries.as_slice() else {
            return false;
        };
        let plain = |n: &Node| {
            matches!(
                n.value,
                Value::Scalar {
                    style: Style::Plain,
                    ..
                }
            )
        };
        let same_line = entry.key.position.line == entry.value.position.line;
        if !plain(&entry.key) || !plain(&entry.value) || entry.value.is_null() || !same_line {
            return false;
        }
        let line = self.line_of(entry.key.position);
        let at = (entry.key.position.column - 1).min(line.len());
        let (prefix, text) = line.split_at(at);
        let hint = format!(
            "put the text in double quotes:\n{prefix}{}",
            super::slips::double_quoted(text.trim_end())
        );
        let colon = entry.key.position.byte_start + entry.key.text().map_or(0, str::len);
        let position = Position {
            column: entry.key.position.column + entry.key.text().map_or(0, |k| k.chars().count()),
            byte_start: colon,
            byte_end: colon + 1,
            ..entry.key.position
        };
        let message = format!(
            "the text of {} contains `: `, so YAML read it as a key and its value",
            place.name()
        );
        let diagnostic = Diagnostic::error("unquoted-colon", &self.file.path, message)
            .at(Some(position))
            .with_hint(hint);
        self.found.push(diagnostic);
        true
    }

    /// Warns about a line starting `- ` inside plain or folded text: YAML joined it to
    /// the line above, so what looks like a list item is part of the text.
    fn swallowed_list_item(&mut self, node: &Node, style: Style, place: Place) {
        let start = node.position.byte_start;
        let Some(source) = self.text.get(start..node.position.byte_end) else {
            return;
        };
        // For `>`, only lines at the block's own indentation are joined; more indented
        // lines keep their line break.
        let base = node.position.column - 1;
        let mut offset = 0;
        let mut previous_blank = true;
        for (i, line) in source.split_inclusive('\n').enumerate() {
            let content = line.trim_end_matches(['\n', '\r']);
            let indent = indent_of(content);
            let rest = &content[indent..];
            let joined = i > 0
                && !previous_blank
                && (rest.starts_with("- ") || rest == "-")
                && (style == Style::Plain || indent == base);
            if joined {
                let at = start + offset + indent;
                self.report_swallowed(node, style, place, at);
                return;
            }
            previous_blank = rest.is_empty();
            offset += line.len();
        }
    }

    fn report_swallowed(&mut self, node: &Node, style: Style, place: Place, at: usize) {
        let line = line_at(self.text, at);
        let line_number = self.text[..at].matches('\n').count() + 1;
        let column = self.text[..at]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        let hint = if place.item && style == Style::Plain {
            let dash = node.position.column.saturating_sub(3);
            format!(
                "to make it an item of its own, line it up with the other items of `{}`:\n{}{}",
                place.key,
                " ".repeat(dash),
                line.trim_start()
            )
        } else {
            let key_line = self.line_of(place.key_position);
            let header = key_line.split_once(':').map_or(key_line, |(k, _)| k);
            let block = if place.item {
                "- |".to_string()
            } else {
                format!("{header}: |")
            };
            format!(
                "to keep each line as written (a Markdown list), make the text a `|` block:\n{block}"
            )
        };
        let message = format!(
            "this line starts with `- ` but is part of the text of {}: YAML joined it to the line above",
            place.name()
        );
        let position = Position {
            line: line_number,
            column,
            byte_start: at,
            byte_end: at + 1,
        };
        let diagnostic = Diagnostic::warning("swallowed-list-item", &self.file.path, message)
            .at(Some(position))
            .with_hint(hint);
        self.found.push(diagnostic);
    }
}

/// The line of `text` holding byte `at`, without its line break.
pub fn line_at(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text[start..end].trim_end_matches('\r')
}

/// How many spaces a line starts with.
pub fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `line` with `- ` written before the key at `column` (1-based).
fn with_dash(line: &str, column: usize) -> String {
    let at = column.saturating_sub(1).min(line.len());
    format!("{}- {}", &line[..at], &line[at..])
}

/// `line` without the `- ` before the key at `column` (1-based).
fn without_dash(line: &str, column: usize) -> String {
    let at = column.saturating_sub(1).min(line.len());
    let before = line[..at].trim_end().trim_end_matches('-');
    format!("{}{}", before, &line[at..])
}
