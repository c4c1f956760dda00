//! Diagnostics: what `check` and `build` report about content, and how it is printed.
//!
//! Every problem found while loading or validating a site becomes a [`Diagnostic`]:
//! a file, a position, a stable rule id, a message and an optional hint. The pipeline
//! collects all of them (it never stops at the first) and the CLI prints them in one
//! of the [`Format`]s: compiler-style snippets for people, one line each, JSON for
//! tools, or GitHub Actions workflow commands for pull requests.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Renderer, Snippet};
use serde::Serialize;

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
        let (start, end) = tidy_span(source, self.byte_start, self.byte_end);
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

fn location_string(file: &Path, position: Option<Position>) -> String {
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

/// The output formats of `errdocs check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style: the message, the source line with a caret under the problem, a hint.
    Human,
    /// One line per diagnostic: `file:line:col: error[rule]: message (hint)`.
    Short,
    /// One JSON document: `{"diagnostics": [...], "errors": N, "warnings": N}`.
    Json,
    /// GitHub Actions workflow commands, so problems show on the pull request's diff.
    Github,
}

/// Reads the source of files that diagnostics point into, once each, for snippets.
pub type Sources = BTreeMap<PathBuf, String>;

/// Renders diagnostics in `format`. `root` resolves relative paths to read snippets.
/// `color` adds ANSI colours (the CLI decides: a terminal, and no `NO_COLOR`).
pub fn render(diagnostics: &[Diagnostic], format: Format, root: &Path, color: bool) -> String {
    let sources = read_sources(diagnostics, root);
    match format {
        Format::Human => render_human(diagnostics, &sources, color),
        Format::Short => render_short(diagnostics),
        Format::Json => render_json(diagnostics, &sources),
        Format::Github => render_github(diagnostics, &sources),
    }
}

/// Reads each file that a diagnostic points into, once. Unreadable files give an empty
/// text: the report then shows the location without a snippet.
fn read_sources(diagnostics: &[Diagnostic], root: &Path) -> Sources {
    let mut sources = Sources::new();
    for d in diagnostics {
        for file in std::iter::once(&d.file).chain(d.related.iter().map(|r| &r.file)) {
            if !sources.contains_key(file) {
                // Only regular files no larger than a record may be: reading a named pipe
                // would wait forever, and a huge file would fill the memory.
                let path = root.join(file);
                let text = std::fs::metadata(&path)
                    .is_ok_and(|m| m.is_file() && m.len() <= crate::load::MAX_FILE_BYTES)
                    .then(|| std::fs::read(&path).ok())
                    .flatten()
                    .and_then(|bytes| String::from_utf8(bytes).ok())
                    .map(crate::load::normalize_line_breaks)
                    .unwrap_or_default();
                sources.insert(file.clone(), text);
            }
        }
    }
    sources
}

fn end_of(d: &Diagnostic, sources: &Sources) -> Option<(usize, usize)> {
    let source = sources.get(&d.file).map(String::as_str).unwrap_or("");
    d.position.map(|p| p.end(source))
}

fn render_short(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = write!(
            out,
            "{}: {}[{}]: {}",
            d.location(),
            level_word(d.level),
            d.rule,
            d.message
        );
        if let Some(hint) = &d.hint {
            let _ = write!(out, " ({hint})");
        }
        for r in &d.related {
            let _ = write!(
                out,
                "; {}: {}",
                location_string(&r.file, r.position),
                r.label
            );
        }
        out.push('\n');
    }
    out
}

fn level_word(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
    }
}

fn render_human(diagnostics: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&renderer.render(&report(d, sources)));
        out.push_str("\n\n");
    }
    out
}

/// The annotate-snippets report of one diagnostic: its title, the snippet of each
/// place (its own first, then related ones) and the hint as a `help:` line.
fn report<'a>(d: &'a Diagnostic, sources: &'a Sources) -> Vec<Group<'a>> {
    let level = match d.level {
        Level::Error => annotate_snippets::Level::ERROR,
        Level::Warning => annotate_snippets::Level::WARNING,
    };
    // Places in the diagnostic's own file share its snippet (one excerpt, two marks);
    // places in other files get a snippet each.
    let mut own = vec![Mark {
        position: d.position,
        label: "",
        primary: true,
    }];
    let mut others = Vec::new();
    for r in &d.related {
        let mark = Mark {
            position: r.position,
            label: &r.label,
            primary: false,
        };
        if r.file == d.file && r.position.is_some() && d.position.is_some() {
            own.push(mark);
        } else {
            others.push((&r.file, mark));
        }
    }
    let mut group = level
        .primary_title(d.message.as_str())
        .id(d.rule)
        .element(place_element(&d.file, &own, sources));
    for (file, mark) in others {
        group = group.element(place_element(file, &[mark], sources));
    }
    let mut groups = vec![group];
    if let Some(hint) = &d.hint {
        groups.push(Group::with_title(
            annotate_snippets::Level::HELP.secondary_title(hint.as_str()),
        ));
    }
    groups
}

/// A place to underline in a snippet: the diagnostic's own (`^^^`) or a related one
/// (`---` with its label).
struct Mark<'a> {
    position: Option<Position>,
    label: &'a str,
    primary: bool,
}

