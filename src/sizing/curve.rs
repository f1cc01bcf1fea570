//! The per-period requirement curve: how many agents of the reference group
//! (the first group) each period needs, by formula and by simulation.
//!
//! By simulation, in the spirit of the iterative staffing algorithm
//! (Feldman, Mandelbaum, Massey and Whitt, 2008): every period gets its own
//! one-period shift; all periods are staffed at once, simulated on common
//! random numbers, and each period's headcount is bracketed (raised where the
//! period misses its targets, bisected down where it meets them) until every
//! bracket closes. A period meets its targets when at least `confidence` of
//! replications reach the service level and stay under the abandonment cap
//! in that period. Because periods are simulated together, the backlog a
//! short-staffed period hands to the next is part of the picture.

use super::evaluate::Evaluator;
use super::SizingError;
use crate::analytic::{required_agents, ChatConcurrency, StaffingModel, Target};
use crate::figures::MissingFigure;
use crate::model::dist::Dist;
use crate::model::shifts::Shift;
use crate::model::ModelParams;
use crate::scenario::Scenario;
use crate::targets::{ServiceLevelScope, Targets};
use std::ops::Range;

/// Largest per-period headcount the search will try.
const MAX_AGENTS: u32 = 5_000;

/// Required reference agents per period from Erlang formulas, each period
/// treated as stationary at its mean rate (the chat-concurrency
/// approximation; Erlang A with the patience's mean as exponential patience).
pub fn by_formula(s: &Scenario) -> Vec<u32> {
    let m = &s.model;
    let g = &m.chat.groups[0];
    let conc = ChatConcurrency::new(u32::from(g.max_concurrent), g.slowdown_per_extra_chat).expect("checked group");
    let patience = m.chat.patience_s.as_ref().map(Dist::mean);
    let t = &s.targets;
    let targets = [
        Target::ServiceLevel { share: t.service_level, within_s: t.response_within_s },
        Target::AbandonShare { max: t.abandon_max },
    ];
    (0..m.periods.count)
        .map(|p| {
            let (a, b) = (p as f64 * m.periods.length_s, (p + 1) as f64 * m.periods.length_s);
            let rate = m.inquiry_rate.expected_between(a, b) / (b - a) * (1.0 - m.chat.deflection_share);
            StaffingModel::new(rate, g.handle_s.mean(), patience, conc)
                .and_then(|model| required_agents(&model, &targets, None))
                .unwrap_or(MAX_AGENTS)
        })
        .collect()
}

/// `model` with one shift per period staffing `agents[p]` of the reference
/// group, chats only: the curve reads only the chat figures, which the
/// dispatch side cannot change (orders follow chats, never the reverse, and
/// every stage draws from its own random streams), so it is left out.
pub fn per_period_model(model: &ModelParams, agents: &[u32]) -> ModelParams {
    let mut m = model.clone();
    m.dispatch = None;
    m.chat.shifts = one_period_shifts(agents, m.chat.groups.len(), m.periods.length_s, "period");
    m
}

/// One shift per period of length `period_s`, named `<name>-<p>`, staffing
/// `counts[p]` people of the first of `groups` groups.
pub fn one_period_shifts(counts: &[u32], groups: usize, period_s: f64, name: &str) -> Vec<Shift> {
    counts
        .iter()
        .enumerate()
        .map(|(p, &n)| {
            let mut headcount = vec![0; groups];
            headcount[0] = n;
            let (start_s, end_s) = (p as f64 * period_s, (p + 1) as f64 * period_s);
            Shift { name: format!("{name}-{p}"), start_s, end_s, headcount }
        })
        .collect()
}

/// The share of replications in which each period on its own must meet its
/// targets. Under the joint scope, so that all periods together meet them in
/// about `confidence` of replications: a third of the allowed failures per
/// period, since failures of busy periods come together in the same
/// high-volume replications. Under `each_period`, `confidence` itself; under
/// `window` too, a start the search lowers where the window allows.
pub(super) fn period_confidence(t: &Targets) -> f64 {
    match t.service_level_scope {
        ServiceLevelScope::EveryPeriodJointly => 1.0 - (1.0 - t.confidence) / 3.0,
        ServiceLevelScope::EachPeriod | ServiceLevelScope::Window => t.confidence,
    }
}

/// Which periods meet their targets in [`period_confidence`] of replications.
fn periods_met(ev: &super::evaluate::Evaluation, s: &Scenario) -> Result<Vec<bool>, MissingFigure> {
    let t = &s.targets;
    let met = t.periods_met(&ev.samples)?;
    Ok(met
        .iter()
        .map(|reps| {
            let ok = reps.iter().filter(|&&m| m).count();
            ok as f64 >= period_confidence(t) * reps.len() as f64 - 1e-9
        })
        .collect())
}

/// Required reference agents per period by simulation, starting from `start`.
pub fn by_simulation(ev: &mut Evaluator, start: &[u32], reps: Range<u64>) -> Result<Vec<u32>, SizingError> {
    let s = ev.scenario;
    let n = start.len();
    // lo: least headcount not known to fail; hi: least known to pass.
    let mut lo = vec![0u32; n];
    let mut hi: Vec<Option<u32>> = vec![None; n];
    let mut cur: Vec<u32> = start.iter().map(|&x| x.max(1)).collect();
    for _ in 0..40 {
        let eval = ev.run_model(&per_period_model(&s.model, &cur), reps.clone())?;
        let met = periods_met(&eval, s)?;
        for p in 0..n {
            if met[p] {
                hi[p] = Some(hi[p].map_or(cur[p], |h| h.min(cur[p])));
            } else {
                lo[p] = lo[p].max(cur[p] + 1);
            }
        }
        let mut done = true;
        for p in 0..n {
            cur[p] = match hi[p] {
                Some(h) if lo[p] >= h => h,
                Some(h) => {
                    done = false;
                    (lo[p] + h) / 2
                }
                None => {
                    done = false;
                    (cur[p] + cur[p] / 4 + 1).max(lo[p]).min(MAX_AGENTS)
                }
            };
        }
        if done {
            break;
        }
    }
    Ok(cur)
}
