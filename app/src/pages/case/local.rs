//! The case as this device knows it: the view model the page re-reads once per change.

use domain::procedure::Action;

/// What this device knows of one case: the change sequence it last pulled, and its own steps
/// on the case — those still waiting for the server, and the first the server refused. A step
/// that applies shows up as a new change sequence once the same sync has pulled, so the page
/// re-reads once per change, not at every stage of the sync.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct LocalView {
    pub(super) seq: Option<i64>,
    /// The steps taken on this device that wait for the server, oldest first, with when.
    pub(super) waiting: Vec<(Action, i64)>,
    /// A step of this device the server refused, with the reason.
    pub(super) refused: Option<RefusedStep>,
    /// The other cases of likely-duplicate pairs this device decided on and the server has not
    /// answered yet.
    pub(super) settling: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct RefusedStep {
    pub(super) op_id: String,
    pub(super) action: Option<Action>,
    pub(super) reason: domain::sync::Rejection,
}

impl LocalView {
    /// One read of the device's storage per sync.
    pub(super) fn read(user_id: i64, case_id: &str) -> LocalView {
        let stored = crate::device::replica(user_id);
        let seq = stored
            .cases
            .iter()
            .find(|c| c.case_id == case_id)
            .map(|c| c.change_seq);
        let waiting = stored
            .waiting_steps(case_id)
            .into_iter()
            .filter_map(|e| e.op.body.action().map(|a| (a, e.op.client_time)))
            .collect();
        let refused = stored
            .entries
            .iter()
            .filter(|e| e.op.case_id == case_id)
            .find_map(|e| {
                e.set_aside.clone().map(|reason| RefusedStep {
                    op_id: e.op.id.clone(),
                    action: e.op.body.action(),
                    reason,
                })
            });
        let settling = stored
            .entries
            .iter()
            .filter(|e| e.set_aside.is_none())
            .filter_map(|e| match &e.op.body {
                domain::sync::OpBody::SettleDuplicate(d) if e.op.case_id == case_id => {
                    Some(d.other_case_id.clone())
                }
                domain::sync::OpBody::SettleDuplicate(d) if d.other_case_id == case_id => {
                    Some(e.op.case_id.clone())
                }
                _ => None,
            })
            .collect();
        LocalView {
            seq,
            waiting,
            refused,
            settling,
        }
    }

    pub(super) fn waiting_actions(&self) -> impl Iterator<Item = Action> + '_ {
        self.waiting.iter().map(|(a, _)| *a)
    }
}
