//! The deployment's rule file (docs/rules.md): read and checked at start-up, refused with its
//! line and field when broken. The engine that applies the rules is the domain's
//! (`domain::rules`), shared with the phone, which receives the rule set as JSON — so the TOML
//! reader lives here, where only the server carries it.

pub mod file;

/// The rule file the repository ships (Qujiang demo; every rule cites its seed).
pub const DEFAULT_RULE_FILE: &str = include_str!("../../rules/default.toml");

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
