//! The words of each language of a site, checked: the built-in strings of the language
//! with the site's own `strings/<language>.yaml` on top, held to the English file,
//! which has every key the theme uses.
//!
//! A language errdocs has no words for needs a site file with every key; a value must
//! be of the reference's kind (text, plural forms, list), give every plural form the
//! language's rules use, and keep the reference's `{placeholders}`. A key a site adds
//! for its own templates must be there in every language of the site.

use std::collections::{BTreeMap, BTreeSet};

use super::checker::Checker;
use crate::diagnostics::{Diagnostic, Position, did_you_mean};
use crate::load::SourceFile;
use crate::load::raw::{Located, RawSiteConfig};
use crate::model::SiteConfig;
use crate::strings::files::{SiteStrings, builtin_texts, site_file};
use crate::strings::{
    BUILTIN_LANGUAGES, CATEGORY_NAMES, REFERENCE_LANGUAGE, SITE_KEYS, Strings, Text, Texts,
    placeholders, plural_categories,
};

/// What is wrong with one value of a language's words.
#[derive(Debug, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    pub rule: &'static str,
    pub message: String,
}

/// Every problem of `texts` (`language`'s words) held to `reference`: keys missing,
/// values of another kind, plural forms missing or unknown, placeholders changed,
/// lists of another length. Keys the reference lacks are not judged here.
pub fn problems(reference: &Texts, texts: &Texts, language: &str) -> Vec<Problem> {
    let mut found = Vec::new();
    for (key, wanted) in reference {
        match texts.get(key) {
            None => found.push(Problem {
                key: key.clone(),
                rule: "missing-string",
                message: format!("`{key}` is missing"),
            }),
            Some(value) => found.extend(value_problems(key, wanted, value, language)),
        }
    }
    found
}

