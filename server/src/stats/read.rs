//! Reading the figures: a unit's sums over a span of months, its subtree's cases included
//! (`unit_figures` counts every case that reached the unit). Sensitive cases count only for a
//! reader permitted to see them, as everywhere (`cases::visibility`).

use crate::db::Db;
use domain::clock::Month;
use domain::figures::{Contribution, Totals};
use domain::session::SessionUser;

/// The reader's unit's figures for the cases received from `from` to `to` (whole months).
pub async fn totals(db: &Db, reader: &SessionUser, from: Month, to: Month) -> sqlx::Result<Totals> {
    let sums: Vec<String> = Contribution::NAMES
        .iter()
        .map(|n| format!("CAST(COALESCE(SUM({n}), 0) AS BIGINT) AS {n}"))
        .collect();
    let row = sqlx::query(&format!(
        "SELECT {} FROM unit_figures
         WHERE unit_id = $1 AND month >= $2 AND month <= $3
           AND (sensitive = 0
                OR EXISTS (SELECT 1 FROM users p WHERE p.id = $4 AND p.handles_sensitive = 1))",
        sums.join(", ")
    ))
    .bind(reader.unit_id)
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(reader.id)
    .fetch_one(&db.pool)
    .await?;
    Ok(Totals(super::store::contribution_from_row(&row)?))
}
