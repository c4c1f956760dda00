//! What crawlers and feed readers read: `sitemap.xml` (split into a sitemap index
//! past 50,000 URLs, as the protocol requires; on a site in several languages each URL
//! names its twins with `xhtml:link` alternates), `robots.txt` and `atom.xml` (one per
//! language). (The
//! JSON-LD of each error page is page metadata: `render/head.rs`.)

use std::fmt::Write as _;

use super::text::truncate_words;
use crate::Error;
use crate::model::{PageId, Site};
use crate::paths::Paths;
use crate::write::Staging;

/// The most URLs one sitemap file may list.
pub const SITEMAP_LIMIT: usize = 50_000;
/// How many records the Atom feed lists.
pub const FEED_ENTRIES: usize = 50;

/// The Atom feed of one language.
pub fn write_atom(site: &Site, staging: &Staging) -> Result<(), Error> {
    staging.write(&site.paths.atom().file(), atom(site).as_bytes())
}

/// `robots.txt`, once for the whole site.
pub fn write_robots(site: &Site, staging: &Staging) -> Result<(), Error> {
    staging.write(&site.paths.robots().file(), robots(site).as_bytes())
}

/// One URL of the sitemap: its path (relative to the site root), its `lastmod`, and
/// its twins in the other languages as (`hreflang`, path), `x-default` last; none on a
/// site in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SitemapPage {
    pub path: String,
    pub lastmod: Option<String>,
    pub alternates: Vec<(String, String)>,
}

/// Every page of every language, in the language's own words, from the default
/// language's site: a record's page in a language that shows the original's words is
/// left out (its canonical link names the original).
fn pages(site: &Site) -> Vec<SitemapPage> {
    let newest = site
        .records
        .iter()
        .filter_map(|r| r.updated)
        .max()
        .map(|d| d.to_string());
    let mut pages = Vec::new();
    let mut add = |page: PageId, lastmod: &dyn Fn(usize) -> Option<String>| {
        let languages = &site.languages;
        let own: Vec<usize> = (languages.of_page(&page).into_iter())
            .filter(|(_, own)| *own)
            .map(|(index, _)| index)
            .collect();
        let path =
            |index: usize| (languages.location(index, &site.paths, &page).as_str()).to_string();
        let mut alternates: Vec<(String, String)> = Vec::new();
        if languages.is_multilingual() {
            alternates.extend(own.iter().map(|&i| (languages.all[i].tag.clone(), path(i))));
            alternates.push(("x-default".into(), path(0)));
        }
        for &index in &own {
            pages.push(SitemapPage {
                path: path(index),
                lastmod: lastmod(index),
                alternates: alternates.clone(),
            });
        }
    };
    for page in [PageId::Home, PageId::ErrorsIndex, PageId::CategoriesIndex] {
        add(page, &|_| newest.clone());
    }
    for (c, category) in site.categories.iter().enumerate() {
        let date = site.members[c]
            .iter()
            .filter_map(|&i| site.records[i].updated)
            .max()
            .map(|d| d.to_string());
        add(PageId::Category(category.slug.clone()), &|_| date.clone());
    }
    if !site.tags.is_empty() {
        add(PageId::TagsIndex, &|_| None);
    }
    for tag in &site.tags {
        let date = (tag.members.iter())
            .filter_map(|&i| site.records[i].updated)
            .max()
            .map(|d| d.to_string());
        add(PageId::Tag(tag.slug.clone()), &|_| date.clone());
    }
    for page in &site.pages {
        let date = page.updated.map(|d| d.to_string());
        add(PageId::Content(page.file.clone()), &|_| date.clone());
    }
    for record in &site.records {
        let updated = |index: usize| {
            let translated = site.languages.all[index].records.get(&record.code);
            (translated.map_or(record.updated, |t| t.record.updated)).map(|d| d.to_string())
        };
        add(PageId::Record(record.code.clone()), &updated);
    }
    pages
}

