//! The second pass of `fmt`: the keys of each mapping in the order of the record's
//! fields (the table in [`crate::fields`], then `faq` and `sources` entries by their
//! own keys); keys the format does not know follow, in the order written.
//!
//! A key moves with its whole value, the comment lines written right above it, and the
//! blank lines after it. Comments above the first key that a blank line separates from
//! it stay at the top of the file; comments after the last value stay at the end. The
//! keys of a list item are only reordered when the item holds no comment.

use std::ops::Range;

use crate::load::raw::Layout;
use crate::load::yaml::{Node, Value};

/// `text` with the keys of its mappings in the order `layout` lists them.
pub fn order(text: &str, root: &Node, layout: &Layout) -> String {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&s| s < text.len())
        .collect();
    let mut lines: Vec<String> = starts
        .iter()
        .enumerate()
        .map(|(i, &s)| text[s..starts.get(i + 1).copied().unwrap_or(text.len())].to_string())
        .collect();
    // Every line ends with its line break, so that lines can move.
    if let Some(last) = lines.last_mut().filter(|l| !l.ends_with('\n')) {
        last.push('\n');
    }
    let line_of = |byte: usize| starts.partition_point(|&s| s <= byte).saturating_sub(1);
    let mut pass = Orderer {
        text,
        lines: &mut lines,
        line_of: &line_of,
    };
    if let Value::Map { flow: false, .. } = root.value {
        let all = 0..pass.lines.len();
        pass.mapping(root, layout, all, false);
    }
    lines.concat()
}

struct Orderer<'l, F: Fn(usize) -> usize> {
    /// The text as parsed (the lines move; the text does not).
    text: &'l str,
    lines: &'l mut Vec<String>,
    line_of: &'l F,
}

impl<F: Fn(usize) -> usize> Orderer<'_, F> {
    /// Orders the entries of the block mapping `node`, which covers the lines `range`;
    /// `in_item` when its first key follows the `- ` of a list item.
    fn mapping(&mut self, node: &Node, layout: &Layout, range: Range<usize>, in_item: bool) {
        let (
            Value::Map {
                entries,
                flow: false,
            },
            Layout::Mapping(fields),
        ) = (&node.value, layout)
        else {
            return;
        };
        // Entries first, inside out: their lines stay within their own chunk.
        for entry in entries {
            let Some(inner) = entry.key.text().and_then(|k| layout.of(k)) else {
                continue;
            };
            if let (Value::List { items, flow: false }, Layout::List(item_layout)) =
                (&entry.value.value, inner)
            {
                for item in items {
                    let item_range = (self.line_of)(item.position.byte_start)
                        ..(self.line_of)(item.end.saturating_sub(1)) + 1;
                    self.mapping(item, item_layout, item_range, true);
                }
            }
        }
        let rank = |key: Option<&str>| {
            key.and_then(|k| fields.iter().position(|(f, _)| f == k))
                .unwrap_or(fields.len())
        };
        let ranks: Vec<usize> = entries.iter().map(|e| rank(e.key.text())).collect();
        if ranks.is_sorted() {
            return;
        }
        let key_lines: Vec<usize> = entries
            .iter()
            .map(|e| (self.line_of)(e.key.position.byte_start))
            .collect();
        // Only keys of text, each at the start of its line (not `? ` keys).
        let simple_keys = entries.iter().zip(&key_lines).all(|(e, &line)| {
            let text = self.lines[line].trim_start().trim_start_matches("- ");
            let colon = (self.text.get(e.key.end..))
                .is_some_and(|t| t.trim_start_matches([' ', '\t']).starts_with(':'));
            matches!(e.key.value, Value::Scalar { .. }) && !text.starts_with('?') && colon
        });
        if !simple_keys || !key_lines.is_sorted() || key_lines.windows(2).any(|w| w[0] == w[1]) {
            return;
        }
        let last_end = entries
            .last()
            .map_or(0, |e| (self.line_of)(e.value.end.max(1) - 1) + 1);
        let chunks = self.chunks(&key_lines, last_end.min(range.end));
        if in_item && !self.prepare_item(&chunks, node, &range) {
            return;
        }
        let mut order: Vec<usize> = (0..chunks.len()).collect();
        order.sort_by_key(|&i| ranks[i]);
        let moved: Vec<String> = order
            .iter()
            .flat_map(|&i| self.lines[chunks[i].clone()].to_vec())
            .collect();
        let span = chunks[0].start..chunks[chunks.len() - 1].end;
        self.lines.splice(span, moved);
        if in_item {
            let column = node.position.column - 1;
            let first = &mut self.lines[chunks[0].start];
            first.replace_range(column - 2..column, "- ");
        }
    }

    /// The lines of each entry: from the comments right above its key to the line
    /// before the next entry's; the last ends at `end`.
    fn chunks(&self, key_lines: &[usize], end: usize) -> Vec<Range<usize>> {
        let starts: Vec<usize> = key_lines
            .iter()
            .enumerate()
            .map(|(i, &k)| {
                let floor = if i == 0 { 0 } else { key_lines[i - 1] + 1 };
                let mut start = k;
                while start > floor && self.lines[start - 1].trim_start().starts_with('#') {
                    start -= 1;
                }
                start
            })
            .collect();
        (0..starts.len())
            .map(|i| starts[i]..starts.get(i + 1).copied().unwrap_or(end.max(starts[i] + 1)))
            .collect()
    }

    /// Makes a list item's first line like its others (the `- ` becomes spaces), when
    /// the item has no comment; `false` leaves the item as it is.
    fn prepare_item(&mut self, chunks: &[Range<usize>], node: &Node, range: &Range<usize>) -> bool {
        let column = node.position.column - 1;
        let has_comment = self.lines[range.clone()]
            .iter()
            .any(|l| l.trim_start().starts_with('#'));
        let first = &self.lines[chunks[0].start];
        if has_comment || column < 2 || first.get(column - 2..column) != Some("- ") {
            return false;
        }
        self.lines[chunks[0].start].replace_range(column - 2..column, "  ");
        true
    }
}
