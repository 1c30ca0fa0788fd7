//! 委托调解: a court user hands a dispute before the court to a mediation organisation of its
//! county, with every party's consent (seed 000 四(二)). The entrustment goes through the outbox
//! like a recorded dispute; the cases the court entrusted, and what became of them, are listed
//! below the form.

use crate::api::cases::UnitChoice;
use crate::components::form_controls::bind;
use crate::components::layout::use_session_user;
use crate::components::local_cases::LocalCases;
use crate::components::unit_card::LoadError;
use crate::device::state::use_sync_state;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use domain::dispute::{DisputeFacts, Party, PartyKind, PartyRole};
use domain::procedure::{Consent, Entrustment};
use domain::sync::OpBody;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn EntrustPage() -> impl IntoView {
    let t = use_texts();
    let e = use_locale().entrust();
    let user_id = use_session_user().map(|u| u.id).unwrap_or_default();
    let targets = Resource::new(|| (), |_| load_entrust_targets());
    view! {
        <Title text=e.title/>
        <h1 class="page-title">{e.title}</h1>
        <p class="muted">{e.intro}</p>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match targets.await {
                    Ok(units) if units.is_empty() => Either::Left(Either::Left(view! {
                        <section class="card"><p class="muted">{e.no_targets}</p></section>
                    })),
                    Ok(units) => Either::Left(Either::Right(view! { <EntrustForm user_id units/> })),
                    Err(error) => Either::Right(view! { <LoadError error/> }),
                }
            })}
        </Transition>
        <LocalCases user_id title=e.entrusted_cases/>
    }
}

/// What became of the last submission.
#[derive(Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Sent {
    Saved,
    Problem(String),
}

#[component]
fn EntrustForm(user_id: i64, units: Vec<UnitChoice>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let e = locale.entrust();
    let state = use_sync_state();
    let fields = Fields::new();
    let sent = RwSignal::new(None::<Sent>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = match fields.entrustment() {
            Ok(entrustment) => OpBody::Entrust(entrustment),
            Err(label) => {
                sent.set(Some(Sent::Problem(format!("{label}：{}", t.err_required))));
                return;
            }
        };
        if let Some(problem) = body.action_problems().first() {
            let text = locale.field_problem(&problem.field, problem.problem);
            sent.set(Some(Sent::Problem(format!(
                "{}：{text}",
                locale.field_label(&problem.field)
            ))));
            return;
        }
        match crate::device::queue(user_id, crate::device::Queued::NewCase(body), state) {
            Ok(_) => {
                fields.clear();
                sent.set(Some(Sent::Saved));
            }
            Err(_) => sent.set(Some(Sent::Problem(t.problem_storage.to_owned()))),
        }
    };
    let categories = state.categories;
    view! {
        <form class="card form entrust-form" on:submit=on_submit>
            <label for="entrust-number">{e.court_case_number}</label>
            <input id="entrust-number" type="text" prop:value=move || fields.number.get() on:input=bind(fields.number)/>
            <label for="entrust-category">{t.category}</label>
            <select id="entrust-category" on:change=bind(fields.category)>
                <option value="">{locale.procedure().choose}</option>
                {move || categories.get().into_iter().filter(|c| !c.retired).map(|c| {
                    let name = locale.category(std::slice::from_ref(&c), &c.code);
                    view! { <option value=c.code.clone()>{name}</option> }
                }).collect_view()}
            </select>
            <label for="entrust-summary">{t.summary}</label>
            <textarea id="entrust-summary" rows=3 prop:value=move || fields.summary.get() on:input=bind(fields.summary)></textarea>
            <label for="entrust-applicant">{e.applicant}</label>
            <input id="entrust-applicant" type="text" prop:value=move || fields.applicant.get() on:input=bind(fields.applicant)/>
            <label for="entrust-respondent">{e.respondent}</label>
            <input id="entrust-respondent" type="text" prop:value=move || fields.respondent.get() on:input=bind(fields.respondent)/>
            <label for="entrust-location">{t.location}</label>
            <input id="entrust-location" type="text" prop:value=move || fields.location.get() on:input=bind(fields.location)/>
            <label for="entrust-to">{e.to_unit}</label>
            <select id="entrust-to" on:change=bind(fields.to)>
                <option value="">{locale.procedure().choose}</option>
                {units.into_iter().map(|u| view! { <option value=u.id.to_string()>{u.name}</option> }).collect_view()}
            </select>
            <label for="entrust-reason">{e.reason}</label>
            <textarea id="entrust-reason" rows=2 prop:value=move || fields.reason.get() on:input=bind(fields.reason)></textarea>
            <label class="check">
                <input type="checkbox" prop:checked=move || fields.consent.get()
                    on:change=move |ev| fields.consent.set(event_target_checked(&ev))/>
                {e.consent}
            </label>
            {move || sent.get().map(|s| match s {
                Sent::Saved => view! { <p class="notice" role="status">{e.saved}</p> }.into_any(),
                Sent::Problem(p) => view! { <p class="error" role="alert">{p}</p> }.into_any(),
            })}
            <button type="submit" class="button primary">{e.submit}</button>
        </form>
    }
}

