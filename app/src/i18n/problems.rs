//! What went wrong, in words: a field's problem, a refused sign-in, an error a server function
//! returned, a sync operation the server refused — each naming the field at fault by its label.

use super::Locale;
use crate::error::AppError;
use domain::problem::Problem;
use domain::session::LoginError;
use domain::sync::Rejection;

impl Locale {
    /// The label of a dispute field, from its path (`parties[1].phone` → 当事人 2 · 联系电话).
    pub fn field_label(self, path: &str) -> String {
        let t = self.texts();
        let p = self.procedure();
        let leaf = |name: &str| -> &'static str {
            match name {
                "category" => t.category,
                "summary" => t.summary,
                "parties" => t.parties,
                "name" => t.party_name,
                "role" => t.party_role,
                "phone" => t.party_phone,
                "id_number" => t.party_id,
                "amount_fen" => t.amount,
                "people_involved" => t.people,
                "location" => t.location,
                "gps" => t.gps_button,
                "resolved_on_spot" => t.on_spot_result,
                "reason" => t.escalate_reason,
                "result" => t.resolve_result,
                "notes" => t.session_notes,
                "place" => t.session_place,
                "terms" => p.terms,
                "signed_on" => p.signed_on,
                "perform_by" => p.perform_by,
                "applied_on" => p.applied_on,
                "court" => p.court,
                "ruling" => p.ruling,
                "participants" => p.participants,
                "unit_ids" => p.join_units,
                "leader" => self.backlog().leader_name,
                "court_case_number" => self.entrust().court_case_number,
                "post" => self.backlog().leader_post,
                "other_case_id" => self.duplicates().other_case,
                "instructions" => p.instructions,
                "deadline" => p.hand_down_deadline,
                "respond_by" => p.respond_by_day,
                _ => "",
            }
        };
        let path = path.strip_prefix("payload.").unwrap_or(path);
        // An entrustment's facts are read as a recorded dispute's.
        let path = path.strip_prefix("facts.").unwrap_or(path);
        if let Some(rest) = path.strip_prefix("parties[") {
            if let Some((index, field)) = rest.split_once("].") {
                let number = index.parse::<usize>().map(|i| i + 1).unwrap_or(0);
                return format!("{} {number} · {}", t.parties, leaf(field));
            }
        }
        match leaf(path) {
            "" => path.to_owned(),
            label => label.to_owned(),
        }
    }

    pub fn login_error(self, error: LoginError) -> &'static str {
        let t = self.texts();
        match error {
            LoginError::WrongCredentials => t.wrong_credentials,
            LoginError::MissingFields => t.missing_fields,
            LoginError::Disabled => t.account_disabled,
            LoginError::Unavailable => t.server_unavailable,
        }
    }

    /// What is wrong with `field`, in words that say how to put it right where "wrong format"
    /// alone would leave a person guessing (a phone number, an ID number).
    pub fn field_problem(self, field: &str, problem: Problem) -> &'static str {
        let t = self.texts();
        let leaf = field.rsplit('.').next().unwrap_or(field);
        match (leaf, problem) {
            ("phone", Problem::BadFormat) => t.err_phone_format,
            ("id_number", Problem::BadFormat) => t.err_id_format,
            _ => self.problem(problem),
        }
    }

    /// What is wrong with a field, in words.
    pub fn problem(self, problem: Problem) -> &'static str {
        let t = self.texts();
        match problem {
            Problem::Required => t.err_required,
            Problem::TooLong => t.err_too_long,
            Problem::TooShort => t.err_too_short,
            Problem::Taken => t.err_taken,
            Problem::WrongParent => t.err_wrong_parent,
            Problem::RoleDoesNotFitUnit => t.err_role_unit,
            Problem::UnknownValue => t.err_unknown_value,
            Problem::BadFormat => t.err_format,
            Problem::Incorrect => self.accounts().err_incorrect,
            Problem::Mismatch => self.accounts().err_mismatch,
            Problem::SameAsUsername => self.accounts().err_same_as_username,
            Problem::SameAsBefore => self.accounts().err_same_as_before,
            Problem::OwnAccount => self.accounts().err_own_account,
            Problem::ControlCharacter => t.err_control_character,
            Problem::NotWithinAYear => t.err_not_within_a_year,
        }
    }

    /// The message a person sees for an error a server function returned.
    pub fn error_message(self, error: &AppError) -> String {
        let t = self.texts();
        match error {
            AppError::NotSignedIn => t.err_not_signed_in.into(),
            AppError::Forbidden => t.err_forbidden.into(),
            AppError::NotFound => t.err_not_found.into(),
            AppError::Invalid { problem, .. } => self.problem(*problem).into(),
            AppError::Login(e) => self.login_error(*e).into(),
            AppError::Internal | AppError::Transport(_) => t.err_server.into(),
            AppError::TooManyAttempts { retry_after_secs } => t
                .too_many_attempts
                .replace("{secs}", &retry_after_secs.to_string()),
        }
    }

    /// Why the server refused a sync operation, in words, naming the field at fault by its label.
    pub fn rejection(self, reason: &Rejection) -> String {
        let locale = self;
        let t = locale.texts();
        let p = locale.procedure();
        match reason {
            Rejection::Invalid { problems } => problems
                .iter()
                .map(|p| {
                    format!(
                        "{}：{}",
                        locale.field_label(&p.field),
                        locale.problem(p.problem)
                    )
                })
                .collect::<Vec<_>>()
                .join("；"),
            Rejection::Malformed { field, .. } => {
                format!("{}{}", t.reject_malformed, locale.field_label(field))
            }
            Rejection::IdTaken => t.reject_id_taken.to_owned(),
            Rejection::NotAllowed => t.reject_not_allowed.to_owned(),
            Rejection::CaseExists => t.reject_case_exists.to_owned(),
            Rejection::UnknownCase => t.reject_unknown_case.to_owned(),
            Rejection::NotHolder { holder } => format!("{}{holder}", t.reject_not_holder),
            Rejection::CaseClosed { status } => {
                format!("{}{}", t.reject_case_closed, locale.case_status(status))
            }
            Rejection::NotNow { status } => {
                format!("{}{}", p.reject_not_now, locale.case_status(status))
            }
            Rejection::Recusal { mediator, party } => {
                format!("{}{mediator} — {party}", p.reject_recusal)
            }
            Rejection::AlreadyEvaluated { month } => {
                format!("{}{month}", p.reject_already_evaluated)
            }
            Rejection::UnknownMediator => p.reject_unknown_mediator.to_owned(),
            Rejection::UnknownUnit => p.reject_unknown_unit.to_owned(),
            Rejection::WindowClosed { last_day } => format!("{}{last_day}", p.reject_window_closed),
            Rejection::ConsentMissing { parties } => {
                format!("{}{}", p.reject_consent_missing, parties.join("、"))
            }
            Rejection::PartiesUntold { parties } => {
                format!("{}{}", p.reject_parties_untold, parties.join("、"))
            }
            Rejection::NotPerformed => p.reject_not_performed.to_owned(),
            Rejection::BadDate { field } => {
                format!("{}{}", p.reject_bad_date, locale.field_label(field))
            }
            Rejection::DuplicateSettled { verdict } => {
                let d = locale.duplicates();
                match domain::duplicates::Verdict::from_code(verdict) {
                    Some(domain::duplicates::Verdict::Distinct) => d.reject_settled_distinct,
                    _ => d.reject_settled_absorb,
                }
                .to_owned()
            }
        }
    }
}
