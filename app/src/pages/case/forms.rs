//! The forms of the procedure's steps that carry more than a reason: rights notice, mediator,
//! session, agreement, judicial confirmation, ruling, transfer, joint mediation, and from above
//! the holder: hand-down (交办) and 督办.

use super::sender::{Acted, Sender};
use crate::api::cases::UnitChoice;
use crate::clock::now_ms;
use crate::components::check_list::CheckList;
use crate::components::form_controls::{bind, choice};
use crate::i18n::{use_locale, use_texts};
use domain::mediators::Mediator;
use domain::procedure::{
    Action, Agreement, ConfirmationApplication, ConfirmationDecision, Consent, HandDown,
    JointMediation, MediatorAssignment, NoticeMethod, RightsNotice, Supervision, Transfer,
};
use domain::sync::{OpBody, Session};
use leptos::prelude::*;

#[component]
pub(super) fn RightsForm(send: Sender, parties: Vec<String>) -> impl IntoView {
    let p = use_locale().procedure();
    let written = RwSignal::new(true);
    let told = RwSignal::new(parties.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let method = if written.get_untracked() {
            NoticeMethod::Written
        } else {
            NoticeMethod::Oral
        };
        send.send(OpBody::NoticeOfRights(RightsNotice {
            method,
            parties: told.get_untracked(),
        }));
    };
    view! {
        <form class="form" on:submit=on_submit>
            {choice("notice-method", p.notice_method, vec![(true, p.written), (false, p.oral)], written)}
            <CheckList legend=p.parties_told options=named(parties) chosen=told/>
            <button type="submit" class="button primary">{use_locale().action(Action::NoticeOfRights)}</button>
        </form>
    }
}

#[component]
pub(super) fn MediatorForm(send: Sender, choices: Vec<Mediator>, invite: bool) -> impl IntoView {
    let locale = use_locale();
    let p = locale.procedure();
    let chosen = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let empty = choices.is_empty();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(mediator_id) = chosen.get_untracked().parse::<i64>() else {
            send.acted.set(Some(Acted::Problem(format!(
                "{}：{}",
                p.mediator, p.choose
            ))));
            return;
        };
        let reason = Some(reason.get_untracked().trim().to_owned()).filter(|r| !r.is_empty());
        let assignment = MediatorAssignment {
            mediator_id,
            reason,
        };
        send.send(if invite {
            OpBody::Invite(assignment)
        } else {
            OpBody::AssignMediator(assignment)
        });
    };
    let select_id = if invite {
        "invite-mediator"
    } else {
        "assign-mediator"
    };
    view! {
        <form class="form" on:submit=on_submit>
            {empty.then(|| view! { <p class="muted">{p.no_pool}</p> })}
            <label for=select_id>{p.mediator}</label>
            <select id=select_id on:change=bind(chosen)>
                <option value="">{p.choose}</option>
                {choices.into_iter().map(|m| {
                    let text = format!("{} · {} · {}", m.name, locale.level(m.level), m.unit_name);
                    view! { <option value=m.id.to_string()>{text}</option> }
                }).collect_view()}
            </select>
            {invite.then(|| view! {
                <label for="invite-reason">{p.invite_reason}</label>
                <textarea id="invite-reason" rows=2 prop:value=move || reason.get() on:input=bind(reason)></textarea>
            })}
            <button type="submit" class="button primary">{locale.action(if invite { Action::Invite } else { Action::AssignMediator })}</button>
        </form>
    }
}

/// Names as check-list options: each name is its own value.
pub(super) fn named(names: Vec<String>) -> Vec<(String, String)> {
    names.into_iter().map(|n| (n.clone(), n)).collect()
}

/// Names typed into one field: split on the separators people use.
pub(super) fn names(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

#[component]
pub(super) fn SessionForm(send: Sender) -> impl IntoView {
    let t = use_texts();
    let p = use_locale().procedure();
    let day = RwSignal::new(today());
    let place = RwSignal::new(String::new());
    let participants = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let failed = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let session = Session {
            held_on: domain::clock::Day::parse(&day.get_untracked()),
            participants: names(&participants.get_untracked()),
            place: place.get_untracked().trim().to_owned(),
            notes: notes.get_untracked().trim().to_owned(),
            failed: failed.get_untracked(),
        };
        if send.send(OpBody::RecordSession(session)) {
            notes.set(String::new());
            failed.set(false);
        }
    };
    view! {
        <form class="form session-form" on:submit=on_submit>
            <label for="session-day">{p.session_day}</label>
            <input id="session-day" type="date" prop:value=move || day.get() on:input=bind(day)/>
            <label for="session-place">{t.session_place}</label>
            <input id="session-place" type="text" prop:value=move || place.get() on:input=bind(place)/>
            <label for="session-participants">{p.participants}</label>
            <input id="session-participants" type="text" placeholder=p.participants_hint
                prop:value=move || participants.get() on:input=bind(participants)/>
            <label for="session-notes">{t.session_notes}</label>
            <textarea id="session-notes" rows=3 prop:value=move || notes.get() on:input=bind(notes)></textarea>
            <label class="check">
                <input type="checkbox" prop:checked=move || failed.get()
                    on:change=move |ev| failed.set(event_target_checked(&ev))/>
                {t.session_failed}
            </label>
            <button type="submit" class="button primary">{t.record_session}</button>
        </form>
    }
}

