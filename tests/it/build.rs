//! Building real sites: what comes out, determinism, atomicity, output-folder safety.

use std::collections::BTreeSet;

use crate::support::*;

#[test]
fn a_codes_page_shows_its_causes_in_order() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.read("errors/aadsts40009/index.html");
    let first = page.find("First cause").expect("first cause");
    let second = page.find("second cause").expect("second cause");
    let third = page.find("Third cause").expect("third cause");
    assert!(first < second && second < third, "causes are out of order");
    let h1 = page
        .split("<h1>")
        .nth(1)
        .and_then(|s| s.split("</h1>").next())
        .expect("an h1");
    assert!(
        h1.contains(">AADSTS40009</code>"),
        "the code is in the heading: {h1}"
    );
    assert!(
        h1.contains("Refresh token could not be redeemed at the federated identity provider"),
        "{h1}"
    );
    assert!(page.contains("Microsoft Entra ID"), "product is shown");
    assert!(
        page.contains("<ol class=\"fixes\">"),
        "fixes are numbered steps"
    );
}

#[test]
fn every_page_of_the_contract_is_written() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    for path in [
        "index.html",
        "errors/index.html",
        "errors/aadsts40009/index.html",
        "errors/datasource.error/index.html",
        "categories/index.html",
        "categories/authentication/index.html",
        "categories/refresh/index.html",
        "errors/40009/index.html",
        "api/errors.json",
        "api/errors/aadsts40009.json",
        "api/categories.json",
        "schema/error-record.schema.json",
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        "404.html",
    ] {
        assert!(site.output().join(path).is_file(), "{path} was not written");
    }
}

#[test]
fn every_related_link_points_to_a_page_that_exists() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let mut checked = 0;
    for (path, bytes) in snapshot_dir(&site.output()) {
        if !path.starts_with("errors/") || !path.ends_with("index.html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let Some(section) = html.split("id=\"related\"").nth(1) else {
            continue;
        };
        let section = section.split("</section>").next().unwrap();
        for href in section
            .split("href=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
        {
            if href.starts_with('#') {
                continue;
            }
            let target = site
                .output()
                .join(href.trim_start_matches('/'))
                .join("index.html");
            assert!(
                target.is_file(),
                "{path} links to {href}, which does not exist"
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no related links were found at all");
}

#[test]
fn related_links_show_on_both_pages_then_same_category_by_shared_tags() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    // AADSTS40009 names AADSTS50076; the link must show on AADSTS50076's page too.
    let page = site.read("errors/aadsts50076/index.html");
    let related = page
        .split("id=\"related\"")
        .nth(1)
        .expect("related section");
    assert!(related.contains("/errors/aadsts40009/"));
    // AADSTS40009: first its explicit link, then AADSTS50126 (shares the `federation` tag).
    let page = site.read("errors/aadsts40009/index.html");
    let related = page.split("id=\"related\"").nth(1).unwrap();
    let explicit = related.find("/errors/aadsts50076/").unwrap();
    let by_tag = related.find("/errors/aadsts50126/").unwrap();
    assert!(explicit < by_tag);
    assert!(
        !related.contains("/errors/datasource.error/"),
        "other categories are not related by tags"
    );
}

#[test]
fn a_category_page_lists_exactly_its_codes() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.read("categories/authentication/index.html");
    let listed: Vec<&str> = page
        .split("data-code=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(listed, ["AADSTS40009", "AADSTS50076", "AADSTS50126"]);
    let page = site.read("categories/refresh/index.html");
    let listed: Vec<&str> = page
        .split("data-code=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(listed, ["DataSource.Error"]);
}

#[test]
fn script_in_a_markdown_field_is_shown_as_text() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.read("errors/aadsts40009/index.html");
    assert!(
        page.contains("&lt;script&gt;alert"),
        "the script tag is not shown as text"
    );
    assert!(
        !page.contains("<script>alert"),
        "the script tag is live markup"
    );
}

#[test]
fn powershell_is_highlighted_and_unknown_languages_are_plain() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.read("errors/aadsts40009/index.html");
    assert!(page.contains("class=\"language-powershell\""));
    assert!(
        page.contains("<span class=\"hl-support\">Revoke-MgUserSignInSession</span>"),
        "PowerShell cmdlet is not highlighted"
    );
    let page = site.read("errors/datasource.error/index.html");
    assert!(
        page.contains("<code class=\"language-m\">Source = Csv.Document"),
        "M code is not plain"
    );
}

#[test]
fn the_same_input_builds_byte_identical_output() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let first = snapshot_dir(&site.output());
    site.build_ok();
    let second = snapshot_dir(&site.output());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between two builds");
    }
}

