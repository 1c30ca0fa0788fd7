//! 案件查询: every case the unit and the units below it hold or held, open and closed — the
//! archive an office searches by number, party, phone or words, and narrows by status,
//! category, level, unit, channel, dates, overdue and backlog. The filters are the address
//! (`CaseQuery`), so a list can be shared and the back button works; a plain GET form works
//! before the page has hydrated. Each page is kept on the device as fetched: offline, the same
//! address opens as last seen, saying when.

use crate::api::case_list::{
    CaseListPage, CaseQuery, FromAbove, ListedCase, Order, PageFrom, StatusFilter, Total,
    UnitOption,
};
use crate::components::kept_note::KeptNote;
use crate::components::layout::use_session_user;
use crate::components::unit_card::LoadError;
use crate::device::kept::Shown;
use crate::device::state::use_sync_state;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use domain::jurisdiction::UnitKind;
use domain::procedure::CaseStatus;
use domain::rules::Channel;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The kinds of unit a case can be held at, as the level filter offers them.
const HOLDER_KINDS: [UnitKind; 6] = [
    UnitKind::Village,
    UnitKind::Township,
    UnitKind::County,
    UnitKind::City,
    UnitKind::SectorCommittee,
    UnitKind::AdminDepartment,
];

#[component]
pub fn CaseListPage() -> impl IntoView {
    let t = use_texts();
    let l = use_locale().case_list();
    let address = use_query_map();
    let query = Memo::new(move |_| {
        address.with(|m| {
            let pairs: Vec<(&str, String)> = CaseQuery::KEYS
                .iter()
                .filter_map(|k| m.get(k).map(|v| (*k, v)))
                .collect();
            CaseQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        })
    });
    tidy_address();
    let state = use_sync_state();
    let user_id = use_session_user().map(|u| u.id).unwrap_or_default();
    let page = Resource::new(
        move || (query.get(), state.revision.get()),
        move |(query, _)| {
            let name = format!("case-list?{}", query.address());
            crate::device::fetched_or_kept(user_id, name, None, load_case_list(query.address()))
        },
    );
    let units = Resource::new(
        || (),
        move |_| {
            crate::device::fetched_or_kept(
                user_id,
                "case-list-units".into(),
                None,
                load_case_list_units(),
            )
        },
    );
    view! {
        <Title text=l.title/>
        <h1 class="page-title">{l.title}</h1>
        <p class="muted">{l.intro}</p>
        <Transition fallback=|| ()>
            // The form follows the address: back and forward restore its fields too. The view is
            // rebuilt in place, and a field the person has touched shows its property, not its
            // attribute: each field sets both (the attribute for the page as served).
            {move || {
                let query = query.get();
                Suspend::new(async move {
                    let units = units.await.map(|shown| shown.value).unwrap_or_default();
                    view! { <Filters query units/> }
                })
            }}
        </Transition>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Shown { value, kept_at }) => Either::Left(view! {
                        <KeptNote kept_at/>
                        <Results page=value query=query.get_untracked()/>
                    }),
                    Err(error) if crate::device::unreachable(&error) => Either::Right(Either::Left(view! {
                        <p class="notice kept-note" role="status" data-testid="kept-note">{l.offline_none}</p>
                    })),
                    Err(error) => Either::Right(Either::Right(view! { <LoadError error/> })),
                }
            })}
        </Transition>
    }
}

/// The form sends every field, the empty ones too (`?q=&status=&category=…`): the address is
/// put back as the query writes it, so what is shared or bookmarked is the short link. Pairs
/// are counted rather than the strings compared, since the browser may spell the same value
/// another way (`+` or `%20`) and the page must not chase its own address.
fn tidy_address() {
    let location = leptos_router::hooks::use_location();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        // Leaving the list (a case opened), the address is the next page's: not to be touched.
        if location.pathname.get() != "/cases" {
            return;
        }
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        let written = CaseQuery::from_address(search);
        let pairs = |s: &str| s.split('&').filter(|p| !p.is_empty()).count();
        if pairs(search) != pairs(&written.address()) {
            let options = leptos_router::NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            navigate(&written.href(), options);
        }
    });
}

