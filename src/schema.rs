//! JSON Schemas of the three file kinds, generated from the same raw types that parse
//! them ([`crate::load::raw`]), so editors autocomplete exactly what `check` accepts.
//! A site's record schema adds the fields its `site.yaml` declares
//! ([`record_schema`]): one function makes it, for `errdocs schema` (which writes a
//! site's schemas into its folder, for editors), for every build (which publishes
//! them at `schema/`) and for `errdocs new`.
//!
//! The repository commits its own under `schema/` (a test fails when that copy is
//! stale; `errdocs schema` refreshes it).

use std::path::Path;

use serde_json::json;

use crate::Error;
use crate::load::raw::{Located, RawCategory, RawRecord, RawSiteConfig};
use crate::load::{self, SITE_FILE};
use crate::model::Site;
use crate::model::declared::{FieldDeclaration, FieldType};
use crate::write::Staging;

/// The name of a record's schema file, in `schema/`.
pub const RECORD_SCHEMA: &str = "error-record.schema.json";

/// The schema files of a site that declares `declared`: (file name, JSON text).
pub fn all(declared: &[FieldDeclaration]) -> Vec<(&'static str, String)> {
    vec![
        (RECORD_SCHEMA, to_text(record_schema(declared))),
        ("error-translation.schema.json", to_text(translation())),
        ("categories.schema.json", to_text(categories())),
        (
            "site.schema.json",
            to_text(schemars::schema_for!(RawSiteConfig)),
        ),
    ]
}

/// A record's translation (`CODE.<lang>.yaml`): the record's schema with only the
/// translated keys, the ones a translation must hold required.
fn translation() -> schemars::Schema {
    use crate::fields::{TRANSLATED_KEYS, TRANSLATED_REQUIRED};
    let mut schema = schemars::schema_for!(RawRecord);
    if let Some(serde_json::Value::Object(properties)) = schema.get_mut("properties") {
        properties.retain(|key, _| TRANSLATED_KEYS.contains(&key.as_str()));
    }
    schema.insert("required".into(), TRANSLATED_REQUIRED.into());
    schema.insert("title".into(), "errdocs error record translation".into());
    schema.insert(
        "description".into(),
        "`content/errors/**/CODE.<lang>.yaml`: a record's text in another language of the site. \
         Every other field is the original's."
            .into(),
    );
    schema
}

/// The schema of a record file: the built-in fields of the table of record fields
/// ([`crate::fields`]) and the fields the site declares, each with its type, its
/// label as title, and `required` when the declaration says so.
pub fn record_schema(declared: &[FieldDeclaration]) -> schemars::Schema {
    let mut schema = schemars::schema_for!(RawRecord);
    if declared.is_empty() {
        return schema;
    }
    let object = schema
        .as_object_mut()
        .expect("a record's schema is an object");
    let properties = object
        .entry("properties")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("properties is an object");
    for declaration in declared {
        properties.insert(declaration.key.clone(), declared_field(declaration));
    }
    let required = object.entry("required").or_insert_with(|| json!([]));
    if let Some(required) = required.as_array_mut() {
        let keys = declared.iter().filter(|d| d.required).map(|d| json!(d.key));
        required.extend(keys);
    }
    schema
}

/// The schema of one declared field's value, as a record file writes it.
fn declared_field(declaration: &FieldDeclaration) -> serde_json::Value {
    const ONE_LINE: &str = r"^\s*[^\n]*\s*$";
    const VERSION: &str = r"^[vV]?[0-9]+(\.[0-9]+)*([-+][0-9A-Za-z.-]+)?$";
    // YAML reads `2.1` as a number: `check` takes it as written.
    let version = json!({"anyOf": [{"type": "string", "pattern": VERSION}, {"type": "number"}]});
    let mut schema = match declaration.kind {
        FieldType::Text => json!({"type": "string", "minLength": 1, "pattern": ONE_LINE}),
        FieldType::Markdown => json!({"type": "string", "minLength": 1}),
        FieldType::Integer => json!({"type": "integer"}),
        FieldType::Boolean => json!({"type": "boolean"}),
        FieldType::Enum => json!({"type": "string", "enum": declaration.values}),
        FieldType::Url => json!({"type": "string", "pattern": r"^https?://[^\s/]+"}),
        FieldType::List => json!({
            "type": "array",
            "items": {"type": "string", "minLength": 1, "pattern": ONE_LINE},
        }),
        FieldType::Version => json!({"anyOf": [version, {"type": "array", "items": version}]}),
    };
    schema["title"] = json!(declaration.label);
    let description = match &declaration.description {
        Some(description) => format!(
            "{description} (Declared in site.yaml: {}.)",
            declaration.kind.as_str()
        ),
        None => format!("Declared in site.yaml: {}.", declaration.kind.as_str()),
    };
    schema["description"] = json!(description);
    schema
}

/// `content/categories.yaml` is a list; the generated list schema gets a real title,
/// a description and the rule that at least one category exists.
fn categories() -> schemars::Schema {
    let mut schema = schemars::schema_for!(Vec<RawCategory>);
    schema.insert("title".into(), "errdocs categories".into());
    schema.insert(
        "description".into(),
        "`content/categories.yaml`: the site's categories, in the order the site lists them. \
         Each record's `category` is one of their slugs."
            .into(),
    );
    schema.insert("minItems".into(), 1.into());
    schema
}

/// The JSON text of a schema, marked as generated so nobody edits the copy by hand.
fn to_text(mut schema: schemars::Schema) -> String {
    schema.insert(
        "$comment".into(),
        "Generated by errdocs from the types that parse these files (src/load/raw.rs) \
         and the fields site.yaml declares; refresh with `errdocs schema`, do not edit by hand."
            .into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    text.push('\n');
    text
}

/// The fields the site in `root` declares: none when it has no `site.yaml`; its
/// diagnostics when `site.yaml` has errors.
pub fn declared_fields(root: &Path) -> Result<Vec<FieldDeclaration>, Error> {
    if !root.join(SITE_FILE).exists() {
        return Ok(Vec::new());
    }
    let loaded = load::load_file::<Located<RawSiteConfig>>(root, Path::new(SITE_FILE))
        .map_err(|d| Error::Content(vec![d]))?;
    let mut diagnostics = Vec::new();
    let config = crate::validate::check_config(&loaded, &mut diagnostics);
    match config {
        Some(config) if !diagnostics.iter().any(|d| d.is_error()) => Ok(config.config.fields),
        _ => Err(Error::Content(diagnostics)),
    }
}

/// The schema files of the site in `root` ([`all`] with its declared fields).
pub fn for_site(root: &Path) -> Result<Vec<(&'static str, String)>, Error> {
    Ok(all(&declared_fields(root)?))
}

/// Writes the schema files of the site in `root` into `dir` (created if needed).
pub fn write_for_site(root: &Path, dir: &Path) -> Result<Vec<&'static str>, Error> {
    let schemas = for_site(root)?;
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        context: format!("cannot create {}", dir.display()),
        source,
    })?;
    for (name, text) in &schemas {
        std::fs::write(dir.join(name), text).map_err(|source| Error::Io {
            context: format!("cannot write {}", dir.join(name).display()),
            source,
        })?;
    }
    Ok(schemas.into_iter().map(|(name, _)| name).collect())
}

/// Publishes the site's schemas in the built site.
pub fn write_all(site: &Site, staging: &Staging) -> Result<(), Error> {
    for (name, text) in all(&site.config.fields) {
        staging.write(&site.paths.schema(name).file(), text.as_bytes())?;
    }
    Ok(())
}
