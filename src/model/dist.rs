//! Validated probability distributions of non-negative quantities (times in
//! seconds, money in CNY), each knowing its analytic mean and variance.
//!
//! [`Dist::quantile`] maps a uniform number, so a customer's uniform draw can
//! be kept and mapped through whichever distribution applies later (common
//! random numbers across plans); [`Dist::sample`] draws directly.

use rand::Rng;
use rand_distr::StandardNormal;
use serde::Serialize;

mod normal;
pub use normal::std_normal_quantile;

/// A checked distribution. Build it with the constructors, which reject
/// invalid parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Dist {
    /// Exponential with the given mean.
    Exponential {
        /// Mean of the distribution (unit of the field that holds it).
        mean: f64,
    },
    /// Lognormal given by its mean and coefficient of variation.
    Lognormal {
        /// Mean of the distribution.
        mean: f64,
        /// Coefficient of variation (standard deviation / mean).
        cv: f64,
        /// Location of the underlying normal (derived).
        #[serde(skip)]
        mu: f64,
        /// Scale of the underlying normal (derived).
        #[serde(skip)]
        sigma: f64,
    },
    /// Always the same value.
    Fixed {
        /// The value.
        value: f64,
    },
    /// Uniform between two values.
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
}

/// Why a distribution's parameters were rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct DistError(pub String);

fn positive(name: &str, v: f64) -> Result<f64, DistError> {
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(DistError(format!("`{name}` must be a positive finite number, got {v}")))
    }
}

fn non_negative(name: &str, v: f64) -> Result<f64, DistError> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(DistError(format!("`{name}` must be a finite number >= 0, got {v}")))
    }
}

impl Dist {
    /// Exponential with mean `mean` (> 0).
    pub fn exponential(mean: f64) -> Result<Self, DistError> {
        Ok(Dist::Exponential { mean: positive("mean", mean)? })
    }

    /// Lognormal with mean `mean` (> 0) and coefficient of variation `cv` (> 0).
    pub fn lognormal(mean: f64, cv: f64) -> Result<Self, DistError> {
        let mean = positive("mean", mean)?;
        let cv = positive("cv", cv)?;
        if cv > 100.0 {
            return Err(DistError(format!("`cv` must be at most 100, got {cv}")));
        }
        let sigma2 = (1.0 + cv * cv).ln();
        Ok(Dist::Lognormal { mean, cv, mu: mean.ln() - sigma2 / 2.0, sigma: sigma2.sqrt() })
    }

    /// A fixed value `value` (>= 0).
    pub fn fixed(value: f64) -> Result<Self, DistError> {
        Ok(Dist::Fixed { value: non_negative("value", value)? })
    }

    /// Uniform on `[min, max]`, `0 <= min <= max`.
    pub fn uniform(min: f64, max: f64) -> Result<Self, DistError> {
        let min = non_negative("min", min)?;
        let max = non_negative("max", max)?;
        if max < min {
            return Err(DistError(format!("`max` ({max}) must not be below `min` ({min})")));
        }
        Ok(Dist::Uniform { min, max })
    }

    /// The analytic mean.
    pub fn mean(&self) -> f64 {
        match *self {
            Dist::Exponential { mean } | Dist::Lognormal { mean, .. } => mean,
            Dist::Fixed { value } => value,
            Dist::Uniform { min, max } => (min + max) / 2.0,
        }
    }

    /// The analytic variance.
    pub fn variance(&self) -> f64 {
        match *self {
            Dist::Exponential { mean } => mean * mean,
            Dist::Lognormal { mean, cv, .. } => (mean * cv).powi(2),
            Dist::Fixed { .. } => 0.0,
            Dist::Uniform { min, max } => (max - min).powi(2) / 12.0,
        }
    }

    /// The inverse distribution function at `u` in `[0, 1)`.
    #[inline]
    pub fn quantile(&self, u: f64) -> f64 {
        match *self {
            Dist::Exponential { mean } => -mean * (-u).ln_1p(),
            Dist::Lognormal { mu, sigma, .. } => {
                // Standard normal quantile (AS 241); u = 0 maps to 0, never NaN.
                let u = u.clamp(1e-300, 1.0 - 1e-16);
                (mu + sigma * std_normal_quantile(u)).exp()
            }
            Dist::Fixed { value } => value,
            Dist::Uniform { min, max } => min + (max - min) * u,
        }
    }

    /// The distribution function at `x`: the share of values at or below
    /// `x`, so that `quantile(cdf(x)) = x` for the continuous kinds.
    pub fn cdf(&self, x: f64) -> f64 {
        match *self {
            _ if x.is_nan() => f64::NAN,
            Dist::Exponential { mean } => -(-x.max(0.0) / mean).exp_m1(),
            Dist::Lognormal { mu, sigma, .. } if x > 0.0 => {
                0.5 * statrs::function::erf::erfc(-(x.ln() - mu) / (sigma * std::f64::consts::SQRT_2))
            }
            Dist::Lognormal { .. } => 0.0,
            Dist::Fixed { value } => f64::from(u8::from(x >= value)),
            Dist::Uniform { min, max } if max > min => ((x - min) / (max - min)).clamp(0.0, 1.0),
            Dist::Uniform { min, .. } => f64::from(u8::from(x >= min)),
        }
    }

