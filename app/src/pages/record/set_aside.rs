//! Records the server refused for good: each with its reason, to correct and resend or to
//! discard. Nothing leaves the phone without the person deciding.

use crate::capture::draft::Draft;
use crate::capture::outbox::Entry;
use crate::capture::sync_state::use_sync_state;
use crate::error::problem_text;
use crate::i18n::{use_locale, use_texts, Locale};
use domain::dispute::DisputeFacts;
use domain::sync::Rejection;
use leptos::prelude::*;

pub fn rejection_text(locale: Locale, reason: &Rejection) -> String {
    let t = locale.texts();
    let p = locale.procedure();
    match reason {
        Rejection::Invalid { problems } => problems
            .iter()
            .map(|p| {
                format!(
                    "{}：{}",
                    locale.field_label(&p.field),
                    problem_text(t, p.problem)
                )
            })
            .collect::<Vec<_>>()
            .join("；"),
        Rejection::Malformed { field, .. } => {
            format!("{}{}", t.reject_malformed, locale.field_label(field))
        }
        Rejection::IdTaken => t.reject_id_taken.to_owned(),
        Rejection::NotAllowed => t.reject_not_allowed.to_owned(),
        Rejection::CaseExists => t.reject_case_exists.to_owned(),
        Rejection::UnknownCase => t.reject_unknown_case.to_owned(),
        Rejection::NotHolder { holder } => format!("{}{holder}", t.reject_not_holder),
        Rejection::CaseClosed { status } => {
            format!("{}{}", t.reject_case_closed, locale.case_status(status))
        }
        Rejection::NotNow { status } => {
            format!("{}{}", p.reject_not_now, locale.case_status(status))
        }
        Rejection::Recusal { mediator, party } => {
            format!("{}{mediator} — {party}", p.reject_recusal)
        }
        Rejection::AlreadyEvaluated { month } => format!("{}{month}", p.reject_already_evaluated),
        Rejection::UnknownMediator => p.reject_unknown_mediator.to_owned(),
        Rejection::UnknownUnit => p.reject_unknown_unit.to_owned(),
        Rejection::WindowClosed { last_day } => format!("{}{last_day}", p.reject_window_closed),
        Rejection::ConsentMissing { parties } => {
            format!("{}{}", p.reject_consent_missing, parties.join("、"))
        }
        Rejection::PartiesUntold { parties } => {
            format!("{}{}", p.reject_parties_untold, parties.join("、"))
        }
        Rejection::BadDate { field } => {
            format!("{}{}", p.reject_bad_date, locale.field_label(field))
        }
    }
}

#[component]
pub fn SetAside(
    user_id: i64,
    draft: RwSignal<Draft>,
    fixing: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let state = use_sync_state();
    // Refused records (refused case actions are shown on their case).
    let entries = RwSignal::new(Vec::<(Entry, DisputeFacts)>::new());
    Effect::new(move |_| {
        state.revision.track();
        #[cfg(feature = "hydrate")]
        entries.set(
            crate::capture::storage::load(user_id)
                .entries
                .into_iter()
                .filter(|e| e.set_aside.is_some())
                .filter_map(|e| match &e.op.body {
                    domain::sync::OpBody::RecordDispute(facts) => Some((e.clone(), facts.clone())),
                    _ => None,
                })
                .collect(),
        );
        let _ = user_id;
    });
    view! {
        <Show when=move || entries.with(|e| !e.is_empty())>
            <section class="card warning" aria-labelledby="set-aside">
                <h2 id="set-aside">{t.set_aside_title}</h2>
                <ul class="rows">
                    <For each=move || entries.get() key=|(e, _)| e.op.id.clone() let:refused>
                        <SetAsideRow entry=refused.0 facts=refused.1 user_id draft fixing/>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn SetAsideRow(
    entry: Entry,
    facts: DisputeFacts,
    user_id: i64,
    draft: RwSignal<Draft>,
    fixing: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let state = use_sync_state();
    let reason = entry
        .set_aside
        .as_ref()
        .map(|r| rejection_text(locale, r))
        .unwrap_or_default();
    let op_id = entry.op.id.clone();
    let correct = {
        let (facts, op_id) = (facts.clone(), op_id.clone());
        move |_| {
            draft.set(Draft::from_facts(&facts));
            fixing.set(Some(op_id.clone()));
        }
    };
    let discard = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(t.discard_confirm).ok())
                .unwrap_or(false);
            if confirmed {
                let mut outbox = crate::capture::storage::load(user_id);
                outbox.discard(&op_id);
                let _ = crate::capture::storage::save(user_id, &outbox);
                crate::capture::engine::refresh(user_id, state);
            }
        }
        let _ = (&op_id, user_id, state);
    };
    view! {
        <li class="set-aside-row">
            <span class="case-summary">{facts.summary.clone()}</span>
            <span class="error">{reason}</span>
            <span class="row-actions">
                <button type="button" class="button" on:click=correct>{t.correct}</button>
                <button type="button" class="button" on:click=discard>{t.discard}</button>
            </span>
        </li>
    }
}
