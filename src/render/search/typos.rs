//! What lets search forgive a typo: two lists of the index's words, without their
//! postings, one sorted by spelling (`v<N>.json`) and one by spelling read backwards
//! (`r<N>.json`), each cut into shards whose first words `index.json` names.
//!
//! A query word of five letters or more may differ from a word of the index by one
//! edit (a letter inserted, deleted, replaced, or two swapped). One edit leaves
//! either the first or the last `k` letters whole (`k` = (length - 1) / 2: two for a
//! word of five or six letters, three for seven or eight...), so the script looks
//! for the word's neighbours among the words that start like it (in `v`) and those
//! that end like it (in `r`): a typo in the first letters still finds them. It then
//! loads the word shards of the few neighbours it found, for their postings.
//!
//! Only words of four letters or more are listed: a neighbour of a five-letter word
//! has at least four.

use serde::Serialize;

/// The shortest word the lists hold.
const MIN_LISTED_CHARS: usize = 4;
/// A list shard is closed once its words reach about this many bytes.
const LIST_SHARD_BYTES: usize = 8 * 1024;

#[derive(Serialize)]
struct ListFile<'a> {
    words: Vec<&'a str>,
}

/// The two lists of `words` (the vocabulary, sorted as JavaScript compares strings):
/// the files to write (name, JSON), and the first words of the forward shards and of
/// the backward shards (spelt backwards).
pub struct WordLists {
    pub files: Vec<(String, Vec<u8>)>,
    pub forward: Vec<String>,
    pub backward: Vec<String>,
}

pub fn word_lists(words: &[&str]) -> WordLists {
    let listed: Vec<&str> = (words.iter().copied())
        .filter(|w| w.chars().count() >= MIN_LISTED_CHARS)
        .collect();
    let mut files = Vec::new();
    let forward = shards(&listed, "v", |w| w.to_string(), &mut files);
    let mut by_ending: Vec<(String, &str)> = listed.iter().map(|w| (backwards(w), *w)).collect();
    // UTF-8 bytes sort as UTF-16 code units do, unless a word has a character from
    // U+E000 up (rare in words): then compare the code units themselves.
    if listed.iter().all(|w| w.chars().all(|c| c < '\u{E000}')) {
        by_ending.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    } else {
        by_ending.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    }
    let reversed: Vec<&str> = by_ending.iter().map(|(_, w)| *w).collect();
    let backward = shards(&reversed, "r", backwards, &mut files);
    WordLists {
        files,
        forward,
        backward,
    }
}

/// Cuts `words` into files `<prefix><N>.json`; returns each file's first key.
fn shards(
    words: &[&str],
    prefix: &str,
    key: impl Fn(&str) -> String,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<String> {
    let mut firsts = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let mut end = start;
        let mut size = 0;
        while end < words.len() && (end == start || size < LIST_SHARD_BYTES) {
            size += words[end].len() + 3;
            end += 1;
        }
        let file = ListFile {
            words: words[start..end].to_vec(),
        };
        let json = serde_json::to_vec(&file).expect("word lists serialize");
        files.push((format!("{prefix}{}.json", firsts.len()), json));
        firsts.push(key(words[start]));
        start = end;
    }
    firsts
}

/// A word spelt backwards, as the script reverses it (by character).
fn backwards(word: &str) -> String {
    word.chars().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_hold_long_words_by_start_and_by_end() {
        let lists = word_lists(&["abc", "gateway", "timeout", "zebra"]);
        assert_eq!(lists.forward, ["gateway"]);
        assert_eq!(lists.backward, ["arbez"]);
        let names: Vec<&str> = lists.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["v0.json", "r0.json"]);
        let backward: serde_json::Value = serde_json::from_slice(&lists.files[1].1).unwrap();
        assert_eq!(
            backward["words"],
            serde_json::json!(["zebra", "timeout", "gateway"])
        );
    }

    #[test]
    fn the_list_by_ending_sorts_as_javascript_compares() {
        // Ending in U+FF21 (one UTF-16 unit) and in U+1F600 (a surrogate pair, which
        // JavaScript sorts before U+FF21 though its UTF-8 bytes sort after).
        let lists = word_lists(&["abc\u{1F600}", "abc\u{FF21}", "abcz"]);
        let backward: serde_json::Value = serde_json::from_slice(&lists.files[1].1).unwrap();
        assert_eq!(
            backward["words"],
            serde_json::json!(["abcz", "abc\u{1F600}", "abc\u{FF21}"])
        );
    }
}
