//! A case's event log: append-only, every event naming its actor, unit, client and server time,
//! and the rule that caused it when a rule did (docs/design.md "A case's life"). Current state lives in the
//! `cases` row, updated in the same transaction as the event that changes it.

use domain::events::EventKind;
use sha2::{Digest, Sha256};
use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Row, Transaction};

/// One event to append.
pub struct Event<'a> {
    pub case_id: &'a str,
    pub kind: EventKind,
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

/// The hash before a case's first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of an event: SHA-256 over the previous event's hash and every field of this one,
/// as a JSON array (so no two different events share an input). `kind` is the code as stored:
/// verifying hashes the text a row holds, whatever this build calls it.
pub fn event_hash(prev_hash: &str, kind: &str, event: &Event<'_>) -> String {
    let content = serde_json::json!([
        prev_hash,
        event.case_id,
        kind,
        event.actor_id,
        event.unit_id,
        event.client_time,
        event.server_time,
        event.rule,
        event.payload,
    ]);
    hex::encode(Sha256::digest(content.to_string().as_bytes()))
}

/// Appends an event, chained to the case's previous one. The caller's transaction holds the
/// change clock's row (every writer takes it first), so two events of one case never read the
/// same previous hash.
pub async fn append(tx: &mut Transaction<'static, Any>, event: Event<'_>) -> sqlx::Result<()> {
    let prev_hash: String =
        sqlx::query("SELECT hash FROM case_events WHERE case_id = $1 ORDER BY id DESC LIMIT 1")
            .bind(event.case_id)
            .fetch_optional(&mut **tx)
            .await?
            .and_then(|row| row.try_get::<Option<String>, _>("hash").ok().flatten())
            .unwrap_or_else(|| GENESIS.to_owned());
    let hash = event_hash(&prev_hash, event.kind.code(), &event);
    sqlx::query(
        "INSERT INTO case_events (case_id, kind, actor_id, unit_id, client_time, server_time, rule, payload, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(event.case_id)
    .bind(event.kind.code())
    .bind(event.actor_id)
    .bind(event.unit_id)
    .bind(event.client_time)
    .bind(event.server_time)
    .bind(event.rule)
    .bind(event.payload)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE cases SET chain_head = $1 WHERE id = $2")
        .bind(&hash)
        .bind(event.case_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Appends the whole timeline of a case that has none yet, chained from `GENESIS`, in one
/// insert: how the generator writes a district's cases (`demo`), where appending one event at a
/// time would be most of the cost.
pub async fn append_timeline(
    tx: &mut Transaction<'static, Any>,
    events: &[Event<'_>],
) -> sqlx::Result<()> {
    let Some(first) = events.first() else {
        return Ok(());
    };
    // `$n` placeholders written out: sqlx's query builder writes `?` for `Any`, which
    // PostgreSQL does not read.
    const COLUMNS: usize = 10;
    let mut args = AnyArguments::default();
    let mut rows = Vec::with_capacity(events.len());
    let mut prev_hash = GENESIS.to_owned();
    for (i, event) in events.iter().enumerate() {
        let hash = event_hash(&prev_hash, event.kind.code(), event);
        let bound = (|| {
            args.add(event.case_id.to_owned())?;
            args.add(event.kind.code())?;
            args.add(event.actor_id)?;
            args.add(event.unit_id)?;
            args.add(event.client_time)?;
            args.add(event.server_time)?;
            args.add(event.rule.map(str::to_owned))?;
            args.add(event.payload.map(str::to_owned))?;
            args.add(std::mem::replace(&mut prev_hash, hash.clone()))?;
            args.add(hash)
        })();
        bound.map_err(sqlx::Error::Encode)?;
        let places: Vec<String> = (1..=COLUMNS)
            .map(|c| format!("${}", i * COLUMNS + c))
            .collect();
        rows.push(format!("({})", places.join(", ")));
    }
    let sql = format!(
        "INSERT INTO case_events (case_id, kind, actor_id, unit_id, client_time, server_time, rule, payload, prev_hash, hash)
         VALUES {}",
        rows.join(", ")
    );
    sqlx::query_with(&sql, args).execute(&mut **tx).await?;
    sqlx::query("UPDATE cases SET chain_head = $1 WHERE id = $2")
        .bind(&prev_hash)
        .bind(first.case_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What checking a case's chain found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Verification {
    pub case_id: String,
    pub events: usize,
    /// Every event's hash matches its content and links to the one before.
    pub intact: bool,
    /// The first event that does not, with what is wrong.
    pub first_broken: Option<BrokenLink>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct BrokenLink {
    pub event_id: i64,
    /// `altered` (content does not match its hash), `unlinked` (does not follow the event
    /// before: one was removed or inserted), `unchained` (written without a hash), or
    /// `truncated` (the chain links but does not end where the case says it did: its newest
    /// events were removed; `event_id` is then the last one left, 0 if none).
    pub problem: String,
}

/// Recomputes a case's chain from its first event.
pub async fn verify(pool: &sqlx::AnyPool, case_id: &str) -> sqlx::Result<Verification> {
    let rows = sqlx::query(
        "SELECT id, case_id, kind, actor_id, unit_id, client_time, server_time, rule, payload, prev_hash, hash
         FROM case_events WHERE case_id = $1 ORDER BY id",
    )
    .bind(case_id)
    .fetch_all(pool)
    .await?;
    let mut expected_prev = GENESIS.to_owned();
    let mut first_broken = None;
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        let (prev, hash): (Option<String>, Option<String>) =
            (row.try_get("prev_hash")?, row.try_get("hash")?);
        let (Some(prev), Some(hash)) = (prev, hash) else {
            first_broken = Some(BrokenLink {
                event_id: id,
                problem: "unchained".into(),
            });
            break;
        };
        let (kind, rule, payload): (String, Option<String>, Option<String>) = (
            row.try_get("kind")?,
            row.try_get("rule")?,
            row.try_get("payload")?,
        );
        let event = Event {
            case_id,
            kind: EventKind::from_code(&kind),
            actor_id: row.try_get("actor_id")?,
            unit_id: row.try_get("unit_id")?,
            client_time: row.try_get("client_time")?,
            server_time: row.try_get("server_time")?,
            rule: rule.as_deref(),
            payload: payload.as_deref(),
        };
        if prev != expected_prev {
            first_broken = Some(BrokenLink {
                event_id: id,
                problem: "unlinked".into(),
            });
            break;
        }
        if event_hash(&prev, &kind, &event) != hash {
            first_broken = Some(BrokenLink {
                event_id: id,
                problem: "altered".into(),
            });
            break;
        }
        expected_prev = hash;
    }
    if first_broken.is_none() {
        let head: Option<String> = sqlx::query("SELECT chain_head FROM cases WHERE id = $1")
            .bind(case_id)
            .fetch_optional(pool)
            .await?
            .map(|row| row.try_get("chain_head"))
            .transpose()?
            .flatten();
        if head.is_some_and(|head| head != expected_prev) {
            let last = rows.last().map(|r| r.try_get("id")).transpose()?;
            first_broken = Some(BrokenLink {
                event_id: last.unwrap_or(0),
                problem: "truncated".into(),
            });
        }
    }
    Ok(Verification {
        case_id: case_id.to_owned(),
        events: rows.len(),
        intact: first_broken.is_none(),
        first_broken,
    })
}

/// The next number of the global change sequence pull cursors count in. Every change to a
/// case takes one, in the transaction that makes the change.
pub async fn next_change_seq(tx: &mut Transaction<'static, Any>) -> sqlx::Result<i64> {
    sqlx::query("UPDATE change_clock SET last = last + 1 WHERE id = 1 RETURNING last")
        .fetch_one(&mut **tx)
        .await?
        .try_get("last")
}
