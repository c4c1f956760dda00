//! The words of the theme, per language: every label, heading, aria-label, page title,
//! count and date a built site shows that is not content.
//!
//! The built-in theme carries a strings file per language (`strings/en.yaml`,
//! `strings/de.yaml`, …, compiled into the binary beside `templates/` and `static/`); a
//! site overrides any key in its own `strings/<language>.yaml`, or brings a whole file
//! for a language errdocs has no words for. [`files`] reads both kinds, and
//! `validate::strings` checks a site's files against the English one, the reference of
//! every key. A [`Strings`] is one language's words, complete: templates reach it
//! through the `t()` function ([`Strings::tera_function`]), the scripts through a JSON
//! block in every page ([`Strings::script_json`]), and Rust code through
//! [`Strings::text`].
//!
//! A value is text with `{placeholders}`, plural forms chosen by CLDR plural category
//! (with `icu_plurals`' rules for the language, as the browser's `Intl.PluralRules`
//! chooses them), or a list (the month names). Keys ending in `_html` hold a little
//! markup; every other value is plain text that templates escape.

pub mod files;

use std::collections::BTreeMap;
use std::sync::Arc;

use icu_plurals::{PluralCategory, PluralRules};

pub use files::{BUILTIN_LANGUAGES, REFERENCE_LANGUAGE};

/// One value of a strings file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    /// Text, with `{placeholders}`.
    Plain(String),
    /// Plural forms by CLDR category name (`one`, `few`, `many`, `other`, …).
    Plural(BTreeMap<String, String>),
    /// A list of texts (the month names).
    List(Vec<String>),
}

impl Text {
    /// What kind of value it is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Text::Plain(_) => "text",
            Text::Plural(_) => "plural forms",
            Text::List(_) => "a list",
        }
    }

    /// Every text it holds.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Text::Plain(text) => vec![text],
            Text::Plural(forms) => forms.values().map(String::as_str).collect(),
            Text::List(items) => items.iter().map(String::as_str).collect(),
        }
    }
}

/// Key → value: a strings file, or a language's words once merged.
pub type Texts = BTreeMap<String, Text>;

/// The keys the scripts (`static/app.js`, `static/search.js`) use: they reach the page
/// in a JSON block ([`Strings::script_json`]), so a page carries only these.
pub const SCRIPT_KEYS: &[&str] = &[
    "copy.button",
    "copy.done",
    "copy.manual",
    "copy.announce_done",
    "copy.announce_blocked",
    "copy.message",
    "copy.code",
    "copy.code_of_step",
    "code.message",
    "code.code",
    "code.text",
    "code.console",
    "code.output",
    "count.errors",
    "list.showing",
    "severity.low",
    "severity.medium",
    "severity.high",
    "severity.critical",
    "severity.hidden_suffix",
    "search.results",
    "search.category",
    "search.all_categories",
    "search.severity",
    "search.any_severity",
    "search.loading",
    "search.found_in_text",
    "search.jump",
    "search.no_match",
    "search.no_match_filtered",
    "search.found",
    "search.found_best",
    "search.found_results",
    "search.found_results_best",
    "search.page",
    "search.failed",
];

/// The prefix of the keys of a site's strings file that give the site's own words in
/// that language (its title, field labels, menu): `site.yaml` holds the default
/// language's ([`crate::model::SiteConfig::own_words`]).
pub const SITE_WORDS: &str = "site.";

/// One language's words, complete: every key of the reference file is there.
#[derive(Clone)]
pub struct Strings {
    /// The language tag, as `site.yaml` writes it (`de`, `pt-BR`).
    language: String,
    texts: Arc<Texts>,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings")
            .field("language", &self.language)
            .field("keys", &self.texts.len())
            .finish()
    }
}

impl PartialEq for Strings {
    fn eq(&self, other: &Strings) -> bool {
        self.language == other.language && self.texts == other.texts
    }
}

impl Strings {
    /// The words of `language`, from texts already checked to be complete.
    pub fn new(language: &str, texts: Texts) -> Strings {
        Strings {
            language: language.to_string(),
            texts: Arc::new(texts),
        }
    }

    /// The built-in words of `language` (or of its primary language: `pt` for `pt-BR`),
    /// if errdocs has them.
    pub fn builtin(language: &str) -> Option<Strings> {
        files::builtin_texts(language).map(|texts| Strings::new(language, texts))
    }

    pub fn language(&self) -> &str {
        &self.language
    }

    /// The value of `key`, if the language has it.
    pub fn get(&self, key: &str) -> Option<&Text> {
        self.texts.get(key)
    }

