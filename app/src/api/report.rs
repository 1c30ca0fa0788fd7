//! 月报: the report each level sends the justice bureau (seeds 002, 003, 004) — a row per unit
//! of the reader's subtree with its cases by category and outcome and its rates, and each
//! mediator's cases by outcome (the basis of 以奖代补, seeds 001, 004). The page, the CSV and
//! the XLSX workbook are all written from the same `Table`s, so they cannot disagree.

use super::dashboard::Period;
use crate::i18n::Locale;
use domain::dispute::Category;
use domain::figures::{Count, Rate, Totals};
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
}

/// A cell of a report table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Count(i64),
    /// A share; with nothing to divide it is written "—".
    Rate(Rate),
}

impl Cell {
    /// As the page and the CSV write it: a count in digits, a rate as "97.5%".
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Rate(r) => r.percent_text(),
        }
    }
}

/// A table of the report: its sheet name, its header row and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The outcome columns, after the categories.
const OUTCOMES: [Count; 6] = [
    Count::Received,
    Count::TakenOn,
    Count::Resolved,
    Count::Terminated,
    Count::Declined,
    Count::Open,
];

/// The rate columns, last, with the function giving each.
fn rate_columns(locale: Locale) -> [(&'static str, fn(&Totals) -> Rate); 6] {
    let d = locale.dashboard();
    [
        (d.acceptance, Totals::acceptance),
        (d.success, Totals::success),
        (d.in_village, Totals::in_village),
        (d.in_township, Totals::in_township),
        (d.on_time, Totals::on_time),
        (d.satisfaction, Totals::satisfaction),
    ]
}

impl MonthlyReport {
    /// The tables, in the report's order: the units, then the mediators.
    pub fn tables(&self, locale: Locale) -> [Table; 2] {
        [self.unit_table(locale), self.mediator_table(locale)]
    }

    fn unit_table(&self, locale: Locale) -> Table {
        let r = locale.report();
        let mut header = vec![r.unit.to_owned()];
        header.extend(self.categories.iter().map(|c| {
            r.category_column
                .replace("{name}", &locale.category(&self.categories, &c.code))
        }));
        header.extend(OUTCOMES.iter().map(|c| locale.count(*c).to_owned()));
        header.extend(rate_columns(locale).iter().map(|(n, _)| (*n).to_owned()));
        let rows = self
            .units
            .iter()
            .map(|u| {
                let indent = "\u{3000}".repeat(u.depth);
                let mut row = vec![Cell::Text(format!("{indent}{}", u.name))];
                row.extend(u.by_category.iter().map(|n| Cell::Count(*n)));
                row.extend(OUTCOMES.iter().map(|c| Cell::Count(u.totals.0.get(*c))));
                row.extend(
                    rate_columns(locale)
                        .iter()
                        .map(|(_, f)| Cell::Rate(f(&u.totals))),
                );
                row
            })
            .collect();
        Table {
            name: r.units_sheet.to_owned(),
            header,
            rows,
        }
    }

    fn mediator_table(&self, locale: Locale) -> Table {
        let r = locale.report();
        let counts = [
            Count::Received,
            Count::Resolved,
            Count::Terminated,
            Count::Declined,
            Count::Open,
        ];
        let mut header = vec![r.mediator.to_owned(), r.unit.to_owned(), r.level.to_owned()];
        header.extend(counts.iter().map(|c| locale.count(*c).to_owned()));
        header.push(locale.dashboard().success.to_owned());
        let rows = self
            .mediators
            .iter()
            .map(|m| {
                let mut row = vec![
                    Cell::Text(m.name.clone()),
                    Cell::Text(m.unit_name.clone()),
                    Cell::Text(locale.level(m.level).to_owned()),
                ];
                row.extend(counts.iter().map(|c| Cell::Count(m.totals.0.get(*c))));
                row.push(Cell::Rate(m.totals.success()));
                row
            })
            .collect();
        Table {
            name: r.mediators_sheet.to_owned(),
            header,
            rows,
        }
    }

    /// The file name of an export: `月报_2026-01_2026-03.csv`.
    pub fn file_name(&self, locale: Locale, extension: &str) -> String {
        format!(
            "{}_{}_{}.{extension}",
            locale.report().file_stem,
            self.period.from,
            self.period.to
        )
    }
}

/// 月报 for the period in the address.
#[leptos::server(endpoint = "reports/monthly")]
pub async fn load_monthly_report(
    from: Option<String>,
    to: Option<String>,
) -> Result<MonthlyReport, crate::error::AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    let now = domain::clock::Month::of_unix_ms(crate::clock::now_ms());
    let period = Period::from_address(from.as_deref(), to.as_deref(), now);
    backend()?.monthly_report(&user, period).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::clock::Month;
    use domain::figures::Contribution;

    #[test]
    fn the_tables_carry_every_unit_and_rate() {
        let month = Month::parse("2026-11").unwrap();
        let mut counts = [0; 16];
        counts[Count::Received as usize] = 5;
        counts[Count::TakenOn as usize] = 4;
        counts[Count::Declined as usize] = 1;
        let report = MonthlyReport {
            period: Period::month(month),
            categories: vec![Category {
                code: "neighbourhood".into(),
                name_zh: "邻里纠纷".into(),
                name_en: "Neighbours".into(),
                retired: false,
            }],
            units: vec![UnitFigures {
                unit_id: 3,
                name: "樟潭街道".into(),
                depth: 0,
                totals: Totals(Contribution::from_counts(counts)),
                by_category: vec![5],
            }],
            mediators: vec![],
        };
        let [units, mediators] = report.tables(Locale::Zh);
        assert_eq!(units.header[0], "单位");
        assert_eq!(units.header[1], "邻里纠纷（收案）");
        assert_eq!(units.rows[0][1], Cell::Count(5));
        let acceptance = units.header.iter().position(|h| h == "受理率").unwrap();
        assert_eq!(units.rows[0][acceptance].text(), "80.0%");
        let success = units.header.iter().position(|h| h == "调解成功率").unwrap();
        assert_eq!(units.rows[0][success].text(), "—");
        assert!(mediators.rows.is_empty());
        assert_eq!(
            report.file_name(Locale::Zh, "csv"),
            "月报_2026-11_2026-11.csv"
        );
    }
}
