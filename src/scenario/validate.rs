//! From the raw file to a checked scenario in internal units. Every rule
//! here names the field it checks; errors carry the field's line.

use super::error::{show, ScenarioError};
use super::locate::{locate, render, Seg};
use super::raw::{RawArrivals, RawChat, RawDist, RawScenario, RawShift};
use super::time::{parse_local, parse_zone};
use super::{RunSettings, Scenario, Window};
use crate::model::arrivals::PiecewiseRate;
use crate::model::chat::{AgentGroup, ChatParams, Returns};
use crate::model::demand::{with_peaks, Peak, PeakOp};
use crate::model::dist::Dist;
use crate::model::observe::Periods;
use crate::model::shifts::Shift;
use crate::model::ModelParams;
use crate::targets::Targets;
use chrono::DateTime;
use chrono_tz::Tz;
use std::collections::HashSet;

/// Largest accepted window [h]: one leap year.
pub const MAX_WINDOW_H: f64 = 24.0 * 366.0;
/// Largest accepted number of reporting periods.
pub const MAX_PERIODS: usize = 100_000;
/// Largest accepted expected inquiries per replication.
pub const MAX_INQUIRIES: f64 = 100_000_000.0;
/// Largest accepted headcount of one group in one shift.
pub const MAX_HEADCOUNT: u32 = 100_000;
/// Most returns of one customer.
pub const MAX_RETURNS: u32 = 100;
/// Largest accepted number of replications.
pub const MAX_REPLICATIONS: u64 = 10_000_000;

/// Largest accepted parameter of a distribution (a mean, value or bound),
/// in the unit of its field: 1e9 s is some 30 years.
pub const MAX_DIST_VALUE: f64 = 1e9;

/// The distribution `raw` describes (`None` for `kind = "none"`), checked
/// by its constructor but not against [`MAX_DIST_VALUE`].
pub(super) fn build_dist(raw: &RawDist) -> Result<Option<Dist>, crate::model::dist::DistError> {
    match *raw {
        RawDist::Exponential { mean } => Dist::exponential(mean).map(Some),
        RawDist::Lognormal { mean, cv } => Dist::lognormal(mean, cv).map(Some),
        RawDist::Fixed { value } => Dist::fixed(value).map(Some),
        RawDist::Uniform { min, max } => Dist::uniform(min, max).map(Some),
        RawDist::None => Ok(None),
    }
}

/// Validation context: the text (for line numbers) and the file's name.
pub(super) struct Ctx<'a> {
    text: &'a str,
    source: &'a str,
}

pub(super) type Path = Vec<Seg>;

pub(super) fn p(parts: &[&str]) -> Path {
    parts.iter().map(|s| Seg::Key(s.to_string())).collect()
}

pub(super) fn with(path: &Path, more: Seg) -> Path {
    let mut v = path.clone();
    v.push(more);
    v
}

pub(super) fn key(path: &Path, k: &str) -> Path {
    with(path, Seg::Key(k.into()))
}

