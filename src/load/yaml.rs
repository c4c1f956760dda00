//! A YAML file as a tree of located nodes, read from the parser's events.
//!
//! Every node keeps where it was written, so that each field of a record can be read
//! (and judged) on its own: a value of the wrong type is one problem of one field, not
//! the end of the file. Scalars keep their text exactly as the parser resolved it, and
//! their style (plain, quoted, block), so `fmt` and the checks know how it was written.
//!
//! The tree is built within the limits that keep hostile input harmless: at most
//! [`MAX_DEPTH`] levels of nesting, one document, and aliases (`*a`) expanded within a
//! budget of nodes and text. A key written twice in a mapping is kept once (the first)
//! and remembered in [`Tree::duplicates`], with both places.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, ScanError, Span, StructureStyle};

use super::{MAX_DEPTH, MAX_FILE_BYTES};
use crate::diagnostics::Position;

/// The most nodes a file may expand to, aliases included.
const MAX_NODES: usize = 100_000;
/// The most text a file may expand to, aliases included.
const MAX_TEXT_BYTES: usize = 4 * MAX_FILE_BYTES as usize;

/// A value, where it starts, and the byte where it ends.
#[derive(Clone, Debug)]
pub struct Node<'a> {
    pub value: Value<'a>,
    pub position: Position,
    /// Just past the value's last byte (for a collection, its closing bracket or the
    /// line after its last item).
    pub end: usize,
}

