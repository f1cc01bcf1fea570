//! Handle time per agent group, corrected for concurrent chats.
//!
//! An agent holding `k` chats handles a new one in `base × (1 + s(k − 1))`
//! (the model's slowdown `s`). When the export names the agents, the number
//! of chats in hand at each start is measured, and the mean handle time by
//! `k` is fitted by weighted least squares as `m + b(k − 1)`: `m` is the base
//! mean and `s = b / m`. The base CV is the CV within each `k`, pooled.
//! Without agents, the observed durations are fitted as they are (and say so).

use crate::actuals::chat_actuals::Moments;
use crate::actuals::concurrency::ByConcurrency;
use serde::Serialize;

/// A fitted handle time of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandleFit {
    /// The group (`""`: the export names none).
    pub group: String,
    /// Answered chats with a handle time [count].
    pub chats: u64,
    /// Mean handle time at concurrency one [s].
    pub mean_s: f64,
    /// Standard error of the mean [s].
    pub mean_se_s: f64,
    /// Coefficient of variation at concurrency one.
    pub cv: f64,
    /// Fitted slowdown per extra concurrent chat; `None` if not measured.
    pub slowdown_per_extra_chat: Option<f64>,
    /// Mean observed duration, whatever the concurrency [s].
    pub observed_mean_s: f64,
    /// Mean chats in hand at a start; `None` if not measured.
    pub mean_concurrency: Option<f64>,
}

/// Fits one group's handle time from its moments and, if measured, its
/// handle times by concurrency.
pub fn fit(group: &str, all: &Moments, by_k: Option<&ByConcurrency>) -> Option<HandleFit> {
    if all.n == 0 {
        return None;
    }
    let plain = HandleFit {
        group: group.to_string(),
        chats: all.n,
        mean_s: all.mean(),
        mean_se_s: all.mean() * all.cv() / (all.n as f64).sqrt(),
        cv: all.cv(),
        slowdown_per_extra_chat: None,
        observed_mean_s: all.mean(),
        mean_concurrency: None,
    };
    let Some(c) = by_k.filter(|c| c.count.iter().sum::<u64>() > 0) else { return Some(plain) };
    // Weighted least squares of the mean by k on x = k - 1, weights n_k.
    let (mut w, mut wx, mut wy, mut wxx, mut wxy) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut within, mut n_within) = (0.0, 0.0);
    for (i, &n) in c.count.iter().enumerate().filter(|(_, &n)| n > 0) {
        let n_f = n as f64;
        let mean = c.sum_s[i] / n_f;
        let x = i as f64;
        (w, wx, wy, wxx, wxy) = (w + n_f, wx + n_f * x, wy + n_f * mean, wxx + n_f * x * x, wxy + n_f * x * mean);
        if n > 1 && mean > 0.0 {
            let var = ((c.sum_sq[i] - n_f * mean * mean) / (n_f - 1.0)).max(0.0);
            within += (n_f - 1.0) * var / (mean * mean);
            n_within += n_f - 1.0;
        }
    }
    let cv = if n_within > 0.0 { (within / n_within).sqrt() } else { all.cv() };
    let sxx = wxx - wx * wx / w;
    let mean_concurrency = Some(1.0 + wx / w);
    if sxx <= 1e-9 * w {
        // Every chat started at the same concurrency: no slope to fit. At
        // concurrency one the durations are the base times themselves.
        let at_one = wx == 0.0;
        return Some(HandleFit { cv: if at_one { cv } else { plain.cv }, mean_concurrency, ..plain });
    }
    let b = (wxy - wx * wy / w) / sxx;
    let m = (wy - b * wx) / w;
    if m <= 0.0 {
        return Some(HandleFit { mean_concurrency, ..plain });
    }
    // Standard error of the intercept: residual spread of a chat is m·cv.
    let se = m * cv * (1.0 / w + (wx / w).powi(2) / sxx).sqrt();
    Some(HandleFit {
        mean_s: m,
        mean_se_s: se,
        cv,
        slowdown_per_extra_chat: Some((b / m).max(0.0)),
        mean_concurrency,
        ..plain
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stream_rng;
    use crate::model::dist::Dist;

    #[test]
    fn splits_base_time_and_slowdown() {
        let base = Dist::lognormal(300.0, 0.8).unwrap();
        let mut rng = stream_rng(2, 0, 0);
        let (mut all, mut by_k) = (Moments::default(), ByConcurrency::default());
        for i in 0..60_000u64 {
            let k = 1 + (i % 4) as usize;
            let h = base.sample(&mut rng) * (1.0 + 0.1 * (k as f64 - 1.0));
            all.add(h);
            by_k.count.resize(4, 0);
            by_k.sum_s.resize(4, 0.0);
            by_k.sum_sq.resize(4, 0.0);
            by_k.count[k - 1] += 1;
            by_k.sum_s[k - 1] += h;
            by_k.sum_sq[k - 1] += h * h;
        }
        let f = fit("trained", &all, Some(&by_k)).unwrap();
        assert!((f.mean_s - 300.0).abs() < 4.0 * f.mean_se_s, "{f:?}");
        assert!((f.slowdown_per_extra_chat.unwrap() - 0.1).abs() < 0.02, "{f:?}");
        assert!((f.cv - 0.8).abs() < 0.03, "{f:?}");
        assert!(f.observed_mean_s > 340.0, "{f:?}");
        let plain = fit("trained", &all, None).unwrap();
        assert_eq!(plain.slowdown_per_extra_chat, None);
    }
}
