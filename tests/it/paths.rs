//! The map of paths (`src/paths.rs`) against real builds: every file a build writes is
//! a file the map places, and every file the map places is written.

use std::collections::BTreeSet;
use std::path::Path;

use errdocs::render::theme::Theme;

use crate::support::*;

/// The files under `dir`, as `/`-separated paths relative to it.
fn written_files(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap();
            relative.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

/// Adds the files of the search index of the language `paths` maps: its entry file
/// names its folder (relative to the language's home, named by a hash of its files),
/// which holds only the shards and the title chunks.
fn expect_search_files(
    paths: &errdocs::paths::Paths,
    output: &Path,
    written: &BTreeSet<String>,
    expected: &mut BTreeSet<String>,
) {
    let entry = std::fs::read(output.join(paths.search_index().file())).unwrap();
    let index: serde_json::Value = serde_json::from_slice(&entry).unwrap();
    let named = index["folder"]
        .as_str()
        .expect("the index names its folder");
    let hash = named
        .strip_prefix("search/")
        .and_then(|rest| rest.strip_suffix('/'))
        .expect("the folder is search/<hash>/");
    let folder = paths.search_folder(hash);
    assert_eq!(
        folder.as_str(),
        format!("{}{named}", paths.language_prefix())
    );
    for file in written.iter().filter(|f| f.starts_with(folder.as_str())) {
        let name = &file[folder.as_str().len()..];
        let shard = name.starts_with(['w', 't', 'v', 'r']) && name.ends_with(".json");
        assert!(shard, "{file} is not a shard, a word list or a title chunk");
        expected.insert(paths.search_file(&folder, name).file());
    }
}

/// Builds `site` and checks the files written against what the map predicts.
fn assert_build_writes_what_the_map_places(site: &TestSite) {
    site.build_ok();
    let written = written_files(&site.output());
    let options = errdocs::BuildOptions::new(site.root());
    let (model, _) =
        errdocs::load_model(&options, &mut errdocs::Timings::default()).expect("the site loads");
    let site_dir = site.output();
    let mut expected: BTreeSet<String> = BTreeSet::new();
    // Every language's own files, under its prefix; the default language's first.
    for index in 0..model.languages.all.len() {
        let language = model.in_language(index);
        expected.extend(language.paths.files_of(&language).iter().map(|l| l.file()));
        expect_search_files(&language.paths, &site_dir, &written, &mut expected);
    }
    let paths = &model.paths;
    let schemas = errdocs::schema::all(&[]).into_iter().map(|(name, _)| name);
    let api_schemas = errdocs::render::api::schemas(&[])
        .into_iter()
        .map(|(name, _)| name);
    for name in schemas.chain(api_schemas) {
        expected.insert(paths.schema(name).file());
    }
    let theme = Theme::load(site.root()).expect("the theme loads");
    for (name, bytes) in &theme.assets {
        expected.insert(paths.asset(name, bytes).file());
    }

    let unplaced: Vec<&String> = written.difference(&expected).collect();
    let missing: Vec<&String> = expected.difference(&written).collect();
    assert!(
        unplaced.is_empty() && missing.is_empty(),
        "written but not placed by the map: {unplaced:?}\nplaced but not written: {missing:?}"
    );
}

#[test]
fn a_build_writes_exactly_the_files_the_map_places() {
    assert_build_writes_what_the_map_places(&TestSite::fixture("basic"));
}

#[test]
fn every_language_of_a_site_in_several_writes_what_its_map_places() {
    assert_build_writes_what_the_map_places(&TestSite::fixture("multilingual"));
}

#[test]
fn under_a_sub_path_with_site_assets_the_map_still_places_every_file() {
    let site = TestSite::fixture("browser")
        .edit(
            "site.yaml",
            "base_url: https://errors.example.com/",
            "base_url: /docs/errors/",
        )
        .with_file("static/extra.css", "body { color: black }")
        .with_file(
            "static/img/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    assert_build_writes_what_the_map_places(&site);
}
