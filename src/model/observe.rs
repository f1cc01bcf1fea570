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

    /// The period that contains time `t` [s], or `None` before the first
    /// or after the last period (or for NaN).
    #[inline]
    pub fn index_in(&self, t: f64) -> Option<usize> {
        let i = (t / self.length_s) as usize;
        (t >= 0.0 && i < self.count).then_some(i)
    }
}

/// `x.round() as u64` (half away from zero, saturating as the cast does),
/// without the library call `f64::round` makes on baseline x86-64: the
/// truncation and the fraction `x - trunc(x)` are exact.
#[inline]
pub fn round_to_u64(x: f64) -> u64 {
    let whole = x as u64;
    whole.saturating_add(u64::from(x - whole as f64 >= 0.5))
}

/// A level that changes at events (queue length, busy slots, ...), integrated
/// over time per period, with its maximum per period. Time after the last
/// period (a run that goes on after the window) is integrated apart, in
/// `after_area` and `after_max`.
#[derive(Debug, Clone)]
pub struct TimeWeighted {
    periods: Periods,
    /// End of the last period [s] (`length_s × count`, computed once).
    horizon: f64,
    last_t: f64,
    /// `last_i == periods.index(cached_t)`: the period of the last change,
    /// kept so that the usual update (within one period) divides once, not
    /// twice. `cached_t` is NaN when nothing is cached.
    cached_t: f64,
    last_i: usize,
    value: f64,
    /// Integral of the level over each period [level × s].
    pub area: Vec<f64>,
    /// Maximum of the level within each period.
    pub max: Vec<f64>,
    /// Integral of the level after the last period [level × s].
    pub after_area: f64,
    /// Maximum of the level after the last period.
    pub after_max: f64,
}

impl TimeWeighted {
    /// A level of zero from time zero.
    pub fn new(periods: Periods) -> Self {
        Self {
            periods,
            horizon: periods.length_s * periods.count as f64,
            last_t: 0.0,
            cached_t: f64::NAN,
            last_i: 0,
            value: 0.0,
            area: vec![0.0; periods.count],
            max: vec![0.0; periods.count],
            after_area: 0.0,
            after_max: 0.0,
        }
    }

    /// Back to level zero at time zero, keeping the memory.
    pub fn reset(&mut self) {
        self.last_t = 0.0;
        self.cached_t = f64::NAN;
        self.value = 0.0;
        self.area.fill(0.0);
        self.max.fill(0.0);
        self.after_area = 0.0;
        self.after_max = 0.0;
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
        if now < self.horizon {
            let i = if now == self.cached_t { self.last_i } else { self.periods.index(now) };
            if now == self.last_t {
                (self.cached_t, self.last_i) = (now, i);
            }
            if value > self.max[i] {
                self.max[i] = value;
            }
        } else if value > self.after_max {
            self.after_max = value;
        }
    }

    /// Adds `delta` to the level at time `now` [s].
    #[inline]
    pub fn add(&mut self, now: f64, delta: f64) {
        self.set(now, self.value + delta);
    }

    /// Integrates the current level up to `now`, splitting at period bounds.
    /// Time beyond the last period goes to `after_area`.
    #[inline]
    pub fn advance(&mut self, now: f64) {
        let horizon = self.horizon;
        let end = now.min(horizon);
        let mut t = self.last_t;
        if self.value != 0.0 {
            while t < end {
                let i = if t == self.cached_t { self.last_i } else { self.periods.index(t) };
                let bound = ((i + 1) as f64 * self.periods.length_s).min(end);
                self.area[i] += self.value * (bound - t);
                if self.value > self.max[i] {
                    self.max[i] = self.value;
                }
                t = bound;
            }
            if now > horizon && now > self.last_t {
                self.after_area += self.value * (now - self.last_t.max(horizon));
                if self.value > self.after_max {
                    self.after_max = self.value;
                }
            }
        }
        self.last_t = self.last_t.max(now);
    }

    /// The time-average of the level in each period.
    pub fn means(&self) -> impl Iterator<Item = f64> + '_ {
        self.area.iter().map(move |a| a / self.periods.length_s)
    }

    /// Integral of the level over the whole run, after the window included
    /// [level × s].
    pub fn total_area(&self) -> f64 {
        self.area.iter().sum::<f64>() + self.after_area
    }

    /// Integral of the level over the periods only [level × s].
    pub fn window_area(&self) -> f64 {
        self.area.iter().sum()
    }

    /// Largest level over the whole run.
    pub fn overall_max(&self) -> f64 {
        self.max.iter().copied().fold(self.after_max, f64::max)
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

    #[test]
    fn time_after_the_last_period_is_kept_apart() {
        let p = Periods { length_s: 10.0, count: 2 };
        let mut tw = TimeWeighted::new(p);
        tw.set(15.0, 3.0); // 3 from 15 to 40: 15 in period 1, 20 after
        tw.set(40.0, 5.0); // 5 from 40 to 44, after the periods
        tw.set(44.0, 0.0);
        tw.advance(50.0);
        assert_eq!(tw.area, vec![0.0, 15.0]);
        assert_eq!(tw.max, vec![0.0, 3.0]);
        assert_eq!(tw.after_area, 3.0 * 20.0 + 5.0 * 4.0);
        assert_eq!(tw.after_max, 5.0);
        assert_eq!(tw.total_area(), 15.0 + 80.0);
        assert_eq!(tw.overall_max(), 5.0);
    }

    #[test]
    fn round_to_u64_rounds_as_f64_round_does() {
        let mut xs = vec![0.0, 0.49999999999999994, 0.5, 1.5, 2.5, 1e9, 1e12 + 0.5, 4503599627370495.5, 1e30, -0.7];
        xs.extend((0..100_000).map(|i| f64::from(i) * 0.0137));
        for x in xs {
            assert_eq!(round_to_u64(x), x.round() as u64, "{x}");
        }
    }
}
