//! `errdocs build`: the whole pipeline, load → validate → model → render → write, into
//! an output folder that is replaced only when everything succeeded.

use std::path::{Path, PathBuf};

use crate::pipeline::{self, SiteOptions};
use crate::{Diagnostic, Error, Timings, render, write};

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

    /// How the pipeline models the site for this build.
    pub fn site_options(&self) -> SiteOptions {
        SiteOptions {
            drafts: self.drafts,
            base_url: self.base_url.clone(),
            ..SiteOptions::default()
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

/// Builds a site: load → validate → model → render → write. The output folder is
/// replaced only if everything succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let mut timings = Timings::start();
    let output = options.output_dir();
    check_output_dir(&options.root, &output)?;
    let (site, warnings) = pipeline::load(&options.root, &options.site_options(), &mut timings)?;
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
