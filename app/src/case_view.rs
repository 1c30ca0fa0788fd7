//! A case as its page shows it: the facts (personal data masked), who holds it, the deadline,
//! why the rules sent it there, the timeline of every event, and what the reader's unit may do.

use crate::dispute::DisputeFacts;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    pub id: String,
    pub number: String,
    pub status: String,
    /// Parties' phone and ID numbers masked unless the reader recorded the case.
    pub facts: DisputeFacts,
    pub recorded_at: i64,
    pub grid_name: String,
    pub holder_id: i64,
    pub holder_name: String,
    pub co_holders: Vec<String>,
    /// `people`, `administrative`, `sector`, `joint`, `judicial`.
    pub channel: Option<String>,
    /// The last day to resolve it, `YYYY-MM-DD`.
    pub deadline: Option<String>,
    pub acknowledged: bool,
    /// The rules that sent it where it is, by name (the last one decided).
    pub routed_by: Vec<String>,
    pub timeline: Vec<TimelineEntry>,
    pub may: Permissions,
}

/// The statuses in which a unit still works the case (routed to it, or escalated to it).
pub const OPEN_STATUSES: [&str; 2] = ["routed", "escalated"];

pub fn is_open(status: &str) -> bool {
    OPEN_STATUSES.contains(&status)
}

/// What the reader's unit may do with the case now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    pub acknowledge: bool,
    pub escalate: bool,
    pub resolve: bool,
    pub record_session: bool,
}

/// One event of the case's log, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub kind: String,
    pub at: i64,
    pub actor: Option<String>,
    pub unit: Option<String>,
    /// The rule that caused it, when a rule did.
    pub rule: Option<String>,
    /// The reason, result or notice the event carries.
    pub detail: Option<String>,
}
