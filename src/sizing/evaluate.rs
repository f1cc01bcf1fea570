//! Evaluating a candidate plan by simulation on a fixed set of replications
//! (common random numbers: every candidate sees the same customers).
//!
//! Two kinds of question: the full picture of a plan (every figure of every
//! replication, [`Evaluator::run_plan`]) and a yes/no "does it meet the
//! targets in at least this share of replications" ([`Evaluator::meets`]).
//! The second stops simulating as soon as enough replications have failed
//! (exactly, see [`super::replicate`]), trying first the replications that
//! failed most often for the plans simulated before (with common random
//! numbers, the same customers are hard for every plan), and remembers
//! every answer by plan, so a plan the search comes back to is not
//! simulated again. Neither changes any answer, only the work.

use super::replicate::{run_jobs, Job, JobResult};
use crate::experiment::RunError;
use crate::model::ModelParams;
use crate::scenario::Scenario;
use crate::stats::{wilson95, Samples};
use crate::targets::{ServiceLevelScope, Targets};
use std::collections::HashMap;
use std::ops::Range;

/// Replications per block of [`Evaluator::run_models_sequential`]: the
/// least on which a verdict may be settled.
pub const SEQUENTIAL_BLOCK: u64 = 100;

/// Headcount per plan row and group: the agent shifts first, then the packer
/// shifts (see [`super::rows`]).
pub type Plan = Vec<Vec<u32>>;

/// What is known of a plan's failures on a set of replications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failures {
    /// Exactly this many replications missed the targets.
    Exactly(u64),
    /// At least this many did (the rest were not simulated).
    AtLeast(u64),
}

/// Runs candidate plans of one scenario.
pub struct Evaluator<'a> {
    /// The scenario being sized.
    pub scenario: &'a Scenario,
    /// Master seed.
    pub seed: u64,
    /// Worker threads (`None`: all cores).
    pub threads: Option<usize>,
    /// Candidate plans simulated so far (answers from the cache excluded) [count].
    pub evaluations: u64,
    /// Replications simulated so far [count]. With early stops this varies a
    /// little with the threads; nothing reported depends on it.
    pub replications: u64,
    /// Failures of every plan simulated at traffic 1, by plan and replications.
    known: HashMap<(Plan, Range<u64>), Failures>,
    /// How many simulated plans missed the targets in each replication.
    failed_in: HashMap<u64, u32>,
}

/// A plan's simulated performance.
pub struct Evaluation {
    /// Every replication's figures, in replication order.
    pub samples: Samples,
    /// Share of replications meeting all targets.
    pub p_meet: f64,
}

impl Evaluation {
    /// The evaluation of `samples`, its share meeting the targets read
    /// under the scope of `targets`' service level.
    fn of(samples: Samples, targets: &Targets) -> Self {
        Self { p_meet: targets.share_meeting(&samples, true), samples }
    }
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

/// The share of replications in which the 0/1 figure `name` (a
/// [`crate::figures::Figure`] or a per-class name) is 1 (1 when the figure is absent:
/// nothing to meet).
pub fn share(s: &Samples, name: impl AsRef<str>) -> f64 {
    match s.scalar(name) {
        Some(v) if !v.is_empty() => v.iter().sum::<f64>() / v.len() as f64,
        _ => 1.0,
    }
}

/// The least number of failing replications out of `n` that puts the share
/// meeting the targets below `required` (`None`: even `n` failures do not),
/// computed with the same floating-point division as the share itself.
pub fn failures_to_fail(n: u64, required: f64) -> Option<u64> {
    (0..=n).find(|&f| ((n - f) as f64) / (n as f64) < required)
}

impl<'a> Evaluator<'a> {
    /// An evaluator of `scenario`'s plans under `seed` on `threads` threads.
    pub fn new(scenario: &'a Scenario, seed: u64, threads: Option<usize>) -> Self {
        Self {
            scenario,
            seed,
            threads,
            evaluations: 0,
            replications: 0,
            known: HashMap::new(),
            failed_in: HashMap::new(),
        }
    }

    /// Simulates every job at once; counts them as candidates and notes
    /// which replications failed.
    fn run(&mut self, jobs: &[Job]) -> Result<Vec<JobResult>, RunError> {
        let results = run_jobs(jobs, &self.scenario.targets, self.seed, self.threads)?;
        self.evaluations += jobs.len() as u64;
        for r in &results {
            self.replications += r.met.len() as u64;
            for &(rep, met) in &r.met {
                if !met {
                    *self.failed_in.entry(rep).or_default() += 1;
                }
            }
        }
        Ok(results)
    }

    /// Simulates each model on its replications, all at once, in parallel.
    pub fn run_models(&mut self, jobs: &[(ModelParams, Range<u64>)]) -> Result<Vec<Evaluation>, RunError> {
        let jobs: Vec<Job> =
            jobs.iter().map(|(model, reps)| Job { model, reps: reps.clone().collect(), fail_limit: None }).collect();
        let results = self.run(&jobs)?;
        let t = &self.scenario.targets;
        Ok(results
            .into_iter()
            .map(|r| Evaluation::of(r.samples.expect("no failure limit, so every replication ran"), t))
            .collect())
    }

