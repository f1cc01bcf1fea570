//! Customer patience from the waits of abandoned and answered chats.
//!
//! An abandoned chat shows its customer's patience: the wait until leaving.
//! An answered chat shows only that the patience was longer than the wait:
//! a right-censored observation. Averaging the abandoned waits alone would
//! keep only the impatient customers and underestimate patience badly; the
//! estimates here are maximum likelihood with censoring (exponential and
//! lognormal) and the Kaplan–Meier survival curve.

use super::optimise::{inverse_hessian, nelder_mead};
use crate::actuals::wait_bins::WaitBins;
use serde::Serialize;
use statrs::function::erf::erfc;
use std::f64::consts::{LN_2, SQRT_2};

/// An abandonment at a wait of zero is taken at this wait, since a lognormal
/// patience is never exactly zero [s].
const SHORTEST_S: f64 = 0.25;

/// A fitted patience distribution with standard errors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatienceFit {
    /// `"lognormal"` or `"exponential"`: the better by AIC.
    pub kind: &'static str,
    /// Mean patience [s].
    pub mean_s: f64,
    /// Standard error of the mean [s]; `None` if the likelihood is flat.
    pub mean_se_s: Option<f64>,
    /// Coefficient of variation (1 for the exponential).
    pub cv: f64,
    /// Standard error of the CV; `None` if the likelihood is flat.
    pub cv_se: Option<f64>,
    /// The exponential fit's mean [s].
    pub exponential_mean_s: f64,
    /// AIC of the lognormal fit minus that of the exponential.
    pub aic_lognormal_minus_exponential: f64,
    /// Mean wait of the abandoned chats only: what ignoring censoring gives [s].
    pub naive_mean_s: f64,
    /// Abandoned chats with a wait: observed patience [count].
    pub abandoned: u64,
    /// Answered chats with a wait: censored observations [count].
    pub censored: u64,
    /// Kaplan–Meier share of customers still waiting after 30, 60, 120 and 300 s.
    pub kaplan_meier: Vec<(f64, f64)>,
    /// Kaplan–Meier quantiles of patience: `(q, wait_s)` for q = 0.25,
    /// 0.5, 0.75, 0.9; `wait_s` is `None` where the curve never falls that
    /// far (too many customers were answered before they would have left).
    pub quantiles_s: Vec<(f64, Option<f64>)>,
    /// The Kaplan–Meier median [s] (the 0.5 quantile).
    pub median_s: Option<f64>,
    /// The fitted distribution's median [s].
    pub fitted_median_s: f64,
    /// Share of the waits that are censored (answered chats) [share].
    pub censored_share: f64,
}

/// The Kaplan–Meier quantiles `qs` of patience: the first binned wait at
/// which the share still waiting falls to `1 − q` or below.
fn km_quantiles(events: &[(f64, u64)], censored: &[(f64, u64)], qs: &[f64]) -> Vec<(f64, Option<f64>)> {
    let mut all: Vec<(f64, u64, u64)> = events.iter().map(|&(x, n)| (x, n, 0)).collect();
    all.extend(censored.iter().map(|&(x, n)| (x, 0, n)));
    all.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut at_risk: u64 = all.iter().map(|e| e.1 + e.2).sum();
    let mut survival = 1.0;
    let mut out: Vec<(f64, Option<f64>)> = qs.iter().map(|&q| (q, None)).collect();
    for (x, d, c) in all {
        if at_risk > 0 && d > 0 {
            survival *= 1.0 - d as f64 / at_risk as f64;
            for o in out.iter_mut().filter(|o| o.1.is_none() && survival <= 1.0 - o.0 + 1e-12) {
                o.1 = Some(x);
            }
        }
        at_risk -= d + c;
    }
    out
}

/// ln P(Z > z) for a standard normal Z.
fn ln_upper_tail(z: f64) -> f64 {
    (0.5 * erfc(z / SQRT_2)).max(f64::MIN_POSITIVE).ln()
}

