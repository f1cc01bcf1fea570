//! Waiting times binned finely enough for fitting (at most 0.5 s or 2% of
//! the value wide), so that millions of chats take a few hundred counters.

use serde::Serialize;

/// Waits below this are binned linearly [s].
const LINEAR_UP_TO_S: f64 = 60.0;
/// Width of a linear bin [s].
const LINEAR_WIDTH_S: f64 = 0.5;
/// Relative width of a geometric bin.
const GROWTH: f64 = 1.02;
/// Largest wait binned [s]; longer waits go to the last bin.
const MAX_S: f64 = 1.0e7;

/// Counts and sums of waits per bin, for chats that ended in one way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaitBins {
    counts: Vec<u64>,
    sums: Vec<f64>,
}

impl Default for WaitBins {
    fn default() -> Self {
        let n = bin_of(MAX_S) + 1;
        Self { counts: vec![0; n], sums: vec![0.0; n] }
    }
}

fn bin_of(wait_s: f64) -> usize {
    let linear = (LINEAR_UP_TO_S / LINEAR_WIDTH_S) as usize;
    if wait_s < LINEAR_UP_TO_S {
        (wait_s.max(0.0) / LINEAR_WIDTH_S) as usize
    } else {
        linear + ((wait_s.min(MAX_S) / LINEAR_UP_TO_S).ln() / GROWTH.ln()) as usize
    }
}

impl WaitBins {
    /// Records one wait [s].
    pub fn add(&mut self, wait_s: f64) {
        let i = bin_of(wait_s);
        self.counts[i] += 1;
        self.sums[i] += wait_s;
    }

    /// The waits recorded [count].
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The sum of the waits recorded [s].
    pub fn sum_s(&self) -> f64 {
        self.sums.iter().sum()
    }

    /// Non-empty bins as `(mean wait [s], count)`, shortest first.
    pub fn bins(&self) -> impl Iterator<Item = (f64, u64)> + '_ {
        self.counts.iter().zip(&self.sums).filter(|(&n, _)| n > 0).map(|(&n, &s)| (s / n as f64, n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_are_narrow_and_keep_the_means() {
        let mut b = WaitBins::default();
        for w in [0.1, 0.2, 59.9, 60.0, 1000.0, 1001.0, 5.0e7] {
            b.add(w);
        }
        assert_eq!(b.total(), 7);
        let bins: Vec<_> = b.bins().collect();
        assert!((bins[0].0 - 0.15).abs() < 1e-12 && bins[0].1 == 2);
        assert!(bins.iter().any(|&(m, n)| (m - 1000.5).abs() < 1e-9 && n == 2), "{bins:?}");
        assert!(b.counts.len() < 1000);
    }
}
