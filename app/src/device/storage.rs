//! The replica in the browser's local storage (gloo-storage), one key per user (the key keeps
//! its first name, `outbox`, so a phone updated while offline still finds its records), so a second
//! person signing in on a shared phone never sees or sends the first one's records.

use super::replica::Replica;
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};

fn outbox_key(user_id: i64) -> String {
    format!("fq.v1.outbox.{user_id}")
}

const DEVICE_KEY: &str = "fq.v1.device";

/// Reads the user's outbox. An outbox this version cannot read is kept aside under another key
/// rather than overwritten: nothing a person recorded is ever dropped.
pub fn load(user_id: i64) -> Replica {
    let key = outbox_key(user_id);
    match LocalStorage::get::<Replica>(&key) {
        Ok(outbox) => outbox,
        Err(StorageError::KeyNotFound(_)) => Replica::default(),
        Err(error) => {
            leptos::logging::warn!("outbox unreadable, kept aside: {error}");
            if let Ok(Some(raw)) = LocalStorage::raw().get_item(&key) {
                let aside = format!("{key}.unreadable.{}", js_sys::Date::now() as i64);
                let _ = LocalStorage::raw().set_item(&aside, &raw);
            }
            Replica::default()
        }
    }
}

/// Why the outbox could not be written.
#[derive(Debug)]
pub enum SaveError {
    /// Storage is full (or disabled, as in some private modes).
    Full,
}

pub fn save(user_id: i64, outbox: &Replica) -> Result<(), SaveError> {
    LocalStorage::set(outbox_key(user_id), outbox).map_err(|error| {
        leptos::logging::warn!("outbox not saved: {error}");
        SaveError::Full
    })
}

/// A random id for this browser installation, kept across sessions.
pub fn device_id() -> String {
    if let Ok(id) = LocalStorage::get::<String>(DEVICE_KEY) {
        return id;
    }
    let id = uuid::Uuid::now_v7().to_string();
    let _ = LocalStorage::set(DEVICE_KEY, &id);
    id
}

/// Whether a `storage` event from another tab concerns this user's outbox.
pub fn is_outbox_key(key: Option<String>, user_id: i64) -> bool {
    key.is_none_or(|k| k == outbox_key(user_id))
}
