//! `errdocs init [DIR]`: a new site that `check`s clean, builds and serves at once.
//!
//! The starter site is the folder `src/init/site/`, compiled into the binary like the
//! theme: `site.yaml` with every setting, two categories, three example records of the
//! site's product that together use every record key, `.gitignore`, editor settings
//! for the JSON Schemas, a CONTRIBUTING.md, and two GitHub workflows (check pull
//! requests, publish on GitHub Pages) that use errdocs's own GitHub Action. Its files
//! hold `@@name@@` placeholders, filled in from [`InitOptions`] ([`Starter::fill`]);
//! the JSON Schemas come from [`crate::schema`], the same as `errdocs schema`.
//!
//! When DIR lies inside a git repository (the site in `docs/errors/` of a project), the
//! workflows go into the repository's `.github/workflows/`, where GitHub reads them,
//! and name the site's folder. Nothing is ever overwritten: if one of the files exists,
//! nothing is written.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::Error;
use crate::discover::{normalize, relative_to};
use crate::load::{self, ERRORS_DIR, SITE_FILE, SourceFile};
use crate::new::yaml_text;

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/init/site");

/// Where GitHub reads workflows, relative to a repository's top.
pub const WORKFLOWS_DIR: &str = ".github/workflows";

/// What the new site is about.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The site folder; created when it does not exist.
    pub dir: PathBuf,
    /// `site.yaml`'s `title`.
    pub title: String,
    /// `site.yaml`'s `product`, also named in the example records.
    pub product: String,
    /// `site.yaml`'s `language`.
    pub language: String,
    /// `site.yaml`'s `base_url`.
    pub base_url: String,
    /// The examples' `updated`.
    pub today: jiff::civil::Date,
}

/// A file `init` writes.
#[derive(Debug, Clone)]
pub struct NewFile {
    /// Where it goes: below [`InitOptions::dir`], or below the repository's top for
    /// workflows.
    pub path: PathBuf,
    pub contents: Vec<u8>,
}

/// What `init` wrote.
#[derive(Debug)]
pub struct Initialized {
    /// Every file written, in the order written.
    pub files: Vec<PathBuf>,
    /// The git repository the site lies in, when the workflows went to its top.
    pub repository: Option<PathBuf>,
}

/// Writes a new site into `options.dir`; writes nothing when one of its files exists.
pub fn init(options: &InitOptions) -> Result<Initialized, Error> {
    if options.dir.exists() && !options.dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file, not a folder",
            options.dir.display()
        )));
    }
    let (files, repository) = plan(options)?;
    let existing: Vec<String> = files
        .iter()
        .filter(|f| std::fs::symlink_metadata(&f.path).is_ok())
        .map(|f| crate::diagnostics::display_path(&f.path))
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "refusing to overwrite {}; nothing was written (init writes only into a folder that has none of its files)",
            existing.join(", ")
        )));
    }
    let mut written = Vec::new();
    for file in files {
        write_new(&file)?;
        written.push(file.path);
    }
    Ok(Initialized {
        files: written,
        repository,
    })
}

/// The files of the new site, and the repository whose workflows they include, when
/// the site lies below the top of a git repository.
pub fn plan(options: &InitOptions) -> Result<(Vec<NewFile>, Option<PathBuf>), Error> {
    let dir = std::path::absolute(&options.dir)
        .map(|d| normalize(&d))
        .map_err(|source| Error::Io {
            context: format!("cannot resolve {}", options.dir.display()),
            source,
        })?;
    let repository = repository_top(&dir).filter(|top| *top != dir);
    let site_root = repository
        .as_deref()
        .map(|top| relative_to(top, &dir))
        .unwrap_or_default();
    let starter = Starter::new(options, &site_root);
    let mut files = Vec::new();
    for (relative, template) in starter_files() {
        let mut contents = starter.fill(&relative, template)?;
        // The example records in the layout `errdocs fmt --check` (in the workflow
        // below) expects, whatever the product's name does to their lines' width.
        if relative.starts_with(ERRORS_DIR) {
            contents = crate::fmt::laid_out(&relative, contents);
        }
        let contents = contents.into_bytes();
        let path = match (relative.strip_prefix(WORKFLOWS_DIR), &repository) {
            (Ok(_), Some(top)) => top.join(&relative),
            _ => options.dir.join(&relative),
        };
        files.push(NewFile { path, contents });
    }
    for (name, text) in crate::schema::all(&[]) {
        files.push(NewFile {
            path: options.dir.join("schema").join(name),
            contents: text.into_bytes(),
        });
    }
    let settings = files
        .iter()
        .find(|f| f.path == options.dir.join(SITE_FILE))
        .expect("the starter has a site.yaml");
    check_settings(&settings.contents)?;
    Ok((files, repository))
}

