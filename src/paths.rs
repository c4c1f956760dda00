//! The map of the built site: where every file goes, and the URL that reaches it.
//!
//! Every writer asks [`Paths`] where to write, and every page, feed and API file asks
//! it how to link: no other module spells `errors/`, `api/` or `index.html`. A
//! [`Location`] is a place in the built site relative to its root, written as its URL
//! path: a page is a folder (`errors/aadsts40009/`), written as the folder's
//! `index.html`; any other file is itself (`atom.xml`). [`Paths`] turns a location into
//! the file it is written as, a root-relative link, or a full URL under the base URL.
//!
//! The layout is held in fields of [`Paths`], fixed in [`Paths::new`] today: the
//! folders of error and category pages, and the prefix of a language's pages (empty
//! for the default language, `de/` for German: [`Paths::in_language`]). A configurable
//! URL layout (`errors: ""` puts each code at the root) is a change to [`Paths::new`]
//! alone.

use crate::model::{Record, Site, slug_of};

/// A place in the built site, relative to its root, as a URL path: `""` (the home
/// page), `errors/aadsts40009/`, `atom.xml`. Made only by [`Paths`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location(String);

impl Location {
    /// The URL path relative to the site root.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file it is written as, relative to the output folder: a page (a folder)
    /// is its `index.html`.
    pub fn file(&self) -> String {
        if self.is_page_folder() {
            format!("{}index.html", self.0)
        } else {
            self.0.clone()
        }
    }

    fn is_page_folder(&self) -> bool {
        self.0.is_empty() || self.0.ends_with('/')
    }
}

/// Where every file of a built site goes, and the URLs that reach them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// `site.yaml`'s `base_url`, normalised: ends in `/`.
    base_url: String,
    /// Where the path part of `base_url` starts (`/` or `/docs/errors/`).
    base_path_start: usize,
    /// The prefix of every page of the language being built: `""` for the default
    /// language, else such as `de/` ([`Paths::in_language`]).
    language: String,
    /// The folder of the error pages and the A–Z page, ending in `/`.
    errors: String,
    /// The folder of the category pages and their index, ending in `/`.
    categories: String,
}

impl Paths {
    /// The map of a site hosted at `base_url` (normalised: it ends in `/`).
    pub fn new(base_url: &str) -> Paths {
        let base_path_start = match base_url.find("://") {
            Some(scheme_end) => {
                let after = scheme_end + 3;
                base_url[after..]
                    .find('/')
                    .map_or(base_url.len(), |i| after + i)
            }
            None => 0,
        };
        Paths {
            base_url: base_url.to_string(),
            base_path_start,
            language: String::new(),
            errors: "errors/".into(),
            categories: "categories/".into(),
        }
    }

    /// The map of a language's pages: all of them under `<tag>/` (a language other
    /// than the site's default). The sitemap, `robots.txt`, the schemas and the theme's
    /// assets stay at the root, shared by every language.
    pub fn in_language(mut self, tag: &str) -> Paths {
        self.language = format!("{tag}/");
        self
    }

    /// The prefix of this language's pages: `""` for the default language, else
    /// such as `de/`.
    pub fn language_prefix(&self) -> &str {
        &self.language
    }

    /// The base URL, ending in `/`: `https://errors.example.com/` or `/docs/errors/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The path part of the base URL (`/` or `/docs/errors/`): the prefix of every
    /// internal link, so a site works at a domain's root and under a sub-folder alike.
    pub fn base_path(&self) -> &str {
        match &self.base_url[self.base_path_start..] {
            "" => "/",
            path => path,
        }
    }

    /// Whether the base URL names a host, so that full URLs are absolute (canonical
    /// links, `og:url`, the sitemap's `Sitemap:` line need that).
    pub fn has_host(&self) -> bool {
        self.base_url.contains("://")
    }

    /// A root-relative link to `location`, for the site's own pages.
    pub fn link(&self, location: &Location) -> String {
        format!("{}{}", self.base_path(), location.0)
    }

    /// The full URL of `location`: absolute when the base URL has a host, otherwise
    /// root-relative. For canonical links, feeds, the sitemap and the JSON API.
    pub fn url(&self, location: &Location) -> String {
        format!("{}{}", self.base_url, location.0)
    }

    // Pages.

    pub fn home(&self) -> Location {
        self.page("")
    }

    /// Every code, A to Z.
    pub fn errors_index(&self) -> Location {
        self.page(&self.errors)
    }

    /// The page of the record whose slug is `slug`.
    pub fn record(&self, slug: &str) -> Location {
        self.page(&format!("{}{slug}/", self.errors))
    }

    /// The redirect page of an alias: where the alias's own page would be.
    pub fn alias(&self, alias: &str) -> Location {
        self.record(&slug_of(alias))
    }

    pub fn categories_index(&self) -> Location {
        self.page(&self.categories)
    }

    pub fn category(&self, slug: &str) -> Location {
        self.page(&format!("{}{slug}/", self.categories))
    }

    /// The page hosts serve for any address that does not exist. A file, not a
    /// folder: hosts look for `404.html` at the root (another language's, under its
    /// prefix, is for hosts that serve a folder's own 404 page).
    pub fn not_found(&self) -> Location {
        self.page("404.html")
    }

    fn page(&self, path: &str) -> Location {
        Location(format!("{}{path}", self.language))
    }

    // The JSON API.

    /// The whole record as JSON.
    pub fn record_json(&self, slug: &str) -> Location {
        self.page(&format!("api/errors/{slug}.json"))
    }

