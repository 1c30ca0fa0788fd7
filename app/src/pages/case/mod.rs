//! 案件: one case for the units that hold or held it — facts (personal data masked), holder,
//! channel, deadline, why the rules sent it there, the timeline — and the holder's actions:
//! acknowledge (签收), escalate with a reason, resolve with the result. Actions go through the
//! device's outbox and sync like a recorded dispute, so a refused one (someone acted first) is
//! shown here with its reason and nothing is silently lost.

mod actions;
mod backlog;
mod duplicates;
mod forms;
mod local;
mod pending;
mod procedure_card;
mod sender;
mod timeline;

use crate::api::cases::CaseView;
use actions::{CaseActions, Offer};
use local::LocalView;
use procedure_card::ProcedureCard;
use timeline::TimelineRow;

use crate::components::kept_note::KeptNote;
use crate::components::layout::use_session_user;
use crate::components::routed_because::RoutedBecause;
use crate::device::kept::case_key;
use crate::device::state::use_sync_state;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use backlog::BacklogCard;

#[component]
pub fn CasePage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let state = use_sync_state();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let user_id = use_session_user().map(|u| u.id).unwrap_or_default();
    // Re-read when a sync changed this case (`LocalView`) — not on every sync, which would close
    // the form a person is typing in whenever an unrelated case syncs. Read once the page is
    // live: the server, which holds no device, rendered it as if nothing waited, and hydration
    // must find the same page.
    let mounted = RwSignal::new(false);
    Effect::new(move |_| mounted.set(true));
    let local = Memo::new(move |_| {
        state.revision.track();
        if mounted.get() {
            LocalView::read(user_id, &id())
        } else {
            LocalView::default()
        }
    });
    // The page as first drawn knew of no step of this device: a change from that (a step
    // waiting, refused, or a newer pull) draws the case again — and only then, since re-reading
    // swaps the form under a person's tap.
    let first = StoredValue::new(None::<LocalView>);
    let changed = Memo::new(move |prev: Option<&Option<LocalView>>| {
        let now = local.get();
        if !mounted.get() {
            return None;
        }
        // A step the server applied leaves the waiting list a moment before the same sync's pull
        // brings the case's new state: the page waits for that rather than drawing the old state
        // in between (and closing a form the person has just opened).
        if let Some(Some(prev)) = prev {
            let settled = now.seq == prev.seq
                && now.refused == prev.refused
                && now.waiting.len() < prev.waiting.len();
            if settled {
                return Some(prev.clone());
            }
        }
        let base = first.with_value(|f| f.clone()).unwrap_or_else(|| {
            let drawn = LocalView {
                seq: now.seq,
                ..LocalView::default()
            };
            first.set_value(Some(drawn.clone()));
            drawn
        });
        (now != base).then_some(now)
    });
    // From the server when it answers (and kept on the device as it arrives); offline, the
    // copy the device keeps — fetched with every sync for the cases the person holds or
    // recorded, so a case never opened before opens too.
    // Read again at the person's word too: back online, the page offers it rather than redraw
    // under a form being filled in.
    let reads = RwSignal::new(0u32);
    let reload = Callback::new(move |_| reads.update(|n| *n += 1));
    let case = Resource::new(
        move || (id(), changed.get(), reads.get()),
        move |(id, _, _)| {
            let seq = local.get_untracked().seq;
            crate::device::fetched_or_kept(user_id, case_key(&id), seq, load_case(id))
        },
    );
    view! {
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(shown) => Either::Left(view! {
                        <KeptNote kept_at=shown.kept_at reload/>
                        <CaseDetail case=shown.value local/>
                    }),
                    Err(error) => Either::Right(view! { <pending::OrPending error user_id case_id=id()/> }),
                }
            })}
        </Transition>
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
    let offer = Offer::of(&case, &local.get_untracked());
    let status = locale.case_status(offer.status.map_or(case.status.as_str(), |s| s.code()));
    let acknowledged = case.acknowledged || offer.acknowledged;
    let (for_card, for_actions, for_duplicates) = (case.clone(), case.clone(), case.clone());
    view! {
        <Title text=format!("{} {}", t.case_title, case.number)/>
        <h1 class="page-title">{t.case_title} " " <span class="case-number">{case.number.clone()}</span></h1>
        // Flagged by an open early warning: said at the top, with the path the rules offer.
        // A merged duplicate is its kept case's dispute: the warning is read there.
        {case.open_warning().filter(|_| case.merged_into.is_none()).map(|text| {
            // Only the holder can bring other units in; where the rules brought them in
            // already (`[warning] joint = "apply"`), the co-holders are listed below.
            let joint_now = case.may.contains(&domain::procedure::Action::JoinUnits);
            let offer = match (case.standing.lead && case.co_holders.is_empty(), joint_now) {
                (false, _) => "",
                (true, true) => t.warning_joint_now,
                (true, false) => t.warning_joint_later,
            };
            view! {
                <p class="case-warning" role="status" data-testid="case-warning">
                    <strong>{t.warning_label}</strong>{text.to_owned()}{offer}
                </p>
            }
        })}
        // A duplicate report linked into another case: said first, with the way there.
        {case.merged_into.clone().map(|into| view! {
            <p class="notice case-merged" role="status" data-testid="case-merged">
                {locale.duplicates().merged_into} " "
                <a href=format!("/cases/{}", into.id) class="case-number">{into.number}</a>
            </p>
        })}
        <section class="card case-facts">
            <p class="case-status-line">
                <strong class="case-status" data-testid="case-status">{status}</strong>
                {facts.sensitive.then(|| view! { <span class="badge sensitive-badge" data-testid="sensitive-badge">{t.sensitive_badge}</span> })}
                {offer.waiting.then(|| view! { <span class="badge waiting-badge">{t.waiting_badge}</span> })}
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
                // A window's record says how the dispute came in; a grid's rounds go unsaid.
                {(facts.source != domain::dispute::Source::GridPatrol).then(|| view! {
                    <dt>{t.source}</dt><dd data-testid="case-source">{use_locale().source(facts.source)}</dd>
                })}
                {case.device_clock_skew_hours.map(|hours| view! {
                    <dt>{t.device_clock}</dt>
                    <dd data-testid="device-clock">{device_clock_line(t, hours)}</dd>
                })}
                <dt>{t.location}</dt><dd>{facts.location.clone()}</dd>
                <dt>{t.parties}</dt>
                <dd><PartyLines parties=facts.parties.clone() call=case.personal_data_whole/></dd>
            </dl>
            <RoutedBecause rules=routed_by kept_at_window=case.kept_at_window/>
        </section>
        <duplicates::DuplicatePanel case=for_duplicates local/>
        <CaseActions case=for_actions local offer/>
        <ProcedureCard case=for_card/>
        {case.backlog.clone().map(|backlog| view! { <BacklogCard backlog/> })}
        <section class="card" aria-labelledby="timeline">
            <h2 id="timeline">{t.timeline}</h2>
            <ol class="timeline">
                {case.timeline.into_iter().map(|entry| view! { <TimelineRow entry/> }).collect_view()}
            </ol>
        </section>
    }
}

/// The parties as a case shows them: name, role and phone (masked as the reader must see it).
/// With `call`, a whole number is a link that dials it (tap-to-call on phones and tablets).
#[component]
pub(super) fn PartyLines(
    parties: Vec<domain::dispute::Party>,
    #[prop(optional)] call: bool,
) -> impl IntoView {
    let locale = use_locale();
    parties
        .into_iter()
        .map(|p| {
            let phone = p.phone.map(|ph| {
                if call {
                    let dial = format!("tel:{}", ph.trim());
                    view! { " · " <a class="tel" href=dial>{ph}</a> }.into_any()
                } else {
                    view! { " · " {ph} }.into_any()
                }
            });
            view! { <span class="party-line">{p.name} " (" {locale.party_role(p.role)} ")" {phone}</span> }
        })
        .collect_view()
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

/// 设备时间与服务器相差 N 小时: deadlines count from when the server received the record.
fn device_clock_line(t: &'static crate::i18n::Texts, hours: i64) -> String {
    let direction = if hours < 0 {
        t.device_clock_behind
    } else {
        t.device_clock_ahead
    };
    format!(
        "{}{}{}{}",
        t.device_clock_off,
        direction,
        hours.abs(),
        t.device_clock_hours
    )
}
