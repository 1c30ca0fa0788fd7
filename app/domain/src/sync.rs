//! The sync protocol between a device's outbox and the server (`/api/v1/sync/*`), version 1.
//! Documented for other clients in `docs/sync.md` and `/api/v1/openapi.json`.
//!
//! Push: the device sends a batch of operations, each with an id it generated (UUIDv7). The
//! server applies the batch in one transaction and answers every operation: `applied`,
//! `duplicate` (it saw that id before; the original answer is repeated) or `rejected` (it can
//! never apply; the reason is meant for a person). A batch the server could not process at all
//! is answered with an HTTP error and nothing in it took effect, so the device simply retries.
//!
//! Pull: the device asks for every change it may see after its cursor and gets the cases with
//! the next cursor, page by page.

use crate::backlog::{self, Clearing, Evaluation, LeaderAssignment};
use crate::clock::Day;
use crate::dispute::{Category, DisputeFacts};
use crate::problem::Problem;
use crate::problem::{check_text, problem, FieldProblem};
use crate::procedure::{
    self, Acceptance, Action, Agreement, Closing, ConfirmationApplication, ConfirmationDecision,
    Entrustment, FollowUpVisit, HandDown, JointMediation, MediatorAssignment, Reason, RightsNotice,
    Supervision, Transfer,
};
use serde::{Deserialize, Serialize};

pub const PROTOCOL_VERSION: u32 = 1;
/// At most this many operations in one push …
pub const MAX_BATCH_OPS: usize = 200;
/// … and at most this many bytes of JSON.
pub const MAX_BATCH_BYTES: usize = 1 << 20;
/// At most this many cases in one pull page.
pub const MAX_PULL_LIMIT: i64 = 500;
/// The most cases one `GET /api/v1/sync/cases` answers.
pub const MAX_CASE_DETAILS: usize = 50;

/// What an operation does, with its payload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum OpBody {
    /// A grid worker recorded a dispute; `case_id` is the new case's id.
    RecordDispute(DisputeFacts),
    /// A court entrusts a dispute to a mediation organisation (委托); `case_id` is the new case's.
    Entrust(Entrustment),
    /// The holding unit acknowledges (签收) a case routed or escalated to it.
    Acknowledge(Receipt),
    /// The lead holder cannot resolve the case and sends it one tier up, with its reason
    /// (三级四步登记, seed 001). At the top tier this terminates the case (seed 002).
    Escalate(Escalation),
    /// The lead holder resolved the case; the result travels back down (seed 002).
    Resolve(Resolution),
    /// The lead holder held a mediation session. Failed sessions count towards the rule
    /// file's attempt limit for the tier (Jiangyin "331").
    RecordSession(Session),
    /// 受理: the lead holder takes the case on.
    Accept(Acceptance),
    /// 不予受理, with the reason; declines count against the unit's acceptance rate.
    Decline(Reason),
    /// The parties were told their rights and obligations (seed 003).
    NoticeOfRights(RightsNotice),
    /// A mediator of the unit's pool (or an ancestor's) is put on the case, after the 回避 check.
    AssignMediator(MediatorAssignment),
    /// 邀请: a mediator of another unit is invited into the case, with the reason.
    Invite(MediatorAssignment),
    /// A written agreement was reached.
    RecordAgreement(Agreement),
    /// 调解终结 at this tier: no agreement; the parties are told about litigation and arbitration.
    Terminate(Reason),
    /// The parties applied for judicial confirmation, within 30 days of the agreement.
    ApplyConfirmation(ConfirmationApplication),
    /// The court's decision on it.
    RecordConfirmation(ConfirmationDecision),
    /// 回访 by the recording grid worker.
    FollowUp(FollowUpVisit),
    /// The agreement is not being performed: mediation resumes.
    Reopen(Reason),
    /// 结案 after the follow-up visit.
    Close(Closing),
    /// 移送 to another mediation organisation, with every party's consent.
    Transfer(Transfer),
    /// 联合调解: other units join as co-holders.
    JoinUnits(JointMediation),
    /// 交办/分流: a unit above the holder (or the holder) hands the case down, with
    /// instructions and a deadline.
    HandDown(HandDown),
    /// 督办: a unit above the holder presses it, with instructions.
    Supervise(Supervision),
    /// 包案领导 named for a backlog case.
    AssignLeader(LeaderAssignment),
    /// This month's evaluation of a backlog case.
    EvaluateBacklog(Evaluation),
    /// 销号 from the backlog register.
    ClearBacklog(Clearing),
    /// 每周排查: a grid worker's weekly report (or zero report); `case_id` is the report's own id.
    WeeklySweep(crate::weekly_sweep::SweepReport),
    /// 并案 or not: the holder's decision on a pair of likely duplicates (`domain::duplicates`).
    SettleDuplicate(crate::duplicates::DuplicateDecision),
}

