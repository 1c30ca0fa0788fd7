//! The deadline sweep (docs/design.md "Rules": supervision and auto-escalation; issue 5): cases
//! past their deadline are supervised (督办: holder and its parent told), and where the rule file says so escalated a set number
//! of working days later; cases nobody acknowledged (签收) in time get a reminder to the holder
//! and its parent.
//!
//! Idempotent by construction: each step records when it happened on the case
//! (`supervised_at`, `receipt_reminded_at`) in the same transaction as its event and notices,
//! and only touches cases where that is still empty; an escalation clears both for the new
//! holder. Deadlines live in the database, so a restart loses nothing. The sweep takes the
//! change clock's row first, like a push, so the two never interleave; on PostgreSQL an
//! advisory lock keeps a second instance from sweeping at the same time.

use crate::cases::log::{self as case_log, Event};
use crate::casework::{self, Actor};
use crate::db::{Backend, Db};
use crate::notifications::live::Live;
use crate::notifications::notice::Notice;
use crate::notifications::notify;
use domain::clock::Day;
use domain::events::EventKind;
use domain::notices::NoticeKind;
use domain::rules::RuleSet;
use sqlx::{Any, Row, Transaction};
use std::sync::Arc;
use std::time::Duration;

/// What one sweep did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub supervised: usize,
    pub escalated: usize,
    pub reminded: usize,
    /// Agreed cases whose holder was reminded the judicial confirmation window closes soon.
    pub confirmation_reminders: usize,
    /// Open cases listed in the backlog register (积案库) by their age.
    pub backlog_listed: usize,
    /// Grids reminded of this week's sweep report (每周排查).
    pub sweep_reminders: usize,
    /// Users told something (to wake their live streams).
    pub told: Vec<i64>,
}

/// An arbitrary constant naming the sweep's PostgreSQL advisory lock.
const SWEEP_LOCK: i64 = 0x0066_7173_7765_6570; // "fqsweep"

pub const SUPERVISION_RULE: &str = "overdue-supervision";
pub const ESCALATION_RULE: &str = "overdue-escalation";
pub const RECEIPT_RULE: &str = "receipt-overdue";

/// One sweep at `now` (Unix ms). Tests pass their own clock.
pub async fn sweep(db: &Db, rules: &RuleSet, now: i64) -> sqlx::Result<Swept> {
    let mut tx = db.pool.begin().await?;
    if db.backend == Backend::Postgres {
        // Keyed by the database too: advisory locks are cluster-wide, and two deployments (or
        // test databases) on one cluster must not skip each other's sweeps.
        let got: bool = sqlx::query(
            "SELECT pg_try_advisory_xact_lock(hashtextextended(current_database(), $1)) AS got",
        )
        .bind(SWEEP_LOCK)
        .fetch_one(&mut *tx)
        .await?
        .try_get("got")?;
        if !got {
            return Ok(Swept::default());
        }
    }
    sqlx::query("UPDATE change_clock SET last = last WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    let mut swept = Swept::default();
    supervise_overdue(&mut tx, now, &mut swept).await?;
    if let Some(days) = rules.overdue.escalate_after_days {
        escalate_long_overdue(&mut tx, rules, days, now, &mut swept).await?;
    }
    remind_unacknowledged(&mut tx, rules, now, &mut swept).await?;
    let (cases, told) = casework::remind_confirmation_windows(&mut tx, now).await?;
    swept.confirmation_reminders = cases;
    swept.told.extend(told);
    let (cases, told) = casework::list_old_cases(&mut tx, rules, now).await?;
    swept.backlog_listed = cases;
    swept.told.extend(told);
    let (grids, told) = crate::weekly_sweep::remind(&mut tx, rules, now).await?;
    swept.sweep_reminders = grids;
    swept.told.extend(told);
    tx.commit().await?;
    swept.told.sort_unstable();
    swept.told.dedup();
    Ok(swept)
}

/// A case the sweep acts on, with the holder's parent (who is told too).
struct Due {
    id: String,
    number: String,
    summary: String,
    holder: i64,
    parent: Option<i64>,
}

async fn due(
    tx: &mut Transaction<'static, Any>,
    condition: &str,
    now: i64,
) -> sqlx::Result<Vec<Due>> {
    let open = casework::open_statuses_sql();
    let rows = sqlx::query(&format!(
        "SELECT c.id, c.number, c.summary, c.holder_unit_id, u.parent_id
         FROM cases c JOIN units u ON u.id = c.holder_unit_id
         WHERE c.status IN ({open}) AND {condition}
         ORDER BY c.id"
    ))
    .bind(now)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Due {
                id: r.try_get("id")?,
                number: r.try_get("number")?,
                summary: r.try_get("summary")?,
                holder: r.try_get("holder_unit_id")?,
                parent: r.try_get("parent_id")?,
            })
        })
        .collect()
}

