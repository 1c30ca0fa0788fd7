//! 统计: the figures of the reader's unit and every unit below it for a span of months — the
//! home of township, county and city staff. Every number is the count of a set of cases the
//! reader may open, and `Period::cases` is the address of that set in 案件查询.

use super::case_list::CaseQuery;
use domain::clock::Month;
use domain::figures::{Count, Totals};
use serde::{Deserialize, Serialize};

/// The longest span the dashboard draws month by month (five years).
pub const MAX_MONTHS: usize = 60;

/// Whole months of receipt, `from` to `to` included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: Month,
    pub to: Month,
}

impl Period {
    /// This year so far: January to `now`'s month.
    pub fn year_to_date(now: Month) -> Period {
        Period {
            from: now.january(),
            to: now,
        }
    }

    /// From the address's `from` and `to` (`2026-01`): what does not read as a month is this
    /// year's; the wrong way round is turned round; a span longer than [`MAX_MONTHS`] keeps
    /// its last months.
    pub fn from_address(from: Option<&str>, to: Option<&str>, now: Month) -> Period {
        let default = Period::year_to_date(now);
        let read = |v: Option<&str>| v.and_then(|v| Month::parse(v.trim()));
        let (a, b) = (
            read(from).unwrap_or(default.from),
            read(to).unwrap_or(default.to),
        );
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        let months = from.through(to);
        let from = months[months.len().saturating_sub(MAX_MONTHS)];
        Period { from, to }
    }

    pub fn months(self) -> Vec<Month> {
        self.from.through(self.to)
    }

    /// The cases received in the period that count in `figure`, as 案件查询 lists them.
    pub fn cases(self, figure: Count) -> CaseQuery {
        CaseQuery {
            from: Some(self.from.first_day()),
            to: Some(self.to.last_day()),
            figure: Some(figure),
            ..CaseQuery::default()
        }
    }

    /// The cases received in the period that an office above handed down or pressed.
    pub fn from_above(self, had: super::case_list::FromAbove) -> CaseQuery {
        CaseQuery {
            from: Some(self.from.first_day()),
            to: Some(self.to.last_day()),
            had: Some(had),
            ..CaseQuery::default()
        }
    }

    /// The same for one month of the period.
    pub fn month(month: Month) -> Period {
        Period {
            from: month,
            to: month,
        }
    }

    /// `?from=…&to=…` of the dashboard showing this period.
    pub fn address(self) -> String {
        format!("?from={}&to={}", self.from, self.to)
    }
}

/// The figures of one category in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryFigures {
    pub category: String,
    pub totals: Totals,
}

/// What the dashboard shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub period: Period,
    pub totals: Totals,
    /// Every month of the period, in order, a month without cases included.
    pub by_month: Vec<(Month, Totals)>,
    /// The categories with cases in the period, most cases first.
    pub by_category: Vec<CategoryFigures>,
    /// Open now and past their deadline, whenever they were received.
    pub overdue_now: i64,
    /// On the backlog register now (积案).
    pub backlog_now: i64,
    /// Of the cases received in the period, those an office above handed down (交办) and those
    /// it pressed (督办).
    pub handed_down: i64,
    pub supervised: i64,
    /// The figures are being recounted after an upgrade counts differently (the report's
    /// `recounting`; absent from a copy kept before it existed).
    #[serde(default)]
    pub recounting: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    #[test]
    fn any_address_opens_a_period() {
        let now = m("2026-11");
        let year = Period::year_to_date(now);
        assert_eq!(Period::from_address(None, None, now), year);
        assert_eq!(Period::from_address(Some("x"), Some("2026-13"), now), year);
        assert_eq!(
            Period::from_address(Some("2026-06"), Some("2026-03"), now),
            Period {
                from: m("2026-03"),
                to: m("2026-06")
            }
        );
        let long = Period::from_address(Some("2001-01"), Some("2026-11"), now);
        assert_eq!(long.months().len(), MAX_MONTHS);
        assert_eq!(long.to, now);
    }

    #[test]
    fn a_figure_links_to_its_cases() {
        let p = Period {
            from: m("2026-02"),
            to: m("2026-02"),
        };
        assert_eq!(
            p.cases(Count::Resolved).href(),
            "/cases?from=2026%2D02%2D01&to=2026%2D02%2D28&figure=resolved"
        );
    }
}
