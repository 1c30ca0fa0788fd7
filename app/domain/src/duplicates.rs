//! 重复登记: one dispute reported by several grid workers or units becomes several cases. A
//! newly arrived case that shares a party (phone or ID number) and the category with another
//! case recorded within [`WINDOW_DAYS`] by someone else is a likely duplicate; the holder
//! compares the two side by side and either links them (并案: one case absorbs the other, which
//! ends as [`crate::procedure::CaseStatus::Merged`] and counts no more on its own) or marks them
//! distinct.

use crate::problem::{problem, FieldProblem, Problem};
use serde::{Deserialize, Serialize};

/// Two reports this many days apart or less can be the same dispute.
pub const WINDOW_DAYS: i64 = 30;

/// What the holder found when comparing two likely duplicates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Verdict {
    /// The same dispute: the other case is linked into the operation's case, which goes on.
    Absorb,
    /// Two different disputes: neither is offered as the other's duplicate again.
    Distinct,
}

crate::coded!(Verdict {
    Absorb => "absorb",
    Distinct => "distinct",
});

/// The holder's decision on a pair of likely duplicates; the operation's `case_id` is the case
/// that goes on (for [`Verdict::Absorb`]) or either of the two (for [`Verdict::Distinct`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DuplicateDecision {
    /// The other case of the pair.
    pub other_case_id: String,
    pub verdict: Verdict,
}

/// What is wrong with a decision's own fields (whether the two cases form a pair is the
/// server's to say).
pub fn validate_decision(case_id: &str, decision: &DuplicateDecision) -> Vec<FieldProblem> {
    let id = decision.other_case_id.trim();
    if id.is_empty() {
        vec![problem("other_case_id", Problem::Required)]
    } else if id.len() > 64 || id.chars().any(char::is_control) || id == case_id {
        vec![problem("other_case_id", Problem::BadFormat)]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(other: &str) -> DuplicateDecision {
        DuplicateDecision {
            other_case_id: other.into(),
            verdict: Verdict::Absorb,
        }
    }

    #[test]
    fn a_case_is_not_its_own_duplicate_and_the_other_id_must_be_readable() {
        assert!(validate_decision("a", &decision("b")).is_empty());
        assert_eq!(
            validate_decision("a", &decision("a"))[0].problem,
            Problem::BadFormat
        );
        assert_eq!(
            validate_decision("a", &decision(" "))[0].problem,
            Problem::Required
        );
        assert_eq!(
            validate_decision("a", &decision("b\0"))[0].problem,
            Problem::BadFormat
        );
    }

    #[test]
    fn verdicts_travel_as_their_codes() {
        let json = serde_json::to_string(&decision("b")).unwrap();
        assert_eq!(json, r#"{"other_case_id":"b","verdict":"absorb"}"#);
        let back: DuplicateDecision = serde_json::from_str(&json).unwrap();
        assert_eq!(back, decision("b"));
    }
}