/// The problems of one value, held to the reference's value of the same key.
fn value_problems(key: &str, wanted: &Text, value: &Text, language: &str) -> Vec<Problem> {
    let problem = |rule, message: String| Problem {
        key: key.to_string(),
        rule,
        message,
    };
    let mut found = Vec::new();
    if std::mem::discriminant(wanted) != std::mem::discriminant(value) {
        found.push(problem(
            "invalid-string",
            format!(
                "`{key}` is {}, but the theme uses {} there",
                value.kind(),
                wanted.kind()
            ),
        ));
        return found;
    }
    let wanted_names: BTreeSet<&str> = wanted.texts().into_iter().flat_map(placeholders).collect();
    match value {
        Text::Plural(forms) => {
            for category in forms.keys() {
                if !CATEGORY_NAMES.contains(&category.as_str()) {
                    found.push(problem("invalid-string", format!("`{key}` has a form `{category}`, which is not a plural category (use {})", CATEGORY_NAMES.join(", "))));
                }
            }
            for category in plural_categories(language) {
                if !forms.contains_key(category) {
                    found.push(problem(
                        "missing-string",
                        format!("`{key}` has no `{category}` form, which `{language}` needs"),
                    ));
                }
            }
            // A form may leave out `{n}` ("one error"), but never add a placeholder.
            for text in forms.values() {
                found.extend(unknown_placeholders(key, text, &wanted_names));
            }
        }
        Text::Plain(text) => {
            let names: BTreeSet<&str> = placeholders(text).into_iter().collect();
            if names != wanted_names {
                let list = |set: &BTreeSet<&str>| {
                    set.iter()
                        .map(|n| format!("{{{n}}}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                found.push(problem(
                    "invalid-string",
                    format!(
                        "`{key}` must use the placeholders {} (it uses {})",
                        or_none(&list(&wanted_names)),
                        or_none(&list(&names))
                    ),
                ));
            }
        }
        Text::List(items) => {
            let (Text::List(wanted_items), true) = (wanted, true) else {
                unreachable!("same kind")
            };
            if items.len() != wanted_items.len() {
                found.push(problem(
                    "invalid-string",
                    format!(
                        "`{key}` lists {} items; it needs {}",
                        items.len(),
                        wanted_items.len()
                    ),
                ));
            }
        }
    }
    found
}

fn or_none(text: &str) -> &str {
    if text.is_empty() { "none" } else { text }
}

fn unknown_placeholders(key: &str, text: &str, known: &BTreeSet<&str>) -> Option<Problem> {
    let unknown: Vec<&str> = placeholders(text)
        .into_iter()
        .filter(|n| *n != "n" && !known.contains(n))
        .collect();
    (!unknown.is_empty()).then(|| Problem {
        key: key.to_string(),
        rule: "invalid-string",
        message: format!(
            "`{key}` uses the placeholder {{{}}}, which the theme does not fill there",
            unknown[0]
        ),
    })
}

/// The words of every language of the site, in `config.languages`' order, when each
/// is complete and sound; every problem becomes a diagnostic (in the strings file, or
/// at the language in `site.yaml`). `site_files` are the site's strings files by
/// language tag (their file stem).
pub(crate) fn check_strings(
    config: &SiteConfig,
    config_file: &SourceFile,
    raw_config: &Located<RawSiteConfig>,
    site_files: &BTreeMap<String, SiteStrings>,
    found: &mut Vec<Diagnostic>,
) -> Option<Vec<Strings>> {
    let reference = builtin_texts(REFERENCE_LANGUAGE).expect("the reference language is built in");
    let languages = &config.languages;
    let own = own_keys(&reference, languages, site_files);
    let mut all = Vec::with_capacity(languages.len());
    for language in languages {
        let before = found.iter().filter(|d| d.is_error()).count();
        let site = site_files.get(language);
        let Some(texts) = merged(language, site, raw_config, config_file, found) else {
            continue;
        };
        let file = site.map_or_else(|| site_file(language), |s| s.file.clone());
        let at = |key: &str| site.and_then(|s| s.values.get(key)).and_then(|(_, p)| *p);
        for problem in problems(&reference, &texts, language) {
            let message = if problem.rule == "missing-string" && !texts.contains_key(&problem.key) {
                format!(
                    "{} has no `{}`, which strings/{REFERENCE_LANGUAGE}.yaml defines",
                    crate::diagnostics::display_path(&file),
                    problem.key
                )
            } else {
                problem.message
            };
            found.push(string_diagnostic(
                problem.rule,
                &file,
                at(&problem.key),
                message,
            ));
        }
        for (key, defined_in) in &own {
            if !texts.contains_key(*key) {
                found.push(string_diagnostic(
                    "missing-string",
                    &file,
                    None,
                    format!(
                        "{} has no `{key}`, which {} defines for the site's templates",
                        crate::diagnostics::display_path(&file),
                        crate::diagnostics::display_path(&defined_in.file),
                    ),
                ));
            }
        }
        for key in site.iter().flat_map(|s| s.values.keys()) {
            if let Some(near) = (!reference.contains_key(key))
                .then(|| did_you_mean(key, reference.keys().map(String::as_str)))
                .flatten()
            {
                found.push(
                    Diagnostic::warning(
                        "unknown-string",
                        &file,
                        format!("the theme has no string `{key}`"),
                    )
                    .at(at(key))
                    .with_hint(format!("did you mean `{near}`?")),
                );
            }
        }
        let sound = found.iter().filter(|d| d.is_error()).count() == before;
        if sound {
            all.push(Strings::new(language, texts));
        }
    }
    (all.len() == languages.len()).then_some(all)
}

/// The keys a site adds for its own templates (each language of the site must have
/// them), with the first file that defines each.
fn own_keys<'a>(
    reference: &Texts,
    languages: &[String],
    site_files: &'a BTreeMap<String, SiteStrings>,
) -> BTreeMap<&'a str, &'a SiteStrings> {
    let mut own = BTreeMap::new();
    for file in languages.iter().filter_map(|l| site_files.get(l)) {
        for key in file.values.keys() {
            if !reference.contains_key(key) && !SITE_KEYS.contains(&key.as_str()) {
                own.entry(key.as_str()).or_insert(file);
            }
        }
    }
    own
}

