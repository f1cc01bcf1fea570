//! Checks `[costs]` and `[sizing]` against the scenario's groups, shifts
//! and carriers, for both staffed roles: chat agents and (when the dispatch
//! side is on) packers.

use super::error::{show, ScenarioError};
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

/// Checked costs. How they add up is in [`crate::cost`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Costs {
    /// Hourly cost of one person of each group [CNY/h].
    pub hourly_cny: RoleSettings<f64>,
    /// Whether each group is of temporary workers (trained once each).
    pub temp: RoleSettings<bool>,
    /// How a shift is paid: night premium, minimum hours, overtime.
    pub pay: PayRules,
    /// Training of one temporary worker [CNY].
    pub training_per_temp_cny: f64,
    /// Packing material of one pre-packed parcel [CNY].
    pub prepack_material_cny: f64,
    /// Cost of one parcel per carrier, in carrier order [CNY]; empty without
    /// a dispatch side.
    pub courier_per_parcel_cny: Vec<f64>,
    /// Gross margin as a share of the order value [share].
    pub margin_share: f64,
}

/// How one shift of one person is paid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayRules {
    /// Extra pay for an hour in the night, as a share of the hourly cost
    /// [share].
    pub night_premium_share: f64,
    /// Local clock time the night starts [s after midnight].
    pub night_start_s: f64,
    /// Local clock time the night ends [s after midnight]; before the start
    /// when the night spans midnight; equal to it: no night.
    pub night_end_s: f64,
    /// A shorter shift is paid as this long [h].
    pub min_paid_h: f64,
    /// Hours of a shift beyond this are overtime [h].
    pub overtime_after_h: f64,
    /// Cost of an overtime hour relative to a normal one [factor].
    pub overtime_multiplier: f64,
    /// Shortest rest between two shifts of one person [h].
    pub rest_between_shifts_h: f64,
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
    /// The rules of designed agent shifts (`None`: size the listed shifts).
    pub shift_design: Option<super::validate_design::ShiftDesign>,
    /// The rules of designed packer shifts (`None`: size the listed ones).
    pub packer_shift_design: Option<super::validate_design::ShiftDesign>,
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
        Err(format!("must be from 0 to 1000000 CNY/h, got {}", show(v)))
    }
}

fn amount(v: f64) -> Result<(), String> {
    if v.is_finite() && (0.0..=1e6).contains(&v) {
        Ok(())
    } else {
        Err(format!("must be from 0 to 1000000 CNY, got {}", show(v)))
    }
}

/// `v` checked to lie in `[lo, hi]`.
fn within(v: f64, lo: f64, hi: f64, field: &str, unit: &str, fail: Fail) -> Result<f64, ScenarioError> {
    if v.is_finite() && (lo..=hi).contains(&v) {
        Ok(v)
    } else {
        Err(fail(&["costs", field], format!("must be from {lo} to {hi}{unit}, got {}", show(v))))
    }
}

/// A local clock time `HH:MM` [s after midnight].
fn clock(text: &str, field: &str, fail: Fail) -> Result<f64, ScenarioError> {
    let t = chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| fail(&["costs", field], format!("`{text}` is not a clock time `HH:MM`")))?;
    Ok(f64::from(chrono::Timelike::num_seconds_from_midnight(&t)))
}

/// Which groups of a role are temporary, from the names listed in `field`.
fn temp_flags(listed: &[String], names: &[&str], field: &str, fail: Fail) -> Result<Vec<bool>, ScenarioError> {
    let mut out = vec![false; names.len()];
    for (i, name) in listed.iter().enumerate() {
        let idx = i.to_string();
        let g = names.iter().position(|n| n == name).ok_or_else(|| {
            let known = if names.is_empty() { "none".to_string() } else { names.join(", ") };
            fail(&["costs", field, idx.as_str()], format!("no group of this role is named `{name}` (groups: {known})"))
        })?;
        out[g] = true;
    }
    Ok(out)
}

