//! Publishing: what search engines, feed readers, other programs and static hosts get
//! from a build. Real builds into temp folders, read back with real parsers (HTML
//! tokenizer, XML, JSON, JSON Schema) and crawled over HTTP from 127.0.0.1.

pub mod web;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use errdocs::BuildOptions;
use std::str::FromStr as _;

use serde::de::{MapAccess, Visitor};

use crate::support::*;
use web::{Html, Server, crawl, get, html_pages};

const FIXTURE_BASE: &str = "https://errors.example.com/";

/// Every HTML file of a build: relative path → parsed page.
fn built_pages(output: &Path) -> BTreeMap<String, (String, Html)> {
    snapshot_dir(output)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            let text = String::from_utf8(bytes).unwrap();
            let html = Html::parse(&text);
            (path, (text, html))
        })
        .collect()
}

/// The relative paths of the alias redirect pages of the fixture.
fn is_alias_page(html: &Html) -> bool {
    html.all("meta")
        .any(|m| m.attr("http-equiv") == Some("refresh"))
}

/// The record codes of a built site, from the record files' names (translations,
/// `CODE.nl.yaml` beside `CODE.yaml`, left out).
fn codes_of(site_root: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(site_root.join("content/errors"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .filter(|e| {
            let stem = e.path().file_stem().unwrap().to_string_lossy();
            !stem
                .rsplit_once('.')
                .is_some_and(|(code, _)| e.path().with_file_name(format!("{code}.yaml")).is_file())
        })
        .map(|e| e.path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect()
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

// ---------------------------------------------------------------------------------
// The head of every page, JSON-LD

#[test]
fn json_ld_of_an_error_page_has_the_article_the_breadcrumbs_and_the_faq() {
    let site = TestSite::fixture("basic").with_file(
        "content/errors/authentication/AADSTS40009.yaml",
        std::fs::read_to_string(fixture_dir("basic").join("content/errors/authentication/AADSTS40009.yaml")).unwrap().replace(
            "faq:\n",
            "faq:\n  - question: Which tenants see it?\n    answer: Federated ones, with `AD FS`.\n",
        ),
    );
    site.build_ok();
    let html = Html::parse(&site.read("errors/aadsts40009/index.html"));
    let blocks = html.json_ld();
    assert_eq!(blocks.len(), 1, "one JSON-LD block");
    let doc = &blocks[0];
    assert_eq!(doc["@context"], "https://schema.org");
    let graph = doc["@graph"].as_array().expect("an @graph");
    let of_type = |t: &str| {
        graph
            .iter()
            .find(|n| n["@type"] == t)
            .unwrap_or_else(|| panic!("no {t} in {doc:#}"))
    };

    let article = of_type("TechArticle");
    assert_eq!(
        article["headline"],
        "AADSTS40009: Refresh token could not be redeemed at the federated identity provider"
    );
    assert_eq!(
        article["url"],
        "https://errors.example.com/errors/aadsts40009/"
    );
    assert_eq!(article["dateModified"], "2026-11-20");
    assert_eq!(article["inLanguage"], "en");
    assert!(
        article["description"]
            .as_str()
            .unwrap()
            .starts_with("The federated identity provider refused")
    );

    let crumbs = of_type("BreadcrumbList")["itemListElement"]
        .as_array()
        .unwrap();
    let names: Vec<&str> = crumbs.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Home", "Authentication errors", "AADSTS40009"]);
    let items: Vec<&str> = crumbs.iter().map(|c| c["item"].as_str().unwrap()).collect();
    assert_eq!(
        items,
        [
            "https://errors.example.com/",
            "https://errors.example.com/categories/authentication/",
            "https://errors.example.com/errors/aadsts40009/"
        ]
    );
    let positions: Vec<u64> = crumbs
        .iter()
        .map(|c| c["position"].as_u64().unwrap())
        .collect();
    assert_eq!(positions, [1, 2, 3]);

    let faq = of_type("FAQPage")["mainEntity"].as_array().unwrap();
    let questions: Vec<&str> = faq.iter().map(|q| q["name"].as_str().unwrap()).collect();
    assert_eq!(
        questions,
        [
            "Which tenants see it?",
            "Does this affect cloud-only accounts?"
        ]
    );
    assert!(
        faq.iter()
            .all(|q| q["@type"] == "Question" && q["acceptedAnswer"]["@type"] == "Answer")
    );
    assert!(
        faq[0]["acceptedAnswer"]["text"]
            .as_str()
            .unwrap()
            .contains("<code>AD FS</code>")
    );

    // A record without questions has no FAQPage.
    let html = Html::parse(&site.read("errors/aadsts50076/index.html"));
    let graph = html.json_ld()[0]["@graph"].as_array().unwrap().clone();
    assert!(graph.iter().all(|n| n["@type"] != "FAQPage"), "{graph:#?}");
    // List pages carry none.
    assert!(Html::parse(&site.read("index.html")).json_ld().is_empty());
}

#[test]
fn a_closing_script_tag_in_a_record_cannot_end_the_json_ld_block() {
    let attack = "</script><script>alert(1)</script>";
    let site = TestSite::fixture("basic")
        .edit(
            "content/errors/authentication/AADSTS40009.yaml",
            "title: Refresh token could not be redeemed at the federated identity provider",
            &format!("title: \"Refresh token {attack} <!-- x\""),
        )
        .edit(
            "content/errors/authentication/AADSTS40009.yaml",
            "  - question: Does this affect cloud-only accounts?\n    answer: No. Only users of a federated domain see it.",
            &format!("  - question: \"Q {attack}\"\n    answer: \"A {attack} &amp; \\u2028\""),
        );
    site.build_ok();
    let text = site.read("errors/aadsts40009/index.html");
    let html = Html::parse(&text);

    // A browser sees exactly the theme's scripts: none made of the record's text.
    for script in &html.scripts {
        assert!(
            !script.text.contains("alert(1)")
                || script.attrs.get("type").map(String::as_str) == Some("application/ld+json"),
            "a script block came from the record: {script:?}"
        );
        assert_ne!(
            script.text.trim(),
            "alert(1)",
            "the record's text ended the JSON-LD block"
        );
    }
    let ld: Vec<_> = html
        .scripts
        .iter()
        .filter(|s| s.attrs.get("type").map(String::as_str) == Some("application/ld+json"))
        .collect();
    assert_eq!(ld.len(), 1);
    // And the JSON-LD still says exactly what the record says.
    let doc = &html.json_ld()[0];
    let graph = doc["@graph"].as_array().unwrap();
    let article = graph.iter().find(|n| n["@type"] == "TechArticle").unwrap();
    assert_eq!(
        article["headline"],
        format!("AADSTS40009: Refresh token {attack} <!-- x")
    );
    let faq = graph.iter().find(|n| n["@type"] == "FAQPage").unwrap();
    assert_eq!(faq["mainEntity"][0]["name"], format!("Q {attack}"));
    let answer = faq["mainEntity"][0]["acceptedAnswer"]["text"]
        .as_str()
        .unwrap();
    assert!(
        !answer.contains("<script>"),
        "raw HTML from an answer is text, not markup: {answer}"
    );
    // No `<` in the block at all, so neither `</script` nor `<!--` can appear in it.
    assert!(
        !ld[0].text.contains('<') && !ld[0].text.contains('\u{2028}'),
        "{}",
        ld[0].text
    );
    // Nor anywhere else in the page as markup: the title is escaped text.
    assert!(
        !text.contains("<script>alert(1)"),
        "the record's script reached the page as markup"
    );
}

/// Checks the head of every page but the alias redirects (which have their own
/// test): lang (`en`, or the language whose folder the page is in: `nl/`), a title
/// unique among the pages of its language, a description, Open Graph and Twitter tags,
/// and the canonical URL (`base` + the page's path, or the original's for a page that
/// shows a record untranslated; none on the 404 pages, which are `noindex`). Returns
/// how many indexable pages it checked.
fn check_heads(pages: &BTreeMap<String, (String, Html)>, base: &str) -> usize {
    let mut titles: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut checked = 0;
    for (path, (source, html)) in pages {
        if is_alias_page(html) {
            continue; // Redirects: checked by their own test.
        }
        let language = ["nl/", "de/"]
            .into_iter()
            .find(|prefix| path.starts_with(prefix))
            .map_or("en", |prefix| prefix.trim_end_matches('/'));
        let url_path = path.strip_suffix("index.html").unwrap_or(path);
        let url_path = match source.contains("class=\"translation-notice\"") {
            true => url_path
                .strip_prefix(&format!("{language}/"))
                .unwrap_or(url_path),
            false => url_path,
        };
        let expected_url = format!("{base}{url_path}");
        let html_tag = html.all("html").next().expect("<html>");
        assert_eq!(html_tag.attr("lang"), Some(language), "{path}: lang");
        assert!(!html.title.trim().is_empty(), "{path}: empty <title>");
        let key = (language.to_string(), html.title.clone());
        if let Some(other) = titles.insert(key, path.clone()) {
            panic!("{path} and {other} share the title {:?}", html.title);
        }
        let description = html
            .meta("description")
            .unwrap_or_else(|| panic!("{path}: no meta description"));
        assert!(!description.trim().is_empty(), "{path}: empty description");
        for key in ["og:description", "twitter:description"] {
            assert_eq!(html.meta(key), Some(description), "{path}: {key}");
        }
        assert!(
            description.chars().count() <= MAX_DESCRIPTION_CHARS,
            "{path}: a description of {} characters: {description:?}",
            description.chars().count()
        );
        for key in [
            "og:title",
            "og:description",
            "og:type",
            "og:site_name",
            "twitter:card",
            "twitter:title",
            "twitter:description",
        ] {
            assert!(
                html.meta(key).is_some_and(|v| !v.is_empty()),
                "{path}: no {key}"
            );
        }
        if path.ends_with("404.html") {
            // Served at any missing address: kept out of the index, no canonical.
            assert_eq!(html.meta("robots"), Some("noindex"), "{path}: noindex");
            assert_eq!(html.link("canonical"), None);
            continue;
        }
        assert_eq!(html.meta("robots"), None, "{path} must be indexable");
        // The canonical link and Open Graph take absolute URLs only: a site whose
        // base URL is a path has neither.
        let og_url = html.meta("og:url");
        if base.starts_with("https://") {
            assert_eq!(
                html.link("canonical"),
                Some(expected_url.as_str()),
                "{path}: canonical"
            );
            assert_eq!(og_url, Some(expected_url.as_str()), "{path}: og:url");
        } else {
            assert_eq!(
                html.link("canonical"),
                None,
                "{path}: canonical cannot be a path"
            );
            assert_eq!(og_url, None, "{path}: og:url cannot be a path");
        }
        checked += 1;
    }
    checked
}

/// How long a page's meta description may be (the README: "cut at 160 characters").
const MAX_DESCRIPTION_CHARS: usize = 160;

#[test]
fn long_summaries_and_descriptions_are_cut_at_160_characters_in_every_head() {
    // Each sentence is 60 characters; five of them make a text far over the limit.
    let long =
        |word: &str| format!("The {word} sentence goes on and on for sixty characters. ").repeat(5);
    let site = TestSite::fixture("basic")
        .edit(
            "site.yaml",
            "description: A small site the tests build.",
            &format!("description: {}", long("site")),
        )
        .edit(
            "content/categories.yaml",
            "description: Sign-in, token and federation failures.",
            &format!("description: {}", long("category")),
        )
        .edit(
            "content/errors/authentication/AADSTS50126.yaml",
            "summary: The password is wrong.",
            &format!("summary: {}", long("summary")),
        );
    site.build_ok();
    let pages = built_pages(&site.output());
    check_heads(&pages, FIXTURE_BASE);
    for (path, word) in [
        ("index.html", "site"),
        ("categories/authentication/index.html", "category"),
        ("errors/aadsts50126/index.html", "summary"),
    ] {
        let description = pages[path].1.meta("description").unwrap();
        // Cut at a word, and marked as cut.
        assert!(
            description.starts_with(&format!("The {word} sentence goes on"))
                && description.ends_with('…'),
            "{path}: {description:?}"
        );
        assert!(
            description.chars().count() > 100,
            "{path}: cut too short: {description:?}"
        );
    }
}

#[test]
fn every_page_has_a_unique_title_a_description_an_absolute_canonical_url_lang_open_graph_and_twitter_tags()
 {
    for base in [
        FIXTURE_BASE,
        "https://example.com/docs/errors/",
        "/docs/errors/",
    ] {
        let site = TestSite::fixture("basic").edit(
            "site.yaml",
            &format!("base_url: {FIXTURE_BASE}"),
            &format!("base_url: {base}"),
        );
        site.build_ok();
        let pages = built_pages(&site.output());
        let checked = check_heads(&pages, base);
        assert_eq!(
            checked, 15,
            "home, A–Z, categories, 2 category pages, tags, 5 tag pages, 4 code pages"
        );
        // An error page: the record's title and summary, og:type article.
        let (_, page) = &pages["errors/aadsts40009/index.html"];
        assert!(
            page.title
                .starts_with("AADSTS40009: Refresh token could not be redeemed"),
            "{}",
            page.title
        );
        assert!(page.title.ends_with("Fixture Error Reference"));
        assert!(
            page.meta("description")
                .unwrap()
                .starts_with("The federated identity provider refused to redeem a refresh token.")
        );
        assert_eq!(page.meta("og:type"), Some("article"));
        let json = page
            .all("link")
            .find(|l| l.attr("type") == Some("application/json"))
            .and_then(|l| l.attr("href"));
        let base_path = if base.starts_with('/') {
            base.to_string()
        } else {
            format!("/{}", base.splitn(4, '/').nth(3).unwrap())
        };
        assert_eq!(
            json,
            Some(format!("{base_path}api/errors/aadsts40009.json").as_str())
        );
    }
}

// ---------------------------------------------------------------------------------
// Sitemap, robots.txt, Atom

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// `(loc, lastmod)` of each `<url>` of a sitemap, checking its namespace and root.
fn sitemap_urls(xml: &str) -> Vec<(String, Option<String>)> {
    let doc = roxmltree::Document::parse(xml).expect("the sitemap parses as XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    root.children()
        .filter(|n| n.is_element())
        .map(|url| {
            assert_eq!(url.tag_name().name(), "url");
            let child = |name: &str| {
                url.children()
                    .find(|c| c.tag_name().name() == name)
                    .and_then(|c| c.text())
                    .map(str::to_string)
            };
            (child("loc").expect("a <loc>"), child("lastmod"))
        })
        .collect()
}

#[test]
fn the_sitemap_lists_every_page_with_its_last_update() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let urls = sitemap_urls(&site.read("sitemap.xml"));
    let locs: BTreeSet<String> = urls.iter().map(|(loc, _)| loc.clone()).collect();
    assert_eq!(locs.len(), urls.len(), "no URL twice");
    // Every page but the redirects and the 404 page, which must not be indexed.
    let expected: BTreeSet<String> = built_pages(&site.output())
        .into_iter()
        .filter(|(path, (_, html))| path != "404.html" && !is_alias_page(html))
        .map(|(path, _)| format!("{FIXTURE_BASE}{}", path.strip_suffix("index.html").unwrap()))
        .collect();
    assert_eq!(locs, expected);
    let lastmod: BTreeMap<&str, Option<&str>> = urls
        .iter()
        .map(|(l, m)| (l.as_str(), m.as_deref()))
        .collect();
    assert_eq!(
        lastmod["https://errors.example.com/errors/aadsts40009/"],
        Some("2026-11-20")
    );
    assert_eq!(
        lastmod["https://errors.example.com/errors/datasource.error/"],
        Some("2026-11-22")
    );
    // The home page changed when the newest record did.
    assert_eq!(lastmod["https://errors.example.com/"], Some("2026-11-22"));
}

#[test]
fn past_50000_urls_the_sitemap_becomes_an_index_of_sitemaps() {
    use errdocs::render::feeds::{SITEMAP_LIMIT, SitemapPage, sitemap_files};
    let page = |i: usize| SitemapPage {
        path: format!("errors/code-{i:06}/"),
        lastmod: Some("2026-01-02".to_string()),
        alternates: Vec::new(),
    };

    // At the limit: one file.
    let pages: Vec<_> = (0..SITEMAP_LIMIT).map(page).collect();
    let files = sitemap_files("https://example.com/docs/", &pages);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].0, "sitemap.xml");
    assert_eq!(sitemap_urls(&files[0].1).len(), SITEMAP_LIMIT);

    // One past twice the limit: three sitemaps and an index naming them.
    let pages: Vec<_> = (0..2 * SITEMAP_LIMIT + 1).map(page).collect();
    let files = sitemap_files("https://example.com/docs/", &pages);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "sitemap-1.xml",
            "sitemap-2.xml",
            "sitemap-3.xml",
            "sitemap.xml"
        ]
    );
    let index = roxmltree::Document::parse(&files[3].1).expect("the index parses as XML");
    let root = index.root_element();
    assert_eq!(root.tag_name().name(), "sitemapindex");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    let listed: Vec<&str> = root
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        listed,
        [
            "https://example.com/docs/sitemap-1.xml",
            "https://example.com/docs/sitemap-2.xml",
            "https://example.com/docs/sitemap-3.xml"
        ]
    );
    let mut all = Vec::new();
    for (name, xml) in &files[..3] {
        let urls = sitemap_urls(xml);
        assert!(
            urls.len() <= SITEMAP_LIMIT,
            "{name} has {} URLs",
            urls.len()
        );
        assert!(xml.len() < 50 * 1024 * 1024, "{name} is over 50 MB");
        all.extend(urls.into_iter().map(|(loc, _)| loc));
    }
    let expected: Vec<String> = pages
        .iter()
        .map(|p| format!("https://example.com/docs/{}", p.path))
        .collect();
    assert_eq!(all, expected, "every URL exactly once, in order");
}

