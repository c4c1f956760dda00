//! Load: the files of a site folder → raw, located values.
//!
//! Reads `site.yaml`, `content/categories.yaml` and every `content/errors/**/*.yaml`
//! (in parallel), with the limits that keep hostile input harmless: a record larger
//! than [`MAX_FILE_BYTES`] is refused unread, YAML anchors and nesting are bounded by a
//! parser budget, bytes that are not UTF-8 are an error, symlinks are not followed, and
//! only regular files are opened (opening a named pipe would wait forever).
//! Nothing here judges content; problems reading or parsing a file become
//! [`Diagnostic`]s and loading carries on with the other files.
//!
//! A file is parsed into a tree of located values ([`yaml`]), then read into its raw
//! type field by field ([`read`], [`raw`]): a value of the wrong shape is a diagnostic
//! of its field and the other fields are read all the same. A file that is not YAML
//! gets the one diagnostic its syntax error allows, explained as the slip it most
//! likely is ([`slips`]).

pub mod pages;
pub mod raw;
pub mod read;
pub mod slips;
mod text;
pub mod translations;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Position};
use raw::{Located, RawCategory, RawRecord, RawSiteConfig};
use read::{FromNode, Place, Reader};
use text::symlink_diagnostic;
pub use text::{normalize_line_breaks, read_found_text, read_text, symlink_in};

/// The largest YAML file errdocs reads (1 MiB). Larger files are refused unread.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The deepest nesting of YAML collections a file may have.
pub const MAX_DEPTH: usize = 32;

/// Where each part of a site lives, relative to its root.
pub const SITE_FILE: &str = "site.yaml";
pub const CATEGORIES_FILE: &str = "content/categories.yaml";
pub const ERRORS_DIR: &str = "content/errors";

/// A file that was read: its path relative to the site root.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
}

impl SourceFile {
    /// The diagnostic position of a located value.
    pub fn position<T>(&self, value: &Located<T>) -> Option<Position> {
        Some(value.position()).filter(|p| p.line > 0)
    }

    /// The diagnostic position of a node of the file's tree.
    pub fn position_of_node(&self, node: &yaml::Node) -> Option<Position> {
        Some(node.position).filter(|p| p.line > 0)
    }
}

/// A file that parsed, with its raw value and the problems found reading it (values of
/// the wrong type, duplicate keys, YAML slips), which validation reports with its own.
#[derive(Debug)]
pub struct Loaded<T> {
    pub file: SourceFile,
    pub value: T,
    /// The file's text: values that YAML reads as numbers (a version `2.10`) are
    /// taken as written, and links in Markdown are pointed at where they are written.
    pub text: String,
    /// The problems found reading it (values of the wrong type, duplicate keys, YAML
    /// slips), which validation reports with its own.
    pub diagnostics: Vec<Diagnostic>,
}

/// `content/categories.yaml` (or a translation of it), read.
pub type LoadedCategories = Loaded<Located<Vec<Located<RawCategory>>>>;

