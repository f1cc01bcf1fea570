//! The plain result of a simulation run: what every renderer (text, JSON,
//! CSV, plots, HTML) reads. Field names carry their units; the JSON
//! reference (`docs/json-reference.md`) documents each one.

use crate::experiment::Outcome;
use crate::model::shifts::planned_on_duty;
use crate::scenario::Scenario;
use crate::stats::Summary;
use crate::targets::Targets;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// Version of the JSON layout; bumped when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

/// Named values serialised as a JSON object in a fixed order.
#[derive(Debug, Clone, PartialEq)]
pub struct Named<T>(pub Vec<(String, T)>);

impl<T: Serialize> Serialize for Named<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<T> Named<T> {
    /// The value named `name`.
    pub fn get(&self, name: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}

/// Which scenario and run produced the result.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    /// Scenario name.
    pub scenario: String,
    /// Scenario description.
    pub description: String,
    /// The scenario file (or the built-in default).
    pub source: String,
    /// Master seed.
    pub seed: u64,
    /// Replications summarised [count].
    pub replications: u64,
    /// Window start, local `YYYY-MM-DD HH:MM`.
    pub window_start: String,
    /// Time zone of all local times.
    pub time_zone: String,
    /// Window length [h].
    pub window_h: f64,
    /// Reporting period [min].
    pub period_min: f64,
}

/// First-response time quantiles of all answered chats of all replications
/// pooled together [s].
#[derive(Debug, Clone, Serialize)]
pub struct PooledResponse {
    /// Answered chats pooled [count].
    pub answered: u64,
    /// Median [s].
    pub p50_s: f64,
    /// 80th percentile [s].
    pub p80_s: f64,
    /// 90th percentile [s].
    pub p90_s: f64,
    /// 95th percentile [s].
    pub p95_s: f64,
    /// 99th percentile [s].
    pub p99_s: f64,
    /// Largest [s].
    pub max_s: f64,
}

/// One agent group's planned headcount.
#[derive(Debug, Clone, Serialize)]
pub struct GroupPlan {
    /// Group name.
    pub group: String,
    /// Mean agents of the group on duty in each period [people].
    pub on_duty_per_period: Vec<f64>,
}

/// The result of `simulate`.
#[derive(Debug, Clone, Serialize)]
pub struct SimulationReport {
    /// Layout version of this document.
    pub schema_version: u32,
    /// The run.
    pub run: RunInfo,
    /// The targets the replications were checked against.
    pub targets: Targets,
    /// Local start labels of the periods, `MM-DD HH:MM`.
    pub periods: Vec<String>,
    /// Expected inquiries per period from the scenario's rate (before the
    /// volume multiplier) [count].
    pub forecast_inquiries_per_period: Vec<f64>,
    /// Planned agents on duty per period, by group.
    pub planned_agents: Vec<GroupPlan>,
    /// Scalar figures across replications.
    pub kpis: Named<Summary>,
    /// Per-period figures across replications, one summary per period.
    pub per_period: Named<Vec<Summary>>,
    /// Pooled first-response quantiles.
    pub response_pooled: PooledResponse,
}

impl SimulationReport {
    /// Summarises `outcome` of `scenario` run with `seed`.
    pub fn new(scenario: &Scenario, seed: u64, outcome: &Outcome) -> Self {
        let w = &scenario.window;
        let m = &scenario.model;
        let n = m.periods.count;
        let forecast = (0..n)
            .map(|i| m.inquiry_rate.expected_between(i as f64 * w.period_s, (i + 1) as f64 * w.period_s))
            .collect();
        let on_duty = planned_on_duty(&m.chat.shifts, m.chat.groups.len(), w.period_s, n);
        let planned_agents = m
            .chat
            .groups
            .iter()
            .enumerate()
            .map(|(g, grp)| GroupPlan {
                group: grp.name.clone(),
                on_duty_per_period: on_duty.iter().map(|p| p[g]).collect(),
            })
            .collect();
        let h = &outcome.response_ms;
        let q = |p: f64| if !h.is_empty() { h.value_at_quantile(p) as f64 / 1000.0 } else { 0.0 };
        Self {
            schema_version: SCHEMA_VERSION,
            run: RunInfo {
                scenario: scenario.name.clone(),
                description: scenario.description.clone(),
                source: scenario.source_name.clone(),
                seed,
                replications: outcome.samples.len() as u64,
                window_start: w.start_local(),
                time_zone: w.time_zone.name().to_string(),
                window_h: w.length_s / 3600.0,
                period_min: w.period_s / 60.0,
            },
            targets: scenario.targets.clone(),
            periods: w.period_labels(),
            forecast_inquiries_per_period: forecast,
            planned_agents,
            kpis: Named(outcome.samples.scalar_summaries()),
            per_period: Named(outcome.samples.series_summaries()),
            response_pooled: PooledResponse {
                answered: h.len(),
                p50_s: q(0.5),
                p80_s: q(0.8),
                p90_s: q(0.9),
                p95_s: q(0.95),
                p99_s: q(0.99),
                max_s: if !h.is_empty() { h.max() as f64 / 1000.0 } else { 0.0 },
            },
        }
    }

    /// The summary of scalar figure `name`.
    pub fn kpi(&self, name: &str) -> Option<&Summary> {
        self.kpis.get(name)
    }
}
