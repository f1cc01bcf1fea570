//! A histogram's counts in a form a file can hold, restored exactly: one
//! `(value, count)` pair per recorded bucket, the value being the bucket's
//! highest equivalent value. Recording each count at its value gives back a
//! histogram with the same count in every bucket, so its length, quantiles,
//! maximum and buckets are those of the original, and adding restored
//! histograms gives what adding the originals gives.

use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};

/// The recorded buckets of a histogram: `(value, count)` in increasing value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HistogramCounts(pub Vec<(u64, u64)>);

impl HistogramCounts {
    /// The counts of `h`.
    pub fn of(h: &Histogram<u64>) -> Self {
        Self(h.iter_recorded().map(|v| (v.value_iterated_to(), v.count_at_value())).collect())
    }

    /// Adds these counts to `h`; fails if a value is outside `h`'s range.
    pub fn add_to(&self, h: &mut Histogram<u64>) -> Result<(), String> {
        for &(value, count) in &self.0 {
            h.record_n(value, count).map_err(|e| format!("cannot record {count} × {value}: {e:?}"))?;
        }
        Ok(())
    }

    /// Total count [count].
    pub fn len(&self) -> u64 {
        self.0.iter().map(|&(_, c)| c).sum()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restored_histograms_add_up_to_the_original_exactly() {
        let new = || Histogram::<u64>::new_with_bounds(1, 1_000_000_000, 3).unwrap();
        let (mut a, mut b, mut whole) = (new(), new(), new());
        for i in 0..20_000u64 {
            let v = (i * 7_919 % 1_000_003) * (1 + i % 97);
            (if i % 3 == 0 { &mut a } else { &mut b }).record(v).unwrap();
            whole.record(v).unwrap();
        }
        let mut merged = new();
        for part in [&a, &b] {
            let mut restored = new();
            HistogramCounts::of(part).add_to(&mut restored).unwrap();
            merged.add(&restored).unwrap();
        }
        assert_eq!(HistogramCounts::of(&merged), HistogramCounts::of(&whole));
        assert_eq!((merged.len(), merged.max(), merged.min()), (whole.len(), whole.max(), whole.min()));
        for q in [0.0, 0.5, 0.9, 0.99, 1.0] {
            assert_eq!(merged.value_at_quantile(q), whole.value_at_quantile(q));
        }
    }
}
