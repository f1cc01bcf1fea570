//! Checks `[costs]` and `[sizing]` against the scenario's groups and shifts.

use super::error::ScenarioError;
use super::raw_plan::{RawCosts, RawSizing};
use crate::model::chat::ChatParams;
use serde::Serialize;

/// Checked costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Costs {
    /// Hourly cost of one agent of each chat group [CNY/h], in group order.
    pub agent_hourly_cny: Vec<f64>,
}

/// Checked sizing settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SizingSettings {
    /// Replications per candidate plan [count].
    pub search_replications: u64,
    /// Fresh replications verifying the final plan [count].
    pub verify_replications: u64,
    /// Largest headcount per shift of each chat group [people], in group order.
    pub max_agents_per_shift: Vec<u32>,
    /// Whether each chat shift's headcount is fixed by the planner.
    pub fixed_shifts: Vec<bool>,
}

/// Largest headcount per shift of a group left out of `max_agents_per_shift`.
pub const DEFAULT_MAX_PER_SHIFT: u32 = 500;

type Fail<'a> = &'a dyn Fn(&[&str], String) -> ScenarioError;

fn group_index(chat: &ChatParams, name: &str, at: &[&str], fail: Fail) -> Result<usize, ScenarioError> {
    chat.groups.iter().position(|g| g.name == name).ok_or_else(|| {
        let known: Vec<_> = chat.groups.iter().map(|g| g.name.as_str()).collect();
        fail(at, format!("no agent group is named `{name}` (groups: {})", known.join(", ")))
    })
}

/// Checks `[costs]`; `fail(path, message)` builds an error at a field path.
pub fn costs(raw: &RawCosts, chat: &ChatParams, fail: Fail) -> Result<Costs, ScenarioError> {
    let ok = |v: f64| v.is_finite() && (0.0..=1e6).contains(&v);
    if !ok(raw.default_agent_hourly_cny) {
        let msg = format!("must be from 0 to 1000000 CNY/h, got {}", raw.default_agent_hourly_cny);
        return Err(fail(&["costs", "default_agent_hourly_cny"], msg));
    }
    let mut out = vec![raw.default_agent_hourly_cny; chat.groups.len()];
    for (name, &v) in &raw.agent_hourly_cny {
        let at = ["costs", "agent_hourly_cny", name.as_str()];
        let g = group_index(chat, name, &at, fail)?;
        if !ok(v) {
            return Err(fail(&at, format!("must be from 0 to 1000000 CNY/h, got {v}")));
        }
        out[g] = v;
    }
    Ok(Costs { agent_hourly_cny: out })
}

/// Checks `[sizing]`.
pub fn sizing(raw: &RawSizing, chat: &ChatParams, fail: Fail) -> Result<SizingSettings, ScenarioError> {
    for (field, v) in
        [("search_replications", raw.search_replications), ("verify_replications", raw.verify_replications)]
    {
        if !(10..=1_000_000).contains(&v) {
            return Err(fail(&["sizing", field], format!("must be from 10 to 1000000, got {v}")));
        }
    }
    let mut max = vec![DEFAULT_MAX_PER_SHIFT; chat.groups.len()];
    for (name, &v) in &raw.max_agents_per_shift {
        let g = group_index(chat, name, &["sizing", "max_agents_per_shift", name.as_str()], fail)?;
        max[g] = v;
    }
    let mut fixed = vec![false; chat.shifts.len()];
    for (i, name) in raw.fixed_shifts.iter().enumerate() {
        let idx = i.to_string();
        let s = chat.shifts.iter().position(|s| &s.name == name).ok_or_else(|| {
            fail(&["sizing", "fixed_shifts", idx.as_str()], format!("no agent shift is named `{name}`"))
        })?;
        fixed[s] = true;
    }
    Ok(SizingSettings {
        search_replications: raw.search_replications,
        verify_replications: raw.verify_replications,
        max_agents_per_shift: max,
        fixed_shifts: fixed,
    })
}
