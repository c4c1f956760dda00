//! No injection: a site whose every free-text field holds markup, script, event
//! handlers, `javascript:` links and `</script>` is built, and every file that comes
//! out (pages, alias pages, feeds, sitemap, JSON-LD, JSON API, search index) is read
//! with the tokenizer of `markup.rs` to find anything a browser would run.
//!
//! The same site is also built with the payloads replaced by plain text; each page of
//! the hostile build must have exactly as many `<script>`, `<style>`, `<img>` (...) tags
//! and event handlers as the same page of the plain build: a payload adds no markup.

use std::collections::BTreeMap;

use crate::markup::{self, Tag};
use crate::support::*;

/// Every payload carries `XSS` and a number, so a test can tell which one got through.
const INLINE: &str = concat!(
    "<script>alert('XSS1')</script> <img src=x onerror=alert('XSS2')> ",
    "</script><script>alert('XSS3')</script> \" onmouseover=\"alert('XSS5')\" x=\" ",
    "' onfocus='XSS13' <svg/onload=alert('XSS6')> <!--<script>XSS7 ",
    "{{ \"XSS\" ~ \"12\" }} {% raw %}",
);

/// A shorter one for fields of at most 160 characters.
const SHORT: &str =
    "<script>XSS1</script><img src=x onerror=XSS2>\"'><svg onload=XSS6></script><!--";

/// Markdown payloads: raw HTML blocks and inline HTML, links and images with every
/// kind of scheme, autolinks, reference links, and a fenced block whose language tag
/// tries to break out of its `class` attribute.
const MARKDOWN: &str = r#"Intro <script>alert('XSS1')</script> and <b onclick="alert('XSS2')">bold</b>.

<div onmouseover="alert('XSS5')"><script>alert('XSS3')</script></div>

</script><script>alert('XSS4')</script>

<iframe src="javascript:alert('XSS8')"></iframe>

