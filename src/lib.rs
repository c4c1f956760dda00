//! errdocs: a static site generator for error-reference websites.
//!
//! A site is a folder of YAML error records; a build is a pipeline, one module a stage:
//!
//! 1. [`load`]: files → raw records that remember where each value was written;
//! 2. [`validate`]: raw records → checked records, and a [`Diagnostic`] per problem;
//! 3. [`model`]: the [`Site`]: records A to Z, categories, related errors;
//! 4. [`render`]: Markdown, highlighting and templates → pages, feeds, JSON, search;
//! 5. [`write`]: a staging folder swapped in for the output only when all succeeded.
//!
//! [`build`] and [`check`] run the pipeline; [`new`] writes a record skeleton and
//! [`explain`] prints a record in the terminal. The `errdocs` binary ([`cli`]) is a thin
//! layer over them, so tests call the same code users run.

pub mod cli;
pub mod diagnostics;
pub mod explain;
pub mod load;
pub mod model;
pub mod new;
pub mod related;
pub mod render;
pub mod schema;
pub mod serve;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use diagnostics::Diagnostic;
pub use model::Site;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content has errors (exit code 1). Every problem found is listed.
    #[error("the content has {} error(s)", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    /// A template of the theme does not compile or fails to render (exit code 1).
    #[error("{0}")]
    Theme(String),
    /// The command was asked something it must refuse, such as an output folder that
    /// holds the content (exit code 2).
    #[error("{0}")]
    Usage(String),
    /// Reading or writing a file failed (exit code 2).
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The process exit code the contract gives this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) | Error::Theme(_) => 1,
            Error::Usage(_) | Error::Io { .. } => 2,
        }
    }
}

/// How long each stage of a build took, in order.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
    last: Option<Instant>,
}

impl Timings {
    /// Starts timing the first stage.
    pub fn start() -> Timings {
        Timings {
            stages: Vec::new(),
            last: Some(Instant::now()),
        }
    }

    /// Ends the current stage, naming it.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        let since = self.last.map_or(Duration::ZERO, |last| now - last);
        self.stages.push((stage, since));
        self.last = Some(now);
    }

    pub fn total(&self) -> Duration {
        self.stages.iter().map(|(_, d)| *d).sum()
    }
}

/// What `errdocs build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Where to write; default `public/` inside the site folder.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of site.yaml (for previews).
    pub base_url: Option<String>,
    /// Build records marked `draft: true` too.
    pub drafts: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub records: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    /// Warnings found in the content (errors fail the build).
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
}

/// Loads and validates a site: every diagnostic, sorted by file and line.
pub fn check(root: &Path) -> Vec<Diagnostic> {
    check_counting(root).1
}

/// [`check`], with the number of record files it read (for the summary line).
pub fn check_counting(root: &Path) -> (usize, Vec<Diagnostic>) {
    let loaded = load::load_site(root);
    let records = loaded.record_paths.len();
    (records, validate::validate(loaded).1)
}

/// Loads, validates and models a site. On content errors, returns them all.
pub fn load_model(
    options: &BuildOptions,
    timings: &mut Timings,
) -> Result<(Site, Vec<Diagnostic>), Error> {
    let loaded = load::load_site(&options.root);
    timings.lap("load");
    let (validated, diagnostics) = validate::validate(loaded);
    timings.lap("validate");
    let validated = match validated {
        Some(validated) if !diagnostics.iter().any(Diagnostic::is_error) => validated,
        _ => return Err(Error::Content(diagnostics)),
    };
    let mut config = validated.config;
    if let Some(base_url) = &options.base_url {
        config.base_url = validate::normalize_base_url(base_url).ok_or_else(|| {
            Error::Usage(format!("--base-url `{base_url}` is not an absolute URL (https://host/path/) or a path starting with `/`"))
        })?;
    }
    let records = validated
        .records
        .into_iter()
        .filter(|r| options.drafts || !r.draft)
        .collect();
    let site = Site::new(config, validated.categories, records);
    timings.lap("model");
    Ok((site, diagnostics))
}

/// Builds a site: load → validate → model → render → write. The output folder is
/// replaced only if everything succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let mut timings = Timings::start();
    let output = options.output_dir();
    check_output_dir(&options.root, &output)?;
    let (site, warnings) = load_model(options, &mut timings)?;
    let theme = render::theme::Theme::load(&options.root)?;
    let staging = write::Staging::new(&output)?;
    let stats = render::render_site(&site, theme, &staging, &mut timings)?;
    let (files, bytes) = staging.totals();
    staging.commit()?;
    timings.lap("swap into place");
    Ok(BuildReport {
        output,
        records: site.records.len(),
        pages: stats.pages,
        files,
        bytes,
        warnings,
        timings,
    })
}

/// Refuses output folders a build would damage: the site root, `/`, a parent of the
/// site, or anything inside `content/`, `templates/` or `static/`.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Error> {
    let root = absolute(root)?;
    let output = absolute(output)?;
    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "refusing to write the site into {}: {why}",
            output.display()
        )))
    };
    if output.parent().is_none() {
        return refuse("it is the file system's root");
    }
    if output == root {
        return refuse("it is the site folder itself; use a folder inside it, such as public/");
    }
    if root.starts_with(&output) {
        return refuse("it contains the site folder, which the build would replace");
    }
    for inside in ["content", "templates", "static"] {
        if output.starts_with(root.join(inside)) {
            return refuse(&format!("it is inside the site's {inside}/ folder"));
        }
    }
    if output.join("content").join("errors").is_dir() || output.join("site.yaml").is_file() {
        return refuse("it holds a site's content (site.yaml or content/errors/)");
    }
    Ok(())
}

/// An absolute, normalised path, resolving symlinks of the part that exists, so that
/// `./public/..` or a link cannot disguise the site folder.
fn absolute(path: &Path) -> Result<PathBuf, Error> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::Io {
                context: "cannot read the current folder".into(),
                source: e,
            })?
            .join(path)
    };
    let mut existing = joined.clone();
    // The path parts below `existing` that do not exist yet, innermost first.
    let mut missing: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut result = canonical;
            for part in missing.iter().rev() {
                if part == ".." {
                    result.pop();
                } else if part != "." {
                    result.push(part);
                }
            }
            return Ok(result);
        }
        let Some(last) = existing
            .components()
            .next_back()
            .map(|c| c.as_os_str().to_owned())
        else {
            return Ok(joined);
        };
        missing.push(last);
        if !existing.pop() {
            return Ok(joined);
        }
    }
}
