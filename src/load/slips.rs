//! YAML slips: a parser error explained in the writer's terms, with the corrected line.
//!
//! The YAML scanner knows where it stopped, not what the writer meant. The likeliest
//! slips of an error record each get a rule id of their own and a hint that shows the
//! line as it should be: an unquoted `: ` inside a value (error messages are full of
//! them), a tab in the indentation, a key indented differently from the key it belongs
//! with, and a line of a `|` or `>` block indented less than the block. Anything else
//! keeps the parser's words under `invalid-yaml`. The slips found in a parsed tree
//! (duplicate keys, lists and mappings swapped, swallowed list items) are in
//! [`super::read`].

use std::path::Path;

use serde_saphyr::granit_parser::ErrorKind;

use super::read::{indent_of, line_at};
use super::yaml::{Duplicate, Limit, ParseError, marker_position};
use super::{MAX_DEPTH, byte_offset_of};
use crate::diagnostics::{Diagnostic, Position};

/// The diagnostic of a file that did not parse.
pub fn parse_error(path: &Path, text: &str, err: ParseError) -> Diagnostic {
    match err {
        ParseError::Limit(limit, position) => limit_diagnostic(path, limit).at(position),
        ParseError::Syntax(err) => {
            let position = marker_position(&err);
            let position = Position {
                byte_start: byte_offset_of(text, position.line, position.column),
                ..position
            };
            let position = Position {
                byte_end: position.byte_start,
                ..position
            };
            let lines = Lines::new(text);
            let slip = (tab(path, &lines, err.kind()))
                .or_else(|| block_indentation(path, &lines, position))
                .or_else(|| colon_or_indentation(path, &lines, position, err.kind()));
            slip.unwrap_or_else(|| {
                Diagnostic::error("invalid-yaml", path, err.kind().to_string()).at(Some(position))
            })
        }
    }
}

fn limit_diagnostic(path: &Path, limit: Limit) -> Diagnostic {
    let (message, hint) = match limit {
        Limit::Depth => (
            format!("this YAML is nested more than {MAX_DEPTH} levels deep"),
            "records are plain data: a record needs three levels (the record, `faq`, a question)",
        ),
        Limit::Expansion => (
            "this file expands to too much data: its anchors and aliases (`&a`, `*a`) repeat values past the parser's limits".to_string(),
            "write the values out instead of using anchors and aliases",
        ),
        Limit::Documents => (
            "a record file holds one YAML document; this one has several (`---`)".to_string(),
            "split it into one file per record",
        ),
    };
    Diagnostic::error("yaml-limit", path, message).with_hint(hint)
}

/// A key written twice in one mapping: reported at the second, the first named too.
pub fn duplicate_key(path: &Path, text: &str, duplicate: &Duplicate) -> Diagnostic {
    let first_line = line_at(text, duplicate.first.byte_start).trim();
    let again_line = line_at(text, duplicate.again.byte_start).trim();
    Diagnostic::error(
        "duplicate-key",
        path,
        format!("the key `{}` appears twice in this mapping", duplicate.key),
    )
    .at(Some(duplicate.again))
    .with_related(
        path,
        Some(duplicate.first),
        format!("`{}` is first written here", duplicate.key),
    )
    .with_hint(format!(
        "keep one of the two: delete line {} (`{again_line}`) or line {} (`{first_line}`)",
        duplicate.again.line, duplicate.first.line
    ))
}

/// The lines of a file, with their byte offsets.
struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// Line `n` (1-based), without its line break; empty past the end.
    fn get(&self, n: usize) -> &'t str {
        match self.starts.get(n.wrapping_sub(1)) {
            Some(&start) if start <= self.text.len() => line_at(self.text, start),
            _ => "",
        }
    }

    /// The position of byte `column_byte` (0-based, within the line) of line `n`.
    fn position(&self, n: usize, column_byte: usize) -> Position {
        let line = self.get(n);
        let start = self.starts.get(n - 1).copied().unwrap_or(0) + column_byte;
        let column = line
            .get(..column_byte)
            .map_or(column_byte, |l| l.chars().count())
            + 1;
        Position {
            line: n,
            column,
            byte_start: start,
            byte_end: start + 1,
        }
    }
}

