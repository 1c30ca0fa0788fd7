//! 月报 (`/reports?from=2026-11&to=2026-11`): the tables sent to the justice bureau — each unit
//! of the subtree by category, outcome and rate, and each mediator's cases — for a period, with
//! the same tables as CSV and XLSX files. Offline, the report last fetched for the period shows,
//! saying when; the downloads wait for the network.

use crate::api::report::MonthlyReport;
use crate::components::kept_note::KeptNote;
use crate::components::layout::use_session_user;
use crate::components::period::{Downloads, PeriodChooser};
use crate::components::unit_card::LoadError;
use crate::device::kept::Shown;
use crate::i18n::use_locale;
use crate::reporting::{Cell, Table, Written};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ReportPage() -> impl IntoView {
    let locale = use_locale();
    let r = locale.report();
    let address = use_query_map();
    let asked = Memo::new(move |_| address.with(|m| (m.get("from"), m.get("to"))));
    let user_id = use_session_user().map(|u| u.id).unwrap_or_default();
    let state = crate::device::state::use_sync_state();
    // Read again after each sync, as 统计 is: a page served before the network went shows the
    // device's copy then, saying when it was fetched.
    let report = Resource::new(
        move || (asked.get(), state.revision.get()),
        move |((from, to), _)| {
            let name = format!(
                "report?{}-{}",
                from.clone().unwrap_or_default(),
                to.clone().unwrap_or_default()
            );
            crate::device::fetched_or_kept(user_id, name, None, load_monthly_report(from, to))
        },
    );
    view! {
        <Title text=r.title/>
        <h1 class="page-title">{r.title}</h1>
        <p class="muted">{r.intro}</p>
        <Transition fallback=move || view! { <p class="loading">{crate::i18n::use_texts().loading}</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(Shown { value, kept_at }) => Either::Left(view! {
                        <section class="card">
                            <PeriodChooser period=value.period action="/reports"/>
                            <Downloads period=value.period recounting=value.recounting/>
                        </section>
                        <KeptNote kept_at/>
                        <Tables report=value/>
                    }),
                    Err(error) if crate::device::unreachable(&error) => Either::Right(Either::Left(view! {
                        <p class="notice kept-note" role="status" data-testid="kept-note">{r.offline_none}</p>
                    })),
                    Err(error) => Either::Right(Either::Right(view! { <LoadError error/> })),
                }
            })}
        </Transition>
    }
}

#[component]
fn Tables(report: MonthlyReport) -> impl IntoView {
    let locale = use_locale();
    let r = locale.report();
    let [units, mediators] = report.tables(locale);
    let no_mediators = mediators.rows.is_empty();
    view! {
        <section class="card">
            <h2>{units.name.clone()}</h2>
            <ReportTable table=units testid="report-units"/>
        </section>
        <section class="card">
            <h2>{mediators.name.clone()}</h2>
            <p class="muted">{r.mediators_note}</p>
            {if no_mediators {
                Either::Left(view! { <p class="empty">{r.no_mediators}</p> })
            } else {
                Either::Right(view! { <ReportTable table=mediators testid="report-mediators"/> })
            }}
        </section>
    }
}

/// A table that scrolls sideways inside its card on a narrow screen, its first column fixed.
#[component]
fn ReportTable(table: Table, testid: &'static str) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=table.name.clone()>
            <table class="report-table" data-testid=testid>
                <thead><tr>
                    {table.header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {table.rows.into_iter().map(|row| view! {
                        <tr>
                            {row.into_iter().enumerate().map(|(i, cell)| {
                                let text = cell.text();
                                let numeric = !matches!(cell, Cell::Text(_));
                                if i == 0 {
                                    Either::Left(view! { <th scope="row">{text}</th> })
                                } else {
                                    Either::Right(view! { <td class:num=numeric>{text}</td> })
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The page as a lazily loaded route: its code is a separate wasm chunk (see `shell.rs`).
pub struct ReportRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for ReportRoute {
    fn data() -> Self {
        ReportRoute
    }

    fn view(_this: Self) -> AnyView {
        view! {
            <crate::components::desk_gate::DeskGate desk=domain::session::Desk::Figures>
                <ReportPage/>
            </crate::components::desk_gate::DeskGate>
        }
        .into_any()
    }
}

/// 月报 for the period in the address.
#[server(endpoint = "reports/monthly")]
pub async fn load_monthly_report(
    from: Option<String>,
    to: Option<String>,
) -> Result<MonthlyReport, crate::error::AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    let now = domain::clock::Month::of_unix_ms(crate::clock::now_ms());
    let period = crate::api::dashboard::Period::from_address(from.as_deref(), to.as_deref(), now);
    backend()?.monthly_report(&user, period).await
}
