//! The line over a page shown from the device's kept copy: when that copy was received, and
//! why it stands in — offline, or a server that did not answer — never blaming the server for
//! a missing network.

use crate::clock::now_ms;
use crate::device::state::use_sync_state;
use crate::i18n::use_texts;
use domain::clock::short_time;
use leptos::prelude::*;

#[component]
pub fn KeptNote(kept_at: Option<i64>) -> impl IntoView {
    let t = use_texts();
    let state = use_sync_state();
    kept_at.map(|at| {
        let when = short_time(at, now_ms());
        view! {
            <p class="notice kept-note" role="status" data-testid="kept-note">
                {move || if state.online.get() { t.kept_unreachable } else { t.kept_offline }}
                {when} {t.kept_after}
            </p>
        }
    })
}
