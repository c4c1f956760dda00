//! What templates see: serializable views of the site, categories and records, made
//! from the model and its rendered Markdown. The pages that use them are written in
//! [`pages`](super::pages).

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use tera::Tera;

use super::RenderedRecord;
use super::api::Shown;
use super::declared::{FieldView, field_views, filter_values};
use super::highlight::Highlighter;
use super::markdown::{Headings, Links, Renderer};
use super::rendered::SiteLinks;
use super::text::encode_url_path;
use crate::model::links::{NavLink, NavTarget};
use crate::model::{Record, Severity, Site};

/// The site, as every page sees it (`site` in templates).
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    /// The tag of the pages' language (`lang`).
    language: &'a str,
    /// The tag of the default language: what parts shown in the original's words are
    /// marked with.
    original_language: &'a str,
    product: Option<&'a str>,
    base_url: &'a str,
    /// The prefix of every internal link: `/` or `/docs/errors/`.
    base_path: &'a str,
    record_count: usize,
    /// The URL of the logo (`site.yaml`'s `logo`), if there is one.
    logo: Option<&'a str>,
}

/// A link of the menu or the footer (`nav`, `footer.links` in templates).
#[derive(Serialize)]
struct MenuLink<'a> {
    label: &'a str,
    url: String,
    /// Whether it leads off the site.
    external: bool,
}

/// The footer's own text and links (`footer` in templates).
#[derive(Serialize)]
struct FooterView<'a> {
    /// `footer.text` of site.yaml, rendered (inline Markdown).
    text_html: Option<String>,
    links: Vec<MenuLink<'a>>,
}

/// The links of the menu or the footer that lead somewhere in this build (a link to
/// a draft page is left out without `--drafts`).
fn menu_links<'a>(site: &'a Site, links: &'a [NavLink]) -> Vec<MenuLink<'a>> {
    (links.iter())
        .filter_map(|link| {
            let (url, external) = match &link.to {
                NavTarget::Site(target) => (SiteLinks(site).resolve(target)?, false),
                NavTarget::External(url) => (url.clone(), true),
            };
            Some(MenuLink {
                label: &link.label,
                url,
                external,
            })
        })
        .collect()
}

/// The links every page's header and footer need (`urls` in templates), from the
/// map of paths.
#[derive(Serialize)]
struct SiteUrls {
    home: String,
    errors: String,
    categories: String,
    /// Every tag, when records have tags.
    tags: Option<String>,
    atom: String,
    api_errors: String,
    /// The search index's entry file.
    search: String,
}

#[derive(Serialize)]
pub struct CategoryView<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    description_html: String,
    count: usize,
    /// The original's language where the title is in its words (no translation), for
    /// `lang`; `None` when it is the page's.
    lang: Option<&'a str>,
    /// The same, for the description.
    description_lang: Option<&'a str>,
}

impl CategoryView<'_> {
    pub fn new(site: &Site, index: usize) -> CategoryView<'_> {
        let c = &site.categories[index];
        CategoryView {
            slug: &c.slug,
            title: &c.title,
            url: site.paths.link(&site.paths.category(&c.slug)),
            description_html: Renderer {
                highlighter: &Highlighter::default(),
                links: &SiteLinks(site),
                headings: Headings::Demoted,
            }
            .html(&c.description),
            count: site.members[index].len(),
            lang: original_lang(site, site.category_originals[index].whole),
            description_lang: original_lang(
                site,
                site.category_originals[index].has("description"),
            ),
        }
    }
}

/// The original's language tag when `is_original` (for `lang`), else `None`.
pub fn original_lang(site: &Site, is_original: bool) -> Option<&str> {
    is_original.then(|| site.original_tag())
}

/// A record as one line of a list: what list pages and related lists show. Kept
/// small: the A–Z page holds one per record.
#[derive(Serialize)]
pub struct RecordLink<'a> {
    code: &'a str,
    title: &'a str,
    url: &'a str,
    severity: &'static str,
    category: &'a str,
    category_title: &'a str,
    updated: Option<String>,
    /// `updated` as the page's language writes a date.
    updated_text: Option<String>,
    /// The original's language when the title is in its words, for `lang`.
    lang: Option<&'a str>,
    /// The record's values of the declared fields that filter lists: (key, value).
    filters: Vec<(&'a str, String)>,
}

impl RecordLink<'_> {
    pub fn new<'a>(site: &'a Site, rendered: &'a [RenderedRecord], index: usize) -> RecordLink<'a> {
        let record = &site.records[index];
        let category = site.category_of(index);
        RecordLink {
            code: &record.code,
            title: &record.title,
            url: &rendered[index].url,
            severity: record.severity.as_str(),
            category: &category.slug,
            category_title: &category.title,
            updated: record.updated.map(|d| d.to_string()),
            updated_text: record.updated.map(|d| site.strings().date(d)),
            lang: original_lang(site, site.originals[index].whole),
            filters: filter_values(site, index),
        }
    }
}

/// A tag as a link to its page.
#[derive(Serialize)]
pub struct TagLink<'a> {
    pub slug: &'a str,
    pub url: String,
    /// How many records have it.
    pub count: usize,
}

