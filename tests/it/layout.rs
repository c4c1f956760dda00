//! Where things go and in what order: natural order of codes in every list, the A–Z
//! page's stable letter anchors, the URL layout of `site.yaml`'s `urls`, tag pages.

use crate::publishing::web::Html;
use crate::support::*;

/// The codes of `api/errors.json`, in its order.
fn api_codes(site: &TestSite) -> Vec<String> {
    let list: serde_json::Value = serde_json::from_str(&site.read("api/errors.json")).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

/// The basic fixture with codes whose string order differs from their natural order.
fn site_with_numbered_codes() -> TestSite {
    let mut site = TestSite::fixture("basic");
    for code in [
        "AADSTS500011",
        "AADSTS50000",
        "AADSTS50011",
        "E10",
        "E2",
        "2FA-1",
    ] {
        site = site.with_file(
            &format!("content/errors/authentication/{code}.yaml"),
            record_yaml(code, "authentication"),
        );
    }
    site
}

#[test]
fn codes_are_listed_in_natural_order_everywhere() {
    let site = site_with_numbered_codes();
    site.build_ok();
    let expected = [
        "2FA-1",
        "AADSTS40009",
        "AADSTS50000",
        "AADSTS50011",
        "AADSTS50076",
        "AADSTS50126",
        "AADSTS500011",
        "DataSource.Error",
        "E2",
        "E10",
    ];
    assert_eq!(api_codes(&site), expected);
    // The A–Z page, the category page and the sitemap list them in the same order.
    let a_to_z = site.read("errors/index.html");
    let positions: Vec<usize> = expected
        .iter()
        .map(|code| a_to_z.find(&format!("<code>{code}</code>")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    let category = site.read("categories/authentication/index.html");
    let at = |code: &str| category.find(&format!("<code>{code}</code>")).unwrap();
    assert!(at("AADSTS50011") < at("AADSTS500011") && at("E2") < at("E10"));
    let sitemap = site.read("sitemap.xml");
    let at = |slug: &str| sitemap.find(&format!("/errors/{slug}/<")).unwrap();
    assert!(at("aadsts50000") < at("aadsts50011") && at("aadsts50011") < at("aadsts500011"));
}

#[test]
fn a_to_z_anchors_are_the_letters_themselves() {
    let site = site_with_numbered_codes();
    site.build_ok();
    let page = Html::parse(&site.read("errors/index.html"));
    let jumps: Vec<&str> = page
        .all("a")
        .filter_map(|a| a.attr("href"))
        .filter(|h| h.starts_with('#') && *h != "#main")
        .collect();
    assert_eq!(jumps, ["#0-9", "#a", "#d", "#e"]);
    let ids = page.ids();
    for id in ["0-9", "a", "d", "e"] {
        assert!(ids.contains(id), "no heading with id {id}");
    }
}

#[test]
fn error_pages_can_take_the_sites_root() {
    let site = TestSite::fixture("http-api");
    site.build_ok();
    for file in ["acme-1001/index.html", "a-z/index.html", "e1001/index.html"] {
        assert!(site.output().join(file).is_file(), "{file}");
    }
    assert!(!site.output().join("errors").exists());
    let alias = Html::parse(&site.read("e1001/index.html"));
    assert_eq!(
        alias.link("canonical"),
        Some("https://docs.acme.test/errors/acme-1001/")
    );
    let api: serde_json::Value =
        serde_json::from_str(&site.read("api/errors/acme-1001.json")).unwrap();
    assert_eq!(api["url"], "https://docs.acme.test/errors/acme-1001/");
    let index: serde_json::Value = serde_json::from_str(&site.read("search/index.json")).unwrap();
    assert_eq!(index["errors"], "", "the search finds pages at the root");
    let home = site.read("index.html");
    assert!(
        home.contains("action=\"/errors/a-z/\""),
        "the search form opens the A–Z list"
    );
}

#[test]
fn the_base_urls_path_and_the_errors_folder_compose() {
    let base = "base_url: https://errors.example.com/";
    let site = TestSite::fixture("basic").edit(
        "site.yaml",
        base,
        "base_url: https://docs.acme.test/errors/",
    );
    site.build_ok();
    let canonical = |site: &TestSite, file: &str| {
        Html::parse(&site.read(file))
            .link("canonical")
            .map(str::to_string)
    };
    // The default layout puts the errors' folder under the base URL's path...
    assert_eq!(
        canonical(&site, "errors/aadsts40009/index.html").as_deref(),
        Some("https://docs.acme.test/errors/errors/aadsts40009/")
    );
    // ...and `urls` moves each folder, or puts the error pages at the base URL itself.
    let site = site.edit(
        "site.yaml",
        "related_limit: 4",
        "related_limit: 4\nurls:\n  errors: \"\"\n  categories: kinds\n  tags: topics/labels",
    );
    site.build_ok();
    assert_eq!(
        canonical(&site, "aadsts40009/index.html").as_deref(),
        Some("https://docs.acme.test/errors/aadsts40009/")
    );
    assert!(
        site.output()
            .join("kinds/authentication/index.html")
            .is_file()
    );
    assert!(
        site.output()
            .join("topics/labels/federation/index.html")
            .is_file()
    );
    assert!(
        site.read("aadsts40009/index.html")
            .contains("href=\"/errors/topics/labels/federation/\"")
    );
}

#[test]
fn url_folders_are_checked() {
    let with = |urls: &str| {
        TestSite::fixture("basic").edit(
            "site.yaml",
            "related_limit: 4",
            &format!("related_limit: 4\nurls:\n{urls}"),
        )
    };
    let output = assert_rule(
        &with("  categories: \"\""),
        "site.yaml",
        8,
        "invalid-folder",
    );
    assert!(output.contains("only `errors` may be"), "{output}");
    let output = assert_rule(&with("  tags: Tags Here"), "site.yaml", 8, "invalid-folder");
    assert!(output.contains("lower-case letters"), "{output}");
    let output = assert_rule(&with("  errors: api"), "site.yaml", 8, "invalid-folder");
    assert!(output.contains("where the JSON API goes"), "{output}");
    let output = assert_rule(
        &with("  errors: kinds\n  categories: kinds/all"),
        "site.yaml",
        8,
        "invalid-folder",
    );
    assert!(output.contains("another folder of `urls`"), "{output}");
}

#[test]
fn tag_pages_list_their_records_and_every_tag_with_its_count() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let tags = Html::parse(&site.read("tags/index.html"));
    let listed: Vec<&str> = tags
        .all("a")
        .filter(|a| a.attr("class") == Some("tag"))
        .filter_map(|a| a.attr("href"))
        .collect();
    assert_eq!(
        listed,
        [
            "/tags/federation/",
            "/tags/mfa/",
            "/tags/password/",
            "/tags/power-query/",
            "/tags/refresh-token/"
        ]
    );
    assert!(
        site.read("tags/index.html").contains("2 errors"),
        "federation has two"
    );
    let federation = site.read("tags/federation/index.html");
    assert!(
        federation.contains("<code>AADSTS40009</code>")
            && federation.contains("<code>AADSTS50126</code>")
    );
    assert!(!federation.contains("<code>AADSTS50076</code>"));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("/tags/</loc>") && sitemap.contains("/tags/federation/</loc>"));
    // A site whose records have no tags has no tag pages.
    let mut untagged = TestSite::fixture("basic");
    for file in [
        "authentication/AADSTS40009",
        "authentication/AADSTS50076",
        "authentication/AADSTS50126",
        "refresh/DataSource.Error",
    ] {
        let path = format!("content/errors/{file}.yaml");
        let text = std::fs::read_to_string(untagged.root().join(&path)).unwrap();
        let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("tags:")).collect();
        untagged = untagged.with_file(&path, kept.join("\n") + "\n");
    }
    untagged.build_ok();
    assert!(!untagged.output().join("tags").exists());
    assert!(!untagged.read("index.html").contains("/tags/"));
}
