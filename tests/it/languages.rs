//! Sites in several languages (the `multilingual` fixture: English, German, Dutch):
//! each language under its prefix, twins linked both ways, the sitemap's alternates,
//! search, feeds and API per language, fallback and omission; translations checked
//! against their originals; the theme's words in every language.

use std::collections::{BTreeMap, BTreeSet};

use crate::publishing::web::Html;
use crate::support::*;

const CC1001: &str = "content/errors/authentication/CC1001.yaml";
const CC1001_DE: &str = "content/errors/authentication/CC1001.de.yaml";
const CC1001_NL: &str = "content/errors/authentication/CC1001.nl.yaml";

fn built() -> TestSite {
    let site = TestSite::fixture("multilingual");
    site.build_ok();
    site
}

/// `check --format short`: (exit code, output).
fn check(site: &TestSite) -> (i32, String) {
    let out = site.run(&["check", "--format", "short"]);
    (out.status.code().unwrap(), text(&out))
}

/// The line of `output` that reports `rule` in `file` at `line`.
fn reported<'a>(output: &'a str, file: &str, line: usize, rule: &str) -> &'a str {
    let at = format!("{file}:{line}:");
    output
        .lines()
        .find(|l| l.starts_with(&at) && l.contains(&format!("[{rule}]")))
        .unwrap_or_else(|| panic!("no [{rule}] at {at} in:\n{output}"))
}

#[test]
fn each_language_is_built_under_its_prefix_in_its_own_words() {
    let site = built();
    for (prefix, lang, title) in [
        ("", "en", "The storage quota is exceeded"),
        ("de/", "de", "Das Speicherkontingent ist überschritten"),
        ("nl/", "nl", "Het opslagquotum is overschreden"),
    ] {
        let html = site.read(&format!("{prefix}errors/cc2001/index.html"));
        assert!(
            html.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{lang}\">")),
            "{prefix}"
        );
        assert!(html.contains(title), "{prefix}: {title}");
        for file in [
            "index.html",
            "errors/index.html",
            "categories/storage/index.html",
            "404.html",
            "atom.xml",
            "api/errors.json",
            "search/index.json",
            "errors/1001/index.html",
        ] {
            assert!(
                site.output().join(prefix).join(file).is_file(),
                "{prefix}{file}"
            );
        }
    }
    // Shared once, at the root.
    for file in ["sitemap.xml", "robots.txt", "schema/api-error.schema.json"] {
        assert!(site.output().join(file).is_file(), "{file}");
        assert!(!site.output().join("de").join(file).exists(), "de/{file}");
    }
    // The theme speaks the page's language; dates too.
    let german = site.read("de/errors/cc1001/index.html");
    for words in [
        "So beheben Sie den Fehler",
        "Direkt zur Lösung: 2 Schritte",
        "2. März 2026",
        "Häufige Ursachen",
    ] {
        assert!(german.contains(words), "{words}");
    }
    let dutch = site.read("nl/errors/cc1001/index.html");
    assert!(
        dutch.contains("Direct naar de oplossing: 2 stappen") && dutch.contains("3 maart 2026")
    );
    // Categories translate; one the Dutch file leaves out keeps its title, marked.
    assert!(
        site.read("de/categories/index.html")
            .contains("Speicherfehler")
    );
    assert!(
        site.read("nl/categories/index.html")
            .contains("<a href=\"/nl/categories/storage/\" lang=\"en\">Storage errors</a>")
    );
}

