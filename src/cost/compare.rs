//! Plans side by side: several scenarios (`peakplan compare`), or one
//! scenario with every headcount scaled (`peakplan compare --sweep`), each
//! simulated on the same seed and replication indices, so that every plan
//! meets the same customers (common random numbers) and the differences are
//! the plans', not noise.
//!
//! **The choice** is the plan with the smallest mean total cost among those
//! that meet all targets in at least their scenario's `targets.confidence`
//! of replications; a cheaper plan that misses the targets is never chosen.
//! A plan needing more people of a group than the group's pool
//! (`people`) is never chosen either. No plan is chosen when none meets the
//! targets.

use super::breakdown::{per_replication, CostModel, RoleStaffing};
use crate::figures as fig;
use crate::figures::MissingFigure;
use crate::result::SCHEMA_VERSION;
use crate::scenario::Scenario;
use crate::stats::Named;
use crate::stats::{wilson95, Samples, Summary};
use serde::Serialize;

/// The service figures shown for each plan.
pub const KEY_KPIS: [&str; 7] = [
    fig::SERVICE_LEVEL.name,
    fig::ABANDON_SHARE.name,
    fig::RESPONSE_P90_S.name,
    fig::DISPATCHED_WITHIN_24H_SHARE.name,
    fig::LATE_ORDERS.name,
    fig::ORDERS_PAID.name,
    fig::MEETS_ALL_TARGETS.name,
];

/// One role's staffing in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleRow {
    /// Fewest people who can work every listed shift [people].
    pub people: u32,
    /// Headcounts summed over the listed shifts [person-shifts].
    pub person_shifts: u32,
    /// Temporary workers among `people` [people].
    pub temps: u32,
    /// Hours paid, mean over replications (packers: repeats after the
    /// window included) [h].
    pub paid_h: f64,
}

impl RoleRow {
    fn new(s: &RoleStaffing, paid_h: f64) -> Self {
        Self { people: s.people, person_shifts: s.person_shifts, temps: s.temps, paid_h }
    }
}

/// Staffing of a plan by role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Staffing {
    /// Chat agents.
    pub agents: RoleRow,
    /// Packers; absent without a dispatch side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub packers: Option<RoleRow>,
}

/// What one plan measured on the common replications.
#[derive(Debug, Clone, Serialize)]
pub struct Measured {
    /// Staffing by role.
    pub staffing: Staffing,
    /// Share of replications meeting all targets.
    pub p_meet_all: f64,
    /// Wilson 95% interval of `p_meet_all`.
    pub p_meet_all_ci95: (f64, f64),
    /// The scenario's required share (`targets.confidence`).
    pub confidence: f64,
    /// `p_meet_all ≥ confidence`.
    pub meets: bool,
    /// Groups whose pool of people the plan exceeds
    /// ([`super::pool::over_pools`]); a plan over a pool is never chosen.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub over_pools: Vec<String>,
    /// Key service figures ([`KEY_KPIS`]) across replications.
    pub kpis: Named<Summary>,
    /// Cost figures across replications (see [`super::FIGURES`]) [CNY].
    pub cost: Named<Summary>,
    /// Total cost of each replication, in replication order [CNY].
    #[serde(skip)]
    pub totals: Vec<f64>,
}