/// Checks `[costs]`; `fail(path, message)` builds an error at a field path.
pub fn costs(raw: &RawCosts, m: &ModelParams, fail: Fail) -> Result<Costs, ScenarioError> {
    for (field, v) in [
        ("default_agent_hourly_cny", raw.default_agent_hourly_cny),
        ("default_packer_hourly_cny", raw.default_packer_hourly_cny),
    ] {
        wage(v).map_err(|msg| fail(&["costs", field], msg))?;
    }
    for (field, v) in [
        ("training_per_temp_cny", raw.training_per_temp_cny),
        ("prepack_material_cny", raw.prepack_material_cny),
        ("default_courier_per_parcel_cny", raw.default_courier_per_parcel_cny),
    ] {
        amount(v).map_err(|msg| fail(&["costs", field], msg))?;
    }
    let (agents, packers) = group_names(m);
    let carriers: Vec<&str> =
        m.dispatch.as_ref().map_or(Vec::new(), |d| d.courier.carriers.iter().map(|c| c.name.as_str()).collect());
    let mut courier = vec![raw.default_courier_per_parcel_cny; carriers.len()];
    for (name, &v) in &raw.courier_per_parcel_cny {
        let at = ["costs", "courier_per_parcel_cny", name.as_str()];
        let c = carriers.iter().position(|n| n == name).ok_or_else(|| {
            let known = if carriers.is_empty() { "none".to_string() } else { carriers.join(", ") };
            fail(&at, format!("no `[[couriers]]` is named `{name}` (carriers: {known})"))
        })?;
        amount(v).map_err(|msg| fail(&at, msg))?;
        courier[c] = v;
    }
    let pay = PayRules {
        night_premium_share: within(raw.night_premium_share, 0.0, 10.0, "night_premium_share", "", fail)?,
        night_start_s: clock(&raw.night_start, "night_start", fail)?,
        night_end_s: clock(&raw.night_end, "night_end", fail)?,
        min_paid_h: within(raw.min_paid_h, 0.0, 24.0, "min_paid_h", " h", fail)?,
        overtime_after_h: within(raw.overtime_after_h, 0.5, 24.0 * 366.0, "overtime_after_h", " h", fail)?,
        overtime_multiplier: within(raw.overtime_multiplier, 1.0, 10.0, "overtime_multiplier", "", fail)?,
        rest_between_shifts_h: within(raw.rest_between_shifts_h, 0.0, 24.0 * 7.0, "rest_between_shifts_h", " h", fail)?,
    };
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
        temp: RoleSettings {
            agents: temp_flags(&raw.temp_agent_groups, &agents, "temp_agent_groups", fail)?,
            packers: temp_flags(&raw.temp_packer_groups, &packers, "temp_packer_groups", fail)?,
        },
        pay,
        training_per_temp_cny: raw.training_per_temp_cny,
        prepack_material_cny: raw.prepack_material_cny,
        courier_per_parcel_cny: courier,
        margin_share: within(raw.margin_share, 0.0, 1.0, "margin_share", "", fail)?,
    })
}

/// Checks `[sizing]` against the model and the window `w`.
pub fn sizing(
    raw: &RawSizing,
    m: &ModelParams,
    w: &super::Window,
    fail: Fail,
) -> Result<SizingSettings, ScenarioError> {
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
        shift_design: super::validate_design::shift_design(raw.shift_design.as_ref(), "shift_design", w, fail)?,
        packer_shift_design: match &m.dispatch {
            Some(_) => {
                super::validate_design::shift_design(raw.packer_shift_design.as_ref(), "packer_shift_design", w, fail)?
            }
            None if raw.packer_shift_design.is_some() => {
                return Err(fail(
                    &["sizing", "packer_shift_design"],
                    "the scenario has no dispatch side ([orders], [warehouse] and [[couriers]]): no packers to design"
                        .into(),
                ))
            }
            None => None,
        },
    })
}
