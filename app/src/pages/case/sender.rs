//! Sending a step: its fields checked as the server will check them, then the step kept in the
//! device's outbox through `device::queue` — the one door — and what came of it shown.

use domain::sync::OpBody;
use leptos::prelude::*;

/// What the last action on this page came to.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(super) enum Acted {
    Stored,
    /// The form is not complete: what is wrong, worded for the person.
    Problem(String),
    StorageFull,
}

/// Sends one step of the procedure: checks its fields as the server will, then puts it in the
/// outbox. Copy, so every form below can hold one.
#[derive(Clone, Copy)]
pub(super) struct Sender {
    pub(super) user_id: i64,
    pub(super) case_id: StoredValue<String>,
    pub(super) state: crate::device::state::SyncState,
    pub(super) acted: RwSignal<Option<Acted>>,
    pub(super) locale: crate::i18n::Locale,
}

impl Sender {
    /// Names the required field the person left empty.
    pub(super) fn lacks(self, label: &str) {
        let t = self.locale.texts();
        self.acted
            .set(Some(Acted::Problem(format!("{label}：{}", t.err_required))));
    }

    /// Names the field and what is wrong with it, as the server would.
    pub(super) fn refuse(self, label: &str, problem: domain::problem::Problem) {
        self.acted.set(Some(Acted::Problem(format!(
            "{label}：{}",
            self.locale.problem(problem)
        ))));
    }

    /// A problem shown is the last try's: once the person changes a field it no longer holds.
    pub(super) fn forget_problem(self) {
        if matches!(self.acted.get_untracked(), Some(Acted::Problem(_))) {
            self.acted.set(None);
        }
    }

    /// Whether a required text is empty; if so the person is told which, by the label they
    /// see (the shared checks know only the field's name, the same for every step's reason).
    pub(super) fn missing(self, label: &str, value: &str) -> bool {
        let empty = value.trim().is_empty();
        if empty {
            self.lacks(label);
        }
        empty
    }

    /// Returns whether the step was stored (so the form may clear itself).
    pub(super) fn send(self, body: OpBody) -> bool {
        if let Some(problem) = body.action_problems().first() {
            self.acted.set(Some(Acted::Problem(format!(
                "{}：{}",
                self.locale.field_label(&problem.field),
                self.locale.field_problem(&problem.field, problem.problem)
            ))));
            return false;
        }
        self.send_on(&self.case_id.read_value(), body)
    }

    /// Puts a step on `case_id` in the outbox as it is: a decision on a likely duplicate may be
    /// taken on the other case of the pair (the one that goes on).
    pub(super) fn send_on(self, case_id: &str, body: OpBody) -> bool {
        let acted = submit(self.user_id, case_id, body, self.state);
        let stored = acted == Acted::Stored;
        self.acted.set(Some(acted));
        stored
    }
}

/// Puts the action into the outbox and syncs at once.
fn submit(
    user_id: i64,
    case_id: &str,
    body: OpBody,
    state: crate::device::state::SyncState,
) -> Acted {
    let step = crate::device::Queued::Step {
        case_id: case_id.to_owned(),
        body,
    };
    match crate::device::queue(user_id, step, state) {
        Ok(_) => Acted::Stored,
        Err(_) => Acted::StorageFull,
    }
}
