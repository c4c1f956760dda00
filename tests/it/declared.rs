//! Fields a site declares in `site.yaml` (`fields:`), on the HTTP API fixture
//! (`tests/fixtures/http-api`): checked like built-in fields, shown on pages, in the
//! JSON API, JSON-LD and search, and in the site's own JSON Schema.

use crate::contributors::{schema_errors, validator_of, yaml_as_json};
use crate::publishing::web::Html;
use crate::support::*;

const RECORD: &str = "content/errors/authentication/ACME-1001.yaml";

fn http_api() -> TestSite {
    TestSite::fixture("http-api")
}

fn json(site: &TestSite, path: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(path)).unwrap()
}

#[test]
fn the_http_api_fixture_is_clean() {
    let (code, output) = check(&http_api());
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("ok: 10 records checked"), "{output}");
}

#[test]
fn declared_fields_show_as_facts_and_sections_of_their_records_page() {
    let site = http_api();
    site.build_ok();
    let page = site.read("acme-1001/index.html");
    let facts = page
        .split("<dl class=\"facts\">")
        .nth(1)
        .unwrap()
        .split("</dl>")
        .next()
        .unwrap();
    assert!(
        facts.contains("<dt>HTTP status</dt><dd>401</dd>"),
        "{facts}"
    );
    assert!(facts.contains("<dt>Retry helps</dt><dd>No</dd>"), "{facts}");
    // YAML reads 2.10 as a number; the version is taken as written.
    assert!(
        facts.contains("<dt>Applies to</dt><dd>2.1, 2.10, 3.0</dd>"),
        "{facts}"
    );
    assert!(
        !facts.contains("SDK"),
        "a field the record does not set is not shown"
    );
    let html = Html::parse(&page);
    assert!(html.ids().contains("field-example-response"));
    assert!(page.contains("<a href=\"#field-example-response\">Example response</a>"));
    assert!(
        page.contains("<code class=\"language-json\">"),
        "its Markdown is highlighted"
    );
}

#[test]
fn declared_fields_are_in_the_json_api_and_its_schema() {
    let site = http_api();
    site.build_ok();
    let record = json(&site, "api/errors/acme-1001.json");
    let fields = &record["fields"];
    assert_eq!(fields["http_status"], 401);
    assert_eq!(fields["retryable"], false);
    assert_eq!(fields["sdk"], serde_json::Value::Null);
    assert_eq!(
        fields["applies_to"],
        serde_json::json!(["2.1", "2.10", "3.0"])
    );
    assert!(
        fields["example_response"]["markdown"]
            .as_str()
            .unwrap()
            .contains("missing_api_key")
    );
    assert!(
        fields["example_response"]["html"]
            .as_str()
            .unwrap()
            .contains("<pre")
    );
    // A Markdown field's keys come in the order of every Markdown value: `markdown`, `html`.
    let text = site.read("api/errors/acme-1001.json");
    let at = text.find("\"example_response\"").unwrap();
    let (markdown, html) = (
        text[at..].find("\"markdown\"").unwrap(),
        text[at..].find("\"html\"").unwrap(),
    );
    assert!(markdown < html, "{}", &text[at..]);
    let list = json(&site, "api/errors.json");
    let first = &list[0]["fields"];
    assert_eq!(first["http_status"], 401);
    assert!(
        first.get("example_response").is_none(),
        "Markdown only in a record's file"
    );
    // Every API file validates against the schema published beside it.
    for (file, schema) in [
        ("api/errors/acme-1001.json", "schema/api-error.schema.json"),
        ("api/errors/acme-3010.json", "schema/api-error.schema.json"),
        ("api/errors.json", "schema/api-errors.schema.json"),
    ] {
        let validator = validator_of(schema, &site.read(schema));
        let errors = schema_errors(&validator, &json(&site, file));
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
    let validator = validator_of("api-error", &site.read("schema/api-error.schema.json"));
    let mut broken = record.clone();
    broken["fields"]["http_status"] = "401".into();
    assert!(!schema_errors(&validator, &broken).is_empty());
}

#[test]
fn versions_are_the_software_versions_of_the_json_ld() {
    let site = http_api();
    site.build_ok();
    let page = Html::parse(&site.read("acme-1001/index.html"));
    let graph = &page.json_ld()[0]["@graph"];
    let about = &graph[0]["about"];
    assert_eq!(about["@type"], "SoftwareApplication");
    assert_eq!(about["name"], "Acme API");
    assert_eq!(
        about["softwareVersion"],
        serde_json::json!(["2.1", "2.10", "3.0"])
    );
}

#[test]
fn the_sites_schema_validates_its_records_and_rejects_a_status_that_is_not_a_number() {
    let site = http_api();
    let run = site.run(&["schema", "--output", "editor-schemas"]);
    assert!(run.status.success(), "{}", text(&run));
    let schema =
        std::fs::read_to_string(site.root().join("editor-schemas/error-record.schema.json"))
            .unwrap();
    let validator = validator_of("error-record.schema.json", &schema);
    for entry in walkdir::WalkDir::new(site.root().join("content/errors")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let errors = schema_errors(&validator, &yaml_as_json(&path));
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        }
    }
    let site = site.edit(RECORD, "http_status: 401", "http_status: \"abc\"");
    let errors = schema_errors(&validator, &yaml_as_json(&site.root().join(RECORD)));
    assert!(
        errors.iter().any(|e| e.starts_with("/http_status")),
        "{errors:?}"
    );
    // `check` agrees, at the line.
    let output = assert_rule(&site, RECORD, 5, "wrong-type");
    assert!(
        output.contains("`http_status` must be a whole number"),
        "{output}"
    );
    // The build publishes the same schema, and `schema` writes into schema/ by default.
    let site = site.edit(RECORD, "http_status: \"abc\"", "http_status: 401");
    site.build_ok();
    assert_eq!(site.read("schema/error-record.schema.json"), schema);
    let run = site.run(&["schema"]);
    assert!(run.status.success(), "{}", text(&run));
    assert_eq!(
        std::fs::read_to_string(site.root().join("schema/error-record.schema.json")).unwrap(),
        schema
    );
}

