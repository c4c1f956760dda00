//! The theme: templates and static assets, built in and overridable file by file.
//!
//! The built-in theme is the repository's `templates/` and `static/` folders, compiled
//! into the binary, so `errdocs build` works in a folder that has only `site.yaml` and
//! `content/`. A site's own `templates/X` replaces the built-in `X` (and every built-in
//! template that extends or includes `X` uses the site's); a site's `static/Y` replaces
//! or adds `Y`. A site template can still reach a built-in one as `builtin/X`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::Error;

static BUILTIN_TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
static BUILTIN_STATIC: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");

/// The prefix under which built-in templates are registered.
pub const BUILTIN_PREFIX: &str = "builtin/";

/// The templates and static files of a build, overrides applied.
pub struct Theme {
    pub tera: tera::Tera,
    /// Path relative to the output root → bytes, sorted by path.
    pub assets: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Loads the built-in theme with `root`'s `templates/` and `static/` on top.
    pub fn load(root: &Path) -> Result<Theme, Error> {
        let mut templates: Vec<(String, String)> = Vec::new();
        for file in files_of(&BUILTIN_TEMPLATES) {
            let text = file.contents_utf8().ok_or_else(|| {
                Error::Theme(format!(
                    "built-in template {} is not UTF-8",
                    file.path().display()
                ))
            })?;
            templates.push((
                format!("{BUILTIN_PREFIX}{}", unix_path(file.path())),
                text.to_string(),
            ));
        }
        for (name, bytes) in read_folder(&root.join("templates"))? {
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::Theme(format!("templates/{name} is not UTF-8 text")))?;
            templates.push((name, text));
        }
        let mut tera = tera::Tera::new();
        tera.set_fallback_prefixes([BUILTIN_PREFIX])
            .map_err(|e| Error::Theme(e.to_string()))?;
        tera.autoescape_on([".html", ".xml"]);
        // Templates are checked against the functions they call when they are added;
        // each language's `t()` replaces this one before anything renders.
        tera.register_function(
            "t",
            |_: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
                Err(tera::Error::message(
                    "t() is called before a language's words are known",
                ))
            },
        );
        tera.add_raw_templates(templates).map_err(|e| {
            Error::Theme(format!("a template does not compile: {}", tera_error(&e)))
        })?;

        Ok(Theme {
            tera,
            assets: asset_files(root)?,
        })
    }
}

/// The built-in theme's static files: path → bytes.
pub fn builtin_assets() -> BTreeMap<String, Vec<u8>> {
    (files_of(&BUILTIN_STATIC).into_iter())
        .map(|file| (unix_path(file.path()), file.contents().to_vec()))
        .collect()
}

/// [`asset_files`], or the built-in ones when the site's `static/` cannot be read:
/// for the checks that need only the assets' names (the build reports the problem).
pub fn asset_files_or_builtin(root: &Path) -> BTreeMap<String, Vec<u8>> {
    asset_files(root).unwrap_or_else(|_| builtin_assets())
}

/// The static files of a build of the site in `root`: the built-in ones with the
/// site's `static/` on top. Path → bytes, sorted by path.
pub fn asset_files(root: &Path) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let mut assets = builtin_assets();
    for (name, bytes) in read_folder(&root.join("static"))? {
        assets.insert(name, bytes);
    }
    Ok(assets)
}

/// A tera error with its causes, which hold the template name and line.
pub fn tera_error(err: &tera::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn files_of(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        files.extend(dir.files());
        stack.extend(dir.dirs());
    }
    files.sort_by_key(|f| f.path());
    files
}

fn unix_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Every file below `dir` (if it exists) as (relative path, bytes), sorted. Hidden
/// files are skipped, and so are symlinks, which could reach outside the site.
fn read_folder(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut files = Vec::new();
    // The folder itself would be followed (links inside it are skipped below): refuse it,
    // or a pull request could publish any folder of the machine that builds the site.
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::Theme(format!(
            "{} is a symbolic link; errdocs does not follow links in a site",
            dir.display()
        )));
    }
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| Error::Io {
            context: format!("cannot read {}", dir.display()),
            source: e.into(),
        })?;
        let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
        if !entry.file_type().is_file() || hidden {
            continue;
        }
        let relative: PathBuf = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_path_buf();
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::Io {
            context: format!("cannot read {}", entry.path().display()),
            source: e,
        })?;
        files.push((unix_path(&relative), bytes));
    }
    Ok(files)
}
