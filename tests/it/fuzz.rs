//! Property tests: the checks of the `fuzz/` targets, run by proptest in the normal test
//! suite with a fixed seed and a bounded number of cases (so every run tries the same
//! inputs and a failure reproduces). For a longer run with fresh inputs:
//!
//! ```sh
//! ERRDOCS_FUZZ_CASES=100000 ERRDOCS_FUZZ_SEED=$RANDOM cargo test --test it fuzz::
//! ```
//!
//! Inputs are built from tokens that matter to the parsers (YAML indicators, anchors,
//! tabs, `\r`, byte-order marks; HTML tags, event handlers, link schemes, entities),
//! mixed with arbitrary text, and spliced into a valid record, so most cases get past
//! the first line of the parser.

use std::path::Path;

use errdocs::diagnostics::{Format, render};
use errdocs::load::LoadedSite;
use errdocs::render::highlight::Highlighter;
use errdocs::render::markdown::{to_html, to_inline_html, to_plain_text};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use crate::markup;
use crate::support::fixture_dir;

const RECORD: &str = "content/errors/authentication/AADSTS50126.yaml";

fn config() -> Config {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    Config {
        cases: env("ERRDOCS_FUZZ_CASES").map_or(1_000, |n| n as u32),
        rng_seed: RngSeed::Fixed(env("ERRDOCS_FUZZ_SEED").unwrap_or(0x5eed_e44d)),
        // A failure is shrunk and printed; nothing is written into the repository.
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

const YAML_TOKENS: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\t",
    "  ",
    ": ",
    "- ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "&b [*a, *a] ",
    "!!str ",
    "!!binary ",
    "!tag ",
    "'",
    "''",
    "\"",
    "\\",
    "\\u0000",
    "|",
    "|-",
    ">",
    "#",
    "---",
    "...",
    "~",
    "null",
    "true",
    "yes",
    "0x1F",
    "1e400",
    "%YAML 1.2",
    "<<: *a",
    "\u{feff}",
    "\u{2028}",
    "\u{85}",
    "code",
    "title",
    "faq",
    "question",
    "answer",
    "sources",
    "url",
    "related",
    "aliases",
    "updated",
    "2026-02-30",
    "AADSTS50126",
    "javascript:alert(1)",
    "https://x.example/",
    "ä",
    "😀",
    "\u{0}",
];

const MARKDOWN_TOKENS: &[&str] = &[
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=x>",
    "<a href=\"",
    "\">",
    "</a>",
    "<b onclick='x'>",
    "<!--",
    "-->",
    "<![CDATA[",
    "<?",
    "<",
    ">",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "<http://x>",
    "<javascript:x>",
    "javascript:",
    "JaVa\tScRiPt:",
    "java\nscript:",
    "data:text/html,",
    "vbscript:",
    "&#58;",
    "&#x3a;",
    "&colon;",
    "&#106;avascript:",
    "&amp;",
    "mailto:",
    "https://ok.example/",
    "/rel",
    "//evil.example",
    "\n",
    "\n\n",
    "\t",
    "    ",
    "```",
    "```\"><script>",
    "~~~",
    "`",
    "*",
    "_",
    "#",
    "|",
    "---",
    " ",
    "\"",
    "'",
    "\\",
    "on",
    "load=",
    "x",
    "[r]: ",
    "title=",
    "<div>",
    "</div>",
    "<style>",
    "<iframe src=",
    "<math>",
    "<textarea>",
    "</textarea>",
    "<title>",
    "\u{0}",
];

/// A string of tokens from `tokens` and arbitrary text.
fn tokens(tokens: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => proptest::sample::select(tokens).prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ];
    proptest::collection::vec(token, 0..max).prop_map(|parts| parts.concat())
}