#[test]
fn an_untranslated_record_falls_back_with_a_notice_marked_as_the_original() {
    let site = built();
    let page = site.read("nl/errors/cc1002/index.html");
    assert!(
        page.contains(
            "<p class=\"translation-notice\">Deze pagina is nog niet in het Nederlands vertaald."
        ),
        "{page}"
    );
    assert!(
        page.contains("<span class=\"heading-title\" lang=\"en\">The account is locked</span>")
    );
    assert!(page.contains("<ol class=\"fixes\" lang=\"en\">"));
    // The theme's words stay Dutch, and the original is the page search engines keep.
    assert!(page.contains("Zo lost u het op"));
    let html = Html::parse(&page);
    assert_eq!(
        html.link("canonical"),
        Some("https://errors.example.com/errors/cc1002/")
    );
    // Lists mark its title too; the German translation shows no notice.
    assert!(
        site.read("nl/errors/index.html")
            .contains("<span class=\"record-title\" lang=\"en\">The account is locked</span>")
    );
    assert!(
        !site
            .read("de/errors/cc1002/index.html")
            .contains("translation-notice")
    );
    // A translation that leaves out the message shows the original's, marked.
    assert!(
        site.read("nl/errors/cc1001/index.html")
            .contains("<pre class=\"message\" lang=\"en\"><code>CC1001: The user name")
    );
    assert!(
        site.read("de/errors/cc1001/index.html")
            .contains("<pre class=\"message\"><code>CC1001: Der Benutzername")
    );
}