#[test]
fn check_suggests_a_declared_key_for_a_misspelt_one() {
    let site = http_api().edit(RECORD, "http_status: 401", "http_stauts: 401");
    let output = assert_rule(&site, RECORD, 5, "unknown-key");
    assert!(output.contains("did you mean `http_status`?"), "{output}");
    // The required field is missing too, and the report names the misspelling.
    let output = assert_rule(&site, RECORD, 1, "missing-key");
    assert!(
        output.contains("rename `http_stauts` to `http_status`"),
        "{output}"
    );
}

#[test]
fn values_of_declared_fields_are_checked_by_their_type() {
    let site = http_api().edit(RECORD, "retryable: false", "retryable: false\nsdk: pyhton");
    let output = assert_rule(&site, RECORD, 7, "invalid-value");
    assert!(output.contains("did you mean `python`?"), "{output}");
    let site = http_api().edit(
        RECORD,
        "applies_to: [2.1, 2.10, \"3.0\"]",
        "applies_to: [2.1, latest]",
    );
    let output = assert_rule(&site, RECORD, 7, "invalid-version");
    assert!(
        output.contains("`latest` is not a version number"),
        "{output}"
    );
    let site = http_api().edit(RECORD, "retryable: false", "retryable: yes");
    assert_rule(&site, RECORD, 6, "wrong-type");
    let site = http_api().edit(RECORD, "http_status: 401", "http_status: 4.5");
    assert_rule(&site, RECORD, 5, "wrong-type");
}

#[test]
fn a_declaration_may_not_take_a_built_in_key() {
    let site = http_api().edit("site.yaml", "key: retryable", "key: title");
    let output = assert_rule(&site, "site.yaml", 18, "reserved-key");
    assert!(output.contains("`title` is a built-in key"), "{output}");
}

#[test]
fn declarations_are_checked() {
    let site = http_api().edit("site.yaml", "type: integer", "type: integr");
    let output = assert_rule(&site, "site.yaml", 13, "invalid-declaration");
    assert!(output.contains("did you mean `integer`?"), "{output}");
    // The records that use the field are not blamed for the declaration's mistake.
    assert!(!output.contains("unknown-key"), "{output}");
    let site = http_api().edit("site.yaml", "    values: [python, node, go, java]\n", "");
    let output = assert_rule(&site, "site.yaml", 24, "invalid-declaration");
    assert!(output.contains("needs its `values`"), "{output}");
    let site = http_api().edit(
        "site.yaml",
        "    type: markdown\n    show: section\n",
        "    type: markdown\n    show: section\n    filter: true\n",
    );
    let output = assert_rule(&site, "site.yaml", 40, "invalid-declaration");
    assert!(
        output.contains("a `markdown` field cannot filter lists"),
        "{output}"
    );
}

