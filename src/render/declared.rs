//! The fields a site declares, as pages, lists and the JSON API show them: each
//! record's values in declaration order (`record.fields` in templates), the filters
//! of list pages, and the `fields` object of the API with its schema.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::json;

use super::RenderedRecord;
use super::api::Text;
use crate::model::declared::{FieldDeclaration, FieldType, FieldValue, Show};
use crate::model::{Site, natural_cmp};

/// A declared field of a record, for templates (`record.fields`).
#[derive(Serialize)]
pub struct FieldView<'a> {
    pub key: &'a str,
    pub label: &'a str,
    #[serde(rename = "type")]
    pub kind: FieldType,
    pub show: Show,
    /// The id of its section (`field-http-status`).
    pub anchor: String,
    /// The value as the JSON API gives it (Markdown as written).
    pub value: serde_json::Value,
    /// The value as HTML, escaped and ready to print (`| safe`): Markdown rendered,
    /// a URL a link, a boolean `Yes` or `No`, a list its items joined by commas.
    pub html: String,
}

/// The declared fields record `index` sets, in declaration order.
pub fn field_views<'a>(
    site: &'a Site,
    index: usize,
    rendered: &'a RenderedRecord,
) -> Vec<FieldView<'a>> {
    let record = &site.records[index];
    (site
        .config
        .fields
        .iter()
        .zip(&record.declared)
        .zip(&rendered.declared))
    .filter_map(|((declaration, value), html)| {
        let value = value.as_ref()?;
        Some(FieldView {
            key: &declaration.key,
            label: &declaration.label,
            kind: declaration.kind,
            show: declaration.show,
            anchor: declaration.anchor(),
            value: json_value(value),
            html: html
                .clone()
                .unwrap_or_else(|| value_html(site, declaration, value)),
        })
    })
    .collect()
}

/// A value that is not Markdown, as HTML (a boolean in the page's language).
fn value_html(site: &Site, declaration: &FieldDeclaration, value: &FieldValue) -> String {
    match value {
        FieldValue::Text(text) if declaration.kind == FieldType::Url => {
            let url = escape(text);
            format!("<a href=\"{url}\" rel=\"noopener\">{url}</a>")
        }
        FieldValue::Boolean(b) => escape(&yes_or_no(site, *b)),
        other => escape(&other.plain_text()),
    }
}

/// "Yes" or "No" in the page's language.
fn yes_or_no(site: &Site, yes: bool) -> String {
    site.strings()
        .label(if yes { "field.yes" } else { "field.no" })
}

/// A value as JSON: a string, a number, a boolean or a list of strings.
pub fn json_value(value: &FieldValue) -> serde_json::Value {
    match value {
        FieldValue::Text(text) => json!(text),
        FieldValue::Integer(n) => json!(n),
        FieldValue::Boolean(b) => json!(b),
        FieldValue::List(items) => json!(items),
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// A filter of a list page: a declared field and the values its records have.
#[derive(Serialize)]
pub struct FilterView<'a> {
    pub key: &'a str,
    pub label: &'a str,
    /// (value as the list items carry it, label), in the field's order.
    pub options: Vec<(String, String)>,
}

/// The filters of a page listing `records`: each declared field that filters, with
/// the values those records have (enum values in declared order, numbers by value).
pub fn filters<'a>(site: &'a Site, records: &[usize]) -> Vec<FilterView<'a>> {
    let mut filters = Vec::new();
    for (i, declaration) in site
        .config
        .fields
        .iter()
        .enumerate()
        .filter(|(_, d)| d.filter)
    {
        let mut values: Vec<String> = (records.iter())
            .filter_map(|&r| site.records[r].declared[i].as_ref()?.filter_key())
            .collect();
        match declaration.kind {
            FieldType::Enum => {
                values.sort_by_key(|v| declaration.values.iter().position(|d| d == v))
            }
            _ => values.sort_by(|a, b| natural_cmp(a, b)),
        }
        values.dedup();
        if values.is_empty() {
            continue;
        }
        let label = |v: &str| match declaration.kind {
            FieldType::Boolean => yes_or_no(site, v == "true"),
            _ => v.to_string(),
        };
        filters.push(FilterView {
            key: &declaration.key,
            label: &declaration.label,
            options: values.iter().map(|v| (v.clone(), label(v))).collect(),
        });
    }
    filters
}

/// The values record `index` has of the declared fields that filter: (key, value),
/// which list items carry as `data-f-KEY` attributes.
pub fn filter_values(site: &Site, index: usize) -> Vec<(&str, String)> {
    (site.config.fields.iter().zip(&site.records[index].declared))
        .filter(|(declaration, _)| declaration.filter)
        .filter_map(|(declaration, value)| {
            Some((declaration.key.as_str(), value.as_ref()?.filter_key()?))
        })
        .collect()
}

/// The `fields` object of the JSON API: every declared field, in declaration order,
/// `null` where the record sets none; Markdown as `{"markdown", "html"}`. With
/// `markdown: false` (the index of every record) Markdown fields are left out.
pub struct ApiFields<'a> {
    pub declared: &'a [FieldDeclaration],
    pub values: &'a [Option<FieldValue>],
    /// The rendered HTML of Markdown fields, when they are shown.
    pub html: Option<&'a [Option<String>]>,
}

impl Serialize for ApiFields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (i, (declaration, value)) in self.declared.iter().zip(self.values).enumerate() {
            match (declaration.kind, value, self.html) {
                (FieldType::Markdown, _, None) => continue,
                // A struct, not `json!`: its keys keep the documented order.
                (FieldType::Markdown, Some(FieldValue::Text(markdown)), Some(html)) => {
                    let html = html[i].as_deref().unwrap_or_default();
                    map.serialize_entry(&declaration.key, &Text { markdown, html })?
                }
                (_, Some(value), _) => map.serialize_entry(&declaration.key, &json_value(value))?,
                (_, None, _) => map.serialize_entry(&declaration.key, &serde_json::Value::Null)?,
            }
        }
        map.end()
    }
}

impl schemars::JsonSchema for ApiFields<'_> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Fields".into()
    }

    /// A placeholder: [`api_fields_schema`] gives the site's own.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "object"})
    }
}

/// The JSON Schema of the API's `fields` object for a site's declarations: every key
/// required, no other allowed. `markdown` says whether Markdown fields are in it.
pub fn api_fields_schema(declared: &[FieldDeclaration], markdown: bool) -> serde_json::Value {
    let mut properties = serde_json::Map::new();
    for declaration in declared {
        let value = match declaration.kind {
            FieldType::Markdown if !markdown => continue,
            FieldType::Markdown => json!({
                "type": "object",
                "properties": {"markdown": {"type": "string"}, "html": {"type": "string"}},
                "required": ["markdown", "html"],
                "additionalProperties": false,
            }),
            FieldType::Integer => json!({"type": "integer"}),
            FieldType::Boolean => json!({"type": "boolean"}),
            FieldType::Enum => json!({"enum": declaration.values}),
            FieldType::List | FieldType::Version => {
                json!({"type": "array", "items": {"type": "string"}})
            }
            FieldType::Text | FieldType::Url => json!({"type": "string"}),
        };
        let mut schema = json!({"anyOf": [value, {"type": "null"}], "title": declaration.label});
        if let Some(description) = &declaration.description {
            schema["description"] = json!(description);
        }
        properties.insert(declaration.key.clone(), schema);
    }
    let required: Vec<&String> = properties.keys().collect();
    json!({
        "type": "object",
        "description": "The fields the site declares (`fields` in its site.yaml), in its order; `null` where the record sets none.",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}
