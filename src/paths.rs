//! The map of the built site: where every file goes, and the URL that reaches it.
//!
//! Every writer asks [`Paths`] where to write, and every page, feed and API file asks
//! it how to link: no other module spells `errors/`, `api/` or `index.html`. A
//! [`Location`] is a place in the built site relative to its root, written as its URL
//! path: a page is a folder (`errors/aadsts40009/`), written as the folder's
//! `index.html`; any other file is itself (`atom.xml`). [`Paths`] turns a location into
//! the file it is written as, a root-relative link, or a full URL under the base URL.
//!
//! The layout is held in fields of [`Paths`]: the folders of error, category and tag
//! pages, which `site.yaml`'s `urls` may choose ([`Folders`]; `errors: ""` puts each
//! code at the site's root), and the prefix of a language's pages (empty for the
//! default language, `de/` for German: [`Paths::in_language`]). [`Paths::reserved`]
//! lists the places no page of the content may take, so `check` can refuse a code,
//! alias or page that would.

use crate::model::{Record, Site, slug_of};

/// The folders of the pages whose place `site.yaml`'s `urls` chooses: each `""` (the
/// site's root: error pages only) or a path of slugs ending in `/`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Folders {
    pub errors: String,
    pub categories: String,
    pub tags: String,
}

impl Default for Folders {
    fn default() -> Folders {
        Folders {
            errors: "errors/".into(),
            categories: "categories/".into(),
            tags: "tags/".into(),
        }
    }
}

impl Folders {
    /// A folder as `site.yaml` writes it (`errors`, `docs/errors/`, `""`), as the map
    /// holds it: `""` or ending in one `/`.
    pub fn normalize(text: &str) -> String {
        match text.trim().trim_matches('/') {
            "" => String::new(),
            folder => format!("{folder}/"),
        }
    }
}

/// Where the A–Z list goes when the error pages take the site's root.
const A_TO_Z_AT_ROOT: &str = "a-z/";

/// A place of the built site that no code, alias or page of the content may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reserved {
    pub location: Location,
    /// What is there, for messages: "the JSON API".
    pub what: &'static str,
    /// Whether everything below it is errdocs' own too (`api/`, `categories/`).
    pub owns_folder: bool,
    /// Whether `site.yaml`'s `urls` places it (the A–Z list, categories, tags).
    pub by_urls: bool,
}

