//! Whitespace the browser does not need, left out of every HTML page.
//!
//! The templates are indented for people who edit them; a browser collapses a run of
//! spaces and line breaks between words or tags into one space, so the indentation
//! is bytes written and sent for nothing (at 10,000 pages, megabytes). Each run of
//! whitespace in text that holds a line break becomes that one line break: what the
//! page shows does not change, and its source still reads line by line.
//!
//! Only text between tags is touched, never a tag (its attribute values are kept as
//! written) nor the content of `pre`, `textarea`, `script` and `style`, where
//! whitespace is kept as written or is not text at all; comments are copied whole.

/// Elements whose content is copied as it is, whitespace and all.
const KEPT_AS_WRITTEN: [&[u8]; 4] = [b"pre", b"textarea", b"script", b"style"];

/// `html` with each run of whitespace that holds a line break, in text outside the
/// elements [`KEPT_AS_WRITTEN`], made a single line break (see the module's docs).
pub fn collapse(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    // `html[copied..i]` is kept as it is and not yet copied: it goes in one piece.
    let (mut copied, mut i) = (0, 0);
    while i < html.len() {
        if html[i] == b'<' {
            i = markup_end(html, i);
        } else if html[i].is_ascii_whitespace() {
            let run = i + html[i..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            let already_one_break = run == i + 1 && html[i] == b'\n';
            if !already_one_break && html[i..run].contains(&b'\n') {
                out.extend_from_slice(&html[copied..i]);
                out.push(b'\n');
                copied = run;
            }
            i = run;
        } else {
            i += 1;
        }
    }
    out.extend_from_slice(&html[copied..]);
    out
}

/// Where the markup that starts at `start` (a `<`) ends: past a comment's `-->`, past
/// the closing tag of an element whose content is kept as written, else past the
/// tag's `>` (text never holds a bare `<` or `>` in a tag's quoted values: the
/// templates escape them).
fn markup_end(html: &[u8], start: usize) -> usize {
    let rest = &html[start..];
    if rest.starts_with(b"<!--") {
        return find(html, start + 4, b"-->").map_or(html.len(), |at| at + 3);
    }
    let tag_end = find(html, start, b">").map_or(html.len(), |at| at + 1);
    let name_len = rest[1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &rest[1..1 + name_len];
    if !KEPT_AS_WRITTEN
        .iter()
        .any(|kept| kept.eq_ignore_ascii_case(name))
    {
        return tag_end;
    }
    match closing_tag(html, tag_end, name) {
        Some(at) => find(html, at, b">").map_or(html.len(), |end| end + 1),
        None => html.len(),
    }
}

/// Where the first closing tag of `name` (in any case) at or after `from` starts.
fn closing_tag(html: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(found) = find(html, at, b"</") {
        let after = &html[found + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name) {
            return Some(found);
        }
        at = found + 2;
    }
    None
}

/// Where `needle` first occurs in `haystack` at or after `from`.
fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = haystack.get(from..)?;
    let mut at = 0;
    while let Some(first) = rest[at..].iter().position(|&b| b == needle[0]) {
        let candidate = at + first;
        if rest[candidate..].starts_with(needle) {
            return Some(from + candidate);
        }
        at = candidate + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::collapse;

    fn collapsed(html: &str) -> String {
        String::from_utf8(collapse(html.as_bytes())).unwrap()
    }

    #[test]
    fn indentation_between_tags_becomes_one_line_break() {
        assert_eq!(
            collapsed("<ul>\n    <li>a</li>\n\n    <li>b  c</li>\n</ul>\n"),
            "<ul>\n<li>a</li>\n<li>b  c</li>\n</ul>\n"
        );
    }

    #[test]
    fn pre_textarea_script_style_comments_and_attributes_are_kept_as_written() {
        let kept = [
            "<pre class=\"code\"><code>{\n  \"a\": 1\n    }\n</code></pre>",
            "<PRE>\n   x\n</PRE>",
            "<pre>a <b>x</b>\n   </p> y\n</Pre>",
            "<textarea>\n  line\n</textarea>",
            "<script>if (a) {\n    b();\n}</script>",
            "<style>\n  a { b: c }\n</style>",
            "<!-- a\n    b -->",
            "<a data-copy-text=\"one\n    two\" title='x\n  y'>",
        ];
        for html in kept {
            assert_eq!(collapsed(html), html);
        }
        assert_eq!(
            collapsed("<div>\n  <pre>\n  x\n</pre>\n  <p>\n  y</p></div>"),
            "<div>\n<pre>\n  x\n</pre>\n<p>\ny</p></div>"
        );
    }
}
