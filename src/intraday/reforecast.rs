//! The re-forecast: the volume of the rest of the window, as a multiple of
//! the forecast, updated from the inquiries seen so far.
//!
//! The forecast's volume error is the prior: a gamma multiplier with mean 1
//! and the scenario's `volume_cv`. Counts of inquiries are Poisson given
//! the multiplier, so the gamma stays gamma after them (the conjugate
//! gamma–Poisson update: shape + seen, rate + expected). A day may also
//! change level part way (a competitor's outage, a live stream that took
//! off): with a small probability per hour (`change_per_h`) the traffic
//! from some moment on runs at a new multiplier drawn afresh (mean 1,
//! `change_cv`). Every candidate moment of change on a grid of
//! `change_step_min` is weighed by its marginal likelihood (the negative
//! binomial of the counts before and after it), so the multiplier of the
//! rest is a mixture of gammas: the one of "no change" (all the day's
//! evidence) and one per moment of change (the evidence since then). On a
//! day that runs to forecast "no change" carries the weight and the
//! multiplier stays near 1; traffic that jumps gives the jump its weight
//! within the hour.

use rand::Rng;
use rand_distr::{Distribution, Gamma};
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Gamma as GammaCdf};
use statrs::function::gamma::ln_gamma;

/// Prior shape given for a volume coefficient of variation of 0 (a forecast
/// taken as exact): a prior no day's counts can move far.
const EXACT_PRIOR_SHAPE: f64 = 1e8;

/// How the re-forecast weighs the evidence (the `[intraday]` settings).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReforecastSettings {
    /// Coefficient of variation of the prior volume multiplier (the
    /// scenario's `volume_cv`) [ratio].
    pub prior_cv: f64,
    /// Coefficient of variation of the new multiplier after a change of
    /// level [ratio].
    pub change_cv: f64,
    /// Prior probability of a change of level in any one hour [1/h].
    pub change_per_h: f64,
    /// Grid of the candidate moments of change [s].
    pub change_step_s: f64,
}

/// Inquiries seen and expected in consecutive steps from the window's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Length of a step [s].
    pub step_s: f64,
    /// Inquiries seen per step [count].
    pub seen: Vec<f64>,
    /// Inquiries the forecast expected per step [count].
    pub expected: Vec<f64>,
}

/// One gamma of the mixture: the multiplier if the level changed at
/// `change_at_s` (or never).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Component {
    /// Posterior probability of this component [share].
    pub weight: f64,
    /// When the level changed [s from the window start]; `None`: no change.
    pub change_at_s: Option<f64>,
    /// Gamma shape.
    pub shape: f64,
    /// Gamma rate [1/multiplier].
    pub rate: f64,
}

/// The multiplier of the rest of the window: a mixture of gammas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VolumePosterior {
    /// The components with weight above one in a million, heaviest first.
    pub components: Vec<Component>,
}

/// The log marginal likelihood of `seen` counts over `expected` under a
/// gamma(`a`, `b`) multiplier, without the terms that every candidate
/// shares (the factorials and `seen · ln expected`).
fn log_evidence(a: f64, b: f64, seen: f64, expected: f64) -> f64 {
    ln_gamma(a + seen) - ln_gamma(a) + a * b.ln() - (a + seen) * (b + expected).ln()
}

/// The gamma (shape, rate) with mean 1 and coefficient of variation `cv`.
fn prior(cv: f64) -> (f64, f64) {
    let a = if cv > 0.0 { 1.0 / (cv * cv) } else { EXACT_PRIOR_SHAPE };
    (a, a)
}

