//! Records the server refused for good: each with its reason, to correct and resend or to
//! discard. Nothing leaves the phone without the person deciding.

use super::draft::Draft;
use crate::device::replica::Entry;
use crate::device::state::use_sync_state;
use crate::i18n::{use_locale, use_texts};
use domain::dispute::DisputeFacts;
use leptos::prelude::*;

#[component]
pub fn SetAside(
    user_id: i64,
    draft: RwSignal<Draft>,
    fixing: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let state = use_sync_state();
    // Refused records (refused case actions are shown on their case).
    let entries = RwSignal::new(Vec::<(Entry, DisputeFacts)>::new());
    Effect::new(move |_| {
        state.revision.track();
        entries.set(
            crate::device::replica(user_id)
                .entries
                .into_iter()
                .filter(|e| e.set_aside.is_some())
                .filter_map(|e| match &e.op.body {
                    domain::sync::OpBody::RecordDispute(facts) => Some((e.clone(), facts.clone())),
                    _ => None,
                })
                .collect(),
        );
    });
    view! {
        <Show when=move || entries.with(|e| !e.is_empty())>
            <section class="card warning" aria-labelledby="set-aside">
                <h2 id="set-aside">{t.set_aside_title}</h2>
                <ul class="rows">
                    <For each=move || entries.get() key=|(e, _)| e.op.id.clone() let:refused>
                        <SetAsideRow entry=refused.0 facts=refused.1 user_id draft fixing/>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn SetAsideRow(
    entry: Entry,
    facts: DisputeFacts,
    user_id: i64,
    draft: RwSignal<Draft>,
    fixing: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let state = use_sync_state();
    let reason = entry
        .set_aside
        .as_ref()
        .map(|r| locale.rejection(r))
        .unwrap_or_default();
    let op_id = entry.op.id.clone();
    let correct = {
        let (facts, op_id) = (facts.clone(), op_id.clone());
        move |_| {
            draft.set(Draft::from_facts(&facts));
            fixing.set(Some(op_id.clone()));
        }
    };
    let discard = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(t.discard_confirm).ok())
                .unwrap_or(false);
            if confirmed {
                crate::device::discard(user_id, &op_id, state);
            }
        }
        let _ = (&op_id, user_id, state);
    };
    view! {
        <li class="set-aside-row">
            <span class="case-summary">{facts.summary.clone()}</span>
            <span class="error">{reason}</span>
            <span class="row-actions">
                <button type="button" class="button" on:click=correct>{t.correct}</button>
                <button type="button" class="button" on:click=discard>{t.discard}</button>
            </span>
        </li>
    }
}
