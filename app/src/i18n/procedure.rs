//! The words of the mediation procedure (`domain::procedure`) in both languages: the case page's
//! actions and forms, the statuses, the refusals. Kept apart from the general `Texts` table so
//! the procedure's vocabulary reads as one piece; a field without both translations does not
//! compile.

use super::Locale;
use domain::mediators::{Level, MediatorKind};
use domain::procedure::{Action, CaseStatus, NoticeMethod, Performance, Satisfaction};

pub struct ProcedureTexts {
    pub status_accepted: &'static str,
    pub status_agreed: &'static str,
    pub status_closed: &'static str,
    pub status_declined: &'static str,
    pub oral: &'static str,
    pub written: &'static str,
    pub notice_method: &'static str,
    pub parties_told: &'static str,
    pub decline_reason: &'static str,
    pub terminate_reason: &'static str,
    pub reopen_reason: &'static str,
    pub accept_note: &'static str,
    pub close_note: &'static str,
    pub mediator: &'static str,
    pub invite_reason: &'static str,
    pub mediators_on_case: &'static str,
    pub no_pool: &'static str,
    pub session_day: &'static str,
    pub participants: &'static str,
    pub participants_hint: &'static str,
    pub terms: &'static str,
    pub amount_yuan: &'static str,
    pub signed_on: &'static str,
    pub perform_by: &'static str,
    pub agreement: &'static str,
    pub confirmation: &'static str,
    pub confirmation_last_day: &'static str,
    pub applied_on: &'static str,
    pub court: &'static str,
    pub confirmed: &'static str,
    pub refused_by_court: &'static str,
    pub ruling: &'static str,
    pub applied: &'static str,
    pub performance: &'static str,
    pub satisfaction: &'static str,
    pub visit_notes: &'static str,
    pub followed_up: &'static str,
    pub followed_up_unperformed: &'static str,
    pub follow_up_pending: &'static str,
    pub visits_due: &'static str,
    pub visit_saved: &'static str,
    pub transfer_to: &'static str,
    pub hand_down_to: &'static str,
    pub instructions: &'static str,
    pub hand_down_deadline: &'static str,
    pub respond_by: &'static str,
    /// The answer-by day as an error names it (the form's label says it may be left empty).
    pub respond_by_day: &'static str,
    pub transfer_reason: &'static str,
    pub consents: &'static str,
    pub join_units: &'static str,
    pub join_reason: &'static str,
    pub choose: &'static str,
    pub reject_not_now: &'static str,
    pub reject_recusal: &'static str,
    pub reject_unknown_mediator: &'static str,
    pub reject_unknown_unit: &'static str,
    pub reject_window_closed: &'static str,
    pub reject_not_performed: &'static str,
    pub unperformed_guidance: &'static str,
    pub close_anyway_reason: &'static str,
    pub reject_consent_missing: &'static str,
    pub reject_parties_untold: &'static str,
    pub reject_bad_date: &'static str,
    pub reject_follow_up_only: &'static str,
    pub reject_already_evaluated: &'static str,
    pub pool_title: &'static str,
    pub pool_added: &'static str,
    pub person_name: &'static str,
    pub person_kind: &'static str,
    pub level_label: &'static str,
    pub specialties: &'static str,
    pub relations: &'static str,
    pub retire: &'static str,
    pub restore: &'static str,
    pub retired: &'static str,
    pub unit_label: &'static str,
    pub work_title: &'static str,
    pub nav_work: &'static str,
    pub stage: &'static str,
    pub stage_all: &'static str,
    pub stage_received: &'static str,
    pub stage_accepted: &'static str,
    pub stage_agreed: &'static str,
    pub due: &'static str,
    pub due_any: &'static str,
    pub due_overdue: &'static str,
    pub due_soon: &'static str,
    pub all_categories: &'static str,
    pub apply_filter: &'static str,
    pub work_empty: &'static str,
    pub overdue_badge: &'static str,
    pub co_held: &'static str,
    pub acceptance_rate: &'static str,
    pub acceptance_none: &'static str,
}

