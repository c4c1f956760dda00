//! The built-in fields of an error record, declared once. (The fields a site adds in
//! `site.yaml` are [`crate::model::declared`].)
//!
//! `with_record_fields!` holds the table: for each field, in the order the format
//! lists them, its documentation (the JSON Schema's description), whether it is
//! required, its raw type (as YAML gives it) and its checked type, its JSON Schema
//! rules, and where it shows. Each stage reads the table with a macro of its own and
//! generates what it needs from it:
//!
//! | stage | generates from the table |
//! |---|---|
//! | [`load::raw`](crate::load::raw) | `RawRecord`, its keys and the JSON Schema |
//! | [`model`](crate::model) | `Record`, and [`Reach`]: which pages a changed field changes |
//! | [`validate`](crate::validate) | the missing-key checks, and a call to the field's own check function in `validate/fields.rs` |
//! | [`render::api`](crate::render::api) | `api/errors/<slug>.json` and its schema (`api:`) |
//! | [`render`](crate::render) | the field in the page's `record` (`api: plain`), and its words in the search index (`search:`) |
//! | [`explain`](crate::explain) | the field in the facts line (`fact:`) |
//!
//! Adding a built-in field is an entry here, its check function in
//! `validate/fields.rs` (a missing one does not compile), and its place in the
//! skeleton of `errdocs new` (a test fails without it); then its template and docs.
//!
//! The clauses of an entry:
//!
//! - `schema: (...)`: the field's `#[schemars(...)]` rules (`required` comes from
//!   the presence);
//! - `reach:` [`Reach`], what a change of the field changes, for the preview;
//! - `api:` how the JSON API and templates show it, with its description in the
//!   API's schema: `plain` (the value itself), `markdown` (`{"markdown", "html"}`,
//!   HTML from the rendered record's field of the same name; templates get it from
//!   the rendered record), `related` (the codes the page lists as related), or
//!   `hidden` (`control` fields);
//! - `search:` the words of which search class it adds to the index: `none`, `code`
//!   (identifiers: whole and split into words), `title`, `tags`, `message`, `summary`
//!   or `causes` (see `render::search::Field`);
//! - `fact:` (optional) the label under which `explain` lists it among the facts.
//!
//! The `head` fields come first in the JSON API, then the page's `url`, then the
//! `body` fields; `control` fields decide what is built and are shown nowhere.

/// How far a change of a record field reaches in the built site: what the preview
/// must render again when only such fields changed. Ordered: each reaches further
/// than the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    /// Shown only on the record's own page and in its JSON (causes, fixes, FAQ,
    /// sources): lists, related lists, search and feeds do not show it.
    Page,
    /// Shown in lists too: the A–Z and category pages, related lists, the search
    /// index, feeds and the API's index.
    Lists,
    /// Decides how the record links into the site (its URL, aliases, category,
    /// related codes, tags, draft flag): the model's lookups and lists change.
    Links,
}

