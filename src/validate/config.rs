//! `site.yaml`: the site's settings, checked, with their defaults applied.

use super::MAX_TITLE_CHARS;
use super::checker::Checker;
use super::links::FoundLink;
use super::patterns::{http_url, normalize_base_url};
use super::{declared, layout, menus};
use crate::diagnostics::{Diagnostic, Position};
use crate::load::Loaded;
use crate::load::raw::{Located, RawSiteConfig};
use crate::model::{SiteConfig, Untranslated};

/// The checked settings, with what the checks across files still need.
#[derive(Clone, Debug)]
pub(crate) struct CheckedConfig {
    pub config: SiteConfig,
    /// The menu's and the footer's links to the site's pages.
    pub links: Vec<FoundLink>,
    /// Where `logo` is written.
    pub logo_position: Option<Position>,
    /// The keys of field declarations with errors.
    pub broken_fields: Vec<String>,
}

/// Checks `site.yaml`: `None` when a required setting is missing or wrong.
pub(crate) fn check_config(
    loaded: &Loaded<Located<RawSiteConfig>>,
    found: &mut Vec<Diagnostic>,
) -> Option<CheckedConfig> {
    let (file, raw) = (&loaded.file, &loaded.value);
    let mut c = Checker { file, found };
    let r = raw.value();
    c.unknown_keys::<RawSiteConfig>(&r.unknown_keys);
    let what = "site.yaml";
    let title = c
        .required(&r.title, "title", raw, what)
        .and_then(|t| c.line(t, "title", MAX_TITLE_CHARS));
    let base_url = c.required(&r.base_url, "base_url", raw, what).and_then(|b| {
        let normalized = normalize_base_url(b.value());
        if normalized.is_none() {
            c.error("invalid-base-url", b, format!("`{}` is not a base URL", b.value())).hint =
                Some("use an absolute URL such as `https://errors.example.com/` or a path such as `/docs/errors/`".into());
        }
        normalized
    });
    let description = r
        .description
        .as_ref()
        .and_then(|d| c.text(d, "description"));
    let languages = check_languages(&mut c, raw);
    let untranslated =
        r.untranslated
            .as_ref()
            .map_or(Untranslated::Fallback, |u| match u.value().trim() {
                "fallback" => Untranslated::Fallback,
                "omit" => Untranslated::Omit,
                other => {
                    c.error(
                        "invalid-setting",
                        u,
                        format!("`untranslated` is `fallback` or `omit`, not `{other}`"),
                    );
                    Untranslated::Fallback
                }
            });
    let product = r
        .product
        .as_ref()
        .and_then(|p| c.line(p, "product", MAX_TITLE_CHARS));
    let edit_url = r.edit_url.as_ref().and_then(|e| {
        let text = e.value().trim();
        if http_url(text) {
            Some(text.to_string())
        } else {
            c.error("invalid-url", e, format!("`{text}` is not an http(s) URL"));
            None
        }
    });
    let related_limit = r.related_limit.as_ref().map_or(8, |l| *l.value() as usize);
    if related_limit > 100 {
        c.error(
            "out-of-range",
            r.related_limit.as_ref()?,
            "`related_limit` is at most 100",
        );
    }
    let (fields, broken_fields) = declared::check_declarations(&mut c, r.fields.as_ref());
    let urls = layout::check_folders(&mut c, r.urls.as_ref());
    let menus = menus::check_menus(&mut c, &loaded.text, r.nav.as_ref(), r.footer.as_ref());
    let logo = r.logo.as_ref().and_then(|l| c.text(l, "logo"));
    let config = SiteConfig {
        title: title?,
        base_url: base_url?,
        description,
        language: languages[0].clone(),
        languages,
        untranslated,
        product,
        edit_url,
        related_limit: related_limit.min(100),
        api_records: r.api_records.as_ref().is_some_and(|a| *a.value()),
        urls,
        fields,
        nav: menus.nav,
        footer: menus.footer,
        logo,
    };
    Some(CheckedConfig {
        config,
        links: menus.links,
        logo_position: r.logo.as_ref().and_then(|l| file.position(l)),
        broken_fields,
    })
}

/// The site's languages, the default first: `languages`, or `language` alone, or `en`.
/// Each must be a BCP 47 tag, listed once; `language` beside `languages` must be its
/// first (the default). Never empty: a tag in error is kept, so the
/// other checks go on.
fn check_languages(c: &mut Checker, raw: &Located<RawSiteConfig>) -> Vec<String> {
    let r = raw.value();
    let tag = |c: &mut Checker, value: &Located<String>| {
        let text = value.value().trim();
        if icu_locale_core::Locale::try_from_str(text).is_err() {
            c.error(
                "invalid-language",
                value,
                format!("`{text}` is not a BCP 47 language tag"),
            )
            .hint = Some("for example `en`, `de`, `pt-BR` or `en-GB`".into());
        }
        text.to_string()
    };
    let Some(list) = &r.languages else {
        return vec![
            r.language
                .as_ref()
                .map_or_else(|| "en".to_string(), |l| tag(c, l)),
        ];
    };
    // `language` may stay beside `languages` only as the default it names.
    let first = list.value().first().map(|l| l.value().trim());
    if let Some(single) = r
        .language
        .as_ref()
        .filter(|l| Some(l.value().trim()) != first)
    {
        c.error(
            "invalid-setting",
            single,
            "`language` and `languages` disagree: the default language is the first of `languages`",
        )
        .hint = Some(
            "keep `languages` (its first language is the default) and remove `language`".into(),
        );
    }
    let mut languages: Vec<String> = Vec::new();
    for value in list.value() {
        let text = tag(c, value);
        if languages.iter().any(|l| l.eq_ignore_ascii_case(&text)) {
            c.error(
                "invalid-language",
                value,
                format!("`{text}` is listed twice in `languages`"),
            );
        } else {
            languages.push(text);
        }
    }
    if languages.is_empty() {
        c.error(
            "empty-list",
            list,
            "`languages` needs at least one language",
        )
        .hint = Some("list the site's languages, the default first: `languages: [en, de]`".into());
        languages.push("en".into());
    }
    languages
}
