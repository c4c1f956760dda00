//! Pages that are not errors (`content/pages/**/*.md`), the menu, the footer and the
//! logo, and checked links (`@CODE`, `@/page.md`), on the HTTP API fixture.

use crate::publishing::web::Html;
use crate::support::*;

const GUIDE: &str = "content/pages/guide/reading-errors.md";
const START: &str = "content/pages/getting-started.md";

fn http_api() -> TestSite {
    TestSite::fixture("http-api")
}

#[test]
fn a_page_is_built_at_its_path_with_breadcrumbs_a_table_of_contents_and_its_links() {
    let site = http_api();
    site.build_ok();
    let page = site.read("guide/reading-errors/index.html");
    let html = Html::parse(&page);
    assert_eq!(html.h1, "How to read an error");
    assert_eq!(html.title, "How to read an error · Acme API Errors");
    assert_eq!(
        html.meta("description"),
        Some("The parts of an Acme API error response, and which ones to act on.")
    );
    // A `##` heading is an <h2> with an id, and the table of contents lists it.
    assert!(
        page.contains("<h2 id=\"the-error-object\">The error object</h2>"),
        "{page}"
    );
    assert!(page.contains("<h3 id=\"the-code\">The code</h3>"), "{page}");
    let toc = page.split("aria-label=\"On this page\"").nth(1).unwrap();
    assert!(
        toc.contains("<a href=\"#the-error-object\">") && toc.contains("<a href=\"#the-type\">")
    );
    // Checked links lead to the record's page, at its anchor.
    assert!(
        page.contains("<a href=\"/errors/acme-2001/#fixes\">"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"/errors/acme-2001/\">ACME-2001</a>"),
        "{page}"
    );
    let crumbs = page
        .split("aria-label=\"Breadcrumb\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap();
    assert!(crumbs.contains("<a href=\"/errors/\">Home</a>"), "{crumbs}");
    assert!(
        crumbs.contains("<span aria-current=\"page\">How to read an error</span>"),
        "{crumbs}"
    );
    // Fenced code is highlighted.
    assert!(page.contains("<code class=\"language-json\">"));
}

#[test]
fn pages_are_in_the_sitemap_the_feed_and_the_search_index() {
    let site = http_api();
    site.build_ok();
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://docs.acme.test/errors/guide/reading-errors/</loc>"));
    assert!(sitemap.contains(
        "<loc>https://docs.acme.test/errors/getting-started/</loc><lastmod>2026-11-26</lastmod>"
    ));
    // A page with a date is the feed's newest entry; one without is not in it.
    let atom = site.read("atom.xml");
    let first = atom.split("<entry>").nth(1).unwrap();
    assert!(first.contains("<title>Getting started</title>"), "{first}");
    assert!(!atom.contains("How to read an error"));
    let index: serde_json::Value = serde_json::from_str(&site.read("search/index.json")).unwrap();
    assert_eq!(
        index["pages"],
        serde_json::json!(["getting-started/", "guide/reading-errors/"])
    );
}

#[test]
fn raw_html_in_a_page_is_shown_as_text_and_bare_urls_become_links() {
    let site = http_api().edit(
        START,
        "carries an API key",
        "carries <script>alert(1)</script> [x](javascript:alert(1)) an API key",
    );
    site.build_ok();
    let page = site.read("getting-started/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.to_lowercase().contains("href=\"javascript"), "{page}");
    assert!(page.contains("<a href=\"https://status.acme.test/\">https://status.acme.test/</a>"));
}

