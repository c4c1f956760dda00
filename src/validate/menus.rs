//! The menu (`nav`), the footer and the logo of `site.yaml`: each link a label and
//! either a page of the site (checked once every page is known) or an http(s) URL.

use super::checker::Checker;
use super::links::{FoundLink, links_in_value};
use super::patterns::http_url;
use crate::load::raw::{Located, RawFooter, RawLink};
use crate::model::links::{Footer, LinkTarget, NavLink, NavTarget};

/// The longest label of a link, in characters.
const MAX_LABEL_CHARS: usize = 60;
/// The longest footer text, in characters.
const MAX_FOOTER_CHARS: usize = 500;

/// What the menu and the footer hold, checked, and the site links they name.
pub(crate) struct Menus {
    pub nav: Vec<NavLink>,
    pub footer: Footer,
    pub links: Vec<FoundLink>,
}

/// Checks `nav` and `footer`; `source` is the text of `site.yaml`.
pub(crate) fn check_menus(
    c: &mut Checker,
    source: &str,
    nav: Option<&Located<Vec<Located<RawLink>>>>,
    footer: Option<&Located<RawFooter>>,
) -> Menus {
    let mut links = Vec::new();
    let nav = check_links(c, nav, &mut links);
    let footer = match footer {
        Some(footer) => {
            let f = footer.value();
            c.unknown_keys::<RawFooter>(&f.unknown_keys);
            let text = f.text.as_ref().and_then(|t| {
                let text = c.line(t, "text", MAX_FOOTER_CHARS)?;
                let at = c.file.position(t);
                links.extend(links_in_value(&text, &c.file.path, source, at));
                Some(text)
            });
            Footer {
                text,
                links: check_links(c, f.links.as_ref(), &mut links),
            }
        }
        None => Footer::default(),
    };
    Menus { nav, footer, links }
}

/// The links of a list; each checked link's target is added to `found`.
fn check_links(
    c: &mut Checker,
    list: Option<&Located<Vec<Located<RawLink>>>>,
    found: &mut Vec<FoundLink>,
) -> Vec<NavLink> {
    let mut links = Vec::new();
    for entry in list.iter().flat_map(|l| l.value()) {
        let link = entry.value();
        c.unknown_keys::<RawLink>(&link.unknown_keys);
        let label = (c.required(&link.label, "label", entry, "this link"))
            .and_then(|l| c.line(l, "label", MAX_LABEL_CHARS));
        let to = match (&link.page, &link.url) {
            (Some(page), None) => site_target(c, page, found),
            (None, Some(url)) => {
                let text = url.value().trim();
                let valid = http_url(text);
                if !valid {
                    c.error(
                        "invalid-url",
                        url,
                        format!("`{text}` is not an http(s) URL"),
                    )
                    .hint = Some(
                        "a page of this site goes in `page:` (`@/file.md`, `@CODE` or `/path/`)"
                            .into(),
                    );
                }
                valid.then(|| NavTarget::External(text.to_string()))
            }
            (page, _) => {
                let message = match page {
                    Some(_) => "a link has a `page` or a `url`, not both",
                    None => "this link needs a `page` (of this site) or a `url` (elsewhere)",
                };
                c.error("invalid-nav", entry, message);
                None
            }
        };
        if let (Some(label), Some(to)) = (label, to) {
            links.push(NavLink { label, to });
        }
    }
    links
}

/// A `page:`: `@/file.md`, `@CODE` or a path of the built site.
fn site_target(
    c: &mut Checker,
    page: &Located<String>,
    found: &mut Vec<FoundLink>,
) -> Option<NavTarget> {
    let text = page.value().trim();
    match LinkTarget::from_setting(text) {
        Some(target) => {
            found.push(FoundLink {
                target: target.clone(),
                file: c.file.path.clone(),
                position: c.file.position(page),
            });
            Some(NavTarget::Site(target))
        }
        None => {
            let hint = if http_url(text) {
                "an address elsewhere goes in `url:`".to_string()
            } else {
                format!(
                    "write `\"@/{text}\"` for a file of content/pages/, `\"@CODE\"` for an error, or a path such as `/categories/`"
                )
            };
            c.error(
                "invalid-nav",
                page,
                format!("`{text}` is not a page of this site"),
            )
            .hint = Some(hint);
            None
        }
    }
}
