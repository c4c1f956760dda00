//! Guards of the table of record fields (`src/fields.rs`): a field added there reaches
//! the docs and the templates, or a test here says where it is missing.

use errdocs::load::raw::{RawMapping, RawRecord};

use crate::support::*;

/// Every key of the record format is a row of CONTRIBUTING.md's field-by-field table.
#[test]
fn contributing_documents_every_key_of_the_record_format() {
    let guide = std::fs::read_to_string(repo_root().join("CONTRIBUTING.md")).unwrap();
    for key in RawRecord::KEYS {
        assert!(
            guide.contains(&format!("| `{key}` |")),
            "CONTRIBUTING.md's table of fields has no row for `{key}`"
        );
    }
}

/// An error page's template sees every field of the record, by its name (Markdown
/// fields as `<name>_html`, rendered); `related` is the page's own list and `draft`
/// decides only whether the page is built.
#[test]
fn an_error_page_template_sees_every_field_of_the_record() {
    let site = TestSite::fixture("basic").with_file(
        "templates/error.html",
        "{% for key, value in record %}{{ key }}\n{% endfor %}",
    );
    site.build_ok();
    let page =
        std::fs::read_to_string(site.output().join("errors/aadsts40009/index.html")).unwrap();
    let seen: Vec<&str> = page.lines().collect();
    for key in RawRecord::KEYS {
        if ["related", "draft"].contains(key) {
            continue;
        }
        let html = format!("{key}_html");
        assert!(
            seen.contains(key) || seen.contains(&html.as_str()),
            "the template's `record` has no `{key}`: {seen:?}"
        );
    }
}
