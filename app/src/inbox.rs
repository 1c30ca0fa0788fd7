//! Notifications as the inbox shows them: what happened to which case, for the signed-in user,
//! worded in their language from the stored facts.

use crate::i18n::Locale;

/// What a notification's detail is, as the words before it: the rule that routed the case, the
/// reason someone gave, the holder that accepted it, the last day of a window, or (for results,
/// agreements and visits) the text itself with nothing before it.
pub fn detail_label(locale: Locale, kind: &str) -> &'static str {
    let zh = matches!(locale, Locale::Zh);
    match (kind, zh) {
        ("routed" | "joint_opened", true) => "依据：",
        ("routed" | "joint_opened", false) => "Because: ",
        ("escalated" | "transferred" | "joined" | "reopened" | "invited", true) => "理由：",
        ("escalated" | "transferred" | "joined" | "reopened" | "invited", false) => "Reason: ",
        ("backlog_leader", true) => "包案领导：",
        ("backlog_leader", false) => "Leader: ",
        ("backlog_cleared", true) => "销号说明：",
        ("backlog_cleared", false) => "Why: ",
        ("accepted", true) => "受理单位：",
        ("accepted", false) => "Accepted by: ",
        ("confirmation_due", true) => "申请截止日：",
        ("confirmation_due", false) => "Last day to apply: ",
        _ => "",
    }
}

/// The heading of a notification in the reader's language.
pub fn headline(locale: Locale, kind: &str) -> &'static str {
    let zh = matches!(locale, Locale::Zh);
    match (kind, zh) {
        ("routed", true) => "新案件分派到本单位",
        ("routed", false) => "New case for your unit",
        ("joint_opened", true) => "联合调解启动，逐级报告",
        ("joint_opened", false) => "Joint mediation opened",
        ("escalated", true) => "案件上报到本单位",
        ("escalated", false) => "Case escalated to your unit",
        ("supervised", true) => "案件超期督办",
        ("supervised", false) => "Overdue case supervised",
        ("receipt_overdue", true) => "案件逾期未签收",
        ("receipt_overdue", false) => "Case not acknowledged in time",
        ("accepted", true) => "案件已受理",
        ("accepted", false) => "Case accepted",
        ("agreement", true) => "达成调解协议（待回访）",
        ("agreement", false) => "Agreement reached (visit due)",
        ("invited", true) => "邀请本单位调解员参加调解",
        ("invited", false) => "Your mediator is invited",
        ("followed_up", true) => "网格员已回访",
        ("followed_up", false) => "Follow-up visit done",
        ("reopened", true) => "协议未履行，重新调解",
        ("reopened", false) => "Case reopened",
        ("entrusted", true) => "法院委托本单位调解",
        ("entrusted", false) => "A court entrusts a case to your unit",
        ("transferred", true) => "案件移送到本单位",
        ("transferred", false) => "Case transferred to your unit",
        ("joined", true) => "邀请本单位联合调解",
        ("joined", false) => "Your unit joins a mediation",
        ("confirmation_due", true) => "司法确认申请即将截止",
        ("confirmation_due", false) => "Judicial confirmation window closing",
        ("backlog_listed", true) => "案件列入积案库",
        ("backlog_listed", false) => "Case listed as backlog",
        ("backlog_leader", true) => "积案已指定包案领导",
        ("backlog_leader", false) => "Backlog case: leader named",
        ("backlog_evaluated", true) => "积案月度评估",
        ("backlog_evaluated", false) => "Backlog case evaluated",
        ("backlog_cleared", true) => "积案已销号",
        ("backlog_cleared", false) => "Backlog case cleared",
        ("result", true) => "案件办理结果",
        ("result", false) => "Case result",
        (_, true) => "案件动态",
        (_, false) => "Case update",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_detail_is_introduced_by_what_it_is() {
        assert_eq!(detail_label(Locale::Zh, "routed"), "依据：");
        assert_eq!(detail_label(Locale::Zh, "escalated"), "理由：");
        assert_eq!(detail_label(Locale::Zh, "confirmation_due"), "申请截止日：");
        // A result or an agreement is its own text: nothing before it.
        assert_eq!(detail_label(Locale::Zh, "result"), "");
        assert_eq!(detail_label(Locale::Zh, "agreement"), "");
        assert_eq!(detail_label(Locale::En, "transferred"), "Reason: ");
    }
}
