//! The availability fields as written: `[availability]` (breaks, no-break
//! periods, recall) and the attendance and pool fields shared by agent and
//! packer groups.

use super::raw::{local_time, RawDist};
use serde::{Deserialize, Serialize};

/// `[availability]`: breaks of agents and packers.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawAvailability {
    /// Break rules, in the order a person takes them.
    #[serde(default)]
    pub breaks: Vec<RawBreakRule>,
    /// Periods in which no break is placed.
    #[serde(default)]
    pub no_breaks: Vec<RawPeriod>,
    /// Recall a resting agent when a chat joins a queue this long [chats].
    pub recall_when_waiting_over: Option<u32>,
}

impl RawAvailability {
    /// True when nothing is set (no break, no recall).
    pub fn is_empty(&self) -> bool {
        self.breaks.is_empty() && self.no_breaks.is_empty() && self.recall_when_waiting_over.is_none()
    }
}

/// `[[availability.breaks]]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawBreakRule {
    /// Name.
    pub name: String,
    /// Length [min].
    pub length_min: f64,
    /// Shifts at least this long have the break [h].
    #[serde(default)]
    pub min_shift_h: f64,
    /// Shifts at least this long do not [h].
    pub max_shift_h: Option<f64>,
    /// Earliest start after the shift's start [h].
    #[serde(default)]
    pub earliest_after_start_h: f64,
    /// The break ends at the latest this long before the shift's end [h].
    #[serde(default)]
    pub latest_before_end_h: f64,
    /// Who takes it: `both`, `agents` or `packers`.
    #[serde(default)]
    pub applies_to: RawAppliesTo,
}

/// Who takes a break.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RawAppliesTo {
    /// Agents and packers.
    #[default]
    Both,
    /// Agents only.
    Agents,
    /// Packers only.
    Packers,
}

/// A period `{ start = "...", end = "..." }` in local time.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    /// Local start date-time.
    #[serde(deserialize_with = "local_time")]
    pub start: String,
    /// Local end date-time.
    #[serde(deserialize_with = "local_time")]
    pub end: String,
}

/// The attendance and pool fields of a group (agents or packers), as
/// written in `[[chat.groups]]` and `[[warehouse.groups]]`.
pub struct RawAttendanceView<'a> {
    /// Probability that a person-shift is missing [share].
    pub absence_share: f64,
    /// Share of present person-shifts that start late [share].
    pub late_start_share: f64,
    /// How late [min].
    pub late_start_min: Option<&'a RawDist>,
    /// People of the group in the pool [count].
    pub people: Option<u32>,
    /// Most paid hours of one person in the window [h].
    pub max_hours: Option<f64>,
}

/// The default lateness of a late start: exponential, mean 10 minutes.
pub fn default_late_start_min() -> RawDist {
    RawDist::Exponential { mean: 10.0 }
}