    /// One draw using `rng`. The lognormal draws its normal with the
    /// ziggurat method (`rand_distr::StandardNormal`), much cheaper than the
    /// quantile; use [`Dist::quantile`] where a uniform must be kept.
    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.finish(self.draw_raw(rng))
    }

    /// The random part of one [`Dist::sample`] (a standard normal for the
    /// lognormal, a uniform otherwise), drawn from `rng` exactly as
    /// `sample` draws it; [`Dist::finish`] turns it into the value. Lets a
    /// caller keep its streams in step and pay for the transform (an `exp`
    /// or a `log1p`) only when the value is needed.
    #[inline]
    pub fn draw_raw<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match *self {
            Dist::Lognormal { .. } => rng.sample(StandardNormal),
            _ => rng.random::<f64>(),
        }
    }

    /// The value of a draw whose random part [`Dist::draw_raw`] gave:
    /// `finish(draw_raw(rng))` is `sample(rng)`, bit for bit.
    #[inline]
    pub fn finish(&self, raw: f64) -> f64 {
        match *self {
            Dist::Lognormal { mu, sigma, .. } => (mu + sigma * raw).exp(),
            _ => self.quantile(raw),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stream_rng;

    #[test]
    fn the_distribution_function_inverts_the_quantile() {
        let kinds = [
            Dist::exponential(200.0).unwrap(),
            Dist::lognormal(180.0, 1.3).unwrap(),
            Dist::uniform(10.0, 70.0).unwrap(),
        ];
        for d in &kinds {
            for u in [1e-9, 0.001, 0.2, 0.5, 0.77, 0.999, 1.0 - 1e-9] {
                let x = d.quantile(u);
                assert!((d.cdf(x) - u).abs() < 1e-9, "{d:?} at {u}: {}", d.cdf(x));
            }
            assert_eq!(d.cdf(-1.0), 0.0);
        }
        let fixed = Dist::fixed(30.0).unwrap();
        assert_eq!((fixed.cdf(29.9), fixed.cdf(30.0)), (0.0, 1.0));
    }

    fn sample_moments(d: &Dist, n: usize) -> (f64, f64) {
        let mut rng = stream_rng(1, 0, 0);
        let xs: Vec<f64> = (0..n).map(|_| d.sample(&mut rng)).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1) as f64;
        (m, v)
    }

    #[test]
    fn sample_means_match_analytic_means_within_four_standard_errors() {
        let n = 200_000;
        for d in [
            Dist::exponential(180.0).unwrap(),
            Dist::lognormal(300.0, 0.8).unwrap(),
            Dist::uniform(10.0, 50.0).unwrap(),
        ] {
            let (m, v) = sample_moments(&d, n);
            let se = (d.variance() / n as f64).sqrt();
            assert!((m - d.mean()).abs() < 4.0 * se, "{d:?}: mean {m} vs {}", d.mean());
            // The variance estimate is looser (heavy tails): 5% relative.
            assert!((v / d.variance() - 1.0).abs() < 0.05, "{d:?}: var {v} vs {}", d.variance());
        }
    }

    #[test]
    fn a_raw_draw_finished_later_is_the_sample_bit_for_bit() {
        for d in [
            Dist::exponential(180.0).unwrap(),
            Dist::lognormal(300.0, 0.8).unwrap(),
            Dist::uniform(10.0, 50.0).unwrap(),
            Dist::fixed(30.0).unwrap(),
        ] {
            let (mut a, mut b) = (stream_rng(3, 1, 2), stream_rng(3, 1, 2));
            for _ in 0..10_000 {
                let raw = d.draw_raw(&mut b);
                assert_eq!(d.sample(&mut a).to_bits(), d.finish(raw).to_bits(), "{d:?}");
            }
        }
    }

    #[test]
    fn lognormal_median_is_exp_mu() {
        let d = Dist::lognormal(300.0, 0.8).unwrap();
        let Dist::Lognormal { mu, .. } = d else { unreachable!() };
        assert!((d.quantile(0.5) - mu.exp()).abs() < 1e-9 * mu.exp());
    }

    #[test]
    fn invalid_parameters_are_rejected() {
        assert!(Dist::exponential(0.0).is_err());
        assert!(Dist::exponential(f64::NAN).is_err());
        assert!(Dist::lognormal(10.0, -1.0).is_err());
        assert!(Dist::fixed(-1.0).is_err());
        assert!(Dist::uniform(5.0, 1.0).is_err());
        assert!(Dist::fixed(f64::INFINITY).is_err());
    }
}
