//! Render: the model → every file of the built site.
//!
//! Markdown is rendered once per record ([`markdown`], [`highlight`]), then each record's
//! page, JSON and alias pages are rendered and written in parallel; the list pages
//! (home, A–Z, categories, tags), the pages of `content/pages/`, the feeds ([`feeds`])
//! and the JSON API ([`api`]) follow. The fields a site declares are shown by
//! [`declared`].
//! The search index ([`search`]) is written before the pages, which name its folder.
//! Pages leave out the templates' indentation ([`whitespace`]).
//! Templates ([`theme`]) get a small per-page context; what every page shares (the
//! site, the categories, asset URLs) sits in Tera's global context once instead of
//! being copied into each page.

pub mod api;
mod assets;
mod content;
pub mod declared;
pub mod feeds;
mod head;
pub(crate) use head::escape_json_for_script;
pub mod highlight;
pub mod markdown;
mod pages;
mod rendered;
pub mod search;
mod text;
pub mod theme;
mod views;
mod whitespace;
pub mod words;

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

/// Renders the whole site into `staging`: the theme's assets once, then every page,
/// feed, API file and search index of each language (the default's at the root, each
/// other's under its prefix); the default language's lists bring the sitemap of all.
pub fn render_site(
    site: &Site,
    theme: Theme,
    staging: &Staging,
    timings: &mut crate::Timings,
) -> Result<RenderStats, Error> {
    let Theme { tera, assets } = theme;
    let asset_urls = assets::write_assets(site, &assets, staging)?;
    timings.lap("theme and assets");
    let mut pages = 0;
    for index in 0..site.languages.all.len() {
        let other;
        let language_site = if index == 0 {
            site
        } else {
            other = site.in_language(index);
            &other
        };
        let mut tera = tera.clone();
        let asset_urls = assets::with_strings_script(language_site, &asset_urls, staging)?;
        views::set_global_context(&mut tera, language_site, &asset_urls);
        pages += render_language(language_site, &tera, staging, timings)?;
    }
    Ok(RenderStats { pages })
}

/// Renders every page, feed, API file and search index of one language's site.
fn render_language(
    site: &Site,
    tera: &tera::Tera,
    staging: &Staging,
    timings: &mut crate::Timings,
) -> Result<usize, Error> {
    // Each record's Markdown is rendered where its page is written and dropped once it
    // is: only what lists need of each record stays, so that the memory a build needs
    // barely grows with the records' text.
    let listed: Vec<RenderedRecord> = (0..site.records.len())
        .into_par_iter()
        .map(|i| RenderedRecord::listed(site, i))
        .collect();
    let highlighter = Highlighter::default();
    let categories: Vec<usize> = (0..site.categories.len()).collect();
    // The lists need nothing of the pages: they are written meanwhile. Creating the
    // pages' files queues on the kernel's lock of their folder, and the lists' work
    // is mostly one long task (the A–Z page, the search index), which fills the wait.
    let (written, lists) = rayon::join(
        || {
            (0..site.records.len())
                .into_par_iter()
                .map(|i| {
                    let rendered = RenderedRecord::new(site, i, &highlighter);
                    write_record_files(site, tera, i, &rendered, &listed, staging)
                })
                .collect::<Result<Vec<usize>, Error>>()
        },
        || render_lists(site, tera, &listed, &categories, staging),
    );
    let pages = written?.iter().sum::<usize>() + lists?;
    timings.lap("pages, lists, feeds, API and search");
    Ok(pages)
}

/// Writes the theme's assets and returns its templates, with what every page shares
/// (the site, the categories, asset URLs, the words of its language) in Tera's global
/// context, and the URL of each asset. (A site in one language: the preview renders it
/// piece by piece with these.)
pub fn prepare_theme(
    site: &Site,
    theme: Theme,
    staging: &Staging,
) -> Result<(tera::Tera, AssetUrls), Error> {
    let Theme { mut tera, assets } = theme;
    let asset_urls = assets::write_assets(site, &assets, staging)?;
    let asset_urls = assets::with_strings_script(site, &asset_urls, staging)?;
    views::set_global_context(&mut tera, site, &asset_urls);
    Ok((tera, asset_urls))
}

