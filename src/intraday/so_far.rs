//! The sale so far: the inquiries export read up to a moment, set against
//! the forecast period by period, and the chats waiting and in hand at the
//! moment.

use super::reforecast::Evidence;
use crate::actuals::ChatActuals;
use crate::model::forward::{SeenChat, StartState};
use crate::model::trace::TRACE_RESOLUTION_S;
use crate::scenario::{time_label, Scenario};
use serde::Serialize;

/// The step of the evidence and of `--at` [s]: one minute.
pub const STEP_S: f64 = 60.0;

/// z of a two-sided 90% band.
const Z90: f64 = 1.644_853_626_951_472_2;

/// One period of the window up to the moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodSoFar {
    /// Local start of the period (`MM-DD HH:MM`).
    pub start: String,
    /// Whether the whole period lies before the moment (else only its part
    /// before the moment is counted).
    pub complete: bool,
    /// Inquiries the forecast expected in the period (up to the moment) [count].
    pub forecast_inquiries: f64,
    /// The forecast's 90% band: 5th percentile, with its volume error [count].
    pub forecast_p5: f64,
    /// The forecast's 90% band: 95th percentile [count].
    pub forecast_p95: f64,
    /// Inquiries that came [count].
    pub actual_inquiries: u64,
    /// Actual over forecast [ratio]; `None` when nothing was expected.
    pub actual_over_forecast: Option<f64>,
}

/// What the export says up to the moment.
#[derive(Debug, Clone, PartialEq)]
pub struct SoFar {
    /// Inquiries seen and expected per minute up to the moment.
    pub evidence: Evidence,
    /// The periods that started before the moment.
    pub periods: Vec<PeriodSoFar>,
    /// The chats waiting and in hand at the moment.
    pub state: StartState,
}

/// The seen and expected inquiries per [`STEP_S`] before `at_s`, from
/// `chats` (imported with that profile step) and the forecast of `scenario`.
fn evidence(scenario: &Scenario, chats: &ChatActuals, at_s: f64) -> Evidence {
    let steps = (at_s / STEP_S).round() as usize;
    let rate = &scenario.model.inquiry_rate;
    let seen = (0..steps).map(|k| chats.profile.get(k).map_or(0.0, |&n| n as f64)).collect();
    let expected = (0..steps).map(|k| rate.expected_between(k as f64 * STEP_S, (k + 1) as f64 * STEP_S)).collect();
    Evidence { step_s: STEP_S, seen, expected }
}

/// The 90% band of a count of `mean` inquiries whose expectation has the
/// standard deviation `volume_sd` (Poisson noise and the volume's error,
/// by the normal approximation): 5th and 95th percentiles [count].
pub fn band90(mean: f64, volume_sd: f64) -> (f64, f64) {
    let sd = (mean + volume_sd * volume_sd).sqrt();
    ((mean - Z90 * sd).max(0.0), mean + Z90 * sd)
}

/// The periods of `scenario` that started before `at_s`, from `e`.
fn periods(scenario: &Scenario, e: &Evidence, at_s: f64) -> Vec<PeriodSoFar> {
    let p = scenario.model.periods;
    let cv = scenario.model.volume_cv;
    let steps_per = (p.length_s / STEP_S).round().max(1.0) as usize;
    (0..p.count)
        .take_while(|&i| (i as f64) * p.length_s < at_s)
        .map(|i| {
            let r = i * steps_per..((i + 1) * steps_per).min(e.seen.len());
            let m: f64 = e.expected[r.clone()].iter().sum();
            let n: f64 = e.seen[r].iter().sum();
            let (forecast_p5, forecast_p95) = band90(m, cv * m);
            PeriodSoFar {
                start: time_label(&scenario.window.start, i as f64 * p.length_s),
                complete: ((i + 1) as f64) * p.length_s <= at_s,
                forecast_inquiries: m,
                forecast_p5,
                forecast_p95,
                actual_inquiries: n as u64,
                actual_over_forecast: (m > 0.0).then(|| n / m),
            }
        })
        .collect()
}

/// The sale up to `at_s` (a whole number of [`STEP_S`] from the window
/// start) from `chats`, imported against `scenario` with the profile step
/// [`STEP_S`] and the trace kept.
pub fn so_far(scenario: &Scenario, chats: &mut ChatActuals, at_s: f64) -> SoFar {
    let evidence = evidence(scenario, chats, at_s);
    let periods = periods(scenario, &evidence, at_s);
    let known = |x: f32| (!x.is_nan()).then_some(f64::from(x));
    let seen = chats.trace().into_iter().map(|c| SeenChat {
        arrival_s: f64::from(c.arrival_cs) * TRACE_RESOLUTION_S,
        wait_s: known(c.wait_s),
        handle_s: known(c.handle_s),
        abandoned: c.abandoned,
    });
    SoFar { evidence, periods, state: StartState::at(at_s, seen) }
}
