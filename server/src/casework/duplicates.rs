//! 重复登记 (`domain::duplicates`): as each case arrives, the cases recorded by someone else in
//! the last 30 days that share a party (phone or ID number, as `case_parties` keeps them) and the
//! category are paired with it, and each holder that may see both cases is told (or, when
//! neither may, the nearest unit above both). The holder compares them on the case page and
//! links them (并案: the other case ends as `merged`, its
//! recorder is told, and it counts no more on its own) or marks them distinct.

use super::{touch, CaseRef};
use crate::cases::log::{self as case_log, Event};
use crate::cases::visibility::visible_to;
use crate::casework;
use crate::notifications::notice::Notice;
use crate::notifications::notify;
use domain::clock::DAY_MS;
use domain::duplicates::{validate_decision, DuplicateDecision, Verdict, WINDOW_DAYS};
use domain::events::EventKind;
use domain::notices::NoticeKind;
use domain::procedure::CaseStatus;
use domain::session::SessionUser;
use domain::sync::{Rejection, Settled};
use sqlx::{Any, Row, Transaction};

/// A case that has just arrived (its parties are in `case_parties` already).
pub struct Arrival<'a> {
    pub case_id: &'a str,
    pub category: &'a str,
    pub recorder_id: i64,
    pub now: i64,
}

/// Pairs the new case with its likely duplicates and tells their holders; returns the people
/// told.
pub async fn on_new_case(
    tx: &mut Transaction<'static, Any>,
    arrival: &Arrival<'_>,
) -> sqlx::Result<Vec<i64>> {
    let rows = sqlx::query(
        "SELECT DISTINCT c.id FROM case_parties mine
         JOIN case_parties theirs ON theirs.party_key = mine.party_key AND theirs.case_id <> mine.case_id
         JOIN cases c ON c.id = theirs.case_id
         WHERE mine.case_id = $1 AND c.category = $2 AND c.recorder_id <> $3
           AND c.status <> $4 AND c.created_at >= $5
         ORDER BY c.id",
    )
    .bind(arrival.case_id)
    .bind(arrival.category)
    .bind(arrival.recorder_id)
    .bind(CaseStatus::Merged.code())
    .bind(arrival.now - WINDOW_DAYS * DAY_MS)
    .fetch_all(&mut **tx)
    .await?;
    let mut told = Vec::new();
    for row in &rows {
        let other: String = row.try_get("id")?;
        let (first, second) = ordered(arrival.case_id, &other);
        sqlx::query(
            "INSERT INTO duplicate_pairs (first_id, second_id, found_at) VALUES ($1, $2, $3)",
        )
        .bind(first)
        .bind(second)
        .bind(arrival.now)
        .execute(&mut **tx)
        .await?;
        touch(tx, &other).await?;
        told.extend(tell_holders(tx, arrival.case_id, &other, arrival.now).await?);
    }
    Ok(told)
}

