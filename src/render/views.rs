//! What templates see: the serializable views of records, categories and pages, and
//! the writing of the HTML pages from them.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Tera};

use super::highlight::Highlighter;
use super::markdown;
use super::render_template;
use crate::Error;
use crate::model::{Site, Source};
use crate::write::Staging;

/// A record with its Markdown rendered: computed once, used by its page, its JSON,
/// the search index, and every page that lists it.
#[derive(Debug)]
pub struct RenderedRecord {
    pub url: String,
    pub summary_html: String,
    /// The summary as plain text, for meta descriptions and search.
    pub summary_text: String,
    pub causes_html: Vec<String>,
    pub fixes_html: Vec<String>,
    pub faq_answers_html: Vec<String>,
}

impl RenderedRecord {
    pub fn new(site: &Site, index: usize, highlighter: &Highlighter) -> RenderedRecord {
        let record = &site.records[index];
        RenderedRecord {
            url: record_url(site, &record.slug),
            summary_html: markdown::to_html(&record.summary, highlighter),
            summary_text: markdown::to_plain_text(&record.summary),
            causes_html: record
                .causes
                .iter()
                .map(|c| markdown::to_inline_html(c, highlighter))
                .collect(),
            fixes_html: record
                .fixes
                .iter()
                .map(|f| markdown::to_inline_html(f, highlighter))
                .collect(),
            faq_answers_html: record
                .faq
                .iter()
                .map(|f| markdown::to_html(&f.answer, highlighter))
                .collect(),
        }
    }
}

/// The root-relative URL of a record's page.
pub fn record_url(site: &Site, slug: &str) -> String {
    format!("{}errors/{}/", site.config.base_path(), slug)
}

pub fn category_url(site: &Site, slug: &str) -> String {
    format!("{}categories/{}/", site.config.base_path(), slug)
}

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

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    product: Option<&'a str>,
    base_url: &'a str,
    /// The prefix of every internal link: `/` or `/docs/errors/`.
    base_path: &'a str,
    record_count: usize,
}

#[derive(Serialize)]
struct CategoryView<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    description_html: String,
    count: usize,
}

/// A record as one line of a list: what list pages and related lists show. Kept
/// small: the A–Z page holds one per record.
#[derive(Serialize)]
struct RecordLink<'a> {
    code: &'a str,
    title: &'a str,
    url: &'a str,
    severity: &'static str,
    category: &'a str,
    category_title: &'a str,
    updated: Option<String>,
}

fn record_link<'a>(site: &'a Site, rendered: &'a [RenderedRecord], index: usize) -> RecordLink<'a> {
    let record = &site.records[index];
    let category = site.category_of(index);
    RecordLink {
        code: &record.code,
        title: &record.title,
        url: &rendered[index].url,
        severity: record.severity.as_str(),
        category: &category.slug,
        category_title: &category.title,
        updated: record.updated.map(|d| d.to_string()),
    }
}

#[derive(Serialize)]
struct FaqView<'a> {
    question: &'a str,
    answer_html: &'a str,
}

#[derive(Serialize)]
struct RecordView<'a> {
    code: &'a str,
    slug: &'a str,
    title: &'a str,
    url: &'a str,
    severity: &'static str,
    category: &'a str,
    category_title: &'a str,
    category_url: String,
    product: Option<&'a str>,
    message: Option<&'a str>,
    summary_html: &'a str,
    causes_html: &'a [String],
    fixes_html: &'a [String],
    faq: Vec<FaqView<'a>>,
    sources: &'a [Source],
    aliases: &'a [String],
    tags: &'a [String],
    updated: Option<String>,
    edit_url: Option<String>,
    json_url: String,
}

/// What every template gets about the page it renders.
#[derive(Serialize)]
struct PageView {
    /// The `<title>`, without the site name.
    title: String,
    description: String,
    /// Absolute when the base URL has a host, otherwise root-relative. Alias
    /// redirects link to it either way.
    canonical: String,
    /// The canonical URL when it is absolute: `og:url` and the page's canonical link.
    /// Open Graph and search engines' checks (Lighthouse) accept only absolute URLs,
    /// so a site with a path-only base URL leaves both out.
    og_url: Option<String>,
    /// Pages that must stay out of search results (the 404 page): `noindex`, no
    /// canonical link.
    noindex: bool,
    /// The page's machine-readable twin (`api/errors/<slug>.json`), for
    /// `<link rel="alternate" type="application/json">`.
    json_alternate: Option<String>,
    /// Breadcrumbs before the page itself: (title, url).
    breadcrumbs: Vec<(String, String)>,
    /// JSON-LD, already escaped for a `<script>` block.
    json_ld: Option<String>,
}

/// The longest meta description a page gets, in characters; longer ones are cut at a
/// word (search engines show about this much).
const MAX_DESCRIPTION_CHARS: usize = 160;

