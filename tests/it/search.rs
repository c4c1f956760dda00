//! The static search index: what `errdocs build` writes for the search box, read back the
//! way `static/search.js` reads it (front-coded codes, base-32 varint postings, word shards).

use crate::support::*;

const DIGITS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

fn varints(text: &str) -> Vec<usize> {
    let mut values = Vec::new();
    let mut n = 0;
    for c in text.chars() {
        let digit = DIGITS.find(c).expect("a postings digit");
        n = n * 32 + (digit & 31);
        if digit < 32 {
            values.push(n);
            n = 0;
        }
    }
    values
}

/// The index file a page names in its search box: always `/search/index.json`.
fn search_entry(page: &str) -> String {
    let entry = page
        .split("data-search=\"")
        .nth(1)
        .expect("a search box")
        .split('"')
        .next()
        .unwrap();
    assert_eq!(entry, "/search/index.json");
    entry.trim_start_matches('/').to_string()
}

/// The folder of shards and titles that the index names (`search/<hash>/`).
fn search_folder(site: &TestSite, page: &str) -> String {
    let index = json(site, &search_entry(page));
    let folder = index["folder"]
        .as_str()
        .expect("the index names its folder");
    assert!(
        folder.starts_with("search/") && folder.ends_with('/') && folder.len() > 8,
        "{folder}"
    );
    folder.to_string()
}

fn json(site: &TestSite, path: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Codes (with aliases) as the script decodes them.
fn decode_codes(index: &serde_json::Value) -> Vec<Vec<String>> {
    let mut previous = String::new();
    index["codes"]
        .as_str()
        .unwrap()
        .split('\n')
        .map(|line| {
            let mut parts = line.split(' ');
            let first = parts.next().unwrap();
            let shared = DIGITS.find(first.chars().next().unwrap()).unwrap();
            let code = format!("{}{}", &previous[..shared], &first[1..]);
            previous = code.clone();
            std::iter::once(code)
                .chain(parts.map(str::to_string))
                .collect()
        })
        .collect()
}

/// The records (number, field) of a word, found through the shard list like the script.
fn lookup(
    site: &TestSite,
    folder: &str,
    index: &serde_json::Value,
    word: &str,
) -> Vec<(usize, usize)> {
    let shards: Vec<&str> = index["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let n = shards.iter().rposition(|first| *first <= word).unwrap_or(0);
    let shard = json(site, &format!("{folder}w{n}.json"));
    let words = shard["words"].as_array().unwrap();
    let Some(at) = words.iter().position(|w| w == word) else {
        return vec![];
    };
    let mut record = -1i64;
    varints(shard["postings"][at].as_str().unwrap())
        .into_iter()
        .map(|v| {
            record += (v >> 3) as i64 + 1;
            (record as usize, v & 7)
        })
        .collect()
}

#[test]
fn the_index_lists_every_code_with_its_aliases_category_and_severity() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let folder = search_folder(&site, &site.read("index.html"));
    let index = json(&site, "search/index.json");
    assert_eq!(
        decode_codes(&index),
        [
            vec!["AADSTS40009"],
            vec!["AADSTS50076"],
            vec!["AADSTS50126"],
            vec!["DataSource.Error"]
        ],
        "codes A to Z; the alias 40009 is AADSTS40009's number, which the script matches anyway"
    );
    // Category index * 4 + severity index: authentication = 0, refresh = 1; low = 0 .. critical = 3.
    assert_eq!(varints(index["facets"].as_str().unwrap()), [1, 0, 1, 4 + 2]);
    assert_eq!(
        index["categories"][1],
        serde_json::json!(["refresh", "Refresh errors"])
    );
    let titles = json(&site, &format!("{folder}t0.json"));
    assert_eq!(titles[3], "Power Query could not read from the data source");
}

#[test]
fn an_alias_that_is_not_the_codes_number_is_kept() {
    let site = TestSite::fixture("basic").edit(
        "content/errors/refresh/DataSource.Error.yaml",
        "tags: [power-query]",
        "tags: [power-query]\naliases: [DataSourceError, Expression.DataSource]",
    );
    site.build_ok();
    search_entry(&site.read("index.html"));
    let codes = decode_codes(&json(&site, "search/index.json"));
    assert_eq!(
        codes[3],
        [
            "DataSource.Error",
            "DataSourceError",
            "Expression.DataSource"
        ]
    );
}

#[test]
fn words_point_to_their_records_and_best_field() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let folder = search_folder(&site, &site.read("errors/aadsts40009/index.html"));
    let index = json(&site, "search/index.json");
    // Field numbers: causes 2, summary 3, message 4, tags 5, title 6, code 7.
    assert_eq!(
        lookup(&site, &folder, &index, "redeemed"),
        [(0, 6)],
        "a title word"
    );
    assert_eq!(
        lookup(&site, &folder, &index, "federation"),
        [(0, 5), (2, 5)],
        "a tag, on two records"
    );
    assert_eq!(
        lookup(&site, &folder, &index, "processing"),
        [(0, 4)],
        "a message word"
    );
    assert_eq!(
        lookup(&site, &folder, &index, "rolled"),
        [(0, 2)],
        "a cause's word"
    );
    assert_eq!(
        lookup(&site, &folder, &index, "source"),
        [(3, 7)],
        "a part of the code DataSource.Error"
    );
    assert_eq!(
        lookup(&site, &folder, &index, "the"),
        [],
        "stop words are left out"
    );
    assert_eq!(
        lookup(&site, &folder, &index, "revoke"),
        [],
        "fixes are not indexed"
    );
}

