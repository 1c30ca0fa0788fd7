//! 预警 as the county and the township see them: what clustered, where, which cases, and who
//! closed it with what note.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningView {
    pub id: i64,
    /// `cluster`, `people` or `party`.
    pub kind: String,
    /// In the record's words (Chinese), written when it was raised.
    pub description: String,
    /// The village or township it concerns.
    pub scope_name: String,
    pub raised_at: i64,
    pub closed_at: Option<i64>,
    pub closed_by: Option<String>,
    pub close_note: Option<String>,
    /// The flagged cases the reader may see, oldest first, merged duplicates left out (a case
    /// they may not see — a sensitive one — is counted in the description, never named).
    pub cases: Vec<crate::api::cases::CaseLink>,
}