pub static ZH: ProcedureTexts = ProcedureTexts {
    status_accepted: "已受理，调解中",
    status_agreed: "已达成协议，待履行",
    status_closed: "已结案",
    status_declined: "不予受理",
    oral: "口头告知",
    written: "书面告知（权利义务告知书）",
    notice_method: "告知方式",
    parties_told: "已告知的当事人",
    decline_reason: "不予受理的理由",
    terminate_reason: "终结理由（未能达成协议的原因）",
    reopen_reason: "重新调解的理由（协议未履行的情况）",
    accept_note: "受理意见（可不填）",
    close_note: "结案意见（可不填）",
    mediator: "调解员",
    invite_reason: "邀请理由",
    mediators_on_case: "承办调解员",
    no_pool: "本单位及上级调解员库暂无人员，请管理员添加。",
    session_day: "调解日期",
    participants: "参加人员",
    participants_hint: "多人用顿号或逗号分隔",
    terms: "协议内容",
    amount_yuan: "涉及金额（元，可不填）",
    signed_on: "签订日期（协议生效日）",
    perform_by: "履行期限",
    agreement: "调解协议",
    confirmation: "司法确认",
    confirmation_last_day: "司法确认申请截止日：",
    applied_on: "申请日期",
    court: "受理法院",
    confirmed: "裁定确认有效",
    refused_by_court: "驳回申请",
    ruling: "裁定书文号",
    applied: "已申请，待法院裁定",
    performance: "履行情况",
    satisfaction: "当事人评价",
    visit_notes: "回访情况",
    followed_up: "已回访",
    followed_up_unperformed: "已回访：协议没有完全履行",
    follow_up_pending: "待回访",
    visits_due: "待回访案件",
    visit_saved: "回访已保存到本机，将自动同步。",
    transfer_to: "移送至",
    hand_down_to: "交办给",
    instructions: "办理要求",
    hand_down_deadline: "办结期限",
    respond_by: "回复期限（可不填）",
    respond_by_day: "回复期限",
    transfer_reason: "移送理由",
    consents: "当事人同意移送",
    join_units: "邀请联合调解的单位",
    join_reason: "联合调解理由",
    choose: "请选择",
    reject_not_now: "此案当前不能进行这一步，当前状态：",
    reject_recusal: "需要回避：调解员与当事人存在关联，",
    reject_unknown_mediator: "找不到这名调解员，或不在可选范围内。",
    reject_unknown_unit: "找不到接收单位，或该单位不能承办调解。",
    reject_window_closed: "已超过司法确认申请期限（协议生效之日起三十日内），截止日为 ",
    reject_not_performed: "回访显示协议没有完全履行：请重新调解，或引导当事人申请司法确认、强制执行；确需结案的，请写明理由。",
    unperformed_guidance: "回访显示协议没有完全履行。可以恢复调解（重新调解）；协议生效后三十日内，双方可共同向人民法院申请司法确认；已经司法确认的协议，一方不履行的，对方可申请人民法院强制执行。确需结案的，须写明理由。",
    close_anyway_reason: "仍予结案的理由（协议未完全履行）",
    reject_consent_missing: "移送须经全部当事人同意，未同意：",
    reject_parties_untold: "以下当事人尚未告知权利义务：",
    reject_bad_date: "日期不正确（不能晚于今天，也不能早于前一步）：",
    reject_already_evaluated: "本月已评估过：",
    reject_follow_up_only: "只有登记此案的网格员可以回访。",
    pool_title: "调解员库与专家库",
    pool_added: "已加入调解员库。",
    person_name: "姓名",
    person_kind: "类别",
    level_label: "等级",
    specialties: "擅长领域",
    relations: "需回避的人（亲属等，每行一人，可附身份证号）",
    retire: "停用",
    restore: "恢复",
    retired: "已停用",
    unit_label: "所属单位",
    work_title: "本单位在办案件",
    nav_work: "办案",
    stage: "办理阶段",
    stage_all: "全部在办",
    stage_received: "待受理",
    stage_accepted: "调解中",
    stage_agreed: "待履行、回访",
    due: "期限",
    due_any: "不限",
    due_overdue: "已超期",
    due_soon: "三日内到期",
    all_categories: "全部类别",
    apply_filter: "筛选",
    work_empty: "没有符合条件的案件。",
    overdue_badge: "超期",
    co_held: "联合调解",
    acceptance_rate: "本月受理 {accepted} 件，不予受理 {declined} 件，受理率 {rate}%",
    acceptance_none: "受理率：本月尚无受理或不予受理的决定，暂不计算",
};

