//! errdocs: a static site generator for error-reference websites.
//!
//! A site is a folder of YAML error records; a build is a pipeline, one module a stage:
//!
//! 1. [`load`]: files → raw records (and pages) that remember where each value was
//!    written;
//! 2. [`validate`]: raw records → checked records, and a [`Diagnostic`] per problem;
//! 3. [`model`]: the [`Site`]: records in natural order, categories, tags, pages,
//!    related errors;
//! 4. [`render`]: Markdown, highlighting and templates → pages, feeds, JSON, search;
//! 5. [`write`]: a staging folder swapped in for the output only when all succeeded.
//!
//! [`pipeline`] runs the first three for every command; [`build()`] runs them all. Two
//! tables hold what several stages share: [`fields`], the record's fields, and
//! [`paths`], where every file of the built site goes and its URL. [`new`] writes a
//! record skeleton, [`explain`] prints a record in the terminal, [`fmt`] lays record
//! files out in one canonical layout, and [`serve`] previews the site ([`watch`] sees
//! its saves, and those of `check --watch`). The `errdocs` binary ([`cli`], [`cmd`]) is
//! a thin layer over them, so tests call the same code users run.

pub mod build;
pub mod cli;
pub mod cmd;
pub mod diagnostics;
pub mod discover;
pub mod explain;
pub mod fields;
pub mod fmt;
pub mod init;
pub mod load;
pub mod model;
pub mod new;
pub mod paths;
pub mod pipeline;
pub mod render;
pub mod schema;
pub mod serve;
pub mod strings;
pub mod validate;
pub mod version;
pub mod watch;
pub mod write;

use std::path::Path;
use std::time::{Duration, Instant};

pub use build::{BuildOptions, BuildReport, build, check_output_dir};
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

/// Loads and validates a site: every diagnostic, sorted by file and line.
pub fn check(root: &Path) -> Vec<Diagnostic> {
    pipeline::check(root).1
}

/// [`check`], with the number of record files it read (for the summary line).
pub fn check_counting(root: &Path) -> (usize, Vec<Diagnostic>) {
    pipeline::check(root)
}

/// Loads, validates and models a site as `build` does. On content errors, returns
/// them all.
pub fn load_model(
    options: &BuildOptions,
    timings: &mut Timings,
) -> Result<(Site, Vec<Diagnostic>), Error> {
    pipeline::load(&options.root, &options.site_options(), timings)
}
