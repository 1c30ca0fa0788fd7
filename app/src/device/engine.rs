//! The browser's sync engine: pushes the outbox in bounded batches, pulls what changed, and
//! keeps the header's `SyncState` true. It runs when the page opens, when the phone comes back
//! online, after every recorded dispute, and on a timer that backs off while syncing fails.
//!
//! Two tabs of one user may push the same operation at the same time; the server's ledger makes
//! the second a `duplicate`, so nothing is applied twice (tested in `server/tests/sync.rs`).

use super::kept;
use super::replica::Replica;
use super::state::{SyncProblem, SyncState};
use super::storage;
use domain::sync::{ApiErrorBody, PullResponse, PushResponse, PROTOCOL_VERSION};
use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Seconds between syncs while all is well, and the ceiling of the backoff while it is not.
const HEALTHY_INTERVAL_S: u32 = 60;
const MAX_BACKOFF_S: u32 = 300;

/// The error code of a request refused because an administrator reset the password.
const PASSWORD_CHANGE_REQUIRED: &str = "password_change_required";

/// Whose device this is: the replica is theirs, and their unit's cases are kept first.
#[derive(Clone, Copy, Debug)]
pub struct Person {
    pub user_id: i64,
    pub unit_id: i64,
    pub must_change_password: bool,
}

impl Person {
    pub fn of(user: &domain::session::SessionUser) -> Person {
        Person {
            user_id: user.id,
            unit_id: user.unit_id,
            must_change_password: user.must_change_password,
        }
    }
}

thread_local! {
    /// The signed-in person, once the engine started: every sync also refreshes their kept
    /// case details.
    static PERSON: std::cell::Cell<Option<Person>> = const { std::cell::Cell::new(None) };
}

/// Starts the engine for the person; call once per page, after hydration.
pub fn start(person: Person, state: SyncState) {
    PERSON.with(|p| p.set(Some(person)));
    let user_id = person.user_id;
    refresh(user_id, state);
    state.online.set(super::navigator_online());
    state.loaded.set(true);
    if person.must_change_password {
        // Every request but the password change is refused until then; the account page
        // reloads once the new password is set, and the engine starts for real.
        state
            .last_error
            .set(Some(SyncProblem::PasswordChangeRequired));
        return;
    }
    let _ = window_event_listener(leptos::ev::online, move |_| {
        state.online.set(true);
        sync_now(user_id, state);
    });
    let _ = window_event_listener(leptos::ev::offline, move |_| {
        state.online.set(false);
        state.last_error.set(Some(SyncProblem::Offline));
    });
    // Another tab of this user changed the outbox: show its counts here too.
    let _ = window_event_listener(leptos::ev::storage, move |event| {
        if storage::is_outbox_key(event.key(), user_id) {
            refresh(user_id, state);
        }
    });
    spawn_local(async move {
        let mut failures = 0u32;
        loop {
            sync_once(user_id, state).await;
            failures = if state.last_error.get_untracked().is_some() {
                failures + 1
            } else {
                0
            };
            let wait = if failures == 0 {
                HEALTHY_INTERVAL_S
            } else {
                (5 << failures.min(6)).min(MAX_BACKOFF_S)
            };
            gloo_timers::future::TimeoutFuture::new(wait * 1000).await;
        }
    });
}

/// Syncs now, unless a sync is already running.
pub fn sync_now(user_id: i64, state: SyncState) {
    spawn_local(sync_once(user_id, state));
}

/// Re-reads the stored replica into the signals.
pub(super) fn refresh(user_id: i64, state: SyncState) {
    let outbox = storage::load(user_id);
    publish(&outbox, state);
}

