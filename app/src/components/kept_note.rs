//! The line over a page shown from the device's kept copy: when that copy was received, and
//! why it stands in — offline, or a server that did not answer — never blaming the server for
//! a missing network, nor keeping to its reason once the network is back. And the line over a page whose data only the server has, shown offline:
//! when it was fetched, and that changing anything waits for the network.

use crate::clock::now_ms;
use crate::device::state::use_sync_state;
use crate::i18n::use_texts;
use domain::clock::short_time;
use leptos::prelude::*;

/// `reload`, where the page does not read itself again on its own after a sync (the case page,
/// which keeps a form open), is offered once the device is online again.
///
/// A page opened with no network came whole from the service worker's copy, the server's
/// answer inside it as old as that copy: with no kept copy of its own (`kept_at`), the note
/// then names the time the server wrote into the page (`RENDERED_AT`). Found after hydration,
/// so the page hydrates as the server rendered it.
#[component]
pub fn KeptNote(
    kept_at: Option<i64>,
    #[prop(optional)] reload: Option<Callback<()>>,
) -> impl IntoView {
    let t = use_texts();
    let state = use_sync_state();
    // Why the kept copy stands in was settled when the page was read: offline then, the server
    // is not to blame now that the network is back.
    let offline_then = RwSignal::new(!state.online.get_untracked());
    let from_copy = RwSignal::new(None::<i64>);
    Effect::new(move |_| {
        if kept_at.is_none() && !crate::device::navigator_online() {
            offline_then.set(true);
            from_copy.set(page_rendered_at());
        }
    });
    move || {
        let at = kept_at.or(from_copy.get())?;
        let when = short_time(at, now_ms());
        let online = state.online.get();
        let (before, after) = match (online, offline_then.get()) {
            (false, _) => (t.kept_offline, t.kept_after),
            (true, true) => (t.kept_back_online, t.kept_back_online_after),
            (true, false) => (t.kept_unreachable, t.kept_after),
        };
        Some(view! {
            <p class="notice kept-note" role="status" data-testid="kept-note">
                {before} {when} {after}
                {reload.filter(|_| online).map(|reload| view! {
                    " "
                    <button type="button" class="button" data-testid="kept-reload"
                        on:click=move |_| reload.run(())>{t.kept_reload}</button>
                })}
            </p>
        })
    }
}

/// The `<meta>` in which the server writes when it rendered the page (`shell`).
pub const RENDERED_AT: &str = "fq-rendered-at";

/// When the server rendered the page this document was loaded from.
fn page_rendered_at() -> Option<i64> {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()?
            .document()?
            .query_selector(&format!("meta[name={RENDERED_AT}]"))
            .ok()??
            .get_attribute("content")?
            .parse()
            .ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// A page's answer with the time it was fetched: by the server as it rendered the page, by the
/// browser when it fetched it since. A page the service worker kept carries its own age.
pub async fn stamped<T>(fetch: impl std::future::Future<Output = T>) -> (T, i64) {
    let answer = fetch.await;
    (answer, now_ms())
}

/// Offline, over data fetched at `at` that only the server has: how old it is, and that
/// changes and searches wait for the network (the page disables its forms meanwhile).
#[component]
pub fn FetchedNote(at: i64) -> impl IntoView {
    let t = use_texts();
    let state = use_sync_state();
    move || {
        (!state.online.get()).then(|| {
            let when = short_time(at, now_ms());
            view! {
                <p class="notice kept-note" role="status" data-testid="fetched-note">
                    {t.fetched_offline} {when} {t.fetched_after}
                </p>
            }
        })
    }
}