fn page(
    site: &Site,
    path: &str,
    title: String,
    description: String,
    breadcrumbs: Vec<(String, String)>,
) -> PageView {
    let canonical = site.config.absolute_url(path);
    PageView {
        title,
        description: truncate_words(&description, MAX_DESCRIPTION_CHARS),
        og_url: canonical.contains("://").then(|| canonical.clone()),
        canonical,
        noindex: false,
        json_alternate: None,
        breadcrumbs,
        json_ld: None,
    }
}

fn home_crumb(site: &Site) -> (String, String) {
    ("Home".to_string(), site.config.base_path().to_string())
}

/// Writes static assets. CSS and JS files get a content hash in their name
/// (`style.3f9a1c2b7d.css`) so hosts can cache them for ever; returns each asset's
/// original name → its URL, for templates.
pub fn write_assets(
    site: &Site,
    assets: &BTreeMap<String, Vec<u8>>,
    staging: &Staging,
) -> Result<BTreeMap<String, String>, Error> {
    let mut urls = BTreeMap::new();
    for (name, bytes) in assets {
        let hashed = match name.rsplit_once('.') {
            Some((stem, ext @ ("css" | "js"))) => format!("{stem}.{}.{ext}", content_hash(bytes)),
            _ => name.clone(),
        };
        staging.write(&hashed, bytes)?;
        urls.insert(
            name.clone(),
            format!("{}{}", site.config.base_path(), hashed),
        );
    }
    Ok(urls)
}

/// A short, stable hash of content (FNV-1a, 40 bits in hex): the same bytes give the
/// same name on every machine and run.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:010x}", hash >> 24)
}

pub fn set_global_context(tera: &mut Tera, site: &Site, asset_urls: &BTreeMap<String, String>) {
    let config = &site.config;
    let categories: Vec<CategoryView> = site
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| CategoryView {
            slug: &c.slug,
            title: &c.title,
            url: category_url(site, &c.slug),
            description_html: markdown::to_html(&c.description, &Highlighter::default()),
            count: site.members[i].len(),
        })
        .collect();
    let global = tera.global_context();
    global.insert(
        "site",
        &SiteView {
            title: &config.title,
            description: config.description.as_deref().unwrap_or(""),
            language: &config.language,
            product: config.product.as_deref(),
            base_url: &config.base_url,
            base_path: config.base_path(),
            record_count: site.records.len(),
        },
    );
    global.insert("categories", &categories);
    global.insert("assets", asset_urls);
    global.insert("severities", &crate::model::Severity::NAMES);
    global.insert("errdocs_version", env!("CARGO_PKG_VERSION"));
}

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
    let config = &site.config;
    let view = RecordView {
        code: &record.code,
        slug: &record.slug,
        title: &record.title,
        url: &rendered.url,
        severity: record.severity.as_str(),
        category: &category.slug,
        category_title: &category.title,
        category_url: category_url(site, &category.slug),
        product: record.product.as_deref().or(config.product.as_deref()),
        message: record.message.as_deref(),
        summary_html: &rendered.summary_html,
        causes_html: &rendered.causes_html,
        fixes_html: &rendered.fixes_html,
        faq: record
            .faq
            .iter()
            .zip(&rendered.faq_answers_html)
            .map(|(f, answer_html)| FaqView {
                question: &f.question,
                answer_html,
            })
            .collect(),
        sources: &record.sources,
        aliases: &record.aliases,
        tags: &record.tags,
        updated: record.updated.map(|d| d.to_string()),
        edit_url: config.edit_url.as_ref().map(|base| {
            format!(
                "{base}{}",
                encode_url_path(&crate::diagnostics::display_path(&record.path))
            )
        }),
        json_url: format!("{}api/errors/{}.json", config.base_path(), record.slug),
    };
    let related: Vec<RecordLink> = site.related[index]
        .iter()
        .map(|&r| record_link(site, all, r))
        .collect();
    let path = format!("errors/{}/", record.slug);
    let mut page = page(
        site,
        &path,
        format!("{}: {}", record.code, record.title),
        rendered.summary_text.clone(),
        vec![
            home_crumb(site),
            (category.title.clone(), category_url(site, &category.slug)),
        ],
    );
    page.json_ld = Some(super::feeds::record_json_ld(site, index, rendered));
    page.json_alternate = Some(view.json_url.clone());
    let mut context = Context::new();
    context.insert("record", &view);
    context.insert("related", &related);
    context.insert("page", &page);
    let html = render_template(tera, "error.html", &context)?;
    staging.write(&format!("{path}index.html"), &html)
}

#[derive(Serialize)]
struct AliasView<'a> {
    alias: &'a str,
    code: &'a str,
    title: &'a str,
    url: String,
}

