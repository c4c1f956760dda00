//! Terminal text: lines wrapped to a width, with ANSI styles when the layout is
//! styled, and Markdown rendered to such lines by walking pulldown-cmark's events.
//! Text from records is stripped of control characters first ([`clean`]), so a record
//! cannot send escape sequences to the reader's terminal.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Layout;

/// Text from a record without control characters (escape sequences, carriage returns)
/// that would act on the terminal instead of being shown. Tabs become spaces.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            // Bidirectional overrides and isolates reorder what the reader sees.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

/// ANSI styles, used only when the layout is styled.
mod ansi {
    pub const BOLD: &str = "\x1b[1m";
    pub const ITALIC: &str = "\x1b[3m";
    pub const UNDERLINE: &str = "\x1b[4m";
    pub const CYAN: &str = "\x1b[36m";
    pub const RESET: &str = "\x1b[0m";
}

/// The lines being written, and the layout they follow.
pub struct Out {
    layout: Layout,
    lines: Vec<String>,
}

impl Out {
    pub fn new(layout: Layout) -> Out {
        Out {
            layout,
            lines: Vec::new(),
        }
    }

    fn style(&self, style: &str, text: &str) -> String {
        if self.layout.styled && !text.is_empty() {
            format!("{style}{text}{}", ansi::RESET)
        } else {
            text.to_string()
        }
    }

    pub fn strong(&self, text: &str) -> String {
        self.style(ansi::BOLD, text)
    }

    pub fn code(&self, text: &str) -> String {
        self.style(ansi::CYAN, text)
    }

    /// One empty line, never two in a row and never at the start.
    pub fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    pub fn title(&mut self, text: &str) {
        let lines = wrap(text, self.layout.width, "", "");
        let longest = lines.iter().map(|l| display_width(l)).max().unwrap_or(0);
        for line in lines {
            let styled = self.strong(&line);
            self.lines.push(styled);
        }
        self.lines.push("=".repeat(longest));
        self.lines.push(String::new());
    }

    pub fn heading(&mut self, text: &str) {
        self.blank();
        let styled = self.strong(text);
        self.lines.push(styled);
        self.lines.push("-".repeat(display_width(text)));
    }

    /// Wraps `text` (which may already hold styles) with a first-line and a
    /// continuation indent.
    pub fn wrapped(&mut self, text: &str, first: &str, rest: &str) {
        self.lines
            .extend(wrap(text, self.layout.width, first, rest));
    }

    /// A URL, never broken: after `label` when both fit on a line; else on a line of
    /// its own, indented when it fits, or at the left margin so it still fits when it can.
    pub fn url(&mut self, label: &str, url: &str, indent: &str) {
        let url = clean(url);
        let styled = self.style(ansi::UNDERLINE, &url);
        let width = display_width(&url);
        if !label.is_empty() && label.len() + width <= self.layout.width {
            self.lines.push(format!("{label}{styled}"));
            return;
        }
        if !label.is_empty() {
            self.lines.push(label.trim_end().to_string());
        }
        let indent = if indent.len() + width <= self.layout.width {
            indent
        } else {
            ""
        };
        self.lines.push(format!("{indent}{styled}"));
    }

    /// A Markdown text, rendered, its first line after `first` and the others after `rest`.
    pub fn markdown(&mut self, text: &str, first: &str, rest: &str) {
        let rendered = markdown(&clean(text), self.layout, first, rest);
        self.lines.extend(rendered);
    }

    pub fn finish(mut self) -> String {
        while self.lines.last().is_some_and(|l| l.is_empty()) {
            self.lines.pop();
        }
        let mut text = self.lines.join("\n");
        text.push('\n');
        text
    }
}

/// Columns a text takes on screen (ANSI styles take none).
fn display_width(text: &str) -> usize {
    textwrap::core::display_width(text)
}

/// Wraps at spaces; a word longer than the width (a URL) stays whole on its own line.
fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.trim_end().to_string())
        .collect()
}

/// An open block container, and the indent it gives the lines inside it.
struct Indent {
    /// For the first line of its content (a list marker such as `- ` or `2. `).
    first: String,
    /// For every later line.
    rest: String,
    /// Whether its first line has been written.
    started: bool,
}