fn publish(outbox: &Replica, state: SyncState) {
    let counts = outbox.counts();
    state.pending.set(counts.pending);
    state.set_aside.set(counts.set_aside);
    state.last_sync.set(outbox.last_sync);
    if !outbox.categories.is_empty() && state.categories.with_untracked(|c| *c != outbox.categories)
    {
        state.categories.set(outbox.categories.clone());
    }
    if state.routing.with_untracked(|r| *r != outbox.routing) {
        state.routing.set(outbox.routing.clone());
    }
    let refused = outbox.entries.iter().find_map(|e| {
        e.set_aside.clone().map(|reason| super::state::Refused {
            case_id: e.op.case_id.clone(),
            action: e.op.body.action(),
            reason,
        })
    });
    if state.first_refused.with_untracked(|r| *r != refused) {
        state.first_refused.set(refused);
    }
    if state.notices.with_untracked(|n| *n != outbox.notices) {
        state.notices.set(outbox.notices.clone());
    }
    state.revision.update(|r| *r += 1);
}

async fn sync_once(user_id: i64, state: SyncState) {
    if state.syncing.get_untracked() {
        return;
    }
    state.syncing.set(true);
    let result = push_all(user_id, state)
        .await
        .and(pull_all(user_id, state).await);
    if result.is_ok() {
        if let Some(person) = PERSON.with(|p| p.get()).filter(|p| p.user_id == user_id) {
            // Best effort: details not fetched now are fetched at the next sync.
            let _ = keep_details(person).await;
        }
    }
    match result {
        Ok(()) => {
            let mut outbox = storage::load(user_id);
            outbox.last_sync = Some(js_sys::Date::now() as i64);
            if storage::save(user_id, &outbox).is_err() {
                state.last_error.set(Some(SyncProblem::StorageFull));
            } else {
                state.last_error.set(None);
            }
            publish(&outbox, state);
        }
        Err(problem) => {
            if problem == SyncProblem::Offline {
                state.online.set(super::navigator_online());
            }
            state.last_error.set(Some(problem));
        }
    }
    state.syncing.set(false);
}

/// Pushes batch after batch until the outbox has nothing pending.
async fn push_all(user_id: i64, state: SyncState) -> Result<(), SyncProblem> {
    let device_id = storage::device_id();
    loop {
        let batch = storage::load(user_id).next_batch();
        if batch.is_empty() {
            return Ok(());
        }
        // The phone's clock as it sends: the server tells how far off it is (time is the
        // server's; docs/sync.md).
        let sent_at = js_sys::Date::now() as i64;
        let body = serde_json::json!({
            "protocol": PROTOCOL_VERSION, "device_id": device_id, "sent_at": sent_at, "ops": batch,
        });
        let request = Request::post("/api/v1/sync/push")
            .json(&body)
            .map_err(|e| SyncProblem::Refused(e.to_string()))?;
        let response = request.send().await.map_err(|_| SyncProblem::Offline)?;
        let answer: PushResponse = read_answer(response).await?;
        // Settle against the outbox as stored now: a dispute recorded (in this or another tab)
        // while the batch was on the wire must not be lost by writing back an older copy.
        let mut outbox = storage::load(user_id);
        outbox.settle(&answer.results);
        storage::save(user_id, &outbox).map_err(|_| SyncProblem::StorageFull)?;
        publish(&outbox, state);
        if outbox.next_batch().first().map(|op| &op.id) == batch.first().map(|op| &op.id) {
            // The server answered without settling our first operation: do not loop on it.
            return Err(SyncProblem::ServerUnavailable);
        }
    }
}