#[test]
fn a_checked_link_to_nothing_is_an_error_where_it_is_written() {
    let site = http_api().edit(GUIDE, "[ACME-2001](@ACME-2001)", "[ACME-2001](@ACME-2999)");
    let output = assert_rule(&site, GUIDE, 17, "broken-link");
    assert!(output.contains(&format!("{GUIDE}:17:13:")), "{output}");
    assert!(
        output.contains("no record has the code or alias `ACME-2999`"),
        "{output}"
    );
    let site = http_api().edit(GUIDE, "(@acme-2001#fixes)", "(@acme-2001#nowhere)");
    let output = assert_rule(&site, GUIDE, 26, "broken-link");
    assert!(output.contains("has no `#nowhere`"), "{output}");
    // In a record, the link is found in its block of Markdown.
    let record = "content/errors/authentication/ACME-1001.yaml";
    let site = http_api().edit(
        record,
        "(@/guide/reading-errors.md#the-error-object)",
        "(@/guide/reading.md)",
    );
    let output = assert_rule(&site, record, 11, "broken-link");
    assert!(
        output.contains("there is no page `content/pages/guide/reading.md`"),
        "{output}"
    );
    // And in a category's description.
    let site = http_api().edit(
        "content/categories.yaml",
        "(@/guide/reading-errors.md)",
        "(@/guide/nope.md)",
    );
    assert_rule(&site, "content/categories.yaml", 3, "broken-link");
    // An alias leads to its record, in any case.
    let site = http_api().edit(GUIDE, "(@ACME-2001)", "(@e1001)");
    let (code, output) = check(&site);
    assert_eq!(code, 0, "{output}");
}

#[test]
fn front_matter_is_checked_like_a_record() {
    let site = http_api().with_file("content/pages/about.md", "# About\n\nNo front matter.\n");
    let output = assert_rule(&site, "content/pages/about.md", 1, "missing-key");
    assert!(output.contains("no front matter"), "{output}");
    let site = http_api().edit(START, "title: Getting started", "titel: Getting started");
    let output = assert_rule(&site, START, 2, "unknown-key");
    assert!(output.contains("did you mean `title`?"), "{output}");
    let site = http_api().edit(START, "updated: 2026-11-26", "updated: 2026-13-45");
    assert_rule(&site, START, 5, "invalid-date");
    let site = http_api().with_file(
        "content/pages/About Us.md",
        "---\ntitle: About\n---\nText.\n",
    );
    let (code, output) = check(&site);
    assert_eq!(code, 1, "{output}");
    assert!(
        output.contains("content/pages/About Us.md: error[invalid-page-path]"),
        "{output}"
    );
    assert!(
        output.contains("rename it to `content/pages/about-us.md`"),
        "{output}"
    );
}

#[test]
fn a_page_or_code_that_would_take_another_place_is_refused() {
    let page = "---\ntitle: Clash\n---\nText.\n";
    let site = http_api().with_file("content/pages/api.md", page);
    let output = check(&site).1;
    assert!(output.contains("content/pages/api.md: error[url-collision]: the page `content/pages/api.md` would be built at `/api/`, where the JSON API goes"), "{output}");
    // With the error pages at the root, a page and a code may meet.
    let site = http_api().with_file("content/pages/acme-1003.md", page);
    let output = check(&site).1;
    assert!(
        output.contains("error[url-collision]") && output.contains("code `ACME-1003`"),
        "{output}"
    );
    // A code where the theme puts a file, or where the tags go.
    let site = http_api()
        .with_file(
            "content/errors/authentication/favicon.svg.yaml",
            record_yaml("favicon.svg", "authentication"),
        )
        .with_file(
            "content/errors/authentication/tags.yaml",
            record_yaml("tags", "authentication"),
        );
    let output = assert_rule(
        &site,
        "content/errors/authentication/favicon.svg.yaml",
        1,
        "url-collision",
    );
    assert!(
        output.contains("where a file of the theme goes"),
        "{output}"
    );
    assert!(
        output.contains("where the tags goes") || output.contains("where the tags go"),
        "{output}"
    );
    // The home page is not a page of content/pages/.
    let site = http_api().with_file("content/pages/index.md", page);
    let output = check(&site).1;
    assert!(output.contains("where the home page goes"), "{output}");
}

