//! A case recorded on this device that the server has not received yet: what was recorded,
//! where the phone's copy of the rules says it will go, and that its number comes with the
//! sync. Shown where the server's page cannot be (offline, or before the record arrived).

use super::PartyLines;
use crate::components::unit_card::LoadError;
use crate::device::replica::LocalCase;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use domain::dispute::DisputeFacts;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

/// The record waiting in this device's outbox for `case_id`, if any.
fn waiting_record(user_id: i64, case_id: &str) -> Option<(DisputeFacts, LocalCase)> {
    let replica = crate::device::replica(user_id);
    let facts = replica
        .entries
        .iter()
        .filter(|e| e.op.case_id == case_id)
        .find_map(|e| e.op.body.new_case_facts().cloned())?;
    let case = replica.cases.into_iter().find(|c| c.case_id == case_id)?;
    Some((facts, case))
}

/// The server's page could not be had: a case recorded here and not synced yet is shown from
/// the device, anything else says why. Read after hydration only, so the server's HTML and the
/// browser's first render agree.
#[component]
pub(super) fn OrPending(error: AppError, user_id: i64, case_id: String) -> impl IntoView {
    let waiting = RwSignal::new(None::<(DisputeFacts, LocalCase)>);
    Effect::new(move |_| waiting.set(waiting_record(user_id, &case_id)));
    move || match waiting.get() {
        Some((facts, case)) => Either::Left(view! { <PendingCase facts case/> }),
        None => Either::Right(view! { <LoadError error=error.clone()/> }),
    }
}

#[component]
fn PendingCase(facts: DisputeFacts, case: LocalCase) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let category = locale.category(
        &crate::device::state::use_sync_state()
            .categories
            .read_untracked(),
        &facts.category,
    );
    view! {
        <Title text=format!("{} · {}", t.case_title, t.waiting_number)/>
        <h1 class="page-title">{t.case_title} " " <span class="case-number waiting">{t.waiting_number}</span></h1>
        <section class="card case-facts" data-testid="pending-case">
            <p class="notice">{t.pending_case_note}</p>
            <p class="case-summary">{facts.summary.clone()}</p>
            <dl class="facts">
                <dt>{t.category}</dt><dd>{category}</dd>
                {case.expected_holder.clone().map(|h| view! { <dt>{t.went_to}</dt><dd>{h}</dd> })}
                <dt>{t.location}</dt><dd>{facts.location.clone()}</dd>
                <dt>{t.parties}</dt>
                <dd><PartyLines parties=facts.parties.clone()/></dd>
            </dl>
        </section>
    }
}