/// Pulls every change since the cursor, page by page.
async fn pull_all(user_id: i64, state: SyncState) -> Result<(), SyncProblem> {
    loop {
        let stored = storage::load(user_id);
        let cursor = stored.cursor;
        let routing_version = stored
            .routing
            .as_ref()
            .map(|r| r.version.clone())
            .unwrap_or_default();
        let notice_cursor = stored.notice_cursor();
        // Passed back only with categories to stand for (a copy from before versions existed
        // is replaced once).
        let categories_version = stored
            .categories_version
            .as_deref()
            .filter(|_| !stored.categories.is_empty())
            .unwrap_or_default();
        let response = Request::get(&format!(
            "/api/v1/sync/pull?cursor={cursor}&limit=200&routing_version={routing_version}&notice_cursor={notice_cursor}&categories_version={categories_version}"
        ))
        .send()
        .await
        .map_err(|_| SyncProblem::Offline)?;
        let page: PullResponse = read_answer(response).await?;
        let more = page.more;
        let mut outbox = storage::load(user_id);
        outbox.merge_pulled(page.cases, page.next_cursor);
        if !page.categories.is_empty() {
            outbox.categories = page.categories;
            outbox.categories_version = page.categories_version;
        }
        if page.routing.is_some() {
            outbox.routing = page.routing;
        }
        outbox.merge_notices(page.notifications);
        storage::save(user_id, &outbox).map_err(|_| SyncProblem::StorageFull)?;
        publish(&outbox, state);
        if !more {
            return Ok(());
        }
    }
}

/// Fetches the details of the cases that changed since the device kept them (a bounded number
/// per sync), so each opens offline, and drops those it no longer lists. The answers are kept
/// as the server sent them: the device need not know a case page's types to keep one.
async fn keep_details(person: Person) -> Result<(), SyncProblem> {
    let replica = storage::load(person.user_id);
    let wanted = replica.wanted_details(person.user_id, person.unit_id);
    let index = storage::kept_index(person.user_id);
    storage::forget(
        person.user_id,
        &index.unwanted_cases(wanted.iter().map(|(id, _)| *id)),
    );
    let stale = index.stale_cases(wanted.iter().copied(), kept::CASES_PER_REFRESH);
    if stale.is_empty() {
        return Ok(());
    }
    let response = Request::get(&format!("/api/v1/sync/cases?ids={}", stale.join(",")))
        .send()
        .await
        .map_err(|_| SyncProblem::Offline)?;
    let views: Vec<serde_json::Value> = read_answer(response).await?;
    let at = js_sys::Date::now() as i64;
    let seq_of = |id: &str| wanted.iter().find(|(w, _)| *w == id).map(|(_, seq)| *seq);
    let mut answered = Vec::new();
    for view in &views {
        let Some(id) = view.get("id").and_then(|id| id.as_str()) else {
            continue;
        };
        let mark = kept::Mark {
            at,
            seq: seq_of(id),
        };
        storage::keep_raw(person.user_id, &kept::case_key(id), mark, &view.to_string());
        answered.push(id.to_owned());
    }
    // Asked for but not answered: the person may no longer see it.
    let gone: Vec<String> = stale
        .iter()
        .filter(|id| !answered.contains(id))
        .map(|id| kept::case_key(id))
        .collect();
    storage::forget(person.user_id, &gone);
    Ok(())
}

/// Reads a 200 answer, or classifies the failure: 401 means sign in again, 5xx means retry
/// later, a reset password means choose a new one, other 4xx are the server's refusal in its
/// own words.
async fn read_answer<T: serde::de::DeserializeOwned>(
    response: gloo_net::http::Response,
) -> Result<T, SyncProblem> {
    match response.status() {
        200 => response
            .json::<T>()
            .await
            .map_err(|_| SyncProblem::ServerUnavailable),
        401 => Err(SyncProblem::SessionExpired),
        status if status >= 500 || status == 0 => Err(SyncProblem::ServerUnavailable),
        _ => {
            let status = response.status();
            match response.json::<ApiErrorBody>().await {
                Ok(body) if body.error == PASSWORD_CHANGE_REQUIRED => {
                    Err(SyncProblem::PasswordChangeRequired)
                }
                Ok(body) => Err(SyncProblem::Refused(body.message)),
                Err(_) => Err(SyncProblem::Refused(format!("HTTP {status}"))),
            }
        }
    }
}
