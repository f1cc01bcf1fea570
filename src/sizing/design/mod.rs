//! Designed shifts: `size` chooses the start and length of the agent shifts
//! from the rules of `[sizing.shift_design]`, not only their headcounts.
//!
//! 1. [`expand`]: the scenario's agent shifts become the shifts the planner
//!    fixed plus every candidate the rules allow (start × length within the
//!    window), all ordinary [`Shift`] values, so the model simulates them as
//!    any other shift.
//! 2. [`program`]: a set-covering integer program picks the cheapest
//!    candidates and headcounts covering the requirement curve, each person
//!    costed by the pay rules of `[costs]` (night premium, overtime,
//!    minimum paid hours).
//! 3. [`cuts`]: the plan is simulated on the search replications; every
//!    period that fails its targets in more than the allowed share of them
//!    has its requirement raised above the capacity the plan gives it, and
//!    the program is solved again (a simulation-based cutting plane in the
//!    spirit of Atlason, Epelman and Henderson, 2004, 2008), until the plan
//!    meets the chat targets.
//!
//! The search then goes on as for listed shifts (repair, tighten, verify),
//! keeping the rules: a designed shift not in use gets nobody, one in use
//! keeps at least `min_per_shift` people. See `docs/shift-design.md`.

pub mod program;

use super::evaluate::{Evaluation, Evaluator, Plan};
use super::search::Limits;
use super::{search, Ctx, Role, SizingError};
use crate::model::shifts::Shift;
use crate::scenario::{time_label, Scenario, ShiftDesign};
use program::{Candidate, DesignError, Program};
use std::ops::Range;

/// Most rounds of cuts before the search hands over to the repair step.
const MAX_CUTS: usize = 40;

/// Most reshaping passes after the first search pass.
const RESHAPES: usize = 2;

/// Name of the candidate shift `[start_s, end_s)` of `s`: its local start
/// and length, e.g. `11-11 08:00 8h`.
fn candidate_name(s: &Scenario, start_s: f64, end_s: f64) -> String {
    let h = (end_s - start_s) / 3600.0;
    let len = if (h - h.round()).abs() < 1e-9 { format!("{h:.0}h") } else { format!("{h:.2}h") };
    format!("{} {len}", time_label(&s.window.start, start_s))
}

/// `shifts` replaced by the fixed ones (`fixed[i]`) followed by every
/// candidate of `d` (headcount 0 for each of `groups` groups, its name
/// after `prefix`); returns the new fixed flags.
fn expand_role(
    s: &Scenario,
    d: &ShiftDesign,
    shifts: &mut Vec<Shift>,
    fixed: &[bool],
    groups: usize,
    prefix: &str,
) -> Vec<bool> {
    let kept: Vec<Shift> = shifts.iter().zip(fixed).filter(|(_, &f)| f).map(|(sh, _)| sh.clone()).collect();
    let n_fixed = kept.len();
    *shifts = kept;
    shifts.extend(d.candidates.iter().map(|&(a, b)| Shift {
        name: format!("{prefix}{}", candidate_name(s, a, b)),
        start_s: a,
        end_s: b,
        headcount: vec![0; groups],
    }));
    (0..shifts.len()).map(|i| i < n_fixed).collect()
}

/// `s` with the shifts of every role it designs (`[sizing.shift_design]`
/// for agents, `[sizing.packer_shift_design]` for packers) replaced by the
/// fixed ones and every candidate (headcount 0), the candidates not fixed.
/// A scenario that designs nothing is returned as it is.
pub fn expand(s: &Scenario) -> Scenario {
    let mut out = s.clone();
    if let Some(d) = &s.sizing.shift_design {
        let groups = s.model.chat.groups.len();
        out.sizing.fixed_shifts.agents =
            expand_role(s, d, &mut out.model.chat.shifts, &s.sizing.fixed_shifts.agents, groups, "");
    }
    if let (Some(d), Some(dispatch)) = (&s.sizing.packer_shift_design, out.model.dispatch.as_mut()) {
        let groups = dispatch.warehouse.groups.len();
        out.sizing.fixed_shifts.packers =
            expand_role(s, d, &mut dispatch.warehouse.shifts, &s.sizing.fixed_shifts.packers, groups, "pack ");
    }
    out
}

/// The program's candidates: the rows of `role` in `ctx` (fixed ones
/// pinned).
fn candidates(ctx: &Ctx, role: Role) -> Vec<Candidate> {
    ctx.rows
        .iter()
        .filter(|r| r.role == role)
        .map(|r| Candidate {
            start_s: r.shift.start_s,
            end_s: r.shift.end_s,
            cost: r.cost.clone(),
            pinned: r.fixed.then(|| r.shift.headcount.clone()),
        })
        .collect()
}

/// The cheapest designed plan of `role` (its rows only) covering
/// `requirement` (reference people per period), with the shortfall where
/// the rules cannot cover it.
pub(super) fn cover(
    ctx: &Ctx,
    role: Role,
    d: &ShiftDesign,
    requirement: &[f64],
) -> Result<super::cover::Covered, DesignError> {
    let s = ctx.s;
    let candidates = candidates(ctx, role);
    let capacity = ctx.capacity_of(role);
    let max_per_shift = match role {
        Role::Agents => &s.sizing.max_per_shift.agents,
        Role::Packers => &s.sizing.max_per_shift.packers,
    };
    let solved = Program {
        candidates: &candidates,
        requirement,
        period_s: s.model.periods.length_s,
        capacity: &capacity,
        max_per_shift,
        min_per_shift: d.min_per_shift,
        max_distinct: d.max_distinct_shifts,
    }
    .solve()?;
    Ok(super::cover::Covered { plan: solved.plan, shortfall: solved.shortfall })
}

