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
    /// Loose days `[from, to)` inside the period that no whole grain covers: read from the
    /// facts and added.
    Days { from: NaiveDate, to: NaiveDate },
    /// Days `[from, to)` outside the period that a `Rows` piece covers anyway (the month or
    /// week the period starts or ends in): read from the facts and taken away.
    Without { from: NaiveDate, to: NaiveDate },
}

/// Which days of a period's ends may hold facts: none after `today` (library time), so a
/// period ending tomorrow ends in a partial month or week that costs nothing to take away.
#[derive(Debug, Clone, Copy)]
struct Ends {
    today: NaiveDate,
}

impl Ends {
    /// Days of `[from, to)` that may hold facts.
    fn cost(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        (to.min(self.today + Duration::days(1)) - from).num_days().max(0)
    }

    /// The start `[from, whole)` of a period, inside the unit `[unit, whole)`: either those
    /// days from the facts, or the unit's rows without its days before `from`, whichever
    /// reads fewer days of facts. Every count comes out the same either way.
    fn start(&self, grain: &'static str, unit: NaiveDate, from: NaiveDate, whole: NaiveDate) -> Vec<Piece> {
        if from == whole {
            vec![]
        } else if self.cost(unit, from) < self.cost(from, whole) {
            vec![Piece::Rows { grain, from: unit, to: whole }, Piece::Without { from: unit, to: from }]
        } else {
            vec![Piece::Days { from, to: whole }]
        }
    }

    /// The end `[whole, to)`, inside the unit `[whole, unit_end)`.
    fn end(&self, grain: &'static str, whole: NaiveDate, to: NaiveDate, unit_end: NaiveDate) -> Vec<Piece> {
        if whole == to {
            vec![]
        } else if self.cost(to, unit_end) < self.cost(whole, to) {
            vec![Piece::Rows { grain, from: whole, to: unit_end }, Piece::Without { from: to, to: unit_end }]
        } else {
            vec![Piece::Days { from: whole, to }]
        }
    }
}

impl Period {
    /// Whole years (when `years`), whole months around them, and the loose days at both
    /// ends: the fewest histogram rows and facts that cover the period. `today` (library
    /// time) says which days may hold facts.
    pub fn calendar_pieces(&self, years: bool, today: NaiveDate) -> Vec<Piece> {
        let (m_from, m_to) = self.whole_months();
        if m_from >= m_to {
            return vec![Piece::Days { from: self.from, to: self.to }];
        }
        let ends = Ends { today };
        let mut all = ends.start("m", self.from.with_day(1).expect("day 1 exists"), self.from, m_from);
        let y_from = if m_from.month() == 1 { m_from } else { year_start(m_from.year() + 1) };
        let y_to = year_start(m_to.year());
        if years && y_from < y_to {
            all.push(Piece::Rows { grain: "m", from: m_from, to: y_from });
            all.push(Piece::Rows { grain: "y", from: y_from, to: y_to });
            all.push(Piece::Rows { grain: "m", from: y_to, to: m_to });
        } else {
            all.push(Piece::Rows { grain: "m", from: m_from, to: m_to });
        }
        all.extend(ends.end("m", m_to, self.to, next_month(m_to)));
        non_empty(all)
    }

    /// Whole weeks (Monday to Sunday) and the loose days at both ends.
    pub fn week_pieces(&self, today: NaiveDate) -> Vec<Piece> {
        let monday = |d: NaiveDate| d - Duration::days(d.weekday().num_days_from_monday() as i64);
        let w_from =
            if self.from.weekday() == Weekday::Mon { self.from } else { monday(self.from) + Duration::days(7) };
        let w_to = monday(self.to);
        if w_from >= w_to {
            return vec![Piece::Days { from: self.from, to: self.to }];
        }
        let ends = Ends { today };
        let mut all = ends.start("w", monday(self.from), self.from, w_from);
        all.push(Piece::Rows { grain: "w", from: w_from, to: w_to });
        all.extend(ends.end("w", w_to, self.to, w_to + Duration::days(7)));
        non_empty(all)
    }
}

