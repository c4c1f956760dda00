//! The site's search index: small, sharded files that `static/app.js` loads on demand.
//!
//! A reader's first search must stay cheap even on a 10,000-record site, so nothing
//! loads the whole corpus. The entry file is `search/index.json`, at a fixed address
//! so that pages do not change when the index does; it names a folder
//! `search/<hash>/` holding the rest (the hash is of their contents, so hosts may cache
//! them for ever and a reader never mixes two builds' files):
//!
//! - `index.json`: loaded when the search box gets focus. Every record's code and
//!   aliases (the key to "type a code, get that code first" and to finding a code
//!   inside a pasted message), its category and severity (for the filters), the
//!   category titles, and the first word of each word shard.
//! - `w<N>.json`: word shards. The vocabulary (words of code, title, tags, message,
//!   summary and causes, as [`super::words`] folds and splits them), sorted and cut into consecutive ranges of about
//!   [`SHARD_TARGET_BYTES`]; each word maps to its postings. A query loads only the
//!   shards its words fall in.
//! - `t<N>.json`: titles, [`TITLE_CHUNK`] records a file, in record order; a result
//!   list loads only the chunks of the results it shows.
//! - `v<N>.json` and `r<N>.json`: the vocabulary without postings, by spelling and
//!   by spelling read backwards, for typos (see `typos.rs`).
//!
//! Records are numbered in site order (natural order of codes), then the pages of
//! `content/pages/` follow. A record's page URL is derived from its code and the
//! errors' folder the index names (`errors/<code in lower case>/`, or at the root);
//! a page's path is listed.
//!
//! Postings are compact strings: per record that has the word, the gap from the
//! previous record number and the best field the word appears in (see [`Field`]),
//! packed as `(gap - 1) * 8 + field` and written as a base-32 varint over 64 JSON-safe
//! characters (see [`push_varint`]): most postings take one or two characters.

mod typos;

use std::cmp::Ordering;

use rayon::prelude::*;
use serde::Serialize;

use super::RenderedRecord;
use super::markdown;
pub use super::words::{MAX_WORD_CHARS, stop_words, words_of};
use crate::Error;
use crate::model::declared::FieldType;
use crate::model::{Record, Site};
use crate::paths::{Location, Paths, content_hash};
use crate::write::Staging;

/// Records per title chunk.
pub const TITLE_CHUNK: usize = 64;

/// A word shard is closed once its words and postings reach about this many bytes
/// (before compression); gzip takes a shard to about 5 KB.
pub const SHARD_TARGET_BYTES: usize = 8 * 1024;

/// Where a word was found in a record; the higher, the stronger a match it makes. A
/// posting keeps the best field only. The script's `FIELD_WEIGHT` gives each a weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Field {
    /// A declared field that says it is searchable.
    Declared = 1,
    Causes = 2,
    Summary = 3,
    Message = 4,
    Tags = 5,
    Title = 6,
    /// A part of the code or of an alias (`DataSource.Error` → `datasource`, `data`).
    Code = 7,
}

/// The search index, built in memory.
pub struct SearchIndex {
    /// The entry file (`search/index.json`).
    entry_file: Location,
    entry: Vec<u8>,
    /// The folder of the shards: `search/<hash>/`.
    pub folder: Location,
    /// File name inside the folder → bytes.
    files: Vec<(String, Vec<u8>)>,
}

#[derive(Serialize)]
struct IndexFile<'a> {
    /// The format's version, so an old script never misreads a new index.
    version: u32,
    /// The folder of the shard and title files, relative to the language's home (the
    /// site root for the default language).
    folder: String,
    /// The folder of the error pages, relative to the site root (`errors/`, or `""`
    /// when they are at the root): a record's page is this, its code in lower case
    /// and `/`.
    errors: &'a str,
    /// The path of each page of `content/pages/`, relative to the site root; page N
    /// is search entry `codes` + N.
    pages: Vec<String>,
    /// Records per title chunk.
    title_chunk: usize,
    /// (slug, title) per category, in site order.
    categories: Vec<(&'a str, &'a str)>,
    severities: [&'static str; 4],
    /// The first word of each word shard: shard N holds the words from `shards[N]` up
    /// to `shards[N + 1]` (exclusive).
    shards: Vec<String>,
    /// The first word of each shard of the vocabulary by spelling (`v<N>.json`).
    vshards: Vec<String>,
    /// The first word, spelt backwards, of each shard of the vocabulary by spelling
    /// read backwards (`r<N>.json`).
    rshards: Vec<String>,
    /// Per record, one line: the code, front-coded (one [`DIGITS`] character for how
    /// many leading characters it shares with the previous code, then the rest), then
    /// its aliases, each after a space. An alias that is just the code's number
    /// (`50126` of `AADSTS50126`) is left out: the script matches those anyway.
    codes: String,
    /// Per record, one varint: category index * 4 + severity index.
    facets: String,
    /// The stop words of the site's language the index left out (folded), for the
    /// script to drop from queries.
    stop_words: &'a [String],
}

