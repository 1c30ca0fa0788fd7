//! The mediation procedure a case goes through at the unit that holds it (seed 003: 受理、告知、
//! 调解、达成协议、回访), as one state machine shared by the browser and the server: the page
//! offers exactly the actions `check` allows, and the server refuses everything else with the
//! same reason, so a tablet that acted offline learns why when it syncs.
//!
//! ```text
//! routed/escalated ──受理──▶ accepted ──协议──▶ agreed ──回访, 结案──▶ closed
//!        │                     │                  └──不履行, 重新调解──▶ accepted
//!        ├──不予受理──▶ declined   ├──口头协议──▶ resolved
//!        └──上报 / 移送 (to another holder, received again)   └──终结──▶ terminated
//! ```

use crate::backlog::Listing;
use crate::clock::Day;
use crate::dispute::{check_text, problem, FieldProblem, Party, MAX_AMOUNT_FEN};
use crate::error::Problem;
use serde::{Deserialize, Serialize};

/// Where a case stands. Stored as its `code` in `cases.status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Resolved by the grid worker where it happened; never routed.
    ResolvedOnSpot,
    /// Sent by the rules to its first holder, not yet accepted.
    Routed,
    /// Sent one tier up (or handed over), not yet accepted by the new holder.
    Escalated,
    /// 受理: the holder took the case on and is mediating.
    Accepted,
    /// A written agreement was reached; performance, judicial confirmation and the follow-up
    /// visit are pending.
    Agreed,
    /// Settled without a written agreement (口头协议, 当场履行).
    Resolved,
    /// 结案 after an agreement was followed up.
    Closed,
    /// 不予受理, with the reason.
    Declined,
    /// 调解终结: no agreement; the parties are told about litigation and arbitration.
    Terminated,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 9] = [
        CaseStatus::ResolvedOnSpot,
        CaseStatus::Routed,
        CaseStatus::Escalated,
        CaseStatus::Accepted,
        CaseStatus::Agreed,
        CaseStatus::Resolved,
        CaseStatus::Closed,
        CaseStatus::Declined,
        CaseStatus::Terminated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CaseStatus::ResolvedOnSpot => "resolved_on_spot",
            CaseStatus::Routed => "routed",
            CaseStatus::Escalated => "escalated",
            CaseStatus::Accepted => "accepted",
            CaseStatus::Agreed => "agreed",
            CaseStatus::Resolved => "resolved",
            CaseStatus::Closed => "closed",
            CaseStatus::Declined => "declined",
            CaseStatus::Terminated => "terminated",
        }
    }

    pub fn from_code(code: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Waiting for the holder to take it on (受理) or turn it down.
    pub fn is_received(self) -> bool {
        matches!(self, CaseStatus::Routed | CaseStatus::Escalated)
    }

    /// A unit is working it against a deadline: the scheduler watches these.
    pub fn is_open(self) -> bool {
        self.is_received() || self == CaseStatus::Accepted
    }

    /// Nothing more happens to it (a reopening aside).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            CaseStatus::ResolvedOnSpot
                | CaseStatus::Resolved
                | CaseStatus::Closed
                | CaseStatus::Declined
                | CaseStatus::Terminated
        )
    }
}

/// The statuses' codes a unit still works against a deadline, for SQL `IN (…)` lists.
pub fn open_status_codes() -> impl Iterator<Item = &'static str> {
    CaseStatus::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(CaseStatus::code)
}

/// Everything a person can do to a case, one per operation kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Acknowledge,
    Accept,
    Decline,
    NoticeOfRights,
    AssignMediator,
    Invite,
    RecordSession,
    RecordAgreement,
    Resolve,
    Escalate,
    Terminate,
    ApplyConfirmation,
    RecordConfirmation,
    FollowUp,
    Reopen,
    Close,
    Transfer,
    JoinUnits,
    /// 包案: a supervisor names the leader who answers for a backlog case.
    AssignLeader,
    /// 每月评估 of a backlog case.
    EvaluateBacklog,
    /// 销号: the case leaves the backlog register.
    ClearBacklog,
}

impl Action {
    pub const ALL: [Action; 21] = [
        Action::Acknowledge,
        Action::Accept,
        Action::Decline,
        Action::NoticeOfRights,
        Action::AssignMediator,
        Action::Invite,
        Action::RecordSession,
        Action::RecordAgreement,
        Action::Resolve,
        Action::Escalate,
        Action::Terminate,
        Action::ApplyConfirmation,
        Action::RecordConfirmation,
        Action::FollowUp,
        Action::Reopen,
        Action::Close,
        Action::Transfer,
        Action::JoinUnits,
        Action::AssignLeader,
        Action::EvaluateBacklog,
        Action::ClearBacklog,
    ];

