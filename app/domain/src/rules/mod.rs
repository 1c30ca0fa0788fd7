//! The escalation rules (docs/design.md "Rules"): a declarative rule file per deployment
//! and a pure engine that decides, for a case's facts and its recording grid, which unit
//! receives the case, by which mediation channel, by when, who is told, and which rules fired.
//!
//! No I/O here: the server runs the engine authoritatively on intake, and the phone runs the
//! same code offline to preview "will go to 〈unit〉 — 〈channel〉 — because 〈rule〉".
//!
//! - [`model`]: the rule set as the engine reads it (also sent to phones as JSON);
//! - [`calendar`]: working days with public holidays and make-up working days (调休);
//! - [`engine`]: routing, escalation targets and deadlines;
//!
//! The TOML reader is the server's (`server/src/rules/file.rs`): the phone receives the rule set
//! as JSON and never carries a TOML parser.

pub mod calendar;
pub mod engine;
pub mod model;

pub use engine::{
    decide, escalation_target, Decision, Explanation, Fired, RoutingContext, RoutingTree, UnitBrief,
};
pub use model::{Channel, Complexity, RuleSet, Tier};
