//! What each step of the procedure carries (受理, 告知, 指派, 协议, 司法确认, 回访, 移送, 委托,
//! 联合调解 …) and the checks on it. The form runs them offline so a person sees the problem
//! next to the field; the server runs them again, authoritatively.

use crate::clock::Day;
use crate::dispute::{Party, MAX_AMOUNT_FEN};
use crate::problem::{check_text, problem, FieldProblem, Problem, MAX_SHORT_CHARS, MAX_TEXT_CHARS};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Acceptance {
    #[serde(default)]
    pub note: Option<String>,
}

/// A reason is all some actions carry (decline, terminate, reopen).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reason {
    pub reason: String,
}

/// 告知当事人权利义务: how the parties were told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum NoticeMethod {
    /// 口头告知
    Oral,
    /// 书面告知（权利义务告知书）
    Written,
}

crate::coded!(NoticeMethod {
    Oral => "oral",
    Written => "written",
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RightsNotice {
    pub method: NoticeMethod,
    /// The parties told, by name; every party of the case must be among them.
    pub parties: Vec<String>,
}

/// A mediator of the pool put on the case; `reason` says why when the mediator is invited from
/// another unit (邀请).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MediatorAssignment {
    pub mediator_id: i64,
    #[serde(default)]
    pub reason: Option<String>,
}

/// 调解协议: what the parties agreed, signed on a day, to be performed by a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agreement {
    pub terms: String,
    /// The sum one party pays, in fen, when there is one.
    #[serde(default)]
    pub amount_fen: Option<i64>,
    /// The day the parties signed it; it takes effect then.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub signed_on: Day,
    /// The day by which it is to be performed.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub perform_by: Day,
}

/// The parties applied to a court for judicial confirmation (司法确认).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmationApplication {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub applied_on: Day,
    pub court: String,
}

/// The court's decision on the application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmationDecision {
    /// Confirmed valid (裁定确认有效) or refused (驳回申请).
    pub confirmed: bool,
    /// The ruling's number (文书号).
    pub ruling: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Performance {
    Full,
    Partial,
    None,
}

crate::coded!(Performance {
    Full => "full",
    Partial => "partial",
    None => "none",
});

/// The parties' satisfaction with the mediation (评价).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Satisfaction {
    Satisfied,
    Fair,
    Dissatisfied,
}

crate::coded!(Satisfaction {
    Satisfied => "satisfied",
    Fair => "fair",
    Dissatisfied => "dissatisfied",
});

/// 回访: the recording grid worker asks whether the agreement is being performed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpVisit {
    pub performance: Performance,
    pub satisfaction: Satisfaction,
    pub notes: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Closing {
    #[serde(default)]
    pub note: Option<String>,
    /// Why the case closes although the follow-up visit found the agreement not (fully)
    /// performed; required then, kept in the timeline.
    #[serde(default)]
    pub override_reason: Option<String>,
}

/// One party's answer to a transfer (移送 needs everyone's consent, seed 000).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consent {
    pub party: String,
    pub consented: bool,
}

/// 移送: the case goes to another mediation organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transfer {
    pub to_unit_id: i64,
    pub reason: String,
    pub consents: Vec<Consent>,
}

/// 交办/分流: a unit above the holder, or the holder itself, hands the case down to a unit below
/// it, with instructions and a deadline. No party's consent is asked: it is the organisations'
/// own division of work (移送 to another organisation needs it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandDown {
    pub to_unit_id: i64,
    pub instructions: String,
    /// The last day to settle it, set by whoever hands it down.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-31"))]
    pub deadline: Day,
}

/// 督办: a unit above the holder presses it, with instructions and, if it wants an answer, the
/// day to answer by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Supervision {
    pub instructions: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "2026-12-15"))]
    pub respond_by: Option<Day>,
}

/// The longest a hand-down's deadline may lie ahead: a year.
pub const MAX_HAND_DOWN_DAYS: i64 = 366;

/// The instructions are required (the deadline is checked against the server's day:
/// `day_ahead_fits`).
pub fn validate_hand_down(h: &HandDown) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "instructions", &h.instructions, MAX_TEXT_CHARS);
    out
}

pub fn validate_supervision(s: &Supervision) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "instructions", &s.instructions, MAX_TEXT_CHARS);
    out
}

/// A day set ahead by a superior (a hand-down's deadline, a 督办's answer-by day): from
/// `today` to a year ahead.
pub fn day_ahead_fits(day: Day, today: Day) -> bool {
    day >= today && day <= today.plus(MAX_HAND_DOWN_DAYS)
}

