//! The raw shapes of the three kinds of YAML file, exactly as a contributor writes them.
//!
//! Every value is [`Located`], so later stages can point at it. Every field is optional
//! here, and read on its own from the file's tree ([`super::read`]): the validator
//! reports *all* missing required keys, and every value of the wrong type, at once.
//! Unknown keys are collected (with their position) rather than rejected, for the same
//! reason. The JSON Schema published for editors is generated from
//! these same types, so the schema and the parser cannot disagree.

use std::borrow::Cow;

use schemars::JsonSchema;

use super::read::{FromNode, Place, Reader, read_mapping};
use super::yaml::Node;
use crate::diagnostics::Position;

/// A value and where it was written; described in the JSON Schema as the value it
/// wraps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    value: T,
    position: Position,
}

impl<T> Located<T> {
    pub fn new(value: T, position: Position) -> Located<T> {
        Located { value, position }
    }

    pub fn value(&self) -> &T {
        &self.value
    }

    /// Where the value is written (for an alias `*a`, the alias itself).
    pub fn position(&self) -> Position {
        self.position
    }

    /// Another value at the same place (a part of this one, or what it became).
    pub fn with<U>(&self, value: U) -> Located<U> {
        Located::new(value, self.position)
    }
}

impl<T: JsonSchema> JsonSchema for Located<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }

    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

/// The shape of a raw type: for a mapping, its keys in the order the format lists them
/// and what each holds. `fmt` writes keys in this order.
#[derive(Clone, Debug)]
pub enum Layout {
    /// A scalar, or anything without keys of its own.
    Value,
    List(Box<Layout>),
    /// Its keys (the format's, then those a site declares) and what each holds.
    Mapping(Vec<(Cow<'static, str>, Layout)>),
}

impl Layout {
    /// What the value of `key` is, in a mapping.
    pub fn of(&self, key: &str) -> Option<&Layout> {
        match self {
            Layout::Mapping(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, l)| l),
            _ => None,
        }
    }
}

/// A raw type's [`Layout`].
pub trait HasLayout {
    fn layout() -> Layout;
}

impl HasLayout for String {
    fn layout() -> Layout {
        Layout::Value
    }
}

impl HasLayout for bool {
    fn layout() -> Layout {
        Layout::Value
    }
}

impl HasLayout for u32 {
    fn layout() -> Layout {
        Layout::Value
    }
}

impl HasLayout for i64 {
    fn layout() -> Layout {
        Layout::Value
    }
}

impl<T: HasLayout> HasLayout for Vec<T> {
    fn layout() -> Layout {
        Layout::List(Box::new(T::layout()))
    }
}

impl<T: HasLayout> HasLayout for Located<T> {
    fn layout() -> Layout {
        T::layout()
    }
}

impl<T> HasLayout for std::collections::BTreeMap<String, T> {
    fn layout() -> Layout {
        Layout::Value
    }
}

/// A key that is not part of the format, kept so the validator can report it.
pub type UnknownKey = Located<String>;

/// The value of a key the format does not know, as YAML gives it: kept so that a
/// field the site declares (`fields:` in `site.yaml`) can be checked against its
/// declaration. A mapping is kept as a mark only: no declared field holds one.
#[derive(Clone, Debug, PartialEq)]
pub enum RawValue {
    Null,
    Bool(bool),
    Integer(i128),
    Float(f64),
    Text(String),
    List(Vec<Located<RawValue>>),
    Mapping,
}

/// A YAML mapping read key by key: known keys go to their field, unknown keys are
/// remembered. Implemented by each raw type below with one `match` over its keys.
pub trait RawMapping: Default {
    /// The keys this mapping accepts, in the order the docs list them.
    const KEYS: &'static [&'static str];
    /// What the mapping is, for error messages ("an error record").
    const WHAT: &'static str;

    /// Reads the value of `key` into its field (a value that cannot be read is
    /// reported, and the key remembered as present). Returns `false` for an unknown key.
    fn read_field(&mut self, key: &str, node: &Node, r: &mut Reader, place: Place) -> bool;

