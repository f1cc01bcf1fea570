//! How well a replay reproduces the day it replays: per period and over
//! the window, the actual figure against the replay's replications (mean,
//! p5–p95, whether the actual lies inside), the relative error of the
//! service level, the abandonment and the mean wait, and a one-line verdict.

use super::chat_actuals::ChatActuals;
use super::plan_vs_actual::{compare, finite_or_null, PlanVsActual};
use super::RowCounts;
use crate::figures as fig;
use crate::result::SimulationReport;
use serde::Serialize;

/// Version of the JSON layout of `replay_vs_actual.json`.
pub const SCHEMA_VERSION: u32 = 1;

/// The figures held against the day, with the measure names of the
/// per-period table.
pub const DAY_MEASURES: [&str; 3] = [fig::SERVICE_LEVEL.name, fig::ABANDON_SHARE.name, fig::RESPONSE_MEAN_S.name];

/// One figure over the whole window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayFigure {
    /// The measure (`service_level`, `abandon_share`, `response_mean_s`).
    pub measure: &'static str,
    /// What happened; `None` if the export cannot tell.
    pub actual: Option<f64>,
    /// Mean across the replay's replications (`null` if not defined).
    #[serde(serialize_with = "finite_or_null")]
    pub replay_mean: f64,
    /// 5th percentile across the replications.
    #[serde(serialize_with = "finite_or_null")]
    pub replay_p5: f64,
    /// 95th percentile across the replications.
    #[serde(serialize_with = "finite_or_null")]
    pub replay_p95: f64,
    /// Whether the actual lies within `[replay_p5, replay_p95]`.
    pub inside_band: Option<bool>,
    /// `replay_mean / actual − 1` [share]; `None` if the actual is 0 or unknown.
    pub relative_error: Option<f64>,
}

/// The replay against the actuals.
#[derive(Debug, Clone, Serialize)]
pub struct ReplayCheck {
    /// Layout version.
    pub schema_version: u32,
    /// How the replay was staffed (the estimator, for the actual staffing).
    pub staffing: String,
    /// The day's figures.
    pub day: Vec<DayFigure>,
    /// Periods whose actual service level lies inside the replay's p5–p95 [count].
    pub service_level_periods_inside: usize,
    /// Periods with an actual service level [count].
    pub service_level_periods: usize,
    /// The largest relative error of the day's service level and
    /// abandonment [share]; `None` if neither is known.
    pub within: Option<f64>,
    /// One line: how well the day is reproduced.
    pub verdict: String,
    /// Period by period (the replay in place of the forecast).
    pub periods: PlanVsActual,
}

fn day_actuals(c: &ChatActuals) -> [Option<f64>; 3] {
    let k = &c.counts;
    let sum = |v: &[u64]| v.iter().sum::<u64>() as f64;
    let offered = sum(&k.inquiries) - sum(&k.deflected);
    let waits = sum(&k.waits);
    let share = |x: f64| (offered > 0.0).then(|| x / offered);
    [
        share(sum(&k.on_time)).filter(|_| waits > 0.0),
        share(sum(&k.abandoned)),
        (waits > 0.0).then(|| k.wait_sum_s.iter().sum::<f64>() / waits),
    ]
}

/// Sets the `replay` report against the actual `chats` it replays; the
/// export was `file` with `rows`; `staffing` says how the replay was staffed.
pub fn check(
    replay: &SimulationReport,
    chats: &ChatActuals,
    file: &str,
    rows: RowCounts,
    staffing: String,
) -> ReplayCheck {
    let periods = compare(replay, chats, None, file, rows);
    let day: Vec<DayFigure> = DAY_MEASURES
        .iter()
        .zip(day_actuals(chats))
        .map(|(&measure, actual)| {
            let s = replay.kpis.get(measure);
            let (p5, mean, p95) = s.map_or((f64::NAN, f64::NAN, f64::NAN), |s| (s.p5, s.mean, s.p95));
            DayFigure {
                measure,
                actual,
                replay_mean: mean,
                replay_p5: p5,
                replay_p95: p95,
                inside_band: actual.map(|a| super::plan_vs_actual::inside_band(a, p5, p95)),
                relative_error: actual.filter(|&a| a > 0.0 && mean.is_finite()).map(|a| mean / a - 1.0),
            }
        })
        .collect();
    let sl = periods.index(fig::SERVICE_LEVEL.name).expect("a chat measure");
    let with_sl = || periods.periods.iter().filter_map(|p| p.figures[sl].inside_band);
    let (inside, of) = (with_sl().filter(|&b| b).count(), with_sl().count());
    let within = day[..2].iter().filter_map(|d| d.relative_error.map(f64::abs)).reduce(f64::max);
    let verdict = verdict(&day, within, inside, of);
    ReplayCheck {
        schema_version: SCHEMA_VERSION,
        staffing,
        day,
        service_level_periods_inside: inside,
        service_level_periods: of,
        within,
        verdict,
        periods,
    }
}

fn signed(x: Option<f64>) -> String {
    x.map_or_else(|| "unknown".into(), |e| format!("{:+.1}%", 100.0 * e))
}

/// "This day is reproduced within 4.6% (service level −4.6%, abandonment
/// +2.5%, mean wait +0.2%); the actual service level lies inside the
/// replay's p5–p95 in 12 of 17 periods."
fn verdict(day: &[DayFigure], within: Option<f64>, inside: usize, of: usize) -> String {
    let head = match within {
        Some(w) => format!("This day is reproduced within {:.1}%", 100.0 * w),
        None => "The export does not tell how well this day is reproduced".into(),
    };
    format!(
        "{head} (service level {}, abandonment {}, mean wait {}); the actual service level lies inside the replay's \
         p5–p95 in {inside} of {of} periods.",
        signed(day[0].relative_error),
        signed(day[1].relative_error),
        signed(day[2].relative_error)
    )
}
