//! Business hours: how many seconds of an interval fall inside a team's opening hours.
//!
//! Pure (no database): a [`Calendar`] is the team's weekly hours, its holidays and the
//! library's time zone, loaded once per fact by `reports::calendar`. Opening hours are local
//! wall-clock times, so a day that changes to or from daylight saving time is open for the
//! hours on its clock, not for a fixed number of seconds after midnight.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::BTreeSet;

/// A team's week (ISO weekdays, Monday first), holidays, and the library's time zone.
#[derive(Debug, Clone)]
pub struct Calendar {
    tz: Tz,
    /// Index 0 = Monday. Several intervals a day are allowed (closed over lunch).
    week: [Vec<(NaiveTime, NaiveTime)>; 7],
    holidays: BTreeSet<NaiveDate>,
}

/// Longest span walked day by day; a longer one is counted up to this many days of hours
/// (a conversation left open for more than ten years is a data problem, not a figure).
const MAX_DAYS: i64 = 3660;

impl Calendar {
    /// A calendar in `tz` with no hours: [`Calendar::business_seconds`] is then the wall
    /// clock (a team without hours has nothing to exclude).
    pub fn new(tz: Tz) -> Calendar {
        Calendar { tz, week: Default::default(), holidays: BTreeSet::new() }
    }

    /// Adds an opening interval on ISO weekday `weekday` (1 = Monday .. 7 = Sunday).
    /// Intervals outside 1..=7 or with `closes <= opens` are ignored (the database refuses them).
    pub fn open(mut self, weekday: u32, opens: NaiveTime, closes: NaiveTime) -> Calendar {
        if (1..=7).contains(&weekday) && closes > opens {
            self.week[weekday as usize - 1].push((opens, closes));
        }
        self
    }

    /// Marks a local day as closed.
    pub fn closed_on(mut self, day: NaiveDate) -> Calendar {
        self.holidays.insert(day);
        self
    }

    /// The library's time zone.
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// True when the team has opening hours at all.
    pub fn has_hours(&self) -> bool {
        self.week.iter().any(|d| !d.is_empty())
    }

    /// Seconds of `[from, to)` inside opening hours (overlapping intervals count once).
    /// Zero when `to <= from`. Without any hours: the wall-clock seconds.
    pub fn business_seconds(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        if to <= from {
            return 0;
        }
        if !self.has_hours() {
            return (to - from).num_seconds();
        }
        let first = from.with_timezone(&self.tz).date_naive() - Duration::days(1);
        let last = (to.with_timezone(&self.tz).date_naive() + Duration::days(1)).min(first + Duration::days(MAX_DAYS));
        let mut total = 0;
        let mut day = first;
        while day <= last {
            for (start, end) in self.open_instants(day) {
                let (s, e) = (start.max(from), end.min(to));
                if e > s {
                    total += (e - s).num_seconds();
                }
            }
            day += Duration::days(1);
        }
        total
    }

    /// The instant `secs` business seconds after `from` (the wall clock without hours).
    /// None when the calendar never opens again within ten years.
    pub fn add_business_seconds(&self, from: DateTime<Utc>, secs: i64) -> Option<DateTime<Utc>> {
        if !self.has_hours() {
            return Some(from + Duration::seconds(secs));
        }
        let mut left = secs.max(0);
        let mut day = from.with_timezone(&self.tz).date_naive() - Duration::days(1);
        for _ in 0..MAX_DAYS {
            for (start, end) in self.open_instants(day) {
                let start = start.max(from);
                if end <= start {
                    continue;
                }
                let span = (end - start).num_seconds();
                if span >= left {
                    return Some(start + Duration::seconds(left));
                }
                left -= span;
            }
            day += Duration::days(1);
        }
        None
    }

