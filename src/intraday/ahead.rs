//! The periods of the rest of the window, ahead of the moment: the plan's
//! forecast of each and its re-forecast from the traffic so far.

use super::reforecast::VolumePosterior;
use super::so_far::band90;
use crate::model::forward::first_rest_period;
use crate::scenario::{time_label, Scenario};
use serde::Serialize;

/// One period of the rest of the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodAhead {
    /// Local start of the period (`MM-DD HH:MM`).
    pub start: String,
    /// Inquiries the plan's forecast expects in the period [count].
    pub forecast_inquiries: f64,
    /// The forecast's 90% band (its volume error and Poisson noise): 5th
    /// percentile [count].
    pub forecast_p5: f64,
    /// Its 95th percentile [count].
    pub forecast_p95: f64,
    /// Inquiries the re-forecast expects (the forecast times the posterior
    /// mean multiplier) [count].
    pub reforecast_inquiries: f64,
    /// The re-forecast's 90% band (the multiplier's remaining uncertainty
    /// and Poisson noise): 5th percentile [count].
    pub reforecast_p5: f64,
    /// Its 95th percentile [count].
    pub reforecast_p95: f64,
}

/// The periods of `scenario`'s window from the first whole one at or after
/// `at_s` (those the outlook judges), forecast and re-forecast by `post`.
pub fn ahead(scenario: &Scenario, post: &VolumePosterior, at_s: f64) -> Vec<PeriodAhead> {
    let p = scenario.model.periods;
    let rate = &scenario.model.inquiry_rate;
    let cv = scenario.model.volume_cv;
    let (mean, sd) = (post.mean(), post.sd());
    (first_rest_period(p, at_s)..p.count)
        .map(|i| {
            let start_s = i as f64 * p.length_s;
            let m = rate.expected_between(start_s, start_s + p.length_s);
            let (forecast_p5, forecast_p95) = band90(m, cv * m);
            let (reforecast_p5, reforecast_p95) = band90(m * mean, m * sd);
            PeriodAhead {
                start: time_label(&scenario.window.start, start_s),
                forecast_inquiries: m,
                forecast_p5,
                forecast_p95,
                reforecast_inquiries: m * mean,
                reforecast_p5,
                reforecast_p95,
            }
        })
        .collect()
}
