//! 统计 on the home page of township, county and city staff: the rates the seeds set targets
//! for, the counts behind them, the month trend, the categories and the escalation funnel, for
//! a period in the address (`/?from=2026-01&to=2026-11`). Each number links to 案件查询 listing
//! the cases it counts; each chart is drawn here as SVG and followed by its numbers as a table,
//! which is what a screen reader reads. Offline, the figures last fetched for the same period
//! show, saying when.

use crate::api::case_list::FromAbove;
use crate::api::dashboard::{CategoryFigures, DashboardView, Period};
use crate::components::kept_note::KeptNote;
use crate::components::period::{Downloads, PeriodChooser};
use crate::components::unit_card::LoadError;
use crate::device::kept::Shown;
use crate::device::state::use_sync_state;
use crate::i18n::dashboard::DashboardTexts;
use crate::i18n::{use_locale, Locale};
use domain::clock::Month;
use domain::figures::{Count, Rate, Totals};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Dashboard(user_id: i64) -> impl IntoView {
    let locale = use_locale();
    let d = locale.dashboard();
    let address = use_query_map();
    let asked = Memo::new(move |_| address.with(|m| (m.get("from"), m.get("to"))));
    let state = use_sync_state();
    let figures = Resource::new(
        move || (asked.get(), state.revision.get()),
        move |((from, to), _)| {
            let name = format!(
                "dashboard?{}-{}",
                from.clone().unwrap_or_default(),
                to.clone().unwrap_or_default()
            );
            crate::device::fetched_or_kept(user_id, name, None, load_dashboard(from, to))
        },
    );
    view! {
        <section class="card dashboard" aria-labelledby="dashboard-title" data-testid="dashboard">
            <h2 id="dashboard-title">{d.title}</h2>
            <p class="muted">{d.intro}</p>
            <Transition fallback=move || view! { <p class="loading">{crate::i18n::use_texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match figures.await {
                        Ok(Shown { value, kept_at }) => Either::Left(view! {
                            <PeriodChooser period=value.period action="/"/>
                            <p class="report-links">
                                <a href=format!("/reports{}", value.period.address())>{crate::i18n::use_locale().report().title}</a>
                            </p>
                            <Downloads period=value.period recounting=value.recounting/>
                            <KeptNote kept_at/>
                            <Figures view=value/>
                        }),
                        Err(error) if crate::device::unreachable(&error) => Either::Right(Either::Left(view! {
                            <p class="notice kept-note" role="status" data-testid="kept-note">{d.offline_none}</p>
                        })),
                        Err(error) => Either::Right(Either::Right(view! { <LoadError error/> })),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Figures(view: DashboardView) -> impl IntoView {
    let locale = use_locale();
    let d = locale.dashboard();
    let DashboardView {
        period,
        totals,
        by_month,
        by_category,
        overdue_now,
        backlog_now,
        handed_down,
        supervised,
        recounting: _,
    } = view;
    if totals.0.received == 0 {
        return Either::Left(view! {
            <p class="empty" data-testid="dashboard-empty">{d.none}</p>
            <NowCounts overdue_now backlog_now/>
        });
    }
    Either::Right(view! {
        <h3>{d.rates}</h3>
        <div class="rate-grid">
            {rates(d, &totals).into_iter().map(|r| view! { <RateTile rate=r period/> }).collect_view()}
        </div>
        <h3>{d.counts}</h3>
        <ul class="count-grid">
            {[Count::Received, Count::TakenOn, Count::Resolved, Count::Terminated, Count::Declined, Count::Open]
                .into_iter()
                .map(|c| view! { <CountTile label=locale.count(c) value=totals.0.get(c) href=period.cases(c).href()/> })
                .collect_view()}
        </ul>
        <h3>{d.from_above}</h3>
        <ul class="count-grid">
            <CountTile label=d.handed_down value=handed_down href=period.from_above(FromAbove::HandedDown).href()/>
            <CountTile label=d.supervised value=supervised href=period.from_above(FromAbove::Supervised).href()/>
        </ul>
        <NowCounts overdue_now backlog_now/>
        <MonthTrend months=by_month/>
        <Categories rows=by_category period/>
        <Funnel totals period/>
    })
}

/// The counts about now, not the period: open past their deadline, and on the backlog register.
#[component]
fn NowCounts(overdue_now: i64, backlog_now: i64) -> impl IntoView {
    let d = use_locale().dashboard();
    view! {
        <h3>{d.now}</h3>
        <ul class="count-grid">
            <CountTile label=d.overdue_now value=overdue_now href="/cases?overdue=1".to_owned()/>
            <CountTile label=d.backlog_now value=backlog_now href="/cases?backlog=1".to_owned()/>
        </ul>
    }
}

#[component]
fn CountTile(label: &'static str, value: i64, href: String) -> impl IntoView {
    view! {
        <li class="count-tile">
            <a href=href data-testid="figure">
                <span class="figure-value">{value}</span>
                <span class="figure-label">{label}</span>
            </a>
        </li>
    }
}

/// A rate as a tile shows it: its name, the share, its parts, its target and how it is counted.
struct ShownRate {
    name: &'static str,
    rate: Rate,
    /// The cases of the share's part.
    part: Count,
    target: Option<&'static str>,
    note: &'static str,
}

fn rates(d: &'static DashboardTexts, t: &Totals) -> [ShownRate; 6] {
    let rate = |name, rate, part, target, note| ShownRate {
        name,
        rate,
        part,
        target,
        note,
    };
    [
        rate(
            d.acceptance,
            t.acceptance(),
            Count::TakenOn,
            Some("≥ 97%"),
            d.acceptance_note,
        ),
        rate(
            d.success,
            t.success(),
            Count::Resolved,
            Some("≈ 80%"),
            d.success_note,
        ),
        rate(
            d.in_village,
            t.in_village(),
            Count::ResolvedInVillage,
            None,
            d.in_village_note,
        ),
        rate(
            d.in_township,
            t.in_township(),
            Count::ResolvedInTownship,
            None,
            d.in_township_note,
        ),
        rate(
            d.on_time,
            t.on_time(),
            Count::EndedOnTime,
            None,
            d.on_time_note,
        ),
        rate(
            d.satisfaction,
            t.satisfaction(),
            Count::Satisfied,
            None,
            d.satisfaction_note,
        ),
    ]
}

#[component]
fn RateTile(rate: ShownRate, period: Period) -> impl IntoView {
    let d = use_locale().dashboard();
    let parts = d
        .rate_parts
        .replace("{part}", &rate.rate.part.to_string())
        .replace("{whole}", &rate.rate.whole.to_string());
    view! {
        <div class="rate-tile">
            <a href=period.cases(rate.part).href() data-testid="figure">
                <span class="figure-label">{rate.name}</span>
                <span class="figure-value">{rate.rate.percent_text()}</span>
                <span class="figure-parts">{parts}</span>
            </a>
            {rate.target.map(|t| view! { <p class="figure-target">{d.target}" "{t}</p> })}
            <details class="how-counted">
                <summary>{d.how_counted}</summary>
                <p>{rate.note}</p>
            </details>
        </div>
    }
}

/// The charts are as wide as the card and drawn in its real pixels: across in percent, down in
/// pixels, so their words keep the page's size on a phone and a desktop alike.
fn pct(v: f64) -> String {
    format!("{v:.2}%")
}

/// Bars of received and resolved cases per month.
#[component]
fn MonthTrend(months: Vec<(Month, Totals)>) -> impl IntoView {
    let locale = use_locale();
    let d = locale.dashboard();
    let top = months
        .iter()
        .map(|(_, t)| t.0.received)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (h, base) = (200.0, 176.0);
    let slot = 100.0 / months.len().max(1) as f64;
    let bar = slot * 0.7;
    let bars = months
        .iter()
        .enumerate()
        .map(|(i, (m, t))| {
            let x = i as f64 * slot + (slot - bar) / 2.0;
            let height = |v: i64| (v as f64 / top) * (base - 24.0);
            let (hr, hs) = (height(t.0.received), height(t.0.resolved));
            // A short span labels every month; a long one every third.
            let label = (months.len() <= 12 || i % 3 == 0).then(|| format!("{}", m.month));
            let mid = pct(x + bar / 2.0);
            view! {
                <rect class="bar received" x=pct(x) y=base - hr width=pct(bar) height=hr/>
                <rect class="bar resolved" x=pct(x + bar * 0.2) y=base - hs width=pct(bar * 0.6) height=hs/>
                {(t.0.received > 0 && months.len() <= 12).then(|| view! {
                    <text class="bar-value" x=mid.clone() y=base - hr - 10.0 text-anchor="middle">{t.0.received}</text>
                })}
                {label.map(|l| view! {
                    <text class="axis-label" x=mid y=h - 11.0 text-anchor="middle">{l}</text>
                })}
            }
        })
        .collect_view();
    // The table lists the months with cases; the chart shows the empty ones too.
    let rows = months
        .into_iter()
        .filter(|(_, t)| t.0.received > 0)
        .map(|(m, t)| {
            let p = Period::month(m);
            view! {
                <tr>
                    <th scope="row">{m.to_string()}</th>
                    <td><a href=p.cases(Count::Received).href()>{t.0.received}</a></td>
                    <td><a href=p.cases(Count::Resolved).href()>{t.0.resolved}</a></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid="chart-trend">
            <figcaption><h3>{d.trend}</h3><span class="muted">{d.trend_note}</span></figcaption>
            <svg width="100%" height=h role="presentation" aria-hidden="true" class="chart-svg">
                <line class="axis" x1="0" y1=base x2="100%" y2=base/>
                {bars}
            </svg>
            <table class="chart-table">
                <thead><tr>
                    <th scope="col">{d.month}</th>
                    <th scope="col">{locale.count(Count::Received)}</th>
                    <th scope="col">{locale.count(Count::Resolved)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </figure>
    }
}

/// One horizontal bar per row, in the rows' order, its name above it and the number at its
/// end. The name has the whole width: beside the bar, a category's name (「房屋土地（宅基地）」)
/// was cut off on a phone, and SVG text does not wrap.
fn horizontal_bars(rows: &[(String, i64)]) -> impl IntoView {
    let top = rows.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let (row_h, room) = (46.0, 86.0);
    let h = row_h * rows.len() as f64 + 4.0;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (name, v))| {
            let y = i as f64 * row_h + 4.0;
            let w = (*v as f64 / top) * room;
            view! {
                <text class="axis-label" x="0" y=y + 10.0>{name.clone()}</text>
                <rect class="bar received" x="0" y=y + 20.0 width=pct(w) height="18"/>
                <text class="bar-value" x=pct(w + 1.5) y=y + 29.0>{*v}</text>
            }
        })
        .collect_view();
    view! {
        <svg width="100%" height=h role="presentation" aria-hidden="true" class="chart-svg">
            {bars}
        </svg>
    }
}

#[component]
fn Categories(rows: Vec<CategoryFigures>, period: Period) -> impl IntoView {
    let locale = use_locale();
    let d = locale.dashboard();
    let categories = use_sync_state().categories;
    let name = move |code: &str| categories.with_untracked(|list| locale.category(list, code));
    let bars: Vec<(String, i64)> = rows
        .iter()
        .map(|r| (name(&r.category), r.totals.0.received))
        .collect();
    let table = rows
        .into_iter()
        .map(|r| {
            let query = |c: Count| crate::api::case_list::CaseQuery {
                category: Some(r.category.clone()),
                ..period.cases(c)
            };
            view! {
                <tr>
                    <th scope="row">{name(&r.category)}</th>
                    <td><a href=query(Count::Received).href()>{r.totals.0.received}</a></td>
                    // 调解成功率 is resolved of those ended: both are shown beside it.
                    <td><a href=query(Count::Ended).href()>{r.totals.0.ended}</a></td>
                    <td><a href=query(Count::Resolved).href()>{r.totals.0.resolved}</a></td>
                    <td class="rate">{r.totals.success().percent_text()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid="chart-categories">
            <figcaption><h3>{d.by_category}</h3></figcaption>
            {horizontal_bars(&bars)}
            <table class="chart-table">
                <thead><tr>
                    <th scope="col">{d.category}</th>
                    <th scope="col">{locale.count(Count::Received)}</th>
                    <th scope="col">{locale.count(Count::Ended)}</th>
                    <th scope="col">{locale.count(Count::Resolved)}</th>
                    <th scope="col">{d.success}</th>
                </tr></thead>
                <tbody>{table}</tbody>
            </table>
        </figure>
    }
}

/// Grid → village → township → county → city: how many cases each level ever handled.
#[component]
fn Funnel(totals: Totals, period: Period) -> impl IntoView {
    let locale = use_locale();
    let d = locale.dashboard();
    let levels = funnel_levels(locale);
    let bars: Vec<(String, i64)> = levels
        .iter()
        .map(|(name, c)| (name.to_string(), totals.0.get(*c)))
        .collect();
    view! {
        <figure class="chart" data-testid="chart-funnel">
            <figcaption><h3>{d.funnel}</h3><span class="muted">{d.funnel_note}</span></figcaption>
            {horizontal_bars(&bars)}
            <table class="chart-table">
                <thead><tr><th scope="col">{d.tier}</th><th scope="col">{d.cases}</th></tr></thead>
                <tbody>
                    {levels.into_iter().map(|(name, c)| view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td><a href=period.cases(c).href()>{totals.0.get(c)}</a></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}

/// The funnel's levels and the count of each: every case received, then each tier it climbed
/// through (`domain::figures`, a window's case from its own tier).
fn funnel_levels(locale: Locale) -> [(&'static str, Count); 5] {
    [
        (locale.dashboard().funnel_grid, Count::Received),
        (locale.count(Count::ReachedVillage), Count::ReachedVillage),
        (locale.count(Count::ReachedTownship), Count::ReachedTownship),
        (locale.count(Count::ReachedCounty), Count::ReachedCounty),
        (locale.count(Count::ReachedCity), Count::ReachedCity),
    ]
}

/// 统计 for the period in the address (`from`, `to` as `2026-01`).
#[server(endpoint = "dashboard")]
pub async fn load_dashboard(
    from: Option<String>,
    to: Option<String>,
) -> Result<DashboardView, crate::error::AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    let now = domain::clock::Month::of_unix_ms(crate::clock::now_ms());
    let period = Period::from_address(from.as_deref(), to.as_deref(), now);
    backend()?.dashboard(&user, period).await
}
