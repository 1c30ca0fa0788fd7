//! What a person is told about a case (docs/design.md "Notifications"): one notice per reader,
//! written with the change that caused it; the inbox lists them, the pull carries the newest to
//! the phone, and group robots repeat them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i64,
    pub kind: NoticeKind,
    pub case_id: Option<String>,
    pub case_number: Option<String>,
    pub summary: Option<String>,
    /// The rule's name, the reason given, or the result.
    pub detail: Option<String>,
    /// The unit whose person acted (who handed the case down, pressed it, escalated it);
    /// none for what the rules or the scheduler did, or about a case the reader may not see.
    #[serde(default)]
    pub unit_name: Option<String>,
    pub created_at: i64,
    pub read: bool,
    /// About a sensitive case the reader may not see: no case, number or summary; `detail`
    /// names the unit that holds it.
    #[serde(default)]
    pub restricted: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxView {
    pub unread: i64,
    /// Newest first.
    pub items: Vec<Notification>,
}

/// How many notifications the inbox lists.
pub const INBOX_PAGE: i64 = 50;

/// What a notice tells its reader, stored by its code in `notifications.kind`. The headline and
/// the words before its detail are in `app/src/i18n/notices.rs`, matched exhaustively.
// Sent as its code, read back through `from_code`: one string match instead of serde's derived
// visitor per enum keeps the phone's download small, and an unknown code cannot fail a pull.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "&'static str", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum NoticeKind {
    /// A new case for the reader's unit (the rules sent it).
    Routed,
    /// Joint mediation opened: every tier on the way is told at once (seed 000, 001).
    JointOpened,
    Escalated,
    /// Overdue: supervised (督办).
    Supervised,
    ReceiptOverdue,
    Accepted,
    /// An agreement was reached: the recording grid worker's visit is due.
    Agreement,
    /// A mediator of the reader's unit is invited (邀请).
    Invited,
    FollowedUp,
    Reopened,
    Entrusted,
    Transferred,
    Joined,
    /// The judicial confirmation window closes soon.
    ConfirmationDue,
    BacklogListed,
    BacklogLeader,
    BacklogEvaluated,
    BacklogCleared,
    /// What became of the case (办结, 不予受理, 终结): it travels back down (seed 002).
    Result,
    /// 每周排查: the grid has not reported this week yet.
    SweepDue,
    /// 预警: disputes cluster (one notice per cluster, not per case).
    Warning,
    /// A newly arrived case looks like one already recorded (same party, same category within
    /// the window): its holder compares the two.
    PossibleDuplicate,
    /// The case the reader recorded was linked into another (并案).
    Merged,
    /// 交办: a unit above handed a case down to the reader's unit, with instructions.
    HandedDown,
    /// 督办: a unit above pressed a case the reader's unit holds, with instructions.
    SupervisionIssued,
    /// A kind sent by a newer server than this code: shown as a plain update.
    Other,
}

impl From<String> for NoticeKind {
    fn from(code: String) -> NoticeKind {
        NoticeKind::from_code(&code)
    }
}

impl From<NoticeKind> for &'static str {
    fn from(kind: NoticeKind) -> &'static str {
        kind.code()
    }
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 26] = [
        NoticeKind::Routed,
        NoticeKind::JointOpened,
        NoticeKind::Escalated,
        NoticeKind::Supervised,
        NoticeKind::ReceiptOverdue,
        NoticeKind::Accepted,
        NoticeKind::Agreement,
        NoticeKind::Invited,
        NoticeKind::FollowedUp,
        NoticeKind::Reopened,
        NoticeKind::Entrusted,
        NoticeKind::Transferred,
        NoticeKind::Joined,
        NoticeKind::ConfirmationDue,
        NoticeKind::BacklogListed,
        NoticeKind::BacklogLeader,
        NoticeKind::BacklogEvaluated,
        NoticeKind::BacklogCleared,
        NoticeKind::Result,
        NoticeKind::SweepDue,
        NoticeKind::Warning,
        NoticeKind::PossibleDuplicate,
        NoticeKind::Merged,
        NoticeKind::HandedDown,
        NoticeKind::SupervisionIssued,
        NoticeKind::Other,
    ];

    /// The code stored in `notifications.kind` and sent in the protocol.
    pub fn code(self) -> &'static str {
        use NoticeKind::*;
        match self {
            Routed => "routed",
            JointOpened => "joint_opened",
            Escalated => "escalated",
            Supervised => "supervised",
            ReceiptOverdue => "receipt_overdue",
            Accepted => "accepted",
            Agreement => "agreement",
            Invited => "invited",
            FollowedUp => "followed_up",
            Reopened => "reopened",
            Entrusted => "entrusted",
            Transferred => "transferred",
            Joined => "joined",
            ConfirmationDue => "confirmation_due",
            BacklogListed => "backlog_listed",
            BacklogLeader => "backlog_leader",
            BacklogEvaluated => "backlog_evaluated",
            BacklogCleared => "backlog_cleared",
            Result => "result",
            SweepDue => "sweep_due",
            Warning => "warning",
            PossibleDuplicate => "possible_duplicate",
            HandedDown => "handed_down",
            SupervisionIssued => "supervision_issued",
            Merged => "merged",
            Other => "other",
        }
    }

    /// The kind of a stored code; a code this build does not know reads as [`NoticeKind::Other`].
    pub fn from_code(code: &str) -> NoticeKind {
        NoticeKind::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or(NoticeKind::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_code_and_unknown_codes_are_other() {
        for kind in NoticeKind::ALL {
            assert_eq!(NoticeKind::from_code(kind.code()), kind);
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.code())
            );
        }
        let newer: NoticeKind = serde_json::from_str("\"from_a_newer_server\"").unwrap();
        assert_eq!(newer, NoticeKind::Other);
    }
}
