//! The backlog register (积案库) a supervisor keeps: the listed cases held in the supervisor's
//! subtree and not yet cleared — those without a leader first, then those awaiting this month's
//! evaluation, then the oldest.

use crate::cases::view::backlog_view;
use crate::casework::{Register, REGISTER_COLUMNS};
use crate::db::Db;
use crate::people::directory::SUBTREE_CTE;
use app::api::backlog::BacklogEntry;
use domain::procedure::CaseStatus;
use domain::session::SessionUser;
use sqlx::Row;

/// How many entries the register shows at once.
pub const REGISTER_LIMIT: i64 = 200;

/// The register of `reader`'s subtree, without the sensitive cases the reader may not see.
pub async fn list(db: &Db, reader: &SessionUser, now: i64) -> anyhow::Result<Vec<BacklogEntry>> {
    let may_see = crate::cases::visibility::sensitive_allowed("$2");
    let rows = sqlx::query(&format!(
        "{SUBTREE_CTE}
         SELECT c.id, c.number, c.summary, c.status, c.recorded_at, {REGISTER_COLUMNS},
                h.name AS holder_name
         FROM cases c JOIN units h ON h.id = c.holder_unit_id
         WHERE c.backlog_listed_at IS NOT NULL AND c.backlog_cleared_at IS NULL
           AND c.holder_unit_id IN (SELECT id FROM sub) AND {may_see}
         ORDER BY c.recorded_at, c.id
         LIMIT {REGISTER_LIMIT}"
    ))
    .bind(reader.unit_id)
    .bind(reader.id)
    .fetch_all(&db.pool)
    .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in &rows {
        let status: String = row.try_get("status")?;
        let Some(backlog) = backlog_view(row, &Register::from_row(row)?, now)? else {
            continue;
        };
        entries.push(BacklogEntry {
            case_id: row.try_get("id")?,
            number: row.try_get("number")?,
            summary: row.try_get("summary")?,
            holder_name: row.try_get("holder_name")?,
            status: CaseStatus::from_code(&status)
                .ok_or_else(|| anyhow::anyhow!("unknown case status {status:?}"))?,
            recorded_at: row.try_get("recorded_at")?,
            backlog,
        });
    }
    // What needs the supervisor first: no leader yet, then this month's evaluation due; the
    // oldest first within each (the query's order, kept by a stable sort).
    entries.sort_by_key(|e| (e.backlog.leader.is_some(), e.backlog.evaluated_this_month));
    Ok(entries)
}
