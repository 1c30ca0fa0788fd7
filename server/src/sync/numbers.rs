//! Human-readable case numbers: `〈county code〉-〈year〉-〈sequence〉`, e.g. `330803-2026-000042`,
//! counted per county and year in China Standard Time.

use sqlx::{Any, Row, Transaction};

/// Milliseconds in eight hours: China Standard Time is UTC+8 all year.
const CST_OFFSET_MS: i64 = 8 * 3600 * 1000;

/// The calendar year in China at `unix_ms`.
pub fn cst_year(unix_ms: i64) -> i64 {
    // Days since 1970-01-01 in CST, then the civil-from-days algorithm (Howard Hinnant).
    let days = (unix_ms + CST_OFFSET_MS).div_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(month <= 2)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_turns_at_midnight_in_china_not_in_greenwich() {
        // 2026-12-31T15:59:59Z is 23:59:59 in Beijing; one second later it is 2027 there.
        assert_eq!(cst_year(1_798_732_799_000), 2026);
        assert_eq!(cst_year(1_798_732_800_000), 2027);
        assert_eq!(cst_year(0), 1970);
        assert_eq!(cst_year(951_782_400_000), 2000); // 2000-02-29 in CST
    }
}
