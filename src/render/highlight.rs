//! Syntax highlighting of fenced code blocks into CSS classes.
//!
//! syntect with bat's maintained grammars (two-face) marks tokens with classes such as
//! `hl-keyword` and `hl-string`, never inline colours, so the theme's stylesheet can
//! colour them for light and dark mode alike. The grammars load once, on the first code
//! block of a build, and identical blocks are highlighted once.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The class prefix of highlighted tokens (`hl-comment`, `hl-string`, ...).
pub const CLASS_PREFIX: &str = "hl-";

/// Highlights code; shared by every rendering thread.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
    cache: Mutex<HashMap<(String, String), String>>,
}

impl Highlighter {
    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(two_face::syntax::extra_newlines)
    }

    /// The grammar for a fence's language tag, if we have one. PowerShell's usual
    /// short names map to it; languages without a grammar (KQL, DAX, M) get none.
    fn syntax_for(&self, language: &str) -> Option<&SyntaxReference> {
        let token = match language.to_ascii_lowercase().as_str() {
            "" | "text" | "plain" | "plaintext" | "console" | "output" | "kql" | "kusto"
            | "dax" | "m" | "powerquery" => return None,
            "pwsh" | "ps" | "ps1" | "powershell" => "ps1".to_string(),
            "shell" | "sh" | "bash" | "zsh" => "bash".to_string(),
            "yml" => "yaml".to_string(),
            "azcli" | "azurecli" | "azure-cli" => "bash".to_string(),
            other => other.to_string(),
        };
        self.syntaxes().find_syntax_by_token(&token)
    }

    /// The HTML of a code block: `<pre><code>` with highlighted spans when the language
    /// is known, escaped plain text otherwise.
    pub fn code_block(&self, language: &str, code: &str) -> String {
        let language = language.split([' ', ',', '{']).next().unwrap_or("").trim();
        let key = (language.to_string(), code.to_string());
        if let Some(html) = self.cache.lock().expect("highlight cache").get(&key) {
            return html.clone();
        }
        let body = self
            .highlight(language, code)
            .unwrap_or_else(|| escape_html(code));
        let class = if language.is_empty()
            || !language
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            String::new()
        } else {
            format!(" class=\"language-{}\"", language.to_ascii_lowercase())
        };
        // tabindex: a block wider than the page scrolls, and keyboard users must reach it.
        let html = format!("<pre class=\"code\" tabindex=\"0\"><code{class}>{body}</code></pre>\n");
        self.cache
            .lock()
            .expect("highlight cache")
            .insert(key, html.clone());
        html
    }

    fn highlight(&self, language: &str, code: &str) -> Option<String> {
        let syntax = self.syntax_for(language)?;
        let mut generator = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            self.syntaxes(),
            ClassStyle::SpacedPrefixed {
                prefix: CLASS_PREFIX,
            },
        );
        for line in LinesWithEndings::from(code) {
            // A grammar that fails on odd input must not fail the build: fall back to plain.
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(first_classes_only(&generator.finalize()))
    }
}

/// Keeps only the first class of each highlighted span (`hl-support hl-function
/// hl-powershell` → `hl-support`): the stylesheet colours the top-level scopes only,
/// and the full scope lists were a tenth of a page with code.
fn first_classes_only(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("class=\"") {
        let value_start = start + "class=\"".len();
        out.push_str(&rest[..value_start]);
        let value_end = value_start
            + rest[value_start..]
                .find('"')
                .unwrap_or(rest.len() - value_start);
        let value = &rest[value_start..value_end];
        out.push_str(value.split(' ').next().unwrap_or(value));
        rest = &rest[value_end..];
    }
    out.push_str(rest);
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_languages_highlight() {
        let h = Highlighter::default();
        for (lang, code) in [
            ("powershell", "Get-MgUser -UserId $id # comment\n"),
            ("pwsh", "Write-Output \"hi\"\n"),
            ("bash", "echo \"hi\" # comment\n"),
            ("json", "{\"a\": 1}\n"),
            ("sql", "SELECT 1 FROM t;\n"),
            ("yaml", "a: b\n"),
        ] {
            let html = h.code_block(lang, code);
            assert!(
                html.contains("class=\"hl-"),
                "{lang} was not highlighted: {html}"
            );
        }
    }

    #[test]
    fn spans_keep_their_first_class_only() {
        assert_eq!(
            first_classes_only(
                r#"<span class="hl-support hl-function hl-powershell">Get-MgUser</span> <span class="hl-x">"a b"</span>"#
            ),
            r#"<span class="hl-support">Get-MgUser</span> <span class="hl-x">"a b"</span>"#
        );
    }

    #[test]
    fn unknown_language_is_plain_escaped_code() {
        let h = Highlighter::default();
        let html = h.code_block("kql", "T | where x < 3\n");
        assert_eq!(
            html,
            "<pre class=\"code\" tabindex=\"0\"><code class=\"language-kql\">T | where x &lt; 3\n</code></pre>\n"
        );
    }
}