/// A tab in the indentation of a line: YAML allows only spaces there.
fn tab(path: &Path, lines: &Lines, kind: &ErrorKind) -> Option<Diagnostic> {
    let about_tabs = matches!(
        kind,
        ErrorKind::TabInIndentation
            | ErrorKind::TabInBlockIndentation
            | ErrorKind::TabAtBlockScalarStart
            | ErrorKind::TabInPlainScalar
            | ErrorKind::TabNotAllowed
    );
    if !about_tabs {
        return None;
    }
    let n = (1..=lines.starts.len()).find(|&n| {
        let line = lines.get(n);
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        !line.trim().is_empty() && line[..indent].contains('\t')
    })?;
    let line = lines.get(n);
    let tab_at = line.find('\t').unwrap_or(0);
    let content = line.trim_start_matches([' ', '\t']);
    let spaces = expected_indent(lines, n, content);
    Some(
        Diagnostic::error("tab-indent", path, "this line is indented with a tab")
            .at(Some(lines.position(n, tab_at)))
            .with_hint(format!(
                "indent with spaces (YAML does not allow tabs there):\n{}{content}",
                " ".repeat(spaces)
            )),
    )
}

/// Where a line holding `content` most likely belongs after line `n - 1`: under a line
/// that opens a block (ends with `:`), two spaces deeper; else with the line above.
fn expected_indent(lines: &Lines, n: usize, content: &str) -> usize {
    let Some(above) = (1..n)
        .rev()
        .map(|m| lines.get(m))
        .find(|l| !l.trim().is_empty())
    else {
        return 0;
    };
    let (indent, rest) = (indent_of(above), above.trim_start());
    let key_column = if rest.starts_with("- ") && !content.starts_with("- ") {
        indent + 2
    } else {
        indent
    };
    let opens = rest.trim_end().ends_with(':');
    if opens { key_column + 2 } else { key_column }
}

/// A line after a `|` or `>` block header indented less than the block's first line,
/// or a block whose text is not indented at all.
fn block_indentation(path: &Path, lines: &Lines, at: Position) -> Option<Diagnostic> {
    let n = at.line;
    let line = lines.get(n);
    let indent = indent_of(line);
    // Back to the header, over the block's lines (blank or indented deeper).
    let mut m = n.checked_sub(1)?;
    let mut first_content = None;
    while m > 0 {
        let above = lines.get(m);
        if is_block_header(above) && (indent > indent_of(above) || first_content.is_none()) {
            break;
        }
        if !above.trim().is_empty() {
            if indent_of(above) <= indent {
                return None;
            }
            first_content = Some(indent_of(above));
        }
        m -= 1;
    }
    let header = lines.get(m);
    if m == 0 || !is_block_header(header) || line.trim().is_empty() {
        return None;
    }
    // A key less indented than the block's text could be: a key out of line, not text.
    let key_column = indent_of(header)
        + if header.trim_start().starts_with("- ") {
            2
        } else {
            0
        };
    if split_key_line(line).is_some() && indent < key_column + 2 {
        return None;
    }
    let key = header.trim_start().trim_start_matches("- ");
    let key = key.split(':').next().unwrap_or(key).trim();
    let wanted = first_content.unwrap_or(indent_of(header) + 2);
    let (message, how) = match first_content {
        Some(first) => (
            format!(
                "this line is indented less than the first line of the block of `{key}` ({first} spaces), so the block ends above it"
            ),
            format!("indent every line of the block by {first} spaces, like its first line"),
        ),
        None => (
            format!("the text of the block of `{key}` must be indented deeper than `{key}`"),
            format!("indent the block's lines by {wanted} spaces"),
        ),
    };
    Some(
        Diagnostic::error("block-indentation", path, message)
            .at(Some(lines.position(n, indent)))
            .with_hint(format!(
                "{how}:\n{}{}",
                " ".repeat(wanted),
                line.trim_start()
            )),
    )
}

/// Whether a line ends with a block scalar header (`|`, `>-`, `|+`, `|2`...).
fn is_block_header(line: &str) -> bool {
    let line = line.split(" #").next().unwrap_or(line).trim_end();
    let token = line.rsplit(' ').next().unwrap_or("");
    let mut chars = token.chars();
    let indicator = matches!(chars.next(), Some('|' | '>'));
    let before = line[..line.len() - token.len()].trim();
    indicator
        && chars.all(|c| matches!(c, '-' | '+' | '1'..='9'))
        && (before.ends_with(':') || before == "-")
}

