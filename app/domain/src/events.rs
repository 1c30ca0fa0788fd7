//! What happened to a case, as its log keeps it (docs/design.md "A case's life": the history is an
//! append-only event log). One enum, stored by its code in `case_events.kind`; the timeline's
//! words for each kind are in `app/src/i18n/events.rs`, matched exhaustively, so a new kind
//! without words does not compile.

use crate::procedure::CaseStatus;
use serde::{Deserialize, Serialize};

// Sent as its code, read back through `from_code`: one string match instead of serde's derived
// visitor per enum keeps the phone's download small, and an unknown code cannot fail a pull.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "&'static str", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EventKind {
    /// A grid worker recorded the dispute (登记).
    Recorded,
    /// … and resolved it on the spot (当场化解).
    ResolvedOnSpot,
    /// A court entrusted it to a mediation organisation (委托调解).
    Entrusted,
    /// The rules sent it to its first holder.
    Routed,
    Acknowledged,
    /// Sent one tier up (三级四步登记), by a person or by the rules.
    Escalated,
    Accepted,
    Declined,
    RightsNoticed,
    MediatorAssigned,
    MediatorInvited,
    SessionHeld,
    SessionFailed,
    AgreementReached,
    ConfirmationApplied,
    ConfirmationDecided,
    FollowedUp,
    Reopened,
    Closed,
    Transferred,
    /// A unit joined as co-holder (联合调解).
    Joined,
    Resolved,
    Terminated,
    /// Overdue: the holder and its parent were told (督办).
    Supervised,
    ReceiptOverdue,
    BacklogListed,
    BacklogLeader,
    BacklogEvaluated,
    BacklogCleared,
    /// 预警: the case is one of a cluster (or involves many people, or a party of several open
    /// disputes); the county and the township were told once for the cluster.
    Warned,
    /// The warning the case was flagged by was closed, with a note.
    WarningClosed,
    /// 并案: a likely duplicate of this case was linked into it (the other case's id and number
    /// in the payload).
    DuplicateAbsorbed,
    /// 并案: this case was linked into the one it duplicates and counts no more on its own.
    MergedInto,
    /// 交办/分流: a unit above handed the case down to a unit below it, with instructions and
    /// a deadline (the event's unit is the new holder).
    HandedDown,
    /// 督办 by a unit above the holder, with instructions (the automatic one for an overdue
    /// case is `Supervised`).
    SupervisionIssued,
    /// A likely duplicate was looked at and found to be a different dispute.
    MarkedDistinct,
    /// A kind written by a newer server than this code: shown as a plain update, never lost.
    Other,
}

impl From<String> for EventKind {
    fn from(code: String) -> EventKind {
        EventKind::from_code(&code)
    }
}

impl From<EventKind> for &'static str {
    fn from(kind: EventKind) -> &'static str {
        kind.code()
    }
}

impl EventKind {
    pub const ALL: [EventKind; 37] = [
        EventKind::Recorded,
        EventKind::ResolvedOnSpot,
        EventKind::Entrusted,
        EventKind::Routed,
        EventKind::Acknowledged,
        EventKind::Escalated,
        EventKind::Accepted,
        EventKind::Declined,
        EventKind::RightsNoticed,
        EventKind::MediatorAssigned,
        EventKind::MediatorInvited,
        EventKind::SessionHeld,
        EventKind::SessionFailed,
        EventKind::AgreementReached,
        EventKind::ConfirmationApplied,
        EventKind::ConfirmationDecided,
        EventKind::FollowedUp,
        EventKind::Reopened,
        EventKind::Closed,
        EventKind::Transferred,
        EventKind::Joined,
        EventKind::Resolved,
        EventKind::Terminated,
        EventKind::Supervised,
        EventKind::ReceiptOverdue,
        EventKind::BacklogListed,
        EventKind::BacklogLeader,
        EventKind::BacklogEvaluated,
        EventKind::BacklogCleared,
        EventKind::Warned,
        EventKind::WarningClosed,
        EventKind::DuplicateAbsorbed,
        EventKind::MergedInto,
        EventKind::MarkedDistinct,
        EventKind::HandedDown,
        EventKind::SupervisionIssued,
        EventKind::Other,
    ];