/// A pair is stored with the smaller id first.
fn ordered<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Tells the holder of each case of a new pair, if that unit may see both (a notice never
/// carries what its reader may not see): 「可能与案件 … 重复」 on the case it holds. When neither
/// holder may see the other's case (two villages), the nearest unit above both — which sees
/// both — is told instead, and decides.
async fn tell_holders(
    tx: &mut Transaction<'static, Any>,
    new_id: &str,
    other_id: &str,
    now: i64,
) -> sqlx::Result<Vec<i64>> {
    let (Some(new), Some(other)) = (
        casework::load(tx, new_id).await?,
        casework::load(tx, other_id).await?,
    ) else {
        return Ok(Vec::new());
    };
    let mut told = Vec::new();
    let mut anyone = false;
    for (held, beside) in [(&new, &other), (&other, &new)] {
        let unit = held.holder_unit_id;
        if held.holder_unit_id == beside.holder_unit_id && held.id == other.id {
            // One unit holds both: told once, on the new case.
            continue;
        }
        if !visible_to(&mut **tx, unit, None, &beside.id).await? {
            continue;
        }
        anyone = true;
        told.extend(tell_unit(tx, unit, held, beside, now).await?);
    }
    if !anyone {
        let above =
            crate::people::directory::above_both(tx, new.holder_unit_id, other.holder_unit_id)
                .await?;
        if let Some(&nearest) = above.first() {
            if visible_to(&mut **tx, nearest, None, &other.id).await?
                && visible_to(&mut **tx, nearest, None, &new.id).await?
            {
                told.extend(tell_unit(tx, nearest, &new, &other, now).await?);
            }
        }
    }
    Ok(told)
}

async fn tell_unit(
    tx: &mut Transaction<'static, Any>,
    unit: i64,
    case: &CaseRef,
    beside: &CaseRef,
    now: i64,
) -> sqlx::Result<Vec<i64>> {
    let notice = Notice {
        kind: NoticeKind::PossibleDuplicate,
        case_id: &case.id,
        case_number: &case.number,
        summary: &case.summary,
        detail: Some(&beside.number),
        at: now,
        by: None,
    };
    notify::tell_units(tx, &[unit], &notice).await
}

/// The holder's decision on a pair, from a push: `case_id` goes on (and absorbs the other for
/// [`Verdict::Absorb`]).
pub async fn settle(
    tx: &mut Transaction<'static, Any>,
    user: &SessionUser,
    case_id: &str,
    decision: &DuplicateDecision,
    now: i64,
    told: &mut Vec<i64>,
) -> sqlx::Result<Settled> {
    let problems = validate_decision(case_id, decision);
    if !problems.is_empty() {
        return Ok(rejected(Rejection::Invalid { problems }));
    }
    let other_id = decision.other_case_id.trim();
    let (Some(keep), Some(other)) = (
        casework::load(tx, case_id).await?,
        casework::load(tx, other_id).await?,
    ) else {
        return Ok(rejected(Rejection::UnknownCase));
    };
    // A case the person may not see answers exactly as one that does not exist.
    for case in [&keep, &other] {
        if !visible_to(&mut **tx, user.unit_id, Some(user.id), &case.id).await? {
            return Ok(rejected(Rejection::UnknownCase));
        }
    }
    let (first, second) = ordered(&keep.id, &other.id);
    let pair =
        sqlx::query("SELECT verdict FROM duplicate_pairs WHERE first_id = $1 AND second_id = $2")
            .bind(first)
            .bind(second)
            .fetch_optional(&mut **tx)
            .await?;
    let Some(pair) = pair else {
        return Ok(rejected(Rejection::Invalid {
            problems: vec![domain::problem::problem(
                "other_case_id",
                domain::problem::Problem::UnknownValue,
            )],
        }));
    };
    if let Some(verdict) = pair.try_get::<Option<String>, _>("verdict")? {
        return Ok(rejected(Rejection::DuplicateSettled { verdict }));
    }
    if !crate::cases::duplicates::decides(
        tx,
        user.unit_id,
        keep.holder_unit_id,
        other.holder_unit_id,
    )
    .await?
    {
        return Ok(rejected(Rejection::NotHolder {
            holder: keep.holder_name.clone(),
        }));
    }
    if let Some(refusal) = still_standing(&keep, &other, decision.verdict) {
        return Ok(rejected(refusal));
    }
    sqlx::query(
        "UPDATE duplicate_pairs SET verdict = $1, decided_by = $2, decided_at = $3
         WHERE first_id = $4 AND second_id = $5",
    )
    .bind(decision.verdict.code())
    .bind(user.id)
    .bind(now)
    .bind(first)
    .bind(second)
    .execute(&mut **tx)
    .await?;
    let decided = Decided {
        user,
        keep: &keep,
        other: &other,
        now,
    };
    match decision.verdict {
        Verdict::Absorb => told.extend(decided.link(tx).await?),
        Verdict::Distinct => decided.part(tx).await?,
    }
    told.extend(decided.answered(tx).await?);
    Ok(Settled::Applied {
        case_number: keep.number.clone(),
    })
}

fn rejected(reason: Rejection) -> Settled {
    Settled::Rejected { reason }
}

/// Why the decision no longer fits the two cases: a merged case takes no part in another
/// pair, and a case that has ended (resolved, declined…) keeps its ending rather than being
/// absorbed.
fn still_standing(keep: &CaseRef, other: &CaseRef, verdict: Verdict) -> Option<Rejection> {
    let closed = |case: &CaseRef| Rejection::CaseClosed {
        status: case.status.code().into(),
    };
    if keep.status == CaseStatus::Merged {
        return Some(closed(keep));
    }
    if other.status == CaseStatus::Merged || (verdict == Verdict::Absorb && other.status.is_final())
    {
        return Some(closed(other));
    }
    None
}

/// A decision being written: who made it, on which two cases.
struct Decided<'a> {
    user: &'a SessionUser,
    keep: &'a CaseRef,
    other: &'a CaseRef,
    now: i64,
}

