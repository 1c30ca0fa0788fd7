//! 每周排查 (seed 001): a grid worker's weekly report arrives by sync (offline too); the village
//! and the township see which grids of their area have reported this week; on the weekday the
//! rule file names, the grids that have not are reminded, once a week.

use crate::db::Db;
use crate::notifications::notice::Notice;
use crate::notifications::notify;
use crate::people::directory::SUBTREE_CTE;
use app::api::weekly_sweep::{GridSweep, SweepBoard, SweepSeen};
use domain::clock::Day;
use domain::jurisdiction::UnitKind;
use domain::notices::NoticeKind;
use domain::rules::RuleSet;
use domain::session::SessionUser;
use domain::sync::{Operation, Rejection, Settled};
use domain::weekly_sweep::{is_late, validate_report, week_of, SweepReport};
use sqlx::{Any, Row, Transaction};
use std::collections::HashMap;

/// Keeps a grid worker's report. Only a grid's own worker reports for it; a report for a week
/// that has ended is kept and marked late. The answer's "number" is the week.
pub async fn record(
    tx: &mut Transaction<'static, Any>,
    reporter: &SessionUser,
    op: &Operation,
    report: &SweepReport,
    now: i64,
) -> sqlx::Result<Settled> {
    if reporter.unit_kind != UnitKind::Grid {
        return Ok(Settled::Rejected {
            reason: Rejection::NotAllowed,
        });
    }
    let problems = validate_report(report);
    if !problems.is_empty() {
        return Ok(Settled::Rejected {
            reason: Rejection::Invalid { problems },
        });
    }
    let taken = sqlx::query("SELECT 1 AS one FROM weekly_sweeps WHERE id = $1")
        .bind(&op.case_id)
        .fetch_optional(&mut **tx)
        .await?;
    if taken.is_some() {
        return Ok(Settled::Rejected {
            reason: Rejection::CaseExists,
        });
    }
    let found = serde_json::to_string(&report.found).map_err(|e| sqlx::Error::Encode(e.into()))?;
    sqlx::query(
        "INSERT INTO weekly_sweeps (id, grid_id, user_id, week, found, found_count, note, late, client_time, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&op.case_id)
    .bind(reporter.unit_id)
    .bind(reporter.id)
    .bind(report.week.to_string())
    .bind(found)
    .bind(report.found.len() as i64)
    .bind(report.note.trim())
    .bind(i64::from(is_late(report.week, now)))
    .bind(op.client_time)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(Settled::Applied {
        case_number: report.week.to_string(),
    })
}

/// Every grid of the reader's area with its latest report for `week`.
pub async fn board(db: &Db, user: &SessionUser, week: Day) -> sqlx::Result<SweepBoard> {
    let week = week_of(week);
    let grids = sqlx::query(&format!(
        "{SUBTREE_CTE}
         SELECT g.id, g.name, COALESCE(p.name, '') AS parent_name
         FROM sub s JOIN units g ON g.id = s.id LEFT JOIN units p ON p.id = g.parent_id
         WHERE g.kind = 'grid'
         ORDER BY parent_name, g.name"
    ))
    .bind(user.unit_id)
    .fetch_all(&db.pool)
    .await?;
    let reports = sqlx::query(
        "SELECT w.grid_id, w.found_count, w.late, w.received_at, w.note, u.display_name
         FROM weekly_sweeps w JOIN users u ON u.id = w.user_id
         WHERE w.week = $1
         ORDER BY w.received_at, w.id",
    )
    .bind(week.to_string())
    .fetch_all(&db.pool)
    .await?;
    // The latest of each grid's reports counts.
    let mut latest: HashMap<i64, SweepSeen> = HashMap::new();
    for row in &reports {
        latest.insert(
            row.try_get("grid_id")?,
            SweepSeen {
                found: row.try_get("found_count")?,
                late: row.try_get::<i64, _>("late")? == 1,
                at: row.try_get("received_at")?,
                by: row.try_get("display_name")?,
                note: row.try_get("note")?,
            },
        );
    }
    let grids = grids
        .iter()
        .map(|row| {
            Ok(GridSweep {
                report: latest.remove(&row.try_get::<i64, _>("id")?),
                grid_name: row.try_get("name")?,
                parent_name: row.try_get("parent_name")?,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    Ok(SweepBoard { week, grids })
}

/// On the rule file's reminder weekday, tells the workers of every grid that has not reported
/// this week; each grid once a week. Returns how many grids, and the people told.
pub async fn remind(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    now: i64,
) -> sqlx::Result<(usize, Vec<i64>)> {
    let today = Day::of_unix_ms(now);
    let Some(weekday) = rules.weekly_sweep.remind_weekday else {
        return Ok((0, Vec::new()));
    };
    if today.iso_weekday() < i64::from(weekday) {
        return Ok((0, Vec::new()));
    }
    let week = week_of(today).to_string();
    let due = sqlx::query(
        "SELECT g.id FROM units g
         WHERE g.kind = 'grid'
           AND NOT EXISTS (SELECT 1 FROM weekly_sweeps w WHERE w.grid_id = g.id AND w.week = $1)
           AND NOT EXISTS (SELECT 1 FROM weekly_sweep_reminders r WHERE r.grid_id = g.id AND r.week = $1)",
    )
    .bind(&week)
    .fetch_all(&mut **tx)
    .await?;
    let mut told = Vec::new();
    let grids = due.len();
    for row in due {
        let grid: i64 = row.try_get("id")?;
        sqlx::query("INSERT INTO weekly_sweep_reminders (grid_id, week) VALUES ($1, $2)")
            .bind(grid)
            .bind(&week)
            .execute(&mut **tx)
            .await?;
        let notice = Notice {
            kind: NoticeKind::SweepDue,
            case_id: "",
            case_number: "",
            summary: "",
            detail: Some(&week),
            at: now,
            by: None,
        };
        told.extend(notify::tell_units(tx, &[grid], &notice).await?);
    }
    Ok((grids, told))
}
