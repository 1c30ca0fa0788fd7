//! Routing on the server: the rule engine (`app::rules`, pure) applied to a newly synced case,
//! with its decision stored — holder(s), channel, deadline, a `routed` event naming the rules
//! that fired — and the units concerned told, all in the push's transaction.

use crate::case_log::{self, Event};
use crate::directory::{unit_from_row, UNIT_COLUMNS};
use crate::notify::{self, Notice};
use app::clock::Day;
use app::dispute::DisputeFacts;
use app::rules::engine::NoDecision;
use app::rules::{decide, Channel, Decision, RoutingTree, RuleSet};
use sqlx::{Any, Executor, Transaction};

/// The part of the tree a grid's cases can reach: the grid, its ancestors, and the committees
/// and departments attached to any of them.
pub async fn routing_tree<'e>(
    executor: impl Executor<'e, Database = Any>,
    grid_id: i64,
) -> sqlx::Result<RoutingTree> {
    let rows = sqlx::query(&format!(
        "WITH RECURSIVE chain(id, depth) AS (
             SELECT id, 0 FROM units WHERE id = $1
             UNION ALL
             SELECT p.parent_id, c.depth + 1 FROM chain c JOIN units p ON p.id = c.id
             WHERE p.parent_id IS NOT NULL AND c.depth < 16
         )
         SELECT {UNIT_COLUMNS} FROM units u
         WHERE u.id IN (SELECT id FROM chain)
            OR (u.parent_id IN (SELECT id FROM chain)
                AND u.kind IN ('sector_committee', 'admin_department'))
         ORDER BY u.id"
    ))
    .bind(grid_id)
    .fetch_all(executor)
    .await?;
    Ok(RoutingTree {
        grid_id,
        units: rows.iter().map(unit_from_row).collect::<Result<_, _>>()?,
    })
}

pub fn channel_code(channel: Channel) -> &'static str {
    match channel {
        Channel::People => "people",
        Channel::Administrative => "administrative",
        Channel::Sector => "sector",
        Channel::Joint => "joint",
        Channel::Judicial => "judicial",
    }
}

/// A case just recorded, as routing needs it.
pub struct NewCase<'a> {
    pub id: &'a str,
    pub number: &'a str,
    pub summary: &'a str,
    pub grid_id: i64,
    pub facts: &'a DisputeFacts,
}

/// What routing changed, for the caller to report after commit.
pub struct Routed {
    pub decision: Decision,
    /// Users to wake on live connections once the transaction commits.
    pub told: Vec<i64>,
}

/// Routes a newly recorded case by the rules and stores the decision.
pub async fn route_new_case(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    case: &NewCase<'_>,
    now: i64,
) -> sqlx::Result<Routed> {
    let tree = routing_tree(&mut **tx, case.grid_id).await?;
    let decision = decide(case.facts, &tree, rules, Day::of_unix_ms(now))
        .map_err(|e: NoDecision| sqlx::Error::Protocol(format!("routing case {}: {e}", case.id)))?;
    let stays = decision.holder.id == case.grid_id && decision.deadline.is_none();
    let status = if stays { "resolved_on_spot" } else { "routed" };
    sqlx::query(
        "UPDATE cases SET holder_unit_id = $1, channel = $2, complexity = $3, deadline_at = $4,
                          received_at = $5, status = $6
         WHERE id = $7",
    )
    .bind(decision.holder.id)
    .bind(channel_code(decision.channel))
    .bind(
        serde_json::to_value(decision.complexity)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned)),
    )
    .bind(decision.deadline.map(Day::end_unix_ms))
    .bind(now)
    .bind(status)
    .bind(case.id)
    .execute(&mut **tx)
    .await?;
    let holders = std::iter::once((decision.holder.id, 1_i64))
        .chain(decision.co_holders.iter().map(|u| (u.id, 0)));
    for (unit_id, lead) in holders {
        sqlx::query(
            "INSERT INTO case_holders (case_id, unit_id, lead, since) VALUES ($1, $2, $3, $4)",
        )
        .bind(case.id)
        .bind(unit_id)
        .bind(lead)
        .bind(now)
        .execute(&mut **tx)
        .await?;
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
        "rules_version": rules.version,
    })
    .to_string();
    case_log::append(
        tx,
        Event {
            case_id: case.id,
            kind: "routed",
            actor_id: None,
            unit_id: Some(decision.holder.id),
            client_time: None,
            server_time: now,
            rule: Some(&rule_ids),
            payload: Some(&payload),
        },
    )
    .await?;
    let told = if stays {
        Vec::new()
    } else {
        let kind = if decision.channel == Channel::Joint {
            "joint_opened"
        } else {
            "routed"
        };
        let reason = decision.fired.last().map(|f| f.name.as_str());
        let units: Vec<i64> = decision.notify.iter().map(|u| u.id).collect();
        notify::tell_units(
            tx,
            &units,
            &Notice {
                kind,
                case_id: case.id,
                case_number: case.number,
                summary: case.summary,
                detail: reason,
                at: now,
            },
        )
        .await?
    };
    Ok(Routed { decision, told })
}