#[test]
fn robots_txt_names_the_sitemap_by_its_absolute_url() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let robots = site.read("robots.txt");
    assert!(robots.contains("User-agent: *\nAllow: /\n"), "{robots}");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://errors.example.com/sitemap.xml"),
        "{robots}"
    );
    assert!(
        !robots.contains("lives under"),
        "a site at the root needs no sub-path note"
    );

    // Under a sub-path of a host: still named, and a note that crawlers only read
    // the host's root robots.txt.
    let site = TestSite::fixture("basic").edit(
        "site.yaml",
        FIXTURE_BASE,
        "https://example.com/docs/errors/",
    );
    site.build_ok();
    let robots = site.read("robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://example.com/docs/errors/sitemap.xml"),
        "{robots}"
    );
    assert!(
        robots.contains("crawlers read robots.txt only at the root"),
        "{robots}"
    );

    // A path-only base URL has no host to make an absolute URL with: no Sitemap
    // line (a relative one is invalid), and a comment says what to do.
    let site = TestSite::fixture("basic").edit("site.yaml", FIXTURE_BASE, "/docs/errors/");
    site.build_ok();
    let robots = site.read("robots.txt");
    assert!(
        !robots.lines().any(|l| l.starts_with("Sitemap:")),
        "{robots}"
    );
    assert!(robots.contains("--base-url"), "{robots}");
    // Every line is a comment, a blank line or a directive.
    for line in robots.lines() {
        assert!(
            line.is_empty() || line.starts_with('#') || line.contains(": "),
            "bad robots.txt line {line:?}"
        );
    }
}