/// A date field's day, or the problem to show.
pub(super) fn day_of(send: Sender, label: &str, value: &str) -> Option<domain::clock::Day> {
    let day = domain::clock::Day::parse(value.trim());
    if day.is_none() {
        send.lacks(label);
    }
    day
}

/// A day a superior sets ahead (交办's deadline, 督办's answer-by day): today to a year on, as
/// the server checks it — said here at once, since a phone's date picker may let a past day
/// through and the form does not lean on the browser's own bubble (`novalidate`).
pub(super) fn day_ahead_of(send: Sender, label: &str, value: &str) -> Option<domain::clock::Day> {
    let day = day_of(send, label, value)?;
    let today = domain::clock::Day::of_unix_ms(now_ms());
    if domain::procedure::day_ahead_fits(day, today) {
        Some(day)
    } else {
        send.refuse(label, domain::problem::Problem::NotWithinAYear);
        None
    }
}

#[component]
pub(super) fn AgreementForm(send: Sender) -> impl IntoView {
    let p = use_locale().procedure();
    let terms = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let signed = RwSignal::new(today());
    let perform_by = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(signed_on), Some(perform_by)) = (
            day_of(send, p.signed_on, &signed.get_untracked()),
            day_of(send, p.perform_by, &perform_by.get_untracked()),
        ) else {
            return;
        };
        let amount_text = amount.get_untracked();
        let amount_fen = match amount_text.trim() {
            "" => None,
            text => match domain::dispute::parse_yuan(text) {
                Some(fen) => Some(fen),
                None => {
                    let t = send.locale.texts();
                    send.acted.set(Some(Acted::Problem(format!(
                        "{}：{}",
                        p.amount_yuan, t.err_format
                    ))));
                    return;
                }
            },
        };
        send.send(OpBody::RecordAgreement(Agreement {
            terms: terms.get_untracked().trim().to_owned(),
            amount_fen,
            signed_on,
            perform_by,
        }));
    };
    view! {
        <form class="form" on:submit=on_submit>
            <label for="agreement-terms">{p.terms}</label>
            <textarea id="agreement-terms" rows=4 prop:value=move || terms.get() on:input=bind(terms)></textarea>
            <label for="agreement-amount">{p.amount_yuan}</label>
            <input id="agreement-amount" type="text" inputmode="decimal" prop:value=move || amount.get() on:input=bind(amount)/>
            <label for="agreement-signed">{p.signed_on}</label>
            <input id="agreement-signed" type="date" prop:value=move || signed.get() on:input=bind(signed)/>
            <label for="agreement-perform">{p.perform_by}</label>
            <input id="agreement-perform" type="date" prop:value=move || perform_by.get() on:input=bind(perform_by)/>
            <button type="submit" class="button primary">{use_locale().action(Action::RecordAgreement)}</button>
        </form>
    }
}

#[component]
pub(super) fn ApplicationForm(send: Sender) -> impl IntoView {
    let p = use_locale().procedure();
    let applied = RwSignal::new(today());
    let court = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(applied_on) = day_of(send, p.applied_on, &applied.get_untracked()) else {
            return;
        };
        send.send(OpBody::ApplyConfirmation(ConfirmationApplication {
            applied_on,
            court: court.get_untracked().trim().to_owned(),
        }));
    };
    view! {
        <form class="form" on:submit=on_submit>
            <label for="confirmation-day">{p.applied_on}</label>
            <input id="confirmation-day" type="date" prop:value=move || applied.get() on:input=bind(applied)/>
            <label for="confirmation-court">{p.court}</label>
            <input id="confirmation-court" type="text" prop:value=move || court.get() on:input=bind(court)/>
            <button type="submit" class="button primary">{use_locale().action(Action::ApplyConfirmation)}</button>
        </form>
    }
}

#[component]
pub(super) fn RulingForm(send: Sender) -> impl IntoView {
    let p = use_locale().procedure();
    let confirmed = RwSignal::new(true);
    let ruling = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.send(OpBody::RecordConfirmation(ConfirmationDecision {
            confirmed: confirmed.get_untracked(),
            ruling: ruling.get_untracked().trim().to_owned(),
        }));
    };
    view! {
        <form class="form" on:submit=on_submit>
            {choice("ruling-decision", p.confirmation, vec![(true, p.confirmed), (false, p.refused_by_court)], confirmed)}
            <label for="ruling-number">{p.ruling}</label>
            <input id="ruling-number" type="text" prop:value=move || ruling.get() on:input=bind(ruling)/>
            <button type="submit" class="button primary">{use_locale().action(Action::RecordConfirmation)}</button>
        </form>
    }
}

