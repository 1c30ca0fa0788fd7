//! Likely duplicates as a case page shows them (`crate::casework::duplicates` finds and settles
//! them): the undecided pairs the reader may see, and the case a merged one was linked into.

use crate::cases::visibility::case_visible;
use crate::db::Db;
use app::api::cases::{CaseLink, DuplicateCandidate};
use domain::dispute::{mask_parties, DisputeFacts};
use domain::procedure::CaseStatus;
use domain::session::SessionUser;
use sqlx::Row;

/// The case a merged case was linked into.
pub async fn merged_into(db: &Db, case_id: &str) -> sqlx::Result<Option<CaseLink>> {
    let row = sqlx::query(
        "SELECT k.id, k.number FROM cases c JOIN cases k ON k.id = c.merged_into WHERE c.id = $1",
    )
    .bind(case_id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| {
        Ok(CaseLink {
            id: r.try_get("id")?,
            number: r.try_get("number")?,
        })
    })
    .transpose()
}

/// The undecided likely duplicates of a case the reader may see, for its page; none for a
/// merged case. `case` is the page's own case: its holder and whether it has ended.
pub async fn candidates(
    db: &Db,
    user: &SessionUser,
    case_id: &str,
    holder_id: i64,
    status: CaseStatus,
) -> anyhow::Result<Vec<DuplicateCandidate>> {
    if status == CaseStatus::Merged {
        return Ok(Vec::new());
    }
    let visible = case_visible("$3");
    let rows = sqlx::query(&format!(
        "SELECT c.id, c.number, c.status, c.facts, c.recorded_at, c.recorder_id, c.holder_unit_id,
                h.name AS holder_name, g.name AS grid_name
         FROM duplicate_pairs d
         JOIN cases c ON c.id = CASE WHEN d.first_id = $2 THEN d.second_id ELSE d.first_id END
         JOIN units h ON h.id = c.holder_unit_id JOIN units g ON g.id = c.grid_id
         WHERE (d.first_id = $2 OR d.second_id = $2) AND d.verdict IS NULL
           AND c.status <> $4 AND {visible}
         ORDER BY c.created_at, c.id"
    ))
    .bind(user.unit_id)
    .bind(case_id)
    .bind(user.id)
    .bind(CaseStatus::Merged.code())
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    let mut conn = db.pool.acquire().await?;
    for row in &rows {
        let mut facts: DisputeFacts = serde_json::from_str(&row.try_get::<String, _>("facts")?)?;
        if row.try_get::<i64, _>("recorder_id")? != user.id {
            mask_parties(&mut facts);
        }
        let other_status: String = row.try_get("status")?;
        let other_final = CaseStatus::from_code(&other_status).is_none_or(CaseStatus::is_final);
        let other_holder: i64 = row.try_get("holder_unit_id")?;
        out.push(DuplicateCandidate {
            id: row.try_get("id")?,
            number: row.try_get("number")?,
            status: other_status,
            facts,
            recorded_at: row.try_get("recorded_at")?,
            grid_name: row.try_get("grid_name")?,
            holder_name: row.try_get("holder_name")?,
            may_decide: decides(&mut conn, user.unit_id, holder_id, other_holder).await?,
            may_absorb: !other_final,
            may_join: !status.is_final(),
        });
    }
    Ok(out)
}

/// Whether a person of `unit` decides on a pair held by `a` and `b`: a unit that holds one of
/// them, or one above both (the township, for two villages that cannot see each other's case).
pub async fn decides(
    conn: &mut sqlx::AnyConnection,
    unit: i64,
    a: i64,
    b: i64,
) -> sqlx::Result<bool> {
    Ok(unit == a
        || unit == b
        || crate::people::directory::above_both(conn, a, b)
            .await?
            .contains(&unit))
}
