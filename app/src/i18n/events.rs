//! The name of each kind of case event, as the timeline shows it. Every [`EventKind`] is
//! matched here, so a new kind without words does not compile.

use super::Locale;
use domain::events::EventKind;

pub fn event_name(locale: Locale, kind: EventKind) -> &'static str {
    use EventKind::*;
    let (zh, en) = match kind {
        Recorded => ("登记纠纷", "Recorded"),
        ResolvedOnSpot => ("当场化解", "Resolved on the spot"),
        Entrusted => ("法院委托调解", "Entrusted by the court"),
        Routed => ("按规则分派", "Routed by the rules"),
        Acknowledged => ("签收", "Acknowledged"),
        Escalated => ("上报上一级（三级四步登记）", "Escalated (registered)"),
        Accepted => ("受理", "Accepted"),
        Declined => ("不予受理", "Declined"),
        RightsNoticed => ("告知权利义务", "Rights and obligations told"),
        MediatorAssigned => ("指派调解员", "Mediator assigned"),
        MediatorInvited => ("邀请调解员", "Mediator invited"),
        SessionHeld => ("调解（达成进展）", "Mediation session"),
        SessionFailed => ("调解未成功", "Mediation session failed"),
        AgreementReached => ("达成调解协议", "Agreement reached"),
        ConfirmationApplied => ("申请司法确认", "Judicial confirmation applied for"),
        ConfirmationDecided => ("法院裁定", "Court ruling"),
        FollowedUp => ("回访", "Follow-up visit"),
        Reopened => ("协议未履行，重新调解", "Reopened"),
        Closed => ("结案", "Closed"),
        Transferred => ("移送", "Transferred"),
        Joined => ("加入联合调解", "Joined the mediation"),
        Resolved => ("调解成功，办结", "Resolved"),
        Terminated => ("调解终结", "Mediation terminated"),
        Supervised => ("超期督办", "Supervised (overdue)"),
        ReceiptOverdue => ("逾期未签收提醒", "Reminder: not acknowledged"),
        BacklogListed => ("列入积案库", "Listed as a backlog case"),
        BacklogLeader => ("指定包案领导", "Responsible leader named"),
        BacklogEvaluated => ("积案月度评估", "Monthly backlog evaluation"),
        BacklogCleared => ("积案销号", "Cleared from the backlog register"),
        Warned => ("矛盾纠纷预警", "Early warning raised"),
        WarningClosed => ("预警解除", "Early warning closed"),
        DuplicateAbsorbed => (
            "并案：重复登记的案件已并入本案",
            "A duplicate report was linked into this case",
        ),
        MergedInto => (
            "并案：本案已并入",
            "Linked into another case as a duplicate",
        ),
        MarkedDistinct => ("核实为不同纠纷", "Checked: a different dispute from"),
        HandedDown => ("交办", "Handed down"),
        SupervisionIssued => ("上级督办", "Pressed by a superior"),
        Other => ("案件动态", "Update"),
    };
    locale.pick(zh, en)
}
