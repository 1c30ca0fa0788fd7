//! The procedure's state machine: a case's statuses, the actions on it, and which of them the
//! reader may take now. The same answer on the page (which forms it shows) and on the server
//! (what it refuses).

use crate::backlog::Listing;
use crate::clock::Day;
use serde::{Deserialize, Serialize};

/// Where a case stands. Stored as its `code` in `cases.status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
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
    /// 并案: a duplicate report of a dispute another case holds; it counts no more on its own.
    Merged,
}

crate::coded!(CaseStatus {
    ResolvedOnSpot => "resolved_on_spot",
    Routed => "routed",
    Escalated => "escalated",
    Accepted => "accepted",
    Agreed => "agreed",
    Resolved => "resolved",
    Closed => "closed",
    Declined => "declined",
    Terminated => "terminated",
    Merged => "merged",
});

impl CaseStatus {
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
                | CaseStatus::Merged
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
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
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
    /// 交办/分流: a unit above the holder (or the holder) hands the case down to a unit below.
    HandDown,
    /// 督办: a unit above the holder presses it, with instructions.
    Supervise,
}

crate::coded!(Action {
    Acknowledge => "acknowledge",
    Accept => "accept",
    Decline => "decline",
    NoticeOfRights => "notice_of_rights",
    AssignMediator => "assign_mediator",
    Invite => "invite",
    RecordSession => "record_session",
    RecordAgreement => "record_agreement",
    Resolve => "resolve",
    Escalate => "escalate",
    Terminate => "terminate",
    ApplyConfirmation => "apply_confirmation",
    RecordConfirmation => "record_confirmation",
    FollowUp => "follow_up",
    Reopen => "reopen",
    Close => "close",
    Transfer => "transfer",
    JoinUnits => "join_units",
    AssignLeader => "assign_leader",
    EvaluateBacklog => "evaluate_backlog",
    ClearBacklog => "clear_backlog",
    HandDown => "hand_down",
    Supervise => "supervise",
});

impl Action {
    /// The steps of the backlog register, taken by a supervisor above the holder.
    pub fn is_backlog(self) -> bool {
        matches!(
            self,
            Action::AssignLeader | Action::EvaluateBacklog | Action::ClearBacklog
        )
    }
}

/// How the reader stands to the case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The reader's unit is above the holder's (an office of a township, county or city over
    /// it): it may hand the case down (交办) and press it (督办).
    #[serde(default)]
    pub above: bool,
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
    /// What the follow-up visit (回访) found, once it was made.
    pub followed_up: Visited,
    /// A closed case its holder may still reopen: the rule file's period since closing has not
    /// run out (`closing.reopen_within_days`).
    #[serde(default)]
    pub reopenable: bool,
    /// Where the case stands in the backlog register.
    pub backlog: Listing,
}

/// What the follow-up visit found of the agreement (seed 003's loop: performed → 结案; not
/// performed → mediation again, or judicial confirmation and enforcement).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Visited {
    #[default]
    NotYet,
    /// The parties did what they agreed.
    Performed,
    /// Partly or not at all: closing as performed needs a person's reason.
    NotPerformed,
}

impl Visited {
    pub fn of(performance: super::steps::Performance) -> Visited {
        match performance {
            super::steps::Performance::Full => Visited::Performed,
            super::steps::Performance::Partial | super::steps::Performance::None => {
                Visited::NotPerformed
            }
        }
    }

    pub fn happened(self) -> bool {
        self != Visited::NotYet
    }
}

/// Read from its code, or from the `true`/`false` of case copies a device kept before visits
/// said what they found (a visit then let the case close, as `Performed` does).
impl<'de> Deserialize<'de> for Visited {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Visited, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Stored {
            Legacy(bool),
            Code(String),
        }
        match Stored::deserialize(deserializer)? {
            Stored::Legacy(false) => Ok(Visited::NotYet),
            Stored::Legacy(true) => Ok(Visited::Performed),
            Stored::Code(code) => match code.as_str() {
                "not_yet" => Ok(Visited::NotYet),
                "performed" => Ok(Visited::Performed),
                "not_performed" => Ok(Visited::NotPerformed),
                other => Err(serde::de::Error::custom(format!(
                    "unknown visit result {other:?}"
                ))),
            },
        }
    }
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
        return match (who.visitor, status, progress.followed_up.happened()) {
            (false, _, _) => Err(Refusal::NotAllowed),
            (true, Agreed, false) => Ok(()),
            (true, s, _) if s.is_final() => Err(Refusal::Closed),
            _ => Err(Refusal::NotNow),
        };
    }
    if action.is_backlog() {
        return check_backlog(action, progress.backlog, who);
    }
    if matches!(action, HandDown | Supervise) {
        return check_from_above(action, status, who);
    }
    if action == Acknowledge && who.co_holder && !who.lead {
        return match (status.is_open(), progress.co_holder_acknowledged) {
            (false, _) => Err(Refusal::Closed),
            (true, false) => Ok(()),
            (true, true) => Err(Refusal::NotNow),
        };
    }
    if action == Reopen {
        return check_reopen(status, progress, who);
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
        // Closing waits for the follow-up visit (seed 003: 回访 before 结案); after a visit
        // that found the agreement not performed, the step needs a person's reason (the
        // server refuses it without one).
        Close => status == Agreed && progress.followed_up.happened(),
        Reopen | FollowUp | AssignLeader | EvaluateBacklog | ClearBacklog | HandDown
        | Supervise => {
            unreachable!("handled above")
        }
    };
    if fits {
        Ok(())
    } else {
        Err(Refusal::NotNow)
    }
}

/// 交办 and 督办, from above: the holder or a unit above it hands an open case down; only a
/// unit above the holder presses it.
fn check_from_above(action: Action, status: CaseStatus, who: Standing) -> Result<(), Refusal> {
    let may = match action {
        Action::HandDown => who.lead || who.above,
        _ => who.above,
    };
    if !may {
        return Err(Refusal::NotAllowed);
    }
    if status.is_final() {
        return Err(Refusal::Closed);
    }
    // Open: received or accepted (an agreement awaits its visit, not an office's push).
    if status.is_open() {
        Ok(())
    } else {
        Err(Refusal::NotNow)
    }
}

/// 重新调解: the holder takes an agreed case back into mediation (the agreement is not being
/// performed), or a closed one within the rule file's period after closing.
fn check_reopen(status: CaseStatus, progress: Progress, who: Standing) -> Result<(), Refusal> {
    match (who.lead, status) {
        (true, CaseStatus::Agreed) => Ok(()),
        (true, CaseStatus::Closed) if progress.reopenable => Ok(()),
        (_, status) if status.is_final() => Err(Refusal::Closed),
        (false, _) => Err(Refusal::NotHolder),
        (true, _) => Err(Refusal::NotNow),
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
