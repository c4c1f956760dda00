//! Fuzzes Markdown rendering: whatever a record's Markdown holds, the HTML has no live
//! `<script>` (or other dangerous tag), no `on*=` event handler and no link whose scheme
//! is not http, https or mailto. The checks are the ones the injection tests use.
#![no_main]

use errdocs::render::highlight::Highlighter;
use errdocs::render::markdown::{to_html, to_inline_html, to_plain_text};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/markup.rs"]
mod markup;

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    let highlighter = Highlighter::default();
    for html in [
        to_html(markdown, &highlighter),
        to_inline_html(markdown, &highlighter),
    ] {
        let problems = markup::markdown_html_problems(&html);
        assert!(problems.is_empty(), "{problems:?} in {html}");
    }
    to_plain_text(markdown);
});