impl VolumePosterior {
    /// The posterior from `e` under `s`.
    pub fn update(e: &Evidence, s: &ReforecastSettings) -> Self {
        let (a0, b0) = prior(s.prior_cv);
        let (ac, bc) = prior(s.change_cv);
        let total = |from: usize, to: usize| -> (f64, f64) {
            (e.seen[from..to].iter().sum(), e.expected[from..to].iter().sum())
        };
        let n = e.seen.len();
        let (seen, expected) = total(0, n);
        let mut candidates = vec![(None, 0.0, a0 + seen, b0 + expected)];
        let per_change = (s.change_per_h * s.change_step_s / 3600.0).clamp(0.0, 1.0);
        let stride = ((s.change_step_s / e.step_s).round() as usize).max(1);
        let mut log_w = vec![log_evidence(a0, b0, seen, expected)];
        let mut k = stride;
        while per_change > 0.0 && k < n {
            let (n1, l1) = total(0, k);
            let (n2, l2) = total(k, n);
            log_w.push(per_change.ln() + log_evidence(a0, b0, n1, l1) + log_evidence(ac, bc, n2, l2));
            candidates.push((Some(k as f64 * e.step_s), 0.0, ac + n2, bc + l2));
            k += stride;
        }
        let changes = (log_w.len() - 1) as f64;
        log_w[0] += (1.0 - per_change * changes).max(f64::MIN_POSITIVE).ln();
        let top = log_w.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = log_w.iter().map(|w| (w - top).exp()).sum();
        let mut components: Vec<Component> = candidates
            .into_iter()
            .zip(&log_w)
            .map(|((at, _, shape, rate), lw)| Component {
                weight: (lw - top).exp() / sum,
                change_at_s: at,
                shape,
                rate,
            })
            .filter(|c| c.weight > 1e-6)
            .collect();
        components.sort_by(|x, y| y.weight.total_cmp(&x.weight));
        let kept: f64 = components.iter().map(|c| c.weight).sum();
        components.iter_mut().for_each(|c| c.weight /= kept);
        Self { components }
    }

    /// The posterior mean [multiplier].
    pub fn mean(&self) -> f64 {
        self.components.iter().map(|c| c.weight * c.shape / c.rate).sum()
    }

    /// The posterior standard deviation [multiplier].
    pub fn sd(&self) -> f64 {
        let m = self.mean();
        let second: f64 =
            self.components.iter().map(|c| c.weight * (c.shape * (c.shape + 1.0)) / (c.rate * c.rate)).sum();
        (second - m * m).max(0.0).sqrt()
    }

    /// The posterior probability that the multiplier is at most `x`.
    pub fn cdf(&self, x: f64) -> f64 {
        self.components
            .iter()
            .map(|c| c.weight * GammaCdf::new(c.shape, c.rate).map_or(f64::from(u8::from(x >= 1.0)), |g| g.cdf(x)))
            .sum()
    }