/// Checks the Atom 1.0 rules (RFC 4287) the feed must meet, returns the entries'
/// (id, title, link, updated).
fn atom_entries(xml: &str) -> Vec<(String, String, String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("atom.xml parses as XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM_NS));
    fn child<'a, 'input>(
        node: roxmltree::Node<'a, 'input>,
        name: &str,
    ) -> Vec<roxmltree::Node<'a, 'input>> {
        node.children()
            .filter(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM_NS))
            .collect()
    }
    let one_text = |node: roxmltree::Node, name: &str| {
        let found = child(node, name);
        assert_eq!(
            found.len(),
            1,
            "exactly one <{name}> in <{}>",
            node.tag_name().name()
        );
        let text = found[0].text().unwrap_or("").to_string();
        assert!(!text.trim().is_empty(), "<{name}> is empty");
        text
    };
    let is_rfc3339 = |t: &str| {
        t.len() == 20
            && t.as_bytes()[10] == b'T'
            && t.ends_with('Z')
            && jiff::Timestamp::from_str(t).is_ok()
    };
    let feed_id = one_text(feed, "id");
    assert!(feed_id.contains(':'), "the feed id is an IRI: {feed_id}");
    one_text(feed, "title");
    let updated = one_text(feed, "updated");
    assert!(is_rfc3339(&updated), "feed updated {updated}");
    // A feed must have an author unless every entry has one.
    assert!(!child(feed, "author").is_empty(), "a feed-level <author>");
    assert!(
        child(feed, "author")
            .iter()
            .all(|a| !one_text(*a, "name").is_empty())
    );
    assert!(
        child(feed, "link")
            .iter()
            .any(|l| l.attribute("rel") == Some("self"))
    );
    let mut entries = Vec::new();
    for entry in child(feed, "entry") {
        let id = one_text(entry, "id");
        assert!(
            id.contains(':') && !id.starts_with('/'),
            "an entry id is an absolute IRI: {id}"
        );
        let title = one_text(entry, "title");
        let updated = one_text(entry, "updated");
        assert!(is_rfc3339(&updated), "entry updated {updated}");
        let link = child(entry, "link")
            .into_iter()
            .find(|l| l.attribute("rel").unwrap_or("alternate") == "alternate")
            .and_then(|l| l.attribute("href"))
            .expect("an entry's alternate link")
            .to_string();
        // Without <content>, an entry needs a <summary>.
        assert!(!child(entry, "content").is_empty() || !child(entry, "summary").is_empty());
        entries.push((id, title, link, updated));
    }
    let ids: BTreeSet<&String> = entries.iter().map(|e| &e.0).collect();
    assert_eq!(ids.len(), entries.len(), "entry ids are unique");
    entries
}