/// The periods whose chat targets fail in more than `allowed_fail` of the
/// replications of `ev` (at least the worst one, if any fails).
fn failing_periods(ev: &Evaluation, s: &Scenario, allowed_fail: f64) -> Vec<usize> {
    let fails = super::explain::period_failures(ev, &s.targets);
    let n = ev.samples.len().max(1) as f64;
    let worst = fails.iter().copied().max().unwrap_or(0);
    (0..fails.len()).filter(|&p| fails[p] > 0 && (fails[p] as f64 / n > allowed_fail || fails[p] == worst)).collect()
}

/// `base` with its agent rows replaced by `agents`.
fn with_agents(base: &Plan, agents: Plan) -> Plan {
    let n = agents.len();
    agents.into_iter().chain(base[n..].iter().cloned()).collect()
}

/// Capacity per period of `plan`, rounded down (a requirement it covers).
fn covered(ctx: &Ctx, plan: &Plan) -> Vec<f64> {
    ctx.capacity_per_period(plan).iter().map(|c| (c + 1e-9).floor()).collect()
}

/// The design search's fixed inputs.
pub(super) struct Designer<'a, 'c> {
    /// The sizing context (the expanded scenario's rows).
    pub ctx: &'c Ctx<'a>,
    /// The rules.
    pub d: &'c ShiftDesign,
    /// The simulated requirement curve [reference agents].
    pub curve: Vec<f64>,
    /// The search's confidence and limits.
    pub lim: &'c Limits<'c>,
}

impl Designer<'_, '_> {
    /// Raises the requirement of the periods where the plan fails and solves
    /// the program again, from `requirement`, until the plan meets the chat
    /// targets in `lim.required` of replications `reps` or the cuts stop
    /// helping; returns the last plan, its packer rows those of `base`.
    fn cuts(
        &self,
        ev: &mut Evaluator,
        requirement: &[f64],
        reps: Range<u64>,
        base: &Plan,
    ) -> Result<Plan, SizingError> {
        let (ctx, lim) = (self.ctx, self.lim);
        let mut requirement = requirement.to_vec();
        let mut plan = with_agents(base, cover(ctx, Role::Agents, self.d, &requirement)?.plan);
        for _ in 0..MAX_CUTS {
            let eval: Evaluation = ev.run_plan(&plan, 1.0, reps.clone())?;
            if ctx.s.targets.share_meeting(&eval.samples, false) >= lim.required {
                break;
            }
            let capacity = ctx.capacity_per_period(&plan);
            let failing = failing_periods(&eval, ctx.s, 1.0 - lim.required);
            if failing.is_empty() {
                break;
            }
            for p in failing {
                requirement[p] = requirement[p].max(capacity[p].floor()) + 1.0;
            }
            let next = with_agents(base, cover(ctx, Role::Agents, self.d, &requirement)?.plan);
            if next == plan {
                break;
            }
            plan = next;
        }
        Ok(plan)
    }

    /// Cuts from `requirement`, then repair and tighten: a plan within the
    /// rules, and whether it meets the targets on `reps`.
    fn one_pass(
        &self,
        ev: &mut Evaluator,
        requirement: &[f64],
        reps: Range<u64>,
        base: &Plan,
    ) -> Result<(Plan, bool), SizingError> {
        let plan = self.cuts(ev, requirement, reps.clone(), base)?;
        let (repaired, _, ok) = search::repair(ev, plan, self.lim, reps.clone())?;
        let plan = if ok { search::tighten(ev, repaired, self.lim, reps)? } else { repaired };
        Ok((plan, ok))
    }

    /// The search on replications `reps`, from `plan` (its agent rows
    /// ignored in the first round, where the requirement is the curve; in
    /// later rounds the plan's own capacity is the starting requirement).
    /// After the first pass, the program is solved again on the lesser of
    /// the curve and the capacity the tightened plan kept in each period,
    /// which lets it reshape the shifts around what the simulation showed
    /// is enough; the reshaped plan is kept when it is cheaper and meets the
    /// targets (first round only).
    pub fn search(
        &self,
        ev: &mut Evaluator,
        reps: Range<u64>,
        plan: Plan,
        first_round: bool,
    ) -> Result<(Plan, bool), SizingError> {
        let ctx = self.ctx;
        let start = if first_round { self.curve.clone() } else { covered(ctx, &plan) };
        let (mut best, ok) = self.one_pass(ev, &start, reps.clone(), &plan)?;
        // Later rounds only mend what fresh replications showed: no reshaping.
        if !ok || !first_round {
            return Ok((best, ok));
        }
        let mut tried = vec![start];
        for _ in 0..RESHAPES {
            let req: Vec<f64> = covered(ctx, &best).iter().zip(&self.curve).map(|(c, r)| c.min(*r)).collect();
            // The same requirement gives the same program, cuts and plan.
            if tried.contains(&req) {
                break;
            }
            tried.push(req.clone());
            let (next, ok) = self.one_pass(ev, &req, reps.clone(), &best)?;
            if !ok || ctx.labour_cost(&next) >= ctx.labour_cost(&best) - 1e-6 {
                break;
            }
            best = next;
        }
        Ok((best, true))
    }
}
