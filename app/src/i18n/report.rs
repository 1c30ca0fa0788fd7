//! The words of 月报: the monthly report, its tables and its downloads.

use super::Locale;

pub struct ReportTexts {
    pub nav: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub unit: &'static str,
    /// The column naming the unit above a row's unit.
    pub parent: &'static str,
    /// A file's first line: `{unit}`, `{from}`, `{to}`.
    pub file_title: &'static str,
    /// A category's column: "{name}（收案）".
    pub category_column: &'static str,
    pub units_sheet: &'static str,
    pub mediators_sheet: &'static str,
    pub mediator: &'static str,
    pub level: &'static str,
    pub file_stem: &'static str,
    pub download_csv: &'static str,
    pub download_xlsx: &'static str,
    pub downloads: &'static str,
    pub no_mediators: &'static str,
    pub offline_none: &'static str,
    pub mediators_note: &'static str,
}

pub static REPORT_ZH: ReportTexts = ReportTexts {
    nav: "月报",
    title: "月报",
    intro: "报送司法行政部门的月度统计：下辖各单位的收案、结果与指标，以及每位调解员的办案数（以奖代补的依据）。每个单位的数字是登记或办理过程经过它及其下辖单位的案件；网格登记后直接转至上级办理的案件只计入登记网格和办理单位，所以上级单位的数字不一定等于下辖单位之和。",
    unit: "单位",
    parent: "上级单位",
    file_title: "{unit} 矛盾纠纷调解月报（{from} 至 {to}）",
    category_column: "{name}（收案）",
    units_sheet: "各单位",
    mediators_sheet: "调解员",
    mediator: "调解员",
    level: "等级",
    file_stem: "月报",
    download_csv: "下载 CSV",
    download_xlsx: "下载 Excel",
    downloads: "导出",
    no_mediators: "这一期间没有指派调解员的案件。",
    offline_none: "离线：月报需要联网。",
    mediators_note: "按这一期间登记、指派了该调解员的案件统计。",
};

pub static REPORT_EN: ReportTexts = ReportTexts {
    nav: "Report",
    title: "Monthly report",
    intro: "The monthly figures for the justice bureau: each unit below this one with its cases, outcomes and rates, and each mediator's cases (the basis of per-case awards). A unit's numbers are the cases recorded or handled in it or below it; a case a grid sent straight to a higher level counts for that grid and the units that handled it only, so a unit's numbers need not be the sum of the units below it.",
    unit: "Unit",
    parent: "Part of",
    file_title: "{unit}: mediation report, {from} to {to}",
    category_column: "{name} (received)",
    units_sheet: "Units",
    mediators_sheet: "Mediators",
    mediator: "Mediator",
    level: "Grade",
    file_stem: "report",
    download_csv: "Download CSV",
    download_xlsx: "Download Excel",
    downloads: "Export",
    no_mediators: "No case recorded in this period had a mediator assigned.",
    offline_none: "Offline: the report needs the network.",
    mediators_note: "Cases recorded in this period that the mediator was assigned to.",
};

impl Locale {
    pub fn report(self) -> &'static ReportTexts {
        match self {
            Locale::Zh => &REPORT_ZH,
            Locale::En => &REPORT_EN,
        }
    }
}
