//! What units do with a case they hold, as the rules describe it: acknowledge receipt (签收),
//! escalate one tier up with a reason (三级四步登记, seed 001), resolve — the result travelling
//! back down to every unit that held it and the recording grid (seed 002) — and, when the top
//! tier cannot resolve it, terminate with the notice about litigation and arbitration.
//!
//! Each runs inside the caller's transaction (a sync push or the scheduler's sweep), so the
//! change, its event and its notifications commit together or not at all.

use crate::case_log::{self, next_change_seq, Event};
use crate::notify::{self, Notice};
use crate::routing::routing_tree;
use app::clock::Day;
use app::rules::{escalation_target, RuleSet};
use app::sync::Rejection;
use sqlx::{Any, Row, Transaction};

/// Who acts: a person of a unit, or the rules themselves (the scheduler).
#[derive(Clone, Copy, Debug)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub unit_id: Option<i64>,
}

impl Actor {
    pub const RULES: Actor = Actor {
        user_id: None,
        unit_id: None,
    };
}

/// A case as these actions need it.
pub struct CaseRef {
    pub id: String,
    pub number: String,
    pub summary: String,
    pub status: String,
    pub holder_unit_id: i64,
    pub holder_name: String,
    pub grid_id: i64,
}

pub async fn load(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
) -> sqlx::Result<Option<CaseRef>> {
    let row = sqlx::query(
        "SELECT c.id, c.number, c.summary, c.status, c.holder_unit_id, c.grid_id, u.name AS holder_name
         FROM cases c JOIN units u ON u.id = c.holder_unit_id WHERE c.id = $1",
    )
    .bind(case_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| {
        Ok(CaseRef {
            id: r.try_get("id")?,
            number: r.try_get("number")?,
            summary: r.try_get("summary")?,
            status: r.try_get("status")?,
            holder_unit_id: r.try_get("holder_unit_id")?,
            holder_name: r.try_get("holder_name")?,
            grid_id: r.try_get("grid_id")?,
        })
    })
    .transpose()
}

/// What an action changed, for the caller to report after commit.
#[derive(Default)]
pub struct Done {
    /// Users told something, to wake their live streams once committed.
    pub told: Vec<i64>,
}

fn open_or_refuse(case: &CaseRef) -> Result<(), Rejection> {
    if app::case_view::is_open(&case.status) {
        Ok(())
    } else {
        Err(Rejection::CaseClosed {
            status: case.status.clone(),
        })
    }
}

/// Only the lead holder escalates or resolves.
fn lead_or_refuse(case: &CaseRef, actor: Actor) -> Result<(), Rejection> {
    match actor.unit_id {
        Some(unit) if unit != case.holder_unit_id => Err(Rejection::NotHolder {
            holder: case.holder_name.clone(),
        }),
        _ => Ok(()),
    }
}

async fn is_holder(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
    unit_id: i64,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("SELECT 1 AS one FROM case_holders WHERE case_id = $1 AND unit_id = $2")
            .bind(case_id)
            .bind(unit_id)
            .fetch_optional(&mut **tx)
            .await?
            .is_some(),
    )
}

async fn touch(tx: &mut Transaction<'static, Any>, case_id: &str) -> sqlx::Result<()> {
    let seq = next_change_seq(tx).await?;
    sqlx::query("UPDATE cases SET change_seq = $1 WHERE id = $2")
        .bind(seq)
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// 签收: a holding unit confirms it has the case.
pub async fn acknowledge(
    tx: &mut Transaction<'static, Any>,
    case: &CaseRef,
    actor: Actor,
    client_time: Option<i64>,
    now: i64,
) -> sqlx::Result<Result<Done, Rejection>> {
    if let Err(refusal) = open_or_refuse(case) {
        return Ok(Err(refusal));
    }
    let Some(unit_id) = actor.unit_id else {
        return Ok(Err(Rejection::NotAllowed));
    };
    if !is_holder(tx, &case.id, unit_id).await? {
        return Ok(Err(Rejection::NotHolder {
            holder: case.holder_name.clone(),
        }));
    }
    if unit_id == case.holder_unit_id {
        sqlx::query(
            "UPDATE cases SET acknowledged_at = COALESCE(acknowledged_at, $1) WHERE id = $2",
        )
        .bind(now)
        .bind(&case.id)
        .execute(&mut **tx)
        .await?;
    }
    touch(tx, &case.id).await?;
    case_log::append(
        tx,
        Event {
            case_id: &case.id,
            kind: "acknowledged",
            actor_id: actor.user_id,
            unit_id: Some(unit_id),
            client_time,
            server_time: now,
            rule: None,
            payload: None,
        },
    )
    .await?;
    Ok(Ok(Done::default()))
}

/// The units that held the case at any time, and the recording grid: whom a result reaches.
async fn everyone_concerned(
    tx: &mut Transaction<'static, Any>,
    case: &CaseRef,
) -> sqlx::Result<Vec<i64>> {
    let rows = sqlx::query(
        "SELECT unit_id FROM case_events WHERE case_id = $1 AND kind IN ('routed', 'escalated') AND unit_id IS NOT NULL
         UNION SELECT unit_id FROM case_holders WHERE case_id = $1",
    )
    .bind(&case.id)
    .fetch_all(&mut **tx)
    .await?;
    let mut units: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get("unit_id"))
        .collect::<sqlx::Result<_>>()?;
    units.push(case.grid_id);
    units.sort_unstable();
    units.dedup();
    Ok(units)
}

