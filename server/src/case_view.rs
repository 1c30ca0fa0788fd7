//! Reading one case for its page: visibility first (`crate::visibility`), then the facts with
//! personal data masked, the holders, the rules that routed it, and its timeline.

use crate::db::Db;
use crate::directory::SUBTREE_CTE;
use crate::visibility::case_visible;
use app::case_view::{CaseView, Permissions, TimelineEntry};
use app::clock::Day;
use app::dispute::{mask_id_number, mask_phone, DisputeFacts};
use app::session::SessionUser;
use sqlx::Row;

/// The case if `user` may see it.
pub async fn load(db: &Db, user: &SessionUser, case_id: &str) -> anyhow::Result<Option<CaseView>> {
    let visible = case_visible("$3");
    let Some(row) = sqlx::query(&format!(
        "{SUBTREE_CTE}
         SELECT c.id, c.number, c.status, c.facts, c.recorder_id, c.recorded_at, c.holder_unit_id,
                c.channel, c.deadline_at, c.acknowledged_at, h.name AS holder_name, g.name AS grid_name
         FROM cases c JOIN units h ON h.id = c.holder_unit_id JOIN units g ON g.id = c.grid_id
         WHERE c.id = $2 AND {visible}"
    ))
    .bind(user.unit_id)
    .bind(case_id)
    .bind(user.id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let mut facts: DisputeFacts = serde_json::from_str(&row.try_get::<String, _>("facts")?)?;
    let recorder: i64 = row.try_get("recorder_id")?;
    if recorder != user.id {
        for party in &mut facts.parties {
            party.phone = party.phone.as_deref().map(mask_phone);
            party.id_number = party.id_number.as_deref().map(mask_id_number);
        }
    }
    let holder_id: i64 = row.try_get("holder_unit_id")?;
    let status: String = row.try_get("status")?;
    let co_holders = sqlx::query(
        "SELECT u.id, u.name FROM case_holders h JOIN units u ON u.id = h.unit_id
         WHERE h.case_id = $1 AND h.lead = 0 ORDER BY u.id",
    )
    .bind(case_id)
    .fetch_all(&db.pool)
    .await?;
    let co_holder_ids: Vec<i64> = co_holders
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<Result<_, _>>()?;
    let timeline = timeline(db, case_id).await?;
    let routed_by = timeline
        .iter()
        .rev()
        .find(|e| e.kind == "routed")
        .and_then(|e| e.detail.clone())
        .into_iter()
        .collect();
    let open = app::case_view::is_open(&status);
    let leads = user.unit_id == holder_id;
    let acknowledged = row.try_get::<Option<i64>, _>("acknowledged_at")?.is_some();
    Ok(Some(CaseView {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        facts,
        recorded_at: row.try_get("recorded_at")?,
        grid_name: row.try_get("grid_name")?,
        holder_id,
        holder_name: row.try_get("holder_name")?,
        co_holders: co_holders
            .iter()
            .map(|r| r.try_get("name"))
            .collect::<Result<_, _>>()?,
        channel: row.try_get("channel")?,
        deadline: row
            .try_get::<Option<i64>, _>("deadline_at")?
            .map(|ms| Day::of_unix_ms(ms).to_string()),
        acknowledged,
        routed_by,
        timeline,
        may: Permissions {
            acknowledge: open
                && ((leads && !acknowledged) || co_holder_ids.contains(&user.unit_id)),
            escalate: open && leads,
            resolve: open && leads,
            record_session: open && leads,
        },
        status,
    }))
}

async fn timeline(db: &Db, case_id: &str) -> anyhow::Result<Vec<TimelineEntry>> {
    let rows = sqlx::query(
        "SELECT e.kind, e.server_time, e.rule, e.payload, p.display_name AS actor, u.name AS unit
         FROM case_events e
         LEFT JOIN users p ON p.id = e.actor_id
         LEFT JOIN units u ON u.id = e.unit_id
         WHERE e.case_id = $1 ORDER BY e.id",
    )
    .bind(case_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let payload: Option<String> = r.try_get("payload")?;
            let payload: serde_json::Value = payload
                .and_then(|p| serde_json::from_str(&p).ok())
                .unwrap_or_default();
            // The words a person reads: a reason, a result or notice, or the rule's name.
            let detail = ["reason", "notice", "text", "result"]
                .iter()
                .find_map(|k| payload.get(k).and_then(|v| v.as_str()).map(str::to_owned))
                .or_else(|| {
                    payload
                        .get("fired")
                        .and_then(|f| f.as_array())
                        .and_then(|f| f.last())
                        .and_then(|f| f.get("name"))
                        .and_then(|n| n.as_str())
                        .map(str::to_owned)
                });
            Ok(TimelineEntry {
                kind: r.try_get("kind")?,
                at: r.try_get("server_time")?,
                actor: r.try_get("actor")?,
                unit: r.try_get("unit")?,
                rule: r.try_get("rule")?,
                detail,
            })
        })
        .collect()
}
