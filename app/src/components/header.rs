//! The top bar: who is signed in, where, the navigation for their role, the language switch
//! and sign-out.

use crate::api::Logout;
use crate::i18n::{use_locale, use_texts};
use crate::session::{Role, SessionUser};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Header(user: SessionUser) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let logout = ServerAction::<Logout>::new();
    let is_admin = user.role == Role::Admin;
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
                <ActionForm action=logout attr:class="logout-form">
                    <button type="submit" class="link-button">{t.logout}</button>
                </ActionForm>
            </div>
            <p class="whoami">
                <span class="whoami-name">{user.display_name.clone()}</span>
                <span class="whoami-role">{locale.role(user.role)}</span>
                <span class="whoami-unit">{user.unit_name.clone()}</span>
            </p>
            <nav aria-label=t.main_navigation class="mainnav">
                <A href="/" exact=true>{t.nav_home}</A>
                <Show when=move || is_admin>
                    <A href="/admin">{t.nav_admin}</A>
                </Show>
            </nav>
        </header>
    }
}