/// Hands the table of built-in record fields to `$callback!`, as
/// `all [entries] head [entries] body [entries]`, each entry
/// `{ name, presence, (raw type), (checked type), [docs], (schema rules), reach,
/// api form, "api description", search class, [fact label], (cfg predicate: required) }`.
macro_rules! with_record_fields {
    ($callback:ident) => {
        $crate::fields::with_record_fields! { @parse $callback
        head {
            /// The error code. Letters, digits, `_`, `.` and `-`, starting with a letter or digit, at most 80
            /// characters, and equal to the file name without `.yaml`.
            code: required (String => String) {
                schema: (regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$"), example = &"AADSTS40009"),
                reach: Links,
                api: plain "The error code, as the record spells it.",
                search: code,
            }
            /// What went wrong, in one line of plain text (at most 160 characters).
            title: required (String => String) {
                schema: (regex(pattern = r"^\s*[^\n]*\s*$"), length(min = 1, max = 160), example = &"Refresh token could not be redeemed at the federated identity provider"),
                reach: Lists,
                api: plain "One line of plain text.",
                search: title,
            }
            /// The slug of a category defined in `content/categories.yaml`.
            category: required (String => String) {
                schema: (regex(pattern = r"^[a-z0-9][a-z0-9-]*$"), example = &"federation-and-tokens"),
                reach: Links,
                api: plain "The slug of its category (see `api/categories.json`).",
                search: none,
            }
            /// How much the error hurts: `low`, `medium`, `high` or `critical`.
            severity: required (String => Severity) {
                schema: (with = "SeverityName", example = &"medium"),
                reach: Lists,
                api: plain "`low`, `medium`, `high` or `critical`.",
                search: none,
            }
            /// The product that raises the error. Defaults to `product` in `site.yaml`.
            product: optional (String => Option<String>) {
                schema: (regex(pattern = r"^\s*[^\n]*\s*$"), example = &"Microsoft Entra ID"),
                reach: Lists,
                api: plain "The record's product, else the site's; `null` when neither is set.",
                search: none,
                fact: "Product",
            }
        }
        body {
            /// The error text as users see it. Searchable; pasted messages find this record.
            message: optional (String => Option<String>) {
                schema: (example = &"AADSTS40009: Error processing refresh token."),
                reach: Lists,
                api: plain "The message as users see it, or `null`.",
                search: message,
            }
            /// The error's symbolic name as the product's docs or source spell it (`InvalidUserNameOrPassword`, `unique_violation`, `ENOENT`): one line of plain text, at most 120 characters. Searchable.
            symbol: optional (String => Option<String>) {
                schema: (regex(pattern = r"^\s*[^\n]*\s*$"), length(min = 1, max = 120), example = &"InvalidUserNameOrPassword"),
                reach: Lists,
                api: plain "The error's symbolic name as the product's docs or source spell it, or `null`.",
                search: code,
                fact: "Symbol",
            }
            /// Markdown: what the error means, in two or three sentences a non-expert understands.
            summary: required (String => String) {
                schema: (length(min = 1), example = &"Microsoft Entra ID could not redeem a refresh token at the federated identity provider."),
                reach: Lists,
                api: markdown "What the error means.",
                search: summary,
            }
            /// Markdown, one item per cause: why the error happens, the most common first. At least one.
            causes: required (Vec<Located<String>> => Vec<String>) {
                schema: (length(min = 1), inner(length(min = 1)), example = vec!["The federated identity provider rejected the refresh token."]),
                reach: Page,
                api: markdown "Common causes, in the record's order.",
                search: causes,
            }
            /// Markdown, one item per step, in order. Fenced code blocks (```powershell) are highlighted. At least one.
            fixes: required (Vec<Located<String>> => Vec<String>) {
                schema: (length(min = 1), inner(length(min = 1)), example = vec!["Check the federation settings of the domain.", "Re-sync the trust:\n```powershell\nUpdate-MgDomainFederationConfiguration -DomainId contoso.com\n```"]),
                reach: Page,
                api: markdown "The fixes, in order.",
                search: none,
            }
            /// Frequently asked questions: a plain-text question and a Markdown answer each.
            faq: optional (Vec<Located<RawFaq>> => Vec<Faq>) {
                schema: (example = faq_example()),
                reach: Page,
                api: markdown "Questions and answers; `[]` when none.",
                search: none,
            }
            /// Codes of other records a reader would go to next. Each must exist; the link shows on both pages.
            related: optional (Vec<Located<String>> => Vec<String>) {
                schema: (inner(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")), example = vec!["AADSTS50058"]),
                reach: Links,
                api: related "The codes the page lists as related, in the page's order.",
                search: none,
            }
            /// Other spellings that lead here (redirect pages and search), unique across the site ignoring case.
            aliases: optional (Vec<Located<String>> => Vec<String>) {
                schema: (inner(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")), example = vec!["40009"]),
                reach: Links,
                api: plain "Other spellings that lead to this code.",
                search: code,
            }
            /// Lower-case slugs that group related records.
            tags: optional (Vec<Located<String>> => Vec<String>) {
                schema: (inner(regex(pattern = r"^[a-z0-9][a-z0-9-]*$")), example = vec!["federation", "refresh-token"]),
                reach: Links,
                api: plain "Lower-case slugs.",
                search: tags,
            }
            /// Where the facts come from: a title and an http(s) URL each. `check` warns when there are none.
            sources: optional (Vec<Located<RawSource>> => Vec<Source>) {
                schema: (example = sources_example()),
                reach: Page,
                api: plain "Where the facts come from.",
                search: none,
            }
            /// When the record was last checked, as an ISO date (YYYY-MM-DD).
            updated: optional (String => Option<jiff::civil::Date>) {
                schema: (with = "Option<String>", regex(pattern = r"^\d{4}-\d{2}-\d{2}$"), extend("format" = "date"), example = &"2026-11-26"),
                reach: Lists,
                api: plain "The ISO date the record was last updated, or `null`.",
                search: none,
            }
        }
        control {
            /// A draft is only built with `errdocs build --drafts`. Default `false`.
            draft: optional (bool => bool) {
                schema: (example = false),
                reach: Links,
                api: hidden "Shown nowhere: it decides whether the record is built.",
                search: none,
            }
        }
        }
    };

    // Turns the table into the compact entries callbacks match (see above), one
    // field at a time.
    (@parse $callback:ident
        head { $($head:tt)* }
        body { $($body:tt)* }
        control { $($control:tt)* }
    ) => {
        $crate::fields::with_record_fields! { @entries $callback [] [] []
            [head $($head)*] [body $($body)*] [control $($control)*]
        }
    };
    // A field of a group.
    (@entries $callback:ident $all:tt $h:tt $b:tt
        [$group:ident
            $(#[doc = $doc:literal])*
            $name:ident : $presence:ident ($raw:ty => $model:ty) {
                schema: ($($schema:tt)*),
                reach: $reach:ident,
                api: $api:ident $api_doc:literal,
                search: $search:ident,
                $(fact: $fact:literal,)?
            }
            $($rest:tt)*
        ]
        $($groups:tt)*
    ) => {
        $crate::fields::with_record_fields! { @presence $presence $group $callback
            { $name, $presence, ($raw), ($model), [$($doc),*], ($($schema)*), $reach, $api, $api_doc, $search, [$($fact)?] }
            $all $h $b [$group $($rest)*] $($groups)*
        }
    };
    // A group done: the next one.
    (@entries $callback:ident $all:tt $h:tt $b:tt [$group:ident] $($groups:tt)*) => {
        $crate::fields::with_record_fields! { @entries $callback $all $h $b $($groups)* }
    };
    // Every group done.
    (@entries $callback:ident [$($all:tt)*] [$($h:tt)*] [$($b:tt)*]) => {
        $callback! { all [$($all)*] head [$($h)*] body [$($b)*] }
    };
    // The entry ends with a `cfg` predicate that holds for required fields, so a
    // generator can put an attribute on them alone (`#[cfg_attr(..., ...)]`).
    (@presence required $group:ident $callback:ident { $($entry:tt)* } $($more:tt)*) => {
        $crate::fields::with_record_fields! { @push $group $callback { $($entry)*, (all()) } $($more)* }
    };
    (@presence optional $group:ident $callback:ident { $($entry:tt)* } $($more:tt)*) => {
        $crate::fields::with_record_fields! { @push $group $callback { $($entry)*, (any()) } $($more)* }
    };
    // An entry goes to `all` and to its group's list.
    (@push head $callback:ident $entry:tt [$($all:tt)*] [$($h:tt)*] $b:tt $($groups:tt)*) => {
        $crate::fields::with_record_fields! { @entries $callback [$($all)* $entry] [$($h)* $entry] $b $($groups)* }
    };
    (@push body $callback:ident $entry:tt [$($all:tt)*] $h:tt [$($b:tt)*] $($groups:tt)*) => {
        $crate::fields::with_record_fields! { @entries $callback [$($all)* $entry] $h [$($b)* $entry] $($groups)* }
    };
    (@push control $callback:ident $entry:tt [$($all:tt)*] $h:tt $b:tt $($groups:tt)*) => {
        $crate::fields::with_record_fields! { @entries $callback [$($all)* $entry] $h $b $($groups)* }
    };
}

pub(crate) use with_record_fields;

/// Hands the fields a translation (`CODE.<lang>.yaml`) holds to `$callback!`, as
/// `required [names] optional [names]`: the text a reader reads, and `updated` (when the
/// translation was last checked against its original). A translation must give the
/// required ones; an optional one it leaves out is the original's. Every other field
/// (code, category, severity, product, symbol, related, aliases, tags, sources, draft)
/// is the original's in every language.
macro_rules! with_translated_fields {
    ($callback:ident) => {
        $callback! {
            required [title, summary, causes, fixes]
            optional [message, faq, updated]
        }
    };
}

pub(crate) use with_translated_fields;

/// `TRANSLATED_KEYS` and `TRANSLATED_REQUIRED` from the list of translated fields.
macro_rules! translated_keys {
    (required [$($required:ident),*] optional [$($optional:ident),*]) => {
        /// The keys a translation may hold, in the order records list them.
        pub const TRANSLATED_KEYS: &[&str] = &[$(stringify!($required),)* $(stringify!($optional),)*];
        /// The keys a translation must hold.
        pub const TRANSLATED_REQUIRED: &[&str] = &[$(stringify!($required)),*];
    };
}
with_translated_fields!(translated_keys);
