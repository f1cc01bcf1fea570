//! The result of `peakplan intraday`: a plain record its renderers (text,
//! JSON) print, documented field by field in `docs/json-reference.md`.

use super::reforecast::{ReforecastSettings, VolumePosterior};
use super::so_far::{PeriodSoFar, SoFar};
use crate::scenario::{time_label, Scenario};
use serde::Serialize;

/// The re-forecast of the rest of the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reforecast {
    /// Posterior mean of the rest's volume multiplier (1: as forecast) [ratio].
    pub multiplier_mean: f64,
    /// Its posterior standard deviation [ratio].
    pub multiplier_sd: f64,
    /// Its 5th percentile [ratio].
    pub multiplier_p5: f64,
    /// Its 95th percentile [ratio].
    pub multiplier_p95: f64,
    /// Posterior probability that the level changed during the day [share].
    pub change_probability: f64,
    /// The most probable moment of change (`MM-DD HH:MM`), when a change is
    /// more likely than not.
    pub change_at: Option<String>,
    /// Inquiries the plan's forecast expects in the rest [count].
    pub rest_forecast_inquiries: f64,
    /// Inquiries now expected in the rest (posterior mean) [count].
    pub rest_expected_inquiries: f64,
    /// Their 5th percentile (volume uncertainty only) [count].
    pub rest_p5_inquiries: f64,
    /// Their 95th percentile [count].
    pub rest_p95_inquiries: f64,
    /// Inquiries so far, actual [count].
    pub so_far_actual_inquiries: f64,
    /// Inquiries so far, forecast [count].
    pub so_far_forecast_inquiries: f64,
    /// The posterior's components (no change, or a change at a moment).
    pub components: Vec<ComponentOut>,
}

/// One component of the posterior, as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentOut {
    /// Its posterior probability [share].
    pub weight: f64,
    /// The moment of change (`MM-DD HH:MM`); `None`: no change.
    pub change_at: Option<String>,
    /// Its mean multiplier [ratio].
    pub multiplier_mean: f64,
}

/// The chats at the moment, as the export shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateOut {
    /// Chats waiting for a first response [count].
    pub waiting: usize,
    /// Chats being handled [count].
    pub in_hand: usize,
    /// The longest wait so far of a waiting chat [s]; 0 when none waits.
    pub longest_wait_s: f64,
}

/// The result of `peakplan intraday`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntradayResult {
    /// The plan's scenario name.
    pub scenario: String,
    /// The moment (`YYYY-MM-DD HH:MM`, local).
    pub at: String,
    /// The moment [s from the window start].
    pub at_s: f64,
    /// The re-forecast of the rest of the window.
    pub reforecast: Reforecast,
    /// Actual against forecast so far, per period.
    pub periods: Vec<PeriodSoFar>,
    /// The chats at the moment.
    pub state: StateOut,
}

/// The re-forecast settings of `scenario`.
pub fn settings(scenario: &Scenario) -> ReforecastSettings {
    let i = &scenario.intraday;
    ReforecastSettings {
        prior_cv: scenario.model.volume_cv,
        change_cv: i.change_cv,
        change_per_h: i.change_per_h,
        change_step_s: i.change_step_s,
    }
}

/// The re-forecast of `post` for the rest of `scenario`'s window after `at_s`.
pub fn reforecast(scenario: &Scenario, s: &SoFar, post: &VolumePosterior, at_s: f64) -> Reforecast {
    let rate = &scenario.model.inquiry_rate;
    let rest = rate.expected_between(at_s, rate.end());
    let label = |t: f64| time_label(&scenario.window.start, t);
    Reforecast {
        multiplier_mean: post.mean(),
        multiplier_sd: post.sd(),
        multiplier_p5: post.quantile(0.05),
        multiplier_p95: post.quantile(0.95),
        change_probability: post.change_probability(),
        change_at: post.likely_change_s().map(label),
        rest_forecast_inquiries: rest,
        rest_expected_inquiries: rest * post.mean(),
        rest_p5_inquiries: rest * post.quantile(0.05),
        rest_p95_inquiries: rest * post.quantile(0.95),
        so_far_actual_inquiries: s.evidence.seen.iter().sum(),
        so_far_forecast_inquiries: s.evidence.expected.iter().sum(),
        components: post
            .components
            .iter()
            .take(5)
            .map(|c| ComponentOut {
                weight: c.weight,
                change_at: c.change_at_s.map(label),
                multiplier_mean: c.shape / c.rate,
            })
            .collect(),
    }
}

/// The state summary of `s` at `at_s`.
pub fn state_out(s: &SoFar) -> StateOut {
    let st = &s.state;
    StateOut {
        waiting: st.waiting_arrivals_s.len(),
        in_hand: st.in_hand.len(),
        longest_wait_s: st.waiting_arrivals_s.first().map_or(0.0, |&a| st.at_s - a),
    }
}
