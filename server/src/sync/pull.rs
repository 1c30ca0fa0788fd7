//! Pulling changes: the cases a user may see whose latest change is after the cursor.
//!
//! Who sees which case: `crate::cases::visibility`.

use crate::cases::visibility::case_visible;
use crate::db::Db;
use crate::people::catalogue;
use crate::people::directory::routing_tree;
use domain::rules::{RoutingContext, RuleSet};
use domain::session::SessionUser;
use domain::sync::{CaseSummary, PullResponse, PROTOCOL_VERSION};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// What the device already holds: the pull sends only what is newer or different.
#[derive(Clone, Copy, Debug, Default)]
pub struct Held<'a> {
    /// The `next_cursor` of its last pull.
    pub cursor: i64,
    pub routing_version: Option<&'a str>,
    pub categories_version: Option<&'a str>,
    /// The id of its newest notification.
    pub notice_cursor: i64,
}

pub async fn pull_cases(
    db: &Db,
    rules: &RuleSet,
    user: &SessionUser,
    held: Held<'_>,
    limit: i64,
) -> sqlx::Result<PullResponse> {
    let Held {
        cursor,
        routing_version,
        categories_version,
        notice_cursor,
    } = held;
    let visible = case_visible("$3");
    let rows = sqlx::query(&format!(
        "SELECT c.id, c.number, c.category, c.summary, c.status, c.holder_unit_id, n.name AS holder_name,
                c.recorder_id, c.recorded_at, c.change_seq,
                CASE WHEN c.status = 'agreed' AND c.followed_up_at IS NULL AND c.recorder_id = $3
                          AND g.kind = 'grid'
                     THEN 1 ELSE 0 END AS visit_due
         FROM cases c JOIN units n ON n.id = c.holder_unit_id JOIN units g ON g.id = c.grid_id
         WHERE c.change_seq > $2
           AND {visible}
         ORDER BY c.change_seq
         LIMIT $4"
    ))
    .bind(user.unit_id)
    .bind(cursor)
    .bind(user.id)
    .bind(limit + 1)
    .fetch_all(&db.pool)
    .await?;
    let more = rows.len() as i64 > limit;
    let cases = rows
        .iter()
        .take(limit as usize)
        .map(|row| {
            Ok(CaseSummary {
                id: row.try_get("id")?,
                number: row.try_get("number")?,
                category: row.try_get("category")?,
                summary: row.try_get("summary")?,
                status: row.try_get("status")?,
                holder_unit_id: row.try_get("holder_unit_id")?,
                holder_name: row.try_get("holder_name")?,
                recorder_id: row.try_get("recorder_id")?,
                recorded_at: row.try_get("recorded_at")?,
                change_seq: row.try_get("change_seq")?,
                visit_due: row.try_get::<i64, _>("visit_due")? == 1,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    // The device keeps what it pulled: a sensitive case pulled is a sensitive case read.
    let pulled: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    crate::audit::sensitive_reads(
        &db.pool,
        user.id,
        &pulled,
        domain::audit::ReadVia::Pull,
        crate::db::now_ms(),
    )
    .await?;
    let next_cursor = cases.last().map_or(cursor, |c| c.change_seq);
    // The categories change rarely: sent only when the device's copy is not this version.
    let all = catalogue::all(db).await?;
    let version = version_of(&all);
    let categories = if categories_version == Some(version.as_str()) {
        Vec::new()
    } else {
        all
    };
    Ok(PullResponse {
        protocol: PROTOCOL_VERSION,
        cases,
        next_cursor,
        more,
        categories,
        categories_version: Some(version),
        routing: routing_context(db, rules, user, routing_version).await?,
        notifications: crate::notifications::inbox::newer_than(
            db,
            user.id,
            notice_cursor,
            PULLED_NOTICES,
        )
        .await?,
    })
}

/// A short fingerprint of what the server would send, for the device to hand back.
fn version_of(value: &impl serde::Serialize) -> String {
    let fingerprint = serde_json::to_vec(value).unwrap_or_default();
    hex::encode(&Sha256::digest(&fingerprint)[..8])
}

/// How many notifications one pull carries at most.
const PULLED_NOTICES: i64 = 50;

/// The routing context for the device of whoever records disputes, unless it already has this
/// version: the preview of where a new record goes, offline.
async fn routing_context(
    db: &Db,
    rules: &RuleSet,
    user: &SessionUser,
    known: Option<&str>,
) -> sqlx::Result<Option<RoutingContext>> {
    if !user.opens(domain::session::Desk::Registering) {
        return Ok(None);
    }
    let tree = routing_tree(&db.pool, user.unit_id).await?;
    let version = version_of(&(rules, &tree));
    if known == Some(version.as_str()) {
        return Ok(None);
    }
    Ok(Some(RoutingContext {
        version,
        rules: rules.clone(),
        tree,
    }))
}