    /// The text of `key` with its placeholders filled from `args` (`("site", "…")`);
    /// for plural forms, the form the language's rules choose for `n`, which also
    /// fills `{n}`. Plain text, not escaped. A key the language does not have gives
    /// the key itself in brackets: validation makes every built-in key present, so
    /// this shows only in a site template that names a key no strings file defines,
    /// and `t()` refuses that before.
    pub fn text(&self, key: &str, n: Option<u64>, args: &[(&str, &str)]) -> String {
        let template = match (self.texts.get(key), n) {
            (Some(Text::Plain(text)), _) => text.as_str(),
            (Some(Text::Plural(forms)), Some(n)) => self.plural_form(forms, n),
            (Some(Text::Plural(forms)), None) => forms.get("other").map_or("", String::as_str),
            (Some(Text::List(_)) | None, _) => return format!("[{key}]"),
        };
        let n_text = n.map(|n| n.to_string());
        let mut all: Vec<(&str, &str)> = args.to_vec();
        if let Some(n) = &n_text {
            all.push(("n", n));
        }
        fill(template, &all)
    }

    /// [`Strings::text`] without placeholders: a label.
    pub fn label(&self, key: &str) -> String {
        self.text(key, None, &[])
    }

    /// The form of `forms` for `n`: its CLDR category's, else `other`.
    fn plural_form<'a>(&self, forms: &'a BTreeMap<String, String>, n: u64) -> &'a str {
        // The rules are looked up per call (a binary search in compiled data): they are
        // not `Sync`, and a `Strings` is shared by the threads that render pages.
        let category = category_name(plural_rules(&self.language).category_for(n));
        forms
            .get(category)
            .or_else(|| forms.get("other"))
            .map_or("", String::as_str)
    }

    /// A date as the language writes it: "December 2, 2026", "2. Dezember 2026",
    /// "1er décembre 2026".
    pub fn date(&self, date: jiff::civil::Date) -> String {
        let month = match self.texts.get("date.months") {
            Some(Text::List(months)) => months
                .get(date.month() as usize - 1)
                .cloned()
                .unwrap_or_default(),
            _ => date.month().to_string(),
        };
        let day = if date.day() == 1 {
            self.label("date.first_day")
        } else {
            date.day().to_string()
        };
        let year = date.year().to_string();
        self.text(
            "date.format",
            None,
            &[("day", &day), ("month", &month), ("year", &year)],
        )
    }

    /// The words the scripts use ([`SCRIPT_KEYS`]), as JSON safe inside a `<script>`
    /// block: `{"copy.button": "Copy", "count.errors": {"one": …, "other": …}, …}`.
    pub fn script_json(&self) -> String {
        let mut map = serde_json::Map::new();
        for key in SCRIPT_KEYS {
            let value = match self.texts.get(*key) {
                Some(Text::Plain(text)) => serde_json::json!(text),
                Some(Text::Plural(forms)) => serde_json::json!(forms),
                Some(Text::List(items)) => serde_json::json!(items),
                None => continue,
            };
            map.insert((*key).to_string(), value);
        }
        let json = serde_json::to_string(&map).expect("strings serialize to JSON");
        crate::render::escape_json_for_script(&json)
    }

    /// The words the scripts use as a script file of their own, `strings-<lang>.js`:
    /// it sets `window.errdocsStrings` to [`Strings::script_json`]. A file, not a
    /// block in every page: the same 2 KB on each of thousands of pages would be most
    /// of their head, and a browser caches the file once.
    pub fn script_file(&self) -> String {
        format!("window.errdocsStrings={};\n", self.script_json())
    }

    /// The `t()` function of templates: `t(key="record.fixes")`, `t(key="count.errors",
    /// n=3)`, `t(key="a_to_z.description", site=site.title)`. Every other argument fills
    /// the placeholder of its name. A key the language does not have is an error naming
    /// it (never another language's words); a `_html` key's markup is kept, and its
    /// placeholders are escaped.
    pub fn tera_function(
        &self,
    ) -> impl Fn(tera::Kwargs, &tera::State) -> tera::TeraResult<tera::Value> + Send + Sync + 'static
    {
        let strings = self.clone();
        move |kwargs: tera::Kwargs, _: &tera::State| {
            let key: String = kwargs.must_get::<&str>("key")?.to_string();
            if !strings.texts.contains_key(&key) {
                return Err(tera::Error::message(format!(
                    "t(): no string `{key}` in the {} strings (add it to strings/{}.yaml)",
                    strings.language, strings.language
                )));
            }
            let n = match kwargs.get::<tera::Value>("n")? {
                Some(value) => Some(
                    value
                        .as_u64()
                        .or_else(|| value.as_i64().map(|i| i.max(0) as u64))
                        .ok_or_else(|| {
                            tera::Error::message(format!(
                                "t(key=\"{key}\"): `n` must be a whole number"
                            ))
                        })?,
                ),
                None => None,
            };
            let html = key.ends_with("_html");
            let mut args: Vec<(String, String)> = Vec::new();
            for (name, value) in kwargs.iter() {
                let name = name.to_string();
                if name == "key" || name == "n" {
                    continue;
                }
                let text = match value.as_str() {
                    Some(text) => text.to_string(),
                    None => value.to_string(),
                };
                args.push((name, if html { escape_html(&text) } else { text }));
            }
            let borrowed: Vec<(&str, &str)> =
                args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let text = strings.text(&key, n, &borrowed);
            Ok(if html {
                tera::Value::safe_string(&text)
            } else {
                tera::Value::from(text)
            })
        }
    }
}

