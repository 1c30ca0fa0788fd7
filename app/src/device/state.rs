//! What the header shows about sync, as signals every page can read. The server renders the
//! neutral start state; the browser fills in the truth after hydration, so both agree.

use crate::i18n::categories::default_categories;
use domain::dispute::Category;
use leptos::prelude::*;

/// Why the last sync did not finish. Each is worded for the person in the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncProblem {
    /// No network: the outbox waits and syncs when the phone is back online.
    Offline,
    /// The server did not answer or answered "try again".
    ServerUnavailable,
    /// The session ended; records stay on the phone until the person signs in again.
    SessionExpired,
    /// The phone's storage is full: the record could not be kept.
    StorageFull,
    /// An administrator reset the password: nothing syncs until the person chooses a new one
    /// (the outbox waits on the device).
    PasswordChangeRequired,
    /// The server refused the whole request, with its own message.
    Refused(String),
}

#[derive(Clone, Copy)]
pub struct SyncState {
    pub online: RwSignal<bool>,
    pub pending: RwSignal<usize>,
    pub set_aside: RwSignal<usize>,
    pub syncing: RwSignal<bool>,
    /// Unix ms of the last sync that finished without error.
    pub last_sync: RwSignal<Option<i64>>,
    /// What went wrong last time, if anything.
    pub last_error: RwSignal<Option<SyncProblem>>,
    /// Bumped whenever the stored outbox changed, so lists re-read it.
    pub revision: RwSignal<u64>,
    /// Becomes true once the browser has read the outbox.
    pub loaded: RwSignal<bool>,
    /// The deployment's dispute categories as last synced (the built-in list until then).
    pub categories: RwSignal<Vec<Category>>,
    /// The rules and this grid's tree as last synced, for the offline routing preview.
    pub routing: RwSignal<Option<domain::rules::RoutingContext>>,
    /// The newest notifications as last pulled, readable offline.
    pub notices: RwSignal<Vec<domain::notices::Notification>>,
    /// The first operation the server refused, for the sync line to name.
    pub first_refused: RwSignal<Option<Refused>>,
}

/// An operation the server refused: on which case, which step (none for a recorded dispute)
/// and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub case_id: String,
    pub action: Option<domain::procedure::Action>,
    pub reason: domain::sync::Rejection,
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
            categories: RwSignal::new(default_categories()),
            routing: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            first_refused: RwSignal::new(None),
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
