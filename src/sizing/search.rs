//! Repair and tighten a plan by simulation on common random numbers: add the
//! cheapest person to every period where the targets fail until the plan meets them with
//! the required confidence; then remove people, most expensive first, while
//! it still does.

use super::evaluate::{share, Evaluation, Evaluator, Plan};
use super::SizingError;
use super::{Role, Row};
use crate::experiment::RunError;
use crate::figures::{self as fig, MissingFigure};
use crate::model::chat::ChatParams;
use crate::targets::Targets;
use std::ops::Range;

/// Repair steps without any gain in the share meeting the targets after
/// which the search stops and reports the targets out of reach.
const STALL_STEPS: usize = 8;

/// What the search may change, and how sure it must be.
pub struct Limits<'a> {
    /// The plan's rows (shifts of each role) with costs and limits.
    pub rows: &'a [Row],
    /// Share of replications that must meet all targets on the search set.
    pub required: f64,
    /// Largest number of repair steps.
    pub max_steps: usize,
    /// The pools of people no plan may exceed.
    pub pools: super::pools::Pools<'a>,
}

/// What a period to repair is short of: the chat targets, or the own
/// targets of some classes of contacts.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Short {
    Chats,
    Classes,
}

/// The periods to repair for a role, worst first: for agents, every period
/// whose service-level or abandonment target fails in more than the allowed
/// share of replications, then, when the classes' own targets fail in more
/// than that share, the periods where most of their contacts missed
/// ([`worst_class_periods`]; at least the worst chat period when neither); for packers, the period with
/// the largest mean packing backlog.
fn periods_to_repair(
    ev: &Evaluation,
    role: Role,
    t: &Targets,
    allowed_fail: f64,
) -> Result<Vec<(usize, Short)>, MissingFigure> {
    let s = &ev.samples;
    let n = s.len().max(1) as f64;
    Ok(match role {
        Role::Agents => {
            let met = t.periods_met(s)?;
            let fails = |p: usize| met[p].iter().filter(|&&m| !m).count();
            let mut order: Vec<usize> = (0..met.len()).collect();
            order.sort_by_key(|&p| (std::cmp::Reverse(fails(p)), p));
            let worst = order.first().copied();
            let many = order.iter().take_while(|&&p| fails(p) as f64 / n > allowed_fail).count();
            order.truncate(many);
            let mut out: Vec<(usize, Short)> = order.into_iter().map(|p| (p, Short::Chats)).collect();
            if 1.0 - share(s, fig::MEETS_CLASS_TARGETS) > allowed_fail {
                out.extend(worst_class_periods(s).into_iter().map(|p| (p, Short::Classes)));
            }
            if out.is_empty() {
                out.extend(worst.map(|p| (p, Short::Chats)));
            }
            out
        }
        Role::Packers => {
            let backlog = s.require_series(fig::PACK_BACKLOG_MAX)?;
            let total = |p: usize| backlog[p].iter().sum::<f64>();
            let worst = (0..backlog.len()).max_by(|&a, &b| total(a).total_cmp(&total(b)).then(b.cmp(&a)));
            worst.map(|p| (p, Short::Chats)).into_iter().collect()
        }
    })
}

/// The agent groups that can help where `short` is short: those taking a
/// class of the inquiries (chats), or a class whose own target fails in
/// more than `allowed_fail` of `ev`'s replications; every group without
/// skills (of `chat`), and every packer group (none listed: all help).
fn helpful_groups(ev: &Evaluation, chat: &ChatParams, role: Role, short: Short, allowed_fail: f64) -> Vec<bool> {
    if role == Role::Packers {
        return Vec::new();
    }
    let wanted: Vec<bool> = chat
        .classes
        .iter()
        .map(|c| match short {
            Short::Chats => !c.is_driven(),
            Short::Classes => {
                c.target.is_some()
                    && 1.0 - share(&ev.samples, fig::class_figure(&c.name, fig::MEETS_TARGET)) > allowed_fail
            }
        })
        .collect();
    chat.groups
        .iter()
        .map(|g| match &g.skills {
            None => true,
            Some(k) => k.takes.iter().any(|&c| wanted.get(usize::from(c)).copied().unwrap_or(false)),
        })
        .collect()
}