    /// The open intervals of one local day as UTC instants, merged so overlaps count once.
    fn open_instants(&self, day: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        if self.holidays.contains(&day) {
            return vec![];
        }
        let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>)> = self.week[day.weekday().number_from_monday() as usize - 1]
            .iter()
            .map(|&(o, c)| (self.instant(day.and_time(o)), self.instant(day.and_time(c))))
            .filter(|(o, c)| c > o)
            .collect();
        spans.sort();
        let mut merged: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::with_capacity(spans.len());
        for (o, c) in spans {
            match merged.last_mut() {
                Some(last) if o <= last.1 => last.1 = last.1.max(c),
                _ => merged.push((o, c)),
            }
        }
        merged
    }

    /// A local wall-clock time as an instant. A time that happens twice (clocks go back)
    /// is its first occurrence; a time that never happens (clocks go forward) is the
    /// moment the clocks jump to.
    fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.tz.from_local_datetime(&local) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
            LocalResult::None => {
                // Walk forward minute by minute to the end of the gap (at most a few hours).
                let mut probe = local;
                for _ in 0..(4 * 60) {
                    probe += Duration::minutes(1);
                    if let Some(t) = self.tz.from_local_datetime(&probe).earliest() {
                        // Floor to the whole minute the clocks jump to.
                        return t.with_timezone(&Utc);
                    }
                }
                Utc.from_utc_datetime(&local)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    /// A local time in the calendar's zone as UTC.
    fn at(tz: Tz, y: i32, mo: u32, day: u32, h: u32, mi: u32) -> DateTime<Utc> {
        tz.with_ymd_and_hms(y, mo, day, h, mi, 0).single().unwrap().with_timezone(&Utc)
    }
    /// Monday to Friday 9-17, Saturday 10-14, closed Sunday.
    fn weekdays(tz: Tz) -> Calendar {
        let mut c = Calendar::new(tz);
        for wd in 1..=5 {
            c = c.open(wd, t(9, 0), t(17, 0));
        }
        c.open(6, t(10, 0), t(14, 0))
    }
    const NY: Tz = chrono_tz::America::New_York;

    #[test]
    fn without_hours_business_time_is_the_wall_clock() {
        // Friday 16:00 -> Monday 10:00 is 66 h on the clock face, but the clocks went forward
        // on Sunday 8 March: 65 h passed.
        let c = Calendar::new(NY);
        assert_eq!(c.business_seconds(at(NY, 2026, 3, 6, 16, 0), at(NY, 2026, 3, 9, 10, 0)), 65 * 3600);
    }

    #[test]
    fn an_interval_inside_one_opening_counts_fully() {
        let c = weekdays(NY);
        assert_eq!(c.business_seconds(at(NY, 2026, 3, 4, 10, 0), at(NY, 2026, 3, 4, 10, 45)), 45 * 60);
    }

    #[test]
    fn time_outside_hours_counts_nothing() {
        let c = weekdays(NY);
        assert_eq!(c.business_seconds(at(NY, 2026, 3, 4, 18, 0), at(NY, 2026, 3, 5, 8, 59)), 0);
        assert_eq!(c.business_seconds(at(NY, 2026, 3, 4, 12, 0), at(NY, 2026, 3, 4, 12, 0)), 0);
        assert_eq!(c.business_seconds(at(NY, 2026, 3, 4, 12, 0), at(NY, 2026, 3, 4, 11, 0)), 0);
    }

    #[test]
    fn a_weekend_counts_only_saturday_hours() {
        // Friday 16:00 -> Monday 10:00: 1 h Friday + 4 h Saturday + 0 Sunday + 1 h Monday.
        let c = weekdays(NY);
        assert_eq!(c.business_seconds(at(NY, 2026, 3, 6, 16, 0), at(NY, 2026, 3, 9, 10, 0)), 6 * 3600);
    }

    #[test]
    fn a_holiday_is_closed() {
        // Monday 9 March 2026 closed: Friday 16:00 -> Tuesday 10:00 is 1 + 4 + 0 + 0 + 1 h.
        let c = weekdays(NY).closed_on(d(2026, 3, 9));
        assert_eq!(c.business_seconds(at(NY, 2026, 3, 6, 16, 0), at(NY, 2026, 3, 10, 10, 0)), 6 * 3600);
    }

    #[test]
    fn several_intervals_a_day_and_overlaps_count_once() {
        // Closed for lunch 12-13; a duplicate overlapping interval adds nothing.
        let c = Calendar::new(NY).open(3, t(9, 0), t(12, 0)).open(3, t(13, 0), t(17, 0)).open(3, t(10, 0), t(11, 0));
        assert_eq!(c.business_seconds(at(NY, 2026, 3, 4, 11, 0), at(NY, 2026, 3, 4, 14, 0)), 2 * 3600);
        assert_eq!(c.business_seconds(at(NY, 2026, 3, 4, 0, 0), at(NY, 2026, 3, 5, 0, 0)), 7 * 3600);
    }

    #[test]
    fn clocks_going_forward_shorten_a_night_not_the_opening() {
        // New York springs forward on Sunday 8 March 2026 at 02:00. A 24-hour desk on that
        // Sunday (00:00-23:59) is open 23 h minus a minute of wall clock; Saturday 10-14 stays 4 h.
        let c = Calendar::new(NY).open(7, t(0, 0), t(23, 59)).open(6, t(10, 0), t(14, 0));
        let sunday = c.business_seconds(at(NY, 2026, 3, 8, 0, 0), at(NY, 2026, 3, 9, 0, 0));
        assert_eq!(sunday, 23 * 3600 - 60);
        assert_eq!(c.business_seconds(at(NY, 2026, 3, 7, 0, 0), at(NY, 2026, 3, 8, 0, 0)), 4 * 3600);
    }

    #[test]
    fn clocks_going_back_lengthen_an_opening_that_spans_them() {
        // New York falls back on Sunday 1 November 2026 at 02:00: 01:00-03:00 is three hours.
        let c = Calendar::new(NY).open(7, t(1, 0), t(3, 0));
        let from = at(NY, 2026, 11, 1, 0, 0);
        assert_eq!(c.business_seconds(from, from + Duration::hours(6)), 3 * 3600);
    }

    #[test]
    fn an_opening_inside_the_spring_gap_starts_when_the_clocks_jump() {
        // 02:30 does not exist on 8 March 2026 in New York; the desk opens at 03:00 (EDT).
        let c = Calendar::new(NY).open(7, t(2, 30), t(4, 0));
        let from = at(NY, 2026, 3, 8, 0, 0);
        assert_eq!(c.business_seconds(from, from + Duration::hours(12)), 3600);
    }

    #[test]
    fn hours_are_local_to_the_library_zone() {
        // 9-17 in Auckland is 20:00-04:00 UTC the day before (NZDT, UTC+13 in March).
        let nz = chrono_tz::Pacific::Auckland;
        let c = Calendar::new(nz).open(3, t(9, 0), t(17, 0));
        let utc_from = Utc.with_ymd_and_hms(2026, 3, 3, 20, 0, 0).unwrap(); // Wed 09:00 NZDT
        assert_eq!(c.business_seconds(utc_from, utc_from + Duration::hours(24)), 8 * 3600);
    }

    #[test]
    fn adding_business_time_skips_closed_hours_and_inverts_counting() {
        let c = weekdays(NY).closed_on(d(2026, 3, 9));
        let from = at(NY, 2026, 3, 6, 16, 0);
        // 4 business hours from Friday 16:00: 1 h Friday, 3 of Saturday's 4.
        assert_eq!(c.add_business_seconds(from, 4 * 3600), Some(at(NY, 2026, 3, 7, 13, 0)));
        // 6 h: Friday 1 + Saturday 4 + (Monday is a holiday) Tuesday 1.
        assert_eq!(c.add_business_seconds(from, 6 * 3600), Some(at(NY, 2026, 3, 10, 10, 0)));
        for secs in [0, 1, 3599, 3600, 7 * 3600, 50 * 3600] {
            let to = c.add_business_seconds(from, secs).unwrap();
            assert_eq!(c.business_seconds(from, to), secs);
        }
        assert_eq!(Calendar::new(NY).add_business_seconds(from, 60), Some(from + Duration::seconds(60)));
    }

    #[test]
    fn a_long_interval_counts_every_week() {
        // Four full weeks: 4 * (5 * 8 + 4) hours.
        let c = weekdays(NY);
        let from = at(NY, 2026, 1, 5, 0, 0);
        assert_eq!(c.business_seconds(from, from + Duration::days(28)), 4 * 44 * 3600);
    }
}