#[test]
fn the_atom_feed_is_atom_1_0_and_lists_the_most_recently_updated_records() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let entries = atom_entries(&site.read("atom.xml"));
    let titles: Vec<&str> = entries
        .iter()
        .map(|e| e.1.split(':').next().unwrap())
        .collect();
    // Newest first; records without a date last, A to Z.
    assert_eq!(titles[0], "DataSource.Error");
    assert_eq!(titles[1], "AADSTS50076");
    assert_eq!(titles.len(), 4);
    assert!(
        entries
            .iter()
            .any(|e| e.0 == "https://errors.example.com/errors/aadsts40009/"
                && e.2 == e.0
                && e.3 == "2026-11-20T00:00:00Z")
    );

    // Many records: only the 50 most recent.
    let mut site = TestSite::fixture("basic");
    for day in 1..=60 {
        let code = format!("GEN{day:03}");
        site = site.with_file(
            &format!("content/errors/gen/{code}.yaml"),
            format!(
                "{}updated: 2025-{:02}-{:02}\n",
                record_yaml(&code, "refresh"),
                1 + (day - 1) / 28,
                1 + (day - 1) % 28
            ),
        );
    }
    site.build_ok();
    let entries = atom_entries(&site.read("atom.xml"));
    assert_eq!(entries.len(), 50);
    let dates: Vec<&str> = entries.iter().map(|e| e.3.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    assert_eq!(entries[0].1.split(':').next().unwrap(), "DataSource.Error");
    // The oldest generated records (2025-01-01 …) fell off; the newest are in.
    assert!(entries.iter().any(|e| e.1.starts_with("GEN060:")));
    assert!(!entries.iter().any(|e| e.1.starts_with("GEN001:")));

    // A path-only base URL: ids fall back to a URN (Atom ids must be absolute IRIs),
    // links stay root-relative (Atom resolves them against the feed's address).
    let site = TestSite::fixture("basic").edit("site.yaml", FIXTURE_BASE, "/docs/errors/");
    site.build_ok();
    let entries = atom_entries(&site.read("atom.xml"));
    assert!(
        entries
            .iter()
            .all(|e| e.0.starts_with("urn:errdocs:site:/docs/errors/errors/")),
        "{entries:?}"
    );
    assert!(
        entries
            .iter()
            .all(|e| e.2.starts_with("/docs/errors/errors/")),
        "{entries:?}"
    );
}

// ---------------------------------------------------------------------------------
// Aliases

#[test]
fn an_alias_page_redirects_with_a_meta_refresh_a_canonical_link_and_a_plain_link() {
    for (base, canonical, target) in [
        (
            FIXTURE_BASE,
            "https://errors.example.com/errors/aadsts40009/",
            "/errors/aadsts40009/",
        ),
        (
            "/docs/errors/",
            "/docs/errors/errors/aadsts40009/",
            "/docs/errors/errors/aadsts40009/",
        ),
    ] {
        let site = TestSite::fixture("basic").edit("site.yaml", FIXTURE_BASE, base);
        site.build_ok();
        let html = Html::parse(&site.read("errors/40009/index.html"));
        let refresh = html
            .all("meta")
            .find(|m| m.attr("http-equiv") == Some("refresh"))
            .expect("a meta refresh");
        let content = refresh.attr("content").unwrap();
        assert!(content.starts_with("0;"), "immediate: {content}");
        assert_eq!(web::refresh_target(content).as_deref(), Some(target));
        assert_eq!(html.link("canonical"), Some(canonical));
        assert_eq!(html.meta("robots"), Some("noindex"));
        let links: Vec<&str> = html.all("a").filter_map(|a| a.attr("href")).collect();
        assert!(
            links.contains(&target),
            "a plain link for people without refresh: {links:?}"
        );
        assert!(
            html.title.contains("40009") && html.title.contains("AADSTS40009"),
            "{}",
            html.title
        );
        assert_eq!(html.all("html").next().unwrap().attr("lang"), Some("en"));
    }
}

