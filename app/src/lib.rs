//! Fengqiao's web application: pages, components and the domain types shared by the browser
//! (hydrated WebAssembly, feature `hydrate`) and the server (feature `ssr`).

// Leptos views are deeply nested types; the release wasm build needs more room to lay them out.
#![recursion_limit = "256"]

pub mod api;
pub mod clock;
pub mod components;
pub mod device;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod reporting;
mod shell;

pub use shell::{shell, App};

/// The browser entry point: takes over the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(App);
    // A mark on <html> that the page is live: browser tests wait for it before typing, and a
    // person's first tap before it would be lost to the static page.
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("data-hydrated", "true");
    }
    // The moment the page answers taps, for the first-load benchmark (end2end/bench).
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("fq-hydrated");
    }
}
