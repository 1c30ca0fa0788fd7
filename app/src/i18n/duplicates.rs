//! The words of likely duplicates (重复登记) and 并案 on the case page.

use super::Locale;

pub struct DuplicateTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub this_case: &'static str,
    pub other_case: &'static str,
    /// The other case of a duplicate decision, to a reader who may not open it.
    pub unseen_case: &'static str,
    pub recorded: &'static str,
    pub recorded_by: &'static str,
    pub holder: &'static str,
    pub status: &'static str,
    pub parties: &'static str,
    pub summary: &'static str,
    /// Keep this case; the other is linked into it.
    pub absorb: &'static str,
    /// This case is linked into the other.
    pub join: &'static str,
    pub distinct: &'static str,
    pub decided_elsewhere: &'static str,
    pub confirm_link: &'static str,
    pub waiting: &'static str,
    pub merged_into: &'static str,
    pub open_other: &'static str,
    pub status_merged: &'static str,
    pub reject_settled_absorb: &'static str,
    pub reject_settled_distinct: &'static str,
}

pub static DUPLICATES_ZH: DuplicateTexts = DuplicateTexts {
    heading: "疑似重复登记",
    intro: "同一当事人、同类纠纷，30 日内由不同网格员或单位登记。请对照核实：是同一纠纷就并案（被并入的案件不再单独计数，其登记人会收到通知），不是就标记为不同纠纷。",
    this_case: "本案",
    other_case: "疑似重复",
    unseen_case: "另一单位办理的案件",
    recorded: "登记时间",
    recorded_by: "登记单位",
    holder: "承办单位",
    status: "状态",
    parties: "当事人",
    summary: "纠纷概要",
    absorb: "将该案并入本案",
    join: "本案并入该案",
    distinct: "不是同一纠纷",
    decided_elsewhere: "由承办单位核实并案。",
    confirm_link: "确定并案吗？被并入的案件将结束办理，不再单独计数，此操作无法撤销。",
    waiting: "本机已记录，等待同步。",
    merged_into: "本案是重复登记，已并入案件",
    open_other: "查看",
    status_merged: "已并案",
    reject_settled_absorb: "这两件案件已经并案",
    reject_settled_distinct: "这两件案件已标记为不同纠纷",
};

pub static DUPLICATES_EN: DuplicateTexts = DuplicateTexts {
    heading: "Possible duplicate report",
    intro: "The same party and the same kind of dispute, recorded within 30 days by another grid worker or unit. Compare them: link them if they are one dispute (the linked case no longer counts on its own, and its recorder is told), or mark them different.",
    this_case: "This case",
    other_case: "Possible duplicate",
    unseen_case: "a case held by another unit",
    recorded: "Recorded",
    recorded_by: "Recorded in",
    holder: "Held by",
    status: "Status",
    parties: "Parties",
    summary: "Summary",
    absorb: "Keep this case, link that one into it",
    join: "Link this case into that one",
    distinct: "Not the same dispute",
    decided_elsewhere: "The holding unit decides whether to link them.",
    confirm_link: "Link the two cases? The linked case ends and no longer counts on its own. This cannot be undone.",
    waiting: "Kept on this device, waiting to sync.",
    merged_into: "A duplicate report, linked into case",
    open_other: "Open",
    status_merged: "Linked (duplicate)",
    reject_settled_absorb: "These two cases were already linked",
    reject_settled_distinct: "These two cases were already marked different",
};

impl Locale {
    pub fn duplicates(self) -> &'static DuplicateTexts {
        match self {
            Locale::Zh => &DUPLICATES_ZH,
            Locale::En => &DUPLICATES_EN,
        }
    }
}