/// Marks the case, logs the event and tells the holder and its parent.
async fn mark_and_tell(
    tx: &mut Transaction<'static, Any>,
    case: &Due,
    column: &str,
    (event, notice): (EventKind, NoticeKind),
    rule: &str,
    now: i64,
) -> sqlx::Result<Vec<i64>> {
    sqlx::query(&format!("UPDATE cases SET {column} = $1 WHERE id = $2"))
        .bind(now)
        .bind(&case.id)
        .execute(&mut **tx)
        .await?;
    case_log::append(
        tx,
        Event {
            case_id: &case.id,
            kind: event,
            actor_id: None,
            unit_id: Some(case.holder),
            client_time: None,
            server_time: now,
            rule: Some(rule),
            payload: None,
        },
    )
    .await?;
    let units: Vec<i64> = std::iter::once(case.holder).chain(case.parent).collect();
    notify::tell_units(
        tx,
        &units,
        &Notice {
            kind: notice,
            case_id: &case.id,
            case_number: &case.number,
            summary: &case.summary,
            detail: None,
            at: now,
            by: None,
        },
    )
    .await
}

async fn supervise_overdue(
    tx: &mut Transaction<'static, Any>,
    now: i64,
    swept: &mut Swept,
) -> sqlx::Result<()> {
    let overdue = due(tx, "c.deadline_at < $1 AND c.supervised_at IS NULL", now).await?;
    for case in &overdue {
        let told = mark_and_tell(
            tx,
            case,
            "supervised_at",
            (EventKind::Supervised, NoticeKind::Supervised),
            SUPERVISION_RULE,
            now,
        )
        .await?;
        swept.told.extend(told);
        swept.supervised += 1;
    }
    Ok(())
}

async fn escalate_long_overdue(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    days: u32,
    now: i64,
    swept: &mut Swept,
) -> sqlx::Result<()> {
    let open = casework::open_statuses_sql();
    let rows = sqlx::query(&format!(
        "SELECT id, supervised_at FROM cases
         WHERE status IN ({open}) AND supervised_at IS NOT NULL AND supervised_at <= $1
         ORDER BY id",
    ))
    .bind(now)
    .fetch_all(&mut **tx)
    .await?;
    for row in rows {
        let (id, supervised_at): (String, i64) =
            (row.try_get("id")?, row.try_get("supervised_at")?);
        let limit = rules
            .calendar
            .add_working_days(Day::of_unix_ms(supervised_at), days)
            .end_unix_ms();
        if now <= limit {
            continue;
        }
        let Some(case) = casework::load(tx, &id).await? else {
            continue;
        };
        let outcome = casework::escalate(
            tx,
            rules,
            &case,
            Actor::RULES,
            casework::Grounds::Overdue,
            Some(ESCALATION_RULE),
            None,
            now,
        )
        .await?;
        if let Ok(done) = outcome {
            crate::stats::store::restate(tx, &id).await?;
            swept.told.extend(done.told);
            swept.escalated += 1;
        }
    }
    Ok(())
}

async fn remind_unacknowledged(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    now: i64,
    swept: &mut Swept,
) -> sqlx::Result<()> {
    let window_ms = i64::from(rules.deadlines.receipt_hours) * 3_600_000;
    let condition = format!(
        "c.acknowledged_at IS NULL AND c.receipt_reminded_at IS NULL AND c.received_at + {window_ms} < $1"
    );
    let late = due(tx, &condition, now).await?;
    for case in &late {
        let told = mark_and_tell(
            tx,
            case,
            "receipt_reminded_at",
            (EventKind::ReceiptOverdue, NoticeKind::ReceiptOverdue),
            RECEIPT_RULE,
            now,
        )
        .await?;
        swept.told.extend(told);
        swept.reminded += 1;
    }
    Ok(())
}

/// Sweeps every `every` on the real clock until the server stops. A failed sweep is logged
/// and tried again next time: it changed nothing.
pub fn spawn(
    db: Db,
    rules: Arc<RuleSet>,
    live: Live,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match sweep(&db, &rules, crate::db::now_ms()).await {
                Ok(swept) => {
                    live.wake(&swept.told);
                    if swept.supervised + swept.escalated + swept.reminded > 0 {
                        tracing::info!(
                            supervised = swept.supervised,
                            escalated = swept.escalated,
                            reminded = swept.reminded,
                            "deadline sweep"
                        );
                    }
                }
                Err(error) => tracing::warn!(%error, "deadline sweep failed; retrying next tick"),
            }
        }
    })
}
