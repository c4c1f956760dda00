//! Checked links (`[text](@CODE)`, `[text](@/guide/page.md#anchor)`): found in the
//! Markdown of records, pages and the footer, and in the menu, each with where it was
//! written; then, once every record and page is known, each must lead somewhere.
//!
//! A record's anchors are the ids of the built-in theme's error page: `code`,
//! `message` (when it has one), `meaning`, `causes`, `fixes`, `fix-1` … `fix-N`, `faq`
//! and `sources` (when it has them), and `field-KEY` for a declared field shown as a
//! section. A page's anchors are the ids of its headings.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use pulldown_cmark::{Event, Tag};

use crate::diagnostics::{Diagnostic, Position};
use crate::model::declared::FieldDeclaration;
use crate::model::links::LinkTarget;
use crate::model::{Entry, Page, slug_of};

/// A checked link, and where it was written.
#[derive(Clone, Debug)]
pub(crate) struct FoundLink {
    pub target: LinkTarget,
    pub file: PathBuf,
    pub position: Option<Position>,
}

/// The checked links of a Markdown text: each target and the byte range of its
/// destination in the text.
pub(crate) fn links_in(markdown: &str) -> Vec<(LinkTarget, Range<usize>)> {
    let mut links = Vec::new();
    // A checked link's destination starts with `@`, written as itself or as an
    // entity (`&#64;`, `&commat;`): text with neither has none, and most text is
    // not worth a Markdown parse to learn that.
    if !markdown.contains(['@', '&']) {
        return links;
    }
    let parser = crate::render::markdown::parser(markdown).into_offset_iter();
    for (event, range) in parser {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event
            && let Some(target) = LinkTarget::from_markdown(&dest_url)
        {
            // The destination as written, inside the link's range.
            let written = &markdown[range.clone()];
            let start = written
                .rfind(dest_url.as_ref())
                .map_or(range.start, |i| range.start + i);
            links.push((target, start..start + dest_url.len()));
        }
    }
    links
}

/// The checked links of a Markdown value of a YAML file (`source`, the value at `at`),
/// each pointed at where its destination is written in the file when it can be
/// found there (block scalars and plain text), else at the value.
pub(crate) fn links_in_value(
    markdown: &str,
    file: &std::path::Path,
    source: &str,
    at: Option<Position>,
) -> Vec<FoundLink> {
    let mut from = at.map_or(0, |p| p.byte_start);
    links_in(markdown)
        .into_iter()
        .map(|(target, range)| {
            let written = &markdown[range];
            let position = match source.get(from..).and_then(|rest| rest.find(written)) {
                Some(i) => {
                    from += i + written.len();
                    Some(position_at(source, from - written.len(), written.len()))
                }
                None => at,
            };
            FoundLink {
                target,
                file: file.to_path_buf(),
                position,
            }
        })
        .collect()
}

/// The checked links of the categories' descriptions in `content/categories.yaml`.
pub(crate) fn category_links(
    loaded: &crate::load::Loaded<
        crate::load::raw::Located<Vec<crate::load::raw::Located<crate::load::raw::RawCategory>>>,
    >,
) -> Vec<FoundLink> {
    let descriptions = (loaded.value.value().iter()).filter_map(|c| c.value().description.as_ref());
    descriptions
        .flat_map(|d| {
            let at = loaded.file.position(d);
            links_in_value(d.value(), &loaded.file.path, &loaded.text, at)
        })
        .collect()
}

/// The position of the `len` bytes at `byte` in `source`.
pub(crate) fn position_at(source: &str, byte: usize, len: usize) -> Position {
    let before = &source[..byte];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        byte_start: byte,
        byte_end: byte + len,
    }
}

/// What checked links may lead to: every record (by code and alias, in lower case)
/// with its anchors, every page with its headings' ids.
pub(crate) struct Targets<'a> {
    /// Lower-case code or alias → the record.
    pub records: HashMap<String, &'a Entry>,
    /// The fields the site declares (their sections are anchors too).
    pub declared: &'a [FieldDeclaration],
    /// Codes of records that failed their own checks: links to them are not reported
    /// again.
    pub broken_codes: &'a std::collections::HashSet<String>,
    pub pages: &'a [Page],
}

