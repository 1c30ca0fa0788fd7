//! After the parties agree (seed 003, 人民调解法 第二十八条至第三十三条): the written agreement
//! with its terms, sum and performance day; judicial confirmation within thirty days of the
//! agreement taking effect, and the court's decision; the follow-up visit (回访) by the recording
//! grid worker with the parties' satisfaction; reopening when the agreement is not performed;
//! closing (结案).

use super::{during_case, ladder, not_future, touch, Done, Outcome, Step};
use crate::notifications::notify;
use domain::clock::Day;
use domain::events::EventKind;
use domain::notices::NoticeKind;
use domain::procedure::{
    confirmation_last_day, Agreement, CaseStatus, Closing, ConfirmationApplication,
    ConfirmationDecision, FollowUpVisit, Visited,
};
use domain::rules::RuleSet;
use domain::sync::Rejection;
use sqlx::{Any, Row, Transaction};

pub(super) async fn record(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    agreement: &Agreement,
) -> Outcome {
    if let Err(refusal) = during_case(agreement.signed_on, &step, "signed_on") {
        return Ok(Err(refusal));
    }
    let case = step.case;
    let agreement = Agreement {
        terms: agreement.terms.trim().to_owned(),
        ..agreement.clone()
    };
    let json = serde_json::to_string(&agreement).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let last_day = confirmation_last_day(agreement.signed_on);
    // No deadline while the agreement is performed: the case is settled, not overdue.
    sqlx::query(
        "UPDATE cases SET status = $1, agreement = $2, confirmation = NULL, confirmation_reminded_at = NULL,
                          confirmation_due_at = $3, followed_up_at = NULL, performance = NULL, deadline_at = NULL
         WHERE id = $4",
    )
    .bind(CaseStatus::Agreed.code())
    .bind(&json)
    .bind(last_day.end_unix_ms())
    .bind(&case.id)
    .execute(&mut **tx)
    .await?;
    touch(tx, &case.id).await?;
    let payload = serde_json::json!({
        "terms": agreement.terms,
        "amount_fen": agreement.amount_fen,
        "signed_on": agreement.signed_on,
        "perform_by": agreement.perform_by,
        "confirmation_last_day": last_day,
    });
    step.log(
        tx,
        EventKind::AgreementReached,
        Some(case.holder_unit_id),
        Some(payload),
    )
    .await?;
    // Every unit that held it hears the result; the recording grid also has a visit to make.
    let units = super::everyone_concerned(tx, case).await?;
    let told = notify::tell_units(
        tx,
        &units,
        &step.notice(NoticeKind::Agreement, Some(&agreement.terms)),
    )
    .await?;
    Ok(Ok(Done { told }))
}

/// The agreement a step after it needs; the procedure only allows these steps when there is one.
fn agreement_of(step: &Step<'_>) -> Result<Agreement, Rejection> {
    step.case.agreement().ok_or(Rejection::NotNow {
        status: step.case.status.code().into(),
    })
}

