//! Log-bucketed histograms of durations, the unit of the report rollups.
//!
//! A value below a minute has its own bucket (exact: chat answers are measured in seconds);
//! above, buckets grow by 5%, so a percentile read from the histogram is within 2.5% of the
//! true value. About 330 buckets cover a year. Counts add up, so a histogram per day can be
//! summed into any period without touching the conversations again.

/// Values below this many seconds have a bucket each.
const EXACT_BELOW: i64 = 60;
/// ln(1.05): buckets grow by 5%. Written out (not computed) so that Postgres'
/// `report_bucket` (migrations/0014_report_rollups.sql) divides by the very same double.
const LN_GROWTH: f64 = 0.04879016416943205;

/// The bucket of a non-negative value (negative values count as 0), in closed form:
/// `60 + floor(ln(v / 60) / ln(1.05))` above a minute, the same steps in double precision
/// as the SQL function, so the hub's incremental rows and a rebuild in SQL agree.
pub fn bucket(value: i64) -> i32 {
    let v = value.max(0);
    if v < EXACT_BELOW {
        return v as i32;
    }
    EXACT_BELOW as i32 + ((v as f64 / EXACT_BELOW as f64).ln() / LN_GROWTH).floor() as i32
}

/// The smallest value in bucket `b` (the boundaries are wherever [`bucket`] steps up).
pub fn lower(b: i32) -> i64 {
    if (b as i64) < EXACT_BELOW {
        return b.max(0) as i64;
    }
    // Start from the real-number boundary and settle on the integer where `bucket` steps.
    let mut v = (EXACT_BELOW as f64 * ((b - EXACT_BELOW as i32) as f64 * LN_GROWTH).exp()).ceil() as i64;
    while v > EXACT_BELOW && bucket(v - 1) >= b {
        v -= 1;
    }
    while bucket(v) < b {
        v += 1;
    }
    v
}

/// The value a bucket stands for: exact below a minute, else the middle of its range.
pub fn representative(b: i32) -> f64 {
    if (b as i64) < EXACT_BELOW {
        return b as f64;
    }
    (lower(b) + lower(b + 1) - 1) as f64 / 2.0
}

/// A percentile (`p` in 0..=1) of a histogram given as (bucket, count) sorted by bucket,
/// interpolated between neighbouring ranks as Postgres `percentile_cont` does, so a
/// histogram of exact buckets gives exactly `percentile_cont`'s answer.
pub fn percentile(sorted: &[(i32, i64)], p: f64) -> Option<f64> {
    let mut upto = 0;
    let ranked: Vec<(i32, i64, i64)> = sorted
        .iter()
        .map(|&(b, n)| {
            upto += n;
            (b, n, upto)
        })
        .collect();
    percentile_of_ranks(&ranked, upto, p, representative)
}

/// The same percentile from only some buckets of a histogram of `count` values, each as
/// (bucket, count, count up to and including it): enough when they hold the ranks the
/// percentile falls on (a report reads just those). `value` is what a bucket stands for
/// ([`representative`], or the bucket itself when buckets are exact counts).
pub fn percentile_of_ranks(ranked: &[(i32, i64, i64)], count: i64, p: f64, value: fn(i32) -> f64) -> Option<f64> {
    if count <= 0 {
        return None;
    }
    let rank = p.clamp(0.0, 1.0) * (count - 1) as f64;
    let (lo, frac) = (rank.floor() as i64, rank - rank.floor());
    let at = |k: i64| ranked.iter().find(|&&(_, n, upto)| upto - n <= k && k < upto).map(|&(b, _, _)| value(b));
    let low = at(lo)?;
    Some(if frac > 0.0 { low + frac * (at(lo + 1)? - low) } else { low })
}

/// Cells of one histogram gathered from several rows (a packed period, bucket rows, loose
/// days' facts taken away with negative counts), in any order, with the sum of the values.
#[derive(Default)]
pub struct Cells {
    cells: Vec<(i32, i64)>,
    total: i64,
}

impl Cells {
    /// Adds a row's buckets and their counts (the same length) and its sum of values.
    pub fn add(&mut self, buckets: &[i32], counts: &[i64], total: i64) {
        self.cells.extend(buckets.iter().copied().zip(counts.iter().copied()));
        self.total += total;
    }

