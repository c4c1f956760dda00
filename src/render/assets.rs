//! The theme's static files, written where the map of paths puts them (CSS and JS
//! named by a hash of their content, so hosts can cache them for ever).

use std::collections::BTreeMap;

use crate::Error;
use crate::model::Site;
use crate::write::Staging;

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