/// A redirect page per alias: meta refresh, canonical link and a plain link.
pub fn write_alias_pages(
    tera: &Tera,
    site: &Site,
    index: usize,
    staging: &Staging,
) -> Result<usize, Error> {
    let record = &site.records[index];
    for alias in &record.aliases {
        let target = format!("errors/{}/", record.slug);
        let view = AliasView {
            alias,
            code: &record.code,
            title: &record.title,
            url: record_url(site, &record.slug),
        };
        let page = page(
            site,
            &target,
            format!("{} (redirect to {})", alias, record.code),
            format!("{alias} is another name of {}.", record.code),
            vec![home_crumb(site)],
        );
        let mut context = Context::new();
        context.insert("alias", &view);
        context.insert("page", &page);
        let html = render_template(tera, "alias.html", &context)?;
        staging.write(
            &format!("errors/{}/index.html", crate::model::slug_of(alias)),
            &html,
        )?;
    }
    Ok(record.aliases.len())
}

#[derive(Serialize)]
struct LetterGroup<'a> {
    letter: String,
    records: Vec<RecordLink<'a>>,
}

/// Home, A–Z, the categories index, the page of each category of `categories`
/// (indexes) and the 404 page.
pub fn write_list_pages(
    tera: &Tera,
    site: &Site,
    rendered: &[RenderedRecord],
    categories: &[usize],
    staging: &Staging,
) -> Result<usize, Error> {
    let config = &site.config;
    let mut pages = 0;
    let mut write = |path: &str, template: &str, context: &Context| -> Result<(), Error> {
        let html = render_template(tera, template, context)?;
        staging.write(
            &format!("{path}index.html").replace("404/index.html", "404.html"),
            &html,
        )?;
        pages += 1;
        Ok(())
    };

    // Home.
    let recent: Vec<RecordLink> = site
        .recently_updated(10)
        .into_iter()
        .map(|i| record_link(site, rendered, i))
        .collect();
    let mut context = Context::new();
    context.insert("recent", &recent);
    context.insert(
        "page",
        &page(
            site,
            "",
            config.title.clone(),
            config
                .description
                .clone()
                .unwrap_or_else(|| config.title.clone()),
            vec![],
        ),
    );
    write("", "index.html", &context)?;

    // A to Z, grouped by first character.
    let mut groups: Vec<LetterGroup> = Vec::new();
    for i in 0..site.records.len() {
        let letter = site.records[i]
            .code
            .chars()
            .next()
            .map(|c| c.to_ascii_uppercase())
            .unwrap_or('#');
        let letter = if letter.is_ascii_alphabetic() {
            letter.to_string()
        } else {
            "0–9".to_string()
        };
        if groups.last().is_none_or(|g| g.letter != letter) {
            groups.push(LetterGroup {
                letter,
                records: Vec::new(),
            });
        }
        groups
            .last_mut()
            .expect("pushed above")
            .records
            .push(record_link(site, rendered, i));
    }
    let mut context = Context::new();
    context.insert("groups", &groups);
    context.insert(
        "page",
        &page(
            site,
            "errors/",
            "All errors, A to Z".into(),
            format!("Every error code of {}, A to Z.", config.title),
            vec![home_crumb(site)],
        ),
    );
    write("errors/", "errors.html", &context)?;

    // Categories.
    let mut context = Context::new();
    context.insert(
        "page",
        &page(
            site,
            "categories/",
            "Categories".into(),
            format!("The categories of {}.", config.title),
            vec![home_crumb(site)],
        ),
    );
    write("categories/", "categories.html", &context)?;
    for &c in categories {
        let category = &site.categories[c];
        let records: Vec<RecordLink> = site.members[c]
            .iter()
            .map(|&i| record_link(site, rendered, i))
            .collect();
        let path = format!("categories/{}/", category.slug);
        let mut context = Context::new();
        context.insert("category", &category_view(site, c));
        context.insert("records", &records);
        context.insert(
            "page",
            &page(
                site,
                &path,
                category.title.clone(),
                markdown::to_plain_text(&category.description),
                vec![
                    home_crumb(site),
                    (
                        "Categories".into(),
                        format!("{}categories/", config.base_path()),
                    ),
                ],
            ),
        );
        write(&path, "category.html", &context)?;
    }

    // Not found. Hosts serve it at whatever address was missing, so every link in it
    // is root-relative (from `base_path`), and it asks not to be indexed.
    let mut not_found = page(
        site,
        "404.html",
        "Page not found".into(),
        "This page does not exist.".into(),
        vec![home_crumb(site)],
    );
    not_found.noindex = true;
    not_found.og_url = None;
    let mut context = Context::new();
    context.insert("page", &not_found);
    write("404/", "404.html", &context)?;
    Ok(pages)
}

fn category_view(site: &Site, index: usize) -> CategoryView<'_> {
    let c = &site.categories[index];
    CategoryView {
        slug: &c.slug,
        title: &c.title,
        url: category_url(site, &c.slug),
        description_html: markdown::to_html(&c.description, &Highlighter::default()),
        count: site.members[index].len(),
    }
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

    #[test]
    fn content_hash_is_stable() {
        assert_eq!(content_hash(b"body{}"), content_hash(b"body{}"));
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        assert_eq!(content_hash(b"").len(), 10);
    }
}
