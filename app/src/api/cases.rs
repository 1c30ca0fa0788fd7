//! A case as its page shows it: the facts (personal data masked), who holds it, the deadline,
//! why the rules sent it there, the timeline of every event, and what the reader's unit may do.

use domain::dispute::DisputeFacts;
use domain::mediators::{Level, Mediator};
use domain::procedure::{Action, Agreement, NoticeMethod, Performance, Satisfaction};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    pub id: String,
    pub number: String,
    pub status: String,
    /// Parties' phone and ID numbers whole for the recorder and the units mediating the case
    /// (`personal_data_whole`), masked for everyone else.
    pub facts: DisputeFacts,
    pub recorded_at: i64,
    pub grid_name: String,
    pub holder_id: i64,
    pub holder_name: String,
    pub co_holders: Vec<String>,
    /// `people`, `administrative`, `sector`, `joint`, `judicial`.
    pub channel: Option<String>,
    /// The last day to resolve it, `YYYY-MM-DD`.
    pub deadline: Option<String>,
    pub acknowledged: bool,
    /// The rules that sent it where it is, by name (the last one decided).
    pub routed_by: Vec<String>,
    /// The rule named a rung below the unit whose window registered the case, which keeps it
    /// (`rules::Decision::kept_at_window`).
    #[serde(default)]
    pub kept_at_window: bool,
    pub timeline: Vec<TimelineEntry>,
    /// The steps the reader may take now (`procedure::check`).
    pub may: Vec<Action>,
    pub rights_noticed: bool,
    pub mediators: Vec<CaseMediator>,
    pub agreement: Option<Agreement>,
    /// Judicial confirmation: `applied`, `confirmed` or `refused`.
    pub confirmation: Option<String>,
    /// Its entry in the backlog register (积案库), once listed.
    pub backlog: Option<domain::backlog::BacklogView>,
    /// What the reader's forms offer; empty unless the reader's unit leads the case.
    pub choices: Choices,
    /// Where the case stands besides its status, and how the reader stands to it: what a
    /// device that acts offline needs to work out the next steps itself (`procedure::ahead`).
    pub progress: domain::procedure::Progress,
    pub standing: domain::procedure::Standing,
    /// The case this one was linked into (并案), once it was.
    #[serde(default)]
    pub merged_into: Option<CaseLink>,
    /// Likely duplicates not yet decided that the reader may see, to compare side by side
    /// (`domain::duplicates`); none once this case was merged.
    #[serde(default)]
    pub duplicates: Vec<DuplicateCandidate>,
    /// The parties' numbers are whole (the reader recorded or mediates the case): the page
    /// offers to call them.
    #[serde(default)]
    pub personal_data_whole: bool,
    /// How many hours the recording device's clock was off (ahead positive), when an hour or
    /// more: the page says so, since deadlines count from the server's receipt.
    #[serde(default)]
    pub device_clock_skew_hours: Option<i64>,
}

/// Another case, by id and number, for a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLink {
    pub id: String,
    pub number: String,
}

/// A likely duplicate of the case, as its page shows it beside the case's own facts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DuplicateCandidate {
    pub id: String,
    pub number: String,
    pub status: String,
    /// Personal data masked as on the case page.
    pub facts: DisputeFacts,
    pub recorded_at: i64,
    /// The grid (or unit) that recorded it.
    pub grid_name: String,
    pub holder_name: String,
    /// The reader's unit leads one of the two cases, so the reader decides.
    pub may_decide: bool,
    /// The other case may be linked into this one (it is still being worked).
    pub may_absorb: bool,
    /// This case may be linked into the other (this one is still being worked).
    pub may_join: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseMediator {
    pub name: String,
    pub level: Level,
    pub unit_name: String,
    pub invited: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    /// The lead's pool (its own and its ancestors').
    pub pool: Vec<Mediator>,
    /// Mediators of other units, for an invitation.
    pub invitable: Vec<Mediator>,
    /// Mediation organisations to transfer to or mediate jointly with.
    pub units: Vec<UnitChoice>,
    /// The mediation organisations below the reader's unit a case may be handed down to (交办).
    #[serde(default)]
    pub below: Vec<UnitChoice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitChoice {
    pub id: i64,
    pub name: String,
}

impl CaseView {
    /// The early warning the case is flagged by and that is still open, from its timeline: a
    /// `warned` event not followed by a `warning_closed`.
    pub fn open_warning(&self) -> Option<&str> {
        let mut open = None;
        for entry in &self.timeline {
            match entry.kind {
                domain::events::EventKind::Warned => open = entry.detail.as_deref(),
                domain::events::EventKind::WarningClosed => open = None,
                _ => {}
            }
        }
        open
    }
}

/// Whether a unit still works the case against a deadline (see `procedure::CaseStatus`).
pub fn is_open(status: &str) -> bool {
    domain::procedure::CaseStatus::from_code(status).is_some_and(|s| s.is_open())
}

/// One event of the case's log, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub kind: domain::events::EventKind,
    pub at: i64,
    pub actor: Option<String>,
    pub unit: Option<String>,
    /// The rule that caused it, when a rule did.
    pub rule: Option<String>,
    /// The reason, result or notice the event carries.
    pub detail: Option<String>,
    /// The event's particulars, each worded by the reader's language.
    #[serde(default)]
    pub facts: Vec<EventFact>,
}

/// One particular of an event, as the timeline shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fact", content = "value", rename_all = "snake_case")]
pub enum EventFact {
    Mediator {
        name: String,
        level: Level,
    },
    Method(NoticeMethod),
    Parties(Vec<String>),
    HeldOn(String),
    Place(String),
    Participants(Vec<String>),
    AmountFen(i64),
    SignedOn(String),
    PerformBy(String),
    LastDay(String),
    Court(String),
    Ruling(String),
    Confirmed(bool),
    Performance(Performance),
    Satisfaction(Satisfaction),
    From(String),
    To(String),
    /// The day a hand-down (交办) is to be finished by.
    FinishBy(String),
    /// The day a superior's 督办 wants an answer by.
    AnswerBy(String),
    /// A backlog evaluation's month and grade.
    Evaluated {
        month: String,
        outlook: domain::backlog::Outlook,
    },
    /// Why a case left the backlog register.
    Ground(domain::backlog::ClearingGround),
    /// The routing left the case at the window that registered it (一窗受理), below the rung
    /// its rule names.
    KeptAtWindow,
    /// The other case of a duplicate decision (并案, 不同纠纷), to open it.
    Case(CaseLink),
    /// … a case the reader may not open: named by no number (the access rule).
    UnseenCase,
}