/// The search box and the filters, as a GET form on `/cases`.
#[component]
fn Filters(query: CaseQuery, units: Vec<UnitOption>) -> impl IntoView {
    let locale = use_locale();
    let l = locale.case_list();
    let state = use_sync_state();
    let categories = state.categories;
    let online = state.online;
    let q = query.clone();
    let statuses = std::iter::once(StatusFilter::Open)
        .chain(CaseStatus::ALL.into_iter().map(StatusFilter::Is))
        .collect::<Vec<_>>();
    view! {
        <form class="card form case-filter" method="get" action="/cases" role="search">
            // Offline a search cannot be made (the list last fetched stays on the page).
            <fieldset class="offline-guard" disabled=move || !online.get()>
            <label for="cases-q">{l.search}</label>
            <input id="cases-q" name="q" type="search" value=q.search.clone() prop:value=q.search.clone()
                placeholder=l.search_hint enterkeyhint="search"/>
            {q.figure.map(|figure| {
                // Opened from a figure of 统计: the list keeps to the cases it counts until the
                // person takes the condition off.
                let without = CaseQuery { figure: None, ..q.first_page() }.href();
                view! {
                    <p class="figure-chip" data-testid="figure-chip">
                        <input type="hidden" name="figure" value=figure.code()/>
                        {l.figure} "：" {locale.count(figure)}
                        <a href=without aria-label=l.remove_figure>"✕"</a>
                    </p>
                }
            })}
            {q.had.map(|had| {
                let d = locale.dashboard();
                let without = CaseQuery { had: None, ..q.first_page() }.href();
                let name = match had {
                    FromAbove::HandedDown => d.handed_down,
                    FromAbove::Supervised => d.supervised,
                };
                view! {
                    <p class="figure-chip" data-testid="had-chip">
                        <input type="hidden" name="had" value=had.code()/>
                        {d.from_above} "：" {name}
                        <a href=without aria-label=l.remove_figure>"✕"</a>
                    </p>
                }
            })}
            <details class="more-filters" open=filters_open(&q)>
                <summary>
                    {locale.procedure().apply_filter}
                    {match filters_set(&q) { 0 => String::new(), n => l.filters_set.replace("{n}", &n.to_string()) }}
                </summary>
                <div class="filter-grid">
                    <label for="cases-status">{l.status}</label>
                    <select id="cases-status" name="status">
                        <option value="">{l.all_statuses}</option>
                        {statuses.into_iter().map(|s| {
                            let name = match s {
                                StatusFilter::Open => l.open.to_owned(),
                                StatusFilter::Is(status) => locale.status(status),
                                StatusFilter::All => l.all_statuses.to_owned(),
                            };
                            view! { <option value=s.code() selected=q.status == s prop:selected=q.status == s>{name}</option> }
                        }).collect_view()}
                    </select>
                    <label for="cases-category">{l.category}</label>
                    <select id="cases-category" name="category">
                        <option value="">{l.all_categories}</option>
                        {
                            let chosen = q.category.clone().unwrap_or_default();
                            move || categories.get().into_iter().map(|c| {
                                let name = locale.category(std::slice::from_ref(&c), &c.code);
                                let selected = c.code == chosen;
                                view! { <option value=c.code.clone() selected=selected prop:selected=selected>{name}</option> }
                            }).collect_view()
                        }
                    </select>
                    <label for="cases-holder">{l.holder_kind}</label>
                    <select id="cases-holder" name="holder">
                        <option value="">{l.any_holder}</option>
                        {HOLDER_KINDS.into_iter().map(|k| view! {
                            <option value=k.code() selected=q.holder_kind == Some(k) prop:selected=q.holder_kind == Some(k)>{locale.unit_kind(k)}</option>
                        }).collect_view()}
                    </select>
                    <label for="cases-unit">{l.unit}</label>
                    <select id="cases-unit" name="unit">
                        <option value="">{l.whole_subtree}</option>
                        {units.into_iter().map(|u| {
                            let indent = "\u{3000}".repeat(u.depth.saturating_sub(1));
                            view! { <option value=u.id.to_string() selected=q.unit == Some(u.id) prop:selected=q.unit == Some(u.id)>{indent}{u.name}</option> }
                        }).collect_view()}
                    </select>
                    <label for="cases-channel">{l.channel}</label>
                    <select id="cases-channel" name="channel">
                        <option value="">{l.any_channel}</option>
                        {Channel::ALL.into_iter().map(|c| view! {
                            <option value=c.code() selected=q.channel == Some(c) prop:selected=q.channel == Some(c)>{locale.channel(c)}</option>
                        }).collect_view()}
                    </select>
                    <label for="cases-from">{l.from}</label>
                    <input id="cases-from" name="from" type="date" value=q.from.map(|d| d.to_string())
                        prop:value=q.from.map(|d| d.to_string()).unwrap_or_default()/>
                    <label for="cases-to">{l.to}</label>
                    <input id="cases-to" name="to" type="date" value=q.to.map(|d| d.to_string())
                        prop:value=q.to.map(|d| d.to_string()).unwrap_or_default()/>
                    <label for="cases-order">{l.order}</label>
                    <select id="cases-order" name="order">
                        <option value="" selected=q.order == Order::Newest prop:selected=q.order == Order::Newest>{l.newest}</option>
                        <option value="oldest" selected=q.order == Order::Oldest prop:selected=q.order == Order::Oldest>{l.oldest}</option>
                    </select>
                </div>
                <label class="check"><input type="checkbox" name="overdue" value="1" checked=q.overdue prop:checked=q.overdue/>{l.overdue}</label>
                <label class="check"><input type="checkbox" name="backlog" value="1" checked=q.backlog prop:checked=q.backlog/>{l.backlog}</label>
            </details>
            <div class="form-actions">
                <button type="submit" class="button primary">{l.apply}</button>
                <a class="button" href="/cases">{l.reset}</a>
            </div>
            </fieldset>
        </form>
    }
}

