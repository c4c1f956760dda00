//! The HTML pages: each error page, each alias's redirect, and the lists (home, A–Z,
//! categories, tags, the 404 page), rendered from their views and written where the
//! map of paths says. The pages of `content/pages/` are in [`super::content`].

use tera::{Context, Tera};

use super::declared::filters;
use super::head::{PageView, home_crumb, record_json_ld};
use super::views::{AliasView, CategoryView, RecordLink, RecordView, TagLink, letter_groups};
use super::{RenderedRecord, markdown, render_template};
use crate::Error;
use crate::model::{PageId, Site};
use crate::paths::Location;
use crate::write::Staging;

/// Renders `template` with `context` and writes it as the page at `location`.
fn write_page(
    tera: &Tera,
    template: &str,
    context: &Context,
    location: &Location,
    staging: &Staging,
) -> Result<(), Error> {
    let html = render_template(tera, template, context)?;
    staging.write(&location.file(), &html)
}

/// The page of record `index`, whose Markdown is `rendered`; `all` holds at least what
/// lists need of every record ([`RenderedRecord::listed`]), for its related errors.
pub fn write_record_page(
    tera: &Tera,
    site: &Site,
    index: usize,
    rendered: &RenderedRecord,
    all: &[RenderedRecord],
    staging: &Staging,
) -> Result<(), Error> {
    let record = &site.records[index];
    let category = site.category_of(index);
    let view = RecordView::new(site, index, rendered);
    let related: Vec<RecordLink> = site.related[index]
        .iter()
        .map(|&r| RecordLink::new(site, all, r))
        .collect();
    let location = site.paths.record(&record.slug);
    let page = PageView::new(
        site,
        &location,
        format!("{}: {}", record.code, record.title),
        rendered.summary_text.clone(),
        vec![
            home_crumb(site),
            (
                category.title.clone(),
                site.paths.link(&site.paths.category(&category.slug)),
            ),
        ],
    );
    let mut page = page.in_languages(site, PageId::Record(record.code.clone()));
    page.json_ld = Some(record_json_ld(site, index, rendered));
    page.json_alternate = view.json_url.clone();
    let mut context = Context::new();
    context.insert("record", &view);
    context.insert("related", &related);
    context.insert("page", &page);
    write_page(tera, "error.html", &context, &location, staging)
}

/// A redirect page per alias of record `index`: meta refresh, canonical link and a
/// plain link. Returns how many it wrote.
pub fn write_alias_pages(
    tera: &Tera,
    site: &Site,
    index: usize,
    staging: &Staging,
) -> Result<usize, Error> {
    let record = &site.records[index];
    let target = site.paths.record(&record.slug);
    for alias in &record.aliases {
        let view = AliasView {
            alias,
            code: &record.code,
            title: &record.title,
            url: site.paths.link(&target),
        };
        let strings = site.strings();
        let names = [("alias", alias.as_str()), ("code", record.code.as_str())];
        let page = PageView::new(
            site,
            &target,
            strings.text("alias.title", None, &names),
            strings.text("alias.description", None, &names),
            vec![home_crumb(site)],
        );
        let mut context = Context::new();
        context.insert("alias", &view);
        context.insert("page", &page);
        write_page(
            tera,
            "alias.html",
            &context,
            &site.paths.alias(alias),
            staging,
        )?;
    }
    Ok(record.aliases.len())
}

/// Home, A–Z, the categories index, the page of each category of `categories`
/// (indexes), the tag pages, the pages of `content/pages/` and the 404 page. Returns
/// how many pages it wrote.
pub fn write_list_pages(
    tera: &Tera,
    site: &Site,
    rendered: &[RenderedRecord],
    categories: &[usize],
    staging: &Staging,
) -> Result<usize, Error> {
    write_home(tera, site, rendered, staging)?;
    write_a_to_z(tera, site, rendered, staging)?;
    write_categories_index(tera, site, staging)?;
    for &c in categories {
        write_category(tera, site, rendered, c, staging)?;
    }
    let tags = write_tags(tera, site, rendered, staging)?;
    let pages = super::content::write_pages(tera, site, staging)?;
    write_not_found(tera, site, staging)?;
    Ok(4 + categories.len() + tags + pages)
}

pub(super) fn write_home(
    tera: &Tera,
    site: &Site,
    rendered: &[RenderedRecord],
    staging: &Staging,
) -> Result<(), Error> {
    let config = &site.config;
    let recent: Vec<RecordLink> = site
        .recently_updated(10)
        .into_iter()
        .map(|i| RecordLink::new(site, rendered, i))
        .collect();
    let location = site.paths.home();
    let description = config
        .description
        .clone()
        .unwrap_or_else(|| config.title.clone());
    let mut context = Context::new();
    context.insert("recent", &recent);
    context.insert(
        "page",
        &PageView::new(site, &location, config.title.clone(), description, vec![])
            .in_languages(site, PageId::Home),
    );
    write_page(tera, "index.html", &context, &location, staging)
}

