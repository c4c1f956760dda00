//! The preview of a site in several languages: each change builds the whole site
//! again, every language, through the pipeline `build` runs (the incremental preview
//! of [`super::preview`] knows one language's pages).

use std::path::Path;

use super::preview::{Outcome, outcome};
use crate::pipeline::{self, SiteOptions};
use crate::render::{self, theme::Theme};
use crate::write::Staging;
use crate::{Error, Timings};

/// Loads, checks, models and renders the site in `root` at `base_url`; returns the
/// outcome and whether the content was valid.
pub(super) fn rebuild(
    root: &Path,
    base_url: &str,
    drafts: bool,
    mut timings: Timings,
) -> (Outcome, bool) {
    let options = SiteOptions {
        drafts,
        base_url: Some(base_url.to_string()),
        ..SiteOptions::default()
    };
    let (site, warnings) = match pipeline::load(root, &options, &mut timings) {
        Ok(loaded) => loaded,
        Err(Error::Content(diagnostics)) => return (Outcome::Invalid(diagnostics), false),
        Err(err) => return (outcome(Err(err), Vec::new(), timings), true),
    };
    let staging = Staging::in_memory();
    let result = Theme::load(root)
        .and_then(|theme| render::render_site(&site, theme, &staging, &mut timings))
        .map(|stats| (staging.into_files().unwrap_or_default(), None, stats.pages));
    (outcome(result, warnings, timings), true)
}
