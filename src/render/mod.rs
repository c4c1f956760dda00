//! Render: the model → every file of the built site.
//!
//! Markdown is rendered once per record ([`markdown`], [`highlight`]), then each record's
//! page, JSON and alias pages are rendered and written in parallel; the list pages
//! (home, A–Z, categories), the feeds ([`feeds`]) and the JSON API ([`api`]) follow.
//! The search index ([`search`]) is written before the pages, which name its folder.
//! Templates ([`theme`]) get a small per-page context; what every page shares (the
//! site, the categories, asset URLs) sits in Tera's global context once instead of
//! being copied into each page.

pub mod api;
pub mod feeds;
pub mod highlight;
pub mod markdown;
pub mod search;
pub mod theme;
mod views;

use rayon::prelude::*;

use crate::Error;
use crate::model::Site;
use crate::write::Staging;
use highlight::Highlighter;
use theme::Theme;
pub use views::RenderedRecord;

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
    let Theme { mut tera, assets } = theme;
    let asset_urls = views::write_assets(site, &assets, staging)?;
    views::set_global_context(&mut tera, site, &asset_urls);
    timings.lap("theme and assets");

    let highlighter = Highlighter::default();
    let rendered: Vec<RenderedRecord> = site
        .records
        .par_iter()
        .enumerate()
        .map(|(i, _)| RenderedRecord::new(site, i, &highlighter))
        .collect();
    timings.lap("markdown and highlighting");

    // The search index comes before the pages, which name its (content-hashed) folder.
    // Built and written in one stage, so `--timings` shows its whole cost.
    let search_index = search::SearchIndex::build(site, &rendered);
    search_index.write(staging)?;
    tera.global_context().insert(
        "search_url",
        &format!("{}{}", site.config.base_path(), search_index.folder),
    );
    timings.lap("search index");

    let alias_pages: Vec<usize> = rendered
        .par_iter()
        .enumerate()
        .map(|(i, record)| {
            views::write_record_page(&tera, site, i, record, &rendered, staging)?;
            api::write_record(site, i, record, staging)?;
            views::write_alias_pages(&tera, site, i, staging)
        })
        .collect::<Result<_, Error>>()?;
    let mut pages = site.records.len() + alias_pages.iter().sum::<usize>();
    timings.lap("error pages");

    pages += views::write_list_pages(&tera, site, &rendered, staging)?;
    api::write_indexes(site, staging)?;
    feeds::write_all(site, staging)?;
    crate::schema::write_all(staging)?;
    timings.lap("lists, feeds and API");
    Ok(RenderStats { pages })
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