// ---------------------------------------------------------------------------------
// JSON API

const SUMMARY_KEYS: [&str; 9] = [
    "code", "title", "category", "severity", "product", "url", "language", "updated", "fields",
];
const RECORD_KEYS: [&str; 19] = [
    "code", "title", "category", "severity", "product", "url", "language", "message", "symbol",
    "summary", "causes", "fixes", "faq", "related", "aliases", "tags", "sources", "updated",
    "fields",
];
const CATEGORY_KEYS: [&str; 5] = ["slug", "title", "description", "url", "codes"];

/// The shape of a JSON text with its keys in the order the file has them
/// (serde_json's `Value` sorts keys, so this reads them with its own visitor).
#[derive(Debug, PartialEq)]
enum Shape {
    Object(Vec<(String, Shape)>),
    Array(Vec<Shape>),
    Scalar,
}

impl Shape {
    fn parse(json: &str) -> Shape {
        serde_json::from_str(json).expect("JSON")
    }

    fn keys(&self) -> Vec<&str> {
        match self {
            Shape::Object(fields) => fields.iter().map(|(k, _)| k.as_str()).collect(),
            _ => panic!("not an object: {self:?}"),
        }
    }

    fn get(&self, key: &str) -> &Shape {
        match self {
            Shape::Object(fields) => {
                &fields
                    .iter()
                    .find(|(k, _)| k == key)
                    .unwrap_or_else(|| panic!("no {key}"))
                    .1
            }
            _ => panic!("not an object"),
        }
    }

    fn items(&self) -> &[Shape] {
        match self {
            Shape::Array(items) => items,
            _ => panic!("not an array: {self:?}"),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Shape {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Shape, D::Error> {
        struct ShapeVisitor;
        impl<'de> Visitor<'de> for ShapeVisitor {
            type Value = Shape;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
                let mut fields = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Shape>()? {
                    fields.push((key, value));
                }
                Ok(Shape::Object(fields))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Shape, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Shape>()? {
                    items.push(item);
                }
                Ok(Shape::Array(items))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
                Ok(Shape::Scalar)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
                Ok(Shape::Scalar)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
                Ok(Shape::Scalar)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
                Ok(Shape::Scalar)
            }
            fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
                Ok(Shape::Scalar)
            }
            fn visit_unit<E>(self) -> Result<Shape, E> {
                Ok(Shape::Scalar)
            }
        }
        deserializer.deserialize_any(ShapeVisitor)
    }
}

#[test]
fn api_errors_json_lists_every_code_and_each_codes_json_matches_its_page() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let out = site.output();
    let list = read_json(&out.join("api/errors.json"));
    let listed: BTreeSet<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        listed,
        codes_of(site.root()),
        "api/errors.json lists every code"
    );

    for entry in list.as_array().unwrap() {
        let code = entry["code"].as_str().unwrap();
        let slug = code.to_lowercase();
        let full = read_json(&out.join(format!("api/errors/{slug}.json")));
        let page_text = site.read(&format!("errors/{slug}/index.html"));
        let page = Html::parse(&page_text);
        // The summary line and the full record agree.
        for key in SUMMARY_KEYS {
            assert_eq!(entry[key], full[key], "{code}: {key}");
        }
        // The record and its page agree.
        assert_eq!(full["url"].as_str(), page.link("canonical"), "{code}: url");
        // The heading is the code, then the title.
        assert_eq!(
            page.h1.trim(),
            format!("{code} {}", full["title"].as_str().unwrap()),
            "{code}: title"
        );
        assert!(
            page.all("code").count() > 0 && page_text.contains(&format!(">{code}</code>")),
            "{code}: code"
        );
        assert!(
            page_text.contains(&format!("sev-{}", full["severity"].as_str().unwrap())),
            "{code}: severity"
        );
        let category_url = format!("/categories/{}/", full["category"].as_str().unwrap());
        assert!(
            page.all("a").any(|a| a.attr("href") == Some(&category_url)),
            "{code}: category link"
        );
        if let Some(product) = full["product"].as_str() {
            assert!(page_text.contains(product), "{code}: product");
        }
        let html_of = |v: &serde_json::Value| v["html"].as_str().unwrap().to_string();
        assert!(
            page_text.contains(&html_of(&full["summary"])),
            "{code}: summary"
        );
        let mut last = 0;
        for (what, list) in [("cause", &full["causes"]), ("fix", &full["fixes"])] {
            let items = list.as_array().unwrap();
            assert!(!items.is_empty());
            for item in items {
                assert!(item["markdown"].is_string());
                let html = html_of(item);
                let at = page_text[last..].find(&html).unwrap_or_else(|| {
                    panic!("{code}: the page lacks the {what} {html}, or has it out of order")
                });
                last += at + html.len();
            }
        }
        for qa in full["faq"].as_array().unwrap() {
            let question = qa["question"].as_str().unwrap();
            assert!(
                page.json_ld()[0]
                    .to_string()
                    .contains(&serde_json::to_string(question).unwrap()),
                "{code}: FAQ question in JSON-LD"
            );
            assert!(
                page_text.contains(&html_of(&qa["answer"])),
                "{code}: FAQ answer"
            );
        }
        let related_section = page_text.split("id=\"related\"").nth(1).unwrap_or("");
        for related in full["related"].as_array().unwrap() {
            let related = related.as_str().unwrap();
            assert!(
                related_section.contains(&format!("/errors/{}/", related.to_lowercase())),
                "{code}: related {related}"
            );
        }
        for source in full["sources"].as_array().unwrap() {
            assert!(
                page.all("a")
                    .any(|a| a.attr("href") == source["url"].as_str()),
                "{code}: source link"
            );
        }
        for alias in full["aliases"].as_array().unwrap() {
            assert!(
                out.join(format!(
                    "errors/{}/index.html",
                    alias.as_str().unwrap().to_lowercase()
                ))
                .is_file()
            );
        }
    }

    // A Markdown field comes as written and as rendered.
    let full = read_json(&out.join("api/errors/aadsts40009.json"));
    assert_eq!(
        full["summary"]["markdown"],
        "The federated identity provider refused to redeem a **refresh token**."
    );
    assert!(
        full["summary"]["html"]
            .as_str()
            .unwrap()
            .contains("<strong>refresh token</strong>")
    );
    assert_eq!(full["aliases"], serde_json::json!(["40009"]));

    // Categories: every code exactly once, in its category.
    let categories = read_json(&out.join("api/categories.json"));
    let mut all = Vec::new();
    for category in categories.as_array().unwrap() {
        for code in category["codes"].as_array().unwrap() {
            let code = code.as_str().unwrap();
            let full = read_json(&out.join(format!("api/errors/{}.json", code.to_lowercase())));
            assert_eq!(full["category"], category["slug"]);
            all.push(code.to_string());
        }
    }
    all.sort();
    assert_eq!(all, listed.into_iter().collect::<Vec<_>>());
}