#[test]
fn output_is_identical_with_one_thread_and_many() {
    let site = TestSite::fixture("basic");
    let one = site.root().join("one");
    let many = site.root().join("many");
    let run = |out: &std::path::Path, threads: &str| {
        let output = errdocs_command()
            .args(["build", "--output", out.to_str().unwrap()])
            .current_dir(site.root())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", text(&output));
    };
    run(&one, "1");
    run(&many, "4");
    assert_eq!(snapshot_dir(&one), snapshot_dir(&many));
}

#[test]
fn a_broken_record_leaves_the_previous_output_untouched() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let before = snapshot_dir(&site.output());
    let site = site.edit(
        "content/errors/authentication/AADSTS50076.yaml",
        "severity: low",
        "severity: lowish",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("AADSTS50076.yaml:4:11"),
        "{}",
        text(&out)
    );
    assert_eq!(
        snapshot_dir(&site.output()),
        before,
        "the previous output changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("errdocs-staging"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn the_output_folder_may_not_be_the_site_or_hold_its_content() {
    let site = TestSite::fixture("basic");
    let parent = site.root().parent().unwrap().to_str().unwrap().to_string();
    for bad in [
        ".",
        "content",
        "content/errors/x",
        "templates",
        "..",
        "/",
        parent.as_str(),
    ] {
        assert_output_refused(&site, bad);
    }
    assert!(
        site.root()
            .join("content/errors/authentication/AADSTS40009.yaml")
            .is_file()
    );
}

#[test]
fn build_prints_one_line_with_pages_and_time() {
    let site = TestSite::fixture("basic");
    let out = site.run(&["build"]);
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("Built 17 pages") && stdout.contains(" ms"),
        "{stdout}"
    );
}

#[test]
fn the_theme_is_overridden_file_by_file() {
    let site = TestSite::fixture("basic")
        .with_file(
            "templates/partials/badge.html",
            "<b class=\"my-badge\">{{ item.severity }}</b>",
        )
        .with_file("static/style.css", "body { color: rebeccapurple; }")
        .with_file("static/extra.txt", "hello");
    site.build_ok();
    let page = site.read("errors/aadsts40009/index.html");
    assert!(
        page.contains("<b class=\"my-badge\">medium</b>"),
        "the partial was not overridden"
    );
    assert!(
        page.contains("<h1><code class=\"record-code\""),
        "the rest of the built-in theme is gone"
    );
    let files = snapshot_dir(&site.output());
    let css = files
        .iter()
        .find(|(p, _)| p.starts_with("style.") && p.ends_with(".css"))
        .expect("hashed css");
    assert_eq!(css.1, b"body { color: rebeccapurple; }");
    assert_eq!(site.read("extra.txt"), "hello");
}

#[test]
fn a_broken_template_fails_with_its_name() {
    let site = TestSite::fixture("basic").with_file("templates/error.html", "{% if %}");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("error.html"), "{}", text(&out));
}