impl OpBody {
    /// Whether `kind` names an operation (the JSON's `kind`).
    pub fn is_kind(kind: &str) -> bool {
        kind == "record_dispute"
            || kind == "entrust"
            || kind == "weekly_sweep"
            || kind == "settle_duplicate"
            || Action::ALL.iter().any(|a| Self::action_kind(*a) == kind)
    }

    pub fn kind(&self) -> &'static str {
        match (self, self.action()) {
            (OpBody::Entrust(_), _) => "entrust",
            (OpBody::WeeklySweep(_), _) => "weekly_sweep",
            (OpBody::SettleDuplicate(_), _) => "settle_duplicate",
            (_, None) => "record_dispute",
            (_, Some(action)) => Self::action_kind(action),
        }
    }

    /// The facts of a new case, for the two operations that create one.
    pub fn new_case_facts(&self) -> Option<&DisputeFacts> {
        match self {
            OpBody::RecordDispute(facts) => Some(facts),
            OpBody::Entrust(e) => Some(&e.facts),
            _ => None,
        }
    }

    /// The operation kind of a procedure action.
    pub fn action_kind(action: Action) -> &'static str {
        match action {
            Action::Acknowledge => "acknowledge",
            Action::Escalate => "escalate",
            Action::Resolve => "resolve",
            Action::RecordSession => "record_session",
            Action::Accept => "accept",
            Action::Decline => "decline",
            Action::NoticeOfRights => "notice_of_rights",
            Action::AssignMediator => "assign_mediator",
            Action::Invite => "invite",
            Action::RecordAgreement => "record_agreement",
            Action::Terminate => "terminate",
            Action::ApplyConfirmation => "apply_confirmation",
            Action::RecordConfirmation => "record_confirmation",
            Action::FollowUp => "follow_up",
            Action::Reopen => "reopen",
            Action::Close => "close",
            Action::Transfer => "transfer",
            Action::JoinUnits => "join_units",
            Action::AssignLeader => "assign_leader",
            Action::EvaluateBacklog => "evaluate_backlog",
            Action::ClearBacklog => "clear_backlog",
            Action::HandDown => "hand_down",
            Action::Supervise => "supervise",
        }
    }

    /// The procedure step this operation takes; `None` for recording a new dispute (or a
    /// court's entrustment), for the weekly sweep report and for a decision on duplicates,
    /// which concerns two cases.
    pub fn action(&self) -> Option<Action> {
        Some(match self {
            OpBody::RecordDispute(_)
            | OpBody::Entrust(_)
            | OpBody::WeeklySweep(_)
            | OpBody::SettleDuplicate(_) => return None,
            OpBody::Acknowledge(_) => Action::Acknowledge,
            OpBody::Escalate(_) => Action::Escalate,
            OpBody::Resolve(_) => Action::Resolve,
            OpBody::RecordSession(_) => Action::RecordSession,
            OpBody::Accept(_) => Action::Accept,
            OpBody::Decline(_) => Action::Decline,
            OpBody::NoticeOfRights(_) => Action::NoticeOfRights,
            OpBody::AssignMediator(_) => Action::AssignMediator,
            OpBody::Invite(_) => Action::Invite,
            OpBody::RecordAgreement(_) => Action::RecordAgreement,
            OpBody::Terminate(_) => Action::Terminate,
            OpBody::ApplyConfirmation(_) => Action::ApplyConfirmation,
            OpBody::RecordConfirmation(_) => Action::RecordConfirmation,
            OpBody::FollowUp(_) => Action::FollowUp,
            OpBody::Reopen(_) => Action::Reopen,
            OpBody::Close(_) => Action::Close,
            OpBody::Transfer(_) => Action::Transfer,
            OpBody::JoinUnits(_) => Action::JoinUnits,
            OpBody::AssignLeader(_) => Action::AssignLeader,
            OpBody::EvaluateBacklog(_) => Action::EvaluateBacklog,
            OpBody::ClearBacklog(_) => Action::ClearBacklog,
            OpBody::HandDown(_) => Action::HandDown,
            OpBody::Supervise(_) => Action::Supervise,
        })
    }

    /// What is wrong with an action's own fields (a recorded dispute has `dispute::validate`).
    pub fn action_problems(&self) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        let text = |out: &mut Vec<FieldProblem>, field: &str, value: &str| {
            check_text(out, field, value, MAX_ACTION_TEXT_CHARS)
        };
        match self {
            OpBody::RecordDispute(_) | OpBody::Acknowledge(_) => {}
            OpBody::Entrust(e) => out = procedure::validate_entrustment(e),
            OpBody::Escalate(e) => text(&mut out, "reason", &e.reason),
            OpBody::Resolve(r) => text(&mut out, "result", &r.result),
            OpBody::RecordSession(s) => {
                text(&mut out, "notes", &s.notes);
                if s.participants.len() > 50 {
                    out.push(problem("participants", Problem::TooLong));
                }
            }
            OpBody::Accept(a) => out = procedure::validate_acceptance(a),
            OpBody::Decline(r) | OpBody::Terminate(r) | OpBody::Reopen(r) => {
                out = procedure::validate_reason(r)
            }
            OpBody::NoticeOfRights(n) => out = procedure::validate_rights_notice(n),
            OpBody::AssignMediator(a) => out = procedure::validate_assignment(a),
            OpBody::Invite(a) => {
                text(&mut out, "reason", a.reason.as_deref().unwrap_or_default());
            }
            OpBody::RecordAgreement(a) => out = procedure::validate_agreement(a),
            OpBody::ApplyConfirmation(a) => out = procedure::validate_application(a),
            OpBody::RecordConfirmation(d) => out = procedure::validate_decision(d),
            OpBody::FollowUp(v) => out = procedure::validate_visit(v),
            OpBody::Close(c) => out = procedure::validate_closing(c),
            OpBody::Transfer(t) => out = procedure::validate_transfer(t),
            OpBody::JoinUnits(j) => out = procedure::validate_joint(j),
            OpBody::AssignLeader(a) => out = backlog::validate_leader(a),
            OpBody::EvaluateBacklog(e) => out = backlog::validate_evaluation(e),
            OpBody::ClearBacklog(c) => out = backlog::validate_clearing(c),
            OpBody::HandDown(h) => out = procedure::validate_hand_down(h),
            OpBody::Supervise(s) => out = procedure::validate_supervision(s),
            OpBody::WeeklySweep(r) => out = crate::weekly_sweep::validate_report(r),
            // The operation's own case id is compared where it is known (`validate_decision`).
            OpBody::SettleDuplicate(_) => {}
        }
        out
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Receipt {
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Escalation {
    /// Why this tier cannot resolve it (required).
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Resolution {
    /// What was agreed or done (required).
    pub result: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    /// The day it was held; absent in sessions recorded before the field existed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub held_on: Option<Day>,
    /// Who took part, by name.
    #[serde(default)]
    pub participants: Vec<String>,
    /// Where it was held.
    pub place: String,
    /// What happened (required).
    pub notes: String,
    /// The parties did not reach agreement this time.
    pub failed: bool,
}

/// The longest reason or result text.
pub const MAX_ACTION_TEXT_CHARS: usize = 2000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Operation {
    /// Client-generated UUIDv7: the key of exactly-once delivery.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
        )
    )]
    pub id: String,
    /// The case the operation creates or changes (a UUID the device chose for a new case).
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
        )
    )]
    pub case_id: String,
    /// When the person did it, in Unix milliseconds on the device's clock.
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 4_102_444_800_000_i64)
    )]
    pub client_time: i64,
    #[serde(flatten)]
    pub body: OpBody,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    /// [`PROTOCOL_VERSION`]; another answers 400 `unsupported_protocol`.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1))]
    pub protocol: u32,
    /// A random id per installation, for the server's log and for telling devices apart.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    pub device_id: String,
    /// Each operation is kept as raw JSON until the server reads it, so one operation the
    /// server cannot read is rejected alone instead of failing the batch. Documented as what it
    /// must be: operations, each tagged by its `kind` with that kind's `payload`.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Operation>, max_items = 200))]
    pub ops: Vec<serde_json::Value>,
    /// The device's clock as it sends the batch (Unix ms). The server keeps its own time for
    /// deadlines, ages and order; this tells it how far the device's clock is off, which the
    /// case shows ("设备时间与服务器相差 N 小时").
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 4_102_444_800_000_i64)
    )]
    pub sent_at: Option<i64>,
}

