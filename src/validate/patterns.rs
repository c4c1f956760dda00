//! The shapes values must have: codes and aliases, slugs, http(s) URLs, base URLs.
//! `check` judges by them, and `errdocs new` and `--base-url` use the same rules.

/// Whether `text` is a valid code or alias (the contract's pattern); also keeps
/// `errdocs new` from writing outside `content/errors/`.
pub fn is_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    // `errors/index.html/` would collide with the A–Z page `errors/index.html`.
    !text.eq_ignore_ascii_case("index.html")
        && !bytes.is_empty()
        && bytes.len() <= 80
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// Whether `text` is a slug: lower-case letters, digits and `-`.
pub fn is_slug(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// The code pattern in words, for messages.
pub const CODE_RULE: &str = "letters, digits, `_`, `.` and `-`, starting with a letter or digit, at most 80 characters, and not `index.html`";

/// An absolute http(s) URL, spelled out as such: the URL parser also accepts forms such
/// as `http:host` or `https:\\host` that browsers resolve differently, and the text (not
/// the parsed URL) is what ends up on the page.
pub fn http_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && url::Url::parse(text)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

/// A best guess at the slug a contributor meant, for hints.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// An absolute http(s) URL or an absolute path, always ending in `/`; `None` if it is
/// neither (a relative path would break links on every page but the home page).
pub fn normalize_base_url(text: &str) -> Option<String> {
    let text = text.trim();
    let mut base = if text.starts_with('/') && !text.starts_with("//") {
        // Quotes and angle brackets have no place in a URL path; refusing them keeps
        // the base path from ever carrying markup into an attribute or a script.
        let bad_char = |c: char| c.is_control() || "?#\\ \"'<>`".contains(c);
        if text.contains(bad_char) || text.split('/').any(|s| s == "..") {
            return None;
        }
        text.to_string()
    } else {
        let url = url::Url::parse(text).ok()?;
        if !matches!(url.scheme(), "http" | "https")
            || url.host().is_none()
            || url.query().is_some()
            || url.fragment().is_some()
        {
            return None;
        }
        url.to_string()
    };
    if !base.ends_with('/') {
        base.push('/');
    }
    Some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalized() {
        assert_eq!(
            normalize_base_url("https://example.com").as_deref(),
            Some("https://example.com/")
        );
        assert_eq!(
            normalize_base_url("/docs/errors").as_deref(),
            Some("/docs/errors/")
        );
        assert_eq!(normalize_base_url("/").as_deref(), Some("/"));
        assert_eq!(normalize_base_url("docs/"), None);
        assert_eq!(normalize_base_url("javascript:alert(1)"), None);
        assert_eq!(normalize_base_url("//evil.example/"), None);
        assert_eq!(normalize_base_url("/x\"><script>alert(1)</script>/"), None);
        assert_eq!(normalize_base_url("/docs/'onload=x/"), None);
    }

    #[test]
    fn codes_follow_the_contract_pattern() {
        assert!(is_code("AADSTS40009"));
        assert!(is_code("DataSource.Error"));
        assert!(!is_code("../etc"));
        assert!(!is_code("a/b"));
        assert!(!is_code(".hidden"));
        assert!(!is_code(&"a".repeat(81)));
        assert!(!is_code("INDEX.html"), "would collide with the A–Z page");
    }
}
