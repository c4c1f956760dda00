//! Render: the model → every file of the built site.
//!
//! Markdown is rendered once per record ([`markdown`], [`highlight`]), then each record's
//! page, JSON and alias pages are rendered and written in parallel; the list pages
//! (home, A–Z, categories, tags), the pages of `content/pages/`, the feeds ([`feeds`])
//! and the JSON API ([`api`]) follow. The fields a site declares are shown by
//! [`declared`].
//! The search index ([`search`]) is written before the pages, which name its folder.
//! Templates ([`theme`]) get a small per-page context; what every page shares (the
//! site, the categories, asset URLs) sits in Tera's global context once instead of
//! being copied into each page.

pub mod api;
mod assets;
mod content;
pub mod declared;
pub mod feeds;
mod head;
pub mod highlight;
pub mod markdown;
mod pages;
mod rendered;
pub mod search;
mod text;
pub mod theme;
mod views;

use rayon::prelude::*;

use crate::Error;
use crate::model::Site;
use crate::write::Staging;
use highlight::Highlighter;
pub use rendered::RenderedRecord;
use theme::Theme;

/// What rendering wrote, for the build's summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    /// HTML pages, alias redirects included.
    pub pages: usize,
}

/// Renders the whole site into `staging`.
pub fn render_site(
    site: &Site,
    theme: Theme,
    staging: &Staging,
    timings: &mut crate::Timings,
) -> Result<RenderStats, Error> {
    let tera = prepare_theme(site, theme, staging)?;
    timings.lap("theme and assets");
    let rendered = render_markdown(site, 0..site.records.len());
    timings.lap("markdown and highlighting");
    let all: Vec<usize> = (0..site.records.len()).collect();
    let mut pages = render_record_pages(site, &tera, &rendered, &all, staging)?;
    timings.lap("error pages");
    let categories: Vec<usize> = (0..site.categories.len()).collect();
    pages += render_lists(site, &tera, &rendered, &categories, staging)?;
    timings.lap("lists, feeds, API and search");
    Ok(RenderStats { pages })
}

/// Writes the theme's assets and returns its templates, with what every page shares
/// (the site, the categories, asset URLs) in Tera's global context.
pub fn prepare_theme(site: &Site, theme: Theme, staging: &Staging) -> Result<tera::Tera, Error> {
    let Theme { mut tera, assets } = theme;
    let asset_urls = assets::write_assets(site, &assets, staging)?;
    views::set_global_context(&mut tera, site, &asset_urls);
    Ok(tera)
}

/// Renders the Markdown of the records `indexes`, in parallel.
pub fn render_markdown(
    site: &Site,
    indexes: impl IntoParallelIterator<Item = usize>,
) -> Vec<RenderedRecord> {
    let highlighter = Highlighter::default();
    indexes
        .into_par_iter()
        .map(|i| RenderedRecord::new(site, i, &highlighter))
        .collect()
}

/// Writes the page, the JSON and the alias redirects of each record of `indexes`;
/// `rendered` holds every record's Markdown. Returns the number of HTML pages.
pub fn render_record_pages(
    site: &Site,
    tera: &tera::Tera,
    rendered: &[RenderedRecord],
    indexes: &[usize],
    staging: &Staging,
) -> Result<usize, Error> {
    let alias_pages: Vec<usize> = indexes
        .par_iter()
        .map(|&i| {
            pages::write_record_page(tera, site, i, rendered, staging)?;
            api::write_record(site, i, &rendered[i], staging)?;
            pages::write_alias_pages(tera, site, i, staging)
        })
        .collect::<Result<_, Error>>()?;
    Ok(indexes.len() + alias_pages.iter().sum::<usize>())
}

/// Writes what lists records: the home, A–Z and category pages (of the categories
/// `categories`, by index), the JSON indexes, the search index, the feeds and
/// sitemaps, and the schema. Returns the number of HTML pages.
pub fn render_lists(
    site: &Site,
    tera: &tera::Tera,
    rendered: &[RenderedRecord],
    categories: &[usize],
    staging: &Staging,
) -> Result<usize, Error> {
    let (pages, others) = rayon::join(
        || pages::write_list_pages(tera, site, rendered, categories, staging),
        || -> Result<(), Error> {
            api::write_indexes(site, staging)?;
            api::write_schemas(site, staging)?;
            search::SearchIndex::build(site, rendered).write(&site.paths, staging)?;
            feeds::write_all(site, staging)?;
            crate::schema::write_all(site, staging)
        },
    );
    others?;
    pages
}

/// Renders a template to a `String`, naming the template in any error.
pub(crate) fn render_template(
    tera: &tera::Tera,
    template: &str,
    context: &tera::Context,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(16 * 1024);
    tera.render_to(template, context, &mut out).map_err(|e| {
        Error::Theme(format!(
            "rendering {template} failed: {}",
            theme::tera_error(&e)
        ))
    })?;
    Ok(out)
}