    /// The steps of the backlog register, taken by a supervisor above the holder.
    pub fn is_backlog(self) -> bool {
        matches!(
            self,
            Action::AssignLeader | Action::EvaluateBacklog | Action::ClearBacklog
        )
    }
}

/// How the reader stands to the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    /// The reader's unit is the lead holder.
    pub lead: bool,
    /// The reader's unit co-holds it (联合调解).
    pub co_holder: bool,
    /// The reader makes the follow-up visit: the grid worker who recorded the case or, for a
    /// case a court entrusted (no grid worker knows the parties), a person of the lead holder.
    pub visitor: bool,
    /// The reader supervises the holder: a supervisor of the holder's unit or one above it,
    /// who keeps the backlog register (seed 001 §10).
    pub supervisor: bool,
}

impl Standing {
    /// Whether the reader makes the follow-up visit: the grid worker who recorded the case, or
    /// for a case a court entrusted (no grid worker knows the parties) the holding unit.
    pub fn visits(entrusted: bool, in_holding_unit: bool, recorded_it: bool) -> bool {
        if entrusted {
            in_holding_unit
        } else {
            recorded_it
        }
    }
}

/// What the procedure needs to know of a case besides its status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Progress {
    pub acknowledged: bool,
    /// The lead holder's acknowledgement; a co-holder's is its own.
    pub co_holder_acknowledged: bool,
    /// Where the judicial confirmation stands.
    pub confirmation: Confirmation,
    pub followed_up: bool,
    /// Where the case stands in the backlog register.
    pub backlog: Listing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confirmation {
    #[default]
    NotApplied,
    Applied,
    Decided,
}

impl Confirmation {
    /// From the `cases.confirmation` column: absent, `applied`, or the court's decision.
    pub fn from_column(value: Option<&str>) -> Confirmation {
        match value {
            None => Confirmation::NotApplied,
            Some("applied") => Confirmation::Applied,
            Some(_) => Confirmation::Decided,
        }
    }
}

/// Why an action does not fit the case now; the sync answers it as a `Rejection`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The case is over.
    Closed,
    /// The reader's unit does not hold it.
    NotHolder,
    /// The reader has no part in this action (a follow-up visit by someone else, say).
    NotAllowed,
    /// The case is not at the step this action belongs to.
    NotNow,
    /// This month's backlog evaluation is already written.
    AlreadyEvaluated,
}

/// Whether the reader may take `action` on a case in `status` with `progress`.
pub fn check(
    action: Action,
    status: CaseStatus,
    progress: Progress,
    who: Standing,
) -> Result<(), Refusal> {
    use Action::*;
    use CaseStatus::*;
    if action == FollowUp {
        // The visitor visits; nobody else, and only after an agreement.
        return match (who.visitor, status, progress.followed_up) {
            (false, _, _) => Err(Refusal::NotAllowed),
            (true, Agreed, false) => Ok(()),
            (true, s, _) if s.is_final() => Err(Refusal::Closed),
            _ => Err(Refusal::NotNow),
        };
    }
    if action.is_backlog() {
        return check_backlog(action, progress.backlog, who);
    }
    if action == Acknowledge && who.co_holder && !who.lead {
        return match (status.is_open(), progress.co_holder_acknowledged) {
            (false, _) => Err(Refusal::Closed),
            (true, false) => Ok(()),
            (true, true) => Err(Refusal::NotNow),
        };
    }
    if status.is_final() {
        return Err(Refusal::Closed);
    }
    if !who.lead {
        return Err(Refusal::NotHolder);
    }
    let fits = match action {
        Acknowledge => status.is_received() && !progress.acknowledged,
        Accept | Decline => status.is_received(),
        Escalate | Transfer => status.is_open(),
        NoticeOfRights | AssignMediator | Invite | RecordSession | RecordAgreement | Resolve
        | Terminate | JoinUnits => status == Accepted,
        ApplyConfirmation => status == Agreed && progress.confirmation == Confirmation::NotApplied,
        RecordConfirmation => status == Agreed && progress.confirmation == Confirmation::Applied,
        Reopen => status == Agreed,
        // Closing waits for the follow-up visit (seed 003: 回访 before 结案).
        Close => status == Agreed && progress.followed_up,
        FollowUp | AssignLeader | EvaluateBacklog | ClearBacklog => {
            unreachable!("handled above")
        }
    };
    if fits {
        Ok(())
    } else {
        Err(Refusal::NotNow)
    }
}

