//! The top bar: who is signed in, where, the navigation for their role, the language switch
//! and sign-out.

use crate::components::sync_badge::SyncBadge;
use crate::device::state::use_sync_state;
use crate::i18n::{use_locale, use_texts};
use domain::session::{Desk, Role, SessionUser};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Header(user: SessionUser) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let state = use_sync_state();
    let user_id = user.id;
    let confirm_logout = move |ev: leptos::ev::SubmitEvent| {
        let pending = state.pending.get_untracked() + state.set_aside.get_untracked();
        if pending == 0 {
            // What was kept for reading offline goes with the session (the outbox stays).
            crate::device::forget_kept(user_id);
            return;
        }
        let message = format!("{}{pending}{}", t.logout_pending_1, t.logout_pending_2);
        #[cfg(feature = "hydrate")]
        let confirmed = web_sys::window()
            .and_then(|w| w.confirm_with_message(&message).ok())
            .unwrap_or(false);
        #[cfg(not(feature = "hydrate"))]
        let confirmed = !message.is_empty();
        if confirmed {
            crate::device::forget_kept(user_id);
        } else {
            ev.prevent_default();
        }
    };
    let is_admin = user.opens(Desk::Administration);
    let live = crate::components::live_inbox::use_live_inbox();
    let is_grid_worker = user.role == Role::GridWorker;
    let is_supervisor = user.opens(Desk::BacklogRegister);
    let is_court = user.opens(Desk::Entrusting);
    let sweeps_above = matches!(
        user.unit_kind,
        domain::jurisdiction::UnitKind::Village | domain::jurisdiction::UnitKind::Township
    ) && !is_admin;
    let warnings_above = matches!(
        user.unit_kind,
        domain::jurisdiction::UnitKind::Township
            | domain::jurisdiction::UnitKind::County
            | domain::jurisdiction::UnitKind::City
    ) && !is_admin;
    let other = locale.other();
    view! {
        <header class="topbar">
            <div class="topbar-row">
                <a href="/" class="brand">
                    <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                    <span>{t.app_name}</span>
                </a>
                <a
                    class="lang-switch"
                    rel="external"
                    href=format!("/lang/{}", other.code())
                    hreflang=other.html_lang()
                >
                    {t.switch_language}
                </a>
                // A plain form: it signs out with or without the wasm. With it, a person who still
                // has unsynced records is warned first (they stay on the phone either way).
                <form method="post" action="/api/session/logout" class="logout-form" on:submit=confirm_logout>
                    <button type="submit" class="link-button">{t.logout}</button>
                </form>
            </div>
            <p class="whoami">
                <a class="whoami-name" href="/account" title=locale.accounts().my_account>{user.display_name.clone()}</a>
                <span class="whoami-role">{locale.role(user.role)}</span>
                <span class="whoami-unit">{user.unit_name.clone()}</span>
            </p>
            <nav aria-label=t.main_navigation class="mainnav">
                <A href="/" exact=true>{t.nav_home}</A>
                <Show when=move || is_grid_worker>
                    <A href="/record">{t.nav_record}</A>
                </Show>
                // Units that hold cases work them; grid workers follow theirs on the home page;
                // a court entrusts cases rather than works them.
                <Show when=move || !is_grid_worker && !is_admin && !is_court>
                    <A href="/work">{locale.procedure().nav_work}</A>
                </Show>
                // Every unit above the grid searches the cases of its subtree, ended ones too.
                <Show when=move || !is_grid_worker && !is_admin>
                    <A href="/cases" exact=true>{locale.case_list().nav}</A>
                </Show>
                // The village and the township follow their grids' weekly sweeps.
                <Show when=move || sweeps_above>
                    <A href="/sweeps">{locale.sweep().nav}</A>
                </Show>
                // The township and the county hear of clusters and close them.
                <Show when=move || warnings_above>
                    <A href="/warnings">{locale.warnings().nav}</A>
                </Show>
                <Show when=move || is_court>
                    <A href="/entrust">{locale.entrust().title}</A>
                </Show>
                <A href="/inbox">
                    {t.nav_inbox}
                    {move || live.unread.get().filter(|n| *n > 0).map(|n| view! {
                        <span class="badge" data-testid="unread-count" aria-label=format!("{n} {}", t.unread)>{n}</span>
                    })}
                </A>
                <Show when=move || is_supervisor>
                    <A href="/backlog">{locale.backlog().nav}</A>
                </Show>
                <Show when=move || is_admin>
                    <A href="/admin">{t.nav_admin}</A>
                </Show>
            </nav>
            <SyncBadge user_id/>
        </header>
    }
}
