//! 积案库: the backlog register a supervisor keeps.

use domain::backlog::BacklogView;
use domain::procedure::CaseStatus;
use serde::{Deserialize, Serialize};

/// One line of the backlog register (积案库).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BacklogEntry {
    pub case_id: String,
    pub number: String,
    pub summary: String,
    pub holder_name: String,
    pub status: CaseStatus,
    pub recorded_at: i64,
    pub backlog: BacklogView,
}
