//! 统计: the dashboard's figures for a reader and period — the kept sums (`read`), and the
//! counts that are about now rather than a period (overdue, backlog), counted as 案件查询 lists
//! them so each number is its list's length.

use super::read::{self, By};
use crate::db::Db;
use app::api::case_list::{CaseQuery, FromAbove};
use app::api::dashboard::{CategoryFigures, DashboardView, Period};
use domain::clock::Month;
use domain::figures::Totals;
use domain::session::SessionUser;

pub async fn view(
    db: &Db,
    reader: &SessionUser,
    period: Period,
    now: i64,
) -> sqlx::Result<DashboardView> {
    // Read before the figures: the derivation only moves forward, so the note can only be
    // shown when not needed any more, never left off figures still counted two ways.
    let recounting = super::store::recounting(&db.pool).await?;
    let totals = read::totals(db, reader, period.from, period.to).await?;
    let months = read::grouped(db, reader, period.from, period.to, By::Month).await?;
    let by_month = period
        .months()
        .into_iter()
        .map(|m| {
            let key = m.to_string();
            let kept = months.iter().find(|(k, _)| *k == key).map(|(_, t)| *t);
            (m, kept.unwrap_or_default())
        })
        .collect();
    let mut by_category: Vec<CategoryFigures> =
        read::grouped(db, reader, period.from, period.to, By::Category)
            .await?
            .into_iter()
            .filter(|(_, t)| t.0.received > 0)
            .map(|(category, totals)| CategoryFigures { category, totals })
            .collect();
    by_category.sort_by(|a, b| {
        b.totals
            .0
            .received
            .cmp(&a.totals.0.received)
            .then_with(|| a.category.cmp(&b.category))
    });
    let listed =
        |q: CaseQuery| async move { crate::cases::listing::count(db, reader, &q, now).await };
    Ok(DashboardView {
        period,
        totals,
        by_month: without_empty_tail(by_month, Month::of_unix_ms(now)),
        by_category,
        overdue_now: listed(CaseQuery {
            overdue: true,
            ..CaseQuery::default()
        })
        .await?,
        backlog_now: listed(CaseQuery {
            backlog: true,
            ..CaseQuery::default()
        })
        .await?,
        handed_down: listed(period.from_above(FromAbove::HandedDown)).await?,
        supervised: listed(period.from_above(FromAbove::Supervised)).await?,
        recounting,
    })
}

/// The months after `now` have not happened: they are left off the trend, not drawn as zero.
fn without_empty_tail(months: Vec<(Month, Totals)>, now: Month) -> Vec<(Month, Totals)> {
    months.into_iter().filter(|(m, _)| *m <= now).collect()
}
