use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_texts();
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <main class="page narrow">
            <Title text=t.not_found_title/>
        <h1 class="page-title">{t.not_found_title}</h1>
            <p>{t.not_found_body}</p>
            <p><a href="/" class="button">{t.back_home}</a></p>
        </main>
    }
}
