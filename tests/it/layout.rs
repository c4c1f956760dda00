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
            &format!("content/errors/auth/{code}.yaml"),
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
