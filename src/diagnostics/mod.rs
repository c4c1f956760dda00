//! Diagnostics: what `check` and `build` report about content, and how it is printed.
//!
//! Every problem found while loading or validating a site becomes a [`Diagnostic`]:
//! a file, a position, a stable rule id, a message and an optional hint. The pipeline
//! collects all of them (it never stops at the first) and the CLI prints them in one
//! of the [`Format`]s: compiler-style snippets for people, one line each, JSON for
//! tools, or GitHub Actions workflow commands for pull requests ([`print`]).

mod print;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use print::{Format, Sources, render};

/// How bad a diagnostic is (its level, as compilers say: a record's *severity* is how
/// much an error hurts its reader). Errors fail `check` and `build`; warnings fail
/// only `check --deny-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// A position in a source file: 1-based line and column (in characters), plus the
/// byte range the problem covers so a snippet can underline it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

impl Position {
    /// The line and column just past the span, read off the file's text (the parser
    /// gives only the start; the end is needed by JSON and GitHub output).
    pub fn end(&self, source: &str) -> (usize, usize) {
        if self.byte_end <= self.byte_start || self.byte_start > source.len() {
            return (self.line, self.column + 1);
        }
        let (start, end) = print::tidy_span(source, self.byte_start, self.byte_end);
        let covered = &source[start..end];
        match covered.rfind('\n') {
            Some(i) => (
                self.line + covered.matches('\n').count(),
                covered[i + 1..].chars().count() + 1,
            ),
            None => (self.line, self.column + covered.chars().count()),
        }
    }
}

/// Another place that belongs to a diagnostic, such as the first file of a duplicate code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub file: PathBuf,
    pub position: Option<Position>,
    pub label: String,
}

/// One problem in a site's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub level: Level,
    /// A stable id, such as `unknown-key`, that tools and the docs can refer to.
    pub rule: &'static str,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// Where in the file; `None` for problems of the whole file (unreadable, too large).
    pub position: Option<Position>,
    pub message: String,
    /// How to fix it, when we know ("did you mean `causes`?").
    pub hint: Option<String>,
    /// Other places involved, named in the report.
    pub related: Vec<Related>,
}

/// Every rule id a diagnostic can carry, with its level: the list the README
/// documents. A diagnostic made with a rule that is not here panics in debug builds
/// (every test runs one), and a test holds the README's list and the tests to this one.
pub const RULES: &[(&str, Level)] = &[
    ("unknown-key", Level::Error),
    ("missing-key", Level::Error),
    ("wrong-type", Level::Error),
    ("empty-field", Level::Error),
    ("empty-list", Level::Error),
    ("placeholder", Level::Error),
    ("multi-line", Level::Error),
    ("too-long", Level::Error),
    ("invalid-code", Level::Error),
    ("code-file-mismatch", Level::Error),
    ("duplicate-code", Level::Error),
    ("invalid-alias", Level::Error),
    ("alias-is-code", Level::Error),
    ("invalid-category", Level::Error),
    ("unknown-category", Level::Error),
    ("duplicate-category", Level::Error),
    ("invalid-slug", Level::Error),
    ("invalid-severity", Level::Error),
    ("unknown-related", Level::Error),
    ("related-self", Level::Error),
    ("invalid-tag", Level::Error),
    ("invalid-url", Level::Error),
    ("invalid-date", Level::Error),
    ("invalid-base-url", Level::Error),
    ("invalid-language", Level::Error),
    ("out-of-range", Level::Error),
    ("invalid-setting", Level::Error),
    ("unknown-language", Level::Error),
    ("missing-string", Level::Error),
    ("invalid-string", Level::Error),
    ("orphan-translation", Level::Error),
    ("untranslatable-key", Level::Error),
    ("unlisted-language", Level::Error),
    ("duplicate-key", Level::Error),
    ("unquoted-colon", Level::Error),
    ("tab-indent", Level::Error),
    ("wrong-indentation", Level::Error),
    ("block-indentation", Level::Error),
    ("list-instead-of-mapping", Level::Error),
    ("mapping-instead-of-list", Level::Error),
    ("invalid-yaml", Level::Error),
    ("yaml-limit", Level::Error),
    ("not-utf8", Level::Error),
    ("file-too-large", Level::Error),
    ("empty-file", Level::Error),
    ("missing-file", Level::Error),
    ("unreadable-file", Level::Error),
    ("symlink", Level::Error),
    ("file-extension", Level::Error),
    ("reserved-key", Level::Error),
    ("invalid-declaration", Level::Error),
    ("invalid-value", Level::Error),
    ("invalid-version", Level::Error),
    ("broken-link", Level::Error),
    ("invalid-page-path", Level::Error),
    ("url-collision", Level::Error),
    ("invalid-nav", Level::Error),
    ("invalid-folder", Level::Error),
    ("no-sources", Level::Warning),
    ("too-many-related", Level::Warning),
    ("folder-named-yaml", Level::Warning),
    ("unknown-string", Level::Warning),
    ("stale-translation", Level::Warning),
    ("translation-mismatch", Level::Warning),
    ("swallowed-list-item", Level::Warning),
    ("folder-category", Level::Warning),
];

impl Diagnostic {
    pub fn error(rule: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic::new(Level::Error, rule, file.into(), message.into())
    }

    pub fn warning(
        rule: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::new(Level::Warning, rule, file.into(), message.into())
    }

    fn new(level: Level, rule: &'static str, file: PathBuf, message: String) -> Self {
        debug_assert!(
            RULES.contains(&(rule, level)),
            "the rule `{rule}` ({level:?}) is not in diagnostics::RULES"
        );
        Diagnostic {
            level,
            rule,
            file,
            position: None,
            message,
            hint: None,
            related: Vec::new(),
        }
    }

    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_optional_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn with_related(
        mut self,
        file: impl Into<PathBuf>,
        position: Option<Position>,
        label: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            file: file.into(),
            position,
            label: label.into(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    fn sort_key(&self) -> (PathBuf, usize, usize, Level, &'static str, String) {
        let (line, column) = self.position.map_or((0, 0), |p| (p.line, p.column));
        (
            self.file.clone(),
            line,
            column,
            self.level,
            self.rule,
            self.message.clone(),
        )
    }

    /// `file:line:col`, or just the file when there is no position.
    pub fn location(&self) -> String {
        location_string(&self.file, self.position)
    }
}

pub(crate) fn location_string(file: &Path, position: Option<Position>) -> String {
    match position {
        Some(p) => format!("{}:{}:{}", display_path(file), p.line, p.column),
        None => display_path(file),
    }
}

/// Paths are shown with `/` on every platform, so output is the same everywhere.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Sorts diagnostics by file, line and column, so every run prints them in the same order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_cached_key(Diagnostic::sort_key);
}

/// Counts errors and warnings.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

/// The nearest candidate to `word` by edit distance, if it is close enough to be a
/// likely typo (used for "did you mean ...?" hints).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(distance, c)| {
            *distance <= (c.chars().count() / 3).max(2) && *distance < lower.chars().count().max(2)
        })
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_close_keys_only() {
        let keys = ["code", "title", "causes", "fixes", "summary"];
        assert_eq!(did_you_mean("cuases", keys), Some("causes"));
        assert_eq!(did_you_mean("fixs", keys), Some("fixes"));
        assert_eq!(did_you_mean("Title", keys), Some("title"));
        assert_eq!(did_you_mean("banana", keys), None);
    }
}