/// The URL of each asset of the theme, by its name in `static/`.
pub type AssetUrls = std::collections::BTreeMap<String, String>;

/// Puts what every page shares of `site` in the global context of `tera` again (the
/// preview, after a change of the number of records, which every page shows).
pub fn refresh_shared_context(tera: &mut tera::Tera, site: &Site, asset_urls: &AssetUrls) {
    views::set_global_context(tera, site, asset_urls);
}

/// Record `index` as a line of `api/errors.json`, serialized: the preview compares it
/// before and after an edit to know whether the JSON indexes change.
pub fn api_index_line(site: &Site, index: usize) -> Vec<u8> {
    api::index_line(site, index)
}

/// Record `index` as one line of a list (the A–Z, category and tag pages, related
/// lists), serialized: the preview compares it before and after an edit to know
/// whether those lists change.
pub fn list_line(site: &Site, rendered: &[RenderedRecord], index: usize) -> String {
    serde_json::to_string(&views::RecordLink::new(site, rendered, index))
        .expect("a list line serializes")
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
    let written: Vec<usize> = indexes
        .par_iter()
        .map(|&i| write_record_files(site, tera, i, &rendered[i], rendered, staging))
        .collect::<Result<_, Error>>()?;
    Ok(written.iter().sum())
}

/// Writes the page, the JSON and the alias redirects of record `index`, whose
/// Markdown is `rendered`; `listed` holds what lists need of every record. Returns
/// the number of HTML pages.
fn write_record_files(
    site: &Site,
    tera: &tera::Tera,
    index: usize,
    rendered: &RenderedRecord,
    listed: &[RenderedRecord],
    staging: &Staging,
) -> Result<usize, Error> {
    pages::write_record_page(tera, site, index, rendered, listed, staging)?;
    if site.config.api_records {
        api::write_record(site, index, rendered, staging)?;
    }
    Ok(1 + pages::write_alias_pages(tera, site, index, staging)?)
}

/// Writes what lists records: the home, A–Z and category pages (of the categories
/// `categories`, by index), the JSON indexes, the search index and the Atom feed
/// (`rendered` needs only what lists need, [`RenderedRecord::listed`]); for
/// the default language, `robots.txt`, the schemas and the sitemap of every language
/// too. Returns the number of HTML pages.
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
            search::SearchIndex::build(site, rendered).write(&site.paths, staging)?;
            write_data_lists(site, &Lists::all(), staging)
        },
    );
    others?;
    pages
}

/// Writes the lists that are data, but the search index: the Atom feed (small: always),
/// the JSON indexes (with `lists.index_lines`); for the default language, the sitemap
/// of every language (it dates each page: with `lists.dates`), and with `lists.all`,
/// all of these, `robots.txt` and the schemas.
fn write_data_lists(site: &Site, lists: &Lists, staging: &Staging) -> Result<(), Error> {
    if lists.all || lists.index_lines {
        api::write_indexes(site, staging)?;
    }
    feeds::write_atom(site, staging)?;
    if site.language > 0 {
        return Ok(());
    }
    if lists.all || lists.dates {
        feeds::write_sitemaps(site, staging)?;
    }
    if !lists.all {
        return Ok(());
    }
    // Once for the whole site, at its root.
    api::write_schemas(site, staging)?;
    feeds::write_robots(site, staging)?;
    crate::schema::write_all(site, staging)
}

/// Which lists the preview renders again after a change of records (see
/// [`render_some_lists`]). The Atom feed always.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lists {
    /// Every list: what [`render_lists`] writes.
    pub all: bool,
    /// The lists of every record (home, A–Z) and the pages of `content/pages/`, which
    /// may name records: a record's line in lists changed.
    pub lines: bool,
    /// The pages of these categories (by index).
    pub categories: std::collections::BTreeSet<usize>,
    /// The pages of these tags (by slug).
    pub tags: std::collections::BTreeSet<String>,
    /// The search index: a record's words, title or severity changed.
    pub search: bool,
    /// The JSON indexes: a record's line in `api/errors.json` changed
    /// ([`api_index_line`]).
    pub index_lines: bool,
    /// The sitemap: a record's date changed.
    pub dates: bool,
}

