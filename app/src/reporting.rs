//! 月报 written out: the tables the report page shows and the CSV and XLSX files carry
//! (`server::stats::export`), in the reader's language. One set of tables for all three, so
//! they cannot disagree.

use crate::api::report::MonthlyReport;
use crate::i18n::Locale;
use domain::figures::{Count, Rate, Totals};

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

/// The outcome columns, right after the unit: what is reported first.
const OUTCOMES: [Count; 6] = [
    Count::Received,
    Count::TakenOn,
    Count::Resolved,
    Count::Terminated,
    Count::Declined,
    Count::Open,
];

/// A rate column: its heading and how the rate is worked out from the sums.
type RateColumn = (&'static str, fn(&Totals) -> Rate);

/// The rate columns, after the outcomes; the categories' columns come last.
fn rate_columns(locale: Locale) -> [RateColumn; 6] {
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

/// The report's tables and file names.
pub trait Written {
    fn tables(&self, locale: Locale) -> [Table; 2];
    /// The line over a file's tables: whose report, of which months.
    fn title(&self, locale: Locale) -> String;
    fn file_name(&self, locale: Locale, extension: &str) -> String;
}

impl Written for MonthlyReport {
    /// The tables, in the report's order: the units, then the mediators.
    fn tables(&self, locale: Locale) -> [Table; 2] {
        [unit_table(self, locale), mediator_table(self, locale)]
    }

    /// 「樟潭街道 矛盾纠纷调解月报（2026-11 至 2026-11）」: the reader's unit is the first row.
    fn title(&self, locale: Locale) -> String {
        let unit = self.units.first().map_or("", |u| u.name.as_str());
        locale
            .report()
            .file_title
            .replace("{unit}", unit)
            .replace("{from}", &self.period.from.to_string())
            .replace("{to}", &self.period.to.to_string())
    }

    /// The file name of an export: `月报_2026-01_2026-03.csv`.
    fn file_name(&self, locale: Locale, extension: &str) -> String {
        format!(
            "{}_{}_{}.{extension}",
            locale.report().file_stem,
            self.period.from,
            self.period.to
        )
    }
}

/// A row per unit, the reader's first, each unit before the units below it. The tree is told
/// by a column naming the unit above, not by indenting the name: a spreadsheet sorts and
/// filters names, and leading spaces spoil both.
fn unit_table(report: &MonthlyReport, locale: Locale) -> Table {
    let r = locale.report();
    let mut header = vec![r.unit.to_owned(), r.parent.to_owned()];
    header.extend(OUTCOMES.iter().map(|c| locale.count(*c).to_owned()));
    header.extend(rate_columns(locale).iter().map(|(n, _)| (*n).to_owned()));
    header.extend(report.categories.iter().map(|c| {
        r.category_column
            .replace("{name}", &locale.category(&report.categories, &c.code))
    }));
    // The unit above each row: the nearest row before it one level up.
    let mut above: Vec<&str> = Vec::new();
    let rows = report
        .units
        .iter()
        .map(|u| {
            above.truncate(u.depth);
            let parent = if u.depth == 0 {
                ""
            } else {
                above.last().copied().unwrap_or("")
            };
            let mut row = vec![Cell::Text(u.name.clone()), Cell::Text(parent.to_owned())];
            above.push(&u.name);
            row.extend(OUTCOMES.iter().map(|c| Cell::Count(u.totals.0.get(*c))));
            row.extend(
                rate_columns(locale)
                    .iter()
                    .map(|(_, f)| Cell::Rate(f(&u.totals))),
            );
            row.extend(u.by_category.iter().map(|n| Cell::Count(*n)));
            row
        })
        .collect();
    Table {
        name: r.units_sheet.to_owned(),
        header,
        rows,
    }
}

fn mediator_table(report: &MonthlyReport, locale: Locale) -> Table {
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
    let rows = report
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::dashboard::Period;
    use crate::api::report::UnitFigures;
    use domain::clock::Month;
    use domain::dispute::Category;
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
            recounting: false,
        };
        let [units, mediators] = report.tables(Locale::Zh);
        assert_eq!(units.header[0], "单位");
        assert_eq!(units.header[2], "收案");
        assert_eq!(units.rows[0][2], Cell::Count(5));
        let neighbours = units
            .header
            .iter()
            .position(|h| h == "邻里纠纷（收案）")
            .unwrap();
        assert_eq!(units.rows[0][neighbours], Cell::Count(5));
        let acceptance = units.header.iter().position(|h| h == "受理率").unwrap();
        assert_eq!(units.rows[0][acceptance].text(), "80.0%");
        let success = units.header.iter().position(|h| h == "调解成功率").unwrap();
        assert_eq!(units.rows[0][success].text(), "—");
        assert!(mediators.rows.is_empty());
        assert_eq!(
            report.file_name(Locale::Zh, "csv"),
            "月报_2026-11_2026-11.csv"
        );
        assert_eq!(
            report.title(Locale::Zh),
            "樟潭街道 矛盾纠纷调解月报（2026-11 至 2026-11）"
        );
    }
}
