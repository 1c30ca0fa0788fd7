//! A case's event log: append-only, every event naming its actor, unit, client and server time,
//! and the rule that caused it when a rule did (DESIGN.md "A case"). Current state lives in the
//! `cases` row, updated in the same transaction as the event that changes it.

use sqlx::{Any, Row, Transaction};

/// One event to append.
pub struct Event<'a> {
    pub case_id: &'a str,
    pub kind: &'a str,
    /// The person who acted; `None` when the rules or the scheduler did.
    pub actor_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub client_time: Option<i64>,
    pub server_time: i64,
    /// The ids of the rules that caused it, comma-separated.
    pub rule: Option<&'a str>,
    /// Details as JSON.
    pub payload: Option<&'a str>,
}

pub async fn append(tx: &mut Transaction<'static, Any>, event: Event<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO case_events (case_id, kind, actor_id, unit_id, client_time, server_time, rule, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(event.case_id)
    .bind(event.kind)
    .bind(event.actor_id)
    .bind(event.unit_id)
    .bind(event.client_time)
    .bind(event.server_time)
    .bind(event.rule)
    .bind(event.payload)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The next number of the global change sequence pull cursors count in. Every change to a
/// case takes one, in the transaction that makes the change.
pub async fn next_change_seq(tx: &mut Transaction<'static, Any>) -> sqlx::Result<i64> {
    sqlx::query("UPDATE change_clock SET last = last + 1 WHERE id = 1 RETURNING last")
        .fetch_one(&mut **tx)
        .await?
        .try_get("last")
}