/// A record: the fixture's record with tokens inserted at a few places and parts cut.
fn record_text() -> impl Strategy<Value = Vec<u8>> {
    let base = std::fs::read_to_string(fixture_dir("basic").join(RECORD)).unwrap();
    let edits = proptest::collection::vec(
        (
            any::<prop::sample::Index>(),
            tokens(YAML_TOKENS, 6),
            0..20usize,
        ),
        0..6,
    );
    (edits, any::<bool>()).prop_map(move |(edits, raw_bytes)| {
        let mut text = base.clone().into_bytes();
        for (at, insert, cut) in edits {
            let at = at.index(text.len() + 1);
            let end = (at + cut).min(text.len());
            text.splice(at..end, insert.into_bytes());
        }
        if raw_bytes && !text.is_empty() {
            // Now and then a byte that breaks UTF-8.
            let middle = text.len() / 2;
            text[middle] = 0xff;
        }
        text
    })
}

#[test]
fn any_record_file_ends_in_a_clean_result_or_diagnostics_that_point_into_it() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("content/errors/authentication")).unwrap();
    let path = Path::new(RECORD);
    proptest!(config(), |(data in record_text())| {
        std::fs::write(site.path().join(RECORD), &data).unwrap();
        let loaded = LoadedSite {
            root: site.path().to_path_buf(),
            record_paths: vec![path.to_path_buf()],
            ..LoadedSite::default()
        };
        let (_, diagnostics) = errdocs::validate::validate(loaded, errdocs::validate::Keep::Records);
        let lone_cr = data.windows(2).filter(|w| w[0] == b'\r' && w[1] != b'\n').count()
            + usize::from(data.last() == Some(&b'\r'));
        let lines = data.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1;
        for d in &diagnostics {
            prop_assert_eq!(&d.file, path);
            if let Some(p) = d.position {
                prop_assert!(p.line >= 1 && p.line <= lines, "line {} of {}: {:?}", p.line, lines, d);
                prop_assert!(p.byte_start <= data.len(), "{:?}", d);
            }
            prop_assert!(d.message.len() < 2_000, "a message of {} bytes", d.message.len());
        }
        for format in [Format::Human, Format::Short, Format::Json, Format::Github] {
            render(&diagnostics, format, site.path(), false);
        }
    });
}

#[test]
fn no_markdown_renders_live_markup() {
    let highlighter = Highlighter::default();
    proptest!(config(), |(markdown in tokens(MARKDOWN_TOKENS, 40))| {
        for html in [to_html(&markdown, &highlighter), to_inline_html(&markdown, &highlighter)] {
            let problems = markup::markdown_html_problems(&html);
            prop_assert!(problems.is_empty(), "{:?} in {}", problems, html);
        }
        let text = to_plain_text(&markdown);
        prop_assert!(!text.contains('\n'));
    });
}

/// Regressions found by fuzzing, kept as plain tests.
#[test]
fn regression_lone_carriage_returns_are_line_breaks() {
    // fuzz/artifacts/record_file/crash-f22098ab: `code: AADSTS5\r\r\r...0126\n...` gave
    // a diagnostic at "line 94" of a 7-line file (counting only `\n`).
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("content/errors/authentication")).unwrap();
    let mut data = b"code: AADSTS5".to_vec();
    data.extend(std::iter::repeat_n(b'\r', 93));
    data.extend_from_slice(b"0126\ntitle: Invalid\ncategs\n");
    std::fs::write(site.path().join(RECORD), &data).unwrap();
    let loaded = LoadedSite {
        root: site.path().to_path_buf(),
        record_paths: vec![RECORD.into()],
        ..LoadedSite::default()
    };
    let (_, diagnostics) = errdocs::validate::validate(loaded, errdocs::validate::Keep::Records);
    let human = render(&diagnostics, Format::Human, site.path(), false);
    let short = render(&diagnostics, Format::Short, site.path(), false);
    // `0126` starts line 94 (line 1 and 93 lone carriage returns): a bare word where a
    // key must be.
    assert!(
        short.contains(&format!("{RECORD}:94:1: error[")),
        "the broken record must be reported where `0126` is:\n{short}"
    );
    for d in &diagnostics {
        if let Some(p) = d.position {
            assert!(p.line <= 97, "{d:?}");
            let place = format!("{RECORD}:{}:{}", p.line, p.column);
            assert!(
                short.contains(&place) && human.contains(&place),
                "{place} differs:\n{short}\n{human}"
            );
        }
    }
}

