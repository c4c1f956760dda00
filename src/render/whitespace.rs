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
    let mut i = 0;
    while i < html.len() {
        if html[i] == b'<' {
            let end = markup_end(html, i);
            out.extend_from_slice(&html[i..end]);
            i = end;
        } else if html[i].is_ascii_whitespace() {
            let run = i + html[i..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            if html[i..run].contains(&b'\n') {
                out.push(b'\n');
            } else {
                out.extend_from_slice(&html[i..run]);
            }
            i = run;
        } else {
            out.push(html[i]);
            i += 1;
        }
    }
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
    let name = rest[1..1 + name_len].to_ascii_lowercase();
    if !KEPT_AS_WRITTEN.contains(&name.as_slice()) {
        return tag_end;
    }
    let mut closing = b"</".to_vec();
    closing.extend_from_slice(&name);
    let lower = html[tag_end..].to_ascii_lowercase();
    match find(&lower, 0, &closing) {
        Some(at) => find(html, tag_end + at, b">").map_or(html.len(), |end| end + 1),
        None => html.len(),
    }
}

/// Where `needle` first occurs in `haystack` at or after `from`.
fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    (haystack.get(from..)?)
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| from + at)
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
