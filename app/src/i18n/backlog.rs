//! The words of the backlog register (积案库): its page, the 包案 and evaluation forms.

use super::Locale;

/// The words of the backlog register (`domain::backlog`).
pub struct BacklogTexts {
    pub title: &'static str,
    pub nav: &'static str,
    pub intro: &'static str,
    pub empty: &'static str,
    pub listed_on: &'static str,
    pub days_open: &'static str,
    pub leader: &'static str,
    pub no_leader: &'static str,
    pub leader_name: &'static str,
    pub leader_post: &'static str,
    pub last_evaluated: &'static str,
    pub never_evaluated: &'static str,
    pub evaluation_due: &'static str,
    pub outlook: &'static str,
    pub evaluation_notes: &'static str,
    pub ground: &'static str,
    pub clear_reason: &'static str,
    pub cleared: &'static str,
    pub badge: &'static str,
}

pub static BACKLOG_ZH: BacklogTexts = BacklogTexts {
    title: "积案库",
    nav: "积案",
    intro: "办理超过规定期限仍未化解的案件。每件积案须指定包案领导，每月评估一次，化解或息诉罢访后销号。",
    empty: "目前没有积案。",
    listed_on: "列入积案库",
    days_open: "已办理天数",
    leader: "包案领导",
    no_leader: "未指定包案领导",
    leader_name: "包案领导姓名",
    leader_post: "职务",
    last_evaluated: "最近评估",
    never_evaluated: "尚未评估",
    evaluation_due: "本月待评估",
    outlook: "化解进展",
    evaluation_notes: "本月化解工作情况及下步措施",
    ground: "销号依据",
    clear_reason: "销号说明",
    cleared: "已销号",
    badge: "积案",
};

pub static BACKLOG_EN: BacklogTexts = BacklogTexts {
    title: "Backlog register",
    nav: "Backlog",
    intro: "Cases still open past the set age. Each needs a responsible leader, an evaluation every month, and is cleared once resolved or the petitioner desists.",
    empty: "No backlog cases.",
    listed_on: "Listed",
    days_open: "Days open",
    leader: "Responsible leader",
    no_leader: "No leader named",
    leader_name: "Leader's name",
    leader_post: "Post",
    last_evaluated: "Last evaluated",
    never_evaluated: "Not evaluated yet",
    evaluation_due: "Evaluation due this month",
    outlook: "Progress",
    evaluation_notes: "This month's work and next steps",
    ground: "Ground",
    clear_reason: "Why it is cleared",
    cleared: "Cleared",
    badge: "Backlog",
};

impl Locale {
    pub fn backlog(self) -> &'static BacklogTexts {
        match self {
            Locale::Zh => &BACKLOG_ZH,
            Locale::En => &BACKLOG_EN,
        }
    }
}
