//! `errdocs fmt`: one canonical layout for record files, that never changes a value.
//!
//! Three passes, then a proof:
//!
//! 1. `present`: each value in its canonical form: plain where YAML reads it back as
//!    the same text, double quotes where it must, a `|` block for text of several
//!    lines, a `>` block wrapped at [`WIDTH`] for one long line; lists of words as
//!    `[a, b]` when they fit, other lists one item a line;
//! 2. `order`: keys in the order of the record's fields, then the fields the site
//!    declares (in `site.yaml`'s order);
//! 3. the layout, by [pretty_yaml](https://crates.io/crates/pretty_yaml): two-space
//!    indentation, list items indented under their key, one space after `:` and `-`,
//!    comments kept where they are.
//!
//! The proof: the file before and after is parsed and compared value by value (as
//! JSON); a file whose values would change is left as it was and reported. Where only
//! the layout pass would change a value (pretty_yaml trims Unicode white space such as
//! U+2028 at the ends of plain text), the file keeps the layout it has. pretty_yaml
//! cannot choose quotes beyond swapping `'` for `"`, turn text into blocks, wrap text or
//! order keys: the first two passes do that. A file that uses anchors, aliases or tags
//! (`&a`, `*a`, `!!str`) gets the layout only.

mod order;
mod present;
pub mod scalar;

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::load::raw::{HasLayout, Layout, Located, RawRecord, RawSiteConfig};
use crate::load::{SITE_FILE, slips, yaml};

/// The width `fmt` wraps text at, in characters (lines of `|` blocks are never cut:
/// that would change the text).
pub const WIDTH: usize = 100;

/// Why a file was not formatted.
#[derive(Debug)]
pub enum FmtError {
    /// The file is not YAML `fmt` can read (a syntax error, a key written twice): what
    /// `check` says about it.
    Content(Diagnostic),
    /// Formatting would have changed a value (a defect of `fmt`): the file is left as
    /// it was.
    WouldChangeValues,
}

/// The canonical layout of a record file's text. `declared` are the keys of the fields
/// the site declares (`fields:` in `site.yaml`), in declaration order: they follow the
/// built-in keys ([`declared_keys`]).
pub fn format_record(path: &Path, text: &str, declared: &[String]) -> Result<String, FmtError> {
    // UTF-8 needs no byte-order mark, and one would not survive keys moving.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let tree =
        yaml::parse(text).map_err(|err| FmtError::Content(slips::parse_error(path, text, err)))?;
    if let Some(duplicate) = tree.duplicates.first() {
        return Err(FmtError::Content(slips::duplicate_key(
            path, text, duplicate,
        )));
    }
    let mut tidy = text.to_string();
    if !tree.has_properties {
        let layout = record_layout(declared);
        tidy = present::present(text, &tree.root, &layout);
        let tree = yaml::parse(&tidy).map_err(|_| FmtError::WouldChangeValues)?;
        tidy = order::order(&tidy, &tree.root, &layout);
    }
    let laid_out = pretty_yaml::format_text(&tidy, &layout_options()).ok();
    // pretty_yaml trims Unicode white space (such as U+2028) at the ends of plain text
    // it lays out; where that would change a value, the file keeps its own layout.
    match laid_out.filter(|l| same_values(text, l)) {
        Some(laid_out) => Ok(laid_out),
        None if same_values(text, &tidy) => Ok(tidy),
        None => Err(FmtError::WouldChangeValues),
    }
}

/// `text`, a record errdocs writes itself (`errdocs new`, `errdocs init`), in the
/// canonical layout, so that it passes `fmt --check` as written; as it is when it
/// cannot be formatted (it is then still a valid record).
pub fn laid_out(path: &Path, text: String) -> String {
    match format_record(path, &text, &[]) {
        Ok(tidy) => tidy,
        Err(_) => text,
    }
}

/// A record's keys in their order: the format's (the table of record fields), then the
/// site's declared ones; other keys follow, in the order written.
fn record_layout(declared: &[String]) -> Layout {
    let mut layout = RawRecord::layout();
    if let Layout::Mapping(keys) = &mut layout {
        let declared = declared
            .iter()
            .map(|k| (Cow::Owned(k.clone()), Layout::Value));
        keys.extend(declared);
    }
    layout
}

