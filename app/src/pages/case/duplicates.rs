//! 疑似重复登记 on the case page: each likely duplicate beside this case, fact by fact, and the
//! holder's decision — link them (并案, one way or the other) or mark them different. The
//! decision goes through the outbox like any step, offline too; linking asks once more, since
//! the linked case ends.

use super::local::LocalView;
use super::sender::{Acted, Sender};
use super::PartyLines;
use crate::api::cases::{CaseView, DuplicateCandidate};
use crate::clock::now_ms;
use crate::components::layout::use_session_user;
use crate::device::state::use_sync_state;
use crate::i18n::{use_locale, use_texts};
use domain::clock::short_time;
use domain::duplicates::{DuplicateDecision, Verdict};
use domain::sync::OpBody;
use leptos::prelude::*;

/// One side of the comparison: the facts both cases have.
#[derive(Clone)]
struct Side {
    heading: &'static str,
    number: String,
    link: Option<String>,
    recorded_at: i64,
    grid_name: String,
    holder_name: String,
    status: String,
    parties: Vec<domain::dispute::Party>,
    summary: String,
}

impl Side {
    fn this(case: &CaseView, heading: &'static str) -> Side {
        Side {
            heading,
            number: case.number.clone(),
            link: None,
            recorded_at: case.recorded_at,
            grid_name: case.grid_name.clone(),
            holder_name: case.holder_name.clone(),
            status: case.status.clone(),
            parties: case.facts.parties.clone(),
            summary: case.facts.summary.clone(),
        }
    }

    fn other(c: &DuplicateCandidate, heading: &'static str) -> Side {
        Side {
            heading,
            number: c.number.clone(),
            link: Some(format!("/cases/{}", c.id)),
            recorded_at: c.recorded_at,
            grid_name: c.grid_name.clone(),
            holder_name: c.holder_name.clone(),
            status: c.status.clone(),
            parties: c.facts.parties.clone(),
            summary: c.facts.summary.clone(),
        }
    }
}

/// What the holder found.
#[derive(Clone, Copy, PartialEq)]
enum Choice {
    /// This case goes on; the other is linked into it.
    Absorb,
    /// This case is linked into the other.
    Join,
    Distinct,
}

#[component]
pub(super) fn DuplicatePanel(case: CaseView, local: Memo<LocalView>) -> impl IntoView {
    let d = use_locale().duplicates();
    let this = Side::this(&case, d.this_case);
    let candidates = case
        .duplicates
        .iter()
        .map(|c| view! { <Comparison this=this.clone() other=c.clone() case_id=case.id.clone() local/> })
        .collect_view();
    (!case.duplicates.is_empty()).then(|| {
        view! {
            <section class="card duplicates" aria-labelledby="duplicates-heading" data-testid="duplicates">
                <h2 id="duplicates-heading">{d.heading}</h2>
                <p class="muted">{d.intro}</p>
                {candidates}
            </section>
        }
    })
}

#[component]
fn Comparison(
    this: Side,
    other: DuplicateCandidate,
    case_id: String,
    local: Memo<LocalView>,
) -> impl IntoView {
    let locale = use_locale();
    let d = locale.duplicates();
    let t = use_texts();
    let acted = RwSignal::new(None::<Acted>);
    let send = Sender {
        user_id: use_session_user().map(|u| u.id).unwrap_or_default(),
        case_id: StoredValue::new(case_id.clone()),
        state: use_sync_state(),
        acted,
        locale,
    };
    let other_id = other.id.clone();
    let other_side = Side::other(&other, d.other_case);
    let waiting = {
        let other_id = other_id.clone();
        move || local.with(|l| l.settling.contains(&other_id))
    };
    let decide = {
        let (this_id, other_id) = (case_id.clone(), other_id.clone());
        move |choice: Choice| {
            // Linking ends a case: asked once more. Marking them different only stops the
            // question.
            if choice != Choice::Distinct && !confirmed(d.confirm_link) {
                return;
            }
            // The operation's case is the one that goes on (`domain::duplicates`).
            let (on, beside, verdict) = match choice {
                Choice::Absorb => (&this_id, &other_id, Verdict::Absorb),
                Choice::Join => (&other_id, &this_id, Verdict::Absorb),
                Choice::Distinct => (&this_id, &other_id, Verdict::Distinct),
            };
            send.send_on(
                on,
                OpBody::SettleDuplicate(DuplicateDecision {
                    other_case_id: beside.clone(),
                    verdict,
                }),
            );
        }
    };
    let mut choices = Vec::new();
    if other.may_absorb {
        choices.push(Choice::Absorb);
    }
    if other.may_join {
        choices.push(Choice::Join);
    }
    choices.push(Choice::Distinct);
    let buttons = move || {
        choices
            .iter()
            .map(|choice| {
                let (choice, decide) = (*choice, decide.clone());
                let (class, label) = match choice {
                    Choice::Absorb => ("button primary", d.absorb),
                    Choice::Join => ("button primary", d.join),
                    Choice::Distinct => ("button", d.distinct),
                };
                view! {
                    <button type="button" class=class data-duplicate=choice_code(choice)
                        on:click=move |_| decide(choice)>{label}</button>
                }
            })
            .collect_view()
    };
    let actions = move || match (other.may_decide, waiting()) {
        (false, _) => view! { <p class="muted">{d.decided_elsewhere}</p> }.into_any(),
        (true, true) => view! {
            <p class="notice" role="status" data-testid="duplicate-waiting">{d.waiting}</p>
        }
        .into_any(),
        (true, false) => view! { <div class="duplicate-actions">{buttons()}</div> }.into_any(),
    };
    view! {
        <div class="duplicate" data-other=other_id>
            <div class="duplicate-compare">
                <SideFacts side=this/>
                <SideFacts side=other_side/>
            </div>
            {move || acted.get().and_then(|a| match a {
                Acted::Stored => None,
                Acted::Problem(p) => Some(view! { <p class="error" role="alert">{p}</p> }.into_any()),
                Acted::StorageFull => Some(view! { <p class="error" role="alert">{t.problem_storage}</p> }.into_any()),
            })}
            {actions}
        </div>
    }
}

/// The browser's own question, answered yes.
fn confirmed(question: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.confirm_with_message(question).ok())
            .unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = question;
        false
    }
}

fn choice_code(choice: Choice) -> &'static str {
    match choice {
        Choice::Absorb => "absorb",
        Choice::Join => "join",
        Choice::Distinct => "distinct",
    }
}

/// One column of the comparison.
#[component]
fn SideFacts(side: Side) -> impl IntoView {
    let locale = use_locale();
    let d = locale.duplicates();
    let number = match side.link {
        Some(href) => view! { <a href=href class="case-number">{side.number}</a> }.into_any(),
        None => view! { <span class="case-number">{side.number}</span> }.into_any(),
    };
    view! {
        <dl class="facts duplicate-side">
            <dt class="duplicate-heading">{side.heading}</dt>
            <dd>{number}</dd>
            <dt>{d.recorded}</dt><dd>{short_time(side.recorded_at, now_ms())}</dd>
            <dt>{d.recorded_by}</dt><dd>{side.grid_name}</dd>
            <dt>{d.holder}</dt><dd>{side.holder_name}</dd>
            <dt>{d.status}</dt><dd>{locale.case_status(&side.status)}</dd>
            <dt>{d.parties}</dt><dd><PartyLines parties=side.parties/></dd>
            <dt>{d.summary}</dt><dd>{side.summary}</dd>
        </dl>
    }
}
