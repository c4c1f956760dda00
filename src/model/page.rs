//! Pages that are not errors: `content/pages/**/*.md`, a YAML front matter between
//! `---` lines and a Markdown body (an introduction, "how to read an error", a
//! changelog). Each is built at its own path with the site's layout.

use std::path::PathBuf;

use serde::Serialize;

/// A heading of a page's body, with the id its page gives it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Heading {
    /// 2 or 3 (a page's `#` headings show as `<h2>`: its title is its only `<h1>`).
    pub level: u8,
    pub text: String,
    /// Unique within the page: the text as a slug, numbered when repeated.
    pub id: String,
}

/// One checked page.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Page {
    /// The file relative to `content/pages/`, with `/` separators
    /// (`guide/reading-errors.md`): how checked links name it (`@/guide/...`).
    pub file: String,
    /// The file relative to the site root, for diagnostics and "Edit this page".
    pub path: PathBuf,
    pub title: String,
    /// Plain text, for the meta description; the body's start when not set.
    pub description: Option<String>,
    /// Orders pages that are listed together (lighter first, then by title).
    pub weight: i64,
    pub draft: bool,
    /// The day the page last changed: its place in the feed and the sitemap.
    pub updated: Option<jiff::civil::Date>,
    /// The Markdown body.
    pub body: String,
    /// Every `#`, `##` and `###` heading of the body, in order (a `#` counts as
    /// level 2).
    pub headings: Vec<Heading>,
}