/// `: ` where the scanner found no room for a key: inside a value (quote the value),
/// or at the key of a line indented unlike its neighbours.
fn colon_or_indentation(
    path: &Path,
    lines: &Lines,
    at: Position,
    kind: &ErrorKind,
) -> Option<Diagnostic> {
    let indentation_kinds = matches!(
        kind,
        ErrorKind::MappingValueNotAllowed
            | ErrorKind::ExpectedBlockMappingKey
            | ErrorKind::ExpectedBlockSequenceEntry
            | ErrorKind::InvalidIndentation
            | ErrorKind::SimpleKeyExpected
            | ErrorKind::BlockSequenceEntryNotAllowed
    );
    if !indentation_kinds {
        return None;
    }
    let n = at.line;
    let line = lines.get(n);
    let (prefix, key, value) = split_key_line(line)?;
    let key_end = prefix.len() + key.len();
    let at_byte = at.byte_start - lines.starts[n - 1];
    if *kind == ErrorKind::MappingValueNotAllowed && at_byte > key_end {
        return Some(unquoted_colon(path, prefix, key, value, at));
    }
    wrong_indentation(path, lines, n, prefix, key)
}

/// `indent[- ]key: value` → (`indent[- ]`, `key`, `value`), for a key that is one word.
fn split_key_line(line: &str) -> Option<(&str, &str, &str)> {
    let indent = indent_of(line);
    let rest = &line[indent..];
    let dash = rest
        .strip_prefix("- ")
        .map_or(0, |after| 2 + indent_of(after));
    let prefix = &line[..indent + dash];
    let rest = &line[indent + dash..];
    let colon = rest
        .find(": ")
        .or_else(|| rest.ends_with(':').then(|| rest.len() - 1))?;
    let key = &rest[..colon];
    let simple = !key.is_empty()
        && !key.contains(char::is_whitespace)
        && !key.starts_with(['"', '\'', '[', '{', '#']);
    simple.then(|| (prefix, key, rest[colon + 1..].trim()))
}

fn unquoted_colon(path: &Path, prefix: &str, key: &str, value: &str, at: Position) -> Diagnostic {
    let at = Position {
        byte_end: at.byte_start + 1,
        ..at
    };
    Diagnostic::error(
        "unquoted-colon",
        path,
        format!("the value of `{key}` contains `: `, which YAML reads as the start of another key"),
    )
    .at(Some(at))
    .with_hint(format!(
        "put the value in double quotes:\n{prefix}{key}: {}",
        double_quoted(value)
    ))
}

/// `text` in double quotes, with `\\` and `"` escaped.
pub fn double_quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A key indented unlike the key it belongs with: the hint names the key above whose
/// column is nearest, and shows the line lined up with it.
fn wrong_indentation(
    path: &Path,
    lines: &Lines,
    n: usize,
    prefix: &str,
    key: &str,
) -> Option<Diagnostic> {
    let is_item = prefix.trim_start().starts_with('-');
    let column = if is_item {
        indent_of(prefix)
    } else {
        prefix.len()
    };
    let mut best: Option<(usize, usize, &str)> = None;
    for m in (1..n).rev() {
        let Some((p, k, _)) = split_key_line(lines.get(m)) else {
            continue;
        };
        let other_is_item = p.trim_start().starts_with('-');
        let other = match (is_item, other_is_item) {
            (true, true) => indent_of(p),
            (true, false) => continue,
            (false, _) => p.len(),
        };
        if other == column {
            continue;
        }
        let distance = other.abs_diff(column);
        if best.is_none_or(|(_, d, _)| distance < d) {
            best = Some((m, distance, k));
        }
        if other == 0 {
            break;
        }
    }
    let (m, _, other_key) = best?;
    let (other_prefix, _, _) = split_key_line(lines.get(m))?;
    let wanted = if is_item {
        indent_of(other_prefix)
    } else {
        other_prefix.len()
    };
    let line = lines.get(n);
    let corrected = match is_item {
        true => format!("{}{}", " ".repeat(wanted), line.trim_start()),
        false => format!("{}{}", " ".repeat(wanted), &line[prefix.len()..]),
    };
    let what = if is_item {
        "this list item"
    } else {
        "this key"
    };
    Some(
        Diagnostic::error(
            "wrong-indentation",
            path,
            format!("`{key}` is indented by {column} spaces, unlike the keys around it, so YAML cannot tell where {what} belongs"),
        )
        .at(Some(lines.position(n, prefix.len())))
        .with_hint(format!("line `{key}:` up with `{other_key}:` (line {m}):\n{corrected}")),
    )
}
