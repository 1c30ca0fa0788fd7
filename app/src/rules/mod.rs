//! The escalation rules (DESIGN.md "Escalation rules"): a declarative rule file per deployment
//! and a pure engine that decides, for a case's facts and its recording grid, which unit
//! receives the case, by which mediation channel, by when, who is told, and which rules fired.
//!
//! No I/O here: the server runs the engine authoritatively on intake, and the phone runs the
//! same code offline to preview "will go to 〈unit〉 — 〈channel〉 — because 〈rule〉".
//!
//! - [`model`]: the rule set as the engine reads it (also sent to phones as JSON);
//! - [`calendar`]: working days with public holidays and make-up working days (调休);
//! - [`engine`]: routing, escalation targets and deadlines;
//! - [`file`]: reading a TOML rule file, refusing a broken one with its line and field.

pub mod calendar;
pub mod engine;
pub mod file;
pub mod model;

pub use engine::{
    decide, escalation_target, Decision, Explanation, Fired, RoutingContext, RoutingTree, UnitBrief,
};
pub use model::{Channel, Complexity, RuleSet, Tier};

/// The rule file the repository ships (Qujiang demo; every rule cites its seed).
pub const DEFAULT_RULE_FILE: &str = include_str!("../../../server/rules/default.toml");

#[cfg(test)]
mod props;
#[cfg(test)]
pub(crate) mod tests;
