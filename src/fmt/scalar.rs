//! How `fmt` writes one text value: plain when YAML reads it back as the same text,
//! double-quoted when it must be, a `|` block for text of several lines, and a `>`
//! block wrapped at the width for one long line. Each form is chosen only when it
//! keeps the value exactly; otherwise the value is double-quoted.

use super::WIDTH;

/// A value as `fmt` writes it.
#[derive(Debug, PartialEq, Eq)]
pub enum Repr {
    /// On the key's line (plain or double-quoted).
    Inline(String),
    /// A block: its header (`|`, `>-`...) and its lines, without indentation.
    Block { header: String, lines: Vec<String> },
}

impl Repr {
    /// The text that replaces the value: inline, or the header and the lines indented
    /// by `indent` (the last line's line break is the caller's).
    pub fn render(&self, indent: usize) -> String {
        match self {
            Repr::Inline(text) => text.clone(),
            Repr::Block { header, lines } => {
                let mut out = header.clone();
                for line in lines {
                    out.push('\n');
                    if !line.is_empty() {
                        out.extend(std::iter::repeat_n(' ', indent));
                        out.push_str(line);
                    }
                }
                out
            }
        }
    }
}

/// How `text` is written, in a block context: on a line starting at `inline_column`,
/// or as a block indented by `indent`.
pub fn block_context(text: &str, inline_column: usize, indent: usize) -> Repr {
    let body = text.trim_end_matches('\n');
    let breaks = text.len() - body.len();
    if breaks > 1 {
        // A `|+` block would need blank lines at its end, which the layout pass folds
        // into one.
        return Repr::Inline(double_quoted(text));
    }
    if body.contains('\n') {
        return match literal_safe(text) {
            true => Repr::Block {
                header: format!("|{}", chomping(breaks)),
                lines: lines_with_breaks(body.split('\n'), breaks),
            },
            false => Repr::Inline(double_quoted(text)),
        };
    }
    let fits_inline = inline_column + inline(body).chars().count() <= WIDTH;
    if breaks == 0 && (fits_inline || !folding_safe(body)) {
        return Repr::Inline(inline(body));
    }
    if breaks > 0 && !literal_safe(text) {
        return Repr::Inline(double_quoted(text));
    }
    if breaks > 0 && (indent + body.chars().count() <= WIDTH || !folding_safe(body)) {
        // One line and its line break(s), short enough to stay one line.
        return Repr::Block {
            header: format!("|{}", chomping(breaks)),
            lines: lines_with_breaks(std::iter::once(body), breaks),
        };
    }
    Repr::Block {
        header: format!(">{}", chomping(breaks)),
        lines: lines_with_breaks(wrap(body, WIDTH.saturating_sub(indent)).into_iter(), breaks),
    }
}

/// How `text` is written inside `[...]`: plain when it may be, else double-quoted.
pub fn flow_context(text: &str) -> String {
    if plain_safe(text) && !text.contains([',', '[', ']', '{', '}']) {
        text.to_string()
    } else {
        double_quoted(text)
    }
}

/// `text` plain when YAML reads it back as this same text, else double-quoted.
fn inline(text: &str) -> String {
    if plain_safe(text) {
        text.to_string()
    } else {
        double_quoted(text)
    }
}

/// The chomping indicator that keeps `breaks` (0 or 1) final line breaks.
fn chomping(breaks: usize) -> &'static str {
    if breaks == 0 { "-" } else { "" }
}

/// The lines of a block.
fn lines_with_breaks<'a>(lines: impl Iterator<Item = &'a str>, _breaks: usize) -> Vec<String> {
    lines.map(str::to_string).collect()
}

/// Whether `text` reads back the same as plain YAML: text (not a number, a boolean or
/// null), on one line, with nothing YAML treats as syntax.
pub fn plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    reads_as_text(text)
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && text.trim() == text
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && text.chars().all(is_plain_char)
}

/// Whether plain `text` is read as text, not as a number, a boolean or null (YAML 1.1
/// words included, and anything starting with a digit: dates, versions).
pub fn reads_as_text(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let lower = text.to_ascii_lowercase();
    let keyword = matches!(
        lower.as_str(),
        "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    );
    let numeric = first.is_ascii_digit()
        || (matches!(first, '+' | '-' | '.')
            && text[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.'))
        || lower.trim_start_matches(['+', '-']).starts_with(".inf")
        || lower == ".nan";
    !keyword && !numeric
}

/// A character a plain or block value may hold as it is.
fn is_plain_char(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Whether `text` reads back the same from a `|` block: ordinary characters, a first
/// line that does not start with a space, no line of spaces only.
fn literal_safe(text: &str) -> bool {
    let body = text.trim_end_matches('\n');
    let first = body.lines().find(|l| !l.is_empty()).unwrap_or("");
    !body.is_empty()
        && !first.starts_with(' ')
        && body
            .split('\n')
            .all(|l| l.is_empty() || !l.trim().is_empty())
        && body.chars().all(|c| c == '\n' || is_plain_char(c))
}

/// Whether one line reads back the same from a `>` block cut at its spaces.
fn folding_safe(line: &str) -> bool {
    !line.is_empty() && line.trim() == line && line.chars().all(is_plain_char)
}

/// Cuts a line at single spaces into lines of at most `width` characters where it can
/// (a word longer than that stays whole). Never before `- `, so no line looks like a
/// list item.
fn wrap(line: &str, width: usize) -> Vec<&str> {
    let bytes = line.as_bytes();
    let mut lines = Vec::new();
    let (mut start, mut last_break, mut count) = (0, None, 0);
    for (i, c) in line.char_indices() {
        let can_break = c == ' '
            && i > start
            && bytes[i - 1] != b' '
            && bytes.get(i + 1).is_some_and(|&b| b != b' ')
            && !line[i + 1..].starts_with("- ");
        if can_break {
            if count > width
                && let Some(at) = last_break
            {
                lines.push(&line[start..at]);
                start = at + 1;
                count = line[start..i].chars().count();
            }
            last_break = Some(i);
        }
        count += 1;
    }
    if count > width
        && let Some(at) = last_break.filter(|&at| at > start)
    {
        lines.push(&line[start..at]);
        start = at + 1;
    }
    lines.push(&line[start..]);
    lines
}

/// `text` in double quotes, escaped as YAML reads it back.
pub fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            '\u{feff}' => out.push_str("\\uFEFF"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_cuts_at_single_spaces_within_the_width() {
        assert_eq!(wrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert_eq!(wrap("aa  bb", 2), ["aa  bb"], "never at a double space");
        assert_eq!(wrap("aaaaaa bb", 3), ["aaaaaa", "bb"]);
        assert_eq!(
            wrap("see - item", 4),
            ["see -", "item"],
            "never before `- `"
        );
    }

    #[test]
    fn plain_only_when_it_reads_back_as_the_same_text() {
        for text in ["Invalid username", "AADSTS50126", "a:b", "C# code"] {
            assert!(plain_safe(text), "{text}");
        }
        for text in [
            "40009", "yes", "null", "a: b", "a #b", "- a", "'a'", " a", "a:", "", ".5", "-1",
        ] {
            assert!(!plain_safe(text), "{text}");
        }
    }
}
