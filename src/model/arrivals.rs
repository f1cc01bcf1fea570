//! Arrivals as a non-homogeneous Poisson process with a piecewise-constant
//! rate, generated exactly by inverting the cumulative rate: every segment,
//! however short, receives exactly its expected share of arrivals.

use rand::Rng;
use serde::Serialize;

/// A piecewise-constant arrival rate over `[0, end)`.
///
/// Segment `i` covers `[starts[i], starts[i+1])` (the last one ends at `end`)
/// with rate `rates[i]` [arrivals/s].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PiecewiseRate {
    starts: Vec<f64>,
    rates: Vec<f64>,
    end: f64,
    /// Cumulative expected arrivals at each segment start.
    #[serde(skip)]
    cumulative: Vec<f64>,
}

impl PiecewiseRate {
    /// Builds a rate from `(start [s], rate [1/s])` segments ending at `end`
    /// [s]. Segments must start at 0, be strictly increasing and end before
    /// `end`; rates must be finite and non-negative (checked by the caller's
    /// validation; a violation here is a programming error).
    pub fn new(segments: Vec<(f64, f64)>, end: f64) -> Self {
        assert!(!segments.is_empty() && segments[0].0 == 0.0, "rate must start at 0");
        let (starts, rates): (Vec<f64>, Vec<f64>) = segments.into_iter().unzip();
        assert!(starts.windows(2).all(|w| w[0] < w[1]) && *starts.last().unwrap() < end);
        assert!(rates.iter().all(|r| r.is_finite() && *r >= 0.0));
        let mut cumulative = Vec::with_capacity(starts.len() + 1);
        let mut acc = 0.0;
        for i in 0..starts.len() {
            cumulative.push(acc);
            let seg_end = starts.get(i + 1).copied().unwrap_or(end);
            acc += rates[i] * (seg_end - starts[i]);
        }
        cumulative.push(acc);
        Self { starts, rates, end, cumulative }
    }

    /// A constant rate `rate` [1/s] over `[0, end)`.
    pub fn constant(rate: f64, end: f64) -> Self {
        Self::new(vec![(0.0, rate)], end)
    }

    /// The end of the horizon [s].
    pub fn end(&self) -> f64 {
        self.end
    }

    /// Expected number of arrivals over the whole horizon.
    pub fn expected_total(&self) -> f64 {
        *self.cumulative.last().unwrap()
    }

    /// Expected arrivals in `[a, b)` [count].
    pub fn expected_between(&self, a: f64, b: f64) -> f64 {
        self.cumulative_at(b.min(self.end)) - self.cumulative_at(a.max(0.0))
    }

    /// The rate at time `t` [1/s] (0 outside the horizon).
    pub fn rate_at(&self, t: f64) -> f64 {
        if !(0.0..self.end).contains(&t) {
            return 0.0;
        }
        self.rates[self.starts.partition_point(|&s| s <= t) - 1]
    }

    /// The segments as `(start [s], rate [1/s])`.
    pub fn segments(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.starts.iter().copied().zip(self.rates.iter().copied())
    }

    /// The same shape multiplied by `factor`.
    pub fn scaled(&self, factor: f64) -> Self {
        Self::new(self.segments().map(|(s, r)| (s, r * factor)).collect(), self.end)
    }

    fn cumulative_at(&self, t: f64) -> f64 {
        let i = self.starts.partition_point(|&s| s <= t).max(1) - 1;
        self.cumulative[i] + self.rates[i] * (t - self.starts[i])
    }
}

/// Generates the arrival times of one replication in increasing order.
///
/// The process has rate `multiplier × rate(t)`; `multiplier` carries the
/// replication's forecast error. Holds only a cursor: no allocation.
pub struct ArrivalStream<'a> {
    rate: &'a PiecewiseRate,
    multiplier: f64,
    /// Position in cumulative-rate space (expected arrivals so far).
    level: f64,
    segment: usize,
}

impl<'a> ArrivalStream<'a> {
    /// A stream over `rate`, scaled by `multiplier` (> 0).
    pub fn new(rate: &'a PiecewiseRate, multiplier: f64) -> Self {
        Self { rate, multiplier, level: 0.0, segment: 0 }
    }

    /// The next arrival time [s], or `None` once past the horizon.
    #[inline]
    pub fn next_arrival<R: Rng + ?Sized>(&mut self, rng: &mut R) -> Option<f64> {
        let u: f64 = rng.random();
        self.level += -(-u).ln_1p() / self.multiplier;
        let r = self.rate;
        let last = r.starts.len() - 1;
        while self.segment < last && r.cumulative[self.segment + 1] <= self.level {
            self.segment += 1;
        }
        let i = self.segment;
        if self.level >= r.cumulative[i + 1] || r.rates[i] == 0.0 {
            return None;
        }
        Some(r.starts[i] + (self.level - r.cumulative[i]) / r.rates[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stream_rng;

    #[test]
    fn counts_per_segment_match_expectation_even_for_a_short_spike() {
        // 1 h at 100/h, a 2-minute spike at 6000/h, then 1 h at 100/h.
        let rate = PiecewiseRate::new(
            vec![(0.0, 100.0 / 3600.0), (3600.0, 6000.0 / 3600.0), (3720.0, 100.0 / 3600.0)],
            7320.0,
        );
        assert!((rate.expected_between(3600.0, 3720.0) - 200.0).abs() < 1e-9);
        let reps = 400;
        let mut in_spike = 0usize;
        let mut total = 0usize;
        for rep in 0..reps {
            let mut rng = stream_rng(3, rep, 0);
            let mut s = ArrivalStream::new(&rate, 1.0);
            let mut last = 0.0;
            while let Some(t) = s.next_arrival(&mut rng) {
                assert!(t >= last && t < 7320.0);
                last = t;
                total += 1;
                in_spike += usize::from((3600.0..3720.0).contains(&t));
            }
        }
        // Poisson counts: standard error sqrt(mean * reps).
        let (m_spike, m_total) = (200.0 * reps as f64, 400.0 * reps as f64);
        assert!((in_spike as f64 - m_spike).abs() < 4.0 * m_spike.sqrt());
        assert!((total as f64 - m_total).abs() < 4.0 * m_total.sqrt());
    }

    #[test]
    fn zero_rate_segments_get_no_arrivals() {
        let rate = PiecewiseRate::new(vec![(0.0, 0.0), (100.0, 1.0), (200.0, 0.0)], 300.0);
        let mut rng = stream_rng(1, 1, 1);
        let mut s = ArrivalStream::new(&rate, 1.0);
        while let Some(t) = s.next_arrival(&mut rng) {
            assert!((100.0..200.0).contains(&t), "arrival at {t}");
        }
    }
}