/// The device times the server believes (Unix ms): from 2000-01-01 to 2100-01-01. Outside them
/// an operation is refused, naming `client_time`.
pub const DEVICE_TIMES: std::ops::RangeInclusive<i64> = 946_684_800_000..=4_102_444_800_000;

/// Why an operation can never be applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Rejection {
    /// The operation's own fields failed the dispute checks.
    Invalid { problems: Vec<FieldProblem> },
    /// The operation is not readable: unknown kind, wrong types, missing fields.
    Malformed { field: String, detail: String },
    /// The operation id was already used by another user.
    IdTaken,
    /// Only grid workers record disputes, and only in their own grid.
    NotAllowed,
    /// The case id is already taken by another case.
    CaseExists,
    /// No case with this id is visible to the user.
    UnknownCase,
    /// The user's unit does not hold this case (any more): someone else acted first.
    NotHolder { holder: String },
    /// The case is no longer open (resolved, terminated…).
    CaseClosed { status: String },
    /// The case is not at the step this action belongs to (someone else moved it on first, or
    /// an earlier step is missing); `status` is where it stands.
    NotNow { status: String },
    /// This month's evaluation of the backlog case is already written (`month`: `2026-11`).
    AlreadyEvaluated { month: String },
    /// The mediator must withdraw (回避): related to a party.
    Recusal { mediator: String, party: String },
    /// No such mediator in a pool the unit may draw on.
    UnknownMediator,
    /// No such mediation organisation to hand the case to.
    UnknownUnit,
    /// The judicial confirmation window closed on `last_day` (`YYYY-MM-DD`).
    WindowClosed { last_day: String },
    /// These parties have not consented to the transfer.
    ConsentMissing { parties: Vec<String> },
    /// These parties were not told their rights and obligations.
    PartiesUntold { parties: Vec<String> },
    /// A date lies in the future or before the step it follows.
    BadDate { field: String },
    /// The follow-up visit found the agreement not (fully) performed: mediate again, or close
    /// with a reason (`override_reason`).
    NotPerformed,
    /// The two cases were already found to be duplicates (`absorb`) or not (`distinct`).
    DuplicateSettled { verdict: String },
}

