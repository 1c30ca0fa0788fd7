//! Who mediates: mediators from the unit's pool (its own or an ancestor's), or invited from
//! another unit (邀请, seed 000), each after the 回避 check — a mediator who is a party or is
//! related to one cannot be put on the case.

use super::{touch, Done, Outcome, Step};
use crate::notifications::notify;
use crate::people::mediator_pool::candidate;
use domain::events::EventKind;
use domain::mediators::recusal;
use domain::notices::NoticeKind;
use domain::procedure::MediatorAssignment;
use domain::sync::Rejection;
use sqlx::{Any, Transaction};

pub(super) async fn assign(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    assignment: &MediatorAssignment,
    invited: bool,
) -> Outcome {
    let case = step.case;
    let Some(found) = candidate(&mut **tx, assignment.mediator_id, case.holder_unit_id).await?
    else {
        return Ok(Err(Rejection::UnknownMediator));
    };
    // Assign draws on the unit's pool; an invitation reaches outside it.
    if found.in_pool == invited {
        return Ok(Err(Rejection::UnknownMediator));
    }
    let who = &found.mediator;
    if let Some(party) = recusal(
        &who.name,
        found.id_number.as_deref(),
        &found.relations,
        &case.facts.parties,
    ) {
        return Ok(Err(Rejection::Recusal {
            mediator: who.name.clone(),
            party: party.name.clone(),
        }));
    }
    let inserted = sqlx::query(
        "INSERT INTO case_mediators (case_id, mediator_id, invited, since) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
    )
    .bind(&case.id)
    .bind(who.id)
    .bind(i64::from(invited))
    .bind(step.now)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        // Already on the case: applied, and nothing to add to the record.
        return Ok(Ok(Done::default()));
    }
    touch(tx, &case.id).await?;
    let reason = assignment
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let payload = assignment_payload(who, reason);
    let kind = if invited {
        EventKind::MediatorInvited
    } else {
        EventKind::MediatorAssigned
    };
    step.log(tx, kind, Some(case.holder_unit_id), Some(payload))
        .await?;
    let told = if invited {
        // The inviting letter's addressee: the mediator's own unit.
        notify::tell_units(
            tx,
            &[who.unit_id],
            &step.notice(NoticeKind::Invited, reason),
        )
        .await?
    } else {
        Vec::new()
    };
    Ok(Ok(Done { told }))
}

/// What a mediator's assignment (or invitation) records in the timeline: who, at which level of
/// which unit, and why when a person said why. The generator writes the same (`demo`).
pub fn assignment_payload(
    who: &domain::mediators::Mediator,
    reason: Option<&str>,
) -> serde_json::Value {
    serde_json::json!({
        "mediator_id": who.id,
        "name": who.name,
        "kind": who.kind,
        "level": who.level,
        "mediator_unit": who.unit_name,
        "reason": reason,
    })
}