/// The sitemap of every language (or the sitemap index and its parts), once for the
/// whole site, from the default language's site.
pub fn write_sitemaps(site: &Site, staging: &Staging) -> Result<(), Error> {
    for (name, xml) in sitemap_files(&site.config.base_url, &pages(site)) {
        staging.write(&name, xml.as_bytes())?;
    }
    Ok(())
}

/// The sitemap files for `pages` (paths relative to the site root, with their
/// `lastmod` and language twins): one `sitemap.xml` up to [`SITEMAP_LIMIT`] URLs; past
/// it, `sitemap.xml` becomes a sitemap index of `sitemap-1.xml`, `sitemap-2.xml`, … of
/// at most [`SITEMAP_LIMIT`] URLs each. Returns (file name, XML), the index last.
///
/// `base_url` is `site.yaml`'s `base_url`. The protocol wants absolute URLs; with a
/// path-only base URL the `<loc>`s are root-relative paths, which crawlers ignore (the
/// README says so, and `robots.txt` then names no sitemap).
pub fn sitemap_files(base_url: &str, pages: &[SitemapPage]) -> Vec<(String, String)> {
    let paths = Paths::new(base_url);
    if pages.len() <= SITEMAP_LIMIT {
        return vec![(paths.sitemap().file(), urlset(base_url, pages))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in pages.chunks(SITEMAP_LIMIT).enumerate() {
        let part = paths.sitemap_part(n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            xml_escape(&paths.url(&part))
        );
        files.push((part.file(), urlset(base_url, chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push((paths.sitemap().file(), index));
    files
}

fn urlset(base_url: &str, pages: &[SitemapPage]) -> String {
    let mut xml = String::with_capacity(pages.len() * 96 + 128);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if pages.iter().any(|p| !p.alternates.is_empty()) {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    for page in pages {
        let _ = write!(
            xml,
            "  <url><loc>{}</loc>",
            xml_escape(&format!("{base_url}{}", page.path))
        );
        if let Some(date) = &page.lastmod {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        for (hreflang, path) in &page.alternates {
            let _ = write!(
                xml,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                xml_escape(hreflang),
                xml_escape(&format!("{base_url}{path}"))
            );
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: allow everything and name the sitemap. The `Sitemap:` line must be
/// an absolute URL, so a path-only base URL gets a comment saying how to add it. A
/// site under a sub-path gets a reminder that crawlers read only the host's root
/// `robots.txt`.
fn robots(site: &Site) -> String {
    let config = &site.config;
    let mut text = format!(
        "# robots.txt of {}\nUser-agent: *\nAllow: /\n",
        config.title
    );
    let paths = &site.paths;
    let base_path = paths.base_path();
    if base_path != "/" {
        let _ = write!(
            text,
            "\n# This site lives under {base_path}: crawlers read robots.txt only at the root\n# of a host, so copy the Sitemap line below into that file.\n"
        );
    }
    if paths.has_host() {
        let _ = write!(text, "\nSitemap: {}\n", paths.url(&paths.sitemap()));
    } else {
        let _ = write!(
            text,
            "\n# No Sitemap line: base_url ({}) has no host, and crawlers need an absolute\n# sitemap URL. Build with base_url https://YOUR-HOST{base_path} (or --base-url).\n",
            config.base_url
        );
    }
    text
}

/// One entry of the Atom feed: a record or a page.
struct Entry {
    title: String,
    url: String,
    updated: Option<jiff::civil::Date>,
    /// A record's category.
    category: Option<String>,
    summary: String,
    /// The original's language, for an entry in its words (no translation).
    lang: Option<String>,
}

/// ` xml:lang="…"` for an entry in another language than the feed's.
fn lang_attribute(lang: Option<&str>) -> String {
    lang.map(|l| format!(" xml:lang=\"{}\"", xml_escape(l)))
        .unwrap_or_default()
}

/// The feed's entries: the most recently updated records and the pages that carry a
/// date, newest first (records without a date last), at most [`FEED_ENTRIES`].
fn entries(site: &Site) -> Vec<Entry> {
    let paths = &site.paths;
    let records = site.recently_updated(FEED_ENTRIES).into_iter().map(|i| {
        let record = &site.records[i];
        Entry {
            title: format!("{}: {}", record.code, record.title),
            url: paths.url(&paths.record(&record.slug)),
            updated: record.updated,
            category: Some(record.category.clone()),
            summary: super::markdown::to_plain_text(&record.summary),
            lang: (site.originals[i].whole).then(|| site.original_tag().to_string()),
        }
    });
    let pages = site
        .pages
        .iter()
        .filter(|p| p.updated.is_some())
        .map(|page| Entry {
            title: page.title.clone(),
            url: paths.url(&paths.content_page(&page.file)),
            updated: page.updated,
            category: None,
            summary: (page.description.clone())
                .unwrap_or_else(|| super::markdown::to_plain_text(&page.body)),
            lang: (site.language > 0).then(|| site.original_tag().to_string()),
        });
    let mut entries: Vec<Entry> = pages.chain(records).collect();
    // Stable: among equal dates, pages (first above) stay before records, each in
    // the site's order.
    entries.sort_by_key(|e| std::cmp::Reverse(e.updated));
    entries.truncate(FEED_ENTRIES);
    entries
}

/// An Atom 1.0 feed of the most recently updated records and pages.
fn atom(site: &Site) -> String {
    let config = &site.config;
    let entries = entries(site);
    let newest = entries.iter().filter_map(|e| e.updated).max();
    let feed_updated = newest.map_or("1970-01-01T00:00:00Z".to_string(), |d| {
        format!("{d}T00:00:00Z")
    });
    let paths = &site.paths;
    let home = paths.url(&paths.home());
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml_escape(site.language_tag())
    );
    let _ = writeln!(xml, "  <title>{}</title>", xml_escape(&config.title));
    if let Some(description) = &config.description {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", xml_escape(description));
    }
    let _ = writeln!(xml, "  <id>{}</id>", xml_escape(&atom_id(&home)));
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&home)
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&paths.url(&paths.atom()))
    );
    let _ = writeln!(xml, "  <updated>{feed_updated}</updated>");
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        xml_escape(&config.title)
    );
    let _ = writeln!(
        xml,
        "  <generator version=\"{}\">errdocs</generator>",
        env!("CARGO_PKG_VERSION")
    );
    for entry in entries {
        let updated = entry
            .updated
            .map_or(feed_updated.clone(), |d| format!("{d}T00:00:00Z"));
        let _ = writeln!(xml, "  <entry{}>", lang_attribute(entry.lang.as_deref()));
        let _ = writeln!(xml, "    <title>{}</title>", xml_escape(&entry.title));
        let _ = writeln!(xml, "    <id>{}</id>", xml_escape(&atom_id(&entry.url)));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&entry.url)
        );
        let _ = writeln!(xml, "    <updated>{updated}</updated>");
        if let Some(category) = &entry.category {
            let _ = writeln!(xml, "    <category term=\"{}\"/>", xml_escape(category));
        }
        let summary = truncate_words(&entry.summary, 300);
        let _ = writeln!(xml, "    <summary>{}</summary>", xml_escape(&summary));
        let _ = writeln!(xml, "  </entry>");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Atom ids must be absolute IRIs. A site whose base URL is only a path has no host to
/// build one from, so its ids are `urn:errdocs:site:` + the page's path instead: still
/// unique within the feed and stable from build to build.
fn atom_id(url: &str) -> String {
    if url.contains("://") {
        url.to_string()
    } else {
        format!("urn:errdocs:site:{url}")
    }
}

pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped rather than breaking the feed.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atom_ids_are_absolute_iris() {
        assert_eq!(
            atom_id("https://e.com/errors/x/"),
            "https://e.com/errors/x/"
        );
        assert_eq!(atom_id("/"), "urn:errdocs:site:/");
        assert_eq!(
            atom_id("/docs/errors/x/"),
            "urn:errdocs:site:/docs/errors/x/"
        );
    }

    #[test]
    fn xml_escaping_drops_characters_xml_forbids() {
        assert_eq!(
            xml_escape("a<b>&\"'\u{1}\u{FFFE}\tc"),
            "a&lt;b&gt;&amp;&quot;&apos;\tc"
        );
    }
}
