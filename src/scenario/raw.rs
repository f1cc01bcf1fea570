//! The scenario file as written: a serde mirror of the TOML with defaults and
//! no unknown keys. Nothing here is checked beyond types; see `validate`.

use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// Reads a local date-time written as a string (`"2026-11-10 12:00"`) or as
/// a TOML local date-time (`2026-11-10T12:00:00`, no quotes), keeping it as
/// text for `validate`. A TOML date-time with a UTC offset, a date alone or
/// a time alone is refused: local times are in `window.time_zone`.
pub fn local_time<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    use serde::de::Error;
    match toml::Value::deserialize(d)? {
        toml::Value::String(s) => Ok(s),
        toml::Value::Datetime(t) => match (t.date, t.time, t.offset) {
            (Some(date), Some(time), None) => Ok(format!(
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                date.year, date.month, date.day, time.hour, time.minute, time.second
            )),
            (_, _, Some(_)) => Err(D::Error::custom(format!(
                "`{t}` has a UTC offset; write the local time alone, e.g. \"2026-11-10 12:00\" (its zone is \
                 `window.time_zone`)"
            ))),
            _ => Err(D::Error::custom(format!("`{t}` needs both a date and a time, e.g. \"2026-11-10 12:00\""))),
        },
        other => Err(D::Error::custom(format!(
            "expected a local date-time such as \"2026-11-10 12:00\", got {} `{other}`",
            other.type_str()
        ))),
    }
}

/// A whole scenario file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// Short name, used in report folders.
    #[serde(default = "default_name")]
    pub name: String,
    /// One line describing the scenario.
    #[serde(default)]
    pub description: String,
    /// The simulated window.
    #[serde(default)]
    pub window: RawWindow,
    /// Inquiry arrivals.
    pub arrivals: RawArrivals,
    /// The chat stage.
    pub chat: RawChat,
    /// Service targets.
    #[serde(default)]
    pub targets: RawTargets,
    /// Run settings.
    #[serde(default)]
    pub run: RawRun,
    /// Staff costs.
    #[serde(default)]
    pub costs: super::raw_plan::RawCosts,
    /// Sizing settings.
    #[serde(default)]
    pub sizing: super::raw_plan::RawSizing,
    /// Breaks of agents and packers.
    #[serde(default, skip_serializing_if = "super::raw_availability::RawAvailability::is_empty")]
    pub availability: super::raw_availability::RawAvailability,
    /// Orders (dispatch side; with `warehouse` and `couriers`, or none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orders: Option<super::raw_dispatch::RawOrders>,
    /// The warehouse (dispatch side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warehouse: Option<super::raw_dispatch::RawWarehouse>,
    /// Couriers (dispatch side).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub couriers: Vec<super::raw_dispatch::RawCourier>,
    /// During the sale: the re-forecast's settings and the moves allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intraday: Option<super::raw_intraday::RawIntraday>,
}

/// Whether `x` is zero (a field left at its default is not written back).
pub fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

fn default_name() -> String {
    "scenario".into()
}

/// `[window]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawWindow {
    /// Local start date-time, `YYYY-MM-DD HH:MM`.
    #[serde(deserialize_with = "local_time")]
    pub start: String,
    /// IANA time zone name.
    pub time_zone: String,
    /// Length [h].
    pub length_h: f64,
    /// Reporting period [min].
    pub period_min: f64,
}

impl Default for RawWindow {
    fn default() -> Self {
        Self { start: "2026-11-10 12:00".into(), time_zone: "Asia/Shanghai".into(), length_h: 36.0, period_min: 60.0 }
    }
}

