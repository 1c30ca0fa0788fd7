//! 每周排查 (seed 001: 「网格员每周集中排查一次辖区范围内的矛盾纠纷」): once a week each grid worker
//! reports the disputes the sweep of their grid found — linking those already recorded — or a
//! zero report (零报告) when it found none. Weeks run Monday to Sunday, China Standard Time; a
//! report that arrives after its week has ended is accepted and marked late.

use crate::clock::Day;
use crate::problem::{check_text, problem, FieldProblem, Problem};
use serde::{Deserialize, Serialize};

/// A report links at most this many recorded disputes.
pub const MAX_FOUND: usize = 100;
/// A note is at most this long.
pub const MAX_NOTE_CHARS: usize = 2000;

/// One grid's report for one week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SweepReport {
    /// The Monday the week starts on.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-30"))]
    pub week: Day,
    /// The ids of the recorded cases the sweep found; empty for a zero report.
    #[serde(default)]
    pub found: Vec<String>,
    #[serde(default)]
    pub note: String,
}

impl SweepReport {
    /// 零报告: the sweep found nothing.
    pub fn is_zero(&self) -> bool {
        self.found.is_empty()
    }
}

/// The Monday of the week `day` falls in.
pub fn week_of(day: Day) -> Day {
    day.plus(1 - day.iso_weekday())
}

/// Whether a report for `week` received at `received_ms` came after the week had ended.
pub fn is_late(week: Day, received_ms: i64) -> bool {
    received_ms > week.plus(6).end_unix_ms()
}

/// What is wrong with a report's fields.
pub fn validate_report(report: &SweepReport) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if report.week.iso_weekday() != 1 {
        out.push(problem("week", Problem::BadFormat));
    }
    if report.found.len() > MAX_FOUND {
        out.push(problem("found", Problem::TooLong));
    }
    let unreadable =
        |id: &String| id.is_empty() || id.len() > 64 || id.chars().any(char::is_control);
    if report.found.iter().any(unreadable) {
        out.push(problem("found", Problem::BadFormat));
    }
    if report.note.contains('\0') {
        // PostgreSQL's text cannot hold it; refused here rather than failing the whole push.
        out.push(problem("note", Problem::BadFormat));
    } else if !report.note.trim().is_empty() {
        check_text(&mut out, "note", &report.note, MAX_NOTE_CHARS);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday_and_end_on_sunday_night_in_china() {
        let wednesday = Day::parse("2026-12-02").unwrap();
        let monday = Day::parse("2026-11-30").unwrap();
        assert_eq!(week_of(wednesday), monday);
        assert_eq!(week_of(monday), monday);
        assert_eq!(week_of(Day::parse("2026-12-06").unwrap()), monday);
        let sunday_night = Day::parse("2026-12-06").unwrap().end_unix_ms();
        assert!(!is_late(monday, sunday_night));
        assert!(is_late(monday, sunday_night + 1));
    }

    #[test]
    fn a_report_names_its_week_by_its_monday() {
        let report = |week: &str| SweepReport {
            week: Day::parse(week).unwrap(),
            found: Vec::new(),
            note: String::new(),
        };
        assert!(validate_report(&report("2026-11-30")).is_empty());
        assert_eq!(validate_report(&report("2026-12-01"))[0].field, "week");
        assert!(report("2026-11-30").is_zero());
        let mut nul = report("2026-11-30");
        nul.note = "零\0报告".into();
        assert_eq!(validate_report(&nul)[0].field, "note");
    }
}
