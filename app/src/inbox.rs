//! Notifications as the inbox shows them: what happened to which case, for the signed-in user,
//! worded in their language from the stored facts.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i64,
    /// `routed`, `joint_opened`, `escalated`, `supervised`, `receipt_overdue`, `result`, …
    pub kind: String,
    pub case_id: Option<String>,
    pub case_number: Option<String>,
    pub summary: Option<String>,
    /// The rule's name, the reason given, or the result.
    pub detail: Option<String>,
    /// The unit of the reader's this concerns.
    pub unit_name: String,
    pub created_at: i64,
    pub read: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InboxView {
    pub unread: i64,
    /// Newest first.
    pub items: Vec<Notification>,
}

/// How many notifications the inbox lists.
pub const INBOX_PAGE: i64 = 50;

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
        ("transferred", true) => "案件移送到本单位",
        ("transferred", false) => "Case transferred to your unit",
        ("joined", true) => "邀请本单位联合调解",
        ("joined", false) => "Your unit joins a mediation",
        ("confirmation_due", true) => "司法确认申请即将截止",
        ("confirmation_due", false) => "Judicial confirmation window closing",
        ("result", true) => "案件办理结果",
        ("result", false) => "Case result",
        (_, true) => "案件动态",
        (_, false) => "Case update",
    }
}
