//! The words the server writes into a case's record and its notices, and the group robots'
//! message. They are the record's own text — written once, in Chinese (the language of the
//! offices that keep the record and of the group chats), and kept as evidence in the event log —
//! so they take no locale; they live here so that every word of the product has one home.

/// The register an escalation is entered in (三级四步, seed 001 §9).
pub const REGISTRATION: &str = "三级四步登记";

/// The notice a terminated case carries to the parties (seed 002; seed 000 四(四)).
pub const TERMINATION_NOTICE: &str =
    "调解终结：未能达成调解协议，请告知当事人可依法通过诉讼、仲裁等途径解决纠纷。";

/// Why the rules escalated an overdue case by themselves.
pub const OVERDUE_ESCALATION: &str = "逾期未办结，按规则自动上报上一级";

/// Why the rules ended an overdue case at the top of its ladder.
pub const OVERDUE_TERMINATION: &str = "逾期未办结，本级已是最高一级，按规则调解终结";

/// The closing note of a case closed although the visit found the agreement unperformed.
pub fn closed_unperformed(note: &str, reason: &str) -> String {
    format!("{note}（回访显示协议未完全履行，仍予结案，理由：{reason}）")
}

/// A closing note when the holder wrote none.
pub const AGREEMENT_PERFORMED: &str = "调解协议已履行，结案";

/// What the recording grid worker hears when the case is declined.
pub fn declined(reason: &str) -> String {
    format!("不予受理：{reason}")
}

/// Why the rules escalated a case after the tier's failed sessions (Jiangyin "331").
pub fn attempts_exhausted(failed: i64) -> String {
    format!("本级调解 {failed} 次未成功，按规则上报上一级")
}

/// The attempt limit reached at the top of the ladder: the mediation ends there.
pub fn attempts_exhausted_at_top(failed: i64) -> String {
    format!("本级调解 {failed} 次未成功，本级已是最高一级，按规则调解终结")
}

/// 预警: disputes of one category cluster in a village or township.
pub fn warning_cluster(place: &str, days: u32, category: &str, count: usize) -> String {
    format!("{place}{days}日内发生同类纠纷{count}起（{category}）")
}

/// What a warning's description ends with: the joint-mediation path offered to the holder, or
/// applied by the rules (`[warning] joint`).
pub fn warning_joint(joint: domain::rules::model::WarningJoint) -> &'static str {
    match joint {
        domain::rules::model::WarningJoint::Offer => "，请研判是否启动联合调解",
        domain::rules::model::WarningJoint::Apply => "，已按规则启动联合调解，乡镇、区县共同调处",
    }
}

/// 预警: one dispute involves many people (群体性).
pub fn warning_people(place: &str, people: u32) -> String {
    format!("{place}一起纠纷涉及{people}人，有引发群体性事件的风险")
}

/// 预警: one party (named by a masked phone or ID number) in several open disputes.
pub fn warning_party(masked: &str, count: usize) -> String {
    format!("同一当事人（{masked}）涉及{count}起未办结纠纷")
}

/// Why a case was listed as a backlog case.
pub fn backlog_age(age_days: i64, after_days: u32) -> String {
    format!("已办理{age_days}天，超过{after_days}天")
}

/// What a reader without the sensitive-case permission is told of a sensitive case (seed 001:
/// such matters travel by a restricted channel): no number, summary, parties or place.
pub fn restricted_notice(holder: &str) -> String {
    format!("一件涉敏感纠纷，现由{holder}办理；详情仅限有涉敏权限的人员在系统内查看")
}

/// A group robot's message about a sensitive case: its title and markdown text.
pub fn restricted_robot_message(headline: &str, holder: &str) -> (String, String) {
    let title = format!("【枫桥】{headline}");
    let text = format!("### {title}\n\n- {}", restricted_notice(holder));
    (title, text)
}

/// A group robot's message: its title and markdown text.
pub fn robot_message(
    headline: &str,
    case_number: &str,
    summary: &str,
    detail: Option<&str>,
) -> (String, String) {
    let title = format!("【枫桥】{headline}");
    let mut text = format!("### {title}\n\n- 案件编号：{case_number}\n- 纠纷：{summary}");
    if let Some(detail) = detail {
        text.push_str(&format!("\n- 说明：{detail}"));
    }
    (title, text)
}
