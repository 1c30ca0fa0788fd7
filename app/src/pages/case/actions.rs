//! The steps the reader may take now (exactly those `procedure::allowed` permits), each as a
//! button or a form that opens under its own button.

use super::backlog::{ClearingForm, EvaluationForm, LeaderForm};
use super::forms::{
    AgreementForm, ApplicationForm, JoinForm, MediatorForm, RightsForm, RulingForm, SessionForm,
    TransferForm,
};
use super::local::LocalView;
use super::sender::{Acted, Sender};
use crate::api::cases::CaseView;
use crate::components::form_controls::bind;
use crate::components::layout::use_session_user;
use crate::components::visit_form::VisitForm;
use crate::device::state::use_sync_state;
use crate::i18n::{use_locale, use_texts};
use domain::procedure::{Acceptance, Action, Closing, Reason};
use domain::sync::{Escalation, OpBody, Receipt, Resolution};
use leptos::prelude::*;

#[component]
pub(super) fn CaseActions(case: CaseView, local: Memo<LocalView>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let state = use_sync_state();
    let user_id = use_session_user().map(|u| u.id).unwrap_or_default();
    let acted = RwSignal::new(None::<Acted>);
    // An action of this device the server refused for this case, with its reason.
    let refused = move || local.with(|l| l.refused.as_ref().map(|r| locale.rejection(r)));
    let send = Sender {
        user_id,
        case_id: StoredValue::new(case.id.clone()),
        state,
        acted,
        locale,
    };
    let forms = case
        .may
        .iter()
        .map(|action| action_form(*action, &case, send))
        .collect_view();
    let any = !case.may.is_empty();
    // A step taken folds its form away, so the list of steps reads as it did before.
    let section = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if acted.get() == Some(Acted::Stored) {
            #[cfg(feature = "hydrate")]
            if let Some(list) = section.get_untracked() {
                while let Ok(Some(open)) = list.query_selector("details[open]") {
                    let _ = open.remove_attribute("open");
                }
            }
        }
    });
    view! {
        {move || refused().map(|r| view! { <p class="error" role="alert">{t.action_refused}{r}</p> })}
        {move || acted.get().map(|a| match a {
            Acted::Stored => view! { <p class="notice" role="status">{t.action_saved}</p> }.into_any(),
            Acted::Problem(p) => view! { <p class="error" role="alert">{p}</p> }.into_any(),
            Acted::StorageFull => view! { <p class="error" role="alert">{t.problem_storage}</p> }.into_any(),
        })}
        {any.then(|| view! { <section class="card case-actions" node_ref=section>{forms}</section> })}
    }
}

/// The control for one step: a button for steps without fields, else a form that opens under
/// its own button (a thumb's reach on a phone, one open form at a time on a tablet).
pub(super) fn action_form(action: Action, case: &CaseView, send: Sender) -> AnyView {
    let locale = use_locale();
    let label = locale.action(action);
    let body = match action {
        Action::Acknowledge => {
            return view! {
                <button type="button" class="button primary" data-action="acknowledge"
                    on:click=move |_| { send.send(OpBody::Acknowledge(Receipt::default())); }>{label}</button>
            }
            .into_any()
        }
        Action::Accept => {
            return view! {
                <button type="button" class="button primary" data-action="accept"
                    on:click=move |_| { send.send(OpBody::Accept(Acceptance::default())); }>{label}</button>
            }
            .into_any()
        }
        Action::Decline => reason_form(send, action, locale.procedure().decline_reason, |reason| OpBody::Decline(Reason { reason })),
        Action::Terminate => reason_form(send, action, locale.procedure().terminate_reason, |reason| OpBody::Terminate(Reason { reason })),
        Action::Reopen => reason_form(send, action, locale.procedure().reopen_reason, |reason| OpBody::Reopen(Reason { reason })),
        Action::Escalate => reason_form(send, action, locale.texts().escalate_reason, |reason| OpBody::Escalate(Escalation { reason })),
        Action::Resolve => reason_form(send, action, locale.texts().resolve_result, |result| OpBody::Resolve(Resolution { result })),
        Action::Close => reason_form(send, action, locale.procedure().close_note, |note| {
            OpBody::Close(Closing { note: Some(note).filter(|n| !n.is_empty()) })
        }),
        Action::NoticeOfRights => view! { <RightsForm send parties=case.facts.parties.iter().map(|p| p.name.clone()).collect()/> }.into_any(),
        Action::AssignMediator => view! { <MediatorForm send choices=case.choices.pool.clone() invite=false/> }.into_any(),
        Action::Invite => view! { <MediatorForm send choices=case.choices.invitable.clone() invite=true/> }.into_any(),
        Action::RecordSession => view! { <SessionForm send/> }.into_any(),
        Action::RecordAgreement => view! { <AgreementForm send/> }.into_any(),
        Action::ApplyConfirmation => view! { <ApplicationForm send/> }.into_any(),
        Action::RecordConfirmation => view! { <RulingForm send/> }.into_any(),
        Action::FollowUp => view! {
            <VisitForm key="case".to_owned() on_visit=move |visit| send.send(OpBody::FollowUp(visit))/>
        }.into_any(),
        Action::Transfer => view! {
            <TransferForm send units=case.choices.units.clone()
                parties=case.facts.parties.iter().map(|p| p.name.clone()).collect()/>
        }.into_any(),
        Action::JoinUnits => view! { <JoinForm send units=case.choices.units.clone()/> }.into_any(),
        Action::AssignLeader => view! { <LeaderForm send/> }.into_any(),
        Action::EvaluateBacklog => view! { <EvaluationForm send/> }.into_any(),
        Action::ClearBacklog => view! { <ClearingForm send/> }.into_any(),
    };
    let code = domain::sync::OpBody::action_kind(action);
    view! {
        <details class="action" data-action=code>
            <summary class="button">{label}</summary>
            {body}
        </details>
    }
    .into_any()
}

/// A step whose only field is a text: a reason, a result, a note.
pub(super) fn reason_form(
    send: Sender,
    action: Action,
    field_label: &'static str,
    make: fn(String) -> OpBody,
) -> AnyView {
    let text = RwSignal::new(String::new());
    let submit_label = send.locale.action(action);
    let id = format!("{}-text", OpBody::action_kind(action));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = text.get_untracked();
        // A closing note may be left out; every other step's text is required.
        if action != Action::Close && send.missing(field_label, &value) {
            return;
        }
        if send.send(make(value.trim().to_owned())) {
            text.set(String::new());
        }
    };
    view! {
        <form class="form" on:submit=on_submit>
            <label for=id.clone()>{field_label}</label>
            <textarea id=id rows=3 prop:value=move || text.get() on:input=bind(text)></textarea>
            <button type="submit" class="button primary">{submit_label}</button>
        </form>
    }
    .into_any()
}