/// A draft record: related to AADSTS50076 (so its page would list it), the newest
/// `updated` (so the home page and the feed would show it first), an alias, and words
/// found nowhere else (so the search index would hold them).
const DRAFT: &str = "content/errors/authentication/QZDRAFT9.yaml";
fn draft_yaml() -> String {
    record_yaml("QZDRAFT9", "authentication")
        .replace("title: Title of QZDRAFT9", "title: Wombatish refusal")
        + "message: \"QZDRAFT9: marsupialish failure\"\naliases: [QZALIAS9]\ntags: [wombattag]\nrelated: [AADSTS50076]\nupdated: 2030-01-01\ndraft: true\n"
}

/// The draft's names and words, as they would appear in any output file.
const DRAFT_MARKS: [&str; 5] = [
    "qzdraft9",
    "qzalias9",
    "wombatish",
    "marsupialish",
    "wombattag",
];

/// The files of the built site that mention the draft (ignoring case), with the mark.
fn files_mentioning_the_draft(output: &std::path::Path) -> Vec<(String, &'static str)> {
    snapshot_dir(output)
        .into_iter()
        .filter_map(|(path, bytes)| {
            let text = String::from_utf8_lossy(&bytes).to_lowercase();
            let mark = DRAFT_MARKS.into_iter().find(|m| text.contains(m))?;
            Some((path.replace('\\', "/"), mark))
        })
        .collect()
}

#[test]
fn a_draft_leaves_no_trace_without_drafts_and_shows_everywhere_with_it() {
    let with_draft = TestSite::fixture("basic").with_file(DRAFT, draft_yaml());
    let without = TestSite::fixture("basic");
    with_draft.build_ok();
    without.build_ok();
    let leaks = files_mentioning_the_draft(&with_draft.output());
    assert!(leaks.is_empty(), "the draft leaked into {leaks:?}");
    // Not a byte anywhere: the site is the one built without the file at all.
    assert_eq!(
        snapshot_dir(&with_draft.output()),
        snapshot_dir(&without.output())
    );

    // With --drafts, the same search finds it in every place it belongs, so the search
    // above would have seen a leak.
    let out = with_draft.run(&["build", "--drafts"]);
    assert!(out.status.success(), "{}", text(&out));
    let found: BTreeSet<String> = files_mentioning_the_draft(&with_draft.output())
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    for file in [
        "errors/qzdraft9/index.html",
        "errors/qzalias9/index.html",
        "api/errors/qzdraft9.json",
        "index.html",
        "errors/index.html",
        "categories/authentication/index.html",
        "errors/aadsts50076/index.html",
        "api/errors.json",
        "api/categories.json",
        "sitemap.xml",
        "atom.xml",
    ] {
        assert!(found.contains(file), "--drafts: not in {file}: {found:?}");
    }
    assert!(
        found.iter().any(|f| f.starts_with("search/")),
        "--drafts: not in the search index: {found:?}"
    );
}

#[test]
fn a_page_snapshot() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.read("errors/aadsts40009/index.html");
    // Asset names carry a content hash; keep the snapshot about the page, not the theme's bytes.
    let page = regex_lite_replace_hashes(&page);
    insta::assert_snapshot!("aadsts40009_page", page);
}

fn regex_lite_replace_hashes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for line in html.lines() {
        let mut line = line.to_string();
        for ext in [".css\"", ".js\""] {
            if let Some(end) = line.find(ext) {
                let start = line[..end].rfind('.').unwrap_or(end);
                if end - start == 11 {
                    line.replace_range(start..end, ".HASH");
                }
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A record's `symbol` is one of the page's facts, as code; a record without one has
/// no such row.
#[test]
fn a_symbol_shows_among_the_facts_as_code() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.read("errors/aadsts50126/index.html");
    assert!(
        page.contains("<div><dt>Symbol</dt><dd><code>InvalidUserNameOrPassword</code></dd></div>"),
        "{page}"
    );
    let facts = &page[page.find("<dl class=\"facts\">").unwrap()..];
    assert!(facts[..facts.find("</dl>").unwrap()].contains("InvalidUserNameOrPassword"));
    let other = site.read("errors/aadsts40009/index.html");
    assert!(!other.contains("<dt>Symbol</dt>"), "{other}");
}
