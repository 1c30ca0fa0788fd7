//! Sign-in throttling as stored (`login_failures`; the policy is `domain::throttle`): kept in
//! the database, so every instance of a deployment sees the same runs of failures.

use crate::db::Db;
use domain::throttle::{delay_ms, Counted, FORGET_AFTER_MS};
use sqlx::Row;
use std::net::IpAddr;

/// What one sign-in attempt is counted against.
pub struct Attempt {
    keys: Vec<(Counted, String)>,
}

impl Attempt {
    pub fn new(username: &str, address: Option<IpAddr>) -> Attempt {
        let mut keys = vec![(
            Counted::Account,
            format!("account:{}", username.trim().to_lowercase()),
        )];
        if let Some(address) = address {
            keys.push((Counted::Address, format!("address:{address}")));
        }
        Attempt { keys }
    }

    /// How long sign-in is still closed for this account or address, if it is.
    pub async fn closed_for(&self, db: &Db, now: i64) -> sqlx::Result<Option<i64>> {
        let mut wait = 0;
        for (_, key) in &self.keys {
            let row = sqlx::query("SELECT closed_until FROM login_failures WHERE key = $1")
                .bind(key)
                .fetch_optional(&db.pool)
                .await?;
            if let Some(row) = row {
                wait = wait.max(row.try_get::<i64, _>("closed_until")? - now);
            }
        }
        Ok((wait > 0).then_some(wait))
    }

    /// Counts a failure against each key (in one statement, so guesses sent at once are all
    /// counted) and closes sign-in for as long as the policy says.
    pub async fn failed(&self, db: &Db, now: i64) -> sqlx::Result<()> {
        for (counted, key) in &self.keys {
            let failures: i64 = sqlx::query(
                "INSERT INTO login_failures (key, failures, last_at, closed_until) VALUES ($1, 1, $2, $2)
                 ON CONFLICT (key) DO UPDATE SET
                     failures = CASE WHEN login_failures.last_at < $3 THEN 1
                                     ELSE login_failures.failures + 1 END,
                     last_at = $2
                 RETURNING failures",
            )
            .bind(key)
            .bind(now)
            .bind(now - FORGET_AFTER_MS)
            .fetch_one(&db.pool)
            .await?
            .try_get("failures")?;
            sqlx::query("UPDATE login_failures SET closed_until = $1 WHERE key = $2")
                .bind(now + delay_ms(failures, *counted))
                .bind(key)
                .execute(&db.pool)
                .await?;
        }
        Ok(())
    }

    /// A success forgets the failures of this account and address.
    pub async fn succeeded(&self, db: &Db) -> sqlx::Result<()> {
        for (_, key) in &self.keys {
            sqlx::query("DELETE FROM login_failures WHERE key = $1")
                .bind(key)
                .execute(&db.pool)
                .await?;
        }
        Ok(())
    }
}
