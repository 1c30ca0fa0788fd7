//! 案件: one case for the units that hold or held it — facts (personal data masked), holder,
//! channel, deadline, why the rules sent it there, the timeline — and the holder's actions:
//! acknowledge (签收), escalate with a reason, resolve with the result. Actions go through the
//! device's outbox and sync like a recorded dispute, so a refused one (someone acted first) is
//! shown here with its reason and nothing is silently lost.

use crate::api::cases::{CaseView, EventFact, TimelineEntry, UnitChoice};
use crate::clock::now_ms;
use crate::components::check_list::CheckList;
use crate::components::form_controls::{bind, choice};
use crate::components::layout::use_session_user;
use crate::components::unit_card::LoadError;
use crate::components::visit_form::VisitForm;
use crate::device::state::use_sync_state;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use domain::clock::short_time;
use domain::mediators::Mediator;
use domain::procedure::{
    Acceptance, Action, Agreement, Closing, ConfirmationApplication, ConfirmationDecision, Consent,
    JointMediation, MediatorAssignment, NoticeMethod, Reason, RightsNotice, Transfer,
};
use domain::sync::{Escalation, OpBody, Receipt, Resolution, Session};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

mod backlog;
use backlog::{BacklogCard, ClearingForm, EvaluationForm, LeaderForm};

#[component]
pub fn CasePage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let state = use_sync_state();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let user_id = use_session_user().map(|u| u.id).unwrap_or_default();
    // Re-read when a sync changed this case (`LocalView`) — not on every sync, which would close
    // the form a person is typing in whenever an unrelated case syncs.
    let local = Memo::new(move |_| {
        state.revision.track();
        LocalView::read(user_id, &id())
    });
    // The first reading in the browser stands for the state the server rendered the page in:
    // re-reading then would swap the form under a person's first tap.
    let first = StoredValue::new(None::<LocalView>);
    let changed = Memo::new(move |_| {
        let now = local.get();
        let base = first.with_value(|f| f.clone()).unwrap_or_else(|| {
            first.set_value(Some(now.clone()));
            now.clone()
        });
        (now != base).then_some(now)
    });
    let case = Resource::new(move || (id(), changed.get()), |(id, _)| load_case(id));
    view! {
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(case) => Either::Left(view! { <CaseDetail case local/> }),
                    Err(error) => Either::Right(view! { <LoadError error/> }),
                }
            })}
        </Transition>
    }
}

/// What this device knows of one case: the change sequence it last pulled, and its own steps
/// on the case — how many still wait, and the first the server refused. A step that applies
/// shows up as a new change sequence once the same sync has pulled, so the page re-reads once
/// per change, not at every stage of the sync; a case the device does not keep (pulled long
/// ago and trimmed) falls back to its pending steps.
#[derive(Clone, Debug, Default, PartialEq)]
struct LocalView {
    seq: Option<i64>,
    pending: usize,
    refused: Option<domain::sync::Rejection>,
}

impl LocalView {
    /// One read of the device's storage per sync.
    fn read(user_id: i64, case_id: &str) -> LocalView {
        let stored = crate::device::replica(user_id);
        let seq = stored
            .cases
            .iter()
            .find(|c| c.case_id == case_id)
            .map(|c| c.change_seq);
        let mine = || stored.entries.iter().filter(|e| e.op.case_id == case_id);
        LocalView {
            seq,
            pending: if seq.is_none() { mine().count() } else { 0 },
            refused: mine().find_map(|e| e.set_aside.clone()),
        }
    }
}

