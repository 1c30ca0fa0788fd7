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

/// A calendar day in China, as a count of days since 1970-01-01. Deadlines count these.
/// (A date library would double the date code in the phone's download for two functions.)
/// A calendar month (China Standard Time), as the register counts its evaluations: `2026-11`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Month {
    pub year: i64,
    pub month: i64,
}

impl Month {
    /// The first millisecond of the month in China.
    pub fn start_unix_ms(self) -> i64 {
        Day::from_ymd(self.year, self.month, 1).map_or(0, |d| d.end_unix_ms() + 1 - DAY_MS)
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn of_unix_ms(unix_ms: i64) -> Month {
        let (year, month, _) = Day::of_unix_ms(unix_ms).ymd();
        Month { year, month }
    }

    pub fn first_day(self) -> Day {
        Day::of_unix_ms(self.start_unix_ms())
    }

    pub fn last_day(self) -> Day {
        Day::of_unix_ms(self.next().start_unix_ms() - 1)
    }

    /// The months from `self` to `to`, both included (none when `to` comes first).
    pub fn through(self, to: Month) -> Vec<Month> {
        std::iter::successors(Some(self), |m| Some(m.next()))
            .take_while(|m| *m <= to)
            .collect()
    }

    /// January of the month's year.
    pub fn january(self) -> Month {
        Month {
            year: self.year,
            month: 1,
        }
    }

    /// `2026-11`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.split_once('-')?;
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        (y.len() == 4 && m.len() == 2 && (1..=12).contains(&month)).then_some(Month { year, month })
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i64);

impl Day {
    /// The day it is in China at `unix_ms`.
    pub fn of_unix_ms(unix_ms: i64) -> Day {
        Day((unix_ms + CST_OFFSET_MS).div_euclid(DAY_MS))
    }

    pub fn from_ymd(year: i64, month: i64, day: i64) -> Option<Day> {
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(Day(days_from_civil(year, month, day)))
    }

    /// `YYYY-MM-DD`, as rule files and forms write dates.
    pub fn parse(text: &str) -> Option<Day> {
        let mut parts = text.trim().splitn(3, '-');
        let mut next = |len: usize| {
            parts
                .next()
                .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<i64>().ok())
        };
        let (y, m, d) = (next(4)?, next(2)?, next(2)?);
        Day::from_ymd(y, m, d)
    }

    pub fn ymd(self) -> (i64, i64, i64) {
        civil_from_days(self.0)
    }

    /// Monday is 1, Sunday is 7 (1970-01-01 was a Thursday).
    pub fn iso_weekday(self) -> i64 {
        (self.0 + 3).rem_euclid(7) + 1
    }

    pub fn is_weekend(self) -> bool {
        self.iso_weekday() >= 6
    }

    pub fn plus(self, days: i64) -> Day {
        Day(self.0 + days)
    }

    /// The last millisecond of this day in China: a deadline "by day D" ends here.
    pub fn end_unix_ms(self) -> i64 {
        (self.0 + 1) * DAY_MS - CST_OFFSET_MS - 1
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// Days travel as `YYYY-MM-DD` in JSON and rule files.
impl serde::Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        let text = String::deserialize(deserializer)?;
        Day::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date (YYYY-MM-DD): {text}")))
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Day count since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_starts_at_midnight_in_china_and_december_rolls_over() {
        let nov = Month::parse("2026-11").unwrap();
        assert_eq!(Month::of_unix_ms(nov.start_unix_ms()), nov);
        assert_eq!(
            Month::of_unix_ms(nov.start_unix_ms() - 1).to_string(),
            "2026-10"
        );
        assert_eq!(nov.next().to_string(), "2026-12");
        assert_eq!(nov.next().next().to_string(), "2027-01");
        assert_eq!(Month::of_unix_ms(nov.next().start_unix_ms() - 1), nov);
        let feb = Month::parse("2028-02").unwrap();
        assert_eq!(
            (feb.first_day().to_string(), feb.last_day().to_string()),
            ("2028-02-01".to_owned(), "2028-02-29".to_owned())
        );
        assert_eq!(nov.through(nov.next().next()).len(), 3);
        assert!(nov.next().through(nov).is_empty());
        assert_eq!(nov.january().to_string(), "2026-01");
    }

    #[test]
    fn days_round_trip_and_know_their_weekday() {
        let day = Day::parse("2026-02-14").unwrap();
        assert_eq!(day.to_string(), "2026-02-14");
        assert_eq!(day.iso_weekday(), 6, "14 Feb 2026 is a Saturday");
        assert_eq!(
            Day::parse("2024-02-29").unwrap().plus(1).to_string(),
            "2024-03-01"
        );
        assert_eq!(Day::parse("2026-02-29"), None);
        assert_eq!(Day::parse("2026-2-1"), None);
        for n in -800_000..-799_000 {
            let (y, m, d) = Day(n).ymd();
            assert_eq!(Day::from_ymd(y, m, d), Some(Day(n)));
        }
        // 23:59:59.999 in Beijing on 1 Jan 2026 is 15:59:59.999 UTC.
        let end = Day::parse("2026-01-01").unwrap().end_unix_ms();
        assert_eq!(Day::of_unix_ms(end), Day::parse("2026-01-01").unwrap());
        assert_eq!(Day::of_unix_ms(end + 1), Day::parse("2026-01-02").unwrap());
    }

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
