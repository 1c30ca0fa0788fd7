//! What units do with a case, step by step, as the procedure (`app::procedure`) and the rules
//! describe it. `perform` is the one door: it reads the case, asks the procedure whether the
//! person may take this step now, and runs it; whoever acts second on the same case gets the
//! refusal naming the true state, never a silent loss.
//!
//! Each step runs inside the caller's transaction (a sync push or the scheduler's sweep), so the
//! change, its event and its notifications commit together or not at all.
//!
//! - `intake`: 签收, 受理 or 不予受理, the notice of rights and obligations.
//! - `team`: mediators from the pool, invited mediators, the 回避 check.
//! - `ladder`: sessions and the attempt limit, escalation, resolution, termination.
//! - `agreement`: the agreement, judicial confirmation, the follow-up visit, reopening, closing.
//! - `handoff`: transfer (移送) and joint mediation (联合调解).
//! - `duplicates`: likely duplicate reports, linked (并案) or marked distinct.

mod agreement;
mod backlog;
pub mod backlog_register;
pub mod duplicates;
mod handoff;
mod intake;
mod ladder;
pub mod routing;
pub mod team;
pub mod work_list;

pub use agreement::remind_confirmation_windows;
pub use backlog::list_old_cases;
pub use handoff::join_by_rule;
pub use ladder::{deadline_for, escalate, Grounds, ATTEMPTS_RULE};

use crate::cases::log::{self as case_log, next_change_seq, Event};
pub use crate::cases::record::{load, CaseRef, Register, REGISTER_COLUMNS};
use domain::backlog::Month;
use domain::clock::Day;
use domain::events::EventKind;
use domain::notices::NoticeKind;
use domain::procedure::{self, Refusal, Standing};
use domain::rules::RuleSet;
use domain::sync::{OpBody, Rejection};
use sqlx::{Any, Row, Transaction};

/// Who acts: a person of a unit, or the rules themselves (the scheduler).
#[derive(Clone, Copy, Debug)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub unit_id: Option<i64>,
}

impl Actor {
    pub const RULES: Actor = Actor {
        user_id: None,
        unit_id: None,
    };
}

/// One step being taken: on which case, by whom, when.
#[derive(Clone, Copy)]
pub struct Step<'a> {
    pub case: &'a CaseRef,
    pub actor: Actor,
    pub client_time: Option<i64>,
    pub now: i64,
}

impl Step<'_> {
    /// Appends this step's event to the case's log.
    async fn log(
        &self,
        tx: &mut Transaction<'static, Any>,
        kind: EventKind,
        unit_id: Option<i64>,
        payload: Option<serde_json::Value>,
    ) -> sqlx::Result<()> {
        let payload = payload.map(|p| p.to_string());
        case_log::append(
            tx,
            Event {
                case_id: &self.case.id,
                kind,
                actor_id: self.actor.user_id,
                unit_id: unit_id.or(self.actor.unit_id),
                client_time: self.client_time,
                server_time: self.now,
                rule: None,
                payload: payload.as_deref(),
            },
        )
        .await
    }

    fn notice<'n>(
        &'n self,
        kind: NoticeKind,
        detail: Option<&'n str>,
    ) -> crate::notifications::notice::Notice<'n> {
        crate::notifications::notice::Notice {
            kind,
            case_id: &self.case.id,
            case_number: &self.case.number,
            summary: &self.case.summary,
            detail,
            at: self.now,
            by: self.actor.user_id,
        }
    }
}

/// What a step changed, for the caller to report after commit.
#[derive(Default)]
pub struct Done {
    /// Users told something, to wake their live streams once committed.
    pub told: Vec<i64>,
}

pub type Outcome = sqlx::Result<Result<Done, Rejection>>;

/// The open statuses (`procedure::CaseStatus::is_open`) as an SQL list: `'routed', …`.
pub fn open_statuses_sql() -> String {
    crate::db::sql_list(procedure::open_status_codes())
}

/// The reader's unit's row among the holders: `(lead, acknowledged)`.
async fn holding(
    tx: &mut Transaction<'static, Any>,
    case_id: &str,
    unit_id: i64,
) -> sqlx::Result<Option<(bool, bool)>> {
    let row = sqlx::query(
        "SELECT lead, acknowledged_at FROM case_holders WHERE case_id = $1 AND unit_id = $2",
    )
    .bind(case_id)
    .bind(unit_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| {
        Ok((
            r.try_get::<i64, _>("lead")? == 1,
            r.try_get::<Option<i64>, _>("acknowledged_at")?.is_some(),
        ))
    })
    .transpose()
}

/// Sets the case's change sequence, so pulls pick the change up.
pub(crate) async fn touch(tx: &mut Transaction<'static, Any>, case_id: &str) -> sqlx::Result<()> {
    let seq = next_change_seq(tx).await?;
    sqlx::query("UPDATE cases SET change_seq = $1 WHERE id = $2")
        .bind(seq)
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The units that held the case at any time, and the recording grid: whom a result reaches.
async fn everyone_concerned(
    tx: &mut Transaction<'static, Any>,
    case: &CaseRef,
) -> sqlx::Result<Vec<i64>> {
    let held = crate::cases::record::held_sql();
    let rows = sqlx::query(&format!(
        "SELECT unit_id FROM case_events WHERE case_id = $1 AND kind IN ({held}) AND unit_id IS NOT NULL
         UNION SELECT unit_id FROM case_holders WHERE case_id = $1"
    ))
    .bind(&case.id)
    .fetch_all(&mut **tx)
    .await?;
    let mut units: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get("unit_id"))
        .collect::<sqlx::Result<_>>()?;
    units.push(case.grid_id);
    units.sort_unstable();
    units.dedup();
    Ok(units)
}