#[component]
pub(super) fn TransferForm(
    send: Sender,
    units: Vec<UnitChoice>,
    parties: Vec<String>,
) -> impl IntoView {
    let p = use_locale().procedure();
    let to = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let consenting = RwSignal::new(Vec::<String>::new());
    let all = parties.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(to_unit_id) = to.get_untracked().parse::<i64>() else {
            send.acted.set(Some(Acted::Problem(format!(
                "{}：{}",
                p.transfer_to, p.choose
            ))));
            return;
        };
        let yes = consenting.get_untracked();
        let consents = all
            .iter()
            .map(|party| Consent {
                party: party.clone(),
                consented: yes.contains(party),
            })
            .collect();
        send.send(OpBody::Transfer(Transfer {
            to_unit_id,
            reason: reason.get_untracked().trim().to_owned(),
            consents,
        }));
    };
    view! {
        <form class="form" on:submit=on_submit>
            <label for="transfer-to">{p.transfer_to}</label>
            <select id="transfer-to" on:change=bind(to)>
                <option value="">{p.choose}</option>
                {units.into_iter().map(|u| view! { <option value=u.id.to_string()>{u.name}</option> }).collect_view()}
            </select>
            <label for="transfer-reason">{p.transfer_reason}</label>
            <textarea id="transfer-reason" rows=2 prop:value=move || reason.get() on:input=bind(reason)></textarea>
            <CheckList legend=p.consents options=named(parties) chosen=consenting/>
            <button type="submit" class="button primary">{use_locale().action(Action::Transfer)}</button>
        </form>
    }
}

#[component]
pub(super) fn JoinForm(send: Sender, units: Vec<UnitChoice>) -> impl IntoView {
    let p = use_locale().procedure();
    let chosen = RwSignal::new(Vec::<i64>::new());
    let reason = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.send(OpBody::JoinUnits(JointMediation {
            unit_ids: chosen.get_untracked(),
            reason: reason.get_untracked().trim().to_owned(),
        }));
    };
    view! {
        <form class="form" on:submit=on_submit>
            <CheckList legend=p.join_units options=units.into_iter().map(|u| (u.id, u.name)).collect() chosen/>
            <label for="join-reason">{p.join_reason}</label>
            <textarea id="join-reason" rows=2 prop:value=move || reason.get() on:input=bind(reason)></textarea>
            <button type="submit" class="button primary">{use_locale().action(Action::JoinUnits)}</button>
        </form>
    }
}

/// Today, China time, as a date input's value.
pub(super) fn today() -> String {
    domain::clock::Day::of_unix_ms(now_ms()).to_string()
}

/// 交办: to a unit below the reader's, with what is to be done and by when.
#[component]
pub(super) fn HandDownForm(send: Sender, units: Vec<UnitChoice>) -> impl IntoView {
    let p = use_locale().procedure();
    let to = RwSignal::new(String::new());
    let instructions = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(to_unit_id) = to.get_untracked().parse::<i64>() else {
            send.lacks(p.hand_down_to);
            return;
        };
        let Some(deadline) = day_ahead_of(send, p.hand_down_deadline, &deadline.get_untracked())
        else {
            return;
        };
        send.send(OpBody::HandDown(HandDown {
            to_unit_id,
            instructions: instructions.get_untracked().trim().to_owned(),
            deadline,
        }));
    };
    view! {
        <form class="form" on:submit=on_submit novalidate>
            <label for="hand-down-to">{p.hand_down_to}</label>
            <select id="hand-down-to" on:change=bind(to)>
                <option value="">{p.choose}</option>
                {units.into_iter().map(|u| view! { <option value=u.id.to_string()>{u.name}</option> }).collect_view()}
            </select>
            <label for="hand-down-instructions">{p.instructions}</label>
            <textarea id="hand-down-instructions" rows=3 prop:value=move || instructions.get() on:input=bind(instructions)></textarea>
            <label for="hand-down-deadline">{p.hand_down_deadline}</label>
            <input id="hand-down-deadline" type="date" min=today() prop:value=move || deadline.get() on:input=bind(deadline)/>
            <button type="submit" class="button primary">{use_locale().action(Action::HandDown)}</button>
        </form>
    }
}

/// 督办: what the holder is to do, and (if an answer is wanted) by when.
#[component]
pub(super) fn SuperviseForm(send: Sender) -> impl IntoView {
    let p = use_locale().procedure();
    let instructions = RwSignal::new(String::new());
    let respond_by = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let respond_by = match respond_by.get_untracked().trim() {
            "" => None,
            text => match day_ahead_of(send, p.respond_by_day, text) {
                Some(day) => Some(day),
                None => return,
            },
        };
        send.send(OpBody::Supervise(Supervision {
            instructions: instructions.get_untracked().trim().to_owned(),
            respond_by,
        }));
    };
    view! {
        <form class="form" on:submit=on_submit novalidate>
            <label for="supervise-instructions">{p.instructions}</label>
            <textarea id="supervise-instructions" rows=3 prop:value=move || instructions.get() on:input=bind(instructions)></textarea>
            <label for="supervise-respond-by">{p.respond_by}</label>
            <input id="supervise-respond-by" type="date" min=today() prop:value=move || respond_by.get() on:input=bind(respond_by)/>
            <button type="submit" class="button primary">{use_locale().action(Action::Supervise)}</button>
        </form>
    }
}