/// How many of the filters under 筛选 are set, as its summary says.
fn filters_set(q: &CaseQuery) -> usize {
    [
        q.status != StatusFilter::default(),
        q.category.is_some(),
        q.holder_kind.is_some(),
        q.unit.is_some(),
        q.channel.is_some(),
        q.from.is_some(),
        q.to.is_some(),
        q.overdue,
        q.backlog,
        q.order != Order::default(),
    ]
    .into_iter()
    .filter(|set| *set)
    .count()
}

/// The filters show open when the person set them; a list opened from a figure of 统计 (which
/// sets its unit and period) leads with the cases, the chip saying what they are — on a phone
/// the open filters would push the list a screen and a half down.
fn filters_open(q: &CaseQuery) -> bool {
    q.figure.is_none() && q.had.is_none() && filters_set(q) > 0
}

#[component]
fn Results(page: CaseListPage, query: CaseQuery) -> impl IntoView {
    let l = use_locale().case_list();
    let first = query.first_page().href();
    if page.cases.is_empty() {
        // Dates the wrong way round find nothing: say so rather than only "none"; past the
        // list's end (an old link) is not "none" either.
        let reversed = matches!((query.from, query.to), (Some(from), Some(to)) if from > to);
        let why = match (reversed, query.page.is_some()) {
            (true, _) => l.dates_reversed,
            (false, true) => l.past_the_end,
            (false, false) => l.empty,
        };
        let back = query.page.is_some().then(|| {
            view! { <nav class="pager"><a class="button" href=first>{l.first_page}</a></nav> }
        });
        return Either::Left(view! {
            <section class="card"><p class="muted" data-testid="list-empty">{why}</p>{back}</section>
        });
    }
    let beside = |page: PageFrom| {
        CaseQuery {
            page: Some(page),
            ..query.clone()
        }
        .href()
    };
    // The first page has no 上一页; a page numbered from an old address says no number.
    let number = match (&page.previous, &query.page) {
        (None, _) => (page.next.is_some()).then_some(1),
        (Some(_), Some(PageFrom::After(c) | PageFrom::Before(c))) => (c.page > 0).then_some(c.page),
        (Some(_), None) => None,
    };
    let first = page.previous.is_some().then_some(first);
    let next = page.next.map(|last| beside(PageFrom::After(last)));
    let previous = page.previous.map(|first| beside(PageFrom::Before(first)));
    let total = page.total.map(|total| match total {
        Total::Exactly(n) => l.total.replace("{n}", &n.to_string()),
        Total::MoreThan(n) => l.total_more_than.replace("{n}", &n.to_string()),
    });
    let number = number.map(|n| l.page_number.replace("{n}", &n.to_string()));
    let heading = [total, number].into_iter().flatten().collect::<Vec<_>>();
    // A page of 50 is many screens on a phone: its neighbours are offered above it too.
    let above = (previous.is_some() || next.is_some()).then(|| {
        view! { <Pager previous=previous.clone() first=None next=next.clone() label=l.pages_above/> }
    });
    Either::Right(view! {
        <section class="card">
            {(!heading.is_empty()).then(|| view! {
                <p class="list-total muted" data-testid="list-total">{heading.join(" · ")}</p>
            })}
            {above}
            <ul class="rows case-list">
                {page.cases.into_iter().map(|case| view! { <CaseRow case/> }).collect_view()}
            </ul>
            <Pager previous first next label=l.title/>
        </section>
    })
}

