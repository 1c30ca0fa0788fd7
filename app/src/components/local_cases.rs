//! The cases kept on this device: recorded disputes still waiting to sync and the cases last
//! pulled, with their numbers and what became of them. Read from local storage after
//! hydration, so the list works offline and never disturbs hydration.

use crate::clock::now_ms;
use crate::device::replica::LocalCase;
use crate::device::state::use_sync_state;
use crate::i18n::{use_locale, use_texts};
use domain::clock::short_time;
use leptos::either::Either;
use leptos::prelude::*;

/// How many cases the home page lists before "show all": an office holds hundreds, and on a
/// phone every one below would push the page tens of thousands of pixels down.
const SHOWN_FIRST: usize = 10;

#[component]
pub fn LocalCases(user_id: i64, title: &'static str) -> impl IntoView {
    let t = use_texts();
    let state = use_sync_state();
    let cases = RwSignal::new(Vec::<LocalCase>::new());
    let all = RwSignal::new(false);
    Effect::new(move |_| {
        state.revision.track();
        cases.set(in_order(crate::device::replica(user_id).cases));
    });
    let shown = move || {
        let cases = cases.get();
        if all.get() {
            cases
        } else {
            cases.into_iter().take(SHOWN_FIRST).collect()
        }
    };
    let hidden = move || cases.with(|c| c.len()).saturating_sub(SHOWN_FIRST);
    view! {
        <section class="card" aria-labelledby="local-cases">
            <h2 id="local-cases">{title}</h2>
            <Show when=move || state.loaded.get() fallback=move || view! { <p class="muted">{t.loading}</p> }>
                <Show when=move || cases.with(|c| !c.is_empty()) fallback=move || view! { <p class="muted">{t.no_cases}</p> }>
                    <ul class="rows cases">
                        <For each=shown key=|c| (c.case_id.clone(), c.number.clone(), c.change_seq) let:case>
                            <CaseRow case/>
                        </For>
                    </ul>
                    <Show when=move || !all.get() && hidden() != 0>
                        <button type="button" class="button" data-testid="show-all-cases"
                            on:click=move |_| all.set(true)>
                            {move || t.show_all_cases.replace("{n}", &cases.with(|c| c.len()).to_string())}
                        </button>
                    </Show>
                </Show>
            </Show>
        </section>
    }
}

/// Records still waiting to sync first (the person's own, not yet safe on the server), then
/// the newest.
fn in_order(mut cases: Vec<LocalCase>) -> Vec<LocalCase> {
    cases.sort_by_key(|c| (c.number.is_some(), std::cmp::Reverse(c.recorded_at)));
    cases
}

#[component]
fn CaseRow(case: LocalCase) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let waiting = case.number.is_none();
    view! {
        <li class="case-row" data-case-id=case.case_id.clone()>
            <span class="case-head">
                <span class=if waiting { "case-number waiting" } else { "case-number" }>
                    {case.number.clone().unwrap_or_else(|| t.waiting_number.to_owned())}
                </span>
                <span class="case-status">{locale.case_status(&case.status)}</span>
            </span>
            {if waiting {
                Either::Left(view! { <span class="case-summary">{case.summary.clone()}</span> })
            } else {
                Either::Right(view! {
                    <a class="case-summary" href=format!("/cases/{}", case.case_id)>{case.summary.clone()}</a>
                })
            }}
            <span class="case-meta">
                {locale.category(&use_sync_state().categories.read(), &case.category)} " · " {short_time(case.recorded_at, now_ms())}
                {case.holder_name.clone().map(|h| format!(" · {h}"))}
                {waiting.then(|| case.expected_holder.clone()).flatten().map(|h| format!(" · {}{h}", t.went_to))}
            </span>
        </li>
    }
}