/// What became of an operation the first time the server saw it. A repeat is answered with
/// this same result, so a duplicate of a duplicate cannot even be written down.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Settled {
    Applied { case_number: String },
    Rejected { reason: Rejection },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum OpOutcome {
    Applied {
        case_number: String,
    },
    Rejected {
        reason: Rejection,
    },
    /// This id was seen before: here is what happened the first time.
    Duplicate {
        original: Settled,
    },
}

impl OpOutcome {
    /// The outcome with a repeat resolved to the original answer.
    pub fn settled(&self) -> Settled {
        match self {
            OpOutcome::Applied { case_number } => Settled::Applied {
                case_number: case_number.clone(),
            },
            OpOutcome::Rejected { reason } => Settled::Rejected {
                reason: reason.clone(),
            },
            OpOutcome::Duplicate { original } => original.clone(),
        }
    }
}

impl From<Settled> for OpOutcome {
    fn from(settled: Settled) -> OpOutcome {
        match settled {
            Settled::Applied { case_number } => OpOutcome::Applied { case_number },
            Settled::Rejected { reason } => OpOutcome::Rejected { reason },
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpResult {
    /// The operation's id, or `null` for an operation without a readable id.
    pub id: Option<String>,
    #[serde(flatten)]
    pub outcome: OpOutcome,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    pub protocol: u32,
    /// One result per operation, in the order they were sent.
    pub results: Vec<OpResult>,
    /// Server time, Unix milliseconds.
    pub server_time: i64,
}

/// A case as a device keeps it: enough to list it and to show what became of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseSummary {
    pub id: String,
    pub number: String,
    pub category: String,
    pub summary: String,
    pub status: String,
    pub holder_unit_id: i64,
    pub holder_name: String,
    pub recorder_id: i64,
    /// Client time of recording, Unix milliseconds.
    pub recorded_at: i64,
    /// The server's change sequence of the latest change; pull cursors count in it.
    pub change_seq: i64,
    /// The puller recorded it and its follow-up visit (回访) is due: agreed, not yet visited.
    /// The phone lists it to visit, with no network if need be.
    #[serde(default)]
    pub visit_due: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullResponse {
    pub protocol: u32,
    pub cases: Vec<CaseSummary>,
    /// Pass this back as `cursor` next time.
    pub next_cursor: i64,
    /// More changes wait: pull again at once.
    pub more: bool,
    /// The deployment's dispute categories, retired ones included (so old records still show
    /// their names); the phone offers the active ones in its form. Empty when the device passed
    /// the current `categories_version`: its copy stands.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// The version of the categories; the device passes it back as `categories_version`.
    #[serde(default)]
    pub categories_version: Option<String>,
    /// The rules and the grid's part of the tree, for the phone's offline routing preview;
    /// sent to grid workers when they differ from the `routing_version` the device passed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub routing: Option<crate::rules::RoutingContext>,
    /// The user's notifications newer than the `notice_cursor` the device passed (newest
    /// first, at most 50), so an offline phone learns what happened on its next sync.
    #[serde(default)]
    pub notifications: Vec<crate::notices::Notification>,
}

/// The answer of any `/api/v1` request that failed as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub error: String,
    /// The JSON path of the offending field, when there is one.
    #[serde(default)]
    pub field: Option<String>,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operation_reads_as_the_documented_json() {
        let json = serde_json::json!({
            "id": "0190f6b4-0000-7000-8000-000000000001",
            "case_id": "0190f6b4-0000-7000-8000-000000000002",
            "client_time": 1_790_000_000_000_i64,
            "kind": "record_dispute",
            "payload": {
                "category": "neighbourhood", "summary": "噪音", "people_involved": 2,
                "location": "3幢", "parties": [{"name": "李四", "role": "applicant"}]
            }
        });
        let op: Operation = serde_json::from_value(json).unwrap();
        assert_eq!(op.body.kind(), "record_dispute");
    }

    #[test]
    fn outcomes_carry_a_status_tag_and_duplicates_settle_to_the_original() {
        let applied = Settled::Applied {
            case_number: "330803-2026-000001".into(),
        };
        let result = OpResult {
            id: Some("x".into()),
            outcome: OpOutcome::Duplicate {
                original: applied.clone(),
            },
        };
        let json = serde_json::to_value(&result).unwrap();
        assert_eq!(json["status"], "duplicate");
        assert_eq!(json["original"]["status"], "applied");
        assert_eq!(result.outcome.settled(), applied);
    }
}