#[derive(Serialize)]
struct ShardFile<'a> {
    words: Vec<&'a str>,
    postings: Vec<&'a str>,
}

impl SearchIndex {
    /// Builds the whole index from the site and its rendered records.
    pub fn build(site: &Site, rendered: &[RenderedRecord]) -> SearchIndex {
        let stop = stop_words(site.language_tag());
        let mut postings = Postings::default();
        // Tokenizing is the costly part: one record per task, a round of records at a
        // time (the words of all records at once would take far more memory than the
        // index), added in record order.
        let records = site.records.len();
        for start in (0..records).step_by(RECORDS_PER_ROUND) {
            let round: Vec<RecordWords> = (start..records.min(start + RECORDS_PER_ROUND))
                .into_par_iter()
                .map(|i| RecordWords::of(site, i, &rendered[i], &stop))
                .collect();
            round.iter().for_each(|words| postings.add(words));
        }
        SearchIndex::from_postings(site, postings, &stop)
    }

    /// The index from the postings of every record ([`Postings`]): the pages' words
    /// join them here, after the records'.
    fn from_postings(site: &Site, mut postings: Postings, stop: &[String]) -> SearchIndex {
        for words in page_words(site, stop) {
            postings.add(&words);
        }
        SearchIndex::from_vocabulary(site, &postings.into_vocabulary(), stop)
    }

    /// The index from its vocabulary ([`Vocabulary`]: the preview keeps it between
    /// saves and patches it, as finding every record's words in it again is the
    /// costly part).
    pub fn from_vocabulary(site: &Site, vocabulary: &Vocabulary, stop: &[String]) -> SearchIndex {
        let words = &vocabulary.0;
        let mut files = Vec::new();

        let shards = word_shards(words, &mut files);

        // The word lists, for typos.
        let listed: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
        let lists = typos::word_lists(&listed);
        files.extend(lists.files);

        // Title chunks: the records', then the pages'.
        let titles: Vec<&str> = (site.records.iter().map(|r| r.title.as_str()))
            .chain(site.pages.iter().map(|p| p.title.as_str()))
            .collect();
        for (n, chunk) in titles.chunks(TITLE_CHUNK).enumerate() {
            files.push((format!("t{n}.json"), to_json(&chunk)));
        }

        // The shards' folder is named by a hash of their contents.
        let mut hash_input = Vec::new();
        for (name, bytes) in &files {
            hash_input.extend_from_slice(name.as_bytes());
            hash_input.push(0);
            hash_input.extend_from_slice(bytes);
        }
        let folder = site.paths.search_folder(&content_hash(&hash_input));

        // The entry file.
        let category_index = |slug: &str| {
            site.categories
                .iter()
                .position(|c| c.slug == slug)
                .unwrap_or(0)
        };
        let mut facets = String::with_capacity(site.records.len());
        for record in &site.records {
            let severity = record.severity as usize;
            push_varint(&mut facets, category_index(&record.category) * 4 + severity);
        }
        let paths = &site.paths;
        let index = IndexFile {
            version: 3,
            // Relative to the language's home, as the pages give it to the script.
            folder: within_language(paths, &folder),
            errors: paths.errors_folder(),
            pages: (site.pages.iter())
                .map(|p| within_language(paths, &paths.content_page(&p.file)))
                .collect(),
            title_chunk: TITLE_CHUNK,
            categories: site
                .categories
                .iter()
                .map(|c| (c.slug.as_str(), c.title.as_str()))
                .collect(),
            severities: crate::model::Severity::NAMES,
            shards,
            vshards: lists.forward,
            rshards: lists.backward,
            codes: code_lines(site),
            facets,
            stop_words: stop,
        };
        let entry = to_json(&index);

        SearchIndex {
            entry_file: site.paths.search_index(),
            entry,
            folder,
            files,
        }
    }

