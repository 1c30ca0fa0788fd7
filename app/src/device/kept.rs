//! Answers the device keeps so pages open with no network: the work list, the inbox and the
//! details of every case the person holds or recorded, each as the server last gave it.
//!
//! Each answer is stored under its own key (a case's details are a few kilobytes; keeping them
//! out of the replica keeps a tap's save small). A small index remembers, per answer, when it
//! was fetched and — for a case — the change sequence it reflects, so the device fetches again
//! only the cases a pull says have changed. This file holds the index's rules (pure, tested
//! natively); `storage.rs` holds where it lives.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many cases' details a device keeps. A village's open cases and a grid worker's own fit
/// well within it; localStorage (about 5 MB) holds it with room for the outbox.
pub const MAX_KEPT_CASES: usize = 120;

/// How many cases' details one refresh fetches, so a first sync on a slow line stays short;
/// the rest follow at the next syncs.
pub const CASES_PER_REFRESH: usize = 30;

/// The name a case's details are kept under.
pub fn case_key(case_id: &str) -> String {
    format!("case/{case_id}")
}

fn case_id_of(key: &str) -> Option<&str> {
    key.strip_prefix("case/")
}

/// When an answer was kept and what state it reflects.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Unix ms the device received it.
    pub at: i64,
    /// For a case: the change sequence it was fetched at or after.
    #[serde(default)]
    pub seq: Option<i64>,
}

/// What the device keeps, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptIndex {
    pub marks: BTreeMap<String, Mark>,
}

/// A kept answer as stored: the answer and its mark.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kept<T> {
    pub mark: Mark,
    pub value: T,
}

/// What a page shows: the server's answer now, or the device's copy and when it was received.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shown<T> {
    pub value: T,
    /// Set when the server could not be reached and this is the copy kept at that time.
    pub kept_at: Option<i64>,
}

impl<T> Shown<T> {
    pub fn fresh(value: T) -> Shown<T> {
        Shown {
            value,
            kept_at: None,
        }
    }
}

impl KeptIndex {
    /// The cases whose details should be fetched: those the device lists (`wanted`, most
    /// important first, each with its latest change sequence) that it keeps at an older
    /// change or not at all, at most `limit`.
    pub fn stale_cases<'a>(
        &self,
        wanted: impl IntoIterator<Item = (&'a str, i64)>,
        limit: usize,
    ) -> Vec<String> {
        wanted
            .into_iter()
            .take(MAX_KEPT_CASES)
            .filter(|(id, seq)| {
                self.marks
                    .get(&case_key(id))
                    .and_then(|m| m.seq)
                    .is_none_or(|kept| kept < *seq)
            })
            .take(limit)
            .map(|(id, _)| id.to_owned())
            .collect()
    }

    /// The kept cases that are no longer wanted (the device stopped listing them, or more are
    /// listed than it keeps): their details are removed.
    pub fn unwanted_cases<'a>(&self, wanted: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let keep: Vec<&str> = wanted.into_iter().take(MAX_KEPT_CASES).collect();
        self.marks
            .keys()
            .filter(|key| case_id_of(key).is_some_and(|id| !keep.contains(&id)))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(kept: &[(&str, i64)]) -> KeptIndex {
        KeptIndex {
            marks: kept
                .iter()
                .map(|(id, seq)| {
                    (
                        case_key(id),
                        Mark {
                            at: 1,
                            seq: Some(*seq),
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn only_cases_changed_since_they_were_kept_are_fetched_again() {
        let kept = index(&[("a", 5), ("b", 7)]);
        let wanted = [("a", 5), ("b", 9), ("c", 1)];
        assert_eq!(kept.stale_cases(wanted, 10), vec!["b", "c"]);
        assert_eq!(
            kept.stale_cases(wanted, 1),
            vec!["b"],
            "bounded per refresh"
        );
    }

    #[test]
    fn cases_no_longer_listed_or_beyond_the_bound_are_dropped() {
        let kept = index(&[("a", 5), ("gone", 7)]);
        let mut all = kept.clone();
        all.marks.insert("work".into(), Mark::default());
        assert_eq!(all.unwanted_cases(["a", "c"]), vec!["case/gone"]);
        let many: Vec<String> = (0..MAX_KEPT_CASES + 5).map(|n| n.to_string()).collect();
        let beyond = index(&[(&(MAX_KEPT_CASES + 2).to_string(), 1)]);
        assert_eq!(
            beyond.unwanted_cases(many.iter().map(String::as_str)).len(),
            1
        );
        assert!(
            beyond
                .stale_cases(many.iter().map(|id| (id.as_str(), 1)), 500)
                .len()
                <= MAX_KEPT_CASES
        );
    }
}
