//! The built-in theme's promises that hold for every page: nothing loaded from another
//! host, every asset a page names exists, and what needs the script is marked so.

use crate::support::*;

/// The values of `attr="..."` on tags named `tag` in `html`.
fn attrs<'a>(html: &'a str, tag: &str, attr: &str) -> Vec<&'a str> {
    html.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|rest| {
            let tag_text = rest.split('>').next()?;
            let value = tag_text.split(&format!("{attr}=\"")).nth(1)?;
            value.split('"').next()
        })
        .collect()
}

#[test]
fn pages_load_nothing_from_other_hosts_and_every_asset_exists() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let mut checked = 0;
    for (path, bytes) in snapshot_dir(&site.output()) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".css") {
            for url in text.split("url(").skip(1) {
                let url = url.trim_start_matches(['"', '\'']);
                assert!(url.starts_with("data:"), "{path} loads {url}");
            }
        }
        if !path.ends_with(".html") {
            continue;
        }
        let loaded = [
            attrs(&text, "script", "src"),
            attrs(&text, "link", "href"),
            attrs(&text, "img", "src"),
        ]
        .concat();
        for url in loaded {
            if url.starts_with("data:") {
                continue;
            }
            // Canonical and feed links may be absolute URLs of the site itself.
            if let Some(own) = url.strip_prefix("https://errors.example.com/") {
                assert!(
                    site.output().join(own).exists() || own.ends_with('/'),
                    "{path}: {url}"
                );
                continue;
            }
            assert!(
                url.starts_with('/') && !url.starts_with("//"),
                "{path} loads {url} from elsewhere"
            );
            let file = site.output().join(url.trim_start_matches('/'));
            assert!(
                file.is_file() || file.join("index.html").is_file(),
                "{path} names {url}, which was not written"
            );
            checked += 1;
        }
        for url in attrs(&text, "form", "data-script").into_iter().chain(attrs(
            &text,
            "form",
            "data-search",
        )) {
            assert!(
                site.output().join(url.trim_start_matches('/')).exists(),
                "{path} names {url}"
            );
        }
    }
    assert!(checked > 20, "only {checked} assets were checked");
}

#[test]
fn an_error_page_reads_without_the_script() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let page = site.read("errors/aadsts40009/index.html");
    // The inline head script marks <html> with `js`; the stylesheet hides what only
    // works with the script (copy buttons, the toggle) until that mark is there.
    assert!(page.contains("document.documentElement.classList.add(\"js\")"));
    let css = snapshot_dir(&site.output())
        .into_iter()
        .find(|(p, _)| p.starts_with("style.") && p.ends_with(".css"))
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .unwrap();
    assert!(css.contains(
        "html:not(.js) .needs-js, html:not(.js) [data-theme-toggle], html:not(.js) .copy-code"
    ));
    // Content, related links and breadcrumbs are plain HTML.
    assert!(page.contains("<ol class=\"fixes\"><li id=\"fix-1\">"));
    assert!(page.contains("<a href=\"/errors/aadsts50076/\"><code>AADSTS50076</code>"));
    assert!(page.contains("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">"));
    assert!(page.contains(
        "<details class=\"faq\" open><summary>Does this affect cloud-only accounts?</summary>"
    ));
}
