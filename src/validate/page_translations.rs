//! Page translations (`content/pages/about.<lang>.md`), checked: each as a page of
//! its own (front matter, headings, checked links), then against its original: one
//! must exist, `weight` is the original's, and a translation that has fallen behind
//! it is a warning (`stale-translation`), naming both files and lines.

use super::pages::{CheckedPage, check_page};
use crate::diagnostics::Diagnostic;
use crate::load::pages::{LoadedPage, PageTranslation};

/// Checks every page translation against the pages read (`originals`) and those that
/// passed their checks (`checked`); returns each that passed, with its language, in
/// the original's order (`weight`).
pub(crate) fn check_page_translations(
    translations: &[PageTranslation],
    originals: &[LoadedPage],
    checked: &[CheckedPage],
    found: &mut Vec<Diagnostic>,
) -> Vec<(String, CheckedPage)> {
    let mut passed = Vec::new();
    for translation in translations {
        let page = &translation.page;
        let Some(original) = originals.iter().find(|o| o.name == page.name) else {
            found.push(orphan(translation));
            continue;
        };
        let weight = page.front_matter.value().weight.as_ref();
        if let Some(weight) = weight {
            found.push(
                Diagnostic::error(
                    "untranslatable-key",
                    &page.file.path,
                    "`weight` is not translated: every language orders pages as the original does",
                )
                .at(page.file.position(weight))
                .with_hint("remove it; set the order in the original page"),
            );
        }
        let checked_page = check_page(page, found);
        // An original with errors of its own has them reported already.
        let checked_original = checked.iter().find(|c| c.page.file == page.name);
        let (Some(mut translated), Some(checked_original)) = (checked_page, checked_original)
        else {
            continue;
        };
        if weight.is_some() {
            continue;
        }
        translated.page.weight = checked_original.page.weight;
        if let Some(warning) = stale(page, original, &translated, checked_original) {
            found.push(warning);
        }
        passed.push((translation.language.clone(), translated));
    }
    passed
}

/// The error of a translation whose original page does not exist.
fn orphan(translation: &PageTranslation) -> Diagnostic {
    let page = &translation.page;
    Diagnostic::error(
        "orphan-translation",
        &page.file.path,
        format!(
            "this translation into `{}` has no original: there is no content/pages/{}",
            translation.language, page.name
        ),
    )
    .with_hint("rename it after the page it translates, or remove it")
}

/// The warning of a translation updated before its original (or not dated while the
/// original is), pointing at both `updated` lines.
fn stale(
    page: &LoadedPage,
    original: &LoadedPage,
    translated: &CheckedPage,
    checked_original: &CheckedPage,
) -> Option<Diagnostic> {
    let updated = checked_original.page.updated?;
    let translated_updated = translated.page.updated;
    if translated_updated.is_some_and(|t| t >= updated) {
        return None;
    }
    let message = match translated_updated {
        Some(t) => format!("the original was updated on {updated}, after this translation ({t})"),
        None => format!(
            "the original was updated on {updated}; this translation has no `updated` to tell whether it is as current"
        ),
    };
    let here = (page.front_matter.value().updated.as_ref())
        .and_then(|u| page.file.position(u))
        .or_else(|| page.file.position(&page.front_matter));
    let there =
        (original.front_matter.value().updated.as_ref()).and_then(|u| original.file.position(u));
    Some(
        Diagnostic::warning("stale-translation", &page.file.path, message)
            .at(here)
            .with_related(
                original.file.path.clone(),
                there,
                format!("the original's `updated` ({updated})"),
            )
            .with_hint(
                "bring the translation in line with the original, then set its `updated` to the day you did",
            ),
    )
}
