//! 每周排查 for a village or a township: which grids of its area have reported this week — the
//! disputes found, a zero report, late — and which have not. The week lives in the address
//! (`?week=YYYY-MM-DD`), so the back button and a shared link work.

use crate::api::weekly_sweep::{GridSweep, SweepBoard};
use crate::clock::now_ms;
use crate::components::kept_note::KeptNote;
use crate::components::layout::use_session_user;
use crate::components::unit_card::LoadError;
use crate::device::kept::Shown;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use domain::clock::{short_time, Day};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SweepBoardPage() -> impl IntoView {
    let t = use_texts();
    let s = use_locale().sweep();
    let query = use_query_map();
    let user_id = use_session_user().map(|u| u.id).unwrap_or_default();
    let week = move || query.with(|q| q.get("week").unwrap_or_default());
    let board = Resource::new(week, move |week| {
        crate::device::fetched_or_kept(
            user_id,
            format!("sweeps?week={week}"),
            None,
            load_sweep_board(week),
        )
    });
    view! {
        <Title text=s.title/>
        <h1 class="page-title">{s.title}</h1>
        <p class="muted">{s.board_intro}</p>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(Shown { value, kept_at }) => Either::Left(view! {
                        <KeptNote kept_at/>
                        <Board board=value/>
                    }),
                    Err(error) => Either::Right(view! { <LoadError error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn Board(board: SweepBoard) -> impl IntoView {
    let s = use_locale().sweep();
    let missing = s.missing_count.replace("{n}", &board.missing().to_string());
    let week = board.week;
    let link = |day: Day| format!("/sweeps?week={day}");
    view! {
        <section class="card sweep-board">
            <p class="sweep-week">
                <a class="button" href=link(week.plus(-7))>{s.previous_week}</a>
                <strong>{s.week_of} {week.to_string()} " – " {week.plus(6).to_string()}</strong>
                <a class="button" href=link(week.plus(7))>{s.next_week}</a>
            </p>
            <p data-testid="sweep-missing">{missing}</p>
            {if board.grids.is_empty() {
                Either::Left(view! { <p class="muted">{s.no_grids}</p> })
            } else {
                Either::Right(view! {
                    <ul class="rows sweep-grids">
                        {board.grids.into_iter().map(|grid| view! { <GridRow grid/> }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

#[component]
fn GridRow(grid: GridSweep) -> impl IntoView {
    let s = use_locale().sweep();
    let reported = grid.report.is_some();
    let status = match &grid.report {
        None => s.missing.to_owned(),
        Some(r) if r.found == 0 => s.zero.to_owned(),
        Some(r) => s.found_n.replace("{n}", &r.found.to_string()),
    };
    view! {
        <li class="sweep-grid" data-reported=reported.to_string()>
            <span><strong>{grid.grid_name.clone()}</strong> " " <span class="muted">{grid.parent_name.clone()}</span></span>
            <span class="work-flags">
                <span class=if reported { "badge ok-badge" } else { "badge" }>{status}</span>
                {grid.report.as_ref().filter(|r| r.late).map(|_| view! { <span class="badge muted-badge">{s.late}</span> })}
                {grid.report.as_ref().map(|r| view! { <span class="muted">{r.by.clone()} " · " {short_time(r.at, now_ms())}</span> })}
            </span>
            {grid.report.as_ref().filter(|r| !r.note.is_empty()).map(|r| view! { <span class="muted">{r.note.clone()}</span> })}
        </li>
    }
}

/// The page as a lazily loaded route: its code is a separate wasm chunk (see `shell.rs`).
pub struct SweepBoardRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for SweepBoardRoute {
    fn data() -> Self {
        SweepBoardRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <SweepBoardPage/> }.into_any()
    }
}

/// The grids of the reader's area and their reports for the week of `week` (`YYYY-MM-DD`;
/// empty or unreadable: this week).
#[server(endpoint = "sweeps")]
pub async fn load_sweep_board(week: String) -> Result<SweepBoard, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    let day = Day::parse(week.trim()).unwrap_or_else(|| Day::of_unix_ms(now_ms()));
    backend()?.sweep_board(&user, day).await
}
