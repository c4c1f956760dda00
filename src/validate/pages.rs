//! Pages (`content/pages/**/*.md`), each checked on its own: its file name (the
//! page's path on the site), its front matter, its headings (the ids of its table of
//! contents, which links may name) and the checked links of its body.

use super::MAX_TITLE_CHARS;
use super::checker::Checker;
use super::links::{FoundLink, position_at};
use super::patterns::{is_slug, slugify};
use crate::diagnostics::Diagnostic;
use crate::load::pages::LoadedPage;
use crate::load::raw::RawFrontMatter;
use crate::model::{Heading, Page};

/// A page that passed its own checks, with its checked links.
#[derive(Clone, Debug)]
pub(crate) struct CheckedPage {
    pub page: Page,
    pub links: Vec<FoundLink>,
}

/// Ids the layout of every page already uses: a heading never takes them.
const LAYOUT_IDS: [&str; 2] = ["main", "site-search-input"];

/// Checks one page on its own. `None` when it has errors.
pub(super) fn check_page(loaded: &LoadedPage, found: &mut Vec<Diagnostic>) -> Option<CheckedPage> {
    found.extend(loaded.diagnostics.iter().cloned());
    let mut c = Checker {
        file: &loaded.file,
        found,
    };
    let path_ok = check_file_name(&mut c, loaded);
    let raw = &loaded.front_matter;
    let r = raw.value();
    c.unknown_keys::<RawFrontMatter>(&r.unknown_keys);
    let title = (c.required(&r.title, "title", raw, "this page"))
        .and_then(|t| c.line(t, "title", MAX_TITLE_CHARS));
    let description = r
        .description
        .as_ref()
        .and_then(|d| c.line(d, "description", 300));
    let updated = r.updated.as_ref().and_then(|u| {
        let text = u.value().trim();
        let date = text
            .parse::<jiff::civil::Date>()
            .ok()
            .filter(|_| text.len() == 10);
        if date.is_none() {
            c.error("invalid-date", u, format!("`{text}` is not a real date"))
                .hint = Some("write an ISO date such as `2026-11-26`".into());
        }
        date
    });
    let links = super::links::links_in(&loaded.body)
        .into_iter()
        .map(|(target, range)| FoundLink {
            target,
            file: loaded.file.path.clone(),
            position: Some(position_at(
                &loaded.text,
                loaded.body_start + range.start,
                range.len(),
            )),
        })
        .collect();
    // A value of the front matter that could not be read is an error already reported.
    let unreadable = loaded.diagnostics.iter().any(Diagnostic::is_error);
    let failed = !path_ok || unreadable || (r.updated.is_some() && updated.is_none());
    if failed {
        return None;
    }
    Some(CheckedPage {
        page: Page {
            file: loaded.name.clone(),
            path: loaded.file.path.clone(),
            title: title?,
            description,
            weight: r.weight.as_ref().map_or(0, |w| *w.value()),
            draft: r.draft.as_ref().is_some_and(|d| *d.value()),
            updated,
            headings: headings_of(&loaded.body),
            body: loaded.body.clone(),
        },
        links,
    })
}

/// Each part of a page's file name is its URL: lower-case slugs (`index.md` is its
/// folder's page).
fn check_file_name(c: &mut Checker, loaded: &LoadedPage) -> bool {
    let stem = loaded.name.strip_suffix(".md").unwrap_or(&loaded.name);
    let bad = stem.split('/').find(|part| !is_slug(part));
    let Some(part) = bad else {
        return true;
    };
    let suggestion = stem
        .split('/')
        .map(|p| {
            if is_slug(p) {
                p.to_string()
            } else {
                slugify(p)
            }
        })
        .collect::<Vec<_>>()
        .join("/");
    c.found.push(
        Diagnostic::error(
            "invalid-page-path",
            &loaded.file.path,
            format!(
                "`{part}` cannot be part of a page's address: its file and folder names are its URL"
            ),
        )
        .with_hint(format!(
            "use lower-case letters, digits and `-`: rename it to `content/pages/{suggestion}.md`"
        )),
    );
    false
}

/// The `#`, `##` and `###` headings of a page's body, with their ids: the text as a
/// slug, numbered from `-2` when repeated, never an id of the layout. Rendering gives
/// the headings these ids, in the same order.
pub(crate) fn headings_of(markdown: &str) -> Vec<Heading> {
    use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
    let mut headings: Vec<Heading> = Vec::new();
    let mut open: Option<(u8, String)> = None;
    for event in crate::render::markdown::parser(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H3 => {
                open = Some((if level == HeadingLevel::H3 { 3 } else { 2 }, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut open {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = open.take() {
                    let id = unique_id(&text, &headings);
                    headings.push(Heading { level, text, id });
                }
            }
            _ => {}
        }
    }
    headings
}

fn unique_id(text: &str, taken: &[Heading]) -> String {
    let mut base = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            base.push(c);
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let base = match base.trim_end_matches('-') {
        "" => "section".to_string(),
        slug => slug.to_string(),
    };
    let free = |id: &str| !LAYOUT_IDS.contains(&id) && !taken.iter().any(|h| h.id == id);
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| free(id))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids() {
        let headings = headings_of(
            "# Intro\n\n## The `code` field\n\n### Intro\n\n#### Deep\n\n## Main\n\n## ---\n",
        );
        let ids: Vec<(&str, u8)> = headings.iter().map(|h| (h.id.as_str(), h.level)).collect();
        assert_eq!(
            ids,
            [
                ("intro", 2),
                ("the-code-field", 2),
                ("intro-2", 3),
                ("main-2", 2),
                ("section", 2)
            ]
        );
        assert_eq!(headings[1].text, "The code field");
    }
}