#[component]
fn CaseDetail(case: CaseView, local: Memo<LocalView>) -> impl IntoView {
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
    let (for_card, for_actions) = (case.clone(), case.clone());
    view! {
        <h1 class="page-title">{t.case_title} " " <span class="case-number">{case.number.clone()}</span></h1>
        <section class="card case-facts">
            <p class="case-status-line">
                <strong class="case-status">{status}</strong>
                {(!acknowledged && crate::api::cases::is_open(&case.status))
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
        <ProcedureCard case=for_card/>
        {case.backlog.clone().map(|backlog| view! { <BacklogCard backlog/> })}
        <CaseActions case=for_actions local/>
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
        <li class="timeline-entry" data-kind=entry.kind.code()>
            <span class="timeline-head">
                <strong>{crate::i18n::events::event_name(locale, entry.kind)}</strong>
                <span class="muted">{short_time(entry.at, now_ms())}</span>
            </span>
            {(!who.is_empty()).then(|| view! { <span class="muted">{who}</span> })}
            {entry.detail.map(|d| view! { <span class="timeline-detail">{d}</span> })}
            {(!entry.facts.is_empty()).then(|| view! {
                <span class="timeline-facts">{entry.facts.into_iter().map(|f| view! {
                    <span class="timeline-fact">{fact_text(locale, f)}</span>
                }).collect_view()}</span>
            })}
        </li>
    }
}

/// One particular of an event, worded for the reader.
fn fact_text(locale: crate::i18n::Locale, fact: EventFact) -> String {
    let p = locale.procedure();
    let t = locale.texts();
    match fact {
        EventFact::Mediator { name, level } => {
            format!("{}：{name}（{}）", p.mediator, locale.level(level))
        }
        EventFact::Method(m) => locale.notice_method(m).to_owned(),
        EventFact::Parties(names) => format!("{}：{}", p.parties_told, names.join("、")),
        EventFact::HeldOn(day) => format!("{}：{day}", p.session_day),
        EventFact::Place(place) => format!("{}：{place}", t.session_place),
        EventFact::Participants(names) => format!("{}：{}", p.participants, names.join("、")),
        EventFact::AmountFen(fen) => {
            format!("{}：{}", t.amount, domain::dispute::format_yuan(fen))
        }
        EventFact::SignedOn(day) => format!("{}：{day}", p.signed_on),
        EventFact::PerformBy(day) => format!("{}：{day}", p.perform_by),
        EventFact::LastDay(day) => format!("{}{day}", p.confirmation_last_day),
        EventFact::Court(court) => format!("{}：{court}", p.court),
        EventFact::Ruling(ruling) => format!("{}：{ruling}", p.ruling),
        EventFact::Confirmed(true) => p.confirmed.to_owned(),
        EventFact::Confirmed(false) => p.refused_by_court.to_owned(),
        EventFact::Performance(v) => format!("{}：{}", p.performance, locale.performance(v)),
        EventFact::Satisfaction(v) => format!("{}：{}", p.satisfaction, locale.satisfaction(v)),
        EventFact::From(unit) => format!("← {unit}"),
        EventFact::To(unit) => format!("→ {unit}"),
        EventFact::Evaluated { month, outlook } => format!("{month} · {}", locale.outlook(outlook)),
        EventFact::Ground(g) => {
            format!("{}：{}", locale.backlog().ground, locale.clearing_ground(g))
        }
    }
}

/// Where the procedure stands: mediators, the notice of rights, the agreement, judicial
/// confirmation and the follow-up visit.
#[component]
fn ProcedureCard(case: CaseView) -> impl IntoView {
    let locale = use_locale();
    let p = locale.procedure();
    let has_anything =
        !case.mediators.is_empty() || case.agreement.is_some() || case.rights_noticed;
    let mediators = case
        .mediators
        .iter()
        .map(|m| {
            let invited = if m.invited {
                format!(" · {}", locale.action(Action::Invite))
            } else {
                String::new()
            };
            format!(
                "{}（{} · {}{invited}）",
                m.name,
                locale.level(m.level),
                m.unit_name
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    let confirmation = case.confirmation.as_deref().map(|c| match c {
        "applied" => p.applied,
        "confirmed" => p.confirmed,
        _ => p.refused_by_court,
    });
    let agreement = case.agreement.clone().map(|a| {
        let last_day = domain::procedure::confirmation_last_day(a.signed_on).to_string();
        view! {
            <dt>{p.agreement}</dt>
            <dd data-testid="agreement-terms">{a.terms.clone()}</dd>
            {a.amount_fen.map(|fen| view! { <dt>{use_texts().amount}</dt><dd>{domain::dispute::format_yuan(fen)}</dd> })}
            <dt>{p.signed_on}</dt><dd>{a.signed_on.to_string()}</dd>
            <dt>{p.perform_by}</dt><dd>{a.perform_by.to_string()}</dd>
            <dt>{p.confirmation}</dt>
            <dd data-testid="confirmation">{confirmation.map_or_else(|| format!("{}{last_day}", p.confirmation_last_day), str::to_owned)}</dd>
            <dt>{locale.action(Action::FollowUp)}</dt>
            <dd>{if case.followed_up { p.followed_up } else { p.follow_up_pending }}</dd>
        }
    });
    has_anything.then(|| view! {
        <section class="card procedure">
            <dl class="facts">
                {(!mediators.is_empty()).then(|| view! { <dt>{p.mediators_on_case}</dt><dd data-testid="case-mediators">{mediators}</dd> })}
                {case.rights_noticed.then(|| view! { <dt>{locale.action(Action::NoticeOfRights)}</dt><dd>"✓"</dd> })}
                {agreement}
            </dl>
        </section>
    })
}

/// What the last action on this page came to.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Acted {
    Stored,
    /// The form is not complete: what is wrong, worded for the person.
    Problem(String),
    StorageFull,
}

/// Sends one step of the procedure: checks its fields as the server will, then puts it in the
/// outbox. Copy, so every form below can hold one.
#[derive(Clone, Copy)]
struct Sender {
    user_id: i64,
    case_id: StoredValue<String>,
    state: crate::device::state::SyncState,
    acted: RwSignal<Option<Acted>>,
    locale: crate::i18n::Locale,
}

impl Sender {
    /// Names the required field the person left empty.
    fn lacks(self, label: &str) {
        let t = self.locale.texts();
        self.acted
            .set(Some(Acted::Problem(format!("{label}：{}", t.err_required))));
    }

    /// Whether a required text is empty; if so the person is told which, by the label they
    /// see (the shared checks know only the field's name, the same for every step's reason).
    fn missing(self, label: &str, value: &str) -> bool {
        let empty = value.trim().is_empty();
        if empty {
            self.lacks(label);
        }
        empty
    }

    /// Returns whether the step was stored (so the form may clear itself).
    fn send(self, body: OpBody) -> bool {
        if let Some(problem) = body.action_problems().first() {
            self.acted.set(Some(Acted::Problem(format!(
                "{}：{}",
                self.locale.field_label(&problem.field),
                self.locale.problem(problem.problem)
            ))));
            return false;
        }
        let acted = submit(self.user_id, &self.case_id.read_value(), body, self.state);
        let stored = acted == Acted::Stored;
        self.acted.set(Some(acted));
        stored
    }
}

#[component]
fn CaseActions(case: CaseView, local: Memo<LocalView>) -> impl IntoView {
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
fn action_form(action: Action, case: &CaseView, send: Sender) -> AnyView {
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

/// Today, China time, as a date input's value.
fn today() -> String {
    domain::clock::Day::of_unix_ms(now_ms()).to_string()
}

/// A step whose only field is a text: a reason, a result, a note.
fn reason_form(
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

#[component]
fn RightsForm(send: Sender, parties: Vec<String>) -> impl IntoView {
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
fn MediatorForm(send: Sender, choices: Vec<Mediator>, invite: bool) -> impl IntoView {
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
fn named(names: Vec<String>) -> Vec<(String, String)> {
    names.into_iter().map(|n| (n.clone(), n)).collect()
}

/// Names typed into one field: split on the separators people use.
fn names(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

#[component]
fn SessionForm(send: Sender) -> impl IntoView {
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
fn day_of(send: Sender, label: &str, value: &str) -> Option<domain::clock::Day> {
    let day = domain::clock::Day::parse(value.trim());
    if day.is_none() {
        send.lacks(label);
    }
    day
}

#[component]
fn AgreementForm(send: Sender) -> impl IntoView {
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
fn ApplicationForm(send: Sender) -> impl IntoView {
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
fn RulingForm(send: Sender) -> impl IntoView {
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
fn TransferForm(send: Sender, units: Vec<UnitChoice>, parties: Vec<String>) -> impl IntoView {
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
fn JoinForm(send: Sender, units: Vec<UnitChoice>) -> impl IntoView {
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

/// Puts the action into the outbox and syncs at once.
fn submit(
    user_id: i64,
    case_id: &str,
    body: OpBody,
    state: crate::device::state::SyncState,
) -> Acted {
    let step = crate::device::Queued::Step {
        case_id: case_id.to_owned(),
        body,
    };
    match crate::device::queue(user_id, step, state) {
        Ok(()) => Acted::Stored,
        Err(_) => Acted::StorageFull,
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

/// One case the signed-in user may see, for its page.
#[server(endpoint = "case")]
pub async fn load_case(id: String) -> Result<CaseView, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.case(&user, id.trim()).await
}
