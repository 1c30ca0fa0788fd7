//! The unread count in the header and the signal that tells the inbox page to reload, fed by
//! the server's live stream (`/api/v1/live`, server-sent events). The server renders no count;
//! the browser fills it in after hydration, so both agree. With no network the stream
//! reconnects by itself when it can.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct LiveInbox {
    /// Unknown until the stream first answers.
    pub unread: RwSignal<Option<i64>>,
    /// Bumped whenever the stream reports a change.
    pub revision: RwSignal<u64>,
}

impl LiveInbox {
    pub fn new() -> LiveInbox {
        LiveInbox {
            unread: RwSignal::new(None),
            revision: RwSignal::new(0),
        }
    }
}

impl Default for LiveInbox {
    fn default() -> Self {
        LiveInbox::new()
    }
}

pub fn use_live_inbox() -> LiveInbox {
    use_context::<LiveInbox>().unwrap_or_default()
}

/// What each `inbox` event carries.
#[cfg(feature = "hydrate")]
#[derive(serde::Deserialize)]
struct LiveUpdate {
    unread: i64,
}

/// Opens the stream (browser only). The browser's EventSource reconnects after a drop.
#[cfg(feature = "hydrate")]
pub fn connect(live: LiveInbox) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new("/api/v1/live") else {
        return;
    };
    let on_inbox =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let Some(data) = event.data().as_string() else {
                return;
            };
            if let Ok(update) = serde_json::from_str::<LiveUpdate>(&data) {
                live.unread.set(Some(update.unread));
                live.revision.update(|r| *r += 1);
            }
        });
    let _ = source.add_event_listener_with_callback("inbox", on_inbox.as_ref().unchecked_ref());
    // The stream lives as long as the page: keep the callback and the source alive.
    on_inbox.forget();
    std::mem::forget(source);
}
