//! Small text helpers of rendering: cutting a description to length, and encoding a
//! file path for a URL.

/// Percent-encodes a `/`-separated path for use in a URL (`edit_url` + the record's
/// file), keeping unreserved characters and the slashes as they are.
pub fn encode_url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Cuts text to at most `max` characters at a word boundary, adding `…` when cut.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    cut.trim_end_matches([',', ';', ':', '.', ' ']).to_string() + "…"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_cuts_at_words() {
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(truncate_words("one two three four", 12), "one two…");
    }

    #[test]
    fn url_paths_are_percent_encoded() {
        assert_eq!(
            encode_url_path("content/errors/my folder/Ä.yaml"),
            "content/errors/my%20folder/%C3%84.yaml"
        );
        assert_eq!(
            encode_url_path("content/errors/a/X_1.y-z.yaml"),
            "content/errors/a/X_1.y-z.yaml"
        );
    }
}
