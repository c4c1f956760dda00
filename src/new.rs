//! `errdocs new CODE --category SLUG`: writes the skeleton of a new error record.
//!
//! The skeleton is `content/errors/SLUG/CODE.yaml` with every required key, a comment
//! of guidance above each, the optional keys commented out, and a first line that
//! points editors at the site's own copy of the record's JSON Schema, by a relative
//! path (autocompletion and inline errors in any editor with the YAML language server,
//! offline; `new` writes `schema/` when the site has none). It speaks of the site's
//! product and language and names CONTRIBUTING.md only when the site has one. Its
//! texts start with
//! [`PLACEHOLDER`](crate::validate::PLACEHOLDER), which `check` refuses: a skeleton
//! fails until every placeholder is replaced, so it is never merged by accident.
//!
//! Before writing, the code and the category are checked against the site: a bad code
//! is a usage error; an unknown category or a code (or alias) that already exists,
//! ignoring case, is refused with the same diagnostics `check` prints.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::diagnostics::Diagnostic;
use crate::load::{self, CATEGORIES_FILE, ERRORS_DIR, SITE_FILE};
use crate::model::declared::{FieldDeclaration, FieldType};
use crate::model::slug_of;
use crate::validate::across::Claim;
use crate::validate::{self, CODE_RULE, PLACEHOLDER};

/// The record schema's file name, inside the site's `schema/` folder and the built site's.
pub const RECORD_SCHEMA: &str = "error-record.schema.json";

/// What `errdocs new` did.
#[derive(Debug)]
pub struct Created {
    /// The new record, relative to the site root.
    pub path: PathBuf,
    /// What the `$schema=` line points at: a path relative to the new file, or a URL.
    pub schema: String,
    /// `true` when the site had no `schema/` folder and no published URL, so the
    /// schemas were written into `schema/` for editors.
    pub wrote_schemas: bool,
    /// How many placeholders the contributor has to replace.
    pub placeholders: usize,
}

/// Why `errdocs new` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    /// The arguments conflict with the site: an unknown category, or a code that is
    /// already a record's code or alias. Printed like `check`'s diagnostics (exit code 2).
    #[error("refused: {} problem(s) with the arguments", .0.len())]
    Refused(Vec<Diagnostic>),
    /// A bad code, a broken `content/categories.yaml`, or a file that cannot be written
    /// (exit code per [`Error::exit_code`]).
    #[error(transparent)]
    Failed(#[from] Error),
}

impl NewError {
    /// The diagnostics to print, when the refusal or failure has them.
    pub fn diagnostics(&self) -> Option<&[Diagnostic]> {
        match self {
            NewError::Refused(found) | NewError::Failed(Error::Content(found)) => Some(found),
            NewError::Failed(_) => None,
        }
    }

    /// The process exit code: 2 for refused arguments, as for other usage errors.
    pub fn exit_code(&self) -> u8 {
        match self {
            NewError::Refused(_) => 2,
            NewError::Failed(err) => err.exit_code(),
        }
    }
}

/// Writes `content/errors/<category>/<code>.yaml` under `root`; never overwrites.
/// `today` fills `updated`.
pub fn new_record(
    root: &Path,
    code: &str,
    category: &str,
    today: jiff::civil::Date,
) -> Result<Created, NewError> {
    if !validate::is_code(code) {
        return Err(Error::Usage(format!("`{code}` is not a valid code: use {CODE_RULE}")).into());
    }
    // Checked before the list, so even a broken categories.yaml cannot lead the new
    // file's folder out of content/errors/.
    if !validate::is_slug(category) {
        return Err(Error::Usage(format!(
            "`{category}` is not a category slug: use lower-case letters, digits and `-`"
        ))
        .into());
    }
    let slugs = category_slugs(root)?;
    let mut refusals = Vec::new();
    if !slugs.iter().any(|s| s == category) {
        refusals.push(
            Diagnostic::error(
                "unknown-category",
                CATEGORIES_FILE,
                format!("the category `{category}` is not defined in {CATEGORIES_FILE}"),
            )
            .with_hint(validate::unknown_category_hint(
                category,
                slugs.iter().map(String::as_str),
            )),
        );
    }
    refusals.extend(existing_claims(root, code));
    if !refusals.is_empty() {
        return Err(NewError::Refused(refusals));
    }

    let folder = Path::new(ERRORS_DIR).join(category);
    let path = folder.join(format!("{code}.yaml"));
    let (schema, wrote_schemas) = schema_reference(root, &folder)?;
    let about = SiteFacts::read(root);
    let text = skeleton(code, category, &slugs, &schema, &about, today);
    let text = crate::fmt::laid_out(&path, text);
    let full = root.join(&path);
    let io = |context: String| move |source| Error::Io { context, source };
    std::fs::create_dir_all(root.join(&folder))
        .map_err(io(format!("cannot create {}", folder.display())))?;
    // `create_new`: even if the file appeared since the check above, it is not replaced.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
        .map_err(io(format!("cannot create {}", path.display())))?;
    file.write_all(text.as_bytes())
        .map_err(io(format!("cannot write {}", path.display())))?;
    Ok(Created {
        path,
        schema,
        wrote_schemas,
        placeholders: text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#') && l.contains(PLACEHOLDER))
            .count(),
    })
}

