//! The planning sections of a scenario file as written: `[costs]` and
//! `[sizing]`. Cost defaults marked *typical* are a planner's usual
//! assumption, to be replaced by the shop's own figures.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[costs]`: what staff, carriers, late orders and lost chats cost. All
/// amounts in CNY.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawCosts {
    /// Hourly cost per agent group name [CNY/h]; groups left out cost
    /// `default_agent_hourly_cny`.
    pub agent_hourly_cny: BTreeMap<String, f64>,
    /// Hourly cost of an agent whose group is not listed [CNY/h]; default 30
    /// (typical).
    pub default_agent_hourly_cny: f64,
    /// Hourly cost per packer group name [CNY/h]; groups left out cost
    /// `default_packer_hourly_cny`.
    pub packer_hourly_cny: BTreeMap<String, f64>,
    /// Hourly cost of a packer whose group is not listed [CNY/h]; default 28
    /// (typical).
    pub default_packer_hourly_cny: f64,
    /// Agent groups of temporary workers (agency temps), who need training;
    /// default none.
    pub temp_agent_groups: Vec<String>,
    /// Packer groups of temporary workers; default none.
    pub temp_packer_groups: Vec<String>,
    /// Training of one temporary worker, paid once [CNY]; default 200
    /// (typical: half a day of paid training and the trainer's time).
    pub training_per_temp_cny: f64,
    /// Shortest rest between two shifts of one person [h]; sets how many
    /// people the shifts need. Default 11 (typical).
    pub rest_between_shifts_h: f64,
    /// Extra pay for an hour worked in the night, as a share of the hourly
    /// cost [share]; default 0.20 (typical).
    pub night_premium_share: f64,
    /// Local clock time the night starts, `HH:MM`; default `22:00`.
    pub night_start: String,
    /// Local clock time the night ends, `HH:MM`; default `06:00`.
    pub night_end: String,
    /// A shift shorter than this is paid as this long [h]; default 4
    /// (typical).
    pub min_paid_h: f64,
    /// Hours of one shift beyond this are overtime [h]; default 8 (the
    /// standard working day).
    pub overtime_after_h: f64,
    /// Overtime hours cost this many times the hourly cost [factor]; default
    /// 1.5 (at least 150% on working days under Chinese labour law).
    pub overtime_multiplier: f64,
    /// Packing material of one pre-packed parcel [CNY]; default 1.5
    /// (typical).
    pub prepack_material_cny: f64,
    /// Cost of one parcel per carrier name [CNY]; carriers left out cost
    /// `default_courier_per_parcel_cny`.
    pub courier_per_parcel_cny: BTreeMap<String, f64>,
    /// Cost of one parcel with a carrier not listed [CNY]; default 5
    /// (typical ordinary express rate for a shop's volume).
    pub default_courier_per_parcel_cny: f64,
    /// Gross margin as a share of the order value [share]; an abandoned
    /// chat loses its conversion × order value × this. Default 0.30
    /// (typical).
    pub margin_share: f64,
}

impl Default for RawCosts {
    fn default() -> Self {
        Self {
            agent_hourly_cny: BTreeMap::new(),
            default_agent_hourly_cny: 30.0,
            packer_hourly_cny: BTreeMap::new(),
            default_packer_hourly_cny: 28.0,
            temp_agent_groups: Vec::new(),
            temp_packer_groups: Vec::new(),
            training_per_temp_cny: 200.0,
            rest_between_shifts_h: 11.0,
            night_premium_share: 0.20,
            night_start: "22:00".into(),
            night_end: "06:00".into(),
            min_paid_h: 4.0,
            overtime_after_h: 8.0,
            overtime_multiplier: 1.5,
            prepack_material_cny: 1.5,
            courier_per_parcel_cny: BTreeMap::new(),
            default_courier_per_parcel_cny: 5.0,
            margin_share: 0.30,
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
    /// `[sizing.shift_design]`: `size` designs the agent shifts (start and
    /// length) instead of filling the listed ones. Absent: off.
    pub shift_design: Option<RawShiftDesign>,
    /// `[sizing.packer_shift_design]`: `size` designs the packer shifts
    /// (start and length) instead of filling the listed ones. Absent: off.
    pub packer_shift_design: Option<RawShiftDesign>,
}

/// `[sizing.shift_design]` (agents) or `[sizing.packer_shift_design]`
/// (packers): the rules designed shifts follow.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawShiftDesign {
    /// Allowed shift lengths [h]; default `[4, 6, 8, 10]`.
    pub lengths_h: Vec<f64>,
    /// Shifts may start every this many minutes from the window start
    /// [min]; default: the period length. Not with `starts`.
    pub start_every_min: Option<f64>,
    /// Local clock times `HH:MM` at which shifts may start, every day of the
    /// window; default none (the grid of `start_every_min`).
    pub starts: Vec<String>,
    /// A designed shift that is used has at least this many people, all
    /// groups together [people]; default 1.
    pub min_per_shift: u32,
    /// Most designed shifts in use [count]; default 0: no limit.
    pub max_distinct_shifts: u32,
}

impl Default for RawShiftDesign {
    fn default() -> Self {
        Self {
            lengths_h: vec![4.0, 6.0, 8.0, 10.0],
            start_every_min: None,
            starts: Vec::new(),
            min_per_shift: 1,
            max_distinct_shifts: 0,
        }
    }
}

impl Default for RawSizing {
    fn default() -> Self {
        Self {
            search_replications: 200,
            verify_replications: 1000,
            max_agents_per_shift: BTreeMap::new(),
            max_packers_per_shift: BTreeMap::new(),
            fixed_shifts: Vec::new(),
            shift_design: None,
            packer_shift_design: None,
        }
    }
}
