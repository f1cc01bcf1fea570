//! Sizing: the least-cost agents per shift and group that meet the targets
//! in at least `confidence` of replications.
//!
//! # Method
//! 1. **Requirement curve.** Per-period Erlang formulas give a first guess;
//!    simulation refines it (see [`curve`]): how many reference agents (the
//!    first group) each period needs, robust to forecast error because every
//!    replication draws its own volume.
//! 2. **Shift plan.** An integer program ([`cover`]) finds the cheapest
//!    headcount on the scenario's shifts covering the curve, each group
//!    counted by its capacity relative to the reference group, within the
//!    limits; shortfalls show where the limits cannot cover it.
//! 3. **Repair and tighten** ([`search`]) on one set of replications (common
//!    random numbers): add the cheapest person covering the worst period
//!    until the plan meets the targets in `confidence` plus one standard
//!    error of replications; then remove people, most expensive first, while
//!    it still does.
//! 4. **Verification** on fresh replications never used in the search. If it
//!    falls short, steps 3–4 repeat on new replications (at most twice).
//! 5. **Comparison**: the plan from per-period Erlang formulas on the same
//!    verification replications, and the [`sensitivity`] table on the first
//!    of them, simulated together.
//!
//! Pools of people ([`pools`]): the plan is trimmed into each group's pool
//! before the repair, and the repair adds nobody beyond it; when the targets
//! cannot be met within the pools, the best plan within them is reported
//! with the pools that bind and the capacity it misses per period.
//!
//! Limits: the search is greedy, so the plan is tight (no single person can
//! go) but not proven cheapest; groups are compared through their capacity
//! at full concurrency; the verified share has the sampling error shown by
//! its Wilson interval.

pub mod cover;
pub mod curve;
pub mod design;
pub mod efficiency;
pub mod evaluate;
pub mod explain;
pub mod formula_table;
pub mod packer_curve;
pub mod plan_file;
pub mod pools;
pub mod replicate;
mod result;
pub mod search;
pub mod sensitivity;
mod stages;

pub use result::{PeriodRow, PlanResult, SensitivityRow, ShiftPlan, SizingReport, StageTime};

use crate::experiment::RunError;
use crate::figures::{self as fig, MissingFigure};
use crate::model::availability::Role as BreakRole;
use crate::model::shifts::{planned_on_duty, Shift};
use crate::result::{Named, RunInfo, SCHEMA_VERSION};
use crate::scenario::{time_label, Scenario};
use crate::stats::{wilson95, Summary};
use cover::Cover;
use evaluate::{with_plan, Evaluation, Evaluator, Plan};
use search::Limits;
use stages::Stages;

/// The staffed roles a plan covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Chat agents.
    Agents,
    /// Warehouse packers.
    Packers,
}

/// One row of a plan: a shift of a role, with what one person of each group
/// costs and brings on it.
#[derive(Debug, Clone)]
pub struct Row {
    /// The role.
    pub role: Role,
    /// The shift (its headcount as written in the scenario).
    pub shift: Shift,
    /// Cost of one person of each group for the whole shift [CNY].
    pub cost: Vec<f64>,
    /// Capacity of one person of each group relative to the role's first group.
    pub capacity: Vec<f64>,
    /// Largest headcount of each group on the shift.
    pub max: Vec<u32>,
    /// Whether the planner fixed the shift.
    pub fixed: bool,
    /// Whether `size` designed the shift (a candidate of
    /// `[sizing.shift_design]`): it is listed only when in use.
    pub designed: bool,
    /// A designed shift in use has at least this many people, all groups
    /// together; 0 for a listed shift [people].
    pub min_people: u32,
}

