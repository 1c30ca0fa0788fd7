//! Typed configuration from the environment (see `.env.sample` at the repository root).

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
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/fengqiao.db";

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        let database_url =
            std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_owned());
        let seed_demo = match std::env::var("FQ_SEED_DEMO").as_deref() {
            Ok("0") | Ok("false") | Ok("no") => false,
            Ok("1") | Ok("true") | Ok("yes") | Err(_) => true,
            Ok(other) => anyhow::bail!("FQ_SEED_DEMO must be true or false, not {other:?}"),
        };
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
        })
    }
}
