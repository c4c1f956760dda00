//! The command line: arguments parsed once by clap, then handed to the command they
//! name ([`crate::cmd`]).
//!
//! Exit codes follow the contract: 0 success, 1 content errors, 2 usage or I/O errors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::BuildOptions;
use crate::cmd;
use crate::diagnostics::Format;
use crate::discover::SiteDir;

#[derive(Parser, Debug)]
#[command(
    name = "errdocs",
    version = crate::version::long(),
    about = "Build error-reference websites from YAML records"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The help of every command's `--root`.
pub const ROOT_HELP: &str = "The site folder (holding site.yaml and content/). Default: the nearest folder, from the current one upward, that holds a site.yaml";

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start a new site in DIR (default: the current folder): settings, two
    /// categories, three example records, JSON Schemas for editors, GitHub workflows.
    Init(crate::cmd::init::InitArgs),
    /// Build the site into the output folder (default: public/).
    Build {
        #[arg(long, help = ROOT_HELP)]
        root: Option<PathBuf>,
        /// Where to write the site; replaced whole when the build succeeds.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override site.yaml's base_url, e.g. `/` for a local preview.
        #[arg(long)]
        base_url: Option<String>,
        /// Also build records marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Build the site in memory and serve it on 127.0.0.1; rebuild and reload the
    /// browser on every save, and show content errors in the page.
    Serve(crate::serve::ServeArgs),
    /// Check the content and print every problem, with file, line and column.
    Check {
        #[arg(long, help = ROOT_HELP)]
        root: Option<PathBuf>,
        /// human (snippets), short (one line each), json, or github (workflow commands).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Check again on every save, until Ctrl-C.
        #[arg(long)]
        watch: bool,
    },
    /// Rewrite record files in the canonical layout (key order, quoting, blocks, width),
    /// keeping every value and comment.
    Fmt {
        /// Change nothing: list the files that are not formatted, with a short diff, and
        /// exit 1 if there are any.
        #[arg(long)]
        check: bool,
        #[arg(long, help = ROOT_HELP)]
        root: Option<PathBuf>,
        /// Record files or folders of them (default: every record of the site).
        paths: Vec<PathBuf>,
    },
    /// Write the skeleton of a new error record: content/errors/SLUG/CODE.yaml.
    New {
        /// The error code, exactly as the product prints it (also the file name).
        code: String,
        /// The slug of a category in content/categories.yaml.
        #[arg(long)]
        category: String,
        #[arg(long, help = ROOT_HELP)]
        root: Option<PathBuf>,
    },
    /// Print a record in the terminal: meaning, causes, fixes, FAQ, related codes.
    Explain {
        /// A code or alias, in any case.
        code: String,
        #[arg(long, help = ROOT_HELP)]
        root: Option<PathBuf>,
    },
    /// Write the JSON Schemas of the site's record, categories and site files (the
    /// record's with the fields site.yaml declares) into schema/, for editors.
    Schema {
        #[arg(long, help = ROOT_HELP)]
        root: Option<PathBuf>,
        /// Where to write them (default: schema/ in the site folder); `-` prints them.
        #[arg(long, alias = "write")]
        output: Option<PathBuf>,
    },
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(run(cli))
}

/// Runs a parsed command; returns the exit code. Output goes to stdout/stderr.
pub fn run(cli: Cli) -> u8 {
    let color = cmd::stderr_is_colored();
    let site = |root: Option<PathBuf>| SiteDir::find_from_current(root.as_deref());
    match cli.command {
        Command::Init(args) => cmd::init::run(&args),
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            timings,
        } => {
            let site = site(root);
            let options = BuildOptions {
                root: site.root.clone(),
                output,
                base_url,
                drafts,
            };
            cmd::build::run(&site, &options, timings, color)
        }
        Command::Serve(args) => {
            let site = site(args.root.clone());
            crate::serve::main(&args, &site)
        }
        Command::Check {
            root,
            format,
            deny_warnings,
            watch: false,
        } => cmd::check::run(&site(root), format, deny_warnings, color),
        Command::Check {
            root,
            format,
            deny_warnings,
            watch: true,
        } => cmd::check::watch(&site(root), format, deny_warnings, color),
        Command::Fmt { check, root, paths } => cmd::fmt::run(&site(root), &paths, check, color),
        Command::New {
            code,
            category,
            root,
        } => cmd::new::run(&site(root), &code, &category, color),
        Command::Explain { code, root } => cmd::explain::run(&site(root), &code, color),
        Command::Schema { root, output } => cmd::schema::run(&site(root), output.as_deref(), color),
    }
}