/// `[arrivals]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawArrivals {
    /// Expected inquiries in the window [count].
    pub total: Option<f64>,
    /// Expected visitors in the window [count].
    pub visitors: Option<f64>,
    /// Share of visitors who open a chat [share].
    pub inquiry_share: Option<f64>,
    /// Coefficient of variation of the volume multiplier.
    #[serde(default = "default_volume_cv")]
    pub volume_cv: f64,
    /// Length of one profile step [min].
    #[serde(default = "default_step")]
    pub profile_step_min: f64,
    /// Rate per step [inquiries/h], or relative weights when a total is given.
    pub profile: Option<Vec<f64>>,
    /// A constant rate [inquiries/h] (instead of `profile`).
    pub baseline_per_h: Option<f64>,
    /// Named peaks.
    #[serde(default)]
    pub peaks: Vec<RawPeak>,
    /// Coefficient of variation of each peak's height factor (lognormal,
    /// mean 1), unless the peak gives its own; default 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub peak_height_cv: f64,
    /// Standard deviation of each peak's timing [min], unless the peak gives
    /// its own; default 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub peak_shift_sd_min: f64,
    /// Coefficient of variation of each period's rate (gamma–Poisson);
    /// default 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub period_cv: f64,
    /// Live-stream bursts; none when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bursts: Option<super::raw_demand::RawBursts>,
}

fn default_volume_cv() -> f64 {
    0.10
}
fn default_step() -> f64 {
    60.0
}

/// `[[arrivals.peaks]]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeak {
    /// Name.
    pub name: String,
    /// Local start date-time.
    #[serde(deserialize_with = "local_time")]
    pub start: String,
    /// Local end date-time.
    #[serde(deserialize_with = "local_time")]
    pub end: String,
    /// Multiplies the rate in `[start, end)`.
    pub multiplier: Option<f64>,
    /// Sets the rate in `[start, end)` [inquiries/h].
    pub rate_per_h: Option<f64>,
    /// Coefficient of variation of this peak's height factor; default
    /// `arrivals.peak_height_cv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_cv: Option<f64>,
    /// Standard deviation of this peak's timing [min]; default
    /// `arrivals.peak_shift_sd_min`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift_sd_min: Option<f64>,
}

/// A distribution as written: `{ kind = "lognormal", mean = 300, cv = 0.8 }`.
/// The unit is that of the field holding it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum RawDist {
    /// Exponential.
    Exponential {
        /// Mean.
        mean: f64,
    },
    /// Lognormal.
    Lognormal {
        /// Mean.
        mean: f64,
        /// Coefficient of variation.
        cv: f64,
    },
    /// A fixed value.
    Fixed {
        /// The value.
        value: f64,
    },
    /// Uniform.
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Never happens (patience only: the customer never abandons).
    None,
}

/// `[chat]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawChat {
    /// Share of inquiries closed without an agent [share].
    #[serde(default = "default_deflection")]
    pub deflection_share: f64,
    /// Customer patience [s].
    #[serde(default = "default_patience")]
    pub patience_s: RawDist,
    /// Probability that a customer who abandons comes back [share];
    /// default 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub return_share: f64,
    /// Delay from abandoning to coming back [min]; default exponential,
    /// mean 10 (typical).
    #[serde(default = "default_return_after", skip_serializing_if = "is_default_return_after")]
    pub return_after_min: RawDist,
    /// Most returns of one customer [count]; default 3 (typical).
    #[serde(default = "default_max_returns", skip_serializing_if = "is_default_max_returns")]
    pub max_returns: u32,
    /// Spread of the handle times from one replication to the next: every
    /// chat's handle time in a replication is multiplied by one lognormal
    /// factor with mean 1 and this coefficient of variation [ratio];
    /// default 0 (handle times known).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub handle_time_cv: f64,
    /// Classes of contacts; default: one class.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<super::raw_classes::RawClass>,
    /// Agent groups.
    pub groups: Vec<RawGroup>,
    /// Agent shifts.
    pub shifts: Vec<RawShift>,
}

