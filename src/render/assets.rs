//! The theme's static files, written where the map of paths puts them (CSS and JS
//! named by a hash of their content, so hosts can cache them for ever).

use std::collections::BTreeMap;

use crate::Error;
use crate::model::Site;
use crate::write::Staging;

/// The name templates know the script of the theme's words by: `assets["strings.js"]`.
pub const STRINGS_SCRIPT: &str = "strings.js";

/// Writes the script of the theme's words in `site`'s language; returns `urls` (each
/// asset's URL by name) with its URL under [`STRINGS_SCRIPT`].
pub fn with_strings_script(
    site: &Site,
    urls: &BTreeMap<String, String>,
    staging: &Staging,
) -> Result<BTreeMap<String, String>, Error> {
    let script = site.strings().script_file();
    let location = site
        .paths
        .strings_script(site.language_tag(), script.as_bytes());
    staging.write(&location.file(), script.as_bytes())?;
    let mut urls = urls.clone();
    urls.insert(STRINGS_SCRIPT.to_string(), site.paths.link(&location));
    Ok(urls)
}

/// Writes the static assets; returns each asset's original name → its URL, for
/// templates (`assets["style.css"]`).
pub fn write_assets(
    site: &Site,
    assets: &BTreeMap<String, Vec<u8>>,
    staging: &Staging,
) -> Result<BTreeMap<String, String>, Error> {
    let mut urls = BTreeMap::new();
    for (name, bytes) in assets {
        let location = site.paths.asset(name, bytes);
        staging.write(&location.file(), bytes)?;
        urls.insert(name.clone(), site.paths.link(&location));
    }
    Ok(urls)
}