    /// Keeps a key that is not part of the format, and its value.
    fn push_unknown(&mut self, key: UnknownKey, value: Located<RawValue>);

    /// The keys that are not part of the format, with where they were written.
    fn unknown_keys(&self) -> &[UnknownKey];

    /// The value of each of [`RawMapping::unknown_keys`], in the same order.
    fn unknown_values(&self) -> &[Located<RawValue>];

    /// The known keys that are written but whose value could not be read (already
    /// reported): they are not missing.
    fn unreadable_keys(&self) -> &[&'static str];
}

/// A raw mapping type from its fields, each declared once: the struct (every field an
/// optional [`Located`] value, with its docs and JSON Schema rules, and the unknown
/// keys with their values), its [`RawMapping`] (keys in field order, one `match` arm a
/// field), its [`FromNode`] and its [`Layout`]. A field whose key is a Rust keyword
/// names its key with `as "type"`.
macro_rules! raw_mapping {
    (
        $(#[$meta:meta])*
        pub struct $name:ident ($what:literal) {
            $($(#[$field_meta:meta])* $field:ident $(as $key:literal)?: $ty:ty,)*
        }
    ) => {
        #[derive(Default, Debug, JsonSchema)]
        $(#[$meta])*
        pub struct $name {
            $($(#[$field_meta])* $(#[schemars(rename = $key)])? pub $field: Option<Located<$ty>>,)*
            #[schemars(skip)]
            pub unknown_keys: Vec<UnknownKey>,
            #[schemars(skip)]
            pub unknown_values: Vec<Located<RawValue>>,
            #[schemars(skip)]
            pub unreadable_keys: Vec<&'static str>,
        }

        impl RawMapping for $name {
            const KEYS: &'static [&'static str] = &[$(raw_mapping!(@key $field $($key)?)),*];
            const WHAT: &'static str = $what;

            fn read_field(&mut self, key: &str, node: &Node, r: &mut Reader, place: Place) -> bool {
                match key {
                    $(raw_mapping!(@key $field $($key)?) => {
                        self.$field = FromNode::from_node(node, r, place);
                        if self.$field.is_none() {
                            self.unreadable_keys.push(raw_mapping!(@key $field $($key)?));
                        }
                        true
                    })*
                    _ => false,
                }
            }

            fn push_unknown(&mut self, key: UnknownKey, value: Located<RawValue>) {
                self.unknown_keys.push(key);
                self.unknown_values.push(value);
            }

            fn unknown_keys(&self) -> &[UnknownKey] {
                &self.unknown_keys
            }

            fn unknown_values(&self) -> &[Located<RawValue>] {
                &self.unknown_values
            }

            fn unreadable_keys(&self) -> &[&'static str] {
                &self.unreadable_keys
            }
        }

        impl FromNode for $name {
            fn from_node(node: &Node, r: &mut Reader, place: Place) -> Option<Self> {
                read_mapping(node, r, place)
            }
        }

        impl HasLayout for $name {
            fn layout() -> Layout {
                Layout::Mapping(vec![$((Cow::Borrowed(raw_mapping!(@key $field $($key)?)), <$ty as HasLayout>::layout())),*])
            }
        }
    };
    (@key $field:ident $key:literal) => { $key };
    (@key $field:ident) => { stringify!($field) };
}

/// The severity levels of an error record, for the JSON Schema (the parser reads a
/// string, so a typo can get a "did you mean" instead of a bare type error).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum SeverityName {
    Low,
    Medium,
    High,
    Critical,
}

/// `RawRecord` from the table of record fields ([`crate::fields`]): each field
/// optional here (validation reports every missing required key at once), with its
/// docs and JSON Schema rules, and `required` in the schema when the table says so.
macro_rules! raw_record {
    (all [$({ $name:ident, $presence:ident, ($raw:ty), ($model:ty), [$($doc:literal),*], ($($schema:tt)*), $reach:ident, $api:ident, $api_doc:literal, $search:ident, [$($fact:literal)?], ($($required:tt)*) })*] $($groups:tt)*) => {
        raw_mapping! {
            /// One error record: `content/errors/**/CODE.yaml`.
            #[schemars(title = "errdocs error record", deny_unknown_fields)]
            pub struct RawRecord ("an error record") {
                $(
                    $(#[doc = $doc])*
                    #[cfg_attr($($required)*, schemars(required))]
                    #[schemars($($schema)*)]
                    $name: $raw,
                )*
            }
        }
    };
}
crate::fields::with_record_fields!(raw_record);

fn faq_example() -> serde_json::Value {
    serde_json::json!([{
        "question": "Does this affect cloud-only accounts?",
        "answer": "No. Only users of a federated domain see it."
    }])
}

fn sources_example() -> serde_json::Value {
    serde_json::json!([{
        "title": "Microsoft Entra authentication and authorization error codes",
        "url": "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes"
    }])
}

raw_mapping! {
    /// A question readers ask about the error, and its answer.
    #[schemars(rename = "Faq", title = "FAQ entry", deny_unknown_fields)]
    pub struct RawFaq ("a FAQ entry") {
        /// The question, as readers would ask it: plain text, one line.
        #[schemars(regex(pattern = r"^\s*[^\n]*\s*$"), required, length(min = 1), example = &"Does this affect cloud-only accounts?")]
        question: String,
        /// The answer, in Markdown.
        #[schemars(required, length(min = 1), example = &"No. Only users of a federated domain see it.")]
        answer: String,
    }
}

raw_mapping! {
    /// A page that documents the error: where the facts of a record come from.
    #[schemars(rename = "Source", title = "Source", deny_unknown_fields)]
    pub struct RawSource ("a source") {
        /// The page's title, plain text.
        #[schemars(regex(pattern = r"^\s*[^\n]*\s*$"), required, length(min = 1), example = &"Microsoft Entra authentication and authorization error codes")]
        title: String,
        /// The page's address: an http or https URL.
        #[schemars(required, regex(pattern = r"^https?://[^\s/]+"), example = &"https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes")]
        url: String,
    }
}

raw_mapping! {
    /// One category in `content/categories.yaml` (the file is a list of these, in site order).
    #[schemars(rename = "Category", title = "errdocs category", deny_unknown_fields)]
    pub struct RawCategory ("a category") {
        /// Lower-case letters, digits and `-`; used in URLs and in each record's `category`.
        #[schemars(required, regex(pattern = r"^[a-z0-9][a-z0-9-]*$"), example = &"authentication")]
        slug: String,
        /// Plain text heading of the category page.
        #[schemars(regex(pattern = r"^\s*[^\n]*\s*$"), required, length(min = 1), example = &"Authentication errors")]
        title: String,
        /// Markdown shown on the category page and the categories index.
        #[schemars(example = &"Sign-in, token and federation failures.")]
        description: String,
    }
}

raw_mapping! {
    /// `site.yaml`: the settings of a whole site.
    #[schemars(title = "errdocs site settings", deny_unknown_fields)]
    pub struct RawSiteConfig ("the site settings") {
        /// The site's name, shown in every page title.
        #[schemars(regex(pattern = r"^\s*[^\n]*\s*$"), required, length(min = 1), example = &"Power BI & Entra Error Reference")]
        title: String,
        /// Where the site is hosted: an absolute URL (`https://errors.example.com/`) or a path
        /// (`/docs/errors/`) for a sub-folder. `errdocs build --base-url` overrides it.
        #[schemars(required, regex(pattern = r"^(https?://[^\s/?#]+(/[^\s?#]*)?|/[^\s?#]*)$"), example = &"https://errors.example.com/", example = &"/docs/errors/")]
        base_url: String,
        /// One or two sentences for the home page and search engines.
        #[schemars(example = &"What sign-in and refresh errors mean, why they happen and how to fix them.")]
        description: String,
        /// The pages' language: a BCP 47 tag. Default `en`. A site in several languages
        /// lists them in `languages` instead.
        #[schemars(regex(pattern = r"^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$"), example = &"en", example = &"en-GB")]
        language: String,
        /// The languages of a multilingual site, BCP 47 tags, the default first: its pages
        /// are at the root, each other language's under `/<tag>/`. Replaces `language`
        /// (which, if it stays, must be the first of `languages`).
        #[schemars(length(min = 1), inner(regex(pattern = r"^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$")), example = vec!["en", "de", "nl"])]
        languages: Vec<Located<String>>,
        /// What a language shows where a record has no translation into it: `fallback`
        /// (the default: the original text, with a notice) or `omit` (the page is left out
        /// of that language, and out of its lists, search, feed and API).
        #[schemars(regex(pattern = r"^(fallback|omit)$"), example = &"fallback")]
        untranslated: String,
        /// Product label for records that do not set their own.
        #[schemars(regex(pattern = r"^\s*[^\n]*\s*$"), example = &"Power BI")]
        product: String,
        /// "Edit this page" links to this URL followed by the record's path from the site root.
        #[schemars(regex(pattern = r"^https?://[^\s/]+"), example = &"https://github.com/OWNER/REPO/edit/main/")]
        edit_url: String,
        /// How many related errors a page lists. Default 8.
        #[schemars(range(min = 0, max = 100), example = 8)]
        related_limit: u32,
        /// Whether the JSON API has a file of its own for each record
        /// (`api/errors/<slug>.json`, the whole record). Default `false`: the API is
        /// its indexes (`api/errors.json`, `api/categories.json`), and each record's
        /// text is on its page.
        #[schemars(example = true)]
        api_records: bool,
        /// The folders of the site's pages. Default `errors`, `categories` and `tags`.
        urls: RawUrls,
        /// Fields the site's records may use besides the built-in ones, in the order
        /// pages show them.
        fields: Vec<Located<RawFieldDeclaration>>,
        /// The links of the header's menu, in order.
        nav: Vec<Located<RawLink>>,
        /// What the footer of every page shows besides errdocs' own links.
        footer: RawFooter,
        /// An image in `static/` shown beside the site's title (with the title as its
        /// alternative text).
        #[schemars(regex(pattern = r"^[^/\\][^\\]*$"), example = &"logo.svg")]
        logo: String,
    }
}

raw_mapping! {
    /// The front matter of a page, `content/pages/**/*.md`: YAML between a first line
    /// `---` and the next `---` line.
    #[schemars(rename = "FrontMatter", title = "errdocs page front matter", deny_unknown_fields)]
    pub struct RawFrontMatter ("a page's front matter") {
        /// The page's heading and title: plain text, one line.
        #[schemars(required, regex(pattern = r"^\s*[^\n]*\s*$"), length(min = 1, max = 160), example = &"How to read an error")]
        title: String,
        /// One or two sentences for search engines and lists (plain text).
        #[schemars(example = &"What each part of an error response means.")]
        description: String,
        /// Orders pages listed together: lighter first, then by title. Default 0.
        #[schemars(example = 10)]
        weight: i64,
        /// A draft is only built with `errdocs build --drafts`. Default `false`.
        #[schemars(example = false)]
        draft: bool,
        /// When the page last changed, as an ISO date (YYYY-MM-DD): it then appears in
        /// the Atom feed.
        #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"), extend("format" = "date"), example = &"2026-11-26")]
        updated: String,
    }
}

raw_mapping! {
    /// `urls` in `site.yaml`: where each kind of page goes. A folder is a path of
    /// lower-case slugs (`errors`, `docs/errors`); `errors` may be `""`, which puts
    /// each code at the site's root (`/acme-1001/`) and the A–Z list at `a-z/`.
    #[schemars(rename = "Urls", title = "URL layout", deny_unknown_fields)]
    pub struct RawUrls ("the `urls` settings") {
        /// The folder of the error pages and the A–Z list. Default `errors`.
        #[schemars(regex(pattern = r"^([a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*)?/?$"), example = &"errors", example = &"")]
        errors: String,
        /// The folder of the category pages. Default `categories`.
        #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*/?$"), example = &"categories")]
        categories: String,
        /// The folder of the tag pages. Default `tags`.
        #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*/?$"), example = &"tags")]
        tags: String,
    }
}

/// The types of a declared field, for the JSON Schema (the parser reads a string, so
/// a typo gets a "did you mean").
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum FieldTypeName {
    Text,
    Markdown,
    Integer,
    Boolean,
    Enum,
    Url,
    List,
    Version,
}

/// Where a declared field shows on its record's page, for the JSON Schema.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum ShowName {
    Facts,
    Section,
    None,
}

raw_mapping! {
    /// A field the site's records may use, declared in `site.yaml`'s `fields`.
    #[schemars(rename = "FieldDeclaration", title = "Declared field", deny_unknown_fields)]
    pub struct RawFieldDeclaration ("a field declaration") {
        /// The key records use: lower-case letters, digits and `_`, starting with a
        /// letter; not a built-in key.
        #[schemars(required, regex(pattern = r"^[a-z][a-z0-9_]{0,39}$"), example = &"http_status")]
        key: String,
        /// The label pages show: plain text, one line.
        #[schemars(required, regex(pattern = r"^\s*[^\n]*\s*$"), length(min = 1, max = 60), example = &"HTTP status")]
        label: String,
        /// `text` (one line), `markdown`, `integer`, `boolean`, `enum` (one of
        /// `values`), `url` (http or https), `list` (of one-line texts) or `version`
        /// (a version number such as `2.1.0`, or a list of them).
        #[schemars(required, with = "FieldTypeName", example = &"integer")]
        kind as "type": String,
        /// Whether every record must set it. Default `false`.
        #[schemars(example = false)]
        required: bool,
        /// Where its record's page shows it: `facts` (a row beside the severity and
        /// category), `section` (a section of its own, with the label as heading) or
        /// `none`. Default `facts`.
        #[schemars(with = "ShowName", example = &"facts")]
        show: String,
        /// Whether search finds records by its words. Default `false`.
        #[schemars(example = false)]
        searchable: bool,
        /// Whether the category, tag and A–Z pages offer a filter by its values
        /// (`enum`, `boolean` and `integer` fields only). Default `false`.
        #[schemars(example = true)]
        filter: bool,
        /// The values an `enum` field allows, in the order filters list them.
        #[schemars(inner(regex(pattern = r"^\s*[^\n]*\s*$")), example = vec!["python", "node"])]
        values: Vec<Located<String>>,
        /// What the field means, for editors (the record schema's description).
        #[schemars(example = &"The HTTP status code of the response.")]
        description: String,
    }
}

raw_mapping! {
    /// A link of the menu or the footer: a label and either a `page` of the site or
    /// a `url` elsewhere.
    #[schemars(rename = "Link", title = "Link", deny_unknown_fields)]
    pub struct RawLink ("a link") {
        /// The link's text.
        #[schemars(required, regex(pattern = r"^\s*[^\n]*\s*$"), length(min = 1, max = 60), example = &"Reading an error")]
        label: String,
        /// A page of the site, checked: `@/guide/reading-errors.md` (a file of
        /// `content/pages/`), `@CODE` (an error's page) or a path of the built site
        /// (`/categories/`). Quote it in YAML: a value cannot start with `@`.
        #[schemars(regex(pattern = r"^(@|/)"), example = &"@/guide/reading-errors.md")]
        page: String,
        /// An http(s) address elsewhere.
        #[schemars(regex(pattern = r"^https?://[^\s/]+"), example = &"https://status.example.com/")]
        url: String,
    }
}

raw_mapping! {
    /// `footer` in `site.yaml`.
    #[schemars(rename = "Footer", title = "Footer", deny_unknown_fields)]
    pub struct RawFooter ("the `footer` settings") {
        /// One line of Markdown (links allowed, checked as in records).
        #[schemars(example = &"© Acme. See [how to read an error](@/guide/reading-errors.md).")]
        text: String,
        /// Links, in order.
        links: Vec<Located<RawLink>>,
    }
}