    /// Where each file of the index goes (as [`Self::write`] writes them).
    pub fn file_keys(&self, paths: &Paths) -> Vec<String> {
        let shards =
            (self.files.iter()).map(|(name, _)| paths.search_file(&self.folder, name).file());
        std::iter::once(self.entry_file.file())
            .chain(shards)
            .collect()
    }

    /// Writes every file of the index into its folder.
    pub fn write(&self, paths: &Paths, staging: &Staging) -> Result<(), Error> {
        staging.write(&self.entry_file.file(), &self.entry)?;
        self.files.par_iter().try_for_each(|(name, bytes)| {
            staging.write(&paths.search_file(&self.folder, name).file(), bytes)
        })
    }
}

/// The word shards: consecutive ranges of the sorted vocabulary, added to `files`.
/// Returns the first word of each.
fn word_shards(words: &[(String, String)], files: &mut Vec<(String, Vec<u8>)>) -> Vec<String> {
    let mut shards: Vec<String> = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let mut end = start;
        let mut size = 0;
        while end < words.len() && (end == start || size < SHARD_TARGET_BYTES) {
            size += words[end].0.len() + words[end].1.len() + 6;
            end += 1;
        }
        let shard = ShardFile {
            words: words[start..end].iter().map(|(w, _)| w.as_str()).collect(),
            postings: words[start..end].iter().map(|(_, p)| p.as_str()).collect(),
        };
        files.push((format!("w{}.json", shards.len()), to_json(&shard)));
        shards.push(words[start].0.clone());
        start = end;
    }
    shards
}

/// `location` relative to the home of its language, as the script reads the index's
/// paths (the default language's home is the site's root).
fn within_language(paths: &Paths, location: &Location) -> String {
    let path = location.as_str();
    path.strip_prefix(paths.language_prefix())
        .unwrap_or(path)
        .to_string()
}

/// The `codes` field of `index.json` (see [`IndexFile`]).
fn code_lines(site: &Site) -> String {
    let mut lines = String::new();
    let mut previous: &str = "";
    for record in &site.records {
        let shared = record
            .code
            .bytes()
            .zip(previous.bytes())
            .take_while(|(a, b)| a == b)
            .count()
            .min(DIGITS.len() - 1);
        if !lines.is_empty() {
            lines.push('\n');
        }
        lines.push(DIGITS[shared] as char);
        // Codes are ASCII (the record format's pattern), so `shared` is a char boundary.
        lines.push_str(&record.code[shared..]);
        let number = code_number(&record.code);
        for alias in &record.aliases {
            if Some(alias.to_ascii_lowercase().as_str()) != number.as_deref() {
                lines.push(' ');
                lines.push_str(alias);
            }
        }
        previous = &record.code;
    }
    lines
}

/// The number of a code made of a letter prefix and digits (`AADSTS50126` → `50126`),
/// which readers often type alone.
pub fn code_number(code: &str) -> Option<String> {
    let digits = code.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let is_number = digits.len() < code.len()
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit());
    is_number.then(|| digits.to_string())
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("search index files serialize")
}

/// The words of one record for the index, each once, with the best field it appears
/// in, sorted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordWords(Vec<(String, Field)>);

impl RecordWords {
    /// The words of record `index` of `site` (`rendered`: its rendered Markdown), less
    /// the `stop` words.
    pub fn of(site: &Site, index: usize, rendered: &RenderedRecord, stop: &[String]) -> Self {
        let record = &site.records[index];
        let mut found: Vec<(String, Field)> = Vec::new();
        let mut add = |text: &str, field| {
            for word in words_of(text, stop) {
                found.push((word, field));
            }
        };
        record_words(record, rendered, &mut add);
        let searchable = (site.config.fields.iter().zip(&record.declared))
            .filter(|(d, _)| d.searchable)
            .filter_map(|(d, v)| Some((d, v.as_ref()?)));
        for (declaration, value) in searchable {
            for text in value.texts() {
                match declaration.kind {
                    FieldType::Markdown => add(&markdown::to_plain_text(text), Field::Declared),
                    _ => add(text, Field::Declared),
                }
            }
        }
        // One entry per word, with the best field it appears in.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        found.dedup_by(|later, first| later.0 == first.0);
        RecordWords(found)
    }
}

/// Records whose words are found at once (in parallel) before they join the postings.
const RECORDS_PER_ROUND: usize = 4096;

