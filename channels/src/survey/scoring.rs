//! Scores over many responses: mean ratings, Net Promoter Score, LibSat's Opportunity
//! Index, and the suppression of small groups so no respondent can be singled out.

use serde::Serialize;
use utoipa::ToSchema;

/// Sums the results store per cell: enough to compute every figure here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, ToSchema)]
pub struct Tally {
    pub n: i64,
    pub total: i64,
    /// NPS only: answers 9-10 and 0-6.
    pub promoters: i64,
    pub detractors: i64,
}

impl Tally {
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.total as f64 / self.n as f64)
    }

    /// Net Promoter Score: % promoters (9-10) minus % detractors (0-6), -100..=100.
    pub fn nps(&self) -> Option<f64> {
        (self.n > 0).then(|| 100.0 * (self.promoters - self.detractors) as f64 / self.n as f64)
    }

    pub fn add(&mut self, other: &Tally) {
        self.n += other.n;
        self.total += other.total;
        self.promoters += other.promoters;
        self.detractors += other.detractors;
    }
}

/// Whether an NPS answer is a promoter (+1), passive (0) or detractor (-1).
pub fn nps_class(score: i16) -> i8 {
    match score {
        9..=10 => 1,
        7..=8 => 0,
        _ => -1,
    }
}

/// LibSat's Opportunity Index for a service aspect: importance + (importance -
/// satisfaction), never below 0. High = important and under-served: where to act first.
/// Means are on the survey's scale (1-5 or 1-10).
pub fn opportunity_index(importance_mean: f64, satisfaction_mean: f64) -> f64 {
    (importance_mean + (importance_mean - satisfaction_mean)).max(0.0)
}

/// Default smallest group shown in a breakdown.
pub const DEFAULT_MIN_GROUP: i64 = 5;

/// Which groups of one breakdown may be shown: those with at least `min` respondents.
/// When exactly one group is hidden, the next smallest shown group is hidden too, so the
/// hidden one cannot be worked out by subtracting the shown groups from the total.
/// Returns a flag per group (true = shown), in the input order.
pub fn shown_groups(sizes: &[i64], min: i64) -> Vec<bool> {
    let mut shown: Vec<bool> = sizes.iter().map(|&n| n >= min).collect();
    let hidden = shown.iter().filter(|s| !**s).count();
    let nonzero_hidden = sizes.iter().zip(&shown).filter(|(n, s)| !**s && **n > 0).count();
    if hidden == 1 && nonzero_hidden == 1 {
        if let Some(i) = (0..sizes.len()).filter(|&i| shown[i]).min_by_key(|&i| sizes[i]) {
            shown[i] = false;
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nps_is_promoters_minus_detractors_in_percent() {
        // (scores, expected NPS)
        let cases: &[(&[i16], Option<f64>)] = &[
            (&[], None),
            (&[10, 10, 9], Some(100.0)),
            (&[0, 3, 6], Some(-100.0)),
            (&[7, 8], Some(0.0)),
            (&[10, 9, 8, 7, 6], Some(20.0)),
            (&[10, 0], Some(0.0)),
        ];
        for (scores, want) in cases {
            let mut t = Tally::default();
            for s in scores.iter() {
                t.n += 1;
                t.total += *s as i64;
                match nps_class(*s) {
                    1 => t.promoters += 1,
                    -1 => t.detractors += 1,
                    _ => {}
                }
            }
            assert_eq!(t.nps(), *want, "{scores:?}");
        }
    }

    #[test]
    fn opportunity_index_follows_libsat_and_never_goes_below_zero() {
        let cases = [(4.5, 3.0, 6.0), (4.0, 4.0, 4.0), (2.0, 5.0, 0.0), (1.0, 5.0, 0.0), (9.0, 6.0, 12.0)];
        for (imp, sat, want) in cases {
            assert!((opportunity_index(imp, sat) - want).abs() < 1e-9, "{imp} {sat}");
        }
    }

    #[test]
    fn small_groups_are_hidden_and_a_lone_hidden_group_takes_the_next_smallest_with_it() {
        let cases: &[(&[i64], &[bool])] = &[
            (&[10, 7, 5], &[true, true, true]),
            (&[10, 7, 4], &[true, false, false]),
            (&[10, 3, 2], &[true, false, false]),
            (&[10, 7, 0], &[true, true, false]),
            (&[4], &[false]),
            (&[1, 1, 20, 30], &[false, false, true, true]),
            (&[], &[]),
        ];
        for (sizes, want) in cases {
            assert_eq!(shown_groups(sizes, 5), *want, "{sizes:?}");
        }
    }

    #[test]
    fn means_of_empty_tallies_are_absent() {
        assert_eq!(Tally::default().mean(), None);
        assert_eq!(Tally { n: 4, total: 14, ..Default::default() }.mean(), Some(3.5));
    }
}
