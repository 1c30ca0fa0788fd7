//! 委托调解 (seed 000 四(二)): a court hands a dispute before it to a mediation organisation of
//! its county, with every party's consent. The case is created as a recorded dispute is, with
//! the court as its recording unit: the court sees it, and its result travels back to the court
//! as a grid's does. The `entrusted` event carries what the entrustment letter will print.

use super::new_case::{case_exists, insert_case, NewCaseRow};
use super::numbers::next_case_number;
use super::pusher::Pusher;
use crate::cases::log::{self as case_log, next_change_seq, Event};
use crate::db::now_ms;
use crate::notifications::notice::Notice;
use crate::notifications::notify;

use crate::cases::reach::{self, Holding};
use domain::events::EventKind;
use domain::jurisdiction::UnitKind;
use domain::notices::NoticeKind;
use domain::procedure::{missing_consents, validate_entrustment, Entrustment};
use domain::rules::{Channel, RuleSet};
use domain::sync::{Operation, Rejection, Settled};
use sqlx::{Any, Row, Transaction};

pub(super) async fn entrust(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    pusher: &Pusher,
    op: &Operation,
    e: &Entrustment,
    told: &mut Vec<i64>,
) -> sqlx::Result<Settled> {
    let rejected = |reason| Ok(Settled::Rejected { reason });
    if pusher.unit_kind != UnitKind::Court {
        return rejected(Rejection::NotAllowed);
    }
    let Some((county_id, county_code)) = &pusher.county else {
        return rejected(Rejection::NotAllowed);
    };
    let mut problems = validate_entrustment(e);
    if problems.is_empty() {
        problems.extend(pusher.unknown_category(&e.facts, "facts.category"));
    }
    if !problems.is_empty() {
        return rejected(Rejection::Invalid { problems });
    }
    let missing = missing_consents(&e.facts.parties, &e.consents);
    if !missing.is_empty() {
        return rejected(Rejection::ConsentMissing { parties: missing });
    }
    let Some((to_name, to_kind)) = target(tx, *county_id, e.to_unit_id).await? else {
        return rejected(Rejection::UnknownUnit);
    };
    if case_exists(tx, &op.case_id).await? {
        return rejected(Rejection::CaseExists);
    }
    let now = now_ms();
    let number = next_case_number(tx, *county_id, county_code, now).await?;
    let seq = next_change_seq(tx).await?;
    let deadline = crate::casework::deadline_for(tx, rules, e.to_unit_id, now).await?;
    let channel = match to_kind {
        UnitKind::AdminDepartment => Channel::Administrative,
        UnitKind::SectorCommittee => Channel::Sector,
        _ => Channel::People,
    };
    insert_case(
        tx,
        &NewCaseRow {
            op,
            number: &number,
            pusher,
            facts: &e.facts,
            holder: e.to_unit_id,
            status: "routed",
            seq,
            channel,
            complexity: domain::rules::engine::complexity(&e.facts, rules),
            deadline: Some(deadline),
            now,
        },
    )
    .await?;
    reach::hold(tx, &op.case_id, e.to_unit_id, Holding::Lead, now).await?;
    let reason = e.reason.trim();
    let court_name: String = sqlx::query("SELECT name FROM units WHERE id = $1")
        .bind(pusher.user.unit_id)
        .fetch_one(&mut **tx)
        .await?
        .try_get("name")?;
    let payload = serde_json::json!({
        "from": pusher.user.unit_id,
        "from_name": court_name,
        "to": e.to_unit_id,
        "to_name": to_name,
        "reason": reason,
        "deadline": deadline,
        "consents": e.consents,
        "letter": {
            "court": court_name,
            "court_case_number": e.court_case_number.trim(),
            "case_number": number,
            "summary": e.facts.summary.trim(),
            "parties": e.facts.parties.iter()
                .map(|p| serde_json::json!({ "name": p.name, "role": p.role }))
                .collect::<Vec<_>>(),
        },
    })
    .to_string();
    // The arrival at the organisation, by the judge who entrusted it.
    case_log::append(
        tx,
        Event {
            case_id: &op.case_id,
            kind: EventKind::Entrusted,
            actor_id: Some(pusher.user.id),
            unit_id: Some(e.to_unit_id),
            client_time: Some(op.client_time),
            server_time: now,
            rule: None,
            payload: Some(&payload),
        },
    )
    .await?;
    let detail = format!("{court_name}（{}）：{reason}", e.court_case_number.trim());
    told.extend(
        notify::tell_units(
            tx,
            &[e.to_unit_id],
            &Notice {
                kind: NoticeKind::Entrusted,
                case_id: &op.case_id,
                case_number: &number,
                summary: e.facts.summary.trim(),
                detail: Some(&detail),
                at: now,
                by: None,
            },
        )
        .await?,
    );
    Ok(Settled::Applied {
        case_number: number,
    })
}

/// A mediation organisation of the court's county, by name and kind.
async fn target(
    tx: &mut Transaction<'static, Any>,
    county_id: i64,
    unit_id: i64,
) -> sqlx::Result<Option<(String, UnitKind)>> {
    let row = sqlx::query(&format!(
        "{} SELECT u.name, u.kind FROM units u WHERE u.id = $2 AND u.id IN (SELECT id FROM sub)",
        crate::people::directory::SUBTREE_CTE
    ))
    .bind(county_id)
    .bind(unit_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let kind: String = row.try_get("kind")?;
    match UnitKind::from_code(&kind).filter(|k| k.mediates()) {
        Some(k) => Ok(Some((row.try_get("name")?, k))),
        None => Ok(None),
    }
}