/// 联合调解: other units join the lead as co-holders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JointMediation {
    pub unit_ids: Vec<i64>,
    pub reason: String,
}

fn check_optional(out: &mut Vec<FieldProblem>, field: &str, value: Option<&str>, max: usize) {
    if value.is_some_and(|v| v.chars().count() > max) {
        out.push(problem(field, Problem::TooLong));
    }
}

pub fn validate_reason(reason: &Reason) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "reason", &reason.reason, MAX_TEXT_CHARS);
    out
}

pub fn validate_acceptance(a: &Acceptance) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_optional(&mut out, "note", a.note.as_deref(), MAX_TEXT_CHARS);
    out
}

pub fn validate_closing(c: &Closing) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_optional(&mut out, "note", c.note.as_deref(), MAX_TEXT_CHARS);
    check_optional(
        &mut out,
        "override_reason",
        c.override_reason.as_deref(),
        MAX_TEXT_CHARS,
    );
    out
}

pub fn validate_rights_notice(n: &RightsNotice) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if n.parties.is_empty() {
        out.push(problem("parties", Problem::Required));
    }
    for (i, name) in n.parties.iter().enumerate() {
        check_text(&mut out, &format!("parties[{i}]"), name, MAX_SHORT_CHARS);
    }
    out
}

pub fn validate_assignment(a: &MediatorAssignment) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_optional(&mut out, "reason", a.reason.as_deref(), MAX_TEXT_CHARS);
    out
}

pub fn validate_agreement(a: &Agreement) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "terms", &a.terms, MAX_TEXT_CHARS);
    match a.amount_fen {
        Some(f) if f < 0 => out.push(problem("amount_fen", Problem::BadFormat)),
        Some(f) if f > MAX_AMOUNT_FEN => out.push(problem("amount_fen", Problem::TooLong)),
        _ => {}
    }
    if a.perform_by < a.signed_on {
        out.push(problem("perform_by", Problem::BadFormat));
    }
    out
}

pub fn validate_application(a: &ConfirmationApplication) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "court", &a.court, MAX_SHORT_CHARS);
    out
}

pub fn validate_decision(d: &ConfirmationDecision) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "ruling", &d.ruling, MAX_SHORT_CHARS);
    out
}

pub fn validate_visit(v: &FollowUpVisit) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "notes", &v.notes, MAX_TEXT_CHARS);
    out
}

pub fn validate_transfer(t: &Transfer) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "reason", &t.reason, MAX_TEXT_CHARS);
    out
}

/// 委托调解 (seed 000 四(二)): a court hands a dispute before it to a mediation organisation,
/// with every party's consent, and hears the result back. It creates the case, as a recorded
/// dispute does; the case's "recording unit" is the court.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entrustment {
    pub facts: crate::dispute::DisputeFacts,
    pub to_unit_id: i64,
    /// The court's own case number (案号), e.g. (2026)浙0803民初1234号.
    pub court_case_number: String,
    pub reason: String,
    pub consents: Vec<Consent>,
}

pub fn validate_entrustment(e: &Entrustment) -> Vec<FieldProblem> {
    let mut out: Vec<FieldProblem> = crate::dispute::validate(&e.facts)
        .into_iter()
        .map(|p| problem(format!("facts.{}", p.field), p.problem))
        .collect();
    check_text(
        &mut out,
        "court_case_number",
        &e.court_case_number,
        MAX_SHORT_CHARS,
    );
    check_text(&mut out, "reason", &e.reason, MAX_TEXT_CHARS);
    out
}

pub fn validate_joint(j: &JointMediation) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if j.unit_ids.is_empty() {
        out.push(problem("unit_ids", Problem::Required));
    }
    check_text(&mut out, "reason", &j.reason, MAX_TEXT_CHARS);
    out
}

/// The parties who did not consent to a transfer (or were not asked), by name. Empty means
/// everyone agreed and the transfer may go ahead.
pub fn missing_consents(parties: &[Party], consents: &[Consent]) -> Vec<String> {
    parties
        .iter()
        .filter(|p| {
            !consents
                .iter()
                .any(|c| c.consented && c.party.trim() == p.name.trim())
        })
        .map(|p| p.name.clone())
        .collect()
}

/// The parties not among those told of their rights and obligations.
pub fn untold_parties(parties: &[Party], told: &[String]) -> Vec<String> {
    parties
        .iter()
        .filter(|p| !told.iter().any(|t| t.trim() == p.name.trim()))
        .map(|p| p.name.clone())
        .collect()
}
