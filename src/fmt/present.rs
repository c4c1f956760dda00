//! The first pass of `fmt`: each value written in its canonical form ([`super::scalar`]),
//! and each list as `[a, b]` when it is a list of words that fits the width, else one
//! item a line. The pass collects edits of the source text (byte range → new text) and
//! applies them at once; indentation is left to the layout pass (pretty_yaml), but the
//! width is judged at the column each value will have in the canonical layout.

use std::ops::Range;

use super::WIDTH;
use super::scalar::{self, Repr};
use crate::load::raw::Layout;
use crate::load::yaml::{Node, Style, Value};

/// Rewrites the values of the mapping `root` (laid out as `layout` says).
pub fn present(text: &str, root: &Node, layout: &Layout) -> String {
    let mut pass = Presenter {
        text,
        edits: Vec::new(),
    };
    if let Value::Map { flow: false, .. } = root.value {
        pass.mapping(root, layout, 0);
    }
    apply(text, pass.edits)
}

/// Replaces each range of `text` by its new text (ranges do not overlap).
fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut at = 0;
    for (range, new) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(&new);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

struct Presenter<'t> {
    text: &'t str,
    edits: Vec<(Range<usize>, String)>,
}

/// Where a value sits in the canonical layout.
#[derive(Clone, Copy)]
struct Slot {
    /// The column of its key, or of the `-` of its list item.
    parent: usize,
    /// The column where a value on the same line starts.
    inline: usize,
    /// Just past the `:` of its key, when it is a key's value.
    after_key: Option<usize>,
}

