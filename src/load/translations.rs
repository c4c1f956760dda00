//! Translations among the files of a site: `content/errors/**/CODE.<lang>.yaml` beside
//! each record, and `content/categories.<lang>.yaml` beside the categories.
//!
//! A record file's name is its code, and codes may hold dots (`DataSource.Error`), so a
//! file is a translation by the site's languages: `X.nl.yaml` translates `X.yaml` into
//! Dutch when `nl` is one of the site's languages other than the default. A file named
//! like a translation into a language the site does not list, beside its original, is
//! an error (`unlisted-language`) rather than a record with a puzzling code.

use std::path::{Path, PathBuf};

use super::raw::{Located, RawSiteConfig};
use crate::diagnostics::Diagnostic;

/// A translation file of a record: where it is, its language, and its original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TranslationPath {
    pub path: PathBuf,
    pub language: String,
    /// The record file it translates (which may not exist: then it is an orphan).
    pub original: PathBuf,
}

/// The languages `site.yaml` lists, as written (the default first), read from its raw
/// form so that files can be sorted before settings are checked; `en` without any.
pub fn raw_languages(config: Option<&Located<RawSiteConfig>>) -> Vec<String> {
    let Some(raw) = config.map(Located::value) else {
        return vec!["en".into()];
    };
    match (&raw.languages, &raw.language) {
        (Some(list), _) if !list.value().is_empty() => (list.value().iter())
            .map(|l| l.value().trim().to_string())
            .collect(),
        (_, Some(language)) => vec![language.value().trim().to_string()],
        _ => vec!["en".into()],
    }
}

/// Splits the YAML files under `content/errors/` into records and translations, given
/// the site's languages (the default first). A file `X.L.yaml` is a translation when
/// `L` is one of the other languages; when `L` merely looks like a language tag and
/// `X.yaml` is beside it, it is an error; otherwise it is a record.
pub fn split(
    root: &Path,
    paths: Vec<PathBuf>,
    languages: &[String],
) -> (Vec<PathBuf>, Vec<TranslationPath>, Vec<Diagnostic>) {
    let mut records = Vec::with_capacity(paths.len());
    let mut translations = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        let Some((original, language)) = parts(&path) else {
            records.push(path);
            continue;
        };
        let listed = languages
            .iter()
            .skip(1)
            .find(|l| l.eq_ignore_ascii_case(language));
        if let Some(listed) = listed {
            translations.push(TranslationPath {
                language: listed.clone(),
                original,
                path,
            });
        } else if looks_like_language(language) && root.join(&original).is_file() {
            let default = languages.first().map_or("en", String::as_str);
            let message = if language.eq_ignore_ascii_case(default) {
                format!(
                    "this file is named as a translation into `{language}`, the site's default language, which its original is already in"
                )
            } else {
                format!(
                    "this file is named as a translation into `{language}`, which site.yaml does not list in `languages`"
                )
            };
            diagnostics.push(
                Diagnostic::error("unlisted-language", &path, message).with_hint(format!(
                    "add `{language}` to `languages` in site.yaml (the default first), or rename the file"
                )),
            );
        } else {
            records.push(path);
        }
    }
    (records, translations, diagnostics)
}

/// `X.L.yaml` → (`X.yaml`, `L`), for a file name with at least two dots.
fn parts(path: &Path) -> Option<(PathBuf, &str)> {
    let stem = path.file_stem()?.to_str()?;
    let (code, language) = stem.rsplit_once('.')?;
    if code.is_empty() || language.is_empty() {
        return None;
    }
    Some((path.with_file_name(format!("{code}.yaml")), language))
}

/// Whether `text` has the shape of a language tag: two or three letters, then optional
/// subtags (`nl`, `pt-BR`, `zh-Hant`).
fn looks_like_language(text: &str) -> bool {
    let mut parts = text.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The file of the categories' translation into `language`, relative to the root.
pub fn categories_file(language: &str) -> PathBuf {
    PathBuf::from(format!("content/categories.{language}.yaml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_named_for_a_listed_language_are_translations() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("content/errors/a");
        std::fs::create_dir_all(&folder).unwrap();
        for name in ["X.yaml", "Y.yaml"] {
            std::fs::write(folder.join(name), "code: x").unwrap();
        }
        let languages = ["en".to_string(), "nl".to_string()];
        let paths: Vec<PathBuf> = [
            "X.yaml",
            "X.nl.yaml",
            "Z.nl.yaml",
            "DataSource.Error.yaml",
            "Y.de.yaml",
            "Y.en.yaml",
            "Foo.bar.yaml",
        ]
        .iter()
        .map(|n| PathBuf::from("content/errors/a").join(n))
        .collect();
        let (records, translations, diagnostics) = split(dir.path(), paths, &languages);
        let names = |paths: Vec<&PathBuf>| -> Vec<String> {
            paths
                .iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(
            names(records.iter().collect()),
            ["X.yaml", "DataSource.Error.yaml", "Foo.bar.yaml"]
        );
        assert_eq!(
            names(translations.iter().map(|t| &t.path).collect()),
            ["X.nl.yaml", "Z.nl.yaml"]
        );
        assert_eq!(
            translations[1].original,
            PathBuf::from("content/errors/a/Z.yaml")
        );
        assert_eq!(
            names(diagnostics.iter().map(|d| &d.file).collect()),
            ["Y.de.yaml", "Y.en.yaml"]
        );
    }
}