    /// The histogram: counts of a bucket added up, buckets in order, empty ones dropped.
    pub fn sorted(mut self) -> Sorted {
        self.cells.sort_unstable_by_key(|&(b, _)| b);
        let mut ranked: Vec<(i32, i64, i64)> = Vec::with_capacity(self.cells.len());
        let mut upto = 0;
        for (b, n) in self.cells {
            match ranked.last_mut() {
                Some(last) if last.0 == b => last.1 += n,
                _ => ranked.push((b, n, 0)),
            }
        }
        ranked.retain(|&(_, n, _)| n > 0);
        for cell in &mut ranked {
            upto += cell.1;
            cell.2 = upto;
        }
        Sorted { ranked, count: upto, total: self.total }
    }
}

/// A histogram ready for percentiles: (bucket, count, count up to and including it).
pub struct Sorted {
    ranked: Vec<(i32, i64, i64)>,
    pub count: i64,
    pub total: i64,
}

impl Sorted {
    /// A percentile, `value` being what a bucket stands for (see [`percentile_of_ranks`]).
    pub fn percentile(&self, p: f64, value: fn(i32) -> f64) -> Option<f64> {
        percentile_of_ranks(&self.ranked, self.count, p, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_below_a_minute_are_exact() {
        for v in 0..60 {
            assert_eq!(bucket(v), v as i32);
            assert_eq!(representative(bucket(v)), v as f64);
        }
        assert_eq!(bucket(-5), 0);
    }

    #[test]
    fn every_value_falls_inside_its_bucket_and_buckets_are_ordered() {
        let mut previous = -1;
        for v in (0..200_000).chain((200_000..40_000_000).step_by(997)) {
            let b = bucket(v);
            assert!(lower(b) <= v && v < lower(b + 1), "value {v} bucket {b}");
            assert!(b >= previous);
            previous = b;
        }
        assert!(bucket(366 * 86_400) < 340, "a year fits in about 330 buckets");
    }

    #[test]
    fn a_bucket_stands_for_its_values_within_two_and_a_half_percent() {
        for v in (60..10_000_000).step_by(1009) {
            let r = representative(bucket(v));
            assert!(((r - v as f64) / v as f64).abs() <= 0.026, "value {v} read as {r}");
        }
    }

    #[test]
    fn exact_buckets_give_percentile_cont() {
        // percentile_cont(0.5) of 10, 20, 30, 40 is 25; 0.9 is 37.
        let h = [(10, 1), (20, 1), (30, 1), (40, 1)];
        assert_eq!(percentile(&h, 0.5), Some(25.0));
        assert!((percentile(&h, 0.9).unwrap() - 37.0).abs() < 1e-9);
        assert_eq!(percentile(&[(7, 3)], 0.99), Some(7.0));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[test]
    fn the_buckets_around_the_ranks_give_the_same_percentile_as_all_of_them() {
        let h: Vec<(i32, i64)> = (0..200).map(|b| (b, 1 + (b as i64 * 7) % 5)).collect();
        let mut upto = 0;
        let all: Vec<(i32, i64, i64)> = h
            .iter()
            .map(|&(b, n)| {
                upto += n;
                (b, n, upto)
            })
            .collect();
        for p in [0.5, 0.9, 0.99] {
            let lo = (p * (upto - 1) as f64).floor() as i64;
            let near: Vec<_> = all.iter().copied().filter(|&(_, n, u)| lo + 2 >= u - n && lo - 1 < u).collect();
            assert!(near.len() <= 4);
            assert_eq!(percentile_of_ranks(&near, upto, p, representative), percentile(&h, p));
        }
        assert_eq!(percentile_of_ranks(&[], 10, 0.5, representative), None, "a missing bucket is no answer");
    }

    #[test]
    fn cells_from_several_rows_add_up_to_one_histogram() {
        // A packed week, a bucket row of the same bucket, and a loose day taken away.
        let mut cells = Cells::default();
        cells.add(&[10, 20, 30], &[1, 2, 1], 90);
        cells.add(&[40, 20], &[1, 1], 60);
        cells.add(&[30], &[-1], -30);
        let h = cells.sorted();
        assert_eq!((h.count, h.total), (5, 120));
        let whole = [(10, 1), (20, 3), (40, 1)];
        for p in [0.0, 0.5, 0.9, 0.99, 1.0] {
            assert_eq!(h.percentile(p, representative), percentile(&whole, p), "p{p}");
        }
        assert_eq!(Cells::default().sorted().percentile(0.5, representative), None);
    }
}
