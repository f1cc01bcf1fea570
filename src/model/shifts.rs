//! Shifts: who is on duty when. A shift is an interval of the run with a
//! headcount per staff group; shifts may overlap (floaters on peaks).

use serde::Serialize;

/// One shift of one role (agents or packers).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shift {
    /// Name, unique within the role.
    pub name: String,
    /// Start [s from the window start].
    pub start_s: f64,
    /// End [s from the window start]; after `start_s`.
    pub end_s: f64,
    /// Headcount per staff group, in the order of the role's groups.
    pub headcount: Vec<u32>,
}

impl Shift {
    /// Length of the shift [h].
    pub fn hours(&self) -> f64 {
        (self.end_s - self.start_s) / 3600.0
    }

    /// Total headcount over all groups.
    pub fn total(&self) -> u32 {
        self.headcount.iter().sum()
    }

    /// Seconds of `[a, b)` that the shift covers.
    pub fn overlap_s(&self, a: f64, b: f64) -> f64 {
        (self.end_s.min(b) - self.start_s.max(a)).max(0.0)
    }
}

/// Mean headcount on duty in each period of length `period_s` [s] over
/// `count` periods, per group: `result[period][group]`.
pub fn planned_on_duty(shifts: &[Shift], groups: usize, period_s: f64, count: usize) -> Vec<Vec<f64>> {
    (0..count)
        .map(|i| {
            let (a, b) = (i as f64 * period_s, (i + 1) as f64 * period_s);
            (0..groups)
                .map(|g| shifts.iter().map(|s| s.headcount[g] as f64 * s.overlap_s(a, b) / period_s).sum())
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_duty_counts_partial_overlaps() {
        let shifts = vec![
            Shift { name: "a".into(), start_s: 0.0, end_s: 5400.0, headcount: vec![2, 0] },
            Shift { name: "b".into(), start_s: 1800.0, end_s: 7200.0, headcount: vec![1, 4] },
        ];
        let d = planned_on_duty(&shifts, 2, 3600.0, 2);
        assert_eq!(d, vec![vec![2.5, 2.0], vec![2.0, 4.0]]);
    }
}