impl Presenter<'_> {
    /// The entries of a block mapping whose keys start at `column`.
    fn mapping(&mut self, node: &Node, layout: &Layout, column: usize) {
        let Value::Map { entries, .. } = &node.value else {
            return;
        };
        for entry in entries {
            let Some(key) = entry.key.text() else {
                continue;
            };
            self.odd_key(&entry.key, key);
            let inner = layout.of(key).unwrap_or(&Layout::Value);
            let colon = self.text[entry.key.end..]
                .find(':')
                .map(|i| entry.key.end + i + 1);
            let slot = Slot {
                parent: column,
                inline: column + key.chars().count() + 2,
                after_key: colon,
            };
            self.value(&entry.value, inner, slot);
        }
    }

    /// A plain key with characters the layout pass would trim or split (Unicode line
    /// or paragraph separators, spaces at its ends): written in double quotes.
    fn odd_key(&mut self, node: &Node, key: &str) {
        let plain = matches!(
            node.value,
            Value::Scalar {
                style: Style::Plain,
                ..
            }
        );
        let odd = key.trim() != key || !scalar::plain_safe(key) && scalar::reads_as_text(key);
        if plain && odd && !node.is_null() && !key.contains('\n') {
            let range = node.position.byte_start..node.end;
            if self.text.get(range.clone()) == Some(key) {
                self.edits.push((range, scalar::double_quoted(key)));
            }
        }
    }

    fn value(&mut self, node: &Node, layout: &Layout, slot: Slot) {
        match &node.value {
            Value::Scalar { text, style } => self.scalar(node, text, *style, slot),
            Value::Map { flow: false, .. } => self.mapping(node, layout, slot.parent + 2),
            Value::Map { flow: true, .. } => {}
            Value::List { items, flow } => {
                let item_layout = match layout {
                    Layout::List(item) => item,
                    _ => &Layout::Value,
                };
                self.list(node, items, *flow, item_layout, slot);
            }
        }
    }

    /// A list: `[a, b]` when its items are words and it fits the width, else one item a
    /// line (a `[...]` list of one-line items is turned into lines).
    fn list(&mut self, node: &Node, items: &[Node], flow: bool, layout: &Layout, slot: Slot) {
        // A block list ends with its last item's line (the parser ends it where the next
        // key starts, past any comment between).
        let end = match (flow, items.last()) {
            (false, Some(last)) if last.text().is_some() => through_line_end(self.text, last.end),
            _ => node.end,
        };
        let range = node.position.byte_start..end;
        let commented = self.text[range.clone()].contains('#');
        let lines: Option<Vec<&str>> = items.iter().map(one_line).collect();
        let inline = (lines.as_ref())
            .filter(|l| l.iter().all(|t| !t.contains(char::is_whitespace)))
            .filter(|_| items.iter().filter_map(|i| self.typed(i)).all(flow_safe))
            .map(|_| self.flow_list(items))
            .filter(|inline| slot.inline + inline.chars().count() <= WIDTH);
        match (flow, inline) {
            (true, Some(inline)) if !commented => self.edits.push((range, inline)),
            (false, Some(inline)) if !commented => match slot.after_key {
                Some(after_key) if after_key <= range.start => {
                    let line_break = if self.text[..end].ends_with('\n') {
                        "\n"
                    } else {
                        ""
                    };
                    self.edits
                        .push((after_key..end, format!(" {inline}{line_break}")));
                }
                _ => self.block_items(items, layout, slot),
            },
            (true, None) if lines.is_some() && !commented => {
                let dash = slot.parent + 2;
                let mut block = String::new();
                for item in items {
                    let text = item.text().unwrap_or_default();
                    let repr = match self.typed(item) {
                        Some(source) => source.to_string(),
                        None => scalar::block_context(text, dash + 2, dash + 2).render(dash + 2),
                    };
                    block.push('\n');
                    block.extend(std::iter::repeat_n(' ', dash));
                    block.push_str("- ");
                    block.push_str(&repr);
                }
                self.edits.push((range, block));
            }
            (false, _) => self.block_items(items, layout, slot),
            _ => {}
        }
    }

    /// Items as a `[...]` list.
    fn flow_list(&self, items: &[Node]) -> String {
        let items: Vec<String> = (items.iter())
            .map(|item| match self.typed(item) {
                Some(source) => source.to_string(),
                None => scalar::flow_context(item.text().unwrap_or_default()),
            })
            .collect();
        format!("[{}]", items.join(", "))
    }

    /// The source of a plain value that is not read as text (a number, `true`, a
    /// date): written as it was, so it keeps its type.
    fn typed(&self, node: &Node) -> Option<&str> {
        let plain = matches!(
            node.value,
            Value::Scalar {
                style: Style::Plain,
                ..
            }
        );
        let text = node.text()?;
        (plain && !scalar::reads_as_text(text))
            .then(|| &self.text[node.position.byte_start..node.end])
    }

    /// The items of a block list whose `-` are at the slot's column + 2.
    fn block_items(&mut self, items: &[Node], layout: &Layout, slot: Slot) {
        let dash = slot.parent + 2;
        for item in items {
            let inner = Slot {
                parent: dash,
                inline: dash + 2,
                after_key: None,
            };
            self.value(item, layout, inner);
        }
    }

    fn scalar(&mut self, node: &Node, text: &str, style: Style, slot: Slot) {
        let source = &self.text[node.position.byte_start..node.end.max(node.position.byte_start)];
        let plain_line = style == Style::Plain && !source.contains('\n');
        if node.is_null() || (plain_line && !scalar::reads_as_text(text)) {
            // Plain on one line and not read as text (a number, a date, `true`): kept as
            // written, so its type is kept too.
            return;
        }
        let indent = slot.parent + 2;
        let repr = scalar::block_context(text, slot.inline, indent);
        let was_block = matches!(style, Style::Literal | Style::Folded);
        let start = match was_block {
            true => match block_header_start(self.text, node.position.byte_start) {
                Some(start) => start,
                None => return,
            },
            false => node.position.byte_start,
        };
        let mut new = repr.render(indent);
        if was_block {
            new.push('\n');
        }
        let end = match was_block {
            true => line_end(self.text, node.end),
            false => node.end.min(self.text.len()),
        };
        // Spaces after the value go too: after a block header they would be its text.
        let rest = &self.text[end..];
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if matches!(repr, Repr::Block { .. }) && !was_block && rest[spaces..].starts_with('#') {
            // A comment after the value would land in the block: keep the value.
            return;
        }
        let end = if rest[spaces..].starts_with(['\n', '\r']) || spaces == rest.len() {
            end + spaces
        } else {
            end
        };
        self.edits.push((start..end, new));
    }
}

/// Just past the line break that ends the line holding byte `at` (or the text's end).
fn through_line_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// `end` moved back over the indentation of the line it is in, to the line's start: the
/// parser ends a block where the next token starts.
fn line_end(text: &str, end: usize) -> usize {
    let end = end.min(text.len());
    let before = &text[..end];
    let indentation = before.len() - before.trim_end_matches(' ').len();
    match before[..end - indentation].ends_with('\n') {
        true => end - indentation,
        false => end,
    }
}

/// Whether a value written as it was can stand in a `[...]` list.
fn flow_safe(source: &str) -> bool {
    !source.contains([',', '[', ']', '{', '}', '#']) && !source.contains(": ")
}

/// A list item that is one line of text.
fn one_line<'n>(node: &'n Node) -> Option<&'n str> {
    let text = node.text()?;
    let ok = !node.is_null() && !text.is_empty() && !text.contains('\n');
    ok.then_some(text)
}

/// Where the header (`|`, `>-`...) of the block whose text starts at `content` is; `None`
/// when a comment follows the header (the value is then left as written).
fn block_header_start(text: &str, content: usize) -> Option<usize> {
    let before = &text[..content];
    let header_line_end = before.trim_end_matches([' ', '\n', '\r']).len();
    let line_start = before[..header_line_end].rfind('\n').map_or(0, |i| i + 1);
    let line = &before[line_start..header_line_end];
    if line.contains(" #") {
        return None;
    }
    let at = line.rfind(['|', '>'])?;
    Some(line_start + at)
}