/// The slugs of `content/categories.yaml`, as written (a category with other problems
/// still counts: `check` reports those). A file that does not parse is a content error.
fn category_slugs(root: &Path) -> Result<Vec<String>, Error> {
    type Categories = load::raw::Located<Vec<load::raw::Located<load::raw::RawCategory>>>;
    let loaded = load::load_file::<Categories>(root, Path::new(CATEGORIES_FILE))
        .map_err(|d| Error::Content(vec![d]))?;
    Ok(loaded
        .value
        .value()
        .iter()
        .filter_map(|c| c.value().slug.as_ref())
        .map(|s| s.value().trim().to_string())
        .collect())
}

/// Records that already claim `code` ignoring case: by their code, an alias, or their
/// file name (a record whose `code` is broken still owns its file name).
fn existing_claims(root: &Path, code: &str) -> Vec<Diagnostic> {
    let wanted = Claim::new(code, PathBuf::new(), None, true);
    let (paths, claims) = crate::pipeline::record_claims(root);
    let mut found = Vec::new();
    let mut claimed_files = Vec::new();
    for claim in claims.into_iter().filter(|c| c.key == wanted.key) {
        found.push(
            Diagnostic::error(
                "duplicate-code",
                &claim.file,
                format!(
                    "`{code}` is already the {} of this record (codes are unique ignoring case)",
                    claim.what()
                ),
            )
            .at(claim.position)
            .with_hint("edit this record instead, or add the new spelling to its `aliases`"),
        );
        claimed_files.push(claim.file);
    }
    // Files named after the code whose content did not parse or names another code.
    for path in paths {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if slug_of(stem) == wanted.key && !claimed_files.contains(&path) {
            found.push(
                Diagnostic::error(
                    "duplicate-code",
                    &path,
                    format!(
                        "a record file for `{stem}` already exists (codes are unique ignoring case)"
                    ),
                )
                .with_hint("edit this file instead"),
            );
        }
    }
    found
}

/// The `$schema=` path of a record in `folder` (relative to `root`): the site's own
/// `schema/`, reached by a relative path, so editors complete fields offline and in
/// pull requests alike. When the site has no copy yet, the schemas are written into
/// `schema/` first (the `bool`).
fn schema_reference(root: &Path, folder: &Path) -> Result<(String, bool), Error> {
    let up = "../".repeat(folder.components().count());
    let relative = format!("{up}schema/{RECORD_SCHEMA}");
    if root.join("schema").join(RECORD_SCHEMA).is_file() {
        return Ok((relative, false));
    }
    // The site's own schemas (with the fields site.yaml declares), written where the
    // record's `$schema` line points, so editors complete the record offline.
    crate::schema::write_for_site(root, &root.join("schema"))?;
    Ok((relative, true))
}

/// What the skeleton says about the site it is written into.
#[derive(Debug, Default)]
struct SiteFacts {
    /// `site.yaml`'s `product`, when it has one.
    product: Option<String>,
    /// `site.yaml`'s `language`, else the default `en`.
    language: String,
    /// Whether the site has a CONTRIBUTING.md to point at.
    has_contributing: bool,
    /// The fields `site.yaml` declares (none when it does not check).
    declared: Vec<FieldDeclaration>,
}

