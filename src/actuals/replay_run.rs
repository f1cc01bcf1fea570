//! Running a replay. With the staffing estimated from the export
//! ([`super::replay::Staffing::Actual`]), the replications share out
//! staffings drawn around the estimate, so that the replay's band holds the
//! estimate's own uncertainty and not only the customers' draws.
//!
//! The estimate gives the mean agents available in each quarter-hour, say
//! 4.4: a quarter-hour in which four agents were there throughout and a
//! fifth for part of it, or five for part of it and four for the rest. The
//! replay at the estimate ([`Replay::scenario`], the one its reports show
//! and price) rounds the level to whole agents keeping the agent-hours.
//! Each draw instead puts `⌊4.4⌋ = 4` agents on and a fifth with
//! probability 0.4, independently per quarter-hour: on average the
//! estimate, and the spread of the whole agents it may stand for. The
//! replications are split into [`STAFFING_DRAWS`] consecutive slices, one
//! draw each, so the result does not depend on the thread count.

use super::replay::{actual_shifts, STAFFING_STEP_S};
use crate::engine::stream_rng;
use crate::experiment::{run, Outcome, RunConfig, RunError};
use crate::model::ModelParams;
use crate::scenario::{Scenario, ScenarioError};
use rand::Rng;

/// How many staffings a replay draws around the estimate (fewer if it runs
/// fewer replications).
pub const STAFFING_DRAWS: u64 = 50;

/// The stream of the staffing draws (apart from the model's streams).
const STAFFING_STREAM: u64 = 0x5354_4146;

/// The staffing estimated from an export, kept to draw around it.
#[derive(Debug, Clone)]
pub struct EstimatedStaffing {
    /// The calibrated scenario's text, before its shifts are replaced.
    pub calibrated: String,
    /// The plan (its window and first group frame the shifts).
    pub plan: Scenario,
    /// Mean agents available per step of [`STAFFING_STEP_S`] [agents].
    pub level: Vec<f64>,
}

/// A replay: the scenario at the estimate, and the estimate to draw
/// around.
#[derive(Debug, Clone)]
pub struct Replay {
    /// The replay with the staffing as estimated (or planned, or seen),
    /// which its reports show and price.
    pub scenario: Scenario,
    /// With the staffing estimated from the export, the estimate; `None`
    /// with the planned or seen staffing (run as they are).
    pub estimated_staffing: Option<EstimatedStaffing>,
}

/// Whole agents per step: `⌊x⌋`, and one more with probability `x − ⌊x⌋`.
fn drawn_agents<R: Rng>(level: &[f64], rng: &mut R) -> Vec<u32> {
    level
        .iter()
        .map(|&x| {
            let whole = x.max(0.0).floor();
            whole as u32 + u32::from(rng.random::<f64>() < x - whole)
        })
        .collect()
}

impl Replay {
    /// The model of each staffing draw under `seed` (none without an
    /// estimate), for `replications` replications.
    pub fn staffing_draws(&self, seed: u64, replications: u64) -> Result<Vec<ModelParams>, ScenarioError> {
        let Some(e) = &self.estimated_staffing else { return Ok(Vec::new()) };
        (0..STAFFING_DRAWS.min(replications).max(1))
            .map(|v| {
                let agents = drawn_agents(&e.level, &mut stream_rng(seed, v, STAFFING_STREAM));
                let group = e.plan.model.chat.groups.first().map(|g| g.name.clone()).unwrap_or_default();
                let text = actual_shifts(&e.calibrated, &e.plan, &[(group, agents)], STAFFING_STEP_S, false)?;
                let mut drawn = Scenario::from_toml(&text, &self.scenario.source_name)?.model;
                drawn.inquiry_trace.clone_from(&self.scenario.model.inquiry_trace);
                Ok(drawn)
            })
            .collect()
    }

    /// Runs the replications of `cfg`: on the scenario as it is, or, with
    /// `draws` (from [`Self::staffing_draws`] for as many replications),
    /// each consecutive slice of the replications on its draw.
    pub fn run(&self, draws: &[ModelParams], cfg: &RunConfig) -> Result<Outcome, RunError> {
        let targets = &self.scenario.targets;
        if draws.is_empty() {
            return run(&self.scenario.model, targets, cfg);
        }
        let (first, n, k) = (cfg.replications.start, cfg.replications.end - cfg.replications.start, draws.len() as u64);
        let mut out = Outcome::empty();
        for (v, model) in draws.iter().enumerate() {
            let v = v as u64;
            let slice = RunConfig { replications: first + v * n / k..first + (v + 1) * n / k, ..cfg.clone() };
            out.append(run(model, targets, &slice)?).expect("the draws differ only in their shifts");
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_agents_keep_the_level_on_average() {
        let level = [0.0, 2.0, 4.4, 0.75];
        let mut rng = stream_rng(1, 0, STAFFING_STREAM);
        let n = 20_000;
        let mut sum = [0u32; 4];
        for _ in 0..n {
            let a = drawn_agents(&level, &mut rng);
            assert!(a.iter().zip(&level).all(|(&k, &x)| f64::from(k) >= x.floor() && f64::from(k) <= x.ceil()));
            sum.iter_mut().zip(&a).for_each(|(s, &k)| *s += k);
        }
        for (s, x) in sum.iter().zip(level) {
            // Bernoulli(0.4) over 20,000: standard error 0.0035.
            assert!((f64::from(*s) / f64::from(n) - x).abs() < 0.015, "{s} for {x}");
        }
    }
}