impl Lists {
    /// Every list.
    pub fn all() -> Lists {
        Lists {
            all: true,
            ..Lists::default()
        }
    }

    /// Adds `other` to these lists.
    pub fn merge(&mut self, other: Lists) {
        self.all |= other.all;
        self.lines |= other.lines;
        self.categories.extend(other.categories);
        self.tags.extend(other.tags);
        self.search |= other.search;
        self.index_lines |= other.index_lines;
        self.dates |= other.dates;
    }
}

/// Writes the lists `lists` of a site in one language, with its search index made from
/// its `vocabulary`. Returns the number of HTML pages and the files of the search
/// index (`None`: not written, the lists do not ask for it).
pub fn render_some_lists(
    site: &Site,
    tera: &tera::Tera,
    (rendered, vocabulary): (&[RenderedRecord], &search::Vocabulary),
    lists: &Lists,
    staging: &Staging,
) -> Result<(usize, Option<Vec<String>>), Error> {
    let ((pages, search), others) = rayon::join(
        || {
            rayon::join(
                || write_some_list_pages(site, tera, rendered, lists, staging),
                || -> Result<Option<Vec<String>>, Error> {
                    if !(lists.all || lists.search) {
                        return Ok(None);
                    }
                    let stop = search::stop_words(site.language_tag());
                    let search = search::SearchIndex::from_vocabulary(site, vocabulary, &stop);
                    search.write(&site.paths, staging)?;
                    Ok(Some(search.file_keys(&site.paths)))
                },
            )
        },
        || write_data_lists(site, lists, staging),
    );
    others?;
    Ok((pages?, search?))
}

/// The list pages of [`render_some_lists`].
fn write_some_list_pages(
    site: &Site,
    tera: &tera::Tera,
    rendered: &[RenderedRecord],
    lists: &Lists,
    staging: &Staging,
) -> Result<usize, Error> {
    if lists.all {
        let categories: Vec<usize> = (0..site.categories.len()).collect();
        return pages::write_list_pages(tera, site, rendered, &categories, staging);
    }
    // The A–Z page, the longest, beside all the others.
    let (a_to_z, others) = rayon::join(
        || match lists.lines {
            true => pages::write_a_to_z(tera, site, rendered, staging).map(|()| 1),
            false => Ok(0),
        },
        || write_pages_of_lines(site, tera, rendered, lists, staging),
    );
    Ok(a_to_z? + others?)
}

/// The list pages of [`write_some_list_pages`] but the A–Z page.
fn write_pages_of_lines(
    site: &Site,
    tera: &tera::Tera,
    rendered: &[RenderedRecord],
    lists: &Lists,
    staging: &Staging,
) -> Result<usize, Error> {
    let mut count = 0;
    if lists.lines {
        pages::write_home(tera, site, rendered, staging)?;
        count += 1 + content::write_pages(tera, site, staging)?;
    }
    let categories: Vec<usize> = lists.categories.iter().copied().collect();
    let tags: Vec<usize> = (0..site.tags.len())
        .filter(|&t| lists.tags.contains(&site.tags[t].slug))
        .collect();
    categories
        .par_iter()
        .try_for_each(|&c| pages::write_category(tera, site, rendered, c, staging))?;
    tags.par_iter().try_for_each(|&t| {
        let link = views::TagLink::new(site, &site.tags[t].slug);
        pages::write_tag(tera, site, rendered, t, &link, staging)
    })?;
    Ok(count + categories.len() + tags.len())
}

/// Renders a template, naming the template in any error; an HTML page comes out
/// without the whitespace a browser does not need ([`whitespace`]).
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
    if template.ends_with(".html") {
        return Ok(whitespace::collapse(&out));
    }
    Ok(out)
}
