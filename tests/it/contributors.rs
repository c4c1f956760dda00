//! The contributor's path, as a newcomer walks it: `errdocs new`, fill in the record
//! (with mistakes), `errdocs check` in every format, `errdocs explain`; and the JSON
//! Schema that editors use, checked with a real validator.

use std::path::Path;

use crate::support::*;

const NEW_RECORD: &str = "content/errors/authentication/AADSTS50076.yaml";

/// The basic fixture without its AADSTS50076, so a contributor can add it. AADSTS40009
/// still lists it in `related`: the new record is what makes that link valid.
fn site_without_50076() -> TestSite {
    TestSite::fixture("basic").without_file("content/errors/authentication/AADSTS50076.yaml")
}

fn exit_code(out: &std::process::Output) -> i32 {
    out.status.code().expect("exited normally")
}

fn read(site: &TestSite, relative: &str) -> String {
    std::fs::read_to_string(site.root().join(relative)).unwrap()
}

fn write(site: &TestSite, relative: &str, text: &str) {
    std::fs::write(site.root().join(relative), text).unwrap();
}

/// Replaces `from` (which must be there) in a file of the site.
fn replace(site: &TestSite, relative: &str, from: &str, to: &str) {
    let text = read(site, relative);
    assert!(text.contains(from), "{relative} has no {from:?}:\n{text}");
    write(site, relative, &text.replacen(from, to, 1));
}

/// A way to break a good record: what it is, how, and a word the schema error must name.
type Breakage = (&'static str, fn(&mut serde_json::Value), &'static str);

/// One diagnostic as every format must carry it: severity, rule, file, line, column.
type Found = (String, String, String, usize, usize);