#[test]
fn api_keys_come_in_a_stable_documented_order() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let out = site.output();
    let read = |p: &str| Shape::parse(&std::fs::read_to_string(out.join(p)).unwrap());
    for item in read("api/errors.json").items() {
        assert_eq!(item.keys(), SUMMARY_KEYS);
    }
    for slug in ["aadsts40009", "aadsts50076", "datasource.error"] {
        let record = read(&format!("api/errors/{slug}.json"));
        assert_eq!(record.keys(), RECORD_KEYS, "{slug}");
        assert_eq!(record.get("summary").keys(), ["markdown", "html"]);
        for cause in record.get("causes").items() {
            assert_eq!(cause.keys(), ["markdown", "html"]);
        }
        for qa in record.get("faq").items() {
            assert_eq!(qa.keys(), ["question", "answer"]);
            assert_eq!(qa.get("answer").keys(), ["markdown", "html"]);
        }
        for source in record.get("sources").items() {
            assert_eq!(source.keys(), ["title", "url"]);
        }
    }
    for item in read("api/categories.json").items() {
        assert_eq!(item.keys(), CATEGORY_KEYS);
    }
    // The guide documents the same order.
    let guide = std::fs::read_to_string(repo_root().join("docs/api.md")).unwrap();
    // Lines are wrapped: compare with single spaces.
    let guide = guide.split_whitespace().collect::<Vec<_>>().join(" ");
    for keys in [&SUMMARY_KEYS[..], &RECORD_KEYS[..], &CATEGORY_KEYS[..]] {
        let documented = keys
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        assert!(
            guide.contains(&documented),
            "docs/api.md does not document the key order {documented}"
        );
    }
}

#[test]
fn a_records_json_gives_its_symbol_or_null() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let out = site.output();
    let with = read_json(&out.join("api/errors/aadsts50126.json"));
    assert_eq!(with["symbol"], "InvalidUserNameOrPassword");
    let without = read_json(&out.join("api/errors/aadsts40009.json"));
    assert!(without["symbol"].is_null(), "{without}");
}

#[test]
fn the_api_files_validate_against_the_json_schemas_published_beside_them() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let out = site.output();
    let schema = |name: &str| {
        let schema = read_json(&out.join("schema").join(name));
        jsonschema::validator_for(&schema)
            .unwrap_or_else(|e| panic!("schema/{name} is not a valid JSON Schema: {e}"))
    };
    let check = |validator: &jsonschema::Validator, file: &Path| {
        let value = read_json(file);
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} does not match its schema:\n{}",
            file.display(),
            errors.join("\n")
        );
    };
    check(
        &schema("api-errors.schema.json"),
        &out.join("api/errors.json"),
    );
    check(
        &schema("api-categories.schema.json"),
        &out.join("api/categories.json"),
    );
    let record = schema("api-error.schema.json");
    let mut checked = 0;
    for entry in std::fs::read_dir(out.join("api/errors")).unwrap() {
        check(&record, &entry.unwrap().path());
        checked += 1;
    }
    assert_eq!(checked, 4);
    // The schemas are strict: an undocumented key fails.
    let mut value = read_json(&out.join("api/errors/aadsts40009.json"));
    value["surprise"] = serde_json::json!(1);
    assert!(!record.is_valid(&value));
    let mut value = read_json(&out.join("api/errors/aadsts40009.json"));
    value.as_object_mut().unwrap().remove("updated");
    assert!(!record.is_valid(&value), "every key is always present");
}

// ---------------------------------------------------------------------------------
// Any host, any sub-path: serve and crawl

/// Builds nothing: serves `output` under the base URL's path and crawls it from the
/// home page (and from a missing address, which answers the 404 page); asserts no
/// link is broken, every page and asset is reached, and every sitemap URL works.
fn serve_and_crawl(output: &Path, base_url: &str) {
    let (origin, prefix) = match base_url.find("://") {
        Some(i) => {
            let path_at = base_url[i + 3..]
                .find('/')
                .map_or(base_url.len(), |p| i + 3 + p);
            (Some(&base_url[..path_at]), &base_url[path_at..])
        }
        None => (None, base_url),
    };
    let server = Server::start(output, prefix);
    let missing = format!("{prefix}no/such/page/");
    let result = crawl(&server, origin, &[prefix, &missing]);
    assert!(
        result.broken.is_empty(),
        "broken links:\n{}",
        result.broken.join("\n")
    );

    // The 404 page: status 404, the site's search box and its categories.
    let not_found = get(server.addr, &missing);
    assert_eq!(not_found.status, 404);
    let page = Html::parse(&not_found.text());
    // (The crawl above followed its links and its form's action.)
    assert!(
        page.all("form").next().is_some(),
        "a search form on the 404 page"
    );
    assert!(page.all("input").any(|i| i.attr("type") == Some("search")));
    let category_links = page
        .all("a")
        .filter_map(|a| a.attr("href"))
        .filter(|h| {
            h.starts_with(&format!("{prefix}categories/"))
                && h.len() > prefix.len() + "categories/".len()
        })
        .count();
    assert!(category_links >= 2, "the 404 page lists the categories");

    // Every HTML page of the output was reached, but for the 404 page (served for
    // missing addresses) and the alias redirects (entry points for old links).
    let reached: BTreeSet<String> = result.pages.keys().cloned().collect();
    let unreached: Vec<String> = html_pages(output, prefix)
        .difference(&reached)
        .cloned()
        .collect();
    for path in &unreached {
        if path.ends_with("/404.html") {
            continue;
        }
        let response = get(server.addr, path);
        assert_eq!(response.status, 200, "{path}");
        let html = Html::parse(&response.text());
        assert!(
            is_alias_page(&html),
            "the page {path} is not linked from anywhere"
        );
        // Its redirect, canonical and plain links lead to pages the crawl reached.
        for link in html.urls() {
            if let Some((target, _)) = web::resolve(&server, origin, path, &link) {
                assert!(
                    result.fetched.contains_key(&target),
                    "the alias page {path} links to {link}, which does not answer"
                );
            }
        }
    }
    // CSS, JS, the search index, the feed and the API are linked and answer.
    let fetched: Vec<&String> = result.fetched.keys().collect();
    for wanted in [
        ".css",
        ".js",
        "search/index.json",
        "/w0.json",
        "/t0.json",
        "atom.xml",
        "api/errors.json",
        "favicon.svg",
    ] {
        assert!(
            fetched.iter().any(|p| p.ends_with(wanted)),
            "nothing linked ends with {wanted}: {fetched:?}"
        );
    }
    // Every sitemap URL answers 200 with an HTML page.
    let sitemap = get(server.addr, &format!("{prefix}sitemap.xml"));
    assert_eq!(sitemap.status, 200);
    for (loc, _) in sitemap_urls(&sitemap.text()) {
        let path = match origin {
            Some(origin) => loc
                .strip_prefix(origin)
                .unwrap_or_else(|| panic!("{loc} is not on {origin}"))
                .to_string(),
            None => loc,
        };
        assert!(
            result.pages.contains_key(&path),
            "the sitemap lists {path}, which the crawl did not reach"
        );
    }
    // Outside the sub-path there is nothing of the site.
    if prefix != "/" {
        assert_eq!(get(server.addr, "/").status, 404);
    }
}

