//! 月报: the subtree's units and the mediators for a period, from the kept figures (`read`).

use super::read;
use crate::db::Db;
use app::api::dashboard::Period;
use app::api::report::{MediatorFigures, MonthlyReport, UnitFigures};
use domain::figures::Totals;
use domain::mediators::Level;
use domain::session::SessionUser;
use sqlx::Row;

pub async fn monthly(db: &Db, reader: &SessionUser, period: Period) -> sqlx::Result<MonthlyReport> {
    // Read before the figures, as the dashboard does: a report exported is never counted two ways.
    let recounting = super::store::recounting(&db.pool).await?;
    let sums = read::by_unit_and_category(db, reader, period.from, period.to).await?;
    // The catalogue's categories that have cases, then any code no longer in it.
    let mut categories: Vec<_> = crate::people::catalogue::all(db)
        .await?
        .into_iter()
        .filter(|c| {
            sums.iter()
                .any(|((_, code), t)| *code == c.code && t.0.received > 0)
        })
        .collect();
    for ((_, code), t) in &sums {
        if t.0.received > 0 && !categories.iter().any(|c| c.code == *code) {
            categories.push(domain::dispute::Category {
                code: code.clone(),
                name_zh: code.clone(),
                name_en: code.clone(),
                retired: true,
            });
        }
    }
    let units = crate::people::directory::subtree(db, reader.unit_id)
        .await?
        .into_iter()
        .map(|(unit, depth)| {
            let mine = || sums.iter().filter(|((id, _), _)| *id == unit.id);
            let mut totals = Totals::default();
            for (_, t) in mine() {
                totals.add(&t.0);
            }
            let by_category = categories
                .iter()
                .map(|c| {
                    mine()
                        .filter(|((_, code), _)| *code == c.code)
                        .map(|(_, t)| t.0.received)
                        .sum()
                })
                .collect();
            UnitFigures {
                unit_id: unit.id,
                name: unit.name,
                depth,
                totals,
                by_category,
            }
        })
        .collect();
    Ok(MonthlyReport {
        period,
        categories,
        units,
        mediators: mediators(db, reader, period).await?,
        recounting,
    })
}

async fn mediators(
    db: &Db,
    reader: &SessionUser,
    period: Period,
) -> sqlx::Result<Vec<MediatorFigures>> {
    let figures = read::by_mediator(db, reader, period.from, period.to).await?;
    let mut out = Vec::with_capacity(figures.len());
    for (id, totals) in figures {
        let row = sqlx::query(
            "SELECT m.name, m.level, u.name AS unit_name
             FROM mediators m JOIN units u ON u.id = m.unit_id WHERE m.id = $1",
        )
        .bind(id)
        .fetch_one(&db.pool)
        .await?;
        let level: String = row.try_get("level")?;
        out.push(MediatorFigures {
            name: row.try_get("name")?,
            unit_name: row.try_get("unit_name")?,
            level: Level::from_code(&level).ok_or_else(|| {
                sqlx::Error::Decode(format!("unknown mediator level {level:?}").into())
            })?,
            totals,
        });
    }
    out.sort_by(|a, b| (&a.unit_name, &a.name).cmp(&(&b.unit_name, &b.name)));
    Ok(out)
}