/// The keys of the fields `site.yaml` in `root` declares, in its order: what `fmt` puts
/// after the built-in keys. None when `site.yaml` cannot be read (`check` says why).
pub fn declared_keys(root: &Path) -> Vec<String> {
    let Ok(site) = crate::load::load_file::<Located<RawSiteConfig>>(root, Path::new(SITE_FILE))
    else {
        return Vec::new();
    };
    let declarations = (site.value.value().fields.iter()).flat_map(|f| f.value());
    let mut keys: Vec<String> = Vec::new();
    for key in declarations.filter_map(|d| d.value().key.as_ref()) {
        let key = key.value().trim();
        if !keys.iter().any(|k| k == key) {
            keys.push(key.to_string());
        }
    }
    keys
}

/// pretty_yaml's options for errdocs' layout. Trailing spaces are kept: in a `|` block
/// they are part of the text.
fn layout_options() -> pretty_yaml::config::FormatOptions {
    use pretty_yaml::config::{FormatOptions, LanguageOptions, LayoutOptions, LineBreak, Quotes};
    FormatOptions {
        layout: LayoutOptions {
            print_width: WIDTH,
            indent_width: 2,
            line_break: LineBreak::Lf,
        },
        language: LanguageOptions {
            quotes: Quotes::PreferDouble,
            trailing_comma: false,
            indent_block_sequence_in_map: true,
            trim_trailing_whitespaces: false,
            ..LanguageOptions::default()
        },
    }
}

/// Whether two YAML texts hold the same values (read as JSON: the same types, texts,
/// lists and keys, in any key order). When `a` cannot be read as JSON (a key that is
/// not text, a tab before a `:`), the texts of the trees are compared.
pub fn same_values(a: &str, b: &str) -> bool {
    let read = |text: &str| serde_saphyr::from_str::<serde_json::Value>(text).ok();
    match (read(a), read(b)) {
        (Some(a), Some(b)) => a == b,
        (None, _) => {
            let tree = |text| yaml::parse(text).ok().map(|t| tree_values(&t.root));
            tree(a).is_some() && tree(a) == tree(b)
        }
        (Some(_), None) => false,
    }
}

/// A tree's values as JSON, every scalar as its text.
fn tree_values(node: &yaml::Node) -> serde_json::Value {
    use serde_json::Value as Json;
    match &node.value {
        _ if node.is_null() => Json::Null,
        yaml::Value::Scalar { text, .. } => Json::String(text.to_string()),
        yaml::Value::List { items, .. } => Json::Array(items.iter().map(tree_values).collect()),
        yaml::Value::Map { entries, .. } => Json::Object(
            (entries.iter())
                .map(|e| (tree_values(&e.key).to_string(), tree_values(&e.value)))
                .collect(),
        ),
    }
}

/// The record files `fmt` works on: those named (a folder stands for the `.yaml` files
/// in it, at any depth), or every record of the site in `root`. Paths as given, or
/// relative to `root` when none are given.
pub fn record_files(
    root: &Path,
    paths: &[std::path::PathBuf],
) -> Result<Vec<std::path::PathBuf>, crate::Error> {
    if paths.is_empty() {
        return Ok(crate::load::find_record_files(root)
            .0
            .into_iter()
            .map(|p| root.join(p))
            .collect());
    }
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::symlink_metadata(path).map_err(|source| crate::Error::Io {
            context: format!("cannot read {}", path.display()),
            source,
        })?;
        if metadata.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .follow_links(false)
                .sort_by_file_name();
            files.extend(
                (walker.into_iter().filter_map(Result::ok))
                    .filter(|e| e.file_type().is_file())
                    .filter(|e| {
                        e.path()
                            .extension()
                            .is_some_and(|x| x.eq_ignore_ascii_case("yaml"))
                    })
                    .map(|e| e.into_path()),
            );
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}
