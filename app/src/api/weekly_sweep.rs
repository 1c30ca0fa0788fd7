//! 每周排查 as the village and the township see it: which grids of their area reported this
//! week (and what), which did not.

use domain::clock::Day;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepBoard {
    /// The Monday of the week shown.
    pub week: Day,
    /// Every grid of the reader's area, by village then name.
    pub grids: Vec<GridSweep>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridSweep {
    pub grid_name: String,
    /// The village (or other unit) the grid belongs to.
    pub parent_name: String,
    /// The grid's latest report for the week; `None`: not reported.
    pub report: Option<SweepSeen>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepSeen {
    /// Disputes found (linked); 0 is a zero report (零报告).
    pub found: i64,
    /// Received after the week had ended.
    pub late: bool,
    /// When the server received it (Unix ms).
    pub at: i64,
    pub by: String,
    pub note: String,
}

impl SweepBoard {
    /// How many grids have not reported.
    pub fn missing(&self) -> usize {
        self.grids.iter().filter(|g| g.report.is_none()).count()
    }
}