    /// Simulates each model on its replications in order, in blocks of
    /// [`SEQUENTIAL_BLOCK`], all models of a block at once; a model stops
    /// after a block once the Wilson 95% interval of its share meeting the
    /// targets lies wholly above or wholly below `confidence` (its verdict
    /// is settled at 95%). Each evaluation stands on the first replications
    /// of its range that ran, every block whole; with a range of one block
    /// or less the result is that of [`Evaluator::run_models`].
    pub fn run_models_sequential(
        &mut self,
        jobs: &[(ModelParams, Range<u64>)],
        confidence: f64,
    ) -> Result<Vec<Evaluation>, RunError> {
        let t = self.scenario.targets.clone();
        let evaluations = self.evaluations + jobs.len() as u64;
        let mut samples: Vec<Samples> = jobs.iter().map(|_| Samples::default()).collect();
        let mut open: Vec<bool> = vec![true; jobs.len()];
        let mut from = 0u64;
        while open.iter().any(|&o| o) {
            let block = |reps: &Range<u64>| (reps.start + from)..(reps.start + from + SEQUENTIAL_BLOCK).min(reps.end);
            let which: Vec<usize> = (0..jobs.len()).filter(|&j| open[j]).collect();
            let batch: Vec<Job> = which
                .iter()
                .map(|&j| Job { model: &jobs[j].0, reps: block(&jobs[j].1).collect(), fail_limit: None })
                .collect();
            for (&j, r) in which.iter().zip(self.run(&batch)?) {
                let s = &mut samples[j];
                s.append(r.samples.expect("no failure limit, so every replication ran"));
                let (lo, hi) = wilson95(t.replications_meeting(s, s.len(), true), s.len() as f64);
                let more = block(&jobs[j].1).end < jobs[j].1.end;
                open[j] = more && lo <= confidence && hi >= confidence;
            }
            from += SEQUENTIAL_BLOCK;
        }
        // Each model counts once, however many blocks it took.
        self.evaluations = evaluations;
        Ok(samples.into_iter().map(|s| Evaluation::of(s, &t)).collect())
    }

    /// Simulates `model` on replications `reps`.
    pub fn run_model(&mut self, model: &ModelParams, reps: Range<u64>) -> Result<Evaluation, RunError> {
        let mut out = self.run_models(&[(model.clone(), reps)])?;
        Ok(out.pop().expect("one job, one evaluation"))
    }

    /// Simulates `plan` under `traffic` × the forecast on replications `reps`.
    pub fn run_plan(&mut self, plan: &Plan, traffic: f64, reps: Range<u64>) -> Result<Evaluation, RunError> {
        let model = with_plan(&self.scenario.model, plan, traffic);
        let e = self.run_model(&model, reps.clone())?;
        if traffic == 1.0 {
            let n = e.samples.len() as u64;
            let failures = n - (e.p_meet * n as f64).round() as u64;
            self.known.insert((plan.clone(), reps), Failures::Exactly(failures));
        }
        Ok(e)
    }

    /// Whether `plan` meets all targets in at least `required` of
    /// replications `reps`: the same answer as
    /// `run_plan(plan, 1.0, reps).p_meet >= required`, from the cache when
    /// the plan was simulated on these replications before, and otherwise
    /// simulating only until enough replications have failed.
    pub fn meets(&mut self, plan: &Plan, required: f64, reps: Range<u64>) -> Result<bool, RunError> {
        let n = reps.end - reps.start;
        let Some(limit) = failures_to_fail(n, required) else {
            return Ok(true);
        };
        if self.scenario.targets.service_level_scope == ServiceLevelScope::EachPeriod {
            // Periods are judged across replications: no single replication
            // settles the answer, so every one is simulated.
            if let Some(Failures::Exactly(f)) = self.known.get(&(plan.clone(), reps.clone())) {
                return Ok(*f < limit);
            }
            return Ok(self.run_plan(plan, 1.0, reps)?.p_meet >= required);
        }
        let key = (plan.clone(), reps);
        match self.known.get(&key) {
            Some(Failures::Exactly(f)) => return Ok(*f < limit),
            Some(Failures::AtLeast(f)) if *f >= limit => return Ok(false),
            _ => {}
        }
        let model = with_plan(&self.scenario.model, plan, 1.0);
        let mut order: Vec<u64> = key.1.clone().collect();
        order.sort_by_key(|rep| (std::cmp::Reverse(self.failed_in.get(rep).copied().unwrap_or(0)), *rep));
        let job = Job { model: &model, reps: order, fail_limit: Some(limit) };
        let result = self.run(&[job])?.pop().expect("one job, one result");
        let known = match result.samples {
            None => Failures::AtLeast(limit),
            Some(_) => Failures::Exactly(result.met.iter().filter(|(_, met)| !met).count() as u64),
        };
        self.known.insert(key, known);
        Ok(matches!(known, Failures::Exactly(f) if f < limit))
    }
}
