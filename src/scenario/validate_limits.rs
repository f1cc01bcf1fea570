//! Limits that keep every accepted scenario finishing in bounded time and
//! memory with finite figures ("Limits" in `docs/scenario-reference.md`):
//! the size of a distribution's parameters, and the traffic a replication
//! can see once the forecast error is drawn.

use super::error::ScenarioError;
use super::raw::RawDist;
use super::validate::{key, p, Ctx, Path, MAX_INQUIRIES};
use super::validate_dispatch::MAX_ORDERS;
use crate::model::dist::std_normal_quantile;
use crate::model::ModelParams;

/// Largest accepted parameter of a distribution (mean, value, bound), in the
/// internal unit of its field (seconds for times, CNY for money): 10⁹ s is
/// about 32 years, so that sums over a run's customers stay finite.
pub const MAX_DIST_PARAM: f64 = 1e9;

/// Share of replications allowed above the traffic limits: the volume
/// multiplier's quantile at `1 − VOLUME_TAIL` must keep a replication
/// within [`MAX_INQUIRIES`] and [`MAX_ORDERS`].
pub const VOLUME_TAIL: f64 = 1e-4;

/// Refuses a distribution parameter above [`MAX_DIST_PARAM`].
pub(super) fn dist_params(ctx: &Ctx, path: &Path, raw: &RawDist) -> Result<(), ScenarioError> {
    let params: &[(&str, f64)] = match *raw {
        RawDist::Exponential { mean } | RawDist::Lognormal { mean, .. } => &[("mean", mean)],
        RawDist::Fixed { value } => &[("value", value)],
        RawDist::Uniform { min, max } => &[("min", min), ("max", max)],
        RawDist::None => &[],
    };
    for &(name, v) in params {
        if v > MAX_DIST_PARAM {
            return Err(ctx.err(
                path,
                format!("`{name}` is {v}, more than the {MAX_DIST_PARAM:e} allowed (seconds for times, CNY for money)"),
            ));
        }
    }
    Ok(())
}

/// The volume multiplier (lognormal, mean 1, coefficient of variation `cv`)
/// that only a share [`VOLUME_TAIL`] of replications exceed.
pub fn volume_multiplier_tail(cv: f64) -> f64 {
    if cv <= 0.0 {
        return 1.0;
    }
    let sigma2 = (1.0 + cv * cv).ln();
    (-sigma2 / 2.0 + std_normal_quantile(1.0 - VOLUME_TAIL) * sigma2.sqrt()).exp()
}

/// Refuses a forecast error so wide that one replication in 10,000 would
/// see more inquiries or silent orders than the limits allow.
pub(super) fn volume(ctx: &Ctx, model: &ModelParams) -> Result<(), ScenarioError> {
    let tail = volume_multiplier_tail(model.volume_cv);
    let inquiries = model.inquiry_rate.expected_total();
    let silent = model.dispatch.as_ref().map_or(0.0, |d| d.orders.silent_rate.expected_total());
    for (what, expected, limit) in [("inquiries", inquiries, MAX_INQUIRIES), ("silent orders", silent, MAX_ORDERS)] {
        if expected * tail > limit {
            return Err(ctx.err(
                &key(&p(&["arrivals"]), "volume_cv"),
                format!(
                    "with volume_cv = {}, one replication in {:.0} sees more than {tail:.1} × the forecast, \
                     {:.0} {what}: more than the {limit:e} allowed; lower the forecast error or the traffic",
                    model.volume_cv,
                    1.0 / VOLUME_TAIL,
                    expected * tail
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_multiplier_is_the_lognormal_quantile() {
        assert_eq!(volume_multiplier_tail(0.0), 1.0);
        // cv 0.1: sigma = 0.09975, mu = -0.004975; z(0.9999) = 3.719016.
        let expected = (-0.004975 + 3.719016 * 0.09975f64).exp();
        assert!((volume_multiplier_tail(0.1) - expected).abs() < 1e-3, "{}", volume_multiplier_tail(0.1));
        assert!(volume_multiplier_tail(10.0) > 250.0 && volume_multiplier_tail(10.0) < 350.0);
    }
}
