//! Applying a pushed batch: one transaction, each operation exactly once.
//!
//! The ledger (`sync_ops`) holds every operation id with the answer it got. An operation whose
//! id is in the ledger is answered `duplicate` with that answer and has no second effect. The
//! effect of an operation and its ledger row commit together, so a server killed mid-batch
//! leaves neither, and the device's retry applies the whole batch afresh.

use super::pusher::Pusher;
use super::record::record_dispute;
use crate::casework::{self, Actor, Step};
use crate::db::{now_ms, Db};
use domain::rules::RuleSet;
use domain::sync::{OpBody, OpOutcome, OpResult, Operation, Rejection, Settled};
use sqlx::{Any, Row, Transaction};
use std::collections::HashMap;

/// What a batch did: the answer for each operation, and who was told something (to wake their
/// live connections once the transaction has committed).
pub struct Applied {
    pub results: Vec<OpResult>,
    pub told: Vec<i64>,
}

/// Applies `ops` in order inside one transaction and answers each.
#[tracing::instrument(
    name = "sync_batch",
    skip_all,
    fields(
        user = pusher.user.id,
        device = %pusher.device_id,
        ops = ops.len(),
        applied = tracing::field::Empty,
        duplicate = tracing::field::Empty,
        rejected = tracing::field::Empty,
        ms = tracing::field::Empty,
    )
)]
pub async fn apply_batch(
    db: &Db,
    rules: &RuleSet,
    pusher: &Pusher,
    ops: Vec<serde_json::Value>,
) -> sqlx::Result<Applied> {
    let started = std::time::Instant::now();
    // The change clock's row first: pushes commit one after another, so change sequence
    // numbers become visible in order and a pull cursor never passes a change still to commit.
    let mut tx = crate::db::begin_writing(&db.pool).await?;
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
    record_outcome(&applied.results, started);
    Ok(applied)
}

/// Puts the batch's outcome on its span and logs it: how many operations applied, were
/// duplicates or were refused, and how long the batch took.
fn record_outcome(results: &[OpResult], started: std::time::Instant) {
    let count = |pick: fn(&OpOutcome) -> bool| results.iter().filter(|r| pick(&r.outcome)).count();
    let applied = count(|o| matches!(o, OpOutcome::Applied { .. }));
    let duplicate = count(|o| matches!(o, OpOutcome::Duplicate { .. }));
    let rejected = count(|o| matches!(o, OpOutcome::Rejected { .. }));
    let ms = started.elapsed().as_millis() as u64;
    let span = tracing::Span::current();
    span.record("applied", applied);
    span.record("duplicate", duplicate);
    span.record("rejected", rejected);
    span.record("ms", ms);
    tracing::info!(applied, duplicate, rejected, ms, "sync batch committed");
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
            // An id holding a control character is refused unread (`apply_one`).
            .filter(|id| !domain::text::has_control(id))
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
    // Before anything is stored or looked up: PostgreSQL refuses a NUL in text, which would
    // fail the whole batch on every retry. Not remembered in the ledger either (its id may be
    // the field at fault); sent again, it is refused again.
    if let Some(field) = domain::text::control_in_operation(&raw) {
        return Ok(OpResult {
            id: Some(id),
            outcome: OpOutcome::Rejected {
                reason: Rejection::Invalid {
                    problems: vec![domain::problem::problem(
                        field,
                        domain::problem::Problem::ControlCharacter,
                    )],
                },
            },
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
                OpBody::WeeklySweep(report) => {
                    crate::weekly_sweep::record(tx, &pusher.user, &op, report, now_ms()).await?
                }
                OpBody::SettleDuplicate(decision) => {
                    crate::casework::duplicates::settle(
                        tx,
                        &pusher.user,
                        &op.case_id,
                        decision,
                        now_ms(),
                        told,
                    )
                    .await?
                }
                _ => case_action(tx, rules, pusher, &op, told).await?,
            };
            if matches!(outcome, Settled::Applied { .. }) {
                // The figures change with the case, in the same transaction (a linked duplicate
                // changes the other case of the pair too).
                crate::stats::store::restate(tx, &op.case_id).await?;
                if let OpBody::SettleDuplicate(decision) = &op.body {
                    crate::stats::store::restate(tx, &decision.other_case_id).await?;
                }
            }
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
pub(super) fn read_operation(raw: &serde_json::Value) -> Result<Operation, Rejection> {
    let envelope: Envelope = read_at(raw, "")?;
    for (field, value) in [("id", &envelope.id), ("case_id", &envelope.case_id)] {
        if uuid::Uuid::parse_str(value).is_err() {
            return Err(Rejection::Malformed {
                field: field.into(),
                detail: "not a UUID".into(),
            });
        }
    }
    if !domain::sync::DEVICE_TIMES.contains(&envelope.client_time) {
        return Err(Rejection::BadDate {
            field: "client_time".into(),
        });
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
    // A case the person may not see answers exactly as one that does not exist: no holder's
    // name, nothing that confirms it is there.
    let user = &pusher.user;
    if !crate::cases::visibility::visible_to(&mut **tx, user.unit_id, Some(user.id), &case.id)
        .await?
    {
        return Ok(Settled::Rejected {
            reason: Rejection::UnknownCase,
        });
    }
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
