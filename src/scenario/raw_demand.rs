//! `[arrivals.bursts]` as written: live-stream bursts (直播) of extra
//! inquiries at random times [003, 004].

use super::raw::RawDist;
use serde::{Deserialize, Serialize};

/// `[arrivals.bursts]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawBursts {
    /// Expected bursts in the window (Poisson) [count].
    pub mean_count: f64,
    /// Local date-time of the earliest start.
    #[serde(deserialize_with = "super::raw::local_time")]
    pub start: String,
    /// Local date-time of the latest start.
    #[serde(deserialize_with = "super::raw::local_time")]
    pub end: String,
    /// Length of one burst [min]; default 30 (typical).
    #[serde(default = "default_length_min")]
    pub length_min: f64,
    /// Extra inquiries one burst brings [count].
    pub extra_inquiries: RawDist,
}

fn default_length_min() -> f64 {
    30.0
}