impl Ctx<'_> {
    pub(super) fn err(&self, path: &Path, message: impl Into<String>) -> ScenarioError {
        ScenarioError {
            source_name: self.source.to_string(),
            line: locate(self.text, path),
            field: Some(render(path)),
            message: message.into(),
        }
    }

    pub(super) fn finite(&self, path: &Path, v: f64, lo: f64, hi: f64) -> Result<f64, ScenarioError> {
        if v.is_finite() && v >= lo && v <= hi {
            Ok(v)
        } else {
            Err(self.err(path, format!("must be a number from {lo} to {hi}, got {}", show(v))))
        }
    }

    pub(super) fn positive(&self, path: &Path, v: f64, hi: f64) -> Result<f64, ScenarioError> {
        if v.is_finite() && v > 0.0 && v <= hi {
            Ok(v)
        } else {
            Err(self.err(path, format!("must be a number above 0 and at most {hi}, got {}", show(v))))
        }
    }

    pub(super) fn share(&self, path: &Path, v: f64) -> Result<f64, ScenarioError> {
        if (0.0..=1.0).contains(&v) {
            Ok(v)
        } else {
            Err(self.err(path, format!("must be a share between 0 and 1, got {}", show(v))))
        }
    }

    /// A share strictly between 0 and 1: a confidence of 0 asks nothing of
    /// the replications, one of 1 what no finite sample shows.
    pub(super) fn open_share(&self, path: &Path, v: f64) -> Result<f64, ScenarioError> {
        if v > 0.0 && v < 1.0 {
            Ok(v)
        } else {
            Err(self.err(path, format!("must be a share above 0 and below 1 (e.g. 0.95), got {}", show(v))))
        }
    }

    /// A distribution as written, its parameters at most
    /// [`MAX_DIST_VALUE`]; `kind = "none"` only if `allow_none`.
    pub(super) fn dist(&self, path: &Path, raw: &RawDist, allow_none: bool) -> Result<Option<Dist>, ScenarioError> {
        let params: &[(&str, f64)] = match *raw {
            RawDist::Exponential { mean } => &[("mean", mean)],
            RawDist::Lognormal { cv, .. } if cv > 100.0 => {
                return Err(self.err(path, format!("`cv` must be at most 100, got {}", show(cv))))
            }
            RawDist::Lognormal { mean, .. } => &[("mean", mean)],
            RawDist::Fixed { value } => &[("value", value)],
            RawDist::Uniform { min, max } => &[("min", min), ("max", max)],
            RawDist::None if allow_none => return Ok(None),
            RawDist::None => return Err(self.err(path, "`kind = \"none\"` is only allowed for patience")),
        };
        if let Some((name, v)) = params.iter().find(|(_, v)| v.abs() > MAX_DIST_VALUE) {
            return Err(self.err(path, format!("`{name}` must be at most {}, got {}", show(MAX_DIST_VALUE), show(*v))));
        }
        build_dist(raw).map_err(|e| self.err(path, e.0))
    }

    pub(super) fn unique_names<'n>(
        &self,
        path: &Path,
        names: impl Iterator<Item = &'n str>,
    ) -> Result<(), ScenarioError> {
        let mut seen = HashSet::new();
        for (i, n) in names.enumerate() {
            let at = key(&with(path, Seg::Index(i)), "name");
            if n.trim().is_empty() {
                return Err(self.err(&at, "must not be empty"));
            }
            if !seen.insert(n) {
                return Err(self.err(&at, format!("the name `{n}` is used twice")));
            }
        }
        Ok(())
    }
}

/// A time relative to the window start [s], checked to lie in `[lo, hi]`.
pub(super) fn offset(ctx: &Ctx, path: &Path, text: &str, w: &Window, lo: f64, hi: f64) -> Result<f64, ScenarioError> {
    let t = parse_local(text, w.time_zone).map_err(|e| ctx.err(path, e))?;
    let s = (t - w.start).num_milliseconds() as f64 / 1000.0;
    if s < lo || s > hi {
        return Err(ctx.err(
            path,
            format!("`{text}` is outside the window (from {} for {} h)", w.start_local(), w.length_s / 3600.0),
        ));
    }
    Ok(s)
}

fn window(ctx: &Ctx, raw: &RawScenario) -> Result<Window, ScenarioError> {
    let base = p(&["window"]);
    let tz: Tz = parse_zone(&raw.window.time_zone).map_err(|e| ctx.err(&key(&base, "time_zone"), e))?;
    let start: DateTime<Tz> = parse_local(&raw.window.start, tz).map_err(|e| ctx.err(&key(&base, "start"), e))?;
    let length_h = ctx.positive(&key(&base, "length_h"), raw.window.length_h, MAX_WINDOW_H)?;
    let period_min = ctx.positive(&key(&base, "period_min"), raw.window.period_min, MAX_WINDOW_H * 60.0)?;
    let periods = length_h * 60.0 / period_min;
    if (periods - periods.round()).abs() > 1e-9 || periods.round() < 1.0 {
        return Err(ctx.err(
            &key(&base, "period_min"),
            format!("the window ({length_h} h) must be a whole number of periods of {period_min} min"),
        ));
    }
    if periods.round() as usize > MAX_PERIODS {
        return Err(ctx.err(
            &key(&base, "period_min"),
            format!("{periods} periods is more than the {MAX_PERIODS} allowed; use longer periods"),
        ));
    }
    Ok(Window { start, time_zone: tz, length_s: length_h * 3600.0, period_s: period_min * 60.0 })
}

