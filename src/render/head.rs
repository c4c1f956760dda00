//! What a page says about itself, mostly in its `<head>`: the title and description,
//! the canonical and Open Graph URL, `noindex`, its JSON twin, its breadcrumbs, and the
//! JSON-LD of an error page. Templates print [`PageView`]; nothing else decides these.

use serde::Serialize;
use serde_json::json;

use super::RenderedRecord;
use super::text::truncate_words;
use crate::model::declared::{FieldType, FieldValue};
use crate::model::{PageId, Site};
use crate::paths::Location;

/// The longest meta description a page gets, in characters; longer ones are cut at a
/// word (search engines show about this much).
const MAX_DESCRIPTION_CHARS: usize = 160;

/// What every template gets about the page it renders.
#[derive(Serialize)]
pub struct PageView {
    /// The `<title>`, without the site name.
    pub title: String,
    pub description: String,
    /// Absolute when the base URL has a host, otherwise root-relative. Alias
    /// redirects link to it either way.
    pub canonical: String,
    /// The page's own root-relative link: the menu marks the link that leads here
    /// with `aria-current="page"`.
    pub url: String,
    /// The canonical URL when it is absolute: `og:url` and the page's canonical link.
    /// Open Graph and search engines' checks (Lighthouse) accept only absolute URLs,
    /// so a site with a path-only base URL leaves both out.
    pub og_url: Option<String>,
    /// Pages that must stay out of search results (the 404 page): `noindex`, no
    /// canonical link.
    pub noindex: bool,
    /// The page's machine-readable twin (`api/errors/<slug>.json`, when the site
    /// writes it), for `<link rel="alternate" type="application/json">`.
    pub json_alternate: Option<String>,
    /// Breadcrumbs before the page itself: (title, url).
    pub breadcrumbs: Vec<(String, String)>,
    /// JSON-LD, already escaped for a `<script>` block.
    pub json_ld: Option<String>,
    /// On a site in several languages: the page in each language that has it in its
    /// own words, then `x-default` (the default language's), for
    /// `<link rel="alternate" hreflang>`.
    pub alternates: Vec<Alternate>,
    /// On a site in several languages: the language switcher, a link to the page in
    /// each language that has it (the current one marked).
    pub languages: Vec<LanguageLink>,
}

/// The page in another language, for `<link rel="alternate" hreflang>`.
#[derive(Serialize)]
pub struct Alternate {
    pub hreflang: String,
    /// Absolute when the base URL has a host, else root-relative.
    pub href: String,
}

/// One link of the language switcher.
#[derive(Serialize)]
pub struct LanguageLink {
    /// The language's tag (`hreflang` and `lang` of the link).
    pub tag: String,
    /// The language's name in its own words ("Deutsch").
    pub name: String,
    pub href: String,
    /// Whether it is the page's own language.
    pub current: bool,
}

impl PageView {
    /// The page at `location` (or, for an alias redirect, the page it leads to).
    pub fn new(
        site: &Site,
        location: &Location,
        title: String,
        description: String,
        breadcrumbs: Vec<(String, String)>,
    ) -> PageView {
        let canonical = site.paths.url(location);
        PageView {
            url: site.paths.link(location),
            title,
            description: truncate_words(&description, MAX_DESCRIPTION_CHARS),
            og_url: site.paths.has_host().then(|| canonical.clone()),
            canonical,
            noindex: false,
            json_alternate: None,
            breadcrumbs,
            json_ld: None,
            alternates: Vec::new(),
            languages: Vec::new(),
        }
    }

    /// Adds the page's twins in the site's other languages: the `hreflang` links, the
    /// language switcher, and, where this language shows the page in the original's
    /// words, a canonical link to the original.
    pub fn in_languages(mut self, site: &Site, page: PageId) -> PageView {
        let languages = &site.languages;
        if !languages.is_multilingual() {
            return self;
        }
        let url = |index: usize, page: &PageId| {
            (languages.paths(index, &site.paths)).url(&languages.location(index, &site.paths, page))
        };
        let present = languages.of_page(&page);
        // Like the canonical link, `hreflang` links take absolute URLs only: a site whose
        // base URL is a path has the switcher, not these.
        if page != PageId::NotFound && site.paths.has_host() {
            for &(index, own) in &present {
                if own {
                    self.alternates.push(Alternate {
                        hreflang: languages.all[index].tag.clone(),
                        href: url(index, &page),
                    });
                }
            }
            self.alternates.push(Alternate {
                hreflang: "x-default".into(),
                href: url(0, &page),
            });
        }
        // The page not found leads to each language's home.
        let target = if page == PageId::NotFound {
            PageId::Home
        } else {
            page.clone()
        };
        for &(index, _) in &present {
            let paths = languages.paths(index, &site.paths);
            self.languages.push(LanguageLink {
                tag: languages.all[index].tag.clone(),
                name: languages.all[index].strings.label("language.name"),
                href: paths.link(&languages.location(index, &site.paths, &target)),
                current: index == site.language,
            });
        }
        if present
            .iter()
            .any(|&(index, own)| index == site.language && !own)
        {
            // Shown in the original's words: the original is the page search engines keep.
            self.canonical = url(0, &page);
            self.og_url = site.paths.has_host().then(|| self.canonical.clone());
        }
        self
    }

