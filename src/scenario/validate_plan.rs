//! Checks `[costs]` and `[sizing]` against the scenario's groups and shifts,
//! for both staffed roles: chat agents and (when the dispatch side is on)
//! packers.

use super::error::ScenarioError;
use super::raw_plan::{RawCosts, RawSizing};
use crate::model::ModelParams;
use serde::Serialize;
use std::collections::BTreeMap;

/// Per-group settings of one role, in group order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleSettings<T> {
    /// Chat agents.
    pub agents: Vec<T>,
    /// Packers (empty without a dispatch side).
    pub packers: Vec<T>,
}

/// Checked costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Costs {
    /// Hourly cost of one person of each group [CNY/h].
    pub hourly_cny: RoleSettings<f64>,
}

/// Checked sizing settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SizingSettings {
    /// Replications per candidate plan [count].
    pub search_replications: u64,
    /// Fresh replications verifying the final plan [count].
    pub verify_replications: u64,
    /// Largest headcount per shift of each group [people].
    pub max_per_shift: RoleSettings<u32>,
    /// Whether each shift's headcount is fixed by the planner.
    pub fixed_shifts: RoleSettings<bool>,
}

/// Largest headcount per shift of a group left out of the limits.
pub const DEFAULT_MAX_PER_SHIFT: u32 = 500;

type Fail<'a> = &'a dyn Fn(&[&str], String) -> ScenarioError;

/// Group names of both roles.
fn group_names(m: &ModelParams) -> (Vec<&str>, Vec<&str>) {
    let agents = m.chat.groups.iter().map(|g| g.name.as_str()).collect();
    let packers =
        m.dispatch.as_ref().map_or(Vec::new(), |d| d.warehouse.groups.iter().map(|g| g.name.as_str()).collect());
    (agents, packers)
}

/// `default` for every group, overridden by the named entries of `map`.
fn per_group<T: Copy>(
    map: &BTreeMap<String, T>,
    names: &[&str],
    default: T,
    section: &str,
    field: &str,
    check: impl Fn(T) -> Result<(), String>,
    fail: Fail,
) -> Result<Vec<T>, ScenarioError> {
    let mut out = vec![default; names.len()];
    for (name, &v) in map {
        let at = [section, field, name.as_str()];
        let g = names.iter().position(|n| n == name).ok_or_else(|| {
            let known = if names.is_empty() { "none".to_string() } else { names.join(", ") };
            fail(&at, format!("no group of this role is named `{name}` (groups: {known})"))
        })?;
        check(v).map_err(|m| fail(&at, m))?;
        out[g] = v;
    }
    Ok(out)
}

fn wage(v: f64) -> Result<(), String> {
    if v.is_finite() && (0.0..=1e6).contains(&v) {
        Ok(())
    } else {
        Err(format!("must be from 0 to 1000000 CNY/h, got {v}"))
    }
}

/// Checks `[costs]`; `fail(path, message)` builds an error at a field path.
pub fn costs(raw: &RawCosts, m: &ModelParams, fail: Fail) -> Result<Costs, ScenarioError> {
    for (field, v) in [
        ("default_agent_hourly_cny", raw.default_agent_hourly_cny),
        ("default_packer_hourly_cny", raw.default_packer_hourly_cny),
    ] {
        wage(v).map_err(|msg| fail(&["costs", field], msg))?;
    }
    let (agents, packers) = group_names(m);
    Ok(Costs {
        hourly_cny: RoleSettings {
            agents: per_group(
                &raw.agent_hourly_cny,
                &agents,
                raw.default_agent_hourly_cny,
                "costs",
                "agent_hourly_cny",
                wage,
                fail,
            )?,
            packers: per_group(
                &raw.packer_hourly_cny,
                &packers,
                raw.default_packer_hourly_cny,
                "costs",
                "packer_hourly_cny",
                wage,
                fail,
            )?,
        },
    })
}

/// Checks `[sizing]`.
pub fn sizing(raw: &RawSizing, m: &ModelParams, fail: Fail) -> Result<SizingSettings, ScenarioError> {
    for (field, v) in
        [("search_replications", raw.search_replications), ("verify_replications", raw.verify_replications)]
    {
        if !(10..=1_000_000).contains(&v) {
            return Err(fail(&["sizing", field], format!("must be from 10 to 1000000, got {v}")));
        }
    }
    let (agents, packers) = group_names(m);
    let any = |_: u32| Ok(());
    let max_per_shift = RoleSettings {
        agents: per_group(
            &raw.max_agents_per_shift,
            &agents,
            DEFAULT_MAX_PER_SHIFT,
            "sizing",
            "max_agents_per_shift",
            any,
            fail,
        )?,
        packers: per_group(
            &raw.max_packers_per_shift,
            &packers,
            DEFAULT_MAX_PER_SHIFT,
            "sizing",
            "max_packers_per_shift",
            any,
            fail,
        )?,
    };
    let packer_shifts = m.dispatch.as_ref().map_or(&[][..], |d| &d.warehouse.shifts[..]);
    let mut fixed =
        RoleSettings { agents: vec![false; m.chat.shifts.len()], packers: vec![false; packer_shifts.len()] };
    for (i, name) in raw.fixed_shifts.iter().enumerate() {
        let a = m.chat.shifts.iter().position(|s| &s.name == name);
        let p = packer_shifts.iter().position(|s| &s.name == name);
        if a.is_none() && p.is_none() {
            let idx = i.to_string();
            return Err(fail(
                &["sizing", "fixed_shifts", idx.as_str()],
                format!("no agent or packer shift is named `{name}`"),
            ));
        }
        a.into_iter().for_each(|s| fixed.agents[s] = true);
        p.into_iter().for_each(|s| fixed.packers[s] = true);
    }
    Ok(SizingSettings {
        search_replications: raw.search_replications,
        verify_replications: raw.verify_replications,
        max_per_shift,
        fixed_shifts: fixed,
    })
}