/// `hreflang` → `href` of a page's alternate links.
fn alternates(html: &Html) -> BTreeMap<String, String> {
    html.all("link")
        .filter(|l| l.attr("rel") == Some("alternate") && l.attr("hreflang").is_some())
        .map(|l| {
            (
                l.attr("hreflang").unwrap().to_string(),
                l.attr("href").unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_page_names_its_twins_both_ways_with_x_default_and_a_switcher_to_the_same_page() {
    let site = built();
    let origin = "https://errors.example.com/";
    let mut pages = 0;
    for path in crate::publishing::web::html_pages(&site.output(), "/") {
        let relative = path.trim_start_matches('/');
        let file = match relative.strip_suffix('/') {
            Some(_) => site.output().join(relative).join("index.html"),
            None if relative.is_empty() => site.output().join("index.html"),
            None => site.output().join(relative),
        };
        let html = Html::parse(&std::fs::read_to_string(&file).unwrap());
        if html.meta("robots") == Some("noindex") {
            continue; // alias redirects and the 404 pages
        }
        pages += 1;
        let links = alternates(&html);
        let own = format!("{origin}{}", path.trim_start_matches('/'));
        assert_eq!(
            links.get("x-default").map(|u| u.trim_start_matches(origin)),
            Some(
                path.trim_start_matches('/')
                    .trim_start_matches("de/")
                    .trim_start_matches("nl/")
            ),
            "{path}"
        );
        for (hreflang, href) in &links {
            if hreflang == "x-default" {
                continue;
            }
            // Both ways: the twin names this page (when this page is in its own words).
            let twin = href.trim_start_matches(origin);
            let twin_html = Html::parse(&site.read(&format!("{twin}index.html")));
            assert_eq!(
                twin_html.all("html").next().unwrap().attr("lang"),
                Some(hreflang.as_str()),
                "{href}"
            );
            if links.values().any(|h| *h == own) {
                assert!(
                    alternates(&twin_html).values().any(|h| *h == own),
                    "{href} does not name {own}"
                );
            }
        }
        // The switcher: every language, each on the same page, the current one marked.
        let switcher: Vec<(String, String, bool)> = html
            .all("a")
            .filter(|a| a.attr("hreflang").is_some())
            .map(|a| {
                (
                    a.attr("lang").unwrap().to_string(),
                    a.attr("href").unwrap().to_string(),
                    a.attr("aria-current") == Some("page"),
                )
            })
            .collect();
        assert_eq!(
            switcher.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
            ["en", "de", "nl"],
            "{path}"
        );
        assert_eq!(switcher.iter().filter(|s| s.2).count(), 1);
        assert!(
            switcher.iter().any(|s| s.2 && s.1 == path),
            "{path}: {switcher:?}"
        );
    }
    assert!(pages >= 25, "{pages}");
    // A record untranslated into Dutch: no Dutch twin named anywhere.
    let english = Html::parse(&site.read("errors/cc1002/index.html"));
    assert_eq!(
        alternates(&english).keys().collect::<Vec<_>>(),
        ["de", "en", "x-default"]
    );
}

#[test]
fn the_sitemap_lists_each_language_in_its_own_words_with_its_alternates() {
    let site = built();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut urls: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .unwrap()
            .text()
            .unwrap()
            .to_string();
        let links = url
            .children()
            .filter(|n| n.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap().to_string(),
                    n.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        urls.insert(loc, links);
    }
    let record = |prefix: &str| format!("https://errors.example.com/{prefix}errors/cc1002/");
    // German translation: listed with English and x-default; the Dutch fallback: not at all.
    assert!(urls.contains_key(&record("de/")));
    assert!(!urls.contains_key(&record("nl/")));
    let expected: BTreeSet<(String, String)> = [
        ("en", record("")),
        ("de", record("de/")),
        ("x-default", record("")),
    ]
    .into_iter()
    .map(|(l, u)| (l.to_string(), u))
    .collect();
    assert_eq!(urls[&record("")], expected);
    assert_eq!(urls[&record("de/")], expected);
    // Every alternate is itself in the sitemap.
    for links in urls.values() {
        for (_, href) in links {
            assert!(urls.contains_key(href), "{href}");
        }
    }
}

#[test]
fn search_feed_and_api_exist_per_language() {
    let site = built();
    let index: serde_json::Value =
        serde_json::from_str(&site.read("de/search/index.json")).unwrap();
    let folder = index["folder"].as_str().unwrap();
    assert!(
        folder.starts_with("search/"),
        "relative to the language's home: {folder}"
    );
    let stop: Vec<&str> = index["stop_words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        stop.contains(&"fur") && stop.contains(&"der") && !stop.contains(&"the"),
        "{stop:?}"
    );
    let mut words = BTreeSet::new();
    for entry in std::fs::read_dir(site.output().join("de").join(folder)).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().starts_with('w') {
            let shard: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            words.extend(
                shard["words"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|w| w.as_str().unwrap().to_string()),
            );
        }
    }
    // German words, folded; the compound and its parts.
    for word in [
        "speicherkontingent",
        "uberschritten",
        "kennwort",
        "mailapp",
        "mail",
    ] {
        assert!(words.contains(word), "{word} not in the German index");
    }
    let atom = site.read("de/atom.xml");
    assert!(
        atom.contains("xml:lang=\"de\"")
            && atom.contains("Das Speicherkontingent ist überschritten")
    );
    assert!(
        site.read("nl/atom.xml").contains("<entry xml:lang=\"en\">"),
        "the Dutch feed marks the fallback entry"
    );
    let api: serde_json::Value = serde_json::from_str(&site.read("nl/api/errors.json")).unwrap();
    let languages: BTreeMap<&str, (&str, &str)> = api
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap(),
                (r["language"].as_str().unwrap(), r["url"].as_str().unwrap()),
            )
        })
        .collect();
    assert_eq!(
        languages["CC1001"],
        ("nl", "https://errors.example.com/nl/errors/cc1001/")
    );
    assert_eq!(languages["CC1002"].0, "en");
    let record: serde_json::Value =
        serde_json::from_str(&site.read("de/api/errors/cc1001.json")).unwrap();
    assert_eq!(record["title"], "Das Kennwort ist falsch");
    assert_eq!(
        record["related"],
        serde_json::json!(["CC1002"]),
        "inherited"
    );
}

#[test]
fn omit_leaves_untranslated_records_out_of_a_language() {
    let site = TestSite::fixture("multilingual").edit(
        "site.yaml",
        "untranslated: fallback",
        "untranslated: omit",
    );
    site.build_ok();
    assert!(!site.output().join("nl/errors/cc1002").exists());
    assert!(!site.output().join("nl/errors/cc2002").exists());
    assert!(site.output().join("de/errors/cc1002/index.html").is_file());
    assert!(!site.read("nl/errors/index.html").contains("CC1002"));
    assert!(!site.read("nl/api/errors.json").contains("CC1002"));
    assert!(!site.read("nl/search/index.json").contains("CC1002"));
    // The English page offers no Dutch twin.
    let english = site.read("errors/cc1002/index.html");
    assert!(!english.contains("/nl/errors/cc1002/"), "{english}");
}

