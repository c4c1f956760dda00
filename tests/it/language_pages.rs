//! Pages of `content/pages/` on a site of several languages (the `multilingual`
//! fixture: `reading-errors.md`, translated into German, not into Dutch): each
//! language builds the page at the original's place under its prefix, in its own
//! words where translated, else the original's under a notice; translations are
//! checked against their originals. And the site's own words (menu, footer links,
//! field labels) from each language's strings file.

use crate::publishing::web::Html;
use crate::support::*;

const ORIGINAL: &str = "content/pages/reading-errors.md";
const GERMAN: &str = "content/pages/reading-errors.de.md";

fn built() -> TestSite {
    let site = TestSite::fixture("multilingual");
    site.build_ok();
    site
}

/// The line of `check --format short`'s `output` that reports `rule` in `file`.
fn reported<'a>(output: &'a str, file: &str, rule: &str) -> &'a str {
    output
        .lines()
        .find(|l| l.starts_with(&format!("{file}:")) && l.contains(&format!("[{rule}]")))
        .unwrap_or_else(|| panic!("no [{rule}] in {file}:\n{output}"))
}

#[test]
fn a_translated_page_is_built_in_its_language_with_its_twins() {
    let site = built();
    let german = site.read("de/reading-errors/index.html");
    let html = Html::parse(&german);
    assert!(german.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"));
    assert!(
        german.contains("<h1>So lesen Sie eine Fehlermeldung</h1>"),
        "{german}"
    );
    assert!(!german.contains("translation-notice"), "{german}");
    // Its headings make its table of contents, and its checked links lead to the
    // German pages.
    assert!(german.contains("href=\"#der-code\""), "{german}");
    assert!(german.contains("<a href=\"/de/errors/cc1002/\">das gesperrte Konto</a>"));
    let twins: Vec<(Option<&str>, Option<&str>)> = (html.all("link"))
        .filter(|l| l.attr("rel") == Some("alternate") && l.attr("hreflang").is_some())
        .map(|l| (l.attr("hreflang"), l.attr("href")))
        .collect();
    assert_eq!(
        twins,
        [
            (
                Some("en"),
                Some("https://errors.example.com/reading-errors/")
            ),
            (
                Some("de"),
                Some("https://errors.example.com/de/reading-errors/")
            ),
            (
                Some("x-default"),
                Some("https://errors.example.com/reading-errors/")
            ),
        ]
    );
    // The English page names its German twin too.
    let english = site.read("reading-errors/index.html");
    assert!(
        english.contains("hreflang=\"de\" href=\"https://errors.example.com/de/reading-errors/\"")
    );
    // The sitemap lists the German page as its own, not the Dutch fallback.
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://errors.example.com/de/reading-errors/</loc>"));
    assert!(!sitemap.contains("<loc>https://errors.example.com/nl/reading-errors/</loc>"));
}

#[test]
fn an_untranslated_page_shows_the_original_under_a_notice() {
    let site = built();
    let dutch = site.read("nl/reading-errors/index.html");
    assert!(dutch.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert!(
        dutch.contains(
            "<p class=\"translation-notice\">Deze pagina is nog niet in het Nederlands vertaald."
        ),
        "{dutch}"
    );
    assert!(
        dutch.contains("<h1 lang=\"en\">How to read an error</h1>"),
        "{dutch}"
    );
    // Where untranslated pages are left out, the Dutch site has none.
    let site = TestSite::fixture("multilingual").edit(
        "site.yaml",
        "untranslated: fallback",
        "untranslated: omit",
    );
    site.build_ok();
    assert!(site.output().join("de/reading-errors/index.html").is_file());
    assert!(!site.output().join("nl/reading-errors").exists());
}

#[test]
fn a_draft_translation_leaves_its_language_with_the_original() {
    let site = TestSite::fixture("multilingual").edit(
        GERMAN,
        "updated: 2026-03-01\n",
        "updated: 2026-03-01\ndraft: true\n",
    );
    site.build_ok();
    let german = site.read("de/reading-errors/index.html");
    assert!(german.contains("translation-notice"), "{german}");
    assert!(german.contains("<h1 lang=\"en\">How to read an error</h1>"));
}

#[test]
fn check_reports_a_stale_page_translation_naming_both_files_and_lines() {
    let site = TestSite::fixture("multilingual").edit(
        ORIGINAL,
        "updated: 2026-03-01",
        "updated: 2026-04-01",
    );
    let (code, output) = check(&site);
    assert_eq!(code, 0, "warnings only:\n{output}");
    let line = reported(&output, GERMAN, "stale-translation");
    assert!(
        line.starts_with(&format!("{GERMAN}:4:10: warning[stale-translation]")),
        "{line}"
    );
    assert!(
        line.contains(
            "the original was updated on 2026-04-01, after this translation (2026-03-01)"
        ),
        "{line}"
    );
    assert!(
        line.contains(&format!("; {ORIGINAL}:5:10: the original's `updated`")),
        "{line}"
    );
}

#[test]
fn a_page_translation_needs_its_original_its_order_and_a_listed_language() {
    let site = TestSite::fixture("multilingual")
        .edit(
            GERMAN,
            "updated: 2026-03-01\n",
            "updated: 2026-03-01\nweight: 5\n",
        )
        .with_file(
            "content/pages/glossary.de.md",
            "---\ntitle: Glossar\n---\nBegriffe.\n",
        )
        .with_file(
            "content/pages/reading-errors.fr.md",
            "---\ntitle: Lire une erreur\n---\nTexte.\n",
        );
    let (code, output) = check(&site);
    assert_eq!(code, 1, "{output}");
    assert!(
        reported(&output, GERMAN, "untranslatable-key").starts_with(&format!(
            "{GERMAN}:5:9: error[untranslatable-key]: `weight` is not translated"
        )),
        "{output}"
    );
    assert!(
        reported(
            &output,
            "content/pages/glossary.de.md",
            "orphan-translation"
        )
        .contains("there is no content/pages/glossary.md"),
        "{output}"
    );
    assert!(
        reported(
            &output,
            "content/pages/reading-errors.fr.md",
            "unlisted-language"
        )
        .contains("`fr`"),
        "{output}"
    );
    // Nothing else: the orphan is not also a page with a bad name.
    assert!(!output.contains("invalid-page-path"), "{output}");
}

/// The multilingual fixture with a menu, a footer link and a declared field, and the
/// German words for them in the site's `strings/de.yaml`.
fn with_own_words() -> TestSite {
    TestSite::fixture("multilingual")
        .edit(
            "site.yaml",
            "related_limit: 4\n",
            "related_limit: 4\nnav:\n  - label: Reading errors\n    page: \"@/reading-errors.md\"\nfooter:\n  links:\n    - label: Status page\n      url: https://status.example.com/\nfields:\n  - key: service\n    label: Service\n    type: text\n    show: facts\n",
        )
        .edit(
            "content/errors/storage/CC2001.yaml",
            "severity: ",
            "service: Blob storage\nseverity: ",
        )
        .with_file(
            "strings/de.yaml",
            "site.nav.reading-errors: Fehler lesen\nsite.footer.status-page: Statusseite\nsite.field.service: Dienst\n",
        )
}

#[test]
fn the_menu_footer_links_and_field_labels_speak_each_language() {
    let site = with_own_words();
    site.build_ok();
    let german = site.read("de/errors/cc2001/index.html");
    for words in [
        ">Fehler lesen</a>",
        ">Statusseite</a>",
        "<dt>Dienst</dt>",
        "href=\"/de/reading-errors/\"",
    ] {
        assert!(german.contains(words), "{words}:\n{german}");
    }
    assert!(!german.contains("Reading errors") && !german.contains(">Service<"));
    // Dutch has no words for them: site.yaml's, the default language's.
    let dutch = site.read("nl/errors/cc2001/index.html");
    for words in [
        ">Reading errors</a>",
        ">Status page</a>",
        "<dt>Service</dt>",
    ] {
        assert!(dutch.contains(words), "{words}:\n{dutch}");
    }
    let english = site.read("errors/cc2001/index.html");
    assert!(english.contains(">Reading errors</a>") && english.contains("<dt>Service</dt>"));
}

#[test]
fn a_strings_file_may_only_give_words_site_yaml_has() {
    let site = with_own_words().with_file(
        "strings/de.yaml",
        "site.nav.reading-erors: Fehler lesen\nsite.field.service: [Dienst]\n",
    );
    let (_, output) = check(&site);
    let typo = reported(&output, "strings/de.yaml", "unknown-string");
    assert!(
        typo.starts_with("strings/de.yaml:1:25: warning[unknown-string]: site.yaml has no words that `site.nav.reading-erors` would translate")
            && typo.contains("did you mean `site.nav.reading-errors`?"),
        "{typo}"
    );
    let list = reported(&output, "strings/de.yaml", "invalid-string");
    assert!(list.contains("`site.field.service` is"), "{list}");
    assert!(list.contains("the site's words are plain text"), "{list}");
}
