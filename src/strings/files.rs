//! Strings files: the built-in ones (the repository's `strings/`, compiled into the
//! binary) and a site's own `strings/<language>.yaml`, read into [`Texts`] with the
//! position of each value, so that `check` can point at a bad one.
//!
//! A strings file is one YAML mapping of flat keys (`record.fixes: How to fix it`) to
//! text, plural forms (`{one: "{n} step", other: "{n} steps"}`) or a list.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Text, Texts};
use crate::diagnostics::{Diagnostic, Position};

static BUILTIN_STRINGS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/strings");

/// The folder of a site's strings files, relative to its root (beside `templates/`).
pub const STRINGS_DIR: &str = "strings";

/// The language whose file holds every key the theme uses: the reference that every
/// other language's words are checked against.
pub const REFERENCE_LANGUAGE: &str = "en";

/// The languages errdocs has complete words for, built in.
pub const BUILTIN_LANGUAGES: &[&str] = &["en", "de", "fr", "es", "nl", "pt"];

/// The file of `language`'s strings, relative to a site's root.
pub fn site_file(language: &str) -> PathBuf {
    Path::new(STRINGS_DIR).join(format!("{language}.yaml"))
}

/// The built-in words of `language`, or of its primary language subtag (`pt` for
/// `pt-BR`), if errdocs has them.
pub fn builtin_texts(language: &str) -> Option<Texts> {
    builtin_name(language).map(|name| {
        let file = BUILTIN_STRINGS
            .get_file(format!("{name}.yaml"))
            .expect("every built-in language has its file");
        let text = file.contents_utf8().expect("built-in strings are UTF-8");
        let raw: RawStrings = serde_saphyr::from_str(text)
            .unwrap_or_else(|e| panic!("built-in strings/{name}.yaml does not parse: {e}"));
        raw.0.into_iter().map(|(k, v)| (k, v.value.0)).collect()
    })
}

/// Which built-in file serves `language`: its own, or its primary language's.
pub fn builtin_name(language: &str) -> Option<&'static str> {
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    BUILTIN_LANGUAGES
        .iter()
        .find(|l| l.eq_ignore_ascii_case(language) || l.eq_ignore_ascii_case(primary))
        .copied()
}

/// A site's strings file, read: each key's value and where it is written.
#[derive(Clone, Debug, Default)]
pub struct SiteStrings {
    pub file: PathBuf,
    pub values: BTreeMap<String, (Text, Option<Position>)>,
}

impl SiteStrings {
    pub fn texts(&self) -> Texts {
        (self.values.iter())
            .map(|(k, (v, _))| (k.clone(), v.clone()))
            .collect()
    }
}

/// Reads `strings/<language>.yaml` of the site in `root`: `Ok(None)` when there is no
/// such file (an empty file changes nothing either), a diagnostic when it cannot be
/// read or is not a mapping of keys to strings.
pub fn read_site_file(root: &Path, language: &str) -> Result<Option<SiteStrings>, Diagnostic> {
    let file = site_file(language);
    if std::fs::symlink_metadata(root.join(&file)).is_err() {
        return Ok(None);
    }
    let text = crate::load::read_text(root, &file)?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Ok(Some(SiteStrings {
            file,
            values: BTreeMap::new(),
        }));
    }
    let raw: RawStrings = serde_saphyr::from_str(&text).map_err(|err| {
        let position = err.location().and_then(position_of);
        Diagnostic::error(
            "invalid-string",
            &file,
            "a strings file is one mapping of keys to text (`record.fixes: How to fix it`), plural forms (`{one: ..., other: ...}`) or a list",
        )
        .at(position)
        .with_hint(format!("the YAML parser says: {}", first_line(&err.to_string())))
    })?;
    let values = (raw.0.into_iter())
        .map(|(key, value)| (key, (value.value.0, position_of(value.referenced))))
        .collect();
    Ok(Some(SiteStrings { file, values }))
}

/// Every strings file of the site in `root` (`strings/*.yaml`), by language tag (the
/// file's stem), and what could not be read. A symbolic link is not followed.
pub fn read_site_files(root: &Path) -> (BTreeMap<String, SiteStrings>, Vec<Diagnostic>) {
    let mut files = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let dir = root.join(STRINGS_DIR);
    if crate::load::symlink_in(root, Path::new(STRINGS_DIR)).is_some() || !dir.is_dir() {
        return (files, diagnostics);
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".yaml").map(str::to_string))
        .collect();
    names.sort();
    for language in names {
        match read_site_file(root, &language) {
            Ok(Some(file)) => {
                files.insert(language, file);
            }
            Ok(None) => {}
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    (files, diagnostics)
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

fn position_of(location: serde_saphyr::Location) -> Option<Position> {
    if location.line() == 0 {
        return None;
    }
    let span = location.span();
    let start = span.byte_offset().unwrap_or(0) as usize;
    Some(Position {
        line: location.line() as usize,
        column: location.column() as usize,
        byte_start: start,
        byte_end: start + span.byte_len().unwrap_or(0) as usize,
    })
}

/// A strings file as YAML gives it.
struct RawStrings(BTreeMap<String, serde_saphyr::Spanned<RawText>>);

impl<'de> Deserialize<'de> for RawStrings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::deserialize(deserializer).map(RawStrings)
    }
}

/// One value: text, plural forms or a list.
struct RawText(Text);

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = RawText;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text, plural forms (`{one: ..., other: ...}`) or a list of texts")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<RawText, E> {
        Ok(RawText(Text::Plain(text.to_string())))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<RawText, E> {
        Ok(RawText(Text::Plain(n.to_string())))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<RawText, E> {
        Ok(RawText(Text::Plain(n.to_string())))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawText, A::Error> {
        let mut forms = BTreeMap::new();
        while let Some((category, text)) = map.next_entry::<String, String>()? {
            forms.insert(category, text);
        }
        Ok(RawText(Text::Plural(forms)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawText, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<String>()? {
            items.push(item);
        }
        Ok(RawText(Text::List(items)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_tags_use_their_languages_words() {
        assert_eq!(builtin_name("pt-BR"), Some("pt"));
        assert_eq!(builtin_name("en-GB"), Some("en"));
        assert_eq!(builtin_name("DE"), Some("de"));
        assert_eq!(builtin_name("it"), None);
    }

    #[test]
    fn every_built_in_file_parses() {
        for language in BUILTIN_LANGUAGES {
            assert!(
                builtin_texts(language).is_some_and(|t| t.len() > 50),
                "{language}"
            );
        }
    }
}
