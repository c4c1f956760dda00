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

    fn list(&mut self, node: &Node, items: &[Node], flow: bool, layout: &Layout, slot: Slot) {
        let range = node.position.byte_start..node.end;
        let words: Option<Vec<&str>> = items.iter().map(word).collect();
        let source = &self.text[range.clone()];
        let inline = words.as_ref().map(|w| {
            format!(
                "[{}]",
                (w.iter())
                    .map(|w| scalar::flow_context(w))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
        let fits = inline
            .as_ref()
            .is_some_and(|i| slot.inline + i.chars().count() <= WIDTH);
        match (flow, inline) {
            (true, Some(inline)) if fits => self.edits.push((range, inline)),
            (false, Some(inline)) if fits && !source.contains('#') => {
                if let Some(after_key) = slot.after_key.filter(|&a| a <= range.start) {
                    let end = line_end(self.text, node.end);
                    let line_end = if self.text[..end].ends_with('\n') {
                        "\n"
                    } else {
                        ""
                    };
                    self.edits
                        .push((after_key..end, format!(" {inline}{line_end}")));
                } else {
                    self.block_items(items, layout, slot);
                }
            }
            (true, Some(_)) if !source.contains('#') => {
                let dash = slot.parent + 2;
                let mut block = String::new();
                for item in items {
                    let text = item.text().unwrap_or_default();
                    let repr = scalar::block_context(text, dash + 2, dash + 2);
                    block.push('\n');
                    block.extend(std::iter::repeat_n(' ', dash));
                    block.push_str("- ");
                    block.push_str(&repr.render(dash + 2));
                }
                self.edits.push((range, block));
            }
            (false, _) => self.block_items(items, layout, slot),
            _ => {}
        }
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
        if node.is_null() || (plain_line && !scalar::plain_safe(text)) {
            // Plain on one line and not surely text (a number, a date, `true`): kept as
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
        if matches!(repr, Repr::Block { .. }) && !was_block && self.text[end..].starts_with(" #") {
            // A comment after the value would land in the block: keep the value.
            return;
        }
        self.edits.push((start..end, new));
    }
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

/// A list item that is one word: text without spaces or line breaks.
fn word<'n>(node: &'n Node) -> Option<&'n str> {
    let text = node.text()?;
    let ok = !node.is_null() && !text.is_empty() && !text.contains(char::is_whitespace);
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