impl SiteFacts {
    /// Read from `site.yaml` as written (a broken file gives the defaults: `check`
    /// reports it).
    fn read(root: &Path) -> SiteFacts {
        type Settings = load::raw::Located<load::raw::RawSiteConfig>;
        let settings = load::load_file::<Settings>(root, Path::new(SITE_FILE)).ok();
        let raw = settings.as_ref().map(|s| s.value.value());
        let text = |v: Option<&load::raw::Located<String>>| {
            v.map(|v| v.value().trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let declared = (settings.as_ref())
            .and_then(|s| validate::check_config(s, &mut Vec::new()))
            .map(|c| c.config.fields)
            .unwrap_or_default();
        SiteFacts {
            declared,
            product: text(raw.and_then(|r| r.product.as_ref())),
            language: text(raw.and_then(|r| r.language.as_ref())).unwrap_or_else(|| "en".into()),
            has_contributing: root.join("CONTRIBUTING.md").is_file(),
        }
    }
}

/// A scalar as YAML: plain when YAML reads it back as the same text, else
/// double-quoted (JSON's escapes are YAML's). `40009` is a number and `no` a boolean
/// in YAML 1.1 editors; `: `, ` #`, a leading `*` or `"` and the like change meaning.
pub(crate) fn yaml_text(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let special = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~",
    ];
    let safe_char = |c: char| c.is_alphanumeric() || " _.-/()&,:+'".contains(c);
    let plain = text
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '/')
        && text.trim() == text
        && text.chars().all(safe_char)
        && !text.contains(": ")
        && !text.ends_with(':')
        && text.parse::<f64>().is_err()
        && !special.contains(&lower.as_str());
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).expect("a string serializes")
    }
}

/// The text of a new record. Every `TODO` is a placeholder `check` refuses.
fn skeleton(
    code: &str,
    category: &str,
    categories: &[String],
    schema: &str,
    about: &SiteFacts,
    today: jiff::civil::Date,
) -> String {
    let guide = if about.has_contributing {
        " What makes a good\n# record: CONTRIBUTING.md."
    } else {
        ""
    };
    format!(
        r#"# yaml-language-server: $schema={schema}
#
# A new error record. Replace every {PLACEHOLDER}, then run `errdocs check`: it fails while
# a placeholder is left, so a half-written record is never published. Your editor
# completes and explains each key from the schema on the first line.{guide}

{required}
{optional}
# When the record was last checked against its sources (YYYY-MM-DD).
updated: {today}
{declared}"#,
        required = required_keys(code, category, categories, &about.language),
        optional = optional_keys(code, about.product.as_deref()),
        declared = declared_keys(&about.declared),
    )
}

/// The fields the site declares, each with its label, description and type: a
/// required one with a placeholder, an optional one commented out.
fn declared_keys(declared: &[FieldDeclaration]) -> String {
    let mut text = String::new();
    for field in declared {
        let kind = match field.kind {
            FieldType::Enum => format!("one of: {}", field.values.join(" | ")),
            FieldType::Integer => "a whole number".into(),
            FieldType::Boolean => "true or false".into(),
            FieldType::Url => "an https:// address".into(),
            FieldType::List => "a list of one-line texts".into(),
            FieldType::Version => "a version (2.1.0), or a list of them".into(),
            FieldType::Markdown => "Markdown".into(),
            FieldType::Text => "one line of plain text".into(),
        };
        let about = format!(
            "{} ({kind}), declared by site.yaml. {}",
            field.label,
            field.description.as_deref().unwrap_or_default()
        );
        text.push('\n');
        text.push_str(&comment_lines(&about));
        if field.required {
            text.push_str(&format!("{}: {PLACEHOLDER}\n", field.key));
        } else {
            text.push_str(&format!("# {}: ...\n", field.key));
        }
    }
    text
}

