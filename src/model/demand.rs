//! Forecast uncertainty where it is: the traffic of one replication drawn
//! around the forecast, once per replication, before its events run.
//!
//! * each named peak's height (its multiplier or rate times a lognormal
//!   factor with mean 1) and timing (its start and end moved together by a
//!   normal shift, cut to the window),
//! * each reporting period's rate times a gamma factor with mean 1
//!   (gamma–Poisson overdispersion: the period's count has variance
//!   `m + (cv·m)²` for mean `m`),
//! * live-stream bursts (直播) [003, 004]: a Poisson number of them, each at
//!   a uniform time with a random number of extra inquiries spread evenly
//!   over its length.
//!
//! Each kind of draw has its own random stream of the replication, so the
//! result does not depend on the thread that runs it, and a spread left at
//! zero draws nothing: with every spread at zero there is no [`Demand`] and
//! the replication runs on the forecast rate, exactly as without this module.
//! The inquiries and the silent orders (a rate per visitor) both follow the
//! drawn rate.

use crate::model::arrivals::PiecewiseRate;
use crate::model::dist::{std_normal_quantile, Dist};
use crate::model::observe::Periods;
use rand::Rng;
use rand_distr::{Distribution, Gamma, Poisson};
use serde::Serialize;

/// What a peak does to the rate in its interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum PeakOp {
    /// Multiplies the profile's rate by this factor.
    Multiply(f64),
    /// Sets the rate [1/s].
    SetRate(f64),
}

/// A named peak of the forecast, with the spread of its height and timing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Peak {
    /// Forecast start [s from the window start].
    pub start_s: f64,
    /// Forecast end [s].
    pub end_s: f64,
    /// What it does to the rate.
    pub op: PeakOp,
    /// Coefficient of variation of its height factor (lognormal, mean 1).
    pub height_cv: f64,
    /// Standard deviation of the shift of its start and end [s].
    pub shift_sd_s: f64,
}

/// The rate of the profile `segments` (`(start [s], rate [1/s])`) with
/// `peaks` applied: the profile split at every peak bound, then the peaks
/// applied in order (a later peak acts on the rate an earlier one made).
pub fn with_peaks(segments: &[(f64, f64)], peaks: &[Peak], end: f64) -> PiecewiseRate {
    let mut bounds: Vec<f64> = segments
        .iter()
        .map(|s| s.0)
        .chain(peaks.iter().flat_map(|pk| [pk.start_s, pk.end_s]))
        .filter(|&t| t < end)
        .collect();
    bounds.sort_by(f64::total_cmp);
    bounds.dedup();
    let profile = PiecewiseRate::new(segments.to_vec(), end);
    let segments = bounds
        .into_iter()
        .map(|t| {
            let rate = peaks.iter().filter(|pk| pk.start_s <= t && t < pk.end_s).fold(profile.rate_at(t), |r, pk| {
                match pk.op {
                    PeakOp::Multiply(m) => r * m,
                    PeakOp::SetRate(v) => v,
                }
            });
            (t, rate)
        })
        .collect();
    PiecewiseRate::new(segments, end)
}

/// Live-stream bursts of extra inquiries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bursts {
    /// Expected bursts in one replication (Poisson) [count].
    pub mean_count: f64,
    /// Earliest start [s].
    pub from_s: f64,
    /// Latest start [s].
    pub to_s: f64,
    /// Length of one burst [s].
    pub length_s: f64,
    /// Extra inquiries one burst brings [count], before `scale`.
    pub extra: Dist,
    /// Traffic scale applied to every burst's size (1 as written).
    pub scale: f64,
}

/// The forecast's structure and its spreads; `None` in the model when no
/// spread is set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Demand {
    /// The profile's steps `(start [s], rate [1/s])`, scaled like the forecast.
    pub profile: Vec<(f64, f64)>,
    /// The named peaks, rates scaled like the forecast.
    pub peaks: Vec<Peak>,
    /// Coefficient of variation of each period's gamma factor (mean 1).
    pub period_cv: f64,
    /// Live-stream bursts; `None`: none.
    pub bursts: Option<Bursts>,
    /// The periods the gamma factors apply to.
    pub periods: Periods,
}

/// The random streams of the demand draws, one per kind.
pub struct DemandStreams<'r, R: Rng> {
    /// Peak heights and shifts: two uniforms per peak, in file order.
    pub peaks: &'r mut R,
    /// Period factors: one gamma draw per period.
    pub periods: &'r mut R,
    /// Bursts: their count, then a time and a size each.
    pub bursts: &'r mut R,
}