/// Negative log-likelihood of a lognormal `(mu, ln sigma)`.
fn lognormal_nll(p: [f64; 2], events: &[(f64, u64)], censored: &[(f64, u64)]) -> f64 {
    let (mu, s) = (p[0], p[1].exp());
    let ln_norm = 0.5 * (2.0 * std::f64::consts::PI).ln();
    let mut ll = 0.0;
    for &(x, n) in events {
        let lx = x.max(SHORTEST_S).ln();
        let z = (lx - mu) / s;
        ll += n as f64 * (-0.5 * z * z - ln_norm - lx - s.ln());
    }
    for &(x, n) in censored {
        if x > 0.0 {
            ll += n as f64 * ln_upper_tail((x.ln() - mu) / s);
        }
    }
    -ll
}

/// Kaplan–Meier survival at `at` [s] from binned events and censorings.
fn kaplan_meier(events: &[(f64, u64)], censored: &[(f64, u64)], at: &[f64]) -> Vec<(f64, f64)> {
    let mut all: Vec<(f64, u64, u64)> = events.iter().map(|&(x, n)| (x, n, 0)).collect();
    all.extend(censored.iter().map(|&(x, n)| (x, 0, n)));
    all.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut at_risk: u64 = all.iter().map(|e| e.1 + e.2).sum();
    let mut survival = 1.0;
    let mut out = Vec::new();
    let mut next = at.iter().peekable();
    for (x, d, c) in all {
        while let Some(&&t) = next.peek() {
            if t < x {
                out.push((t, survival));
                next.next();
            } else {
                break;
            }
        }
        if at_risk > 0 && d > 0 {
            survival *= 1.0 - d as f64 / at_risk as f64;
        }
        at_risk -= d + c;
    }
    out.extend(next.map(|&t| (t, survival)));
    out
}

