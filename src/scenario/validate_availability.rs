//! Checks the availability fields: break rules, no-break periods, recall,
//! and each group's attendance and pool.

use super::locate::Seg;
use super::raw::RawScenario;
use super::raw_availability::{default_late_start_min, RawAppliesTo, RawAttendanceView, RawAvailability};
use super::validate::{key, offset, with, Ctx, Path};
use super::{RoleSettings, ScenarioError, Window};
use crate::model::availability::{Attendance, BreakPolicy, BreakRule};
use serde::Serialize;

/// Longest accepted break [h].
const MAX_BREAK_H: f64 = 24.0;

/// How many people a group has and how long each may work.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Pool {
    /// People of the group for the whole window [count]; `None`: no limit.
    pub people: Option<u32>,
    /// Most paid hours of one person in the window [h]; `None`: no limit.
    pub max_hours: Option<f64>,
}

/// The checked attendance of one group at `at`.
pub(super) fn attendance(ctx: &Ctx, at: &Path, raw: &RawAttendanceView) -> Result<Attendance, ScenarioError> {
    let absence_share = ctx.share(&key(at, "absence_share"), raw.absence_share)?;
    if absence_share >= 1.0 {
        return Err(ctx.err(&key(at, "absence_share"), "must be below 1: somebody has to come"));
    }
    let late_start_share = ctx.share(&key(at, "late_start_share"), raw.late_start_share)?;
    let late_raw = raw.late_start_min.cloned().unwrap_or_else(default_late_start_min);
    let late_start_s = if late_start_share > 0.0 {
        Some(super::validate_dispatch::dist(ctx, &key(at, "late_start_min"), &late_raw, 60.0)?)
    } else {
        None
    };
    Ok(Attendance { absence_share, late_start_share, late_start_s })
}

/// The checked pool of one group at `at`.
fn pool(ctx: &Ctx, at: &Path, raw: &RawAttendanceView) -> Result<Pool, ScenarioError> {
    let max_hours = match raw.max_hours {
        Some(h) => Some(ctx.positive(&key(at, "max_hours"), h, super::MAX_WINDOW_H)?),
        None => None,
    };
    if raw.people == Some(0) {
        return Err(ctx.err(&key(at, "people"), "must be at least 1 (leave it out for no limit)"));
    }
    Ok(Pool { people: raw.people, max_hours })
}

/// The pools of every agent and packer group, in group order.
/// (Packer pools only with a dispatch side.)
pub(super) fn pools(ctx: &Ctx, raw: &RawScenario, with_dispatch: bool) -> Result<RoleSettings<Pool>, ScenarioError> {
    let agents_path = super::validate::p(&["chat", "groups"]);
    let agents = raw
        .chat
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| pool(ctx, &with(&agents_path, Seg::Index(i)), &g.attendance()))
        .collect::<Result<Vec<_>, ScenarioError>>()?;
    let packers_path = super::validate::p(&["warehouse", "groups"]);
    let packers = match &raw.warehouse {
        Some(wh) if with_dispatch => wh
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| pool(ctx, &with(&packers_path, Seg::Index(i)), &g.attendance()))
            .collect::<Result<Vec<_>, ScenarioError>>()?,
        _ => Vec::new(),
    };
    Ok(RoleSettings { agents, packers })
}

/// The checked break policy of `[availability]`.
pub(super) fn break_policy(ctx: &Ctx, raw: &RawAvailability, w: &Window) -> Result<BreakPolicy, ScenarioError> {
    let base = super::validate::p(&["availability"]);
    let rules_path = key(&base, "breaks");
    ctx.unique_names(&rules_path, raw.breaks.iter().map(|r| r.name.as_str()))?;
    let mut rules = Vec::with_capacity(raw.breaks.len());
    for (i, r) in raw.breaks.iter().enumerate() {
        let at = with(&rules_path, Seg::Index(i));
        let length_h = ctx.positive(&key(&at, "length_min"), r.length_min, MAX_BREAK_H * 60.0)? / 60.0;
        let min_shift_h = ctx.finite(&key(&at, "min_shift_h"), r.min_shift_h, 0.0, super::MAX_WINDOW_H)?;
        let max_shift_h = match r.max_shift_h {
            Some(h) => ctx.finite(&key(&at, "max_shift_h"), h, min_shift_h, super::MAX_WINDOW_H)?,
            None => f64::INFINITY,
        };
        let earliest = ctx.finite(&key(&at, "earliest_after_start_h"), r.earliest_after_start_h, 0.0, MAX_BREAK_H)?;
        let latest = ctx.finite(&key(&at, "latest_before_end_h"), r.latest_before_end_h, 0.0, MAX_BREAK_H)?;
        if min_shift_h > 0.0 && earliest + length_h + latest > min_shift_h + 1e-9 {
            return Err(ctx.err(
                &at,
                format!(
                    "a {} h shift (`min_shift_h`) has no room for this break: {} h after the start + {} min + {} h \
                     before the end is longer",
                    min_shift_h, earliest, r.length_min, latest
                ),
            ));
        }
        rules.push(BreakRule {
            name: r.name.clone(),
            length_s: length_h * 3600.0,
            min_shift_s: min_shift_h * 3600.0,
            max_shift_s: max_shift_h * 3600.0,
            earliest_after_start_s: earliest * 3600.0,
            latest_before_end_s: latest * 3600.0,
            agents: r.applies_to != RawAppliesTo::Packers,
            packers: r.applies_to != RawAppliesTo::Agents,
        });
    }
    let periods_path = key(&base, "no_breaks");
    let far = f64::from(u32::MAX);
    let mut no_breaks = Vec::with_capacity(raw.no_breaks.len());
    for (i, period) in raw.no_breaks.iter().enumerate() {
        let at = with(&periods_path, Seg::Index(i));
        let start = offset(ctx, &key(&at, "start"), &period.start, w, -far, far)?;
        let end = offset(ctx, &key(&at, "end"), &period.end, w, -far, far)?;
        if end <= start {
            return Err(ctx.err(&key(&at, "end"), "must be after `start`"));
        }
        no_breaks.push((start, end));
    }
    if raw.recall_when_waiting_over.is_some() && rules.is_empty() {
        return Err(ctx.err(&key(&base, "recall_when_waiting_over"), "there is no break to recall from"));
    }
    Ok(BreakPolicy { rules, no_breaks, recall_when_waiting_over: raw.recall_when_waiting_over })
}
