//! The result of `peakplan intraday`: a plain record its renderers (text,
//! JSON, CSV, HTML, charts) read, documented field by field in `docs/json-reference.md`.

use super::ahead::PeriodAhead;
use super::moves::{MoveKind, MoveOption};
use super::outlook::Outlook;
use super::recommend::Found;
use super::reforecast::{ReforecastSettings, VolumePosterior};
use super::so_far::{PeriodSoFar, SoFar};
use crate::model::forward::first_rest_period;
use crate::result::RunInfo;
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
    /// The run: the plan's window, the forward replications, the seed.
    pub run: RunInfo,
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
    /// The periods of the rest of the window judged (`MM-DD HH:MM`): from
    /// the first whole one at or after the moment.
    pub rest_periods: Vec<String>,
    /// The periods of `rest_periods`: the plan's forecast and the
    /// re-forecast, each with its 90% band.
    pub rest_inquiries: Vec<PeriodAhead>,
    /// The plan as it stands, run forward from the moment.
    pub plan_outlook: Outlook,
    /// What to change now.
    pub recommendation: Recommendation,
}

/// One recommended move.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoveOut {
    /// `call_in` or `extend`.
    pub kind: MoveKind,
    /// The pool called from, or the shift extended.
    pub source: String,
    /// The chat group they work as.
    pub group: String,
    /// People [people].
    pub people: u32,
    /// At work from (`MM-DD HH:MM`).
    pub start: String,
    /// At work until (`MM-DD HH:MM`).
    pub end: String,
    /// Cost [CNY].
    pub cost_cny: f64,
    /// The latest moment to decide (`MM-DD HH:MM`): the start less the
    /// lead time or notice.
    pub decide_by: String,
}

/// What to change now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// The moves; empty when the plan as it stands meets the targets (or
    /// the scenario allows none).
    pub moves: Vec<MoveOut>,
    /// Their cost [CNY].
    pub cost_cny: f64,
    /// Whether the plan with the moves meets the rest's targets at the
    /// confidence.
    pub restores_targets: bool,
    /// The plan with the moves, run forward; `null` when no move is made.
    pub outlook_with_moves: Option<Outlook>,
    /// Sets of moves simulated in the search [count].
    pub evaluations: u32,
    /// The move options the scenario allows at the moment [count].
    pub options: usize,
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

/// The recommendation of `found` among `options`.
pub fn recommendation(scenario: &Scenario, options: &[MoveOption], found: &Found) -> Recommendation {
    let label = |t: f64| time_label(&scenario.window.start, t);
    let moves: Vec<MoveOut> = options
        .iter()
        .zip(&found.people)
        .filter(|(_, &n)| n > 0)
        .map(|(o, &n)| {
            let delay = if o.kind == MoveKind::CallIn { found.delay_s } else { 0.0 };
            let start_s = o.start_s + delay;
            let per_person = match o.kind {
                MoveKind::CallIn => {
                    let f = scenario.intraday.floaters.iter().find(|f| f.name == o.source);
                    f.map_or(o.cost_per_person_cny, |f| {
                        ((o.end_s - start_s) / 3600.0).max(f.min_paid_h) * f.cost_per_h_cny
                    })
                }
                MoveKind::Extend => o.cost_per_person_cny,
            };
            MoveOut {
                kind: o.kind,
                source: o.source.clone(),
                group: scenario.model.chat.groups[o.group].name.clone(),
                people: n,
                start: label(start_s),
                end: label(o.end_s),
                cost_cny: per_person * f64::from(n),
                decide_by: label(o.decide_by_s() + delay),
            }
        })
        .collect();
    let with = found.with_moves.clone().filter(|_| !moves.is_empty());
    Recommendation {
        cost_cny: moves.iter().map(|m| m.cost_cny).sum(),
        restores_targets: with.as_ref().map_or(found.plan.meets_confidence, |o| o.meets_confidence),
        moves,
        outlook_with_moves: with,
        evaluations: found.evaluations,
        options: options.len(),
    }
}

/// Labels of the periods of the rest of `scenario`'s window from `at_s`.
pub fn rest_periods(scenario: &Scenario, at_s: f64) -> Vec<String> {
    let p = scenario.model.periods;
    (first_rest_period(p, at_s)..p.count).map(|i| time_label(&scenario.window.start, i as f64 * p.length_s)).collect()
}