/// The form's fields.
#[derive(Clone, Copy)]
struct Fields {
    number: RwSignal<String>,
    category: RwSignal<String>,
    summary: RwSignal<String>,
    applicant: RwSignal<String>,
    respondent: RwSignal<String>,
    location: RwSignal<String>,
    to: RwSignal<String>,
    reason: RwSignal<String>,
    consent: RwSignal<bool>,
}

impl Fields {
    fn new() -> Fields {
        let text = || RwSignal::new(String::new());
        Fields {
            number: text(),
            category: text(),
            summary: text(),
            applicant: text(),
            respondent: text(),
            location: text(),
            to: text(),
            reason: text(),
            consent: RwSignal::new(false),
        }
    }

    /// The entrustment as typed, or the label of the choice still to make. The consent box
    /// stands for every party: the court has their consent before it entrusts.
    fn entrustment(&self) -> Result<Entrustment, &'static str> {
        let e = use_locale().entrust();
        let to_unit_id = self
            .to
            .get_untracked()
            .parse::<i64>()
            .map_err(|_| e.to_unit)?;
        if !self.consent.get_untracked() {
            return Err(e.consent);
        }
        let party = |name: RwSignal<String>, role| Party {
            name: name.get_untracked().trim().to_owned(),
            role,
            kind: PartyKind::Person,
            phone: None,
            id_number: None,
        };
        let parties = vec![
            party(self.applicant, PartyRole::Applicant),
            party(self.respondent, PartyRole::Respondent),
        ];
        let consents = parties
            .iter()
            .map(|p| Consent {
                party: p.name.clone(),
                consented: true,
            })
            .collect();
        Ok(Entrustment {
            facts: DisputeFacts {
                category: self.category.get_untracked(),
                summary: self.summary.get_untracked().trim().to_owned(),
                parties,
                amount_fen: None,
                people_involved: 2,
                location: self.location.get_untracked().trim().to_owned(),
                gps: None,
                facts_clear: false,
                sensitive: false,
                petition_risk: false,
                resolved_on_spot: None,
                consent_to_transfer: true,
                source: domain::dispute::Source::Court,
            },
            to_unit_id,
            court_case_number: self.number.get_untracked().trim().to_owned(),
            reason: self.reason.get_untracked().trim().to_owned(),
            consents,
        })
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn clear(&self) {
        for text in [
            self.number,
            self.summary,
            self.applicant,
            self.respondent,
            self.location,
            self.reason,
        ] {
            text.set(String::new());
        }
        self.consent.set(false);
    }
}

/// The page as a lazily loaded route: its code is a separate wasm chunk (see `shell.rs`).
pub struct EntrustRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for EntrustRoute {
    fn data() -> Self {
        EntrustRoute
    }

    fn view(_this: Self) -> AnyView {
        view! {
            <crate::components::desk_gate::DeskGate desk=domain::session::Desk::Entrusting>
                <EntrustPage/>
            </crate::components::desk_gate::DeskGate>
        }
        .into_any()
    }
}

/// 委托调解: the mediation organisations of the court's county.
#[server(endpoint = "entrust/targets")]
pub async fn load_entrust_targets() -> Result<Vec<UnitChoice>, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.entrust_targets(&user).await
}