impl Measured {
    /// The figures of `s` from the per-replication `samples` of its run.
    pub fn new(s: &Scenario, samples: &Samples) -> Result<Self, MissingFigure> {
        let costs = per_replication(s, samples)?;
        let model = CostModel::new(s);
        let mean = |x: &Samples, k: &str| x.scalar(k).map_or(0.0, |v| v.iter().sum::<f64>() / v.len().max(1) as f64);
        let n = samples.len() as f64;
        let p = mean(samples, fig::MEETS_ALL_TARGETS.name);
        let confidence = s.targets.confidence;
        Ok(Self {
            staffing: Staffing {
                agents: RoleRow::new(model.agent_staffing(), mean(&costs, fig::AGENT_PAID_H.name)),
                packers: model.packer_staffing().map(|st| RoleRow::new(st, mean(&costs, fig::PACKER_PAID_H.name))),
            },
            p_meet_all: p,
            p_meet_all_ci95: wilson95(p * n, n),
            confidence,
            meets: p >= confidence,
            over_pools: super::pool::over_pools(s),
            kpis: Named(
                KEY_KPIS.iter().filter_map(|k| samples.scalar(k).map(|v| (k.to_string(), Summary::of(v)))).collect(),
            ),
            cost: Named(costs.scalar_summaries()),
            totals: costs.require(fig::TOTAL_CNY)?.to_vec(),
        })
    }

    /// Mean total cost [CNY].
    pub fn total_cny(&self) -> f64 {
        self.cost.get(fig::TOTAL_CNY).map_or(0.0, |s| s.mean)
    }

    /// Per-replication `self − other` total cost, summarised (paired on the
    /// common replications) [CNY].
    pub fn minus(&self, other: &Measured) -> Summary {
        let d: Vec<f64> = self.totals.iter().zip(&other.totals).map(|(a, b)| a - b).collect();
        Summary::of(&d)
    }
}

/// The index of the cheapest plan that meets its targets within its pools
/// of people (the first listed on a tie), if any.
pub fn choice<'a>(plans: impl IntoIterator<Item = &'a Measured>) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, m) in plans.into_iter().enumerate() {
        if m.meets && m.over_pools.is_empty() && best.is_none_or(|(_, c)| m.total_cny() < c) {
            best = Some((i, m.total_cny()));
        }
    }
    best.map(|(i, _)| i)
}

/// One scenario of a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    /// Scenario name.
    pub scenario: String,
    /// Scenario description.
    pub description: String,
    /// The scenario file.
    pub source: String,
    /// What it measured.
    #[serde(flatten)]
    pub measured: Measured,
    /// Whether this is the choice.
    pub chosen: bool,
    /// Total cost minus the choice's, per replication, summarised; absent
    /// when nothing is chosen [CNY].
    pub total_vs_choice_cny: Option<Summary>,
}

/// The result of `peakplan compare`.
#[derive(Debug, Clone, Serialize)]
pub struct CompareReport {
    /// Layout version.
    pub schema_version: u32,
    /// Master seed shared by all scenarios.
    pub seed: u64,
    /// Replications of each scenario, indices `0..replications` [count].
    pub replications: u64,
    /// Whether the scenarios share their window and traffic (arrivals and
    /// orders), so that replication `r` meets the same customers in each
    /// and differences are paired; when not, they compare different
    /// customers.
    pub paired: bool,
    /// One row per scenario, in the order given.
    pub rows: Vec<CompareRow>,
    /// Name of the chosen scenario (the cheapest meeting its targets).
    pub choice: Option<String>,
}

/// Compares `plans` (each a scenario and what it measured on replications
/// `0..replications` of `seed`).
pub fn compare(plans: Vec<(&Scenario, Measured)>, seed: u64, replications: u64) -> CompareReport {
    let paired = plans.windows(2).all(|w| same_customers(w[0].0, w[1].0));
    let chosen = choice(plans.iter().map(|(_, m)| m));
    let base = chosen.map(|i| plans[i].1.clone());
    let choice_name = chosen.map(|i| plans[i].0.name.clone());
    let rows = plans
        .into_iter()
        .enumerate()
        .map(|(i, (s, measured))| CompareRow {
            scenario: s.name.clone(),
            description: s.description.clone(),
            source: s.source_name.clone(),
            total_vs_choice_cny: base.as_ref().map(|b| measured.minus(b)),
            measured,
            chosen: chosen == Some(i),
        })
        .collect();
    CompareReport { schema_version: SCHEMA_VERSION, seed, replications, paired, choice: choice_name, rows }
}