#[test]
fn a_build_of_several_languages_is_byte_identical_from_run_to_run() {
    let site = TestSite::fixture("multilingual");
    site.build_ok();
    let first = snapshot_dir(&site.output());
    site.build_ok();
    assert!(first == snapshot_dir(&site.output()), "two builds differ");
}

#[test]
fn check_reports_a_stale_translation_naming_both_files_and_lines() {
    let site = TestSite::fixture("multilingual").edit(
        CC1001,
        "updated: 2026-03-01",
        "updated: 2026-04-01",
    );
    let (code, output) = check(&site);
    assert_eq!(code, 0, "warnings only:\n{output}");
    let line = reported(&output, CC1001_DE, 18, "stale-translation");
    assert!(line.contains("warning[stale-translation]"), "{line}");
    assert!(
        line.contains(
            "the original was updated on 2026-04-01, after this translation (2026-03-02)"
        ),
        "{line}"
    );
    assert!(
        line.contains(&format!("; {CC1001}:27:10: the original's `updated`")),
        "{line}"
    );
    reported(&output, CC1001_NL, 17, "stale-translation");
    // A human report shows both snippets.
    let human = text(&site.run(&["check"]));
    assert!(
        human.contains(CC1001_DE) && human.contains(&format!("{CC1001}:27")),
        "{human}"
    );
}

#[test]
fn check_warns_when_a_translation_has_another_number_of_causes_fixes_or_questions() {
    let site = TestSite::fixture("multilingual").edit(
        CC1001_NL,
        "  - Een opgeslagen wachtwoord in een e-mail-app of een script is verouderd.\n",
        "",
    );
    let (_, output) = check(&site);
    let line = reported(&output, CC1001_NL, 5, "translation-mismatch");
    assert!(line.contains("warning[translation-mismatch]: this translation has 1 `causes` entries; the original has 2"), "{line}");
    assert!(
        line.contains(&format!("; {CC1001}:9:3: the original's `causes` (2)")),
        "{line}"
    );
}

#[test]
fn a_translation_holds_only_translatable_keys_and_needs_its_original() {
    let site = TestSite::fixture("multilingual")
        .edit(
            CC1001_DE,
            "title: Das Kennwort ist falsch",
            "title: Das Kennwort ist falsch\nseverity: low\ncolour: red",
        )
        .with_file(
            "content/errors/storage/CC9999.de.yaml",
            "title: Ohne Original\nsummary: x\ncauses: [x]\nfixes: [x]\n",
        );
    let (code, output) = check(&site);
    assert_eq!(code, 1, "{output}");
    assert!(
        reported(&output, CC1001_DE, 2, "untranslatable-key")
            .contains("error[untranslatable-key]: `severity` is not translated")
    );
    assert!(reported(&output, CC1001_DE, 3, "unknown-key").contains("error[unknown-key]"));
    let orphan = output
        .lines()
        .find(|l| l.contains("error[orphan-translation]"))
        .expect(&output);
    assert!(
        orphan.starts_with("content/errors/storage/CC9999.de.yaml: "),
        "{orphan}"
    );
    // A required text left out.
    let site =
        TestSite::fixture("multilingual").edit(CC1001_DE, "title: Das Kennwort ist falsch\n", "");
    let (_, output) = check(&site);
    assert!(
        reported(&output, CC1001_DE, 1, "missing-key")
            .contains("this translation is missing the required key `title`")
    );
}

#[test]
fn a_translation_into_a_language_the_site_does_not_list_is_an_error() {
    let site = TestSite::fixture("multilingual").with_file(
        "content/errors/storage/CC2002.fr.yaml",
        "title: Le fichier est trop volumineux\n",
    );
    let (code, output) = check(&site);
    assert_eq!(code, 1);
    let line = output
        .lines()
        .find(|l| l.contains("error[unlisted-language]"))
        .expect(&output);
    assert!(
        line.starts_with("content/errors/storage/CC2002.fr.yaml: ") && line.contains("`fr`"),
        "{line}"
    );
}