/// The words of each page of `content/pages/`, in the site's order.
fn page_words(site: &Site, stop: &[String]) -> Vec<RecordWords> {
    (site.pages.iter())
        .map(|page| {
            let mut found: Vec<(String, Field)> = Vec::new();
            let texts = [
                (page.title.clone(), Field::Title),
                (page.description.clone().unwrap_or_default(), Field::Summary),
                (markdown::to_plain_text(&page.body), Field::Causes),
            ];
            for (text, field) in texts {
                found.extend(words_of(&text, stop).map(|w| (w, field)));
            }
            found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            found.dedup_by(|later, first| later.0 == first.0);
            RecordWords(found)
        })
        .collect()
}

/// Each word's postings as they are encoded, record (then page) by record, so that
/// each word's postings come out sorted by record number.
#[derive(Default)]
struct Postings {
    /// Word → (the number after the last record that has it, its encoded postings).
    /// Hashing the words is much of the cost; Fx is several times faster than the
    /// default hasher on short keys (no untrusted input here worth SipHash's defence).
    by_word: rustc_hash::FxHashMap<String, (usize, String)>,
    /// The number of the next record or page.
    next: usize,
}

impl Postings {
    /// Adds the words of the next record or page.
    fn add(&mut self, words: &RecordWords) {
        let id = self.next;
        for (word, field) in &words.0 {
            let (previous, encoded) = match self.by_word.get_mut(word.as_str()) {
                Some(entry) => entry,
                None => self
                    .by_word
                    .entry(word.clone())
                    .or_insert((0, String::new())),
            };
            // Record numbers start at 0, so the first gap is id + 1: every gap is ≥ 1.
            let gap = id + 1 - *previous;
            push_varint(encoded, (gap - 1) * 8 + *field as usize);
            *previous = id + 1;
        }
        self.next += 1;
    }

    /// Every indexed word with its encoded postings, sorted in the order JavaScript
    /// compares strings (UTF-16 code units), which is how the script finds a word's
    /// shard.
    fn into_vocabulary(self) -> Vocabulary {
        let mut words: Vec<(String, String)> = (self.by_word.into_iter())
            .map(|(word, (_, encoded))| (word, encoded))
            .collect();
        // UTF-8 bytes sort as UTF-16 code units do, unless a word has a character from
        // U+E000 up (rare in words): then compare the code units themselves.
        if words.iter().all(|(w, _)| w.chars().all(|c| c < '\u{E000}')) {
            words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        } else {
            words.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        }
        Vocabulary(words)
    }
}

/// Every indexed word with its encoded postings (records first, then pages), sorted as
/// the script compares words: what the index is made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vocabulary(Vec<(String, String)>);

impl Vocabulary {
    /// The vocabulary of `site` from the words of each record, found beforehand
    /// ([`RecordWords::of`]), and those of its pages.
    pub fn of(site: &Site, per_record: &[RecordWords], stop: &[String]) -> Vocabulary {
        let mut postings = Postings::default();
        per_record.iter().for_each(|words| postings.add(words));
        for words in page_words(site, stop) {
            postings.add(&words);
        }
        postings.into_vocabulary()
    }

    /// Record `record`'s words are `after` now instead of `before`: only the postings
    /// of the words it gained, lost or found in another field are encoded again.
    pub fn replace(&mut self, record: usize, before: &RecordWords, after: &RecordWords) {
        let (mut old, mut new) = (before.0.iter().peekable(), after.0.iter().peekable());
        // Both lists are sorted by word: walk them side by side.
        loop {
            let ordering = match (old.peek(), new.peek()) {
                (None, None) => return,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(o), Some(n)) => o.0.cmp(&n.0),
            };
            let change = match ordering {
                Ordering::Less => old.next().map(|(word, _)| (word, None)),
                Ordering::Greater => new.next().map(|(word, field)| (word, Some(*field))),
                Ordering::Equal => {
                    let was = old.next().map(|(_, field)| *field);
                    (new.next())
                        .filter(|(_, field)| Some(*field) != was)
                        .map(|(word, field)| (word, Some(*field)))
                }
            };
            if let Some((word, field)) = change {
                self.set_posting(word, record, field);
            }
        }
    }

    /// Makes `record`'s posting of `word` say `field` (`None`: the record has not the
    /// word), adding or removing the word as it gains its first or loses its last.
    fn set_posting(&mut self, word: &str, record: usize, field: Option<Field>) {
        let found = self
            .0
            .binary_search_by(|(w, _)| w.encode_utf16().cmp(word.encode_utf16()));
        let mut postings = match found {
            Ok(at) => decode_postings(&self.0[at].1),
            Err(_) => Vec::new(),
        };
        match postings.binary_search_by_key(&record, |&(id, _)| id) {
            Ok(at) => match field {
                Some(field) => postings[at].1 = field as usize,
                None => {
                    postings.remove(at);
                }
            },
            Err(at) => {
                if let Some(field) = field {
                    postings.insert(at, (record, field as usize));
                }
            }
        }
        match (found, postings.is_empty()) {
            (Ok(at), true) => {
                self.0.remove(at);
            }
            (Ok(at), false) => self.0[at].1 = encode_postings(&postings),
            (Err(at), false) => self
                .0
                .insert(at, (word.to_string(), encode_postings(&postings))),
            (Err(_), true) => {}
        }
    }
}

