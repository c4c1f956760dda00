//! The command line: arguments parsed once by clap, then handed to the library.
//!
//! Exit codes follow the contract: 0 success, 1 content errors, 2 usage or I/O errors.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostics::{self, Format};
use crate::{BuildOptions, Error};

#[derive(Parser, Debug)]
#[command(
    name = "errdocs",
    version,
    about = "Build error-reference websites from YAML records"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (default: public/).
    Build {
        /// The site folder (holding site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// human (snippets), short (one line each), json, or github (workflow commands).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Write the skeleton of a new error record: content/errors/SLUG/CODE.yaml.
    New {
        /// The error code, exactly as the product prints it (also the file name).
        code: String,
        /// The slug of a category in content/categories.yaml.
        #[arg(long)]
        category: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print a record in the terminal: meaning, causes, fixes, FAQ, related codes.
    Explain {
        /// A code or alias, in any case.
        code: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print the JSON Schemas of the record, categories and site files.
    #[command(hide = true)]
    Schema {
        /// Write them into DIR (the repository keeps them in schema/).
        #[arg(long)]
        write: Option<PathBuf>,
    },
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(run(cli))
}

/// Runs a parsed command; returns the exit code. Output goes to stdout/stderr.
pub fn run(cli: Cli) -> u8 {
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            timings,
        } => {
            let options = BuildOptions {
                root: root.clone(),
                output,
                base_url,
                drafts,
            };
            match crate::build(&options) {
                Ok(report) => {
                    if !report.warnings.is_empty() {
                        eprint!(
                            "{}",
                            diagnostics::render(&report.warnings, Format::Human, &root, color)
                        );
                    }
                    if timings {
                        for (stage, duration) in &report.timings.stages {
                            eprintln!(
                                "  {:<32} {:>8.1} ms",
                                stage,
                                duration.as_secs_f64() * 1000.0
                            );
                        }
                    }
                    println!(
                        "Built {} pages ({} records, {} files, {:.1} MB) into {} in {} ms",
                        report.pages,
                        report.records,
                        report.files,
                        report.bytes as f64 / 1e6,
                        report.output.display(),
                        report.timings.total().as_millis()
                    );
                    0
                }
                Err(err) => report_error(&err, &root, color),
            }
        }
        Command::Serve(args) => crate::serve::main(args),
        Command::Check {
            root,
            format,
            deny_warnings,
        } => {
            let (records, found) = crate::check_counting(&root);
            let (errors, warnings) = diagnostics::count(&found);
            let rendered = diagnostics::render(&found, format, &root, color);
            match format {
                Format::Json | Format::Github => print!("{rendered}"),
                Format::Human | Format::Short => eprint!("{rendered}"),
            }
            if matches!(format, Format::Human | Format::Short) {
                if errors == 0 && warnings == 0 {
                    eprintln!("ok: {records} records checked, no problems");
                } else {
                    eprintln!("{errors} error(s), {warnings} warning(s) in {records} records");
                }
            }
            u8::from(errors > 0 || (deny_warnings && warnings > 0))
        }
        Command::New {
            code,
            category,
            root,
        } => {
            let today = jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date();
            match crate::new::new_record(&root, &code, &category, today) {
                Ok(created) => {
                    println!("created {}", diagnostics::display_path(&created.path));
                    if created.wrote_schemas {
                        println!("wrote schema/ so editors can check and complete records");
                    }
                    println!(
                        "next: replace its {} TODO placeholders, then run `errdocs check`",
                        created.placeholders
                    );
                    0
                }
                Err(err) => {
                    match err.diagnostics() {
                        Some(found) => {
                            eprint!(
                                "{}",
                                diagnostics::render(found, Format::Human, &root, color)
                            );
                            eprintln!("error: nothing was written");
                        }
                        None => eprintln!("error: {err}"),
                    }
                    err.exit_code()
                }
            }
        }
        Command::Explain { code, root } => {
            let layout = explain_layout();
            match crate::explain::explain(&root, &code, layout) {
                Ok(text) => {
                    // A closed pipe (`| head`) is not an error worth reporting.
                    let _ = std::io::stdout().write_all(text.as_bytes());
                    0
                }
                Err(Error::Content(found)) => {
                    eprint!(
                        "{}",
                        diagnostics::render(&found, Format::Human, &root, color)
                    );
                    eprintln!("error: `{code}` cannot be explained until these errors are fixed");
                    1
                }
                Err(err) => report_error(&err, &root, color),
            }
        }
        Command::Schema { write } => {
            for (name, text) in crate::schema::all() {
                match &write {
                    Some(dir) => {
                        if let Err(e) = std::fs::create_dir_all(dir)
                            .and_then(|_| std::fs::write(dir.join(name), &text))
                        {
                            eprintln!("error: cannot write {}: {e}", dir.join(name).display());
                            return 2;
                        }
                    }
                    None => {
                        let _ = writeln!(std::io::stdout(), "{text}");
                    }
                }
            }
            0
        }
    }
}

/// `explain` wraps to the terminal's width, styled unless `NO_COLOR` is set; piped, it
/// is plain and wraps to `COLUMNS` (when set) or 80 columns.
fn explain_layout() -> crate::explain::Layout {
    let stdout = std::io::stdout();
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0);
    if stdout.is_terminal() {
        let width = terminal_size::terminal_size_of(&stdout)
            .map(|(w, _)| usize::from(w.0))
            .or(columns)
            .unwrap_or(80);
        let styled = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        crate::explain::Layout::new(width, styled)
    } else {
        crate::explain::Layout::new(columns.unwrap_or(80), false)
    }
}

fn report_error(err: &Error, root: &std::path::Path, color: bool) -> u8 {
    match err {
        Error::Content(found) => {
            eprint!("{}", diagnostics::render(found, Format::Human, root, color));
            let (errors, warnings) = diagnostics::count(found);
            eprintln!(
                "error: the build stopped: {errors} error(s), {warnings} warning(s); the previous output was left as it was"
            );
        }
        other => eprintln!("error: {other}"),
    }
    err.exit_code()
}
