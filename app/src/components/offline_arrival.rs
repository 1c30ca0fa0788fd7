//! Arriving offline at a page the service worker has not kept. Its HTML cannot be shown under
//! its own address (the server rendered another page), so the worker sends the person home
//! with `?offline=<path>`; once home has hydrated, this goes on to the page they asked for
//! inside the app, which draws it from what the device keeps (a case's details, 办案, the
//! inbox) or says plainly that it is not on the device yet. It reads the address after
//! hydration only (the server never renders it) and replaces it, so back and reload behave.

use leptos::prelude::*;

#[component]
pub fn OfflineArrival() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let navigate = leptos_router::hooks::use_navigate();
        Effect::new(move |_| {
            if let Some(path) = take_offline_param() {
                let options = leptos_router::NavigateOptions {
                    replace: true,
                    ..Default::default()
                };
                navigate(&path, options);
            }
        });
    }
}

/// The `offline` parameter of the address, if it names a page of this app.
#[cfg(feature = "hydrate")]
fn take_offline_param() -> Option<String> {
    let window = web_sys::window()?;
    let search = window.location().search().ok()?;
    let path: String = search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "offline")
        .map(|(_, value)| js_sys::decode_uri_component(value).ok().map(String::from))??;
    // Only a path of this origin: never `//elsewhere` or a full address.
    (path.starts_with('/') && !path.starts_with("//") && path != "/").then_some(path)
}
