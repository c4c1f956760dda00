//! `errdocs explain CODE`: one record in the terminal, like `rustc --explain`.
//!
//! The record is found by code or alias, ignoring case, in the checked site (an
//! unknown code suggests the nearest ones). It is printed as plain text wrapped to a
//! width: title, severity, meaning, causes, numbered fixes with their code blocks, FAQ,
//! related codes, sources and the URL of its page. The terminal's text, Markdown
//! included, is made in `terminal`: with `styled`, bold, emphasis, code and headings
//! get ANSI styles, otherwise (piped, `NO_COLOR`) none. Text from records is stripped of
//! control characters, so a record cannot send escape sequences to the reader's
//! terminal.

use std::path::Path;

mod terminal;

use crate::diagnostics::Diagnostic;
use crate::model::declared::{FieldType, Show};
use crate::model::{Record, Site, slug_of};
use crate::pipeline::{self, OnErrors, SiteOptions};
use crate::{Error, Timings};
use terminal::{Out, clean};

/// How the text is laid out.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    /// Columns to wrap at (code blocks and URLs are never broken).
    pub width: usize,
    /// ANSI styles (a terminal without `NO_COLOR`).
    pub styled: bool,
}

impl Layout {
    /// The narrowest width wrapped to; below it, text would be one word a line.
    pub const MIN_WIDTH: usize = 30;

    pub fn new(width: usize, styled: bool) -> Layout {
        Layout {
            width: width.max(Layout::MIN_WIDTH),
            styled,
        }
    }
}

/// Loads and checks the site at `root` (drafts included) and explains the record
/// whose code or alias is `code`, ignoring case.
///
/// Records with errors of their own are left out rather than failing the whole command
/// (a half-written record elsewhere should not hide this one); when the record asked
/// for is one of them, its diagnostics are the error.
pub fn explain(root: &Path, code: &str, layout: Layout) -> Result<String, Error> {
    let options = SiteOptions {
        drafts: true,
        on_errors: OnErrors::LeaveOutBrokenRecords,
        ..SiteOptions::default()
    };
    let (site, found) = pipeline::load(root, &options, &mut Timings::default())?;
    let Some(index) = site.find(code.trim()) else {
        // The record asked for may be one left out for its errors: its file is named
        // after its code.
        let wanted = slug_of(code.trim());
        let own: Vec<Diagnostic> = found
            .into_iter()
            .filter(|d| {
                d.is_error()
                    && (d.file.file_stem())
                        .and_then(|s| s.to_str())
                        .is_some_and(|stem| slug_of(stem) == wanted)
            })
            .collect();
        if !own.is_empty() {
            return Err(Error::Content(own));
        }
        return Err(unknown_code(&site, code));
    };
    Ok(render_record(&site, index, layout))
}

fn unknown_code(site: &Site, code: &str) -> Error {
    let nearest = nearest_codes(site, code, 3);
    let mut message = format!("no record has the code or alias `{code}`");
    if !nearest.is_empty() {
        let quoted: Vec<String> = nearest.iter().map(|c| format!("`{c}`")).collect();
        message.push_str(&format!("; did you mean {}?", or_list(&quoted)));
    }
    Error::Usage(message)
}

/// "a", "a or b", "a, b or c".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Up to `limit` codes nearest to `wanted`: codes that contain it first (someone typed
/// `50076` for `AADSTS50076`), then by edit distance, A to Z on ties; far ones are left out.
pub fn nearest_codes(site: &Site, wanted: &str, limit: usize) -> Vec<String> {
    let wanted = wanted.trim().to_lowercase();
    let most = (wanted.chars().count() / 4).max(2);
    let mut scored: Vec<(usize, usize, &str)> = Vec::new();
    for record in &site.records {
        let keys = std::iter::once(&record.code).chain(&record.aliases);
        let best = keys
            .map(|key| {
                let key = key.to_lowercase();
                let contains = !wanted.is_empty() && key.contains(&wanted);
                let distance = strsim::damerau_levenshtein(&wanted, &key);
                (usize::from(!contains), distance)
            })
            .min()
            .expect("a record has a code");
        if best.0 == 0 || best.1 <= most {
            scored.push((best.0, best.1, record.code.as_str()));
        }
    }
    scored.sort();
    scored
        .into_iter()
        .take(limit)
        .map(|(_, _, code)| code.to_string())
        .collect()
}

