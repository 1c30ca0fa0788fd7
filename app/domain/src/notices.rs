//! What a person is told about a case (DESIGN.md "Notifications"): one notice per reader,
//! written with the change that caused it; the inbox lists them, the pull carries the newest to
//! the phone, and group robots repeat them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i64,
    /// `routed`, `joint_opened`, `escalated`, `supervised`, `receipt_overdue`, `result`, …
    pub kind: String,
    pub case_id: Option<String>,
    pub case_number: Option<String>,
    pub summary: Option<String>,
    /// The rule's name, the reason given, or the result.
    pub detail: Option<String>,
    /// The unit of the reader's this concerns.
    pub unit_name: String,
    pub created_at: i64,
    pub read: bool,
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
