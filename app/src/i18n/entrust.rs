//! The words of court entrustment (委托调解): the court's page and the entrustment form.

use super::Locale;

/// The words of court entrustment (委托调解).
pub struct EntrustTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub court_case_number: &'static str,
    pub applicant: &'static str,
    pub respondent: &'static str,
    pub to_unit: &'static str,
    pub reason: &'static str,
    pub consent: &'static str,
    pub submit: &'static str,
    pub saved: &'static str,
    pub entrusted_cases: &'static str,
    pub no_targets: &'static str,
}

pub static ENTRUST_ZH: EntrustTexts = EntrustTexts {
    title: "委托调解",
    intro: "将本院受理或审理中的纠纷委托调解组织调解，须经各方当事人同意。调解结果将反馈本院。",
    court_case_number: "本院案号",
    applicant: "原告（申请人）",
    respondent: "被告（被申请人）",
    to_unit: "委托调解组织",
    reason: "委托理由",
    consent: "各方当事人均已同意委托调解",
    submit: "委托调解",
    saved: "已保存到本机，将自动同步并送达调解组织。",
    entrusted_cases: "本院委托的案件",
    no_targets: "本院所在区县没有可委托的调解组织。",
};

pub static ENTRUST_EN: EntrustTexts = EntrustTexts {
    title: "Entrust to mediation",
    intro: "Entrust a dispute before this court to a mediation organisation; every party must consent. The result comes back to the court.",
    court_case_number: "Court case number",
    applicant: "Plaintiff (applicant)",
    respondent: "Defendant (respondent)",
    to_unit: "Mediation organisation",
    reason: "Why it is entrusted",
    consent: "Every party consents to mediation",
    submit: "Entrust",
    saved: "Saved on this device; it will sync and reach the organisation by itself.",
    entrusted_cases: "Cases this court entrusted",
    no_targets: "No mediation organisation in this court's county.",
};

impl Locale {
    pub fn entrust(self) -> &'static EntrustTexts {
        match self {
            Locale::Zh => &ENTRUST_ZH,
            Locale::En => &ENTRUST_EN,
        }
    }
}