[a](javascript:alert('XSS9')) [b](JaVa	ScRiPt:alert('XSS10')) [c](data:text/html,<script>XSS11</script>)
[d](vbscript:XSS14) [e](&#106;avascript:alert('XSS15')) [f](java&#x09;script:XSS16)
![img](javascript:XSS17) ![img2](https://img.example/XSS-ok.png) <javascript:alert('XSS18')>
[ref link][r] and [kept](https://ok.example/page) [rel](/errors/x/) [mail](mailto:a@example.com)

[r]: javascript:alert('XSS19') "title"

```"><script>alert('XSS20')</script>
code </script><script>XSS21</script>
```

| h <img src=x onerror=XSS22> |
|---|
| <svg onload=XSS23> |

{{ "XSS" ~ "12" }}
"#;

fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn block(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::from("|\n");
    for line in text.lines() {
        out.push_str(&pad);
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The site with `inline`, `short` and `markdown` in every free-text field.
fn site_with(inline: &str, short: &str, markdown: &str, url_payload: &str) -> TestSite {
    let record = format!(
        "code: INJECT1\n\
         title: {title}\n\
         category: authentication\n\
         severity: high\n\
         product: {title}\n\
         message: {inline}\n\
         summary: {summary}\
         causes:\n  - {inline}\n  - {cause}\
         fixes:\n  - {inline}\n  - {fix}\
         faq:\n  - question: {inline}\n    answer: {answer}\
         related: [AADSTS40009]\n\
         aliases: [INJECT1-ALIAS]\n\
         tags: [federation]\n\
         sources:\n  - title: {inline}\n    url: {url}\n\
         updated: 2026-11-25\n",
        title = quoted(short),
        inline = quoted(inline),
        summary = block(markdown, 2),
        cause = block(markdown, 4),
        fix = block(markdown, 4),
        answer = block(markdown, 6),
        url = quoted(&format!("https://src.example/?q={url_payload}24")),
    );
    let categories = format!(
        "- slug: authentication\n  title: {short}\n  description: {description}- slug: refresh\n  title: Refresh\n",
        short = quoted(short),
        description = block(markdown, 4),
    );
    let site_yaml = format!(
        "title: {short}\nbase_url: https://errors.example.com/\ndescription: {inline}\nproduct: {short}\nedit_url: {edit}\n",
        short = quoted(short),
        inline = quoted(inline),
        edit = quoted(&format!(
            "https://github.example/edit/main/?x={url_payload}25"
        )),
    );
    // A folder name is free text too: it ends up in the "Edit this page" link.
    let folder = format!("content/errors/x{}", url_payload.replace('/', "|"));
    TestSite::fixture("basic")
        .with_file("content/errors/authentication/INJECT1.yaml", record)
        .with_file(
            &format!("{folder}/INJECT2.yaml"),
            record_yaml("INJECT2", "refresh"),
        )
        .with_file("content/categories.yaml", categories)
        .with_file("site.yaml", site_yaml)
}

fn hostile_site() -> TestSite {
    site_with(INLINE, SHORT, MARKDOWN, "\"><script>alert('XSS')</script>")
}

/// The same site with each payload's markup characters made harmless.
fn plain_site() -> TestSite {
    let plain = |text: &str| {
        text.replace(
            ['<', '>', '"', '\'', '{', '}', '%', '[', ']', '(', ')', '!'],
            "_",
        )
        .replace("XSS", "ok")
        .replace("javascript", "js")
        .replace("script", "scr")
    };
    // Keep the Markdown's structure (links, code fence, table), only defuse it.
    let markdown = MARKDOWN
        .replace("<script>", "(s)")
        .replace("</script>", "(/s)")
        .replace('<', "(")
        .replace("javascript", "https")
        .replace("JaVa\tScRiPt", "https")
        .replace("vbscript", "https")
        .replace("&#106;avascript", "https")
        .replace("java&#x09;script", "https")
        .replace("data:text/html,", "https://x/")
        .replace("XSS", "ok");
    site_with(&plain(INLINE), &plain(SHORT), &markdown, "plain")
}

/// What a page's markup does, counted: tags that run or load something, handlers.
fn live_counts(tags: &[Tag]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for tag in tags.iter().filter(|t| !t.closing) {
        if markup::DANGEROUS_TAGS.contains(&tag.name.as_str()) && tag.name != "div" {
            *counts.entry(format!("<{}>", tag.name)).or_default() += 1;
        }
        for (name, _) in &tag.attributes {
            if name.starts_with("on") {
                *counts.entry(format!("{name}=")).or_default() += 1;
            }
        }
    }
    counts
}

/// Everything in one built file that would run or load attacker content.
fn problems_in(path: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let tags = markup::tags(text);
    for tag in &tags {
        let mut add = |problem: String| problems.push(format!("{path}: {problem}"));
        for p in markup::attribute_problems(tag) {
            add(p);
        }
        if tag.name.to_lowercase().contains("xss")
            || tag.attributes.iter().any(|(n, _)| n.contains("xss"))
        {
            add(format!("a payload became a tag or attribute: {tag:?}"));
        }
        // `<title>` and `<textarea>` hold text (escaped payloads are fine there); what is
        // inside `<script>` and `<style>` runs.
        let runs = matches!(tag.name.as_str(), "script" | "style");
        if let Some(raw) = tag.raw_text.as_ref().filter(|r| runs && r.contains("XSS")) {
            let json_ld = tag.attribute("type") == Some("application/ld+json");
            if !json_ld {
                add(format!("a payload inside <{}>: {raw}", tag.name));
            } else if raw.contains('<') || serde_json::from_str::<serde_json::Value>(raw).is_err() {
                add(format!("JSON-LD that is not escaped JSON: {raw}"));
            }
        }
        // Attribute values never hold a quote that ended them early: any payload text
        // in an attribute is still inside its value, so it is text. Tera templates are
        // never run on record text: `{{ "XSS" ~ "12" }}` must stay as written.
    }
    problems.extend(spec_tokenizer_problems(path, text));
    if text.contains("XSS12") {
        problems.push(format!("{path}: record text was evaluated as a template"));
    }
    problems
}

/// The same checks with html5gum, a WHATWG tokenizer, so a quirk of `markup.rs` cannot
/// hide a tag a browser would see.
fn spec_tokenizer_problems(path: &str, text: &str) -> Vec<String> {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut problems = Vec::new();
    let mut script: Option<(bool, String)> = None; // (is JSON-LD, text so far)
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_lowercase();
                let mut attributes = Vec::new();
                for (key, value) in &tag.attributes {
                    let key = String::from_utf8_lossy(key).to_lowercase();
                    let value = String::from_utf8_lossy(&value.value).into_owned();
                    attributes.push((key, value));
                }
                let tag = Tag {
                    name,
                    closing: false,
                    attributes,
                    raw_text: None,
                };
                for p in markup::attribute_problems(&tag) {
                    problems.push(format!("{path} (html5gum): {p}"));
                }
                if tag.name.contains("xss") || tag.attributes.iter().any(|(n, _)| n.contains("xss"))
                {
                    problems.push(format!(
                        "{path} (html5gum): a payload became a tag: {tag:?}"
                    ));
                }
                if tag.name == "script" {
                    script = Some((
                        tag.attribute("type") == Some("application/ld+json"),
                        String::new(),
                    ));
                }
            }
            Token::String(s) => {
                if let Some((_, text)) = &mut script {
                    text.push_str(&String::from_utf8_lossy(&s.value));
                }
            }
            Token::EndTag(tag) if &tag.name[..] == b"script" => {
                if let Some((json_ld, text)) = script.take()
                    && text.contains("XSS")
                    && (!json_ld || text.contains('<'))
                {
                    problems.push(format!(
                        "{path} (html5gum): a payload inside <script>: {text}"
                    ));
                }
            }
            _ => {}
        }
    }
    problems
}

#[test]
fn no_field_of_a_record_puts_live_markup_in_any_output_file() {
    let site = hostile_site();
    site.build_ok();
    let files = snapshot_dir(&site.output());
    let mut problems = Vec::new();
    let mut checked = 0;
    for (path, bytes) in &files {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        if path.ends_with(".html") || path.ends_with(".xml") {
            problems.extend(problems_in(path, text));
            checked += 1;
        } else if path.ends_with(".json") {
            let value: serde_json::Value =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
            // HTML carried in the API (rendered Markdown) is as safe as on the pages.
            // Other strings (titles, messages) are data a client must escape, not HTML.
            let mut html = Vec::new();
            collect_html(&value, &mut html);
            for s in html {
                problems.extend(
                    markup::markdown_html_problems(s)
                        .into_iter()
                        .map(|p| format!("{path}: {p}")),
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 15, "only {checked} files were checked");
    assert!(
        problems.is_empty(),
        "live markup from a record:\n{}",
        problems.join("\n")
    );

    // The payloads are there, as text.
    let page = site.read("errors/inject1/index.html");
    assert!(
        page.contains("&lt;script&gt;alert("),
        "the payload is not shown as text"
    );
    assert!(
        page.contains("{{ &quot;XSS&quot; ~ &quot;12&quot; }}")
            || page.contains("{{ \"XSS\" ~ \"12\" }}"),
        "template text is not shown as written"
    );
    // The folder name is in the edit link, encoded.
    let page2 = site.read("errors/inject2/index.html");
    assert!(
        page2.contains("%3Cscript%3E"),
        "the edit link of a record in a hostile folder is missing"
    );
    // Links with a safe scheme are kept.
    for href in [
        "href=\"https://ok.example/page\"",
        "href=\"/errors/x/\"",
        "href=\"mailto:a@example.com\"",
    ] {
        assert!(page.contains(href), "{href} was dropped");
    }
}

/// The values of every `html` key (the rendered Markdown of the API).
fn collect_html<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_html(v, out)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match v {
                    serde_json::Value::String(s) if key == "html" => out.push(s),
                    _ => collect_html(v, out),
                }
            }
        }
        _ => {}
    }
}

#[test]
fn payloads_add_no_tags_or_handlers_to_any_page() {
    let hostile = hostile_site();
    hostile.build_ok();
    let plain = plain_site();
    plain.build_ok();
    let hostile_files = snapshot_dir(&hostile.output());
    let plain_files = snapshot_dir(&plain.output());
    let pages = |files: &BTreeMap<String, Vec<u8>>| {
        files
            .keys()
            .filter(|p| p.ends_with(".html") || p.ends_with(".xml"))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        pages(&hostile_files),
        pages(&plain_files),
        "the two builds have different pages"
    );
    let mut differences = Vec::new();
    for path in pages(&hostile_files) {
        let hostile_counts = live_counts(&markup::tags(
            std::str::from_utf8(&hostile_files[&path]).unwrap(),
        ));
        let plain_counts = live_counts(&markup::tags(
            std::str::from_utf8(&plain_files[&path]).unwrap(),
        ));
        if hostile_counts != plain_counts {
            differences.push(format!(
                "{path}: {hostile_counts:?} with payloads, {plain_counts:?} without"
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "payloads changed the markup:\n{}",
        differences.join("\n")
    );
}

#[test]
fn json_ld_survives_a_closing_script_tag_in_a_faq_answer() {
    let site = hostile_site();
    site.build_ok();
    let page = site.read("errors/inject1/index.html");
    let blocks: Vec<Tag> = markup::tags(&page)
        .into_iter()
        .filter(|t| t.name == "script" && t.attribute("type") == Some("application/ld+json"))
        .collect();
    assert_eq!(blocks.len(), 1, "one JSON-LD block, not cut in pieces");
    let json: serde_json::Value =
        serde_json::from_str(blocks[0].raw_text.as_deref().unwrap()).expect("JSON-LD parses");
    // The FAQ answer is all there, after the `</script>` it contains.
    let text = json.to_string();
    assert!(text.contains("XSS21") && text.contains("XSS23"), "{text}");
}

#[test]
fn alias_pages_and_feeds_escape_what_they_quote() {
    let site = hostile_site();
    site.build_ok();
    let alias = site.read("errors/inject1-alias/index.html");
    assert!(problems_in("alias", &alias).is_empty());
    assert!(alias.contains("&lt;script&gt;XSS1"), "{alias}");
    let atom = site.read("atom.xml");
    assert!(!atom.contains("<script"), "{atom}");
    assert!(atom.contains("&lt;script&gt;XSS1"), "{atom}");
}
