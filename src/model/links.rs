//! Checked links: how records, pages and `site.yaml` name a page of the site so that
//! `check` can tell when it does not exist.
//!
//! In Markdown, `[the sign-in error](@AADSTS50126)` links to a record (its code or an
//! alias, in any case) and `[reading errors](@/guide/reading-errors.md)` to a page (a
//! file of `content/pages/`, as Zola writes it); either may end in `#anchor`. The
//! menu and the footer also take a path of the built site (`/categories/`).

use std::fmt;

/// Where a checked link leads.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LinkTarget {
    /// `@CODE`: the page of the record with that code or alias, ignoring case.
    Record {
        code: String,
        anchor: Option<String>,
    },
    /// `@/guide/reading-errors.md`: the page made of that file of `content/pages/`.
    Page {
        file: String,
        anchor: Option<String>,
    },
    /// `/categories/`: a page of the built site, by its path from the site's root
    /// (`site.yaml`'s menu and footer only).
    SitePath(String),
}

impl LinkTarget {
    /// The target a Markdown link's destination names, when it is a checked link (it
    /// starts with `@`); `None` for any other destination.
    pub fn from_markdown(destination: &str) -> Option<LinkTarget> {
        let rest = destination.strip_prefix('@')?;
        let (target, anchor) = match rest.split_once('#') {
            Some((target, anchor)) => (target, Some(anchor.to_string())),
            None => (rest, None),
        };
        Some(match target.strip_prefix('/') {
            Some(file) => LinkTarget::Page {
                file: file.to_string(),
                anchor,
            },
            None => LinkTarget::Record {
                code: target.to_string(),
                anchor,
            },
        })
    }

    /// The target of a `page:` of the menu or the footer: a checked link (`@...`) or
    /// a site path (`/...`); `None` for anything else.
    pub fn from_setting(text: &str) -> Option<LinkTarget> {
        if text.starts_with('@') {
            return LinkTarget::from_markdown(text);
        }
        text.starts_with('/')
            .then(|| LinkTarget::SitePath(text.to_string()))
    }

    pub fn anchor(&self) -> Option<&str> {
        match self {
            LinkTarget::Record { anchor, .. } | LinkTarget::Page { anchor, .. } => {
                anchor.as_deref()
            }
            LinkTarget::SitePath(_) => None,
        }
    }
}

impl fmt::Display for LinkTarget {
    /// As written: `@CODE#anchor`, `@/file.md`, `/path/`.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            LinkTarget::Record { code, .. } => write!(f, "@{code}")?,
            LinkTarget::Page { file, .. } => write!(f, "@/{file}")?,
            LinkTarget::SitePath(path) => return f.write_str(path),
        }
        match self.anchor() {
            Some(anchor) => write!(f, "#{anchor}"),
            None => Ok(()),
        }
    }
}

/// A link of the menu or the footer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NavLink {
    pub label: String,
    pub to: NavTarget,
}

/// Where a link of the menu or the footer leads.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NavTarget {
    /// A page of the site (checked).
    Site(LinkTarget),
    /// An http(s) address elsewhere.
    External(String),
}

/// The footer's own text and links (`footer:` in `site.yaml`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Footer {
    /// One line of Markdown.
    pub text: Option<String>,
    pub links: Vec<NavLink>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_links_are_told_from_other_destinations() {
        assert_eq!(
            LinkTarget::from_markdown("@AADSTS50126#fixes"),
            Some(LinkTarget::Record {
                code: "AADSTS50126".into(),
                anchor: Some("fixes".into())
            })
        );
        assert_eq!(
            LinkTarget::from_markdown("@/guide/reading-errors.md"),
            Some(LinkTarget::Page {
                file: "guide/reading-errors.md".into(),
                anchor: None
            })
        );
        assert_eq!(LinkTarget::from_markdown("https://x.example/"), None);
        assert_eq!(LinkTarget::from_markdown("/errors/"), None);
        assert_eq!(
            LinkTarget::from_setting("/categories/"),
            Some(LinkTarget::SitePath("/categories/".into()))
        );
        let written = "@/guide/reading-errors.md#anchor";
        assert_eq!(
            LinkTarget::from_markdown(written).unwrap().to_string(),
            written
        );
    }
}
