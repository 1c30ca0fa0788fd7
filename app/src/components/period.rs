//! The period of the figures and the report, chosen in the address (`?from=2026-01&to=2026-11`),
//! and the report's files for it.

use crate::api::dashboard::Period;
use crate::device::state::use_sync_state;
use crate::i18n::use_locale;
use domain::clock::Month;
use leptos::either::Either;
use leptos::prelude::*;

/// The period as a GET form on `action`, with this year, this month and last month one tap away.
#[component]
pub fn PeriodChooser(period: Period, action: &'static str) -> impl IntoView {
    let d = use_locale().dashboard();
    let online = use_sync_state().online;
    let now = Month::of_unix_ms(crate::clock::now_ms());
    let last = Month::of_unix_ms(now.start_unix_ms() - 1);
    let presets = [
        (d.this_year, Period::year_to_date(now)),
        (d.this_month, Period::month(now)),
        (d.last_month, Period::month(last)),
    ];
    view! {
        <form class="period-form" method="get" action=action aria-label=d.period>
            <fieldset class="offline-guard" disabled=move || !online.get()>
                <div class="period-fields">
                    <label>{d.from}<input type="month" name="from" value=period.from.to_string()/></label>
                    <label>{d.to}<input type="month" name="to" value=period.to.to_string()/></label>
                    <button type="submit" class="button">{d.show}</button>
                </div>
            </fieldset>
            <p class="period-presets" class:offline=move || !online.get()>
                {presets.into_iter().map(|(name, p)| view! {
                    <a href=format!("{action}{}", p.address()) aria-current=(p == period).then_some("true")>{name}</a>
                }).collect_view()}
            </p>
            <p class="period-shown" data-testid="period-shown">
                {d.period_shown.replace("{from}", &period.from.to_string()).replace("{to}", &period.to.to_string())}
            </p>
        </form>
    }
}

/// The report of `period` as files. Plain links: the browser downloads them (offline they
/// are greyed, as a download needs the server). While the figures are recounted after an
/// upgrade, a note says so instead: a report sent on must count every case one way.
#[component]
pub fn Downloads(period: Period, recounting: bool) -> impl IntoView {
    let locale = use_locale();
    let r = locale.report();
    let online = use_sync_state().online;
    if recounting {
        return Either::Left(view! {
            <p class="notice" role="status" data-testid="recounting">{locale.dashboard().recounting}</p>
        });
    }
    let href = move |format: &str| {
        format!(
            "/api/v1/reports/monthly?from={}&to={}&format={format}",
            period.from, period.to
        )
    };
    Either::Right(view! {
        <p class="downloads" class:offline=move || !online.get() aria-label=r.downloads>
            <a class="button" href=href("xlsx") download rel="external" data-testid="download-xlsx">{r.download_xlsx}</a>
            <a class="button" href=href("csv") download rel="external" data-testid="download-csv">{r.download_csv}</a>
        </p>
    })
}