/// Sends the case one tier up the recording grid's ladder with the reason; at the top tier,
/// terminates it (the city's mediation is final, seed 002). `rule` names the rule when the
/// scheduler escalates an overdue case.
#[allow(clippy::too_many_arguments)]
pub async fn escalate(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    case: &CaseRef,
    actor: Actor,
    reason: &str,
    rule: Option<&str>,
    client_time: Option<i64>,
    now: i64,
) -> sqlx::Result<Result<Done, Rejection>> {
    if let Err(refusal) = open_or_refuse(case).and_then(|()| lead_or_refuse(case, actor)) {
        return Ok(Err(refusal));
    }
    let tree = routing_tree(&mut **tx, case.grid_id).await?;
    let Some(up) = escalation_target(&tree, case.holder_unit_id) else {
        return terminate(tx, case, actor, reason, client_time, now)
            .await
            .map(Ok);
    };
    let tier = tree.tier_of(&up).unwrap_or(app::rules::Tier::City);
    let deadline = rules
        .calendar
        .add_working_days(Day::of_unix_ms(now), rules.deadlines.for_tier(tier));
    sqlx::query(
        "UPDATE cases SET holder_unit_id = $1, status = 'escalated', received_at = $2,
                          acknowledged_at = NULL, deadline_at = $3, supervised_at = NULL,
                          receipt_reminded_at = NULL
         WHERE id = $4",
    )
    .bind(up.id)
    .bind(now)
    .bind(deadline.end_unix_ms())
    .bind(&case.id)
    .execute(&mut **tx)
    .await?;
    // Joint co-holding ends with the escalation: the tier above takes the case alone.
    sqlx::query("DELETE FROM case_holders WHERE case_id = $1")
        .bind(&case.id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO case_holders (case_id, unit_id, lead, since) VALUES ($1, $2, 1, $3)")
        .bind(&case.id)
        .bind(up.id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    touch(tx, &case.id).await?;
    // The registration entry of the 三级四步 form: from whom, to whom, why, when.
    let payload = serde_json::json!({
        "from": case.holder_unit_id,
        "from_name": case.holder_name,
        "to": up.id,
        "to_name": up.name,
        "reason": reason,
        "deadline": deadline,
        "registration": "三级四步登记",
    })
    .to_string();
    case_log::append(
        tx,
        Event {
            case_id: &case.id,
            kind: "escalated",
            actor_id: actor.user_id,
            unit_id: Some(up.id),
            client_time,
            server_time: now,
            rule,
            payload: Some(&payload),
        },
    )
    .await?;
    let told = notify::tell_units(
        tx,
        &[up.id],
        &Notice {
            kind: "escalated",
            case_id: &case.id,
            case_number: &case.number,
            summary: &case.summary,
            detail: Some(reason),
            at: now,
        },
    )
    .await?;
    Ok(Ok(Done { told }))
}

/// The notice a terminated case carries to the parties (seed 002, seed 000 三(四)).
pub const TERMINATION_NOTICE: &str =
    "调解终结：经最高一级调解仍未达成协议，请告知当事人可依法通过诉讼、仲裁等途径解决纠纷。";

async fn terminate(
    tx: &mut Transaction<'static, Any>,
    case: &CaseRef,
    actor: Actor,
    reason: &str,
    client_time: Option<i64>,
    now: i64,
) -> sqlx::Result<Done> {
    close(
        tx,
        case,
        actor,
        "terminated",
        reason,
        TERMINATION_NOTICE,
        client_time,
        now,
    )
    .await
}

/// The lead holder resolved the case: the result travels back down.
pub async fn resolve(
    tx: &mut Transaction<'static, Any>,
    case: &CaseRef,
    actor: Actor,
    result: &str,
    client_time: Option<i64>,
    now: i64,
) -> sqlx::Result<Result<Done, Rejection>> {
    if let Err(refusal) = open_or_refuse(case).and_then(|()| lead_or_refuse(case, actor)) {
        return Ok(Err(refusal));
    }
    close(
        tx,
        case,
        actor,
        "resolved",
        result,
        result,
        client_time,
        now,
    )
    .await
    .map(Ok)
}

#[allow(clippy::too_many_arguments)]
async fn close(
    tx: &mut Transaction<'static, Any>,
    case: &CaseRef,
    actor: Actor,
    status: &str,
    text: &str,
    told_text: &str,
    client_time: Option<i64>,
    now: i64,
) -> sqlx::Result<Done> {
    sqlx::query("UPDATE cases SET status = $1, deadline_at = NULL WHERE id = $2")
        .bind(status)
        .bind(&case.id)
        .execute(&mut **tx)
        .await?;
    touch(tx, &case.id).await?;
    let payload = serde_json::json!({ "text": text, "notice": told_text }).to_string();
    case_log::append(
        tx,
        Event {
            case_id: &case.id,
            kind: status,
            actor_id: actor.user_id,
            unit_id: Some(case.holder_unit_id),
            client_time,
            server_time: now,
            rule: None,
            payload: Some(&payload),
        },
    )
    .await?;
    let units = everyone_concerned(tx, case).await?;
    let told = notify::tell_units(
        tx,
        &units,
        &Notice {
            kind: "result",
            case_id: &case.id,
            case_number: &case.number,
            summary: &case.summary,
            detail: Some(told_text),
            at: now,
        },
    )
    .await?;
    Ok(Done { told })
}

pub const ATTEMPTS_RULE: &str = "attempts-limit";

/// A mediation session held by the lead holder. When the failed sessions at this holder reach
/// the rule file's limit for its tier (Jiangyin "331"), the case goes one tier up by itself.
pub async fn record_session(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    case: &CaseRef,
    actor: Actor,
    session: &app::sync::Session,
    client_time: Option<i64>,
    now: i64,
) -> sqlx::Result<Result<Done, Rejection>> {
    if let Err(refusal) = open_or_refuse(case).and_then(|()| lead_or_refuse(case, actor)) {
        return Ok(Err(refusal));
    }
    touch(tx, &case.id).await?;
    let payload = serde_json::json!({
        "place": session.place.trim(),
        "text": session.notes.trim(),
    })
    .to_string();
    // A failed session has its own kind, so the attempt count is a plain count.
    let kind = if session.failed {
        "session_failed"
    } else {
        "session_held"
    };
    case_log::append(
        tx,
        Event {
            case_id: &case.id,
            kind,
            actor_id: actor.user_id,
            unit_id: Some(case.holder_unit_id),
            client_time,
            server_time: now,
            rule: None,
            payload: Some(&payload),
        },
    )
    .await?;
    if !session.failed {
        return Ok(Ok(Done::default()));
    }
    let tree = routing_tree(&mut **tx, case.grid_id).await?;
    let limit = tree
        .unit(case.holder_unit_id)
        .and_then(|holder| tree.tier_of(holder))
        .and_then(|tier| rules.attempts.for_tier(tier));
    let Some(limit) = limit else {
        return Ok(Ok(Done::default()));
    };
    // Failed sessions at this holder since the case last arrived here.
    let failed: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM case_events
         WHERE case_id = $1 AND kind = 'session_failed' AND unit_id = $2
           AND id > COALESCE((SELECT MAX(id) FROM case_events
                              WHERE case_id = $1 AND kind IN ('routed', 'escalated')), 0)",
    )
    .bind(&case.id)
    .bind(case.holder_unit_id)
    .fetch_one(&mut **tx)
    .await?
    .try_get("n")?;
    if failed < i64::from(limit) {
        return Ok(Ok(Done::default()));
    }
    let reason = format!("本级调解 {failed} 次未成功，按规则上报上一级");
    escalate(
        tx,
        rules,
        case,
        Actor::RULES,
        &reason,
        Some(ATTEMPTS_RULE),
        None,
        now,
    )
    .await
}