pub static EN: ProcedureTexts = ProcedureTexts {
    status_accepted: "Accepted, in mediation",
    status_agreed: "Agreement reached, being performed",
    status_closed: "Closed",
    status_declined: "Declined",
    oral: "Told orally",
    written: "Told in writing (notice of rights)",
    notice_method: "How they were told",
    parties_told: "Parties told",
    decline_reason: "Why it is declined",
    terminate_reason: "Why mediation ends without agreement",
    reopen_reason: "Why mediation resumes (how the agreement is not performed)",
    accept_note: "Note (optional)",
    close_note: "Closing note (optional)",
    mediator: "Mediator",
    invite_reason: "Why invite",
    mediators_on_case: "Mediators on the case",
    no_pool: "No mediators in this unit's pool or above; an admin can add them.",
    session_day: "Day held",
    participants: "Participants",
    participants_hint: "Separate names with commas",
    terms: "Terms",
    amount_yuan: "Amount (yuan, optional)",
    signed_on: "Signed on (takes effect)",
    perform_by: "Perform by",
    agreement: "Agreement",
    confirmation: "Judicial confirmation",
    confirmation_last_day: "Last day to apply for judicial confirmation: ",
    applied_on: "Applied on",
    court: "Court",
    confirmed: "Confirmed valid",
    refused_by_court: "Application refused",
    ruling: "Ruling number",
    applied: "Applied, awaiting the court",
    performance: "Performance",
    satisfaction: "Parties' satisfaction",
    visit_notes: "Visit notes",
    followed_up: "Visited",
    followed_up_unperformed: "Visited: the agreement is not fully performed",
    follow_up_pending: "Follow-up visit due",
    visits_due: "Follow-up visits due",
    visit_saved: "Visit saved on this phone; it will sync by itself.",
    transfer_to: "Transfer to",
    hand_down_to: "Hand down to",
    instructions: "Instructions",
    hand_down_deadline: "To be settled by",
    respond_by: "Answer by (optional)",
    respond_by_day: "Answer by",
    transfer_reason: "Why transfer",
    consents: "Parties consenting to the transfer",
    join_units: "Units to mediate jointly",
    join_reason: "Why joint mediation",
    choose: "Choose",
    reject_not_now: "This step does not fit the case now; its status: ",
    reject_recusal: "Must withdraw: the mediator is related to a party, ",
    reject_unknown_mediator: "No such mediator, or not one this unit may choose.",
    reject_unknown_unit: "No such unit, or it cannot hold mediation cases.",
    reject_window_closed:
        "Too late for judicial confirmation (30 days from the agreement); the last day was ",
    reject_not_performed: "The follow-up visit found the agreement not fully performed: mediate again, or guide the parties to judicial confirmation or enforcement; to close anyway, give the reason.",
    unperformed_guidance: "The follow-up visit found the agreement not fully performed. Mediation can resume; within thirty days of the agreement the parties may apply together to the court for judicial confirmation; a confirmed agreement a party does not perform can be enforced by the court. Closing anyway needs a reason.",
    close_anyway_reason: "Why close although the agreement is not fully performed",
    reject_consent_missing: "A transfer needs every party's consent; not consenting: ",
    reject_parties_untold: "Not yet told their rights and obligations: ",
    reject_bad_date: "Wrong date (not after today, not before the step it follows): ",
    reject_already_evaluated: "This month is already evaluated: ",
    reject_follow_up_only: "Only the grid worker who recorded the case visits.",
    pool_title: "Mediator and expert pools",
    pool_added: "Added to the pool.",
    person_name: "Name",
    person_kind: "Kind",
    level_label: "Level",
    specialties: "Specialties",
    relations: "People to withdraw for (relatives…), one per line, ID number optional",
    retire: "Retire",
    restore: "Restore",
    retired: "Retired",
    unit_label: "Unit",
    work_title: "Cases my unit holds",
    nav_work: "Cases",
    stage: "Stage",
    stage_all: "All in hand",
    stage_received: "Awaiting acceptance",
    stage_accepted: "In mediation",
    stage_agreed: "Agreement being performed",
    due: "Deadline",
    due_any: "Any",
    due_overdue: "Overdue",
    due_soon: "Due within 3 days",
    all_categories: "All categories",
    apply_filter: "Filter",
    work_empty: "No cases match.",
    overdue_badge: "Overdue",
    co_held: "Joint",
    acceptance_rate:
        "This month: {accepted} accepted, {declined} declined — acceptance rate {rate}%",
    acceptance_none: "No cases accepted or declined this month",
};

