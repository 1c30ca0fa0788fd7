//! Applying a pushed batch: one transaction, each operation exactly once.
//!
//! The ledger (`sync_ops`) holds every operation id with the answer it got. An operation whose
//! id is in the ledger is answered `duplicate` with that answer and has no second effect. The
//! effect of an operation and its ledger row commit together, so a server killed mid-batch
//! leaves neither, and the device's retry applies the whole batch afresh.

use super::numbers::next_case_number;
use crate::case_log::next_change_seq;
use crate::casework::{self, Actor, Step};
use crate::catalogue;
use crate::db::{now_ms, Db};
use crate::routing::{decide_intake, intake_status, record_routing, routing_tree, NewCase};
use domain::clock::Day;
use domain::dispute::{validate, DisputeFacts};
use domain::jurisdiction::UnitKind;
use domain::problem::FieldProblem;
use domain::problem::Problem;
use domain::rules::RoutingTree;
use domain::rules::RuleSet;
use domain::session::{Role, SessionUser};
use domain::sync::{OpBody, OpOutcome, OpResult, Operation, Rejection, Settled};
use sqlx::{Any, Row, Transaction};
use std::collections::HashMap;

/// Who is pushing, and where their cases are numbered.
pub struct Pusher {
    pub user: SessionUser,
    pub device_id: String,
    pub unit_kind: UnitKind,
    /// The county above the user's unit, with its division code, if there is one.
    pub county: Option<(i64, String)>,
    /// For a grid worker: the part of the tree the grid's cases can reach, read once per push.
    pub tree: Option<RoutingTree>,
    /// Every category code the deployment has had (retired ones too), read once per push.
    pub known_categories: std::collections::HashSet<String>,
}

impl Pusher {
    pub async fn load(db: &Db, user: SessionUser, device_id: String) -> sqlx::Result<Pusher> {
        let unit = crate::directory::unit(db, user.unit_id).await?;
        let ancestors = crate::directory::ancestors(db, user.unit_id).await?;
        let county = ancestors
            .iter()
            .chain(unit.iter())
            .find(|u| u.kind == UnitKind::County)
            .map(|u| (u.id, u.code.clone().unwrap_or_else(|| format!("U{}", u.id))));
        let unit_kind = unit.map(|u| u.kind).unwrap_or(UnitKind::City);
        let tree = if unit_kind == UnitKind::Grid {
            Some(routing_tree(&db.pool, user.unit_id).await?)
        } else {
            None
        };
        let known_categories = catalogue::all(db)
            .await?
            .into_iter()
            .map(|c| c.code)
            .collect();
        Ok(Pusher {
            unit_kind,
            user,
            device_id,
            county,
            tree,
            known_categories,
        })
    }
}

impl Pusher {
    /// A category the phone had when it recorded is accepted even if retired since (issue 4);
    /// only a code this deployment never had is refused, named at `field`.
    pub(super) fn unknown_category(
        &self,
        facts: &DisputeFacts,
        field: &str,
    ) -> Option<FieldProblem> {
        (!self.known_categories.contains(&facts.category)).then(|| FieldProblem {
            field: field.into(),
            problem: Problem::UnknownValue,
        })
    }
}

