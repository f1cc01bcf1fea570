//! A figure across replications: mean with a 95% confidence interval
//! (Student's t), standard deviation and quantiles.

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};

/// The spread of one figure across the replications in which it is defined
/// (a mean response time needs an answered chat; a replication without one
/// records the figure as NaN, "not defined", and is left out). Every field
/// is finite when [`Summary::replications`] is above 0; the interval is
/// absent with fewer than two. A figure defined in no replication has every
/// field NaN and is written to JSON as `null`.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Mean across replications.
    pub mean: f64,
    /// Lower end of the 95% confidence interval of the mean.
    pub ci95_low: Option<f64>,
    /// Upper end of the 95% confidence interval of the mean.
    pub ci95_high: Option<f64>,
    /// Sample standard deviation across replications.
    pub sd: f64,
    /// 5th percentile across replications.
    pub p5: f64,
    /// Median across replications.
    pub p50: f64,
    /// 95th percentile across replications.
    pub p95: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// Replications in which the figure is defined (the values summarised)
    /// [count].
    pub replications: usize,
}

impl Serialize for Summary {
    /// The documented summary object, or `null` when no replication defines
    /// the figure (never NaN).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.replications == 0 {
            return s.serialize_none();
        }
        let mut m = s.serialize_struct("Summary", 9)?;
        m.serialize_field("mean", &self.mean)?;
        m.serialize_field("ci95_low", &self.ci95_low)?;
        m.serialize_field("ci95_high", &self.ci95_high)?;
        m.serialize_field("sd", &self.sd)?;
        m.serialize_field("p5", &self.p5)?;
        m.serialize_field("p50", &self.p50)?;
        m.serialize_field("p95", &self.p95)?;
        m.serialize_field("min", &self.min)?;
        m.serialize_field("max", &self.max)?;
        m.end()
    }
}

/// Linear-interpolation quantile (type 7) of sorted `xs` at `q` in [0, 1].
pub fn quantile_sorted(xs: &[f64], q: f64) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    let h = (xs.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    xs[lo] + (h - lo as f64) * (xs[hi] - xs[lo])
}

/// The 95% interval of the mean of sorted `xs` (more than one value) with
/// mean `mean` and standard deviation `sd`: the Wilson score interval when
/// every value is 0 or 1 (a proportion: the replications meeting a target),
/// otherwise Student's t interval, kept within the values seen (a mean of
/// shares never leaves [0, 1]).
fn interval95(xs: &[f64], mean: f64, sd: f64) -> (f64, f64) {
    let n = xs.len() as f64;
    if xs.iter().all(|&x| x == 0.0 || x == 1.0) {
        return wilson95(xs.iter().sum(), n);
    }
    let t = StudentsT::new(0.0, 1.0, n - 1.0).map(|d| d.inverse_cdf(0.975)).unwrap_or(1.96);
    let half = t * sd / n.sqrt();
    ((mean - half).max(xs[0]), (mean + half).min(xs[xs.len() - 1]))
}

impl Summary {
    /// Summarises `values` (one per replication). Non-finite values mark a
    /// figure not defined in that replication and are left out.
    pub fn of(values: &[f64]) -> Self {
        let mut xs: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        xs.sort_by(f64::total_cmp);
        let n = xs.len();
        if n == 0 {
            return Self {
                mean: f64::NAN,
                ci95_low: None,
                ci95_high: None,
                sd: f64::NAN,
                p5: f64::NAN,
                p50: f64::NAN,
                p95: f64::NAN,
                min: f64::NAN,
                max: f64::NAN,
                replications: 0,
            };
        }
        let mean = values.iter().filter(|x| x.is_finite()).sum::<f64>() / n as f64;
        let var = if n > 1 { xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64 } else { 0.0 };
        let sd = var.sqrt();
        let ci = (n > 1).then(|| interval95(&xs, mean, sd));
        Self {
            mean,
            ci95_low: ci.map(|c| c.0),
            ci95_high: ci.map(|c| c.1),
            sd,
            p5: quantile_sorted(&xs, 0.05),
            p50: quantile_sorted(&xs, 0.50),
            p95: quantile_sorted(&xs, 0.95),
            min: xs[0],
            max: xs[n - 1],
            replications: n,
        }
    }

