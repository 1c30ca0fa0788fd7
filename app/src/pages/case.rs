//! 案件: one case for the units that hold or held it — facts (personal data masked), holder,
//! channel, deadline, why the rules sent it there, the timeline — and the holder's actions:
//! acknowledge (签收), escalate with a reason, resolve with the result. Actions go through the
//! device's outbox and sync like a recorded dispute, so a refused one (someone acted first) is
//! shown here with its reason and nothing is silently lost.

use crate::api::load_case;
use crate::capture::sync_state::use_sync_state;
use crate::case_view::{CaseView, TimelineEntry};
use crate::clock::{now_ms, short_time};
use crate::components::layout::use_session_user;
use crate::components::unit_card::LoadError;
use crate::i18n::{use_locale, use_texts};
use crate::sync::{Escalation, OpBody, Receipt, Resolution, Session};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CasePage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let state = use_sync_state();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // Re-read after every sync, so the page shows the state the server settled on.
    let case = Resource::new(
        move || (id(), state.revision.get()),
        |(id, _)| load_case(id),
    );
    view! {
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(case) => Either::Left(view! { <CaseDetail case/> }),
                    Err(error) => Either::Right(view! { <LoadError error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn CaseDetail(case: CaseView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let facts = case.facts.clone();
    let category = locale.category(
        &use_sync_state().categories.read_untracked(),
        &facts.category,
    );
    let channel = case.channel.as_deref().map(|c| locale.channel_code(c));
    let routed_by = case.routed_by.join("；");
    let status = locale.case_status(&case.status);
    let acknowledged = case.acknowledged;
    view! {
        <h1 class="page-title">{t.case_title} " " <span class="case-number">{case.number.clone()}</span></h1>
        <section class="card case-facts">
            <p class="case-status-line">
                <strong class="case-status">{status}</strong>
                {(!acknowledged && crate::case_view::is_open(&case.status))
                    .then(|| view! { <span class="badge muted-badge">{t.not_acknowledged}</span> })}
            </p>
            <p class="case-summary">{facts.summary.clone()}</p>
            <dl class="facts">
                <dt>{t.category}</dt><dd>{category}</dd>
                <dt>{t.holder}</dt><dd data-testid="case-holder">{case.holder_name.clone()}</dd>
                {(!case.co_holders.is_empty()).then(|| view! {
                    <dt>{t.co_holders}</dt><dd>{case.co_holders.join("、")}</dd>
                })}
                {channel.map(|c| view! { <dt>{t.channel}</dt><dd>{c}</dd> })}
                {case.deadline.clone().map(|d| view! { <dt>{t.deadline}</dt><dd>{d}</dd> })}
                <dt>{t.recorded_in}</dt><dd>{case.grid_name.clone()}</dd>
                <dt>{t.location}</dt><dd>{facts.location.clone()}</dd>
                <dt>{t.parties}</dt>
                <dd>
                    {facts.parties.iter().map(|p| {
                        let phone = p.phone.clone().map(|ph| format!(" · {ph}"));
                        view! { <span class="party-line">{p.name.clone()} " (" {locale.party_role(p.role)} ")" {phone}</span> }
                    }).collect_view()}
                </dd>
            </dl>
            {(!routed_by.is_empty()).then(|| view! { <p class="muted">{t.because}{routed_by}</p> })}
        </section>
        <CaseActions case_id=case.id.clone() may=case.may/>
        <section class="card" aria-labelledby="timeline">
            <h2 id="timeline">{t.timeline}</h2>
            <ol class="timeline">
                {case.timeline.into_iter().map(|entry| view! { <TimelineRow entry/> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn TimelineRow(entry: TimelineEntry) -> impl IntoView {
    let locale = use_locale();
    let who = [entry.actor, entry.unit]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li class="timeline-entry" data-kind=entry.kind.clone()>
            <span class="timeline-head">
                <strong>{locale.event_kind(&entry.kind)}</strong>
                <span class="muted">{short_time(entry.at, now_ms())}</span>
            </span>
            {(!who.is_empty()).then(|| view! { <span class="muted">{who}</span> })}
            {entry.detail.map(|d| view! { <span class="timeline-detail">{d}</span> })}
        </li>
    }
}

/// What the last action on this page came to.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Acted {
    Stored,
    Missing,
    StorageFull,
}

#[component]
fn CaseActions(case_id: String, may: crate::case_view::Permissions) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let state = use_sync_state();
    let user_id = use_session_user().map(|u| u.id).unwrap_or_default();
    let acted = RwSignal::new(None::<Acted>);
    let reason = RwSignal::new(String::new());
    let result = RwSignal::new(String::new());
    // An action of this device the server refused for this case, with its reason.
    let refused = RwSignal::new(None::<String>);
    Effect::new({
        let case_id = case_id.clone();
        move |_| {
            state.revision.track();
            #[cfg(feature = "hydrate")]
            refused.set(
                crate::capture::storage::load(user_id)
                    .entries
                    .iter()
                    .filter(|e| e.op.case_id == case_id)
                    .find_map(|e| e.set_aside.as_ref())
                    .map(|r| crate::pages::record::set_aside::rejection_text(locale, r)),
            );
            let _ = (&case_id, locale, refused);
        }
    });
    // Copy handles only, so every handler below is Copy and can sit in any `Show`.
    let case_id = StoredValue::new(case_id);
    let act = move |body: OpBody| {
        acted.set(Some(submit(user_id, &case_id.read_value(), body, state)));
    };
    let acknowledge = move |_| act(OpBody::Acknowledge(Receipt::default()));
    let escalate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked();
        if text.trim().is_empty() {
            acted.set(Some(Acted::Missing));
        } else {
            act(OpBody::Escalate(Escalation {
                reason: text.trim().to_owned(),
            }));
        }
    };
    let resolve = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = result.get_untracked();
        if text.trim().is_empty() {
            acted.set(Some(Acted::Missing));
        } else {
            act(OpBody::Resolve(Resolution {
                result: text.trim().to_owned(),
            }));
        }
    };
    let place = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let failed = RwSignal::new(false);
    let record_session = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = notes.get_untracked();
        if text.trim().is_empty() {
            acted.set(Some(Acted::Missing));
        } else {
            act(OpBody::RecordSession(Session {
                place: place.get_untracked().trim().to_owned(),
                notes: text.trim().to_owned(),
                failed: failed.get_untracked(),
            }));
            notes.set(String::new());
        }
    };
    let any = may.acknowledge || may.escalate || may.resolve || may.record_session;
    view! {
        {move || refused.get().map(|r| view! { <p class="error" role="alert">{t.action_refused}{r}</p> })}
        {move || acted.get().map(|a| match a {
            Acted::Stored => view! { <p class="notice" role="status">{t.action_saved}</p> }.into_any(),
            Acted::Missing => view! { <p class="error" role="alert">{t.err_required}</p> }.into_any(),
            Acted::StorageFull => view! { <p class="error" role="alert">{t.problem_storage}</p> }.into_any(),
        })}
        <Show when=move || any>
            <section class="card case-actions">
                <Show when=move || may.acknowledge>
                    <button type="button" class="button primary" on:click=acknowledge>{t.acknowledge}</button>
                </Show>
                <Show when=move || may.resolve>
                    <form class="form" on:submit=resolve>
                        <label for="resolve-result">{t.resolve_result}</label>
                        <textarea id="resolve-result" rows=3 prop:value=move || result.get()
                            on:input=move |ev| result.set(event_target_value(&ev))></textarea>
                        <button type="submit" class="button primary">{t.resolve}</button>
                    </form>
                </Show>
                <Show when=move || may.record_session>
                    <form class="form session-form" on:submit=record_session>
                        <label for="session-place">{t.session_place}</label>
                        <input id="session-place" type="text" prop:value=move || place.get()
                            on:input=move |ev| place.set(event_target_value(&ev))/>
                        <label for="session-notes">{t.session_notes}</label>
                        <textarea id="session-notes" rows=3 prop:value=move || notes.get()
                            on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                        <label class="check">
                            <input type="checkbox" prop:checked=move || failed.get()
                                on:change=move |ev| failed.set(event_target_checked(&ev))/>
                            {t.session_failed}
                        </label>
                        <button type="submit" class="button">{t.record_session}</button>
                    </form>
                </Show>
                <Show when=move || may.escalate>
                    <form class="form" on:submit=escalate>
                        <label for="escalate-reason">{t.escalate_reason}</label>
                        <textarea id="escalate-reason" rows=3 prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        <button type="submit" class="button">{t.escalate}</button>
                    </form>
                </Show>
            </section>
        </Show>
    }
}

/// Puts the action into the outbox and syncs at once.
fn submit(
    user_id: i64,
    case_id: &str,
    body: OpBody,
    state: crate::capture::sync_state::SyncState,
) -> Acted {
    #[cfg(feature = "hydrate")]
    {
        let op = crate::sync::Operation {
            id: uuid::Uuid::now_v7().to_string(),
            case_id: case_id.to_owned(),
            client_time: now_ms(),
            body,
        };
        match crate::capture::storage::append(user_id, op) {
            Ok(()) => {
                crate::capture::engine::refresh(user_id, state);
                crate::capture::engine::sync_now(user_id, state);
                Acted::Stored
            }
            Err(_) => Acted::StorageFull,
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (user_id, case_id, body, state);
        Acted::StorageFull
    }
}

/// The page as a lazily loaded route: its code is a separate wasm chunk (see `shell.rs`).
pub struct CaseRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for CaseRoute {
    fn data() -> Self {
        CaseRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <CasePage/> }.into_any()
    }
}
