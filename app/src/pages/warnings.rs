//! 预警 for a township or a county: the warnings of its area, open first, each with the cases it
//! flagged; an open one is closed with a note on how it was handled.

use crate::api::warnings::WarningView;
use crate::clock::now_ms;
use crate::components::kept_note::KeptNote;
use crate::components::layout::use_session_user;
use crate::components::unit_card::LoadError;
use crate::device::kept::Shown;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use domain::clock::short_time;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WarningsPage() -> impl IntoView {
    let t = use_texts();
    let w = use_locale().warnings();
    let user_id = use_session_user().map(|u| u.id).unwrap_or_default();
    let close = ServerAction::<CloseWarning>::new();
    let list = Resource::new(
        move || close.version().get(),
        move |_| crate::device::fetched_or_kept(user_id, "warnings".into(), None, load_warnings()),
    );
    view! {
        <Title text=w.title/>
        <h1 class="page-title">{w.title}</h1>
        <p class="muted">{w.intro}</p>
        {move || close.value().get().and_then(Result::err).map(|error| {
            let message = use_locale().error_message(&error);
            view! { <p class="error" role="alert">{message}</p> }
        })}
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(Shown { value, kept_at }) if value.is_empty() => Either::Left(Either::Left(view! {
                        <KeptNote kept_at/>
                        <section class="card"><p class="muted">{w.empty}</p></section>
                    })),
                    Ok(Shown { value, kept_at }) => Either::Left(Either::Right(view! {
                        <KeptNote kept_at/>
                        <ul class="warnings">
                            {value.into_iter().map(|warning| view! { <WarningCard warning close/> }).collect_view()}
                        </ul>
                    })),
                    Err(error) => Either::Right(view! { <LoadError error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn WarningCard(warning: WarningView, close: ServerAction<CloseWarning>) -> impl IntoView {
    let w = use_locale().warnings();
    let open = warning.closed_at.is_none();
    let id = warning.id;
    let note_id = format!("warning-note-{id}");
    view! {
        <li class="card warning-card" data-open=open.to_string()>
            <p class="case-status-line">
                <span class=if open { "badge" } else { "badge muted-badge" }>{if open { w.open } else { w.closed }}</span>
                <strong>{warning.scope_name.clone()}</strong>
            </p>
            <p>{warning.description.clone()}</p>
            <p class="muted">{w.raised} " " {short_time(warning.raised_at, now_ms())}</p>
            <p class="muted warning-cases">{w.cases} "（" {warning.cases.len()} "）："
                {warning.cases.iter().map(|c| view! {
                    <a class="case-number" href=format!("/cases/{}", c.id)>{c.number.clone()}</a>
                }).collect_view()}
            </p>
            {warning.close_note.clone().map(|note| view! {
                <p class="muted">{w.closed_by} " · " {warning.closed_by.clone().unwrap_or_default()} "：" {note}</p>
            })}
            {open.then(|| view! {
                <ActionForm action=close attr:class="form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <label for=note_id.clone()>{w.close_note}</label>
                    <textarea id=note_id name="note" rows=2 required></textarea>
                    <button type="submit" class="button">{w.close}</button>
                </ActionForm>
            })}
        </li>
    }
}

/// The page as a lazily loaded route: its code is a separate wasm chunk (see `shell.rs`).
pub struct WarningsRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for WarningsRoute {
    fn data() -> Self {
        WarningsRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <WarningsPage/> }.into_any()
    }
}

/// The warnings of the signed-in user's area, open first.
#[server(endpoint = "warnings")]
pub async fn load_warnings() -> Result<Vec<WarningView>, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.warnings(&user).await
}

/// Closes a warning with a note on how it was handled.
#[server(endpoint = "warnings/close")]
pub async fn close_warning(id: i64, note: String) -> Result<(), AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.close_warning(&user, id, &note).await
}