/// The rate before peaks [per s]: `(start [s], rate)` steps from the
/// profile, or one step from `baseline_per_h`.
fn base_segments(ctx: &Ctx, a: &RawArrivals, w: &Window) -> Result<Vec<(f64, f64)>, ScenarioError> {
    let base = p(&["arrivals"]);
    let end = w.length_s;
    let step_s = ctx.positive(&key(&base, "profile_step_min"), a.profile_step_min, MAX_WINDOW_H * 60.0)? * 60.0;
    match (&a.profile, a.baseline_per_h) {
        (Some(_), Some(_)) => {
            Err(ctx.err(&key(&base, "baseline_per_h"), "give either `profile` or `baseline_per_h`, not both"))
        }
        (None, None) => {
            Err(ctx.err(&base, "give the inquiry rate: `profile` (one value per step) or `baseline_per_h`"))
        }
        (None, Some(r)) => Ok(vec![(0.0, ctx.finite(&key(&base, "baseline_per_h"), r, 0.0, 1e9)? / 3600.0)]),
        (Some(values), None) => {
            let needed = (end / step_s - 1e-9).ceil() as usize;
            if needed > MAX_PERIODS {
                return Err(ctx.err(
                    &key(&base, "profile_step_min"),
                    format!(
                        "steps of {} min make {} steps in the window, more than the {MAX_PERIODS} allowed",
                        show(step_s / 60.0),
                        show((end / step_s).ceil())
                    ),
                ));
            }
            if values.len() != needed {
                return Err(ctx.err(
                    &key(&base, "profile"),
                    format!(
                        "has {} values but the window of {} h needs {needed} steps of {} min",
                        values.len(),
                        end / 3600.0,
                        step_s / 60.0
                    ),
                ));
            }
            values
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    Ok((
                        i as f64 * step_s,
                        ctx.finite(&with(&key(&base, "profile"), Seg::Index(i)), v, 0.0, 1e9)? / 3600.0,
                    ))
                })
                .collect()
        }
    }
}

/// The checked `[[arrivals.peaks]]`, in file order, each with its spread
/// (its own or the `[arrivals]` default).
fn peaks(ctx: &Ctx, a: &RawArrivals, w: &Window) -> Result<Vec<Peak>, ScenarioError> {
    let base = p(&["arrivals"]);
    let end = w.length_s;
    ctx.unique_names(&key(&base, "peaks"), a.peaks.iter().map(|pk| pk.name.as_str()))?;
    let height_cv = ctx.finite(&key(&base, "peak_height_cv"), a.peak_height_cv, 0.0, 10.0)?;
    let shift_sd_min = ctx.finite(&key(&base, "peak_shift_sd_min"), a.peak_shift_sd_min, 0.0, end / 60.0)?;
    let mut peaks = Vec::new();
    for (i, pk) in a.peaks.iter().enumerate() {
        let at = with(&key(&base, "peaks"), Seg::Index(i));
        let s = offset(ctx, &key(&at, "start"), &pk.start, w, 0.0, end)?;
        let e = offset(ctx, &key(&at, "end"), &pk.end, w, 0.0, end)?;
        if e <= s {
            return Err(ctx.err(
                &key(&at, "end"),
                format!("the peak must end after it starts (starts {}, ends {})", pk.start, pk.end),
            ));
        }
        let op = match (pk.multiplier, pk.rate_per_h) {
            (Some(m), None) => PeakOp::Multiply(ctx.finite(&key(&at, "multiplier"), m, 0.0, 1e6)?),
            (None, Some(r)) => PeakOp::SetRate(ctx.finite(&key(&at, "rate_per_h"), r, 0.0, 1e9)? / 3600.0),
            _ => return Err(ctx.err(&at, "give exactly one of `multiplier` or `rate_per_h`")),
        };
        let cv = pk.height_cv.map_or(Ok(height_cv), |v| ctx.finite(&key(&at, "height_cv"), v, 0.0, 10.0))?;
        let sd =
            pk.shift_sd_min.map_or(Ok(shift_sd_min), |v| ctx.finite(&key(&at, "shift_sd_min"), v, 0.0, end / 60.0))?;
        peaks.push(Peak { start_s: s, end_s: e, op, height_cv: cv, shift_sd_s: sd * 60.0 });
    }
    Ok(peaks)
}

