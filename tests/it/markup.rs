//! What a browser would treat as live markup: a small HTML tokenizer and the checks the
//! injection tests, the proptest suite and the fuzz targets share.
//!
//! The tokenizer follows the HTML5 rules that matter for injection (tags, attributes
//! with quoted and unquoted values, comments, raw-text elements such as `<script>`), so
//! that text a page shows escaped (`&lt;script&gt;`) is never mistaken for a tag, and a
//! real tag hidden in a value is never missed. It is deliberately standalone (no
//! `crate::` imports) so `fuzz/` can include it with `#[path]`.

#![allow(dead_code)]

/// One start or end tag, with its attributes (names lower-cased, values entity-decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub closing: bool,
    pub attributes: Vec<(String, String)>,
    /// For raw-text elements (`script`, `style`, ...): the text up to the end tag.
    pub raw_text: Option<String>,
}

impl Tag {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Elements whose content is not parsed as markup: it runs until `</name`.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Tags that must never come from a record's Markdown.
pub const DANGEROUS_TAGS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "img",
    "svg",
    "math",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "meta",
    "link",
    "base",
    "video",
    "audio",
    "source",
    "template",
    "noscript",
    "xmp",
    "plaintext",
    "title",
    "html",
    "head",
    "body",
    "div",
];

/// Attributes whose value is a URL a browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "srcset",
    "background",
];

/// Every tag of `html`, in order.
pub fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        i += offset;
        let rest = &html[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i += comment.find("-->").map_or(rest.len(), |e| e + 7);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i += rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = i + if closing { 2 } else { 1 };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        match parse_tag(html, name_start, closing) {
            Some((mut tag, end)) => {
                i = end;
                if !closing && RAW_TEXT.contains(&tag.name.as_str()) {
                    let lower = html[i..].to_ascii_lowercase();
                    let close = lower
                        .find(&format!("</{}", tag.name))
                        .unwrap_or(lower.len());
                    tag.raw_text = Some(html[i..i + close].to_string());
                    i += close;
                }
                tags.push(tag);
            }
            // A tag cut off by the end of the input is dropped by browsers too.
            None => break,
        }
    }
    tags
}

/// Parses a tag whose name starts at `start`; returns it and the index after its `>`.
fn parse_tag(html: &str, start: usize, closing: bool) -> Option<(Tag, usize)> {
    let bytes = html.as_bytes();
    let mut i = start;
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name = html[start..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        if bytes[i] == b'>' {
            i += 1;
            break;
        }
        let name_start = i;
        // An attribute name may start with `=`; after that, `=` ends it.
        i += 1;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attribute = html[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = html[i + 1..].find(quote as char)? + i + 1;
                    value = decode_entities(&html[i + 1..end]);
                    i = end + 1;
                }
                Some(_) => {
                    let value_start = i;
                    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode_entities(&html[value_start..i]);
                }
                None => return None,
            }
        }
        attributes.push((attribute, value));
    }
    let tag = Tag {
        name,
        closing,
        attributes,
        raw_text: None,
    };
    Some((tag, i))
}

/// Decodes the character references that matter for URLs (`&#58;`, `&colon;`, ...).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |e| e + 1);
        let entity = &rest[1..end];
        let decoded = if let Some(number) = entity.strip_prefix("#x").or(entity.strip_prefix("#X"))
        {
            u32::from_str_radix(number, 16)
                .ok()
                .and_then(char::from_u32)
        } else if let Some(number) = entity.strip_prefix('#') {
            number.parse().ok().and_then(char::from_u32)
        } else {
            match entity.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                if rest.starts_with(';') {
                    rest = &rest[1..];
                }
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme a browser would use for `url` (lower case), or `None` for a relative URL.
/// Browsers strip leading and trailing spaces and control characters and ignore tabs
/// and newlines anywhere, so `java\tscript:` is `javascript:`.
pub fn url_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Whether a URL attribute value is one a record may put on a page.
pub fn is_safe_link(url: &str) -> bool {
    url_scheme(url).is_none_or(|s| matches!(s.as_str(), "http" | "https" | "mailto"))
}

/// Problems in HTML that came from Markdown: dangerous tags, event-handler attributes,
/// links with other schemes than http, https and mailto.
pub fn markdown_html_problems(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for tag in tags(html) {
        if DANGEROUS_TAGS.contains(&tag.name.as_str()) {
            problems.push(format!("a live <{}> tag", tag.name));
        }
        problems.extend(attribute_problems(&tag));
    }
    problems
}

/// Event handlers and unsafe URLs among a tag's attributes.
pub fn attribute_problems(tag: &Tag) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, value) in &tag.attributes {
        if name.starts_with("on") {
            problems.push(format!("an event handler `{name}` on <{}>", tag.name));
        }
        // The theme's own `<link rel="icon" href="data:,">` (alias redirects ask for no
        // icon) is inert: an empty data URL carries nothing.
        let empty_icon = tag.name == "link" && value == "data:,";
        if (URL_ATTRIBUTES.contains(&name.as_str())) && !is_safe_link(value) && !empty_icon {
            problems.push(format!("<{} {name}=\"{value}\">", tag.name));
        }
    }
    let refresh = tag
        .attribute("http-equiv")
        .is_some_and(|v| v.eq_ignore_ascii_case("refresh"));
    if tag.name == "meta" && refresh {
        let content = tag.attribute("content").unwrap_or("");
        let lower = content.to_ascii_lowercase();
        if let Some(url) = lower.split("url=").nth(1)
            && !is_safe_link(url.trim_matches(['\'', '"', ' ']))
        {
            problems.push(format!("<meta content=\"{content}\">"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_is_not_a_tag() {
        assert!(tags("&lt;script&gt;alert(1)&lt;/script&gt; a < b").is_empty());
    }

    #[test]
    fn finds_handlers_and_schemes_behind_quotes_and_entities() {
        let html = "<p title='x>y'><a href=\"java&#x09;script&colon;x\" onClick=y>z</a><img src=x onerror=1></p>";
        let problems = markdown_html_problems(html);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(
            markdown_html_problems("<a href=\"https://x/\" title=\"onclick=1\">a</a>").is_empty()
        );
    }

    #[test]
    fn script_content_is_raw_text() {
        let all = tags("<script>if (a<b) x('</p>')</script><p>");
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].raw_text.as_deref(), Some("if (a<b) x('</p>')"));
    }
}