/// Whether `a` and `b` draw the same customers on the same replication:
/// the same window, arrivals and orders as written.
pub fn same_customers(a: &Scenario, b: &Scenario) -> bool {
    let traffic = |s: &Scenario| {
        let r = &s.raw;
        serde_json::to_value((&r.window, &r.arrivals, &r.orders)).ok()
    };
    traffic(a).is_some() && traffic(a) == traffic(b)
}

/// `s` with every agent and packer headcount multiplied by `factor` and
/// rounded to the nearest person.
pub fn scaled(s: &Scenario, factor: f64) -> Scenario {
    let mut out = s.clone();
    let scale = |shifts: &mut [crate::model::shifts::Shift]| {
        for sh in shifts {
            for n in &mut sh.headcount {
                *n = (f64::from(*n) * factor).round() as u32;
            }
        }
    };
    scale(&mut out.model.chat.shifts);
    if let Some(d) = &mut out.model.dispatch {
        scale(&mut d.warehouse.shifts);
    }
    out
}

/// One point of a sweep.
#[derive(Debug, Clone, Serialize)]
pub struct SweepPoint {
    /// Headcount factor applied to every shift.
    pub factor: f64,
    /// What it measured.
    #[serde(flatten)]
    pub measured: Measured,
    /// Whether this is the choice.
    pub chosen: bool,
}

/// The result of `peakplan compare --sweep`: cost against service.
#[derive(Debug, Clone, Serialize)]
pub struct SweepReport {
    /// Layout version.
    pub schema_version: u32,
    /// Scenario name.
    pub scenario: String,
    /// Scenario description.
    pub description: String,
    /// The scenario file.
    pub source: String,
    /// Master seed.
    pub seed: u64,
    /// Replications of each point, indices `0..replications` [count].
    pub replications: u64,
    /// One point per factor, in increasing order.
    pub points: Vec<SweepPoint>,
    /// Factor of the cheapest point meeting the targets.
    pub choice: Option<f64>,
}

/// The sweep of `s` from what each factor measured.
pub fn sweep(s: &Scenario, points: Vec<(f64, Measured)>, seed: u64, replications: u64) -> SweepReport {
    let chosen = choice(points.iter().map(|(_, m)| m));
    SweepReport {
        schema_version: SCHEMA_VERSION,
        scenario: s.name.clone(),
        description: s.description.clone(),
        source: s.source_name.clone(),
        seed,
        replications,
        choice: chosen.map(|i| points[i].0),
        points: points
            .into_iter()
            .enumerate()
            .map(|(i, (factor, measured))| SweepPoint { factor, measured, chosen: chosen == Some(i) })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(total: f64, p: f64) -> Measured {
        let s = Summary::of(&[total]);
        Measured {
            staffing: Staffing {
                agents: RoleRow { people: 0, person_shifts: 0, temps: 0, paid_h: 0.0 },
                packers: None,
            },
            p_meet_all: p,
            p_meet_all_ci95: (p, p),
            confidence: 0.95,
            meets: p >= 0.95,
            over_pools: Vec::new(),
            kpis: Named(Vec::new()),
            cost: Named(vec![(fig::TOTAL_CNY.name.into(), s)]),
            totals: vec![total],
        }
    }

    #[test]
    fn the_choice_is_the_cheapest_plan_that_meets_the_targets() {
        let plans = [plan(100.0, 0.96), plan(80.0, 0.50), plan(90.0, 0.97), plan(90.0, 0.99)];
        assert_eq!(choice(&plans), Some(2), "the cheaper plan 1 misses; 2 and 3 tie, the first wins");
        assert_eq!(choice(&[plan(10.0, 0.2)]), None);
        let mut over = plan(50.0, 0.99);
        over.over_pools = vec!["temp (30 people, pool 20)".into()];
        assert_eq!(choice(&[plans[0].clone(), over]), Some(0), "a plan over its pool is never chosen");
    }
}