/// The expected inquiries over the window the rate is scaled to: `total`,
/// or `visitors × inquiry_share`; `None` when neither is given.
fn inquiry_total(ctx: &Ctx, a: &RawArrivals) -> Result<Option<f64>, ScenarioError> {
    let base = p(&["arrivals"]);
    match (a.total, a.visitors, a.inquiry_share) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            Err(ctx.err(&key(&base, "total"), "give either `total` or `visitors` with `inquiry_share`, not both"))
        }
        (Some(t), None, None) => Ok(Some(ctx.finite(&key(&base, "total"), t, 0.0, MAX_INQUIRIES)?)),
        (None, Some(v), Some(s)) => {
            let v = ctx.finite(&key(&base, "visitors"), v, 0.0, 1e12)?;
            let s = ctx.share(&key(&base, "inquiry_share"), s)?;
            Ok(Some(v * s))
        }
        (None, Some(_), None) => Err(ctx.err(&key(&base, "visitors"), "`visitors` needs `inquiry_share`")),
        (None, None, Some(_)) => Err(ctx.err(&key(&base, "inquiry_share"), "`inquiry_share` needs `visitors`")),
        (None, None, None) => Ok(None),
    }
}

/// The forecast inquiry rate [1/s], and the profile and peaks it is made
/// of, scaled like it.
fn inquiry_rate(ctx: &Ctx, a: &RawArrivals, w: &Window) -> Result<Forecast, ScenarioError> {
    let base = p(&["arrivals"]);
    let mut profile = base_segments(ctx, a, w)?;
    let mut peaks = peaks(ctx, a, w)?;
    let rate = with_peaks(&profile, &peaks, w.length_s);
    let factor = match inquiry_total(ctx, a)? {
        Some(t) if rate.expected_total() > 0.0 => t / rate.expected_total(),
        Some(t) if t > 0.0 => {
            return Err(ctx.err(
                &key(&base, "profile"),
                "the rate is zero over the whole window, so it cannot be scaled to the total",
            ))
        }
        _ => 1.0,
    };
    let rate = if factor == 1.0 { rate } else { rate.scaled(factor) };
    if rate.expected_total() > MAX_INQUIRIES {
        return Err(ctx.err(
            &base,
            format!("{:.0} expected inquiries is more than the {MAX_INQUIRIES} allowed", rate.expected_total()),
        ));
    }
    profile.iter_mut().for_each(|s| s.1 *= factor);
    for pk in &mut peaks {
        if let PeakOp::SetRate(r) = &mut pk.op {
            *r *= factor;
        }
    }
    Ok(Forecast { rate, profile, peaks })
}

/// The forecast of `[arrivals]`.
pub(super) struct Forecast {
    /// The inquiry rate [1/s].
    pub rate: PiecewiseRate,
    /// The profile's steps, scaled like the rate.
    pub profile: Vec<(f64, f64)>,
    /// The named peaks, scaled like the rate.
    pub peaks: Vec<Peak>,
}

fn shifts(
    ctx: &Ctx,
    raw: &[RawShift],
    groups: &[AgentGroup],
    w: &Window,
    path: &Path,
) -> Result<Vec<Shift>, ScenarioError> {
    let views: Vec<StaffShift> =
        raw.iter().map(|s| StaffShift { name: &s.name, start: &s.start, end: &s.end, staff: &s.agents }).collect();
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    staff_shifts(ctx, &views, &names, w, path, "agents", w.length_s)
}

/// A shift as written, whatever the role (`agents` or `packers`).
pub(super) struct StaffShift<'a> {
    pub name: &'a str,
    pub start: &'a str,
    pub end: &'a str,
    /// Headcount per group name, written under `staff_key`.
    pub staff: &'a std::collections::BTreeMap<String, u32>,
}

/// How long after the latest allowed start a shift may end [s].
const SHIFT_END_GRACE_S: f64 = 24.0 * 3600.0;

