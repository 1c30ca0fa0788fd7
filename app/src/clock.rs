//! Dates as people in China read them: China Standard Time (UTC+8, no daylight saving), from
//! the Unix milliseconds every record carries. Pure, so server and browser agree.

const CST_OFFSET_MS: i64 = 8 * 3600 * 1000;

/// A moment's calendar fields in China Standard Time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CstDateTime {
    pub year: i64,
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    pub minute: i64,
}

impl CstDateTime {
    pub fn from_unix_ms(unix_ms: i64) -> CstDateTime {
        let minutes = (unix_ms + CST_OFFSET_MS).div_euclid(60_000);
        let (year, month, day) = civil_from_days(minutes.div_euclid(1440));
        let minute_of_day = minutes.rem_euclid(1440);
        CstDateTime {
            year,
            month,
            day,
            hour: minute_of_day / 60,
            minute: minute_of_day % 60,
        }
    }
}

/// The calendar year in China at `unix_ms` (case numbers count per year).
pub fn cst_year(unix_ms: i64) -> i64 {
    CstDateTime::from_unix_ms(unix_ms).year
}

/// `HH:MM` when on the same day as `now_ms`, else `MM-DD HH:MM`.
pub fn short_time(unix_ms: i64, now_ms: i64) -> String {
    let at = CstDateTime::from_unix_ms(unix_ms);
    let now = CstDateTime::from_unix_ms(now_ms);
    let hm = format!("{:02}:{:02}", at.hour, at.minute);
    if (at.year, at.month, at.day) == (now.year, now.month, now.day) {
        hm
    } else {
        format!("{:02}-{:02} {hm}", at.month, at.day)
    }
}

/// (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's civil_from_days).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Now, in Unix milliseconds, from the browser's or the server's clock.
pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }
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
        assert_eq!(CstDateTime::from_unix_ms(951_782_400_000).day, 29); // 2000-02-29 in CST
    }

    #[test]
    fn times_show_in_china_and_add_the_date_when_not_today() {
        // 2026-11-24T02:05:00Z is 10:05 in Beijing.
        let t = 1_795_485_900_000;
        assert_eq!(short_time(t, t + 60_000), "10:05");
        assert_eq!(short_time(t, t + 2 * 86_400_000), "11-24 10:05");
    }
}