/// Whether a case with this id exists: a new case's id must be new.
pub(super) async fn case_exists(
    tx: &mut Transaction<'static, Any>,
    id: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query("SELECT 1 AS one FROM cases WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .is_some())
}

/// What a batch did: the answer for each operation, and who was told something (to wake their
/// live connections once the transaction has committed).
pub struct Applied {
    pub results: Vec<OpResult>,
    pub told: Vec<i64>,
}

/// Applies `ops` in order inside one transaction and answers each.
pub async fn apply_batch(
    db: &Db,
    rules: &RuleSet,
    pusher: &Pusher,
    ops: Vec<serde_json::Value>,
) -> sqlx::Result<Applied> {
    let mut tx = db.pool.begin().await?;
    // Take the change clock's row first: pushes commit one after another, so change sequence
    // numbers become visible in order and a pull cursor never passes a change still to commit.
    sqlx::query("UPDATE change_clock SET last = last WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    let mut applied = Applied {
        results: Vec::with_capacity(ops.len()),
        told: Vec::new(),
    };
    let mut ledger = Ledger::load(&mut tx, &ops).await?;
    for raw in ops {
        let result = apply_one(&mut tx, rules, pusher, raw, &mut ledger, &mut applied.told).await?;
        applied.results.push(result);
    }
    tx.commit().await?;
    applied.told.sort_unstable();
    applied.told.dedup();
    Ok(applied)
}

/// The ledger entries of a batch's operation ids, read with one query instead of one per
/// operation, and kept up to date as the batch applies (an id repeated within the batch is a
/// duplicate of its first occurrence).
struct Ledger {
    /// Operation id → (the user who sent it, the answer it got).
    seen: HashMap<String, (i64, Settled)>,
}

impl Ledger {
    async fn load(
        tx: &mut Transaction<'static, Any>,
        ops: &[serde_json::Value],
    ) -> sqlx::Result<Ledger> {
        let ids: Vec<&str> = ops
            .iter()
            .filter_map(|op| op.get("id").and_then(|v| v.as_str()))
            .collect();
        let mut seen = HashMap::new();
        if ids.is_empty() {
            return Ok(Ledger { seen });
        }
        let placeholders = (1..=ids.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql =
            format!("SELECT op_id, user_id, outcome FROM sync_ops WHERE op_id IN ({placeholders})");
        let mut query = sqlx::query(&sql);
        for id in &ids {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&mut **tx).await? {
            let id: String = row.try_get("op_id")?;
            let outcome: String = row.try_get("outcome")?;
            let outcome = serde_json::from_str(&outcome).map_err(|e| {
                sqlx::Error::Decode(format!("sync_ops outcome of {id}: {e}").into())
            })?;
            seen.insert(id, (row.try_get("user_id")?, outcome));
        }
        Ok(Ledger { seen })
    }
}

async fn apply_one(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    pusher: &Pusher,
    raw: serde_json::Value,
    ledger: &mut Ledger,
    told: &mut Vec<i64>,
) -> sqlx::Result<OpResult> {
    let Some(id) = raw.get("id").and_then(|v| v.as_str()).map(str::to_owned) else {
        // Without an id there is nothing to remember the answer under.
        return Ok(OpResult {
            id: None,
            outcome: OpOutcome::Rejected {
                reason: Rejection::Malformed {
                    field: "id".into(),
                    detail: "an operation needs a string id".into(),
                },
            },
        });
    };
    if let Some((owner, original)) = ledger.seen.get(&id) {
        let outcome = if *owner != pusher.user.id {
            OpOutcome::Rejected {
                reason: Rejection::IdTaken,
            }
        } else {
            OpOutcome::Duplicate {
                original: original.clone(),
            }
        };
        return Ok(OpResult {
            id: Some(id),
            outcome,
        });
    }
    let kind = raw
        .get("kind")
        .and_then(|v| v.as_str())
        .unwrap_or("unknown")
        .chars()
        .take(40)
        .collect::<String>();
    let (case_id, outcome) = match read_operation(&raw) {
        Err(reason) => (None, Settled::Rejected { reason }),
        Ok(op) => {
            let outcome = match &op.body {
                OpBody::RecordDispute(facts) => {
                    record_dispute(tx, rules, pusher, &op, facts, told).await?
                }
                OpBody::Entrust(entrustment) => {
                    super::entrust::entrust(tx, rules, pusher, &op, entrustment, told).await?
                }
                _ => case_action(tx, rules, pusher, &op, told).await?,
            };
            (Some(op.case_id), outcome)
        }
    };
    let stored = serde_json::to_string(&outcome).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO sync_ops (op_id, user_id, device_id, kind, case_id, outcome, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(pusher.user.id)
    .bind(&pusher.device_id)
    .bind(kind)
    .bind(case_id)
    .bind(stored)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    ledger
        .seen
        .insert(id.clone(), (pusher.user.id, outcome.clone()));
    Ok(OpResult {
        id: Some(id),
        outcome: outcome.into(),
    })
}

/// The fields every operation has, read before its kind decides how to read the payload.
#[derive(serde::Deserialize)]
struct Envelope {
    id: String,
    case_id: String,
    client_time: i64,
    kind: String,
    payload: serde_json::Value,
}

/// Reads `value` as `T`, naming the path (under `prefix`) of the first field that is wrong.
fn read_at<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    prefix: &str,
) -> Result<T, Rejection> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = match (prefix, path.as_str()) {
            ("", path) => path.to_owned(),
            (prefix, ".") => prefix.to_owned(),
            (prefix, path) => format!("{prefix}.{path}"),
        };
        Rejection::Malformed {
            field,
            detail: e.inner().to_string(),
        }
    })
}