#[test]
fn languages_and_untranslated_are_checked() {
    // A language errdocs has no words for, without a strings file of the site.
    let site = TestSite::fixture("multilingual").edit(
        "site.yaml",
        "languages: [en, de, nl]",
        "languages: [en, de, it]",
    );
    let (_, output) = check(&site);
    let line = reported(&output, "site.yaml", 5, "unknown-language");
    assert!(
        line.contains("error[unknown-language]: errdocs has no words for the language `it`")
            && line.contains("strings/it.yaml"),
        "{line}"
    );
    // Both keys, and a setting that is not one of its values.
    let site = TestSite::fixture("multilingual").edit(
        "site.yaml",
        "untranslated: fallback",
        "untranslated: hide\nlanguage: de",
    );
    let (_, output) = check(&site);
    assert!(
        reported(&output, "site.yaml", 6, "invalid-setting")
            .contains("error[invalid-setting]: `untranslated` is `fallback` or `omit`")
    );
    assert!(
        reported(&output, "site.yaml", 7, "invalid-setting")
            .contains("error[invalid-setting]: `language` and `languages` disagree")
    );
    let site = TestSite::fixture("multilingual").edit(
        "site.yaml",
        "languages: [en, de, nl]",
        "languages: [en, de, de, 'x y']",
    );
    let (_, output) = check(&site);
    assert!(
        output.contains(
            "site.yaml:5:25: error[invalid-language]: `x y` is not a BCP 47 language tag"
        ),
        "{output}"
    );
    assert!(
        reported(&output, "site.yaml", 5, "invalid-language").contains("`de` is listed twice"),
        "{output}"
    );
}

#[test]
fn a_site_strings_file_overrides_words_and_brings_a_new_language() {
    // An override: only the keys it changes.
    let site = TestSite::fixture("multilingual").with_file(
        "strings/de.yaml",
        "record.fixes: Lösung\nsite.title: Contoso-Fehlerreferenz\n",
    );
    site.build_ok();
    let page = site.read("de/errors/cc1001/index.html");
    assert!(
        page.contains(">Lösung</a></h2>")
            && page.contains("Contoso-Fehlerreferenz")
            && page.contains("Häufige Ursachen")
    );
    assert!(
        site.read("errors/cc1001/index.html")
            .contains("How to fix it")
    );
    // A language errdocs has no words for: a complete file, held to the English one.
    let english = std::fs::read_to_string(repo_root().join("strings/en.yaml")).unwrap();
    let italian = english
        .replace("language.name: English", "language.name: Italiano")
        .replace(", other: \"", ", many: \"many\", other: \"");
    let site = TestSite::fixture("multilingual")
        .edit(
            "site.yaml",
            "languages: [en, de, nl]",
            "languages: [en, de, nl, it]",
        )
        .with_file("strings/it.yaml", &italian);
    site.build_ok();
    assert!(site.read("it/index.html").contains("<html lang=\"it\">"));
    // A key missing, a placeholder lost, a plural form missing, a typo.
    let broken = italian
        .replace("record.fixes: How to fix it\n", "")
        .replace(
            "alias.moved: This page moved to {link}.",
            "alias.moved: Spostata.",
        )
        .replace(
            "count.errors: {one: \"{n} error\", many: \"many\", other: \"{n} errors\"}",
            "count.errors: {one: \"{n} errore\"}",
        )
        + "record.fixs: Soluzione\n";
    let site = site.with_file("strings/it.yaml", &broken);
    let (code, output) = check(&site);
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("strings/it.yaml: error[missing-string]: strings/it.yaml has no `record.fixes`, which strings/en.yaml defines"), "{output}");
    assert!(
        output.lines().any(|l| l.starts_with("strings/it.yaml:")
            && l.contains("error[invalid-string]: `alias.moved` must use the placeholders {link}")),
        "{output}"
    );
    assert!(
        output.contains(
            "error[missing-string]: `count.errors` has no `other` form, which `it` needs"
        ),
        "{output}"
    );
    assert!(output.contains("warning[unknown-string]: the theme has no string `record.fixs` (did you mean `record.fixes`?)"), "{output}");
}

