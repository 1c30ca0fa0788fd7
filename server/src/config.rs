//! Typed configuration from the environment (see `.env.sample` at the repository root).

use crate::rules::{file, DEFAULT_RULE_FILE};
use anyhow::Context;
use domain::rules::RuleSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://…` (the embedded default) or `postgres://…`.
    pub database_url: String,
    /// Seed the demo jurisdiction and users into an empty database.
    pub seed_demo: bool,
    /// How long a session lasts. Long by default: a grid worker offline for days must not find
    /// themselves signed out in a village with no signal.
    pub session_ttl: Duration,
    /// The deployment's rule file (`FQ_RULES`); `None` uses the default the repository ships
    /// (`server/rules/default.toml`, built in).
    pub rules_file: Option<PathBuf>,
    /// How often the deadline sweep runs (`FQ_SWEEP_SECONDS`, default 60; 0 turns it off).
    pub sweep_every: Option<Duration>,
    /// How often queued webhook deliveries are sent (`FQ_DELIVER_SECONDS`, default 5; 0 off).
    pub deliver_every: Option<Duration>,
    /// The deployment is reached over HTTPS (`FQ_HTTPS`, usually through a TLS-terminating
    /// proxy): cookies are sent `Secure` and browsers are told to keep to HTTPS.
    pub https: bool,
    /// The reverse proxies in front (`FQ_TRUSTED_PROXIES`, comma-separated addresses): a
    /// request from one of them is counted (sign-in throttling) against the client address it
    /// names in `X-Forwarded-For`; nobody else may name one.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// A comma-separated list of IP addresses; absent or empty: none.
fn proxies(name: &str) -> anyhow::Result<Vec<std::net::IpAddr>> {
    let Ok(list) = std::env::var(name) else {
        return Ok(Vec::new());
    };
    list.split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| {
            a.parse()
                .map_err(|_| anyhow::anyhow!("{name}: {a:?} is not an IP address"))
        })
        .collect()
}

/// A true/false setting; absent: `default`.
fn switch(name: &str, default: bool) -> anyhow::Result<bool> {
    match std::env::var(name).as_deref() {
        Ok("0") | Ok("false") | Ok("no") => Ok(false),
        Ok("1") | Ok("true") | Ok("yes") => Ok(true),
        Err(_) => Ok(default),
        Ok(other) => anyhow::bail!("{name} must be true or false, not {other:?}"),
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/fengqiao.db";

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        let database_url =
            std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_owned());
        let seed_demo = switch("FQ_SEED_DEMO", true)?;
        let session_days: u64 = match std::env::var("FQ_SESSION_DAYS") {
            Ok(days) => days.parse().map_err(|_| {
                anyhow::anyhow!("FQ_SESSION_DAYS must be a whole number of days, not {days:?}")
            })?,
            Err(_) => 30,
        };
        Ok(Config {
            database_url,
            seed_demo,
            session_ttl: Duration::from_secs(session_days * 24 * 3600),
            rules_file: std::env::var_os("FQ_RULES").map(PathBuf::from),
            sweep_every: every("FQ_SWEEP_SECONDS", 60)?,
            deliver_every: every("FQ_DELIVER_SECONDS", 5)?,
            https: switch("FQ_HTTPS", false)?,
            trusted_proxies: proxies("FQ_TRUSTED_PROXIES")?,
        })
    }

    /// Reads and checks the rule file; a broken one stops the start-up with its line and field.
    pub fn load_rules(&self) -> anyhow::Result<ActiveRules> {
        let text: String = match &self.rules_file {
            Some(path) => std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the rule file {}", path.display()))?,
            None => DEFAULT_RULE_FILE.to_owned(),
        };
        let set = file::parse(&text).map_err(|e| match &self.rules_file {
            Some(path) => anyhow::anyhow!("rule file {}: {e}", path.display()),
            None => anyhow::anyhow!("the built-in rule file: {e}"),
        })?;
        Ok(ActiveRules {
            set: Arc::new(set),
            text: text.into(),
        })
    }
}

/// The deployment's rules as the engine reads them, and the file as written (for the admin).
#[derive(Clone)]
pub struct ActiveRules {
    pub set: Arc<RuleSet>,
    pub text: Arc<str>,
}

/// A rule file from disk, checked (`server rules check FILE` and start-up).
pub fn read_rule_file(path: &Path) -> anyhow::Result<RuleSet> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the rule file {}", path.display()))?;
    file::parse(&text).map_err(|e| anyhow::anyhow!("rule file {}: {e}", path.display()))
}

/// A period in whole seconds from the environment; 0 turns the task off.
fn every(variable: &str, default_secs: u64) -> anyhow::Result<Option<Duration>> {
    match std::env::var(variable) {
        Ok(text) => match text.parse::<u64>() {
            Ok(0) => Ok(None),
            Ok(secs) => Ok(Some(Duration::from_secs(secs))),
            Err(_) => anyhow::bail!("{variable} must be a whole number of seconds, not {text:?}"),
        },
        Err(_) => Ok(Some(Duration::from_secs(default_secs))),
    }
}
