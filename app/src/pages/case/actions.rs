//! The steps the reader may take now (exactly those `procedure::allowed` permits), each as a
//! button or a form that opens under its own button.

use super::backlog::{ClearingForm, EvaluationForm, LeaderForm};
use super::forms::{
    AgreementForm, ApplicationForm, HandDownForm, JoinForm, MediatorForm, RightsForm, RulingForm,
    SessionForm, SuperviseForm, TransferForm,
};
use super::local::LocalView;
use super::sender::{Acted, Sender};
use crate::api::cases::CaseView;
use crate::clock::now_ms;
use crate::components::form_controls::bind;
use crate::components::layout::use_session_user;
use crate::components::visit_form::VisitForm;
use crate::device::state::use_sync_state;
use crate::i18n::{use_locale, use_texts};
use domain::clock::short_time;
use domain::procedure::{
    allowed, expected_after, leading, Acceptance, Action, CaseStatus, Closing, Expected, Reason,
    Visited,
};
use domain::sync::{Escalation, OpBody, Receipt, Resolution};
use leptos::prelude::*;

/// What the page offers, after the steps this device took and the server has not answered:
/// the status those steps are expected to lead to, the procedure's next steps (primary) and
/// the others the reader may take. A step waiting for the server is not offered again.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Offer {
    /// The status expected once the waiting steps apply; `None` when nothing waits.
    pub(super) status: Option<CaseStatus>,
    pub(super) acknowledged: bool,
    /// Some step of this device waits for the server.
    pub(super) waiting: bool,
    /// A waiting step hands the case to another holder.
    pub(super) handed_on: bool,
    pub(super) lead: Vec<Action>,
    pub(super) rest: Vec<Action>,
}

/// Steps only the server can offer: whether there is a tier above or a unit below is the
/// jurisdiction's tree, which the device does not hold.
const ASKS_THE_TREE: [Action; 2] = [Action::Escalate, Action::HandDown];

impl Offer {
    pub(super) fn of(case: &CaseView, local: &LocalView) -> Offer {
        let waiting: Vec<Action> = local.waiting_actions().collect();
        let Some(status) = CaseStatus::from_code(&case.status) else {
            return Offer::default();
        };
        let (status, progress, may) = if waiting.is_empty() {
            (status, case.progress, case.may.clone())
        } else {
            match expected_after(waiting.iter().copied(), status, case.progress) {
                Expected::HandedOn => {
                    return Offer {
                        waiting: true,
                        handed_on: true,
                        ..Offer::default()
                    }
                }
                // Worked out on the device as the server will; 上报 and 交办 only where the
                // server offered them (it knows whether a tier is above, units below).
                Expected::Here(next, progress) => {
                    let mut may = allowed(next, progress, case.standing);
                    may.retain(|a| !ASKS_THE_TREE.contains(a) || case.may.contains(a));
                    (next, progress, may)
                }
            }
        };
        let leading = leading(status, progress);
        let (lead, rest) = may.into_iter().partition(|a| leading.contains(a));
        Offer {
            status: (!waiting.is_empty()).then_some(status),
            acknowledged: progress.acknowledged,
            waiting: !waiting.is_empty(),
            handed_on: false,
            lead,
            rest,
        }
    }
}

#[component]
pub(super) fn CaseActions(case: CaseView, local: Memo<LocalView>, offer: Offer) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let state = use_sync_state();
    let user_id = use_session_user().map(|u| u.id).unwrap_or_default();
    let acted = RwSignal::new(None::<Acted>);
    // A step of this device the server refused for this case, named, with the reason.
    let refused = move || {
        local.with(|l| {
            l.refused.as_ref().map(|r| {
                let words = match r.action {
                    Some(a) => format!(
                        "「{}」{}{}",
                        locale.action(a),
                        t.refused_step,
                        locale.rejection(&r.reason)
                    ),
                    None => format!("{}{}", t.action_refused, locale.rejection(&r.reason)),
                };
                (r.op_id.clone(), words)
            })
        })
    };
    // The person has read why: the refused step leaves the device (the case shows what
    // the server holds; a step still wanted is taken again from the steps offered).
    let dismiss = move |op_id: String| crate::device::discard(user_id, &op_id, state);
    let waiting = move || {
        local.with(|l| {
            l.waiting
                .iter()
                .map(|(a, at)| format!("{} {}", locale.action(*a), short_time(*at, now_ms())))
                .collect::<Vec<_>>()
                .join("、")
        })
    };
    // Seed 003's loop: what the parties may do about an agreement not performed.
    let unperformed = case.status == CaseStatus::Agreed.code()
        && case.progress.followed_up == Visited::NotPerformed
        && !offer.handed_on;
    let send = Sender {
        user_id,
        case_id: StoredValue::new(case.id.clone()),
        state,
        acted,
        locale,
    };
    let lead = offer
        .lead
        .iter()
        .map(|action| action_form(*action, &case, send, true))
        .collect_view();
    let rest = offer
        .rest
        .iter()
        .map(|action| action_form(*action, &case, send, false))
        .collect_view();
    let (any_lead, any_rest) = (!offer.lead.is_empty(), !offer.rest.is_empty());
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
    // A problem is said above the steps; on a phone the form being sent is a screen below, so
    // the words are brought into view.
    let problem_shown = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        let shown = problem_shown.get();
        #[cfg(feature = "hydrate")]
        if let Some(shown) = shown {
            shown.scroll_into_view_with_bool(false);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = shown;
    });
    view! {
        {move || refused().map(|(op_id, words)| view! {
            <div class="error refused-step" role="alert" data-testid="step-refused">
                <p>{words}</p>
                <button type="button" class="button" on:click=move |_| dismiss(op_id.clone())>{t.refused_dismiss}</button>
            </div>
        })}
        {offer.waiting.then(|| view! {
            <p class="notice waiting-steps" role="status" data-testid="waiting-steps">{t.waiting_steps}{waiting}</p>
        })}
        {offer.handed_on.then(|| view! { <p class="muted">{t.handed_on_waiting}</p> })}
        {move || acted.get().and_then(|a| match a {
            Acted::Stored => None,
            Acted::Problem(p) => Some(view! { <p class="error" role="alert" node_ref=problem_shown>{p}</p> }.into_any()),
            Acted::StorageFull => Some(view! { <p class="error" role="alert">{t.problem_storage}</p> }.into_any()),
        })}
        {unperformed.then(|| view! {
            <p class="case-warning" role="note" data-testid="unperformed">{locale.procedure().unperformed_guidance}</p>
        })}
        {(any_lead || any_rest).then(|| view! {
            <section class="card case-actions" node_ref=section aria-label=t.next_steps
                on:input=move |_| send.forget_problem() on:change=move |_| send.forget_problem()>
                {any_lead.then(|| view! {
                    <h2 class="actions-heading">{t.next_steps}</h2>
                    <div class="lead-actions">{lead}</div>
                })}
                {any_rest.then(|| view! {
                    <h2 class="actions-heading muted">{t.other_steps}</h2>
                    <div class="other-actions">{rest}</div>
                })}
            </section>
        })}
    }
}

