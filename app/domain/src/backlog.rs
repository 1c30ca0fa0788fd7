//! 积案: cases still open long after they were recorded (seed 001 §10, 信访积案化解督查督办).
//! The rules list such a case in the backlog register by its age (the rule file's
//! `[backlog] after_days`); a supervisor of a unit above it names the leader responsible for
//! it (包案领导), writes an evaluation of it every month (每月评估通报), and clears it from the
//! register (销号) once it is resolved or the petitioner has desisted (息诉罢访).

pub use crate::clock::Month;
use crate::problem::{check_text, FieldProblem};
use crate::problem::{MAX_SHORT_CHARS, MAX_TEXT_CHARS};
use serde::{Deserialize, Serialize};

/// Where a case stands in the backlog register.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Listing {
    /// Never listed (young enough, or the deployment keeps no register).
    #[default]
    NotListed,
    Listed {
        /// A 包案领导 is named.
        leader: bool,
        /// This month's evaluation is written.
        evaluated_this_month: bool,
    },
    /// 销号: off the register for good.
    Cleared,
}

impl Listing {
    /// From the register's columns on the case, at `now`.
    pub fn from_columns(
        listed: bool,
        leader: bool,
        evaluated: Option<Month>,
        cleared: bool,
        now: i64,
    ) -> Listing {
        match (listed, cleared) {
            (_, true) => Listing::Cleared,
            (false, false) => Listing::NotListed,
            (true, false) => Listing::Listed {
                leader,
                evaluated_this_month: evaluated == Some(Month::of_unix_ms(now)),
            },
        }
    }
}

/// Whether a case recorded at `recorded_at` is old enough at `now` to be listed.
pub fn is_due_for_listing(recorded_at: i64, now: i64, after_days: u32) -> bool {
    now - recorded_at >= i64::from(after_days) * crate::clock::DAY_MS
}

/// 包案领导: the leader who answers for the case until it is cleared, by name and post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaderAssignment {
    pub leader: String,
    /// 职务, e.g. 区委政法委副书记.
    pub post: String,
}

/// How the month went, as the evaluation grades it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Outlook {
    /// 化解有进展
    Progressing,
    /// 暂无进展
    Stalled,
    /// 有激化风险: the petitioner may escalate or a conflict may break out.
    AtRisk,
}

crate::coded!(Outlook {
    Progressing => "progressing",
    Stalled => "stalled",
    AtRisk => "at_risk",
});

/// 每月评估: one per listed case per month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evaluation {
    pub outlook: Outlook,
    /// What was done this month and what comes next.
    pub notes: String,
}

/// Why a case leaves the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ClearingGround {
    /// 已化解
    Resolved,
    /// 信访人息诉罢访
    Desisted,
}

crate::coded!(ClearingGround {
    Resolved => "resolved",
    Desisted => "desisted",
});

/// 销号, with its ground and what shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Clearing {
    pub ground: ClearingGround,
    pub reason: String,
}

pub fn validate_leader(a: &LeaderAssignment) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "leader", &a.leader, MAX_SHORT_CHARS);
    check_text(&mut out, "post", &a.post, MAX_SHORT_CHARS);
    out
}

pub fn validate_evaluation(e: &Evaluation) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "notes", &e.notes, MAX_TEXT_CHARS);
    out
}

pub fn validate_clearing(c: &Clearing) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "reason", &c.reason, MAX_TEXT_CHARS);
    out
}

/// A backlog case as the register and the case page show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BacklogView {
    pub listed_at: i64,
    /// "王某（区委政法委副书记）"
    pub leader: Option<String>,
    pub last_evaluated: Option<Month>,
    pub evaluated_this_month: bool,
    pub cleared_at: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Day, DAY_MS};
    use crate::problem::Problem;

    #[test]
    fn months_read_and_write_as_the_register_does() {
        let m = Month::parse("2026-11").unwrap();
        assert_eq!(m.to_string(), "2026-11");
        assert!(Month::parse("2026-13").is_none());
        assert!(Month::parse("26-1").is_none());
        assert!(Month::parse("November").is_none());
        // Midnight in Beijing is 16:00 UTC the day before: the month follows Beijing.
        let dec_first_cst = Day::from_ymd(2026, 12, 1).unwrap().end_unix_ms() - DAY_MS + 1;
        assert_eq!(Month::of_unix_ms(dec_first_cst).to_string(), "2026-12");
        assert_eq!(Month::of_unix_ms(dec_first_cst - 2).to_string(), "2026-11");
    }

    #[test]
    fn a_case_is_listed_on_the_day_it_reaches_the_age() {
        let recorded = 1_000 * DAY_MS;
        assert!(!is_due_for_listing(recorded, recorded + 59 * DAY_MS, 60));
        assert!(is_due_for_listing(recorded, recorded + 60 * DAY_MS, 60));
    }

    #[test]
    fn the_listing_follows_the_month_of_the_last_evaluation() {
        let now = Day::from_ymd(2026, 11, 30).unwrap().end_unix_ms() - 1;
        let this = Some(Month::of_unix_ms(now));
        let last = Month::parse("2026-10");
        assert_eq!(
            Listing::from_columns(true, true, this, false, now),
            Listing::Listed {
                leader: true,
                evaluated_this_month: true
            }
        );
        assert_eq!(
            Listing::from_columns(true, false, last, false, now),
            Listing::Listed {
                leader: false,
                evaluated_this_month: false
            }
        );
        assert_eq!(
            Listing::from_columns(true, true, this, true, now),
            Listing::Cleared
        );
        assert_eq!(
            Listing::from_columns(false, false, None, false, now),
            Listing::NotListed
        );
    }

    #[test]
    fn every_form_names_what_is_missing() {
        let empty = LeaderAssignment {
            leader: " ".into(),
            post: String::new(),
        };
        let fields: Vec<_> = validate_leader(&empty)
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, ["leader", "post"]);
        let e = Evaluation {
            outlook: Outlook::Stalled,
            notes: String::new(),
        };
        assert_eq!(validate_evaluation(&e)[0].field, "notes");
        let c = Clearing {
            ground: ClearingGround::Desisted,
            reason: "x".repeat(MAX_TEXT_CHARS + 1),
        };
        assert_eq!(validate_clearing(&c)[0].problem, Problem::TooLong);
    }
}
