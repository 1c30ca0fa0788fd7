//! Human-readable case numbers: `〈county code〉-〈year〉-〈sequence〉`, e.g. `330803-2026-000042`,
//! counted per county and year in China Standard Time.

use domain::clock::cst_year;
use sqlx::{Any, Row, Transaction};

/// Takes the next number for a case of `county_id` (whose division code is `county_code`).
pub async fn next_case_number(
    tx: &mut Transaction<'static, Any>,
    county_id: i64,
    county_code: &str,
    now_ms: i64,
) -> sqlx::Result<String> {
    let year = cst_year(now_ms);
    let sequence: i64 = sqlx::query(
        "INSERT INTO case_counters (county_id, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (county_id, year) DO UPDATE SET last = case_counters.last + 1
         RETURNING last",
    )
    .bind(county_id)
    .bind(year)
    .fetch_one(&mut **tx)
    .await?
    .try_get("last")?;
    Ok(format!("{county_code}-{year}-{sequence:06}"))
}