#[test]
fn a_template_that_names_a_string_no_file_defines_fails_the_build() {
    let site = TestSite::fixture("multilingual").with_file("templates/404.html", "{% extends \"builtin/404.html\" %}{% block content %}{{ t(key=\"custom.words\") }}{% endblock content %}");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("no string `custom.words` in the en strings"),
        "{}",
        text(&out)
    );
}

/// Every text of the English strings file as (key, text): plural forms and list items
/// each on their own.
fn english_strings() -> Vec<(String, String)> {
    let yaml = std::fs::read_to_string(repo_root().join("strings/en.yaml")).unwrap();
    let map: BTreeMap<String, serde_json::Value> = serde_saphyr::from_str(&yaml).unwrap();
    let mut texts = Vec::new();
    for (key, value) in map {
        match value {
            serde_json::Value::String(text) => texts.push((key, text)),
            serde_json::Value::Object(forms) => texts.extend(
                forms
                    .into_iter()
                    .map(|(f, t)| (format!("{key}.{f}"), t.as_str().unwrap().to_string())),
            ),
            serde_json::Value::Array(items) => texts.extend(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, t)| (format!("{key}.{i}"), t.as_str().unwrap().to_string())),
            ),
            other => panic!("{key}: {other}"),
        }
    }
    texts
}

/// The theme's words that are the same in German and English, each on purpose.
const SAME_IN_GERMAN: &[&str] = &[
    "code.code",      // Code
    "code.text",      // Text
    "record.symbol",  // Symbol
    "record.tags",    // Tags:
    "tags.title",     // Tags
    "list.filter",    // Filter
    "date.first_day", // 1
    "date.months.3",  // April
    "date.months.7",  // August
    "date.months.8",  // September
    "date.months.10", // November
];

/// The text a reader sees or hears on a page: text outside `<script>`, `<style>` and
/// elements marked as another language than `lang`, and the attributes read aloud or
/// shown (`aria-label`, `title`, `placeholder`, `alt`).
fn words_shown(html: &str, lang: &str) -> String {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    // Open elements, each with whether its text is left out.
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut out = String::new();
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let left_out = stack.last().is_some_and(|(_, f)| *f);
        match token.unwrap() {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                let attrs: BTreeMap<String, String> = (tag.attributes.iter())
                    .map(|(k, v)| {
                        (
                            String::from_utf8_lossy(k).into_owned(),
                            String::from_utf8_lossy(&v.value).into_owned(),
                        )
                    })
                    .collect();
                let other = attrs.get("lang").is_some_and(|l| l != lang)
                    || name == "script"
                    || name == "style";
                if !left_out && !other {
                    for shown in ["aria-label", "title", "placeholder", "alt"]
                        .iter()
                        .filter_map(|n| attrs.get(*n))
                    {
                        out.push_str(shown);
                        out.push('\n');
                    }
                }
                if !VOID.contains(&name.as_str()) {
                    stack.push((name, left_out || other));
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                if let Some(at) = stack.iter().rposition(|(n, _)| *n == name) {
                    stack.truncate(at);
                }
            }
            Token::String(text) if !left_out => out.push_str(&String::from_utf8_lossy(&text.value)),
            _ => {}
        }
    }
    out
}

/// The words of a strings file's text, without its placeholders and markup: the parts
/// with at least three letters.
fn fragments(text: &str) -> Vec<String> {
    let mut cut = String::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '<']) {
        cut.push_str(&rest[..open]);
        cut.push('\u{1}');
        let close = if rest[open..].starts_with('{') {
            '}'
        } else {
            '>'
        };
        rest = rest[open..]
            .find(close)
            .map_or("", |end| &rest[open + end + 1..]);
    }
    cut.push_str(rest);
    cut.split('\u{1}')
        .map(str::trim)
        .filter(|f| f.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .map(str::to_string)
        .collect()
}

