//! 月报: the report each level sends the justice bureau (seeds 002, 003, 004) — a row per unit
//! of the reader's subtree with its cases by category and outcome and its rates, and each
//! mediator's cases by outcome (the basis of 以奖代补, seeds 001, 004). The page, the CSV and
//! the XLSX workbook are all written from the same `Table`s, so they cannot disagree.

use super::dashboard::Period;
use domain::dispute::Category;
use domain::figures::Totals;
use domain::mediators::Level;
use serde::{Deserialize, Serialize};

/// One unit of the subtree: what the cases that reached it count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitFigures {
    pub unit_id: i64,
    pub name: String,
    /// 0 for the reader's unit, 1 for the units directly below it…
    pub depth: usize,
    pub totals: Totals,
    /// Cases received, per category of `MonthlyReport::categories`, in that order.
    pub by_category: Vec<i64>,
}

/// One mediator's cases received in the period, by where they stand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediatorFigures {
    pub name: String,
    pub unit_name: String,
    pub level: Level,
    pub totals: Totals,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyReport {
    pub period: Period,
    /// The categories with cases in the period, in the catalogue's order.
    pub categories: Vec<Category>,
    /// The reader's unit first, then its subtree in tree order.
    pub units: Vec<UnitFigures>,
    pub mediators: Vec<MediatorFigures>,
    /// The figures are being recounted after an upgrade counts differently: until that is done
    /// some cases still count the old way, so the page says so and the report is not exported.
    /// Absent from a copy a device kept before this field existed: that copy still opens.
    #[serde(default)]
    pub recounting: bool,
}
