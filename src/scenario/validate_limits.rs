//! Limits that keep every accepted scenario finishing in bounded time and
//! memory with finite figures ("Limits" in `docs/scenario-reference.md`):
//! the traffic a replication can see once the forecast error is drawn.
//! (The size of a distribution's parameters is checked with the
//! distribution, [`super::validate::MAX_DIST_VALUE`].)

use super::error::ScenarioError;
use super::validate::{key, p, Ctx, MAX_INQUIRIES};
use super::validate_dispatch::MAX_ORDERS;
use crate::model::dist::std_normal_quantile;
use crate::model::ModelParams;

/// Share of replications allowed above the traffic limits: the volume
/// multiplier's quantile at `1 − VOLUME_TAIL` must keep a replication
/// within [`MAX_INQUIRIES`] and [`MAX_ORDERS`].
pub const VOLUME_TAIL: f64 = 1e-4;

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
