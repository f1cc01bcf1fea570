//! Per-replication values of named figures, kept in replication order so
//! that any split of the replications (threads, shards) merges to exactly the
//! same numbers.

use super::Summary;
use crate::figures::{Figure, MissingFigure};
use serde::{Deserialize, Serialize};

/// Columns of per-replication values: one scalar per figure, and one value
/// per period for each per-period figure. Memory grows with replications ×
/// figures, never with customers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Samples {
    /// Names of the scalar figures, in column order.
    pub scalar_names: Vec<String>,
    /// `scalars[k][r]`: figure `k` in replication `r`.
    #[serde(with = "super::exact_json::columns")]
    pub scalars: Vec<Vec<f64>>,
    /// Names of the per-period figures, in column order.
    pub series_names: Vec<String>,
    /// `series[k][p][r]`: per-period figure `k`, period `p`, replication `r`.
    #[serde(with = "super::exact_json::column_groups")]
    pub series: Vec<Vec<Vec<f64>>>,
    /// `rounds_repeated[r]`: the rounds of each listed packer shift the
    /// warehouse repeated after the window in replication `r`, in shift
    /// order (what cost pays for beyond the listed shifts); empty lists
    /// without a dispatch side. Empty when the replications were not run by
    /// the model (hand-built samples).
    #[serde(default)]
    pub rounds_repeated: Vec<Vec<u16>>,
}

impl Samples {
    /// Number of replications held.
    pub fn len(&self) -> usize {
        self.scalars.first().map_or(0, Vec::len)
    }

    /// True when no replication is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends one replication's figures. The first call fixes the names;
    /// later calls must give the same names in the same order.
    pub fn push(&mut self, scalars: &[(&str, f64)], series: &[(&str, Vec<f64>)]) {
        if self.scalar_names.is_empty() && self.series_names.is_empty() {
            self.scalar_names = scalars.iter().map(|(n, _)| n.to_string()).collect();
            self.scalars = vec![Vec::new(); scalars.len()];
            self.series_names = series.iter().map(|(n, _)| n.to_string()).collect();
            self.series = series.iter().map(|(_, v)| vec![Vec::new(); v.len()]).collect();
        }
        debug_assert!(scalars.iter().zip(&self.scalar_names).all(|((a, _), b)| a == b));
        for (col, (_, v)) in self.scalars.iter_mut().zip(scalars) {
            col.push(*v);
        }
        for (cols, (_, vs)) in self.series.iter_mut().zip(series) {
            for (col, v) in cols.iter_mut().zip(vs) {
                col.push(*v);
            }
        }
    }

    /// Makes room for `more` replications in every column, so that a run
    /// that knows its length holds its figures without spare capacity.
    pub fn reserve(&mut self, more: usize) {
        for col in self.scalars.iter_mut().chain(self.series.iter_mut().flatten()) {
            col.reserve_exact(more);
        }
        self.rounds_repeated.reserve_exact(more);
    }

    /// Appends all replications of `other` (which must hold the same figures)
    /// after those of `self`.
    pub fn append(&mut self, other: Samples) {
        if self.is_empty() {
            *self = other;
            return;
        }
        for (a, b) in self.scalars.iter_mut().zip(other.scalars) {
            a.extend(b);
        }
        self.rounds_repeated.extend(other.rounds_repeated);
        for (a, b) in self.series.iter_mut().zip(other.series) {
            for (pa, pb) in a.iter_mut().zip(b) {
                pa.extend(pb);
            }
        }
    }

    /// The per-replication values of scalar figure `name` (a
    /// [`Figure`] or a name), `None` when the run has no such figure.
    pub fn scalar(&self, name: impl AsRef<str>) -> Option<&[f64]> {
        let name = name.as_ref();
        let k = self.scalar_names.iter().position(|n| n == name)?;
        Some(&self.scalars[k])
    }

    /// The per-replication values of per-period figure `name`, by period.
    pub fn series(&self, name: impl AsRef<str>) -> Option<&[Vec<f64>]> {
        let name = name.as_ref();
        let k = self.series_names.iter().position(|n| n == name)?;
        Some(&self.series[k])
    }

    /// The per-replication values of scalar figure `f`, which the run must
    /// have produced.
    pub fn require(&self, f: Figure) -> Result<&[f64], MissingFigure> {
        self.scalar(f).ok_or(MissingFigure { name: f.name.to_string(), per_period: false })
    }

    /// The per-period values of figure `f`, which the run must have
    /// produced.
    pub fn require_series(&self, f: Figure) -> Result<&[Vec<f64>], MissingFigure> {
        self.series(f).ok_or(MissingFigure { name: f.name.to_string(), per_period: true })
    }

    /// Summaries of every scalar figure, in column order.
    pub fn scalar_summaries(&self) -> Vec<(String, Summary)> {
        self.scalar_names.iter().cloned().zip(self.scalars.iter().map(|c| Summary::of(c))).collect()
    }

    /// Summaries of every per-period figure, period by period.
    pub fn series_summaries(&self) -> Vec<(String, Vec<Summary>)> {
        self.series_names
            .iter()
            .cloned()
            .zip(self.series.iter().map(|p| p.iter().map(|c| Summary::of(c)).collect()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_is_exact_even_for_non_finite_values() {
        let mut s = Samples::default();
        let special = [0.1 + 0.2, f64::NAN, f64::INFINITY, -0.0, 1e-310, f64::MAX, -f64::INFINITY, 1e23];
        // Values whose JSON number text serde_json's default parser reads
        // one unit in the last place off, among others.
        let many = (1..20_000).map(|i| (f64::from(i) * 0.737).sin() / f64::from(i) * 1e3);
        for (r, x) in special.into_iter().chain(many).enumerate() {
            s.push(&[("x", x), ("r", r as f64)], &[("p", vec![x, 1.0 / 3.0])]);
        }
        let back: Samples = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        let bits = |s: &Samples| {
            let mut v: Vec<u64> = s.scalars.iter().flatten().map(|x| x.to_bits()).collect();
            v.extend(s.series.iter().flatten().flatten().map(|x| x.to_bits()));
            v
        };
        assert_eq!(bits(&back), bits(&s));
        assert_eq!((back.scalar_names, back.series_names), (s.scalar_names, s.series_names));
    }
}