/// Renders Markdown to terminal lines by walking pulldown-cmark's events: paragraphs
/// wrapped, lists with markers and hanging indents, code blocks indented and never
/// wrapped, links followed by their URL.
pub fn markdown(text: &str, layout: Layout, first: &str, rest: &str) -> Vec<String> {
    let mut r = MarkdownWriter {
        layout,
        lines: Vec::new(),
        indents: vec![Indent {
            first: first.to_string(),
            rest: rest.to_string(),
            started: false,
        }],
        inline: String::new(),
        lists: Vec::new(),
        links: Vec::new(),
        code_block: None,
        blocks_in_item: Vec::new(),
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(text, options) {
        r.event(event);
    }
    r.flush();
    while r.lines.last().is_some_and(|l| l.trim().is_empty()) {
        r.lines.pop();
    }
    r.lines
}

struct MarkdownWriter {
    layout: Layout,
    lines: Vec<String>,
    indents: Vec<Indent>,
    /// The inline text of the current block, styles included.
    inline: String,
    /// For each open list, the next item's number (`None`: bullets).
    lists: Vec<Option<u64>>,
    /// For each open link, its destination.
    links: Vec<(String, usize)>,
    /// The text of the code block being read.
    code_block: Option<String>,
    /// For each open list item, how many blocks it has written (for blank lines).
    blocks_in_item: Vec<usize>,
}

impl MarkdownWriter {
    fn styled(&self) -> bool {
        self.layout.styled
    }

    fn push_style(&mut self, style: &str) {
        if self.styled() {
            self.inline.push_str(style);
        }
    }

    fn end_style(&mut self) {
        if self.styled() {
            self.inline.push_str(ansi::RESET);
        }
    }

    /// The indents of the next line, marking each container's first line as used.
    fn prefixes(&mut self) -> (String, String) {
        let mut first = String::new();
        let mut rest = String::new();
        for indent in &mut self.indents {
            first.push_str(if indent.started {
                &indent.rest
            } else {
                &indent.first
            });
            rest.push_str(&indent.rest);
            indent.started = true;
        }
        (first, rest)
    }

    /// Before a new block: a blank line between blocks, except between the items of a
    /// list (their first blocks follow each other directly).
    fn start_block(&mut self) {
        let first_in_item = match self.blocks_in_item.last_mut() {
            Some(count) => {
                *count += 1;
                *count == 1
            }
            None => false,
        };
        if !first_in_item && !self.lines.is_empty() {
            self.blank();
        }
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.trim().is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// Writes the inline text gathered so far as a wrapped paragraph.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.inline);
        if text.trim().is_empty() {
            return;
        }
        self.start_block();
        let (first, rest) = self.prefixes();
        let lines = wrap(text.trim(), self.layout.width, &first, &rest);
        self.lines.extend(lines);
    }

    fn event(&mut self, event: Event) {
        if let Some(code) = &mut self.code_block {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    let code = self.code_block.take().unwrap_or_default();
                    self.write_code(&code);
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.inline.push_str(&text),
            Event::Code(code) => {
                self.push_style(ansi::CYAN);
                self.inline.push_str(&code);
                self.end_style();
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => self.inline.push_str(&text),
            // Raw HTML is shown as the text it is; nothing interprets it here.
            Event::Html(html) | Event::InlineHtml(html) => self.inline.push_str(&html),
            Event::SoftBreak => self.inline.push(' '),
            Event::HardBreak => self.inline.push('\n'),
            Event::Rule => {
                self.flush();
                self.start_block();
                let (first, _) = self.prefixes();
                let width = self
                    .layout
                    .width
                    .saturating_sub(display_width(&first))
                    .min(40);
                self.lines.push(format!("{first}{}", "-".repeat(width)));
            }
            Event::TaskListMarker(done) => {
                self.inline.push_str(if done { "[x] " } else { "[ ] " });
            }
            Event::FootnoteReference(name) => {
                self.inline.push_str(&format!("[{name}]"));
            }
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph | Tag::TableRow | Tag::TableHead => self.flush(),
            Tag::Heading { .. } => {
                self.flush();
                self.push_style(ansi::BOLD);
            }
            Tag::BlockQuote(_) => {
                self.flush();
                let bar = if self.styled() { "│ " } else { "> " };
                self.indents.push(Indent {
                    first: bar.into(),
                    rest: bar.into(),
                    started: false,
                });
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code_block = Some(String::new());
            }
            Tag::List(start) => {
                self.flush();
                // A list is set off from the text before it, unless it is nested.
                if self.blocks_in_item.is_empty() {
                    self.blank();
                }
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(Some(number)) => {
                        let marker = format!("{number}. ");
                        *number += 1;
                        marker
                    }
                    _ => "- ".to_string(),
                };
                let rest = " ".repeat(marker.len());
                self.indents.push(Indent {
                    first: marker,
                    rest,
                    started: false,
                });
                self.blocks_in_item.push(0);
            }
            Tag::Emphasis => self.push_style(ansi::ITALIC),
            Tag::Strong => self.push_style(ansi::BOLD),
            Tag::Strikethrough => {}
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.links.push((dest_url.to_string(), self.inline.len()));
            }
            Tag::Table(_) | Tag::TableCell => {}
            Tag::FootnoteDefinition(_)
            | Tag::HtmlBlock
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::TableRow | TagEnd::TableHead => self.flush(),
            TagEnd::Heading(_) => {
                self.end_style();
                self.flush();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.indents.pop();
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.flush();
                self.indents.pop();
                self.blocks_in_item.pop();
            }
            TagEnd::Emphasis | TagEnd::Strong => self.end_style(),
            TagEnd::Link | TagEnd::Image => {
                if let Some((url, start)) = self.links.pop() {
                    let label = self.inline.get(start..).unwrap_or("").to_string();
                    if !url.is_empty() && label.trim() != url {
                        self.inline.push_str(&format!(" ({url})"));
                    }
                }
            }
            TagEnd::TableCell => self.inline.push_str(" | "),
            _ => {}
        }
    }

    /// A code block: each line indented four more columns, never wrapped (a command
    /// must stay copyable), set off by blank lines.
    fn write_code(&mut self, code: &str) {
        self.start_block();
        let (first, rest) = self.prefixes();
        for (i, line) in code.trim_end_matches('\n').lines().enumerate() {
            let prefix = if i == 0 { &first } else { &rest };
            let line = format!("{prefix}    {}", line.trim_end());
            self.lines.push(if self.styled() {
                format!("{}{line}{}", ansi::CYAN, ansi::RESET)
            } else {
                line
            });
        }
        self.blank();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::Layout;

    fn plain(text: &str, width: usize) -> Vec<String> {
        markdown(text, Layout::new(width, false), "", "")
    }

    #[test]
    fn paragraphs_wrap_and_lists_hang() {
        let lines = plain(
            "A **bold** word and `code` in a sentence long enough to wrap.\n\n- one item\n- two",
            30,
        );
        assert_eq!(
            lines,
            [
                "A bold word and code in a",
                "sentence long enough to wrap.",
                "",
                "- one item",
                "- two"
            ]
        );
    }

    #[test]
    fn code_blocks_are_indented_and_never_wrapped() {
        let lines = plain(
            "Run:\n```sh\nan-extremely-long-command --with-many-flags --and-more\n```",
            30,
        );
        assert_eq!(
            lines,
            [
                "Run:",
                "",
                "    an-extremely-long-command --with-many-flags --and-more"
            ]
        );
    }

    #[test]
    fn links_show_their_url() {
        assert_eq!(
            plain("See [the docs](https://example.com/a).", 80),
            ["See the docs (https://example.com/a)."]
        );
    }

    #[test]
    fn control_characters_are_removed() {
        assert_eq!(clean("red\x1b[31m\r text\u{202E}"), "red[31m text");
    }

    #[test]
    fn styles_only_when_styled() {
        let styled = markdown("**b**", Layout::new(80, true), "", "");
        assert_eq!(styled, ["\x1b[1mb\x1b[0m"]);
    }
}