/// The nearest folder from `dir` upward that holds `.git` (a folder, or a file in a
/// worktree or submodule).
fn repository_top(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// Every file of the starter site: (path relative to the site, text).
fn starter_files() -> Vec<(PathBuf, &'static str)> {
    let mut files = Vec::new();
    let mut folders = vec![&STARTER];
    while let Some(folder) = folders.pop() {
        for file in folder.files() {
            let text = file
                .contents_utf8()
                .expect("the starter site's files are UTF-8");
            files.push((file.path().to_path_buf(), text));
        }
        folders.extend(folder.dirs());
    }
    files.sort();
    files
}

/// The values of a starter's placeholders.
struct Starter {
    values: Vec<(&'static str, String)>,
}

impl Starter {
    fn new(options: &InitOptions, site_root: &Path) -> Starter {
        let site_root_text = crate::diagnostics::display_path(site_root);
        let edit_path = if site_root_text.is_empty() {
            String::new()
        } else {
            format!("{site_root_text}/")
        };
        let site_root_text = if site_root_text.is_empty() {
            ".".to_string()
        } else {
            site_root_text
        };
        Starter {
            values: vec![
                ("title", yaml_text(options.title.trim())),
                ("product", yaml_text(options.product.trim())),
                ("product_text", options.product.trim().to_string()),
                ("language", yaml_text(options.language.trim())),
                ("base_url", yaml_text(options.base_url.trim())),
                ("today", options.today.to_string()),
                ("edit_path", edit_path),
                ("site_root", yaml_text(&site_root_text)),
                ("action", crate::version::action_reference()),
                ("errdocs_url", env!("CARGO_PKG_REPOSITORY").to_string()),
            ],
        }
    }

    /// `template` with every `@@name@@` replaced by its value.
    fn fill(&self, path: &Path, template: &str) -> Result<String, Error> {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(start) = rest.find("@@") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let end = after.find("@@").ok_or_else(|| unknown(path, after))?;
            let name = &after[..end];
            let value = self
                .values
                .iter()
                .find(|(n, _)| *n == name)
                .ok_or_else(|| unknown(path, name))?;
            out.push_str(&value.1);
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

fn unknown(path: &Path, name: &str) -> Error {
    Error::Theme(format!(
        "the starter file {} has an unknown placeholder `@@{}`",
        path.display(),
        name.chars().take(40).collect::<String>()
    ))
}

/// Checks the new `site.yaml` as `check` will, so a bad `--title`, `--language` or
/// `--base-url` is refused before anything is written.
fn check_settings(text: &[u8]) -> Result<(), Error> {
    let text = std::str::from_utf8(text).expect("filled from UTF-8");
    let file = SourceFile {
        path: PathBuf::from(SITE_FILE),
    };
    let (value, mut found) = load::read_yaml(&file, text)
        .map_err(|d| Error::Usage(format!("the settings do not parse: {}", d.message)))?;
    let loaded = load::Loaded {
        file,
        value,
        text: text.to_string(),
        diagnostics: Vec::new(),
    };
    crate::validate::check_config(&loaded, &mut found);
    let problems: Vec<String> = found
        .iter()
        .filter(|d| d.is_error())
        .map(|d| match &d.hint {
            Some(hint) => format!("{} ({hint})", d.message),
            None => d.message.clone(),
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "nothing was written: {}",
            problems.join("; ")
        )))
    }
}

/// Creates `file` (and its folders); fails rather than replace a file that appeared
/// since the check.
fn write_new(file: &NewFile) -> Result<(), Error> {
    use std::io::Write as _;
    let io = |source| Error::Io {
        context: format!("cannot write {}", file.path.display()),
        source,
    };
    if let Some(parent) = file.path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&file.path)
        .and_then(|mut f| f.write_all(&file.contents))
        .map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(dir: &Path) -> InitOptions {
        InitOptions {
            dir: dir.to_path_buf(),
            title: "Acme API errors".into(),
            product: "Acme API".into(),
            language: "en".into(),
            base_url: "/".into(),
            today: jiff::civil::date(2026, 1, 2),
        }
    }

    /// Every placeholder of every starter file has a value (an unknown one fails).
    #[test]
    fn every_placeholder_is_filled() {
        let starter = Starter::new(&options(Path::new("x")), Path::new("docs/errors"));
        for (path, template) in starter_files() {
            let text = starter.fill(&path, template).unwrap();
            assert!(
                !text.contains("@@"),
                "{} keeps a placeholder",
                path.display()
            );
        }
        assert!(starter.fill(Path::new("t"), "a @@nope@@ b").is_err());
    }

    #[test]
    fn the_starter_holds_its_hidden_files() {
        let paths: Vec<PathBuf> = starter_files().into_iter().map(|(p, _)| p).collect();
        for hidden in [
            ".gitignore",
            ".vscode/settings.json",
            ".github/workflows/errdocs-check.yml",
        ] {
            assert!(
                paths.contains(&PathBuf::from(hidden)),
                "{hidden} missing: {paths:?}"
            );
        }
    }

    #[test]
    fn a_bad_base_url_is_refused_before_writing() {
        let mut bad = options(Path::new("x"));
        bad.base_url = "ftp://example.com/".into();
        let err = plan(&bad).unwrap_err().to_string();
        assert!(err.contains("ftp://example.com/"), "{err}");
    }
}
