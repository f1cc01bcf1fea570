//! The plain result of `peakplan size`: what the text, JSON and CSV
//! renderers read. Field names carry units; see `docs/json-reference.md`.

use crate::result::{Named, RunInfo};
use crate::stats::Summary;
use crate::targets::Targets;
use serde::Serialize;

/// One shift of a plan.
#[derive(Debug, Clone, Serialize)]
pub struct ShiftPlan {
    /// The role staffed: `agents` or `packers`.
    pub role: super::Role,
    /// Shift name.
    pub shift: String,
    /// Local start, `MM-DD HH:MM`.
    pub start: String,
    /// Local end, `MM-DD HH:MM`.
    pub end: String,
    /// Paid length [h].
    pub hours: f64,
    /// Headcount per group, in the order of `agent_groups` or `packer_groups`.
    pub headcount: Vec<u32>,
    /// Whether the planner fixed this shift.
    pub fixed: bool,
    /// Labour cost of the shift [CNY].
    pub cost_cny: f64,
}

/// A plan with its cost and how it performed on the verification set.
#[derive(Debug, Clone, Serialize)]
pub struct PlanResult {
    /// Headcount by shift.
    pub shifts: Vec<ShiftPlan>,
    /// Labour cost of the listed shifts, night premium, overtime and
    /// minimum paid hours included [CNY].
    pub labour_cost_cny: f64,
    /// Agent hours paid [h].
    pub agent_hours: f64,
    /// Packer hours paid [h].
    pub packer_hours: f64,
    /// Share of verification replications meeting all targets.
    pub p_meet_all: f64,
    /// Wilson 95% interval of `p_meet_all`.
    pub p_meet_all_ci95: (f64, f64),
    /// Key figures across the verification replications.
    pub kpis: Named<Summary>,
    /// Cost figures across the verification replications
    /// ([`crate::cost`]); `cost.labour_cny` adds the packer shifts repeated
    /// after the window to `labour_cost_cny` [CNY].
    pub cost: Named<Summary>,
}

/// One period of the sizing table.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodRow {
    /// Local start, `MM-DD HH:MM`.
    pub period: String,
    /// Expected inquiries [count].
    pub forecast_inquiries: f64,
    /// Reference agents required, by simulation [people].
    pub required_sim: u32,
    /// Reference agents required, by Erlang formula [people].
    pub required_formula: u32,
    /// Capacity of the recommended plan on duty, in reference agents.
    pub plan_capacity: f64,
    /// Service level of the recommended plan: mean across replications.
    pub service_level_mean: f64,
    /// Share of replications in which the recommended plan meets the
    /// period's service level and abandonment targets.
    pub share_meeting: f64,
    /// Capacity of the formula plan on duty, in reference agents.
    pub formula_plan_capacity: f64,
    /// Service level of the formula plan: mean across replications.
    pub formula_service_level_mean: f64,
    /// Share of replications in which the formula plan meets the period.
    pub formula_share_meeting: f64,
    /// Reference packers busy when every period has as many packers as the
    /// stations allow: the packing work as it comes [people]; empty without
    /// a dispatch side.
    pub packer_work: Option<f64>,
    /// Reference packers required on duty, by simulation [people].
    pub packers_required: Option<u32>,
    /// Capacity of the recommended plan's packers on duty, in reference
    /// packers.
    pub packer_plan_capacity: Option<f64>,
}

/// One line of the sensitivity table.
#[derive(Debug, Clone, Serialize)]
pub struct SensitivityRow {
    /// What was changed (`plan as recommended` for the plan itself).
    pub change: String,
    /// Replications simulated: the first of the verification set [count].
    pub replications: u64,
    /// Share of those replications meeting all targets.
    pub p_meet_all: f64,
    /// Wilson 95% interval of `p_meet_all`.
    pub p_meet_all_ci95: (f64, f64),
    /// Mean service level over the window.
    pub service_level_mean: f64,
    /// Mean abandonment share.
    pub abandon_share_mean: f64,
    /// Mean share of paid orders dispatched within 24 hours (what a packer
    /// change moves); absent without a dispatch side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispatched_within_24h_mean: Option<f64>,
    /// Labour cost [CNY].
    pub labour_cost_cny: f64,
    /// Whether the changed plan still meets the targets with the confidence.
    pub meets: bool,
}

/// The result of `size`.
#[derive(Debug, Clone, Serialize)]
pub struct SizingReport {
    /// Layout version.
    pub schema_version: u32,
    /// The scenario and run (replications: the verification set's size).
    pub run: RunInfo,
    /// Targets the plan was sized for.
    pub targets: Targets,
    /// Agent group names: the order of an agent shift's `headcount`.
    pub agent_groups: Vec<String>,
    /// Packer group names: the order of a packer shift's `headcount`.
    pub packer_groups: Vec<String>,
    /// Replications per candidate plan during the search.
    pub search_replications: u64,
    /// Candidate plans simulated, all phases.
    pub evaluations: u64,
    /// Of which while finding the requirement curve.
    pub curve_evaluations: u64,
    /// Whether a plan within the limits meets the targets.
    pub feasible: bool,
    /// The recommended plan, verified on fresh replications.
    pub plan: PlanResult,
    /// The plan from per-period Erlang formulas, simulated on the same
    /// verification replications.
    pub formula_plan: PlanResult,
    /// Per period: requirement, capacity and performance of both plans.
    pub periods: Vec<PeriodRow>,
    /// The periods with the smallest share of replications meeting them.
    pub hardest_periods: Vec<String>,
    /// Periods the limits leave short, with the reference agents missing.
    pub shortfall: Vec<(String, f64)>,
    /// People of each group in the plan next to its pool, and whether the
    /// pool binds; listed only when some group has a pool of people.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pools: Vec<super::pools::PoolUse>,
    /// The periods the plan misses in some verification replications, the
    /// most often first, and how often each is the only one missed.
    pub binding_periods: Vec<super::explain::BindingPeriod>,
    /// The plan's share of verification replications meeting the chat
    /// targets under each scope of the service-level target.
    pub scope_shares: super::explain::ScopeShares,
    /// Schedule efficiency of the plan's agents against the requirement
    /// curve, paid and on duty.
    pub efficiency: super::efficiency::Efficiency,
    /// The packer requirement curve (absent without a dispatch side).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub packer_curve: Option<super::packer_curve::PackerCurve>,
    /// Replications of each sensitivity row: the first of the verification set.
    pub sensitivity_replications: u64,
    /// The plan itself, the plan minus one person per shift, and under +20%
    /// traffic, on the same replications.
    pub sensitivity: Vec<SensitivityRow>,
    /// How long each stage took. Not part of the JSON: it varies from run
    /// to run.
    #[serde(skip)]
    pub stages: Vec<StageTime>,
}

/// The work and time of one stage of sizing.
#[derive(Debug, Clone)]
pub struct StageTime {
    /// The stage.
    pub stage: String,
    /// Candidate plans simulated [count].
    pub evaluations: u64,
    /// Replications simulated; varies a little with the threads when
    /// candidates stop early [count].
    pub replications: u64,
    /// Wall time [s].
    pub seconds: f64,
}
