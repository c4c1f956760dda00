//! Markdown → HTML for the record fields that hold Markdown, and for pages.
//!
//! Records come from strangers' pull requests, so the Markdown is rendered with three
//! guards: raw HTML is shown as text, never passed through as markup; links and images
//! keep only `http`, `https`, `mailto` and relative targets (anything else becomes plain
//! text); and headings are moved down two levels so a record cannot add an `<h1>` to its
//! page (a page's `#` headings become `<h2>`: its title is its `<h1>`). Checked links
//! (`@CODE`, `@/page.md`) lead where the site's [`Links`] say; bare `http(s)://`
//! addresses in text become links. Fenced code goes to the [`Highlighter`].

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use super::highlight::Highlighter;
use crate::model::Heading;
use crate::model::links::LinkTarget;

/// Where checked links lead: the URL of a target, `None` when it is not built (a
/// draft), and the link then shows as its text.
pub trait Links {
    fn resolve(&self, target: &LinkTarget) -> Option<String>;
}

/// No site to link into: checked links show as their text.
pub struct NoLinks;

impl Links for NoLinks {
    fn resolve(&self, _: &LinkTarget) -> Option<String> {
        None
    }
}

/// How a text's headings sit on its page.
#[derive(Clone, Copy)]
pub enum Headings<'a> {
    /// Two levels down (a record's text sits under the page's `<h2>` sections).
    Demoted,
    /// A page's body: `#` becomes `<h2>`, and each `#`–`###` heading gets the id the
    /// page's checks gave it, in order.
    Page(&'a [Heading]),
}

/// What rendering a Markdown text needs.
pub struct Renderer<'a> {
    pub highlighter: &'a Highlighter,
    pub links: &'a dyn Links,
    pub headings: Headings<'a>,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// A parser of Markdown as errdocs reads it everywhere (rendering, and `check`
/// looking for links and headings).
pub fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, options())
}

/// Renders Markdown as HTML safe to put on a page, with no site to link into.
pub fn to_html(markdown: &str, highlighter: &Highlighter) -> String {
    Renderer {
        highlighter,
        links: &NoLinks,
        headings: Headings::Demoted,
    }
    .html(markdown)
}

impl Renderer<'_> {
    /// Renders Markdown as HTML safe to put on a page.
    pub fn html(&self, markdown: &str) -> String {
        let mut events = Vec::new();
        let mut code: Option<(String, String)> = None;
        // For each open link or image: whether it was kept (its end tag must match).
        let mut links_kept: Vec<bool> = Vec::new();
        let mut heading = 0;
        for event in parser(markdown) {
            if let Some((language, text)) = &mut code {
                match event {
                    Event::Text(t) => text.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let block = self.highlighter.code_block(language, text);
                        events.push(Event::Html(block.into()));
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
                    let kept = self.link(tag);
                    links_kept.push(kept.is_some());
                    events.extend(kept.map(Event::Start));
                }
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    if links_kept.pop().unwrap_or(false) {
                        events.push(Event::End(TagEnd::Link));
                    }
                }
                Event::Text(text) if links_kept.is_empty() => linkify(text, &mut events),
                Event::Start(Tag::Heading { .. }) | Event::End(TagEnd::Heading(_)) => {
                    events.push(self.heading(event, &mut heading));
                }
                other => events.push(other),
            }
        }
        let mut html = String::with_capacity(markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }

    /// A link or an image as it is kept: a checked link leads where the site says
    /// (or shows as text), any other keeps only a safe target; `None` leaves its
    /// text alone.
    fn link<'e>(&self, tag: Tag<'e>) -> Option<Tag<'e>> {
        let tag = match &tag {
            Tag::Link {
                dest_url, title, ..
            }
            | Tag::Image {
                dest_url, title, ..
            } => match LinkTarget::from_markdown(dest_url) {
                Some(target) => Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: self.links.resolve(&target)?.into(),
                    title: title.clone(),
                    id: CowStr::Borrowed(""),
                },
                None => tag,
            },
            _ => tag,
        };
        safe_link(tag)
    }

    /// A heading's start or end, moved and given its id as [`Headings`] says.
    fn heading<'e>(&self, event: Event<'e>, count: &mut usize) -> Event<'e> {
        let Headings::Page(headings) = self.headings else {
            return demote_heading(event);
        };
        match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let id = (level <= HeadingLevel::H3)
                    .then(|| headings.get(*count).map(|h| CowStr::from(h.id.clone())))
                    .flatten();
                if level <= HeadingLevel::H3 {
                    *count += 1;
                }
                Event::Start(Tag::Heading {
                    level: level.max(HeadingLevel::H2),
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                Event::End(TagEnd::Heading(level.max(HeadingLevel::H2)))
            }
            other => other,
        }
    }
}

/// Text with the bare `http://` and `https://` addresses in it made links.
fn linkify<'e>(text: CowStr<'e>, events: &mut Vec<Event<'e>>) {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    let mut rest = 0;
    for link in finder.links(&text) {
        let url = link.as_str();
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            continue;
        }
        if link.start() > rest {
            events.push(Event::Text(text[rest..link.start()].to_string().into()));
        }
        events.push(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: url.to_string().into(),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        events.push(Event::Text(url.to_string().into()));
        events.push(Event::End(TagEnd::Link));
        rest = link.end();
    }
    match rest {
        0 => events.push(Event::Text(text)),
        _ if rest < text.len() => events.push(Event::Text(text[rest..].to_string().into())),
        _ => {}
    }
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
/// that are a single sentence, so they do not get a `<p>` each), with no site to
/// link into.
pub fn to_inline_html(markdown: &str, highlighter: &Highlighter) -> String {
    let renderer = Renderer {
        highlighter,
        links: &NoLinks,
        headings: Headings::Demoted,
    };
    renderer.inline_html(markdown)
}

impl Renderer<'_> {
    /// [`Renderer::html`] without the surrounding paragraph of a single one.
    pub fn inline_html(&self, markdown: &str) -> String {
        unwrap_paragraph(self.html(markdown))
    }
}

/// The HTML without the `<p>` around it when it is one paragraph.
fn unwrap_paragraph(html: String) -> String {
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
    fn bare_http_addresses_become_links_elsewhere_text_stays() {
        let out = html(
            "See https://aka.ms/sspr. Not `https://in.code/` nor [a link](https://x.example/) nor ftp://x.example/\n\n```\nhttps://in.block/\n```",
        );
        assert!(
            out.contains("See <a href=\"https://aka.ms/sspr\">https://aka.ms/sspr</a>."),
            "{out}"
        );
        assert!(out.contains("<code>https://in.code/</code>"), "{out}");
        assert!(
            out.contains("<a href=\"https://x.example/\">a link</a>"),
            "{out}"
        );
        assert!(!out.contains("href=\"ftp"), "{out}");
        assert!(!out.contains("href=\"https://in.block/"), "{out}");
    }

    #[test]
    fn checked_links_lead_where_the_site_says_or_show_as_text() {
        struct Site;
        impl Links for Site {
            fn resolve(&self, target: &LinkTarget) -> Option<String> {
                match target {
                    LinkTarget::Record { code, .. } if code == "E1" => Some("/errors/e1/".into()),
                    _ => None,
                }
            }
        }
        let renderer = Renderer {
            highlighter: &Highlighter::default(),
            links: &Site,
            headings: Headings::Demoted,
        };
        let out = renderer.html("[one](@E1) and [draft](@E2)");
        assert!(
            out.contains("<a href=\"/errors/e1/\">one</a> and draft"),
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
