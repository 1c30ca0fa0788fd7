//! The case arrives: 签收 (the holder confirms it has it), 受理 or 不予受理 with the reason (declines
//! count against the unit's acceptance rate), and the notice of rights and obligations every
//! party must receive before mediation (seed 003).

use super::{ladder, touch, Done, Outcome, Step};
use crate::notifications::notify;
use domain::events::EventKind;
use domain::notices::NoticeKind;
use domain::procedure::{untold_parties, Acceptance, CaseStatus, NoticeMethod, RightsNotice};
use domain::sync::Rejection;
use sqlx::{Any, Transaction};

/// 签收 by the lead holder or by a co-holder of a joint mediation, each for itself.
pub(super) async fn acknowledge(tx: &mut Transaction<'static, Any>, step: Step<'_>) -> Outcome {
    let case = step.case;
    let unit_id = step.actor.unit_id.unwrap_or(case.holder_unit_id);
    if unit_id == case.holder_unit_id {
        sqlx::query(
            "UPDATE cases SET acknowledged_at = COALESCE(acknowledged_at, $1) WHERE id = $2",
        )
        .bind(step.now)
        .bind(&case.id)
        .execute(&mut **tx)
        .await?;
    }
    acknowledge_holding(tx, &case.id, unit_id, step.now).await?;
    touch(tx, &case.id).await?;
    step.log(tx, EventKind::Acknowledged, Some(unit_id), None)
        .await?;
    Ok(Ok(Done::default()))
}

/// 签收 at once for a case its recorder's own unit holds: a dispute taken in at a unit's window
/// (一窗受理) and kept there has been received by the clerk who typed it in, so it is not shown to
/// that office as 「未签收」, nor reminded of as overdue for receipt.
pub(super) async fn acknowledged_by_recorder(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
    unit_id: i64,
    recorder_id: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE cases SET acknowledged_at = $1 WHERE id = $2")
        .bind(now)
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
    acknowledge_holding(tx, case_id, unit_id, now).await?;
    crate::cases::log::append(
        tx,
        crate::cases::log::Event {
            case_id,
            kind: EventKind::Acknowledged,
            actor_id: Some(recorder_id),
            unit_id: Some(unit_id),
            client_time: None,
            server_time: now,
            rule: None,
            payload: None,
        },
    )
    .await
}

/// Marks the unit's own holding acknowledged (the first time only).
async fn acknowledge_holding(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
    unit_id: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE case_holders SET acknowledged_at = COALESCE(acknowledged_at, $1)
         WHERE case_id = $2 AND unit_id = $3",
    )
    .bind(now)
    .bind(case_id)
    .bind(unit_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// 受理: the holder takes the case on (and so has it, if it had not acknowledged yet). The
/// recording grid hears of it.
pub(super) async fn accept(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    acceptance: &Acceptance,
) -> Outcome {
    let case = step.case;
    sqlx::query(
        "UPDATE cases SET status = $1, accepted_at = $2, acknowledged_at = COALESCE(acknowledged_at, $2)
         WHERE id = $3",
    )
    .bind(CaseStatus::Accepted.code())
    .bind(step.now)
    .bind(&case.id)
    .execute(&mut **tx)
    .await?;
    acknowledge_holding(tx, &case.id, case.holder_unit_id, step.now).await?;
    touch(tx, &case.id).await?;
    let note = acceptance
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let payload = note.map(|n| serde_json::json!({ "text": n }));
    step.log(tx, EventKind::Accepted, Some(case.holder_unit_id), payload)
        .await?;
    let told = notify::tell_units(
        tx,
        &[case.grid_id],
        &step.notice(NoticeKind::Accepted, Some(&case.holder_name)),
    )
    .await?;
    Ok(Ok(Done { told }))
}

/// 不予受理: the case ends here with the reason, which travels down like a result.
pub(super) async fn decline(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    reason: &str,
) -> Outcome {
    let told = app::i18n::records::declined(reason);
    ladder::finish(tx, step, domain::events::Ending::Declined, reason, &told)
        .await
        .map(Ok)
}

/// 告知权利义务: every party of the case must be among those told.
pub(super) async fn notice_of_rights(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    notice: &RightsNotice,
) -> Outcome {
    let case = step.case;
    let untold = untold_parties(&case.facts.parties, &notice.parties);
    if !untold.is_empty() {
        return Ok(Err(Rejection::PartiesUntold { parties: untold }));
    }
    sqlx::query("UPDATE cases SET rights_noticed_at = $1 WHERE id = $2")
        .bind(step.now)
        .bind(&case.id)
        .execute(&mut **tx)
        .await?;
    touch(tx, &case.id).await?;
    let method = match notice.method {
        NoticeMethod::Oral => "oral",
        NoticeMethod::Written => "written",
    };
    let names: Vec<&str> = notice.parties.iter().map(|p| p.trim()).collect();
    let payload = serde_json::json!({ "method": method, "parties": names });
    step.log(
        tx,
        EventKind::RightsNoticed,
        Some(case.holder_unit_id),
        Some(payload),
    )
    .await?;
    Ok(Ok(Done::default()))
}