    /// The code stored in `case_events.kind` and sent in the protocol.
    pub fn code(self) -> &'static str {
        use EventKind::*;
        match self {
            Recorded => "recorded",
            ResolvedOnSpot => "resolved_on_spot",
            Entrusted => "entrusted",
            Routed => "routed",
            Acknowledged => "acknowledged",
            Escalated => "escalated",
            Accepted => "accepted",
            Declined => "declined",
            RightsNoticed => "rights_noticed",
            MediatorAssigned => "mediator_assigned",
            MediatorInvited => "mediator_invited",
            SessionHeld => "session_held",
            SessionFailed => "session_failed",
            AgreementReached => "agreement_reached",
            ConfirmationApplied => "confirmation_applied",
            ConfirmationDecided => "confirmation_decided",
            FollowedUp => "followed_up",
            Reopened => "reopened",
            Closed => "closed",
            Transferred => "transferred",
            Joined => "joined",
            Resolved => "resolved",
            Terminated => "terminated",
            Supervised => "supervised",
            ReceiptOverdue => "receipt_overdue",
            BacklogListed => "backlog_listed",
            BacklogLeader => "backlog_leader",
            BacklogEvaluated => "backlog_evaluated",
            BacklogCleared => "backlog_cleared",
            Warned => "warned",
            WarningClosed => "warning_closed",
            DuplicateAbsorbed => "duplicate_absorbed",
            MergedInto => "merged_into",
            HandedDown => "handed_down",
            SupervisionIssued => "supervision_issued",
            MarkedDistinct => "marked_distinct",
            Other => "other",
        }
    }

    /// The kind of a stored code; a code this build does not know reads as [`EventKind::Other`].
    pub fn from_code(code: &str) -> EventKind {
        EventKind::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or(EventKind::Other)
    }
}

/// How a case ends at its holder: its final status and the event that records it, one value
/// so the two cannot disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// 调解成功，办结.
    Resolved,
    /// 不予受理, with the reason.
    Declined,
    /// 结案 after the follow-up visit.
    Closed,
    /// 调解终结: the parties are told of litigation and arbitration.
    Terminated,
}

impl Ending {
    pub fn status(self) -> CaseStatus {
        match self {
            Ending::Resolved => CaseStatus::Resolved,
            Ending::Declined => CaseStatus::Declined,
            Ending::Closed => CaseStatus::Closed,
            Ending::Terminated => CaseStatus::Terminated,
        }
    }

    pub fn event(self) -> EventKind {
        match self {
            Ending::Resolved => EventKind::Resolved,
            Ending::Declined => EventKind::Declined,
            Ending::Closed => EventKind::Closed,
            Ending::Terminated => EventKind::Terminated,
        }
    }
}

/// The events by which a case arrives at a unit (the event's) as its lead holder.
pub const ARRIVALS: [EventKind; 5] = [
    EventKind::Routed,
    EventKind::Escalated,
    EventKind::Transferred,
    EventKind::Entrusted,
    EventKind::HandedDown,
];

/// … and those by which a unit comes to hold it at all, co-holders included: a unit that ever
/// held a case keeps seeing it and hears its result.
pub const HELD: [EventKind; 6] = [
    EventKind::Routed,
    EventKind::Escalated,
    EventKind::Transferred,
    EventKind::Entrusted,
    EventKind::Joined,
    EventKind::HandedDown,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_code_and_unknown_codes_are_other() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::from_code(kind.code()), kind);
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.code()));
        }
        assert_eq!(
            EventKind::from_code("from_a_newer_server"),
            EventKind::Other
        );
        let newer: EventKind = serde_json::from_str("\"from_a_newer_server\"").unwrap();
        assert_eq!(newer, EventKind::Other);
    }
}
