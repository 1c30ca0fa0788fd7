//! Looking ahead on the device: what a step taken offline is expected to do to the case, and
//! which steps lead from where a case stands.
//!
//! A tablet that took 签收 offline shows the case as acknowledged (marked as waiting for the
//! server) and offers 受理 next, instead of offering 签收 again; the server decides when the
//! step arrives, and a refusal is shown on the case.

use super::machine::{Action, CaseStatus, Confirmation, Progress, Visited};

/// Where a case is expected to stand after the device's own waiting steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// Still with the reader's unit, in this state.
    Here(CaseStatus, Progress),
    /// Handed to another holder (上报, 移送): nothing more is offered here until the server
    /// has answered.
    HandedOn,
}

/// The state `action` is expected to leave a case in.
pub fn expected(action: Action, status: CaseStatus, progress: Progress) -> Expected {
    use Action::*;
    use CaseStatus as S;
    let mut progress = progress;
    let status = match action {
        Escalate | Transfer | HandDown => return Expected::HandedOn,
        Acknowledge => {
            progress.acknowledged = true;
            progress.co_holder_acknowledged = true;
            status
        }
        Accept | Reopen => {
            progress.followed_up = super::machine::Visited::NotYet;
            progress.reopenable = false;
            S::Accepted
        }
        Decline => S::Declined,
        Resolve => S::Resolved,
        Terminate => S::Terminated,
        RecordAgreement => S::Agreed,
        Close => S::Closed,
        ApplyConfirmation => {
            progress.confirmation = Confirmation::Applied;
            status
        }
        RecordConfirmation => {
            progress.confirmation = Confirmation::Decided;
            status
        }
        // What the visit found decides what comes next; until the server has it, the
        // device offers what a visit of either result allows.
        FollowUp => {
            progress.followed_up = super::machine::Visited::NotPerformed;
            status
        }
        NoticeOfRights | AssignMediator | Invite | RecordSession | JoinUnits | AssignLeader
        | EvaluateBacklog | ClearBacklog | Supervise => status,
    };
    Expected::Here(status, progress)
}

/// Folds the device's waiting steps, oldest first, over the state the server last gave.
pub fn expected_after(
    steps: impl IntoIterator<Item = Action>,
    status: CaseStatus,
    progress: Progress,
) -> Expected {
    steps
        .into_iter()
        .fold(Expected::Here(status, progress), |now, action| match now {
            Expected::Here(status, progress) => expected(action, status, progress),
            Expected::HandedOn => Expected::HandedOn,
        })
}

/// The steps that move the case forward from where it stands — the page's primary buttons;
/// every other allowed step is grouped below them. Only those the reader may take are shown,
/// so this names the procedure's next steps, not who takes them.
pub fn leading(status: CaseStatus, progress: Progress) -> &'static [Action] {
    use Action::*;
    use CaseStatus as S;
    match status {
        S::Routed | S::Escalated if !progress.acknowledged => &[Acknowledge],
        S::Routed | S::Escalated => &[Accept],
        S::Accepted => &[RecordSession, RecordAgreement, Resolve],
        S::Agreed => match progress.followed_up {
            Visited::NotYet => &[FollowUp],
            Visited::Performed => &[Close],
            // Not performed: mediation again comes first (or confirmation and enforcement,
            // which the page explains); closing anyway needs a reason.
            Visited::NotPerformed => &[Reopen],
        },
        S::ResolvedOnSpot | S::Resolved | S::Closed | S::Declined | S::Terminated | S::Merged => {
            &[]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::machine::{allowed, Standing};

    const LEAD: Standing = Standing {
        lead: true,
        co_holder: false,
        visitor: false,
        supervisor: false,
        above: false,
    };

    fn offered_after(steps: &[Action]) -> Vec<Action> {
        match expected_after(
            steps.iter().copied(),
            CaseStatus::Routed,
            Progress::default(),
        ) {
            Expected::Here(status, progress) => allowed(status, progress, LEAD),
            Expected::HandedOn => Vec::new(),
        }
    }

    #[test]
    fn a_step_taken_offline_is_not_offered_again_and_the_next_one_is() {
        let before = offered_after(&[]);
        assert!(before.contains(&Action::Acknowledge));
        let after = offered_after(&[Action::Acknowledge]);
        assert!(!after.contains(&Action::Acknowledge));
        assert!(after.contains(&Action::Accept));
        let accepted = offered_after(&[Action::Acknowledge, Action::Accept]);
        assert!(accepted.contains(&Action::RecordSession));
        assert!(!accepted.contains(&Action::Accept));
    }

    #[test]
    fn handing_a_case_on_offers_nothing_more_until_the_server_answers() {
        assert!(offered_after(&[Action::Escalate]).is_empty());
        assert!(offered_after(&[Action::Escalate, Action::Accept]).is_empty());
    }

    #[test]
    fn every_leading_step_is_one_the_holder_may_take_there() {
        for status in CaseStatus::ALL {
            for acknowledged in [false, true] {
                for followed_up in [Visited::NotYet, Visited::Performed, Visited::NotPerformed] {
                    let progress = Progress {
                        acknowledged,
                        followed_up,
                        ..Progress::default()
                    };
                    let holder = Standing {
                        visitor: true,
                        ..LEAD
                    };
                    let may = allowed(status, progress, holder);
                    for step in leading(status, progress) {
                        assert!(may.contains(step), "{status:?} leads to {step:?}");
                    }
                }
            }
        }
    }
}
