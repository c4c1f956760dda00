//! Markdown → HTML for the record fields that hold Markdown.
//!
//! Records come from strangers' pull requests, so the Markdown is rendered with three
//! guards: raw HTML is shown as text, never passed through as markup; links and images
//! keep only `http`, `https`, `mailto` and relative targets (anything else becomes plain
//! text); and headings are moved down two levels so a record cannot add an `<h1>` to its
//! page. Fenced code goes to the [`Highlighter`].

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::highlight::Highlighter;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// A parser of Markdown as errdocs reads it everywhere (rendering, and `check`
/// looking for links and headings).
pub fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, options())
}

/// Renders Markdown as HTML safe to put on a page.
pub fn to_html(markdown: &str, highlighter: &Highlighter) -> String {
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    // For each open link or image: whether it was kept (its end tag must match).
    let mut links_kept: Vec<bool> = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        if let Some((language, text)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    events.push(Event::Html(highlighter.code_block(language, text).into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            Event::Html(html) | Event::InlineHtml(html) => events.push(Event::Text(html)),
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let kept = safe_link(tag);
                links_kept.push(kept.is_some());
                events.extend(kept.map(Event::Start));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if links_kept.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            other => events.push(demote_heading(other)),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// A link keeps only a safe target ([`is_safe_url`]); `None` leaves its text alone.
/// An image from a record would load a third-party resource on every view: it
/// becomes a link with its alt text.
fn safe_link(tag: Tag) -> Option<Tag> {
    let (Tag::Link {
        link_type,
        dest_url,
        title,
        id,
    }
    | Tag::Image {
        link_type,
        dest_url,
        title,
        id,
    }) = tag
    else {
        return Some(tag);
    };
    is_safe_url(&dest_url).then_some(Tag::Link {
        link_type,
        dest_url,
        title,
        id,
    })
}

/// Headings two levels down, so a record cannot add an `<h1>` to its page.
fn demote_heading(event: Event) -> Event {
    match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        other => other,
    }
}

/// Renders one line of Markdown without its surrounding paragraph (for list items
/// that are a single sentence, so they do not get a `<p>` each).
pub fn to_inline_html(markdown: &str, highlighter: &Highlighter) -> String {
    let html = to_html(markdown, highlighter);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// The text of Markdown without markup, for search and meta descriptions.
pub fn to_plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Whether a link target is one we keep: http(s), mailto, or relative (no scheme).
/// Browsers ignore ASCII whitespace and control characters inside a scheme
/// (`java\tscript:`), so those are removed before looking at it.
pub fn is_safe_url(url: &CowStr) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            // A colon after a path, query or fragment starts no scheme: it is relative.
            if lower[..colon].contains(['/', '?', '#']) {
                return true;
            }
            matches!(&lower[..colon], "http" | "https" | "mailto")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        to_html(md, &Highlighter::default())
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let out = html(
            "Hello <script>alert(1)</script> <b onclick=\"x()\">bold</b>\n\n<div>block</div>\n",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<b "), "{out}");
        assert!(!out.contains("<div"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn unsafe_link_schemes_become_text() {
        let out = html(
            "[a](javascript:alert(1)) [b](JaVa\tScRiPt:x) [c](data:text/html,x) [d](https://ok.example/) [e](/rel/path) [f](mailto:a@b.c)",
        );
        assert!(!out.to_lowercase().contains("javascript"), "{out}");
        assert!(!out.contains("data:"), "{out}");
        assert!(out.contains("href=\"https://ok.example/\""), "{out}");
        assert!(out.contains("href=\"/rel/path\""), "{out}");
        assert!(out.contains("href=\"mailto:a@b.c\""), "{out}");
    }

    #[test]
    fn images_become_links_and_headings_are_demoted() {
        let out = html("# Big\n\n![alt text](https://img.example/x.png)");
        assert!(out.contains("<h3>Big</h3>"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(
            out.contains("<a href=\"https://img.example/x.png\">alt text</a>"),
            "{out}"
        );
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            to_plain_text("Use **`Get-MgUser`** to\nlist [users](https://x)."),
            "Use Get-MgUser to list users."
        );
    }
}
