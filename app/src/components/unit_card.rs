//! Small pieces that show units and people.

use crate::api::home::{UnitSummary, UserSummary};
use crate::i18n::{use_locale, use_texts};
use domain::jurisdiction::Unit;
use leptos::prelude::*;

/// A unit's kind, with its sector for committees and departments.
pub fn unit_kind_label(unit: &Unit) -> String {
    let locale = use_locale();
    match &unit.category {
        Some(sector) => format!(
            "{} · {}",
            locale.unit_kind(unit.kind),
            locale.sector(sector)
        ),
        None => locale.unit_kind(unit.kind).to_owned(),
    }
}

/// One row of a list of units below the person's own.
#[component]
pub fn UnitRow(summary: UnitSummary) -> impl IntoView {
    let t = use_texts();
    let kind = unit_kind_label(&summary.unit);
    let members = (!summary.members.is_empty()).then(|| {
        let more = summary.user_count > summary.members.len() as i64;
        format!(
            "{}{}",
            summary.members.join("、"),
            if more { " …" } else { "" }
        )
    });
    view! {
        <li class="unit-row">
            <span class="unit-name">{summary.unit.name}</span>
            <span class="unit-meta">
                {kind} " · " {summary.user_count} " " {t.users_count}
                {(summary.child_count > 0)
                    .then(|| format!(" · {} {}", t.units_count, summary.child_count))}
            </span>
            {members.map(|names| view! { <span class="unit-members">{names}</span> })}
        </li>
    }
}

/// One row of a list of people.
#[component]
pub fn PersonRow(person: UserSummary) -> impl IntoView {
    let locale = use_locale();
    view! {
        <li class="person-row">
            <span class="person-name">{person.display_name}</span>
            <span class="person-meta">{locale.role(person.role)} " · " {person.unit_name}</span>
        </li>
    }
}

/// Shown where a page's data could not be loaded, in words a person can act on, with the
/// error's HTTP status when the server draws it. A request that
/// never reached the server while the device is offline is said to be that — never blamed on
/// the server.
#[component]
pub fn LoadError(error: crate::error::AppError) -> impl IntoView {
    let t = use_texts();
    // The page answers with the error's true status (a case that does not exist, or that the
    // reader may not see, is a 404 alike), while it still draws the page saying so.
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(error.status_code()) {
            response.set_status(status);
        }
    }
    let state = crate::device::state::use_sync_state();
    let unreachable = matches!(error, crate::error::AppError::Transport(_));
    let message = use_locale().error_message(&error);
    move || {
        if unreachable && !state.online.get() {
            view! { <p class="notice offline-page" role="status">{t.page_offline}</p> }.into_any()
        } else {
            view! { <p class="error" role="alert">{t.load_failed} "：" {message.clone()}</p> }
                .into_any()
        }
    }
}

/// A list of rows, or a line saying there are none.
#[component]
pub fn Rows<T, V>(items: Vec<T>, empty: &'static str, row: fn(T) -> V) -> impl IntoView
where
    T: 'static,
    V: IntoView + 'static,
{
    if items.is_empty() {
        leptos::either::Either::Left(view! { <p class="muted">{empty}</p> })
    } else {
        leptos::either::Either::Right(view! {
            <ul class="rows">{items.into_iter().map(row).collect_view()}</ul>
        })
    }
}
