//! Repair and tighten a plan by simulation on common random numbers: add the
//! cheapest person covering the worst period until the plan meets the
//! targets with the required confidence; then remove people, most expensive
//! first, while it still does.

use super::evaluate::{Evaluation, Evaluator, Plan};
use crate::experiment::RunError;
use std::ops::Range;

/// What the search may change.
pub struct Limits<'a> {
    /// Largest headcount per shift of each group.
    pub max_per_shift: &'a [u32],
    /// Whether each shift is fixed.
    pub fixed: &'a [bool],
    /// Cost of one person of each group on each shift [CNY]: `cost[s][g]`.
    pub cost: &'a [Vec<f64>],
    /// Capacity of one person of each group in reference-agent equivalents.
    pub capacity: &'a [f64],
    /// Share of replications that must meet all targets on the search set.
    pub required: f64,
    /// Largest number of repair steps.
    pub max_steps: usize,
}

/// The period whose targets fail in the most replications.
fn worst_period(ev: &Evaluation, service_level: f64, abandon_max: f64) -> usize {
    let sl = ev.outcome.samples.series("service_level").expect("series");
    let ab = ev.outcome.samples.series("abandon_share").expect("series");
    let fails = |p: usize| sl[p].iter().zip(&ab[p]).filter(|(&a, &b)| a < service_level || b > abandon_max).count();
    (0..sl.len()).max_by_key(|&p| (fails(p), std::cmp::Reverse(p))).unwrap_or(0)
}

/// Raises `plan` until it meets the targets; returns the plan, its
/// evaluation, and whether it met them within the limits.
pub fn repair(
    ev: &mut Evaluator,
    mut plan: Plan,
    lim: &Limits,
    reps: Range<u64>,
) -> Result<(Plan, Evaluation, bool), RunError> {
    let t = ev.scenario.targets.clone();
    let shifts = ev.scenario.model.chat.shifts.clone();
    let period_s = ev.scenario.model.periods.length_s;
    let mut eval = ev.run_plan(&plan, 1.0, reps.clone())?;
    for _ in 0..lim.max_steps {
        if eval.p_meet >= lim.required {
            return Ok((plan, eval, true));
        }
        let p = worst_period(&eval, t.service_level, t.abandon_max);
        let (a, b) = (p as f64 * period_s, (p + 1) as f64 * period_s);
        // The cheapest capacity among shifts covering the worst period.
        let current = &plan;
        let best = shifts
            .iter()
            .enumerate()
            .filter(|(s, sh)| !lim.fixed[*s] && sh.overlap_s(a, b) > 0.0)
            .flat_map(|(s, sh)| {
                let cover = sh.overlap_s(a, b) / (b - a);
                (0..lim.capacity.len())
                    .filter(move |&g| current[s][g] < lim.max_per_shift[g])
                    .map(move |g| (s, g, lim.cost[s][g] / (lim.capacity[g] * cover)))
            })
            .min_by(|x, y| x.2.total_cmp(&y.2));
        let Some((s, g, _)) = best else {
            return Ok((plan, eval, false));
        };
        plan[s][g] += 1;
        eval = ev.run_plan(&plan, 1.0, reps.clone())?;
    }
    let ok = eval.p_meet >= lim.required;
    Ok((plan, eval, ok))
}

/// Lowers `plan` (which meets the targets) person by person, most expensive
/// shift and group first, keeping every removal after which it still meets
/// them.
pub fn tighten(ev: &mut Evaluator, mut plan: Plan, lim: &Limits, reps: Range<u64>) -> Result<Plan, RunError> {
    let mut order: Vec<(usize, usize)> =
        (0..plan.len()).filter(|&s| !lim.fixed[s]).flat_map(|s| (0..lim.capacity.len()).map(move |g| (s, g))).collect();
    order.sort_by(|x, y| {
        let per_cap = |&(s, g): &(usize, usize)| lim.cost[s][g] / lim.capacity[g];
        per_cap(y).total_cmp(&per_cap(x))
    });
    for (s, g) in order {
        while plan[s][g] > 0 {
            plan[s][g] -= 1;
            if ev.run_plan(&plan, 1.0, reps.clone())?.p_meet < lim.required {
                plan[s][g] += 1;
                break;
            }
        }
    }
    Ok(plan)
}
