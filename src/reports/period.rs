//! A report period: whole local days `[from, to)` in the library's time zone, and the
//! period of the same length just before it (for comparison).

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, TimeZone, Utc, Weekday};
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

/// A stretch of a period and how a report reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// Whole periods of a histogram grain (`'y'`, `'m'`, `'w'`): rows whose period starts
    /// in `[from, to)`.
    Rows { grain: &'static str, from: NaiveDate, to: NaiveDate },
    /// Loose days `[from, to)` that no whole grain covers: read from the facts.
    Days { from: NaiveDate, to: NaiveDate },
}

impl Period {
    /// Whole years (when `years`), whole months around them, and the loose days at both
    /// ends: the fewest histogram rows that cover the period.
    pub fn calendar_pieces(&self, years: bool) -> Vec<Piece> {
        let (m_from, m_to) = self.whole_months();
        if m_from >= m_to {
            return vec![Piece::Days { from: self.from, to: self.to }];
        }
        let mut inner = vec![];
        let y_from = if m_from.month() == 1 { m_from } else { year_start(m_from.year() + 1) };
        let y_to = year_start(m_to.year());
        if years && y_from < y_to {
            inner.push(Piece::Rows { grain: "m", from: m_from, to: y_from });
            inner.push(Piece::Rows { grain: "y", from: y_from, to: y_to });
            inner.push(Piece::Rows { grain: "m", from: y_to, to: m_to });
        } else {
            inner.push(Piece::Rows { grain: "m", from: m_from, to: m_to });
        }
        around(self, m_from, m_to, inner)
    }

    /// Whole weeks (Monday to Sunday) and the loose days at both ends.
    pub fn week_pieces(&self) -> Vec<Piece> {
        let monday = |d: NaiveDate| d - Duration::days(d.weekday().num_days_from_monday() as i64);
        let w_from =
            if self.from.weekday() == Weekday::Mon { self.from } else { monday(self.from) + Duration::days(7) };
        let w_to = monday(self.to);
        if w_from >= w_to {
            return vec![Piece::Days { from: self.from, to: self.to }];
        }
        around(self, w_from, w_to, vec![Piece::Rows { grain: "w", from: w_from, to: w_to }])
    }
}

/// `inner` (covering `[a, b)`) with the period's loose days before and after, empty pieces
/// left out.
fn around(p: &Period, a: NaiveDate, b: NaiveDate, inner: Vec<Piece>) -> Vec<Piece> {
    let mut all = vec![Piece::Days { from: p.from, to: a }];
    all.extend(inner);
    all.push(Piece::Days { from: b, to: p.to });
    all.retain(|piece| match *piece {
        Piece::Rows { from, to, .. } | Piece::Days { from, to } => from < to,
    });
    all
}

fn year_start(y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, 1, 1).expect("valid year")
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
    fn a_long_period_is_whole_years_months_and_loose_days() {
        let p = Period::new(d(2024, 10, 31), d(2026, 12, 2)).unwrap();
        let rows = |grain, from, to| Piece::Rows { grain, from, to };
        assert_eq!(
            p.calendar_pieces(true),
            vec![
                Piece::Days { from: d(2024, 10, 31), to: d(2024, 11, 1) },
                rows("m", d(2024, 11, 1), d(2025, 1, 1)),
                rows("y", d(2025, 1, 1), d(2026, 1, 1)),
                rows("m", d(2026, 1, 1), d(2026, 12, 1)),
                Piece::Days { from: d(2026, 12, 1), to: d(2026, 12, 2) },
            ]
        );
        assert_eq!(
            p.calendar_pieces(false)[1..3],
            [rows("m", d(2024, 11, 1), d(2026, 12, 1)), Piece::Days { from: d(2026, 12, 1), to: d(2026, 12, 2) }]
        );
        let january = Period::new(d(2026, 1, 1), d(2026, 2, 1)).unwrap();
        assert_eq!(january.calendar_pieces(true), vec![rows("m", d(2026, 1, 1), d(2026, 2, 1))]);
        let days = Period::new(d(2026, 1, 5), d(2026, 2, 4)).unwrap();
        assert_eq!(days.calendar_pieces(true), vec![Piece::Days { from: d(2026, 1, 5), to: d(2026, 2, 4) }]);
        // 2026-01-05 is a Monday; 2026-02-04 a Wednesday.
        assert_eq!(
            days.week_pieces(),
            vec![rows("w", d(2026, 1, 5), d(2026, 2, 2)), Piece::Days { from: d(2026, 2, 2), to: d(2026, 2, 4) }]
        );
        let short = Period::new(d(2026, 1, 6), d(2026, 1, 11)).unwrap();
        assert_eq!(short.week_pieces(), vec![Piece::Days { from: d(2026, 1, 6), to: d(2026, 1, 11) }]);
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