/// The register's steps: a supervisor's, on a listed case, whatever its status (a case that
/// has ended stays listed until it is cleared, so the register shows what was achieved).
fn check_backlog(action: Action, listing: Listing, who: Standing) -> Result<(), Refusal> {
    if !who.supervisor {
        return Err(Refusal::NotAllowed);
    }
    let Listing::Listed {
        evaluated_this_month,
        ..
    } = listing
    else {
        return Err(Refusal::NotNow);
    };
    match action {
        Action::EvaluateBacklog if evaluated_this_month => Err(Refusal::AlreadyEvaluated),
        _ => Ok(()),
    }
}

/// Every step the reader may take now, in the order the page offers them.
pub fn allowed(status: CaseStatus, progress: Progress, who: Standing) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| check(*a, status, progress, who).is_ok())
        .collect()
}

/// The judicial confirmation window (人民调解法 第三十三条): the parties apply together within
/// thirty days of the agreement taking effect. The day it takes effect is not counted, so the
/// last day is thirty days after it.
pub const CONFIRMATION_WINDOW_DAYS: i64 = 30;

pub fn confirmation_last_day(effective_on: Day) -> Day {
    effective_on.plus(CONFIRMATION_WINDOW_DAYS)
}

/// The longest free text of an action.
pub const MAX_TEXT_CHARS: usize = 2000;
/// The longest short text (a place, a court, a ruling number, a name).
pub const MAX_SHORT_CHARS: usize = 100;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Acceptance {
    #[serde(default)]
    pub note: Option<String>,
}

/// A reason is all some actions carry (decline, terminate, reopen).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Reason {
    pub reason: String,
}

/// 告知当事人权利义务: how the parties were told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum NoticeMethod {
    /// 口头告知
    Oral,
    /// 书面告知（权利义务告知书）
    Written,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RightsNotice {
    pub method: NoticeMethod,
    /// The parties told, by name; every party of the case must be among them.
    pub parties: Vec<String>,
}

/// A mediator of the pool put on the case; `reason` says why when the mediator is invited from
/// another unit (邀请).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MediatorAssignment {
    pub mediator_id: i64,
    #[serde(default)]
    pub reason: Option<String>,
}

/// 调解协议: what the parties agreed, signed on a day, to be performed by a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Agreement {
    pub terms: String,
    /// The sum one party pays, in fen, when there is one.
    #[serde(default)]
    pub amount_fen: Option<i64>,
    /// The day the parties signed it; it takes effect then.
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub signed_on: Day,
    /// The day by which it is to be performed.
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub perform_by: Day,
}

/// The parties applied to a court for judicial confirmation (司法确认).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConfirmationApplication {
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub applied_on: Day,
    pub court: String,
}

/// The court's decision on the application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConfirmationDecision {
    /// Confirmed valid (裁定确认有效) or refused (驳回申请).
    pub confirmed: bool,
    /// The ruling's number (文书号).
    pub ruling: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Performance {
    Full,
    Partial,
    None,
}

/// The parties' satisfaction with the mediation (评价).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Satisfaction {
    Satisfied,
    Fair,
    Dissatisfied,
}

/// 回访: the recording grid worker asks whether the agreement is being performed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FollowUpVisit {
    pub performance: Performance,
    pub satisfaction: Satisfaction,
    pub notes: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Closing {
    #[serde(default)]
    pub note: Option<String>,
}

/// One party's answer to a transfer (移送 needs everyone's consent, seed 000).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Consent {
    pub party: String,
    pub consented: bool,
}

/// 移送: the case goes to another mediation organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Transfer {
    pub to_unit_id: i64,
    pub reason: String,
    pub consents: Vec<Consent>,
}

/// 联合调解: other units join the lead as co-holders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct JointMediation {
    pub unit_ids: Vec<i64>,
    pub reason: String,
}

fn check_optional(out: &mut Vec<FieldProblem>, field: &str, value: Option<&str>, max: usize) {
    if value.is_some_and(|v| v.chars().count() > max) {
        out.push(problem(field, Problem::TooLong));
    }
}

pub fn validate_reason(reason: &Reason) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "reason", &reason.reason, MAX_TEXT_CHARS);
    out
}

pub fn validate_acceptance(a: &Acceptance) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_optional(&mut out, "note", a.note.as_deref(), MAX_TEXT_CHARS);
    out
}