/// The required keys, each with its guidance and a placeholder (or a likely value).
fn required_keys(code: &str, category: &str, categories: &[String], language: &str) -> String {
    let code_yaml = yaml_text(code);
    let categories = categories.join(", ");
    format!(
        r#"# The code exactly as the product prints it; equal to the file name.
code: {code_yaml}

# What went wrong, as one line of plain text (at most 160 characters) in the site's
# language ({language}), in the words a reader would search for: "The API key is not
# valid", not "Error 1001".
title: {PLACEHOLDER} what went wrong, in one line

# A category slug from content/categories.yaml: {categories}.
category: {category}

# How much it hurts the reader: low | medium | high | critical.
severity: medium

# Markdown: what the error means, in two or three sentences a non-expert understands.
# Say who sees it and when; do not repeat the title.
summary: |
  {PLACEHOLDER} what the error means

# Markdown, one item per cause, the most common first. Each says why it happens.
causes:
  - {PLACEHOLDER} why the error happens

# Markdown, one item per step, in the order to try them. Put commands in fenced code
# blocks with their language, so they are highlighted and easy to copy:
#   - |
#     Check that the service answers:
#     ```sh
#     curl -i https://example.com/status
#     ```
fixes:
  - {PLACEHOLDER} the first thing to try
"#
    )
}

/// `text` as YAML comment lines of at most about 88 characters, broken between words.
fn comment_lines(text: &str) -> String {
    let mut lines = String::new();
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.len() + 1 + word.len() > 88 && line.len() > 1 {
            lines.push_str(&line);
            lines.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    lines.push_str(&line);
    lines.push('\n');
    lines
}

/// The optional keys, commented out, each with its guidance (`updated` follows, filled
/// in; `draft` is left out: a new record is not a draft unless its writer says so).
fn optional_keys(code: &str, product: Option<&str>) -> String {
    let product = match product {
        Some(product) => format!("the site's `product` ({product})"),
        None => "the site's `product`".to_string(),
    };
    format!(
        r#"# Optional keys: remove the `#` of those you fill in.
#
# The error text as users see it; pasting it into the search finds this record.
# message: "{code}: ..."
#
# The error's symbolic name as the product's docs or source spell it (ENOENT,
# invalid_api_key); pasting it into the search finds this record too.
# symbol: ...
#
# The product that raises it, when not {product}.
# product: ...
#
# Questions readers ask: plain-text question, Markdown answer.
# faq:
#   - question: Does this affect ...?
#     answer: No. ...
#
# Codes of existing records a reader would go to next (the link shows on both pages).
# related: [CODE]
#
# Other spellings that lead here (redirect pages and search).
# aliases: ["..."]
#
# Lower-case slugs that group related records.
# tags: [tag-one, tag-two]
#
# Where the facts come from: the page that documents this error. `check` warns when a
# record has no sources.
# sources:
#   - title: Page title
#     url: https://...
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field added to the record format must get its place (and guidance) in the
    /// skeleton: required keys filled in, optional ones commented out.
    #[test]
    fn the_skeleton_names_every_key_of_the_record_format() {
        use crate::load::raw::{RawMapping, RawRecord};
        let today = jiff::civil::date(2026, 1, 2);
        let text = skeleton(
            "A1",
            "auth",
            &["auth".into()],
            "s.json",
            &SiteFacts::default(),
            today,
        );
        for key in RawRecord::KEYS.iter().filter(|k| **k != "draft") {
            let written = text.lines().any(|l| {
                let l = l.trim_start_matches("# ");
                l.starts_with(&format!("{key}:"))
            });
            assert!(
                written,
                "the skeleton of `errdocs new` has no `{key}:`\n{text}"
            );
        }
    }

    #[test]
    fn numbers_and_booleans_are_quoted() {
        assert_eq!(yaml_text("40009"), "\"40009\"");
        assert_eq!(yaml_text("No"), "\"No\"");
        assert_eq!(yaml_text("AADSTS40009"), "AADSTS40009");
        assert_eq!(yaml_text("DataSource.Error"), "DataSource.Error");
        assert_eq!(
            yaml_text("https://errors.example.com/"),
            "https://errors.example.com/"
        );
        assert_eq!(yaml_text("Acme: API #1"), "\"Acme: API #1\"");
        assert_eq!(yaml_text("*star"), "\"*star\"");
    }
}
