//! Up the ladder and out of it: mediation sessions and the rules' attempt limit, escalation
//! one tier up with a reason (三级四步登记, seed 001), resolution — the result travelling back
//! down to every unit that held it and the recording grid (seed 002) — and termination with the
//! notice about litigation and arbitration.

use super::{everyone_concerned, touch, Actor, CaseRef, Done, Outcome, Step};
use crate::cases::log::{self as case_log, Event};
use crate::cases::reach::Holding;
use crate::notifications::notify;
use crate::people::directory::routing_tree;
use domain::clock::Day;
use domain::events::{Ending, EventKind};
use domain::notices::NoticeKind;
use domain::procedure::CaseStatus;
use domain::rules::{escalation_target, RuleSet, Tier};
use sqlx::{Any, Row, Transaction};

/// The last day for the unit's tier to resolve a case it receives today. The tier is read from
/// the tree above the unit itself: a unit off the recording grid's ladder (a transfer's, an
/// entrustment's) has one too.
pub async fn deadline_for(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    unit_id: i64,
    now: i64,
) -> sqlx::Result<Day> {
    let tree = routing_tree(&mut **tx, unit_id).await?;
    let tier = tree
        .unit(unit_id)
        .and_then(|u| tree.tier_of(u))
        .unwrap_or(Tier::Village);
    Ok(rules
        .calendar
        .add_working_days(Day::of_unix_ms(now), rules.deadlines.for_tier(tier)))
}

/// Why a case goes up (or, at the top, ends): a person's reason, or one of the rules'. The rules
/// word an escalation and a termination differently, so the timeline never says "上报上一级"
/// beside the termination notice.
#[derive(Clone, Copy, Debug)]
pub enum Grounds<'a> {
    /// The holder's own words, for either.
    Person(&'a str),
    /// Long overdue after supervision (the sweep).
    Overdue,
    /// This many failed sessions at the holder reached the rule file's limit.
    Attempts(i64),
}

impl Grounds<'_> {
    fn escalation(self) -> String {
        match self {
            Grounds::Person(reason) => reason.to_owned(),
            Grounds::Overdue => app::i18n::records::OVERDUE_ESCALATION.to_owned(),
            Grounds::Attempts(failed) => app::i18n::records::attempts_exhausted(failed),
        }
    }

    fn termination(self) -> String {
        match self {
            Grounds::Person(reason) => reason.to_owned(),
            Grounds::Overdue => app::i18n::records::OVERDUE_TERMINATION.to_owned(),
            Grounds::Attempts(failed) => app::i18n::records::attempts_exhausted_at_top(failed),
        }
    }
}