/// 申请司法确认: accepted up to and including the thirtieth day after the agreement took effect,
/// refused after it with the day the window closed.
pub(super) async fn apply_confirmation(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    application: &ConfirmationApplication,
) -> Outcome {
    let agreement = match agreement_of(&step) {
        Ok(a) => a,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let last_day = confirmation_last_day(agreement.signed_on);
    if application.applied_on > last_day {
        return Ok(Err(Rejection::WindowClosed {
            last_day: last_day.to_string(),
        }));
    }
    if application.applied_on < agreement.signed_on {
        return Ok(Err(Rejection::BadDate {
            field: "applied_on".into(),
        }));
    }
    if let Err(refusal) = not_future(application.applied_on, step.now, "applied_on") {
        return Ok(Err(refusal));
    }
    set_confirmation(tx, &step, "applied").await?;
    let payload = serde_json::json!({
        "applied_on": application.applied_on,
        "court": application.court.trim(),
        "last_day": last_day,
    });
    step.log(
        tx,
        EventKind::ConfirmationApplied,
        Some(step.case.holder_unit_id),
        Some(payload),
    )
    .await?;
    Ok(Ok(Done::default()))
}

async fn set_confirmation(
    tx: &mut Transaction<'static, Any>,
    step: &Step<'_>,
    state: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE cases SET confirmation = $1 WHERE id = $2")
        .bind(state)
        .bind(&step.case.id)
        .execute(&mut **tx)
        .await?;
    touch(tx, &step.case.id).await
}

/// The court's ruling: confirmed valid, or the application refused.
pub(super) async fn record_confirmation(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    decision: &ConfirmationDecision,
) -> Outcome {
    let state = if decision.confirmed {
        "confirmed"
    } else {
        "refused"
    };
    set_confirmation(tx, &step, state).await?;
    let payload = serde_json::json!({
        "confirmed": decision.confirmed,
        "ruling": decision.ruling.trim(),
    });
    step.log(
        tx,
        EventKind::ConfirmationDecided,
        Some(step.case.holder_unit_id),
        Some(payload),
    )
    .await?;
    Ok(Ok(Done::default()))
}

/// 回访 by the recording grid worker; the holder hears how the agreement is being performed.
pub(super) async fn follow_up(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    visit: &FollowUpVisit,
) -> Outcome {
    let case = step.case;
    sqlx::query("UPDATE cases SET followed_up_at = $1, performance = $2 WHERE id = $3")
        .bind(step.now)
        .bind(visit.performance.code())
        .bind(&case.id)
        .execute(&mut **tx)
        .await?;
    touch(tx, &case.id).await?;
    let payload = serde_json::json!({
        "performance": visit.performance,
        "satisfaction": visit.satisfaction,
        "text": visit.notes.trim(),
    });
    step.log(tx, EventKind::FollowedUp, None, Some(payload))
        .await?;
    let told = notify::tell_units(
        tx,
        &[case.holder_unit_id],
        &step.notice(NoticeKind::FollowedUp, Some(visit.notes.trim())),
    )
    .await?;
    Ok(Ok(Done { told }))
}

/// 重新调解: the agreement is not being performed (an agreed case, or a closed one within the
/// rule file's period): mediation resumes at the holder with a new deadline, and the reason is
/// in the timeline.
pub(super) async fn reopen(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    step: Step<'_>,
    reason: &str,
) -> Outcome {
    let case = step.case;
    let deadline = ladder::deadline_for(tx, rules, case.holder_unit_id, step.now).await?;
    sqlx::query(
        "UPDATE cases SET status = $1, deadline_at = $2, supervised_at = NULL, agreement = NULL,
                          confirmation = NULL, confirmation_reminded_at = NULL, confirmation_due_at = NULL,
                          followed_up_at = NULL, performance = NULL, closed_at = NULL
         WHERE id = $3",
    )
    .bind(CaseStatus::Accepted.code())
    .bind(deadline.end_unix_ms())
    .bind(&case.id)
    .execute(&mut **tx)
    .await?;
    touch(tx, &case.id).await?;
    let payload = serde_json::json!({ "reason": reason, "deadline": deadline });
    step.log(
        tx,
        EventKind::Reopened,
        Some(case.holder_unit_id),
        Some(payload),
    )
    .await?;
    let told = notify::tell_units(
        tx,
        &[case.grid_id, case.holder_unit_id],
        &step.notice(NoticeKind::Reopened, Some(reason)),
    )
    .await?;
    Ok(Ok(Done { told }))
}

/// 结案: after the follow-up visit. A visit that found the agreement unperformed leads back to
/// mediation (or to confirmation and enforcement); closing anyway takes a person's reason,
/// which stays in the timeline.
pub(super) async fn close(
    tx: &mut Transaction<'static, Any>,
    step: Step<'_>,
    closing: &Closing,
) -> Outcome {
    let trimmed = |text: &Option<String>| {
        text.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let note = trimmed(&closing.note)
        .unwrap_or_else(|| app::i18n::records::AGREEMENT_PERFORMED.to_owned());
    let note = match (
        step.case.stage.followed_up,
        trimmed(&closing.override_reason),
    ) {
        (Visited::Performed, _) => note,
        (_, Some(reason)) => app::i18n::records::closed_unperformed(&note, &reason),
        (_, None) => return Ok(Err(Rejection::NotPerformed)),
    };
    ladder::finish(tx, step, domain::events::Ending::Closed, &note, &note)
        .await
        .map(Ok)
}

/// How many days before the confirmation window closes the holder is reminded.
pub const CONFIRMATION_REMINDER_DAYS: i64 = 5;

/// Reminds holders of agreed cases with no confirmation application that the window closes
/// soon (once per agreement). Returns how many cases, and the users told.
pub async fn remind_confirmation_windows(
    tx: &mut Transaction<'static, Any>,
    now: i64,
) -> sqlx::Result<(usize, Vec<i64>)> {
    // Due from the start of the day `CONFIRMATION_REMINDER_DAYS` before the last day, until the
    // last day ends (China time has no daylight saving: a day is always 24 hours).
    let lead_ms = (CONFIRMATION_REMINDER_DAYS + 1) * 86_400_000;
    let rows = sqlx::query(
        "SELECT id, number, summary, holder_unit_id, confirmation_due_at FROM cases
         WHERE status = $1 AND confirmation IS NULL AND confirmation_reminded_at IS NULL
           AND confirmation_due_at >= $2 AND confirmation_due_at - $3 < $2",
    )
    .bind(CaseStatus::Agreed.code())
    .bind(now)
    .bind(lead_ms)
    .fetch_all(&mut **tx)
    .await?;
    let mut told = Vec::new();
    for row in &rows {
        let id: String = row.try_get("id")?;
        sqlx::query("UPDATE cases SET confirmation_reminded_at = $1 WHERE id = $2")
            .bind(now)
            .bind(&id)
            .execute(&mut **tx)
            .await?;
        let last_day = Day::of_unix_ms(row.try_get("confirmation_due_at")?).to_string();
        let number: String = row.try_get("number")?;
        let summary: String = row.try_get("summary")?;
        told.extend(
            notify::tell_units(
                tx,
                &[row.try_get("holder_unit_id")?],
                &crate::notifications::notice::Notice {
                    kind: NoticeKind::ConfirmationDue,
                    case_id: &id,
                    case_number: &number,
                    summary: &summary,
                    detail: Some(&last_day),
                    at: now,
                    by: None,
                },
            )
            .await?,
        );
    }
    Ok((rows.len(), told))
}