fn default_return_after() -> RawDist {
    RawDist::Exponential { mean: 10.0 }
}
fn is_default_return_after(d: &RawDist) -> bool {
    matches!(d, RawDist::Exponential { mean } if *mean == 10.0)
}
fn default_max_returns() -> u32 {
    3
}
fn is_default_max_returns(n: &u32) -> bool {
    *n == 3
}

fn default_deflection() -> f64 {
    0.20
}
fn default_patience() -> RawDist {
    RawDist::Lognormal { mean: 240.0, cv: 1.0 }
}

/// `[[chat.groups]]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// Name.
    pub name: String,
    /// Chats at once [count].
    #[serde(default = "default_concurrent")]
    pub max_concurrent: u32,
    /// Stretch per extra concurrent chat [share].
    #[serde(default = "default_slowdown")]
    pub slowdown_per_extra_chat: f64,
    /// Handle time at concurrency one [s].
    pub handle_s: RawDist,
    /// After-chat work per chat [s].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrap_up_s: Option<RawDist>,
    /// Probability that a person-shift is missing [share].
    #[serde(default, skip_serializing_if = "super::raw::is_zero")]
    pub absence_share: f64,
    /// Share of present person-shifts that start late [share].
    #[serde(default, skip_serializing_if = "super::raw::is_zero")]
    pub late_start_share: f64,
    /// How late a late start is [min].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_start_min: Option<RawDist>,
    /// People of the group the shop has for the window [count].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<u32>,
    /// Most paid hours one person works in the window [h].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hours: Option<f64>,
    /// The classes (`[[chat.classes]]` names) the group takes; default:
    /// every class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<String>>,
    /// The group's own priority of some classes, by class name [rank];
    /// default: the classes' priorities.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub priorities: std::collections::BTreeMap<String, u32>,
}

impl RawGroup {
    /// The attendance and pool fields.
    pub fn attendance(&self) -> super::raw_availability::RawAttendanceView<'_> {
        super::raw_availability::RawAttendanceView {
            absence_share: self.absence_share,
            late_start_share: self.late_start_share,
            late_start_min: self.late_start_min.as_ref(),
            people: self.people,
            max_hours: self.max_hours,
        }
    }
}

fn default_concurrent() -> u32 {
    4
}
fn default_slowdown() -> f64 {
    0.10
}

/// `[[chat.shifts]]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawShift {
    /// Name.
    pub name: String,
    /// Local start date-time.
    #[serde(deserialize_with = "local_time")]
    pub start: String,
    /// Local end date-time.
    #[serde(deserialize_with = "local_time")]
    pub end: String,
    /// Headcount per group name [people].
    pub agents: BTreeMap<String, u32>,
}

/// `[targets]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawTargets {
    /// On-time threshold for the first response [s].
    pub response_within_s: f64,
    /// Required service level per period [share].
    pub service_level: f64,
    /// Abandonment cap [share].
    pub abandon_max: f64,
    /// Required share of replications meeting all targets [share].
    pub confidence: f64,
    /// Required share of paid orders dispatched within 24 h [share].
    pub dispatch_24h_min: f64,
    /// Promised time from payment to dispatch [h].
    pub promise_h: f64,
    /// Over what the service-level target is judged (written only when not
    /// the default, so that a scenario without it prints as before).
    #[serde(skip_serializing_if = "crate::targets::ServiceLevelScope::is_default")]
    pub service_level_scope: crate::targets::ServiceLevelScope,
}

impl Default for RawTargets {
    fn default() -> Self {
        Self {
            response_within_s: 30.0,
            service_level: 0.80,
            abandon_max: 0.05,
            confidence: 0.95,
            dispatch_24h_min: 0.95,
            promise_h: 48.0,
            service_level_scope: crate::targets::ServiceLevelScope::EveryPeriodJointly,
        }
    }
}

/// `[run]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawRun {
    /// Replications [count].
    pub replications: u64,
    /// Master seed.
    pub seed: u64,
}

impl Default for RawRun {
    fn default() -> Self {
        Self { replications: 200, seed: 20261111 }
    }
}