#[test]
fn the_menu_and_the_footer_link_every_page_and_mark_the_current_one() {
    let site = http_api();
    site.build_ok();
    let page = Html::parse(&site.read("getting-started/index.html"));
    let menu: Vec<(&str, Option<&str>)> = page
        .all("a")
        .filter(|a| {
            a.attr("href")
                .is_some_and(|h| h.starts_with("/errors/") || h.starts_with("https://status"))
        })
        .map(|a| (a.attr("href").unwrap(), a.attr("aria-current")))
        .collect();
    assert!(
        menu.contains(&("/errors/getting-started/", Some("page"))),
        "{menu:?}"
    );
    assert!(
        menu.contains(&("/errors/guide/reading-errors/", None)),
        "{menu:?}"
    );
    assert!(
        menu.contains(&("https://status.acme.test/", None)),
        "{menu:?}"
    );
    let navs: Vec<&str> = page
        .all("nav")
        .filter_map(|n| n.attr("aria-label"))
        .collect();
    assert!(
        navs.contains(&"Site") && navs.contains(&"Footer"),
        "{navs:?}"
    );
    let text = site.read("acme-3002/index.html");
    assert!(text.contains("<p class=\"footer-text\">© Acme Corp. New here? Read <a href=\"/errors/guide/reading-errors/\">how to read an error</a>.</p>"), "{text}");
    assert!(
        text.contains("<a href=\"/errors/a-z/\">All errors</a></li>"),
        "a footer link to a site path"
    );
    // The logo, beside the title.
    let logo = Html::parse(&text)
        .all("img")
        .find(|i| i.attr("class") == Some("brand-logo"))
        .map(|i| i.attr("src").unwrap().to_string());
    assert_eq!(logo.as_deref(), Some("/errors/logo.svg"));
}

#[test]
fn menu_links_are_checked() {
    let site = http_api().edit(
        "site.yaml",
        "page: \"@/getting-started.md\"",
        "page: \"@/start.md\"",
    );
    let output = assert_rule(&site, "site.yaml", 44, "broken-link");
    assert!(
        output.contains("there is no page `content/pages/start.md`"),
        "{output}"
    );
    let site = http_api().edit("site.yaml", "page: /a-z/", "page: /everything/");
    assert_rule(&site, "site.yaml", 55, "broken-link");
    let site = http_api().edit(
        "site.yaml",
        "    url: https://status.acme.test/",
        "    url: https://status.acme.test/\n    page: /a-z/",
    );
    let output = assert_rule(&site, "site.yaml", 47, "invalid-nav");
    assert!(output.contains("not both"), "{output}");
    let site = http_api().edit(
        "site.yaml",
        "page: \"@/getting-started.md\"",
        "page: getting-started.md",
    );
    let output = assert_rule(&site, "site.yaml", 44, "invalid-nav");
    assert!(output.contains("\"@/getting-started.md\""), "{output}");
    let site = http_api().edit("site.yaml", "logo: logo.svg", "logo: acme.png");
    assert_rule(&site, "site.yaml", 56, "missing-file");
}

#[test]
fn a_draft_page_is_left_out_without_drafts() {
    let site = http_api().edit(START, "weight: 1", "weight: 1\ndraft: true");
    site.build_ok();
    assert!(!site.output().join("getting-started/index.html").exists());
    assert!(
        !site.read("index.html").contains("Getting started"),
        "the menu leaves it out"
    );
    assert!(!site.read("sitemap.xml").contains("getting-started"));
}

#[test]
fn check_and_build_know_the_same_sections_of_a_records_page() {
    // `check` keeps a light entry of each record and `build` the whole record: links
    // to a record's sections must be judged alike by both.
    let links = [
        ("acme-2001#fix-2", true),
        ("acme-2001#fix-3", false),
        ("acme-2001#fix-02", false),
        ("acme-2001#fix-0", false),
        ("acme-2001#sources", true),
        ("acme-2001#message", false),
        ("acme-1001#message", true),
        ("acme-1001#field-example-response", true),
        ("acme-2001#field-example-response", false),
        ("acme-2001#faq", false),
        ("acme-2001#meaning", true),
    ];
    let written: String = (links.iter())
        .map(|(target, _)| format!(" [x](@{target})"))
        .collect();
    let site = http_api().edit(
        GUIDE,
        "(@acme-2001#fixes)",
        &format!("(@acme-2001#fixes){written}"),
    );
    let check = site.run(&["check", "--format", "short"]);
    let build = site.run(&["build", "--output", "out"]);
    let (check, build) = (text(&check), text(&build));
    for (target, leads_somewhere) in links {
        let anchor = target.split('#').nth(1).unwrap();
        let code = target.split('#').next().unwrap();
        let problem = format!("the page of `@{code}` has no `#{anchor}`");
        for (command, output) in [("check", &check), ("build", &build)] {
            assert_eq!(
                !output.contains(&problem),
                leads_somewhere,
                "{command} on @{target}:\n{output}"
            );
        }
    }
}
