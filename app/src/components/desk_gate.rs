//! A page only some people open (`domain::session::Desk`): anyone else is told so in words,
//! with a 403 from the server, and the page's data is never asked for — so a link followed
//! offline never promises a page its reader may not open.

use crate::components::layout::use_session_user;
use crate::i18n::use_texts;
use domain::session::Desk;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DeskGate(desk: Desk, children: Children) -> impl IntoView {
    let t = use_texts();
    if use_session_user().is_some_and(|user| user.opens(desk)) {
        return Either::Left(children());
    }
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
    Either::Right(view! {
        <Title text=t.desk_closed_title/>
        <h1 class="page-title">{t.desk_closed_title}</h1>
        <p class="notice" data-testid="desk-closed">{t.desk_closed_body}</p>
        <p><a href="/" class="button">{t.back_home}</a></p>
    })
}
