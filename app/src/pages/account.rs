//! 我的账号: who is signed in, and the form that changes their password — the only page open to
//! a person signed in with a one-time password until they choose their own.

use crate::api::session::ChangePassword;
use crate::components::layout::use_session_user;
use crate::i18n::use_locale;
use crate::pages::admin::forms::{field_error, FieldError};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let user = use_session_user();
    let must_change = user.as_ref().is_some_and(|u| u.must_change_password);
    let change = ServerAction::<ChangePassword>::new();
    let value = change.value();
    let saved = move || matches!(value.get(), Some(Ok(())));
    // Saved after a reset: the rest of the product opens with a fresh load.
    Effect::new(move |_| {
        if saved() && must_change {
            #[cfg(feature = "hydrate")]
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign("/");
            }
        }
    });
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if saved() {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });
    view! {
        <Title text=a.my_account/>
        <h1 class="page-title">{a.my_account}</h1>
        {must_change.then(|| view! { <p class="notice" role="alert" data-testid="must-change">{a.must_change_banner}</p> })}
        {user.map(|u| view! {
            <section class="card">
                <p>{a.signed_in_as}<strong>{u.display_name}</strong>" （"{u.username}"） · "{locale.role(u.role)}" · "{u.unit_name}</p>
            </section>
        })}
        <section class="card">
            <h2>{a.change_password}</h2>
            <p class="muted">{a.password_rules}</p>
            <ActionForm action=change node_ref=form attr:class="form">
                <label for="current">{a.current_password}</label>
                <input id="current" name="current" type="password" autocomplete="current-password" required/>
                <FieldError message=field_error(value, Some("current"))/>
                <label for="new-password">{a.new_password}</label>
                <input id="new-password" name="new_password" type="password" autocomplete="new-password" required minlength="8" maxlength="128"/>
                <FieldError message=field_error(value, Some("new_password"))/>
                <label for="repeat">{a.repeat_password}</label>
                <input id="repeat" name="repeat" type="password" autocomplete="new-password" required minlength="8" maxlength="128"/>
                <FieldError message=field_error(value, Some("repeat"))/>
                <FieldError message=field_error(value, None)/>
                {move || saved().then(|| view! { <p class="notice" role="status" data-testid="password-saved">{a.password_saved}</p> })}
                <button type="submit" class="button primary" disabled=change.pending()>{a.save_password}</button>
            </ActionForm>
        </section>
    }
}