/// Encoded postings (see [`Postings::add`]) as (record or page number, field).
fn decode_postings(encoded: &str) -> Vec<(usize, usize)> {
    let mut postings = Vec::new();
    let (mut next, mut value) = (0, 0);
    for c in encoded.bytes() {
        let digit = DIGITS.iter().position(|&d| d == c).unwrap_or(0);
        value = value * 32 + (digit & 31);
        if digit < 32 {
            let id = next + value / 8;
            postings.push((id, value % 8));
            next = id + 1;
            value = 0;
        }
    }
    postings
}

/// (record or page number, field) pairs, sorted by number, encoded as
/// [`Postings::add`] encodes them.
fn encode_postings(postings: &[(usize, usize)]) -> String {
    let mut encoded = String::new();
    let mut next = 0;
    for &(id, field) in postings {
        push_varint(&mut encoded, (id - next) * 8 + field);
        next = id + 1;
    }
    encoded
}

/// The texts of a record field: none, one, or a list.
trait Texts {
    fn texts(&self) -> &[String];
}

impl Texts for String {
    fn texts(&self) -> &[String] {
        std::slice::from_ref(self)
    }
}

impl Texts for Option<String> {
    fn texts(&self) -> &[String] {
        self.as_slice()
    }
}

impl Texts for Vec<String> {
    fn texts(&self) -> &[String] {
        self
    }
}

/// `record_words` from the table of record fields: hands `add` each text of each
/// field with a search class, and the [`Field`] it counts as.
macro_rules! record_words {
    (all [$({ $name:ident, $presence:ident, ($raw:ty), ($model:ty), [$($doc:literal),*], ($($schema:tt)*), $reach:ident, $api:ident, $api_doc:literal, $search:ident, [$($fact:literal)?], ($($required:tt)*) })*] $($groups:tt)*) => {
        fn record_words(record: &Record, rendered: &RenderedRecord, add: &mut impl FnMut(&str, Field)) {
            $(record_words!(@add $search record rendered add $name);)*
        }
    };
    (@add none $record:ident $rendered:ident $add:ident $name:ident) => {};
    // Identifiers: whole, and split into the words a reader might type.
    (@add code $record:ident $rendered:ident $add:ident $name:ident) => {
        for text in Texts::texts(&$record.$name) {
            $add(&text.to_lowercase(), Field::Code);
            $add(&split_code(text), Field::Code);
        }
    };
    (@add title $record:ident $rendered:ident $add:ident $name:ident) => {
        for text in Texts::texts(&$record.$name) {
            $add(text, Field::Title);
        }
    };
    (@add tags $record:ident $rendered:ident $add:ident $name:ident) => {
        for text in Texts::texts(&$record.$name) {
            $add(text, Field::Tags);
        }
    };
    (@add message $record:ident $rendered:ident $add:ident $name:ident) => {
        for text in Texts::texts(&$record.$name) {
            $add(text, Field::Message);
        }
    };
    // The summary's plain text, made once for descriptions too.
    (@add summary $record:ident $rendered:ident $add:ident $name:ident) => {
        $add(&$rendered.summary_text, Field::Summary);
    };
    (@add causes $record:ident $rendered:ident $add:ident $name:ident) => {
        for text in Texts::texts(&$record.$name) {
            $add(&markdown::to_plain_text(text), Field::Causes);
        }
    };
}
crate::fields::with_record_fields!(record_words);

