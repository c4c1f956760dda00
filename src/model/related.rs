//! The related-errors list of each record, as the contract defines it.
//!
//! First the records linked by `related`, in either direction (its own list in the
//! order written, then the records that name it, A to Z); then records of the same
//! category ranked by how many tags they share, nearest codes first among equals, up to
//! `related_limit` in all. Explicit links are always shown, even past the limit, because
//! the contract promises the link on both pages.
//!
//! An inverted index from (category, tag) to records keeps this linear in the number of
//! records instead of comparing every pair.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::model::Record;

/// A tag this common within one category tells records apart no better than the
/// category itself; skipping it keeps the ranking linear on huge sites.
const MAX_POSTING_LIST: usize = 2_000;

/// Each record's related records (indexes), in the order pages list them.
pub fn compute(
    records: &[Record],
    record_category: &[usize],
    members: &[Vec<usize>],
    lookup: &HashMap<String, usize>,
    limit: usize,
) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..records.len()).collect();
    compute_some(records, record_category, members, lookup, limit, &all)
}

/// The related records of the records `which` (indexes), in that order: the lists
/// [`compute`] makes for them, for the preview, which makes again only the lists
/// that a change can reach.
pub fn compute_some(
    records: &[Record],
    record_category: &[usize],
    members: &[Vec<usize>],
    lookup: &HashMap<String, usize>,
    limit: usize,
    which: &[usize],
) -> Vec<Vec<usize>> {
    let (explicit, backlinks) = explicit_links(records, lookup);
    let postings = tag_postings(records, (record_category, members), which);
    // Position of each record within its category, to find its neighbours.
    let mut position_in_category = vec![0; records.len()];
    for list in members {
        for (position, &record) in list.iter().enumerate() {
            position_in_category[record] = position;
        }
    }
    // Each record's list on its own, in parallel; each thread counts shared tags in
    // one array of its own (a slot per record), cleared after each record.
    which
        .par_iter()
        .map_init(
            || Counter::new(records.len()),
            |counter, &i| {
                let mut list = explicit[i].clone();
                for &b in &backlinks[i] {
                    if !list.contains(&b) {
                        list.push(b);
                    }
                }
                if list.len() < limit {
                    let category = record_category[i];
                    let by_tag = &postings[&category];
                    add_by_shared_tags(&mut list, i, &records[i], by_tag, limit, counter);
                    // Then the nearest codes of the same category, after this one,
                    // wrapping around.
                    let peers = &members[category];
                    let start = position_in_category[i];
                    for step in 1..peers.len() {
                        if list.len() >= limit {
                            break;
                        }
                        let other = peers[(start + step) % peers.len()];
                        if !list.contains(&other) {
                            list.push(other);
                        }
                    }
                }
                list
            },
        )
        .collect()
}

/// The links written in `related`, per record (the record's own list, each target
/// once), and the records that link to each one (its backlinks, A to Z).
fn explicit_links(
    records: &[Record],
    lookup: &HashMap<String, usize>,
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut explicit: Vec<Vec<usize>> = vec![Vec::new(); records.len()];
    let mut backlinks: Vec<Vec<usize>> = vec![Vec::new(); records.len()];
    for (i, record) in records.iter().enumerate() {
        for code in &record.related {
            if let Some(&target) = lookup.get(&super::slug_of(code))
                && target != i
                && !explicit[i].contains(&target)
            {
                explicit[i].push(target);
                backlinks[target].push(i);
            }
        }
    }
    (explicit, backlinks)
}

/// Per category, tag → the records of that category with that tag, A to Z.
type Postings<'a> = HashMap<usize, HashMap<&'a str, Vec<usize>>>;

/// The postings of the categories of the records `which` only.
fn tag_postings<'a>(
    records: &'a [Record],
    (record_category, members): (&[usize], &[Vec<usize>]),
    which: &[usize],
) -> Postings<'a> {
    let mut postings: Postings = HashMap::new();
    for &i in which {
        postings.entry(record_category[i]).or_default();
    }
    for (&category, by_tag) in &mut postings {
        for &i in &members[category] {
            for tag in &records[i].tags {
                by_tag.entry(tag.as_str()).or_default().push(i);
            }
        }
    }
    postings
}

/// How many tags each record shares with the one being ranked: a slot per record and
/// the records counted so far, so that clearing costs what counting did.
struct Counter {
    shared: Vec<u32>,
    counted: Vec<usize>,
}

impl Counter {
    fn new(records: usize) -> Counter {
        Counter {
            shared: vec![0; records],
            counted: Vec::new(),
        }
    }
}

/// Adds to `list` the records of the category of record `index` that share its tags,
/// the most shared tags first, A to Z among equals, up to `limit`.
fn add_by_shared_tags(
    list: &mut Vec<usize>,
    index: usize,
    record: &Record,
    by_tag: &HashMap<&str, Vec<usize>>,
    limit: usize,
    counter: &mut Counter,
) {
    for tag in &record.tags {
        if let Some(posting) = by_tag.get(tag.as_str())
            && posting.len() <= MAX_POSTING_LIST
        {
            for &other in posting {
                if other != index {
                    if counter.shared[other] == 0 {
                        counter.counted.push(other);
                    }
                    counter.shared[other] += 1;
                }
            }
        }
    }
    let mut ranked: Vec<(usize, u32)> = (counter.counted.drain(..))
        .map(|other| (other, std::mem::take(&mut counter.shared[other])))
        .filter(|(other, _)| !list.contains(other))
        .collect();
    // More shared tags first; among equals, A to Z (deterministic, unlike map order).
    // Only the first few are shown: those are found first, then put in order.
    let order = |a: &(usize, u32), b: &(usize, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    let wanted = limit.saturating_sub(list.len());
    if ranked.len() > wanted && wanted > 0 {
        ranked.select_nth_unstable_by(wanted - 1, order);
        ranked.truncate(wanted);
    }
    ranked.sort_by(order);
    for (other, _) in ranked {
        if list.len() >= limit {
            break;
        }
        list.push(other);
    }
}
