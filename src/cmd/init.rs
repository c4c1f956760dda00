//! `errdocs init [DIR]`: asks for what the options did not say (only on a terminal,
//! never in CI), writes the new site and says what to do next.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::discover::relative_to;
use crate::init::{InitOptions, init};

/// The arguments of `errdocs init`.
#[derive(clap::Args, Debug, Clone)]
pub struct InitArgs {
    /// The folder of the new site, created if needed (default: the current folder). It
    /// may hold other files, but none that init writes.
    pub dir: Option<PathBuf>,
    /// The site's name, shown in every page title. Default: "PRODUCT errors".
    #[arg(long)]
    pub title: Option<String>,
    /// The product whose errors the site explains. Default: the folder's name.
    #[arg(long)]
    pub product: Option<String>,
    /// The pages' language tag.
    #[arg(long, default_value = "en")]
    pub language: String,
    /// Where the site will be hosted: an absolute URL, or a path such as /docs/errors/.
    #[arg(long, default_value = "/")]
    pub base_url: String,
}

pub fn run(args: &InitArgs) -> u8 {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let interactive =
        std::io::stdin().is_terminal() && std::env::var_os("CI").is_none_or(|v| v.is_empty());
    let options = if interactive {
        let stdin = std::io::stdin();
        ask_all(args, &dir, today, &mut stdin.lock(), &mut std::io::stderr())
    } else {
        defaults(args, &dir, today)
    };
    match init(&options) {
        Ok(done) => {
            report(&dir, &done);
            0
        }
        Err(err) => {
            eprintln!("error: {err}");
            err.exit_code()
        }
    }
}

/// The options as given, and defaults for what was not.
fn defaults(args: &InitArgs, dir: &Path, today: jiff::civil::Date) -> InitOptions {
    let product = args.product.clone().unwrap_or_else(|| product_from(dir));
    InitOptions {
        dir: dir.to_path_buf(),
        title: args
            .title
            .clone()
            .unwrap_or_else(|| format!("{product} errors")),
        product,
        language: args.language.clone(),
        base_url: args.base_url.clone(),
        today,
    }
}

/// The folder's name, with its first letter in capitals: `acme` → `Acme`.
fn product_from(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let name = crate::discover::normalize(&absolute)
        .file_name()
        .map(|n| n.to_string_lossy().replace(['-', '_'], " "))
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "Example".into());
    let mut chars = name.trim().chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Asks for each option the command line did not give, showing its default; an empty
/// answer (or the end of the input) takes the default.
pub fn ask_all(
    args: &InitArgs,
    dir: &Path,
    today: jiff::civil::Date,
    input: &mut impl BufRead,
    output: &mut impl Write,
) -> InitOptions {
    let mut options = defaults(args, dir, today);
    if args.product.is_none() {
        options.product = ask(
            input,
            output,
            "Product whose errors the site explains",
            &options.product,
        );
    }
    if args.title.is_none() {
        let title = format!("{} errors", options.product);
        options.title = ask(input, output, "Site title", &title);
    }
    options.language = ask(input, output, "Language tag", &options.language);
    options.base_url = ask(
        input,
        output,
        "Base URL (where it will be hosted; / for now is fine)",
        &options.base_url,
    );
    options
}

fn ask(input: &mut impl BufRead, output: &mut impl Write, question: &str, default: &str) -> String {
    let _ = write!(output, "{question} [{default}]: ");
    let _ = output.flush();
    let mut answer = String::new();
    match input.read_line(&mut answer) {
        Ok(n) if n > 0 && !answer.trim().is_empty() => answer.trim().to_string(),
        _ => default.to_string(),
    }
}

/// What was written, seen from the current folder, and the next steps.
fn report(dir: &Path, done: &crate::init::Initialized) {
    use std::fmt::Write as _;
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = |path: &Path| {
        let text = crate::diagnostics::display_path(&relative_to(&cwd, path));
        if text.is_empty() {
            ".".to_string()
        } else {
            text
        }
    };
    let site = shown(dir);
    let mut out = format!("Created a new errdocs site in {site}:\n");
    for file in &done.files {
        let _ = writeln!(out, "  {}", shown(file));
    }
    if let Some(top) = &done.repository {
        let _ = writeln!(
            out,
            "The GitHub workflows went to the top of the git repository ({}), where GitHub reads them.",
            shown(top)
        );
    }
    out.push_str("\nNext:\n");
    if site != "." {
        let _ = writeln!(out, "  cd {site}");
    }
    out.push_str(concat!(
        "  errdocs serve                                  # preview at http://127.0.0.1:1111/\n",
        "  errdocs new E1003 --category authentication    # add an error\n",
        "  errdocs check                                  # every problem, with file and line\n",
    ));
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = std::io::stdout().write_all(out.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(product: Option<&str>) -> InitArgs {
        InitArgs {
            dir: Some("acme".into()),
            title: None,
            product: product.map(str::to_string),
            language: "en".into(),
            base_url: "/".into(),
        }
    }

    /// Asked on a terminal: what the options did not give, the default on Enter.
    #[test]
    fn prompts_ask_only_what_is_missing_and_take_defaults() {
        let today = jiff::civil::date(2026, 1, 2);
        let mut input = std::io::Cursor::new("Acme API\n\nfr\n");
        let mut shown = Vec::new();
        let options = ask_all(
            &args(None),
            Path::new("acme"),
            today,
            &mut input,
            &mut shown,
        );
        let shown = String::from_utf8(shown).unwrap();
        assert_eq!(options.product, "Acme API");
        assert_eq!(options.title, "Acme API errors");
        assert_eq!(options.language, "fr");
        assert_eq!(options.base_url, "/", "the input ended: the default");
        assert!(shown.contains("Site title [Acme API errors]: "), "{shown}");

        let mut input = std::io::Cursor::new("");
        let mut shown = Vec::new();
        let given = ask_all(
            &args(Some("Given")),
            Path::new("x"),
            today,
            &mut input,
            &mut shown,
        );
        assert!(!String::from_utf8(shown).unwrap().contains("Product"));
        assert_eq!(given.product, "Given");
    }
}