#[test]
fn searchable_declared_fields_are_in_the_search_index() {
    let site = http_api();
    site.build_ok();
    let index = json(&site, "search/index.json");
    let folder = index["folder"].as_str().unwrap();
    // `offset` is only in ACME-3001's example response.
    let shards = index["shards"].as_array().unwrap();
    let found = (0..shards.len()).any(|n| {
        let shard = json(&site, &format!("{folder}w{n}.json"));
        shard["words"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == "offset")
    });
    assert!(found, "the word of a searchable field is indexed");
}

#[test]
fn lists_carry_the_values_they_filter_by() {
    let site = http_api();
    site.build_ok();
    let page = site.read("categories/limits/index.html");
    assert!(
        page.contains("data-list-field=\"http_status\""),
        "a filter by HTTP status"
    );
    assert!(
        page.contains("<option value=\"429\">429</option>"),
        "{page}"
    );
    assert!(
        page.contains("<option value=\"true\">Yes</option>"),
        "a boolean's options"
    );
    let html = Html::parse(&page);
    let statuses: Vec<&str> = html
        .all("li")
        .filter_map(|li| li.attr("data-f-http_status"))
        .collect();
    assert_eq!(statuses, ["429", "429", "503", "504"]);
    // Three records have nothing to filter.
    assert!(
        !site
            .read("categories/authentication/index.html")
            .contains("data-list-tools")
    );
    // The A–Z page filters too.
    let a_to_z = site.read("a-z/index.html");
    assert!(
        a_to_z.contains("data-list-field=\"sdk\""),
        "the A–Z page filters by SDK"
    );
}

#[test]
fn explain_lists_declared_facts() {
    let out = http_api().run(&["explain", "ACME-1001"]);
    assert!(out.status.success(), "{}", text(&out));
    let printed = text(&out).replace('\n', " ");
    assert!(printed.contains("HTTP status: 401"), "{printed}");
    assert!(printed.contains("Retry helps: No"), "{printed}");
}

#[test]
fn records_are_not_blamed_for_keys_when_the_settings_cannot_be_read() {
    let site = http_api()
        .edit("site.yaml", "title: Acme API Errors\n", "")
        .edit(RECORD, "summary:", "sumary:");
    let (code, output) = check(&site);
    assert_eq!(code, 1, "{output}");
    assert!(
        output.contains("site.yaml:1:1: error[missing-key]"),
        "{output}"
    );
    // A misspelt built-in key is still reported; keys that may be declared are not.
    assert!(output.contains("unknown key `sumary`"), "{output}");
    assert!(!output.contains("unknown key `http_status`"), "{output}");
}

#[test]
fn new_writes_the_declared_fields_a_required_one_with_a_placeholder() {
    let site = http_api();
    let out = site.run(&["new", "ACME-9999", "--category", "authentication"]);
    assert!(out.status.success(), "{}", text(&out));
    let skeleton = std::fs::read_to_string(
        site.root()
            .join("content/errors/authentication/ACME-9999.yaml"),
    )
    .unwrap();
    // Each declared field with its label, type and description; the required one to
    // fill in, the others commented out, in the declared order.
    let http_status = skeleton.find("\nhttp_status: TODO\n").expect(&skeleton);
    let retryable = skeleton.find("\n# retryable: ...\n").expect(&skeleton);
    let sdk = skeleton.find("\n# sdk: ...\n").expect(&skeleton);
    assert!(http_status < retryable && retryable < sdk, "{skeleton}");
    assert!(
        skeleton.contains("# HTTP status (a whole number), declared by site.yaml. The HTTP status"),
        "{skeleton}"
    );
    assert!(
        skeleton.contains("# SDK (one of: python | node | go | java)"),
        "{skeleton}"
    );
    assert!(
        skeleton.lines().all(|l| l.chars().count() <= 100),
        "{skeleton}"
    );
    // check refuses the record until the field is filled in, naming the field.
    let (code, output) = check(&site);
    assert_eq!(code, 1, "{output}");
    assert!(
        output
            .lines()
            .any(|l| l.contains("ACME-9999.yaml:") && l.contains("`http_status`")),
        "{output}"
    );
    // The skeleton is in fmt's layout, like every file new writes.
    let out = site.run(&[
        "fmt",
        "--check",
        "content/errors/authentication/ACME-9999.yaml",
    ]);
    assert!(out.status.success(), "{}", text(&out));
}
