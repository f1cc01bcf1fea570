//! Checks `[sizing.shift_design]` and turns its rules into the candidate
//! shifts that `size` chooses from: every allowed start times every allowed
//! length that ends within the window.

use super::error::{show, ScenarioError};
use super::raw_plan::RawShiftDesign;
use super::Window;
use chrono::{Duration, NaiveTime, TimeZone};
use serde::Serialize;

/// Most candidate shifts a design may have: the covering program grows with
/// them.
pub const MAX_CANDIDATES: usize = 2_000;

/// Checked shift-design rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShiftDesign {
    /// Candidate shifts `(start_s, end_s)` [s from the window start], by
    /// start, then length; all within the window.
    pub candidates: Vec<(f64, f64)>,
    /// A designed shift in use has at least this many people, all groups
    /// together [people].
    pub min_per_shift: u32,
    /// Most designed shifts in use (`None`: no limit) [count].
    pub max_distinct_shifts: Option<u32>,
}

type Fail<'a> = &'a dyn Fn(&[&str], String) -> ScenarioError;

/// Candidate starts [s from the window start] at local clock times `clocks`
/// [s after midnight] on every day of the window.
fn clock_starts(w: &Window, clocks: &[u32]) -> Vec<f64> {
    let first = w.start.date_naive();
    let last = (w.start + Duration::milliseconds((w.length_s * 1000.0) as i64)).date_naive();
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        for &c in clocks {
            let time = NaiveTime::from_num_seconds_from_midnight_opt(c, 0).unwrap_or(NaiveTime::MIN);
            if let Some(t) = w.time_zone.from_local_datetime(&day.and_time(time)).earliest() {
                let s = (t - w.start).num_milliseconds() as f64 / 1000.0;
                if (0.0..w.length_s).contains(&s) {
                    out.push(s);
                }
            }
        }
        day += Duration::days(1);
    }
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

/// The allowed starts [s from the window start].
fn starts(raw: &RawShiftDesign, at: &str, w: &Window, fail: Fail) -> Result<Vec<f64>, ScenarioError> {
    if !raw.starts.is_empty() {
        if raw.start_every_min.is_some() {
            return Err(fail(&["sizing", at, "start_every_min"], "give either `starts` or `start_every_min`".into()));
        }
        let mut clocks = Vec::new();
        for (i, text) in raw.starts.iter().enumerate() {
            let idx = i.to_string();
            let t = NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
                fail(&["sizing", at, "starts", idx.as_str()], format!("`{text}` is not a clock time `HH:MM`"))
            })?;
            clocks.push(chrono::Timelike::num_seconds_from_midnight(&t));
        }
        return Ok(clock_starts(w, &clocks));
    }
    let step_min = raw.start_every_min.unwrap_or(w.period_s / 60.0);
    if !(step_min.is_finite() && step_min >= 1.0 && step_min * 60.0 <= w.length_s) {
        return Err(fail(
            &["sizing", at, "start_every_min"],
            format!("must be from 1 minute to the window's length, got {}", show(step_min)),
        ));
    }
    let n = (w.length_s / (step_min * 60.0)).ceil() as usize;
    Ok((0..n).map(|k| k as f64 * step_min * 60.0).filter(|&s| s < w.length_s).collect())
}

/// Checks `raw`, the table `[sizing.<at>]`, against the window `w`; `None`
/// when the table is absent.
pub fn shift_design(
    raw: Option<&RawShiftDesign>,
    at: &str,
    w: &Window,
    fail: Fail,
) -> Result<Option<ShiftDesign>, ScenarioError> {
    let Some(raw) = raw else { return Ok(None) };
    if raw.lengths_h.is_empty() {
        return Err(fail(&["sizing", at, "lengths_h"], "must list at least one length, e.g. `[4, 6, 8, 10]`".into()));
    }
    // A length longer than the window gives no candidate (the defaults
    // may not fit a short window); only no candidate at all is an error.
    let mut lengths = Vec::new();
    for (i, &h) in raw.lengths_h.iter().enumerate() {
        if !(h.is_finite() && (0.25..=super::MAX_WINDOW_H).contains(&h)) {
            let idx = i.to_string();
            return Err(fail(
                &["sizing", at, "lengths_h", idx.as_str()],
                format!("must be from 0.25 h to {} h, got {}", super::MAX_WINDOW_H, show(h)),
            ));
        }
        lengths.push(h * 3600.0);
    }
    lengths.sort_by(f64::total_cmp);
    lengths.dedup();
    if raw.min_per_shift > super::validate::MAX_HEADCOUNT {
        return Err(fail(
            &["sizing", at, "min_per_shift"],
            format!("must be at most {}, got {}", super::validate::MAX_HEADCOUNT, raw.min_per_shift),
        ));
    }
    let candidates: Vec<(f64, f64)> = starts(raw, at, w, fail)?
        .into_iter()
        .flat_map(|s| lengths.iter().map(move |l| (s, s + l)))
        .filter(|&(_, e)| e <= w.length_s + 1e-6)
        .collect();
    if candidates.is_empty() {
        return Err(fail(
            &["sizing", at, "lengths_h"],
            "no allowed start and length gives a shift within the window: allow shorter lengths or earlier starts"
                .into(),
        ));
    }
    if candidates.len() > MAX_CANDIDATES {
        return Err(fail(
            &["sizing", at],
            format!(
                "the rules give {} candidate shifts, more than {MAX_CANDIDATES}: allow fewer starts or lengths",
                candidates.len()
            ),
        ));
    }
    Ok(Some(ShiftDesign {
        candidates,
        min_per_shift: raw.min_per_shift,
        max_distinct_shifts: (raw.max_distinct_shifts > 0).then_some(raw.max_distinct_shifts),
    }))
}
