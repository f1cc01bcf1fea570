//! Streaming observation of one replication: per-period counters and
//! time-weighted levels, with no per-customer records.

use serde::Serialize;

/// Periods of equal length covering `[0, periods × length)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Periods {
    /// Length of one period [s].
    pub length_s: f64,
    /// Number of periods.
    pub count: usize,
}

impl Periods {
    /// The period that contains time `t` [s], clamped to the last period
    /// (events after the horizon are attributed to the last period).
    #[inline]
    pub fn index(&self, t: f64) -> usize {
        ((t / self.length_s) as usize).min(self.count - 1)
    }
}

/// A level that changes at events (queue length, busy slots, ...), integrated
/// over time per period, with its maximum per period.
#[derive(Debug, Clone)]
pub struct TimeWeighted {
    periods: Periods,
    last_t: f64,
    value: f64,
    /// Integral of the level over each period [level × s].
    pub area: Vec<f64>,
    /// Maximum of the level within each period.
    pub max: Vec<f64>,
}

impl TimeWeighted {
    /// A level of zero from time zero.
    pub fn new(periods: Periods) -> Self {
        Self { periods, last_t: 0.0, value: 0.0, area: vec![0.0; periods.count], max: vec![0.0; periods.count] }
    }

    /// Back to level zero at time zero, keeping the memory.
    pub fn reset(&mut self) {
        self.last_t = 0.0;
        self.value = 0.0;
        self.area.fill(0.0);
        self.max.fill(0.0);
    }

    /// The current level.
    #[inline]
    pub fn value(&self) -> f64 {
        self.value
    }

    /// The level becomes `value` at time `now` [s] (not before the last change).
    #[inline]
    pub fn set(&mut self, now: f64, value: f64) {
        self.advance(now);
        self.value = value;
        let i = self.periods.index(now);
        if value > self.max[i] {
            self.max[i] = value;
        }
    }

    /// Adds `delta` to the level at time `now` [s].
    #[inline]
    pub fn add(&mut self, now: f64, delta: f64) {
        self.set(now, self.value + delta);
    }

    /// Integrates the current level up to `now`, splitting at period bounds.
    /// Time beyond the last period is not integrated.
    #[inline]
    pub fn advance(&mut self, now: f64) {
        let horizon = self.periods.length_s * self.periods.count as f64;
        let end = now.min(horizon);
        let mut t = self.last_t;
        if self.value != 0.0 {
            while t < end {
                let i = self.periods.index(t);
                let bound = ((i + 1) as f64 * self.periods.length_s).min(end);
                self.area[i] += self.value * (bound - t);
                if self.value > self.max[i] {
                    self.max[i] = self.value;
                }
                t = bound;
            }
        }
        self.last_t = self.last_t.max(now);
    }

    /// The time-average of the level in each period.
    pub fn means(&self) -> impl Iterator<Item = f64> + '_ {
        self.area.iter().map(move |a| a / self.periods.length_s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrates_across_period_bounds() {
        let p = Periods { length_s: 10.0, count: 3 };
        let mut tw = TimeWeighted::new(p);
        tw.set(5.0, 2.0); // level 2 from 5 to 25
        tw.set(25.0, 0.0);
        tw.advance(30.0);
        assert_eq!(tw.area, vec![10.0, 20.0, 10.0]);
        assert_eq!(tw.max, vec![2.0, 2.0, 2.0]);
        assert_eq!(tw.means().collect::<Vec<_>>(), vec![1.0, 2.0, 1.0]);
    }
}