/// A day a person gives for something that already happened: not after today (China time).
pub(super) fn not_future(day: Day, now: i64, field: &str) -> Result<(), Rejection> {
    if day > Day::of_unix_ms(now) {
        Err(Rejection::BadDate {
            field: field.into(),
        })
    } else {
        Ok(())
    }
}

/// A day a step of this case happened on: not before the day the case was recorded, and not
/// after today (China time, by the server's clock).
pub(super) fn during_case(day: Day, step: &Step<'_>, field: &str) -> Result<(), Rejection> {
    if day < Day::of_unix_ms(step.case.recorded_at) {
        return Err(Rejection::BadDate {
            field: field.into(),
        });
    }
    not_future(day, step.now, field)
}

/// The procedure's answer for this person, as the sync words a refusal.
async fn gate(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    step: Step<'_>,
    action: procedure::Action,
) -> sqlx::Result<Result<(), Rejection>> {
    let (case, actor) = (step.case, step.actor);
    let unit = actor.unit_id.unwrap_or_default();
    let held = holding(tx, &case.id, unit).await?;
    let standing = Standing {
        lead: unit == case.holder_unit_id,
        co_holder: held.is_some_and(|(lead, _)| !lead),
        visitor: Standing::visits(
            case.entrusted,
            unit == case.holder_unit_id,
            actor.user_id == Some(case.recorder_id),
        ),
        supervisor: action.is_backlog() && backlog::supervises(tx, actor, case).await?,
        above: match (action, actor.user_id) {
            (procedure::Action::HandDown | procedure::Action::Supervise, Some(user)) => {
                crate::people::directory::office_above(&mut **tx, user, case.holder_unit_id).await?
            }
            _ => false,
        },
    };
    let progress = case
        .stage
        .progress(held.is_some_and(|(_, ack)| ack), &rules.closing, step.now);
    Ok(
        procedure::check(action, case.status, progress, standing).map_err(
            |refusal| match refusal {
                Refusal::Closed => Rejection::CaseClosed {
                    status: case.status.code().into(),
                },
                Refusal::NotHolder => Rejection::NotHolder {
                    holder: case.holder_name.clone(),
                },
                Refusal::NotAllowed => Rejection::NotAllowed,
                Refusal::NotNow => Rejection::NotNow {
                    status: case.status.code().into(),
                },
                Refusal::AlreadyEvaluated => Rejection::AlreadyEvaluated {
                    month: Month::of_unix_ms(step.now).to_string(),
                },
            },
        ),
    )
}

/// Takes one step on a case, if the procedure allows it to this person now.
pub async fn perform(
    tx: &mut Transaction<'static, Any>,
    rules: &RuleSet,
    step: Step<'_>,
    body: &OpBody,
) -> Outcome {
    let Some(action) = body.action() else {
        return Ok(Err(Rejection::CaseExists));
    };
    if let Err(refusal) = gate(tx, rules, step, action).await? {
        return Ok(Err(refusal));
    }
    match body {
        OpBody::RecordDispute(_)
        | OpBody::Entrust(_)
        | OpBody::WeeklySweep(_)
        | OpBody::SettleDuplicate(_) => Ok(Err(Rejection::CaseExists)),
        OpBody::Acknowledge(_) => intake::acknowledge(tx, step).await,
        OpBody::Accept(a) => intake::accept(tx, step, a).await,
        OpBody::Decline(r) => intake::decline(tx, step, r.reason.trim()).await,
        OpBody::NoticeOfRights(n) => intake::notice_of_rights(tx, step, n).await,
        OpBody::AssignMediator(a) => team::assign(tx, step, a, false).await,
        OpBody::Invite(a) => team::assign(tx, step, a, true).await,
        OpBody::RecordSession(s) => ladder::record_session(tx, rules, step, s).await,
        OpBody::Escalate(e) => {
            ladder::escalate(
                tx,
                rules,
                step.case,
                step.actor,
                ladder::Grounds::Person(e.reason.trim()),
                None,
                step.client_time,
                step.now,
            )
            .await
        }
        OpBody::Resolve(r) => ladder::resolve(tx, step, r.result.trim()).await,
        OpBody::Terminate(r) => ladder::terminate(tx, step, r.reason.trim()).await.map(Ok),
        OpBody::RecordAgreement(a) => agreement::record(tx, step, a).await,
        OpBody::ApplyConfirmation(a) => agreement::apply_confirmation(tx, step, a).await,
        OpBody::RecordConfirmation(d) => agreement::record_confirmation(tx, step, d).await,
        OpBody::FollowUp(v) => agreement::follow_up(tx, step, v).await,
        OpBody::Reopen(r) => agreement::reopen(tx, rules, step, r.reason.trim()).await,
        OpBody::Close(c) => agreement::close(tx, step, c).await,
        OpBody::Transfer(t) => handoff::transfer(tx, rules, step, t).await,
        OpBody::JoinUnits(j) => handoff::join(tx, rules, step, j).await,
        OpBody::HandDown(h) => handoff::hand_down(tx, step, h).await,
        OpBody::Supervise(s) => handoff::supervise(tx, step, s).await,
        OpBody::AssignLeader(a) => backlog::assign_leader(tx, step, a).await,
        OpBody::EvaluateBacklog(e) => backlog::evaluate(tx, step, e).await,
        OpBody::ClearBacklog(c) => backlog::clear(tx, step, c).await,
    }
}
