//! What can be wrong with a submitted field, as a code: the form, the server and the sync
//! protocol all speak it, and the wording (`app/src/i18n/`) gives each code its words.

use serde::{Deserialize, Serialize};

/// The longest free text of an action.
pub const MAX_TEXT_CHARS: usize = 2000;
/// The longest short text (a place, a court, a ruling number, a name).
pub const MAX_SHORT_CHARS: usize = 100;

/// What is wrong with one field of a submitted form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Problem {
    Required,
    TooLong,
    TooShort,
    Taken,
    WrongParent,
    RoleDoesNotFitUnit,
    UnknownValue,
    BadFormat,
    /// Not what the server has (the current password).
    Incorrect,
    /// The two entries differ (a new password typed twice).
    Mismatch,
    /// A password that is the username.
    SameAsUsername,
    /// A new password equal to the one it replaces.
    SameAsBefore,
    /// An administrator acting on their own account in a way that would lock them out.
    OwnAccount,
    /// A control character (a NUL, a bell…) no one types: `domain::text`.
    ControlCharacter,
    /// A day a superior sets ahead (a hand-down's deadline, a 督办's answer-by day) that is past
    /// or more than a year ahead: `procedure::steps::day_ahead_fits`.
    NotWithinAYear,
}

crate::coded!(Problem {
    Required => "required",
    TooLong => "too_long",
    TooShort => "too_short",
    Taken => "taken",
    WrongParent => "wrong_parent",
    RoleDoesNotFitUnit => "role_does_not_fit_unit",
    UnknownValue => "unknown_value",
    BadFormat => "bad_format",
    Incorrect => "incorrect",
    Mismatch => "mismatch",
    SameAsUsername => "same_as_username",
    SameAsBefore => "same_as_before",
    OwnAccount => "own_account",
    ControlCharacter => "control_character",
    NotWithinAYear => "not_within_a_year",
});

/// One thing wrong with one field; `field` is a path such as `parties[1].phone`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

pub fn problem(field: impl Into<String>, problem: Problem) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        problem,
    }
}

pub fn check_text(out: &mut Vec<FieldProblem>, field: &str, value: &str, max: usize) {
    if value.trim().is_empty() {
        out.push(problem(field, Problem::Required));
    } else if value.chars().count() > max {
        out.push(problem(field, Problem::TooLong));
    }
}