/// Reads one operation, naming the field that is wrong when it cannot.
fn read_operation(raw: &serde_json::Value) -> Result<Operation, Rejection> {
    let envelope: Envelope = read_at(raw, "")?;
    for (field, value) in [("id", &envelope.id), ("case_id", &envelope.case_id)] {
        if uuid::Uuid::parse_str(value).is_err() {
            return Err(Rejection::Malformed {
                field: field.into(),
                detail: "not a UUID".into(),
            });
        }
    }
    if !OpBody::is_kind(&envelope.kind) {
        return Err(Rejection::Malformed {
            field: "kind".into(),
            detail: format!("unknown operation kind {:?}", envelope.kind),
        });
    }
    let body: OpBody = read_at(
        &serde_json::json!({ "kind": envelope.kind, "payload": envelope.payload }),
        "",
    )?;
    Ok(Operation {
        id: envelope.id,
        case_id: envelope.case_id,
        client_time: envelope.client_time,
        body,
    })
}

/// A grid worker's new dispute: a case held by their grid, numbered in their county.
async fn record_dispute(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    pusher: &Pusher,
    op: &Operation,
    facts: &DisputeFacts,
    told: &mut Vec<i64>,
) -> sqlx::Result<Settled> {
    if pusher.user.role != Role::GridWorker || pusher.unit_kind != UnitKind::Grid {
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
            "resolved_on_spot",
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
        },
        &decision,
        now,
    )
    .await?;
    told.extend(routed.told);
    Ok(Settled::Applied {
        case_number: number,
    })
}

/// A new case as it goes into `cases`: recorded by the pusher in their unit (a grid, or the
/// court that entrusts it).
pub(super) struct NewCaseRow<'a> {
    pub op: &'a Operation,
    pub number: &'a str,
    pub pusher: &'a Pusher,
    pub facts: &'a DisputeFacts,
    pub holder: i64,
    pub status: &'a str,
    pub seq: i64,
    pub channel: domain::rules::Channel,
    pub complexity: domain::rules::Complexity,
    pub deadline: Option<Day>,
    pub now: i64,
}

/// Inserts the case and its first event, `recorded`, with the facts as its payload.
pub(super) async fn insert_case(
    tx: &mut Transaction<'static, Any>,
    row: &NewCaseRow<'_>,
) -> sqlx::Result<()> {
    let facts_json =
        serde_json::to_string(row.facts).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO cases (id, number, recorder_id, grid_id, holder_unit_id, category, summary, facts,
                            sensitive, status, recorded_at, created_at, change_seq,
                            channel, complexity, deadline_at, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $12)",
    )
    .bind(&row.op.case_id)
    .bind(row.number)
    .bind(row.pusher.user.id)
    .bind(row.pusher.user.unit_id)
    .bind(row.holder)
    .bind(&row.facts.category)
    .bind(row.facts.summary.trim())
    .bind(&facts_json)
    .bind(i64::from(row.facts.sensitive))
    .bind(row.status)
    .bind(row.op.client_time)
    .bind(row.now)
    .bind(row.seq)
    .bind(row.channel.code())
    .bind(row.complexity.code())
    .bind(row.deadline.map(Day::end_unix_ms))
    .execute(&mut **tx)
    .await?;
    record_event(
        tx,
        &row.op.case_id,
        "recorded",
        row.pusher,
        row.op.client_time,
        row.now,
        Some(&facts_json),
    )
    .await
}

/// Appends the pusher's own event to a case's log.
async fn record_event(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
    kind: &str,
    pusher: &Pusher,
    client_time: i64,
    server_time: i64,
    payload: Option<&str>,
) -> sqlx::Result<()> {
    crate::case_log::append(
        tx,
        crate::case_log::Event {
            case_id,
            kind,
            actor_id: Some(pusher.user.id),
            unit_id: Some(pusher.user.unit_id),
            client_time: Some(client_time),
            server_time,
            rule: None,
            payload,
        },
    )
    .await
}

/// A step of the procedure on an existing case. Whoever acts second on the same case gets a
/// rejection naming the true state, never a silent loss.
async fn case_action(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    pusher: &Pusher,
    op: &Operation,
    told: &mut Vec<i64>,
) -> sqlx::Result<Settled> {
    let problems = op.body.action_problems();
    if !problems.is_empty() {
        return Ok(Settled::Rejected {
            reason: Rejection::Invalid { problems },
        });
    }
    let Some(case) = casework::load(tx, &op.case_id).await? else {
        return Ok(Settled::Rejected {
            reason: Rejection::UnknownCase,
        });
    };
    let step = Step {
        case: &case,
        actor: Actor {
            user_id: Some(pusher.user.id),
            unit_id: Some(pusher.user.unit_id),
        },
        client_time: Some(op.client_time),
        now: now_ms(),
    };
    Ok(match casework::perform(tx, rules, step, &op.body).await? {
        Ok(done) => {
            told.extend(done.told);
            Settled::Applied {
                case_number: case.number.clone(),
            }
        }
        Err(reason) => Settled::Rejected { reason },
    })
}