#[test]
fn the_crawl_catches_a_link_that_ignores_the_sub_path() {
    // A category description that links to `/errors/...` works at a domain's root
    // but not under /docs/errors/: the crawler must say so (it is the author's link,
    // not errdocs', so errdocs leaves it as written).
    let site = TestSite::fixture("basic").edit(
        "content/categories.yaml",
        "description: Sign-in, token and federation failures.",
        "description: Sign-in, token and federation failures. See [40009](/errors/aadsts40009/) and [a gap](#nowhere).",
    );
    let run = site.run(&["build", "--base-url", "/docs/errors/"]);
    assert!(run.status.success(), "{}", text(&run));
    let server = Server::start(&site.output(), "/docs/errors/");
    let result = crawl(&server, None, &["/docs/errors/"]);
    assert!(
        result
            .broken
            .iter()
            .any(|b| b.ends_with("→ /errors/aadsts40009/: HTTP 404")),
        "{:?}",
        result.broken
    );
    assert!(
        result
            .broken
            .iter()
            .any(|b| b.ends_with("#nowhere: no such id")),
        "{:?}",
        result.broken
    );
    // And the server behaves like a static host.
    let redirect = get(server.addr, "/docs/errors/errors");
    assert_eq!(
        (redirect.status, redirect.location.as_deref()),
        (301, Some("/docs/errors/errors/"))
    );
    assert_eq!(get(server.addr, "/docs/errors/../site.yaml").status, 400);
}

#[test]
fn the_fixture_works_under_a_sub_path_given_by_base_url_on_the_command_line() {
    // site.yaml says https://errors.example.com/; --base-url overrides it.
    let site = TestSite::fixture("basic");
    let run = site.run(&["build", "--base-url", "/docs/errors/"]);
    assert!(run.status.success(), "{}", text(&run));
    // A path-only base URL: no canonical link (it must be absolute), links under it.
    let page = Html::parse(&site.read("errors/aadsts40009/index.html"));
    assert_eq!(page.link("canonical"), None);
    assert!(
        site.read("errors/aadsts40009/index.html")
            .contains("href=\"/docs/errors/api/errors/aadsts40009.json\"")
    );
    assert!(
        !site.read("index.html").contains("errors.example.com"),
        "--base-url replaced site.yaml's base_url everywhere"
    );
    serve_and_crawl(&site.output(), "/docs/errors/");
}

#[test]
fn a_site_in_three_languages_works_under_a_sub_path_and_at_a_host() {
    // Every language's pages, its search index, feed and API are reached from the
    // default language's home (through the language switcher); nothing is broken.
    for base in ["/docs/errors/", "https://example.com/docs/"] {
        let site = TestSite::fixture("multilingual");
        let run = site.run(&["build", "--base-url", base]);
        assert!(run.status.success(), "{}", text(&run));
        serve_and_crawl(&site.output(), base);
        assert!(site.read("de/index.html").contains("/docs/"), "{base}");
    }
}

#[test]
fn base_url_on_the_command_line_is_normalized_or_refused() {
    let site = TestSite::fixture("basic");
    // No trailing slash: added.
    let run = site.run(&["build", "--base-url", "https://example.com/docs/errors"]);
    assert!(run.status.success(), "{}", text(&run));
    assert_eq!(
        Html::parse(&site.read("index.html")).link("canonical"),
        Some("https://example.com/docs/errors/")
    );
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.com/docs/errors/sitemap.xml")
    );
    // A relative path would break every link but the home page's: a usage error.
    for bad in ["docs/errors/", "javascript:alert(1)", "//evil.example/"] {
        let run = site.run(&["build", "--base-url", bad]);
        assert_eq!(run.status.code(), Some(2), "{bad}: {}", text(&run));
        assert!(text(&run).contains("--base-url"), "{}", text(&run));
    }
}

#[test]
fn the_fixture_works_at_a_domain_root_and_under_a_sub_path_of_a_host() {
    for base in ["https://example.com/", "https://example.com/docs/errors/"] {
        let site = TestSite::fixture("basic").edit("site.yaml", FIXTURE_BASE, base);
        site.build_ok();
        serve_and_crawl(&site.output(), base);
    }
}

#[test]
fn the_http_api_fixture_works_under_a_sub_path_and_at_its_own_address() {
    // Its error pages are at the root of the site (`urls: {errors: ""}`), it has pages,
    // a menu, a footer, a logo, tags and declared fields.
    for base in ["/docs/", "https://docs.acme.test/errors/"] {
        let site = TestSite::fixture("http-api");
        let run = site.run(&["build", "--base-url", base]);
        assert!(run.status.success(), "{}", text(&run));
        serve_and_crawl(&site.output(), base);
    }
}

/// The shipped reference, built from the repository's root as `errdocs build` does.
fn build_shipped(base_url: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        output: Some(out.path().join("public")),
        base_url: Some(base_url.to_string()),
        ..BuildOptions::new(repo_root())
    };
    match errdocs::build(&options) {
        Ok(_) => out,
        Err(errdocs::Error::Content(d)) => panic!(
            "the shipped site does not build:\n{}",
            errdocs::diagnostics::render(
                &d,
                errdocs::diagnostics::Format::Short,
                &repo_root(),
                false
            )
        ),
        Err(e) => panic!("the shipped site does not build: {e}"),
    }
}

