//! The procedure's tests: the state machine's answers and the steps' checks.

use super::*;
use crate::backlog::Listing;
use crate::clock::Day;

const STRANGER: Standing = Standing {
    lead: false,
    co_holder: false,
    visitor: false,
    supervisor: false,
    above: false,
};
const LEAD: Standing = Standing {
    lead: true,
    ..STRANGER
};
const RECORDER: Standing = Standing {
    visitor: true,
    ..STRANGER
};
const SUPERVISOR: Standing = Standing {
    supervisor: true,
    ..STRANGER
};
const OFFICE_ABOVE: Standing = Standing {
    above: true,
    ..STRANGER
};

#[test]
fn an_office_above_hands_down_and_presses_an_open_case() {
    use Action::*;
    for status in [
        CaseStatus::Routed,
        CaseStatus::Escalated,
        CaseStatus::Accepted,
    ] {
        assert_eq!(
            allowed(status, Progress::default(), OFFICE_ABOVE),
            vec![HandDown, Supervise],
            "{status:?}"
        );
    }
    // An agreement awaiting its visit is neither.
    assert!(allowed(CaseStatus::Agreed, Progress::default(), OFFICE_ABOVE).is_empty());
    assert_eq!(
        check(
            Supervise,
            CaseStatus::Closed,
            Progress::default(),
            OFFICE_ABOVE
        ),
        Err(Refusal::Closed)
    );
    // The holder hands down but does not press itself; a stranger does neither.
    assert_eq!(
        check(Supervise, CaseStatus::Accepted, Progress::default(), LEAD),
        Err(Refusal::NotAllowed)
    );
    assert_eq!(
        check(
            HandDown,
            CaseStatus::Accepted,
            Progress::default(),
            STRANGER
        ),
        Err(Refusal::NotAllowed)
    );
}

#[test]
fn a_received_case_is_acknowledged_accepted_declined_escalated_or_transferred() {
    use Action::*;
    assert_eq!(
        allowed(CaseStatus::Routed, Progress::default(), LEAD),
        vec![Acknowledge, Accept, Decline, Escalate, Transfer, HandDown]
    );
}

#[test]
fn mediation_happens_only_after_acceptance() {
    let progress = Progress::default();
    assert_eq!(
        check(Action::RecordSession, CaseStatus::Routed, progress, LEAD),
        Err(Refusal::NotNow)
    );
    assert!(check(Action::RecordSession, CaseStatus::Accepted, progress, LEAD).is_ok());
    assert_eq!(
        check(Action::Accept, CaseStatus::Accepted, progress, LEAD),
        Err(Refusal::NotNow)
    );
}

/// The people on a case are settled by the time it is agreed: nobody is assigned, invited or
/// joined to an agreement (reopening it, 重新调解, is the way back to mediation).
#[test]
fn the_team_is_fixed_once_agreed() {
    use Action::*;
    for status in [CaseStatus::Agreed, CaseStatus::Closed] {
        for action in [
            AssignMediator,
            Invite,
            JoinUnits,
            RecordSession,
            RecordAgreement,
        ] {
            assert!(
                check(action, status, Progress::default(), LEAD).is_err(),
                "{action:?} on {status:?}"
            );
        }
    }
}

#[test]
fn after_an_agreement_the_confirmation_goes_applied_then_decided() {
    let mut progress = Progress::default();
    let agreed = CaseStatus::Agreed;
    assert!(check(Action::ApplyConfirmation, agreed, progress, LEAD).is_ok());
    assert!(check(Action::RecordConfirmation, agreed, progress, LEAD).is_err());
    progress.confirmation = Confirmation::Applied;
    assert!(check(Action::ApplyConfirmation, agreed, progress, LEAD).is_err());
    assert!(check(Action::RecordConfirmation, agreed, progress, LEAD).is_ok());
}

#[test]
fn only_the_recorder_visits_and_closing_waits_for_the_visit() {
    let progress = Progress::default();
    assert_eq!(
        check(Action::FollowUp, CaseStatus::Agreed, progress, LEAD),
        Err(Refusal::NotAllowed)
    );
    assert!(check(Action::FollowUp, CaseStatus::Agreed, progress, RECORDER).is_ok());
    assert_eq!(
        check(Action::Close, CaseStatus::Agreed, progress, LEAD),
        Err(Refusal::NotNow)
    );
    let visited = Progress {
        followed_up: Visited::Performed,
        ..progress
    };
    assert!(check(Action::Close, CaseStatus::Agreed, visited, LEAD).is_ok());
    assert_eq!(
        check(Action::FollowUp, CaseStatus::Agreed, visited, RECORDER),
        Err(Refusal::NotNow)
    );
}

