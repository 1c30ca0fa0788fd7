//! Notifications: every routing, escalation, deadline warning and result tells the users of the
//! units concerned (docs/design.md "Notifications"). One row per person, written in the same
//! transaction as the change it reports, so a notice is never lost or sent for a change that
//! did not commit.

use super::notice::Notice;
use sqlx::{Any, Transaction};

/// Tells every active user of each unit. Returns the ids of the people told, so live
/// connections can be woken once the transaction commits.
pub async fn tell_units(
    tx: &mut Transaction<'static, Any>,
    unit_ids: &[i64],
    notice: &Notice<'_>,
) -> sqlx::Result<Vec<i64>> {
    let mut told = Vec::new();
    for unit_id in unit_ids {
        let rows = sqlx::query(
            "INSERT INTO notifications (user_id, unit_id, case_id, kind, case_number, summary, detail, created_at)
             SELECT id, unit_id, $2, $3, $4, $5, $6, $7 FROM users WHERE unit_id = $1 AND active = 1
             RETURNING user_id",
        )
        .bind(unit_id)
        .bind(notice.case())
        .bind(notice.kind.code())
        .bind(notice.case_number)
        .bind(notice.summary)
        .bind(notice.detail)
        .bind(notice.at)
        .fetch_all(&mut **tx)
        .await?;
        for row in rows {
            told.push(sqlx::Row::try_get(&row, "user_id")?);
        }
        crate::notifications::robots::enqueue(tx, *unit_id, notice).await?;
    }
    Ok(told)
}
