//! The cases a unit holds (lead or co-holder), most urgent first: overdue, then not yet
//! acknowledged, then by deadline (none last), then oldest first.

use crate::db::Db;
use app::api::work::{
    AcceptanceFigures, Due, WorkFilter, WorkItem, DUE_SOON_DAYS, WORK_LIST_LIMIT,
};
use domain::clock::{Day, Month, DAY_MS};
use domain::events::EventKind;
use domain::session::SessionUser;
use sqlx::Row;

/// The reader's unit's cases, without the sensitive ones the reader may not see.
pub async fn list(
    db: &Db,
    reader: &SessionUser,
    filter: &WorkFilter,
    now: i64,
) -> sqlx::Result<Vec<WorkItem>> {
    let statuses = crate::db::sql_list(filter.stage.statuses().iter().copied());
    let may_see = crate::cases::visibility::sensitive_allowed("$3");
    // $1 the unit, $2 now, $3 the reader; the optional filters take the next numbers, bound in
    // this order.
    let mut conditions = String::new();
    let mut next = 4;
    let soon_ms = DUE_SOON_DAYS * DAY_MS;
    match filter.due {
        Due::Any => {}
        Due::Overdue => conditions.push_str(" AND c.deadline_at < $2"),
        Due::Soon => {
            conditions.push_str(&format!(
                " AND c.deadline_at >= $2 AND c.deadline_at < $2 + ${next}"
            ));
            next += 1;
        }
    }
    if filter.category.is_some() {
        conditions.push_str(&format!(" AND c.category = ${next}"));
    }
    // What a superior asked of it since it came here: the latest arrival was a hand-down
    // (交办), or a 督办 followed it. Per listed row, by the events' case index.
    let arrival = format!(
        "(SELECT MAX(a.id) FROM case_events a WHERE a.case_id = c.id AND a.kind IN ({}))",
        crate::db::sql_list(domain::events::ARRIVALS.iter().map(|k| k.code()))
    );
    let from_above = format!(
        "CASE WHEN h.lead = 1 AND EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id
                   AND e.kind = '{handed}' AND e.id = {arrival}) THEN 1 ELSE 0 END AS handed_down,
         CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id
                   AND e.kind = '{pressed}' AND e.id > COALESCE({arrival}, 0)) THEN 1 ELSE 0 END AS pressed",
        handed = EventKind::HandedDown.code(),
        pressed = EventKind::SupervisionIssued.code(),
    );
    // A co-holder's acknowledgement is its own; the lead's is also on the case (rows written
    // before holders kept their own).
    let sql = format!(
        "SELECT c.id, c.number, c.summary, c.category, c.status, c.deadline_at, h.lead, {from_above},
                CASE WHEN c.backlog_listed_at IS NOT NULL AND c.backlog_cleared_at IS NULL
                     THEN 1 ELSE 0 END AS backlog,
                CASE WHEN h.acknowledged_at IS NOT NULL OR (h.lead = 1 AND c.acknowledged_at IS NOT NULL)
                     THEN 1 ELSE 0 END AS acknowledged
         FROM case_holders h JOIN cases c ON c.id = h.case_id
         WHERE h.unit_id = $1 AND c.status IN ({statuses}) AND {may_see}{conditions}
         ORDER BY CASE WHEN c.deadline_at < $2 THEN 0
                       WHEN h.acknowledged_at IS NULL AND (h.lead = 0 OR c.acknowledged_at IS NULL) THEN 1
                       ELSE 2 END,
                  CASE WHEN c.deadline_at IS NULL THEN 1 ELSE 0 END, c.deadline_at, c.recorded_at, c.id
         LIMIT {WORK_LIST_LIMIT}"
    );
    let mut query = sqlx::query(&sql)
        .bind(reader.unit_id)
        .bind(now)
        .bind(reader.id);
    if filter.due == Due::Soon {
        query = query.bind(soon_ms);
    }
    if let Some(category) = &filter.category {
        query = query.bind(category.as_str());
    }
    let rows = query.fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| {
            let deadline: Option<i64> = r.try_get("deadline_at")?;
            Ok(WorkItem {
                id: r.try_get("id")?,
                number: r.try_get("number")?,
                summary: r.try_get("summary")?,
                category: r.try_get("category")?,
                status: r.try_get("status")?,
                deadline: deadline.map(|ms| Day::of_unix_ms(ms).to_string()),
                overdue: deadline.is_some_and(|ms| ms < now),
                acknowledged: r.try_get::<i64, _>("acknowledged")? == 1,
                co_held: r.try_get::<i64, _>("lead")? == 0,
                backlog: r.try_get::<i64, _>("backlog")? == 1,
                handed_down: r.try_get::<i64, _>("handed_down")? == 1,
                pressed: r.try_get::<i64, _>("pressed")? == 1,
            })
        })
        .collect()
}

/// The unit's 受理 and 不予受理 decisions in the month of `now` (China time), from the case log.
pub async fn acceptance(db: &Db, unit_id: i64, now: i64) -> sqlx::Result<AcceptanceFigures> {
    let month = Month::of_unix_ms(now);
    let row = sqlx::query(
        // A duplicate linked into another case (并案) is that case's dispute: counted once.
        "SELECT COALESCE(SUM(CASE WHEN e.kind = $4 THEN 1 ELSE 0 END), 0) AS accepted,
                COALESCE(SUM(CASE WHEN e.kind = $5 THEN 1 ELSE 0 END), 0) AS declined
         FROM case_events e JOIN cases c ON c.id = e.case_id
         WHERE e.unit_id = $1 AND e.kind IN ($4, $5) AND c.status <> $6
           AND e.server_time >= $2 AND e.server_time < $3",
    )
    .bind(unit_id)
    .bind(month.start_unix_ms())
    .bind(month.next().start_unix_ms())
    .bind(EventKind::Accepted.code())
    .bind(EventKind::Declined.code())
    .bind(domain::procedure::CaseStatus::Merged.code())
    .fetch_one(&db.pool)
    .await?;
    Ok(AcceptanceFigures {
        month,
        accepted: row.try_get("accepted")?,
        declined: row.try_get("declined")?,
    })
}
