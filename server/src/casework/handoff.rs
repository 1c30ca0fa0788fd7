//! Handing a case on (seed 000): transfer (移送) to another mediation organisation, only with
//! every party's consent; joint mediation (联合调解) with co-holders; and from an office above
//! the holder, handing it down (交办) and pressing it (督办). Each event keeps who, when,
//! why and what the letter will print (the letters themselves come later).

use super::{ladder, touch, Done, Outcome, Step};
use crate::cases::reach::{self, Holding};
use crate::notifications::notify;
use crate::people::directory::{handoff_root, lies_below, routing_tree};
use domain::clock::Day;
use domain::events::EventKind;
use domain::jurisdiction::UnitKind;
use domain::notices::NoticeKind;
use domain::problem::{FieldProblem, Problem};
use domain::procedure::{
    day_ahead_fits, missing_consents, CaseStatus, HandDown, JointMediation, Supervision, Transfer,
};
use domain::rules::model::Channel;
use domain::rules::RuleSet;
use domain::sync::Rejection;
use sqlx::{Any, Row, Transaction};

/// A unit that can hold a case: any mediation organisation, not a grid or a court.
async fn mediation_unit(
    tx: &mut Transaction<'static, Any>,
    unit_id: i64,
) -> sqlx::Result<Option<String>> {
    let row = sqlx::query("SELECT name, kind FROM units WHERE id = $1")
        .bind(unit_id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let kind: String = row.try_get("kind")?;
    Ok(match UnitKind::from_code(&kind) {
        Some(k) if k.mediates() => Some(row.try_get("name")?),
        _ => None,
    })
}

/// Whether `unit` is within the holder's reach for a transfer or joint mediation: in the
/// subtree of `RoutingTree::handoff_root`, the units the case page offers.
async fn within_reach(
    tx: &mut Transaction<'static, Any>,
    holder_id: i64,
    unit: i64,
) -> sqlx::Result<bool> {
    let Some(root) = handoff_root(&mut **tx, holder_id).await? else {
        return Ok(false);
    };
    let above_unit = routing_tree(&mut **tx, unit).await?;
    Ok(above_unit.ladder().iter().any(|u| u.id == root))
}

/// The parties as the letter names them.
fn parties_of(step: &Step<'_>) -> Vec<serde_json::Value> {
    step.case
        .facts
        .parties
        .iter()
        .map(|p| serde_json::json!({ "name": p.name, "role": p.role }))
        .collect()
}

/// 移送: the case leaves this organisation for another, received there afresh.
pub(super) async fn transfer(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    step: Step<'_>,
    transfer: &Transfer,
) -> Outcome {
    let case = step.case;
    let missing = missing_consents(&case.facts.parties, &transfer.consents);
    if !missing.is_empty() {
        return Ok(Err(Rejection::ConsentMissing { parties: missing }));
    }
    let to = transfer.to_unit_id;
    let Some(to_name) = mediation_unit(tx, to)
        .await?
        .filter(|_| to != case.holder_unit_id)
    else {
        return Ok(Err(Rejection::UnknownUnit));
    };
    if !within_reach(tx, case.holder_unit_id, to).await? {
        return Ok(Err(Rejection::UnknownUnit));
    }
    let deadline = ladder::deadline_for(tx, rules, to, step.now).await?;
    ladder::hand_over(tx, case, to, CaseStatus::Routed, deadline, step.now).await?;
    let payload = serde_json::json!({
        "from": case.holder_unit_id,
        "from_name": case.holder_name,
        "to": to,
        "to_name": to_name,
        "reason": transfer.reason.trim(),
        "deadline": deadline,
        "consents": transfer.consents,
        "letter": {
            "case_number": case.number,
            "summary": case.summary,
            "parties": parties_of(&step),
        },
    });
    step.log(tx, EventKind::Transferred, Some(to), Some(payload))
        .await?;
    let told = notify::tell_units(
        tx,
        &[to],
        &step.notice(NoticeKind::Transferred, Some(transfer.reason.trim())),
    )
    .await?;
    Ok(Ok(Done { told }))
}

/// 联合调解: each unit (within the holder's reach) joins as a co-holder and is told; the lead
/// stays the lead. The case then runs on the joint channel's short deadline (seed 000 限时办结)
/// if that comes sooner than the one it had.
pub(super) async fn join(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    step: Step<'_>,
    joint: &JointMediation,
) -> Outcome {
    for unit in &joint.unit_ids {
        if !within_reach(tx, step.case.holder_unit_id, *unit).await? {
            return Ok(Err(Rejection::UnknownUnit));
        }
    }
    let joined = match add_co_holders(tx, step, &joint.unit_ids, joint.reason.trim()).await? {
        Ok(joined) => joined,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if joined.is_empty() {
        return Ok(Ok(Done::default()));
    }
    let joint_deadline = rules
        .calendar
        .add_working_days(Day::of_unix_ms(step.now), rules.deadlines.joint)
        .end_unix_ms();
    sqlx::query(
        "UPDATE cases SET channel = $1,
                          deadline_at = CASE WHEN deadline_at IS NULL OR deadline_at > $2
                                             THEN $2 ELSE deadline_at END
         WHERE id = $3",
    )
    .bind(Channel::Joint.code())
    .bind(joint_deadline)
    .bind(&step.case.id)
    .execute(&mut **tx)
    .await?;
    let told = notify::tell_units(
        tx,
        &joined,
        &step.notice(NoticeKind::Joined, Some(joint.reason.trim())),
    )
    .await?;
    Ok(Ok(Done { told }))
}

/// 联合调解 applied by the rules (an early warning, `[warning] joint = "apply"`): the units
/// that are mediation organisations and do not hold the case yet join it, each in its
/// timeline with the rule's reason. Nobody is told here: the warning that applies it tells
/// its units once for the whole cluster.
pub async fn join_by_rule(
    tx: &mut Transaction<'static, Any>,
    case: &super::CaseRef,
    unit_ids: &[i64],
    reason: &str,
    now: i64,
) -> sqlx::Result<()> {
    let step = Step {
        case,
        actor: super::Actor::RULES,
        client_time: None,
        now,
    };
    let mut units = Vec::new();
    for unit in unit_ids {
        if *unit != case.holder_unit_id && mediation_unit(tx, *unit).await?.is_some() {
            units.push(*unit);
        }
    }
    // Every unit was checked above: nothing to refuse.
    let _ = add_co_holders(tx, step, &units, reason).await?;
    Ok(())
}

/// Adds each unit as a co-holder, with a `joined` event each; returns the units that joined
/// (those already holding it are left as they are).
async fn add_co_holders(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    unit_ids: &[i64],
    reason: &str,
) -> sqlx::Result<Result<Vec<i64>, Rejection>> {
    let case = step.case;
    let mut units = unit_ids.to_vec();
    units.sort_unstable();
    units.dedup();
    let mut joined = Vec::new();
    for unit in units {
        let Some(name) = mediation_unit(tx, unit).await? else {
            return Ok(Err(Rejection::UnknownUnit));
        };
        if reach::hold(tx, &case.id, unit, Holding::CoHolder, step.now).await? {
            joined.push((unit, name));
        }
    }
    if !joined.is_empty() {
        touch(tx, &case.id).await?;
    }
    for (unit, name) in &joined {
        let payload = serde_json::json!({
            "reason": reason,
            "unit_name": name,
            "lead": case.holder_name,
            "letter": { "case_number": case.number, "summary": case.summary, "parties": parties_of(&step) },
        });
        step.log(tx, EventKind::Joined, Some(*unit), Some(payload))
            .await?;
    }
    Ok(Ok(joined.into_iter().map(|(id, _)| id).collect()))
}

/// The name of unit `id`.
async fn unit_name(tx: &mut Transaction<'static, Any>, id: i64) -> sqlx::Result<String> {
    sqlx::query("SELECT name FROM units WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?
        .try_get("name")
}

/// A day a superior set must lie ahead, within a year; else the field is named.
fn day_set_ahead(field: &str, day: Day, now: i64) -> Result<(), Rejection> {
    if day_ahead_fits(day, Day::of_unix_ms(now)) {
        Ok(())
    } else {
        Err(Rejection::Invalid {
            problems: vec![FieldProblem {
                field: field.into(),
                problem: Problem::NotWithinAYear,
            }],
        })
    }
}

/// 交办/分流: the holder, or an office above it, hands the case down to a mediation unit below
/// the office, which receives it afresh with the instructions and the deadline set. No party's
/// consent: it is the organisations' division of work, not a transfer between them.
pub(super) async fn hand_down(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    h: &HandDown,
) -> Outcome {
    let case = step.case;
    if let Err(refusal) = day_set_ahead("deadline", h.deadline, step.now) {
        return Ok(Err(refusal));
    }
    let by = step.actor.unit_id.unwrap_or_default();
    let to = h.to_unit_id;
    let Some(to_name) = mediation_unit(tx, to)
        .await?
        .filter(|_| to != case.holder_unit_id)
    else {
        return Ok(Err(Rejection::UnknownUnit));
    };
    if !lies_below(&mut **tx, to, by).await? {
        return Ok(Err(Rejection::UnknownUnit));
    }
    ladder::hand_over(tx, case, to, CaseStatus::Routed, h.deadline, step.now).await?;
    let instructions = h.instructions.trim();
    let payload = serde_json::json!({
        "from": case.holder_unit_id,
        "from_name": case.holder_name,
        "by": by,
        "by_name": unit_name(tx, by).await?,
        "to": to,
        "to_name": to_name,
        "instructions": instructions,
        "deadline": h.deadline,
    });
    step.log(tx, EventKind::HandedDown, Some(to), Some(payload))
        .await?;
    let told = notify::tell_units(
        tx,
        &[to],
        &step.notice(NoticeKind::HandedDown, Some(instructions)),
    )
    .await?;
    Ok(Ok(Done { told }))
}

/// 督办: an office above the holder presses the case with instructions (and the day to answer
/// by); the holder is told. The case stays where it is.
pub(super) async fn supervise(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    s: &Supervision,
) -> Outcome {
    if let Some(day) = s.respond_by {
        if let Err(refusal) = day_set_ahead("respond_by", day, step.now) {
            return Ok(Err(refusal));
        }
    }
    let by = step.actor.unit_id.unwrap_or_default();
    let instructions = s.instructions.trim();
    let payload = serde_json::json!({
        "by": by,
        "by_name": unit_name(tx, by).await?,
        "holder": step.case.holder_unit_id,
        "instructions": instructions,
        "respond_by": s.respond_by,
    });
    step.log(tx, EventKind::SupervisionIssued, None, Some(payload))
        .await?;
    touch(tx, &step.case.id).await?;
    let told = notify::tell_units(
        tx,
        &[step.case.holder_unit_id],
        &step.notice(NoticeKind::SupervisionIssued, Some(instructions)),
    )
    .await?;
    Ok(Ok(Done { told }))
}
