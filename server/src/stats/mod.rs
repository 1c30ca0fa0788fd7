//! The figures (docs/statistics.md): what each case counts (`domain::figures`), kept summed per
//! unit, month, category and sensitivity by the transaction that changes the case (`store`),
//! and read per unit and span of months (`read`).

pub mod dashboard;
pub mod export;
pub mod read;
pub mod report;
pub mod store;