/// The built-in words of `language` with the site's file on top; `None` (and an
/// `unknown-language` error at the language in `site.yaml`) when there are neither.
fn merged(
    language: &str,
    site: Option<&SiteStrings>,
    raw_config: &Located<RawSiteConfig>,
    config_file: &SourceFile,
    found: &mut Vec<Diagnostic>,
) -> Option<Texts> {
    let builtin = builtin_texts(language);
    if builtin.is_none() && site.is_none() {
        if icu_locale_core::Locale::try_from_str(language).is_err() {
            // Not a language tag: that error is reported already.
            return None;
        }
        let mut c = Checker {
            file: config_file,
            found,
        };
        let message = format!("errdocs has no words for the language `{language}`");
        let diagnostic = match language_value(raw_config, language) {
            Some(at) => c.error("unknown-language", at, message),
            None => c.error("unknown-language", raw_config, message),
        };
        diagnostic.hint = Some(format!(
            "errdocs has built-in words for {}; for another language, write every string of strings/{REFERENCE_LANGUAGE}.yaml in the site's {}",
            BUILTIN_LANGUAGES.join(", "),
            crate::diagnostics::display_path(&site_file(language)),
        ));
        return None;
    }
    let mut texts = builtin.unwrap_or_default();
    if let Some(site) = site {
        texts.extend(site.texts());
    }
    Some(texts)
}

/// Where `site.yaml` writes `language` (in `languages` or as `language`).
fn language_value<'a>(
    raw: &'a Located<RawSiteConfig>,
    language: &str,
) -> Option<&'a Located<String>> {
    let r = raw.value();
    let listed = r
        .languages
        .iter()
        .flat_map(|l| l.value())
        .find(|l| l.value().trim() == language);
    listed.or(r.language.as_ref())
}

fn string_diagnostic(
    rule: &'static str,
    file: &std::path::Path,
    position: Option<Position>,
    message: String,
) -> Diagnostic {
    Diagnostic::error(rule, file, message).at(position)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_language_has_every_string_in_sound_form() {
        let reference = builtin_texts(REFERENCE_LANGUAGE).unwrap();
        for language in BUILTIN_LANGUAGES {
            let texts = builtin_texts(language).unwrap();
            assert_eq!(
                problems(&reference, &texts, language),
                [],
                "strings/{language}.yaml"
            );
            let extra: Vec<&String> = texts
                .keys()
                .filter(|k| !reference.contains_key(*k))
                .collect();
            assert!(
                extra.is_empty(),
                "strings/{language}.yaml has keys en.yaml lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn a_changed_placeholder_a_missing_plural_form_and_a_short_list_are_problems() {
        let reference = builtin_texts("en").unwrap();
        let mut texts = builtin_texts("fr").unwrap();
        texts.insert("alias.moved".into(), Text::Plain("Déplacée.".into()));
        texts.insert(
            "count.errors".into(),
            Text::Plural(
                [
                    ("one".to_string(), "{n} erreur".to_string()),
                    ("other".to_string(), "{n} erreurs".to_string()),
                ]
                .into(),
            ),
        );
        texts.insert("date.months".into(), Text::List(vec!["janvier".into()]));
        texts.remove("record.fixes");
        let found: Vec<(String, &str)> = problems(&reference, &texts, "fr")
            .into_iter()
            .map(|p| (p.key, p.rule))
            .collect();
        assert_eq!(
            found,
            [
                ("alias.moved".to_string(), "invalid-string"),
                ("count.errors".to_string(), "missing-string"),
                ("date.months".to_string(), "invalid-string"),
                ("record.fixes".to_string(), "missing-string"),
            ]
        );
    }
}
