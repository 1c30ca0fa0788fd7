//! The words of the weekly sweep (每周排查): the grid worker's card and the area's board.

use super::Locale;

pub struct SweepTexts {
    pub title: &'static str,
    pub nav: &'static str,
    pub card_title: &'static str,
    pub week_of: &'static str,
    pub intro: &'static str,
    pub found_label: &'static str,
    pub none_recorded: &'static str,
    pub note: &'static str,
    pub submit_found: &'static str,
    pub submit_zero: &'static str,
    pub sent_waiting: &'static str,
    pub sent_done: &'static str,
    pub again: &'static str,
    pub board_intro: &'static str,
    pub reported: &'static str,
    pub zero: &'static str,
    pub found_n: &'static str,
    pub missing: &'static str,
    pub late: &'static str,
    pub missing_count: &'static str,
    pub previous_week: &'static str,
    pub next_week: &'static str,
    pub no_grids: &'static str,
}

pub static SWEEP_ZH: SweepTexts = SweepTexts {
    title: "每周排查",
    nav: "排查",
    card_title: "本周排查",
    week_of: "排查周：",
    intro: "每周对网格内的矛盾纠纷集中排查一次。勾选本周排查发现、已登记的纠纷后提交；没有发现的，提交零报告。",
    found_label: "本周排查发现的纠纷",
    none_recorded: "本周还没有登记纠纷。",
    note: "排查情况说明（选填）",
    submit_found: "提交排查报告",
    submit_zero: "零报告：本周未发现矛盾纠纷",
    sent_waiting: "本周排查报告已保存在本机，联网后自动报送。",
    sent_done: "本周排查已报告。",
    again: "重新报告（以最后一次为准）",
    board_intro: "辖区内各网格本周排查报告情况。未报告的网格将按规则在周内提醒。",
    reported: "已报告",
    zero: "零报告",
    found_n: "发现纠纷 {n} 起",
    missing: "未报告",
    late: "逾期补报",
    missing_count: "未报告网格：{n} 个",
    previous_week: "上一周",
    next_week: "下一周",
    no_grids: "辖区内没有网格。",
};

pub static SWEEP_EN: SweepTexts = SweepTexts {
    title: "Weekly sweep",
    nav: "Sweeps",
    card_title: "This week's sweep",
    week_of: "Week of ",
    intro: "Once a week, sweep the grid for disputes. Tick the recorded disputes this week's sweep found and send; if it found none, send a zero report.",
    found_label: "Disputes this week's sweep found",
    none_recorded: "No dispute recorded this week yet.",
    note: "Notes (optional)",
    submit_found: "Send the sweep report",
    submit_zero: "Zero report: no dispute found this week",
    sent_waiting: "This week's report is kept on this phone and goes once online.",
    sent_done: "This week's sweep is reported.",
    again: "Report again (the last report counts)",
    board_intro: "Which grids of your area have reported this week. Those that have not are reminded during the week, as the rules say.",
    reported: "Reported",
    zero: "Zero report",
    found_n: "{n} disputes found",
    missing: "Not reported",
    late: "Late",
    missing_count: "Grids not reported: {n}",
    previous_week: "Previous week",
    next_week: "Next week",
    no_grids: "No grids in your area.",
};

impl Locale {
    pub fn sweep(self) -> &'static SweepTexts {
        match self {
            Locale::Zh => &SWEEP_ZH,
            Locale::En => &SWEEP_EN,
        }
    }
}
