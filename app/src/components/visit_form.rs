//! 回访: the grid worker's follow-up visit after an agreement — is it being performed, are the
//! parties satisfied, what was seen. On the case page and, for visits due, on the phone's home
//! page, where it works with no network (the visit waits in the outbox).

use crate::components::form_controls::{bind, choice};
use crate::i18n::use_locale;
use domain::procedure::{Action, FollowUpVisit, Performance, Satisfaction};
use leptos::prelude::*;

/// The visit's fields. `key` keeps the ids apart when several forms share a page;
/// `on_visit` stores the visit and answers whether it was stored (the form then clears).
#[component]
pub fn VisitForm(key: String, on_visit: impl Fn(FollowUpVisit) -> bool + 'static) -> impl IntoView {
    let locale = use_locale();
    let p = locale.procedure();
    let performance = RwSignal::new(Performance::Full);
    let satisfaction = RwSignal::new(Satisfaction::Satisfied);
    let notes = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let stored = on_visit(FollowUpVisit {
            performance: performance.get_untracked(),
            satisfaction: satisfaction.get_untracked(),
            notes: notes.get_untracked().trim().to_owned(),
        });
        if stored {
            notes.set(String::new());
        }
    };
    let notes_id = format!("visit-notes-{key}");
    view! {
        <form class="form visit-form" on:submit=on_submit>
            {choice(format!("visit-performance-{key}"), p.performance,
                [Performance::Full, Performance::Partial, Performance::None].map(|v| (v, locale.performance(v))).to_vec(),
                performance)}
            {choice(format!("visit-satisfaction-{key}"), p.satisfaction,
                [Satisfaction::Satisfied, Satisfaction::Fair, Satisfaction::Dissatisfied].map(|v| (v, locale.satisfaction(v))).to_vec(),
                satisfaction)}
            <label for=notes_id.clone()>{p.visit_notes}</label>
            <textarea id=notes_id rows=3 prop:value=move || notes.get() on:input=bind(notes)></textarea>
            <button type="submit" class="button primary">{locale.action(Action::FollowUp)}</button>
        </form>
    }
}
