//! Notifications: every routing, escalation, deadline warning and result tells the users of the
//! units concerned (docs/design.md "Notifications"). One row per person, written in the same
//! transaction as the change it reports, so a notice is never lost or sent for a change that
//! did not commit.
//!
//! A notice about a sensitive case is written per reader by the visibility rule: its recorder
//! and the permitted users of units in its holding chain read it whole; everyone else, and every
//! group robot, reads only that a sensitive dispute is now with a unit (seed 001: such matters go
//! to the township's 综治中心 through a restricted channel).

use super::notice::Notice;
use crate::cases::visibility::in_holding_chain;
use sqlx::{Any, Row, Transaction};

/// Tells every active user of each unit. Returns the ids of the people told, so live
/// connections can be woken once the transaction commits.
pub async fn tell_units(
    tx: &mut Transaction<'static, Any>,
    unit_ids: &[i64],
    notice: &Notice<'_>,
) -> sqlx::Result<Vec<i64>> {
    let sensitive = match notice.case() {
        Some(case_id) => sensitive_case(tx, case_id).await?,
        None => None,
    };
    let mut told = Vec::new();
    for unit_id in unit_ids {
        match &sensitive {
            None => {
                told.extend(insert(tx, *unit_id, notice, false, "").await?);
                crate::notifications::robots::enqueue(tx, *unit_id, notice, false).await?;
            }
            Some(case) => {
                let redacted = case.redacted(notice);
                // Whole for the recorder and, in the holding chain, the permitted.
                let chain = in_holding_chain(&mut **tx, *unit_id, notice.case_id).await?;
                let whole = format!(
                    "(id = {} OR ({} AND handles_sensitive = 1))",
                    case.recorder_id,
                    if chain { "1 = 1" } else { "1 = 0" }
                );
                told.extend(insert(tx, *unit_id, notice, false, &format!(" AND {whole}")).await?);
                told.extend(
                    insert(tx, *unit_id, &redacted, true, &format!(" AND NOT {whole}")).await?,
                );
                crate::notifications::robots::enqueue(tx, *unit_id, &redacted, true).await?;
            }
        }
    }
    Ok(told)
}

/// Writes the notice for the active users of `unit_id` that `also` (an SQL condition on
/// `users`, empty for all) selects.
async fn insert(
    tx: &mut Transaction<'static, Any>,
    unit_id: i64,
    notice: &Notice<'_>,
    restricted: bool,
    also: &str,
) -> sqlx::Result<Vec<i64>> {
    let rows = sqlx::query(&format!(
        "INSERT INTO notifications (user_id, unit_id, case_id, kind, case_number, summary, detail, created_at, restricted, from_unit_id)
         SELECT id, unit_id, $2, $3, $4, $5, $6, $7, $8,
                CASE WHEN $8 = 0 THEN (SELECT a.unit_id FROM users a WHERE a.id = $9) END
         FROM users
         WHERE unit_id = $1 AND active = 1 AND id <> $9{also}
         RETURNING user_id"
    ))
    .bind(unit_id)
    .bind(notice.case())
    .bind(notice.kind.code())
    // A restricted notice carries no number or summary at all.
    .bind((!restricted).then_some(notice.case_number))
    .bind((!restricted).then_some(notice.summary))
    .bind(notice.detail)
    .bind(notice.at)
    .bind(i64::from(restricted))
    // No one is told of their own act.
    .bind(notice.by.unwrap_or(0))
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|row| row.try_get("user_id")).collect()
}

/// A sensitive case as its notices need it.
struct SensitiveCase {
    recorder_id: i64,
    holder_name: String,
}

impl SensitiveCase {
    /// The notice for a reader who may not see the case: what happened and who holds it now —
    /// no case, number, summary, or a detail a person wrote.
    fn redacted<'a>(&'a self, notice: &Notice<'_>) -> Notice<'a> {
        Notice {
            kind: notice.kind,
            case_id: "",
            case_number: "",
            summary: "",
            detail: Some(&self.holder_name),
            at: notice.at,
            by: notice.by,
        }
    }
}

async fn sensitive_case(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
) -> sqlx::Result<Option<SensitiveCase>> {
    let row = sqlx::query(
        "SELECT c.recorder_id, u.name FROM cases c JOIN units u ON u.id = c.holder_unit_id
         WHERE c.id = $1 AND c.sensitive = 1",
    )
    .bind(case_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|row| {
        Ok(SensitiveCase {
            recorder_id: row.try_get("recorder_id")?,
            holder_name: row.try_get("name")?,
        })
    })
    .transpose()
}
