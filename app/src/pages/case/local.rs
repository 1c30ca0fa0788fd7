//! The case as this device knows it: the view model the page re-reads once per change.

/// What this device knows of one case: the change sequence it last pulled, and its own steps
/// on the case — how many still wait, and the first the server refused. A step that applies
/// shows up as a new change sequence once the same sync has pulled, so the page re-reads once
/// per change, not at every stage of the sync; a case the device does not keep (pulled long
/// ago and trimmed) falls back to its pending steps.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct LocalView {
    pub(super) seq: Option<i64>,
    pub(super) pending: usize,
    pub(super) refused: Option<domain::sync::Rejection>,
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
        let mine = || stored.entries.iter().filter(|e| e.op.case_id == case_id);
        LocalView {
            seq,
            pending: if seq.is_none() { mine().count() } else { 0 },
            refused: mine().find_map(|e| e.set_aside.clone()),
        }
    }
}