impl Targets<'_> {
    /// Why `target` leads nowhere, or `None` when it leads to a page that exists.
    /// Site paths are judged by the caller, which knows the built site's pages.
    pub fn problem(&self, target: &LinkTarget) -> Option<String> {
        let (found, anchor) = match target {
            LinkTarget::Record { code, anchor } => {
                let key = slug_of(code);
                if self.broken_codes.contains(&key) {
                    return None;
                }
                match self.records.get(&key) {
                    Some(entry) => (
                        (anchor.as_ref()).is_none_or(|a| entry.has_anchor(a, self.declared)),
                        anchor,
                    ),
                    None => return Some(format!("no record has the code or alias `{code}`")),
                }
            }
            LinkTarget::Page { file, anchor } => {
                match self.pages.iter().find(|p| p.file == *file) {
                    Some(page) => (
                        (anchor.as_ref()).is_none_or(|a| page.headings.iter().any(|h| h.id == *a)),
                        anchor,
                    ),
                    None => return Some(format!("there is no page `content/pages/{file}`")),
                }
            }
            LinkTarget::SitePath(_) => return None,
        };
        match anchor {
            Some(anchor) if !found => Some(format!(
                "the page of `{}` has no `#{anchor}`",
                target.to_string().split('#').next().unwrap_or_default()
            )),
            _ => None,
        }
    }

    /// Reports each of `links` that leads nowhere.
    pub fn check(&self, links: &[FoundLink], diagnostics: &mut Vec<Diagnostic>) {
        for link in links {
            if let Some(problem) = self.problem(&link.target) {
                diagnostics.push(broken_link(link, problem));
            }
        }
    }
}

/// Reports each site path of `links` (`/categories/`) that is not a page of the
/// built site, `pages_built`.
pub(crate) fn check_site_paths(
    pages_built: &[crate::paths::Location],
    links: &[FoundLink],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for link in links {
        let LinkTarget::SitePath(path) = &link.target else {
            continue;
        };
        let wanted = path.trim_start_matches('/');
        if !pages_built.iter().any(|p| p.as_str() == wanted) {
            let problem = match pages_built
                .iter()
                .find(|p| p.as_str() == format!("{wanted}/"))
            {
                Some(_) => format!("the page's address ends in `/`: `{path}/`"),
                None => "the built site has no page there".to_string(),
            };
            diagnostics.push(broken_link(link, problem));
        }
    }
}

/// The diagnostic of a checked link that leads nowhere.
pub(crate) fn broken_link(link: &FoundLink, problem: String) -> Diagnostic {
    let hint = match &link.target {
        LinkTarget::Record { .. } => {
            "link to a record with `@CODE` (its code or an alias, any case)"
        }
        LinkTarget::Page { .. } => {
            "link to a page with `@/` and its file under content/pages/, such as `@/guide/reading-errors.md`"
        }
        LinkTarget::SitePath(_) => {
            "link to a page of the built site by its path, such as `/categories/`"
        }
    };
    Diagnostic::error(
        "broken-link",
        &link.file,
        format!("the link `{}` leads nowhere: {problem}", link.target),
    )
    .at(link.position)
    .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_where_they_are_written() {
        let md = "See [a](@AADSTS50126#fixes), [b](https://x.example/) and [c](@/guide/x.md).";
        let found = links_in(md);
        assert_eq!(found.len(), 2);
        assert_eq!(&md[found[0].1.clone()], "@AADSTS50126#fixes");
        assert_eq!(&md[found[1].1.clone()], "@/guide/x.md");
        let source = "summary: |\n  first line\n  See [a](@AADSTS50126#fixes)\n";
        let at = Some(position_at(source, 9, source.len() - 9));
        let links = links_in_value(md, std::path::Path::new("x.yaml"), source, at);
        let position = links[0].position.unwrap();
        assert_eq!((position.line, position.column), (3, 11));
    }
}