/// The rows of `s`'s plan: agent shifts, then packer shifts.
pub fn rows(s: &Scenario) -> Vec<Row> {
    let m = &s.model;
    let (cost, max, fixed) = (&s.costs.hourly_cny, &s.sizing.max_per_shift, &s.sizing.fixed_shifts);
    let design_min = |role| {
        let d = match role {
            Role::Agents => &s.sizing.shift_design,
            Role::Packers => &s.sizing.packer_shift_design,
        };
        d.as_ref().map(|d| d.min_per_shift)
    };
    let row = |role, shift: &Shift, hourly: &[f64], capacity: &[f64], max: &[u32], fixed: bool| Row {
        designed: !fixed && design_min(role).is_some(),
        min_people: if fixed { 0 } else { design_min(role).unwrap_or(0) },
        role,
        shift: shift.clone(),
        cost: {
            // Night premium, overtime and minimum paid hours included.
            let pay = crate::cost::pay::shift_pay(&s.costs, &s.window, shift.start_s, shift.end_s);
            hourly.iter().map(|c| c * pay.cost_h).collect()
        },
        capacity: capacity.to_vec(),
        max: max.to_vec(),
        fixed,
    };
    let agent_cap = group_capacity(s);
    let mut out: Vec<Row> = m
        .chat
        .shifts
        .iter()
        .enumerate()
        .map(|(i, sh)| row(Role::Agents, sh, &cost.agents, &agent_cap, &max.agents, fixed.agents[i]))
        .collect();
    if let Some(d) = &m.dispatch {
        let rate: Vec<f64> = d.warehouse.groups.iter().map(|g| 1.0 / g.pack_s.mean()).collect();
        let packer_cap: Vec<f64> = rate.iter().map(|r| r / rate[0]).collect();
        out.extend(
            d.warehouse
                .shifts
                .iter()
                .enumerate()
                .map(|(i, sh)| row(Role::Packers, sh, &cost.packers, &packer_cap, &max.packers, fixed.packers[i])),
        );
    }
    out
}

/// The plan as written in the scenario.
pub fn scenario_plan(rows: &[Row]) -> Plan {
    rows.iter().map(|r| r.shift.headcount.clone()).collect()
}

/// How to size.
#[derive(Debug, Clone)]
pub struct SizingConfig {
    /// Master seed.
    pub seed: u64,
    /// Replications per candidate plan.
    pub search_replications: u64,
    /// Fresh replications verifying the plan.
    pub verify_replications: u64,
    /// Replications of each sensitivity row: the first of the verification
    /// set (at most `verify_replications`).
    pub sensitivity_replications: u64,
    /// Worker threads (`None`: all cores).
    pub threads: Option<usize>,
}