    /// The `p`-quantile of the multiplier, by bisection of [`Self::cdf`].
    pub fn quantile(&self, p: f64) -> f64 {
        let (mut lo, mut hi) = (0.0, self.mean() + 20.0 * self.sd() + 1.0);
        for _ in 0..100 {
            let mid = 0.5 * (lo + hi);
            if self.cdf(mid) < p {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    }

    /// The weight of "the level changed at some moment" [share].
    pub fn change_probability(&self) -> f64 {
        self.components.iter().filter(|c| c.change_at_s.is_some()).map(|c| c.weight).sum()
    }

    /// The most probable moment of change [s], if a change is more likely
    /// than not.
    pub fn likely_change_s(&self) -> Option<f64> {
        (self.change_probability() > 0.5).then(|| self.components.iter().find_map(|c| c.change_at_s)).flatten()
    }

    /// One draw of the multiplier.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let mut u: f64 = rng.random();
        let last = self.components.len() - 1;
        let c = self
            .components
            .iter()
            .enumerate()
            .find(|(i, c)| {
                u -= c.weight;
                u < 0.0 || *i == last
            })
            .map(|(_, c)| c)
            .expect("a posterior has a component");
        Gamma::new(c.shape, 1.0 / c.rate).map_or(c.shape / c.rate, |g| g.sample(rng))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stream_rng;
    use rand_distr::Poisson;

    const SETTINGS: ReforecastSettings =
        ReforecastSettings { prior_cv: 0.1, change_cv: 0.5, change_per_h: 0.02, change_step_s: 900.0 };

    /// Hourly-varying expected counts per minute, seen at `level(t)` times them.
    fn day(minutes: usize, level: impl Fn(usize) -> f64, seed: u64) -> Evidence {
        let mut rng = stream_rng(seed, 0, 0);
        let expected: Vec<f64> = (0..minutes).map(|m| 10.0 + 5.0 * ((m / 60) % 3) as f64).collect();
        let seen = expected
            .iter()
            .enumerate()
            .map(|(m, &x)| Poisson::new(x * level(m)).map_or(0.0, |p: Poisson<f64>| p.sample(&mut rng)))
            .collect();
        Evidence { step_s: 60.0, seen, expected }
    }

    #[test]
    fn no_evidence_gives_the_prior() {
        let e = Evidence { step_s: 60.0, seen: vec![], expected: vec![] };
        let p = VolumePosterior::update(&e, &SETTINGS);
        assert!((p.mean() - 1.0).abs() < 1e-12);
        assert!((p.sd() - 0.1).abs() < 1e-9, "{}", p.sd());
    }

    #[test]
    fn without_change_it_is_the_conjugate_update() {
        let e = day(600, |_| 1.0, 1);
        let s = ReforecastSettings { change_per_h: 0.0, ..SETTINGS };
        let p = VolumePosterior::update(&e, &s);
        let (n, l): (f64, f64) = (e.seen.iter().sum(), e.expected.iter().sum());
        assert_eq!(p.components.len(), 1);
        assert!((p.mean() - (100.0 + n) / (100.0 + l)).abs() < 1e-12);
        assert!((p.cdf(p.quantile(0.9)) - 0.9).abs() < 1e-6);
    }

    #[test]
    fn a_day_at_forecast_stays_near_one_and_a_jump_is_found() {
        // Ten hours at forecast: no change, the multiplier within 3.5 sd of 1.
        for seed in 0..20 {
            let p = VolumePosterior::update(&day(600, |_| 1.0, seed), &SETTINGS);
            assert!(p.change_probability() < 0.5, "seed {seed}: {:?}", p.components[0]);
            assert!((p.mean() - 1.0).abs() < 3.5 * p.sd(), "seed {seed}: {} ± {}", p.mean(), p.sd());
        }
        // 30% more from minute 540 on, seen for an hour: the change found
        // near its moment and the rest's multiplier near 1.3.
        for seed in 0..20 {
            let p = VolumePosterior::update(&day(600, |m| if m >= 540 { 1.3 } else { 1.0 }, seed), &SETTINGS);
            assert!(p.change_probability() > 0.9, "seed {seed}");
            let at = p.likely_change_s().expect("a change");
            assert!((at - 540.0 * 60.0).abs() <= 1800.0, "seed {seed}: {at}");
            assert!((p.mean() - 1.3).abs() < 3.0 * p.sd() + 0.02, "seed {seed}: {} ± {}", p.mean(), p.sd());
        }
    }

    #[test]
    fn draws_follow_the_mixture() {
        let p = VolumePosterior::update(&day(600, |m| if m >= 540 { 1.3 } else { 1.0 }, 3), &SETTINGS);
        let mut rng = stream_rng(9, 0, 0);
        let n = 20_000;
        let draws: Vec<f64> = (0..n).map(|_| p.sample(&mut rng)).collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        assert!((mean - p.mean()).abs() < 4.0 * p.sd() / (n as f64).sqrt(), "{mean} vs {}", p.mean());
        let below = draws.iter().filter(|&&x| x <= p.quantile(0.25)).count() as f64 / n as f64;
        // Binomial(20000, 0.25): standard error 0.003.
        assert!((below - 0.25).abs() < 0.012, "{below}");
    }
}