/// 上一页 · 回到第一页 · 下一页, those the page has.
#[component]
fn Pager(
    previous: Option<String>,
    first: Option<String>,
    next: Option<String>,
    label: &'static str,
) -> impl IntoView {
    let l = use_locale().case_list();
    view! {
        <nav class="pager" aria-label=label>
            {previous.map(|href| view! { <a class="button" href=href rel="prev">{l.previous_page}</a> })}
            {first.map(|href| view! { <a class="button" href=href>{l.first_page}</a> })}
            {next.map(|href| view! { <a class="button" href=href rel="next">{l.next_page}</a> })}
        </nav>
    }
}

#[component]
fn CaseRow(case: ListedCase) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let l = locale.case_list();
    let p = locale.procedure();
    let category = locale.category(
        &use_sync_state().categories.read_untracked(),
        &case.category,
    );
    let received = domain::clock::Day::of_unix_ms(case.recorded_at).to_string();
    view! {
        <li class="work-item case-list-item" data-status=case.status.code()>
            <a class="case-summary" href=format!("/cases/{}", case.id)>{case.summary.clone()}</a>
            <span class="muted">{case.number.clone()} " · " {category} " · " {locale.status(case.status)}</span>
            <span class="muted">
                {l.holder} " " {case.holder_name.clone()} " · " {l.received} " " {received}
                {(!case.parties.is_empty()).then(|| format!(" · {} {}", l.parties, case.parties.join("、")))}
            </span>
            <span class="work-flags">
                {case.deadline.map(|d| view! { <span>{t.deadline} " " {d.to_string()}</span> })}
                {case.overdue.then(|| view! { <span class="badge">{p.overdue_badge}</span> })}
                {case.backlog.then(|| view! { <span class="badge">{locale.backlog().badge}</span> })}
            </span>
        </li>
    }
}

/// The page as a lazily loaded route: its code is a separate wasm chunk (see `shell.rs`).
pub struct CaseListRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for CaseListRoute {
    fn data() -> Self {
        CaseListRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <CaseListPage/> }.into_any()
    }
}

/// A page of 案件查询 for the address's query string (`CaseQuery::address`).
#[server(endpoint = "cases/list")]
pub async fn load_case_list(address: String) -> Result<CaseListPage, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?
        .case_list(&user, CaseQuery::from_address(&address))
        .await
}

/// The units below the user's that the list may be narrowed to.
#[server(endpoint = "cases/list/units")]
pub async fn load_case_list_units() -> Result<Vec<UnitOption>, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.case_list_units(&user).await
}
