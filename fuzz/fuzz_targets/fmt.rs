//! Fuzzes `errdocs fmt` on one record's text: whatever it accepts, it must format
//! without changing a value (it never has to refuse a file it can read) and
//! idempotently. Seed corpus: `tests/fixtures/fmt-corpus/`
//! (`cargo fuzz run fmt fuzz/corpus/fmt ../tests/fixtures/fmt-corpus`).
#![no_main]

use std::path::Path;

use errdocs::fmt::{FmtError, format_record, same_values};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = errdocs::load::normalize_line_breaks(text.to_string());
    let path = Path::new("content/errors/general/FUZZ1.yaml");
    match format_record(path, &text, &[]) {
        Ok(tidy) => {
            assert!(same_values(&text, &tidy), "values changed");
            let again = format_record(path, &tidy, &[]).expect("its own output formats");
            assert_eq!(again, tidy, "not idempotent");
        }
        Err(FmtError::Content(_)) => {}
        Err(FmtError::WouldChangeValues) => panic!("fmt would change a value"),
    }
});