/// Checks shifts of a role whose groups are `groups` (in order): starts
/// from the window start to `start_max` [s], ends after starts and at most
/// 24 h after `start_max`, known
/// groups, somebody on duty at some time.
pub(super) fn staff_shifts(
    ctx: &Ctx,
    raw: &[StaffShift],
    groups: &[&str],
    w: &Window,
    path: &Path,
    staff_key: &str,
    start_max: f64,
) -> Result<Vec<Shift>, ScenarioError> {
    ctx.unique_names(path, raw.iter().map(|s| s.name))?;
    let mut out = Vec::new();
    for (i, s) in raw.iter().enumerate() {
        let at = with(path, Seg::Index(i));
        let start_s = offset(ctx, &key(&at, "start"), s.start, w, 0.0, start_max)?;
        let end_s = offset(ctx, &key(&at, "end"), s.end, w, f64::NEG_INFINITY, f64::INFINITY)?;
        if end_s > start_max + SHIFT_END_GRACE_S {
            return Err(ctx.err(
                &key(&at, "end"),
                format!(
                    "`{}` is more than 24 h after the latest start a shift may have ({}); check its date",
                    s.end,
                    super::time::label(&w.start, start_max)
                ),
            ));
        }
        if end_s <= start_s {
            return Err(ctx.err(
                &key(&at, "end"),
                format!("the shift must end after it starts (starts {}, ends {})", s.start, s.end),
            ));
        }
        let mut headcount = vec![0; groups.len()];
        for (name, &n) in s.staff {
            let field = key(&key(&at, staff_key), name);
            let g = groups.iter().position(|g| g == name).ok_or_else(|| {
                ctx.err(&field, format!("no group is named `{name}` (groups: {})", groups.join(", ")))
            })?;
            if n > MAX_HEADCOUNT {
                return Err(ctx.err(&field, format!("{n} people is more than the {MAX_HEADCOUNT} allowed")));
            }
            headcount[g] = n;
        }
        out.push(Shift { name: s.name.to_string(), start_s, end_s, headcount });
    }
    if out.iter().all(|s| s.total() == 0) {
        return Err(ctx.err(path, "nobody is on duty at any time in the window: give at least one shift a headcount"));
    }
    Ok(out)
}