/// Why sizing failed.
#[derive(Debug, thiserror::Error)]
pub enum SizingError {
    /// A simulation could not run.
    #[error(transparent)]
    Run(#[from] RunError),
    /// The covering program failed.
    #[error(transparent)]
    Cover(#[from] cover::CoverError),
    /// A simulation did not produce a figure the search reads.
    #[error(transparent)]
    Figure(#[from] MissingFigure),
    /// The shift-design program failed.
    #[error(transparent)]
    Design(#[from] design::program::DesignError),
}

/// Capacity of one agent of each group in reference-agent equivalents:
/// chats per hour at full concurrency relative to the first group.
pub fn group_capacity(s: &Scenario) -> Vec<f64> {
    let per_h: Vec<f64> = s
        .model
        .chat
        .groups
        .iter()
        .map(|g| {
            let k = f64::from(g.max_concurrent);
            k / (g.handle_s.mean() * (1.0 + g.slowdown_per_extra_chat * (k - 1.0)))
        })
        .collect();
    per_h.iter().map(|c| c / per_h[0]).collect()
}

const KEY_KPIS: [&str; 15] = [
    fig::SERVICE_LEVEL.name,
    fig::ABANDON_SHARE.name,
    fig::RESPONSE_MEAN_S.name,
    fig::RESPONSE_P90_S.name,
    fig::RESPONSE_P95_S.name,
    fig::OCCUPANCY.name,
    fig::PERIODS_BELOW_SERVICE_LEVEL.name,
    fig::MEETS_SERVICE_LEVEL.name,
    fig::MEETS_ABANDON_CAP.name,
    fig::MEETS_CLASS_TARGETS.name,
    fig::MEETS_ALL_TARGETS.name,
    fig::AGENT_HOURS.name,
    fig::DISPATCHED_WITHIN_24H_SHARE.name,
    fig::DISPATCH_LEAD_P95_H.name,
    fig::MEETS_DISPATCH_TARGET.name,
];

struct Ctx<'a> {
    s: &'a Scenario,
    rows: Vec<Row>,
    capacity: Vec<f64>,
}

impl Ctx<'_> {
    fn labour_cost(&self, plan: &Plan) -> f64 {
        plan.iter()
            .zip(&self.rows)
            .map(|(h, r)| h.iter().zip(&r.cost).map(|(&n, &c)| f64::from(n) * c).sum::<f64>())
            .sum()
    }

    fn plan_result(&self, plan: &Plan, ev: &Evaluation) -> Result<PlanResult, MissingFigure> {
        let w = &self.s.window;
        let shifts: Vec<ShiftPlan> = self
            .rows
            .iter()
            .zip(plan)
            .filter(|(row, h)| !row.designed || h.iter().any(|&n| n > 0))
            .map(|(row, h)| ShiftPlan {
                role: row.role,
                shift: row.shift.name.clone(),
                start: time_label(&w.start, row.shift.start_s),
                end: time_label(&w.start, row.shift.end_s),
                hours: row.shift.hours(),
                headcount: h.clone(),
                fixed: row.fixed,
                cost_cny: h.iter().zip(&row.cost).map(|(&n, &c)| f64::from(n) * c).sum(),
            })
            .collect();
        let hours = |role| {
            // Folded from +0: an empty float sum is −0, which prints "-0".
            let person_hours = |p: &ShiftPlan| p.hours * f64::from(p.headcount.iter().sum::<u32>());
            shifts.iter().filter(|p| p.role == role).fold(0.0, |acc, p| acc + person_hours(p))
        };
        let n = ev.samples.len() as f64;
        // The key figures, then every class's own.
        let classes = ev.samples.scalar_names.iter().filter(|n| fig::class_of(n).is_some()).map(String::as_str);
        let kpis = KEY_KPIS
            .into_iter()
            .chain(classes)
            .filter_map(|k| ev.samples.scalar(k).map(|v| (k.to_string(), Summary::of(v))))
            .collect();
        let planned = Scenario { model: with_plan(&self.s.model, plan, 1.0), ..self.s.clone() };
        Ok(PlanResult {
            cost: crate::cost::summaries(&planned, &ev.samples)?,
            agent_hours: hours(Role::Agents),
            packer_hours: hours(Role::Packers),
            shifts,
            labour_cost_cny: self.labour_cost(plan),
            replications: ev.samples.len() as u64,
            p_meet_all: ev.p_meet,
            p_meet_all_ci95: wilson95(ev.p_meet * n, n),
            kpis: Named(kpis),
        })
    }

    /// Agent capacity on duty per period, in reference agents.
    fn capacity_per_period(&self, plan: &Plan) -> Vec<f64> {
        let m = with_plan(&self.s.model, plan, 1.0);
        planned_on_duty(&m.chat.shifts, self.capacity.len(), m.periods.length_s, m.periods.count)
            .iter()
            .map(|g| g.iter().zip(&self.capacity).map(|(n, c)| n * c).sum())
            .collect()
    }

    /// Packer capacity on duty per period, in reference packers (empty
    /// without a dispatch side).
    fn packer_capacity_per_period(&self, plan: &Plan) -> Vec<f64> {
        let m = with_plan(&self.s.model, plan, 1.0);
        let Some(d) = &m.dispatch else { return Vec::new() };
        let cap = self.capacity_of(Role::Packers);
        planned_on_duty(&d.warehouse.shifts, cap.len(), m.periods.length_s, m.periods.count)
            .iter()
            .map(|g| g.iter().zip(&cap).map(|(n, c)| n * c).sum())
            .collect()
    }

    /// Per period: (mean service level, share of replications meeting it).
    fn period_performance(&self, ev: &Evaluation) -> Result<Vec<(f64, f64)>, MissingFigure> {
        let sl = ev.samples.require_series(fig::SERVICE_LEVEL)?;
        let met = self.s.targets.periods_met(&ev.samples)?;
        Ok(sl
            .iter()
            .zip(met)
            .map(|(s, m)| {
                let n = s.len().max(1) as f64;
                let ok = m.iter().filter(|&&x| x).count();
                (s.iter().sum::<f64>() / n, ok as f64 / n)
            })
            .collect())
    }
}

/// Every group's people next to its pool, when any pool is set (empty
/// otherwise, so that a scenario without pools reports as before).
fn pool_usage(lim: &Limits, plan: &Plan, names: impl Fn(Role, usize) -> String) -> Vec<pools::PoolUse> {
    if !lim.pools.any() {
        return Vec::new();
    }
    lim.pools.usage(lim.rows, plan, names)
}

/// Periods left short, with the reference agents missing: those of the
/// covering program, and, when a pool binds (`within_pool`: the requirement
/// curve and the plan's capacity per period), what the plan within the pools
/// lacks of the curve.
fn shortfall(covering: &[f64], within_pool: Option<(&[u32], &[f64])>, labels: &[String]) -> Vec<(String, f64)> {
    (0..covering.len())
        .map(|p| {
            let pool_short = within_pool.map_or(0.0, |(req, cap)| (f64::from(req[p]) - cap[p]).max(0.0));
            (p, covering[p].max(pool_short))
        })
        .filter(|&(_, x)| x > 0.0)
        .map(|(p, x)| (labels[p].clone(), x))
        .collect()
}

/// Reference agents per period as the covering program takes them.
fn as_f64(x: &[u32]) -> Vec<f64> {
    x.iter().map(|&n| f64::from(n)).collect()
}

impl Ctx<'_> {
    /// The least-cost people of `role` covering the requirement `req` per
    /// period (reference people): the designed shifts' program, or the
    /// listed shifts' covering; the rows of the role only.
    fn cover(&self, role: Role, req: &[f64]) -> Result<cover::Covered, SizingError> {
        let (s, m) = (self.s, &self.s.model);
        let design = match role {
            Role::Agents => &s.sizing.shift_design,
            Role::Packers => &s.sizing.packer_shift_design,
        };
        if let Some(d) = design {
            return Ok(design::cover(self, role, d, req)?);
        }
        let rows: Vec<&Row> = self.rows.iter().filter(|r| r.role == role).collect();
        let shifts: Vec<Shift> = rows.iter().map(|r| r.shift.clone()).collect();
        let fixed: Vec<Option<Vec<u32>>> = rows.iter().map(|r| r.fixed.then(|| r.shift.headcount.clone())).collect();
        let (cost_per_h, max, break_role) = match role {
            Role::Agents => (&s.costs.hourly_cny.agents, &s.sizing.max_per_shift.agents, BreakRole::Agents),
            Role::Packers => (&s.costs.hourly_cny.packers, &s.sizing.max_per_shift.packers, BreakRole::Packers),
        };
        let capacity = self.capacity_of(role);
        Ok(Cover {
            shifts: &shifts,
            requirement: req,
            period_s: m.periods.length_s,
            slot_s: (m.periods.length_s / 4.0).max(60.0),
            capacity: &capacity,
            cost_per_h,
            max_per_shift: max,
            fixed: &fixed,
            breaks: Some((&m.breaks, break_role)),
        }
        .solve()?)
    }

    /// Capacity of one person of each group of `role` relative to the role's
    /// first group.
    fn capacity_of(&self, role: Role) -> Vec<f64> {
        match role {
            Role::Agents => self.capacity.clone(),
            Role::Packers => self.rows.iter().find(|r| r.role == role).map_or(Vec::new(), |r| r.capacity.clone()),
        }
    }

    /// The plan of `agents` (agent rows) and `packers` (packer rows).
    fn joined(agents: Plan, packers: Plan) -> Plan {
        agents.into_iter().chain(packers).collect()
    }

    /// The packer rows of `plan`.
    fn packer_rows(&self, plan: &Plan) -> Plan {
        let n_agent_rows = self.s.model.chat.shifts.len();
        plan[n_agent_rows..].to_vec()
    }

    /// The name of group `g` of `role`.
    fn group_name(&self, role: Role, g: usize) -> String {
        let m = &self.s.model;
        match role {
            Role::Agents => m.chat.groups[g].name.clone(),
            Role::Packers => m.dispatch.as_ref().map_or(String::new(), |d| d.warehouse.groups[g].name.clone()),
        }
    }
}

/// The plan found by the search and how its verification went.
struct Found {
    plan: Plan,
    /// Whether the last search met the targets on its replications.
    feasible: bool,
    /// The fresh replications the plan was verified on.
    verify: std::ops::Range<u64>,
    verified: Evaluation,
}

/// Searches from `plan` on one set of replications and verifies on fresh
/// ones; repeats at most twice while verification falls short.
fn search_and_verify(
    ctx: &Ctx,
    ev: &mut Evaluator,
    stages: &mut Stages,
    lim: &Limits,
    cfg: &SizingConfig,
    mut plan: Plan,
    simulated: &[u32],
) -> Result<Found, SizingError> {
    let s = ctx.s;
    let (r, v) = (cfg.search_replications, cfg.verify_replications);
    let conf = s.targets.confidence;
    let mut feasible = false;
    let mut verify = r..r + v;
    let mut verified = None;
    for round in 0..3u64 {
        let search = if round == 0 { 0..r } else { verify.end..verify.end + r };
        let ok;
        if let Some(d) = &s.sizing.shift_design {
            let designer = design::Designer { ctx, d, curve: as_f64(simulated), lim };
            (plan, ok) = designer.search(ev, search.clone(), plan, round == 0)?;
        } else {
            let (repaired, _, met) = search::repair(ev, plan, lim, search.clone())?;
            plan = if met { search::tighten(ev, repaired, lim, search.clone())? } else { repaired };
            ok = met;
        }
        feasible = ok;
        stages.end(format!("search, round {}", round + 1), ev);
        if round > 0 {
            verify = search.end..search.end + v;
        }
        let e = ev.run_plan(&plan, 1.0, verify.clone())?;
        stages.end(format!("verification, round {}", round + 1), ev);
        let pass = e.p_meet >= conf;
        verified = Some(e);
        if pass || !ok {
            break;
        }
    }
    Ok(Found { plan, feasible, verify, verified: verified.expect("at least one round") })
}

/// The formula plan's evaluation (on the verification set) and the
/// sensitivity rows (on its first `k` replications), simulated together,
/// each until its verdict against the confidence is settled.
fn formula_and_sensitivity(
    ctx: &Ctx,
    ev: &mut Evaluator,
    found: &Found,
    formula_plan: &Plan,
    k: u64,
) -> Result<(Evaluation, Vec<SensitivityRow>), SizingError> {
    let (m, targets, verify) = (&ctx.s.model, &ctx.s.targets, &found.verify);
    let group_name = |row: &Row, g: usize| ctx.group_name(row.role, g);
    let variants = sensitivity::variants(&ctx.rows, &found.plan, group_name);
    let mut jobs = vec![(with_plan(m, formula_plan, 1.0), verify.clone())];
    jobs.extend(variants.iter().map(|x| (with_plan(m, &x.plan, x.traffic), verify.start..verify.start + k)));
    let mut evals = ev.run_models_sequential(&jobs, targets.confidence)?.into_iter();
    let formula_eval = evals.next().expect("the formula plan's evaluation");
    let plan_cost = ctx.labour_cost(&found.plan);
    let mut sensitivity =
        vec![sensitivity::row("plan as recommended".into(), &found.verified.samples, k as usize, plan_cost, targets)];
    sensitivity.extend(
        variants.iter().zip(evals).map(|(x, e)| sensitivity::variant_row(x, &e, ctx.labour_cost(&x.plan), targets)),
    );
    Ok((formula_eval, sensitivity))
}

/// Per period: the forecast, both requirement curves, and how the plan and
/// the formula plan did.
fn period_rows(
    ctx: &Ctx,
    curves: (&[u32], &[u32]),
    packer_curve: Option<&packer_curve::PackerCurve>,
    plans: (&Plan, &Plan),
    evals: (&Evaluation, &Evaluation),
) -> Result<Vec<PeriodRow>, MissingFigure> {
    let (m, (simulated, formula)) = (&ctx.s.model, curves);
    let perf = ctx.period_performance(evals.0)?;
    let fperf = ctx.period_performance(evals.1)?;
    let cap = ctx.capacity_per_period(plans.0);
    let fcap = ctx.capacity_per_period(plans.1);
    let pcap = ctx.packer_capacity_per_period(plans.0);
    let labels = ctx.s.window.period_labels();
    Ok((0..m.periods.count)
        .map(|p| PeriodRow {
            period: labels[p].clone(),
            forecast_inquiries: m
                .inquiry_rate
                .expected_between(p as f64 * m.periods.length_s, (p + 1) as f64 * m.periods.length_s),
            required_sim: simulated[p],
            required_formula: formula[p],
            plan_capacity: cap[p],
            service_level_mean: perf[p].0,
            share_meeting: perf[p].1,
            formula_plan_capacity: fcap[p],
            formula_service_level_mean: fperf[p].0,
            formula_share_meeting: fperf[p].1,
            packer_work: packer_curve.map(|c| c.work[p]),
            packers_required: packer_curve.map(|c| c.required[p]),
            packer_plan_capacity: pcap.get(p).copied(),
        })
        .collect())
}

/// The five periods least often meeting the targets, hardest first.
fn hardest(periods: &[PeriodRow]) -> Vec<String> {
    let mut order: Vec<usize> = (0..periods.len()).collect();
    order.sort_by(|&a, &b| periods[a].share_meeting.total_cmp(&periods[b].share_meeting).then(a.cmp(&b)));
    order.iter().take(5).map(|&p| periods[p].period.clone()).collect()
}

/// Sizes the agents (and, with a dispatch side, the packers) of `s`.
pub fn size(s: &Scenario, cfg: &SizingConfig) -> Result<SizingReport, SizingError> {
    // With designed shifts, every candidate becomes a shift of the scenario.
    let expanded = design::expand(s);
    let s = &expanded;
    let m = &s.model;
    let ctx = Ctx { s, rows: rows(s), capacity: group_capacity(s) };
    let mut ev = Evaluator::new(s, cfg.seed, cfg.threads);
    let mut stages = Stages::new();
    let (r, v) = (cfg.search_replications, cfg.verify_replications);

    let formula = curve::by_formula(s);
    let simulated = curve::by_simulation(&mut ev, &formula, 0..r)?;
    let curve_evaluations = ev.evaluations;
    stages.end("requirement curve".into(), &ev);

    let covered = ctx.cover(Role::Agents, &as_f64(&simulated))?;
    let packer_curve = packer_curve::by_simulation(&mut ev, &simulated, 0..r)?;
    let packers = match &packer_curve {
        Some(c) => ctx.cover(Role::Packers, &as_f64(&c.required))?.plan,
        None => Vec::new(),
    };
    stages.end("packer curve".into(), &ev);
    let conf = s.targets.confidence;
    let lim = Limits {
        rows: &ctx.rows,
        required: (conf + (conf * (1.0 - conf) / r as f64).sqrt()).min(1.0),
        max_steps: 400,
        pools: pools::Pools::new(s),
    };
    let start = Ctx::joined(covered.plan.clone(), packers);
    let found = search_and_verify(&ctx, &mut ev, &mut stages, &lim, cfg, start.clone(), &simulated)?;

    // The formula sizes agents only: its packers are the plan's.
    let formula_plan = Ctx::joined(ctx.cover(Role::Agents, &as_f64(&formula))?.plan, ctx.packer_rows(&found.plan));
    let k = cfg.sensitivity_replications.min(v);
    let (formula_eval, sensitivity) = formula_and_sensitivity(&ctx, &mut ev, &found, &formula_plan, k)?;
    stages.end("Erlang plan and sensitivity".into(), &ev);

    let plan = &found.plan;
    let periods = period_rows(
        &ctx,
        (&simulated, &formula),
        packer_curve.as_ref(),
        (plan, &formula_plan),
        (&found.verified, &formula_eval),
    )?;
    let labels = s.window.period_labels();
    let pools = pool_usage(&lim, plan, |role, g| ctx.group_name(role, g));
    let pool_binds = pools.iter().any(|p| p.binding);
    let cap = ctx.capacity_per_period(plan);
    let within_pool = (pool_binds && !found.feasible).then_some((&simulated[..], &cap[..]));
    let shortfall = shortfall(&covered.shortfall, within_pool, &labels);

    Ok(SizingReport {
        schema_version: SCHEMA_VERSION,
        run: RunInfo::of(s, cfg.seed, v),
        targets: s.targets.clone(),
        agent_groups: m.chat.groups.iter().map(|g| g.name.clone()).collect(),
        packer_groups: m
            .dispatch
            .as_ref()
            .map_or(Vec::new(), |d| d.warehouse.groups.iter().map(|g| g.name.clone()).collect()),
        search_replications: r,
        sensitivity_replications: k,
        evaluations: ev.evaluations,
        curve_evaluations,
        feasible: found.feasible,
        plan: ctx.plan_result(plan, &found.verified)?,
        formula_plan: ctx.plan_result(&formula_plan, &formula_eval)?,
        hardest_periods: hardest(&periods),
        periods,
        shortfall,
        pools,
        binding_periods: explain::binding_periods(&found.verified, &s.targets, &labels),
        scope_shares: explain::scope_shares(&found.verified, &s.targets),
        efficiency: efficiency::Efficiency::of(&ctx.rows, plan, &start, &simulated, m.periods.length_s, &m.breaks),
        packer_curve,
        sensitivity,
        stages: stages.done,
    })
}
