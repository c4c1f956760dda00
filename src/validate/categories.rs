//! `content/categories.yaml`: the site's categories, checked, and the hint for a
//! category that is not among them.

use super::MAX_TITLE_CHARS;
use super::checker::Checker;
use super::patterns::{is_slug, slugify};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::raw::{Located, RawCategory};
use crate::load::{CATEGORIES_FILE, SourceFile};
use crate::model::Category;

/// A category that passed its checks.
#[derive(Clone, Debug)]
pub(crate) struct CheckedCategory {
    pub(super) category: Category,
}

/// Checks `content/categories.yaml`: each slug and title, no slug twice.
pub(crate) fn check_categories(
    file: &SourceFile,
    raw: &Located<Vec<Located<RawCategory>>>,
    found: &mut Vec<Diagnostic>,
) -> Vec<CheckedCategory> {
    let mut c = Checker { file, found };
    let mut categories: Vec<CheckedCategory> = Vec::new();
    if raw.value().is_empty() {
        c.error("empty-list", raw, "no categories are defined").hint =
            Some("add at least one: `- slug: general` with a `title`".into());
    }
    for entry in raw.value() {
        let e: &RawCategory = entry.value();
        c.unknown_keys::<RawCategory>(&e.unknown_keys);
        let slug = c
            .required(&e.slug, "slug", entry, "this category")
            .and_then(|s| {
                let text = s.value().trim();
                if !is_slug(text) {
                    c.error(
                        "invalid-slug",
                        s,
                        format!("`{text}` is not a slug: use lower-case letters, digits and `-`"),
                    )
                    .hint = Some(format!("write it as `{}`", slugify(text)));
                    None
                } else if categories.iter().any(|cat| cat.category.slug == text) {
                    c.error(
                        "duplicate-category",
                        s,
                        format!("the category `{text}` is defined twice"),
                    );
                    None
                } else {
                    Some(text.to_string())
                }
            });
        let (title, description) = category_words(&mut c, entry);
        let description = description.unwrap_or_default();
        if let (Some(slug), Some(title)) = (slug, title) {
            categories.push(CheckedCategory {
                category: Category {
                    slug,
                    title,
                    description,
                },
            });
        }
    }
    categories
}

/// A category entry's words, checked: its required one-line `title` and its optional
/// Markdown `description` (in `categories.yaml` and in its translations).
pub(crate) fn category_words(
    c: &mut Checker,
    entry: &Located<RawCategory>,
) -> (Option<String>, Option<String>) {
    let e = entry.value();
    let title = c
        .required(&e.title, "title", entry, "this category")
        .and_then(|t| c.line(t, "title", MAX_TITLE_CHARS));
    let description = e
        .description
        .as_ref()
        .and_then(|d| c.text(d, "description"));
    (title, description)
}

/// "did you mean ...?" for a category that is not defined, or the list of categories.
pub fn unknown_category_hint<'a>(slug: &str, slugs: impl IntoIterator<Item = &'a str>) -> String {
    let slugs: Vec<&str> = slugs.into_iter().collect();
    did_you_mean(slug, slugs.iter().copied())
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| {
            format!(
                "define it in {CATEGORIES_FILE}, or use one of: {}",
                slugs.join(", ")
            )
        })
}
