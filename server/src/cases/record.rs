//! A case's row as stored, read for the steps and the page: its facts, holder, progress through
//! the procedure and the backlog register's columns; and the event kinds by which units come
//! to hold it (the one place these lists are written).

use domain::backlog::{Listing, Month};
use domain::dispute::DisputeFacts;
use domain::jurisdiction::UnitKind;
use domain::procedure::{self, CaseStatus, Confirmation, Progress, Visited};
use domain::rules::model::ClosingRules;
use sqlx::{Any, Row, Transaction};

/// The event kinds by which a case arrives at a unit as its lead holder
/// ([`domain::events::ARRIVALS`]), as an SQL list for `kind IN (…)`.
pub fn arrivals_sql() -> String {
    crate::db::sql_list(domain::events::ARRIVALS.iter().map(|k| k.code()))
}

/// The event kinds by which a unit comes to hold a case at all ([`domain::events::HELD`]), as
/// an SQL list: a unit that ever held a case keeps seeing it and hears its result.
pub fn held_sql() -> String {
    crate::db::sql_list(domain::events::HELD.iter().map(|k| k.code()))
}

/// A case as the steps need it.
pub struct CaseRef {
    pub id: String,
    pub number: String,
    pub summary: String,
    pub status: CaseStatus,
    pub holder_unit_id: i64,
    pub holder_name: String,
    pub grid_id: i64,
    pub recorder_id: i64,
    pub facts: DisputeFacts,
    /// The agreement's JSON, once one is reached.
    pub agreement: Option<String>,
    /// When the server received it: no step of it happened before that day.
    pub recorded_at: i64,
    /// Where it stands in the procedure.
    pub stage: Stage,
    /// A court entrusted it (委托): its recording unit is the court, not a grid.
    pub entrusted: bool,
}

/// The columns a case's progress through the procedure is read from, as stored: the one
/// reading of them for the steps (`CaseRef`) and the page (`cases::view`).
#[derive(Clone, Debug)]
pub struct Stage {
    pub acknowledged: bool,
    /// `applied`, `confirmed` or `refused`.
    pub confirmation: Option<String>,
    /// What the follow-up visit found, once made.
    pub followed_up: Visited,
    /// When it was closed (结案 or another ending), while it stays so.
    pub closed_at: Option<i64>,
    /// The backlog register's columns.
    pub backlog: Register,
}

/// The stage's columns, for a query on `cases c` (the register's included).
pub const STAGE_COLUMNS: &str = "c.acknowledged_at, c.confirmation, c.performance, c.closed_at,
     c.backlog_listed_at, c.backlog_leader, c.backlog_evaluated_month, c.backlog_cleared_at";

impl Stage {
    pub fn from_row(r: &sqlx::any::AnyRow) -> sqlx::Result<Stage> {
        Ok(Stage {
            acknowledged: r.try_get::<Option<i64>, _>("acknowledged_at")?.is_some(),
            confirmation: r.try_get("confirmation")?,
            followed_up: visited(r.try_get("performance")?),
            closed_at: r.try_get("closed_at")?,
            backlog: Register::from_row(r)?,
        })
    }

    /// The progress the procedure's machine reads; `co_holder_acknowledged` is the reader's
    /// unit's, when it co-holds the case.
    pub fn progress(
        &self,
        co_holder_acknowledged: bool,
        closing: &ClosingRules,
        now: i64,
    ) -> Progress {
        Progress {
            acknowledged: self.acknowledged,
            co_holder_acknowledged,
            confirmation: Confirmation::from_column(self.confirmation.as_deref()),
            followed_up: self.followed_up,
            reopenable: self
                .closed_at
                .is_some_and(|closed_at| closing.reopenable(closed_at, now)),
            backlog: self.backlog.listing(now),
        }
    }
}

/// A case's entry in the backlog register, as stored.
#[derive(Clone, Debug, Default)]
pub struct Register {
    pub listed: bool,
    pub leader: bool,
    pub evaluated: Option<Month>,
    pub cleared: bool,
}

impl Register {
    pub fn from_row(r: &sqlx::any::AnyRow) -> sqlx::Result<Register> {
        Ok(Register {
            listed: r.try_get::<Option<i64>, _>("backlog_listed_at")?.is_some(),
            leader: r.try_get::<Option<String>, _>("backlog_leader")?.is_some(),
            evaluated: r
                .try_get::<Option<String>, _>("backlog_evaluated_month")?
                .as_deref()
                .and_then(Month::parse),
            cleared: r.try_get::<Option<i64>, _>("backlog_cleared_at")?.is_some(),
        })
    }

    pub fn listing(&self, now: i64) -> Listing {
        Listing::from_columns(self.listed, self.leader, self.evaluated, self.cleared, now)
    }
}

/// The register's columns, for a query on `cases c`.
pub const REGISTER_COLUMNS: &str =
    "c.backlog_listed_at, c.backlog_leader, c.backlog_evaluated_month, c.backlog_cleared_at";

pub async fn load(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
) -> sqlx::Result<Option<CaseRef>> {
    let row = sqlx::query(&format!(
        "SELECT c.id, c.number, c.summary, c.status, c.holder_unit_id, c.grid_id, c.recorder_id,
                    c.facts, c.agreement, c.recorded_at, {STAGE_COLUMNS},
                    u.name AS holder_name, g.kind AS origin_kind
             FROM cases c JOIN units u ON u.id = c.holder_unit_id JOIN units g ON g.id = c.grid_id
             WHERE c.id = $1"
    ))
    .bind(case_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let status: String = r.try_get("status")?;
    let facts: String = r.try_get("facts")?;
    let decode = |e: String| sqlx::Error::Decode(e.into());
    Ok(Some(CaseRef {
        id: r.try_get("id")?,
        number: r.try_get("number")?,
        summary: r.try_get("summary")?,
        status: CaseStatus::from_code(&status)
            .ok_or_else(|| decode(format!("unknown case status {status:?}")))?,
        holder_unit_id: r.try_get("holder_unit_id")?,
        holder_name: r.try_get("holder_name")?,
        grid_id: r.try_get("grid_id")?,
        recorder_id: r.try_get("recorder_id")?,
        facts: serde_json::from_str(&facts).map_err(|e| decode(e.to_string()))?,
        agreement: r.try_get("agreement")?,
        recorded_at: r.try_get("recorded_at")?,
        stage: Stage::from_row(&r)?,
        entrusted: r.try_get::<String, _>("origin_kind")? == UnitKind::Court.code(),
    }))
}

impl CaseRef {
    pub fn agreement(&self) -> Option<procedure::Agreement> {
        self.agreement
            .as_deref()
            .and_then(|a| serde_json::from_str(a).ok())
    }
}

/// What the follow-up visit found, from `cases.performance` (absent until a visit was made).
fn visited(performance: Option<String>) -> Visited {
    performance
        .as_deref()
        .and_then(domain::procedure::Performance::from_code)
        .map_or(Visited::NotYet, Visited::of)
}