/// The control for one step: a button for steps without fields, else a form that opens under
/// its own button (a thumb's reach on a phone, one open form at a time on a tablet).
pub(super) fn action_form(action: Action, case: &CaseView, send: Sender, lead: bool) -> AnyView {
    let locale = use_locale();
    let label = locale.action(action);
    let class = if lead { "button primary" } else { "button" };
    let body = match action {
        Action::Acknowledge => {
            return view! {
                <button type="button" class=class data-action="acknowledge"
                    on:click=move |_| { send.send(OpBody::Acknowledge(Receipt::default())); }>{label}</button>
            }
            .into_any()
        }
        Action::Accept => {
            return view! {
                <button type="button" class=class data-action="accept"
                    on:click=move |_| { send.send(OpBody::Accept(Acceptance::default())); }>{label}</button>
            }
            .into_any()
        }
        Action::Decline => reason_form(send, action, locale.procedure().decline_reason, |reason| OpBody::Decline(Reason { reason })),
        Action::Terminate => reason_form(send, action, locale.procedure().terminate_reason, |reason| OpBody::Terminate(Reason { reason })),
        Action::Reopen => reason_form(send, action, locale.procedure().reopen_reason, |reason| OpBody::Reopen(Reason { reason })),
        Action::Escalate => reason_form(send, action, locale.texts().escalate_reason, |reason| OpBody::Escalate(Escalation { reason })),
        Action::Resolve => reason_form(send, action, locale.texts().resolve_result, |result| OpBody::Resolve(Resolution { result })),
        Action::Close if case.progress.followed_up == Visited::NotPerformed => {
            view! { <CloseAnywayForm send/> }.into_any()
        }
        Action::Close => reason_form(send, action, locale.procedure().close_note, |note| {
            OpBody::Close(Closing {
                note: Some(note).filter(|n| !n.is_empty()),
                override_reason: None,
            })
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
        Action::HandDown => view! { <HandDownForm send units=case.choices.below.clone()/> }.into_any(),
        Action::Supervise => view! { <SuperviseForm send/> }.into_any(),
    };
    let code = domain::sync::OpBody::action_kind(action);
    view! {
        <details class="action" data-action=code>
            <summary class=class>{label}</summary>
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

/// 结案 after a visit that found the agreement not (fully) performed: the reason is required and
/// stays in the timeline; the closing note stays optional.
#[component]
fn CloseAnywayForm(send: Sender) -> impl IntoView {
    let p = send.locale.procedure();
    let note = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let why = reason.get_untracked();
        if send.missing(p.close_anyway_reason, &why) {
            return;
        }
        let written = note.get_untracked().trim().to_owned();
        let body = OpBody::Close(Closing {
            note: Some(written).filter(|n| !n.is_empty()),
            override_reason: Some(why.trim().to_owned()),
        });
        if send.send(body) {
            note.set(String::new());
            reason.set(String::new());
        }
    };
    view! {
        <form class="form" on:submit=on_submit>
            <label for="close-override">{p.close_anyway_reason}</label>
            <textarea id="close-override" rows=3 prop:value=move || reason.get() on:input=bind(reason)></textarea>
            <label for="close-note">{p.close_note}</label>
            <textarea id="close-note" rows=2 prop:value=move || note.get() on:input=bind(note)></textarea>
            <button type="submit" class="button primary">{send.locale.action(Action::Close)}</button>
        </form>
    }
}
