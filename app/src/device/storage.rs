//! The replica in the browser's local storage (gloo-storage), one key per user (the key keeps
//! its first name, `outbox`, so a phone updated while offline still finds its records), so a second
//! person signing in on a shared phone never sees or sends the first one's records.

use super::kept::{Kept, KeptIndex, Mark};
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

/// Writes the replica. When storage is full, the copies kept for reading offline give way:
/// they are dropped and the write tried again, since what a person recorded comes first.
pub fn save(user_id: i64, outbox: &Replica) -> Result<(), SaveError> {
    if LocalStorage::set(outbox_key(user_id), outbox).is_ok() {
        return Ok(());
    }
    forget_kept(user_id);
    LocalStorage::set(outbox_key(user_id), outbox).map_err(|error| {
        leptos::logging::warn!("outbox not saved: {error}");
        SaveError::Full
    })
}

fn kept_index_key(user_id: i64) -> String {
    format!("fq.v1.kept.{user_id}")
}

fn kept_key(user_id: i64, name: &str) -> String {
    format!("fq.v1.kept.{user_id}/{name}")
}

/// What the device keeps for `user_id` to read offline.
pub fn kept_index(user_id: i64) -> KeptIndex {
    LocalStorage::get(kept_index_key(user_id)).unwrap_or_default()
}

/// Keeps an answer as raw JSON (the device need not know its type to keep it). Best effort:
/// a full storage keeps nothing, and the page then says it is not on the device.
pub fn keep_raw(user_id: i64, name: &str, mark: Mark, json: &str) {
    let mut index = kept_index(user_id);
    let stored = format!(
        "{{\"mark\":{},\"value\":{json}}}",
        serde_json::to_string(&mark).unwrap_or_default()
    );
    if LocalStorage::raw()
        .set_item(&kept_key(user_id, name), &stored)
        .is_err()
    {
        return;
    }
    index.marks.insert(name.to_owned(), mark);
    let _ = LocalStorage::set(kept_index_key(user_id), &index);
}

/// A kept answer, if the device has it and can still read it.
pub fn kept<T: serde::de::DeserializeOwned>(user_id: i64, name: &str) -> Option<Kept<T>> {
    LocalStorage::get(kept_key(user_id, name)).ok()
}

/// Removes some kept answers.
pub fn forget(user_id: i64, names: &[String]) {
    if names.is_empty() {
        return;
    }
    let mut index = kept_index(user_id);
    for name in names {
        LocalStorage::delete(kept_key(user_id, name));
        index.marks.remove(name);
    }
    let _ = LocalStorage::set(kept_index_key(user_id), &index);
}

/// Removes every answer kept for `user_id` (at sign-out, or to make room for the outbox).
pub fn forget_kept(user_id: i64) {
    let names: Vec<String> = kept_index(user_id).marks.into_keys().collect();
    forget(user_id, &names);
    LocalStorage::delete(kept_index_key(user_id));
}

fn draft_key(user_id: i64) -> String {
    format!("fq.v1.draft.{user_id}")
}

pub fn draft(user_id: i64) -> Option<String> {
    LocalStorage::raw()
        .get_item(&draft_key(user_id))
        .ok()
        .flatten()
}

/// Best effort: a draft that cannot be kept is still on the screen.
pub fn keep_draft(user_id: i64, json: Option<&str>) {
    match json {
        Some(json) => {
            let _ = LocalStorage::raw().set_item(&draft_key(user_id), json);
        }
        None => LocalStorage::delete(draft_key(user_id)),
    }
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