/// Fits patience from the waits of abandoned (`events`) and answered
/// (`censored`) chats. `None` if no chat was abandoned: patience is then not
/// identifiable, only known to exceed the waits.
pub fn fit(events: &WaitBins, censored: &WaitBins) -> Option<PatienceFit> {
    let ev: Vec<(f64, u64)> = events.bins().collect();
    let ce: Vec<(f64, u64)> = censored.bins().collect();
    let (n_ev, n_ce) = (events.total(), censored.total());
    if n_ev == 0 {
        return None;
    }
    // Exponential: events / exposure.
    let exposure = events.sum_s() + censored.sum_s();
    let exp_mean = exposure.max(SHORTEST_S) / n_ev as f64;
    let exp_nll = n_ev as f64 * exp_mean.ln() + exposure / exp_mean;
    // Lognormal, started from the exponential's median and sigma 1.
    let nll = |p: [f64; 2]| lognormal_nll(p, &ev, &ce);
    let start = [(exp_mean * LN_2).ln(), 0.0];
    let best = nelder_mead(nll, start, [0.5, 0.3]);
    let (mu, s) = (best[0], best[1].exp());
    let mean = (mu + s * s / 2.0).exp();
    let cv = ((s * s).exp() - 1.0).sqrt();
    let (mean_se, cv_se) = match inverse_hessian(nll, best) {
        Some(cov) => {
            // Delta method in (mu, ln sigma).
            let gm = [mean, mean * s * s];
            let gc = [0.0, s * s * (s * s).exp() / cv];
            let var = |g: [f64; 2]| g[0] * g[0] * cov[0][0] + 2.0 * g[0] * g[1] * cov[0][1] + g[1] * g[1] * cov[1][1];
            (Some(var(gm).max(0.0).sqrt()), Some(var(gc).max(0.0).sqrt()))
        }
        None => (None, None),
    };
    let aic_diff = (2.0 * nll(best) + 4.0) - (2.0 * exp_nll + 2.0);
    let lognormal = aic_diff <= 0.0;
    let naive = events.sum_s() / n_ev as f64;
    let quantiles_s = km_quantiles(&ev, &ce, &[0.25, 0.5, 0.75, 0.9]);
    Some(PatienceFit {
        kind: if lognormal { "lognormal" } else { "exponential" },
        mean_s: if lognormal { mean } else { exp_mean },
        mean_se_s: if lognormal { mean_se } else { Some(exp_mean / (n_ev as f64).sqrt()) },
        cv: if lognormal { cv } else { 1.0 },
        cv_se: if lognormal { cv_se } else { Some(0.0) },
        exponential_mean_s: exp_mean,
        aic_lognormal_minus_exponential: aic_diff,
        naive_mean_s: naive,
        abandoned: n_ev,
        censored: n_ce,
        kaplan_meier: kaplan_meier(&ev, &ce, &[30.0, 60.0, 120.0, 300.0]),
        median_s: quantiles_s[1].1,
        quantiles_s,
        fitted_median_s: if lognormal { mu.exp() } else { exp_mean * LN_2 },
        censored_share: n_ce as f64 / (n_ev + n_ce) as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stream_rng;
    use crate::model::dist::Dist;

    /// Patience lognormal(mean 240, cv 1), waits exponential(mean 60): a
    /// chat abandons if its patience ends first.
    fn sample(n: usize, seed: u64) -> (WaitBins, WaitBins) {
        let patience = Dist::lognormal(240.0, 1.0).unwrap();
        let wait = Dist::exponential(60.0).unwrap();
        let mut rng = stream_rng(seed, 0, 0);
        let (mut ev, mut ce) = (WaitBins::default(), WaitBins::default());
        for _ in 0..n {
            let (p, w) = (patience.sample(&mut rng), wait.sample(&mut rng));
            if p < w {
                ev.add(p);
            } else {
                ce.add(w);
            }
        }
        (ev, ce)
    }

    #[test]
    fn censored_fit_recovers_lognormal_patience_where_the_naive_mean_fails() {
        let (ev, ce) = sample(40_000, 5);
        let f = fit(&ev, &ce).unwrap();
        assert_eq!(f.kind, "lognormal");
        let (mean_se, cv_se) = (f.mean_se_s.unwrap(), f.cv_se.unwrap());
        assert!((f.mean_s - 240.0).abs() < 4.0 * mean_se, "{f:?}");
        assert!((f.cv - 1.0).abs() < 4.0 * cv_se, "{f:?}");
        assert!(mean_se < 30.0, "{f:?}");
        // Ignoring censoring: a fraction of the truth.
        assert!(f.naive_mean_s < 120.0, "{f:?}");
        // Kaplan–Meier at 60 s against the true survival P(patience > 60).
        let sigma = LN_2.sqrt();
        let truth = ln_upper_tail((60f64.ln() - (240f64.ln() - LN_2 / 2.0)) / sigma).exp();
        let km60 = f.kaplan_meier.iter().find(|p| p.0 == 60.0).unwrap().1;
        assert!((km60 - truth).abs() < 0.01, "{km60} vs {truth}");
        // The median: the lognormal's is exp(mu) = 240 / sqrt(2) = 169.7 s,
        // well below the mean; Kaplan–Meier finds it from the waits alone.
        let median = f.median_s.unwrap();
        assert!((median - 169.7).abs() < 15.0, "{f:?}");
        assert!((f.fitted_median_s - 169.7).abs() < 10.0, "{f:?}");
        assert!(f.quantiles_s[0].1.unwrap() < median);
        assert!(f.censored_share > 0.5 && f.censored_share < 1.0, "{f:?}");
    }

    #[test]
    fn exponential_patience_is_recognised() {
        let patience = Dist::exponential(200.0).unwrap();
        let mut rng = stream_rng(9, 0, 0);
        let (mut ev, mut ce) = (WaitBins::default(), WaitBins::default());
        for _ in 0..40_000 {
            let (p, w): (f64, f64) = (patience.sample(&mut rng), 100.0 * rand::Rng::random::<f64>(&mut rng));
            if p < w {
                ev.add(p)
            } else {
                ce.add(w)
            }
        }
        let f = fit(&ev, &ce).unwrap();
        assert!((f.exponential_mean_s - 200.0).abs() < 4.0 * 200.0 / (f.abandoned as f64).sqrt(), "{f:?}");
        assert!(fit(&WaitBins::default(), &ce).is_none());
    }
}
