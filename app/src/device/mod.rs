//! The device: what a signed-in person's phone or tablet holds and does, offline first.
//!
//! - [`kept`]: the answers kept so pages open offline — every held or recorded case's details,
//!   fetched again when a pull says the case changed;
//! - [`replica`]: the data — the outbox of operations waiting for the server, the cases the
//!   person may see as last pulled, the pull cursor, the categories, the routing context and
//!   the newest notices (pure; tested natively);
//! - [`state`]: the reactive view of it that pages and the header watch (`SyncState`);
//! - `storage` (browser): where the replica is kept, one key per user;
//! - `engine` (browser): pushing the outbox and pulling changes, with backoff.
//!
//! Pages reach the device only through the functions below: [`queue`] is the one door for
//! every operation a page sends (a recorded dispute or its correction, a court's entrustment,
//! a step on a case, a follow-up visit), [`replica`] reads what the device holds, [`discard`]
//! drops a refused record the person gave up, [`start`] and [`sync_now`] run the engine. On the
//! server, which never stores for a device, they do nothing.

#[cfg(feature = "hydrate")]
mod engine;
pub mod kept;
pub mod replica;
pub mod state;
#[cfg(feature = "hydrate")]
mod storage;

use crate::error::AppError;
use domain::dispute::DisputeFacts;
use domain::sync::OpBody;
use kept::Shown;
use replica::Replica;
use state::SyncState;

/// What a page asks the device to send.
#[derive(Clone, Debug, PartialEq)]
pub enum Queued {
    /// A grid worker's new dispute; `replacing` names the refused record it corrects.
    Record {
        facts: DisputeFacts,
        replacing: Option<String>,
    },
    /// An operation that creates a case of its own (a court's entrustment, 委托调解).
    NewCase(OpBody),
    /// A step on an existing case, the follow-up visit included.
    Step { case_id: String, body: OpBody },
    /// A grid worker's weekly sweep report (每周排查), about no one case.
    Sweep(domain::weekly_sweep::SweepReport),
}

/// The device's storage is full (or disabled): nothing was kept, and the person is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StorageFull;

/// Keeps the operation in the person's outbox — where it waits through a reload, a closed tab
/// or days without signal until the server has answered — and starts a sync at once. Returns
/// the id of the case it concerns (a new one for a new case).
pub fn queue(user_id: i64, item: Queued, state: SyncState) -> Result<String, StorageFull> {
    #[cfg(feature = "hydrate")]
    {
        use domain::sync::Operation;
        let new_id = || uuid::Uuid::now_v7().to_string();
        let (case_id, body, replacing) = match item {
            Queued::Record { facts, replacing } => {
                (new_id(), OpBody::RecordDispute(facts), replacing)
            }
            Queued::NewCase(body) => (new_id(), body, None),
            Queued::Step { case_id, body } => (case_id, body, None),
            Queued::Sweep(report) => (new_id(), OpBody::WeeklySweep(report), None),
        };
        let op = Operation {
            id: new_id(),
            case_id: case_id.clone(),
            client_time: crate::clock::now_ms(),
            body,
        };
        let mut replica = storage::load(user_id);
        match replacing {
            Some(old) if replica.resend_corrected(&old, op.clone()) => {}
            _ => replica.record(op),
        }
        storage::save(user_id, &replica).map_err(|_| StorageFull)?;
        // A User Timing mark the tap-to-persisted benchmark reads (end2end/bench).
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark("fq-outbox-saved");
        }
        engine::refresh(user_id, state);
        engine::sync_now(user_id, state);
        Ok(case_id)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (user_id, item, state);
        Err(StorageFull)
    }
}

/// Whether the browser says it has a network (always, on the server).
pub fn navigator_online() -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        true
    }
}

/// The record form's draft as the person left it (the form's own JSON), kept while they type
/// so a reload or a crash loses nothing; `None` once saved or cleared.
pub fn kept_draft(user_id: i64) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        storage::draft(user_id)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = user_id;
        None
    }
}