impl TagLink<'_> {
    /// The tag `slug` of `site`, if a built record has it.
    pub fn new<'a>(site: &'a Site, slug: &'a str) -> TagLink<'a> {
        let count = site
            .tags
            .iter()
            .find(|t| t.slug == slug)
            .map_or(0, |t| t.members.len());
        TagLink {
            slug,
            url: site.paths.link(&site.paths.tag(slug)),
            count,
        }
    }
}

#[derive(Serialize)]
struct FaqView<'a> {
    question: &'a str,
    answer_html: &'a str,
}

/// An error page's record (`record` in `error.html`): every field the table of record
/// fields shows `plain`, under its own name and as the JSON API shows it, and what the
/// page adds. Serialized as a struct: templates get it with every key known in
/// advance, which Tera copies fastest.
pub struct RecordView<'a> {
    record: &'a Record,
    slug: &'a str,
    url: &'a str,
    category_title: &'a str,
    category_url: String,
    summary_html: &'a str,
    causes_html: &'a [String],
    fixes_html: &'a [String],
    faq: Vec<FaqView<'a>>,
    edit_url: Option<String>,
    /// The record's file in the JSON API, when the site writes one.
    pub json_url: Option<String>,
    updated_text: Option<String>,
    /// The original's language where the page shows the record in its words (no
    /// translation): the notice and `lang` on the article.
    lang: Option<&'a str>,
    /// The original's language where the translation leaves the message or the
    /// questions to the original.
    message_lang: Option<&'a str>,
    faq_lang: Option<&'a str>,
    /// The fields the site declares that the record sets, in declaration order.
    fields: Vec<FieldView<'a>>,
    /// Its tags, as links to their pages.
    tag_links: Vec<TagLink<'a>>,
}

impl RecordView<'_> {
    pub fn new<'a>(site: &'a Site, index: usize, rendered: &'a RenderedRecord) -> RecordView<'a> {
        let record = &site.records[index];
        let category = site.category_of(index);
        let paths = &site.paths;
        RecordView {
            record,
            slug: &record.slug,
            url: &rendered.url,
            category_title: &category.title,
            category_url: paths.link(&paths.category(&category.slug)),
            summary_html: &rendered.summary,
            causes_html: &rendered.causes,
            fixes_html: &rendered.fixes,
            faq: record
                .faq
                .iter()
                .zip(&rendered.faq)
                .map(|(f, answer_html)| FaqView {
                    question: &f.question,
                    answer_html,
                })
                .collect(),
            edit_url: site.config.edit_url.as_ref().map(|base| {
                format!(
                    "{base}{}",
                    encode_url_path(&crate::diagnostics::display_path(&record.path))
                )
            }),
            json_url: (site.config.api_records)
                .then(|| paths.link(&paths.record_json(&record.slug))),
            updated_text: record.updated.map(|d| site.strings().date(d)),
            lang: original_lang(site, site.originals[index].whole),
            message_lang: original_lang(
                site,
                !site.originals[index].whole && site.originals[index].has("message"),
            ),
            faq_lang: original_lang(
                site,
                !site.originals[index].whole && site.originals[index].has("faq"),
            ),
            fields: field_views(site, index, rendered),
            tag_links: record.tags.iter().map(|t| TagLink::new(site, t)).collect(),
        }
    }
}

/// What the page adds to the record's own fields.
const ADDED_KEYS: usize = 16;

impl Serialize for RecordView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut view = serializer.serialize_struct("RecordView", PLAIN_FIELDS + ADDED_KEYS)?;
        serialize_plain_fields(&mut view, self.record)?;
        view.serialize_field("slug", self.slug)?;
        view.serialize_field("url", self.url)?;
        view.serialize_field("category_title", self.category_title)?;
        view.serialize_field("category_url", &self.category_url)?;
        view.serialize_field("summary_html", self.summary_html)?;
        view.serialize_field("causes_html", self.causes_html)?;
        view.serialize_field("fixes_html", self.fixes_html)?;
        view.serialize_field("faq", &self.faq)?;
        view.serialize_field("edit_url", &self.edit_url)?;
        view.serialize_field("json_url", &self.json_url)?;
        view.serialize_field("updated_text", &self.updated_text)?;
        view.serialize_field("lang", &self.lang)?;
        view.serialize_field("message_lang", &self.message_lang)?;
        view.serialize_field("faq_lang", &self.faq_lang)?;
        view.serialize_field("fields", &self.fields)?;
        view.serialize_field("tag_links", &self.tag_links)?;
        view.end()
    }
}

