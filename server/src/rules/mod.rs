//! The deployment's rules on the server: the rule file (docs/rules.md): read and checked at start-up, refused with its
//! line and field when broken. The engine that applies the rules is the domain's
//! (`domain::rules`), shared with the phone, which receives the rule set as JSON — so the TOML
//! reader lives here, where only the server carries it. `api` explains a decision over HTTP;
//! `sweep` is the scheduler that applies the rules' deadlines (督办, auto-escalation, reminders).

pub mod api;
pub mod file;
pub mod sweep;

/// The rule file the repository ships (Qujiang demo; every rule cites its seed).
pub const DEFAULT_RULE_FILE: &str = include_str!("../../rules/default.toml");

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
