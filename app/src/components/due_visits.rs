//! 待回访: the grid worker's follow-up visits due, from the cases last pulled, each with the
//! visit form. It works with no network: the visit waits in the outbox like a recorded dispute,
//! and the case leaves this list once the visit is stored on the phone.

use crate::components::visit_form::VisitForm;
use crate::device::replica::LocalCase;
use crate::device::state::{use_sync_state, SyncState};
use crate::device::Queued;
use crate::i18n::{use_locale, Locale};
use domain::procedure::FollowUpVisit;
use domain::sync::OpBody;
use leptos::prelude::*;

/// What became of the last visit stored here.
#[derive(Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Stored {
    Saved,
    Problem(String),
}

#[component]
pub fn DueVisits(user_id: i64) -> impl IntoView {
    let locale = use_locale();
    let p = locale.procedure();
    let state = use_sync_state();
    let due = RwSignal::new(Vec::<LocalCase>::new());
    let stored = RwSignal::new(None::<Stored>);
    Effect::new(move |_| {
        state.revision.track();
        due.set(crate::device::replica(user_id).visits_due());
    });
    view! {
        {move || stored.get().map(|s| match s {
            Stored::Saved => view! { <p class="notice" role="status">{p.visit_saved}</p> }.into_any(),
            Stored::Problem(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
        })}
        <Show when=move || due.with(|d| !d.is_empty())>
            <section class="card due-visits" aria-labelledby="due-visits">
                <h2 id="due-visits">{p.visits_due}</h2>
                <ul class="rows">
                    <For each=move || due.get() key=|c| c.case_id.clone() let:case>
                        <DueVisit case user_id state stored/>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn DueVisit(
    case: LocalCase,
    user_id: i64,
    state: SyncState,
    stored: RwSignal<Option<Stored>>,
) -> impl IntoView {
    let locale = use_locale();
    let case_id = StoredValue::new(case.case_id.clone());
    let on_visit = move |visit: FollowUpVisit| -> bool {
        let body = OpBody::FollowUp(visit);
        if let Some(problem) = body.action_problems().first() {
            // The visit's only text is its notes.
            let label = locale.procedure().visit_notes;
            let text = locale.problem(problem.problem);
            stored.set(Some(Stored::Problem(format!("{label}：{text}"))));
            return false;
        }
        keep(user_id, &case_id.read_value(), body, state, stored, locale)
    };
    view! {
        <li class="case-row due-visit" data-case-id=case.case_id.clone()>
            <span class="case-head">
                <span class="case-number">{case.number.clone().unwrap_or_default()}</span>
                <span class="case-status">{locale.case_status(&case.status)}</span>
            </span>
            <a class="case-summary" href=format!("/cases/{}", case.case_id)>{case.summary.clone()}</a>
            <details class="action" data-action="follow_up">
                <summary class="button">{locale.action(domain::procedure::Action::FollowUp)}</summary>
                <VisitForm key=case.case_id.clone() on_visit/>
            </details>
        </li>
    }
}

/// Stores the visit in the outbox; answers whether it was stored.
fn keep(
    user_id: i64,
    case_id: &str,
    body: OpBody,
    state: SyncState,
    stored: RwSignal<Option<Stored>>,
    locale: Locale,
) -> bool {
    let step = Queued::Step {
        case_id: case_id.to_owned(),
        body,
    };
    let ok = crate::device::queue(user_id, step, state).is_ok();
    stored.set(Some(if ok {
        Stored::Saved
    } else {
        Stored::Problem(locale.texts().problem_storage.to_owned())
    }));
    ok
}
