//! Sign-in. Works on a phone with a thumb: two large fields and one large button. Wrong
//! password and unknown user get the same message, so the form reveals nobody's account.

use crate::api::session::Login;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let navigate = use_navigate();

    // After a successful sign-in, go to the person's home page.
    Effect::new(move |_| {
        if let Some(Ok(_)) = login.value().get() {
            navigate("/", Default::default());
        }
    });

    let notice = move || {
        query.with(|q| {
            if q.get("expired").is_some() {
                Some(t.session_expired)
            } else if q.get("signed_out").is_some() {
                Some(t.signed_out)
            } else {
                None
            }
        })
    };
    let error = move || match login.value().get() {
        Some(Err(AppError::Login(e))) => Some(locale.login_error(e).to_owned()),
        Some(Err(other)) => Some(locale.error_message(&other)),
        _ => None,
    };
    let pending = login.pending();
    let other = locale.other();

    view! {
        <main class="page narrow login">
            <div class="login-brand">
                <img src="/icons/icon.svg" alt="" width="56" height="56"/>
                <h1>{t.app_name}</h1>
                <p class="muted">{t.tagline}</p>
            </div>
            {move || notice().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <ActionForm action=login attr:class="form" attr:novalidate=true>
                <label for="username">{t.username}</label>
                <input
                    id="username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                />
                <label for="password">{t.password}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                />
                {move || error().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <button type="submit" class="button primary" disabled=pending>
                    {move || if pending.get() { t.logging_in } else { t.login_button }}
                </button>
            </ActionForm>
            <p class="center">
                <a rel="external" href=format!("/lang/{}", other.code()) hreflang=other.html_lang()>
                    {t.switch_language}
                </a>
            </p>
        </main>
    }
}
