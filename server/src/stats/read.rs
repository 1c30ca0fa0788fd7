//! Reading the figures: a unit's sums over a span of months, its subtree's cases included
//! (`unit_figures` counts every case that reached the unit) — in total, by month or category,
//! for every unit of the subtree, or per mediator. Sensitive cases count only for a reader
//! permitted to see them, as everywhere (`cases::visibility`).

use crate::db::Db;
use domain::clock::Month;
use domain::figures::{Contribution, Totals};
use domain::session::SessionUser;
use sqlx::any::AnyRow;
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

/// `SUM(<table>.count) AS count` for every count, as a BIGINT on both databases.
fn sums(table: &str) -> String {
    Contribution::NAMES
        .iter()
        .map(|n| format!("CAST(COALESCE(SUM({table}.{n}), 0) AS BIGINT) AS {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// That the reader (`$4`) may count the row of table `f`: not sensitive, or the reader is
/// permitted sensitive cases.
const MAY_COUNT: &str = "(f.sensitive = 0
    OR EXISTS (SELECT 1 FROM users p WHERE p.id = $4 AND p.handles_sensitive = 1))";

/// Runs `sql` with the reader's unit (`$1`), the months (`$2`, `$3`) and the reader (`$4`)
/// bound, and reads each row's sums with `key` beside them.
async fn period_rows<K>(
    db: &Db,
    sql: &str,
    reader: &SessionUser,
    (from, to): (Month, Month),
    key: impl Fn(&AnyRow) -> sqlx::Result<K>,
) -> sqlx::Result<Vec<(K, Totals)>> {
    let rows = sqlx::query(sql)
        .bind(reader.unit_id)
        .bind(from.to_string())
        .bind(to.to_string())
        .bind(reader.id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| Ok((key(r)?, Totals(super::store::contribution_from_row(r)?))))
        .collect()
}

/// The reader's unit's figures for the cases received from `from` to `to` (whole months).
pub async fn totals(db: &Db, reader: &SessionUser, from: Month, to: Month) -> sqlx::Result<Totals> {
    let sql = format!(
        "SELECT {} FROM unit_figures f
         WHERE f.unit_id = $1 AND f.month >= $2 AND f.month <= $3 AND {MAY_COUNT}",
        sums("f")
    );
    let rows = period_rows(db, &sql, reader, (from, to), |_| Ok(())).await?;
    Ok(rows.into_iter().next().map(|(_, t)| t).unwrap_or_default())
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
    let sql = format!(
        "SELECT f.{key} AS grouped_by, {} FROM unit_figures f
         WHERE f.unit_id = $1 AND f.month >= $2 AND f.month <= $3 AND {MAY_COUNT}
         GROUP BY f.{key} ORDER BY f.{key}",
        sums("f")
    );
    period_rows(db, &sql, reader, (from, to), |r| r.try_get("grouped_by")).await
}

/// For every unit of the reader's subtree and every category: the figures of the period.
pub async fn by_unit_and_category(
    db: &Db,
    reader: &SessionUser,
    from: Month,
    to: Month,
) -> sqlx::Result<Vec<((i64, String), Totals)>> {
    let sql = format!(
        "{} SELECT f.unit_id AS unit_id, f.category AS category, {}
         FROM unit_figures f JOIN sub s ON s.id = f.unit_id
         WHERE f.month >= $2 AND f.month <= $3 AND {MAY_COUNT}
         GROUP BY f.unit_id, f.category",
        crate::people::directory::SUBTREE_CTE,
        sums("f")
    );
    period_rows(db, &sql, reader, (from, to), |r| {
        Ok((r.try_get("unit_id")?, r.try_get("category")?))
    })
    .await
}

/// Each mediator's figures: the cases of the period the reader's unit reached that the
/// mediator was put on (with the sensitive rule of the rest of the figures).
pub async fn by_mediator(
    db: &Db,
    reader: &SessionUser,
    from: Month,
    to: Month,
) -> sqlx::Result<Vec<(i64, Totals)>> {
    let sql = format!(
        // The period's cases first (`case_figures_by_month`), each looked up in the reader's
        // reach: a month of a county is a thirty-sixth of three years, not all of it.
        "SELECT cm.mediator_id AS mediator_id, {}
         FROM case_figures f
         CROSS JOIN case_reach r
         JOIN case_mediators cm ON cm.case_id = f.case_id
         WHERE f.month >= $2 AND f.month <= $3 AND r.case_id = f.case_id AND r.unit_id = $1
           AND {MAY_COUNT}
         GROUP BY cm.mediator_id",
        sums("f")
    );
    period_rows(db, &sql, reader, (from, to), |r| r.try_get("mediator_id")).await
}