/// A code split into the words a reader might type: at `_`, `.`, `-` and at each
/// lower-to-upper case change (`DM_GWPipeline_Gateway_TimeoutError` →
/// `DM GW Pipeline Gateway Timeout Error`).
pub fn split_code(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 8);
    let chars: Vec<char> = code.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            out.push(' ');
            continue;
        }
        let previous = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let starts_word = c.is_uppercase()
            && previous.is_some_and(|p| {
                p.is_lowercase() || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            });
        let starts_number = c.is_ascii_digit() && previous.is_some_and(|p| p.is_alphabetic());
        if starts_word || starts_number {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The 64 characters of the postings encoding: a character below 32 (`0`–`9`, `A`–`V`)
/// ends a number, one from 32 up (`W`–`Z`, `a`–`z`, `-`, `_`) says more digits follow.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Appends `value` as a base-32 varint, most significant digit first.
pub fn push_varint(out: &mut String, value: usize) {
    let mut digits = [0u8; 14];
    let mut n = value;
    let mut len = 0;
    loop {
        digits[len] = (n & 31) as u8;
        len += 1;
        n >>= 5;
        if n == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        let more = if i > 0 { 32 } else { 0 };
        out.push(DIGITS[(digits[i] + more) as usize] as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decoder the script uses, in Rust, to check the encoder against it.
    fn decode(text: &str) -> Vec<usize> {
        let mut values = Vec::new();
        let mut n = 0;
        for c in text.bytes() {
            let digit = DIGITS.iter().position(|&d| d == c).unwrap();
            n = n * 32 + (digit & 31);
            if digit < 32 {
                values.push(n);
                n = 0;
            }
        }
        values
    }

    #[test]
    fn varints_round_trip() {
        let values = [0, 1, 31, 32, 33, 1023, 1024, 80_000, 9_999 * 8 + 7];
        let mut text = String::new();
        for v in values {
            push_varint(&mut text, v);
        }
        assert_eq!(decode(&text), values);
        let mut small = String::new();
        push_varint(&mut small, 31);
        assert_eq!(small.len(), 1, "values below 32 take one character");
    }

    /// The vocabulary of records with these words (word, field) each.
    fn vocabulary_of(records: &[Vec<(&str, Field)>]) -> Vocabulary {
        let mut postings = Postings::default();
        for words in records {
            postings.add(&words_of_record(words));
        }
        postings.into_vocabulary()
    }

    fn words_of_record(words: &[(&str, Field)]) -> RecordWords {
        let mut words: Vec<(String, Field)> =
            words.iter().map(|&(w, f)| (w.to_string(), f)).collect();
        words.sort();
        RecordWords(words)
    }

    #[test]
    fn a_patched_vocabulary_equals_one_made_afresh() {
        use Field::*;
        let mut records = vec![
            vec![("alpha", Title), ("token", Summary), ("zeta", Causes)],
            vec![("beta", Title), ("token", Title), ("ß", Summary)],
            vec![("alpha", Causes), ("gamma", Code), ("token", Causes)],
            vec![("token", Message), ("\u{1F600}", Tags), ("\u{FF21}", Tags)],
        ];
        let mut vocabulary = vocabulary_of(&records);
        // Words gained (new to the site and not), lost (the last holder and not),
        // found in another field, and kept.
        let edits = [
            (
                1,
                vec![("alpha", Summary), ("delta", Title), ("token", Causes)],
            ),
            (0, vec![("token", Summary)]),
            (
                3,
                vec![("\u{FF21}", Title), ("\u{1F601}", Tags), ("token", Message)],
            ),
            (2, vec![]),
            (2, vec![("alpha", Causes), ("omega", Title)]),
        ];
        for (record, words) in edits {
            let before = words_of_record(&records[record]);
            records[record] = words;
            vocabulary.replace(record, &before, &words_of_record(&records[record]));
            assert_eq!(
                vocabulary,
                vocabulary_of(&records),
                "after editing record {record}"
            );
        }
    }

    #[test]
    fn postings_decode_as_they_were_encoded() {
        let postings = [(0, 6), (1, 3), (40, 7), (41, 1), (9_999, 2)];
        assert_eq!(decode_postings(&encode_postings(&postings)), postings);
    }

    #[test]
    fn code_numbers() {
        assert_eq!(code_number("AADSTS50126").as_deref(), Some("50126"));
        assert_eq!(code_number("50126"), None);
        assert_eq!(code_number("DataSource.Error"), None);
        assert_eq!(code_number("E1x"), None);
    }

    #[test]
    fn codes_split_into_words() {
        assert_eq!(
            split_code("DM_GWPipeline_Gateway_TimeoutError"),
            "DM GW Pipeline Gateway Timeout Error"
        );
        assert_eq!(split_code("DataSource.Error"), "Data Source Error");
        assert_eq!(split_code("AADSTS50126"), "AADSTS 50126");
    }
}
