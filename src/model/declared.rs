//! Fields a site declares for its records (`fields:` in `site.yaml`), beside the
//! built-in ones of [`crate::fields`]: an HTTP API's errors carry an HTTP status, a
//! database's a condition name, a device's the firmware versions they apply to.
//!
//! A [`FieldDeclaration`] says what a field holds ([`FieldType`]), whether records
//! must set it, where its page shows it ([`Show`]), whether search finds its words and
//! whether lists filter by it. Each record keeps its values in declaration order
//! ([`Record::declared`](super::Record::declared)), so every page, file and schema
//! lists them in the order the site declared them.

use serde::Serialize;

/// What a declared field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// One line of plain text.
    Text,
    /// Markdown, rendered like a record's summary.
    Markdown,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// One of the declaration's `values`.
    Enum,
    /// An http(s) address.
    Url,
    /// A list of one-line texts.
    List,
    /// A version number (`2.1.0`, `v3`), or a list of them.
    Version,
}

impl FieldType {
    pub const NAMES: [&'static str; 8] = [
        "text", "markdown", "integer", "boolean", "enum", "url", "list", "version",
    ];
    const ALL: [FieldType; 8] = [
        FieldType::Text,
        FieldType::Markdown,
        FieldType::Integer,
        FieldType::Boolean,
        FieldType::Enum,
        FieldType::Url,
        FieldType::List,
        FieldType::Version,
    ];

    pub fn parse(name: &str) -> Option<FieldType> {
        let i = FieldType::NAMES.iter().position(|n| *n == name)?;
        Some(FieldType::ALL[i])
    }

    pub fn as_str(self) -> &'static str {
        FieldType::NAMES[self as usize]
    }

    /// Whether lists can filter by it: a few distinct values a select can offer.
    pub fn filterable(self) -> bool {
        matches!(
            self,
            FieldType::Enum | FieldType::Boolean | FieldType::Integer
        )
    }

    /// Whether it holds words search can find.
    pub fn has_words(self) -> bool {
        !matches!(self, FieldType::Integer | FieldType::Boolean)
    }
}

/// Where a declared field shows on its record's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Show {
    /// A row of the facts beside the severity and the category.
    Facts,
    /// A section of its own, its label as heading.
    Section,
    /// Nowhere on the page (still in the JSON API, search and filters).
    None,
}

impl Show {
    pub const NAMES: [&'static str; 3] = ["facts", "section", "none"];

    pub fn parse(name: &str) -> Option<Show> {
        match name {
            "facts" => Some(Show::Facts),
            "section" => Some(Show::Section),
            "none" => Some(Show::None),
            _ => None,
        }
    }
}

/// A field the site declared, checked.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldDeclaration {
    pub key: String,
    pub label: String,
    pub kind: FieldType,
    pub required: bool,
    pub show: Show,
    pub searchable: bool,
    pub filter: bool,
    /// The values of an `enum` field, in the declared order; empty otherwise.
    pub values: Vec<String>,
    pub description: Option<String>,
}

impl FieldDeclaration {
    /// The id of its section on a record's page, and of its filter on list pages:
    /// `field-` and the key, so it never meets a built-in section's id.
    pub fn anchor(&self) -> String {
        format!("field-{}", self.key.replace('_', "-"))
    }
}

/// A record's value of a declared field, of the declaration's type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FieldValue {
    /// `text`, `markdown`, `enum` and `url` fields.
    Text(String),
    Integer(i64),
    Boolean(bool),
    /// `list` and `version` fields (one version is a list of one).
    List(Vec<String>),
}

impl FieldValue {
    /// The value as a filter's option compares it (`401`, `true`, `python`); `None`
    /// for values lists do not filter by.
    pub fn filter_key(&self) -> Option<String> {
        match self {
            FieldValue::Text(text) => Some(text.clone()),
            FieldValue::Integer(n) => Some(n.to_string()),
            FieldValue::Boolean(b) => Some(b.to_string()),
            FieldValue::List(_) => None,
        }
    }

    /// The value as plain text: a boolean `Yes` or `No`, a list joined by commas.
    pub fn plain_text(&self) -> String {
        match self {
            FieldValue::Text(text) => text.clone(),
            FieldValue::Integer(n) => n.to_string(),
            FieldValue::Boolean(b) => if *b { "Yes" } else { "No" }.to_string(),
            FieldValue::List(items) => items.join(", "),
        }
    }

    /// The texts search reads in it.
    pub fn texts(&self) -> &[String] {
        match self {
            FieldValue::Text(text) => std::slice::from_ref(text),
            FieldValue::List(items) => items,
            FieldValue::Integer(_) | FieldValue::Boolean(_) => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_round_trip() {
        for name in FieldType::NAMES {
            assert_eq!(FieldType::parse(name).unwrap().as_str(), name);
        }
        assert_eq!(FieldType::parse("int"), None);
    }
}