/// The pieces without the empty ones.
fn non_empty(mut all: Vec<Piece>) -> Vec<Piece> {
    all.retain(|piece| match *piece {
        Piece::Rows { from, to, .. } | Piece::Days { from, to } | Piece::Without { from, to } => from < to,
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

    /// A day long after every period below: every day may hold facts.
    const LATER: fn() -> NaiveDate = || d(2030, 1, 1);

    #[test]
    fn a_long_period_is_whole_years_months_and_loose_days() {
        let p = Period::new(d(2024, 10, 31), d(2026, 12, 2)).unwrap();
        let rows = |grain, from, to| Piece::Rows { grain, from, to };
        assert_eq!(
            p.calendar_pieces(true, LATER()),
            vec![
                Piece::Days { from: d(2024, 10, 31), to: d(2024, 11, 1) },
                rows("m", d(2024, 11, 1), d(2025, 1, 1)),
                rows("y", d(2025, 1, 1), d(2026, 1, 1)),
                rows("m", d(2026, 1, 1), d(2026, 12, 1)),
                Piece::Days { from: d(2026, 12, 1), to: d(2026, 12, 2) },
            ]
        );
        assert_eq!(
            p.calendar_pieces(false, LATER())[1..3],
            [rows("m", d(2024, 11, 1), d(2026, 12, 1)), Piece::Days { from: d(2026, 12, 1), to: d(2026, 12, 2) }]
        );
        let january = Period::new(d(2026, 1, 1), d(2026, 2, 1)).unwrap();
        assert_eq!(january.calendar_pieces(true, LATER()), vec![rows("m", d(2026, 1, 1), d(2026, 2, 1))]);
        let days = Period::new(d(2026, 1, 5), d(2026, 2, 4)).unwrap();
        assert_eq!(days.calendar_pieces(true, LATER()), vec![Piece::Days { from: d(2026, 1, 5), to: d(2026, 2, 4) }]);
        // 2026-01-05 is a Monday; 2026-02-04 a Wednesday.
        assert_eq!(
            days.week_pieces(LATER()),
            vec![rows("w", d(2026, 1, 5), d(2026, 2, 2)), Piece::Days { from: d(2026, 2, 2), to: d(2026, 2, 4) }]
        );
        let short = Period::new(d(2026, 1, 6), d(2026, 1, 11)).unwrap();
        assert_eq!(short.week_pieces(LATER()), vec![Piece::Days { from: d(2026, 1, 6), to: d(2026, 1, 11) }]);
    }

    #[test]
    fn an_end_mostly_inside_a_unit_is_the_unit_without_the_days_outside() {
        let rows = |grain, from, to| Piece::Rows { grain, from, to };
        // From Thursday 8 January: four days to the next Monday, or the whole week without
        // its first three days (fewer facts to read).
        let p = Period::new(d(2026, 1, 8), d(2026, 2, 2)).unwrap();
        assert_eq!(
            p.week_pieces(LATER()),
            vec![
                rows("w", d(2026, 1, 5), d(2026, 1, 12)),
                Piece::Without { from: d(2026, 1, 5), to: d(2026, 1, 8) },
                rows("w", d(2026, 1, 12), d(2026, 2, 2)),
            ]
        );
        // A period ending tomorrow ends in a week and a month whose later days hold no facts
        // yet: their rows cost nothing to trim.
        let today = d(2026, 12, 1); // a Tuesday
        let year = Period::new(d(2025, 12, 2), d(2026, 12, 2)).unwrap();
        assert_eq!(
            year.week_pieces(today),
            vec![
                rows("w", d(2025, 12, 1), d(2025, 12, 8)),
                Piece::Without { from: d(2025, 12, 1), to: d(2025, 12, 2) },
                rows("w", d(2025, 12, 8), d(2026, 11, 30)),
                rows("w", d(2026, 11, 30), d(2026, 12, 7)),
                Piece::Without { from: d(2026, 12, 2), to: d(2026, 12, 7) },
            ]
        );
        assert_eq!(
            year.calendar_pieces(true, today),
            vec![
                rows("m", d(2025, 12, 1), d(2026, 1, 1)),
                Piece::Without { from: d(2025, 12, 1), to: d(2025, 12, 2) },
                rows("m", d(2026, 1, 1), d(2026, 12, 1)),
                rows("m", d(2026, 12, 1), d(2027, 1, 1)),
                Piece::Without { from: d(2026, 12, 2), to: d(2027, 1, 1) },
            ]
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
