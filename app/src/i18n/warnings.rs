//! The words of early warning (预警): the county's and the township's list.

use super::Locale;

pub struct WarningTexts {
    pub title: &'static str,
    pub nav: &'static str,
    pub intro: &'static str,
    pub empty: &'static str,
    pub open: &'static str,
    pub closed: &'static str,
    pub raised: &'static str,
    pub cases: &'static str,
    pub close_note: &'static str,
    pub close: &'static str,
    pub closed_by: &'static str,
}

pub static WARNINGS_ZH: WarningTexts = WarningTexts {
    title: "矛盾纠纷预警",
    nav: "预警",
    intro: "同类纠纷在同一村（社区）短期内集中发生、一起纠纷涉及人数众多、同一当事人涉及多起未办结纠纷时，按规则预警。研判处置后，写明情况解除预警。",
    empty: "辖区内没有预警。",
    open: "待处置",
    closed: "已解除",
    raised: "预警时间",
    cases: "涉及案件",
    close_note: "处置情况",
    close: "解除预警",
    closed_by: "解除",
};

pub static WARNINGS_EN: WarningTexts = WarningTexts {
    title: "Early warnings",
    nav: "Warnings",
    intro: "Raised by the rules when disputes of one kind cluster in a village, one dispute involves many people, or one party is in several open disputes. Once handled, close it with a note.",
    empty: "No warnings in your area.",
    open: "Open",
    closed: "Closed",
    raised: "Raised",
    cases: "Cases",
    close_note: "How it was handled",
    close: "Close the warning",
    closed_by: "Closed by",
};

impl Locale {
    pub fn warnings(self) -> &'static WarningTexts {
        match self {
            Locale::Zh => &WARNINGS_ZH,
            Locale::En => &WARNINGS_EN,
        }
    }
}