/// Pieces of text values: what makes quoting, blocks and wrapping hard.
const TEXT_TOKENS: &[&str] = &[
    "word",
    "Another",
    " ",
    "  ",
    "\n",
    "\n\n",
    ": ",
    ":",
    " #",
    "#",
    "- ",
    "-",
    "'",
    "\"",
    "\\",
    "\t",
    "é",
    "😀",
    "\u{2028}",
    "\u{85}",
    "\u{feff}",
    "\u{7}",
    "40009",
    "1.5",
    "true",
    "null",
    "~",
    "[",
    "]",
    ",",
    "{",
    "}",
    "|",
    ">",
    "*",
    "&",
    "!",
    "%",
    "@",
    "`",
    "The federated identity provider refused to redeem the refresh token, so sign-in failed",
    "Averyveryveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutanyspaces",
];

const TEXT_KEYS: &[&str] = &[
    "code", "title", "message", "summary", "causes", "fixes", "tags", "zz_other",
];

/// `text` double-quoted, escaped the plainest way YAML allows.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A record whose values are arbitrary text, each written in one of the forms YAML
/// allows for it: double or single quotes, a `|` block, a list of quoted items.
fn styled_record() -> impl Strategy<Value = String> {
    let value = (tokens(TEXT_TOKENS, 10), 0..5u8);
    proptest::collection::vec(value, 1..8).prop_map(|fields| {
        let mut text = String::new();
        for (i, (value, style)) in fields.iter().enumerate() {
            text.push_str(TEXT_KEYS[i % TEXT_KEYS.len()]);
            text.push(':');
            let block_safe = !value.is_empty()
                && !value.starts_with([' ', '\n', '\t'])
                && value.chars().all(|c| {
                    c == '\n'
                        || !c.is_control()
                            && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
                })
                && value
                    .split('\n')
                    .all(|l| l.is_empty() || !l.trim().is_empty());
            match style {
                1 if !value.chars().any(|c| c.is_control() || c == '\u{feff}')
                    && !value.contains(['\n', '\u{85}', '\u{2028}', '\u{2029}']) =>
                {
                    text.push_str(&format!(" '{}'\n", value.replace('\'', "''")));
                }
                2 if block_safe => {
                    text.push_str(" |+\n");
                    for line in value.split('\n') {
                        text.push_str(&format!("  {line}\n"));
                    }
                }
                3 => {
                    text.push('\n');
                    for item in value.split(',') {
                        text.push_str(&format!("  - {}\n", quoted(item)));
                    }
                }
                4 => {
                    let items: Vec<String> = value.split(',').map(quoted).collect();
                    text.push_str(&format!(" [{}]\n", items.join(", ")));
                }
                _ => text.push_str(&format!(" {}\n", quoted(value))),
            }
        }
        text
    })
}

/// `fmt` keeps every value (it never has to refuse a file it can read) and is
/// idempotent, on records of arbitrary text and on the mangled records of the test
/// above.
#[test]
fn fmt_keeps_every_value_and_is_idempotent() {
    use errdocs::fmt::{FmtError, format_record, same_values};
    let path = Path::new(RECORD);
    let check = |text: &str| -> Result<(), TestCaseError> {
        match format_record(path, text, &[]) {
            Ok(tidy) => {
                prop_assert!(
                    same_values(text, &tidy),
                    "values changed:\n{}\n---\n{}",
                    text,
                    tidy
                );
                let again = format_record(path, &tidy, &[]);
                prop_assert!(
                    matches!(&again, Ok(t) if *t == tidy),
                    "not idempotent:\n{}\n---\n{:?}",
                    tidy,
                    again
                );
            }
            Err(FmtError::Content(_)) => {}
            Err(FmtError::WouldChangeValues) => {
                prop_assert!(false, "fmt would change a value of:\n{}", text);
            }
        }
        Ok(())
    };
    proptest!(config(), |(text in styled_record())| { check(&text)?; });
    proptest!(config(), |(data in record_text())| {
        if let Ok(text) = String::from_utf8(data) {
            check(&errdocs::load::normalize_line_breaks(text))?;
        }
    });
}
