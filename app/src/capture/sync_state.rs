//! What the header shows about sync, as signals every page can read. The server renders the
//! neutral start state; the browser fills in the truth after hydration, so both agree.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct SyncState {
    pub online: RwSignal<bool>,
    pub pending: RwSignal<usize>,
    pub set_aside: RwSignal<usize>,
    pub syncing: RwSignal<bool>,
    /// Unix ms of the last sync that finished without error.
    pub last_sync: RwSignal<Option<i64>>,
    /// The last error, in words for the person.
    pub last_error: RwSignal<Option<String>>,
    /// Bumped whenever the stored outbox changed, so lists re-read it.
    pub revision: RwSignal<u64>,
    /// Becomes true once the browser has read the outbox.
    pub loaded: RwSignal<bool>,
}

impl SyncState {
    pub fn new() -> SyncState {
        SyncState {
            online: RwSignal::new(true),
            pending: RwSignal::new(0),
            set_aside: RwSignal::new(0),
            syncing: RwSignal::new(false),
            last_sync: RwSignal::new(None),
            last_error: RwSignal::new(None),
            revision: RwSignal::new(0),
            loaded: RwSignal::new(false),
        }
    }
}

impl Default for SyncState {
    fn default() -> Self {
        SyncState::new()
    }
}

pub fn use_sync_state() -> SyncState {
    use_context::<SyncState>().unwrap_or_default()
}
