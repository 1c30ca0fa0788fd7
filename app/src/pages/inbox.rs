//! 消息通知: what the rules and other units did that concerns the signed-in person — a case
//! routed to their unit, joint mediation opened, an escalation, a deadline, a result. New ones
//! appear without reloading (the live stream bumps the list).

use crate::clock::now_ms;
use crate::components::kept_note::KeptNote;
use crate::components::layout::use_session_user;
use crate::components::live_inbox::use_live_inbox;
use crate::components::unit_card::LoadError;
use crate::device::kept::Shown;
use crate::error::AppError;
use crate::i18n::notices::{detail_label, headline};
use crate::i18n::{use_locale, use_texts};
use domain::clock::short_time;
use domain::notices::InboxView;
use domain::notices::Notification;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn InboxPage() -> impl IntoView {
    let t = use_texts();
    let live = use_live_inbox();
    let mark_all = ServerAction::<MarkInboxRead>::new();
    let user_id = use_session_user().map(|u| u.id).unwrap_or_default();
    let inbox = Resource::new(
        move || (live.revision.get(), mark_all.version().get()),
        move |_| async move {
            match load_inbox().await {
                Ok(view) => Ok(Shown::fresh(view)),
                Err(error) if crate::device::unreachable(&error) => {
                    kept_inbox(user_id).ok_or(error)
                }
                Err(error) => Err(error),
            }
        },
    );
    view! {
        <Title text=t.inbox_title/>
        <h1 class="page-title">{t.inbox_title}</h1>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(Shown { value: view, kept_at }) => Either::Left({
                        // Marking read needs the server: not offered from the kept copy.
                        let has_unread = view.unread > 0 && kept_at.is_none();
                        let empty = view.items.is_empty();
                        view! {
                        <KeptNote kept_at/>
                        <section class="card inbox">
                            <Show when=move || has_unread>
                                <ActionForm action=mark_all attr:class="inline-form">
                                    <button type="submit" class="button">{t.mark_all_read}</button>
                                </ActionForm>
                            </Show>
                            <Show when=move || empty>
                                <p class="muted">{t.inbox_empty}</p>
                            </Show>
                            <ul class="rows notifications">
                                {view.items.into_iter().map(|item| view! { <NotificationRow item/> }).collect_view()}
                            </ul>
                        </section>
                        }
                    }),
                    Err(error) => Either::Right(view! { <LoadError error/> }),
                }
            })}
        </Transition>
    }
}

/// The inbox as the device last pulled it (the newest notifications), as of its last sync.
fn kept_inbox(user_id: i64) -> Option<Shown<InboxView>> {
    let replica = crate::device::replica(user_id);
    let at = replica.last_sync?;
    let items = replica.notices;
    Some(Shown {
        value: InboxView {
            unread: items.iter().filter(|n| !n.read).count() as i64,
            items,
        },
        kept_at: Some(at),
    })
}

#[component]
pub fn NotificationRow(item: Notification) -> impl IntoView {
    let locale = use_locale();
    let title = headline(locale, item.kind);
    let label = detail_label(locale, item.kind);
    let when = short_time(item.created_at, now_ms());
    view! {
        <li class="notification" class:unread=!item.read data-kind=item.kind.code()>
            <span class="notification-head">
                <strong>{title}</strong>
                <span class="muted">{when}</span>
            </span>
            <span class="case-head">
                {item.case_number.map(|n| view! { <span class="case-number">{n}</span> })}
                {item.unit_name.map(|unit| view! { <span class="unit-meta">{unit}</span> })}
            </span>
            {match (item.summary, item.case_id) {
                (Some(s), Some(id)) => Some(view! { <a class="case-summary" href=format!("/cases/{id}")>{s}</a> }),
                _ => None,
            }}
            {item.detail.map(|d| if item.restricted {
                view! { <span class="muted restricted">{crate::i18n::notices::restricted(locale, &d)}</span> }.into_any()
            } else {
                view! { <span class="muted">{label}{d}</span> }.into_any()
            })}
        </li>
    }
}

/// The newest notifications as this device last pulled them: readable with no network. Filled
/// in after hydration, from the device's storage.
#[component]
pub fn RecentNotices() -> impl IntoView {
    let t = use_texts();
    let state = crate::device::state::use_sync_state();
    let recent = move || {
        state
            .notices
            .with(|n| n.iter().take(5).cloned().collect::<Vec<_>>())
    };
    view! {
        <Show when=move || state.notices.with(|n| !n.is_empty())>
            <section class="card" aria-labelledby="recent-notices">
                <h2 id="recent-notices"><a href="/inbox">{t.recent_notices}</a></h2>
                <ul class="rows notifications">
                    <For each=recent key=|n| (n.id, n.read) let:item>
                        <NotificationRow item/>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

/// The page as a lazily loaded route: its code is a separate wasm chunk (see `shell.rs`).
pub struct InboxRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for InboxRoute {
    fn data() -> Self {
        InboxRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <InboxPage/> }.into_any()
    }
}

/// The signed-in user's notifications, newest first, with the unread count.
#[server(endpoint = "inbox")]
pub async fn load_inbox() -> Result<InboxView, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.inbox(&user).await
}

/// Marks every notification of the signed-in user read.
#[server(endpoint = "inbox/read-all")]
pub async fn mark_inbox_read() -> Result<(), AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.mark_inbox_read(&user).await
}