fn from_json(stdout: &[u8]) -> Vec<Found> {
    let report: serde_json::Value =
        serde_json::from_slice(stdout).expect("check --format json prints JSON");
    let list = report["diagnostics"]
        .as_array()
        .expect("a diagnostics array");
    assert_eq!(
        report["errors"].as_u64().unwrap() + report["warnings"].as_u64().unwrap(),
        list.len() as u64,
        "the counts do not add up: {report}"
    );
    list.iter()
        .map(|d| {
            for key in ["end_line", "end_column", "message", "hint", "related"] {
                assert!(d.get(key).is_some(), "`{key}` missing from {d}");
            }
            (
                d["severity"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

fn from_github(stdout: &[u8]) -> Vec<Found> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| {
            let rest = line
                .strip_prefix("::")
                .unwrap_or_else(|| panic!("not a workflow command: {line}"));
            let (command, _message) = rest.split_once("::").unwrap();
            let (severity, properties) = command.split_once(' ').unwrap();
            let property = |name: &str| {
                properties
                    .split(',')
                    .find_map(|p| p.strip_prefix(&format!("{name}=")))
                    .unwrap_or_else(|| panic!("no {name} in {line}"))
                    .to_string()
            };
            (
                severity.to_string(),
                property("title").trim_start_matches("errdocs ").to_string(),
                property("file"),
                property("line").parse().unwrap(),
                property("col").parse().unwrap(),
            )
        })
        .collect()
}

fn from_short(output: &str) -> Vec<Found> {
    output
        .lines()
        .filter_map(|line| {
            let (location, rest) = line.split_once(": ")?;
            let mut parts = location.rsplitn(3, ':');
            let column = parts.next()?.parse().ok()?;
            let line_number = parts.next()?.parse().ok()?;
            let file = parts.next()?.to_string();
            let (severity, rest) = rest.split_once('[')?;
            let rule = rest.split_once(']')?.0;
            Some((
                severity.to_string(),
                rule.to_string(),
                file,
                line_number,
                column,
            ))
        })
        .collect()
}

#[test]
fn new_then_fill_in_with_mistakes_then_check_shows_them_all() {
    let site = site_without_50076();

    // 1. new: the skeleton, pointing editors at the schema.
    let out = site.run(&["new", "AADSTS50076", "--category", "authentication"]);
    assert_eq!(exit_code(&out), 0, "{}", text(&out));
    assert!(text(&out).contains(NEW_RECORD), "{}", text(&out));
    let skeleton = read(&site, NEW_RECORD);
    assert_eq!(
        skeleton.lines().next().unwrap(),
        "# yaml-language-server: $schema=../../../schema/error-record.schema.json",
        "the fixture has no schema/ folder: new writes one and points at it, not at a site not yet deployed"
    );
    for key in [
        "code: AADSTS50076",
        "title:",
        "category: authentication",
        "severity:",
        "summary:",
        "causes:",
        "fixes:",
    ] {
        assert!(
            skeleton.contains(&format!("\n{key}")),
            "`{key}` missing from the skeleton:\n{skeleton}"
        );
    }

    // 2. The skeleton fails check, and says which placeholders remain.
    let out = site.run(&["check", "--format", "short"]);
    assert_eq!(
        exit_code(&out),
        1,
        "a skeleton passed check:\n{}",
        text(&out)
    );
    let output = text(&out);
    for field in ["`title`", "`summary`", "`causes`", "`fixes`"] {
        let reported = output.lines().any(|l| {
            l.starts_with(NEW_RECORD)
                && l.contains("error[placeholder]")
                && l.contains(field)
                && l.contains("TODO")
        });
        assert!(reported, "no placeholder error for {field}:\n{output}");
    }
    assert_eq!(output.matches("error[placeholder]").count(), 4, "{output}");

    // 3. Filled in, with a misspelled key and a category that does not exist.
    replace(
        &site,
        NEW_RECORD,
        "title: TODO what went wrong, in one line",
        "title: Multifactor authentication is required",
    );
    replace(
        &site,
        NEW_RECORD,
        "category: authentication",
        "category: authentcation",
    );
    replace(
        &site,
        NEW_RECORD,
        "summary: |\n  TODO what the error means",
        "sumary: |\n  The sign-in needs a second factor.",
    );
    replace(
        &site,
        NEW_RECORD,
        "  - TODO why the error happens",
        "  - A Conditional Access policy requires MFA.",
    );
    replace(
        &site,
        NEW_RECORD,
        "  - TODO the first thing to try",
        "  - Complete the MFA prompt.",
    );
    let filled = read(&site, NEW_RECORD);
    let line_of = |needle: &str| filled.lines().position(|l| l.starts_with(needle)).unwrap() + 1;
    let (typo_line, category_line) = (line_of("sumary:"), line_of("category:"));

    let out = site.run(&["check"]);
    assert_eq!(exit_code(&out), 1);
    let human = text(&out);
    // Both problems, in one run, each with its snippet, caret and suggestion.
    for expected in [
        "error[unknown-key]: unknown key `sumary`".to_string(),
        format!("--> {NEW_RECORD}:{typo_line}:1"),
        format!("{typo_line} | sumary: |"),
        "^^^^^^".to_string(),
        "help: did you mean `summary`?".to_string(),
        "error[unknown-category]: the category `authentcation` is not defined".to_string(),
        format!("--> {NEW_RECORD}:{category_line}:11"),
        format!("{category_line} | category: authentcation"),
        "^^^^^^^^^^^^^".to_string(),
        "help: did you mean `authentication`?".to_string(),
    ] {
        assert!(
            human.contains(&expected),
            "`{expected}` missing from:\n{human}"
        );
    }
    // The missing `summary` is tied to its misspelling, not reported as a mystery.
    assert!(
        human.contains("help: rename `sumary` to `summary`"),
        "{human}"
    );
    // No colour: NO_COLOR is set by the test helper.
    assert!(!human.contains('\u{1b}'), "{human}");

    // 4. JSON and GitHub formats carry the same diagnostics as the human one.
    let short = from_short(&text(&site.run(&["check", "--format", "short"])));
    let out = site.run(&["check", "--format", "json"]);
    assert_eq!(exit_code(&out), 1);
    let json = from_json(&out.stdout);
    let out = site.run(&["check", "--format", "github"]);
    assert_eq!(exit_code(&out), 1);
    let github = from_github(&out.stdout);
    assert!(json.len() >= 3, "{json:?}");
    assert_eq!(json, github, "json and github differ");
    assert_eq!(json, short, "json and short differ");
    let rules: Vec<&str> = json.iter().map(|d| d.1.as_str()).collect();
    for rule in ["unknown-key", "unknown-category", "missing-key"] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
    assert!(
        json.iter()
            .any(|d| d.1 == "unknown-key" && d.3 == typo_line)
    );
    assert!(
        json.iter()
            .any(|d| d.1 == "unknown-category" && d.3 == category_line)
    );
    // The human format shows each of them once.
    assert_eq!(
        human.matches("error[").count() + human.matches("warning[").count(),
        json.len(),
        "{human}"
    );

    // 5. Fixed, with a source, the record passes: the skeleton was a real record.
    replace(&site, NEW_RECORD, "sumary:", "summary:");
    replace(
        &site,
        NEW_RECORD,
        "category: authentcation",
        "category: authentication",
    );
    replace(
        &site,
        NEW_RECORD,
        "# sources:\n#   - title: Page title\n#     url: https://...",
        "sources:\n  - title: Error codes\n    url: https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
    );
    let out = site.run(&["check", "--deny-warnings"]);
    assert_eq!(exit_code(&out), 0, "{}", text(&out));
}

#[test]
fn new_refuses_existing_codes_aliases_bad_codes_and_unknown_categories() {
    let site = TestSite::fixture("basic");
    let mut before = snapshot_dir(site.root());

    // An existing code, in another case: named with its file and line.
    let out = site.run(&["new", "aadsts40009", "--category", "authentication"]);
    assert_eq!(exit_code(&out), 2, "{}", text(&out));
    let output = text(&out);
    assert!(output.contains("error[duplicate-code]"), "{output}");
    assert!(
        output.contains("--> content/errors/authentication/AADSTS40009.yaml:1:7"),
        "{output}"
    );

    // An alias of another record.
    let out = site.run(&["new", "40009", "--category", "refresh"]);
    assert_eq!(exit_code(&out), 2, "{}", text(&out));
    assert!(text(&out).contains("alias `40009`"), "{}", text(&out));

    // A code that is not a code (and would escape content/errors/).
    for bad in ["../escape", "a/b", ".hidden", "bad code"] {
        let out = site.run(&["new", bad, "--category", "authentication"]);
        assert_eq!(exit_code(&out), 2, "{bad}: {}", text(&out));
        assert!(text(&out).contains("is not a valid code"), "{}", text(&out));
    }

    // A category that is not a slug, even if categories.yaml (wrongly) defines it.
    std::fs::write(
        site.root().join("content/categories.yaml"),
        read(&site, "content/categories.yaml") + "- slug: ../escape\n  title: Escape\n",
    )
    .unwrap();
    let out = site.run(&["new", "AADSTS99999", "--category", "../escape"]);
    assert_eq!(exit_code(&out), 2, "{}", text(&out));
    assert!(
        text(&out).contains("is not a category slug"),
        "{}",
        text(&out)
    );
    assert!(!site.root().join("content/escape").exists());
    before.insert(
        "content/categories.yaml".into(),
        std::fs::read(site.root().join("content/categories.yaml")).unwrap(),
    );

    // A category that does not exist: the nearest one is suggested.
    let out = site.run(&["new", "AADSTS99999", "--category", "authentcation"]);
    assert_eq!(exit_code(&out), 2, "{}", text(&out));
    let output = text(&out);
    assert!(output.contains("error[unknown-category]"), "{output}");
    assert!(
        output.contains("did you mean `authentication`?"),
        "{output}"
    );

    assert_eq!(
        snapshot_dir(site.root()),
        before,
        "a refused `new` changed the site"
    );
}

#[test]
fn new_points_at_the_committed_schema_with_a_relative_path() {
    let mut site = site_without_50076();
    for (name, text) in errdocs::schema::all(&[]) {
        site = site.with_file(&format!("schema/{name}"), text);
    }
    let out = site.run(&["new", "AADSTS50076", "--category", "authentication"]);
    assert_eq!(exit_code(&out), 0, "{}", text(&out));
    let first = read(&site, NEW_RECORD).lines().next().unwrap().to_string();
    let relative = first
        .strip_prefix("# yaml-language-server: $schema=")
        .expect(&first);
    assert_eq!(relative, "../../../schema/error-record.schema.json");
    let resolved = site
        .root()
        .join(NEW_RECORD)
        .parent()
        .unwrap()
        .join(relative);
    assert!(resolved.is_file(), "{} does not exist", resolved.display());
}

/// Even with an absolute `base_url`, the skeleton points at a local copy: the published
/// schema may not exist yet, and editors complete fields offline.
#[test]
fn new_in_a_site_without_a_schema_writes_the_schema() {
    let site = site_without_50076();
    let out = site.run(&["new", "AADSTS50076", "--category", "authentication"]);
    assert_eq!(exit_code(&out), 0, "{}", text(&out));
    assert!(
        read(&site, NEW_RECORD).starts_with(
            "# yaml-language-server: $schema=../../../schema/error-record.schema.json\n"
        )
    );
    for (name, text) in errdocs::schema::all(&[]) {
        assert_eq!(read(&site, &format!("schema/{name}")), text);
    }
}

/// `explain` as piped into a file: plain text, 80 columns unless COLUMNS says otherwise.
fn explain(site: &TestSite, code: &str, columns: Option<&str>) -> std::process::Output {
    let mut command = errdocs_command();
    command
        .args(["explain", code])
        .current_dir(site.root())
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    if let Some(columns) = columns {
        command.env("COLUMNS", columns);
    }
    command.output().expect("run errdocs explain")
}

#[test]
fn explain_prints_a_record_readably_in_80_columns() {
    let site = TestSite::fixture("basic");
    let out = explain(&site, "AADSTS40009", None);
    assert_eq!(exit_code(&out), 0, "{}", text(&out));
    let page = String::from_utf8(out.stdout).unwrap();
    for line in page.lines() {
        assert!(
            line.chars().count() <= 80,
            "a line is longer than 80 columns:\n{line}\n\n{page}"
        );
    }
    assert!(!page.contains('\u{1b}'), "styles when piped:\n{page}");
    let in_order = [
        "AADSTS40009: Refresh token could not be redeemed at the federated identity",
        "Severity: medium",
        "Product: Microsoft Entra ID",
        "What it means",
        // Markdown rendered: bold shown plainly when piped.
        "The federated identity provider refused to redeem a refresh token.",
        "Causes",
        "- First cause: the federation trust certificate rolled over.",
        "- The user's session at the identity provider ended (second cause).",
        "How to fix it",
        "1. Check the federation settings.",
        "2. Revoke the user's sessions:",
        // The code block: indented under its step, whole.
        "\n       Revoke-MgUserSignInSession -UserId alice@contoso.com\n",
        "FAQ",
        "Does this affect cloud-only accounts?",
        "No. Only users of a federated domain see it.",
        "Related errors",
        "- AADSTS50076  Multifactor authentication is required",
        "Sources",
        "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
        "Page: https://errors.example.com/errors/aadsts40009/",
    ];
    let mut from = 0;
    for expected in in_order {
        let found = page[from..]
            .find(expected)
            .unwrap_or_else(|| panic!("`{expected}` missing (or out of order) in:\n{page}"));
        from += found + expected.len();
    }
}

#[test]
fn explain_lists_the_symbol_among_the_facts() {
    let site = TestSite::fixture("basic");
    let out = explain(&site, "AADSTS50126", None);
    assert_eq!(exit_code(&out), 0, "{}", text(&out));
    let page = String::from_utf8(out.stdout).unwrap();
    // The facts line, wrapped at a no-break space: the symbol is the last fact.
    let facts = &page[..page.find("What it means").unwrap()];
    assert!(
        facts.contains("Product: Fixture Cloud\u{a0}·\nSymbol: InvalidUserNameOrPassword\n"),
        "{page:?}"
    );
}

#[test]
fn explain_wraps_to_columns_and_keeps_code_and_urls_whole() {
    let site = TestSite::fixture("basic");
    let out = explain(&site, "AADSTS40009", Some("44"));
    assert_eq!(exit_code(&out), 0, "{}", text(&out));
    let page = String::from_utf8(out.stdout).unwrap();
    for line in page.lines() {
        let unbreakable = line.contains("https://") || line.contains("Revoke-MgUserSignInSession");
        assert!(
            unbreakable || line.chars().count() <= 44,
            "longer than 44 columns:\n{line}\n\n{page}"
        );
    }
    assert!(
        page.contains("\n       Revoke-MgUserSignInSession -UserId alice@contoso.com\n"),
        "{page}"
    );
    assert!(
        page.contains(
            "\nhttps://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes\n"
        ),
        "{page}"
    );
}

#[test]
fn explain_ignores_case_and_follows_aliases() {
    let site = TestSite::fixture("basic");
    let canonical = explain(&site, "AADSTS40009", None);
    assert_eq!(exit_code(&canonical), 0);
    for key in ["aadsts40009", "40009", " AadSts40009 "] {
        let out = explain(&site, key, None);
        assert_eq!(exit_code(&out), 0, "{key}: {}", text(&out));
        assert_eq!(out.stdout, canonical.stdout, "`explain {key}` differs");
    }
}

#[test]
fn explain_suggests_the_nearest_codes() {
    let site = TestSite::fixture("basic");
    let out = explain(&site, "AADSTS40090", None);
    assert_eq!(exit_code(&out), 2, "{}", text(&out));
    let output = text(&out);
    assert!(
        output.contains("no record has the code or alias `AADSTS40090`"),
        "{output}"
    );
    assert!(output.contains("did you mean `AADSTS40009`?"), "{output}");
    // Part of a code finds it.
    let output = text(&explain(&site, "50126", None));
    assert!(output.contains("did you mean `AADSTS50126`?"), "{output}");
    // Nothing near: no wild guesses.
    let output = text(&explain(&site, "ZZZZZZZZZZZZ", None));
    assert!(!output.contains("did you mean"), "{output}");
}

#[test]
fn explain_keeps_escape_sequences_out_of_the_terminal() {
    let site = TestSite::fixture("basic").edit(
        "content/errors/authentication/AADSTS50126.yaml",
        "summary: The password is wrong.",
        "summary: \"The password is \\e[31mwrong\\e]0;pwned\\a.\"",
    );
    let out = explain(&site, "AADSTS50126", None);
    assert_eq!(exit_code(&out), 0, "{}", text(&out));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        !page.contains('\u{1b}') && !page.contains('\u{7}'),
        "{page:?}"
    );
    assert!(
        page.contains("The password is [31mwrong]0;pwned."),
        "{page}"
    );
}

/// The committed schema/ must be what the code generates.
#[test]
fn committed_schemas_are_up_to_date() {
    let dir = repo_root().join("schema");
    let generated = errdocs::schema::all(&[]);
    for (name, text) in &generated {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(
            &committed == text,
            "schema/{name} is stale or missing: the types in src/load/raw.rs changed.\n\
             Refresh it with `cargo run -- schema` and commit the result."
        );
    }
    let committed: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in committed {
        assert!(
            generated.iter().any(|(n, _)| *n == name),
            "schema/{name} is not generated by errdocs: remove it"
        );
    }
}

#[test]
fn the_built_site_publishes_the_schemas() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    for (name, text) in errdocs::schema::all(&[]) {
        assert_eq!(site.read(&format!("schema/{name}")), text);
    }
}

/// A YAML file as the JSON value an editor's schema validator sees.
pub fn yaml_as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo_root().join("schema").join(name)).unwrap();
    validator_of(name, &text)
}

