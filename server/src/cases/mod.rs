//! A case as it is read: its page (facts masked, holders, timeline, allowed steps), the one
//! rule of who may see it, and its append-only, hash-chained event log with the API that
//! verifies it.

pub mod duplicates;
pub mod log;
pub mod reach;
pub mod record;
pub mod verify;
pub mod view;
pub mod visibility;