    /// Half-width of the 95% confidence interval (0 without one); the
    /// larger side when the interval is not symmetric (a proportion's, or
    /// one kept within the values seen).
    pub fn ci95_half_width(&self) -> f64 {
        match (self.ci95_low, self.ci95_high) {
            (Some(lo), Some(hi)) => (hi - self.mean).max(self.mean - lo),
            _ => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_known_sample() {
        let s = Summary::of(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(s.mean, 3.0);
        assert!((s.sd - 2.5f64.sqrt()).abs() < 1e-12);
        // t(4, 0.975) = 2.776445
        let half = 2.776445 * 2.5f64.sqrt() / 5f64.sqrt();
        assert!((s.ci95_half_width() - half).abs() < 1e-5);
        assert_eq!((s.p50, s.min, s.max), (3.0, 1.0, 5.0));
        assert!((s.p5 - 1.2).abs() < 1e-12);
    }

    #[test]
    fn proportions_get_wilson_intervals_and_shares_stay_within_0_1() {
        // 0/1 figures (a target met or not): the Wilson interval, the same
        // as P(meet)'s elsewhere.
        let met = [1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
        let s = Summary::of(&met);
        assert_eq!((s.ci95_low.unwrap(), s.ci95_high.unwrap()), wilson95(9.0, 10.0));
        let all = Summary::of(&[1.0; 10]);
        assert!(all.ci95_low.unwrap() < 1.0 && all.ci95_high.unwrap() > 1.0 - 1e-12);
        // Shares near 1: the t interval would pass 100%.
        let sl = [0.999, 1.0, 0.9995, 0.995, 1.0];
        let s = Summary::of(&sl);
        assert!(s.ci95_high.unwrap() <= 1.0 && s.ci95_low.unwrap() >= 0.995, "{s:?}");
        assert!(s.ci95_low.unwrap() < s.mean && s.mean < s.ci95_high.unwrap());
    }

    #[test]
    fn one_value_has_no_interval() {
        let s = Summary::of(&[7.0]);
        assert_eq!((s.mean, s.ci95_low, s.sd), (7.0, None, 0.0));
    }

    #[test]
    fn undefined_values_are_left_out_and_none_defined_is_null() {
        let s = Summary::of(&[f64::NAN, 2.0, f64::INFINITY, 4.0]);
        assert_eq!((s.mean, s.min, s.max, s.replications), (3.0, 2.0, 4.0, 2));
        let none = Summary::of(&[f64::NAN, f64::NAN]);
        assert_eq!(none.replications, 0);
        assert!(none.mean.is_nan());
        assert_eq!(serde_json::to_string(&none).unwrap(), "null");
        assert!(serde_json::to_string(&s).unwrap().starts_with("{\"mean\":3.0,"));
    }
}

/// The Wilson score 95% interval of a proportion of `successes` out of `n`.
pub fn wilson95(successes: f64, n: f64) -> (f64, f64) {
    if n <= 0.0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_984_540_054_f64;
    let p = successes / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * ((p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt()) / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

#[cfg(test)]
mod wilson_tests {
    #[test]
    fn wilson_matches_a_published_example() {
        // Newcombe (1998), Statistics in Medicine 17:857, example: 81/263
        // gives the Wilson interval 0.2553 to 0.3662.
        let (lo, hi) = super::wilson95(81.0, 263.0);
        assert!((lo - 0.2553).abs() < 1e-4 && (hi - 0.3662).abs() < 1e-4, "{lo} {hi}");
    }
}
