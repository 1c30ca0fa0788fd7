//! Creating a case, for a grid worker's recorded dispute and a court's entrustment alike: a new
//! id, the case row, and its first event.

use super::pusher::Pusher;
use domain::clock::Day;
use domain::dispute::DisputeFacts;
use domain::events::EventKind;
use domain::sync::Operation;
use sqlx::{Any, Transaction};

/// Whether a case with this id exists: a new case's id must be new.
pub(super) async fn case_exists(
    tx: &mut Transaction<'static, Any>,
    id: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query("SELECT 1 AS one FROM cases WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .is_some())
}

/// A new case as it goes into `cases`: recorded by the pusher in their unit (a grid, or the
/// court that entrusts it).
pub(super) struct NewCaseRow<'a> {
    pub op: &'a Operation,
    pub number: &'a str,
    pub pusher: &'a Pusher,
    pub facts: &'a DisputeFacts,
    pub holder: i64,
    pub status: &'a str,
    pub seq: i64,
    pub channel: domain::rules::Channel,
    pub complexity: domain::rules::Complexity,
    pub deadline: Option<Day>,
    pub now: i64,
}

/// Inserts the case and its first event, `recorded`, with the facts as its payload.
pub(super) async fn insert_case(
    tx: &mut Transaction<'static, Any>,
    row: &NewCaseRow<'_>,
) -> sqlx::Result<()> {
    let facts_json =
        serde_json::to_string(row.facts).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO cases (id, number, recorder_id, grid_id, holder_unit_id, category, summary, facts,
                            sensitive, status, recorded_at, created_at, change_seq,
                            channel, complexity, deadline_at, received_at, device_clock_skew_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14, $15, $11, $16)",
    )
    .bind(&row.op.case_id)
    .bind(row.number)
    .bind(row.pusher.user.id)
    .bind(row.pusher.user.unit_id)
    .bind(row.holder)
    .bind(&row.facts.category)
    .bind(row.facts.summary.trim())
    .bind(&facts_json)
    .bind(i64::from(row.facts.sensitive))
    .bind(row.status)
    // Recorded when the server received it: deadlines, ages and order are the server's; the
    // device's own time stays on the `recorded` event (and its clock's error on the case).
    .bind(row.now)
    .bind(row.seq)
    .bind(row.channel.code())
    .bind(row.complexity.code())
    .bind(row.deadline.map(Day::end_unix_ms))
    .bind(row.pusher.clock_skew_ms)
    .execute(&mut **tx)
    .await?;
    crate::cases::reach::recorded_by(tx, &row.op.case_id, row.pusher.user.unit_id).await?;
    crate::cases::terms::write(
        tx,
        &row.op.case_id,
        row.number,
        &row.facts.parties,
        &row.facts.summary,
    )
    .await?;
    record_event(
        tx,
        &row.op.case_id,
        EventKind::Recorded,
        row.pusher,
        row.op.client_time,
        row.now,
        Some(&facts_json),
    )
    .await
}

/// Appends the pusher's own event to a case's log.
pub(super) async fn record_event(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
    kind: EventKind,
    pusher: &Pusher,
    client_time: i64,
    server_time: i64,
    payload: Option<&str>,
) -> sqlx::Result<()> {
    crate::cases::log::append(
        tx,
        crate::cases::log::Event {
            case_id,
            kind,
            actor_id: Some(pusher.user.id),
            unit_id: Some(pusher.user.unit_id),
            client_time: Some(client_time),
            server_time,
            rule: None,
            payload,
        },
    )
    .await
}