/// `template` with each `{name}` of `args` replaced by its value; other braces stay.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{placeholders}` of a text, in order, each once.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if close > 0
                    && after[..close]
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
            {
                if !names.contains(&&after[..close]) {
                    names.push(&after[..close]);
                }
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    names
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

/// The cardinal plural rules of `language` (CLDR data compiled into `icu_plurals`); a
/// language CLDR does not know gets the root rules, where every number is `other`.
pub fn plural_rules(language: &str) -> PluralRules {
    let locale =
        icu_locale_core::Locale::try_from_str(language).unwrap_or(icu_locale_core::Locale::UNKNOWN);
    PluralRules::try_new_cardinal((&locale).into())
        .or_else(|_| PluralRules::try_new_cardinal((&icu_locale_core::Locale::UNKNOWN).into()))
        .expect("the root locale has plural rules")
}

/// The CLDR names of the plural categories `language`'s rules use: what a value with
/// plural forms must give for it.
pub fn plural_categories(language: &str) -> Vec<&'static str> {
    plural_rules(language)
        .categories()
        .map(category_name)
        .collect()
}

/// Every CLDR plural category name.
pub const CATEGORY_NAMES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_listed() {
        assert_eq!(
            fill("{a} and {b}, {c}", &[("a", "1"), ("b", "2")]),
            "1 and 2, {c}"
        );
        assert_eq!(placeholders("{n} of {shown} {n} { x} {}"), ["n", "shown"]);
    }

    #[test]
    fn plural_forms_follow_each_languages_rules() {
        let en = Strings::builtin("en").unwrap();
        assert_eq!(
            en.text("record.skip_to_fix", Some(1), &[]),
            "Skip to the fix: 1 step"
        );
        assert_eq!(
            en.text("record.skip_to_fix", Some(4), &[]),
            "Skip to the fix: 4 steps"
        );
        assert_eq!(en.text("count.errors", Some(0), &[]), "0 errors");
        let fr = Strings::builtin("fr").unwrap();
        // French: 0 and 1 are singular; a million takes "de".
        assert_eq!(fr.text("count.errors", Some(0), &[]), "0 erreur");
        assert_eq!(fr.text("count.errors", Some(2), &[]), "2 erreurs");
        assert_eq!(
            fr.text("count.errors", Some(1_000_000), &[]),
            "1000000 d’erreurs"
        );
        let pt = Strings::builtin("pt-BR").unwrap();
        assert_eq!(pt.text("count.errors", Some(0), &[]), "0 erro");
        assert_eq!(plural_categories("de"), ["one", "other"]);
        assert_eq!(plural_categories("fr"), ["one", "many", "other"]);
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let date: jiff::civil::Date = "2026-12-02".parse().unwrap();
        let first: jiff::civil::Date = "2026-03-01".parse().unwrap();
        let cases = [
            ("en", "December 2, 2026", "March 1, 2026"),
            ("de", "2. Dezember 2026", "1. März 2026"),
            ("fr", "2 décembre 2026", "1er mars 2026"),
            ("es", "2 de diciembre de 2026", "1 de marzo de 2026"),
            ("nl", "2 december 2026", "1 maart 2026"),
            ("pt", "2 de dezembro de 2026", "1º de março de 2026"),
        ];
        for (language, second, first_day) in cases {
            let strings = Strings::builtin(language).unwrap();
            assert_eq!(strings.date(date), second);
            assert_eq!(strings.date(first), first_day);
        }
    }

    #[test]
    fn every_key_the_scripts_name_reaches_the_page() {
        for script in [
            include_str!("../../static/app.js"),
            include_str!("../../static/search.js"),
        ] {
            for (at, _) in script.match_indices("t(\"") {
                // The function `t`, not the end of a longer name (`createElement("p")`).
                let before = script[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                    continue;
                }
                let key = script[at + 3..].split('"').next().unwrap();
                let key = key.trim_end_matches('.');
                let named = SCRIPT_KEYS.iter().any(|k| *k == key || k.starts_with(key));
                assert!(
                    named,
                    "a script uses `{key}`, which SCRIPT_KEYS does not hold"
                );
            }
        }
    }

    #[test]
    fn script_json_holds_only_the_scripts_keys_and_cannot_end_its_block() {
        let json = Strings::builtin("en").unwrap().script_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value.as_object().unwrap().len(), SCRIPT_KEYS.len());
        assert!(!json.contains('<'));
        assert_eq!(value["count.errors"]["one"], "{n} error");
    }
}
