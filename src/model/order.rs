//! The one order of every list of the site: natural order.
//!
//! Codes, tags and pages sort the way people read them: `E2` before `E10`,
//! `AADSTS50000` < `AADSTS50011` < `AADSTS500011`. A text is cut into runs of digits
//! and runs of other characters; runs compare in turn, numbers by their value and
//! other text ignoring case, a number before text. Texts equal by that rule (`e1`
//! and `E1`, `E1` and `E01`) are told apart by a stable tiebreak: fewer leading zeros
//! first, then the bytes, so the order never depends on the order of the input.

use std::cmp::Ordering;

/// Compares two texts in natural order (see the module's docs). A total order:
/// `Equal` only for equal texts.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut left, mut right) = (Runs(a), Runs(b));
    loop {
        match (left.next(), right.next()) {
            (None, None) => break,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = compare_runs(x, y);
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
    leading_zeros(a)
        .cmp(&leading_zeros(b))
        .then_with(|| a.cmp(b))
}

/// Runs of ASCII digits and runs of anything else.
struct Runs<'a>(&'a str);

impl<'a> Iterator for Runs<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let first = self.0.chars().next()?;
        let digits = first.is_ascii_digit();
        let end = self
            .0
            .find(|c: char| c.is_ascii_digit() != digits)
            .unwrap_or(self.0.len());
        let (run, rest) = self.0.split_at(end);
        self.0 = rest;
        Some(run)
    }
}

fn is_number(run: &str) -> bool {
    run.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

fn compare_runs(x: &str, y: &str) -> Ordering {
    match (is_number(x), is_number(y)) {
        (true, true) => {
            // By value, whatever the length: no overflow on a 30-digit run.
            let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
            x.len().cmp(&y.len()).then_with(|| x.cmp(y))
        }
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => x
            .chars()
            .flat_map(char::to_lowercase)
            .cmp(y.chars().flat_map(char::to_lowercase)),
    }
}

/// How many zeros start the digit runs of `text` in all: the first tiebreak.
fn leading_zeros(text: &str) -> usize {
    Runs(text)
        .filter(|run| is_number(run))
        .map(|run| run.len() - run.trim_start_matches('0').len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(items: &[&str]) -> Vec<String> {
        let mut items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        items.sort_by(|a, b| natural_cmp(a, b));
        items
    }

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(
            sorted(&["AADSTS500011", "AADSTS50011", "AADSTS50000"]),
            ["AADSTS50000", "AADSTS50011", "AADSTS500011"]
        );
        assert_eq!(sorted(&["E10", "E2", "E1"]), ["E1", "E2", "E10"]);
        assert_eq!(
            sorted(&["x99999999999999999999999", "x100000000000000000000000"]),
            ["x99999999999999999999999", "x100000000000000000000000"]
        );
    }

    #[test]
    fn text_ignores_case_and_numbers_come_first() {
        assert_eq!(
            sorted(&["b", "A", "a1", "40009", "Zeta", "alpha"]),
            ["40009", "A", "a1", "alpha", "b", "Zeta"]
        );
        assert_eq!(
            sorted(&["DataSource.Error", "datasource.Error2", "Data"]),
            ["Data", "DataSource.Error", "datasource.Error2"]
        );
    }

    #[test]
    fn ties_break_the_same_way_whatever_the_input_order() {
        assert_eq!(sorted(&["e1", "E1", "E01"]), ["E1", "e1", "E01"]);
        assert_eq!(sorted(&["E01", "e1", "E1"]), ["E1", "e1", "E01"]);
        assert_eq!(natural_cmp("E1", "E1"), Ordering::Equal);
        assert_ne!(natural_cmp("E1", "e1"), Ordering::Equal);
    }
}
