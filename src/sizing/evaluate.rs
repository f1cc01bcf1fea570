//! Evaluating a candidate plan by simulation on a fixed set of replications
//! (common random numbers: every candidate sees the same customers).

use crate::experiment::{run, Outcome, RunConfig, RunError};
use crate::model::ModelParams;
use crate::scenario::Scenario;
use std::ops::Range;

/// Headcount per plan row and group: the agent shifts first, then the packer
/// shifts (see [`super::rows`]).
pub type Plan = Vec<Vec<u32>>;

/// Runs candidate plans of one scenario.
pub struct Evaluator<'a> {
    /// The scenario being sized.
    pub scenario: &'a Scenario,
    /// Master seed.
    pub seed: u64,
    /// Worker threads (`None`: all cores).
    pub threads: Option<usize>,
    /// Candidate plans simulated so far [count].
    pub evaluations: u64,
}

/// A plan's simulated performance.
pub struct Evaluation {
    /// What the replications measured.
    pub outcome: Outcome,
    /// Share of replications meeting all targets.
    pub p_meet: f64,
}

/// `model` staffed by `plan` (agent shifts, then packer shifts), with every
/// arrival stream (inquiries, silent orders, pre-sale payments) scaled by
/// `traffic`.
pub fn with_plan(model: &ModelParams, plan: &Plan, traffic: f64) -> ModelParams {
    let mut m = model.clone();
    let agents = m.chat.shifts.len();
    for (shift, h) in m.chat.shifts.iter_mut().zip(plan) {
        shift.headcount.clone_from(h);
    }
    if let Some(d) = &mut m.dispatch {
        for (shift, h) in d.warehouse.shifts.iter_mut().zip(&plan[agents..]) {
            shift.headcount.clone_from(h);
        }
        if traffic != 1.0 {
            d.orders.silent_rate = d.orders.silent_rate.scaled(traffic);
            d.orders.presale_rate = d.orders.presale_rate.as_ref().map(|r| r.scaled(traffic));
        }
    }
    if traffic != 1.0 {
        m.scale_inquiries(traffic);
    }
    m
}

/// The share of replications in which the 0/1 figure `name` is 1 (1 when
/// the figure is absent: nothing to meet).
pub fn share_of(o: &Outcome, name: &str) -> f64 {
    match o.samples.scalar(name) {
        Some(v) if !v.is_empty() => v.iter().sum::<f64>() / v.len() as f64,
        _ => 1.0,
    }
}

impl Evaluator<'_> {
    /// Simulates `model` on replications `reps`.
    pub fn run_model(&mut self, model: &ModelParams, reps: Range<u64>) -> Result<Evaluation, RunError> {
        self.evaluations += 1;
        let cfg = RunConfig { seed: self.seed, replications: reps, threads: self.threads, progress: false };
        let outcome = run(model, &self.scenario.targets, &cfg)?;
        Ok(Evaluation { p_meet: share_of(&outcome, "meets_all_targets"), outcome })
    }

    /// Simulates `plan` under `traffic` × the forecast on replications `reps`.
    pub fn run_plan(&mut self, plan: &Plan, traffic: f64, reps: Range<u64>) -> Result<Evaluation, RunError> {
        let model = with_plan(&self.scenario.model, plan, traffic);
        self.run_model(&model, reps)
    }
}
