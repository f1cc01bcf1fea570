//! The planning sections of a scenario file as written: `[costs]` and
//! `[sizing]`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[costs]`: what staff cost.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawCosts {
    /// Hourly cost per agent group name [CNY/h]; groups left out cost
    /// `default_agent_hourly_cny`.
    pub agent_hourly_cny: BTreeMap<String, f64>,
    /// Hourly cost of an agent whose group is not listed [CNY/h].
    pub default_agent_hourly_cny: f64,
    /// Hourly cost per packer group name [CNY/h]; groups left out cost
    /// `default_packer_hourly_cny`.
    pub packer_hourly_cny: BTreeMap<String, f64>,
    /// Hourly cost of a packer whose group is not listed [CNY/h].
    pub default_packer_hourly_cny: f64,
}

impl Default for RawCosts {
    fn default() -> Self {
        Self {
            agent_hourly_cny: BTreeMap::new(),
            default_agent_hourly_cny: 30.0,
            packer_hourly_cny: BTreeMap::new(),
            default_packer_hourly_cny: 28.0,
        }
    }
}

/// `[sizing]`: how `peakplan size` searches.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSizing {
    /// Replications per candidate plan [count].
    pub search_replications: u64,
    /// Fresh replications that verify the final plan [count].
    pub verify_replications: u64,
    /// Largest headcount per shift, per agent group name [people].
    pub max_agents_per_shift: BTreeMap<String, u32>,
    /// Largest headcount per shift, per packer group name [people].
    pub max_packers_per_shift: BTreeMap<String, u32>,
    /// Names of agent or packer shifts whose headcount the planner has fixed.
    pub fixed_shifts: Vec<String>,
}

impl Default for RawSizing {
    fn default() -> Self {
        Self {
            search_replications: 200,
            verify_replications: 1000,
            max_agents_per_shift: BTreeMap::new(),
            max_packers_per_shift: BTreeMap::new(),
            fixed_shifts: Vec::new(),
        }
    }
}