impl Reserved {
    /// Whether a page at `page` (a folder) would take this place: the same address,
    /// a folder where this place has a file (`sitemap.xml/`, `index.html/`), or a
    /// place inside a folder this owns.
    pub fn taken_by(&self, page: &Location) -> bool {
        let (mine, theirs) = (self.location.as_str(), page.as_str());
        mine == theirs
            || theirs.starts_with(&format!("{}/", self.location.file()))
            || (self.owns_folder && !mine.is_empty() && theirs.starts_with(mine))
    }
}

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

    /// Whether it is a page (a folder, written as its `index.html`).
    pub fn is_page_folder(&self) -> bool {
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
    /// The folder of the tag pages and their index, ending in `/`.
    tags: String,
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
            tags: "tags/".into(),
        }
    }

    /// The same map for another language's pages: all of them under `<tag>/`, or at
    /// the root for the default language (`None`). The sitemap, `robots.txt`, the
    /// schemas and the theme's assets stay at the root, shared by every language.
    pub fn in_language(&self, tag: Option<&str>) -> Paths {
        Paths {
            language: tag.map_or_else(String::new, |tag| format!("{tag}/")),
            ..self.clone()
        }
    }

    /// The prefix of this language's pages: `""` for the default language, else
    /// such as `de/`.
    pub fn language_prefix(&self) -> &str {
        &self.language
    }

    /// The map of a site hosted at `base_url` whose folders are `folders`.
    pub fn with_folders(base_url: &str, folders: &Folders) -> Paths {
        Paths {
            errors: folders.errors.clone(),
            categories: folders.categories.clone(),
            tags: folders.tags.clone(),
            ..Paths::new(base_url)
        }
    }

    /// The folder of the error pages: `errors/`, or `""` when they are at the root.
    pub fn errors_folder(&self) -> &str {
        &self.errors
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

    /// Every code, A to Z: the errors' folder, or `a-z/` when the errors are at the
    /// root.
    pub fn errors_index(&self) -> Location {
        match self.errors.as_str() {
            "" => self.page(A_TO_Z_AT_ROOT),
            folder => self.page(folder),
        }
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

    /// Every tag, with its count.
    pub fn tags_index(&self) -> Location {
        self.page(&self.tags)
    }

    pub fn tag(&self, slug: &str) -> Location {
        self.page(&format!("{}{slug}/", self.tags))
    }

    /// The page made of `file`, a file of `content/pages/` (`/`-separated, ending in
    /// `.md`): its path without `.md` (`guide/reading-errors/`), a folder's
    /// `index.md` the folder itself (`guide/`).
    pub fn content_page(&self, file: &str) -> Location {
        let stem = file.strip_suffix(".md").unwrap_or(file);
        let folder = match stem.rsplit_once('/') {
            Some((folder, "index")) => format!("{folder}/"),
            None if stem == "index" => String::new(),
            _ => format!("{stem}/"),
        };
        self.page(&folder)
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

    /// The script file of the theme's words in `language` (a BCP 47 tag), named by
    /// a hash of `content` like the theme's other scripts: `strings-de.<hash>.js`.
    pub fn strings_script(&self, language: &str, content: &[u8]) -> Location {
        self.asset(&format!("strings-{language}.js"), content)
    }

    // Whole sets.

    /// The files of one record: its page, its JSON (written when `site.yaml` sets
    /// `api_records`) and a redirect page per alias.
    pub fn record_files(&self, record: &Record) -> Vec<Location> {
        let mut files = vec![self.record(&record.slug), self.record_json(&record.slug)];
        files.extend(record.aliases.iter().map(|alias| self.alias(alias)));
        files
    }

    /// The places of the built site that are errdocs' own, whatever the content: the
    /// home page, the lists, the API, the search index, the schemas, the feeds. (The
    /// theme's assets are reserved too: [`Paths::asset`] names them.)
    pub fn reserved(&self) -> Vec<Reserved> {
        let folder_of = |location: Location| {
            let path = location.as_str();
            Location(path[..path.find('/').map_or(0, |i| i + 1)].to_string())
        };
        let reserved = |location, what, owns_folder| Reserved {
            location,
            what,
            owns_folder,
            by_urls: false,
        };
        let by_urls = |location, what, owns_folder| Reserved {
            by_urls: true,
            ..reserved(location, what, owns_folder)
        };
        vec![
            reserved(self.home(), "the home page", false),
            by_urls(self.errors_index(), "the A–Z list", !self.errors.is_empty()),
            by_urls(self.categories_index(), "the categories", true),
            by_urls(self.tags_index(), "the tags", true),
            reserved(self.not_found(), "the not-found page", false),
            reserved(folder_of(self.errors_json()), "the JSON API", true),
            reserved(folder_of(self.search_index()), "the search index", true),
            reserved(folder_of(self.schema("")), "the JSON Schemas", true),
            reserved(self.sitemap(), "the sitemap", false),
            reserved(self.sitemap_part(1), "the sitemap", false),
            reserved(self.robots(), "robots.txt", false),
            reserved(self.atom(), "the Atom feed", false),
        ]
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
            self.strings_script(site.language_tag(), site.strings().script_file().as_bytes()),
        ];
        files.extend(site.categories.iter().map(|c| self.category(&c.slug)));
        if !site.tags.is_empty() {
            files.push(self.tags_index());
            files.extend(site.tags.iter().map(|t| self.tag(&t.slug)));
        }
        files.extend(site.pages.iter().map(|p| self.content_page(&p.file)));
        for record in &site.records {
            // The record's JSON only when the site asks for it (`api_records`).
            let json = self.record_json(&record.slug);
            let written = |file: &Location| site.config.api_records || *file != json;
            files.extend(self.record_files(record).into_iter().filter(written));
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
    fn folders_move_the_pages_they_hold() {
        let folders = Folders {
            errors: Folders::normalize(""),
            categories: Folders::normalize("docs/kinds"),
            tags: Folders::normalize("labels/"),
        };
        let paths = Paths::with_folders("https://e.com/errors/", &folders);
        assert_eq!(
            paths.url(&paths.record("acme-1001")),
            "https://e.com/errors/acme-1001/"
        );
        assert_eq!(paths.errors_index().as_str(), "a-z/");
        assert_eq!(paths.category("auth").as_str(), "docs/kinds/auth/");
        assert_eq!(paths.tag("retry").as_str(), "labels/retry/");
        // The default layout under the same base URL nests the folders.
        let default = Paths::new("https://e.com/errors/");
        assert_eq!(
            default.url(&default.record("acme-1001")),
            "https://e.com/errors/errors/acme-1001/"
        );
    }

    #[test]
    fn pages_go_where_their_files_say() {
        let paths = Paths::new("/");
        assert_eq!(
            paths.content_page("guide/reading-errors.md").as_str(),
            "guide/reading-errors/"
        );
        assert_eq!(paths.content_page("guide/index.md").as_str(), "guide/");
        assert_eq!(paths.content_page("index.md").as_str(), "");
    }

    #[test]
    fn reserved_places_refuse_what_would_take_them() {
        let paths = Paths::with_folders(
            "/",
            &Folders {
                errors: String::new(),
                ..Folders::default()
            },
        );
        let taken = |page: &str| {
            let location = Location(page.to_string());
            paths
                .reserved()
                .into_iter()
                .find(|r| r.taken_by(&location))
                .map(|r| r.what)
        };
        assert_eq!(taken("api/"), Some("the JSON API"));
        assert_eq!(taken("categories/x/"), Some("the categories"));
        assert_eq!(taken("sitemap.xml/"), Some("the sitemap"));
        assert_eq!(taken("a-z/"), Some("the A–Z list"));
        assert_eq!(taken(""), Some("the home page"));
        assert_eq!(taken("index.html/"), Some("the home page"));
        assert_eq!(taken("acme-1001/"), None);
        assert_eq!(taken("guide/reading-errors/"), None);
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
