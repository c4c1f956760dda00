//! `site.yaml`: the site's settings, checked, with their defaults applied.

use super::MAX_TITLE_CHARS;
use super::checker::Checker;
use super::patterns::{http_url, normalize_base_url};
use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;
use crate::load::raw::{Located, RawSiteConfig};
use crate::model::SiteConfig;

/// Checks `site.yaml`: `None` when a required setting is missing or wrong.
pub(crate) fn check_config(
    file: &SourceFile,
    raw: &Located<RawSiteConfig>,
    found: &mut Vec<Diagnostic>,
) -> Option<SiteConfig> {
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
    let language = match &r.language {
        Some(l) => {
            let text = l.value().trim();
            let valid = !text.is_empty()
                && text.split('-').all(|part| {
                    !part.is_empty()
                        && part.len() <= 8
                        && part.bytes().all(|b| b.is_ascii_alphanumeric())
                });
            if !valid {
                c.error(
                    "invalid-language",
                    l,
                    format!("`{text}` is not a language tag"),
                )
                .hint = Some("for example `en` or `en-GB`".into());
            }
            text.to_string()
        }
        None => "en".to_string(),
    };
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
    Some(SiteConfig {
        title: title?,
        base_url: base_url?,
        description,
        language,
        product,
        edit_url,
        related_limit: related_limit.min(100),
    })
}
