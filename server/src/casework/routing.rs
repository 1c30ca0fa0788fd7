//! Routing on the server: the rule engine (`app::rules`, pure) applied to a newly synced case,
//! with its decision stored — holder(s), channel, deadline, a `routed` event naming the rules
//! that fired — and the units concerned told, all in the push's transaction.

use crate::cases::log::{self as case_log, Event};
use crate::cases::reach::{self, Holding};
use crate::notifications::notice::Notice;
use crate::notifications::notify;
use domain::clock::Day;
use domain::dispute::DisputeFacts;
use domain::events::EventKind;
use domain::notices::NoticeKind;
use domain::rules::engine::NoDecision;
use domain::rules::{decide, Channel, Decision, RoutingTree, RuleSet};
use sqlx::{Any, Transaction};

/// A case just recorded, as routing needs it.
pub struct NewCase<'a> {
    pub id: &'a str,
    pub number: &'a str,
    pub summary: &'a str,
    /// The unit it was recorded in: a grid, or the unit whose window took it (一窗受理).
    pub grid_id: i64,
    pub recorder_id: i64,
}

/// What routing changed, for the caller to report after commit.
pub struct Routed {
    /// Users to wake on live connections once the transaction commits.
    pub told: Vec<i64>,
}

/// The rules' decision for a new case (pure: no database). Fails only when the tree lacks the
/// units the rule file's last rule names, which a checked file and a well-formed tree exclude.
pub fn decide_intake(
    rules: &RuleSet,
    tree: &RoutingTree,
    facts: &DisputeFacts,
    case_id: &str,
    now: i64,
) -> sqlx::Result<Decision> {
    decide(facts, tree, rules, Day::of_unix_ms(now))
        .map_err(|e: NoDecision| sqlx::Error::Protocol(format!("routing case {case_id}: {e}")))
}

/// The status a new case starts in: kept by the grid when resolved on the spot (it still counts,
/// docs/design.md "Rules": resolved on the spot), else routed to its holder.
pub fn intake_status(decision: &Decision, grid_id: i64) -> &'static str {
    if stays_with_grid(decision, grid_id) {
        "resolved_on_spot"
    } else {
        "routed"
    }
}

fn stays_with_grid(decision: &Decision, grid_id: i64) -> bool {
    decision.holder.id == grid_id && decision.deadline.is_none()
}

/// Stores a new case's routing beside its row: holders, the `routed` event naming the rules
/// that fired, and notices to every unit the decision names.
pub async fn record_routing(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    case: &NewCase<'_>,
    decision: &Decision,
    now: i64,
) -> sqlx::Result<Routed> {
    let holders = std::iter::once((decision.holder.id, Holding::Lead)).chain(
        decision
            .co_holders
            .iter()
            .map(|u| (u.id, Holding::CoHolder)),
    );
    for (unit_id, holding) in holders {
        reach::hold(tx, case.id, unit_id, holding, now).await?;
    }
    let rule_ids = decision
        .fired
        .iter()
        .map(|f| f.id.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let payload = serde_json::json!({
        "holder": decision.holder.id,
        "co_holders": decision.co_holders.iter().map(|u| u.id).collect::<Vec<_>>(),
        "channel": decision.channel,
        "deadline": decision.deadline,
        "fired": decision.fired,
        "kept_at_window": decision.kept_at_window,
        "rules_version": rules.version,
    })
    .to_string();
    case_log::append(
        tx,
        Event {
            case_id: case.id,
            kind: EventKind::Routed,
            actor_id: None,
            unit_id: Some(decision.holder.id),
            client_time: None,
            server_time: now,
            rule: Some(&rule_ids),
            payload: Some(&payload),
        },
    )
    .await?;
    if stays_with_grid(decision, case.grid_id) {
        return Ok(Routed { told: Vec::new() });
    }
    if decision.holder.id == case.grid_id {
        super::intake::acknowledged_by_recorder(tx, case.id, case.grid_id, case.recorder_id, now)
            .await?;
    }
    let kind = if decision.channel == Channel::Joint {
        NoticeKind::JointOpened
    } else {
        NoticeKind::Routed
    };
    let units: Vec<i64> = decision.notify.iter().map(|u| u.id).collect();
    let told = notify::tell_units(
        tx,
        &units,
        &Notice {
            kind,
            case_id: case.id,
            case_number: case.number,
            summary: case.summary,
            detail: decision.fired.last().map(|f| f.name.as_str()),
            at: now,
            by: Some(case.recorder_id),
        },
    )
    .await?;
    Ok(Routed { told })
}
