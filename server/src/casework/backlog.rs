//! The backlog register (积案库, seed 001 §10): the rules list a case still open past the rule
//! file's age; a supervisor of a unit at or above the holder names the leader responsible for
//! it (包案领导), evaluates it every month and clears it (销号). Each step is an event of the
//! case's log and reaches the holder's inbox.

use super::{touch, Actor, CaseRef, Done, Outcome, Step};
use crate::cases::log::{self as case_log, Event};
use crate::notifications::notice::Notice;
use crate::notifications::notify;
use crate::people::mediator_pool::ANCESTRY_CTE;
use domain::backlog::{Clearing, Evaluation, LeaderAssignment, Month};
use domain::clock::DAY_MS;
use domain::events::EventKind;
use domain::notices::NoticeKind;
use domain::procedure::open_status_codes;
use domain::rules::RuleSet;
use domain::session::Role;
use sqlx::{Any, Row, Transaction};

/// The rule that lists a case, as its event records it.
pub const BACKLOG_RULE: &str = "backlog-age";

/// Whether the actor is a supervisor (role `supervisor`) of the case's holder or of a unit
/// above it.
pub(super) async fn supervises(
    tx: &mut Transaction<'static, Any>,
    actor: Actor,
    case: &CaseRef,
) -> sqlx::Result<bool> {
    let Some(user_id) = actor.user_id else {
        return Ok(false);
    };
    let row = sqlx::query(&format!(
        "{ANCESTRY_CTE} SELECT 1 AS one FROM users p
         WHERE p.id = $2 AND p.role = $3 AND p.active = 1 AND p.unit_id IN (SELECT id FROM up)"
    ))
    .bind(case.holder_unit_id)
    .bind(user_id)
    .bind(Role::Supervisor.code())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.is_some())
}

/// The units whose supervisors keep the register for a holder: the holder's ancestors (and the
/// holder itself) where a supervisor works.
async fn supervisor_scope(
    tx: &mut Transaction<'static, Any>,
    holder_unit_id: i64,
) -> sqlx::Result<Vec<i64>> {
    let rows = sqlx::query(&format!(
        "{ANCESTRY_CTE} SELECT DISTINCT p.unit_id FROM users p JOIN up ON up.id = p.unit_id
         WHERE p.role = $2 AND p.active = 1 ORDER BY p.unit_id"
    ))
    .bind(holder_unit_id)
    .bind(Role::Supervisor.code())
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| r.try_get("unit_id")).collect()
}

/// Lists every open case older than the rule file's age that was never listed, tells its
/// holder and its supervisors, and returns how many it listed and the users told. A case leaves
/// the register only by 销号, so one listed once is never listed again.
pub async fn list_old_cases(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    now: i64,
) -> sqlx::Result<(usize, Vec<i64>)> {
    let Some(days) = rules.backlog.after_days else {
        return Ok((0, Vec::new()));
    };
    let open = crate::db::sql_list(open_status_codes());
    let rows = sqlx::query(&format!(
        "SELECT id, number, summary, holder_unit_id, recorded_at FROM cases
         WHERE backlog_listed_at IS NULL AND recorded_at <= $1 AND status IN ({open})
         ORDER BY recorded_at"
    ))
    .bind(now - i64::from(days) * DAY_MS)
    .fetch_all(&mut **tx)
    .await?;
    let mut told = Vec::new();
    for row in &rows {
        let id: String = row.try_get("id")?;
        let holder: i64 = row.try_get("holder_unit_id")?;
        let recorded_at: i64 = row.try_get("recorded_at")?;
        sqlx::query("UPDATE cases SET backlog_listed_at = $1 WHERE id = $2")
            .bind(now)
            .bind(&id)
            .execute(&mut **tx)
            .await?;
        touch(tx, &id).await?;
        let age_days = (now - recorded_at) / DAY_MS;
        let payload = serde_json::json!({ "after_days": days, "age_days": age_days });
        case_log::append(
            tx,
            Event {
                case_id: &id,
                kind: EventKind::BacklogListed,
                actor_id: None,
                unit_id: Some(holder),
                client_time: None,
                server_time: now,
                rule: Some(BACKLOG_RULE),
                payload: Some(&payload.to_string()),
            },
        )
        .await?;
        let mut units = supervisor_scope(tx, holder).await?;
        if !units.contains(&holder) {
            units.push(holder);
        }
        let detail = app::i18n::records::backlog_age(age_days, days);
        let notice = Notice {
            kind: NoticeKind::BacklogListed,
            case_id: &id,
            case_number: &row.try_get::<String, _>("number")?,
            summary: &row.try_get::<String, _>("summary")?,
            detail: Some(&detail),
            at: now,
            by: None,
        };
        told.extend(notify::tell_units(tx, &units, &notice).await?);
    }
    Ok((rows.len(), told))
}

/// 包案: the named leader answers for the case until it is cleared; naming another replaces
/// the first, and both stay in the log.
pub(super) async fn assign_leader(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    a: &LeaderAssignment,
) -> Outcome {
    let (leader, post) = (a.leader.trim(), a.post.trim());
    let shown = format!("{leader}（{post}）");
    sqlx::query("UPDATE cases SET backlog_leader = $1 WHERE id = $2")
        .bind(&shown)
        .bind(&step.case.id)
        .execute(&mut **tx)
        .await?;
    let payload = serde_json::json!({ "leader": leader, "post": post, "text": shown });
    record(
        tx,
        step,
        (EventKind::BacklogLeader, NoticeKind::BacklogLeader),
        payload,
        &shown,
    )
    .await
}

/// 每月评估: one per month; the month is the server's (China time), not the device's.
pub(super) async fn evaluate(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    e: &Evaluation,
) -> Outcome {
    let month = Month::of_unix_ms(step.now).to_string();
    sqlx::query("UPDATE cases SET backlog_evaluated_month = $1 WHERE id = $2")
        .bind(&month)
        .bind(&step.case.id)
        .execute(&mut **tx)
        .await?;
    let notes = e.notes.trim();
    let payload = serde_json::json!({ "month": month, "outlook": e.outlook, "text": notes });
    record(
        tx,
        step,
        (EventKind::BacklogEvaluated, NoticeKind::BacklogEvaluated),
        payload,
        notes,
    )
    .await
}

/// 销号, with its ground.
pub(super) async fn clear(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    c: &Clearing,
) -> Outcome {
    sqlx::query("UPDATE cases SET backlog_cleared_at = $1 WHERE id = $2")
        .bind(step.now)
        .bind(&step.case.id)
        .execute(&mut **tx)
        .await?;
    let reason = c.reason.trim();
    let payload = serde_json::json!({ "ground": c.ground, "text": reason });
    record(
        tx,
        step,
        (EventKind::BacklogCleared, NoticeKind::BacklogCleared),
        payload,
        reason,
    )
    .await
}

/// Logs a register step and tells the holder.
async fn record(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    (event, notice): (EventKind, NoticeKind),
    payload: serde_json::Value,
    detail: &str,
) -> Outcome {
    touch(tx, &step.case.id).await?;
    // The supervisor's own unit is the event's: the register is kept above the holder.
    step.log(tx, event, None, Some(payload)).await?;
    let told = notify::tell_units(
        tx,
        &[step.case.holder_unit_id],
        &step.notice(notice, Some(detail)),
    )
    .await?;
    Ok(Ok(Done { told }))
}