impl Locale {
    pub fn procedure(self) -> &'static ProcedureTexts {
        match self {
            Locale::Zh => &ZH,
            Locale::En => &EN,
        }
    }

    /// The button or heading of a procedure step.
    pub fn action(self, action: Action) -> &'static str {
        use Action::*;
        let zh = self == Locale::Zh;
        match (action, zh) {
            (Acknowledge, true) => "签收",
            (Acknowledge, false) => "Acknowledge",
            (Accept, true) => "受理",
            (Accept, false) => "Accept",
            (Decline, true) => "不予受理",
            (Decline, false) => "Decline",
            (NoticeOfRights, true) => "告知权利义务",
            (NoticeOfRights, false) => "Notice of rights",
            (AssignMediator, true) => "指派调解员",
            (AssignMediator, false) => "Assign a mediator",
            (Invite, true) => "邀请其他单位调解员",
            (Invite, false) => "Invite another unit's mediator",
            (RecordSession, true) => "记录调解",
            (RecordSession, false) => "Record a session",
            (RecordAgreement, true) => "达成调解协议",
            (RecordAgreement, false) => "Agreement reached",
            (Resolve, true) => "口头协议，办结",
            (Resolve, false) => "Settled orally — close",
            (Escalate, true) => "上报上一级",
            (Escalate, false) => "Escalate one tier up",
            (Terminate, true) => "调解终结",
            (Terminate, false) => "End mediation",
            (ApplyConfirmation, true) => "申请司法确认",
            (ApplyConfirmation, false) => "Applied for confirmation",
            (RecordConfirmation, true) => "记录法院裁定",
            (RecordConfirmation, false) => "Record the court's ruling",
            (FollowUp, true) => "回访",
            (FollowUp, false) => "Follow-up visit",
            (Reopen, true) => "协议未履行，重新调解",
            (Reopen, false) => "Not performed — reopen",
            (Close, true) => "结案",
            (Close, false) => "Close the case",
            (Transfer, true) => "移送其他调解组织",
            (Transfer, false) => "Transfer",
            (JoinUnits, true) => "联合调解",
            (JoinUnits, false) => "Joint mediation",
            (AssignLeader, true) => "指定包案领导",
            (AssignLeader, false) => "Name the responsible leader",
            (EvaluateBacklog, true) => "本月评估",
            (EvaluateBacklog, false) => "This month's evaluation",
            (ClearBacklog, true) => "销号",
            (ClearBacklog, false) => "Clear from the register",
            (HandDown, true) => "交办下级",
            (HandDown, false) => "Hand down",
            (Supervise, true) => "督办",
            (Supervise, false) => "Press (督办)",
        }
    }

    pub fn status(self, status: CaseStatus) -> String {
        let t = self.texts();
        let p = self.procedure();
        match status {
            CaseStatus::ResolvedOnSpot => t.status_resolved_on_spot,
            CaseStatus::Routed => t.status_routed,
            CaseStatus::Escalated => t.status_escalated,
            CaseStatus::Accepted => p.status_accepted,
            CaseStatus::Agreed => p.status_agreed,
            CaseStatus::Resolved => t.status_resolved,
            CaseStatus::Closed => p.status_closed,
            CaseStatus::Declined => p.status_declined,
            CaseStatus::Terminated => t.status_terminated,
            CaseStatus::Merged => self.duplicates().status_merged,
        }
        .to_owned()
    }

    pub fn stage(self, stage: crate::api::work::Stage) -> &'static str {
        use crate::api::work::Stage;
        let p = self.procedure();
        match stage {
            Stage::All => p.stage_all,
            Stage::Received => p.stage_received,
            Stage::Accepted => p.stage_accepted,
            Stage::Agreed => p.stage_agreed,
        }
    }

    pub fn due(self, due: crate::api::work::Due) -> &'static str {
        use crate::api::work::Due;
        let p = self.procedure();
        match due {
            Due::Any => p.due_any,
            Due::Overdue => p.due_overdue,
            Due::Soon => p.due_soon,
        }
    }

    pub fn outlook(self, o: domain::backlog::Outlook) -> &'static str {
        use domain::backlog::Outlook;
        let zh = self == Locale::Zh;
        match (o, zh) {
            (Outlook::Progressing, true) => "化解有进展",
            (Outlook::Progressing, false) => "Progressing",
            (Outlook::Stalled, true) => "暂无进展",
            (Outlook::Stalled, false) => "No progress",
            (Outlook::AtRisk, true) => "有激化风险",
            (Outlook::AtRisk, false) => "At risk of escalating",
        }
    }

    pub fn clearing_ground(self, g: domain::backlog::ClearingGround) -> &'static str {
        use domain::backlog::ClearingGround;
        let zh = self == Locale::Zh;
        match (g, zh) {
            (ClearingGround::Resolved, true) => "已化解",
            (ClearingGround::Resolved, false) => "Resolved",
            (ClearingGround::Desisted, true) => "息诉罢访",
            (ClearingGround::Desisted, false) => "Petitioner desisted",
        }
    }

    pub fn notice_method(self, method: NoticeMethod) -> &'static str {
        match method {
            NoticeMethod::Oral => self.procedure().oral,
            NoticeMethod::Written => self.procedure().written,
        }
    }

    pub fn performance(self, p: Performance) -> &'static str {
        let zh = self == Locale::Zh;
        match (p, zh) {
            (Performance::Full, true) => "已全部履行",
            (Performance::Full, false) => "Fully performed",
            (Performance::Partial, true) => "部分履行",
            (Performance::Partial, false) => "Partly performed",
            (Performance::None, true) => "未履行",
            (Performance::None, false) => "Not performed",
        }
    }

    pub fn satisfaction(self, s: Satisfaction) -> &'static str {
        let zh = self == Locale::Zh;
        match (s, zh) {
            (Satisfaction::Satisfied, true) => "满意",
            (Satisfaction::Satisfied, false) => "Satisfied",
            (Satisfaction::Fair, true) => "基本满意",
            (Satisfaction::Fair, false) => "Fairly satisfied",
            (Satisfaction::Dissatisfied, true) => "不满意",
            (Satisfaction::Dissatisfied, false) => "Dissatisfied",
        }
    }

    pub fn level(self, level: Level) -> &'static str {
        let zh = self == Locale::Zh;
        match (level, zh) {
            (Level::Chief, true) => "首席调解员",
            (Level::Chief, false) => "Chief mediator",
            (Level::Senior, true) => "一级调解员",
            (Level::Senior, false) => "Senior mediator",
            (Level::Intermediate, true) => "二级调解员",
            (Level::Intermediate, false) => "Mediator, second grade",
            (Level::Junior, true) => "三级调解员",
            (Level::Junior, false) => "Mediator, third grade",
        }
    }

    pub fn mediator_kind(self, kind: MediatorKind) -> &'static str {
        let zh = self == Locale::Zh;
        match (kind, zh) {
            (MediatorKind::Mediator, true) => "调解员",
            (MediatorKind::Mediator, false) => "Mediator",
            (MediatorKind::Expert, true) => "专家",
            (MediatorKind::Expert, false) => "Expert",
        }
    }
}