/// The text of one record: the lines `explain` prints.
pub fn render_record(site: &Site, index: usize, layout: Layout) -> String {
    let record = &site.records[index];
    let mut out = Out::new(layout);
    write_head(&mut out, site, index);
    write_body(&mut out, record);
    write_related(&mut out, site, index);
    if !record.sources.is_empty() {
        out.heading("Sources");
        for source in &record.sources {
            out.wrapped(&clean(&source.title), "- ", "  ");
            out.url("", &source.url, "  ");
        }
    }
    write_footer(&mut out, site, record);
    out.finish()
}

/// The title, the facts line and the message.
fn write_head(out: &mut Out, site: &Site, index: usize) {
    let record = &site.records[index];
    out.title(&format!(
        "{}: {}",
        clean(&record.code),
        clean(&record.title)
    ));
    let mut facts = vec![
        format!("Severity: {}", record.severity.as_str()),
        format!("Category: {}", clean(&site.category_of(index).title)),
    ];
    for (label, value) in labelled_facts(record) {
        facts.push(format!("{label}: {}", clean(value)));
    }
    // The fields the site declares among the facts (Markdown ones are sections).
    let declared = (site.config.fields.iter().zip(&record.declared))
        .filter(|(d, _)| d.show == Show::Facts && d.kind != FieldType::Markdown)
        .filter_map(|(d, v)| Some((d, v.as_ref()?)));
    for (declaration, value) in declared {
        facts.push(format!(
            "{}: {}",
            clean(&declaration.label),
            clean(&value.plain_text())
        ));
    }
    // A no-break space keeps each `·` with the fact before it when the line wraps.
    out.wrapped(&facts.join("\u{a0}· "), "", "");
    if let Some(message) = &record.message {
        out.blank();
        out.wrapped(&format!("Message: {}", clean(message)), "", "  ");
    }
}

/// What it means, the causes, the numbered fixes and the questions.
fn write_body(out: &mut Out, record: &Record) {
    out.heading("What it means");
    out.markdown(&record.summary, "", "");

    out.heading("Causes");
    for cause in &record.causes {
        out.markdown(cause, "- ", "  ");
    }

    out.heading("How to fix it");
    for (i, fix) in record.fixes.iter().enumerate() {
        if i > 0 {
            out.blank();
        }
        let number = format!("{}. ", i + 1);
        out.markdown(fix, &number, &" ".repeat(number.len()));
    }

    if !record.faq.is_empty() {
        out.heading("FAQ");
        for (i, faq) in record.faq.iter().enumerate() {
            if i > 0 {
                out.blank();
            }
            let question = out.strong(&clean(&faq.question));
            out.wrapped(&question, "", "");
            out.markdown(&faq.answer, "  ", "  ");
        }
    }
}

fn write_related(out: &mut Out, site: &Site, index: usize) {
    let related = &site.related[index];
    if related.is_empty() {
        return;
    }
    out.heading("Related errors");
    for &other in related {
        let other = &site.records[other];
        let code = out.code(&clean(&other.code));
        out.wrapped(&format!("{code}  {}", clean(&other.title)), "- ", "  ");
    }
}

/// Other names, tags, the date and the page's URL.
fn write_footer(out: &mut Out, site: &Site, record: &Record) {
    let mut extra = Vec::new();
    if !record.aliases.is_empty() {
        extra.push(format!(
            "Also known as: {}",
            clean(&record.aliases.join(", "))
        ));
    }
    if !record.tags.is_empty() {
        extra.push(format!("Tags: {}", clean(&record.tags.join(", "))));
    }
    if let Some(updated) = record.updated {
        extra.push(format!("Updated: {updated}"));
    }
    out.blank();
    for line in extra {
        out.wrapped(&line, "", "  ");
    }
    out.url(
        "Page: ",
        &site.paths.url(&site.paths.record(&record.slug)),
        "  ",
    );
}

/// `labelled_facts` from the table of record fields: the fields it gives a `fact:`
/// label, with their values, when the record has one.
macro_rules! labelled_facts {
    (all [$({ $name:ident, $presence:ident, ($raw:ty), ($model:ty), [$($doc:literal),*], ($($schema:tt)*), $reach:ident, $api:ident, $api_doc:literal, $search:ident, [$($fact:literal)?], ($($required:tt)*) })*] $($groups:tt)*) => {
        fn labelled_facts(record: &Record) -> Vec<(&'static str, &str)> {
            let mut facts = Vec::new();
            $($(
                if let Some(value) = record.$name.as_deref() {
                    facts.push(($fact, value));
                }
            )?)*
            facts
        }
    };
}
crate::fields::with_record_fields!(labelled_facts);
