//! Reading the figures: a unit's sums over a span of months, its subtree's cases included
//! (`unit_figures` counts every case that reached the unit), in total or by month or category.
//! Sensitive cases count only for a reader permitted to see them, as everywhere
//! (`cases::visibility`).

use crate::db::Db;
use domain::clock::Month;
use domain::figures::{Contribution, Totals};
use domain::session::SessionUser;
use sqlx::Row;

/// How the sums are broken down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    Month,
    Category,
}

impl By {
    fn column(self) -> &'static str {
        match self {
            By::Month => "month",
            By::Category => "category",
        }
    }
}

/// `SUM(count) AS count` for every count, as a BIGINT on both databases.
fn sums() -> String {
    Contribution::NAMES
        .iter()
        .map(|n| format!("CAST(COALESCE(SUM({n}), 0) AS BIGINT) AS {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rows of unit `$1`, months `$2` to `$3`, that reader `$4` may count.
const READABLE: &str = "unit_id = $1 AND month >= $2 AND month <= $3
    AND (sensitive = 0
         OR EXISTS (SELECT 1 FROM users p WHERE p.id = $4 AND p.handles_sensitive = 1))";

/// The reader's unit's figures for the cases received from `from` to `to` (whole months).
pub async fn totals(db: &Db, reader: &SessionUser, from: Month, to: Month) -> sqlx::Result<Totals> {
    let row = sqlx::query(&format!(
        "SELECT {} FROM unit_figures WHERE {READABLE}",
        sums()
    ))
    .bind(reader.unit_id)
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(reader.id)
    .fetch_one(&db.pool)
    .await?;
    Ok(Totals(super::store::contribution_from_row(&row)?))
}

/// The same figures by month or by category, in the key's order; a key with no case is absent.
pub async fn grouped(
    db: &Db,
    reader: &SessionUser,
    from: Month,
    to: Month,
    by: By,
) -> sqlx::Result<Vec<(String, Totals)>> {
    let key = by.column();
    let rows = sqlx::query(&format!(
        "SELECT {key} AS grouped_by, {} FROM unit_figures WHERE {READABLE}
         GROUP BY {key} ORDER BY {key}",
        sums()
    ))
    .bind(reader.unit_id)
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(reader.id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("grouped_by")?,
                Totals(super::store::contribution_from_row(r)?),
            ))
        })
        .collect()
}

/// For every unit of the reader's subtree and every category: the figures of the period.
pub async fn by_unit_and_category(
    db: &Db,
    reader: &SessionUser,
    from: Month,
    to: Month,
) -> sqlx::Result<Vec<(i64, String, Totals)>> {
    let rows = sqlx::query(&format!(
        "{} SELECT f.unit_id AS unit_id, f.category AS category, {}
         FROM unit_figures f JOIN sub s ON s.id = f.unit_id
         WHERE f.month >= $2 AND f.month <= $3
           AND (f.sensitive = 0
                OR EXISTS (SELECT 1 FROM users p WHERE p.id = $4 AND p.handles_sensitive = 1))
         GROUP BY f.unit_id, f.category",
        crate::people::directory::SUBTREE_CTE,
        sums()
    ))
    .bind(reader.unit_id)
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(reader.id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("unit_id")?,
                r.try_get("category")?,
                Totals(super::store::contribution_from_row(r)?),
            ))
        })
        .collect()
}

/// Each mediator's figures: the cases of the period the reader's unit reached that the
/// mediator was put on (with the sensitive rule of the rest of the figures).
pub async fn by_mediator(
    db: &Db,
    reader: &SessionUser,
    from: Month,
    to: Month,
) -> sqlx::Result<Vec<(i64, Totals)>> {
    let sums: Vec<String> = Contribution::NAMES
        .iter()
        .map(|n| format!("CAST(COALESCE(SUM(f.{n}), 0) AS BIGINT) AS {n}"))
        .collect();
    let rows = sqlx::query(&format!(
        "SELECT cm.mediator_id AS mediator_id, {}
         FROM case_reach r
         JOIN case_figures f ON f.case_id = r.case_id
         JOIN case_mediators cm ON cm.case_id = r.case_id
         WHERE r.unit_id = $1 AND f.month >= $2 AND f.month <= $3
           AND (f.sensitive = 0
                OR EXISTS (SELECT 1 FROM users p WHERE p.id = $4 AND p.handles_sensitive = 1))
         GROUP BY cm.mediator_id",
        sums.join(", ")
    ))
    .bind(reader.unit_id)
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(reader.id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("mediator_id")?,
                Totals(super::store::contribution_from_row(r)?),
            ))
        })
        .collect()
}
