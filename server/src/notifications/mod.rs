//! Telling people (docs/design.md "Notifications"): one notice per reader written with the change
//! (`notify`), read in the inbox and woken live in open browsers (`inbox`, `live`), and repeated
//! to DingTalk / WeCom group robots after commit, with retries (`robots`).

pub mod inbox;
pub mod live;
pub mod notice;
pub mod notify;
pub mod robots;
