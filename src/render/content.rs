//! The pages of `content/pages/`, each at its own path with the site's layout: its
//! breadcrumbs (the pages of its folders), a table of contents of its `##` and `###`
//! headings, its body, and for a folder's `index.md` the list of the folder's pages.

use serde::Serialize;
use tera::{Context, Tera};

use super::head::{PageView, home_crumb};
use super::highlight::Highlighter;
use super::markdown::{self, Headings, Renderer};
use super::render_template;
use super::rendered::SiteLinks;
use crate::Error;
use crate::model::{Heading, Page, PageId, Site, natural_cmp};
use crate::paths::Location;
use crate::write::Staging;

/// A page, as `page.html` sees it (`content_page`).
#[derive(Serialize)]
struct ContentView<'a> {
    title: &'a str,
    /// The body as HTML.
    html: String,
    /// Its headings of levels 2 and 3, for the table of contents.
    toc: &'a [Heading],
    /// The pages of its folder, when it is a folder's `index.md`: lighter first, then
    /// by title.
    children: Vec<ChildLink<'a>>,
    updated: Option<String>,
    /// `updated` as the page's language writes a date.
    updated_text: Option<String>,
    /// The file, relative to the site root, for "Edit this page".
    edit_url: Option<String>,
    /// The original's language on another language's site (pages are not
    /// translated): the notice and `lang` on the page's words.
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct ChildLink<'a> {
    title: &'a str,
    url: String,
    description: Option<&'a str>,
}

/// Writes every page; returns how many.
pub fn write_pages(tera: &Tera, site: &Site, staging: &Staging) -> Result<usize, Error> {
    let highlighter = Highlighter::default();
    for page in &site.pages {
        write_page(tera, site, page, &highlighter, staging)?;
    }
    Ok(site.pages.len())
}

fn write_page(
    tera: &Tera,
    site: &Site,
    page: &Page,
    highlighter: &Highlighter,
    staging: &Staging,
) -> Result<(), Error> {
    let paths = &site.paths;
    let location = paths.content_page(&page.file);
    let renderer = Renderer {
        highlighter,
        links: &SiteLinks(site),
        headings: Headings::Page(&page.headings),
    };
    let description = page
        .description
        .clone()
        .unwrap_or_else(|| markdown::to_plain_text(&page.body));
    let mut crumbs = vec![home_crumb(site)];
    crumbs.extend(
        ancestors(site, &location)
            .into_iter()
            .map(|p| (p.title.clone(), paths.link(&paths.content_page(&p.file)))),
    );
    let view = ContentView {
        title: &page.title,
        html: renderer.html(&page.body),
        toc: &page.headings,
        children: children(site, &location),
        updated: page.updated.map(|d| d.to_string()),
        updated_text: page.updated.map(|d| site.strings().date(d)),
        lang: super::views::original_lang(site, site.language > 0),
        edit_url: site.config.edit_url.as_ref().map(|base| {
            format!(
                "{base}{}",
                super::text::encode_url_path(&crate::diagnostics::display_path(&page.path))
            )
        }),
    };
    let mut context = Context::new();
    context.insert("content_page", &view);
    context.insert(
        "page",
        &PageView::new(site, &location, page.title.clone(), description, crumbs)
            .in_languages(site, PageId::Content(page.file.clone())),
    );
    let html = render_template(tera, "page.html", &context)?;
    staging.write(&location.file(), &html)
}

/// The pages of the folders that hold `location`, outermost first.
fn ancestors<'a>(site: &'a Site, location: &Location) -> Vec<&'a Page> {
    let path = location.as_str();
    let paths = &site.paths;
    (path.match_indices('/'))
        .map(|(i, _)| &path[..=i])
        .filter(|folder| *folder != path)
        .filter_map(|folder| {
            (site.pages.iter()).find(|p| paths.content_page(&p.file).as_str() == folder)
        })
        .collect()
}

/// The pages directly inside the folder of `location` (none unless it is a folder's
/// page), lighter first, then by title.
fn children<'a>(site: &'a Site, location: &Location) -> Vec<ChildLink<'a>> {
    let paths = &site.paths;
    let mut pages: Vec<&Page> = (site.pages.iter())
        .filter(|p| {
            let child = paths.content_page(&p.file);
            let parent = child
                .as_str()
                .trim_end_matches('/')
                .rsplit_once('/')
                .map_or("", |(f, _)| f);
            !location.as_str().is_empty()
                && child != *location
                && format!("{parent}/") == location.as_str()
        })
        .collect();
    pages.sort_by(|a, b| {
        a.weight
            .cmp(&b.weight)
            .then_with(|| natural_cmp(&a.title, &b.title))
    });
    (pages.into_iter())
        .map(|p| ChildLink {
            title: &p.title,
            url: paths.link(&paths.content_page(&p.file)),
            description: p.description.as_deref(),
        })
        .collect()
}
