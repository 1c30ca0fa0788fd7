//! The mediation procedure a case goes through at the unit that holds it (seed 003: 受理、告知、
//! 调解、达成协议、回访), as one state machine shared by the browser and the server: the page
//! offers exactly the actions `check` allows, and the server refuses everything else with the
//! same reason, so a tablet that acted offline learns why when it syncs.
//!
//! ```text
//! routed/escalated ──受理──▶ accepted ──协议──▶ agreed ──回访, 结案──▶ closed
//!        │                     │                  └──不履行, 重新调解──▶ accepted
//!        ├──不予受理──▶ declined   ├──口头协议──▶ resolved
//!        └──上报 / 移送 (to another holder, received again)   └──终结──▶ terminated
//! ```
//!
//! - [`machine`]: where a case stands (its statuses) and which step fits it now, for whom;
//! - [`steps`]: what each step carries and the checks on it (the same in the form and on the
//!   server);
//! - [`ahead`]: what a step taken offline is expected to do, and which steps lead from here.

pub mod ahead;
pub mod machine;
pub mod steps;

pub use ahead::{expected_after, leading, Expected};
pub use machine::*;
pub use steps::*;

#[cfg(test)]
mod tests;
