//! Each role's home page. A grid worker sees their grid and the chain above it; a cadre their
//! village and its grids; township, county and city staff the units of their jurisdiction
//! (ladder units first, then the committees and departments attached to a county or city).

use crate::api::home::{HomeView, UnitSummary};
use crate::components::layout::use_session_user;
use crate::components::local_cases::LocalCases;
use crate::components::unit_card::{unit_kind_label, LoadError, PersonRow, Rows, UnitRow};
use crate::error::AppError;
use crate::i18n::{use_texts, Texts};
use domain::jurisdiction::UnitKind;
use domain::session::{Desk, Role};
use leptos::prelude::*;
use leptos_meta::Title;

fn home_title(t: &'static Texts, role: Option<Role>) -> &'static str {
    match role {
        Some(Role::GridWorker) => t.home_grid_worker,
        Some(Role::Mediator) => t.home_mediator,
        Some(Role::Admin) => t.home_admin,
        Some(Role::Staff | Role::Supervisor) | None => t.home_staff,
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let user = use_session_user();
    let role = user.as_ref().map(|u| u.role);
    let user_id = user.as_ref().map(|u| u.id).unwrap_or_default();
    let figures = user.as_ref().is_some_and(|u| u.opens(Desk::Figures));
    // 一窗受理: every unit that registers disputes brought to it, one tap from its home.
    let window =
        role != Some(Role::GridWorker) && user.as_ref().is_some_and(|u| u.opens(Desk::Registering));
    let cases_title = if role == Some(Role::GridWorker) {
        t.my_cases
    } else {
        t.cases_in_unit
    };
    // The unit's place in the tree, kept on the device as it arrives: offline, the copy the
    // device keeps, saying when it was kept.
    let home = Resource::new_blocking(
        || (),
        move |_| crate::device::fetched_or_kept(user_id, "home".into(), None, load_home()),
    );
    view! {
        <Title text=home_title(t, role)/>
        <h1 class="page-title">{home_title(t, role)}</h1>
        <Show when=move || role == Some(Role::GridWorker)>
            <a href="/record" class="button primary record-cta">{t.nav_record}</a>
        </Show>
        {window.then(|| view! {
            <a href="/record" class="button record-cta" data-testid="record-at-window">{t.record_at_window}</a>
        })}
        <crate::pages::inbox::RecentNotices/>
        {figures.then(|| view! { <crate::pages::dashboard::Dashboard user_id/> })}
        <Show when=move || role == Some(Role::GridWorker)>
            <crate::components::due_visits::DueVisits user_id/>
            <crate::components::sweep_card::SweepCard user_id/>
        </Show>
        <LocalCases user_id title=cases_title/>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(shown) => leptos::either::Either::Left(view! {
                        // With the figures above, their note speaks for the page: one note, at the top.
                        {(!figures).then(|| view! { <crate::components::kept_note::KeptNote kept_at=shown.kept_at/> })}
                        <HomeSections view=shown.value/>
                    }),
                    Err(error) => leptos::either::Either::Right(view! { <LoadError error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HomeSections(view: HomeView) -> impl IntoView {
    let t = use_texts();
    let HomeView {
        unit,
        ancestors,
        children,
        colleagues,
    } = view;
    let chain = if ancestors.is_empty() {
        t.top_of_tree.to_owned()
    } else {
        ancestors
            .iter()
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>()
            .join(" › ")
    };
    let (attached, ladder): (Vec<UnitSummary>, Vec<UnitSummary>) = children
        .into_iter()
        .partition(|c| c.unit.kind.needs_category());
    let ladder_title = if unit.kind == UnitKind::Village {
        t.grids_and_workers
    } else {
        t.units_below
    };
    let kind = unit_kind_label(&unit);
    let is_court = unit.kind == UnitKind::Court;
    view! {
        {is_court.then(|| view! {
            <a href="/entrust" class="button primary record-cta">{crate::i18n::use_locale().entrust().submit}</a>
        })}
        <section class="card" aria-labelledby="my-unit">
            <h2 id="my-unit">{t.my_unit}</h2>
            <p class="unit-title">{unit.name.clone()}</p>
            <dl class="facts">
                <dt>{t.unit_kind}</dt><dd>{kind}</dd>
                {unit.code.clone().map(|code| view! { <dt>{t.division_code}</dt><dd>{code}</dd> })}
                <dt>{t.reports_to}</dt><dd>{chain}</dd>
            </dl>
        </section>
        {(unit.kind != UnitKind::Grid).then(|| view! {
            <section class="card">
                <h2>{ladder_title}</h2>
                <Rows items=ladder empty=t.no_units_below row=|summary| view! { <UnitRow summary/> }/>
            </section>
        })}
        {(!attached.is_empty()).then(|| view! {
            <section class="card">
                <h2>{t.attached_units}</h2>
                <ul class="rows">
                    {attached.into_iter().map(|summary| view! { <UnitRow summary/> }).collect_view()}
                </ul>
            </section>
        })}
        <section class="card">
            <h2>{t.colleagues}</h2>
            <Rows items=colleagues empty=t.no_colleagues row=|person| view! { <PersonRow person/> }/>
        </section>
    }
}

#[server(endpoint = "home")]
pub async fn load_home() -> Result<HomeView, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.home(&user).await
}