/// The periods where contacts of classes with their own target missed it
/// most, over the replications: the worst and every period with at least
/// half its misses, worst first (none when no class has a target or none
/// missed).
fn worst_class_periods(s: &crate::stats::Samples) -> Vec<usize> {
    let Some(misses) = s.series(fig::CLASS_TARGET_MISSES) else { return Vec::new() };
    let total = |p: usize| misses[p].iter().sum::<f64>();
    let worst = (0..misses.len()).map(total).fold(0.0, f64::max);
    let mut out: Vec<usize> = (0..misses.len()).filter(|&p| worst > 0.0 && total(p) >= 0.5 * worst).collect();
    out.sort_by(|&a, &b| total(b).total_cmp(&total(a)).then(a.cmp(&b)));
    out
}

/// The classes' own targets' distance from being met, from 0 up: the
/// contacts that missed them over all contacts offered in the classes (0
/// without class targets).
fn class_shortfall(s: &crate::stats::Samples) -> f64 {
    let Some(misses) = s.series(fig::CLASS_TARGET_MISSES) else { return 0.0 };
    let missed: f64 = misses.iter().flatten().sum();
    let offered: f64 = s
        .scalar_names
        .iter()
        .filter(|n| fig::class_of(n).is_some_and(|(_, f)| f == fig::OFFERED))
        .filter_map(|n| s.scalar(n.as_str()))
        .flatten()
        .sum();
    if offered > 0.0 {
        missed / offered
    } else {
        0.0
    }
}

/// How far a plan is from its targets, summed over replications' failures:
/// hours below the service level, abandonment over the cap, classes' own
/// targets missed (and the share of their contacts that missed them),
/// dispatch short, and all targets together. Falls as repair makes progress, even while no
/// replication meets every target yet.
fn shortfall(ev: &Evaluation) -> f64 {
    let s = &ev.samples;
    let hours =
        s.scalar(fig::PERIODS_BELOW_SERVICE_LEVEL).map_or(0.0, |v| v.iter().sum::<f64>() / v.len().max(1) as f64);
    hours
        + (1.0 - share(s, fig::MEETS_ABANDON_CAP))
        + (1.0 - share(s, fig::MEETS_CLASS_TARGETS))
        + class_shortfall(s)
        + (1.0 - share(s, fig::MEETS_DISPATCH_TARGET))
        + (1.0 - ev.p_meet)
}

/// The role whose targets fail in more replications.
fn failing_role(ev: &Evaluation, t: &Targets) -> Role {
    let chat = 1.0 - t.share_meeting(&ev.samples, false);
    let dispatch = 1.0 - share(&ev.samples, fig::MEETS_DISPATCH_TARGET);
    if dispatch > chat {
        Role::Packers
    } else {
        Role::Agents
    }
}

/// The cheapest addition of one person of `role` of a group that `helps`
/// to a shift covering `[a, b)` (any shift of the role if none covers it)
/// whose group's pool of people still holds: `(row, group)`.
fn cheapest_addition(
    plan: &Plan,
    lim: &Limits,
    role: Role,
    helps: &[bool],
    (a, b): (f64, f64),
) -> Option<(usize, usize)> {
    let candidates = |need_cover: bool| {
        lim.rows
            .iter()
            .enumerate()
            .filter(move |(_, row)| row.role == role && !row.fixed)
            .flat_map(move |(r, row)| {
                let cover = if need_cover { row.shift.overlap_s(a, b) / (b - a) } else { 1.0 };
                // A designed shift not in use stays unused (the rules on
                // people per shift and distinct shifts hold).
                let open = !row.designed || plan[r].iter().any(|&n| n > 0);
                (0..row.capacity.len())
                    .filter(move |&g| helps.get(g).copied().unwrap_or(true))
                    .filter(move |&g| open && cover > 0.0 && plan[r][g] < row.max[g] && row.capacity[g] > 0.0)
                    .filter(move |&g| lim.pools.allows(lim.rows, plan, r, g))
                    .map(move |g| (r, g, row.cost[g] / (row.capacity[g] * cover)))
            })
            .min_by(|x, y| x.2.total_cmp(&y.2))
            .map(|(r, g, _)| (r, g))
    };
    candidates(true).or_else(|| candidates(false))
}

