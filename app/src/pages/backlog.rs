//! 积案库: the backlog cases a supervisor keeps (seed 001 §10) — what needs them first (no
//! leader named, this month's evaluation due), then the oldest. The steps themselves are taken
//! on each case's page.

use crate::api::backlog::BacklogEntry;
use crate::clock::now_ms;
use crate::components::kept_note::KeptNote;
use crate::components::unit_card::LoadError;
use crate::device::kept::Shown;
use crate::device::state::use_sync_state;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use domain::clock::DAY_MS;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn BacklogPage() -> impl IntoView {
    let t = use_texts();
    let b = use_locale().backlog();
    // Re-read after every sync: a step taken on a case page changes its line here.
    let state = use_sync_state();
    let user_id = crate::components::layout::use_session_user()
        .map(|u| u.id)
        .unwrap_or_default();
    // Kept on the device as it arrives: offline, the register as last fetched, saying when.
    let register = Resource::new(
        move || state.revision.get(),
        move |_| {
            crate::device::fetched_or_kept(user_id, "backlog".to_owned(), None, load_backlog())
        },
    );
    view! {
        <Title text=b.title/>
        <h1 class="page-title">{b.title}</h1>
        <p class="muted">{b.intro}</p>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match register.await {
                    Ok(Shown { value: entries, kept_at }) if entries.is_empty() => Either::Left(Either::Left(view! {
                        <KeptNote kept_at/>
                        <section class="card"><p class="muted">{b.empty}</p></section>
                    })),
                    Ok(Shown { value: entries, kept_at }) => Either::Left(Either::Right(view! {
                        <KeptNote kept_at/>
                        <section class="card">
                            <ul class="rows backlog-register">
                                {entries.into_iter().map(|entry| view! { <BacklogRow entry/> }).collect_view()}
                            </ul>
                        </section>
                    })),
                    Err(error) => Either::Right(view! { <LoadError error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn BacklogRow(entry: BacklogEntry) -> impl IntoView {
    let locale = use_locale();
    let b = locale.backlog();
    let days_open = (now_ms() - entry.recorded_at) / DAY_MS;
    let leader = entry.backlog.leader.clone();
    view! {
        <li class="backlog-entry work-item">
            <a class="case-summary" href=format!("/cases/{}", entry.case_id)>{entry.summary.clone()}</a>
            <span class="muted">
                {entry.number.clone()} " · " {entry.holder_name.clone()} " · " {locale.status(entry.status)}
            </span>
            <span class="work-flags">
                <span>{b.days_open} " " {days_open}</span>
                {match leader {
                    Some(name) => Either::Left(view! { <span>{b.leader} "：" {name}</span> }),
                    None => Either::Right(view! { <span class="badge">{b.no_leader}</span> }),
                }}
                {(!entry.backlog.evaluated_this_month).then(|| view! {
                    <span class="badge muted-badge">{b.evaluation_due}</span>
                })}
            </span>
        </li>
    }
}

/// The page as a lazily loaded route: its code is a separate wasm chunk (see `shell.rs`).
pub struct BacklogRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for BacklogRoute {
    fn data() -> Self {
        BacklogRoute
    }

    fn view(_this: Self) -> AnyView {
        view! {
            <crate::components::desk_gate::DeskGate desk=domain::session::Desk::BacklogRegister>
                <BacklogPage/>
            </crate::components::desk_gate::DeskGate>
        }
        .into_any()
    }
}

/// 积案库: the backlog cases a supervisor keeps, not yet cleared.
#[server(endpoint = "backlog")]
pub async fn load_backlog() -> Result<Vec<BacklogEntry>, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.backlog_register(&user).await
}
