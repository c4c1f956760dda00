//! The checker: collects the diagnostics of one file, so that each rule reads as one
//! line (`c.line(value, "title", MAX_TITLE_CHARS)`), and the checks every kind of file
//! shares (unknown and missing keys, empty texts, placeholders, one-line texts, lists).

use crate::diagnostics::{Diagnostic, Related, did_you_mean};
use crate::load::SourceFile;
use crate::load::raw::{Located, RawMapping, UnknownKey};

/// Text that `errdocs new` writes where a contributor must fill in: a record still
/// containing it fails `check`, so a skeleton is never merged by accident.
pub const PLACEHOLDER: &str = "TODO";

/// Collects the diagnostics of one file, so checks read as one line each.
pub struct Checker<'a> {
    pub file: &'a SourceFile,
    pub found: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Reports an error at `at`; returns it, so a hint can be added.
    pub fn error<T>(
        &mut self,
        rule: &'static str,
        at: &Located<T>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let diagnostic = Diagnostic::error(rule, &self.file.path, message);
        self.report(diagnostic, at)
    }

    /// Reports a warning at `at`; returns it, so a hint can be added.
    pub fn warning<T>(
        &mut self,
        rule: &'static str,
        at: &Located<T>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let diagnostic = Diagnostic::warning(rule, &self.file.path, message);
        self.report(diagnostic, at)
    }

    fn report<T>(&mut self, diagnostic: Diagnostic, at: &Located<T>) -> &mut Diagnostic {
        self.found.push(diagnostic.at(self.file.position(at)));
        self.found.last_mut().expect("just pushed")
    }

    pub fn unknown_keys<T: RawMapping>(&mut self, keys: &[UnknownKey]) {
        for key in keys {
            let hint = did_you_mean(key.value(), T::KEYS.iter().copied())
                .map(|k| format!("did you mean `{k}`?"))
                .unwrap_or_else(|| format!("{} has the keys: {}", T::WHAT, T::KEYS.join(", ")));
            self.error(
                "unknown-key",
                key,
                format!("unknown key `{}` in {}", key.value(), T::WHAT),
            )
            .hint = Some(hint);
        }
    }

    /// A required key: reports it missing (at the start of its mapping) and returns `None`.
    /// When an unknown key of the mapping looks like a misspelling of it, the report
    /// says so and points there too.
    pub fn required<'v, T, M: RawMapping>(
        &mut self,
        value: &'v Option<Located<T>>,
        key: &str,
        mapping: &Located<M>,
        what: &str,
    ) -> Option<&'v Located<T>> {
        // A key whose value could not be read is written: its problem is reported.
        if value.is_none() && !mapping.value().unreadable_keys().contains(&key) {
            let misspelled = mapping.value().unknown_keys().iter().find(|unknown| {
                did_you_mean(unknown.value(), M::KEYS.iter().copied()) == Some(key)
            });
            let position = misspelled.and_then(|m| self.file.position(m));
            let path = self.file.path.clone();
            let diagnostic = self.error(
                "missing-key",
                mapping,
                format!("{what} is missing the required key `{key}`"),
            );
            match misspelled {
                Some(m) => {
                    diagnostic.hint = Some(format!("rename `{}` to `{key}`", m.value()));
                    diagnostic.related.push(Related {
                        file: path,
                        position,
                        label: format!("`{}` looks like a misspelling of `{key}`", m.value()),
                    });
                }
                None => diagnostic.hint = Some(format!("add `{key}:` to {what}")),
            }
        }
        value.as_ref()
    }

    /// A text that must not be empty and must not still hold a placeholder.
    pub fn text(&mut self, value: &Located<String>, key: &str) -> Option<String> {
        self.text_named(value, key, &format!("`{key}`"))
    }

    /// [`Checker::text`] for a value that `name` describes in messages, such as
    /// "`causes` item 2".
    pub fn text_named(&mut self, value: &Located<String>, key: &str, name: &str) -> Option<String> {
        let text = value.value().trim();
        if text.is_empty() {
            self.error("empty-field", value, format!("{name} is empty"));
            None
        } else if text.starts_with(PLACEHOLDER) {
            // Quote the placeholder's first line, so the message alone says which
            // guidance of the skeleton is still waiting to be replaced.
            let first_line = text.lines().next().unwrap_or(text);
            let shown: String = first_line.chars().take(70).collect();
            let ellipsis = if shown.len() < first_line.len() {
                "…"
            } else {
                ""
            };
            self.error(
                "placeholder",
                value,
                format!("{name} is still the placeholder of `errdocs new`: \"{shown}{ellipsis}\""),
            )
            .hint = Some(format!(
                "replace the `{PLACEHOLDER}` text with the real {key}; a record with placeholders never passes `check`"
            ));
            None
        } else {
            Some(text.to_string())
        }
    }

    /// A one-line plain-text field of at most `max` characters.
    pub fn line(&mut self, value: &Located<String>, key: &str, max: usize) -> Option<String> {
        let text = self.text(value, key)?;
        if text.contains('\n') {
            self.error(
                "multi-line",
                value,
                format!("`{key}` must be one line of plain text"),
            );
            return None;
        }
        let length = text.chars().count();
        if length > max {
            self.error(
                "too-long",
                value,
                format!("`{key}` is {length} characters long; the most is {max}"),
            );
            return None;
        }
        Some(text)
    }

    /// A list of Markdown texts that needs at least one item.
    pub fn text_list(
        &mut self,
        value: &Located<Vec<Located<String>>>,
        key: &str,
    ) -> Option<Vec<String>> {
        if value.value().is_empty() {
            self.error(
                "empty-list",
                value,
                format!("`{key}` needs at least one item"),
            );
            return None;
        }
        let several = value.value().len() > 1;
        let texts: Vec<Option<String>> = value
            .value()
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let name = if several {
                    format!("`{key}` item {}", i + 1)
                } else {
                    format!("`{key}`")
                };
                self.text_named(item, key, &name)
            })
            .collect();
        texts.into_iter().collect()
    }
}

/// The longest stretch of a message between two backticks that is shown whole. Messages
/// quote the values they judge (`like this`); a hostile record must not make a report
/// echo a megabyte of its own text, so longer values are cut to [`SHOWN_CHARS`].
const MAX_QUOTED_CHARS: usize = 160;
const SHOWN_CHARS: usize = 80;

/// Cuts every backtick-delimited part of `text` longer than [`MAX_QUOTED_CHARS`]. Every
/// part is judged, not just the odd ones, so a value holding a backtick of its own
/// cannot slip through; errdocs' own wording never has such long parts.
pub fn shorten_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(1024));
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let length = part.chars().count();
        if length > MAX_QUOTED_CHARS {
            out.extend(part.chars().take(SHOWN_CHARS));
            out.push_str(&format!("… ({length} characters)"));
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quoted_values_are_cut_in_messages() {
        let long = "a".repeat(10_000);
        let message = shorten_quoted(&format!("`{long}` is not a valid code"));
        assert!(message.len() < 200, "{message}");
        assert!(
            message.ends_with("… (10000 characters)` is not a valid code"),
            "{message}"
        );
        let short = "`AADSTS1` is not a valid code: use `_`";
        assert_eq!(shorten_quoted(short), short);
    }
}
