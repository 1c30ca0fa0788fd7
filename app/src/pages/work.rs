//! 办案: the cases the unit holds, most urgent first (overdue, then not acknowledged, then by
//! deadline), filtered by stage, category and deadline. The filters live in the address
//! (`?stage=…&category=…&due=…`), so a filtered list can be bookmarked and works before the
//! page has hydrated (a plain GET form).

use crate::api::cases::CaseView;
use crate::api::work::{kept_work_list, AcceptanceFigures, Due, Stage, WorkFilter, WorkItem};
use crate::components::kept_note::KeptNote;
use crate::components::layout::use_session_user;
use crate::components::unit_card::LoadError;
use crate::device::kept::Shown;
use crate::device::state::use_sync_state;
use crate::error::AppError;
use crate::i18n::procedure::ProcedureTexts;
use crate::i18n::{use_locale, use_texts};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn WorkPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let p = locale.procedure();
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    // Re-read after every sync: a case acted on elsewhere moves in or out of the list.
    let state = use_sync_state();
    let user_id = use_session_user().map(|u| u.id).unwrap_or_default();
    let list = Resource::new(
        move || {
            (
                param("stage"),
                param("category"),
                param("due"),
                state.revision.get(),
            )
        },
        move |(stage, category, due, _)| async move {
            let filter = WorkFilter::of(&stage, &category, &due);
            match load_work_list(stage, category, due).await {
                Ok(items) => Ok(Shown::fresh(items)),
                Err(error) if crate::device::unreachable(&error) => {
                    kept_list(user_id, &filter).ok_or(error)
                }
                Err(error) => Err(error),
            }
        },
    );
    let stage = move || Stage::from_code(&param("stage"));
    let due = move || Due::from_code(&param("due"));
    let category = move || param("category");
    let categories = state.categories;
    let acceptance = Resource::new(move || state.revision.get(), |_| load_acceptance());
    view! {
        <Title text=p.work_title/>
        <h1 class="page-title">{p.work_title}</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                acceptance.await.ok().map(|figures| view! {
                    <p class="muted" data-testid="acceptance-rate">{acceptance_line(p, &figures)}</p>
                })
            })}
        </Transition>
        <form class="card form work-filter" method="get" action="/work">
            <label for="work-stage">{p.stage}</label>
            <select id="work-stage" name="stage">
                {Stage::ALL.into_iter().map(|s| view! {
                    <option value=s.code() selected=move || stage() == s>{locale.stage(s)}</option>
                }).collect_view()}
            </select>
            <label for="work-category">{t.category}</label>
            <select id="work-category" name="category">
                <option value="" selected=move || category().is_empty()>{p.all_categories}</option>
                {move || categories.get().into_iter().map(|c| {
                    let code = c.code.clone();
                    let name = locale.category(std::slice::from_ref(&c), &c.code);
                    view! { <option value=c.code.clone() selected=move || category() == code>{name}</option> }
                }).collect_view()}
            </select>
            <label for="work-due">{p.due}</label>
            <select id="work-due" name="due">
                {Due::ALL.into_iter().map(|d| view! {
                    <option value=d.code() selected=move || due() == d>{locale.due(d)}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="button primary">{p.apply_filter}</button>
        </form>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(shown) if shown.value.is_empty() => Either::Left(Either::Left(view! {
                        <KeptNote kept_at=shown.kept_at/>
                        <section class="card"><p class="muted">{p.work_empty}</p></section>
                    })),
                    Ok(shown) => Either::Left(Either::Right(view! {
                        <KeptNote kept_at=shown.kept_at/>
                        <section class="card">
                            <ul class="rows work-list">
                                {shown.value.into_iter().map(|item| view! { <WorkRow item/> }).collect_view()}
                            </ul>
                        </section>
                    })),
                    Err(error) => Either::Right(view! { <LoadError error/> }),
                }
            })}
        </Transition>
    }
}

/// 办案 from the cases' details the device keeps, as of its last sync; `None` before any.
fn kept_list(user_id: i64, filter: &WorkFilter) -> Option<Shown<Vec<WorkItem>>> {
    let at = crate::device::last_sync(user_id)?;
    let views = crate::device::kept_cases::<CaseView>(user_id)
        .into_iter()
        .map(|kept| kept.value);
    Some(Shown {
        value: kept_work_list(views, filter, crate::clock::now_ms()),
        kept_at: Some(at),
    })
}

/// "本月受理 3 件，不予受理 1 件，受理率 75%".
fn acceptance_line(p: &ProcedureTexts, figures: &AcceptanceFigures) -> String {
    match figures.rate_percent() {
        None => p.acceptance_none.to_owned(),
        Some(rate) => p
            .acceptance_rate
            .replace("{accepted}", &figures.accepted.to_string())
            .replace("{declined}", &figures.declined.to_string())
            .replace("{rate}", &rate.to_string()),
    }
}

#[component]
fn WorkRow(item: WorkItem) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let p = locale.procedure();
    let category = locale.category(
        &use_sync_state().categories.read_untracked(),
        &item.category,
    );
    view! {
        <li class="work-item" data-overdue=item.overdue.to_string()>
            <a class="case-summary" href=format!("/cases/{}", item.id)>{item.summary.clone()}</a>
            <span class="muted">{item.number.clone()} " · " {category} " · " {locale.case_status(&item.status)}</span>
            <span class="work-flags">
                {item.deadline.clone().map(|d| view! { <span>{t.deadline} " " {d}</span> })}
                {item.overdue.then(|| view! { <span class="badge">{p.overdue_badge}</span> })}
                {(!item.acknowledged).then(|| view! { <span class="badge muted-badge">{t.not_acknowledged}</span> })}
                {item.co_held.then(|| view! { <span class="badge muted-badge">{p.co_held}</span> })}
                {item.backlog.then(|| view! { <span class="badge">{locale.backlog().badge}</span> })}
                {item.handed_down.then(|| view! { <span class="badge" data-testid="handed-down-badge">{locale.dashboard().handed_down}</span> })}
                {item.pressed.then(|| view! { <span class="badge" data-testid="pressed-badge">{locale.dashboard().supervised}</span> })}
            </span>
        </li>
    }
}

/// The page as a lazily loaded route: its code is a separate wasm chunk (see `shell.rs`).
pub struct WorkRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for WorkRoute {
    fn data() -> Self {
        WorkRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <WorkPage/> }.into_any()
    }
}

/// 办案: the cases the user's unit holds, filtered (`work_list::Stage`, `Due` codes; an empty
/// category means every category).
#[server(endpoint = "work")]
pub async fn load_work_list(
    stage: String,
    category: String,
    due: String,
) -> Result<Vec<WorkItem>, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?
        .work_list(&user, WorkFilter::of(&stage, &category, &due))
        .await
}

/// 受理率: the unit's decisions this month.
#[server(endpoint = "work/acceptance")]
pub async fn load_acceptance() -> Result<AcceptanceFigures, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.acceptance(&user).await
}