fn chat(ctx: &Ctx, c: &RawChat, within_s: f64, w: &Window) -> Result<ChatParams, ScenarioError> {
    let base = p(&["chat"]);
    let groups_path = key(&base, "groups");
    if c.groups.is_empty() {
        return Err(ctx.err(&base, "at least one `[[chat.groups]]` is needed"));
    }
    ctx.unique_names(&groups_path, c.groups.iter().map(|g| g.name.as_str()))?;
    let mut groups = c
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let at = with(&groups_path, Seg::Index(i));
            if !(1..=50).contains(&g.max_concurrent) {
                return Err(ctx.err(
                    &key(&at, "max_concurrent"),
                    format!("must be from 1 to 50 chats, got {}", g.max_concurrent),
                ));
            }
            Ok(AgentGroup {
                name: g.name.clone(),
                max_concurrent: g.max_concurrent as u8,
                slowdown_per_extra_chat: ctx.finite(
                    &key(&at, "slowdown_per_extra_chat"),
                    g.slowdown_per_extra_chat,
                    0.0,
                    10.0,
                )?,
                handle_s: ctx.dist(&key(&at, "handle_s"), &g.handle_s, false)?.expect("none rejected"),
                wrap_up_s: match &g.wrap_up_s {
                    Some(raw) => ctx.dist(&key(&at, "wrap_up_s"), raw, false)?,
                    None => None,
                },
                attendance: super::validate_availability::attendance(ctx, &at, &g.attendance())?,
                skills: None,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let patience_s = ctx.dist(&key(&base, "patience_s"), &c.patience_s, true)?;
    let classes = super::validate_classes::classes(ctx, c, &patience_s, within_s)?;
    super::validate_skills::skills(ctx, c, &classes, &mut groups)?;
    Ok(ChatParams {
        deflection_share: ctx.share(&key(&base, "deflection_share"), c.deflection_share)?,
        classes,
        patience_s,
        response_within_s: within_s,
        shifts: shifts(ctx, &c.shifts, &groups, w, &key(&base, "shifts"))?,
        groups,
        returns: returns(ctx, c)?,
        handle_time_cv: ctx.finite(&key(&base, "handle_time_cv"), c.handle_time_cv, 0.0, 5.0)?,
    })
}

/// Customers who come back (`return_share`, `return_after_min`,
/// `max_returns`); `None` when none do.
fn returns(ctx: &Ctx, c: &RawChat) -> Result<Option<Returns>, ScenarioError> {
    let base = p(&["chat"]);
    let share = ctx.share(&key(&base, "return_share"), c.return_share)?;
    let after_s = super::validate_dispatch::dist(ctx, &key(&base, "return_after_min"), &c.return_after_min, 60.0)?;
    if !(1..=MAX_RETURNS).contains(&c.max_returns) {
        return Err(ctx.err(
            &key(&base, "max_returns"),
            format!("must be from 1 to {MAX_RETURNS} returns, got {}", c.max_returns),
        ));
    }
    if share == 0.0 {
        return Ok(None);
    }
    Ok(Some(Returns { share, after_s, max_returns: c.max_returns as u8 }))
}

/// Checks `raw` (read from `text`, named `source`) and converts it.
pub fn validate(raw: RawScenario, text: &str, source: &str) -> Result<Scenario, ScenarioError> {
    let ctx = Ctx { text, source };
    if raw.name.trim().is_empty() {
        return Err(ctx.err(&p(&["name"]), "must not be empty"));
    }
    let w = window(&ctx, &raw)?;
    let t = &raw.targets;
    let tp = p(&["targets"]);
    let targets = Targets {
        response_within_s: ctx.positive(&key(&tp, "response_within_s"), t.response_within_s, 86_400.0)?,
        service_level: ctx.share(&key(&tp, "service_level"), t.service_level)?,
        abandon_max: ctx.share(&key(&tp, "abandon_max"), t.abandon_max)?,
        confidence: ctx.open_share(&key(&tp, "confidence"), t.confidence)?,
        dispatch_24h_min: ctx.share(&key(&tp, "dispatch_24h_min"), t.dispatch_24h_min)?,
        promise_h: ctx.positive(&key(&tp, "promise_h"), t.promise_h, 24.0 * 366.0)?,
        service_level_scope: t.service_level_scope,
    };
    let reps = raw.run.replications;
    if !(1..=MAX_REPLICATIONS).contains(&reps) {
        return Err(ctx.err(&p(&["run", "replications"]), format!("must be from 1 to {MAX_REPLICATIONS}, got {reps}")));
    }
    let forecast = inquiry_rate(&ctx, &raw.arrivals, &w)?;
    let mut model = ModelParams {
        periods: Periods { length_s: w.period_s, count: (w.length_s / w.period_s).round() as usize },
        inquiry_rate: forecast.rate.clone(),
        demand: None,
        inquiry_trace: None,
        volume_cv: ctx.finite(&p(&["arrivals", "volume_cv"]), raw.arrivals.volume_cv, 0.0, 10.0)?,
        chat: chat(&ctx, &raw.chat, targets.response_within_s, &w)?,
        breaks: super::validate_availability::break_policy(&ctx, &raw.availability, &w)?,
        dispatch: None,
    };
    model.demand = super::validate_demand::demand(&ctx, &raw.arrivals, &w, model.periods, forecast)?;
    model.dispatch = super::validate_dispatch::dispatch(&ctx, &raw, &w, &targets, &model)?;
    if let Some(i) = model.chat.classes.iter().position(|k| k.is_driven()).filter(|_| model.dispatch.is_none()) {
        let at = p(&["chat", "classes"]);
        return Err(ctx.err(
            &key(&with(&at, Seg::Index(i)), "driven_by"),
            "contacts driven by the orders need the dispatch side (`[orders]`, `[warehouse]`, `[[couriers]]`)",
        ));
    }
    super::validate_limits::volume(&ctx, &model)?;
    let fail = |path: &[&str], msg: String| ctx.err(&p(path), msg);
    let costs = super::validate_plan::costs(&raw.costs, &model, &fail)?;
    let sizing = super::validate_plan::sizing(&raw.sizing, &model, &w, &fail)?;
    let pools = super::validate_availability::pools(&ctx, &raw, model.dispatch.is_some())?;
    let intraday =
        super::validate_intraday::intraday(&ctx, &raw.intraday.clone().unwrap_or_default(), &model.chat.groups)?;
    Ok(Scenario {
        intraday,
        costs,
        sizing,
        pools,
        name: raw.name.clone(),
        description: raw.description.clone(),
        source_name: source.to_string(),
        window: w,
        model,
        targets,
        run: RunSettings { replications: reps, seed: raw.run.seed },
        raw,
    })
}
