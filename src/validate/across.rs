//! The rules that need every record: codes and aliases unique ignoring case, and
//! `related` codes that exist (each rewritten to the code it names).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use super::record::{CheckedRecord, Links};
use crate::diagnostics::{Diagnostic, Position};
use crate::load::SourceFile;
use crate::load::raw::{Located, RawRecord};
use crate::model::slug_of;

/// A record's claim on a code or an alias. Codes and aliases are URLs and search keys:
/// two that differ only in case would collide on a case-insensitive host, so each
/// [`Claim::key`] may be claimed once in a site.
#[derive(Clone, Debug)]
pub struct Claim {
    /// What makes two claims the same: the code or alias in lower case (its slug).
    pub key: String,
    /// The record file that claims it.
    pub file: PathBuf,
    pub position: Option<Position>,
    /// The code or alias as written.
    pub text: String,
    /// A code (`true`) or an alias.
    pub is_code: bool,
}

impl Claim {
    pub fn new(text: &str, file: PathBuf, position: Option<Position>, is_code: bool) -> Claim {
        let text = text.trim();
        Claim {
            key: slug_of(text),
            file,
            position,
            text: text.to_string(),
            is_code,
        }
    }

    /// "code `X`" or "alias `x`", for messages.
    pub fn what(&self) -> String {
        let kind = if self.is_code { "code" } else { "alias" };
        format!("{kind} `{}`", self.text)
    }
}

/// The claims of a record whose code could be read: its code, then its aliases.
pub(super) fn claims_of(links: &Links) -> impl Iterator<Item = Claim> + '_ {
    let path = &links.path;
    let code = Claim::new(&links.code, path.clone(), links.code_position, true);
    let aliases = (links.aliases.iter())
        .zip(&links.alias_positions)
        .map(|(alias, position)| Claim::new(alias, path.clone(), *position, false));
    std::iter::once(code).chain(aliases)
}

/// The claims of a record file as written, whether or not it passes its checks (for
/// `errdocs new`, which must not add a second record of a code a broken file names).
pub fn raw_claims(file: &SourceFile, raw: &Located<RawRecord>) -> Vec<Claim> {
    let raw = raw.value();
    let code = (raw.code.iter()).map(|c| (c, true));
    let aliases = (raw.aliases.iter())
        .flat_map(|list| list.value())
        .map(|a| (a, false));
    code.chain(aliases)
        .map(|(value, is_code)| {
            Claim::new(
                value.value(),
                file.path.clone(),
                file.position(value),
                is_code,
            )
        })
        .collect()
}

/// Reports every claim on a key that an earlier claim holds. Codes claim before
/// aliases, so an alias that equals a code is reported at the alias; among equals,
/// the first file by path keeps it.
pub(super) fn check_unique_codes(mut claims: Vec<Claim>, diagnostics: &mut Vec<Diagnostic>) {
    claims.sort_by(|a, b| b.is_code.cmp(&a.is_code).then_with(|| a.file.cmp(&b.file)));
    let mut claimed: BTreeMap<String, Claim> = BTreeMap::new();
    for claim in claims {
        match claimed.get(&claim.key) {
            Some(first) => {
                diagnostics.push(
                    Diagnostic::error(
                        "duplicate-code",
                        &claim.file,
                        format!(
                            "the {} is already used (ignoring case) as the {}",
                            claim.what(),
                            first.what()
                        ),
                    )
                    .at(claim.position)
                    .with_related(
                        first.file.clone(),
                        first.position,
                        format!("{} is defined here", first.what()),
                    ),
                );
            }
            None => {
                claimed.insert(claim.key.clone(), claim);
            }
        }
    }
}

/// Every `related` code must be a record's code or alias; each is rewritten to the
/// canonical code it names. Codes of records whose code could not be checked
/// (`broken_codes`, by key) are dropped without a report: the broken file already has
/// its errors, and one fix clears both.
pub(super) fn check_related_exist(
    records: &mut [CheckedRecord],
    broken_codes: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut by_key: HashMap<String, String> = HashMap::with_capacity(records.len() * 2);
    for links in records.iter().map(|r| &r.links) {
        by_key.insert(slug_of(&links.code), links.code.clone());
        for alias in &links.aliases {
            by_key
                .entry(slug_of(alias))
                .or_insert_with(|| links.code.clone());
        }
    }
    for r in records.iter_mut() {
        let links = &r.links;
        let mut resolved = Vec::with_capacity(links.related.len());
        for (code, position) in links.related.iter().zip(&links.related_positions) {
            match by_key.get(&slug_of(code)) {
                Some(canonical) if canonical == &links.code => {
                    diagnostics.push(
                        Diagnostic::error(
                            "related-self",
                            &links.path,
                            format!("`related` names the record itself (`{code}`, an alias)"),
                        )
                        .at(*position),
                    );
                }
                Some(canonical) => {
                    if !resolved.contains(canonical) {
                        resolved.push(canonical.clone());
                    }
                }
                None if broken_codes.contains(&slug_of(code)) => {}
                None => diagnostics.push(unknown_related(code, *position, &links.path, &by_key)),
            }
        }
        if let Some(entry) = &mut r.entry {
            entry.related.clone_from(&resolved);
        }
        if let Some(record) = &mut r.record {
            record.related = resolved;
        }
    }
}

fn unknown_related(
    code: &str,
    position: Option<Position>,
    file: &std::path::Path,
    by_key: &HashMap<String, String>,
) -> Diagnostic {
    let hint = did_you_mean_code(code, by_key.values().map(String::as_str))
        .map(|c| format!("did you mean `{c}`?"))
        .unwrap_or_else(|| {
            format!("add `content/errors/<category>/{code}.yaml`, or remove it from `related`")
        });
    Diagnostic::error(
        "unknown-related",
        file,
        format!("`related` names `{code}`, which is not the code of any record"),
    )
    .at(position)
    .with_hint(hint)
}

/// The code one edit away from `code`, if any: codes are mostly digits, so anything
/// looser suggests unrelated codes.
fn did_you_mean_code<'a>(code: &str, codes: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = code.to_lowercase();
    codes
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(distance, _)| *distance <= 1)
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}
