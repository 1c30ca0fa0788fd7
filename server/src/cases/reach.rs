//! Who a case has reached (`case_reach`): the unit that recorded it and every unit at or above
//! a unit that held or co-held it — the units whose users see it by the subtree rule
//! (`crate::cases::visibility`). Written here, in the transaction that records a case or makes a
//! unit a holder, and never deleted: a unit that once held a case keeps seeing it.

use crate::people::directory::ANCESTRY_CTE;
use sqlx::{Any, Transaction};

/// How many cases have reached `unit`, sensitive ones included: what reading the unit's reach
/// in full costs (a search's plan, `cases::listing::few_found`), never a figure shown to anyone.
/// Read from the figures, whose rows for a unit sum `received` (1 a case) over every case that
/// reached it, kept by the same transactions as `case_reach` — a few hundred rows, where
/// counting `case_reach` would read a county's million.
pub async fn cases_reached(db: &crate::db::Db, unit: i64) -> sqlx::Result<i64> {
    use sqlx::Row;
    sqlx::query(
        "SELECT CAST(COALESCE(SUM(received), 0) AS BIGINT) FROM unit_figures WHERE unit_id = $1",
    )
    .bind(unit)
    .fetch_one(&db.pool)
    .await?
    .try_get(0)
}

/// The case is recorded by `unit_id` (a grid, or the court that entrusts it).
pub async fn recorded_by(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
    unit_id: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO case_reach (unit_id, case_id, recorded_at)
         SELECT $1, id, recorded_at FROM cases WHERE id = $2 ON CONFLICT DO NOTHING",
    )
    .bind(unit_id)
    .bind(case_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Who holds the case beside its lead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holding {
    Lead,
    CoHolder,
}

/// `unit_id` comes to hold the case (as its lead or a co-holder, since `since`), and the case
/// reaches it and every unit above it. Whether the unit was not already a holder.
pub async fn hold(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
    unit_id: i64,
    holding: Holding,
    since: i64,
) -> sqlx::Result<bool> {
    let added = sqlx::query(
        "INSERT INTO case_holders (case_id, unit_id, lead, since) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind(case_id)
    .bind(unit_id)
    .bind(i64::from(holding == Holding::Lead))
    .bind(since)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    // `WHERE true` keeps SQLite from reading ON CONFLICT as a join's ON.
    sqlx::query(&format!(
        "{ANCESTRY_CTE} INSERT INTO case_reach (unit_id, case_id, recorded_at)
         SELECT up.id, c.id, c.recorded_at FROM up JOIN cases c ON c.id = $2
         WHERE true ON CONFLICT DO NOTHING"
    ))
    .bind(unit_id)
    .bind(case_id)
    .execute(&mut **tx)
    .await?;
    Ok(added == 1)
}