/// Sends the case one rung up its holder's ladder (the holder's, not the recording grid's: a
/// transferred or entrusted case climbs where it now is) with the reason; at the top,
/// terminates it (the city's mediation is final, seed 002). `rule` names the rule when the
/// scheduler escalates an overdue case. The procedure has cleared a person's escalation before
/// this runs; the scheduler escalates only open cases.
#[allow(clippy::too_many_arguments)]
pub async fn escalate(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    case: &CaseRef,
    actor: Actor,
    grounds: Grounds<'_>,
    rule: Option<&str>,
    client_time: Option<i64>,
    now: i64,
) -> Outcome {
    let step = Step {
        case,
        actor,
        client_time,
        now,
    };
    let tree = routing_tree(&mut **tx, case.holder_unit_id).await?;
    let Some(up) = escalation_target(&tree, case.holder_unit_id) else {
        return terminate(tx, step, &grounds.termination()).await.map(Ok);
    };
    let reason = grounds.escalation();
    let reason = reason.as_str();
    let deadline = deadline_for(tx, rules, up.id, now).await?;
    hand_over(tx, case, up.id, CaseStatus::Escalated, deadline, now).await?;
    // The registration entry of the 三级四步 form: from whom, to whom, why, when.
    let payload = serde_json::json!({
        "from": case.holder_unit_id,
        "from_name": case.holder_name,
        "to": up.id,
        "to_name": up.name,
        "reason": reason,
        "deadline": deadline,
        "registration": app::i18n::records::REGISTRATION,
    })
    .to_string();
    case_log::append(
        tx,
        Event {
            case_id: &case.id,
            kind: EventKind::Escalated,
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
        &step.notice(NoticeKind::Escalated, Some(reason)),
    )
    .await?;
    Ok(Ok(Done { told }))
}

/// Makes `to` the case's only holder, received now with a fresh deadline: escalation and
/// transfer both end joint co-holding and any earlier acknowledgement.
pub(super) async fn hand_over(
    tx: &mut Transaction<'static, Any>,
    case: &CaseRef,
    to: i64,
    status: CaseStatus,
    deadline: Day,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE cases SET holder_unit_id = $1, status = $2, received_at = $3,
                          acknowledged_at = NULL, accepted_at = NULL, rights_noticed_at = NULL,
                          deadline_at = $4, supervised_at = NULL, receipt_reminded_at = NULL
         WHERE id = $5",
    )
    .bind(to)
    .bind(status.code())
    .bind(now)
    .bind(deadline.end_unix_ms())
    .bind(&case.id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM case_holders WHERE case_id = $1")
        .bind(&case.id)
        .execute(&mut **tx)
        .await?;
    crate::cases::reach::hold(tx, &case.id, to, Holding::Lead, now).await?;
    touch(tx, &case.id).await
}

/// 调解终结: no agreement at this tier and none expected; the parties are told where to go.
pub(super) async fn terminate(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    reason: &str,
) -> sqlx::Result<Done> {
    finish(
        tx,
        step,
        Ending::Terminated,
        reason,
        app::i18n::records::TERMINATION_NOTICE,
    )
    .await
}

/// Settled without a written agreement: the result travels back down.
pub(super) async fn resolve(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    result: &str,
) -> Outcome {
    finish(tx, step, Ending::Resolved, result, result)
        .await
        .map(Ok)
}

/// Ends the case in a final status and tells every unit that held it and the recording grid.
pub(super) async fn finish(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    ending: Ending,
    text: &str,
    told_text: &str,
) -> sqlx::Result<Done> {
    let case = step.case;
    sqlx::query("UPDATE cases SET status = $1, deadline_at = NULL, closed_at = $2 WHERE id = $3")
        .bind(ending.status().code())
        .bind(step.now)
        .bind(&case.id)
        .execute(&mut **tx)
        .await?;
    touch(tx, &case.id).await?;
    let payload = serde_json::json!({ "text": text, "notice": told_text });
    step.log(tx, ending.event(), Some(case.holder_unit_id), Some(payload))
        .await?;
    let units = everyone_concerned(tx, case).await?;
    let told = notify::tell_units(
        tx,
        &units,
        &step.notice(NoticeKind::Result, Some(told_text)),
    )
    .await?;
    Ok(Done { told })
}

pub const ATTEMPTS_RULE: &str = "attempts-limit";

/// A mediation session held by the lead holder. When the failed sessions at this holder reach
/// the rule file's limit for its tier (Jiangyin "331"), the case goes one tier up by itself.
pub(super) async fn record_session(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    step: Step<'_>,
    session: &domain::sync::Session,
) -> Outcome {
    let case = step.case;
    if let Some(held_on) = session.held_on {
        if let Err(refusal) = super::during_case(held_on, &step, "held_on") {
            return Ok(Err(refusal));
        }
    }
    touch(tx, &case.id).await?;
    let participants: Vec<&str> = session.participants.iter().map(|p| p.trim()).collect();
    let payload = serde_json::json!({
        "held_on": session.held_on,
        "place": session.place.trim(),
        "participants": participants,
        "text": session.notes.trim(),
    });
    // A failed session has its own kind, so the attempt count is a plain count.
    let kind = if session.failed {
        EventKind::SessionFailed
    } else {
        EventKind::SessionHeld
    };
    step.log(tx, kind, Some(case.holder_unit_id), Some(payload))
        .await?;
    if !session.failed {
        return Ok(Ok(Done::default()));
    }
    let tree = routing_tree(&mut **tx, case.holder_unit_id).await?;
    let limit = tree
        .unit(case.holder_unit_id)
        .and_then(|holder| tree.tier_of(holder))
        .and_then(|tier| rules.attempts.for_tier(tier));
    let Some(limit) = limit else {
        return Ok(Ok(Done::default()));
    };
    // Failed sessions at this holder since the case last arrived here.
    let failed: i64 = sqlx::query(&format!(
        "SELECT COUNT(*) AS n FROM case_events
         WHERE case_id = $1 AND kind = '{}' AND unit_id = $2
           AND id > COALESCE((SELECT MAX(id) FROM case_events
                              WHERE case_id = $1 AND kind IN ({})), 0)",
        EventKind::SessionFailed.code(),
        crate::cases::record::arrivals_sql()
    ))
    .bind(&case.id)
    .bind(case.holder_unit_id)
    .fetch_one(&mut **tx)
    .await?
    .try_get("n")?;
    if failed < i64::from(limit) {
        return Ok(Ok(Done::default()));
    }
    escalate(
        tx,
        rules,
        case,
        Actor::RULES,
        Grounds::Attempts(failed),
        Some(ATTEMPTS_RULE),
        None,
        step.now,
    )
    .await
}
