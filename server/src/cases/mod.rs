//! A case as it is read: its page (facts masked, holders, timeline, allowed steps), the one
//! rule of who may see it (over `reach`, the units each case has reached), the offices' list
//! and search of their subtree's cases (`listing`, over the search `terms`), and its
//! append-only, hash-chained event log with the API that verifies it.

pub mod duplicates;
pub mod listing;
pub mod log;
pub mod reach;
pub mod record;
pub mod terms;
pub mod verify;
pub mod view;
pub mod visibility;