/// The snippet of `file` with its marks; just `--> file:line:col` when the file's text
/// is not available (unreadable, too large, not UTF-8).
fn place_element<'a>(
    file: &'a Path,
    marks: &[Mark<'a>],
    sources: &'a Sources,
) -> annotate_snippets::Element<'a> {
    let source = sources.get(file).map(String::as_str).unwrap_or("");
    let path = display_path(file);
    let first = marks.first().and_then(|m| m.position);
    match first {
        Some(p) if !source.is_empty() && p.byte_start <= source.len() => {
            let mut snippet = Snippet::source(source).path(path);
            for mark in marks {
                let Some(p) = mark.position.filter(|p| p.byte_start <= source.len()) else {
                    continue;
                };
                let (start, end) = tidy_span(source, p.byte_start, p.byte_end);
                let kind = if mark.primary {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                let label = (!mark.label.is_empty()).then_some(mark.label);
                snippet = snippet.annotation(kind.span(start..end).label(label));
            }
            snippet.into()
        }
        _ => {
            let origin = annotate_snippets::Origin::path(path);
            let origin = match first {
                Some(p) => origin.line(p.line).char_column(p.column.saturating_sub(1)),
                None => origin,
            };
            origin.into()
        }
    }
}

/// [`clamp_span`], then without what the parser counts into a block value but a
/// reader does not: trailing blank lines, and comment lines after a `|` block
/// (indented less than the value, so they are not part of it).
fn tidy_span(source: &str, start: usize, end: usize) -> (usize, usize) {
    let (start, mut end) = clamp_span(source, start, end);
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..start].chars().count();
    loop {
        let covered = source[start..end].trim_end();
        if covered.is_empty() {
            // Nothing but white space: keep the caret where it was.
            return (start, end);
        }
        end = start + covered.len();
        let Some(last_newline) = covered.rfind('\n') else {
            return (start, end);
        };
        let last_line = &covered[last_newline + 1..];
        let indent = last_line.len() - last_line.trim_start().len();
        if last_line.trim_start().starts_with('#') && indent < column {
            end = start + last_newline;
        } else {
            return (start, end);
        }
    }
}

/// Keeps a span on character boundaries and at least one character wide, so the
/// caret always has something to point at (an empty value points at its line end).
fn clamp_span(source: &str, start: usize, end: usize) -> (usize, usize) {
    let mut start = start.min(source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = end.clamp(start, source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    if end == start {
        // An empty span: point at the next character if it is on the same line.
        if let Some(c) = source[start..]
            .chars()
            .next()
            .filter(|c| *c != '\n' && *c != '\r')
        {
            end = start + c.len_utf8();
        }
    }
    (start, end)
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    /// `error` or `warning` (the JSON format's key since its first version).
    severity: Level,
    rule: &'a str,
    message: &'a str,
    hint: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}

fn render_json(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let (errors, warnings) = count(diagnostics);
    let report = JsonReport {
        errors,
        warnings,
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                file: display_path(&d.file),
                line: d.position.map(|p| p.line),
                column: d.position.map(|p| p.column),
                end_line: end_of(d, sources).map(|e| e.0),
                end_column: end_of(d, sources).map(|e| e.1),
                severity: d.level,
                rule: d.rule,
                message: &d.message,
                hint: d.hint.as_deref(),
                related: d
                    .related
                    .iter()
                    .map(|r| JsonRelated {
                        file: display_path(&r.file),
                        line: r.position.map(|p| p.line),
                        column: r.position.map(|p| p.column),
                        message: &r.label,
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&report).expect("diagnostics serialize to JSON");
    json.push('\n');
    json
}

/// GitHub workflow commands: `::error file=F,line=L,col=C,title=T::message`.
/// Properties and the message are escaped as the runner expects.
fn render_github(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let mut props = vec![format!(
            "file={}",
            escape_github_property(&display_path(&d.file))
        )];
        if let Some(p) = d.position {
            props.push(format!("line={}", p.line));
            props.push(format!("col={}", p.column));
            let (end_line, end_column) = end_of(d, sources).unwrap_or((p.line, p.column));
            props.push(format!("endLine={end_line}"));
            props.push(format!("endColumn={end_column}"));
        }
        props.push(format!(
            "title={}",
            escape_github_property(&format!("errdocs {}", d.rule))
        ));
        let mut message = d.message.clone();
        if let Some(hint) = &d.hint {
            message.push_str("\nhelp: ");
            message.push_str(hint);
        }
        for r in &d.related {
            let _ = write!(
                message,
                "\nnote: {}: {}",
                location_string(&r.file, r.position),
                r.label
            );
        }
        let _ = writeln!(
            out,
            "::{} {}::{}",
            level_word(d.level),
            props.join(","),
            escape_github_data(&message)
        );
    }
    out
}

fn escape_github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_github_property(text: &str) -> String {
    escape_github_data(text)
        .replace(':', "%3A")
        .replace(',', "%2C")
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

    #[test]
    fn github_format_escapes_newlines_and_separators() {
        let d = Diagnostic::error(
            "unknown-key",
            "content/errors/a,b.yaml",
            "line one\nline two",
        )
        .at(Some(Position {
            line: 3,
            column: 1,
            byte_start: 4,
            byte_end: 8,
        }));
        let sources = Sources::from([(d.file.clone(), "a\nb\ncode: x\n".to_string())]);
        let out = render_github(&[d], &sources);
        assert_eq!(
            out,
            "::error file=content/errors/a%2Cb.yaml,line=3,col=1,endLine=3,endColumn=5,title=errdocs unknown-key::line one%0Aline two\n"
        );
    }
}