impl Decided<'_> {
    /// 并案: the other case ends as merged into the one kept; both timelines say so, and the
    /// other's recorder (its grid) and holder are told. Returns the people told.
    async fn link(&self, tx: &mut Transaction<'static, Any>) -> sqlx::Result<Vec<i64>> {
        let (keep, other) = (self.keep, self.other);
        sqlx::query("UPDATE cases SET status = $1, merged_into = $2 WHERE id = $3")
            .bind(CaseStatus::Merged.code())
            .bind(&keep.id)
            .bind(&other.id)
            .execute(&mut **tx)
            .await?;
        // The dispute goes on as the case kept: it reaches the unit that recorded the duplicate,
        // so that grid worker follows the dispute they reported (and hears its result), by the
        // one visibility rule.
        crate::cases::reach::recorded_by(tx, &keep.id, other.grid_id).await?;
        self.log(tx, keep, EventKind::DuplicateAbsorbed, other)
            .await?;
        self.log(tx, other, EventKind::MergedInto, keep).await?;
        let mut units = vec![other.grid_id, other.holder_unit_id];
        units.retain(|u| *u != self.user.unit_id);
        units.dedup();
        let mut told = Vec::new();
        for unit in units {
            // The case kept is named only to a unit that may open it.
            let sees_kept = visible_to(&mut **tx, unit, None, &keep.id).await?;
            let notice = Notice {
                kind: NoticeKind::Merged,
                case_id: &other.id,
                case_number: &other.number,
                summary: &other.summary,
                detail: sees_kept.then_some(keep.number.as_str()),
                at: self.now,
                by: None,
            };
            told.extend(notify::tell_units(tx, &[unit], &notice).await?);
        }
        Ok(told)
    }

    /// The question is answered: the notices that asked it (「疑似重复登记，请核实」, on either
    /// case, naming the other) count as read for everyone who got one. Returns those people,
    /// whose unread count changed.
    async fn answered(&self, tx: &mut Transaction<'static, Any>) -> sqlx::Result<Vec<i64>> {
        let (a, b) = (self.keep, self.other);
        let rows = sqlx::query(
            "UPDATE notifications SET read_at = $1
             WHERE kind = $2 AND read_at IS NULL
               AND ((case_id = $3 AND detail = $4) OR (case_id = $5 AND detail = $6))
             RETURNING user_id",
        )
        .bind(self.now)
        .bind(NoticeKind::PossibleDuplicate.code())
        .bind(&a.id)
        .bind(&b.number)
        .bind(&b.id)
        .bind(&a.number)
        .fetch_all(&mut **tx)
        .await?;
        rows.iter().map(|r| r.try_get("user_id")).collect()
    }

    /// Two different disputes: each timeline says so, and neither is offered again as the
    /// other's duplicate.
    async fn part(&self, tx: &mut Transaction<'static, Any>) -> sqlx::Result<()> {
        self.log(tx, self.keep, EventKind::MarkedDistinct, self.other)
            .await?;
        self.log(tx, self.other, EventKind::MarkedDistinct, self.keep)
            .await
    }

    /// One event in `case`'s timeline naming the other case; the case counts as changed.
    async fn log(
        &self,
        tx: &mut Transaction<'static, Any>,
        case: &CaseRef,
        kind: EventKind,
        beside: &CaseRef,
    ) -> sqlx::Result<()> {
        // The other case is a link among the event's particulars (`cases::view`).
        let payload = serde_json::json!({
            "case_id": beside.id,
            "number": beside.number,
        })
        .to_string();
        case_log::append(
            tx,
            Event {
                case_id: &case.id,
                kind,
                actor_id: Some(self.user.id),
                unit_id: Some(self.user.unit_id),
                client_time: None,
                server_time: self.now,
                rule: None,
                payload: Some(&payload),
            },
        )
        .await?;
        touch(tx, &case.id).await
    }
}