#[test]
fn a_visit_that_found_the_agreement_unperformed_leads_back_to_mediation() {
    let unperformed = Progress {
        followed_up: Visited::NotPerformed,
        ..Progress::default()
    };
    // Reopening is what leads; closing stays possible (with a reason the server asks for).
    assert_eq!(leading(CaseStatus::Agreed, unperformed), &[Action::Reopen]);
    assert!(check(Action::Reopen, CaseStatus::Agreed, unperformed, LEAD).is_ok());
    assert!(check(Action::Close, CaseStatus::Agreed, unperformed, LEAD).is_ok());
    assert_eq!(
        check(Action::Reopen, CaseStatus::Agreed, unperformed, STRANGER),
        Err(Refusal::NotHolder)
    );
}

#[test]
fn a_closed_case_reopens_within_its_period_only() {
    let within = Progress {
        followed_up: Visited::Performed,
        reopenable: true,
        ..Progress::default()
    };
    assert_eq!(
        allowed(CaseStatus::Closed, within, LEAD),
        vec![Action::Reopen]
    );
    let after = Progress {
        reopenable: false,
        ..within
    };
    assert_eq!(
        check(Action::Reopen, CaseStatus::Closed, after, LEAD),
        Err(Refusal::Closed)
    );
    assert_eq!(
        check(Action::Reopen, CaseStatus::Closed, within, STRANGER),
        Err(Refusal::Closed)
    );
    assert_eq!(
        check(Action::Reopen, CaseStatus::Terminated, within, LEAD),
        Err(Refusal::Closed)
    );
}

#[test]
fn kept_copies_from_before_visits_had_results_still_read() {
    let old: Progress = serde_json::from_str(
        r#"{"acknowledged":true,"co_holder_acknowledged":false,"confirmation":"not_applied","followed_up":true,"backlog":{"state":"not_listed"}}"#,
    )
    .unwrap();
    assert_eq!(old.followed_up, Visited::Performed);
    assert!(!old.reopenable);
    let now: Progress = serde_json::from_str(
        &serde_json::to_string(&Progress {
            followed_up: Visited::NotPerformed,
            ..Progress::default()
        })
        .unwrap(),
    )
    .unwrap();
    assert_eq!(now.followed_up, Visited::NotPerformed);
}

#[test]
fn nobody_acts_on_a_final_case_and_others_are_not_holders() {
    for status in CaseStatus::ALL.into_iter().filter(|s| s.is_final()) {
        assert_eq!(allowed(status, Progress::default(), LEAD), vec![]);
    }
    let reopenable = Progress {
        reopenable: true,
        ..Progress::default()
    };
    for status in CaseStatus::ALL
        .into_iter()
        .filter(|s| s.is_final() && *s != CaseStatus::Closed)
    {
        assert_eq!(allowed(status, reopenable, LEAD), vec![], "{status:?}");
    }
    assert_eq!(
        check(
            Action::Accept,
            CaseStatus::Routed,
            Progress::default(),
            STRANGER
        ),
        Err(Refusal::NotHolder)
    );
}

#[test]
fn the_confirmation_window_ends_thirty_days_after_the_agreement() {
    let signed = Day::parse("2026-10-01").unwrap();
    assert_eq!(confirmation_last_day(signed).to_string(), "2026-10-31");
}

#[test]
fn a_transfer_needs_every_party_to_consent() {
    let mut facts = crate::dispute::tests::sample();
    facts.parties.truncate(2);
    let names: Vec<String> = facts.parties.iter().map(|p| p.name.clone()).collect();
    let yes = |n: &String| Consent {
        party: n.clone(),
        consented: true,
    };
    assert!(
        missing_consents(&facts.parties, &names.iter().map(yes).collect::<Vec<_>>()).is_empty()
    );
    let mut one_refuses: Vec<Consent> = names.iter().map(yes).collect();
    one_refuses[1].consented = false;
    assert_eq!(
        missing_consents(&facts.parties, &one_refuses),
        vec![names[1].clone()]
    );
    assert_eq!(missing_consents(&facts.parties, &[]), names);
}

#[test]
fn only_a_supervisor_works_the_backlog_register_and_evaluates_once_a_month() {
    use Action::*;
    let listed = |evaluated_this_month| Progress {
        backlog: Listing::Listed {
            leader: false,
            evaluated_this_month,
        },
        ..Progress::default()
    };
    let open = CaseStatus::Accepted;
    assert_eq!(
        check(AssignLeader, open, listed(false), LEAD),
        Err(Refusal::NotAllowed)
    );
    assert_eq!(
        allowed(open, listed(false), SUPERVISOR),
        vec![AssignLeader, EvaluateBacklog, ClearBacklog]
    );
    assert_eq!(
        allowed(open, listed(true), SUPERVISOR),
        vec![AssignLeader, ClearBacklog]
    );
    // An ended case stays on the register until it is cleared.
    assert_eq!(
        allowed(CaseStatus::Resolved, listed(true), SUPERVISOR),
        vec![AssignLeader, ClearBacklog]
    );
    for listing in [Listing::NotListed, Listing::Cleared] {
        let progress = Progress {
            backlog: listing,
            ..Progress::default()
        };
        assert_eq!(allowed(open, progress, SUPERVISOR), vec![]);
    }
}