    /// Every record, one line each.
    pub fn errors_json(&self) -> Location {
        self.page("api/errors.json")
    }

    pub fn categories_json(&self) -> Location {
        self.page("api/categories.json")
    }

    /// A JSON Schema published with the site (of a record file, or of an API file).
    pub fn schema(&self, name: &str) -> Location {
        Location(format!("schema/{name}"))
    }

    // Feeds and crawlers.

    /// The sitemap, or the sitemap index when the site has more URLs than one
    /// sitemap may list.
    pub fn sitemap(&self) -> Location {
        Location("sitemap.xml".into())
    }

    /// Part `number` (from 1) of a sitemap split in parts.
    pub fn sitemap_part(&self, number: usize) -> Location {
        Location(format!("sitemap-{number}.xml"))
    }

    pub fn robots(&self) -> Location {
        Location("robots.txt".into())
    }

    pub fn atom(&self) -> Location {
        self.page("atom.xml")
    }

    // Search.

    /// The search index's entry file, at a fixed address: pages name it, and it names
    /// the folder of the rest.
    pub fn search_index(&self) -> Location {
        self.page("search/index.json")
    }

    /// The folder of the search index's shards, named by a hash of their contents.
    pub fn search_folder(&self, hash: &str) -> Location {
        self.page(&format!("search/{hash}/"))
    }

    /// A file of the search index in `folder` (a [`Paths::search_folder`]).
    pub fn search_file(&self, folder: &Location, name: &str) -> Location {
        Location(format!("{}{name}", folder.0))
    }

    // Assets.

    /// A file of the theme's `static/` folder. CSS and JS get a hash of their content
    /// in the name (`style.3f9a1c2b7d.css`), so hosts may cache them for ever.
    pub fn asset(&self, name: &str, content: &[u8]) -> Location {
        match name.rsplit_once('.') {
            Some((stem, extension @ ("css" | "js"))) => {
                Location(format!("{stem}.{}.{extension}", content_hash(content)))
            }
            _ => Location(name.to_string()),
        }
    }

    // Whole sets.

    /// The files of one record: its page, its JSON and a redirect page per alias.
    pub fn record_files(&self, record: &Record) -> Vec<Location> {
        let mut files = vec![self.record(&record.slug), self.record_json(&record.slug)];
        files.extend(record.aliases.iter().map(|alias| self.alias(alias)));
        files
    }

    /// Every file of a build of `site` whose place its content decides: each record's
    /// files, the lists, the API, the feeds (with one sitemap), the 404 page and the
    /// search index's entry file. A build adds the schemas ([`Paths::schema`]), the
    /// theme's assets ([`Paths::asset`]), the search index's folder
    /// ([`Paths::search_folder`]), and sitemap parts on a site too large for one.
    pub fn files_of(&self, site: &Site) -> Vec<Location> {
        let mut files = vec![
            self.home(),
            self.errors_index(),
            self.categories_index(),
            self.not_found(),
            self.errors_json(),
            self.categories_json(),
            self.sitemap(),
            self.robots(),
            self.atom(),
            self.search_index(),
        ];
        files.extend(site.categories.iter().map(|c| self.category(&c.slug)));
        for record in &site.records {
            files.extend(self.record_files(record));
        }
        files
    }

    /// The file that answers a request for `path` (a URL path relative to the site
    /// root, already decoded and checked), as static hosts do: a folder is its
    /// `index.html`.
    pub fn file_for_request(path: &str) -> String {
        Location(path.to_string()).file()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_come_from_the_base_url() {
        assert_eq!(Paths::new("https://e.com/").base_path(), "/");
        assert_eq!(Paths::new("https://e.com").base_path(), "/");
        assert_eq!(Paths::new("https://e.com/docs/x/").base_path(), "/docs/x/");
        assert_eq!(Paths::new("/docs/").base_path(), "/docs/");
        assert!(!Paths::new("/docs/").has_host());
    }

    #[test]
    fn pages_are_folders_written_as_their_index() {
        let paths = Paths::new("https://e.com/docs/");
        let page = paths.record("aadsts40009");
        assert_eq!(page.file(), "errors/aadsts40009/index.html");
        assert_eq!(paths.link(&page), "/docs/errors/aadsts40009/");
        assert_eq!(paths.url(&page), "https://e.com/docs/errors/aadsts40009/");
        assert_eq!(paths.home().file(), "index.html");
        assert_eq!(paths.not_found().file(), "404.html");
        assert_eq!(paths.alias("AADSTS40009").file(), page.file());
        assert_eq!(Paths::file_for_request("errors/x/"), "errors/x/index.html");
        assert_eq!(Paths::file_for_request("atom.xml"), "atom.xml");
    }

    #[test]
    fn css_and_js_assets_are_named_by_their_content() {
        let paths = Paths::new("/");
        let css = paths.asset("style.css", b"body{}");
        assert_eq!(css, paths.asset("style.css", b"body{}"));
        assert_ne!(css, paths.asset("style.css", b"body{ }"));
        assert!(css.as_str().starts_with("style.") && css.as_str().ends_with(".css"));
        assert_eq!(paths.asset("favicon.svg", b"x").as_str(), "favicon.svg");
    }

    #[test]
    fn content_hash_is_stable() {
        assert_eq!(content_hash(b"body{}"), content_hash(b"body{}"));
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        assert_eq!(content_hash(b"").len(), 10);
    }
}