pub fn validate_closing(c: &Closing) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_optional(&mut out, "note", c.note.as_deref(), MAX_TEXT_CHARS);
    out
}

pub fn validate_rights_notice(n: &RightsNotice) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if n.parties.is_empty() {
        out.push(problem("parties", Problem::Required));
    }
    for (i, name) in n.parties.iter().enumerate() {
        check_text(&mut out, &format!("parties[{i}]"), name, MAX_SHORT_CHARS);
    }
    out
}

pub fn validate_assignment(a: &MediatorAssignment) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_optional(&mut out, "reason", a.reason.as_deref(), MAX_TEXT_CHARS);
    out
}

pub fn validate_agreement(a: &Agreement) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "terms", &a.terms, MAX_TEXT_CHARS);
    match a.amount_fen {
        Some(f) if f < 0 => out.push(problem("amount_fen", Problem::BadFormat)),
        Some(f) if f > MAX_AMOUNT_FEN => out.push(problem("amount_fen", Problem::TooLong)),
        _ => {}
    }
    if a.perform_by < a.signed_on {
        out.push(problem("perform_by", Problem::BadFormat));
    }
    out
}

pub fn validate_application(a: &ConfirmationApplication) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "court", &a.court, MAX_SHORT_CHARS);
    out
}

pub fn validate_decision(d: &ConfirmationDecision) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "ruling", &d.ruling, MAX_SHORT_CHARS);
    out
}

pub fn validate_visit(v: &FollowUpVisit) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "notes", &v.notes, MAX_TEXT_CHARS);
    out
}

pub fn validate_transfer(t: &Transfer) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "reason", &t.reason, MAX_TEXT_CHARS);
    out
}

/// 委托调解 (seed 000 四(二)): a court hands a dispute before it to a mediation organisation,
/// with every party's consent, and hears the result back. It creates the case, as a recorded
/// dispute does; the case's "recording unit" is the court.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Entrustment {
    pub facts: crate::dispute::DisputeFacts,
    pub to_unit_id: i64,
    /// The court's own case number (案号), e.g. (2026)浙0803民初1234号.
    pub court_case_number: String,
    pub reason: String,
    pub consents: Vec<Consent>,
}

pub fn validate_entrustment(e: &Entrustment) -> Vec<FieldProblem> {
    let mut out: Vec<FieldProblem> = crate::dispute::validate(&e.facts)
        .into_iter()
        .map(|p| problem(format!("facts.{}", p.field), p.problem))
        .collect();
    check_text(
        &mut out,
        "court_case_number",
        &e.court_case_number,
        MAX_SHORT_CHARS,
    );
    check_text(&mut out, "reason", &e.reason, MAX_TEXT_CHARS);
    out
}

pub fn validate_joint(j: &JointMediation) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if j.unit_ids.is_empty() {
        out.push(problem("unit_ids", Problem::Required));
    }
    check_text(&mut out, "reason", &j.reason, MAX_TEXT_CHARS);
    out
}

/// The parties who did not consent to a transfer (or were not asked), by name. Empty means
/// everyone agreed and the transfer may go ahead.
pub fn missing_consents(parties: &[Party], consents: &[Consent]) -> Vec<String> {
    parties
        .iter()
        .filter(|p| {
            !consents
                .iter()
                .any(|c| c.consented && c.party.trim() == p.name.trim())
        })
        .map(|p| p.name.clone())
        .collect()
}