/// A symbol is an identifier of its record, like its code: the script finds it whole
/// (one lower-case word) or by its parts (it splits queries at `_`), at the code's rank.
#[test]
fn a_pasted_symbol_finds_its_record() {
    let site = TestSite::fixture("basic").edit(
        "content/errors/refresh/DataSource.Error.yaml",
        "tags: [power-query]",
        "tags: [power-query]\nsymbol: unique_violation",
    );
    site.build_ok();
    let folder = search_folder(&site, &site.read("index.html"));
    let index = json(&site, "search/index.json");
    assert_eq!(
        lookup(&site, &folder, &index, "invalidusernameorpassword"),
        [(2, 7)],
        "AADSTS50126's symbol, whole"
    );
    assert_eq!(
        lookup(&site, &folder, &index, "password"),
        [(2, 7)],
        "a part of the symbol InvalidUserNameOrPassword"
    );
    for part in ["unique", "violation"] {
        assert_eq!(
            lookup(&site, &folder, &index, part),
            [(3, 7)],
            "a part of the symbol unique_violation"
        );
    }
}

#[test]
fn every_page_names_the_same_index_and_it_changes_with_the_content() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let folder = search_folder(&site, &site.read("index.html"));
    assert_eq!(
        search_folder(&site, &site.read("errors/aadsts50076/index.html")),
        folder
    );
    assert_eq!(
        search_folder(&site, &site.read("categories/refresh/index.html")),
        folder
    );
    assert!(site.output().join("search/index.json").is_file());
    assert!(site.output().join(&folder).join("w0.json").is_file());
    let site = site.edit(
        "content/errors/authentication/AADSTS50076.yaml",
        "Complete the MFA prompt.",
        "Complete the MFA prompt now.",
    );
    site.build_ok();
    assert_eq!(
        search_folder(&site, &site.read("index.html")),
        folder,
        "fixes are not in the index: same folder, and every page names the same entry file"
    );
    let site = site.edit(
        "content/errors/authentication/AADSTS50076.yaml",
        "title: Multifactor",
        "title: Multi-factor",
    );
    site.build_ok();
    let changed = search_folder(&site, &site.read("index.html"));
    assert_ne!(
        changed, folder,
        "a new index gets a new folder, so no cache mixes two builds"
    );
    assert!(
        !site.output().join(&folder).exists(),
        "the old index is gone"
    );
}

#[test]
fn a_big_vocabulary_is_cut_into_shards_the_first_words_find() {
    // 60 records with 40 distinct made-up words each: more than one shard's worth.
    let mut site = TestSite::fixture("basic");
    for i in 0..60 {
        let words: Vec<String> = (0..40).map(|w| format!("w{i:02}x{w:02}")).collect();
        let yaml = record_yaml(&format!("GEN{i:03}"), "refresh")
            .replace("Summary of", &format!("{} Summary of", words.join(" ")));
        site = site.with_file(&format!("content/errors/refresh/GEN{i:03}.yaml"), yaml);
    }
    site.build_ok();
    let folder = search_folder(&site, &site.read("index.html"));
    let index = json(&site, "search/index.json");
    let shards = index["shards"].as_array().unwrap();
    assert!(shards.len() > 1, "one shard only");
    let codes = decode_codes(&index);
    let gen_17 = codes.iter().position(|c| c[0] == "GEN017").unwrap();
    assert_eq!(lookup(&site, &folder, &index, "w17x39"), [(gen_17, 3)]);
    for (n, first) in shards.iter().enumerate() {
        let shard = json(&site, &format!("{folder}w{n}.json"));
        assert_eq!(
            &shard["words"][0], first,
            "shard {n} starts with the word the index names"
        );
    }
}

/// The texts both sides of search must cut into the same words.
const WORD_SAMPLES: [&str; 8] = [
    "L'application n’a pas pu obtenir d’accès jusqu’à présent",
    "Kennwort-Reset per E-Mail für ÜBER-Straßen",
    "Pass-through-verificatie en eenmalige aanmelding (ĳs)",
    "AADSTS50126: Error validating credentials, café crème",
    "DataSource.Error: ﬁle Œuvre Æther Łódź ðþı",
    "Ação não concluída: señal y pingüino",
    "x a -- - -a- 123-456 ab_cd",
    "𝒜𝒷𝒸 ǅemal Ωmega ΣΊΣΥΦΟΣ",
];

#[test]
fn the_script_folds_and_splits_words_as_the_index_does() {
    // The script's two functions, taken from static/search.js as they are, run in node.
    let script = std::fs::read_to_string(repo_root().join("static/search.js")).unwrap();
    let start = script
        .find("var MARKS =")
        .expect("search.js folds with MARKS");
    let end = script
        .find("function codeNumber")
        .expect("codeNumber follows wordsOf");
    let program = format!(
        "{}\nconsole.log(JSON.stringify({}.map(wordsOf)));",
        &script[start..end],
        serde_json::to_string(&WORD_SAMPLES).unwrap()
    );
    let output = match std::process::Command::new("node")
        .arg("-e")
        .arg(&program)
        .output()
    {
        Ok(output) => output,
        Err(err) => {
            report_skipped(
                "the_script_folds_and_splits_words_as_the_index_does",
                &format!("node: {err}"),
            );
            return;
        }
    };
    assert!(output.status.success(), "{}", text(&output));
    let script_words: Vec<Vec<String>> = serde_json::from_slice(&output.stdout).unwrap();
    let index_words: Vec<Vec<String>> = WORD_SAMPLES
        .iter()
        .map(|sample| errdocs::render::words::words_of(sample, &[]).collect())
        .collect();
    assert_eq!(script_words, index_words);
    assert!(
        index_words[0].contains(&"acces".to_string())
            && index_words[1].contains(&"strassen".to_string())
    );
}