#[test]
fn no_english_theme_string_is_left_in_a_german_site() {
    let german = crate::support::fixture_dir("multilingual");
    let read = |name: &str| std::fs::read_to_string(german.join(name)).unwrap();
    // A site in German alone: the fixture's German texts as the records themselves.
    let mut site = TestSite::empty()
        .with_file(
            "site.yaml",
            "title: Contoso-Fehlerreferenz\nbase_url: /\nlanguage: de\nproduct: Contoso Cloud\n",
        )
        .with_file(
            "content/categories.yaml",
            read("content/categories.de.yaml"),
        );
    for (folder, code) in [
        ("authentication", "CC1001"),
        ("authentication", "CC1002"),
        ("storage", "CC2001"),
    ] {
        let original = read(&format!("content/errors/{folder}/{code}.yaml"));
        let inherited: String = ["code:", "category:", "severity:", "aliases:", "tags:"]
            .iter()
            .filter_map(|key| original.lines().find(|l| l.starts_with(key)))
            .map(|l| format!("{l}\n"))
            .collect();
        let record = format!(
            "{inherited}sources:\n  - title: Contoso-Dokumentation\n    url: https://docs.example.com/\n{}",
            read(&format!("content/errors/{folder}/{code}.de.yaml"))
        );
        site = site.with_file(&format!("content/errors/{folder}/{code}.yaml"), record);
    }
    // Two more sign-in errors (four: the list tools show) and a page of the site's own.
    for (code, title) in [
        ("CC1003", "Die Sitzung ist abgelaufen"),
        ("CC1004", "Das Gerät ist nicht registriert"),
    ] {
        let record = format!(
            "code: {code}\ntitle: {title}\ncategory: authentication\nseverity: low\ntags: [sitzung]\nsummary: Die Anmeldung muss wiederholt werden.\ncauses:\n  - Die Sitzung ist älter als zwölf Stunden.\nfixes:\n  - Melden Sie sich erneut an.\nsources:\n  - title: Contoso-Dokumentation\n    url: https://docs.example.com/\nupdated: 2026-04-01\n"
        );
        site = site.with_file(
            &format!("content/errors/authentication/{code}.yaml"),
            record,
        );
    }
    let site = site.with_file(
        "content/pages/hilfe.md",
        "---\ntitle: Hilfe zur Fehlerreferenz\nupdated: 2026-03-01\n---\nJeder Fehler hat einen Code und eine eigene Seite.\n\n## Fehlercodes lesen\n\nDer Code steht am Anfang der Meldung.\n",
    );
    site.build_ok();
    assert!(
        site.output().join("tags/sitzung/index.html").is_file()
            && site.output().join("hilfe/index.html").is_file()
    );
    let de = errdocs::strings::files::builtin_texts("de").unwrap();
    let de_text = |key: &str| -> Option<String> {
        let (base, part) = key.rsplit_once('.').unwrap();
        match (de.get(key), de.get(base)) {
            (Some(errdocs::strings::Text::Plain(t)), _) => Some(t.clone()),
            (_, Some(errdocs::strings::Text::Plural(forms))) => forms.get(part).cloned(),
            (_, Some(errdocs::strings::Text::List(items))) => {
                items.get(part.parse::<usize>().ok()?).cloned()
            }
            _ => None,
        }
    };
    // Each exception is really the same word, and every same word is an exception.
    let english = english_strings();
    for (key, text) in &english {
        let same = de_text(key).as_deref() == Some(text.as_str());
        assert_eq!(
            same,
            SAME_IN_GERMAN.contains(&key.as_str()),
            "{key}: {text:?} (German: {:?})",
            de_text(key)
        );
    }
    let mut shown = String::new();
    for (path, bytes) in snapshot_dir(&site.output()) {
        if path.ends_with(".html") {
            shown.push_str(&words_shown(&String::from_utf8(bytes).unwrap(), "de"));
        }
    }
    // The check sees the theme's German words (the assertion below would pass on nothing).
    for german in [
        "Sortieren nach",
        "Fehler mit dem Tag",
        "Auf dieser Seite",
        "So beheben Sie den Fehler",
        "Schweregrad",
        "Zum Inhalt springen",
        "Seite nicht gefunden",
        "Kopieren",
    ] {
        assert!(shown.contains(german), "{german}");
    }
    let mut checked = 0;
    for (key, text) in english
        .iter()
        .filter(|(k, _)| !SAME_IN_GERMAN.contains(&k.as_str()))
    {
        for fragment in fragments(text) {
            assert!(
                !has_words(&shown, &fragment),
                "the English `{key}` ({fragment:?}) is on the German site"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn the_preview_builds_every_language_and_rebuilds_when_a_translation_changes() {
    use errdocs::serve::preview::{Changes, Outcome, Preview};
    let site = TestSite::fixture("multilingual");
    let mut preview = Preview::new(site.root(), "http://127.0.0.1:1/", false);
    let Outcome::Built { files, .. } = preview.rebuild(&Changes::everything()) else {
        panic!("the first preview failed");
    };
    let page = |files: &BTreeMap<String, Vec<u8>>, path: &str| {
        String::from_utf8(files[path].clone()).unwrap()
    };
    assert!(page(&files, "de/errors/cc1001/index.html").contains("Das Kennwort ist falsch"));
    let site = site.edit(
        CC1001_DE,
        "title: Das Kennwort ist falsch",
        "title: Das Kennwort stimmt nicht",
    );
    let changes = Changes {
        records: vec![CC1001_DE.into()],
        ..Changes::default()
    };
    let Outcome::Built { files, .. } = preview.rebuild(&changes) else {
        panic!("the preview did not rebuild");
    };
    assert!(page(&files, "de/errors/cc1001/index.html").contains("Das Kennwort stimmt nicht"));
    drop(site);
}

/// Whether `text` holds `words` as whole words (not "All" in "Alle").
fn has_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn a_page_or_code_may_not_take_a_languages_folder() {
    let site = TestSite::fixture("multilingual").with_file(
        "content/pages/nl.md",
        "---\ntitle: Nederlands\n---\nTekst.\n",
    );
    let (code, output) = check(&site);
    assert_eq!(code, 1, "{output}");
    let line = output
        .lines()
        .find(|l| l.contains("error[url-collision]"))
        .expect(&output);
    assert!(
        line.starts_with("content/pages/nl.md") && line.contains("the pages of another language"),
        "{line}"
    );
}

#[test]
fn each_language_s_pages_load_the_scripts_words_in_that_language_from_one_file() {
    // The words the scripts use are a file per language that every page of that
    // language loads before app.js, not a block repeated in each page.
    let site = built();
    for (prefix, tag, copy) in [
        ("", "en", "Copy"),
        ("de/", "de", "Kopieren"),
        ("nl/", "nl", "Kopiëren"),
    ] {
        for page in ["", "errors/cc1001/"] {
            let html = site.read(&format!("{prefix}{page}index.html"));
            assert!(!html.contains("errdocs-strings"), "{prefix}{page}: {html}");
            let src = html
                .split("<script src=\"/strings-")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_else(|| panic!("{prefix}{page} loads no strings script:\n{html}"));
            assert!(
                src.starts_with(&format!("{tag}.")) && src.ends_with(".js"),
                "{src}"
            );
            let strings_at = html.find("/strings-").unwrap();
            assert!(
                strings_at < html.find("/app.").unwrap(),
                "loaded after app.js"
            );
            let script = site.read(&format!("strings-{src}"));
            let json = script
                .strip_prefix("window.errdocsStrings=")
                .and_then(|s| s.strip_suffix(";\n"))
                .expect("the file sets window.errdocsStrings");
            let words: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(words["copy.button"], copy, "{tag}");
        }
    }
}