/// Everything read from a site folder, and what went wrong reading it.
#[derive(Debug, Default)]
pub struct LoadedSite {
    pub root: PathBuf,
    pub config: Option<Loaded<Located<RawSiteConfig>>>,
    pub categories: Option<Loaded<Located<Vec<Located<RawCategory>>>>>,
    /// Every record file, relative to the root, in path order. They are read and
    /// parsed by validation one at a time ([`load_record`]), so that the raw forms,
    /// much larger than the checked records, never pile up in memory.
    pub record_paths: Vec<PathBuf>,
    /// Every record translation file (`CODE.<lang>.yaml`), in path order; read and
    /// parsed by validation, as records are.
    pub translation_paths: Vec<translations::TranslationPath>,
    /// `content/categories.<lang>.yaml` of each other language that has one.
    pub category_translations: Vec<(String, LoadedCategories)>,
    /// The site's own strings files (`strings/<lang>.yaml`), by language tag.
    pub strings: std::collections::BTreeMap<String, crate::strings::files::SiteStrings>,
    /// Every page of `content/pages/` whose front matter parsed (not translations).
    pub pages: Vec<pages::LoadedPage>,
    /// Every page translation (`about.<lang>.md`) whose front matter parsed.
    pub page_translations: Vec<pages::PageTranslation>,
    /// The theme's assets (built-in and the site's `static/`): name → content. No
    /// page may take their place, and `logo` names one.
    pub assets: std::collections::BTreeMap<String, Vec<u8>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a whole site folder. Never fails: what cannot be read is a diagnostic.
pub fn load_site(root: &Path) -> LoadedSite {
    let mut site = LoadedSite {
        root: root.to_path_buf(),
        ..LoadedSite::default()
    };
    let (config, categories) = rayon::join(
        || load_file::<Located<RawSiteConfig>>(root, Path::new(SITE_FILE)),
        || load_file::<Located<Vec<Located<RawCategory>>>>(root, Path::new(CATEGORIES_FILE)),
    );
    site.config = collect(config, &mut site.diagnostics);
    site.categories = collect(categories, &mut site.diagnostics);

    let languages = translations::raw_languages(site.config.as_ref().map(|c| &c.value));
    let (paths, walk_diagnostics) = find_record_files(root);
    site.diagnostics.extend(walk_diagnostics);
    let (records, translation_paths, split_diagnostics) =
        translations::split(root, paths, &languages);
    site.diagnostics.extend(split_diagnostics);
    site.record_paths = records;
    let (pages, page_diagnostics) = pages::load_pages(root);
    site.diagnostics.extend(page_diagnostics);
    let (pages, page_translations, split_diagnostics) =
        pages::split_translations(pages, &languages);
    site.diagnostics.extend(split_diagnostics);
    site.pages = pages;
    site.page_translations = page_translations;
    site.assets = crate::render::theme::asset_files_or_builtin(root);
    site.translation_paths = translation_paths;
    for language in languages.iter().skip(1) {
        let file = translations::categories_file(language);
        if root.join(&file).exists() {
            let loaded = load_file::<Located<Vec<Located<RawCategory>>>>(root, &file);
            if let Some(loaded) = collect(loaded, &mut site.diagnostics) {
                site.category_translations.push((language.clone(), loaded));
            }
        }
    }
    let (strings, strings_diagnostics) = crate::strings::files::read_site_files(root);
    site.strings = strings;
    site.diagnostics.extend(strings_diagnostics);
    site
}

/// Reads and parses one record file (`path` relative to `root`).
pub fn load_record(root: &Path, path: &Path) -> Result<Loaded<Located<RawRecord>>, Diagnostic> {
    load_file(root, path)
}

/// [`load_record`] for a record file that listing `content/errors/` found
/// ([`find_record_files`]; see [`read_found_text`]).
pub fn load_found_record(
    root: &Path,
    path: &Path,
) -> Result<Loaded<Located<RawRecord>>, Diagnostic> {
    let text = read_found_text(root, path)?;
    parse_file(path, text)
}

fn collect<T>(
    result: Result<Loaded<T>, Diagnostic>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Loaded<T>> {
    result.map_err(|d| diagnostics.push(d)).ok()
}

/// Every `*.yaml` file under `content/errors/`, sorted by path, plus diagnostics for what
/// cannot be a record (symlinks, `.yml` files, unreadable folders).
pub fn find_record_files(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut paths = Vec::new();
    let mut diagnostics = Vec::new();
    let dir = root.join(ERRORS_DIR);
    if let Some(link) = symlink_in(root, Path::new(ERRORS_DIR)) {
        diagnostics.push(symlink_diagnostic(&link));
        return (paths, diagnostics);
    }
    if !dir.is_dir() {
        diagnostics.push(
            Diagnostic::error("missing-file", ERRORS_DIR, "the folder of error records does not exist")
                .with_hint("create it and add one `CODE.yaml` file per error (`errdocs new CODE --category SLUG`); `errdocs init` starts a new site with examples"),
        );
        return (paths, diagnostics);
    }
    let walker = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diagnostics.push(unreadable_folder(root, &err, ERRORS_DIR));
                continue;
            }
        };
        let path = relative(root, entry.path());
        let is_yaml = |ext: &str| {
            entry
                .path()
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(ext))
        };
        if entry.path_is_symlink() {
            diagnostics.push(
                Diagnostic::error(
                    "symlink",
                    path,
                    "symbolic links are not followed in content/errors/",
                )
                .with_hint("replace the link with the file or folder it points to"),
            );
        } else if entry.file_type().is_dir() {
            if entry.depth() > 0 && (is_yaml("yaml") || is_yaml("yml")) {
                diagnostics.push(Diagnostic::warning(
                    "folder-named-yaml",
                    path,
                    "this is a folder with a .yaml name; only files are records (its files are read as usual)",
                ));
            }
        } else if is_yaml("yaml") {
            // Pipes, sockets and devices are pushed too: reading reports them.
            paths.push(path);
        } else if is_yaml("yml") {
            diagnostics.push(
                Diagnostic::error(
                    "file-extension",
                    path,
                    "record files end in `.yaml`; this `.yml` file would be ignored",
                )
                .with_hint("rename it to end in `.yaml`"),
            );
        }
    }
    (paths, diagnostics)
}

