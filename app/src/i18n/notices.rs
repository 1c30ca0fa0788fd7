//! The words of a notice (消息): its headline, and what introduces its detail. Every
//! [`NoticeKind`] is matched here, so a new kind without words does not compile.

use super::Locale;
use domain::notices::NoticeKind;

/// The heading of a notification in the reader's language.
pub fn headline(locale: Locale, kind: NoticeKind) -> &'static str {
    use NoticeKind::*;
    let (zh, en) = match kind {
        Routed => ("新案件分派到本单位", "New case for your unit"),
        JointOpened => ("联合调解启动，逐级报告", "Joint mediation opened"),
        Escalated => ("案件上报到本单位", "Case escalated to your unit"),
        Supervised => ("案件超期督办", "Overdue case supervised"),
        ReceiptOverdue => ("案件逾期未签收", "Case not acknowledged in time"),
        Accepted => ("案件已受理", "Case accepted"),
        Agreement => ("达成调解协议（待回访）", "Agreement reached (visit due)"),
        Invited => ("邀请本单位调解员参加调解", "Your mediator is invited"),
        FollowedUp => ("网格员已回访", "Follow-up visit done"),
        Reopened => ("协议未履行，重新调解", "Case reopened"),
        Entrusted => ("法院委托本单位调解", "A court entrusts a case to your unit"),
        Transferred => ("案件移送到本单位", "Case transferred to your unit"),
        Joined => ("邀请本单位联合调解", "Your unit joins a mediation"),
        ConfirmationDue => (
            "司法确认申请即将截止",
            "Judicial confirmation window closing",
        ),
        BacklogListed => ("案件列入积案库", "Case listed as backlog"),
        BacklogLeader => ("积案已指定包案领导", "Backlog case: leader named"),
        BacklogEvaluated => ("积案月度评估", "Backlog case evaluated"),
        BacklogCleared => ("积案已销号", "Backlog case cleared"),
        Result => ("案件办理结果", "Case result"),
        SweepDue => ("本周排查尚未报告", "This week's sweep not reported yet"),
        Warning => ("矛盾纠纷预警", "Early warning: disputes cluster"),
        PossibleDuplicate => (
            "疑似重复登记，请核实",
            "Possible duplicate report: please compare",
        ),
        Merged => (
            "您登记的纠纷已并案",
            "The dispute you recorded was linked into another case",
        ),
        HandedDown => ("上级交办案件", "A case handed down to your unit"),
        SupervisionIssued => ("上级督办", "A superior presses a case"),
        Other => ("案件动态", "Case update"),
    };
    locale.pick(zh, en)
}

/// What a notification's detail is, as the words before it: the rule that routed the case, the
/// reason someone gave, the holder that accepted it, the last day of a window, or (for results,
/// agreements and visits) the text itself with nothing before it.
pub fn detail_label(locale: Locale, kind: NoticeKind) -> &'static str {
    use NoticeKind::*;
    let (zh, en) = match kind {
        Routed | JointOpened => ("依据：", "Because: "),
        Escalated | Transferred | Joined | Reopened | Invited => ("理由：", "Reason: "),
        BacklogLeader => ("包案领导：", "Leader: "),
        BacklogCleared => ("销号说明：", "Why: "),
        Accepted => ("受理单位：", "Accepted by: "),
        ConfirmationDue => ("申请截止日：", "Last day to apply: "),
        Supervised | ReceiptOverdue | Agreement | FollowedUp | Entrusted | BacklogListed
        | BacklogEvaluated | Result | Other => ("", ""),
        SweepDue => ("排查周：", "Week of "),
        Warning => ("预警：", "Warning: "),
        PossibleDuplicate => ("可能与此案重复：", "May duplicate case "),
        Merged => ("并入案件：", "Linked into case "),
        HandedDown | SupervisionIssued => ("要求：", "Instructions: "),
    };
    locale.pick(zh, en)
}

/// A notice about a sensitive case for a reader without the permission: only who holds it.
pub fn restricted(locale: Locale, holder: &str) -> String {
    match locale {
        Locale::Zh => super::records::restricted_notice(holder),
        Locale::En => format!(
            "A sensitive dispute, now with {holder}; only people with the sensitive-case permission see it"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_detail_is_introduced_by_what_it_is() {
        use NoticeKind::*;
        assert_eq!(detail_label(Locale::Zh, Routed), "依据：");
        assert_eq!(detail_label(Locale::Zh, Escalated), "理由：");
        assert_eq!(detail_label(Locale::Zh, ConfirmationDue), "申请截止日：");
        // A result or an agreement is its own text: nothing before it.
        assert_eq!(detail_label(Locale::Zh, Result), "");
        assert_eq!(detail_label(Locale::Zh, Agreement), "");
        assert_eq!(detail_label(Locale::En, Transferred), "Reason: ");
    }

    #[test]
    fn every_notice_has_a_headline_in_both_languages() {
        for kind in NoticeKind::ALL {
            assert!(!headline(Locale::Zh, kind).is_empty());
            assert!(!headline(Locale::En, kind).is_empty());
        }
    }
}
