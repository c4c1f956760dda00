//! The shipped reference in this repository: it must stay clean and buildable.

use crate::support::*;

#[test]
fn the_shipped_content_passes_check_with_no_warnings() {
    let found = errdocs::check(&repo_root());
    let rendered = errdocs::diagnostics::render(
        &found,
        errdocs::diagnostics::Format::Short,
        &repo_root(),
        false,
    );
    assert!(
        found.is_empty(),
        "the shipped content has problems:\n{rendered}"
    );
}

#[test]
fn every_shipped_record_has_a_source_and_there_are_at_least_80() {
    let options = errdocs::BuildOptions::new(repo_root());
    let mut timings = errdocs::Timings::default();
    let (site, _) = errdocs::load_model(&options, &mut timings).expect("the shipped site loads");
    assert!(
        site.records.len() >= 80,
        "only {} records",
        site.records.len()
    );
    for record in &site.records {
        assert!(!record.sources.is_empty(), "{} has no source", record.code);
        assert!(
            record.sources.iter().all(|s| s.url.starts_with("https://")),
            "{} has a non-https source",
            record.code
        );
    }
    let entra = site
        .records
        .iter()
        .filter(|r| r.code.starts_with("AADSTS"))
        .count();
    assert!(
        entra >= 45 && site.records.len() - entra >= 25,
        "{entra} Entra records of {}",
        site.records.len()
    );
    assert!(site.find("AADSTS40009").is_some() && site.find("40009").is_some());
}

#[test]
fn the_shipped_site_builds() {
    let out = tempfile::tempdir().unwrap();
    let options = errdocs::BuildOptions {
        output: Some(out.path().join("public")),
        ..errdocs::BuildOptions::new(repo_root())
    };
    let report = errdocs::build(&options).expect("the shipped site builds");
    assert!(report.warnings.is_empty());
    let page =
        std::fs::read_to_string(out.path().join("public/errors/aadsts40009/index.html")).unwrap();
    assert!(page.contains("AADSTS40009"));
}