/// Raises `plan` (first lowered into the pools of people) until it meets
/// the targets; returns the plan, its evaluation, and whether it met them
/// within the limits.
pub fn repair(
    ev: &mut Evaluator,
    plan: Plan,
    lim: &Limits,
    reps: Range<u64>,
) -> Result<(Plan, Evaluation, bool), SizingError> {
    let mut plan = lim.pools.trim(lim.rows, plan);
    let t = ev.scenario.targets.clone();
    let period_s = ev.scenario.model.periods.length_s;
    let mut eval = ev.run_plan(&plan, 1.0, reps.clone())?;
    let (mut best, mut stalled) = (shortfall(&eval), 0);
    for _ in 0..lim.max_steps {
        if eval.p_meet >= lim.required {
            return Ok((plan, eval, true));
        }
        // Additions that no longer help mean a limit elsewhere binds (e.g.
        // packing stations): stop rather than pile up useless staff.
        let now = shortfall(&eval);
        if now < best - 1e-12 {
            (best, stalled) = (now, 0);
        } else {
            stalled += 1;
            if stalled >= STALL_STEPS {
                return Ok((plan, eval, false));
            }
        }
        // One person for each failing period, on distinct shifts, per step.
        let role = failing_role(&eval, &t);
        let mut added = Vec::new();
        for (p, short) in periods_to_repair(&eval, role, &t, 1.0 - lim.required)? {
            let helps = helpful_groups(&eval, &ev.scenario.model.chat, role, short, 1.0 - lim.required);
            let span = (p as f64 * period_s, (p + 1) as f64 * period_s);
            if let Some((r, g)) = cheapest_addition(&plan, lim, role, &helps, span) {
                if !added.contains(&r) {
                    plan[r][g] += 1;
                    added.push(r);
                }
            }
        }
        if added.is_empty() {
            return Ok((plan, eval, false));
        }
        eval = ev.run_plan(&plan, 1.0, reps.clone())?;
    }
    let ok = eval.p_meet >= lim.required;
    Ok((plan, eval, ok))
}

/// Lowers `plan` (which meets the targets), most expensive capacity first,
/// keeping every removal after which it still meets them, until removing a
/// single person of any group from any shift would break them (or, for a
/// designed shift at its least headcount, closing it would).
///
/// Each try asks only whether the plan still meets the targets
/// ([`Evaluator::meets`]): a clear failure is known after a few
/// replications, and a plan tried before is answered from memory.
pub fn tighten(ev: &mut Evaluator, mut plan: Plan, lim: &Limits, reps: Range<u64>) -> Result<Plan, RunError> {
    let mut order: Vec<(usize, usize)> = lim
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| !row.fixed)
        .flat_map(|(r, row)| (0..row.capacity.len()).map(move |g| (r, g)))
        .collect();
    let per_cap = |&(r, g): &(usize, usize)| lim.rows[r].cost[g] / lim.rows[r].capacity[g].max(1e-12);
    order.sort_by(|x, y| per_cap(y).total_cmp(&per_cap(x)));
    for (r, g) in order {
        // Remove in steps that double on success and halve on failure: few
        // evaluations when many people can go, one failed try when none
        // can. The loop ends only after removing one person has failed.
        let mut step = (plan[r][g] / 4).max(1);
        while step > 0 && plan[r][g] > 0 {
            let take = step.min(plan[r][g]);
            plan[r][g] -= take;
            // A shift in use keeps at least its least headcount.
            let left: u32 = plan[r].iter().sum();
            let allowed = left == 0 || left >= lim.rows[r].min_people;
            if allowed && ev.meets(&plan, lim.required, reps.clone())? {
                step = step.saturating_mul(2);
            } else {
                plan[r][g] += take;
                step /= 2;
            }
        }
        close_at_least(ev, &mut plan, lim, r, reps.clone())?;
    }
    Ok(plan)
}

/// A designed shift `r` held at its least headcount (so no single person
/// may go) is closed, all its people at once, when the plan still meets
/// the targets without it.
fn close_at_least(
    ev: &mut Evaluator,
    plan: &mut Plan,
    lim: &Limits,
    r: usize,
    reps: Range<u64>,
) -> Result<(), RunError> {
    let row = &lim.rows[r];
    let people: u32 = plan[r].iter().sum();
    if !row.designed || people == 0 || people > row.min_people {
        return Ok(());
    }
    let kept = std::mem::replace(&mut plan[r], vec![0; row.capacity.len()]);
    if !ev.meets(plan, lim.required, reps)? {
        plan[r] = kept;
    }
    Ok(())
}
