//! Recording a dispute (登记): a grid worker's new case, or one brought to the window of any
//! mediation unit above the grid (一窗受理) — checked, numbered in the county, created and
//! routed by the rules from the recording unit, all in the push's transaction.

use super::new_case::{case_exists, insert_case, record_event, NewCaseRow};
use super::numbers::next_case_number;
use super::pusher::Pusher;
use crate::cases::log::next_change_seq;
use crate::casework::routing::{decide_intake, intake_status, record_routing, NewCase};
use crate::db::now_ms;
use domain::dispute::{validate, validate_source, DisputeFacts};
use domain::events::EventKind;
use domain::jurisdiction::UnitKind;
use domain::rules::RuleSet;
use domain::session::Desk;
use domain::sync::{Operation, Rejection, Settled};
use sqlx::{Any, Transaction};

/// A new dispute, recorded by a grid worker or at a unit's window.
pub(super) async fn record_dispute(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    pusher: &Pusher,
    op: &Operation,
    facts: &DisputeFacts,
    told: &mut Vec<i64>,
) -> sqlx::Result<Settled> {
    if !pusher.user.opens(Desk::Registering) {
        return Ok(Settled::Rejected {
            reason: Rejection::NotAllowed,
        });
    }
    let (Some((county_id, county_code)), Some(tree)) = (&pusher.county, &pusher.tree) else {
        return Ok(Settled::Rejected {
            reason: Rejection::NotAllowed,
        });
    };
    let mut problems = validate(facts);
    problems.extend(validate_source(facts, pusher.unit_kind == UnitKind::Grid));
    if problems.is_empty() {
        problems.extend(pusher.unknown_category(facts, "category"));
    }
    if !problems.is_empty() {
        return Ok(Settled::Rejected {
            reason: Rejection::Invalid { problems },
        });
    }
    if case_exists(tx, &op.case_id).await? {
        return Ok(Settled::Rejected {
            reason: Rejection::CaseExists,
        });
    }
    let now = now_ms();
    // Routed by the current rules, whatever rule file the phone had when it recorded (issue 4).
    let decision = decide_intake(rules, tree, facts, &op.case_id, now)?;
    let number = next_case_number(tx, *county_id, county_code, now).await?;
    let seq = next_change_seq(tx).await?;
    insert_case(
        tx,
        &NewCaseRow {
            op,
            number: &number,
            pusher,
            facts,
            holder: decision.holder.id,
            status: intake_status(&decision, pusher.user.unit_id),
            seq,
            channel: decision.channel,
            complexity: decision.complexity,
            deadline: decision.deadline,
            now,
        },
    )
    .await?;
    if let Some(result) = &facts.resolved_on_spot {
        let payload = serde_json::json!({ "result": result }).to_string();
        record_event(
            tx,
            &op.case_id,
            EventKind::ResolvedOnSpot,
            pusher,
            op.client_time,
            now,
            Some(&payload),
        )
        .await?;
    }
    let routed = record_routing(
        tx,
        rules,
        &NewCase {
            id: &op.case_id,
            number: &number,
            summary: facts.summary.trim(),
            grid_id: pusher.user.unit_id,
            recorder_id: pusher.user.id,
        },
        &decision,
        now,
    )
    .await?;
    told.extend(routed.told);
    let arrival = crate::warnings::Arrival {
        case_id: &op.case_id,
        number: &number,
        recorded_in: pusher.user.unit_id,
        county_id: *county_id,
        facts,
        now,
    };
    told.extend(crate::warnings::on_new_case(tx, rules, &arrival).await?);
    let arrival = crate::casework::duplicates::Arrival {
        case_id: &op.case_id,
        category: &facts.category,
        recorder_id: pusher.user.id,
        now,
    };
    told.extend(crate::casework::duplicates::on_new_case(tx, &arrival).await?);
    Ok(Settled::Applied {
        case_number: number,
    })
}