pub(super) fn write_a_to_z(
    tera: &Tera,
    site: &Site,
    rendered: &[RenderedRecord],
    staging: &Staging,
) -> Result<(), Error> {
    let location = site.paths.errors_index();
    let strings = site.strings();
    let all: Vec<usize> = (0..site.records.len()).collect();
    let mut context = Context::new();
    context.insert("groups", &letter_groups(site, rendered));
    context.insert("filters", &filters(site, &all));
    context.insert(
        "page",
        &PageView::new(
            site,
            &location,
            strings.label("a_to_z.title"),
            strings.text("a_to_z.description", None, &[("site", &site.config.title)]),
            vec![home_crumb(site)],
        )
        .in_languages(site, PageId::ErrorsIndex),
    );
    write_page(tera, "errors.html", &context, &location, staging)
}

fn write_categories_index(tera: &Tera, site: &Site, staging: &Staging) -> Result<(), Error> {
    let location = site.paths.categories_index();
    let strings = site.strings();
    let mut context = Context::new();
    context.insert(
        "page",
        &PageView::new(
            site,
            &location,
            strings.label("categories.title"),
            strings.text(
                "categories.description",
                None,
                &[("site", &site.config.title)],
            ),
            vec![home_crumb(site)],
        )
        .in_languages(site, PageId::CategoriesIndex),
    );
    write_page(tera, "categories.html", &context, &location, staging)
}

pub(super) fn write_category(
    tera: &Tera,
    site: &Site,
    rendered: &[RenderedRecord],
    index: usize,
    staging: &Staging,
) -> Result<(), Error> {
    let category = &site.categories[index];
    let paths = &site.paths;
    let records: Vec<RecordLink> = site.members[index]
        .iter()
        .map(|&i| RecordLink::new(site, rendered, i))
        .collect();
    let location = paths.category(&category.slug);
    let description = markdown::to_plain_text(&category.description);
    let mut context = Context::new();
    context.insert("category", &CategoryView::new(site, index));
    context.insert("records", &records);
    context.insert("filters", &filters(site, &site.members[index]));
    context.insert(
        "page",
        &PageView::new(
            site,
            &location,
            category.title.clone(),
            description,
            vec![
                home_crumb(site),
                (
                    site.strings().label("nav.categories"),
                    paths.link(&paths.categories_index()),
                ),
            ],
        )
        .in_languages(site, PageId::Category(category.slug.clone())),
    );
    write_page(tera, "category.html", &context, &location, staging)
}

/// The tags index and the page of each tag, when records have tags. Returns how many
/// pages it wrote.
fn write_tags(
    tera: &Tera,
    site: &Site,
    rendered: &[RenderedRecord],
    staging: &Staging,
) -> Result<usize, Error> {
    if site.tags.is_empty() {
        return Ok(0);
    }
    let paths = &site.paths;
    let tags: Vec<TagLink> = site
        .tags
        .iter()
        .map(|t| TagLink::new(site, &t.slug))
        .collect();
    let location = paths.tags_index();
    let mut context = Context::new();
    context.insert("tags", &tags);
    let strings = site.strings();
    let site_title = [("site", site.config.title.as_str())];
    let page = PageView::new(
        site,
        &location,
        strings.label("tags.title"),
        strings.text("tags.description", None, &site_title),
        vec![home_crumb(site)],
    )
    .in_languages(site, PageId::TagsIndex);
    context.insert("page", &page);
    write_page(tera, "tags.html", &context, &location, staging)?;
    for (tag, link) in (0..site.tags.len()).zip(&tags) {
        write_tag(tera, site, rendered, tag, link, staging)?;
    }
    Ok(1 + tags.len())
}

/// The page of tag `index` of the site (`link`: the tag as a link).
pub(super) fn write_tag(
    tera: &Tera,
    site: &Site,
    rendered: &[RenderedRecord],
    index: usize,
    link: &TagLink,
    staging: &Staging,
) -> Result<(), Error> {
    let (paths, strings) = (&site.paths, site.strings());
    let tag = &site.tags[index];
    let records: Vec<RecordLink> = (tag.members.iter())
        .map(|&i| RecordLink::new(site, rendered, i))
        .collect();
    let location = paths.tag(&tag.slug);
    let mut context = Context::new();
    context.insert("tag", link);
    context.insert("records", &records);
    context.insert("filters", &filters(site, &tag.members));
    let crumbs = vec![
        home_crumb(site),
        (strings.label("tags.title"), paths.link(&paths.tags_index())),
    ];
    let names = [
        ("tag", tag.slug.as_str()),
        ("site", site.config.title.as_str()),
    ];
    let title = strings.text("tag.title", None, &names);
    let count = Some(tag.members.len() as u64);
    let description = strings.text("tag.description", count, &names);
    let page = PageView::new(site, &location, title, description, crumbs)
        .in_languages(site, PageId::Tag(tag.slug.clone()));
    context.insert("page", &page);
    write_page(tera, "tag.html", &context, &location, staging)
}

/// Not found. Hosts serve it at whatever address was missing, so every link in it
/// is root-relative (from `base_path`), and it asks not to be indexed.
fn write_not_found(tera: &Tera, site: &Site, staging: &Staging) -> Result<(), Error> {
    let location = site.paths.not_found();
    let strings = site.strings();
    let page = PageView::new(
        site,
        &location,
        strings.label("not_found.title"),
        strings.label("not_found.description"),
        vec![home_crumb(site)],
    )
    .unindexed()
    .in_languages(site, PageId::NotFound);
    let mut context = Context::new();
    context.insert("page", &page);
    write_page(tera, "404.html", &context, &location, staging)
}