impl Demand {
    /// Whether any spread is set (otherwise the forecast is drawn as is).
    pub fn is_uncertain(&self) -> bool {
        self.period_cv > 0.0
            || self.peaks.iter().any(|p| p.height_cv > 0.0 || p.shift_sd_s > 0.0)
            || self.bursts.as_ref().is_some_and(|b| b.mean_count > 0.0)
    }

    /// The same demand with the traffic scaled by `factor`.
    pub fn scale(&mut self, factor: f64) {
        self.profile.iter_mut().for_each(|s| s.1 *= factor);
        for pk in &mut self.peaks {
            if let PeakOp::SetRate(r) = &mut pk.op {
                *r *= factor;
            }
        }
        if let Some(b) = &mut self.bursts {
            b.scale *= factor;
        }
    }

    fn end_s(&self) -> f64 {
        self.periods.length_s * self.periods.count as f64
    }

    /// The peaks of one replication: heights and timings drawn.
    fn drawn_peaks<R: Rng>(&self, rng: &mut R) -> Vec<Peak> {
        let end = self.end_s();
        let mut out = Vec::with_capacity(self.peaks.len());
        for pk in &self.peaks {
            let (u_height, u_shift): (f64, f64) = (rng.random(), rng.random());
            let height = if pk.height_cv > 0.0 {
                Dist::lognormal(1.0, pk.height_cv).expect("height_cv checked by validation").quantile(u_height)
            } else {
                1.0
            };
            let shift = if pk.shift_sd_s > 0.0 { pk.shift_sd_s * std_normal_quantile(u_shift) } else { 0.0 };
            let (start_s, end_s) = ((pk.start_s + shift).clamp(0.0, end), (pk.end_s + shift).clamp(0.0, end));
            let op = match pk.op {
                PeakOp::Multiply(m) => PeakOp::Multiply(m * height),
                PeakOp::SetRate(r) => PeakOp::SetRate(r * height),
            };
            if end_s > start_s {
                out.push(Peak { start_s, end_s, op, ..*pk });
            }
        }
        out
    }

    /// The bursts of one replication: `(start [s], end [s], rate [1/s])`.
    fn drawn_bursts<R: Rng>(&self, rng: &mut R) -> Vec<(f64, f64, f64)> {
        let Some(b) = self.bursts.as_ref().filter(|b| b.mean_count > 0.0) else { return Vec::new() };
        let n = Poisson::new(b.mean_count).expect("mean_count checked by validation").sample(rng) as usize;
        let end = self.end_s();
        (0..n)
            .map(|_| {
                let at = b.from_s + (b.to_s - b.from_s) * rng.random::<f64>();
                let size = b.extra.sample(rng) * b.scale;
                (at, (at + b.length_s).min(end), size / b.length_s)
            })
            .collect()
    }

    /// The gamma factor of each period (all 1 when `period_cv` is 0).
    fn drawn_factors<R: Rng>(&self, rng: &mut R) -> Vec<f64> {
        if self.period_cv <= 0.0 {
            return vec![1.0; self.periods.count];
        }
        let k = 1.0 / (self.period_cv * self.period_cv);
        let gamma = Gamma::new(k, 1.0 / k).expect("period_cv checked by validation");
        (0..self.periods.count).map(|_| gamma.sample(rng)).collect()
    }