/// A validator of the schema `text` (named `name` in messages).
pub fn validator_of(name: &str, text: &str) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(text).unwrap();
    jsonschema::validator_for(&schema)
        .unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
}

/// The schema's complaints about `value`, one line each.
pub fn schema_errors(validator: &jsonschema::Validator, value: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Every site the project ships or tests with: the repository and each fixture.
fn site_roots() -> Vec<std::path::PathBuf> {
    let mut roots = vec![repo_root()];
    for entry in std::fs::read_dir(repo_root().join("tests/fixtures")).unwrap() {
        let path = entry.unwrap().path();
        if path.join("site.yaml").is_file() {
            roots.push(path);
        }
    }
    roots
}

#[test]
fn shipped_and_fixture_files_pass_the_json_schema() {
    let mut records = 0;
    let mut translations = 0;
    for root in site_roots() {
        // Each site's own schemas: its record schema knows the fields it declares.
        let schemas = errdocs::schema::for_site(&root).unwrap();
        let of = |name: &str| {
            let (_, text) = schemas.iter().find(|(n, _)| *n == name).unwrap();
            validator_of(name, text)
        };
        let (record, translation, categories, site) = (
            of("error-record.schema.json"),
            of("error-translation.schema.json"),
            of("categories.schema.json"),
            of("site.schema.json"),
        );
        // A site's translations are named `CODE.<lang>.yaml` for its other languages.
        let settings = yaml_as_json(&root.join("site.yaml"));
        let languages: Vec<String> = (settings["languages"].as_array().into_iter().flatten())
            .skip(1)
            .map(|l| format!(".{}.yaml", l.as_str().unwrap()))
            .collect();
        for entry in walkdir::WalkDir::new(root.join("content/errors")) {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if languages
                .iter()
                .any(|suffix| name.ends_with(suffix.as_str()))
            {
                let errors = schema_errors(&translation, &yaml_as_json(entry.path()));
                assert!(
                    errors.is_empty(),
                    "{}:\n{}",
                    entry.path().display(),
                    errors.join("\n")
                );
                translations += 1;
            } else if entry.path().extension().is_some_and(|e| e == "yaml") {
                let errors = schema_errors(&record, &yaml_as_json(entry.path()));
                assert!(
                    errors.is_empty(),
                    "{}:\n{}",
                    entry.path().display(),
                    errors.join("\n")
                );
                records += 1;
            }
        }
        let errors = schema_errors(
            &categories,
            &yaml_as_json(&root.join("content/categories.yaml")),
        );
        assert!(errors.is_empty(), "{}: {errors:?}", root.display());
        let errors = schema_errors(&site, &yaml_as_json(&root.join("site.yaml")));
        assert!(errors.is_empty(), "{}: {errors:?}", root.display());
    }
    assert!(records >= 4, "only {records} records were validated");
    assert!(
        translations >= 10,
        "only {translations} translations were validated"
    );
}

#[test]
fn a_broken_record_fails_the_json_schema() {
    let record = validator("error-record.schema.json");
    let good =
        yaml_as_json(&fixture_dir("basic").join("content/errors/authentication/AADSTS40009.yaml"));
    assert!(schema_errors(&record, &good).is_empty());

    // Each breakage alone, and what the schema must say about it.
    let breakages: [Breakage; 8] = [
        (
            "a misspelled key",
            |r| {
                let v = r["causes"].take();
                r.as_object_mut().unwrap().remove("causes");
                r["cuases"] = v;
            },
            "cuases",
        ),
        (
            "a missing required key",
            |r| {
                r.as_object_mut().unwrap().remove("summary");
            },
            "summary",
        ),
        (
            "a title on two lines",
            |r| r["title"] = "Refresh token\ncould not be redeemed".into(),
            "/title",
        ),
        (
            "a bad severity",
            |r| r["severity"] = "meduim".into(),
            "meduim",
        ),
        (
            "an empty list of fixes",
            |r| r["fixes"] = serde_json::json!([]),
            "/fixes",
        ),
        (
            "a code with a slash",
            |r| r["code"] = "../etc".into(),
            "/code",
        ),
        (
            "a tag that is not a slug",
            |r| r["tags"] = serde_json::json!(["Pass Word"]),
            "/tags/0",
        ),
        (
            "a FAQ entry without an answer",
            |r| r["faq"] = serde_json::json!([{"question": "Why?"}]),
            "answer",
        ),
    ];
    for (what, break_it, mentioned) in breakages {
        let mut broken = good.clone();
        break_it(&mut broken);
        let errors = schema_errors(&record, &broken);
        assert!(!errors.is_empty(), "{what} passed the schema");
        assert!(
            errors.iter().any(|e| e.contains(mentioned)),
            "{what}: `{mentioned}` not in {errors:?}"
        );
    }
}

#[test]
fn a_new_skeleton_fits_the_json_schema() {
    // Editors must not flag the skeleton's structure: only `check` refuses its placeholders.
    let site = site_without_50076();
    let out = site.run(&["new", "AADSTS50076", "--category", "authentication"]);
    assert_eq!(exit_code(&out), 0, "{}", text(&out));
    let errors = schema_errors(
        &validator("error-record.schema.json"),
        &yaml_as_json(&site.root().join(NEW_RECORD)),
    );
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn explain_works_while_another_record_is_broken_and_refuses_a_broken_one() {
    // AADSTS50076 is broken; AADSTS40009 names it in `related` and is fine.
    let site = TestSite::fixture("basic").edit(
        "content/errors/authentication/AADSTS50076.yaml",
        "severity: low",
        "severity: lowish",
    );
    let out = explain(&site, "AADSTS40009", None);
    assert_eq!(exit_code(&out), 0, "{}", text(&out));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        !page.contains("AADSTS50076"),
        "a broken record is listed:\n{page}"
    );

    let out = explain(&site, "aadsts50076", None);
    assert_eq!(exit_code(&out), 1, "{}", text(&out));
    let output = text(&out);
    assert!(output.contains("error[invalid-severity]"), "{output}");
    assert!(
        output.contains("content/errors/authentication/AADSTS50076.yaml:4:11"),
        "{output}"
    );
    assert!(
        !output.contains("AADSTS40009.yaml"),
        "errors of other records shown:\n{output}"
    );
}

/// The complete example of CONTRIBUTING.md: the YAML block that starts with the schema line.
fn contributing_example() -> String {
    let guide = std::fs::read_to_string(repo_root().join("CONTRIBUTING.md")).unwrap();
    let section = guide
        .find("### One complete example")
        .expect("the example's heading in CONTRIBUTING.md");
    let start = section
        + guide[section..]
            .find("```yaml\n")
            .expect("the example in CONTRIBUTING.md")
        + "```yaml\n".len();
    let end = start
        + guide[start..]
            .find("\n```\n")
            .expect("the end of the example");
    guide[start..=end].to_string()
}

#[test]
fn the_example_in_contributing_is_a_valid_record() {
    let example = contributing_example();
    let value: serde_json::Value = serde_saphyr::from_str(&example).unwrap();
    let errors = schema_errors(&validator("error-record.schema.json"), &value);
    assert!(errors.is_empty(), "{errors:?}");
    // And `check` accepts it, once its category and related codes exist in the fixture.
    let text = example
        .replace("category: tokens-and-grants", "category: authentication")
        .replace(
            "related: [AADSTS50132, AADSTS70008]",
            "related: [AADSTS40009]",
        );
    let site = TestSite::fixture("basic")
        .with_file("content/errors/authentication/AADSTS50173.yaml", text);
    let out = site.run(&["check", "--deny-warnings"]);
    assert_eq!(exit_code(&out), 0, "{}", crate::support::text(&out));
}

/// Every `errdocs` command line of the GitHub Action (`action.yml`), as its steps build
/// them (`args=(...)`, then every `args+=(...)`), parses as a valid command.
#[test]
fn the_action_runs_errdocs_commands_that_exist() {
    use clap::Parser as _;
    let action = yaml_as_json(&repo_root().join("action.yml"));
    let mut commands = Vec::new();
    for step in action["runs"]["steps"].as_array().unwrap() {
        let Some(run) = step["run"].as_str() else {
            continue;
        };
        let mut words: Vec<String> = Vec::new();
        for line in run.lines().map(str::trim) {
            let added = line
                .strip_prefix("args=(")
                .or_else(|| line.split_once("args+=(").map(|(_, rest)| rest));
            let Some(added) = added else { continue };
            let added = added.split(')').next().unwrap();
            // Variables become sample values; quotes go.
            let added = added
                .replace("$ERRDOCS_ROOT", "docs/errors")
                .replace("$output", "/tmp/site")
                .replace("$ERRDOCS_BASE_URL", "https://owner.github.io/repo/")
                .replace('"', "");
            words.extend(added.split_whitespace().map(str::to_string));
        }
        if !words.is_empty() {
            commands.push(words.join(" "));
        }
    }
    assert!(
        commands.iter().any(|c| c.starts_with("check ")
            && c.contains("--format github")
            && c.contains("--deny-warnings")),
        "{commands:?}"
    );
    assert!(
        commands
            .iter()
            .any(|c| c.starts_with("build ")
                && c.contains("--base-url https://owner.github.io/repo/")),
        "{commands:?}"
    );
    assert!(
        commands.contains(&"fmt --check --root docs/errors".to_string()),
        "{commands:?}"
    );
    // The formatting step runs unless the workflow turns it off.
    let inputs = &action["inputs"];
    assert_eq!(inputs["fmt-check"]["default"], "true", "{inputs}");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let fmt_step = (steps.iter())
        .find(|s| s["run"].as_str().is_some_and(|r| r.contains("fmt --check")))
        .unwrap();
    assert_eq!(fmt_step["if"], "inputs.fmt-check == 'true'", "{fmt_step}");
    for command in &commands {
        let words = std::iter::once("errdocs").chain(command.split_whitespace());
        if let Err(e) = errdocs::cli::Cli::try_parse_from(words) {
            panic!("action.yml: `errdocs {command}` is not a valid errdocs command:\n{e}");
        }
    }
    let pages = std::fs::read_to_string(repo_root().join(".github/workflows/pages.yml")).unwrap();
    for action in [
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
        "uses: ./",
    ] {
        assert!(pages.contains(action), "pages.yml does not use {action}");
    }
}

/// CONTRIBUTING.md's walkthrough works when followed literally: its `new` command, run
/// on a copy of the shipped site, writes the file the guide names (the code does not
/// exist yet, as a code or an alias, and the category does).
#[test]
fn the_contributing_walkthrough_adds_a_code_that_does_not_exist_yet() {
    let guide = std::fs::read_to_string(repo_root().join("CONTRIBUTING.md")).unwrap();
    let command = guide
        .lines()
        .find_map(|l| l.trim().strip_prefix("cargo run -- new "))
        .expect("CONTRIBUTING.md's walkthrough runs `cargo run -- new CODE --category SLUG`");
    let words: Vec<&str> = command.split_whitespace().collect();
    let [code, "--category", category] = words[..] else {
        panic!("unexpected command: {command}");
    };
    let site = TestSite::empty();
    copy_dir(&repo_root().join("content"), &site.root().join("content"));
    std::fs::copy(repo_root().join("site.yaml"), site.root().join("site.yaml")).unwrap();
    let out = site.run(&["new", code, "--category", category]);
    assert_eq!(
        exit_code(&out),
        0,
        "following CONTRIBUTING.md fails:\n{}",
        text(&out)
    );
    let written = format!("content/errors/{category}/{code}.yaml");
    assert!(site.root().join(&written).is_file());
    assert!(
        guide.contains(&format!("This writes `{written}`")),
        "the guide names another file"
    );
}