/// `serialize_plain_fields` and `PLAIN_FIELDS` from the table of record fields: the
/// fields shown as themselves (`api: plain`), by name.
macro_rules! plain_fields_view {
    (all [$({ $name:ident, $presence:ident, ($raw:ty), ($model:ty), [$($doc:literal),*], ($($schema:tt)*), $reach:ident, $api:ident, $api_doc:literal, $search:ident, [$($fact:literal)?], ($($required:tt)*) })*] $($groups:tt)*) => {
        /// How many fields [`serialize_plain_fields`] writes.
        const PLAIN_FIELDS: usize = 0 $(+ plain_fields_view!(@count $api))*;

        fn serialize_plain_fields<S: SerializeStruct>(view: &mut S, record: &Record) -> Result<(), S::Error> {
            $(plain_fields_view!(@entry $api view record $name);)*
            Ok(())
        }
    };
    (@count plain) => { 1 };
    (@count $api:ident) => { 0 };
    (@entry plain $view:ident $record:ident $name:ident) => {
        $view.serialize_field(stringify!($name), &Shown::shown(&$record.$name))?;
    };
    // Markdown (rendered: `*_html` above), related (its own list), control fields.
    (@entry $api:ident $view:ident $record:ident $name:ident) => {};
}
crate::fields::with_record_fields!(plain_fields_view);

/// An alias's redirect page (`alias` in `alias.html`).
#[derive(Serialize)]
pub struct AliasView<'a> {
    pub alias: &'a str,
    pub code: &'a str,
    pub title: &'a str,
    pub url: String,
}

/// The records of the A–Z page whose codes start with one letter (or a digit).
#[derive(Serialize)]
pub struct LetterGroup<'a> {
    /// The heading: `A` … `Z`, or `0–9`.
    letter: &'static str,
    /// The heading's id, the anchor links use: `a` … `z`, or `0-9`. Stable: adding
    /// a letter does not change the others'.
    id: &'static str,
    records: Vec<RecordLink<'a>>,
}

/// The heading and anchor of the A–Z group of a code: its first letter, or `0–9`
/// (codes are ASCII letters, digits, `_`, `.` and `-`, starting with a letter or
/// a digit).
fn letter_of(code: &str) -> (&'static str, &'static str) {
    const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const IDS: &str = "abcdefghijklmnopqrstuvwxyz";
    match code.bytes().next().map(|b| b.to_ascii_uppercase()) {
        Some(b @ b'A'..=b'Z') => {
            let i = usize::from(b - b'A');
            (&LETTERS[i..=i], &IDS[i..=i])
        }
        _ => ("0–9", "0-9"),
    }
}

/// Every record, in the site's order, grouped by its code's first character: a
/// letter, or `0–9` (natural order puts the digits first, so each group is one run).
pub fn letter_groups<'a>(site: &'a Site, rendered: &'a [RenderedRecord]) -> Vec<LetterGroup<'a>> {
    let mut groups: Vec<LetterGroup> = Vec::new();
    for i in 0..site.records.len() {
        let (letter, id) = letter_of(&site.records[i].code);
        if groups.last().is_none_or(|g| g.id != id) {
            groups.push(LetterGroup {
                letter,
                id,
                records: Vec::new(),
            });
        }
        groups
            .last_mut()
            .expect("pushed above")
            .records
            .push(RecordLink::new(site, rendered, i));
    }
    groups
}

/// Puts what every page shares in Tera's global context, once: the site, its links,
/// the categories, the asset URLs.
pub fn set_global_context(tera: &mut Tera, site: &Site, asset_urls: &BTreeMap<String, String>) {
    let config = &site.config;
    let paths = &site.paths;
    let categories: Vec<CategoryView> = (0..site.categories.len())
        .map(|i| CategoryView::new(site, i))
        .collect();
    let global = tera.global_context();
    global.insert(
        "site",
        &SiteView {
            title: &config.title,
            description: config.description.as_deref().unwrap_or(""),
            language: site.language_tag(),
            original_language: site.original_tag(),
            product: config.product.as_deref(),
            base_url: paths.base_url(),
            base_path: paths.base_path(),
            record_count: site.records.len(),
            logo: (config.logo.as_ref())
                .and_then(|logo| asset_urls.get(logo))
                .map(String::as_str),
        },
    );
    global.insert(
        "urls",
        &SiteUrls {
            home: paths.link(&paths.home()),
            errors: paths.link(&paths.errors_index()),
            categories: paths.link(&paths.categories_index()),
            tags: (!site.tags.is_empty()).then(|| paths.link(&paths.tags_index())),
            atom: paths.link(&paths.atom()),
            api_errors: paths.link(&paths.errors_json()),
            search: paths.link(&paths.search_index()),
        },
    );
    global.insert("categories", &categories);
    global.insert("nav", &menu_links(site, &config.nav));
    let renderer = Renderer {
        highlighter: &Highlighter::default(),
        links: &SiteLinks(site),
        headings: Headings::Demoted,
    };
    global.insert(
        "footer",
        &FooterView {
            text_html: config.footer.text.as_ref().map(|t| renderer.inline_html(t)),
            links: menu_links(site, &config.footer.links),
        },
    );
    global.insert("assets", asset_urls);
    global.insert("severities", &Severity::NAMES);
    global.insert("errdocs_version", env!("CARGO_PKG_VERSION"));
    // A fixed address: the index there names its content-hashed folder of shards, so a
    // change to one record does not change every page (the preview relies on that).
    global.insert("search_url", &paths.link(&paths.search_index()));
    let strings = site.strings();
    // The words of the scripts, for the JSON block every page carries.
    global.insert("script_strings", &strings.script_json());
    tera.register_function("t", strings.tera_function());
}