#[test]
fn the_shipped_site_works_under_a_sub_path_and_at_a_domain_root() {
    for base in ["/docs/errors/", "https://example.com/"] {
        let out = build_shipped(base);
        serve_and_crawl(&out.path().join("public"), base);
        // Its sitemap and feed parse and list every page / the most recent records.
        let output = out.path().join("public");
        let pages = built_pages(&output);
        let codes = codes_of(&repo_root());
        assert!(check_heads(&pages, base) > codes.len());
        let sitemap = std::fs::read_to_string(output.join("sitemap.xml")).unwrap();
        let locs: BTreeSet<String> = sitemap_urls(&sitemap).into_iter().map(|(l, _)| l).collect();
        for code in &codes {
            assert!(
                locs.contains(&format!("{base}errors/{}/", code.to_lowercase())),
                "the sitemap lacks {code}"
            );
        }
        let entries = atom_entries(&std::fs::read_to_string(output.join("atom.xml")).unwrap());
        assert_eq!(
            entries.len(),
            codes.len().min(errdocs::render::feeds::FEED_ENTRIES)
        );
        let listed = read_json(&output.join("api/errors.json"));
        assert_eq!(listed.as_array().unwrap().len(), codes.len());
    }
}

// ---------------------------------------------------------------------------------
// Caching, "Edit this page"

#[test]
fn css_and_js_have_content_hashed_names_that_every_page_references() {
    let hashed = |name: &str| -> Option<(String, String)> {
        // style.3f9a1c2b7d.css → ("style", "css")
        let mut parts = name.rsplitn(3, '.');
        let (ext, hash, stem) = (parts.next()?, parts.next()?, parts.next()?);
        (matches!(ext, "css" | "js")
            && hash.len() == 10
            && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| (stem.to_string(), ext.to_string()))
    };
    let assets_of = |output: &Path| -> BTreeMap<String, String> {
        snapshot_dir(output)
            .into_keys()
            .filter(|p| p.ends_with(".css") || p.ends_with(".js"))
            .map(|p| {
                let (stem, ext) =
                    hashed(&p).unwrap_or_else(|| panic!("{p} has no content hash in its name"));
                (format!("{stem}.{ext}"), p)
            })
            .collect()
    };
    let site = TestSite::fixture("basic");
    site.build_ok();
    let first = assets_of(&site.output());
    assert!(
        first.contains_key("style.css") && first.contains_key("app.js"),
        "{first:?}"
    );
    for (path, (_, html)) in built_pages(&site.output()) {
        if is_alias_page(&html) {
            continue;
        }
        let referenced: Vec<String> = html
            .all("link")
            .filter(|l| l.attr("rel") == Some("stylesheet"))
            .filter_map(|l| l.attr("href"))
            .chain(html.all("script").filter_map(|s| s.attr("src")))
            .map(|u| u.trim_start_matches('/').to_string())
            .collect();
        assert!(
            referenced.contains(&first["style.css"]),
            "{path} does not use {}",
            first["style.css"]
        );
        assert!(
            referenced.contains(&first["app.js"]),
            "{path} does not use {}",
            first["app.js"]
        );
        for url in &referenced {
            assert!(
                hashed(url).is_some() && site.output().join(url).is_file(),
                "{path} references {url}"
            );
        }
    }
    // The same bytes keep their name; changed bytes get a new one (so a host may
    // cache them for ever).
    site.build_ok();
    assert_eq!(assets_of(&site.output()), first);
    let css = std::fs::read_to_string(repo_root().join("static/style.css")).unwrap();
    let site = site.with_file(
        "static/style.css",
        format!("{css}\n.changed {{ color: red }}\n"),
    );
    site.build_ok();
    let second = assets_of(&site.output());
    assert_ne!(second["style.css"], first["style.css"]);
    assert_eq!(second["app.js"], first["app.js"]);
    assert!(site.read("index.html").contains(&second["style.css"]));
}

#[test]
fn edit_this_page_links_to_the_records_file_when_edit_url_is_set() {
    let site = TestSite::fixture("basic").with_file(
        "content/errors/my folder/ZZ1.yaml",
        record_yaml("ZZ1", "refresh"),
    );
    site.build_ok();
    let edit_links = |page: &str| -> Vec<String> {
        Html::parse(&site.read(page))
            .all("a")
            .filter_map(|a| a.attr("href"))
            .filter(|h| h.contains("/edit/"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        edit_links("errors/aadsts40009/index.html"),
        [
            "https://github.com/example/errors/edit/main/content/errors/authentication/AADSTS40009.yaml"
        ]
    );
    assert_eq!(
        edit_links("errors/zz1/index.html"),
        ["https://github.com/example/errors/edit/main/content/errors/my%20folder/ZZ1.yaml"]
    );
    for code in codes_of(site.root()) {
        assert_eq!(
            edit_links(&format!("errors/{}/index.html", code.to_lowercase())).len(),
            1,
            "{code}"
        );
    }
    assert!(
        site.read("errors/aadsts40009/index.html")
            .contains(">Edit this page</a>")
    );

    let site = TestSite::fixture("basic").edit(
        "site.yaml",
        "edit_url: https://github.com/example/errors/edit/main/\n",
        "",
    );
    site.build_ok();
    assert!(
        !site
            .read("errors/aadsts40009/index.html")
            .contains("Edit this page")
    );
}

#[test]
fn the_api_has_a_file_per_record_only_when_the_site_asks_for_it() {
    // Without `api_records`: the indexes only, and no page links to a record's file.
    let site = TestSite::fixture("basic").edit("site.yaml", "api_records: true\n", "");
    site.build_ok();
    let out = site.output();
    assert!(
        !out.join("api/errors").exists(),
        "a file per record was written"
    );
    let index = read_json(&out.join("api/errors.json"));
    assert_eq!(index.as_array().unwrap().len(), codes_of(site.root()).len());
    assert!(out.join("api/categories.json").is_file());
    let page = site.read("errors/aadsts40009/index.html");
    assert!(!page.contains("api/errors/"), "{page}");
    assert!(!page.contains("application/json\" href"), "{page}");
    assert!(page.contains("Edit this page"), "{page}");

    // With it: a file per record, and each page names its own.
    let site = TestSite::fixture("basic");
    site.build_ok();
    let out = site.output();
    for code in codes_of(site.root()) {
        let slug = code.to_lowercase();
        assert_eq!(
            read_json(&out.join(format!("api/errors/{slug}.json")))["code"],
            code.as_str()
        );
    }
    let page = site.read("errors/aadsts40009/index.html");
    assert!(
        page.contains("<link rel=\"alternate\" type=\"application/json\" href=\"/api/errors/aadsts40009.json\">"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"/api/errors/aadsts40009.json\">"),
        "{page}"
    );
}
