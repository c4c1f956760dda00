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
    // A bare address in a fix is a link.
    let page =
        std::fs::read_to_string(out.path().join("public/errors/aadsts50126/index.html")).unwrap();
    assert!(page.contains("<a href=\"https://aka.ms/sspr\">https://aka.ms/sspr</a>"));
}

/// Every code of Microsoft's AADSTS table (`tests/data/aadsts.tsv`) that has a record,
/// read straight from the YAML files: code → the record's text, lower-cased.
fn shipped_aadsts_texts() -> std::collections::BTreeMap<String, String> {
    let mut texts = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(repo_root().join("content/errors")) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        // `CODE.yaml` only: translations (`CODE.nl.yaml`) carry no code of their own.
        if !name.ends_with(".yaml") || name.trim_end_matches(".yaml").contains('.') {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let record: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        let code = record["code"].as_str().unwrap().to_string();
        texts.insert(code, text);
    }
    texts
}

/// `code<TAB>...` rows of a file in `tests/data/`, without `#` comments and the header.
fn data_rows(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(repo_root().join("tests/data").join(name)).unwrap();
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter(|line| !line.starts_with("code\t"))
        .map(|line| line.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn every_code_of_microsofts_aadsts_table_has_a_record_or_a_stated_omission() {
    let texts = shipped_aadsts_texts();
    let omitted: std::collections::BTreeMap<String, String> = data_rows("aadsts-omissions.tsv")
        .into_iter()
        .map(|row| (row[0].clone(), row.get(1).cloned().unwrap_or_default()))
        .collect();
    for (code, reason) in &omitted {
        assert!(
            !reason.trim().is_empty(),
            "{code} is omitted without a reason"
        );
        assert!(
            !texts.contains_key(code),
            "{code} is omitted but has a record"
        );
    }
    let table = data_rows("aadsts.tsv");
    assert!(
        table.len() >= 340,
        "the table has only {} rows",
        table.len()
    );
    let missing: Vec<&str> = table
        .iter()
        .map(|row| row[0].as_str())
        .filter(|code| !texts.contains_key(*code) && !omitted.contains_key(*code))
        .collect();
    assert!(missing.is_empty(), "no record for {missing:?}");
}

#[test]
fn every_aadsts_record_carries_the_symbolic_name_of_microsofts_table() {
    let texts = shipped_aadsts_texts();
    let mut wrong = Vec::new();
    for row in data_rows("aadsts.tsv") {
        let (code, name) = (&row[0], row.get(1).map(String::as_str).unwrap_or(""));
        let Some(text) = texts.get(code) else {
            continue;
        };
        let record: serde_json::Value = serde_saphyr::from_str(text).unwrap();
        let symbol = record["symbol"].as_str().unwrap_or("");
        // The `symbol` field holds the table's name, and the text names it too, so a
        // reader who searches the name lands on the page and sees why.
        let body = text.replace(&format!("symbol: {name}"), "");
        if symbol != name || (!name.is_empty() && !body.contains(name)) {
            wrong.push(format!("{code}: symbol `{symbol}`, table `{name}`"));
        }
    }
    assert!(
        wrong.is_empty(),
        "records whose symbolic name is not the table's: {wrong:?}"
    );
}