    /// Draws the inquiry rate of one replication [1/s]. Allocates a few
    /// vectors the size of the profile, once per replication.
    pub fn draw<R: Rng>(&self, rng: DemandStreams<'_, R>) -> PiecewiseRate {
        let end = self.end_s();
        let shaped = with_peaks(&self.profile, &self.drawn_peaks(rng.peaks), end);
        let factors = self.drawn_factors(rng.periods);
        let bursts = self.drawn_bursts(rng.bursts);
        let split = if self.period_cv > 0.0 { self.periods.count } else { 0 };
        let period_bounds = (0..split).map(|i| i as f64 * self.periods.length_s);
        let mut bounds: Vec<f64> = shaped
            .segments()
            .map(|s| s.0)
            .chain(period_bounds)
            .chain(bursts.iter().flat_map(|b| [b.0, b.1]))
            .filter(|&t| t < end)
            .collect();
        bounds.sort_by(f64::total_cmp);
        bounds.dedup();
        let segments = bounds
            .into_iter()
            .map(|t| {
                let period = self.periods.index(t);
                let extra: f64 = bursts.iter().filter(|b| b.0 <= t && t < b.1).map(|b| b.2).sum();
                (t, shaped.rate_at(t) * factors[period] + extra)
            })
            .collect();
        PiecewiseRate::new(segments, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stream_rng;

    const H: f64 = 3600.0;

    fn demand(height_cv: f64, shift_sd_s: f64, period_cv: f64) -> Demand {
        Demand {
            profile: vec![(0.0, 100.0 / H)],
            peaks: vec![Peak { start_s: 4.0 * H, end_s: 5.0 * H, op: PeakOp::Multiply(5.0), height_cv, shift_sd_s }],
            period_cv,
            bursts: None,
            periods: Periods { length_s: H, count: 10 },
        }
    }

    fn draw(d: &Demand, rep: u64) -> PiecewiseRate {
        let (mut a, mut b, mut c) = (stream_rng(7, rep, 0), stream_rng(7, rep, 1), stream_rng(7, rep, 2));
        d.draw(DemandStreams { peaks: &mut a, periods: &mut b, bursts: &mut c })
    }

    #[test]
    fn without_spread_the_draw_is_the_forecast() {
        let d = demand(0.0, 0.0, 0.0);
        assert!(!d.is_uncertain());
        let forecast = with_peaks(&d.profile, &d.peaks, 10.0 * H);
        assert_eq!(draw(&d, 3), forecast);
        assert!((forecast.expected_total() - 1400.0).abs() < 1e-9);
    }

    #[test]
    fn heights_keep_the_mean_and_have_the_set_spread() {
        let d = demand(0.3, 0.0, 0.0);
        let n = 4000;
        let peak: Vec<f64> = (0..n).map(|r| draw(&d, r).expected_between(4.0 * H, 5.0 * H)).collect();
        let mean = peak.iter().sum::<f64>() / n as f64;
        let var = peak.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        // 500 expected in the peak hour, factor cv 0.3: sd 150, se of the mean 150/sqrt(n).
        assert!((mean - 500.0).abs() < 4.0 * 150.0 / (n as f64).sqrt(), "{mean}");
        assert!((var.sqrt() / 150.0 - 1.0).abs() < 0.1, "sd {}", var.sqrt());
    }

    #[test]
    fn a_shifted_peak_moves_its_traffic_and_keeps_the_total() {
        let d = demand(0.0, 1800.0, 0.0);
        let n = 2000;
        let mut starts = Vec::new();
        for r in 0..n {
            let rate = draw(&d, r);
            // Far from the window's edges the shift never cuts the peak.
            assert!((rate.expected_total() - 1400.0).abs() < 1e-6);
            let start = rate.segments().find(|s| s.1 > 200.0 / H).unwrap().0;
            starts.push(start - 4.0 * H);
        }
        let mean = starts.iter().sum::<f64>() / n as f64;
        let sd = (starts.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
        assert!(mean.abs() < 4.0 * 1800.0 / (n as f64).sqrt(), "{mean}");
        assert!((sd / 1800.0 - 1.0).abs() < 0.1, "{sd}");
    }

    #[test]
    fn period_factors_are_gamma_with_mean_one() {
        let d = demand(0.0, 0.0, 0.5);
        let n = 4000;
        let first: Vec<f64> = (0..n).map(|r| draw(&d, r).expected_between(0.0, H)).collect();
        let mean = first.iter().sum::<f64>() / n as f64;
        let sd = (first.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
        assert!((mean - 100.0).abs() < 4.0 * 50.0 / (n as f64).sqrt(), "{mean}");
        assert!((sd / 50.0 - 1.0).abs() < 0.1, "{sd}");
    }

    #[test]
    fn bursts_add_their_expected_size() {
        let mut d = demand(0.0, 0.0, 0.0);
        d.bursts = Some(Bursts {
            mean_count: 2.0,
            from_s: 0.0,
            to_s: 8.0 * H,
            length_s: 1800.0,
            extra: Dist::fixed(300.0).unwrap(),
            scale: 1.0,
        });
        let n = 4000;
        let extra: Vec<f64> = (0..n).map(|r| draw(&d, r).expected_total() - 1400.0).collect();
        let mean = extra.iter().sum::<f64>() / n as f64;
        // Poisson(2) bursts of 300: mean 600, sd 300 * sqrt(2).
        assert!((mean - 600.0).abs() < 4.0 * 300.0 * 2f64.sqrt() / (n as f64).sqrt(), "{mean}");
        assert!(extra.iter().all(|&x| (x / 300.0 - (x / 300.0).round()).abs() < 1e-6));
    }
}