/// What a node holds.
#[derive(Clone, Debug)]
pub enum Value<'a> {
    Scalar { text: Cow<'a, str>, style: Style },
    List { items: Vec<Node<'a>>, flow: bool },
    Map { entries: Vec<Entry<'a>>, flow: bool },
}

/// A key and its value in a mapping.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    pub key: Node<'a>,
    pub value: Node<'a>,
}

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|`: lines kept as written.
    Literal,
    /// `>`: lines folded into one.
    Folded,
}

impl Node<'_> {
    /// The text of a scalar.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Whether the node is YAML's null: nothing written, `~` or `null`.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, style: Style::Plain } if matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// "text", "a list" or "a mapping", for messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Scalar { .. } => "text",
            Value::List { .. } => "a list",
            Value::Map { .. } => "a mapping",
        }
    }
}

/// A key written twice in one mapping.
#[derive(Clone, Debug)]
pub struct Duplicate {
    pub key: String,
    pub first: Position,
    pub again: Position,
}

/// A parsed file.
#[derive(Debug)]
pub struct Tree<'a> {
    pub root: Node<'a>,
    pub duplicates: Vec<Duplicate>,
    /// Whether the file uses anchors, aliases or tags (`&a`, `*a`, `!!str`): the tree
    /// then holds copies of values written elsewhere.
    pub has_properties: bool,
}

/// Why a file did not become a tree.
#[derive(Debug)]
pub enum ParseError {
    /// The text is not YAML; the scanner says where and why.
    Syntax(ScanError),
    /// The file passes a limit, at this place when known.
    Limit(Limit, Option<Position>),
}

/// The limits of [`parse`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// More than [`MAX_DEPTH`] levels of nesting.
    Depth,
    /// Aliases that expand past the budget of nodes or text.
    Expansion,
    /// More than one document (`---`).
    Documents,
}

/// Parses `text` into a tree. An empty document is a null scalar.
pub fn parse(text: &str) -> Result<Tree<'_>, ParseError> {
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        duplicates: Vec::new(),
        nodes: 0,
        text_bytes: 0,
        root: None,
        documents: 0,
        has_properties: false,
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|err| match err.kind() {
            serde_saphyr::granit_parser::ErrorKind::RecursionLimitExceeded => {
                ParseError::Limit(Limit::Depth, Some(marker_position(&err)))
            }
            _ => ParseError::Syntax(err),
        })?;
        builder.event(event, span)?;
    }
    let root = builder.root.unwrap_or_else(|| Node {
        value: Value::Scalar {
            text: Cow::Borrowed(""),
            style: Style::Plain,
        },
        position: Position::default(),
        end: 0,
    });
    Ok(Tree {
        root,
        duplicates: builder.duplicates,
        has_properties: builder.has_properties,
    })
}

/// The position of a scan error.
pub fn marker_position(err: &ScanError) -> Position {
    let marker = err.marker();
    let byte = marker.byte_offset().unwrap_or(0);
    Position {
        line: marker.line(),
        column: marker.col() + 1,
        byte_start: byte,
        byte_end: byte,
    }
}

fn span_position(span: &Span) -> Position {
    let range = span.byte_range().unwrap_or(0..0);
    Position {
        line: span.start.line(),
        column: span.start.col() + 1,
        byte_start: range.start,
        byte_end: range.end,
    }
}

/// A collection being read: its node so far, its anchor, and for a mapping the key
/// waiting for its value.
struct Open<'a> {
    node: Node<'a>,
    anchor: usize,
    key: Option<Node<'a>>,
    /// The keys of a large mapping, made once it has [`INDEX_AFTER`] entries, so a
    /// hostile mapping of many keys is not searched end to end for each new key.
    index: Option<HashMap<String, Position>>,
}

/// How many entries a mapping has before its keys are indexed.
const INDEX_AFTER: usize = 16;

/// Where `key` was first written in a mapping, if it already holds it.
fn first_place(
    entries: &[Entry],
    index: &mut Option<HashMap<String, Position>>,
    key: &str,
) -> Option<Position> {
    if index.is_none() && entries.len() >= INDEX_AFTER {
        let keys = entries.iter().rev();
        let keys = keys.filter_map(|e| Some((e.key.text()?.to_string(), e.key.position)));
        *index = Some(keys.collect());
    }
    match index {
        Some(index) => index.get(key).copied(),
        None => (entries.iter())
            .find(|e| e.key.text() == Some(key))
            .map(|e| e.key.position),
    }
}

struct Builder<'a> {
    stack: Vec<Open<'a>>,
    anchors: HashMap<usize, Node<'a>>,
    duplicates: Vec<Duplicate>,
    nodes: usize,
    text_bytes: usize,
    root: Option<Node<'a>>,
    documents: usize,
    has_properties: bool,
}

impl<'a> Builder<'a> {
    fn event(&mut self, event: Event<'a>, span: Span) -> Result<(), ParseError> {
        let position = span_position(&span);
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(ParseError::Limit(Limit::Documents, Some(position)));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.has_properties |= anchor != 0 || tag.is_some();
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted => Style::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                    ScalarStyle::Literal => Style::Literal,
                    ScalarStyle::Folded => Style::Folded,
                };
                self.count(1, text.len(), position)?;
                let node = Node {
                    value: Value::Scalar { text, style },
                    position,
                    end: position.byte_end,
                };
                if anchor != 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.push(node);
            }
            Event::SequenceStart(style, anchor, tag) => {
                self.has_properties |= anchor != 0 || tag.is_some();
                let value = Value::List {
                    items: Vec::new(),
                    flow: style == StructureStyle::Flow,
                };
                self.open(value, anchor, position)?;
            }
            Event::MappingStart(style, anchor, tag) => {
                self.has_properties |= anchor != 0 || tag.is_some();
                let value = Value::Map {
                    entries: Vec::new(),
                    flow: style == StructureStyle::Flow,
                };
                self.open(value, anchor, position)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let mut open = self.stack.pop().expect("the parser balances collections");
                open.node.end = position.byte_end;
                if open.anchor != 0 {
                    self.anchors.insert(open.anchor, open.node.clone());
                }
                self.push(open.node);
            }
            Event::Alias(id) => {
                self.has_properties = true;
                let mut node = self.anchors.get(&id).cloned().unwrap_or(Node {
                    value: Value::Scalar {
                        text: Cow::Borrowed(""),
                        style: Style::Plain,
                    },
                    position,
                    end: position.byte_end,
                });
                let (nodes, bytes) = weight(&node);
                self.count(nodes, bytes, position)?;
                node.position = position;
                node.end = position.byte_end;
                self.push(node);
            }
            _ => {}
        }
        Ok(())
    }

    fn open(
        &mut self,
        value: Value<'a>,
        anchor: usize,
        position: Position,
    ) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(ParseError::Limit(Limit::Depth, Some(position)));
        }
        self.count(1, 0, position)?;
        self.stack.push(Open {
            node: Node {
                value,
                position,
                end: position.byte_end,
            },
            anchor,
            key: None,
            index: None,
        });
        Ok(())
    }

    /// Counts nodes and text against the budget.
    fn count(&mut self, nodes: usize, bytes: usize, position: Position) -> Result<(), ParseError> {
        self.nodes += nodes;
        self.text_bytes += bytes;
        if self.nodes > MAX_NODES || self.text_bytes > MAX_TEXT_BYTES {
            return Err(ParseError::Limit(Limit::Expansion, Some(position)));
        }
        Ok(())
    }

    /// Adds a finished node to the collection being read, or makes it the root.
    fn push(&mut self, node: Node<'a>) {
        let Some(open) = self.stack.last_mut() else {
            self.root.get_or_insert(node);
            return;
        };
        match &mut open.node.value {
            Value::List { items, .. } => items.push(node),
            Value::Map { entries, .. } => match open.key.take() {
                None => open.key = Some(node),
                Some(key) => match key
                    .text()
                    .and_then(|k| first_place(entries, &mut open.index, k))
                {
                    Some(first) => self.duplicates.push(Duplicate {
                        key: key.text().unwrap_or_default().to_string(),
                        first,
                        again: key.position,
                    }),
                    None => {
                        if let (Some(index), Some(k)) = (&mut open.index, key.text()) {
                            index.insert(k.to_string(), key.position);
                        }
                        entries.push(Entry { key, value: node });
                    }
                },
            },
            Value::Scalar { .. } => unreachable!("scalars hold no nodes"),
        }
    }
}

/// How many nodes and bytes of text a node holds.
fn weight(node: &Node) -> (usize, usize) {
    match &node.value {
        Value::Scalar { text, .. } => (1, text.len()),
        Value::List { items, .. } => items.iter().map(weight).fold((1, 0), add),
        Value::Map { entries, .. } => entries
            .iter()
            .flat_map(|e| [weight(&e.key), weight(&e.value)])
            .fold((1, 0), add),
    }
}

fn add(a: (usize, usize), b: (usize, usize)) -> (usize, usize) {
    (a.0 + b.0, a.1 + b.1)
}