/// The error of a folder that a walk of `folder` (below `root`) could not read.
pub(crate) fn unreadable_folder(root: &Path, err: &walkdir::Error, folder: &str) -> Diagnostic {
    let path = (err.path()).map_or_else(|| PathBuf::from(folder), |p| relative(root, p));
    let reason = (err.io_error()).map_or_else(|| err.to_string(), |e| e.to_string());
    Diagnostic::error(
        "unreadable-file",
        path,
        format!("cannot read this folder: {reason}"),
    )
}

pub(crate) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The three kinds of YAML file of a site, for hints that say what goes in each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    Settings,
    Categories,
    Record,
}

impl FileKind {
    fn of(path: &Path) -> FileKind {
        if path == Path::new(SITE_FILE) {
            FileKind::Settings
        } else if path == Path::new(CATEGORIES_FILE) {
            FileKind::Categories
        } else {
            FileKind::Record
        }
    }

    /// What to write into an empty file of this kind.
    fn when_empty(self) -> &'static str {
        match self {
            FileKind::Settings => {
                "write the site's settings: `title: ...` and `base_url: /` are required, every other key is optional (`errdocs init` writes a site.yaml that shows them all)"
            }
            FileKind::Categories => {
                "list the categories, one `- slug: ...` with its `title: ...` (and an optional `description: ...`) each"
            }
            FileKind::Record => {
                "write the record's keys (`code: ...`), or `errdocs new CODE --category SLUG`"
            }
        }
    }

    /// What a missing file of this kind holds (records are found by listing, so one
    /// is never missing).
    fn when_missing(self) -> Option<&'static str> {
        match self {
            FileKind::Settings => Some(
                "site.yaml holds the site's settings (`title: ...` and `base_url: /` at least); `errdocs init` starts a new site with every file",
            ),
            FileKind::Categories => Some(
                "content/categories.yaml lists the categories, one `- slug: ...` with its `title: ...` each; `errdocs init` starts a new site with every file",
            ),
            FileKind::Record => None,
        }
    }
}

/// Reads and parses one YAML file (`path` is relative to `root`): the value, with the
/// problems of its fields; or the problem that left nothing to read (the file is not
/// YAML, or not the shape `T` needs at all).
pub fn load_file<T: FromNode>(root: &Path, path: &Path) -> Result<Loaded<T>, Diagnostic> {
    let text = read_text(root, path)?;
    parse_file(path, text)
}

/// Parses `text`, the content of the YAML file `path`, into `T` (see [`load_file`]).
fn parse_file<T: FromNode>(path: &Path, text: String) -> Result<Loaded<T>, Diagnostic> {
    let file = SourceFile {
        path: path.to_path_buf(),
    };
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Diagnostic::error("empty-file", path, "this file is empty")
            .with_hint(FileKind::of(path).when_empty()));
    }
    let (value, diagnostics) = read_yaml(&file, &text)?;
    Ok(Loaded {
        file,
        value,
        text,
        diagnostics,
    })
}

/// Reads `text`, the YAML of `file`, into `T`: the value and the problems of its fields,
/// or the problem that left nothing to read.
pub(crate) fn read_yaml<T: FromNode>(
    file: &SourceFile,
    text: &str,
) -> Result<(T, Vec<Diagnostic>), Diagnostic> {
    let path = &file.path;
    let tree = yaml::parse(text).map_err(|err| slips::parse_error(path, text, err))?;
    let mut reader = Reader {
        file,
        text,
        found: Vec::new(),
    };
    for duplicate in &tree.duplicates {
        (reader.found).push(slips::duplicate_key(path, text, duplicate));
    }
    let place = Place {
        key: "",
        key_position: Position::default(),
        item: false,
        siblings: &[],
    };
    match T::from_node(&tree.root, &mut reader, place) {
        Some(value) => Ok((value, reader.found)),
        None => Err((reader.found.into_iter())
            .find(Diagnostic::is_error)
            .expect("a value that cannot be read is reported")),
    }
}

/// The byte offset of a 1-based line and character column in `text` (a column past
/// the end of its line is the line's end). A byte-order mark takes no column.
pub(crate) fn byte_offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = match line {
        0 | 1 if text.starts_with('\u{feff}') => 3,
        0 | 1 => 0,
        _ => match text.match_indices('\n').nth(line - 2) {
            Some((newline, _)) => newline + 1,
            None => return text.len(),
        },
    };
    let line_text = text[line_start..].split('\n').next().unwrap_or("");
    let within = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    line_start + within
}