/// The parties not among those told of their rights and obligations.
pub fn untold_parties(parties: &[Party], told: &[String]) -> Vec<String> {
    parties
        .iter()
        .filter(|p| !told.iter().any(|t| t.trim() == p.name.trim()))
        .map(|p| p.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRANGER: Standing = Standing {
        lead: false,
        co_holder: false,
        visitor: false,
        supervisor: false,
    };
    const LEAD: Standing = Standing {
        lead: true,
        ..STRANGER
    };
    const RECORDER: Standing = Standing {
        visitor: true,
        ..STRANGER
    };
    const SUPERVISOR: Standing = Standing {
        supervisor: true,
        ..STRANGER
    };

    #[test]
    fn a_received_case_is_acknowledged_accepted_declined_escalated_or_transferred() {
        use Action::*;
        assert_eq!(
            allowed(CaseStatus::Routed, Progress::default(), LEAD),
            vec![Acknowledge, Accept, Decline, Escalate, Transfer]
        );
    }

    #[test]
    fn mediation_happens_only_after_acceptance() {
        let progress = Progress::default();
        assert_eq!(
            check(Action::RecordSession, CaseStatus::Routed, progress, LEAD),
            Err(Refusal::NotNow)
        );
        assert!(check(Action::RecordSession, CaseStatus::Accepted, progress, LEAD).is_ok());
        assert_eq!(
            check(Action::Accept, CaseStatus::Accepted, progress, LEAD),
            Err(Refusal::NotNow)
        );
    }

    #[test]
    fn after_an_agreement_the_confirmation_goes_applied_then_decided() {
        let mut progress = Progress::default();
        let agreed = CaseStatus::Agreed;
        assert!(check(Action::ApplyConfirmation, agreed, progress, LEAD).is_ok());
        assert!(check(Action::RecordConfirmation, agreed, progress, LEAD).is_err());
        progress.confirmation = Confirmation::Applied;
        assert!(check(Action::ApplyConfirmation, agreed, progress, LEAD).is_err());
        assert!(check(Action::RecordConfirmation, agreed, progress, LEAD).is_ok());
    }

    #[test]
    fn only_the_recorder_visits_and_closing_waits_for_the_visit() {
        let progress = Progress::default();
        assert_eq!(
            check(Action::FollowUp, CaseStatus::Agreed, progress, LEAD),
            Err(Refusal::NotAllowed)
        );
        assert!(check(Action::FollowUp, CaseStatus::Agreed, progress, RECORDER).is_ok());
        assert_eq!(
            check(Action::Close, CaseStatus::Agreed, progress, LEAD),
            Err(Refusal::NotNow)
        );
        let visited = Progress {
            followed_up: true,
            ..progress
        };
        assert!(check(Action::Close, CaseStatus::Agreed, visited, LEAD).is_ok());
        assert_eq!(
            check(Action::FollowUp, CaseStatus::Agreed, visited, RECORDER),
            Err(Refusal::NotNow)
        );
    }

    #[test]
    fn nobody_acts_on_a_final_case_and_others_are_not_holders() {
        for status in CaseStatus::ALL.into_iter().filter(|s| s.is_final()) {
            assert_eq!(allowed(status, Progress::default(), LEAD), vec![]);
        }
        assert_eq!(
            check(
                Action::Accept,
                CaseStatus::Routed,
                Progress::default(),
                STRANGER
            ),
            Err(Refusal::NotHolder)
        );
    }

    #[test]
    fn the_confirmation_window_ends_thirty_days_after_the_agreement() {
        let signed = Day::parse("2026-10-01").unwrap();
        assert_eq!(confirmation_last_day(signed).to_string(), "2026-10-31");
    }

    #[test]
    fn a_transfer_needs_every_party_to_consent() {
        let mut facts = crate::dispute::tests::sample();
        facts.parties.truncate(2);
        let names: Vec<String> = facts.parties.iter().map(|p| p.name.clone()).collect();
        let yes = |n: &String| Consent {
            party: n.clone(),
            consented: true,
        };
        assert!(
            missing_consents(&facts.parties, &names.iter().map(yes).collect::<Vec<_>>()).is_empty()
        );
        let mut one_refuses: Vec<Consent> = names.iter().map(yes).collect();
        one_refuses[1].consented = false;
        assert_eq!(
            missing_consents(&facts.parties, &one_refuses),
            vec![names[1].clone()]
        );
        assert_eq!(missing_consents(&facts.parties, &[]), names);
    }

    #[test]
    fn only_a_supervisor_works_the_backlog_register_and_evaluates_once_a_month() {
        use Action::*;
        let listed = |evaluated_this_month| Progress {
            backlog: Listing::Listed {
                leader: false,
                evaluated_this_month,
            },
            ..Progress::default()
        };
        let open = CaseStatus::Accepted;
        assert_eq!(
            check(AssignLeader, open, listed(false), LEAD),
            Err(Refusal::NotAllowed)
        );
        assert_eq!(
            allowed(open, listed(false), SUPERVISOR),
            vec![AssignLeader, EvaluateBacklog, ClearBacklog]
        );
        assert_eq!(
            allowed(open, listed(true), SUPERVISOR),
            vec![AssignLeader, ClearBacklog]
        );
        // An ended case stays on the register until it is cleared.
        assert_eq!(
            allowed(CaseStatus::Resolved, listed(true), SUPERVISOR),
            vec![AssignLeader, ClearBacklog]
        );
        for listing in [Listing::NotListed, Listing::Cleared] {
            let progress = Progress {
                backlog: listing,
                ..Progress::default()
            };
            assert_eq!(allowed(open, progress, SUPERVISOR), vec![]);
        }
    }
}
