//! The sync line under the header: online or offline, how many records wait, when the last
//! sync was, and the last problem in words. Visible on every signed-in page.

use crate::clock::now_ms;
use crate::device::state::{use_sync_state, SyncProblem};
use crate::i18n::{use_locale, use_texts, Texts};
use domain::clock::short_time;
use leptos::prelude::*;

fn problem_text(t: &'static Texts, problem: &SyncProblem) -> String {
    match problem {
        SyncProblem::Offline => t.problem_offline.to_owned(),
        SyncProblem::ServerUnavailable => t.problem_server.to_owned(),
        SyncProblem::SessionExpired => t.problem_session.to_owned(),
        SyncProblem::StorageFull => t.problem_storage.to_owned(),
        SyncProblem::PasswordChangeRequired => t.problem_password.to_owned(),
        SyncProblem::Refused(message) => format!("{}{message}", t.problem_refused),
    }
}

#[component]
pub fn SyncBadge(#[prop(into)] user_id: i64) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let state = use_sync_state();
    // Tapped offline, the button must still answer: the line under it says the tap was heard
    // and why nothing went (until the network is back).
    let tried_offline = RwSignal::new(false);
    Effect::new(move |_| {
        if state.online.get() {
            tried_offline.set(false);
        }
    });
    let sync_now = move |_| {
        if !state.online.get_untracked() {
            tried_offline.set(true);
        }
        crate::device::sync_now(user_id, state)
    };
    view! {
        <div class="syncbar" role="status" aria-label=t.sync_status aria-live="polite" data-loaded=move || state.loaded.get().to_string()>
            <span class=move || if state.online.get() { "sync-dot online" } else { "sync-dot offline" }>
                {move || if state.online.get() { t.sync_online } else { t.sync_offline }}
            </span>
            <span class="sync-pending">
                {t.sync_pending} " " <strong data-testid="pending-count">{move || state.pending.get()}</strong>
            </span>
            // A refused step is corrected on its case, a refused record on the record page.
            {move || state.first_refused.get().map(|refused| {
                let (href, step) = match refused.action {
                    Some(action) => (format!("/cases/{}", refused.case_id), format!("「{}」", locale.action(action))),
                    None => ("/record".to_owned(), String::new()),
                };
                view! {
                    <a class="sync-set-aside" href=href data-testid="sync-refused">
                        {t.sync_set_aside} " " {move || state.set_aside.get()} "：" {step} {locale.rejection(&refused.reason)}
                    </a>
                }
            })}
            <span class="sync-last">
                {t.sync_last} " "
                {move || state.last_sync.get().map(|ms| short_time(ms, now_ms())).unwrap_or_else(|| t.sync_never.to_owned())}
            </span>
            <button type="button" class="link-button sync-now" on:click=sync_now disabled=move || state.syncing.get()>
                {move || if state.syncing.get() { t.syncing } else { t.sync_now }}
            </button>
            {move || state.last_error.get().map(|p| {
                // On a phone the standing offline line is hidden (the dot says it); the answer to a
                // tap shows.
                let class = match (p == SyncProblem::Offline, tried_offline.get()) {
                    (true, false) => "sync-error offline",
                    (true, true) => "sync-error offline tried",
                    (false, _) => "sync-error",
                };
                // The outbox stays on the device: signing in again sends it.
                let sign_in = (p == SyncProblem::SessionExpired).then(|| view! {
                    " " <a href="/login" rel="external" data-testid="sign-in-again">{locale.accounts().sign_in_again}</a>
                });
                let choose_password = (p == SyncProblem::PasswordChangeRequired).then(|| view! {
                    " " <a href="/account" data-testid="choose-password">{locale.accounts().choose_password}</a>
                });
                let text = if p == SyncProblem::Offline && tried_offline.get() {
                    t.sync_tried_offline.to_owned()
                } else {
                    problem_text(t, &p)
                };
                view! { <p class=class data-testid="sync-error">{text}{sign_in}{choose_password}</p> }
            })}
        </div>
    }
}