/// Keeps the draft, or forgets it (`None`).
pub fn keep_draft(user_id: i64, json: Option<&str>) {
    #[cfg(feature = "hydrate")]
    storage::keep_draft(user_id, json);
    #[cfg(not(feature = "hydrate"))]
    let _ = (user_id, json);
}

/// What the device holds for `user_id`, as stored now (empty on the server).
pub fn replica(user_id: i64) -> Replica {
    #[cfg(feature = "hydrate")]
    {
        storage::load(user_id)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = user_id;
        Replica::default()
    }
}

/// Drops a refused record the person chose to discard.
pub fn discard(user_id: i64, op_id: &str, state: SyncState) {
    #[cfg(feature = "hydrate")]
    {
        let mut replica = storage::load(user_id);
        replica.discard(op_id);
        let _ = storage::save(user_id, &replica);
        engine::refresh(user_id, state);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (user_id, op_id, state);
}

/// Starts the sync engine for the signed-in person; once per page, after hydration.
pub fn start(user: &domain::session::SessionUser, state: SyncState) {
    #[cfg(feature = "hydrate")]
    engine::start(engine::Person::of(user), state);
    #[cfg(not(feature = "hydrate"))]
    let _ = (user, state);
}

/// A page's data from the server, kept on the device under `name` as it arrives; when the
/// server cannot be reached, the copy kept last time, with when it was received. On the
/// server (rendering the page) it is simply the answer.
pub async fn fetched_or_kept<T>(
    user_id: i64,
    name: String,
    seq: Option<i64>,
    fetch: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<Shown<T>, AppError>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let answer = fetch.await;
    #[cfg(feature = "hydrate")]
    {
        match answer {
            Ok(value) => {
                if let Ok(json) = serde_json::to_string(&value) {
                    let mark = kept::Mark {
                        at: crate::clock::now_ms(),
                        seq,
                    };
                    storage::keep_raw(user_id, &name, mark, &json);
                }
                Ok(Shown::fresh(value))
            }
            Err(error) if unreachable(&error) => match storage::kept::<T>(user_id, &name) {
                Some(kept) => Ok(Shown {
                    value: kept.value,
                    kept_at: Some(kept.mark.at),
                }),
                None => Err(error),
            },
            Err(error) => Err(error),
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (user_id, name, seq);
        answer.map(Shown::fresh)
    }
}

/// The server was not reached, or could not answer now: the kept copy stands in.
pub fn unreachable(error: &AppError) -> bool {
    matches!(error, AppError::Transport(_) | AppError::Internal)
}

/// Every case's details the device keeps, with when each was received (empty on the server).
pub fn kept_cases<T: serde::de::DeserializeOwned>(user_id: i64) -> Vec<kept::Kept<T>> {
    #[cfg(feature = "hydrate")]
    {
        storage::kept_index(user_id)
            .marks
            .keys()
            .filter(|name| name.starts_with("case/"))
            .filter_map(|name| storage::kept(user_id, name))
            .collect()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = user_id;
        Vec::new()
    }
}

/// When the device last finished a sync, if ever.
pub fn last_sync(user_id: i64) -> Option<i64> {
    replica(user_id).last_sync
}

/// Forgets what the device keeps for reading offline (at sign-out). The outbox stays: records
/// not yet synced go when the person signs in again.
pub fn forget_kept(user_id: i64) {
    #[cfg(feature = "hydrate")]
    storage::forget_kept(user_id);
    #[cfg(not(feature = "hydrate"))]
    let _ = user_id;
}

/// Syncs now, unless a sync is already running.
pub fn sync_now(user_id: i64, state: SyncState) {
    #[cfg(feature = "hydrate")]
    engine::sync_now(user_id, state);
    #[cfg(not(feature = "hydrate"))]
    let _ = (user_id, state);
}
