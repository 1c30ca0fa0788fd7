//! Working days in China: Monday to Friday, minus the public holidays, plus the weekend days
//! worked instead (调休), as the State Council's notice for the year lists them.

use super::model::Calendar;
use crate::clock::Day;

impl Calendar {
    pub fn is_working_day(&self, day: Day) -> bool {
        if self.workdays.contains(&day) {
            return true;
        }
        !day.is_weekend() && !self.holidays.contains(&day)
    }

    /// The day on which `n` working days after `start` have passed (`start` itself does not
    /// count: a case received on Friday with one day has until Monday, or the next working day).
    pub fn add_working_days(&self, start: Day, n: u32) -> Day {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = day.plus(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Whether the file's calendar covers the year of `day`; outside it holidays are unknown.
    pub fn covers(&self, day: Day) -> bool {
        self.years.contains(&day.ymd().0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    /// The 2026 Spring Festival (国办发明电〔2025〕7号): 15–23 Feb off, Sat 14 and Sat 28 Feb
    /// worked.
    fn spring_festival_2026() -> Calendar {
        Calendar {
            years: vec![2026],
            holidays: (0..9).map(|i| d("2026-02-15").plus(i)).collect(),
            workdays: vec![d("2026-02-14"), d("2026-02-28")],
        }
    }

    #[test]
    fn weekends_holidays_and_make_up_days_count_as_the_notice_says() {
        let cal = spring_festival_2026();
        assert!(cal.is_working_day(d("2026-02-13")), "a Friday");
        assert!(cal.is_working_day(d("2026-02-14")), "the make-up Saturday");
        assert!(
            !cal.is_working_day(d("2026-02-16")),
            "a Monday in the holiday"
        );
        assert!(
            !cal.is_working_day(d("2026-02-21")),
            "a Saturday in the holiday"
        );
        assert!(cal.is_working_day(d("2026-02-24")), "back to work");
        assert!(!cal.is_working_day(d("2026-03-01")), "an ordinary Sunday");
    }

    #[test]
    fn deadlines_skip_the_holiday_and_use_the_make_up_days() {
        let cal = spring_festival_2026();
        // Received Friday 13 Feb: day 1 is the make-up Saturday 14th, then 24, 25, 26, 27 Feb.
        assert_eq!(cal.add_working_days(d("2026-02-13"), 1), d("2026-02-14"));
        assert_eq!(cal.add_working_days(d("2026-02-13"), 5), d("2026-02-27"));
        // The make-up Saturday 28th counts too.
        assert_eq!(cal.add_working_days(d("2026-02-13"), 6), d("2026-02-28"));
        assert_eq!(cal.add_working_days(d("2026-02-13"), 0), d("2026-02-13"));
    }
}
