//! A report period: whole local days `[from, to)` in the library's time zone, and the
//! period of the same length just before it (for comparison).

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// Longest period a report covers (twenty years).
pub const MAX_DAYS: i64 = 20 * 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    /// Exclusive.
    pub to: NaiveDate,
}

impl Period {
    /// None when `to <= from` or the period is longer than [`MAX_DAYS`].
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Period> {
        let days = (to - from).num_days();
        (days > 0 && days <= MAX_DAYS).then_some(Period { from, to })
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days()
    }

    /// The period of the same length ending where this one starts.
    pub fn previous(&self) -> Period {
        Period { from: self.from - Duration::days(self.days()), to: self.from }
    }

    /// The first and the (exclusive) last first-of-month that lie wholly inside the
    /// period; equal when no whole month does.
    pub fn whole_months(&self) -> (NaiveDate, NaiveDate) {
        let first = if self.from.day() == 1 { self.from } else { next_month(self.from) };
        let last = self.to.with_day(1).expect("day 1 exists");
        if first < last {
            (first, last)
        } else {
            (self.to, self.to)
        }
    }

    /// The instants of local midnight at both ends.
    pub fn instants(&self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        (midnight(tz, self.from), midnight(tz, self.to))
    }
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).expect("valid month")
}

/// The first instant of a local day (a day starting in a DST gap starts when it ends).
pub fn midnight(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    let mut t = day.and_hms_opt(0, 0, 0).expect("midnight");
    for _ in 0..240 {
        match tz.from_local_datetime(&t) {
            LocalResult::Single(x) | LocalResult::Ambiguous(x, _) => return x.with_timezone(&Utc),
            LocalResult::None => t += Duration::minutes(1),
        }
    }
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn whole_months_are_those_inside_the_period() {
        assert_eq!(Period::new(d(2026, 1, 15), d(2026, 4, 10)).unwrap().whole_months(), (d(2026, 2, 1), d(2026, 4, 1)));
        assert_eq!(Period::new(d(2026, 1, 1), d(2026, 2, 1)).unwrap().whole_months(), (d(2026, 1, 1), d(2026, 2, 1)));
        assert_eq!(
            Period::new(d(2026, 1, 2), d(2026, 1, 31)).unwrap().whole_months(),
            (d(2026, 1, 31), d(2026, 1, 31))
        );
        assert_eq!(
            Period::new(d(2025, 12, 5), d(2026, 1, 20)).unwrap().whole_months(),
            (d(2026, 1, 20), d(2026, 1, 20))
        );
    }

    #[test]
    fn the_previous_period_has_the_same_length() {
        let p = Period::new(d(2026, 3, 1), d(2026, 3, 8)).unwrap();
        assert_eq!(p.previous(), Period { from: d(2026, 2, 22), to: d(2026, 3, 1) });
        assert!(Period::new(d(2026, 3, 1), d(2026, 3, 1)).is_none());
    }

    #[test]
    fn days_start_at_local_midnight() {
        let ny = chrono_tz::America::New_York;
        assert_eq!(midnight(ny, d(2026, 1, 5)), Utc.with_ymd_and_hms(2026, 1, 5, 5, 0, 0).unwrap());
        assert_eq!(midnight(ny, d(2026, 7, 5)), Utc.with_ymd_and_hms(2026, 7, 5, 4, 0, 0).unwrap());
    }
}
