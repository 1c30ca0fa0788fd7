//! The line that says a page is not on the device yet. Offline, the service worker answers a
//! page never opened online by sending the person home with `?offline=<path>`; this names the
//! page they asked for. It reads the address after hydration (the server never renders it), and
//! clears it, so a reload does not say it again.

use crate::i18n::{use_locale, Locale};
use leptos::prelude::*;

/// The page's name for a path, as the navigation calls it.
fn page_name(locale: Locale, path: &str) -> String {
    let t = locale.texts();
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    match first {
        "work" => locale.procedure().nav_work.to_owned(),
        "inbox" => t.nav_inbox.to_owned(),
        "cases" => t.case_title.to_owned(),
        "record" => t.nav_record.to_owned(),
        "backlog" => locale.backlog().title.to_owned(),
        "entrust" => locale.entrust().title.to_owned(),
        "admin" => t.nav_admin.to_owned(),
        _ => path.to_owned(),
    }
}

#[component]
pub fn OfflineArrival() -> impl IntoView {
    let locale = use_locale();
    let asked = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(path) = take_offline_param() {
            asked.set(Some(path));
        }
    });
    move || {
        asked.get().map(|path| {
            let name = page_name(locale, &path);
            view! {
                <p class="notice offline-page" role="status">
                    {locale.texts().page_not_kept_1} "「" {name} "」" {locale.texts().page_not_kept_2}
                </p>
            }
        })
    }
}

/// The `offline` parameter of the address, removed from it.
#[cfg(feature = "hydrate")]
fn take_offline_param() -> Option<String> {
    let window = web_sys::window()?;
    let search = window.location().search().ok()?;
    let path = search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "offline")
        .map(|(_, value)| js_sys::decode_uri_component(value).ok().map(String::from))??;
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"));
    }
    Some(path)
}