    /// A page hosts serve at any address (the 404 page): not indexed, no `og:url`.
    pub fn unindexed(mut self) -> PageView {
        self.noindex = true;
        self.og_url = None;
        self
    }
}

/// The first breadcrumb of every page but the home page.
pub fn home_crumb(site: &Site) -> (String, String) {
    (
        site.strings().label("nav.home"),
        site.paths.link(&site.paths.home()),
    )
}

/// The JSON-LD of an error page: a `TechArticle`, a `BreadcrumbList` (home › category ›
/// code) and, when the record has questions, a `FAQPage`. Escaped so that no field can
/// end the `<script>` block it sits in.
pub fn record_json_ld(site: &Site, index: usize, rendered: &RenderedRecord) -> String {
    let record = &site.records[index];
    let category = site.category_of(index);
    let config = &site.config;
    let paths = &site.paths;
    let url = paths.url(&paths.record(&record.slug));
    let home = paths.url(&paths.home());
    let mut article = json!({
        "@type": "TechArticle",
        "headline": format!("{}: {}", record.code, record.title),
        "description": truncate_words(&rendered.summary_text, 300),
        "url": url,
        "inLanguage": if site.originals[index].whole { site.original_tag() } else { site.language_tag() },
        "keywords": std::iter::once(record.code.as_str()).chain(record.tags.iter().map(String::as_str)).collect::<Vec<_>>(),
        "isPartOf": {"@type": "WebSite", "name": config.title, "url": home},
    });
    // Optional facts are left out rather than written as `null`.
    if let Some(product) = &record.product {
        article["about"] = json!({"@type": "Thing", "name": product});
        // Declared version fields name versions of the product the article is about:
        // schema.org's `softwareVersion` of a `SoftwareApplication`. No other declared
        // type has a property of its own on a `TechArticle`.
        let versions: Vec<&String> = (config.fields.iter().zip(&record.declared))
            .filter(|(d, _)| d.kind == FieldType::Version)
            .filter_map(|(_, v)| match v {
                Some(FieldValue::List(versions)) => Some(versions),
                _ => None,
            })
            .flatten()
            .collect();
        if !versions.is_empty() {
            article["about"] = json!({"@type": "SoftwareApplication", "name": product, "softwareVersion": versions});
        }
    }
    if let Some(updated) = record.updated {
        article["dateModified"] = json!(updated.to_string());
    }
    let mut graph = vec![
        article,
        json!({
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": site.strings().label("nav.home"), "item": home},
                {"@type": "ListItem", "position": 2, "name": category.title, "item": paths.url(&paths.category(&category.slug))},
                {"@type": "ListItem", "position": 3, "name": record.code, "item": url},
            ],
        }),
    ];
    if !record.faq.is_empty() {
        graph.push(json!({
            "@type": "FAQPage",
            "mainEntity": record.faq.iter().zip(&rendered.faq).map(|(f, html)| json!({
                "@type": "Question",
                "name": f.question,
                "acceptedAnswer": {"@type": "Answer", "text": html},
            })).collect::<Vec<_>>(),
        }));
    }
    let document = json!({"@context": "https://schema.org", "@graph": graph});
    escape_json_for_script(&serde_json::to_string(&document).expect("JSON-LD serializes"))
}

/// Makes JSON safe inside `<script>`: `<`, `>` and `&` become `\u` escapes (still the
/// same JSON), so `</script>` or `<!--` inside a value cannot end or alter the block.
pub fn escape_json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_json_is_the_same_json_without_markup_characters() {
        let value = json!({"a": "</script><!-- & \u{2028} \u{2029} >"});
        let escaped = escape_json_for_script(&serde_json::to_string(&value).unwrap());
        assert!(
            !escaped.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
            "{escaped}"
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&escaped).unwrap(),
            value
        );
    }
}
